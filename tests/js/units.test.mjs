// Tests for site_assets/js/units.mjs — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as U from "../../site_assets/js/units.mjs";
import { RULES } from "./fixtures/billing-rules.mjs";

const MODULE_PATH = fileURLToPath(new URL("../../site_assets/js/units.mjs", import.meta.url));
const CSV_PATHS = [
  fileURLToPath(new URL("../../content/reference/hcpcs_j75xx.csv", import.meta.url)),
  "/work/shared/reference/hcpcs_j75xx.csv",
];
const CSV_PATH = CSV_PATHS.find((p) => existsSync(p));

/* ---------- helpers (independent of the module under test) ---------- */
function parseCsv(text) {
  const rows = []; let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field); field = ""; if (row.some((f) => f !== "")) rows.push(row); row = [];
    } else field += c;
  }
  if (field !== "" || row.length) { row.push(field); rows.push(row); }
  const [head, ...body] = rows;
  return body.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ""])));
}
// Exact decimal-string multiply: "0.25" × "2.5" -> "0.625" (BigInt, no floats).
function mulDec(a, b) {
  const split = (s) => { const [i, f = ""] = s.split("."); return [BigInt(i + f), f.length]; };
  const [an, as] = split(a), [bn, bs] = split(b), places = as + bs;
  const digits = (an * bn).toString().padStart(places + 1, "0");
  const out = places ? `${digits.slice(0, -places)}.${digits.slice(-places)}` : digits;
  return out.includes(".") ? out.replace(/\.?0+$/, "") : out;
}
const desc = (code, amount, unit = "mg", extra = {}) => ({ code, amount, unit, ...extra });
const J = {
  J7501: desc("J7501", "100"), J7503: desc("J7503", "0.25"), J7507: desc("J7507", "1"), J7508: desc("J7508", "0.1"),
  J7509: desc("J7509", "4"), J7510: desc("J7510", "5"), J7517: desc("J7517", "250"), J7518: desc("J7518", "180"), J7519: desc("J7519", "10"),
};
const units = (descriptor, dose, doseUnit = "mg", mode) => U.calculateUnits({ rules: RULES, descriptor, dose, doseUnit, mode });
const waste = (extra) => U.calculateWithWaste({ rules: RULES, descriptor: J.J7519, doseUnit: "mg", today: "2026-11-23", ...extra });
const fieldsOf = (r) => r.errors.map((e) => e.field);
function assertOk(r) { assert.equal(r.ok, true, JSON.stringify(r.errors)); return r; }

/* ---------- every code in the reference family (read from the CSV) ---------- */
const ROWS = parseCsv(readFileSync(CSV_PATH, "utf8"));
test(`reference CSV is readable (${CSV_PATH}) and covers J7500–J7599`, () => {
  assert.equal(ROWS.length, 26);
  assert.ok(ROWS.every((r) => /^J75\d\d$/.test(r.code)));
});
for (const row of ROWS) {
  test(`CSV ${row.code}: units from dose_amount=${row.dose_amount || "(none)"} ${row.dose_unit}`, () => {
    const d = U.descriptorFromRow(row);
    if (!row.dose_amount) {
      const r = units(d, "10", "mg");
      assert.equal(r.ok, false); assert.deepEqual(fieldsOf(r), ["code"]);
      assert.match(r.errors[0].message, /no dose amount/);
      return;
    }
    const u = row.dose_unit;
    const cases = [["1", "1", "1"], ["3", "3", "3"], ["2.5", "3", "2.5"], ["0.5", "1", "0.5"], ["120", "120", "120"], ["1.01", "2", "1.01"]];
    for (const [k, expectUnits, expectQ] of cases) {
      const r = assertOk(units(d, mulDec(row.dose_amount, k), u));
      assert.equal(r.units, expectUnits, `${row.code} × ${k}`);
      assert.equal(r.exactQuotient, expectQ);
      assert.equal(r.lines[0].code, row.code);
    }
    // the same dose written in mcg gives the same units
    assert.equal(assertOk(units(d, mulDec(row.dose_amount, "2500"), "mcg")).units, "3");
    assert.equal(assertOk(units(d, mulDec(row.dose_amount, "2.5"), u, "nearest")).units, "3");
    assert.equal(assertOk(units(d, mulDec(row.dose_amount, "2.25"), u, "decimal-1")).units, "2.3");
    if (row.status === "terminated") assert.ok(units(d, row.dose_amount, u).notes.some((n) => n.includes(row.termination_date)));
  });
}

