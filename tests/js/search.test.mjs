// Tests for site_assets/js/search.mjs — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as S from "../../site_assets/js/search.mjs";
import * as I from "../../site_assets/js/search-index.mjs";

const WORD_CASES = JSON.parse(readFileSync(new URL("./fixtures/words.json", import.meta.url), "utf8"));

/* A hand-made index in the build's format (codebook/search/script_index.py): 5 records, 2 per record
 * shard. 0 A0021 catalog; 1 J7500 guide (names azathioprine, Imuran); 2 J7503 guide terminated
 * (name tacrolimus); 3 J7507 guide (names tacrolimus, Prograf; 38 NDCs); 4 J9331 catalog.
 * Masks: 1 title, 2 name, 4 descriptor, 8 heading/category, 16 short descriptor. */
const bits = (...numbers) => {
  const bytes = new Uint8Array(1);
  for (const n of numbers) bytes[n >> 3] |= 1 << (n & 7);
  return btoa(String.fromCharCode(...bytes));
};
const PARTS = {
  index: {
    version: 2, count: 5, docSize: 2, docs: "A0021J7503J9331", words: ["am", "pr"],
    headings: ["Common Denial Reasons", "Definition"], guide: bits(1, 2, 3), terminated: bits(2), drug: bits(3),
    ndc: ["004"], ndcDigits: 3, stopWords: ["of", "the"], shortWords: btoa(String.fromCharCode(0x44, 0x54, 0x06)), endings: ["07", "21"],
  },
  d0: [
    ["A0021", "catalog/A-0000.html#A0021", "Ambulance service, outside state per mile, transport", "Outside state ambulance serv", [], ""],
    ["J7500", "codes/J7500.html", "Azathioprine, oral", "Azathioprine, oral, 50 mg", [1, 0], "50 mg"],
  ],
  d1: [
    ["J7503", "codes/J7503.html", "Tacrolimus, extended release (Envarsus XR), oral", "Tacrolimus, extended release, 0.25 mg", [1, 0], "0.25 mg"],
    ["J7507", "codes/J7507.html", "Tacrolimus, oral, immediate release", "Tacrolimus, immediate release, oral, 1 mg", [1, 0], "1 mg"],
  ],
  d2: [["J9331", "catalog/J-9000.html#J9331", "Injection, sirolimus protein-bound particles, 1 mg", "Inj sirolimus prot part", [], "1 mg"]],
  t0: { ambulance: "0V", outside: "0V", azathioprine: "1H", common: "1I1I1I", definition: "1I1I1I", denial: "1I1I1I", imuran: "1C", oral: "1F1F1F" },
  t1: { prograf: "3C", release: "2F1F", serv: "0Q", sirolimus: "4F", state: "0V", tacrolimus: "2H1H" },
  n004: { "00469061773": 3 },
  e07: { "7507": [3] },
  e21: {},
  names: {
    rows: ["1,0,azathioprine|Imuran", "2,3,tacrolimus", "3,38,tacrolimus|Prograf, oral, 1,5 mg"],
    modifiers: [["JZ", "modifiers.html#JZ", "Zero drug amount discarded", ""], ["JG", "modifiers.html#JG", "340B drug", "terminated"]],
  },
};

function makeStore() {
  const loaded = [];
  const store = S.createStore(async (key, path) => {
    loaded.push(path);
    if (!(key in PARTS)) throw new Error(`no part ${key}`);
    return PARTS[key];
  });
  return { store, loaded };
}

const codes = (found) => found.results.map((r) => r.code);
const text = (segments) => segments.map((s) => s.text).join("");
const marked = (segments) => segments.filter((s) => s.mark).map((s) => s.text);

test("words: same folding and splitting as the Python indexer (shared fixture)", () => {
  for (const { text: input, words } of WORD_CASES) assert.deepEqual(S.words(input), words, input);
});

