/*
 * codebook — the one ranking of the structured search layer (codes, NDCs, names, modifiers, descriptor
 * words). Pure: no DOM, no loading. Both search modes (script index from disk, Pagefind over http)
 * call rank() for the structured hits; Pagefind's full-text hits only ever come after them.
 *
 * Matching (whole words, prefixes, typos within one or two edits, field boosts, a serialisable index)
 * is MiniSearch's (npm `minisearch`, MIT, pinned in package.json and bundled by esbuild); this module
 * only decides the order:
 *   tier 0  exact code, code ending in the typed digits, code prefix ("J75"), exact NDC (any common
 *           form, read by ndc.mjs: a bare 10-digit run only when exactly one reading is a known NDC)
 *   tier 1  exact name: the typed words are all the words of a drug/brand name or of the short descriptor
 *   tier 2  modifier ("JZ", "KX modifier", "modifier JW") → its glossary entry
 *   tier 3  name words or name prefix: every typed word starts a word of a name or short descriptor
 *   tier 4  descriptor words: every typed word starts a word of the record (long descriptor included)
 *   tier 5  did you mean: found only with one or two typing errors (never above an exact match)
 * Within a tier: active before terminated, a code with a guide page or drug data before a bare catalog
 * row, more NDCs (popularity) first, then MiniSearch's score, then code order. A code prefix lists
 * its family in plain code order. A query that is a modifier gets its glossary entry only.
 * MiniSearch's serialised index is ~3x the rows it is built from (per-document tables), so pages
 * should ship compact rows and build the index in memory (bench/rank_layout.mjs); loadIndex() is
 * here for a layout that ships it anyway.
 *
 * record = { code, title, short?, names?: [], ndcs?: ["5-4-2 NDC"], status?: "terminated",
 *            guide?: bool, drug?: bool, popularity?: number, kind?: "modifier", number? }
 *   number: the record's place in code order (the script index's record number); when present it
 *   identifies the record and orders equals, so hits found elsewhere need no code to be ranked.
 * result = { record, tier, reason, suggestion? }  (reason: one of REASONS' values)
 */
import MiniSearch from "minisearch";
import { normalizeNdc } from "./ndc.mjs";
import { words } from "./search-words.mjs";

export const TIER = Object.freeze({ CODE: 0, NAME: 1, MODIFIER: 2, NAME_WORDS: 3, DESCRIPTOR: 4, FUZZY: 5 });
export const REASONS = Object.freeze({
  code: "exact code",
  ending: "code ending",
  prefix: "code prefix",
  ndc: "exact NDC",
  name: "exact name",
  modifier: "modifier",
  nameWords: "name words",
  descriptor: "descriptor words",
  fuzzy: "did you mean",
});
export const FIELDS = Object.freeze(["names", "short", "title"]);
export const BOOST = Object.freeze({ names: 3, short: 2, title: 1 });
const NAME_FIELDS = ["names", "short"];
const FULL_CODE = /^[A-Z][0-9]{4}$/;
const CODE_PREFIX = /^[A-Z][0-9]{0,3}$/;
const MODIFIER_WORDS = new Set(["modifier", "modifiers", "mod"]);
const MAX_PREFIX_LIST = 200;

/* Typing errors tolerated in one word: none below 5 letters, one up to 7, two from 8; none in a word
 * with a digit (J7503 is not a typo of J7507, nor 250 mg of 25 mg). */
export function maxEdits(term) {
  if (/[0-9]/.test(term)) return 0;
  if (term.length >= 8) return 2;
  return term.length >= 5 ? 1 : 0;
}

/* Index words: the search.mjs word rule, one-character words dropped (too common to search). */
function tokenize(text) {
  return words(text).filter((w) => w.length > 1);
}

export const MINISEARCH_OPTIONS = Object.freeze({
  fields: FIELDS,
  tokenize,
  extractField: (doc, field) => (field === "names" ? (doc.names || []).join(" ; ") : doc[field]),
  searchOptions: { boost: BOOST, combineWith: "AND" },
});

/* The matcher over the records' words; JSON.stringify(index.mini) is what a page would load. */
export function buildIndex(records, mini = null) {
  const byCode = new Map();
  const byNdc = new Map();
  const modifiers = new Map();
  for (const record of records) {
    if (record.kind === "modifier") modifiers.set(record.code.toUpperCase(), record);
    else byCode.set(record.code, record);
    for (const ndc of record.ndcs || []) byNdc.set(ndc, record);
  }
  if (!mini) {
    mini = new MiniSearch(MINISEARCH_OPTIONS);
    mini.addAll(records.map((record, id) => ({ ...record, id })));
  }
  return { records, byCode, byNdc, ndcs: new Set(byNdc.keys()), modifiers, mini };
}

/* An index whose matcher was serialised with JSON.stringify (the same records, in the same order). */
export function loadIndex(records, json) {
  return buildIndex(records, MiniSearch.loadJSON(json, MINISEARCH_OPTIONS));
}

/* Tier-0 hits for a query that is a code in any form, the digits a code ends with, a code prefix,
 * several codes, or an NDC; null when the query is none of these. */
export function codeHits(index, query) {
  const compact = String(query).toUpperCase().replace(/[\s.-]+/g, "");
  if (FULL_CODE.test(compact) && index.byCode.has(compact)) return [hit(index.byCode.get(compact), TIER.CODE, REASONS.code)];
  const ndc = normalizeNdc(String(query), index.ndcs);
  if (index.byNdc.has(ndc)) return [hit(index.byNdc.get(ndc), TIER.CODE, REASONS.ndc)];
  if (/^[0-9]{4}$/.test(compact)) return listCodes(index, (code) => code.endsWith(compact), REASONS.ending);
  if (compact.length > 1 && CODE_PREFIX.test(compact)) return listCodes(index, (code) => code.startsWith(compact), REASONS.prefix);
  const tokens = String(query).toUpperCase().split(/[\s,;]+/).filter(Boolean);
  if (tokens.length > 1 && tokens.every((t) => index.byCode.has(t))) {
    return tokens.map((t) => hit(index.byCode.get(t), TIER.CODE, REASONS.code));
  }
  return null;
}

