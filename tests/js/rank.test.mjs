// Tests for site_assets/js/rank.mjs — run: node --test tests/js/
// A small synthetic record set for each rule of the order, then the biller query set
// (tests/search_queries.json) over every CMS code (tests/fixtures/rank_records.json, written by
// `python -m tests.rank_records`), with its hit table printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as R from "../../site_assets/js/rank.mjs";

const readJson = (path) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));

const RECORDS = [
  { code: "A7507", title: "Filter holder, synthetic test row", short: "Filter holder" },
  { code: "C7507", title: "Synthetic terminated row", short: "Old row", status: "terminated" },
  { code: "C9027", title: "Injection, pembrolizumab, 1 mg", short: "Injection, pembrolizumab", status: "terminated" },
  { code: "E0135", title: "Walker, folding (pickup), adjustable or fixed height", short: "Walker folding adjust/fixed" },
  { code: "J7170", title: "Injection, emicizumab-kxwh, 0.5 mg", short: "Inj emicizumab-kxwh 0.5 mg", drug: true, popularity: 9 },
  { code: "J7503", title: "Tacrolimus, extended release, (envarsus xr), oral, 0.25 mg", short: "Tacrol envarsus ex rel oral", names: ["Envarsus XR"], drug: true, guide: true, popularity: 6 },
  { code: "J7507", title: "Tacrolimus, immediate release, oral, 1 mg", short: "Tacrolimus imme rel oral 1mg", names: ["Tacrolimus", "Prograf"], ndcs: ["00469-0617-73", "00378-2045-01"], drug: true, guide: true, popularity: 38 },
  { code: "J7525", title: "Tacrolimus, parenteral, 5 mg", short: "Tacrolimus injection", names: ["Prograf"], ndcs: ["00469-3000-01"], drug: true, guide: true, popularity: 1 },
  { code: "J9271", title: "Injection, pembrolizumab, 1 mg", short: "Inj pembrolizumab", names: ["Keytruda"], drug: true, popularity: 2 },
  { code: "Q9999", title: "Hickup solution, synthetic", short: "Hickup solution", names: ["Hickup Solution"], drug: true, popularity: 99 },
  { kind: "modifier", code: "KX", title: "Requirements specified in the medical policy have been met", short: "Documentation on file" },
  { kind: "modifier", code: "JZ", title: "Zero drug amount discarded/not administered to any patient", short: "Zero drug wasted" },
  { kind: "modifier", code: "JG", title: "Drug acquired with 340b discount", short: "340b acquired drug", status: "terminated" },
];
const INDEX = R.buildIndex(RECORDS);
const codes = (query, index = INDEX) => R.rank(index, query).map((r) => r.record.code);
const first = (query) => R.rank(INDEX, query)[0];

test("a code in any case, with a space, dash or dot inside, is that code alone", () => {
  for (const query of ["J7507", "j7507", "J 7507", "j-7507", " J7507 ", "J.7507"]) {
    assert.deepEqual(codes(query), ["J7507"], query);
    assert.equal(first(query).reason, R.REASONS.code);
  }
});

test("four digits list the codes ending so: a guide first, then a bare row, a terminated one last", () => {
  assert.deepEqual(codes("7507"), ["J7507", "A7507", "C7507"]);
  assert.ok(R.rank(INDEX, "7507").every((r) => r.reason === R.REASONS.ending));
});

test("a code prefix lists its family in code order", () => {
  assert.deepEqual(codes("J75"), ["J7503", "J7507", "J7525"]);
  assert.deepEqual(codes("j 750"), ["J7503", "J7507"]);
  assert.equal(first("J75").reason, R.REASONS.prefix);
});

test("several codes in one query are each found", () => {
  assert.deepEqual(codes("J7525 J7507"), ["J7507", "J7525"]);
});

test("an NDC in any common form opens its code (forms read by ndc.mjs, matched against known NDCs)", () => {
  for (const query of ["00469-0617-73", "00469061773", "0469-0617-73", "00469 0617 73", "0469061773", "0378-2045-01"]) {
    assert.deepEqual(codes(query), ["J7507"], query);
    assert.equal(first(query).reason, R.REASONS.ndc);
  }
  assert.deepEqual(codes("00469-0617-74"), [], "an unknown package is not guessed");
});