test("parseQuery: codes in any case, code prefixes, and words", () => {
  assert.deepEqual(S.parseQuery("j7507"), { typed: "j7507", text: "j7507", codes: ["J7507"], prefix: "J7507", terms: [], marks: ["j7507"] });
  assert.equal(S.parseQuery(" J75 ").prefix, "J75");
  assert.deepEqual(S.parseQuery(" J75 ").marks, ["j75"]);
  assert.equal(S.parseQuery("j").prefix, "J");
  assert.deepEqual(S.parseQuery("J7507 tacrolimus").codes, ["J7507"]);
  assert.equal(S.parseQuery("J7507 tacrolimus").prefix, "");
  assert.deepEqual(S.parseQuery("J7507 tacrolimus").terms, ["tacrolimus"]);
  assert.deepEqual(S.parseQuery("Prograf 1 mg").terms, ["prograf", "mg"]);
  assert.equal(S.parseQuery("J75071").prefix, "", "six characters is not a code");
  assert.ok(S.isEmptyQuery(S.parseQuery("  ,, ")));
  assert.equal(S.isEmptyQuery(S.parseQuery("a")), false, "a lone letter is a code prefix");
  assert.ok(S.isEmptyQuery(S.parseQuery("a 1")), "one-character words alone search nothing");
  assert.ok(S.isEmptyQuery(S.parseQuery("00469-06")), "an NDC being typed searches nothing yet");
  assert.equal(S.isEmptyQuery(S.parseQuery("7507")), false, "four digits are a code ending");
});

test("decodePostings: base-32 gaps ended by a capital field mask", () => {
  assert.deepEqual(I.decodePostings("0B1C"), [[0, 1], [1, 2]]);
  assert.deepEqual(I.decodePostings("10F"), [[32, 5]]);
  assert.deepEqual(I.decodePostings("vBv1C"), [[31, 1], [31 + 32 * 31 + 1, 2]]);
  assert.deepEqual(I.decodePostings(""), []);
});

test("lastAtMost: the shard whose first key is the last one not after the value", () => {
  const firsts = ["A0021", "E0100", "J7503"];
  assert.equal(I.lastAtMost(firsts, "A"), 0);
  assert.equal(I.lastAtMost(firsts, "E0100"), 1);
  assert.equal(I.lastAtMost(firsts, "J7507"), 2);
  assert.equal(I.lastAtMost(firsts, "Z"), 2);
});

test("bitsets decode to the record numbers that were set; word counts two a byte", () => {
  const manifest = I.prepareManifest(PARTS.index);
  assert.deepEqual([0, 1, 2, 3, 4].map((n) => I.shortWords(manifest, n)), [4, 4, 4, 5, 6]);
  assert.deepEqual(manifest.docs, ["A0021", "J7503", "J9331"]);
  assert.deepEqual([0, 1, 2, 3, 4, 40].map((n) => I.hasBit(manifest.guide, n)), [0, 1, 1, 1, 0, 0]);
  assert.deepEqual([1, 2, 3].map((n) => I.hasBit(manifest.terminated, n)), [0, 1, 0]);
});

test("an exact code in any case comes first and loads only its record shard", async () => {
  const { store, loaded } = makeStore();
  for (const query of ["j7507", "J 7507", "j-7507"]) {
    const found = await S.searchScriptIndex(store, query);
    assert.deepEqual(codes(found), ["J7507"], query);
    assert.equal(found.exact, true);
    assert.equal(found.results[0].path, "codes/J7507.html");
    assert.equal(found.results[0].unit, "1 mg");
  }
  assert.deepEqual(marked((await S.searchScriptIndex(store, "j7507")).results[0].codeMarks), ["J7507"]);
  assert.deepEqual(loaded, ["search-index.js", "search/d1.js"], "no names, no word shard");
});

test("four digits list the codes ending so, from one small shard", async () => {
  const { store, loaded } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "7507")), ["J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "9999")), []);
  assert.deepEqual(loaded, ["search-index.js", "search/e07.js", "search/d1.js"]);
});

