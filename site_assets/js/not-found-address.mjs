/*
 * codebook — what the 404 page reads from the address it was given (pure functions, tested by
 * node --test): the HCPCS code in it, the site root it sits under, and where that code lives now.
 */

var CODE = /(?:^|[^A-Za-z0-9])([A-Va-v]\d{4})(?![0-9])/g;

/** The last HCPCS Level II code in a path ("/kb/codes/j9035/" → "J9035"), or "". */
export function codeFromAddress(pathname) {
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

/**
 * The site root of a missing address, as a path ending in "/": everything before the first of the
 * site's own folders ("/kb/codes/x.html" → "/kb/"), else the folder the address is in.
 */
export function siteRoot(pathname, folders) {
  var segments = String(pathname || "/").split("/");
  var at = segments.findIndex(function (segment, i) {
    return i > 0 && folders.indexOf(segment) >= 0;
  });
  var kept = at > 0 ? segments.slice(0, at) : segments.slice(0, -1);
  return kept.join("/") + "/";
}

/** Where a code lives: its page, else the catalog range holding it, else nowhere. */
export function placeOf(code, pages, ranges) {
  if (!code) return { kind: "none" };
  if (pages.has(code)) return { kind: "page" };
  var range = ranges.find(function (r) {
    return r.first <= code && code <= r.last;
  });
  return range ? { kind: "row", range: range } : { kind: "none" };
}

/** "A-0000:A0021:A0999 J-9000:J9000:J9999" → [{slug, first, last}, …] */
export function parseRanges(text) {
  return String(text || "")
    .split(/\s+/)
    .filter(Boolean)
    .map(function (item) {
      var parts = item.split(":");
      return { slug: parts[0], first: parts[1], last: parts[2] };
    });
}
