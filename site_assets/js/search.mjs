/*
 * codebook — search for the header box and search.html: the structured layer ranked by rank.mjs in
 * both modes, and (over http) Pagefind's full-text hits below it. Plain ES module, no DOM
 * (search-ui.mjs draws; site_assets/js/bundle.mjs bundles both into assets/search.js).
 *
 *   searchScriptIndex(store, query, options) — the structured layer: candidates from the script index
 *       (search-index.mjs; plain <script> parts, so it works from file://), ordered by rank.mjs.
 *   searchPagefind(loadPagefind, store, query, options) — the same structured layer, then (over
 *       http) Pagefind's full-text hits on pages it did not list, never above it; loadPagefind()
 *       gives Pagefind (loaded once, only when a query leaves room for full text) or null.
 * options = { limit = 10, active = false, guides = false, fullText = limit, fullTextWhenEmpty = false }
 *   (active: hide terminated codes; guides: only codes with a guide page; fullText: at most this many
 *   Pagefind hits; fullTextWhenEmpty: Pagefind only when the structured layer found nothing).
 * Result: { path, code, title, aliases, unit, guide, terminated, codeMarks, titleMarks, snippet,
 *   fullText? } — path is relative to the site root; *Marks and snippet are [{ text, mark }] segments of
 *   plain text (never HTML). A search returns { results, total, exact, suggestion }: exact when the
 *   query was a code, NDC or modifier; suggestion ("tacrolimus") when the best hit needed a typo fixed.
 */

import { rank, REASONS, TIER } from "./rank.mjs";
import { createStore, MANIFEST, rankIndex, rowsOf } from "./search-index.mjs";
import { words } from "./search-words.mjs";

export { createStore, MANIFEST, words };

const FULL_CODE = /^[a-z][0-9]{4}$/;
const CODE_PREFIX = /^[a-z][0-9]{0,4}$/;
const SPELLED_CODE = /(^|\s)([a-z])[\s.-]+([0-9]{4})(?![0-9])/gi;
const NDC_LIKE = /^[0-9][0-9 -]{8,12}[0-9]$/;
const NAME_REASONS = new Set([REASONS.name, REASONS.nameWords]);

/* "j7507" -> codes ["J7507"]; "J75" -> prefix "J75"; "prograf 1 mg" -> terms ["prograf", "mg"];
 * "J 7507" and "j-7507" are "J7507"; an NDC in any form -> ndc. What the UI needs to know of a
 * query (marks to highlight, whether Enter opens a page); rank.mjs reads the typed text itself. */
export function parseQuery(query) {
  const typed = String(query || "").trim();
  const digits = typed.replace(/[^0-9]/g, "").length;
  if (NDC_LIKE.test(typed) && [10, 11].includes(digits)) {
    return { typed, text: typed, codes: [], prefix: "", terms: [], marks: [], ndc: typed };
  }
  if (/^[0-9][0-9 .-]*$/.test(typed) && digits > 4) {
    return { typed, text: typed, codes: [], prefix: "", terms: [], marks: [] }; // an NDC being typed
  }
  const text = typed.replace(SPELLED_CODE, "$1$2$3");
  const tokens = words(text);
  const codes = tokens.filter((t) => FULL_CODE.test(t)).map((t) => t.toUpperCase());
  const prefix = tokens.length === 1 && CODE_PREFIX.test(tokens[0]) ? tokens[0].toUpperCase() : "";
  const terms = prefix ? [] : tokens.filter((t) => t.length > 1 && !FULL_CODE.test(t));
  const marks = [...new Set([...terms, ...codes, prefix].filter(Boolean).map((m) => m.toLowerCase()))];
  return { typed, text, codes, prefix, terms, marks };
}

/* The page Enter should open: the result of an NDC, or of a query that is one code; null otherwise. */
export function exactPath(parsed, found) {
  const first = found && found.results[0];
  if (!first || !isExactQuery(parsed)) return null;
  return parsed.ndc || first.code === parsed.codes[0] ? first.path : null;
}

export function isExactQuery(parsed) {
  return Boolean(parsed.ndc) || (parsed.codes.length === 1 && !parsed.terms.length);
}

export function isEmptyQuery(parsed) {
  return !parsed.prefix && !parsed.codes.length && !parsed.terms.length && !parsed.ndc;
}

export function passesFilters(record, options) {
  if (options.active && record.status === "terminated") return false;
  if (options.guides && !record.kind && !record.guide) return false;
  return true;
}