test("an NDC in any form opens its code", async () => {
  const { store } = makeStore();
  for (const query of ["00469-0617-73", "00469061773", "0469-0617-73"]) {
    const found = await S.searchScriptIndex(store, query);
    assert.deepEqual([codes(found), found.exact], [["J7507"], true], query);
  }
  assert.deepEqual(codes(await S.searchScriptIndex(store, "00469-0617-74")), []);
});

test("a code prefix lists its family in code order, across record shards", async () => {
  const { store } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J7")), ["J7500", "J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "j75")), ["J7500", "J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J750")), ["J7500", "J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "Q1")), []);
  const limited = await S.searchScriptIndex(store, "J75", { limit: 2 });
  assert.deepEqual([codes(limited), limited.total], [["J7500", "J7503"], 3]);
});

test("a brand name finds its code, with the name marked in the snippet", async () => {
  const { store } = makeStore();
  const found = await S.searchScriptIndex(store, "prograf");
  assert.deepEqual(codes(found), ["J7507"]);
  assert.equal(text(found.results[0].snippet), "Also known as tacrolimus, Prograf, oral, 1,5 mg", "commas inside a name kept");
  assert.deepEqual(marked(found.results[0].snippet), ["Prograf"]);
});

test("rank.mjs orders the hits: an exact name, active before terminated, then descriptor words", async () => {
  const { store } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus")), ["J7507", "J7503"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus release")), ["J7507", "J7503"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "release tacrolimus")), ["J7507", "J7503"], "any word order");
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus prograf")), ["J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacro")), ["J7507", "J7503"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus sirolimus")), []);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "the release of tacrolimus")), ["J7507", "J7503"], "stop words left out");
});

test("postings hits get rank.mjs's tiers: all of the short descriptor is its name, some are name words", async () => {
  const { store } = makeStore();
  const names = await store.names();
  const tiers = async (terms) => (await I.postingHits(store, names, terms)).map((h) => [h.record.number, h.reason]);
  assert.deepEqual(await tiers(["outside", "state", "ambulance", "serv"]), [[0, "exact name"]]);
  assert.deepEqual(await tiers(["state", "ambulance"]), [[0, "name words"]]);
  assert.deepEqual(await tiers(["ambul"]), [[0, "name words"]], "a word's start");
  assert.deepEqual(await tiers(["sirolimus"]), [[4, "descriptor words"]]);
  assert.deepEqual(await tiers(["ambulanse"]), [[0, "did you mean"]]);
});

test("a typo within one or two edits is found and offered as 'did you mean'", async () => {
  const { store } = makeStore();
  const names = await S.searchScriptIndex(store, "tacrolimis");
  assert.deepEqual([codes(names), names.suggestion], [["J7507", "J7503"], "tacrolimus"]);
  const descriptor = await S.searchScriptIndex(store, "sirolimis");
  assert.deepEqual([codes(descriptor), descriptor.suggestion], [["J9331"], "sirolimus"], "a descriptor word, from the postings");
  assert.deepEqual(marked(descriptor.results[0].titleMarks), ["sirolimus"]);
  const exact = await S.searchScriptIndex(store, "tacrolimus");
  assert.equal(exact.suggestion, "", "no suggestion when the words were found as typed");
});

test("a modifier, alone or with the word modifier, is its glossary entry", async () => {
  const { store } = makeStore();
  for (const query of ["JZ", "jz", "JZ modifier", "modifier jz", "mod JZ"]) {
    const found = await S.searchScriptIndex(store, query);
    assert.deepEqual(found.results.map((r) => [r.path, r.title]), [["modifiers.html#JZ", "Modifier JZ: Zero drug amount discarded"]], query);
    assert.equal(found.exact, true);
  }
  assert.equal((await S.searchScriptIndex(store, "JG modifier")).results[0].terminated, true);
});

test("catalog rows link to their catalog row and show the CMS short descriptor", async () => {
  const { store } = makeStore();
  const found = await S.searchScriptIndex(store, "sirolimus");
  assert.deepEqual(codes(found), ["J9331"]);
  assert.equal(found.results[0].path, "catalog/J-9000.html#J9331");
  assert.equal(found.results[0].guide, false);
  assert.equal(text(found.results[0].snippet), "Inj sirolimus prot part");
});