/* ---------- the documented working string ---------- */
test("working string matches the documented format exactly", () => {
  const r = assertOk(units(J.J7507, "2.5"));
  assert.deepEqual({ units: r.units, exactQuotient: r.exactQuotient }, { units: "3", exactQuotient: "2.5" });
  assert.equal(r.working, "2.5 mg ÷ 1 mg per unit = 2.5 → 3 units (rounded up)");
  assert.deepEqual(r.lines, [{ code: "J7507", modifier: "", units: "3", amount: "2.5 mg", billedAmount: "3 mg" }]);
});
test("README examples: 120 mg J7507 = 120 units; 720 mg J7518 = 4 units; 7.5 mg per 5 mg = 2; 3 mg per 5 mg = 1", () => {
  assert.equal(units(J.J7507, "120").units, "120");
  assert.equal(units(J.J7518, "720").units, "4");
  assert.equal(units(J.J7510, "7.5").units, "2");
  assert.equal(units(J.J7510, "3").units, "1");
});

/* ---------- floating-point traps ---------- */
const TRAPS = [ // [descriptor, dose, mode, units, exactQuotient]   (float result in the comment)
  [J.J7508, "1.1", "cms-up", "11", "11"], // 1.1/0.1 = 11.000000000000002 -> ceil 12
  [J.J7508, "0.3", "cms-up", "3", "3"], // 0.3/0.1 = 2.9999999999999996
  [J.J7508, "0.7", "cms-up", "7", "7"], // 0.7/0.1 = 6.999999999999999
  [J.J7508, "4.35", "nearest", "44", "43.5"], // 4.35/0.1 = 43.49999999999999 -> Math.round 43
  [J.J7508, "1.15", "cms-up", "12", "11.5"],
  [J.J7503, "0.75", "cms-up", "3", "3"],
  [desc("TEST", "0.2"), "0.6", "cms-up", "3", "3"], // 0.6/0.2 = 2.9999999999999996
  [J.J7508, "0.000001", "decimal-3", "0.001", "0.00001"],
  [J.J7507, "2.675", "decimal-2", "2.68", "2.675"], // (2.675).toFixed(2) = "2.67"
  [J.J7507, "1.005", "decimal-2", "1.01", "1.005"], // Math.round(1.005*100)/100 = 1
];
for (const [d, dose, mode, expect, q] of TRAPS) {
  test(`exact arithmetic: ${dose} mg at ${d.amount} mg per unit (${mode}) = ${expect}`, () => {
    const r = assertOk(units(d, dose, "mg", mode));
    assert.equal(r.units, expect); assert.equal(r.exactQuotient, q); assert.equal(r.quotientIsExact, true);
  });
}

