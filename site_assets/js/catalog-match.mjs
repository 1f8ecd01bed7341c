/*
 * codebook — what the catalog's filter box matches (pure functions, tested by node --test).
 * A query is words (every one must appear in the row's text, any case) or a code or the start of one,
 * typed with a space, dash or dot inside ("j 9035", "J-90"); a range matches a code inside it.
 */

/** Words of a query, lower case; `code` when the whole query is a code or code prefix ("J9035", "J90"). */
export function parseQuery(text) {
  var trimmed = String(text || "").trim().toLowerCase();
  var compact = trimmed.replace(/[\s.-]+/g, "");
  var code = /^[a-z]\d{0,4}$/.test(compact) || /^\d{1,5}$/.test(compact) ? compact.toUpperCase() : "";
  return { words: trimmed.split(/\s+/).filter(Boolean), code: code };
}

/** Does a row show for this query and status ("" any, "active", "terminated")? */
export function rowMatches(row, query, status) {
  if (status === "active" && row.terminated) return false;
  if (status === "terminated" && !row.terminated) return false;
  if (query.code && row.code.startsWith(query.code)) return true;
  var text = row.text.toLowerCase();
  return query.words.every(function (word) {
    return text.includes(word);
  });
}

/** Does a range of codes (first to last, same letter) hold a code starting with the query's code,
 * and a code of the status asked for ("" any; range.active and range.terminated are its counts)? */
export function rangeMatches(range, query, status) {
  if (status && !(range[status] > 0)) return false;
  if (!query.code) return query.words.length === 0;
  var low = range.first.slice(0, query.code.length);
  var high = range.last.slice(0, query.code.length);
  return low <= query.code && query.code <= high;
}
