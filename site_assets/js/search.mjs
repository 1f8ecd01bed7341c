/*
 * codebook — search logic for the header box and search.html. Plain ES module, no DOM (search-ui.mjs
 * draws; site_assets/js/bundle.mjs bundles both into assets/search.js).
 *
 * Two engines return the same result objects:
 *   searchScriptIndex(store, query, options)  — the sharded script index (search-index.js + search/);
 *                                               works from file://, loads only what a query needs.
 *   searchPagefind(pagefind, store, query, options) — Pagefind over http; exact codes and code
 *                                               prefixes still come from the script index's code list.
 * store = createStore(load): load(key, path) -> Promise<data> fetches one part (the browser injects a
 *   <script src=path> that sets window.CodebookSearchParts[key]); parts are loaded once.
 * options = { limit = 10, active = false, guides = false } (active: hide terminated codes;
 *   guides: only codes with a guide page).
 * Result: { path, code, title, aliases, guide, terminated, codeMarks, titleMarks, snippet, fullText? } —
 *   fullText marks Pagefind's hits (http only), shown as their own group under the structured ones; path is
 *   relative to the site root; *Marks and snippet are [{ text, mark }] segments of plain text (never
 *   HTML) with the matched words marked.
 * The word rule `words` must match codebook/search_records.py `words` (tests/js/fixtures/words.json).
 */

import { dashed, normalizeNdc, tenDigitCandidates } from "./ndc.mjs";

export const TITLE = 1;
export const ALIAS = 2;
export const DESCRIPTOR = 4;
export const OTHER = 8;
/* Where a word is found decides its weight: a brand or generic name beats a title word, which beats a
 * descriptor word, which beats a section heading or category. */
export const FIELD_WEIGHTS = [[ALIAS, 10], [TITLE, 8], [DESCRIPTOR, 6], [OTHER, 2]];
export const PREFIX_FACTOR = 0.75;
export const GUIDE_BONUS = 0.5;
/* Among equal matches, shorter titles first (at most 0.4, so never above a guide page's bonus). */
export const LENGTH_BONUS = 0.4;
/* Among equal matches, codes with more NDCs first (at most 0.3, a tie-break like LENGTH_BONUS). */
export const POPULARITY_BONUS = 0.3;
export const MAX_CODE_RESULTS = 200;
export const MANIFEST = { key: "index", path: "search-index.js" };
const BASE32 = "0123456789abcdefghijklmnopqrstuv";
const FULL_CODE = /^[a-z][0-9]{4}$/;
const CODE_PREFIX = /^[a-z][0-9]{0,4}$/;
const SPELLED_CODE = /(^|\s)([a-z])[\s.-]+([0-9]{4})(?![0-9])/gi;
const NDC_LIKE = /^[0-9][0-9 -]{8,12}[0-9]$/;
const MODIFIER_WORDS = new Set(["modifier", "modifiers", "mod"]);

export function words(text) {
  return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[a-z0-9]+/g) || [];
}

/* "j7507" -> codes ["J7507"], prefix "J7507"; "J75" -> prefix "J75"; "prograf 1 mg" -> terms
 * ["prograf", "mg"] (one-character words are too common to search); "J 7507" and "j-7507" are
 * "J7507"; "00469-0617-73" (an NDC in any form) -> ndc "00469-0617-73" as typed. */
export function parseQuery(query) {
  const typed = String(query || "").trim();
  if (NDC_LIKE.test(typed) && [10, 11].includes(typed.replace(/[^0-9]/g, "").length)) {
    return { text: typed, codes: [], prefix: "", terms: [], marks: [], ndc: typed };
  }
  const text = typed.replace(SPELLED_CODE, "$1$2$3");
  const tokens = words(text);
  const codes = tokens.filter((t) => FULL_CODE.test(t)).map((t) => t.toUpperCase());
  const prefix = tokens.length === 1 && CODE_PREFIX.test(tokens[0]) ? tokens[0].toUpperCase() : "";
  const terms = prefix ? [] : tokens.filter((t) => t.length > 1 && !FULL_CODE.test(t));
  const marks = [...new Set([...terms, ...codes, prefix].filter(Boolean).map((m) => m.toLowerCase()))];
  return { text, codes, prefix, terms, marks, modifier: modifierOf(tokens) };
}

/* "JZ", "kx", "KX modifier", "modifier 59", "mod JZ" -> "JZ"/"KX"/"59"; "" for anything else
 * (two digits alone are not a modifier: they may be the start of a code's digits). */
