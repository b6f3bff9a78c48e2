/* papernotes: math (bundled KaTeX), sortable and filterable tables (bundled tablesort), comparisons,
   Pagefind search, copy buttons (Cite blocks). */
(function () {
  "use strict";

  function renderMath(root) {
    if (typeof katex === "undefined") return;
    root.querySelectorAll(".arithmatex").forEach(function (el) {
      var text = el.textContent.trim();
      var display = el.tagName === "DIV" || text.indexOf("\\[") === 0;
      text = text.replace(/^\\[\[(]/, "").replace(/\\[\])]$/, "");
      try {
        katex.render(text, el, { displayMode: display, throwOnError: false });
      } catch (error) {
        el.classList.add("pn-math-error");
      }
    });
  }

  function enhanceTables(root) {
    root.querySelectorAll(".pn-table table").forEach(function (table, index) {
      if (typeof Tablesort !== "undefined" && !table.dataset.pnSortable) {
        table.dataset.pnSortable = "1";
        new Tablesort(table);
      }
      var box = filterBox("search", "Filter rows", "");
      var filters = [box];
      // The Papers table's rows name their authors and venue (data-pn-authors, data-pn-venue):
      // two more boxes filter by them, offering the names found (?author=... / ?venue=... prefill them).
      var params = new URLSearchParams(window.location.search);
      [["pnAuthors", "Author", "author"], ["pnVenue", "Venue", "venue"]].forEach(function (spec) {
        var names = {};
        table.querySelectorAll("tbody tr").forEach(function (row) {
          (row.dataset[spec[0]] || "").split("|").forEach(function (name) { if (name) names[name] = true; });
        });
        if (!Object.keys(names).length) return;
        var field = filterBox("search", spec[1], params.get(spec[2]) || "");
        field.dataset.pnField = spec[0];
        var list = document.createElement("datalist");
        list.id = "pn-" + spec[2] + "s-" + index;
        Object.keys(names).sort().forEach(function (name) {
          var option = document.createElement("option");
          option.value = name;
          list.appendChild(option);
        });
        field.setAttribute("list", list.id);
        table.parentNode.insertBefore(list, table);
        filters.push(field);
      });
      function apply() {
        table.querySelectorAll("tbody tr").forEach(function (row) {
          row.hidden = !filters.every(function (field) {
            var needle = field.value.toLowerCase().trim();
            if (!needle) return true;
            if (!field.dataset.pnField) return row.textContent.toLowerCase().indexOf(needle) >= 0;
            return (row.dataset[field.dataset.pnField] || "").toLowerCase().split("|").some(function (name) {
              return name.indexOf(needle) >= 0;
            });
          });
        });
      }
      filters.forEach(function (field) {
        field.addEventListener("input", apply);
        table.parentNode.insertBefore(field, table);
      });
      apply();
    });
  }

  function filterBox(type, label, value) {
    var box = document.createElement("input");
    box.type = type;
    box.className = "pn-filter md-input";
    box.placeholder = label === "Filter rows" ? label : "Filter by " + label.toLowerCase();
    box.setAttribute("aria-label", box.placeholder);
    box.value = value;
    return box;
  }

  function siteRoot() {
    var script = document.querySelector('script[src$="_papernotes/papernotes.js"]');
    return script ? script.getAttribute("src").replace(/_papernotes\/papernotes\.js$/, "") : "";
  }

  function searchUi() {
    var root = siteRoot();
    var header = document.querySelector(".md-header__inner");
    if (header && !document.querySelector(".pn-header-search")) {
      var form = document.createElement("form");
      form.className = "pn-header-search";
      form.action = root + "search/";
      form.innerHTML = '<input type="search" name="q" placeholder="Search" aria-label="Search">';
      header.appendChild(form);
    }
    var target = document.getElementById("pn-search");
    if (target && typeof PagefindUI !== "undefined") {
      // A large site is indexed in several Pagefind bundles (see papernotes/search.py): merge them.
      fetch(root + "pagefind/shards.json")
        .then(function (response) { return response.ok ? response.json() : []; })
        .catch(function () { return []; })
        .then(function (shards) {
          var ui = new PagefindUI({
            element: "#pn-search", showSubResults: true, bundlePath: root + "pagefind/",
            mergeIndex: shards.map(function (path) { return { bundlePath: root + path }; }),
            processResult: resultImage
          });
          var query = new URLSearchParams(window.location.search).get("q");
          if (query) ui.triggerSearch(query);
        });
    }
  }

  // Pagefind keeps a page's first image as the page wrote it, relative to that page; the
  // Search page shows it from elsewhere, so it is made absolute against the result's page.
  function resultImage(result) {
    if (result.meta && result.meta.image) {
      try {
        result.meta.image = new URL(result.meta.image, new URL(result.url, window.location.href)).href;
      } catch (error) { /* an address URL() cannot read stays as it was */ }
    }
    return result;
  }

  // Copy the text of the element a button names (`data-pn-copy="id"`). The Clipboard API needs a
  // secure context (https or localhost); a site opened from a file or plain http falls back to
  // a selected textarea and execCommand, which every browser still honours on a click.
  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).catch(function () { return copyBySelection(text); });
    }
    return copyBySelection(text);
  }

  function copyBySelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (error) { copied = false; }
    document.body.removeChild(area);
    return copied ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function copyButtons(root) {
    root.querySelectorAll("[data-pn-copy]").forEach(function (button) {
      if (button.dataset.pnReady) return;
      button.dataset.pnReady = "1";
      var label = button.textContent;
      button.addEventListener("click", function () {
        var source = document.getElementById(button.getAttribute("data-pn-copy"));
        if (!source) return;
        copyText(source.textContent).then(function () {
          button.textContent = "Copied";
          button.dataset.pnCopied = "1";
        }, function () {
          button.textContent = "Select and copy";
        });
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  // Comparison: tick papers (`input.pn-pick`, named by paper id) in any table, press the
  // "Compare" link; the comparison page reads the ids from its URL (`?id=a&id=b`), so it can be
  // shared, and the papers' attributes from compare/papers.json (generated with the site).
  function pickedIds() {
    var ids = [];
    document.querySelectorAll("input.pn-pick:checked").forEach(function (box) {
      if (ids.indexOf(box.name) < 0) ids.push(box.name);
    });
    return ids;
  }

  function comparePicks() {
    var links = document.querySelectorAll("a.pn-compare-button");
    if (!links.length) return;
    function update() {
      var count = pickedIds().length;
      links.forEach(function (link) {
        link.textContent = count ? "Compare " + count + " ticked paper" + (count === 1 ? "" : "s")
                                 : "Compare ticked papers";
        link.classList.toggle("md-button--primary", count >= 2);
      });
    }
    document.querySelectorAll("input.pn-pick").forEach(function (box) {
      box.addEventListener("change", update);
    });
    links.forEach(function (link) {
      link.addEventListener("click", function (event) {
        var ids = pickedIds();
        if (!ids.length) { event.preventDefault(); link.textContent = "Tick papers to compare first"; return; }
        event.preventDefault();
        var query = new URLSearchParams();
        ids.forEach(function (id) { query.append("id", id); });
        window.location.href = link.getAttribute("href").split("?")[0] + "?" + query.toString();
      });
    });
    update();
  }

  function cell(tag, text) {
    var el = document.createElement(tag);
    el.textContent = text;
    return el;
  }

  function showComparison(target, data, ids) {
    var root = siteRoot();
    var own = Object.prototype.hasOwnProperty;
    var papers = ids.map(function (id) { return [id, own.call(data.papers, id) ? data.papers[id] : null]; });
    var missing = papers.filter(function (p) { return !p[1]; }).map(function (p) { return p[0]; });
    papers = papers.filter(function (p) { return p[1]; });
    if (!papers.length) {
      target.appendChild(cell("p", "None of the papers in this address is on the site."));
      return;
    }
    var keys = [];
    Object.keys(data.labels).forEach(function (key) {
      if (papers.some(function (p) { return p[1].a[key]; })) keys.push(key);
    });
    var table = document.createElement("table");  // no class: Material styles tables without one
    var head = document.createElement("tr");
    head.appendChild(cell("th", ""));
    papers.forEach(function (p) {
      var th = document.createElement("th");
      if (p[1].u !== undefined) {
        var a = cell("a", p[1].t);
        a.href = root + p[1].u;
        th.appendChild(a);
      } else {
        th.textContent = p[1].t;
      }
      head.appendChild(th);
    });
    table.appendChild(document.createElement("thead")).appendChild(head);
    var body = table.appendChild(document.createElement("tbody"));
    keys.forEach(function (key) {
      var values = papers.map(function (p) { return p[1].a[key] || ""; });
      var differs = values.some(function (v) { return v.trim().toLowerCase() !== values[0].trim().toLowerCase(); });
      var row = body.appendChild(document.createElement("tr"));
      if (differs && papers.length > 1) row.className = "pn-diff";
      row.appendChild(cell("th", data.labels[key]));
      values.forEach(function (value) {
        var td = cell("td", value || "—");
        if (/^https?:\/\/\S+$/.test(value)) {  // a code or project link: clickable, nothing else is markup
          td.textContent = "";
          td.appendChild(cell("a", value)).href = value;
        }
        row.appendChild(td);
      });
    });
    target.textContent = "";
    var wrap = document.createElement("div");
    wrap.className = "pn-table pn-compare-view";
    wrap.appendChild(table);
    target.appendChild(wrap);
    if (papers.length > 1) {
      target.appendChild(cell("p", "Highlighted rows differ between the papers.")).className = "pn-compare-note";
    }
    if (missing.length) {
      target.appendChild(cell("p", "Not on the site: " + missing.join(", "))).className = "pn-compare-note";
    }
  }

  function comparisonPage() {
    var target = document.getElementById("pn-compare");
    if (!target) return;
    var ids = new URLSearchParams(window.location.search).getAll("id");
    if (!ids.length) return;  // the page's own text says how to pick papers
    fetch(siteRoot() + "compare/papers.json")
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) { showComparison(target, data, ids); })
      .catch(function () {
        target.appendChild(cell("p", "The comparison data (compare/papers.json) could not be read."));
      });
  }

  function init() {
    renderMath(document);
    enhanceTables(document);
    copyButtons(document);
    comparePicks();
    comparisonPage();
    searchUi();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
