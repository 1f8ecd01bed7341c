import assert from "node:assert/strict";
import { test } from "node:test";

import { findPackage, ndcClaim, ndcDataFromJson, ndcMoney, ndcUnits } from "../../site_assets/js/calculator-ndc.mjs";

const AVASTIN = ndcDataFromJson({
  p: [
    { n: "50242-0060-01", l: "Genentech, Inc.", g: "Avastin", i: "10", k: "10", q: "1", x: false },
    { n: "50242-0061-01", l: "Genentech, Inc.", g: "Avastin", i: "40", k: "40", q: "1", x: false },
    { n: "12345-0001-02", l: "Example", g: "Odd", i: "5", k: "12", q: "2", x: true },
  ],
  $: { m: "73.632", y: "January 2026", c: "20.000" },
});

test("2 vials of 10 units each are 20 units, with the arithmetic shown", () => {
  const r = ndcUnits(AVASTIN, { ndc: "50242-0060-01", count: "2", per: "item" });
  assert.equal(r.ok, true);
  assert.equal(r.units, "20");
  assert.equal(r.working, "2 × 10 billable units per item = 20 units");
});

test("ten-digit NDCs are read with and without dashes against the code's NDCs", () => {
  assert.equal(findPackage(AVASTIN, "50242-060-01").ndc, "50242-0060-01");
  assert.equal(findPackage(AVASTIN, "5024206001").ndc, "50242-0060-01");
  assert.equal(findPackage(AVASTIN, "99999-0060-01").ok, false);
  assert.equal(findPackage(AVASTIN, "abc").field, "ndc");
});

test("an inconsistent CMS row is never used and both figures are shown", () => {
  const r = ndcUnits(AVASTIN, { ndc: "12345-0001-02", count: "1", per: "item" });
  assert.equal(r.ok, false);
  assert.equal(r.inconsistent, true);
  assert.match(r.message, /5 billable units per item × 2 items ≠ 12 billable units per package/);
  assert.match(r.message, /dose/);
});

test("the count must be a number above zero", () => {
  assert.equal(ndcUnits(AVASTIN, { ndc: "50242-0060-01", count: "0" }).field, "items");
  assert.equal(ndcUnits(AVASTIN, { ndc: "50242-0060-01", count: "two" }).field, "items");
});

test("the claim line carries the code, only the given modifiers, the units and the 5-4-2 NDC", () => {
  const r = ndcUnits(AVASTIN, { ndc: "5024206001", count: "2", per: "package" });
  assert.equal(ndcClaim("J9035", r), "J9035 20 units NDC 50242-0060-01");
  assert.equal(ndcClaim("J9035", r, ["JZ"]), "J9035 JZ 20 units NDC 50242-0060-01");
});

test("money: the line's payment limit, coinsurance and discarded value carry the quarter", () => {
  const m = ndcMoney(AVASTIN, "20", "3");
  assert.equal(m.line.text, "$1,472.64");
  assert.equal(m.line.quarter, "January 2026");
  assert.equal(m.line.coinsurance.text, "$294.53");
  assert.equal(m.discarded.text, "$220.90");
  assert.equal(ndcMoney(ndcDataFromJson({ p: [], $: null }), "20"), null);
});

test("the money line carries the build's quarter warning, or its reason for no amount", () => {
  const warned = ndcDataFromJson({ p: [], $: { m: "0.162", y: "October 2026, from a copy of the CMS file (X)", c: "20.000", n: "The two are from different quarters." } });
  assert.equal(warned.money.note, "The two are from different quarters.");
  assert.equal(warned.noMoney, "");
  const refused = ndcDataFromJson({ p: [], $: { x: "No amount is shown: the units differ." } });
  assert.equal(refused.money, null);
  assert.equal(refused.noMoney, "No amount is shown: the units differ.");
  assert.equal(ndcMoney(refused, "20"), null);
});
