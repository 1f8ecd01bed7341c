// Tests for site_assets/js/search.mjs — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as S from "../../site_assets/js/search.mjs";

const WORD_CASES = JSON.parse(readFileSync(new URL("./fixtures/words.json", import.meta.url), "utf8"));

/* A hand-made index in the build's format (codebook/script_index.py): 5 records, 2 per record shard.
 * 0 A0021 catalog; 1 J7500 guide (alias Imuran); 2 J7503 guide terminated; 3 J7507 guide
 * (alias Prograf); 4 J9331 catalog. Masks: 1 title, 2 alias, 4 descriptor, 8 heading/category. */
const bits = (...numbers) => {
  const bytes = new Uint8Array(1);
  for (const n of numbers) bytes[n >> 3] |= 1 << (n & 7);
  return btoa(String.fromCharCode(...bytes));
};
const PARTS = {
  index: {
    version: 1, count: 5, docSize: 2, docs: ["A0021", "J7503", "J9331"], words: ["am", "pr"],
    headings: ["Common Denial Reasons", "Definition"], guide: bits(1, 2, 3), terminated: bits(2),
  },
  d0: [
    ["A0021", "catalog/A-0000.html#A0021", "Ambulance service, outside state per mile, transport", "Outside state ambulance serv", [], []],
    ["J7500", "codes/J7500.html", "Azathioprine, oral", "Azathioprine, oral, 50 mg", ["azathioprine", "Imuran"], [1, 0]],
  ],
  d1: [
    ["J7503", "codes/J7503.html", "Tacrolimus, extended release (Envarsus XR), oral", "Tacrolimus, extended release, 0.25 mg", ["tacrolimus"], [1, 0]],
    ["J7507", "codes/J7507.html", "Tacrolimus, oral, immediate release", "Tacrolimus, immediate release, oral, 1 mg", ["tacrolimus", "Prograf"], [1, 0]],
  ],
  d2: [["J9331", "catalog/J-9000.html#J9331", "Injection, sirolimus protein-bound particles, 1 mg", "Inj sirolimus prot part", [], []]],
  t0: { ambulance: "0F", azathioprine: "1H", common: "1I1I1I", definition: "1I1I1I", denial: "1I1I1I", imuran: "1C", oral: "1F1F1F" },
  t1: { prograf: "3C", release: "2F1F", sirolimus: "4F", tacrolimus: "2H1H" },
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
  assert.deepEqual(S.parseQuery("j7507"), { text: "j7507", codes: ["J7507"], prefix: "J7507", terms: [], marks: ["j7507"], modifier: "" });
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
});

test("decodePostings: base-32 gaps ended by a capital field mask", () => {
  assert.deepEqual(S.decodePostings("0B1C"), [[0, 1], [1, 2]]);
  assert.deepEqual(S.decodePostings("10F"), [[32, 5]]);
  assert.deepEqual(S.decodePostings("vBv1C"), [[31, 1], [31 + 32 * 31 + 1, 2]]);
  assert.deepEqual(S.decodePostings(""), []);
});

test("lastAtMost: the shard whose first key is the last one not after the value", () => {
  const firsts = ["A0021", "E0100", "J7503"];
  assert.equal(S.lastAtMost(firsts, "A"), 0);
  assert.equal(S.lastAtMost(firsts, "E0100"), 1);
  assert.equal(S.lastAtMost(firsts, "J7507"), 2);
  assert.equal(S.lastAtMost(firsts, "Z"), 2);
});

test("bitsets decode to the record numbers that were set", () => {
  const manifest = S.prepareManifest(PARTS.index);
  assert.deepEqual([0, 1, 2, 3, 4, 40].map((n) => S.hasBit(manifest.guide, n)), [0, 1, 1, 1, 0, 0]);
  assert.deepEqual([1, 2, 3].map((n) => S.hasBit(manifest.terminated, n)), [0, 1, 0]);
});

test("an exact code in any case comes first and loads only its record shard", async () => {
  const { store, loaded } = makeStore();
  const found = await S.searchScriptIndex(store, "j7507");
  assert.deepEqual(codes(found), ["J7507"]);
  assert.equal(found.results[0].path, "codes/J7507.html");
  assert.deepEqual(marked(found.results[0].codeMarks), ["J7507"]);
  assert.deepEqual(loaded, ["search-index.js", "search/d1.js"]);
});

test("a code prefix lists its family in code order, across record shards", async () => {
  const { store } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J")), ["J7500", "J7503", "J7507", "J9331"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "j75")), ["J7500", "J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J750")), ["J7500", "J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "Q")), []);
  const limited = await S.searchScriptIndex(store, "J", { limit: 2 });
  assert.deepEqual([codes(limited), limited.total], [["J7500", "J7503"], 4]);
});

