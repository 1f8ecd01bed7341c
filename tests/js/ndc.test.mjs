// Tests for site_assets/js/ndc.mjs on the case table Python's tests read too — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { normalizeNdc, tenDigitCandidates } from "../../site_assets/js/ndc.mjs";

const TABLE = JSON.parse(readFileSync(new URL("../fixtures/ndc_cases.json", import.meta.url), "utf-8"));

for (const c of TABLE.cases) {
  test(`NDC case: ${c.why} (${JSON.stringify(c.input)})`, () => {
    const known = c.known ?? TABLE.known;
    assert.equal(normalizeNdc(c.input, known), c.expected);
    assert.equal(normalizeNdc(c.input, new Set(known)), c.expected, "a Set of known NDCs answers the same");
  });
}

test("the three readings of an undashed 10-digit string, in 4-4-2, 5-3-2, 5-4-1 order", () => {
  assert.deepEqual(tenDigitCandidates("5024206001"), ["05024-2060-01", "50242-0060-01", "50242-0600-01"]);
});

test("non-string input is not an NDC", () => {
  for (const value of [null, undefined, 50242006001, {}, ["50242-0060-01"]]) assert.equal(normalizeNdc(value), null);
});
