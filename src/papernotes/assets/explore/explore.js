/* papernotes: the graph view (global and local) and link previews.
   Positions come from the build (no simulation here). WebGL through the bundled sigma and
   graphology, loaded only when a graph is shown; a small 2D canvas renderer where WebGL is
   missing. Previews come from _papernotes/preview/<shard>.json. */
(function () {
  "use strict";

  var KIND_COLOURS = { paper: "#3f6ec6", note: "#8a8a8a", topic: "#d9822b", queue: "#2e9e6a",
                       author: "#9c4dc4", venue: "#c44d6d" };
  var STATUS_COLOURS = { "": "#b0b0b0", read: "#2e9e6a", reading: "#d9822b", "to-read": "#3f6ec6" };
  var STATUS_LABELS = { read: "Read", reading: "Reading", "to-read": "To read" };
  var PALETTE = ["#3f6ec6", "#d9822b", "#2e9e6a", "#c44d6d", "#9c4dc4", "#1f9bb3", "#b59a1d",
                 "#6b8e23", "#e3619b", "#5a6acf", "#a0522d", "#2f7f7f"];
  var OTHER = "#b8b8b8";
  var DIM = "#e4e4e4";

  // ---------------------------------------------------------------- site paths and data
  function rootUrl() {
    var script = document.querySelector('script[src$="_papernotes/explore/explore.js"]');
    var src = script ? script.getAttribute("src").replace(/_papernotes\/explore\/explore\.js$/, "") : "";
    return new URL(src || "./", location.href);
  }
  var ROOT = rootUrl();

  var jsonCache = {};
  function getJSON(url) {
    if (!jsonCache[url]) {
      jsonCache[url] = fetch(url).then(function (response) {
        return response.ok ? response.json() : null;
      }).catch(function () { return null; });
    }
    return jsonCache[url];
  }

  /* A page's preview, from its shard: FNV-1a of the decoded site path, as explore/previews.py. */
  function previewOf(sitePath) {
    var path = sitePath.split("#")[0];
    try { path = decodeURIComponent(path); } catch (error) { /* keep it as written */ }
    var meta = document.querySelector('meta[name="pn-preview-shards"]');
    var count = meta ? Math.max(1, parseInt(meta.getAttribute("content"), 10) || 1) : 1;
    var bytes = new TextEncoder().encode(path), hash = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) hash = Math.imul(hash ^ bytes[i], 0x01000193) >>> 0;
    return getJSON(ROOT.href + "_papernotes/preview/" + (hash % count) + ".json").then(function (shard) {
      return shard && Object.prototype.hasOwnProperty.call(shard, path) ? shard[path] : null;
    });
  }

  /* The site path of an internal page link, or null (other sites, files, the data itself). */
  function sitePathOf(href) {
    var url;
    try { url = new URL(href, location.href); } catch (error) { return null; }
    if (url.origin !== ROOT.origin || url.pathname.indexOf(ROOT.pathname) !== 0) return null;
    var path = url.pathname.slice(ROOT.pathname.length);
    if (/^(_papernotes|pagefind|assets)\//.test(path) || /\.(xml|json|png|jpe?g|gif|svg|pdf|webp|zip|gz)$/i.test(path)) return null;
    return { path: path, hash: decodeURIComponent(url.hash.slice(1)), url: url };
  }

  // ---------------------------------------------------------------- link previews
  var popover = null, popoverFor = null, hideTimer = 0, showTimer = 0, armed = null, lastPointer = "mouse";

  function popoverElement() {
    if (!popover) {
      popover = document.createElement("div");
      popover.className = "pn-popover md-typeset";
      popover.id = "pn-popover";
      popover.setAttribute("role", "tooltip");
      popover.hidden = true;
      popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
      popover.addEventListener("mouseleave", scheduleHide);
      document.body.appendChild(popover);
    }
    return popover;
  }

  function fill(box, data, hash) {
    var facts = data.anchors && hash && data.anchors[hash] ? data.anchors[hash] : data;
    box.textContent = "";
    var title = document.createElement("strong");
    title.className = "pn-popover-title";
    title.textContent = facts.title || "";
    box.appendChild(title);
    var line = [facts.year, facts.venue, STATUS_LABELS[facts.status]].filter(Boolean).join(" · ");
    if (line) {
      var meta = document.createElement("div");
      meta.className = "pn-popover-meta";
      meta.textContent = line;
      box.appendChild(meta);
    }
    if (facts.authors && facts.authors.length) {
      var authors = document.createElement("div");
      authors.className = "pn-popover-authors";
      authors.textContent = facts.authors.join(", ");
      box.appendChild(authors);
    }
    if (data.text && facts === data) {
      var text = document.createElement("p");
      text.textContent = data.text;
      box.appendChild(text);
    }
  }

  function place(box, rect) {
    var width = Math.min(360, window.innerWidth - 16);
    box.style.maxWidth = width + "px";
    var left = Math.max(8, Math.min(rect.left, window.innerWidth - width - 8));
    var below = rect.bottom + 8;
    box.style.left = left + window.scrollX + "px";
    box.style.top = below + window.scrollY + "px";
    var height = box.offsetHeight;
    if (below + height > window.innerHeight && rect.top - height - 8 > 0) {
      box.style.top = rect.top - height - 8 + window.scrollY + "px";
    }
  }

  /* Shows the preview of `sitePath` next to `rect`; `owner` is the link (or graph) it is for. */
  function showPreview(owner, sitePath, hash, rect) {
    clearTimeout(hideTimer);
    popoverFor = owner;
    return previewOf(sitePath).then(function (data) {
      if (!data || popoverFor !== owner) return;
      var box = popoverElement();
      fill(box, data, hash);
      box.hidden = false;
      place(box, rect);
      if (owner.setAttribute) owner.setAttribute("aria-describedby", "pn-popover");
    });
  }

  function hidePreview() {
    clearTimeout(showTimer);
    if (popover) popover.hidden = true;
    if (popoverFor && popoverFor.removeAttribute) popoverFor.removeAttribute("aria-describedby");
    popoverFor = null;
    armed = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hidePreview, 250);
  }

  function previewLink(target) {
    var link = target && target.closest ? target.closest("a[href]") : null;
    if (!link || !link.closest(".md-content, .pn-popover") || link.closest(".pn-popover")) return null;
    if (link.classList.contains("headerlink") || link.getAttribute("href").charAt(0) === "#") return null;
    var where = sitePathOf(link.href);
    return where ? { link: link, where: where } : null;
  }

  function previews() {
    document.addEventListener("pointerdown", function (event) { lastPointer = event.pointerType || "mouse"; }, true);
    document.addEventListener("mouseover", function (event) {
      if (lastPointer === "touch") return;
      var found = previewLink(event.target);
      if (!found) return;
      clearTimeout(showTimer);
      clearTimeout(hideTimer);
      showTimer = setTimeout(function () {
        showPreview(found.link, found.where.path, found.where.hash, found.link.getBoundingClientRect());
      }, 300);
    });
    document.addEventListener("mouseout", function (event) {
      if (previewLink(event.target)) { clearTimeout(showTimer); scheduleHide(); }
    });
    document.addEventListener("focusin", function (event) {
      var found = previewLink(event.target);
      if (found) showPreview(found.link, found.where.path, found.where.hash, found.link.getBoundingClientRect());
    });
    document.addEventListener("focusout", function (event) {
      if (previewLink(event.target)) scheduleHide();
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape") hidePreview();
    });
    // Phones: the first tap on a link previews it, a second tap on the same link follows it.
    document.addEventListener("click", function (event) {
      var found = previewLink(event.target);
      if (!found) {
        if (!(event.target.closest && event.target.closest(".pn-popover, .pn-graph-canvas"))) hidePreview();
        return;
      }
      if (lastPointer !== "touch" || armed === found.link) return;
      event.preventDefault();
      armed = found.link;
      showPreview(found.link, found.where.path, found.where.hash, found.link.getBoundingClientRect());
    }, true);
  }

  // ---------------------------------------------------------------- graph data
  /* Global data (columns) and local data (rows) as one shape: nodes with label, kind, url, x, y... */
  function fromGlobal(data) {
    var nodes = [];
    for (var i = 0; i < data.label.length; i++) {
      nodes.push({ label: data.label[i], kind: data.kinds[data.kind[i]], url: data.url[i],
                   x: data.xy[2 * i], y: data.xy[2 * i + 1], year: data.year[i],
                   status: data.statuses[data.status[i]], topics: data.topics[i], hop: 0, degree: 0 });
    }
    var edges = [];
    for (var e = 0; e < data.edges.length; e += 2) {
      edges.push([data.edges[e], data.edges[e + 1]]);
      nodes[data.edges[e]].degree++;
      nodes[data.edges[e + 1]].degree++;
    }
    return { nodes: nodes, edges: edges, topicNames: data.topicNames };
  }

  function fromLocal(data) {
    var nodes = data.nodes.map(function (row) {
      return { label: row[0], kind: data.kinds[row[1]], url: row[2], x: row[3], y: row[4], hop: row[5],
               degree: row[6], year: row[7], status: data.statuses[row[8]], topics: row[9] };
    });
    var edges = [];
    for (var e = 0; e < data.edges.length; e += 2) edges.push([data.edges[e], data.edges[e + 1]]);
    return { nodes: nodes, edges: edges, topicNames: data.topicNames };
  }

  function sizeOf(node) { return Math.min(16, 2.5 + 1.6 * Math.sqrt(node.degree)); }

  // ---------------------------------------------------------------- renderers
  /* "webgl", "software" (WebGL drawn by the CPU: SwiftShader, llvmpipe) or "" (none). */
  function webGLKind() {
    try {
      var gl = document.createElement("canvas").getContext("webgl2") ||
               document.createElement("canvas").getContext("webgl");
      if (!gl) return "";
      var info = gl.getExtension("WEBGL_debug_renderer_info");
      var name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : "";
      return /swiftshader|llvmpipe|software/i.test(name) ? "software" : "webgl";
    } catch (error) {
      return "";
    }
  }

  /* WebGL (sigma) for a global graph on a real GPU. The 2D canvas for a local graph (a few
     dozen nodes: no 260 kB of libraries on every note page), without WebGL, and for a big
     graph on software WebGL, where drawing with the CPU directly is faster. */
  function chooseRenderer(forced, local, count) {
    if (forced) return forced;
    var kind = webGLKind();
    if (local || !kind || (kind === "software" && count > 1500)) return "2d";
    return "webgl";
  }

  var libraries = null;
  function loadLibraries() {
    if (!libraries) {
      libraries = ["graphology/graphology.umd.min.js", "sigma/sigma.min.js"].reduce(function (ready, file) {
        return ready.then(function () {
          return new Promise(function (resolve, reject) {
            var script = document.createElement("script");
            script.src = ROOT.href + "_papernotes/" + file;
            script.onload = resolve;
            script.onerror = reject;
            document.head.appendChild(script);
          });
        });
      }, Promise.resolve());
    }
    return libraries;
  }

  /* WebGL: sigma draws, the view's `style(i)` decides colour, size, visibility and labels. */
  function SigmaView(container, graph, view) {
    var g = new graphology.Graph({ type: "undirected", multi: false, allowSelfLoops: false });
    graph.nodes.forEach(function (node, i) {
      g.addNode(String(i), { x: node.x, y: -node.y, size: sizeOf(node), label: node.label, color: OTHER });
    });
    graph.edges.forEach(function (edge) {
      g.mergeEdge(String(edge[0]), String(edge[1]), { size: 0.6, color: "#d0d0d0" });
    });
    var renderer = new Sigma(g, container, {
      hideEdgesOnMove: graph.nodes.length > 2000,
      labelRenderedSizeThreshold: 7,
      labelColor: { color: getComputedStyle(container).color || "#333" },
      labelDensity: 0.6,
      zIndex: true,
      nodeReducer: function (key, attributes) {
        var style = view.style(+key);
        var out = Object.assign({}, attributes);
        out.hidden = style.hidden;
        out.color = style.color;
        out.size = style.size;
        out.forceLabel = style.forceLabel;
        out.highlighted = style.highlighted;
        out.zIndex = style.highlighted ? 2 : style.dim ? 0 : 1;
        return out;
      },
      edgeReducer: function (key, attributes) {
        var ends = g.extremities(key);
        var out = Object.assign({}, attributes);
        out.hidden = view.style(+ends[0]).hidden || view.style(+ends[1]).hidden;
        if (view.active !== null && (+ends[0] === view.active || +ends[1] === view.active)) {
          out.color = "#888";
          out.size = 1.2;
        }
        return out;
      },
    });
    renderer.on("clickNode", function (event) { view.click(+event.node, event.event.original); });
    renderer.on("enterNode", function (event) { view.hover(+event.node); });
    renderer.on("leaveNode", function () { view.hover(null); });
    this.kind = "webgl";
    this.canvas = container.querySelector("canvas");
    this.refresh = function () { renderer.refresh(); };
    this.focus = function (i) {
      var data = renderer.getNodeDisplayData(String(i));
      if (data) renderer.getCamera().animate({ x: data.x, y: data.y, ratio: 0.25 }, { duration: 400 });
    };
    this.screen = function (i) {
      var data = renderer.getNodeDisplayData(String(i));
      var point = data ? renderer.framedGraphToViewport(data) : { x: 0, y: 0 };
      var box = container.getBoundingClientRect();
      return { left: box.left + point.x, right: box.left + point.x, top: box.top + point.y, bottom: box.top + point.y };
    };
    this.camera = renderer.getCamera();
    this.renderer = renderer;
  }

  /* No WebGL: the same view on a 2D canvas. Pan by dragging, zoom with the wheel, click a node. */
  function CanvasView(container, graph, view) {
    var canvas = document.createElement("canvas");
    canvas.className = "pn-graph-2d";
    container.appendChild(canvas);
    var context = canvas.getContext("2d");
    var nodes = graph.nodes, edges = graph.edges;
    var minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    nodes.forEach(function (node) {
      minX = Math.min(minX, node.x); maxX = Math.max(maxX, node.x);
      minY = Math.min(minY, node.y); maxY = Math.max(maxY, node.y);
    });
    var camera = { scale: 1, x: (minX + maxX) / 2, y: (minY + maxY) / 2 };
    var width = 0, height = 0, pending = false, self = this;
    var big = nodes.length > 1500, moving = false, still = 0;
    var ink = getComputedStyle(container).color || "#333";  // labels follow the light or dark scheme
    function move() {  // a big graph drops edges and labels while it moves, as sigma does
      if (!big) return;
      moving = true;
      clearTimeout(still);
      still = setTimeout(function () { moving = false; redraw(); }, 160);
    }

    function fit() {
      var ratio = window.devicePixelRatio || 1;
      width = container.clientWidth; height = container.clientHeight;
      canvas.width = width * ratio; canvas.height = height * ratio;
      canvas.style.width = width + "px"; canvas.style.height = height + "px";
      context.setTransform(ratio, 0, 0, ratio, 0, 0);
      camera.scale = Math.min(width / (maxX - minX + 40 || 1), height / (maxY - minY + 40 || 1));
    }
    function toScreen(node) {
      return [(node.x - camera.x) * camera.scale + width / 2, (node.y - camera.y) * camera.scale + height / 2];
    }
    function draw() {
      pending = false;
      context.clearRect(0, 0, width, height);
      var styles = nodes.map(function (node, i) { return view.style(i); });
      var points = nodes.map(toScreen);
      context.lineWidth = 0.6;
      context.strokeStyle = "#d0d0d0";
      context.beginPath();
      if (!moving) edges.forEach(function (edge) {
        if (styles[edge[0]].hidden || styles[edge[1]].hidden) return;
        context.moveTo(points[edge[0]][0], points[edge[0]][1]);
        context.lineTo(points[edge[1]][0], points[edge[1]][1]);
      });
      context.stroke();
      var byColour = {};
      nodes.forEach(function (node, i) {
        var style = styles[i];
        if (style.hidden) return;
        var p = points[i];
        if (p[0] < -20 || p[1] < -20 || p[0] > width + 20 || p[1] > height + 20) return;
        (byColour[style.color] = byColour[style.color] || []).push(i);
      });
      Object.keys(byColour).forEach(function (colour) {
        context.fillStyle = colour;
        context.beginPath();
        byColour[colour].forEach(function (i) {
          var p = points[i], radius = styles[i].size;
          context.moveTo(p[0] + radius, p[1]);
          context.arc(p[0], p[1], radius, 0, 2 * Math.PI);
        });
        context.fill();
      });
      context.fillStyle = ink;
      context.font = "12px sans-serif";
      if (!moving) nodes.forEach(function (node, i) {
        var style = styles[i];
        if (style.hidden || !(style.forceLabel || style.size * Math.sqrt(camera.scale) > 9)) return;
        context.fillText(node.label, points[i][0] + style.size + 3, points[i][1] + 4);
      });
    }
    function redraw() {
      if (!pending) { pending = true; requestAnimationFrame(draw); }
    }
    function nodeAt(x, y) {
      var best = null, bestDistance = Infinity;
      nodes.forEach(function (node, i) {
        var style = view.style(i);
        if (style.hidden) return;
        var p = toScreen(node), dx = p[0] - x, dy = p[1] - y, distance = dx * dx + dy * dy;
        var reach = Math.max(style.size + 3, 8);
        if (distance < reach * reach && distance < bestDistance) { best = i; bestDistance = distance; }
      });
      return best;
    }
    var drag = null, moved = false, hovered = null;
    canvas.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, cx: camera.x, cy: camera.y };
      moved = false;
      canvas.setPointerCapture(event.pointerId);
    });
    canvas.addEventListener("pointermove", function (event) {
      var box = canvas.getBoundingClientRect();
      if (drag) {
        var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
        if (Math.abs(dx) + Math.abs(dy) > 3) moved = true;
        camera.x = drag.cx - dx / camera.scale;
        camera.y = drag.cy - dy / camera.scale;
        move();
        redraw();
        return;
      }
      var found = nodeAt(event.clientX - box.left, event.clientY - box.top);
      if (found !== hovered) { hovered = found; view.hover(found); }
    });
    canvas.addEventListener("pointerup", function (event) {
      var box = canvas.getBoundingClientRect();
      if (drag && !moved) {
        var found = nodeAt(event.clientX - box.left, event.clientY - box.top);
        if (found !== null) view.click(found, event);
      }
      drag = null;
    });
    canvas.addEventListener("wheel", function (event) {
      event.preventDefault();
      var box = canvas.getBoundingClientRect();
      var x = event.clientX - box.left - width / 2, y = event.clientY - box.top - height / 2;
      var factor = Math.exp(-event.deltaY * 0.002);
      camera.x += x / camera.scale - x / (camera.scale * factor);
      camera.y += y / camera.scale - y / (camera.scale * factor);
      camera.scale *= factor;
      move();
      redraw();
    }, { passive: false });
    window.addEventListener("resize", function () { fit(); redraw(); });
    fit();
    draw();
    this.kind = "2d";
    this.canvas = canvas;
    this.refresh = redraw;
    this.focus = function (i) {
      camera.x = nodes[i].x; camera.y = nodes[i].y;
      camera.scale = Math.max(camera.scale, 2);
      redraw();
    };
    this.screen = function (i) {
      var p = toScreen(nodes[i]), box = canvas.getBoundingClientRect();
      return { left: box.left + p[0], right: box.left + p[0], top: box.top + p[1], bottom: box.top + p[1] };
    };
    this.camera = camera;
    self.nodeAt = nodeAt;
  }

  // ---------------------------------------------------------------- the view: styles, filters, controls
  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function GraphView(container, graph, options) {
    var view = this;
    var nodes = view.nodes = graph.nodes;
    var topicNames = graph.topicNames || [];
    var state = { colour: "kind", kinds: {}, topic: -1, from: 0, to: 0, status: "any", hops: 2 };
    nodes.forEach(function (node) { state.kinds[node.kind] = true; });
    var neighbours = nodes.map(function () { return []; });
    graph.edges.forEach(function (edge) { neighbours[edge[0]].push(edge[1]); neighbours[edge[1]].push(edge[0]); });
    view.active = null;
    var focused = null, lastTouched = null;

    function colourOf(node) {
      if (state.colour === "status") return STATUS_COLOURS[node.status || ""];
      if (state.colour === "topic") {
        var topic = node.topics && node.topics.length ? node.topics[0] : -1;
        return topic >= 0 && topic < PALETTE.length ? PALETTE[topic] : OTHER;
      }
      return KIND_COLOURS[node.kind] || OTHER;
    }
    function visible(i) {
      var node = nodes[i];
      if (options.local && node.hop > state.hops) return false;
      if (options.local && i === 0) return true;
      if (!state.kinds[node.kind]) return false;
      if (state.topic >= 0 && (node.topics || []).indexOf(state.topic) < 0) return false;
      if (node.year && ((state.from && node.year < state.from) || (state.to && node.year > state.to))) return false;
      if ((state.from || state.to) && node.kind === "paper" && !node.year) return false;
      if (state.status !== "any" && node.kind === "paper" && (node.status || "none") !== state.status) return false;
      return true;
    }
    var cache = null;
    view.style = function (i) {
      if (!cache) cache = [];
      if (cache[i]) return cache[i];
      var node = nodes[i];
      var near = view.active !== null && (i === view.active || neighbours[view.active].indexOf(i) >= 0);
      var dim = view.active !== null && !near;
      return (cache[i] = {
        hidden: !visible(i),
        color: dim ? DIM : colourOf(node),
        size: sizeOf(node) * (i === view.active ? 1.4 : 1),
        forceLabel: near || i === focused || (options.local && node.hop <= 1),
        highlighted: i === focused,
        dim: dim,
      });
    };
    function changed() { cache = null; if (view.renderer) view.renderer.refresh(); }

    view.hover = function (i) {
      view.active = i;
      changed();
      if (i === null) { scheduleHide(); return; }
      if (nodes[i].url !== null) {
        showPreview(view, nodes[i].url, (nodes[i].url.split("#")[1] || ""), view.renderer.screen(i));
      }
    };
    view.click = function (i, event) {
      var url = nodes[i].url;
      if (url === null) return;
      var touch = !!event && (event.pointerType === "touch" || /^touch/.test(event.type || ""));
      if (touch && lastTouched !== i) {  // first tap previews, a second one opens
        lastTouched = i;
        view.hover(i);
        return;
      }
      location.href = new URL(url, ROOT).href;
    };
    view.focus = function (i) {
      focused = i;
      view.active = i;
      changed();
      view.renderer.focus(i);
    };

    // controls
    var bar = element("div", { class: "pn-graph-controls" });
    function select(label, choices, onChange) {
      var wrap = element("label", {}, label + " ");
      var box = element("select");
      choices.forEach(function (choice) { box.appendChild(element("option", { value: choice[0] }, choice[1])); });
      box.addEventListener("change", function () { onChange(box.value); changed(); });
      wrap.appendChild(box);
      bar.appendChild(wrap);
      return box;
    }
    if (options.local) {
      select("Hops", [["2", "2"], ["1", "1"]], function (value) { state.hops = +value; });
    }
    var legend = element("span", { class: "pn-graph-legend", "aria-live": "polite" });
    function showLegend() {  // what the colours mean, for topic and status (kinds: the checkboxes)
      legend.textContent = "";
      var entries = state.colour === "status"
        ? [["read", "Read"], ["reading", "Reading"], ["to-read", "To read"], ["", "no status"]].map(function (item) {
            return [STATUS_COLOURS[item[0]], item[1]];
          })
        : state.colour === "topic"
          ? topicNames.slice(0, PALETTE.length).map(function (name, i) { return [PALETTE[i], name]; }).concat([[OTHER, "other"]])
          : [];
      entries.forEach(function (entry) {
        var item = element("span", { class: "pn-legend-item" });
        item.appendChild(element("span", { class: "pn-swatch", style: "background:" + entry[0] }));
        item.appendChild(document.createTextNode(entry[1]));
        legend.appendChild(item);
      });
    }
    select("Colour by", [["kind", "kind"], ["topic", "topic"], ["status", "status"]],
           function (value) { state.colour = value; showLegend(); });
    if (!options.local) {
      var search = element("input", { type: "search", placeholder: "Find a node", "aria-label": "Find a node",
                                       class: "pn-graph-search md-input" });
      var results = element("div", { class: "pn-graph-results" });
      search.addEventListener("input", function () {
        var needle = search.value.trim().toLowerCase();
        results.textContent = "";
        if (!needle) return;
        var found = [];
        for (var i = 0; i < nodes.length && found.length < 8; i++) {
          if (nodes[i].label.toLowerCase().indexOf(needle) >= 0) found.push(i);
        }
        found.forEach(function (i) {
          var button = element("button", { type: "button" }, nodes[i].label + " (" + nodes[i].kind + ")");
          button.addEventListener("click", function () { view.focus(i); });
          results.appendChild(button);
        });
      });
      search.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && results.firstChild) { event.preventDefault(); results.firstChild.click(); }
      });
      bar.insertBefore(results, bar.firstChild);
      bar.insertBefore(search, bar.firstChild);
      var kinds = element("span", { class: "pn-graph-kinds" });
      Object.keys(state.kinds).forEach(function (kind) {
        var wrap = element("label", {});
        var box = element("input", { type: "checkbox" });
        box.checked = true;
        box.addEventListener("change", function () { state.kinds[kind] = box.checked; changed(); });
        wrap.appendChild(box);
        var swatch = element("span", { class: "pn-swatch", style: "background:" + KIND_COLOURS[kind] });
        wrap.appendChild(swatch);
        wrap.appendChild(document.createTextNode(kind + "s"));
        kinds.appendChild(wrap);
      });
      bar.appendChild(kinds);
      select("Topic", [["-1", "all"]].concat(topicNames.slice(0, 200).map(function (name, i) { return [String(i), name]; })),
             function (value) { state.topic = +value; });
      select("Status", [["any", "any"], ["read", "read"], ["reading", "reading"], ["to-read", "to read"], ["none", "none"]],
             function (value) { state.status = value; });
      ["from", "to"].forEach(function (end) {
        var wrap = element("label", {}, "Year " + end + " ");
        var box = element("input", { type: "number", min: "1900", max: "2100", class: "pn-graph-year" });
        box.addEventListener("input", function () { state[end] = +box.value || 0; changed(); });
        wrap.appendChild(box);
        bar.appendChild(wrap);
      });
    }
    bar.appendChild(legend);
    container.appendChild(bar);
    var stage = element("div", { class: "pn-graph-canvas" });
    container.appendChild(stage);

    var webgl = chooseRenderer(options.renderer, options.local, nodes.length) === "webgl";
    var made = webgl ? loadLibraries().then(function () {
      try {
        return new SigmaView(stage, graph, view);
      } catch (error) {
        stage.textContent = "";
        return new CanvasView(stage, graph, view);
      }
    }, function () { return new CanvasView(stage, graph, view); }) : Promise.resolve(new CanvasView(stage, graph, view));
    return made.then(function (renderer) {
      view.renderer = renderer;
      container.setAttribute("data-renderer", renderer.kind);
      requestAnimationFrame(function () {
        container.setAttribute("data-ready", String(Math.round(performance.now())));
      });
      container.pnGraph = view;
      return view;
    });
  }

  function rendererOption() {
    var match = /[?&]graph-renderer=(2d|webgl)/.exec(location.search);
    return match ? match[1] : "";
  }

  function globalGraph() {
    var container = document.getElementById("pn-graph-global");
    if (!container || container.getAttribute("data-started")) return;
    container.setAttribute("data-started", "1");
    getJSON(ROOT.href + "_papernotes/graph/global.json").then(function (data) {
      if (!data) { container.textContent = "The graph data is missing."; return; }
      return new GraphView(container, fromGlobal(data), { local: false, renderer: rendererOption() });
    });
  }

  function localGraph() {
    var container = document.querySelector(".pn-local-graph");
    if (!container || container.getAttribute("data-started")) return;
    function start() {
      if (container.getAttribute("data-started")) return;
      container.setAttribute("data-started", "1");
      getJSON(new URL(container.getAttribute("data-graph"), location.href).href).then(function (data) {
        if (!data || data.nodes.length < 2) { container.hidden = true; return; }
        var heading = element("h2", { class: "pn-local-graph-title" }, "Graph");
        container.appendChild(heading);
        return new GraphView(container, fromLocal(data), { local: true, renderer: rendererOption() });
      });
    }
    if ("IntersectionObserver" in window) {
      var observer = new IntersectionObserver(function (entries) {
        if (entries.some(function (entry) { return entry.isIntersecting; })) { observer.disconnect(); start(); }
      }, { rootMargin: "200px" });
      observer.observe(container);
    } else {
      start();
    }
  }

  function init() {
    globalGraph();
    localGraph();
  }

  previews();
  if (typeof document$ !== "undefined" && document$.subscribe) {
    document$.subscribe(init);  // Material's instant navigation swaps pages without reloading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