test("a word only in a section heading names the section", async () => {
  const { store } = makeStore();
  const found = await S.searchScriptIndex(store, "denial");
  assert.deepEqual(codes(found), ["J7507", "J7500", "J7503"]);
  assert.equal(text(found.results[0].snippet), "Section: Common Denial Reasons");
});

test("filters: active codes only, guide pages only", async () => {
  const { store } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J7", { active: true })), ["J7500", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J7", { guides: true })), ["J7500", "J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus", { active: true })), ["J7507"]);
  const terminated = await S.searchScriptIndex(store, "J7503");
  assert.equal(terminated.results[0].terminated, true);
});

test("a missing index part rejects instead of hanging", async () => {
  const store = S.createStore(async () => {
    throw new Error("search index part search-index.js could not be loaded");
  });
  await assert.rejects(S.searchScriptIndex(store, "J7507"), /could not be loaded/);
});

test("highlight marks whole words that start with a search word, accents folded", () => {
  const segments = S.highlight("Tacrolimus, immediate release (Prograf)", ["tacro", "prograf"]);
  assert.deepEqual(marked(segments), ["Tacrolimus", "Prograf"]);
  assert.equal(text(segments), "Tacrolimus, immediate release (Prograf)");
  assert.deepEqual(marked(S.highlight("Crème", ["creme"])), ["Crème"]);
  assert.deepEqual(S.highlight("plain", []), [{ text: "plain", mark: false }]);
  assert.deepEqual(S.highlight("", ["x"]), []);
});

test("splitMarked turns a Pagefind excerpt into text segments, never markup", () => {
  const segments = S.splitMarked("a &lt;b&gt; <mark>Prograf</mark> &amp; <mark>tacrolimus</mark>.");
  assert.equal(text(segments), "a <b> Prograf & tacrolimus.");
  assert.deepEqual(marked(segments), ["Prograf", "tacrolimus"]);
  assert.equal(text(S.splitMarked("<img src=x onerror=alert(1)>ok")), "ok");
});

/* A stand-in for Pagefind's JS API: search() returns hits whose data() is loaded on demand. */
function fakePagefind(pages) {
  const calls = { search: [], data: 0 };
  return {
    calls,
    async search(query, options) {
      calls.search.push([query, options]);
      return {
        results: pages.map((page) => ({
          id: page.url,
          data: async () => {
            calls.data += 1;
            return page;
          },
        })),
      };
    },
  };
}
const page = (url, code, title, aliases, kind = "guide", status = "active") => ({
  url, meta: { code, title, aliases: aliases.join(", ") }, excerpt: `about <mark>${title}</mark>`,
  filters: { kind: [kind], status: [status] },
});

test("Pagefind engine: an exact code is the whole answer, as from disk", async () => {
  const { store } = makeStore();
  const pagefind = fakePagefind([page("/codes/J7503.html", "J7503", "Tacrolimus XR", []), page("/codes/J7507.html", "J7507", "Tacrolimus", [])]);
  let loads = 0;
  const load = async () => {
    loads += 1;
    return pagefind;
  };
  for (const query of ["j7507", "00469-0617-73", "JZ", "J75"]) await S.searchPagefind(load, store, query, { limit: 5 });
  const found = await S.searchPagefind(load, store, "j7507", { limit: 5 });
  assert.deepEqual(found.results.map((r) => r.path), ["codes/J7507.html"]);
  assert.deepEqual([pagefind.calls.search.length, loads], [0, 0], "Pagefind is not even loaded");
});