/* The structured layer, the same from disk and over http. Returns { results, total, exact, suggestion }. */
export async function searchScriptIndex(store, query, options = {}) {
  const parsed = typeof query === "string" ? parseQuery(query) : query;
  const limit = options.limit || 10;
  if (isEmptyQuery(parsed)) return { results: [], total: 0 };
  const { index, more } = await rankIndex(store, parsed.typed);
  const ranked = rank(index, parsed.typed, { more }).filter((hit) => passesFilters(hit.record, options));
  const best = ranked[0];
  const suggestion = best && best.tier === TIER.FUZZY ? best.suggestion : "";
  const marks = suggestion ? [...parsed.marks, ...words(suggestion)] : parsed.marks;
  const results = await Promise.all(ranked.slice(0, limit).map((hit) => hitResult(store, hit, { ...parsed, marks })));
  return { results, total: ranked.length, exact: Boolean(best && [TIER.CODE, TIER.MODIFIER].includes(best.tier)), suggestion };
}

/* A ranked hit as a result: a modifier's glossary entry, or a code's record row. */
export async function hitResult(store, hit, parsed) {
  const { record } = hit;
  if (record.kind === "modifier") {
    const result = { path: record.path, code: record.code, title: record.title, aliases: [], snippet: "Modifier glossary", guide: true };
    return makeResult({ ...result, terminated: record.status === "terminated" }, parsed);
  }
  const manifest = await store.manifest();
  const [[, row]] = await rowsOf(store, [record.number]);
  const [code, path, title, subtitle, headingNumbers, unit] = row;
  const aliases = record.names || [];
  const headings = headingNumbers.map((h) => manifest.headings[h]);
  const snippet = snippetText({ subtitle, aliases, headings, title, byName: NAME_REASONS.has(hit.reason), marks: parsed.marks });
  const terminated = record.status === "terminated";
  return makeResult({ path, code, title, aliases, unit, snippet, guide: record.guide, terminated, drug: record.drug }, parsed);
}

/* The line under a result: the names it is known by when a name matched, the section whose heading
 * holds a typed word the title and subtitle lack, else the subtitle (a guide's CMS long descriptor,
 * a catalog row's short one). */
export function snippetText({ subtitle, aliases, headings, title = "", byName = false, marks }) {
  if (byName && aliases.length) return `Also known as ${aliases.join(", ")}`;
  const has = (text) => words(text).some((w) => marks.some((m) => w.startsWith(m)));
  if (!has(title) && !has(subtitle || "")) {
    const heading = headings.find(has);
    if (heading) return `Section: ${heading}`;
  }
  return subtitle || "";
}

export function makeResult({ path, code, title, aliases, unit = "", snippet, guide, terminated, drug = false }, parsed) {
  return {
    path,
    code,
    title,
    aliases,
    unit,
    guide,
    terminated,
    drug,
    codeMarks: highlight(code, parsed.marks),
    titleMarks: highlight(title, parsed.marks),
    snippet: Array.isArray(snippet) ? snippet : highlight(snippet, parsed.marks),
  };
}

/* Segments of text with every word that starts with a search word marked. */
export function highlight(text, marks) {
  const source = String(text || "");
  const segments = [];
  let last = 0;
  if (marks.length) {
    for (const match of source.matchAll(/[\p{L}\p{N}]+/gu)) {
      const word = words(match[0]).join("");
      if (!marks.some((m) => word.startsWith(m))) continue;
      if (match.index > last) segments.push({ text: source.slice(last, match.index), mark: false });
      segments.push({ text: match[0], mark: true });
      last = match.index + match[0].length;
    }
  }
  if (last < source.length) segments.push({ text: source.slice(last), mark: false });
  return segments;
}

/* Pagefind excerpts are escaped text with <mark> tags; turn them into segments without innerHTML. */
export function splitMarked(excerpt) {
  const entities = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: "\u00a0" };
  const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name) => entities[name]);
  const segments = [];
  const parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
  let mark = false;
  for (const part of parts) {
    if (part === "<mark>") mark = true;
    else if (part === "</mark>") mark = false;
    else if (part) segments.push({ text: decode(part.replace(/<[^>]*>/g, "")), mark });
  }
  return segments;
}

/* The excerpt of the section holding most matches, after its heading ("Clinical Context: …"), else
 * of the whole page; either way from the start of the sentence holding the first match when the
 * excerpt has it (every guide page starts with its code, title and names, which the result shows). */
export function pagefindSnippet(data) {
  let best = null;
  for (const sub of data.sub_results || []) {
    const hits = (sub.locations || []).length;
    if (String(sub.url).includes("#") && hits && (!best || hits > best.locations.length)) best = sub;
  }
  if (!best) return fromSentence(splitMarked(data.excerpt));
  return [{ text: `${best.title}: `, mark: false }, ...fromSentence(splitMarked(best.excerpt))];
}