export function modifierOf(tokens) {
  const named = tokens.some((t) => MODIFIER_WORDS.has(t));
  const rest = tokens.filter((t) => !MODIFIER_WORDS.has(t));
  if (rest.length !== 1 || rest[0].length !== 2) return "";
  return named || /[a-z]/.test(rest[0]) ? rest[0].toUpperCase() : "";
}

/* The page Enter should open: the result of an NDC, or of a query that is one code; null otherwise. */
export function exactPath(parsed, found) {
  const first = found && found.results[0];
  if (!first) return null;
  if (parsed.ndc || (parsed.codes.length === 1 && !parsed.terms.length && first.code === parsed.codes[0])) {
    return first.path;
  }
  return null;
}

export function isExactQuery(parsed) {
  return Boolean(parsed.ndc) || (parsed.codes.length === 1 && !parsed.terms.length);
}

export function isEmptyQuery(parsed) {
  return !parsed.prefix && !parsed.codes.length && !parsed.terms.length && !parsed.ndc;
}

export function createStore(load) {
  const parts = new Map();
  const part = (key, fetchPart) => {
    if (!parts.has(key)) parts.set(key, fetchPart());
    return parts.get(key);
  };
  return {
    manifest: () => part("manifest", () => load(MANIFEST.key, MANIFEST.path).then(prepareManifest)),
    docs: (n) => part(`d${n}`, () => load(`d${n}`, `search/d${n}.js`)),
    words: (n) => part(`t${n}`, () => load(`t${n}`, `search/t${n}.js`)),
    ndcs: (first) => part(`n${first}`, () => load(`n${first}`, `search/n${first}.js`)),
  };
}

/* The record an NDC typed in any form belongs to, as [{ number, row, mask }] (empty when unknown).
 * Only the NDC shards of its possible 11-digit readings are loaded (a bare 10-digit run has three). */
export async function ndcMatches(store, typed) {
  const manifest = await store.manifest();
  const digits = typed.replace(/[^0-9]/g, "");
  const readings = digits.length === 10 && /^[0-9]+$/.test(typed) ? tenDigitCandidates(digits) : [normalizeNdc(typed)];
  const known = new Map();
  for (const reading of readings.filter(Boolean)) {
    const eleven = reading.replace(/-/g, "");
    if (!(manifest.ndc || []).includes(eleven.slice(0, manifest.ndcDigits))) continue;
    const table = await store.ndcs(eleven.slice(0, manifest.ndcDigits));
    if (eleven in table) known.set(dashed(eleven), table[eleven]);
  }
  const ndc = normalizeNdc(typed, new Set(known.keys()));
  if (!known.has(ndc)) return [];
  const number = known.get(ndc);
  return loadRows(store, manifest, [[number, { mask: 0 }]]);
}

/* Index of the last item <= value in a sorted array (0 when value sorts first). */
export function lastAtMost(sorted, value) {
  let low = 0;
  let high = sorted.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (sorted[middle] <= value) low = middle;
    else high = middle - 1;
  }
  return low;
}

/* "1F2C" -> [[1, 5], [3, 2]]: base-32 gaps between record numbers, each ended by 'A' + field mask. */
export function decodePostings(encoded) {
  const out = [];
  let number = 0;
  let gap = 0;
  for (const ch of encoded) {
    const digit = BASE32.indexOf(ch);
    if (digit >= 0) gap = gap * 32 + digit;
    else {
      number += gap;
      gap = 0;
      out.push([number, ch.charCodeAt(0) - 65]);
    }
  }
  return out;
}

export function fieldWeight(mask) {
  for (const [field, weight] of FIELD_WEIGHTS) if (mask & field) return weight;
  return 0;
}

/* The manifest with its base64 bitsets (guide pages, terminated codes) decoded once. */
export function prepareManifest(raw) {
  return { ...raw, guide: decodeBitset(raw.guide), terminated: decodeBitset(raw.terminated), drug: decodeBitset(raw.drug) };
}

