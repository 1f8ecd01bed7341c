import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
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
  assert.equal(r.working, "2 items × 10 billable units per item = 20 → 20 units (no rounding needed)");
});

// The real CMS rows of issue 28 (tests/test_ndc_faults.py proves the fixture is what the build sends).
const CMS = JSON.parse(readFileSync(new URL("./fixtures/ndc-cms-rows.json", import.meta.url), "utf-8"));
const cms = (code) => ({ data: ndcDataFromJson(CMS[code].data), descriptor: CMS[code].descriptor });

const ROUNDED_UP = "rounded up";
for (const [code, ndc, units, exact, dollars, how] of [
  ["J0290", "00781-3402-95", "1", "250 mg ÷ 500 mg per unit", "$0.62", ROUNDED_UP],
  ["J0129", "00003-2818-11", "9", "87.5 mg ÷ 10 mg per unit", "$413.43", ROUNDED_UP],
  // J1160 is "digoxin, up to 0.5 mg": any amount up to it is one unit, as in dose mode
  ["J1160", "70515-0262-10", "1", "0.1 mg ÷ up to 0.5 mg per unit", "$3.81", 'descriptor "up to": any amount up to it is 1 unit'],
]) {
  test(`${code} NDC ${ndc}: a fractional package bills ${units} whole unit(s), as dose mode rounds, and the money follows`, () => {
    const { data, descriptor } = cms(code);
    const r = ndcUnits(data, { ndc, count: "1", per: "item" }, descriptor);
    assert.equal(r.ok, true);
    assert.equal(r.units, units);
    assert.equal(r.rounded, true);
    assert.ok(r.working.endsWith(`(${exact}) → ${units} unit${units === "1" ? "" : "s"} (${how})`), r.working);
    assert.equal(ndcClaim(code, r), `${code} x ${units} unit${units === "1" ? "" : "s"} NDC ${ndc}`);
    assert.equal(ndcMoney(data, r.units).line.text, dollars);
  });
}

test("NDC mode takes the payer rounding rules of dose mode: 3 half-unit vials are 2 units, or 1.5 reported as fractions", () => {
  const { data, descriptor } = cms("J0290");
  assert.equal(ndcUnits(data, { ndc: "00781-3402-95", count: "3" }, descriptor).units, "2");
  assert.equal(ndcUnits(data, { ndc: "00781-3402-95", count: "3", rounding: "decimal-1" }, descriptor).units, "1.5");
  assert.equal(ndcUnits(data, { ndc: "00781-3402-95", count: "1", rounding: "nope" }, descriptor).field, "mode");
});

test("a package counted whole: J0290's carton of 10 half-unit vials is 5 units, no rounding", () => {
  const { data, descriptor } = cms("J0290");
  const r = ndcUnits(data, { ndc: "00781-3402-95", count: "1", per: "package" }, descriptor);
  assert.equal(r.units, "5");
  assert.equal(r.rounded, false);
});

for (const [code, ndc] of [["J0256", "00053-7201-02"], ["J0256", "13533-0705-01"], ["J0257", "00944-2884-01"]]) {
  test(`${code} NDC ${ndc}: a CMS unit-conversion fault is refused until the user confirms the reading`, () => {
    const { data, descriptor } = cms(code);
    const refused = ndcUnits(data, { ndc, count: "1", per: "item" }, descriptor);
    assert.equal(refused.ok, false);
    assert.equal(refused.fault, true);
    assert.match(refused.message, /CMS data fault/);
    assert.match(refused.message, /100 units of 10 mg: a factor of 1,000/);
    assert.match(refused.message, /label says 1 g per item/);
    const confirmed = ndcUnits(data, { ndc, count: "1", per: "item", confirm: "yes" }, descriptor);
    assert.equal(confirmed.units, "100");
    assert.equal(confirmed.corrected, true);
    assert.match(confirmed.working, /the corrected reading, 1 g per item/);
    assert.match(confirmed.working, /\(1,000 mg ÷ 10 mg per unit\)/);
    assert.equal(ndcUnits(data, { ndc, count: "1", per: "package", confirm: "yes" }, descriptor).units, "100");
  });
}

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
  assert.equal(ndcClaim("J9035", r), "J9035 x 20 units NDC 50242-0060-01");
  assert.equal(ndcClaim("J9035", r, ["JZ"]), "J9035-JZ x 20 units NDC 50242-0060-01");
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