/* ---------- rounding modes ---------- */
test("ROUNDING_MODES: ids, labels, explanations; cms-up is the default and the one cited (rules.rounding)", () => {
  assert.deepEqual(U.ROUNDING_MODES.map((m) => m.id), ["cms-up", "nearest", "decimal-1", "decimal-2", "decimal-3"]);
  for (const m of U.ROUNDING_MODES) { assert.ok(m.label.length > 5); assert.ok(m.explanation.length > 20); }
  assert.equal(U.DEFAULT_MODE, "cms-up");
  assert.deepEqual(U.ROUNDING_MODES.map((m) => Boolean(m.cited)), [true, false, false, false, false]);
});
test("the rules are input: notes quote the dates and sources they are given, and none is built in", () => {
  const moved = { ...RULES, jwRequiredFrom: "2018-02-03", jwSource: "Memo X", jzAvailableFrom: "2024-01-01", jzOptionalUntil: "2024-03-31",
    jzRequiredFrom: "2024-04-01", rounding: { ...RULES.rounding, short: "Manual Y §1" } };
  const zero = (date) => U.calculateWithWaste({ rules: moved, descriptor: J.J7519, dose: "400", doseUnit: "mg", containerType: "single-dose", discarded: "0", dateOfService: date });
  assert.equal(zero("2023-12-31").jz, "not-available");
  assert.equal(zero("2024-02-01").jz, "optional");
  assert.ok(zero("2024-02-01").notes.some((n) => n.includes("2024-01-01 to 2024-03-31 (required from 2024-04-01)")));
  assert.equal(zero("2024-04-01").lines[0].modifier, "JZ");
  const early = U.calculateWithWaste({ rules: moved, descriptor: J.J7519, dose: "350", doseUnit: "mg", containerType: "single-dose", discarded: "50", dateOfService: "2018-01-01" });
  assert.ok(early.notes.some((n) => n === "JW became required on 2018-02-03 (Memo X); check the contractor's instructions for earlier dates of service."));
  assert.ok(U.calculateUnits({ rules: moved, descriptor: J.J7519, dose: "3", doseUnit: "mg" }).notes.some((n) => n.includes("(CMS Manual Y §1)")));
  for (const calculate of [U.calculateUnits, U.calculateWithWaste, U.calculateSupply]) {
    assert.throws(() => calculate({ descriptor: J.J7507, dose: "1", doseUnit: "mg" }), TypeError);
    assert.throws(() => calculate({ rules: { ...RULES, jzRequiredFrom: "" }, descriptor: J.J7507, dose: "1", doseUnit: "mg" }), TypeError);
  }
});
const MODE_TABLE = { // J7507 (1 mg) doses -> expected units per mode
  "2.5": { "cms-up": "3", nearest: "3", "decimal-1": "2.5", "decimal-2": "2.5", "decimal-3": "2.5" },
  "2.4999": { "cms-up": "3", nearest: "2", "decimal-1": "2.5", "decimal-2": "2.5", "decimal-3": "2.5" },
  "2.0001": { "cms-up": "3", nearest: "2", "decimal-1": "2", "decimal-2": "2", "decimal-3": "2" },
  "0.3": { "cms-up": "1", nearest: "1", "decimal-1": "0.3", "decimal-2": "0.3", "decimal-3": "0.3" },
  "0.0004": { "cms-up": "1", nearest: "1", "decimal-1": "0.1", "decimal-2": "0.01", "decimal-3": "0.001" },
  "2.125": { "cms-up": "3", nearest: "2", "decimal-1": "2.1", "decimal-2": "2.13", "decimal-3": "2.125" },
  "7": { "cms-up": "7", nearest: "7", "decimal-1": "7", "decimal-2": "7", "decimal-3": "7" },
};
for (const m of U.ROUNDING_MODES) {
  test(`rounding mode ${m.id} on a table of doses`, () => {
    for (const [dose, expected] of Object.entries(MODE_TABLE)) {
      assert.equal(assertOk(units(J.J7507, dose, "mg", m.id)).units, expected[m.id], `${dose} mg`);
    }
    const r = units(J.J7518, "60", "mg", m.id); // 1/3 unit: repeating decimal
    assert.equal(r.units, { "cms-up": "1", nearest: "1", "decimal-1": "0.3", "decimal-2": "0.33", "decimal-3": "0.333" }[m.id]);
    assert.equal(r.quotientIsExact, false); assert.equal(r.exactQuotient, "0.333333"); assert.equal(r.quotientFraction, "1/3");
    if (m.id !== "cms-up") assert.ok(r.notes.some((n) => n.includes("payer")));
  });
}
test("working text for each kind of rounding", () => {
  assert.equal(units(J.J7507, "120").working, "120 mg ÷ 1 mg per unit = 120 → 120 units (no rounding needed)");
  assert.equal(units(J.J7507, "0.3", "mg", "nearest").working, "0.3 mg ÷ 1 mg per unit = 0.3 → 1 unit (less than 1 unit: minimum 1 unit)");
  assert.equal(units(J.J7518, "100", "mg", "decimal-2").working, "100 mg ÷ 180 mg per unit ≈ 0.555556 → 0.56 units (rounded to 2 decimal places)");
  assert.ok(units(J.J7507, "0.3").notes.some((n) => /below the descriptor amount is billed as 1 unit/.test(n)));
});
test("unknown rounding mode is an error on field mode", () => {
  assert.deepEqual(fieldsOf(units(J.J7507, "1", "mg", "round-down")), ["mode"]);
});

/* ---------- conversions ---------- */
const CONVERSIONS = [ // [descriptor, dose, unit, units, working prefix]
  [J.J7507, "0.0025", "g", "3", "0.0025 g = 2.5 mg; 2.5 mg ÷ 1 mg per unit"],
  [J.J7517, "1.5", "g", "6", "1.5 g = 1,500 mg; "],
  [J.J7503, "250", "mcg", "1", "250 mcg = 0.25 mg; "],
  [J.J7508, "150", "mcg", "2", "150 mcg = 0.15 mg; "],
  [desc("T-MCG", "500", "mcg"), "1.2", "mg", "3", "1.2 mg = 1,200 mcg; "],
  [desc("T-G", "1", "g"), "2500", "mg", "3", "2,500 mg = 2.5 g; "],
  [desc("T-ML", "5", "mL"), "0.02", "L", "4", "0.02 L = 20 mL; "],
  [desc("T-L", "1", "L"), "1500", "mL", "2", "1,500 mL = 1.5 L; "],
  [desc("T-U", "1000", "units"), "2500", "IU", "3", "2,500 IU = 2,500 units; "],
  [desc("T-IU", "10", "IU"), "25", "units", "3", "25 units = 25 IU; "],
  [J.J7507, "2", "µg", "1", "2 mcg = 0.002 mg; "],
];
for (const [d, dose, unit, expect, prefix] of CONVERSIONS) {
  test(`conversion: ${dose} ${unit} at ${d.amount} ${d.unit} per unit = ${expect}`, () => {
    const r = assertOk(units(d, dose, unit));
    assert.equal(r.units, expect); assert.ok(r.working.startsWith(prefix), r.working);
  });
}
const INCOMPATIBLE = [[J.J7507, "mL", /volume.*mass|concentration/], [J.J7507, "IU", /activity/], [desc("T-ML", "5", "mL"), "mg", /concentration/],
  [desc("T-U", "1", "units"), "mL", /activity/], [J.J7507, "L", /Cannot convert L/]];
