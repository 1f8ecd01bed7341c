/*
 * codebook — the Search box in every page header (results under the box as you type, "/" to focus)
 * and the results list of search.html?q=…&active=1&guides=1. Logic lives in search.mjs; this file
 * only loads index parts and draws results. Bundled into the classic script assets/search.js (module
 * scripts fail from file://) by site_assets/js/bundle.mjs.
 * Both modes rank the structured layer (codes, NDCs, names, modifiers, descriptor words) with the
 * same function (rank.mjs over the script index); over http(s) Pagefind's full-text hits follow it
 * (from file://, where browsers block Pagefind's fetches, or if Pagefind fails to load, there are
 * none). Either way nothing is fetched from another host.
 * Addresses come from the page: the form's action is the results page, data-root the site root.
 */
import * as S from "./search.mjs";

var input = document.getElementById("search-q");
if (input && input.form) startSearch(input, input.form);

function startSearch(input, form) {
  var root = input.getAttribute("data-root") || "";
  var resultsPage = form.getAttribute("action");
  var page = document.getElementById("search-page");
  /* Over http each result shown loads its Pagefind fragment (~5 kB at 8,000 pages); these counts
   * keep a first query under ~300 kB (bench/search_budget.py). */
  var DROPDOWN_LIMIT = 6;
  /* Full-text hits on a first screen: each loads a Pagefind fragment; "Show more results" adds a
   * whole step of them. The drop-down loads Pagefind (~250 kB at 8,000 pages) only when the
   * structured layer found nothing; its "All N results" page shows the full text below it. */
  var FIRST_FULL_TEXT = 2;
  var PAGE_STEP = 8;
  var EXCERPT_WORDS = 30;
  var parts = (window.CodebookSearchParts = window.CodebookSearchParts || {});

  /* One index part = one classic <script> (works from file://, allowed by script-src 'self'). */
  function loadPart(key, path) {
    if (parts[key]) return Promise.resolve(parts[key]);
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = root + path;
      script.onload = function () {
        if (parts[key]) resolve(parts[key]);
        else reject(new Error("search index part " + path + " is empty"));
      };
      script.onerror = function () {
        reject(new Error("search index part " + path + " could not be loaded"));
      };
      document.head.appendChild(script);
    });
  }
  var store = S.createStore(loadPart);
  var pagefindLoaded = null;

  /* Pagefind, loaded the first time a query leaves room under its structured hits (a code, an NDC
   * or a long enough list never loads it); null from file:// or when it fails to load. */
  function loadPagefind() {
    if (pagefindLoaded) return pagefindLoaded;
    if (!/^https?:$/.test(location.protocol)) return (pagefindLoaded = Promise.resolve(null));
    var url = new URL(root + "pagefind/pagefind.js", document.baseURI).href;
    pagefindLoaded = import(url)
      .then(function (pagefind) {
        /* noWorker: the search is small enough for this thread, and the worker would load a
         * second copy of Pagefind's code (41 kB) on every first query. */
        return pagefind
          .options({ baseUrl: "/", excerptLength: EXCERPT_WORDS, noWorker: true })
          .then(function () {
            return mergeParts(pagefind);
          })
          .then(function (superseded) {
            return S.withoutSuperseded(pagefind, superseded);
          });
      })
      .catch(function () {
        return null;
      });
    return pagefindLoaded;
  }

  function engine(query, options) {
    return S.searchPagefind(loadPagefind, store, query, options);
  }

  /* A large site's Pagefind index comes in parts, and after an edit a small recent index
   * (pagefind/parts.json names their folders); each is merged into the first, so one search covers
   * them all and results are ranked together. Resolves to the ids of the records to drop: those
   * the recent index replaced. */
  function mergeParts(pagefind) {
    return fetch(new URL(root + "pagefind/parts.json", document.baseURI).href)
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .then(function (found) {
        var parts = S.pagefindParts(found);
        return Promise.all(
          parts.folders.map(function (folder) {
            var url = new URL(root + "pagefind/" + folder, document.baseURI).href;
            return pagefind.mergeIndex(url, { baseUrl: "/", excerptLength: EXCERPT_WORDS });
          })
        ).then(function () {
          return parts.superseded;
        });
      });
  }

  var sequence = 0;
  /* Runs a search; calls show(result) only if no newer search started meanwhile. */
  function run(query, options, show) {
    var mine = ++sequence;
    return engine(query, options)
      .then(function (found) {
        if (found && mine === sequence) show(found);
      })
      .catch(function (error) {
        if (mine === sequence) show({ results: [], total: 0, error: error });
      });
  }

  function segmentsInto(parent, segments) {
    segments.forEach(function (segment) {
      var node = segment.mark ? document.createElement("mark") : document.createTextNode(segment.text);
      if (segment.mark) node.textContent = segment.text;
      parent.appendChild(node);
    });
  }

  function span(className, segments) {
    var element = document.createElement("span");
    element.className = className;
    if (typeof segments === "string") element.textContent = segments;
    else segmentsInto(element, segments);
    return element;
  }

  function resultItem(result) {
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + result.path;
    link.className = "search-result";
    var heading = span("result-heading", "");
    heading.appendChild(span("code", result.codeMarks));
    heading.appendChild(document.createTextNode(" "));
    heading.appendChild(span("result-title", result.titleMarks));
    if (result.terminated) heading.append(" ", span("badge badge-terminated", "Terminated"));
    if (!result.guide && !result.drug) heading.append(" ", span("badge badge-catalog", "catalog"));
    link.appendChild(heading);
    if (result.unit) link.appendChild(span("result-unit", "Billing unit: " + result.unit));
    if (result.snippet.length) link.appendChild(span("result-snippet", result.snippet));
    item.appendChild(link);
    if (result.fullText) item.className = "search-fulltext";
    return item;
  }

  function label(className, text) {
    var item = document.createElement("li");
    item.className = className;
    item.setAttribute("role", "presentation");
    item.textContent = text;
    return item;
  }

  /* "Did you mean …?" when the best hit needed a typo fixed; the structured hits; then (over http)
   * Pagefind's full-text hits under their own label. */
  function resultItems(found) {
    var results = found.results;
    var items = [];
    if (found.suggestion && results.length) items.push(label("search-suggestion", "Did you mean \u201c" + found.suggestion + "\u201d?"));
    results.forEach(function (result, i) {
      if (result.fullText && !(results[i - 1] && results[i - 1].fullText)) {
        items.push(label("search-group", "Also mentioned in the text"));
      }
      items.push(resultItem(result));
    });
    return items;
  }

  function statusText(found, query) {
    if (found.error) return "Search is not available: " + found.error.message;
    if (!found.total) return "No codes match \u201c" + query + "\u201d.";
    var shown = found.results.length;
    var count = found.total === 1 ? "1 result" : found.total + " results";
    return count + " for \u201c" + query + "\u201d" + (shown < found.total ? ", showing " + shown + "." : ".");
  }

  /* ---- the drop-down under the header box ---- */
  var popup = document.createElement("div");
  popup.className = "search-popup";
  popup.id = "search-popup";
  popup.hidden = true;
  var popupList = document.createElement("ol");
  popupList.className = "search-results";
  var popupFoot = document.createElement("p");
  popupFoot.className = "search-popup-foot";
  popupFoot.setAttribute("role", "status");
  popup.appendChild(popupList);
  popup.appendChild(popupFoot);
  form.appendChild(popup);
  // aria-expanded is only valid on a combobox: the box announces its drop-down of results.
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", popup.id);
  input.setAttribute("aria-expanded", "false");

  function setOpen(open) {
    popup.hidden = !open;
    input.setAttribute("aria-expanded", String(open));
  }

  function showPopup(query, found) {
    popupList.replaceChildren.apply(popupList, resultItems(found));
    var all = document.createElement("a");
    all.href = resultsPage + "?q=" + encodeURIComponent(query);
    if (found.total > found.results.length) all.textContent = "All " + found.total + " results";
    else all.textContent = found.results.length ? "Open as a page" : "Search the full text";
    popupFoot.replaceChildren(document.createTextNode(statusText(found, query) + " "), all);
    setOpen(true);
  }

  /* Enter on an exact code or NDC opens its page; anything else goes to the results list. */
  form.addEventListener("submit", function (event) {
    var query = input.value.trim();
    if (!S.isExactQuery(S.parseQuery(query))) return;
    event.preventDefault();
    event.stopImmediatePropagation();
    run(query, { limit: 1 }, function (found) {
      var path = S.exactPath(S.parseQuery(query), found);
      if (path) location.href = root + path;
      else if (page) searchPage();
      else form.submit();
    });
  });

  /* ---- search.html: the results list, filters in the URL ---- */
  var pageLimit = PAGE_STEP;
  function filterBox(name) {
    return page && page.querySelector('input[name="' + name + '"]');
  }
  function pageOptions() {
    var fullText = pageLimit - PAGE_STEP + FIRST_FULL_TEXT;
    return { limit: pageLimit, fullText: fullText, active: filterBox("active").checked, guides: filterBox("guides").checked };
  }
  function showPage(query, found) {
    document.getElementById("search-status").textContent = query ? statusText(found, query) : "";
    var list = document.getElementById("search-page-results");
    list.replaceChildren.apply(list, resultItems(found));
    document.getElementById("search-more").hidden = found.results.length >= found.total;
  }
  function searchPage() {
    var query = input.value.trim();
    var params = new URLSearchParams();
    if (query) params.set("q", query);
    ["active", "guides"].forEach(function (name) {
      if (filterBox(name).checked) params.set(name, "1");
    });
    try {
      history.replaceState(null, "", "?" + params.toString());
    } catch (error) {
      /* some browsers refuse to rewrite file:// addresses; the results still show */
    }
    run(query, pageOptions(), function (found) {
      showPage(query, found);
    });
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () {
      pageLimit = PAGE_STEP;
      if (page) return searchPage();
      var query = input.value.trim();
      if (!query) return setOpen(false);
      /* The drop-down never loads Pagefind: with a part per 1,000 pages its index alone would take a
         typed query past the 300 kB budget. The full text is one click away, on the results page. */
      run(query, { limit: DROPDOWN_LIMIT, fullText: 0 }, function (found) {
        showPopup(query, found);
      });
    }, 120);
  });

  /* Keyboard: "/" anywhere focuses the box; arrows walk the results; Escape closes them. */
  function typingIn(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target)) {
      event.preventDefault();
      input.focus();
      input.select();
    }
  });
  form.addEventListener("keydown", function (event) {
    var links = Array.prototype.slice.call(popup.querySelectorAll("a"));
    var at = links.indexOf(document.activeElement);
    if (event.key === "Escape") {
      setOpen(false);
      input.focus();
    } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !popup.hidden && links.length) {
      event.preventDefault();
      var next = event.key === "ArrowDown" ? at + 1 : at - 1;
      if (next < 0) input.focus();
      else links[Math.min(next, links.length - 1)].focus();
    }
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) setOpen(false);
  });

  if (page) {
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    ["active", "guides"].forEach(function (name) {
      filterBox(name).checked = params.get(name) === "1";
      filterBox(name).addEventListener("change", function () {
        pageLimit = PAGE_STEP;
        searchPage();
      });
    });
    document.getElementById("search-more").addEventListener("click", function () {
      pageLimit += PAGE_STEP;
      searchPage();
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      searchPage();
    });
    if (input.value) searchPage();
  }
}