test("a brand name finds its code, with the name marked in the snippet", async () => {
  const { store } = makeStore();
  const found = await S.searchScriptIndex(store, "prograf");
  assert.deepEqual(codes(found), ["J7507"]);
  assert.equal(text(found.results[0].snippet), "Also known as tacrolimus, Prograf");
  assert.deepEqual(marked(found.results[0].snippet), ["Prograf"]);
});

test("words must all match; a word's start matches too, ranked below a whole word", async () => {
  const { store } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus release")), ["J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus prograf")), ["J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacro")), ["J7503", "J7507"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "tacrolimus sirolimus")), []);
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
  assert.deepEqual(codes(found), ["J7500", "J7503", "J7507"]);
  assert.equal(text(found.results[0].snippet), "Section: Common Denial Reasons");
});

test("filters: active codes only, guide pages only", async () => {
  const { store } = makeStore();
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J", { active: true })), ["J7500", "J7507", "J9331"]);
  assert.deepEqual(codes(await S.searchScriptIndex(store, "J", { guides: true })), ["J7500", "J7503", "J7507"]);
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

test("matchTier and orderByTier: exact code, then a whole name, then every word in a name", () => {
  const parsed = S.parseQuery("prograf");
  const r = (code, title, aliases) => ({ code, title, aliases });
  assert.equal(S.matchTier(S.parseQuery("j7507"), r("J7507", "x", [])), 3);
  assert.equal(S.matchTier(parsed, r("J7507", "Tacrolimus", ["Prograf"])), 2);
  assert.equal(S.matchTier(S.parseQuery("tacro oral"), r("J7507", "Tacrolimus, oral", [])), 1);
  assert.equal(S.matchTier(parsed, r("J7508", "Tacrolimus, extended", ["Astagraf XL"])), 0);
  const ordered = S.orderByTier([r("J7508", "Other", []), r("J7503", "Also other", []), r("J7507", "T", ["Prograf"])], parsed);
  assert.deepEqual(ordered.map((x) => x.code), ["J7507", "J7508", "J7503"], "stable within a tier");
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

test("Pagefind engine: an exact code comes first from the code list, without repeats", async () => {
  const { store } = makeStore();
  const pagefind = fakePagefind([page("/codes/J7503.html", "J7503", "Tacrolimus XR", []), page("/codes/J7507.html", "J7507", "Tacrolimus", [])]);
  const found = await S.searchPagefind(pagefind, store, "j7507", { limit: 5 });
  assert.deepEqual(codes(found), ["J7507", "J7503"]);
  assert.deepEqual(found.results.map((r) => r.path), ["codes/J7507.html", "codes/J7503.html"]);
});

test("Pagefind engine: code prefixes use the code list only; names come from the structured layer first", async () => {
  const { store } = makeStore();
  const pagefind = fakePagefind([
    page("/catalog/J-9000.html#J9331", "J9331", "Injection, Prograf-like", [], "catalog", "terminated"),
    page("/codes/J7507.html", "J7507", "Tacrolimus, oral", ["tacrolimus", "Prograf"]),
  ]);
  assert.deepEqual(codes(await S.searchPagefind(pagefind, store, "J75", {})), ["J7500", "J7503", "J7507"]);
  assert.equal(pagefind.calls.search.length, 0);
  const found = await S.searchPagefind(pagefind, store, "Prograf", { limit: 5, active: true, guides: true });
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

test("modifierOf: a modifier alone or with the word modifier, never two bare digits", () => {
  for (const [typed, modifier] of [["JZ", "JZ"], ["kx", "KX"], ["KX modifier", "KX"], ["modifier 59", "59"], ["mod JZ", "JZ"], ["59", ""], ["J7507", ""], ["kx wh", ""]]) {
    assert.equal(S.parseQuery(typed).modifier, modifier, typed);
  }
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
  const found = await S.searchPagefind(pagefind, store, "ambulance", { limit: 8 });
  assert.equal(found.results.length, 8);
  assert.deepEqual(codes(found).slice(0, 2), ["A0021", "A1000"], "the structured hit above the full text");
  assert.equal(found.total, 31);
  assert.equal(pagefind.calls.data, 7);
  const dropped = { search: async () => null };
  assert.equal(await S.searchPagefind(dropped, store, "ambulance", {}), null);
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
  assert.equal(text(S.pagefindSnippet(data)), "Clinical Context: tacrolimus is");
  assert.deepEqual(marked(S.pagefindSnippet(data)), ["tacrolimus"]);
  assert.equal(text(S.pagefindSnippet({ excerpt: "only <mark>Prograf</mark>", sub_results: [] })), "only Prograf");
});