for (const [d, unit, re] of INCOMPATIBLE) {
  test(`incompatible units: ${unit} for a code in ${d.unit} gives a message, not a number`, () => {
    const r = units(d, "5", unit);
    assert.equal(r.ok, false); assert.deepEqual(fieldsOf(r), ["doseUnit"]); assert.match(r.errors[0].message, re);
    assert.equal(r.units, undefined);
  });
}
test("compatibleUnits: the code's unit first, then only units of the same dimension", () => {
  assert.deepEqual(U.compatibleUnits("mg"), ["mg", "g", "mcg"]);
  assert.deepEqual(U.compatibleUnits("mcg"), ["mcg", "g", "mg"]);
  assert.deepEqual(U.compatibleUnits("mL"), ["mL", "L", "cc"]);
  assert.deepEqual(U.compatibleUnits("cc"), ["cc", "L", "mL"]); // a cubic centimetre is a millilitre
  assert.deepEqual(U.compatibleUnits("mEq"), ["mEq"]); // units of their own convert to nothing
  assert.deepEqual(U.compatibleUnits("USP units"), ["USP units"]);
  assert.deepEqual(U.compatibleUnits("IU"), ["IU", "units"]);
  assert.deepEqual(U.compatibleUnits("units"), ["units", "IU"]);
  assert.deepEqual(U.compatibleUnits("each"), []);
  assert.deepEqual(U.compatibleUnits(""), []);
  for (const unit of ["g", "mg", "mcg", "L", "mL", "cc", "units", "IU", "mEq", "USP units"]) {
    for (const other of U.compatibleUnits(unit)) assert.equal(units(desc("T", "1", unit), "1", other).ok, true, `${other} for ${unit}`);
  }
});
test("unknown or missing unit is an error on the unit field", () => {
  assert.match(units(J.J7507, "5", "oz").errors[0].message, /"oz" is not recognised/);
  assert.match(units(J.J7507, "5", "").errors[0].message, /choose a unit/);
  assert.deepEqual(fieldsOf(U.calculateUnits({ rules: RULES, descriptor: J.J7507, dose: "5" })), ["doseUnit"]);
});

/* ---------- "up to X" descriptors ---------- */
test("upTo descriptor: any amount up to X is 1 unit; each further X or part is another unit (cms-up)", () => {
  const d = desc("T-UPTO", "100", "mg", { upTo: true });
  const table = [["1", "1"], ["99.999", "1"], ["100", "1"], ["100.001", "2"], ["200", "2"], ["250", "3"]];
  for (const [dose, expect] of table) assert.equal(units(d, dose).units, expect, dose);
  assert.match(units(d, "50").working, /÷ up to 100 mg per unit/);
});
test("upTo descriptor with fractional-unit modes: up to X is still 1 unit", () => {
  const d = desc("T-UPTO", "100", "mg", { upTo: true });
  assert.equal(units(d, "40", "mg", "decimal-2").units, "1");
  assert.equal(units(d, "150", "mg", "decimal-2").units, "1.5");
  assert.equal(units(d, "40", "mg", "nearest").units, "1");
  assert.equal(units(J.J7501, "40", "mg", "decimal-2").units, "0.4"); // same amount, ordinary descriptor
});

