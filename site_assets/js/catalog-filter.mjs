/*
 * codebook — the filter box of the catalog pages (catalog/*.html). Without JavaScript the form stays
 * hidden and every row shows; with it, rows that do not match get the `hidden` attribute, so print
 * (catalog.css) shows only the rows in view. Matching lives in catalog-match.mjs. Bundled into the
 * classic script assets/catalog-filter.js (works from file://, nothing fetched).
 */
import { parseQuery, rangeMatches, rowMatches } from "./catalog-match.mjs";

var form = document.getElementById("catalog-filter");
if (form) startFilter(form);

function startFilter(form) {
  var input = form.querySelector("input[type=search]");
  var status = form.querySelector("select");
  var count = document.getElementById("catalog-filter-count");
  var table = document.querySelector("table.catalog, table.ranges");
  var isRanges = !document.querySelector("table.catalog");
  var rows = Array.prototype.slice.call(document.querySelectorAll(isRanges ? "table.ranges tbody tr" : "table.catalog tbody tr"));
  var records = rows.map(function (tr) {
    return {
      tr: tr,
      code: tr.id || "",
      text: tr.textContent,
      first: tr.getAttribute("data-first") || "",
      last: tr.getAttribute("data-last") || "",
      active: Number(tr.getAttribute("data-active")),
      terminated: isRanges ? Number(tr.getAttribute("data-terminated")) : tr.classList.contains("t"),
    };
  });

  function apply() {
    var query = parseQuery(input.value);
    var wanted = status ? status.value : "";
    var shown = 0;
    records.forEach(function (record) {
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

  /* A printout has no "click to open": the page's key prints open, then closes again if it was. */
  function printTheKey(legend) {
    if (!legend) return;
    var wasOpen = false;
    window.addEventListener("beforeprint", function () {
      wasOpen = legend.open;
      legend.open = true;
    });
    window.addEventListener("afterprint", function () {
      legend.open = wasOpen;
    });
  }

  /* On the index, a letter's section goes when none of its range rows is left. */
  function hideEmptySections() {
    document.querySelectorAll("section[id^='letter-']").forEach(function (section) {
      section.hidden = !section.querySelector("tbody tr:not([hidden])");
    });
  }

  printTheKey(document.querySelector("details.legend"));
  form.hidden = false;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  input.addEventListener("input", apply);
  if (status) status.addEventListener("change", apply);
  if (table && input.value) apply();
}
