// Tests for site_assets/js/calculator-state.mjs — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as S from "../../site_assets/js/calculator-state.mjs";
import * as U from "../../site_assets/js/units.mjs";
import { RULES } from "./fixtures/billing-rules.mjs";

const MODULE_PATH = fileURLToPath(new URL("../../site_assets/js/calculator-state.mjs", import.meta.url));
const rec = (c, a, u, k, extra = {}) => S.recordFromData({ c, t: `Title ${c}`, d: `Descriptor ${c}, ${a} ${u}`, a, u, p: false, r: k === "oral" ? "oral" : "injection", k, x: "", n: [], ...extra });
const J7507 = rec("J7507", "1", "mg", "oral", { t: "Tacrolimus, immediate release (oral)", d: "Tacrolimus, immediate release, oral, 1 mg", n: ["tacrolimus", "Prograf"] });
const J7525 = rec("J7525", "5", "mg", "administered", { t: "Tacrolimus, injection (parenteral)", d: "Tacrolimus, parenteral, 5 mg", n: ["intravenous tacrolimus"] });
const J7517 = rec("J7517", "250", "mg", "oral", { t: "Mycophenolate mofetil (oral)", d: "Mycophenolate mofetil, oral, 250 mg", n: ["CellCept"] });
const J7599 = rec("J7599", "", "", "none", { d: "Immunosuppressive drug, not otherwise classified" });
const CODES = [J7599, J7525, J7517, J7507];
const TODAY = "2026-11-23";

/* ---------- URL <-> state ---------- */
test("stateFromQuery reads only known parameters, trims, caps length, upper-cases the code", () => {
  assert.deepEqual(S.stateFromQuery("?code=j7507&dose=%202.5%20&unit=mg&evil=<script>&rounding="), { code: "J7507", dose: "2.5", unit: "mg" });
  assert.deepEqual(S.stateFromQuery(""), {});
  assert.equal(S.stateFromQuery(`?dose=${"9".repeat(100)}`).dose.length, S.MAX_PARAM_LENGTH);
});
test("shareQuery: the issue's example, defaults left out, units only with their amounts", () => {
  assert.equal(S.shareQuery(J7507, { code: "J7507", dose: "2.5", unit: "mg", rounding: "cms-up" }), "?code=J7507&dose=2.5&unit=mg");
  assert.equal(S.shareQuery(J7507, { dose: "2.5", unit: "mg", rounding: "nearest" }), "?code=J7507&dose=2.5&unit=mg&rounding=nearest");
  assert.equal(S.shareQuery(J7507, { dose: "", unit: "mg" }), "");
  assert.equal(S.shareQuery(J7507, { dose: "", unit: "mg" }, { bareCode: true }), "?code=J7507");
  const waste = { dose: "5", unit: "mg", container: "single-dose", discarded: "5", discarded_unit: "mg", size: "", size_unit: "mg", count: "", date: "2026-03-02" };
  assert.equal(S.shareQuery(J7525, waste), "?code=J7525&dose=5&unit=mg&container=single-dose&discarded=5&discarded_unit=mg&date=2026-03-02");
});
test("shareQuery drops what does not apply: waste fields on an oral code, dose fields for a supply", () => {
  assert.equal(S.shareQuery(J7507, { dose: "3", unit: "mg", container: "single-dose", discarded: "1" }), "?code=J7507&dose=3&unit=mg");
  const supply = { basis: "supply", dose: "3", unit: "mg", strength: "1", strength_unit: "mg", per_dose: "2", per_day: "2", days: "30" };
  assert.equal(S.shareQuery(J7507, supply), "?code=J7507&basis=supply&strength=1&strength_unit=mg&per_dose=2&per_day=2&days=30");
  assert.equal(S.shareQuery(J7525, supply), "?code=J7525&dose=3&unit=mg"); // no supply basis for an injectable
});
test("round trip: state -> query -> state keeps every relevant field", () => {
  const state = { code: "J7525", dose: "350", unit: "mg", container: "single-dose", size: "100", size_unit: "mg", count: "4", date: "2023-05-01", rounding: "decimal-2" };
  assert.deepEqual(S.stateFromQuery(S.shareQuery(J7525, state)), state);
});

