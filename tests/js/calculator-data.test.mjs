// Tests for site_assets/js/calculator-data.mjs (the pure parts) — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import * as D from "../../site_assets/js/calculator-data.mjs";

// Shards as codebook/calculator.py ndc_index_shards writes them: first 3 digits -> { 11 digits: [codes] }.
const INDEX = {
  "004": { "00469061773": ["J7507"] },
  "502": { "50242006001": ["J9035"] },
  "123": { "12345067801": ["J1111", "J2222"] },
};

const CASES = [ // [typed, expected (NDC, code) pairs]
  ["00469-0617-73", [["00469-0617-73", "J7507"]]], // 5-4-2
  ["0469-0617-73", [["00469-0617-73", "J7507"]]], // 4-4-2 label form
  ["00469061773", [["00469-0617-73", "J7507"]]], // 11 digits
  [" 00469 0617 73 ", [["00469-0617-73", "J7507"]]], // spaces
  ["5024206001", [["50242-0060-01", "J9035"]]], // 10 bare digits: only the 5-3-2 reading is listed
  ["50242-060-01", [["50242-0060-01", "J9035"]]], // 5-3-2 with dashes
  ["12345-0678-01", [["12345-0678-01", "J1111"], ["12345-0678-01", "J2222"]]], // one NDC, two codes
  ["99999-9999-99", []],
  ["J7507", []],
  ["0046906177", []], // 10 digits none of whose readings is listed
  ["", []],
];
for (const [typed, expected] of CASES) {
  test(`codesForNdc(${JSON.stringify(typed)})`, () => {
    assert.deepEqual(D.codesForNdc(INDEX, typed).map((m) => [m.ndc, m.code]), expected);
  });
}

test("lookup keys: one for a form that says which group is short, three readings for 10 bare digits", () => {
  assert.deepEqual(D.ndcLookupKeys("0469-0617-73"), ["00469061773"]);
  assert.deepEqual(D.ndcLookupKeys("5024206001"), ["05024206001", "50242006001", "50242060001"]);
  assert.deepEqual(D.ndcLookupKeys("tacrolimus"), []);
  assert.deepEqual(D.ndcLookupKeys(undefined), []);
});

test("a shard is named by the first digits, as the build names its files (assets/ndc/n004.js)", () => {
  assert.equal(D.SHARD_DIGITS, 3);
  assert.equal(D.shardOf("00469061773"), "004");
  assert.deepEqual(D.codesForNdc({}, "00469-0617-73"), []); // shard not loaded yet: nothing, no error
});
