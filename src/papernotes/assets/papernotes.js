/* papernotes: math (bundled KaTeX), sortable and filterable tables (bundled tablesort), Pagefind search. */
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
      var box = document.createElement("input");
      box.type = "search";
      box.className = "pn-filter md-input";
      box.placeholder = "Filter rows";
      box.setAttribute("aria-label", "Filter rows");
      box.addEventListener("input", function () {
        var needle = box.value.toLowerCase();
        table.querySelectorAll("tbody tr").forEach(function (row) {
          row.hidden = needle !== "" && row.textContent.toLowerCase().indexOf(needle) < 0;
        });
      });
      table.parentNode.insertBefore(box, table);
    });
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

  function init() {
    renderMath(document);
    enhanceTables(document);
    searchUi();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
