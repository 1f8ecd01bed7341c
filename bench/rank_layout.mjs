/* global console, URL */
// Bytes of the candidate layouts for the structured search layer (site_assets/js/rank.mjs), measured
// on every CMS code and crosswalk NDC (tests/fixtures/rank_records.json):
//   node bench/rank_layout.mjs
// A query from disk may load at most 100 kB (issue 18), so this compares MiniSearch's serialised
// index with compact rows that MiniSearch indexes in the browser, and sizes the NDC and code shards.
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { performance } from "node:perf_hooks";
import { buildIndex } from "../site_assets/js/rank.mjs";

const records = JSON.parse(readFileSync(new URL("../tests/fixtures/rank_records.json", import.meta.url), "utf8"));
const kb = (n) => `${(n / 1024).toFixed(0)} kB`;
const sizes = (text) => `${kb(text.length)} raw, ${kb(gzipSync(text).length)} gzip`;
const flags = (r) => (r.status ? 1 : 0) | (r.guide ? 2 : 0) | (r.drug ? 4 : 0) | (r.kind ? 8 : 0);

function timed(make) {
  const start = performance.now();
  const value = make();
  return [value, `${(performance.now() - start).toFixed(0)} ms`];
}

/* Shards of a {key: value} table grouped by keyOf(key): count, largest, total bytes. */
function shards(entries, keyOf) {
  const groups = new Map();
  for (const [key, value] of entries) {
    if (!groups.has(keyOf(key))) groups.set(keyOf(key), {});
    groups.get(keyOf(key))[key] = value;
  }
  const bytes = [...groups.values()].map((g) => JSON.stringify(g).length);
  return `${groups.size} shards, largest ${kb(Math.max(...bytes))}, total ${kb(bytes.reduce((a, b) => a + b, 0))}`;
}

const codes = records.filter((r) => !r.kind);
const named = records.filter((r) => r.names || r.kind || r.guide);
const ndcs = codes.flatMap((r) => (r.ndcs || []).map((ndc) => [ndc, r.code]));
console.log(`${codes.length} codes, ${named.length} with names or a guide (modifiers included), ${ndcs.length} NDCs`);

const [all, allTime] = timed(() => buildIndex(records));
console.log(`MiniSearch over every record, serialised: ${sizes(JSON.stringify(all.mini))} (built in ${allTime})`);
const [names, namesTime] = timed(() => buildIndex(named));
console.log(`MiniSearch over the named records, serialised: ${sizes(JSON.stringify(names.mini))} (built in ${namesTime})`);
const rows = named.map((r) => [r.code, flags(r), r.popularity || 0, r.short || "", r.names || []]);
console.log(`named records as compact rows [code, flags, NDC count, short, names]: ${sizes(JSON.stringify(rows))}`);
const withTitles = named.map((r) => [r.code, flags(r), r.popularity || 0, r.short || "", r.names || [], r.title]);
console.log(`  the same with long descriptors: ${sizes(JSON.stringify(withTitles))}`);
console.log(`every code as [code, flags, NDC count]: ${sizes(JSON.stringify(codes.map((r) => [r.code, flags(r), r.popularity || 0])))}`);
console.log(`NDC -> code by first two digits: ${shards(ndcs, (ndc) => ndc.slice(0, 2))}`);
console.log(`NDC -> code by first three digits: ${shards(ndcs, (ndc) => ndc.slice(0, 3))}`);
console.log(`codes by last digit (for "7507"): ${shards(codes.map((r) => [r.code, flags(r)]), (code) => code.slice(-1))}`);