/* ---------- which calculation, with what input ---------- */
test("missingInput prompts instead of showing errors while fields are empty", () => {
  assert.equal(S.missingInput(J7507, {}), "Enter the dose to see the billing units.");
  assert.equal(S.missingInput(J7507, { dose: "1" }), "");
  assert.equal(S.missingInput(J7507, { basis: "supply", strength: "1" }), "Enter the quantity per dose, doses per day and days supply to see the billing units.");
  assert.equal(S.missingInput(J7507, { basis: "supply", strength: "1", per_dose: "1", per_day: "2" }), "Enter the days supply to see the billing units.");
  assert.equal(S.missingInput(J7525, { basis: "supply" }), "Enter the dose to see the billing units.");
});
test("calculate: oral dose, oral supply, injectable with waste — same answers as units.mjs", () => {
  assert.equal(S.calculate(J7507, { dose: "2.5", unit: "mg" }, TODAY, RULES).working, "2.5 mg ÷ 1 mg per unit = 2.5 → 3 units (rounded up)");
  assert.equal(S.calculate(J7507, { dose: "1000", unit: "mcg" }, TODAY, RULES).units, "1");
  assert.equal(S.calculate(J7507, { dose: "2.4", rounding: "nearest" }, TODAY, RULES).units, "2");
  const supply = S.calculate(J7517, { basis: "supply", strength: "500", strength_unit: "mg", per_dose: "2", per_day: "2", days: "30" }, TODAY, RULES);
  assert.equal(supply.units, "240");
  const jw = S.calculate(J7525, { dose: "5", unit: "mg", container: "single-dose", discarded: "5", date: "2026-03-02" }, TODAY, RULES);
  assert.equal(U.claimLinesText(jw), "J7525 x 1 unit\nJ7525-JW x 1 unit");
});
test("calculate: JZ by date of service; today stands in when no date is given", () => {
  const zero = (date) => S.calculate(J7525, { dose: "5", unit: "mg", container: "single-dose", discarded: "0", date }, TODAY, RULES);
  assert.equal(zero("2026-03-02").lines[0].modifier, "JZ");
  assert.equal(zero("2023-03-01").jz, "optional");
  assert.equal(zero("2022-12-31").jz, "not-available");
  assert.equal(zero("").jz, "required");
  assert.deepEqual(S.extraNotes(J7525, { container: "single-dose", date: "" }, TODAY), [`No date of service entered: the JW/JZ guidance uses today's date (${TODAY}).`]);
  assert.deepEqual(S.extraNotes(J7525, { container: "single-dose", date: "2026-01-02" }, TODAY), []);
  assert.deepEqual(S.extraNotes(J7507, {}, TODAY), []);
});
test("calculate: multi-dose never gives a JW line; units default to the code's unit", () => {
  const r = S.calculate(J7525, { dose: "5", container: "multi-dose", discarded: "5" }, TODAY, RULES);
  assert.deepEqual(r.lines.map((l) => l.modifier), [""]);
  assert.ok(r.notes.some((n) => /never used for multiple-dose/.test(n)));
  assert.equal(S.calculatorInput(J7525, { dose: "5", discarded: "1" }, TODAY, RULES).input.discardedUnit, "mg");
});
test("calculate: a code without an amount reports why", () => {
  const r = S.calculate(J7599, { dose: "5", unit: "mg" }, TODAY, RULES);
  assert.equal(r.ok, false); assert.match(r.errors[0].message, /no dose amount/);
});