/* ---------- discarded drug (JW) and no waste (JZ) ---------- */
test("Noridian example: 350 mg from four 100 mg vials, 10 mg per unit -> 35 units + 5 units JW", () => {
  const r = assertOk(waste({ dose: "350", containerType: "single-dose", containerSize: "100", containerCount: "4" }));
  assert.deepEqual(r.lines.map((l) => [l.code, l.modifier, l.units, l.amount]), [["J7519", "", "35", "350 mg"], ["J7519", "JW", "5", "50 mg"]]);
  assert.equal(r.totalUnits, "40"); assert.equal(r.jw, "line");
  assert.equal(U.claimLinesText(r), "J7519 x 35 units\nJ7519-JW x 5 units");
});
test("same example with the discarded amount typed in instead of containers", () => {
  const r = assertOk(waste({ dose: "350", containerType: "single-dose", discarded: "50" }));
  assert.deepEqual(r.lines.map((l) => l.units), ["35", "5"]);
});
test("administered units rounded up + JW never exceed what the containers held", () => {
  const table = [ // [dose, size, count, admin units, JW units]
    ["305", "100", "4", "31", "9"], ["77", "100", "1", "8", "2"], ["3", "12", "1", "1", "0"], ["0.5", "25", "2", "1", "4"],
  ];
  for (const [dose, size, count, admin, jw] of table) {
    const r = assertOk(waste({ dose, containerType: "single-dose", containerSize: size, containerCount: count }));
    assert.equal(r.lines[0].units, admin, dose);
    assert.equal(r.lines[1]?.units ?? "0", jw, dose);
    assert.ok(Number(r.totalUnits) * 10 <= Number(size) * Number(count) || r.lines.length === 1);
  }
});
test("Noridian: units rounded up already cover the vial -> no JW line, JZ instead", () => {
  const d = desc("T100", "100");
  const r = assertOk(waste({ descriptor: d, dose: "70", containerType: "single-dose", containerSize: "100" }));
  assert.equal(r.lines.length, 1); assert.equal(r.lines[0].modifier, "JZ"); assert.equal(r.lines[0].units, "1");
  assert.ok(r.notes.some((n) => /overpayment/.test(n)));
  const r2 = assertOk(waste({ dose: "7.5", containerType: "single-dose", discarded: "2.5", descriptor: J.J7510 }));
  assert.deepEqual(r2.lines.map((l) => [l.modifier, l.units]), [["JZ", "2"]]);
});
test("discarded amount larger than what was left in the containers is an error", () => {
  const r = waste({ dose: "350", containerType: "single-dose", containerSize: "100", containerCount: "4", discarded: "60" });
  assert.equal(r.ok, false); assert.deepEqual(fieldsOf(r), ["discarded"]); assert.match(r.errors[0].message, /400 mg − 350 mg = 50 mg/);
});
test("dose larger than the containers is an error", () => {
  const r = waste({ dose: "450", containerType: "single-dose", containerSize: "100", containerCount: "4" });
  assert.deepEqual(fieldsOf(r), ["dose"]);
});
test("discarded amount in other units is converted (0.05 g = 50 mg)", () => {
  const r = assertOk(waste({ dose: "350", containerType: "single-dose", discarded: "0.05", discardedUnit: "g" }));
  assert.equal(r.lines[1].units, "5");
});
test("multi-dose container: never a JW line, with a message", () => {
  const r = assertOk(waste({ dose: "350", containerType: "multi-dose", discarded: "50" }));
  assert.equal(r.lines.length, 1); assert.equal(r.lines[0].modifier, ""); assert.equal(r.jw, "none");
  assert.ok(r.notes.some((n) => /never used for multiple-dose/.test(n)));
  const r2 = assertOk(waste({ dose: "350", containerType: "multi-dose", containerSize: "100", containerCount: "4" }));
  assert.equal(r2.lines.length, 1);
});
test("unknown container type: no JW line until confirmed single-dose", () => {
  for (const t of [undefined, "", "unknown"]) {
    const r = assertOk(waste({ dose: "350", containerType: t, discarded: "50" }));
    assert.equal(r.lines.length, 1); assert.equal(r.containerType, "unknown"); assert.equal(r.jz, "unknown");
    assert.ok(r.notes.some((n) => /confirmed single-dose/.test(n)));
  }
  assert.deepEqual(fieldsOf(waste({ dose: "350", containerType: "vial" })), ["containerType"]);
});
const JZ_DATES = [["2022-12-31", "not-available", ""], ["2023-01-01", "optional", ""], ["2023-06-30", "optional", ""], ["2023-07-01", "required", "JZ"], ["2026-11-23", "required", "JZ"]];
for (const [date, status, modifier] of JZ_DATES) {
  test(`JZ with nothing discarded, date of service ${date}: ${status}`, () => {
    const r = assertOk(waste({ dose: "400", containerType: "single-dose", discarded: "0", dateOfService: date }));
    assert.equal(r.jz, status); assert.equal(r.lines.length, 1); assert.equal(r.lines[0].modifier, modifier);
    assert.equal(U.claimLineText(r.lines[0]), modifier ? "J7519-JZ x 40 units" : "J7519 x 40 units");
  });
}
test("JZ from container sizes: full vials used -> JZ (2024 date)", () => {
  const r = assertOk(waste({ dose: "400", containerType: "single-dose", containerSize: "100", containerCount: "4", dateOfService: "2024-03-01" }));
  assert.equal(r.lines[0].modifier, "JZ");
});
test("JW dates: required from 2017-01-01; earlier dates get a note", () => {
  const before = assertOk(waste({ dose: "350", containerType: "single-dose", discarded: "50", dateOfService: "2016-12-31" }));
  assert.ok(before.notes.some((n) => n.includes("2017-01-01")));
  const after = assertOk(waste({ dose: "350", containerType: "single-dose", discarded: "50", dateOfService: "2017-01-01" }));
  assert.ok(!after.notes.some((n) => n.includes("became required")));
  assert.equal(after.lines[1].modifier, "JW");
});
test("date of service: caller's today is the default; bad or missing dates are errors", () => {
  assert.equal(waste({ dose: "400", containerType: "single-dose", discarded: "0", today: "2023-03-01" }).jz, "optional");
  assert.equal(waste({ dose: "400", containerType: "single-dose", discarded: "0", today: "2023-03-01", dateOfService: "2024-01-01" }).jz, "required");
  for (const bad of ["2023-02-30", "2023-13-01", "07/01/2023", "yesterday"]) {
    assert.deepEqual(fieldsOf(waste({ dose: "400", containerType: "single-dose", discarded: "0", dateOfService: bad })), ["dateOfService"], bad);
  }
  assert.deepEqual(fieldsOf(waste({ dose: "400", containerType: "single-dose", discarded: "0", today: "" })), ["dateOfService"]);
});
test("single-dose without discarded amount or containers: asks for them, no JW/JZ decision", () => {
  const r = assertOk(waste({ dose: "350", containerType: "single-dose" }));
  assert.equal(r.jz, "unknown"); assert.equal(r.lines.length, 1); assert.ok(r.notes.some((n) => /amount discarded/.test(n)));
});
test("container inputs: count without size, bad count, bad size, default count 1", () => {
  assert.deepEqual(fieldsOf(waste({ dose: "50", containerType: "single-dose", containerCount: "2" })), ["containerSize"]);
  assert.deepEqual(fieldsOf(waste({ dose: "50", containerType: "single-dose", containerSize: "100", containerCount: "1.5" })), ["containerCount"]);
  assert.deepEqual(fieldsOf(waste({ dose: "50", containerType: "single-dose", containerSize: "100", containerCount: "0" })), ["containerCount"]);
  assert.deepEqual(fieldsOf(waste({ dose: "50", containerType: "single-dose", containerSize: "-100" })), ["containerSize"]);
  assert.deepEqual(fieldsOf(waste({ dose: "50", containerType: "single-dose", containerSize: "100", containerUnit: "mL" })), ["containerUnit"]);
  assert.deepEqual(assertOk(waste({ dose: "50", containerType: "single-dose", containerSize: "100" })).lines.map((l) => l.units), ["5", "5"]);
});
test("JW in a fractional-units mode is rounded down to the same places", () => {
  const r = assertOk(waste({ dose: "77.77", containerType: "single-dose", containerSize: "100", mode: "decimal-1" }));
  assert.deepEqual(r.lines.map((l) => l.units), ["7.8", "2.2"]);
});

