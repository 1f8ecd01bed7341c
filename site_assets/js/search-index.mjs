/*
 * codebook — reading the script index (codebook/search/script_index.py): the parts a query needs,
 * loaded once each, and the candidates they hold. No ranking here: rankIndex() hands rank.mjs an
 * index holding every record this query can reach, and rank.mjs decides the order.
 *
 * store = createStore(load): load(key, path) -> Promise<data> fetches one part (the browser injects a
 *   <script src=path> that sets window.CodebookSearchParts[key]); parts are loaded once.
 * Where candidates come from:
 *   codes, code prefixes     record shards (search/d<n>.js, code order)
 *   "7507"                   code-ending shards (search/e<dd>.js)
 *   NDCs                     NDC shards (search/n<ddd>.js)
 *   names, modifiers         search/names.js: MiniSearch documents (exact, prefix, fuzzy; rank.mjs)
 *   descriptor words         word postings (search/t<n>.js): whole words, word starts, and words
 *                            within rank.mjs's typo allowance (found by MiniSearch over the shard's
 *                            vocabulary), handed to rank() as `more` hits
 */
import MiniSearch from "minisearch";
import { dashed, normalizeNdc, tenDigitCandidates } from "./ndc.mjs";
import { buildIndex, codeHits, maxEdits, REASONS, TIER } from "./rank.mjs";
import { words } from "./search-words.mjs";

export const TITLE = 1;
export const ALIAS = 2;
export const DESCRIPTOR = 4;
export const OTHER = 8;
export const SHORT = 16;
const NAME_FIELDS = ALIAS | SHORT; // rank.mjs's name fields: names and the short descriptor
/* A word's weight by where it is (name > short descriptor > title > descriptor > heading): the
 * score of a hit found in the postings, which only orders equals once rank.mjs has applied its rules. */
export const FIELD_WEIGHTS = [[ALIAS, 10], [SHORT, 9], [TITLE, 8], [DESCRIPTOR, 6], [OTHER, 2]];
export const PREFIX_FACTOR = 0.75;
export const FUZZY_FACTOR = 0.5;
/* Among equals, shorter short descriptors first ("wheelchair": "Wheelchair bearings" first). */
export const LENGTH_BONUS = 0.4;
export const MAX_CODE_RESULTS = 200;
export const MANIFEST = { key: "index", path: "search-index.js" };
const BASE32 = "0123456789abcdefghijklmnopqrstuv";
const FULL_CODE = /^[A-Z][0-9]{4}$/;
const CODE_PREFIX = /^[A-Z][0-9]{0,4}$/;

export function createStore(load) {
  const parts = new Map();
  const part = (key, fetchPart) => {
    if (!parts.has(key)) parts.set(key, fetchPart());
    return parts.get(key);
  };
  const store = {
    manifest: () => part("manifest", () => load(MANIFEST.key, MANIFEST.path).then(prepareManifest)),
    docs: (n) => part(`d${n}`, () => load(`d${n}`, `search/d${n}.js`)),
    words: (n) => part(`t${n}`, () => load(`t${n}`, `search/t${n}.js`)),
    ndcs: (first) => part(`n${first}`, () => load(`n${first}`, `search/n${first}.js`)),
    endings: (last) => part(`e${last}`, () => load(`e${last}`, `search/e${last}.js`)),
    vocabulary: (n) => part(`v${n}`, () => store.words(n).then(vocabularyIndex)),
    names: () => part("names", () => Promise.all([store.manifest(), load("names", "search/names.js")]).then(([m, n]) => namesIndex(m, n))),
  };
  return store;
}