/* Segments cut to the last sentence start before the first mark; "… " in front when the text
 * still starts inside a sentence (Pagefind cuts its excerpt around the matches, not at sentences). */
export function fromSentence(segments) {
  const first = segments.findIndex((s) => s.mark);
  const before = segments.slice(0, first < 0 ? segments.length : first).map((s) => s.text).join("").length;
  const all = segments.map((s) => s.text).join("");
  const starts = [...all.matchAll(/[.!?:;]\s+(?=[\p{Lu}\p{N}])/gu)].filter((m) => m.index < before);
  let cut = starts.length ? starts[starts.length - 1].index + starts[starts.length - 1][0].length : 0;
  const out = [];
  for (const segment of segments) {
    if (cut >= segment.text.length && !segment.mark) {
      cut -= segment.text.length;
      continue;
    }
    out.push(cut ? { ...segment, text: segment.text.slice(cut) } : segment);
    cut = 0;
  }
  const text = out.map((s) => s.text).join("");
  if (out.length && !/^[\p{Lu}\p{N}]/u.test(text.trimStart())) out.unshift({ text: "\u2026 ", mark: false });
  return out;
}

/* Pagefind stores "/codes/J7507.html" when its baseUrl is "/"; links need it relative to the root. */
export function pagefindPath(url) {
  return String(url).replace(/^\/+/, "");
}

export function pagefindFilters(options) {
  const filters = {};
  if (options.active) filters.status = "active";
  if (options.guides) filters.kind = "guide";
  return filters;
}

export function pagefindResult(data, parsed) {
  const meta = data.meta || {};
  const filters = data.filters || {};
  return makeResult(
    {
      path: pagefindPath(data.url),
      code: meta.code || "",
      title: meta.title || "",
      aliases: meta.aliases ? meta.aliases.split(", ") : [],
      snippet: pagefindSnippet(data),
      guide: (filters.kind || []).includes("guide"),
      terminated: (filters.status || []).includes("terminated"),
    },
    parsed,
  );
}

/* pagefind/parts.json: { folders: the parts to merge, superseded: ids of base records a recent
 * index replaced }; anything else (missing, damaged) means one part and nothing to drop. */
export function pagefindParts(found) {
  const list = (value) => (Array.isArray(value) ? value.filter((item) => typeof item === "string") : []);
  return { folders: list(found && found.folders), superseded: list(found && found.superseded) };
}

/* Pagefind as the engine sees it: every search without the results whose id (the record's fragment
 * hash) is superseded, so an edited page is found by its new words only and a deleted one not at all. */
export function withoutSuperseded(pagefind, superseded) {
  const gone = new Set(superseded);
  if (!gone.size) return pagefind;
  return {
    search: async (term, options) => {
      const found = await pagefind.search(term, options);
      return found && { ...found, results: found.results.filter((hit) => !gone.has(hit.id)) };
    },
  };
}

/* The http engine: the structured layer exactly as from disk, then Pagefind's full-text hits on the
 * pages it did not list (their fragments loaded only for the results shown, at most options.fullText)
 * — never above a structured hit, and none after a code, NDC or modifier. Returns { results, total,
 * exact, suggestion }, or null when Pagefind dropped the search for a newer one. */
export async function searchPagefind(loadPagefind, store, query, options = {}) {
  const parsed = parseQuery(query);
  const limit = options.limit || 10;
  if (isEmptyQuery(parsed)) return { results: [], total: 0 };
  const structured = await searchScriptIndex(store, parsed, options);
  if (structured.exact || parsed.ndc || parsed.prefix) return structured;
  if (options.fullTextWhenEmpty && structured.results.length) return structured;
  const room = Math.min(limit - structured.results.length, options.fullText ?? limit);
  if (room <= 0) return structured;
  const pagefind = await loadPagefind();
  if (!pagefind) return structured;
  const search = await pagefind.search(parsed.text, { filters: pagefindFilters(options) });
  if (!search) return null;
  const seen = new Set(structured.results.map((r) => r.path));
  const loaded = (await Promise.all(search.results.slice(0, room).map((hit) => hit.data()))).map((d) => pagefindResult(d, parsed));
  const fresh = loaded.filter((r) => !seen.has(r.path)).map((r) => ({ ...r, fullText: true }));
  const results = [...structured.results, ...fresh].slice(0, limit);
  return { ...structured, results, total: structured.total + search.results.length - (loaded.length - fresh.length) };
}
