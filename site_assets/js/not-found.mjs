/*
 * codebook — the 404 page's suggestion: from the address it was given, a link to the code's page or
 * its catalog row, and a search for it. The address is read (location) and shown only as text; every
 * link is built with DOM APIs from a code that matched [A-V]dddd. Data (codes with pages, catalog
 * ranges, the URL scheme) comes from data attributes the build writes. Bundled to assets/not-found.js.
 */
import { codeFromAddress, parseRanges, placeOf, siteRoot } from "./not-found-address.mjs";

var box = document.getElementById("not-found-suggestion");
if (box) suggest(box, window.location);

function suggest(box, address) {
  var data = box.dataset;
  var given = data.root || "";
  var root = /^(https?:)?\//.test(given) ? given : siteRoot(address.pathname, data.folders.split(" "));
  var code = codeFromAddress(address.pathname);
  document.getElementById("not-found-address").textContent = address.pathname + address.search;
  var list = document.getElementById("not-found-links");
  var place = placeOf(code, new Set(data.pages.split(" ")), parseRanges(data.ranges));
  if (place.kind === "page") {
    list.appendChild(item(root + data.codePath.replace("{code}", code), "Go to the " + code + " page"));
  } else if (place.kind === "row") {
    var range = place.range;
    var row = root + data.rangePath.replace("{slug}", range.slug) + "#" + code;
    list.appendChild(item(row, code + " in the catalog (" + range.first + "–" + range.last + ")"));
  }
  if (code) list.appendChild(item(root + data.searchPath + "?q=" + encodeURIComponent(code), "Search for " + code));
  box.hidden = list.children.length === 0;
}

function item(href, text) {
  var li = document.createElement("li");
  var a = document.createElement("a");
  a.href = href;
  a.textContent = text;
  li.appendChild(a);
  return li;
}