test("Pagefind engine: code prefixes use the code list only; names come from the structured layer first", async () => {
  const { store } = makeStore();
  const pagefind = fakePagefind([
    page("/catalog/J-9000.html#J9331", "J9331", "Injection, Prograf-like", [], "catalog", "terminated"),
    page("/codes/J7507.html", "J7507", "Tacrolimus, oral", ["tacrolimus", "Prograf"]),
  ]);
  assert.deepEqual(codes(await S.searchPagefind(async () => pagefind, store, "J75", {})), ["J7500", "J7503", "J7507"]);
  assert.equal(pagefind.calls.search.length, 0);
  const found = await S.searchPagefind(async () => pagefind, store, "Prograf", { limit: 5, active: true, guides: true });
  assert.deepEqual(codes(found), ["J7507", "J9331"]);
  assert.deepEqual(pagefind.calls.search[0], ["Prograf", { filters: { status: "active", kind: "guide" } }]);
  assert.equal(found.results[1].guide, false);
  assert.equal(found.results[1].terminated, true);
  assert.deepEqual(marked(found.results[0].snippet), ["Prograf"], "the structured hit, as from disk");
});

test("parseQuery: a code spelled with a space or dash, an NDC in any form", () => {
  for (const typed of ["J 7507", "j-7507", " j.7507 "]) assert.deepEqual(S.parseQuery(typed).codes, ["J7507"], typed);
  for (const typed of ["00469-0617-73", "0469-0617-73", "00469061773", "0469061773"]) {
    assert.equal(S.parseQuery(typed).ndc, typed.trim(), typed);
  }
  assert.equal(S.parseQuery("7507").ndc, undefined, "four digits are a code ending, not an NDC");
  assert.equal(S.parseQuery("J 7507 oral").codes.length, 1);
});

test("exactPath: Enter opens the page of one typed code or NDC, else the results list", () => {
  const found = { results: [{ code: "J7507", path: "codes/J7507.html" }], total: 1 };
  assert.equal(S.exactPath(S.parseQuery("j 7507"), found), "codes/J7507.html");
  assert.equal(S.exactPath(S.parseQuery("00469-0617-73"), found), "codes/J7507.html");
  assert.equal(S.exactPath(S.parseQuery("J7503"), found), null);
  assert.equal(S.exactPath(S.parseQuery("tacrolimus"), found), null);
  assert.equal(S.exactPath(S.parseQuery("J7507"), { results: [], total: 0 }), null);
});

test("Pagefind engine: loads data only for the results it shows; null when Pagefind drops a search", async () => {
  const { store } = makeStore();
  const many = Array.from({ length: 30 }, (_, i) => page(`/catalog/x.html#A${1000 + i}`, `A${1000 + i}`, "Ambulance", [], "catalog"));
  const pagefind = fakePagefind(many);
  const found = await S.searchPagefind(async () => pagefind, store, "ambulance", { limit: 8 });
  assert.equal(found.results.length, 8);
  assert.deepEqual(codes(found).slice(0, 2), ["A0021", "A1000"], "the structured hit above the full text");
  assert.equal(found.total, 31);
  assert.equal(pagefind.calls.data, 7);
  const dropped = { search: async () => null };
  const structuredOnly = await S.searchPagefind(async () => pagefind, store, "ambulance", { limit: 8, fullTextWhenEmpty: true });
  assert.deepEqual([codes(structuredOnly), pagefind.calls.data], [["A0021"], 7], "the drop-down: no full text after structured hits");
  const nothing = await S.searchPagefind(async () => pagefind, store, "ambulanse xyz", { limit: 8, fullText: 2, fullTextWhenEmpty: true });
  assert.equal(nothing.results.filter((r) => r.fullText).length, 2, "full text when the structured layer found nothing");
  const none = await S.searchPagefind(async () => null, store, "ambulance", { limit: 8 });
  assert.deepEqual(codes(none), ["A0021"], "without Pagefind (file://, or it failed to load): the structured hits");
  assert.equal(await S.searchPagefind(async () => dropped, store, "ambulance", {}), null);
});

test("pagefindPath makes Pagefind's root-absolute URLs relative to the site root", () => {
  assert.equal(S.pagefindPath("/codes/J7507.html"), "codes/J7507.html");
  assert.equal(S.pagefindPath("/catalog/J-7000.html#J7507"), "catalog/J-7000.html#J7507");
});

