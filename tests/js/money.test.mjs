// Tests for site_assets/js/money.mjs — run: node --test tests/js/
// Expected figures are worked out by hand (or by the independent BigInt helper below), never by the module.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { LABEL, discardedValue, dollars, lineAmount, moneyText, roundCents } from "../../site_assets/js/money.mjs";
import { parseDecimal } from "../../site_assets/js/units.mjs";

const ok = (result) => { assert.equal(result.ok, true, JSON.stringify(result.errors)); return result; };
const cents = (text) => dollars(roundCents(parseDecimal(text, 12).value));

test("units × limit: exact product, rounded to the cent half up, working shown", () => {
  const r = ok(lineAmount({ units: "2", limit: "73.632", coinsurance: "20.000", quarter: "2026-01" }));
  assert.equal(r.exact, "147.264");
  assert.equal(r.text, "$147.26");
  assert.equal(r.working, "2 units × $73.632 per unit = $147.264 → $147.26 (rounded to the cent, half up)");
  assert.equal(r.quarter, "2026-01");
  assert.equal(r.label, LABEL);
  assert.match(LABEL, /not what a commercial payer or Part D plan pays/);
});

test("the limit is shown as CMS publishes it: three decimals, trailing zeros kept", () => {
  const r = ok(lineAmount({ units: "10", limit: "0.170", coinsurance: "20.000" }));
  assert.equal(r.limit, "0.170");
  assert.equal(r.working, "10 units × $0.170 per unit = $1.70");
});

test("an exact half cent rounds up (half up, not to even)", () => {
  assert.equal(ok(discardedValue({ jwUnits: "5", limit: "0.197" })).text, "$0.99"); // 0.985
  assert.equal(ok(discardedValue({ jwUnits: "5", limit: "0.125" })).text, "$0.63"); // 0.625
  assert.equal(ok(discardedValue({ jwUnits: "1", limit: "0.004" })).text, "$0.00"); // below half a cent
  assert.equal(cents("2.675"), "2.68"); // a float would give 2.67 (2.675 is 2.67499… in binary)
});

test("no floating point: 0.1 + 0.2 style products stay exact", () => {
  const r = ok(lineAmount({ units: "3", limit: "0.100", coinsurance: "20.000" }));
  assert.equal(r.exact, "0.3");
  assert.equal(r.text, "$0.30");
  assert.equal(ok(lineAmount({ units: "0.1", limit: "0.2", coinsurance: "0" })).exact, "0.02");
});

test("coinsurance at the file's percentage, on the line amount in cents", () => {
  const r = ok(lineAmount({ units: "120", limit: "0.197", coinsurance: "20.000" })).coinsurance;
  assert.equal(r.text, "$4.73"); // 23.64 × 20 % = 4.728
  assert.equal(r.working, "20.000 % of $23.64 = $4.728 → $4.73 (rounded to the cent, half up)");
  const reduced = ok(lineAmount({ units: "1", limit: "5307.930", coinsurance: "10.992" })).coinsurance;
  assert.equal(reduced.percent, "10.992");
  assert.equal(reduced.text, "$583.45"); // 5,307.93 × 0.10992 = 583.4476656
  assert.equal(ok(lineAmount({ units: "4", limit: "98.160", coinsurance: "0.000" })).coinsurance.text, "$0.00");
});

test("JW: units discarded × limit = the value of the discarded amount", () => {
  const r = ok(discardedValue({ jwUnits: "5", limit: "58.400", quarter: "2026-01" }));
  assert.equal(r.text, "$292.00");
  assert.equal(r.working, "JW: 5 units × $58.400 per unit = $292.00");
  assert.equal(r.coinsurance, undefined);
});

test("large numbers stay exact and are grouped", () => {
  const r = ok(lineAmount({ units: "1000000", limit: "5307.930", coinsurance: "10.992" }));
  assert.equal(r.text, "$5,307,930,000.00");
  assert.equal(r.coinsurance.text, "$583,447,665.60");
  assert.equal(ok(lineAmount({ units: "999999.999999", limit: "999999.999", coinsurance: "20" })).exact, "999999998999.000000001");
});

test("zero units or a zero limit is $0.00, not an error", () => {
  assert.equal(ok(lineAmount({ units: "0", limit: "73.632", coinsurance: "20.000" })).text, "$0.00");
  assert.equal(ok(discardedValue({ jwUnits: "3", limit: "0.000" })).text, "$0.00");
  assert.equal(ok(discardedValue({ jwUnits: "0", limit: "1.000" })).working, "JW: 0 units × $1.000 per unit = $0.00");
});

test("one unit is singular", () => {
  assert.equal(ok(discardedValue({ jwUnits: "1", limit: "2.000" })).working, "JW: 1 unit × $2.000 per unit = $2.00");
});

test("no payment limit (CMS 'N/A'), bad or missing figures: errors, never $0.00", () => {
  const na = lineAmount({ units: "3", limit: "N/A", coinsurance: "20.000" });
  assert.deepEqual(na, { ok: false, errors: [{ field: "limit", message: 'CMS publishes no payment limit for this quarter ("N/A"), so no amount can be calculated.' }] });
  assert.deepEqual(lineAmount({ units: "-1", limit: "1", coinsurance: "20" }).errors.map((e) => e.field), ["units"]);
  assert.deepEqual(lineAmount({ units: "1", limit: "1" }).errors, [{ field: "coinsurance", message: "Coinsurance percentage is missing." }]);
  assert.deepEqual(lineAmount({ units: "1", limit: "1", coinsurance: "120" }).errors.map((e) => e.field), ["coinsurance"]);
  assert.equal(discardedValue({ jwUnits: "1e3", limit: "1" }).ok, false);
  assert.equal(discardedValue().ok, false);
});

test("a published figure is written as money exactly as pages write it (tests/fixtures/money_format.json)", () => {
  const table = JSON.parse(readFileSync(new URL("../fixtures/money_format.json", import.meta.url), "utf8"));
  for (const [published, shown] of table.cases) assert.equal(moneyText(published), shown, published);
});
