/* Generated from site_assets/js/catalog-filter.mjs by site_assets/js/bundle.mjs: edit the modules, then run `make js`. */
(() => {
  // site_assets/js/catalog-match.mjs
  function parseQuery(text) {
    var trimmed = String(text || "").trim().toLowerCase();
    var compact = trimmed.replace(/[\s.-]+/g, "");
    var code = /^[a-z]\d{0,4}$/.test(compact) || /^\d{1,5}$/.test(compact) ? compact.toUpperCase() : "";
    return { words: trimmed.split(/\s+/).filter(Boolean), code };
  }
  function rowMatches(row, query, status) {
    if (status === "active" && row.terminated) return false;
    if (status === "terminated" && !row.terminated) return false;
    if (query.code && row.code.startsWith(query.code)) return true;
    var text = row.text.toLowerCase();
    return query.words.every(function(word) {
      return text.includes(word);
    });
  }
  function rangeMatches(range, query, status) {
    if (status && !(range[status] > 0)) return false;
    if (!query.code) return query.words.length === 0;
    var low = range.first.slice(0, query.code.length);
    var high = range.last.slice(0, query.code.length);
    return low <= query.code && query.code <= high;
  }

  // site_assets/js/catalog-filter.mjs
  var form = document.getElementById("catalog-filter");
  if (form) startFilter(form);
  function startFilter(form2) {
    var input = form2.querySelector("input[type=search]");
    var status = form2.querySelector("select");
    var count = document.getElementById("catalog-filter-count");
    var table = document.querySelector("table.catalog, table.ranges");
    var isRanges = !document.querySelector("table.catalog");
    var rows = Array.prototype.slice.call(document.querySelectorAll(isRanges ? "table.ranges tbody tr" : "table.catalog tbody tr"));
    var records = rows.map(function(tr) {
      return {
        tr,
        code: tr.id || "",
        text: tr.textContent,
        first: tr.getAttribute("data-first") || "",
        last: tr.getAttribute("data-last") || "",
        active: Number(tr.getAttribute("data-active")),
        terminated: isRanges ? Number(tr.getAttribute("data-terminated")) : tr.classList.contains("t")
      };
    });
    function apply() {
      var query = parseQuery(input.value);
      var wanted = status ? status.value : "";
      var shown = 0;
      records.forEach(function(record) {
        var show = isRanges ? rangeMatches(record, query, wanted) : rowMatches(record, query, wanted);
        record.tr.hidden = !show;
        if (show) shown += 1;
      });
      if (isRanges) hideEmptySections();
      count.textContent = summary(shown, isRanges && !query.code && query.words.length > 0);
    }
    function summary(shown, wordsOnIndex) {
      if (wordsOnIndex) return "This list filters by code (e.g. J9035); to find words, use Search at the top of the page.";
      if (shown === records.length) return "";
      return shown + " of " + records.length + (isRanges ? " pages" : " codes") + " shown";
    }
    function printTheKey(legend) {
      if (!legend) return;
      var wasOpen = false;
      window.addEventListener("beforeprint", function() {
        wasOpen = legend.open;
        legend.open = true;
      });
      window.addEventListener("afterprint", function() {
        legend.open = wasOpen;
      });
    }
    function hideEmptySections() {
      document.querySelectorAll("section[id^='letter-']").forEach(function(section) {
        section.hidden = !section.querySelector("tbody tr:not([hidden])");
      });
    }
    printTheKey(document.querySelector("details.legend"));
    form2.hidden = false;
    form2.addEventListener("submit", function(event) {
      event.preventDefault();
      apply();
    });
    input.addEventListener("input", apply);
    if (status) status.addEventListener("change", apply);
    if (table && input.value) apply();
  }
})();