export function decodeBitset(encoded) {
  const binary = atob(encoded || "");
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function hasBit(bytes, number) {
  return ((bytes[number >> 3] || 0) >> (number & 7)) & 1;
}

export function titleWords(manifest, number) {
  return Math.max(1, BASE32.indexOf((manifest.lengths || "")[number]));
}

export function popularity(manifest, number) {
  return (POPULARITY_BONUS * Math.max(0, BASE32.indexOf((manifest.ndcCounts || "")[number]))) / 31;
}

export function passesFilters(manifest, number, options) {
  if (options.active && hasBit(manifest.terminated, number)) return false;
  if (options.guides && !hasBit(manifest.guide, number)) return false;
  return true;
}

/* Every record whose code starts with prefix, in code order (an exact code is its own first match). */
export async function codeMatches(store, prefix, options = {}) {
  const manifest = await store.manifest();
  const limit = options.codeLimit || MAX_CODE_RESULTS;
  const found = [];
  for (let shard = lastAtMost(manifest.docs, prefix); shard < manifest.docs.length; shard++) {
    if (manifest.docs[shard] > prefix && !manifest.docs[shard].startsWith(prefix)) break;
    const rows = await store.docs(shard);
    for (let i = 0; i < rows.length && found.length < limit; i++) {
      const number = shard * manifest.docSize + i;
      if (rows[i][0].startsWith(prefix) && passesFilters(manifest, number, options)) {
        found.push({ number, row: rows[i], mask: 0 });
      }
    }
    if (found.length >= limit) break;
  }
  return found;
}

/* record number -> { score, mask } for records holding every term (as a word or a word's start). */
export async function wordMatches(store, terms, options = {}) {
  const manifest = await store.manifest();
  let combined = null;
  for (const term of terms) {
    const table = await store.words(lastAtMost(manifest.words, term.slice(0, 2)));
    const best = new Map();
    for (const [word, encoded] of Object.entries(table)) {
      if (!word.startsWith(term)) continue;
      const factor = word === term ? 1 : PREFIX_FACTOR;
      for (const [number, mask] of decodePostings(encoded)) {
        const score = fieldWeight(mask) * factor;
        const seen = best.get(number);
        if (!seen) best.set(number, { score, mask });
        else best.set(number, { score: Math.max(seen.score, score), mask: seen.mask | mask });
      }
    }
    combined = combined === null ? best : intersect(combined, best);
  }
  const scores = combined || new Map();
  for (const [number, hit] of scores) {
    if (!passesFilters(manifest, number, options)) scores.delete(number);
    else hit.score += hasBit(manifest.guide, number) * GUIDE_BONUS + LENGTH_BONUS / titleWords(manifest, number) + popularity(manifest, number);
  }
  return scores;
}

function intersect(left, right) {
  const out = new Map();
  for (const [number, hit] of left) {
    const other = right.get(number);
    if (other) out.set(number, { score: hit.score + other.score, mask: hit.mask | other.mask });
  }
  return out;
}

/* Highest score first; equal scores in code order (record numbers follow code order). */
export function rankNumbers(scores) {
  return [...scores.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
}

async function loadRows(store, manifest, ranked) {
  return Promise.all(
    ranked.map(async ([number, hit]) => {
      const rows = await store.docs(Math.floor(number / manifest.docSize));
      return { number, row: rows[number % manifest.docSize], mask: hit.mask };
    }),
  );
}

/* The file:// engine (also the code list behind the Pagefind engine). Returns { results, total }. */
export async function searchScriptIndex(store, query, options = {}) {
  const parsed = typeof query === "string" ? parseQuery(query) : query;
  const limit = options.limit || 10;
  if (isEmptyQuery(parsed)) return { results: [], total: 0 };
  const manifest = await store.manifest();
  const modifier = parsed.modifier && (manifest.modifiers || {})[parsed.modifier];
  if (modifier) {
    const [path, title, status] = modifier;
    const result = { path, code: parsed.modifier, title, aliases: [], snippet: "Modifier glossary", guide: true };
    return { results: [makeResult({ ...result, terminated: status === "terminated" }, parsed)], total: 1, exact: true };
  }
  if (parsed.ndc) {
    const found = await ndcMatches(store, parsed.ndc);
    return { results: found.map((hit) => scriptResult(manifest, hit, parsed)), total: found.length };
  }
  if (parsed.prefix) {
    const found = await codeMatches(store, parsed.prefix, options);
    return { results: found.slice(0, limit).map((hit) => scriptResult(manifest, hit, parsed)), total: found.length };
  }
  const exact = [];
  for (const code of parsed.codes) exact.push(...(await codeMatches(store, code, { ...options, codeLimit: 1 })));
  let ranked = [];
  if (parsed.terms.length) {
    const skip = new Set(exact.map((hit) => hit.number));
    ranked = rankNumbers(await wordMatches(store, parsed.terms, options)).filter(([n]) => !skip.has(n));
  }
  const shown = await loadRows(store, manifest, ranked.slice(0, Math.max(0, limit - exact.length)));
  const results = orderByTier([...exact, ...shown].map((hit) => scriptResult(manifest, hit, parsed)), parsed);
  return { results, total: exact.length + ranked.length };
}

export function scriptResult(manifest, { number, row, mask }, parsed) {
  const [code, path, title, subtitle, aliases, headingNumbers] = row;
  const guide = Boolean(hasBit(manifest.guide, number));
  const headings = headingNumbers.map((h) => manifest.headings[h]);
  const snippet = snippetText({ subtitle, aliases, headings, mask, marks: parsed.marks });
  const terminated = Boolean(hasBit(manifest.terminated, number));
  const drug = Boolean(hasBit(manifest.drug || new Uint8Array(), number));
  return makeResult({ path, code, title, aliases, snippet, guide, terminated, drug }, parsed);
}

/* The line under a result: the names it is known by when a name matched, the section when only a
 * heading matched, else the subtitle (a guide's CMS long descriptor, a catalog row's short one). */
export function snippetText({ subtitle, aliases, headings, mask, marks }) {
  if (mask & ALIAS && aliases.length) return `Also known as ${aliases.join(", ")}`;
  if (mask & OTHER && !(mask & (TITLE | DESCRIPTOR))) {
    const heading = headings.find((h) => words(h).some((w) => marks.some((m) => w.startsWith(m))));
    if (heading) return `Section: ${heading}`;
  }
  return subtitle || "";
}

export function makeResult({ path, code, title, aliases, snippet, guide, terminated, drug = false }, parsed) {
  return {
    path,
    code,
    title,
    aliases,
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

/* A result's tier: the exact code, then a name typed in full, then every word in the code's
 * title or names, then the rest. Sorting by tier is stable, so each engine's order holds within one. */
export function matchTier(parsed, { code, title, aliases = [] }) {
  if (parsed.codes.includes(code)) return 3;
  const typed = parsed.terms.join(" ");
  const names = [title, ...aliases].map((name) => words(name));
  if (typed && names.some((w) => w.join(" ") === typed)) return 2;
  const nameWords = names.flat();
  if (parsed.terms.length && parsed.terms.every((t) => nameWords.some((w) => w.startsWith(t)))) return 1;
  return 0;
}

export function orderByTier(results, parsed) {
  const tiers = results.map((r) => matchTier(parsed, r));
  return results.map((r, i) => [r, tiers[i], i]).sort((a, b) => b[1] - a[1] || a[2] - b[2]).map(([r]) => r);
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

/* The excerpt of the section holding most matches ("Clinical Context: …"), else of the whole page:
 * every guide page starts with its code, title and names, which the result already shows. */
export function pagefindSnippet(data) {
  let best = null;
  for (const sub of data.sub_results || []) {
    const hits = (sub.locations || []).length;
    if (String(sub.url).includes("#") && hits && (!best || hits > best.locations.length)) best = sub;
  }
  if (!best) return splitMarked(data.excerpt);
  return [{ text: `${best.title}: `, mark: false }, ...splitMarked(best.excerpt)];
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

/* The http engine: the structured layer exactly as from disk (codes, NDCs, names, descriptor words:
 * the script index), then Pagefind's full-text hits that are not already listed (their fragments
 * loaded only for the results shown) — never above a structured hit. Returns { results, total } or
 * null when Pagefind dropped the search for a newer one. */
export async function searchPagefind(pagefind, store, query, options = {}) {
  const parsed = parseQuery(query);
  const limit = options.limit || 10;
  if (isEmptyQuery(parsed)) return { results: [], total: 0 };
  const structured = await searchScriptIndex(store, parsed, options);
  if (structured.exact || parsed.ndc || (parsed.prefix && !parsed.codes.length)) return structured;
  if (structured.results.length >= limit) return structured;
  const search = await pagefind.search(parsed.text, { filters: pagefindFilters(options) });
  if (!search) return null;
  const seen = new Set(structured.results.map((r) => r.path));
  const hits = search.results.slice(0, limit - structured.results.length);
  const loaded = (await Promise.all(hits.map((hit) => hit.data()))).map((d) => pagefindResult(d, parsed));
  const fresh = loaded.filter((r) => !seen.has(r.path)).map((r) => ({ ...r, fullText: true }));
  const results = [...structured.results, ...fresh].slice(0, limit);
  return { results, total: structured.total + search.results.length - (loaded.length - fresh.length) };
}