test("pagefindSnippet prefers the section with most matches over the page's opening", () => {
  const data = {
    excerpt: "J7507 <mark>Tacrolimus</mark>, oral",
    sub_results: [
      { title: "J7507", url: "/codes/J7507.html", excerpt: "x", locations: [1, 2, 3] },
      { title: "Definition", url: "/codes/J7507.html#definition", excerpt: "one <mark>tacrolimus</mark>", locations: [9] },
      { title: "Clinical Context", url: "/codes/J7507.html#clinical-context", excerpt: "<mark>tacrolimus</mark> is", locations: [20, 25] },
    ],
  };
  assert.equal(text(S.pagefindSnippet(data)), "Clinical Context: \u2026 tacrolimus is");
  assert.deepEqual(marked(S.pagefindSnippet(data)), ["tacrolimus"]);
  assert.equal(text(S.pagefindSnippet({ excerpt: "only <mark>Prograf</mark>", sub_results: [] })), "\u2026 only Prograf");
});

test("fromSentence: a snippet starts at the sentence holding the first match, or says it does not", () => {
  const cut = (excerpt) => text(S.fromSentence(S.splitMarked(excerpt)));
  assert.equal(cut("the dose is given. Payers ask for the <mark>JW</mark> line. More"), "Payers ask for the JW line. More");
  assert.equal(cut("Mg per unit: 1. <mark>Tacrolimus</mark> is oral"), "Tacrolimus is oral");
  assert.equal(cut("Bill the <mark>oral</mark> form. Then"), "Bill the oral form. Then", "already at a sentence");
  assert.equal(cut("with <mark>tacrolimus</mark> only"), "\u2026 with tacrolimus only");
  assert.deepEqual(marked(S.fromSentence(S.splitMarked("x. Y <mark>z</mark>"))), ["z"]);
});

test("pagefindParts: folders and superseded ids from parts.json; anything else means one part", () => {
  const parts = S.pagefindParts({ folders: ["part-2/", "recent/", 3], superseded: ["en_1a2b3c4"] });
  assert.deepEqual(parts, { folders: ["part-2/", "recent/"], superseded: ["en_1a2b3c4"] });
  for (const broken of [null, {}, [], "x", { folders: "part-2/" }]) {
    assert.deepEqual(S.pagefindParts(broken), { folders: [], superseded: [] }, JSON.stringify(broken));
  }
});

test("withoutSuperseded: a record the recent index replaced is never a result, nor counted", async () => {
  const { store } = makeStore();
  const old = page("/codes/J7507.html", "J7507", "Tacrolimus old", []);
  const fresh = page("/codes/J7507.html", "J7507", "Tacrolimus new", []);
  const other = page("/codes/J7517.html", "J7517", "Mycophenolate", []);
  const pagefind = fakePagefind([old, fresh, other]);
  const search = pagefind.search.bind(pagefind);
  pagefind.search = async (term, options) => {
    const found = await search(term, options);
    found.results = found.results.map((hit, i) => ({ ...hit, id: ["en_old", "en_new", "en_other"][i] }));
    return found;
  };
  assert.equal(S.withoutSuperseded(pagefind, []), pagefind, "nothing superseded: Pagefind itself");
  const engine = S.withoutSuperseded(pagefind, ["en_old"]);
  const hits = await engine.search("zzq", {});
  assert.deepEqual(hits.results.map((hit) => hit.id), ["en_new", "en_other"]);
  const found = await S.searchPagefind(async () => engine, store, "zzq unmatched", { limit: 5 });
  assert.deepEqual(found.results.filter((r) => r.fullText).map((r) => r.title), ["Tacrolimus new", "Mycophenolate"]);
  assert.equal(found.total, 2);
  assert.equal(await S.withoutSuperseded({ search: async () => null }, ["en_old"]).search("x", {}), null);
});