/* ---------- oral supply for a period ---------- */
const supply = (descriptor, strength, strengthUnit, quantityPerDose, dosesPerDay, daysSupply, mode) =>
  U.calculateSupply({ rules: RULES, descriptor, strength, strengthUnit, quantityPerDose, dosesPerDay, daysSupply, mode });
test("supply: J7507 1 mg × 2 × 2/day × 30 days = 120 mg = 120 units", () => {
  const r = assertOk(supply(J.J7507, "1", "mg", "2", "2", "30"));
  assert.equal(r.units, "120"); assert.equal(r.lines[0].amount, "120 mg");
  assert.equal(r.working, "1 mg × 2 per dose × 2 doses per day × 30 days = 120 mg; 120 mg ÷ 1 mg per unit = 120 → 120 units (no rounding needed)");
});
test("supply: J7518 180 mg × 2 × 2/day × 30 days = 21,600 mg = 120 units", () => {
  const r = assertOk(supply(J.J7518, "180", "mg", "2", "2", "30"));
  assert.equal(r.units, "120"); assert.equal(r.exactQuotient, "120"); assert.match(r.working, /= 21,600 mg; /);
});
test("supply table: half tablets, mcg strengths, rounding of the total", () => {
  const table = [
    [J.J7507, "0.5", "mg", "1", "2", "30", "30"], [J.J7503, "0.75", "mg", "1", "1", "30", "90"],
    [J.J7517, "500", "mg", "0.5", "2", "30", "60"], [J.J7508, "500", "mcg", "1", "1", "7", "35"],
    [J.J7518, "360", "mg", "1", "1", "1", "2"], [J.J7509, "2", "mg", "1", "1", "3", "2"],
  ];
  for (const [d, s, su, q, n, days, expect] of table) assert.equal(assertOk(supply(d, s, su, q, n, days)).units, expect, `${d.code} ${s}${su}`);
});
test("supply: bad inputs give one error per field", () => {
  const r = supply(J.J7507, "", "mg", "0", "-1", "30.5");
  assert.deepEqual(fieldsOf(r), ["strength", "quantityPerDose", "dosesPerDay", "daysSupply"]);
  assert.deepEqual(fieldsOf(supply(J.J7507, "1", "mL", "2", "2", "30")), ["strengthUnit"]);
  assert.deepEqual(fieldsOf(supply(J.J7507, "1", "mg", "2", "25", "400")), ["dosesPerDay", "daysSupply"]);
  assert.deepEqual(fieldsOf(supply(J.J7508, "999999", "mg", "100", "24", "366")), ["daysSupply"]); // total above the unit cap
});

