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