/* The manifest with its base64 bitsets (guide pages, terminated codes, drug data) decoded once. */
export function prepareManifest(raw) {
  const bitsets = { guide: decodeBitset(raw.guide), terminated: decodeBitset(raw.terminated), drug: decodeBitset(raw.drug) };
  return { ...raw, ...bitsets, docs: raw.docs.match(/.{5}/g) || [], shortWords: decodeBitset(raw.shortWords) };
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

/* The number of distinct words of a record's short descriptor (two a byte, at most 15). */
export function shortWords(manifest, number) {
  return Math.max(1, ((manifest.shortWords[number >> 1] || 0) >> ((number & 1) * 4)) & 15);
}

/* What rank.mjs needs of a record it has no row for: its place, status and kind of page. */
export function stubRecord(manifest, number, code = "") {
  const record = { number, code, guide: Boolean(hasBit(manifest.guide, number)), drug: Boolean(hasBit(manifest.drug, number)) };
  if (hasBit(manifest.terminated, number)) record.status = "terminated";
  return record;
}

/* names.js -> the MiniSearch index of every named record and modifier (built once per tab). */
export function namesIndex(manifest, { rows, modifiers }) {
  const records = rows.map((row) => {
    const [number, popularity] = row.split(",", 2).map(Number);
    const names = row.slice(row.indexOf(",", row.indexOf(",") + 1) + 1).split("|");
    return { ...stubRecord(manifest, number), names, popularity };
  });
  for (const [code, path, definition, status] of modifiers) {
    records.push({ kind: "modifier", code, path, title: `Modifier ${code}: ${definition}`, ...(status ? { status } : {}) });
  }
  const index = buildIndex(records);
  index.byNumber = new Map(records.filter((r) => !r.kind).map((r) => [r.number, r]));
  return index;
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

/* Every record whose code starts with prefix, in code order, as [number, row]. */
export async function codeMatches(store, prefix, limit = MAX_CODE_RESULTS) {
  const manifest = await store.manifest();
  const found = [];
  for (let shard = lastAtMost(manifest.docs, prefix); shard < manifest.docs.length; shard++) {
    if (manifest.docs[shard] > prefix && !manifest.docs[shard].startsWith(prefix)) break;
    const rows = await store.docs(shard);
    for (let i = 0; i < rows.length && found.length < limit; i++) {
      if (rows[i][0].startsWith(prefix)) found.push([shard * manifest.docSize + i, rows[i]]);
    }
    if (found.length >= limit) break;
  }
  return found;
}

/* The record numbers of the codes ending in four digits ("7507"), in code order. */
export async function endingMatches(store, digits) {
  const manifest = await store.manifest();
  const last = digits.slice(-2);
  if (!(manifest.endings || []).includes(last)) return [];
  return (await store.endings(last))[digits] || [];
}

/* An NDC typed in any form -> [dashed NDC, record number], or null when it is no known NDC. Only
 * the shards of its possible 11-digit readings are loaded (a bare 10-digit run has three). */
export async function ndcMatch(store, typed) {
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
  return known.has(ndc) ? [ndc, known.get(ndc)] : null;
}

/* A word shard's words as a MiniSearch index, to find the words within a typo of a typed one. */
export function vocabularyIndex(table) {
  const index = new MiniSearch({ fields: ["word"], idField: "word", tokenize: (word) => [word] });
  index.addAll(Object.keys(table).map((word) => ({ word })));
  return { table, index };
}

/* One typed word in the postings: record number -> { score, fuzzy, word, name, whole }: the best way
 * it is found (as typed, its start from three letters on, else within maxEdits typing errors);
 * name: found as typed in a name or the short descriptor; whole: as a whole word of the short one. */
export async function termPostings(store, term) {
  const manifest = await store.manifest();
  const shard = lastAtMost(manifest.words, term.slice(0, 2));
  const table = await store.words(shard);
  const found = new Map();
  const add = (word, factor, fuzzy) => {
    for (const [number, mask] of decodePostings(table[word])) {
      const score = fieldWeight(mask) * factor;
      const seen = found.get(number);
      const better = !seen || (seen.fuzzy && !fuzzy) || (seen.fuzzy === fuzzy && seen.score < score);
      const hit = better ? { score, fuzzy, word, name: false, whole: false } : seen;
      hit.name = hit.name || (!fuzzy && Boolean(mask & NAME_FIELDS));
      hit.whole = hit.whole || (word === term && Boolean(mask & SHORT));
      found.set(number, hit);
    }
  };
  for (const word of Object.keys(table)) {
    if (word === term) add(word, 1, false);
    else if (term.length >= 3 && word.startsWith(term)) add(word, PREFIX_FACTOR, false);
  }
  if (maxEdits(term) > 0) {
    const { index } = await store.vocabulary(shard);
    for (const { id } of index.search(term, { fuzzy: maxEdits(term) })) {
      if (id !== term && !id.startsWith(term)) add(id, FUZZY_FACTOR, true);
    }
  }
  return found;
}

/* rank.mjs's tiers for a record found in the postings: typed words all in its names or short
 * descriptor are name words, and all the short descriptor's words are its exact name. */
function postingTier(hit, terms, manifest, number) {
  if (hit.fuzzy) return [TIER.FUZZY, REASONS.fuzzy];
  if (hit.whole && terms.length === shortWords(manifest, number)) return [TIER.NAME, REASONS.name];
  return hit.name ? [TIER.NAME_WORDS, REASONS.nameWords] : [TIER.DESCRIPTOR, REASONS.descriptor];
}

/* Records holding every typed word (in any field, long descriptors included), as rank.mjs hits. */
export async function postingHits(store, names, terms) {
  const manifest = await store.manifest();
  let combined = null;
  for (const term of terms) {
    const found = await termPostings(store, term);
    const next = new Map();
    for (const [number, hit] of found) {
      const before = combined === null ? { score: 0, fuzzy: false, name: true, whole: true, words: [] } : combined.get(number);
      if (!before) continue;
      next.set(number, {
        score: before.score + hit.score,
        fuzzy: before.fuzzy || hit.fuzzy,
        name: before.name && hit.name,
        whole: before.whole && hit.whole,
        words: [...before.words, hit.fuzzy ? hit.word : term],
      });
    }
    combined = next;
  }
  const hits = [];
  for (const [number, hit] of combined || []) {
    const record = names.byNumber.get(number) || stubRecord(manifest, number);
    const [tier, reason] = postingTier(hit, terms, manifest, number);
    const score = hit.score + LENGTH_BONUS / shortWords(manifest, number);
    hits.push({ record, tier, reason, score, ...(hit.fuzzy ? { suggestion: hit.words.join(" ") } : {}) });
  }
  return hits;
}

/* The codes, code prefix, code ending and NDC the query can be (rank.mjs's codeHits reads them from
 * the index it is given, so these lookups must hold every record such a query can list). */
export async function codeCandidates(store, query) {
  const manifest = await store.manifest();
  const compact = String(query).toUpperCase().replace(/[\s.-]+/g, "");
  const byCode = new Map();
  const add = (number, code) => byCode.set(code, byCode.get(code) || stubRecord(manifest, number, code));
  if (/^[0-9]{4}$/.test(compact)) {
    const numbers = await endingMatches(store, compact);
    for (const [number, row] of await rowsOf(store, numbers)) add(number, row[0]);
  } else if (CODE_PREFIX.test(compact) && compact.length > 1) {
    for (const [number, row] of await codeMatches(store, compact)) add(number, row[0]);
  } else {
    const tokens = String(query).toUpperCase().split(/[\s,;]+/).filter((t) => FULL_CODE.test(t));
    for (const token of tokens) for (const [number, row] of await codeMatches(store, token, 1)) if (row[0] === token) add(number, row[0]);
  }
  const byNdc = new Map();
  const digits = compact.replace(/[^0-9]/g, "");
  if ((digits.length === 10 || digits.length === 11) && /^[0-9 -]+$/.test(String(query).trim())) {
    const found = await ndcMatch(store, String(query).trim());
    if (found) {
      const [[number, row]] = await rowsOf(store, [found[1]]);
      byNdc.set(found[0], stubRecord(manifest, number, row[0]));
    }
  }
  return { byCode, byNdc };
}

/* [number, row] for each record number, loading only the record shards they are in. */
export async function rowsOf(store, numbers) {
  const manifest = await store.manifest();
  return Promise.all(numbers.map(async (number) => [number, (await store.docs(Math.floor(number / manifest.docSize)))[number % manifest.docSize]]));
}

/* The index rank.mjs ranks this query with: the named records' MiniSearch index, plus the codes and
 * NDC the query reaches; `more` holds the descriptor-word hits from the postings. */
export async function rankIndex(store, query) {
  const { byCode, byNdc } = await codeCandidates(store, query);
  const codes = { byCode, byNdc, ndcs: new Set(byNdc.keys()) };
  if (codeHits(codes, query)) return { index: codes, more: [] }; // names.js is not needed
  const names = await store.names();
  const stop = new Set((await store.manifest()).stopWords || []);
  const terms = [...new Set(words(query).filter((w) => w.length > 1 && !stop.has(w)))];
  return { index: { ...names, ...codes }, more: terms.length ? await postingHits(store, names, terms) : [] };
}