test("an exact name comes first, then the codes whose names hold the word, by popularity", () => {
  const results = R.rank(INDEX, "tacrolimus");
  assert.deepEqual(results.map((r) => [r.record.code, r.reason]), [
    ["J7507", "exact name"],
    ["J7525", "name words"],
    ["J7503", "descriptor words"],
  ]);
});

test("a route with a generic, in any word order, finds the code named so", () => {
  for (const query of ["tacrolimus injection", "injection tacrolimus", "TACROLIMUS  Injection"]) {
    assert.equal(first(query).record.code, "J7525", query);
    assert.equal(first(query).reason, R.REASONS.name);
  }
  assert.deepEqual(codes("oral tacrolimus"), ["J7507", "J7503"]);
});

test("among equal matches, an active code comes before a terminated one", () => {
  assert.deepEqual(codes("pembrolizumab"), ["J9271", "C9027"]);
});

test("a typo within one or two edits is found and says what it was read as", () => {
  const [hit] = R.rank(INDEX, "tacrolimis");
  assert.equal(hit.record.code, "J7507");
  assert.equal(hit.reason, R.REASONS.fuzzy);
  assert.equal(hit.suggestion, "tacrolimus");
  assert.equal(R.rank(INDEX, "tacrolimus injecton")[0].suggestion, "tacrolimus injection");
  assert.equal(R.rank(INDEX, "tacrolimis injecton")[0].suggestion, "tacrolimus injection");
  assert.deepEqual(codes("tacrol").slice(0, 1), ["J7507"], "a word's start is a prefix match");
  assert.deepEqual(codes("taxr"), [], "under five letters no typo is allowed");
  assert.equal(R.maxEdits("j7503"), 0, "a word with a digit is never corrected");
  assert.equal(R.maxEdits("tacrolimis"), 2);
});

test("no typo match outranks an exact one, however popular", () => {
  // "pickup" is only in E0135's long descriptor (a bare row) and one edit from Q9999's name "Hickup".
  assert.deepEqual(codes("pickup"), ["E0135", "Q9999"]);
  assert.deepEqual(R.rank(INDEX, "pickup").map((r) => r.reason), [R.REASONS.descriptor, R.REASONS.fuzzy]);
});

test("modifiers: the code, 'KX modifier', 'modifier kx' open the glossary entry, not a drug holding the letters", () => {
  for (const query of ["KX", "kx", "KX modifier", "modifier kx", "mod KX"]) {
    const [hit] = R.rank(INDEX, query);
    assert.equal(hit.record.kind, "modifier", query);
    assert.equal(hit.record.code, "KX", query);
  }
  assert.equal(first("JG modifier").record.status, "terminated");
  assert.equal(first("drug wasted").record.code, "JZ", "a modifier's words find it too");
  assert.deepEqual(codes("modifier XY"), []);
});

test("the order within a tier: active, then guide or drug data, then popularity, then score", () => {
  const hit = (record, score = 0) => ({ record: { code: "X0000", ...record }, tier: 3, score });
  const sorted = (hits) => hits.sort(R.compareHits).map((h) => h.record.code);
  const terminatedPopular = hit({ code: "B0001", status: "terminated", drug: true, popularity: 50 });
  const bareActive = hit({ code: "B0002" });
  const drugActive = hit({ code: "B0003", drug: true, popularity: 1 });
  const drugPopular = hit({ code: "B0004", drug: true, popularity: 9 });
  const drugPopularBetter = hit({ code: "B0005", drug: true, popularity: 9 }, 5);
  assert.deepEqual(sorted([terminatedPopular, bareActive, drugActive, drugPopular, drugPopularBetter]), ["B0005", "B0004", "B0003", "B0002", "B0001"]);
  assert.deepEqual(sorted([{ ...bareActive, tier: 2 }, drugPopularBetter]), ["B0002", "B0005"], "a better tier wins over everything");
});

test("nothing to search gives nothing", () => {
  for (const query of ["", "   ", "-", "a"]) assert.deepEqual(R.rank(INDEX, query), [], JSON.stringify(query));
});