/* ---------- bad input, one specific message per field ---------- */
const BAD = [ // [value, message pattern]
  ["", /Enter the dose/], ["   ", /Enter the dose/], [undefined, /Enter the dose/], [null, /Enter the dose/],
  ["0", /greater than zero/], ["0.000", /greater than zero/], ["-1", /cannot be negative/], ["-0.5", /cannot be negative/],
  ["abc", /must be a number/], ["1,5", /must be a number/], ["1.2.3", /must be a number/], [NaN, /must be a number/], [{}, /must be a number/],
  ["Infinity", /finite/], ["-Infinity", /finite/], [Infinity, /finite/], ["1e3", /in full/], [1e21, /in full/],
  ["1.1234567", /at most 6 decimal places/], [0.1 + 0.2, /at most 6 decimal places/], ["1234567890123", /too large/],
];
for (const [value, re] of BAD) {
  test(`bad dose ${JSON.stringify(String(value))}: specific message, no number`, () => {
    const r = units(J.J7507, value);
    assert.equal(r.ok, false); assert.deepEqual(r.errors.map((e) => e.field), ["dose"]); assert.match(r.errors[0].message, re);
  });
}
test("absurdly large: more than 1,000,000 units is refused", () => {
  assert.equal(units(J.J7507, "1000000").units, "1000000");
  const r = units(J.J7507, "1000000.5");
  assert.deepEqual(fieldsOf(r), ["dose"]); assert.match(r.errors[0].message, /1,000,000 billing units/);
  assert.deepEqual(fieldsOf(units(J.J7508, "200", "g")), ["dose"]);
});
test("each field reports its own label; all errors are returned together", () => {
  const r = waste({ dose: "x", mode: "?", containerType: "single-dose", discarded: "-5", containerSize: "Infinity", containerCount: "abc", dateOfService: "no" });
  assert.deepEqual(fieldsOf(r).sort(), ["containerCount", "containerSize", "dateOfService", "discarded", "dose", "mode"].sort());
  const byField = Object.fromEntries(r.errors.map((e) => [e.field, e.message]));
  assert.match(byField.discarded, /^Amount discarded cannot be negative/);
  assert.match(byField.containerSize, /^Container size must be a finite number/);
  assert.match(byField.containerCount, /^Container count must be a number/);
});
test("missing descriptor / code without amount", () => {
  assert.deepEqual(fieldsOf(U.calculateUnits({ rules: RULES, dose: "1", doseUnit: "mg" })), ["code"]);
  assert.deepEqual(fieldsOf(units(desc("J7599", ""), "1")), ["code"]);
  assert.deepEqual(fieldsOf(units(desc("BAD", "abc"), "1")), ["code"]);
});

/* ---------- decimals and copy text ---------- */
test("parseDecimal / formatDecimal round trip and grouping", () => {
  const table = [["2.5", "2.5"], ["2.50", "2.5"], ["0.000001", "0.000001"], [".5", "0.5"], ["5.", "5"], ["007", "7"], ["21,600", "21600"], ["+3", "3"], ["1,000.25", "1000.25"], [" 4 ", "4"], [12, "12"], [0.1, "0.1"]];
  for (const [input, out] of table) assert.equal(U.formatDecimal(U.parseDecimal(input).value), out, String(input));
  assert.deepEqual(U.parseDecimal("0.1").value, { num: 1n, den: 10n });
  assert.equal(U.parseDecimal("1.1234567").reason, "decimals");
  assert.equal(U.formatDecimal(U.rational(2n, 3n), 6), "0.666667");
  assert.equal(U.formatDecimal(U.rational(1n, 8n)), "0.125");
  assert.equal(U.groupThousands("1234567.5"), "1,234,567.5");
});
test("claimLineText for the copy button", () => {
  const table = [[{ code: "J7507", modifier: "", units: "3" }, "J7507 x 3 units"], [{ code: "J7501", modifier: "JW", units: "5" }, "J7501-JW x 5 units"],
    [{ code: "J7525", modifier: "JZ", units: "1" }, "J7525-JZ x 1 unit"], [{ code: "J7507", modifier: "", units: "2.5" }, "J7507 x 2.5 units"]];
  for (const [l, text] of table) assert.equal(U.claimLineText(l), text);
  assert.equal(U.claimLinesText({ ok: false, errors: [] }), "");
});