function listCodes(index, wanted, reason) {
  const found = [];
  for (const [code, record] of index.byCode) {
    if (wanted(code)) found.push(hit(record, TIER.CODE, reason));
    if (found.length >= MAX_PREFIX_LIST) break;
  }
  return found;
}

/* "JZ", "jz", "KX modifier", "modifier JW", "mod 59" -> the glossary entry; null otherwise. */
export function modifierHit(index, query) {
  const tokens = words(query);
  const rest = tokens.filter((t) => !MODIFIER_WORDS.has(t));
  if (rest.length !== 1 || rest[0].length !== 2) return null;
  const record = index.modifiers.get(rest[0].toUpperCase());
  return record ? hit(record, TIER.MODIFIER, REASONS.modifier) : null;
}

function hit(record, tier, reason, extra = {}) {
  return { record, tier, reason, score: 0, ...extra };
}

/* The name tiers and descriptor tier: the typed words as whole words, then as word starts, then
 * with typing errors; a record keeps the first (best) way it was found. */
export function wordHits(index, query) {
  const text = tokenize(query).join(" ");
  if (!text) return [];
  const typed = [...new Set(tokenize(query))].sort().join(" ");
  const prefix = (term) => term.length >= 3;
  const passes = [
    [{ fields: NAME_FIELDS }, (r) => (isExactName(r, typed) ? [TIER.NAME, REASONS.name] : [TIER.NAME_WORDS, REASONS.nameWords])],
    [{ fields: NAME_FIELDS, prefix }, () => [TIER.NAME_WORDS, REASONS.nameWords]],
    [{ prefix }, () => [TIER.DESCRIPTOR, REASONS.descriptor]],
    [{ prefix, fuzzy: maxEdits }, () => [TIER.FUZZY, REASONS.fuzzy]],
  ];
  const found = new Map();
  for (const [options, tierOf] of passes) {
    for (const result of index.mini.search(text, options)) {
      if (found.has(result.id)) continue;
      const record = index.records[result.id];
      const [tier, reason] = tierOf(record);
      const extra = { score: result.score };
      if (tier === TIER.FUZZY) extra.suggestion = suggestion(result);
      found.set(result.id, hit(record, tier, reason, extra));
    }
  }
  return [...found.values()];
}

/* The typed words are exactly the words of one of the record's names (or of its short descriptor). */
export function isExactName(record, typed) {
  const names = [...(record.names || []), record.short || ""];
  return names.some((name) => [...new Set(tokenize(name))].sort().join(" ") === typed);
}

/* "tacrolimis injection" found as tacrolimus + injection -> "tacrolimus injection": each typed word
 * is shown as the indexed word it matched (itself, a word it starts, or the next unused fuzzy match). */
function suggestion(result) {
  const used = new Set();
  return result.queryTerms
    .map((term) => {
      const same = result.terms.find((t) => t === term || t.startsWith(term));
      const word = same || result.terms.find((t) => !used.has(t) && !result.queryTerms.includes(t)) || term;
      used.add(word);
      return word;
    })
    .join(" ");
}

/* Order within a tier: see the header. Code listings (prefix, ending) keep code order among equals. */
export function compareHits(a, b) {
  return (
    a.tier - b.tier ||
    terminated(a) - terminated(b) ||
    bare(a) - bare(b) ||
    (b.record.popularity || 0) - (a.record.popularity || 0) ||
    (b.score || 0) - (a.score || 0) ||
    codeOrder(a.record, b.record)
  );
}

/* Codes before modifiers; then record numbers (code order) when both have one, else the codes. */
function codeOrder(a, b) {
  const kinds = (a.kind ? 1 : 0) - (b.kind ? 1 : 0);
  if (kinds) return kinds;
  const [x, y] = a.number !== undefined && b.number !== undefined ? [a.number, b.number] : [a.code, b.code];
  return x < y ? -1 : x > y ? 1 : 0;
}

const terminated = (h) => (h.record.status === "terminated" ? 1 : 0);
const bare = (h) => (h.record.guide || h.record.drug ? 0 : 1);

/* The ordered structured hits for a query: [{ record, tier, reason, suggestion? }].
 * options.more: hits found elsewhere (e.g. descriptor words from the sharded postings when the
 * long descriptors are not in the index), [{ record, tier, reason, score }]; a code found both ways
 * keeps its better tier, and they are ordered by the same rules. */
export function rank(index, query, { limit = Infinity, more = [] } = {}) {
  const codes = codeHits(index, query);
  if (codes) return (codes[0]?.reason === REASONS.prefix ? codes : codes.sort(compareHits)).slice(0, limit).map(strip);
  const modifier = modifierHit(index, query);
  const found = modifier ? [modifier] : [...wordHits(index, query), ...more];
  return bestPerRecord(found).sort(compareHits).slice(0, limit).map(strip);
}

/* One hit per record (a modifier and a code may share letters, so the key holds the kind). */
function bestPerRecord(hits) {
  const best = new Map();
  for (const hit of hits) {
    const key = `${hit.record.kind || "code"}:${hit.record.number ?? hit.record.code}`;
    if (!best.has(key) || compareHits(hit, best.get(key)) < 0) best.set(key, hit);
  }
  return [...best.values()];
}

function strip({ score: _score, ...result }) {
  return result;
}