/* ---------- code picker ---------- */
test("matchCodes: exact code first, then code prefix, then word prefix in names and aliases, then substring", () => {
  const codes = (q) => S.matchCodes(CODES, q).map((r) => r.code);
  assert.deepEqual(codes("j7507"), ["J7507"]);
  assert.deepEqual(codes("J75"), ["J7507", "J7517", "J7525", "J7599"]);
  assert.deepEqual(codes("tacro"), ["J7507", "J7525"]);
  assert.deepEqual(codes("prograf"), ["J7507"]);
  assert.deepEqual(codes("cellcept"), ["J7517"]);
  assert.deepEqual(codes("tacrolimus inj"), ["J7525"]);
  assert.deepEqual(codes("ycophen"), ["J7517"]); // substring only
  assert.deepEqual(codes("  "), []);
  assert.deepEqual(codes("zzz"), []);
  assert.equal(S.matchCodes(CODES, "J", 2).length, 2);
});
test("exactCode accepts the picker's own display text and any case", () => {
  assert.equal(S.exactCode(CODES, "j7525"), J7525);
  assert.equal(S.exactCode(CODES, "J7507 — Tacrolimus, immediate release, oral, 1 mg"), J7507);
  assert.equal(S.exactCode(CODES, "J75"), null);
});
test("recordFromDataset reads the code page's data attributes", () => {
  const r = S.recordFromDataset({ code: "J7507", amount: "1", unit: "mg", upTo: "false", route: "oral", kind: "oral", terminated: "" });
  assert.deepEqual([r.code, r.amount, r.unit, r.upTo, r.kind], ["J7507", "1", "mg", false, "oral"]);
  assert.equal(S.recordFromDataset({ code: "T", upTo: "true" }).upTo, true);
});
test("localIsoDate uses the given date's local calendar day", () => {
  assert.equal(S.localIsoDate(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
});
test("module source: no DOM, no clock; the arithmetic is imported from units.mjs, not passed in", () => {
  const src = readFileSync(MODULE_PATH, "utf8");
  assert.match(src, /^import \{[^}]+\} from "\.\/units\.mjs";$/m);
  assert.ok(!/document|window|Date\.now|new Date\(\)/.test(src.replace(/^\s*\*.*$/gm, "")));
});

test("NDC mode: the URL keeps the mode, NDC, count and per, and nothing from dose mode", () => {
  const J9035 = { ...rec("J9035", "10", "mg", "administered"), hasNdc: true };
  const state = { code: "J9035", mode: "ndc", ndc: "50242-0060-01", items: "2", per: "item", dose: "400", unit: "mg", container: "single-dose" };
  const query = S.shareQuery(J9035, state);
  assert.equal(query, "?code=J9035&mode=ndc&ndc=50242-0060-01&items=2");
  const back = S.stateFromQuery(query);
  assert.deepEqual(back, { code: "J9035", mode: "ndc", ndc: "50242-0060-01", items: "2" });
  assert.equal(S.shareQuery(J9035, { ...back, per: "package" }), `${query}&per=package`);
  assert.equal(S.missingInput(J9035, back), "");
  assert.match(S.missingInput(J9035, { ...back, items: "" }), /NDC/);
});

test("NDC mode is ignored for a code without NDC data", () => {
  const state = { code: "J7525", mode: "ndc", ndc: "1", items: "2", dose: "5", unit: "mg" };
  assert.equal(S.isNdcMode(J7525, state), false);
  assert.equal(S.shareQuery(J7525, state), "?code=J7525&dose=5&unit=mg");
});

/* ---------- claim lines: the modifiers the page declares, never invented ---------- */
test("claimLines: the declared modifiers on the drug line only, after the calculator's JZ", () => {
  const oral = rec("J7507", "1", "mg", "oral", { m: ["KX"] });
  const lines = S.claimLines(oral, S.calculate(oral, { dose: "100", unit: "mg" }, TODAY, RULES));
  assert.deepEqual(lines, [{ code: "J7507", modifiers: ["KX"], units: "100", amount: "100 mg" }]);
  assert.equal(S.claimText(lines), "J7507-KX x 100 units");
  const both = rec("J7525", "5", "mg", "administered", { m: ["KX"] });
  const waste = S.calculate(both, { dose: "5", unit: "mg", container: "single-dose", discarded: "5", date: "2026-03-02" }, TODAY, RULES);
  assert.equal(S.claimText(S.claimLines(both, waste)), "J7525-KX x 1 unit\nJ7525-JW x 1 unit");
  const none = S.calculate(both, { dose: "5", unit: "mg", container: "single-dose", discarded: "0", date: "2026-03-02" }, TODAY, RULES);
  assert.deepEqual(S.claimLines(both, none)[0].modifiers, ["JZ", "KX"]);
  assert.equal(S.claimText(S.claimLines(both, none)), "J7525-JZ-KX x 1 unit");
});
test("claimLines: a record that declares none shows none; a failed result has no lines", () => {
  assert.deepEqual(J7507.modifiers, []);
  const lines = S.claimLines(J7507, S.calculate(J7507, { dose: "2.5", unit: "mg" }, TODAY, RULES));
  assert.deepEqual(lines.map((l) => l.modifiers), [[]]);
  assert.equal(S.claimText(lines), "J7507 x 3 units");
  assert.deepEqual(S.claimLines(J7507, S.calculate(J7507, { dose: "x" }, TODAY, RULES)), []);
});
test("recordFromDataset reads data-modifiers; an empty or missing attribute declares none", () => {
  assert.deepEqual(S.recordFromDataset({ code: "J7507", modifiers: "KX" }).modifiers, ["KX"]);
  assert.deepEqual(S.recordFromDataset({ code: "J7507", modifiers: "" }).modifiers, []);
  assert.deepEqual(S.recordFromDataset({ code: "J7507" }).modifiers, []);
});