/* ---------- invariants: never NaN, Infinity or negative ---------- */
test("fuzz: results never contain NaN, Infinity or negative numbers", () => {
  let seed = 42; const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const values = ["0", "1", "2.5", "0.1", "-3", "1e9", "999999", "0.000001", "abc", "", "100", "350", "1.1", "NaN"];
  const unitsList = ["mg", "g", "mcg", "mL", "IU", "x"];
  const pick = (a) => a[Math.floor(rnd() * a.length)];
  for (let i = 0; i < 600; i++) {
    const input = { rules: RULES, descriptor: pick(Object.values(J)), dose: pick(values), doseUnit: pick(unitsList), mode: pick([...U.ROUNDING_MODES.map((m) => m.id)]),
      containerType: pick(["single-dose", "multi-dose", "unknown"]), discarded: pick(["", ...values]), containerSize: pick(["", ...values]),
      containerCount: pick(["", "1", "4"]), today: "2025-05-05" };
    for (const r of [U.calculateUnits(input), U.calculateWithWaste(input)]) {
      const text = JSON.stringify(r);
      assert.ok(!/NaN|Infinity|undefined/.test(text), text);
      if (r.ok) for (const l of r.lines) assert.match(l.units, /^\d+(\.\d+)?$/);
      else assert.ok(r.errors.length > 0 && r.errors.every((e) => e.field && e.message));
    }
  }
});

/* ---------- module contract: pure logic, exact arithmetic ---------- */
test("module source: no DOM, no clock, no floats in arithmetic, no billing dates", () => {
  const src = readFileSync(MODULE_PATH, "utf8");
  assert.ok(!/parseFloat|Math\.(round|ceil|floor)|toFixed|Date\.now|new Date\(\)|document\.|window\./.test(src));
  assert.ok(!/\b(19|20)\d\d-\d\d-\d\d\b/.test(src), "dates come from rules (codebook/billing_rules.py)");
  assert.ok(src.split("\n").length < 400);
});

/* ---------- the JW/JZ sentences (issue 17: "The 1 unit … already cover", "Nothing billable was discarded") ---------- */
const COVERED = [ // [descriptor amount, dose, discarded, date, expected notes]
  ["500", "300", "200", "2026-03-02", [
    "The 1 unit billed for the dose covers 500 mg, so the 200 mg discarded is already paid for: do not bill it again on a JW line (that would be an overpayment; Noridian).",
    "JZ is required on the line for dates of service on or after 2023-07-01: no billable amount was discarded (the units billed already pay for it).",
  ]],
  ["10", "27", "3", "2026-03-02", [
    "The 3 units billed for the dose cover 30 mg, so the 3 mg discarded is already paid for: do not bill it again on a JW line (that would be an overpayment; Noridian).",
    "JZ is required on the line for dates of service on or after 2023-07-01: no billable amount was discarded (the units billed already pay for it).",
  ]],
  ["500", "300", "200", "2023-03-01", [
    "The 1 unit billed for the dose covers 500 mg, so the 200 mg discarded is already paid for: do not bill it again on a JW line (that would be an overpayment; Noridian).",
    "JZ is optional for dates of service 2023-01-01 to 2023-06-30 (required from 2023-07-01): no billable amount was discarded (the units billed already pay for it).",
  ]],
  ["10", "30", "0", "2026-03-02", ["JZ is required on the line for dates of service on or after 2023-07-01: nothing was discarded."]],
  ["10", "10", "0", "2022-06-01", ["JZ did not exist before 2023-01-01; no modifier for this date of service."]],
];
for (const [amount, dose, discarded, date, expected] of COVERED) {
  test(`JW/JZ notes read as sentences: ${dose} mg of a ${amount} mg code, ${discarded} mg discarded, ${date}`, () => {
    const r = assertOk(waste({ descriptor: desc("T", amount), dose, discarded, containerType: "single-dose", dateOfService: date }));
    assert.equal(r.lines.length, 1);
    assert.deepEqual(r.notes.filter((n) => /JW|JZ/.test(n)), expected);
  });
}
test("the covered-waste sentence agrees in number with the units billed", () => {
  const one = U.coveredWasteNote({ num: 1n, den: 1n }, "10 mg", "3 mg");
  const two = U.coveredWasteNote({ num: 2n, den: 1n }, "20 mg", "3 mg");
  const half = U.coveredWasteNote({ num: 1n, den: 2n }, "5 mg", "1 mg");
  assert.match(one, /^The 1 unit billed for the dose covers 10 mg,/);
  assert.match(two, /^The 2 units billed for the dose cover 20 mg,/);
  assert.match(half, /^The 0.5 units billed for the dose cover 5 mg,/);
});