test("hits found elsewhere join the same order, and a code found twice keeps its better tier", () => {
  const walker = RECORDS.find((r) => r.code === "E0135");
  const tacrolimus = RECORDS.find((r) => r.code === "J7507");
  const more = [
    { record: walker, tier: R.TIER.DESCRIPTOR, reason: R.REASONS.descriptor },
    { record: tacrolimus, tier: R.TIER.DESCRIPTOR, reason: R.REASONS.descriptor, score: 99 },
  ];
  const results = R.rank(INDEX, "tacrolimus", { more });
  assert.deepEqual(results.map((r) => [r.record.code, r.reason]), [
    ["J7507", "exact name"],
    ["J7525", "name words"],
    ["J7503", "descriptor words"],
    ["E0135", "descriptor words"],
  ]);
});

test("limit cuts the ordered list", () => {
  assert.deepEqual(R.rank(INDEX, "7507", { limit: 2 }).map((r) => r.record.code), ["J7507", "A7507"]);
});

test("a serialised index, loaded back, ranks exactly as the one it came from", () => {
  const loaded = R.loadIndex(RECORDS, JSON.stringify(INDEX.mini));
  for (const query of ["tacrolimus", "tacrolimis", "pickup", "pembrolizumab", "KX", "injection tacrolimus", "prog"]) {
    assert.deepEqual(R.rank(loaded, query), R.rank(INDEX, query), query);
  }
});

/* The rank (1-based) each expected answer reaches, and whether the query hits within its rank. */
function judge(index, query) {
  const results = R.rank(index, query.q, { limit: 10 });
  const keys = results.map((r) => (r.record.kind === "modifier" ? "modifier:" : "") + r.record.code);
  const ranks = query.expect.map((e) => keys.indexOf(e) + 1);
  const within = ranks.map((n) => n > 0 && n <= query.rank);
  const found = query.match === "any" ? within.some(Boolean) : within.every(Boolean);
  const shown = results[ranks.find((n) => n > 0) - 1];
  const status = !query.status || shown?.record.status === query.status;
  return { ranks, hit: found && status, top: results.slice(0, 3).map((r) => r.record.code) };
}

test("the biller query set: at least 95 % of queries hit within their rank (table below)", () => {
  const index = R.buildIndex(readJson("../fixtures/rank_records.json"));
  const { queries } = readJson("../search_queries.json");
  const judged = queries.map((query) => ({ query, ...judge(index, query) }));
  const rows = judged.map(({ query, ranks, hit, top }) =>
    `${hit ? "ok  " : "MISS"} ${JSON.stringify(query.q).padEnd(32)} want ${query.expect.slice(0, 3).join(",")}${query.expect.length > 3 ? ",…" : ""} ≤${query.rank}  got ${ranks.slice(0, 3).map((n) => n || "-").join(",")}  top ${top.join(" ")}`,
  );
  const hits = judged.filter((j) => j.hit).length;
  console.log(`${rows.join("\n")}\nrank.mjs alone: ${hits}/${queries.length} = ${((100 * hits) / queries.length).toFixed(1)} % within rank`);
  assert.ok(hits / queries.length >= 0.95, `${hits}/${queries.length} within rank`);
});

test("the query set's misses are counted, not hidden: a wrong expectation is a miss", () => {
  const index = R.buildIndex(RECORDS);
  assert.equal(judge(index, { q: "tacrolimus", expect: ["J7525"], rank: 1 }).hit, false);
  assert.equal(judge(index, { q: "tacrolimus", expect: ["J7525"], rank: 2 }).hit, true);
  assert.equal(judge(index, { q: "7507", expect: ["C7507", "J7507"], rank: 2 }).hit, false);
  assert.equal(judge(index, { q: "7507", expect: ["C7507", "J7507"], rank: 2, match: "any" }).hit, true);
  assert.equal(judge(index, { q: "KX", expect: ["modifier:KX"], rank: 1, status: "terminated" }).hit, false);
});

test("minisearch is pinned to one exact version and its licence ships with our sources", () => {
  const pinned = readJson("../../package.json").dependencies.minisearch;
  const installed = readJson("../../node_modules/minisearch/package.json");
  assert.match(pinned, /^[0-9]+\.[0-9]+\.[0-9]+$/, "an exact version, no range");
  assert.equal(installed.version, pinned);
  assert.equal(installed.license, "MIT");
  const ours = readFileSync(new URL("../../site_assets/js/licenses/minisearch-LICENSE.txt", import.meta.url), "utf8");
  assert.equal(ours, readFileSync(new URL("../../node_modules/minisearch/LICENSE.txt", import.meta.url), "utf8"));
});
