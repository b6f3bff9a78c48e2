/* papernotes: math (bundled KaTeX), sortable and filterable tables (bundled tablesort), Pagefind search,
   copy buttons (Cite blocks). */
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
            mergeIndex: shards.map(function (path) { return { bundlePath: root + path }; })
          });
          var query = new URLSearchParams(window.location.search).get("q");
          if (query) ui.triggerSearch(query);
        });
    }
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

  function init() {
    renderMath(document);
    enhanceTables(document);
    copyButtons(document);
    searchUi();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
