/* Generated from site_assets/js/not-found.mjs by site_assets/js/bundle.mjs: edit the modules, then run `make js`. */
(() => {
  // site_assets/js/not-found-address.mjs
  var CODE = /(?:^|[^A-Za-z0-9])([A-Va-v]\d{4})(?![0-9])/g;
  function codeFromAddress(pathname) {
    var text = safeDecode(String(pathname || ""));
    var found = "";
    for (var match of text.matchAll(CODE)) found = match[1].toUpperCase();
    return found;
  }
  function safeDecode(text) {
    try {
      return decodeURIComponent(text);
    } catch {
      return text;
    }
  }
  function siteRoot(pathname, folders) {
    var segments = String(pathname || "/").split("/");
    var at = segments.findIndex(function(segment, i) {
      return i > 0 && folders.indexOf(segment) >= 0;
    });
    var kept = at > 0 ? segments.slice(0, at) : segments.slice(0, -1);
    return kept.join("/") + "/";
  }
  function placeOf(code, pages, ranges) {
    if (!code) return { kind: "none" };
    if (pages.has(code)) return { kind: "page" };
    var range = ranges.find(function(r) {
      return r.first <= code && code <= r.last;
    });
    return range ? { kind: "row", range } : { kind: "none" };
  }
  function parseRanges(text) {
    return String(text || "").split(/\s+/).filter(Boolean).map(function(item2) {
      var parts = item2.split(":");
      return { slug: parts[0], first: parts[1], last: parts[2] };
    });
  }

  // site_assets/js/not-found.mjs
  var box = document.getElementById("not-found-suggestion");
  if (box) suggest(box, window.location);
  function suggest(box2, address) {
    var data = box2.dataset;
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
    box2.hidden = list.children.length === 0;
  }
  function item(href, text) {
    var li = document.createElement("li");
    var a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    li.appendChild(a);
    return li;
  }
})();
