/*
 * codebook — billing-unit calculator logic (HCPCS Level II drug codes). Facts: reference README (b).
 * Plain ES module, no DOM, no imports (bundled for the browser by site_assets/js/bundle.mjs). Exact
 * arithmetic: decimals become BigInt rationals {num, den}; no floating point. Never reads the clock:
 * dates come from the caller. Knows no billing dates or citations: they come in as `rules`, made by
 * codebook/billing_rules.py (script_rules) and read by the page from the form's data-rules:
 *   { jwRequiredFrom, jwSource, jzAvailableFrom, jzOptionalUntil, jzRequiredFrom, discardedSource,
 *     rounding: { source, short, quote, url } }
 *
 * descriptor: { code: "J7507", amount: "1", unit: "mg", upTo?: false, terminationDate?: "" }
 *   descriptorFromRow(csvRow) builds one from hcpcs_j75xx.csv (dose_amount, dose_unit, termination_date).
 * mode: ROUNDING_MODES[].id — "cms-up" (default) | "nearest" | "decimal-1" | "decimal-2" | "decimal-3".
 * Numbers: strings (or finite JS numbers), at most 6 decimals. Units: g mg mcg | L mL cc | units IU | mEq | USP units.
 *
 * calculateUnits({ rules, descriptor, dose, doseUnit, mode })                            -> Result
 * calculateWithWaste({ rules, descriptor, dose, doseUnit, mode, containerType: "single-dose" |
 *   "multi-dose" | "unknown", discarded?, discardedUnit?, containerSize?, containerUnit?,
 *   containerCount?, dateOfService?, today })                -> Result + { containerType, jw, jz }
 * calculateSupply({ rules, descriptor, strength, strengthUnit, quantityPerDose, dosesPerDay, daysSupply,
 *   mode })   (a missing `rules` is a programming error: TypeError)
 * Result: { ok: true, code, mode, units: "3", totalUnits, exactQuotient: "2.5", quotientIsExact,
 *   quotientFraction: "5/2", lines: [{ code, modifier: "" | "JW" | "JZ", units, amount, billedAmount }],
 *   working: "2.5 mg ÷ 1 mg per unit = 2.5 → 3 units (rounded up)", notes: [] }
 *   | { ok: false, errors: [{ field, message }] }.  A repeating quotient is shown to 6 places, flagged
 *   quotientIsExact: false (quotientFraction stays exact). jw: "line" | "none"; jz: "required" |
 *   "optional" | "not-available" | "not-applicable" | "unknown".
 * compatibleUnits("mg") -> ["mg", "g", "mcg"] (labels for the dose-unit choice; [] when not measurable).
 * claimLineText(line) -> "J7507 x 3 units" / "J7501-JW x 5 units"; claimLinesText(result) -> joined by "\n".
 * parseDecimal(input, maxDecimals = 6) -> { ok: true, value: {num, den} } | { ok: false, reason }
 * formatDecimal(value, maxPlaces = 12) -> "2.5" (exact when it fits, else rounded half up).
 * Constants: ROUNDING_MODES, DEFAULT_MODE, UNIT_TABLE, MAX_UNITS, MAX_DECIMALS. Other exports are helpers.
 */

export const MAX_DECIMALS = 6;
export const MAX_INTEGER_DIGITS = 12;
export const MAX_UNITS = "1000000";
export const DEFAULT_MODE = "cms-up";

export const ROUNDING_MODES = Object.freeze([
  Object.freeze({ id: "cms-up", method: "up", places: 0, default: true, how: "rounded up",
    label: "Round up to the next whole unit (CMS / Medicare)",
    explanation: "Medicare rule: if the dose is not a multiple of the amount in the code's descriptor, round up to the next whole unit. A dose below one unit is billed as 1 unit.",
    cited: true }),
  Object.freeze({ id: "nearest", method: "half-up", places: 0, how: "rounded to the nearest whole unit",
    label: "Round to the nearest whole unit",
    explanation: "For payers whose written policy says so (not Medicare): round to the nearest whole unit, halves up. A dose below one unit is still at least 1 unit." }),
  ...[1, 2, 3].map((n) => Object.freeze({ id: `decimal-${n}`, method: "half-up", places: n,
    how: `rounded to ${n} decimal place${n === 1 ? "" : "s"}`,
    label: `Report fractional units (${n} decimal place${n === 1 ? "" : "s"})`,
    explanation: `For payers that accept fractional units (not Medicare): report units to ${n} decimal place${n === 1 ? "" : "s"}, halves rounded up; never less than ${formatPlaces(n)}.` })),
]);

/** Compatible units share a dimension; factor = size in the dimension's smallest unit (mcg, mL, unit). */
export const UNIT_TABLE = Object.freeze({
  g: { dimension: "mass", factor: 1000000n, label: "g" }, mg: { dimension: "mass", factor: 1000n, label: "mg" },
  mcg: { dimension: "mass", factor: 1n, label: "mcg" }, l: { dimension: "volume", factor: 1000n, label: "L" },
  ml: { dimension: "volume", factor: 1n, label: "mL" }, cc: { dimension: "volume", factor: 1n, label: "cc" }, // 1 cc = 1 mL
  units: { dimension: "count", factor: 1n, label: "units" }, iu: { dimension: "count", factor: 1n, label: "IU" }, // equal counts
  meq: { dimension: "milliequivalents", factor: 1n, label: "mEq" }, "usp units": { dimension: "USP activity", factor: 1n, label: "USP units" }, // units of their own: nothing converts to them
});

export const UNIT_ALIASES = Object.freeze({ "µg": "mcg", "μg": "mcg", ug: "mcg", unit: "units", "international units": "iu", "usp unit": "usp units" });

/* ---------- exact rational arithmetic (BigInt) ---------- */
export function formatPlaces(n) { return n === 0 ? "1" : `0.${"0".repeat(n - 1)}1`; }
export function gcd(a, b) { a = a < 0n ? -a : a; b = b < 0n ? -b : b; while (b) [a, b] = [b, a % b]; return a; }
export function rational(num, den = 1n) {
  if (den === 0n) throw new RangeError("division by zero");
  if (den < 0n) { num = -num; den = -den; }
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}
export function add(a, b) { return rational(a.num * b.den + b.num * a.den, a.den * b.den); }
export function sub(a, b) { return rational(a.num * b.den - b.num * a.den, a.den * b.den); }
export function mul(a, b) { return rational(a.num * b.num, a.den * b.den); }
export function div(a, b) { return rational(a.num * b.den, a.den * b.num); }
export function cmp(a, b) { const d = a.num * b.den - b.num * a.den; return d > 0n ? 1 : d < 0n ? -1 : 0; }
export function floorDiv(n, d) { return n >= 0n ? n / d : -((-n + d - 1n) / d); }
export function scaleOf(places) { return 10n ** BigInt(places); }
/** Round a rational to `places` decimals: method "up" (ceiling), "down" (floor) or "half-up". */
export function roundTo(r, places, method) {
  const s = scaleOf(places), n = r.num * s;
  const k = method === "up" ? -floorDiv(-n, r.den) : method === "down" ? floorDiv(n, r.den) : floorDiv(2n * n + r.den, 2n * r.den);
  return rational(k, s);
}

/* ---------- decimal text <-> rational ---------- */
export function parseDecimal(input, maxDecimals = MAX_DECIMALS) {
  if (input === null || input === undefined) return { ok: false, reason: "empty" };
  if (typeof input === "number" && !Number.isFinite(input)) return { ok: false, reason: Number.isNaN(input) ? "nan" : "infinite" };
  if (!["number", "string", "bigint"].includes(typeof input)) return { ok: false, reason: "nan" };
  let text = String(input).trim();
  if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, "");
  if (text === "") return { ok: false, reason: "empty" };
  if (/^[+-]?(infinity|inf|∞)$/i.test(text)) return { ok: false, reason: "infinite" };
  if (/^-\s*(\d|\.\d)/.test(text)) return { ok: false, reason: "negative" };
  if (/^\+?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return { ok: false, reason: "exponent" };
  const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] + (m[2] || "")) === "") return { ok: false, reason: "nan" };
  const frac = m[2] || "";
  if (frac.length > maxDecimals) return { ok: false, reason: "decimals" };
  if (m[1].replace(/^0+/, "").length > MAX_INTEGER_DIGITS) return { ok: false, reason: "large" };
  return { ok: true, value: rational(BigInt((m[1] || "0") + frac), scaleOf(frac.length)) };
}
/** Places needed to write r exactly as a decimal, or Infinity if it never terminates. */
export function exactPlaces(r) {
  let d = r.den, twos = 0, fives = 0;
  while (d % 2n === 0n) { d /= 2n; twos++; }
  while (d % 5n === 0n) { d /= 5n; fives++; }
  return d === 1n ? Math.max(twos, fives) : Infinity;
}
export function formatDecimal(r, maxPlaces = 12) {
  const places = Math.min(exactPlaces(r), maxPlaces), v = roundTo(r, places, "half-up");
  const digits = (v.num * (scaleOf(places) / v.den)).toString().padStart(places + 1, "0");
  return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/\.?0+$/, "");
}
export function groupThousands(text) {
  const [int, frac] = text.split("."), grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}
export function formatAmount(r, unitKey) { return `${groupThousands(formatDecimal(r))} ${UNIT_TABLE[unitKey].label}`; }
export function formatUnitCount(r) { return `${groupThousands(formatDecimal(r))} unit${cmp(r, ONE) === 0 ? "" : "s"}`; }
export const ONE = Object.freeze({ num: 1n, den: 1n });
export const ZERO = Object.freeze({ num: 0n, den: 1n });

/* ---------- units of measure ---------- */
export function normalizeUnit(text) {
  const t = typeof text === "string" ? text.trim().toLowerCase() : "", key = UNIT_ALIASES[t] || t;
  return Object.prototype.hasOwnProperty.call(UNIT_TABLE, key) ? key : null;
}
/** Unit labels a dose of this code may be entered in: the code's own unit first, then the same dimension. */
export function compatibleUnits(unit) {
  const key = normalizeUnit(unit);
  if (!key) return [];
  const same = Object.keys(UNIT_TABLE).filter((k) => k !== key && UNIT_TABLE[k].dimension === UNIT_TABLE[key].dimension);
  return [key, ...same].map((k) => UNIT_TABLE[k].label);
}
export function convert(r, fromKey, toKey) { // exact; null when the units are incompatible
  const from = UNIT_TABLE[fromKey], to = UNIT_TABLE[toKey];
  return from.dimension === to.dimension ? mul(r, rational(from.factor, to.factor)) : null;
}
export function incompatibleMessage(fromKey, toKey) {
  const from = UNIT_TABLE[fromKey], to = UNIT_TABLE[toKey];
  const dims = [from.dimension, to.dimension].sort().join("+");
  const hint = dims === "mass+volume" ? " A volume becomes a mass only through the product's concentration (e.g. mg per mL on the label): convert first."
    : dims.includes("count") ? " Units/IU measure activity, not mass or volume." : "";
  return `Cannot convert ${from.label} (${from.dimension}) to ${to.label} (${to.dimension}), the unit of this code.${hint} Enter the amount in ${to.label}.`;
}

/* ---------- validation ---------- */
export function numberMessage(label, reason) {
  return {
    empty: `Enter the ${label.toLowerCase()}.`, nan: `${label} must be a number, e.g. 2.5.`,
    infinite: `${label} must be a finite number.`, negative: `${label} cannot be negative.`,
    zero: `${label} must be greater than zero.`, decimals: `${label} can have at most ${MAX_DECIMALS} decimal places.`,
    exponent: `${label}: write the number out in full (e.g. 1000, not 1e3).`, large: `${label} is too large to be a real amount; check it.`,
    whole: `${label} must be a whole number.`,
  }[reason] || `${label} is not valid.`;
}
/** Read a number field; pushes {field, message} onto errors and returns null when invalid. */
export function readNumber(input, field, label, errors, { allowZero = false, whole = false, max = null } = {}) {
  const p = parseDecimal(input);
  let reason = p.ok ? null : p.reason;
  if (p.ok && p.value.num === 0n && !allowZero) reason = "zero";
  else if (p.ok && whole && p.value.den !== 1n) reason = "whole";
  if (reason) { errors.push({ field, message: numberMessage(label, reason) }); return null; }
  if (max !== null && cmp(p.value, rational(BigInt(max))) > 0) {
    errors.push({ field, message: `${label} must be ${groupThousands(String(max))} or less.` }); return null;
  }
  return p.value;
}
export function readUnit(input, field, label, errors, targetKey) {
  const key = normalizeUnit(input);
  if (!key) {
    const given = typeof input === "string" && input.trim();
    const known = Object.values(UNIT_TABLE).map((u) => u.label).join(", ");
    errors.push({ field, message: given ? `${label}: unit "${input.trim()}" is not recognised. Use one of: ${known}.` : `${label}: choose a unit (${known}).` }); return null;
  }
  if (targetKey && UNIT_TABLE[key].dimension !== UNIT_TABLE[targetKey].dimension) {
    errors.push({ field, message: incompatibleMessage(key, targetKey) }); return null;
  }
  return key;
}
/** A number + unit pair, converted to the descriptor's unit. Returns {value, unitKey, inCodeUnit} or null. */
export function readAmount(value, unit, field, label, errors, d, opts = {}) {
  const v = readNumber(value, field, label, errors, opts);
  const key = readUnit(unit === undefined || unit === "" ? opts.defaultUnit : unit, opts.unitField || `${field}Unit`, label, errors, d && d.unitKey);
  if (v === null || key === null || !d) return null;
  return { value: v, unitKey: key, inCodeUnit: convert(v, key, d.unitKey) };
}
export function descriptorFromRow(row) {
  return { code: row.code, amount: row.dose_amount, unit: row.dose_unit, upTo: row.up_to === true || row.up_to === "true",
    terminationDate: row.termination_date || "" };
}
export function readDescriptor(d, errors) {
  if (!d || typeof d.code !== "string" || !d.code.trim()) { errors.push({ field: "code", message: "Choose a HCPCS code." }); return null; }
  const code = d.code.trim().toUpperCase();
  if (d.amount === undefined || d.amount === null || String(d.amount).trim() === "") {
    errors.push({ field: "code", message: `${code} has no dose amount in its descriptor (not otherwise classified), so units cannot be calculated here. Follow the payer's instructions for this code.` });
    return null;
  }
  const p = parseDecimal(d.amount), unitKey = normalizeUnit(d.unit);
  if (!p.ok || p.value.num === 0n || !unitKey) { errors.push({ field: "code", message: `${code}: descriptor amount or unit is not usable.` }); return null; }
  return { code, amount: p.value, unitKey, upTo: d.upTo === true, terminationDate: d.terminationDate || "" };
}
export function readMode(id, errors) {
  const mode = ROUNDING_MODES.find((m) => m.id === (id === undefined || id === "" ? DEFAULT_MODE : id));
  if (!mode) errors.push({ field: "mode", message: `Unknown rounding mode "${id}". Choose one of: ${ROUNDING_MODES.map((m) => m.id).join(", ")}.` });
  return mode || null;
}
export function isIsoDate(text) { // calendar check only; never reads the clock
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const t = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === text;
}
export function fail(errors) { return { ok: false, errors }; }
/** The billing rules every calculation needs (see the header); missing ones are a caller's bug. */
export function readRules(rules) {
  const dates = ["jwRequiredFrom", "jzAvailableFrom", "jzOptionalUntil", "jzRequiredFrom"];
  if (!rules || !dates.every((k) => isIsoDate(rules[k])) || !rules.rounding || !rules.discardedSource) {
    throw new TypeError("units.mjs: input.rules must be the billing rules from codebook/billing_rules.py");
  }
  return rules;
}

/* ---------- rounding ---------- */
/** Billed units for an exact quotient q (> 0). Returns {units, how}. */
export function roundUnits(q, mode, upTo = false) {
  const minimum = rational(1n, scaleOf(mode.places));
  let units = roundTo(q, mode.places, mode.method), how = mode.how;
  if (upTo && cmp(q, ONE) <= 0) return { units: ONE, how: cmp(q, ONE) === 0 ? "no rounding needed" : "descriptor \"up to\": any amount up to it is 1 unit" };
  if (cmp(units, minimum) < 0) { units = minimum; how = `less than ${formatUnitCount(minimum)}: minimum ${formatUnitCount(minimum)}`; }
  if (cmp(units, q) === 0) how = "no rounding needed";
  return { units, how };
}

/* ---------- results ---------- */
export function quotientInfo(q) {
  const exact = exactPlaces(q) <= 12;
  return { text: formatDecimal(q, exact ? 12 : 6), exact, fraction: `${q.num}/${q.den}` };
}
/** Core step: an amount already in the code's unit -> billed units, working text and line. */
export function unitsFor(d, amountInCodeUnit, mode, field) {
  const q = div(amountInCodeUnit, d.amount);
  if (cmp(q, rational(BigInt(MAX_UNITS))) > 0) {
    return fail([{ field, message: `That is more than ${groupThousands(MAX_UNITS)} billing units of ${d.code}; check the amount and its unit.` }]);
  }
  const { units, how } = roundUnits(q, mode, d.upTo), qi = quotientInfo(q);
  const working = `${formatAmount(amountInCodeUnit, d.unitKey)} ÷ ${d.upTo ? "up to " : ""}${formatAmount(d.amount, d.unitKey)} per unit ${qi.exact ? "=" : "≈"} ${groupThousands(qi.text)} → ${formatUnitCount(units)} (${how})`;
  return { ok: true, q, units, qi, working };
}
export function conversionText(a, d) {
  return a.unitKey === d.unitKey ? "" : `${formatAmount(a.value, a.unitKey)} = ${formatAmount(a.inCodeUnit, d.unitKey)}; `;
}
export function line(code, modifier, units, amount, d) {
  return { code, modifier, units: formatDecimal(units), amount: formatAmount(amount, d.unitKey), billedAmount: formatAmount(mul(units, d.amount), d.unitKey) };
}
export function baseNotes(d, mode, step, rules) {
  const notes = [];
  if (mode.id === DEFAULT_MODE && cmp(step.q, ONE) < 0) notes.push(`A dose below the descriptor amount is billed as 1 unit (CMS ${rules.rounding.short}).`);
  if (mode.id !== DEFAULT_MODE) notes.push(`Rounding: ${mode.label}. Use this only if the payer requires it; Medicare rounds up to the next whole unit.`);
  if (!step.qi.exact) notes.push(`The exact quotient is ${step.qi.fraction} (a repeating decimal); it is shown rounded to 6 places.`);
  if (d.terminationDate) notes.push(`${d.code} was terminated on ${d.terminationDate}: do not use it for later dates of service.`);
  return notes;
}
export function buildResult(d, mode, a, rules, prefix = "") {
  const step = unitsFor(d, a.inCodeUnit, mode, "dose");
  if (!step.ok) return step;
  return { ok: true, code: d.code, mode: mode.id, units: formatDecimal(step.units), totalUnits: formatDecimal(step.units),
    exactQuotient: step.qi.text, quotientIsExact: step.qi.exact, quotientFraction: step.qi.fraction,
    lines: [line(d.code, "", step.units, a.inCodeUnit, d)], working: prefix + conversionText(a, d) + step.working,
    notes: baseNotes(d, mode, step, rules), step };
}
export function publicResult(r) { if (!r.ok) return r; const { step, ...rest } = r; return rest; }

export function calculateUnits(input = {}) {
  const rules = readRules(input.rules), errors = [], d = readDescriptor(input.descriptor, errors), mode = readMode(input.mode, errors);
  const a = readAmount(input.dose, input.doseUnit, "dose", "Dose", errors, d);
  if (errors.length) return fail(errors);
  return publicResult(buildResult(d, mode, a, rules));
}

/* ---------- oral supply for a period ---------- */
export function calculateSupply(input = {}) {
  const rules = readRules(input.rules), errors = [], d = readDescriptor(input.descriptor, errors), mode = readMode(input.mode, errors);
  const strength = readAmount(input.strength, input.strengthUnit, "strength", "Strength", errors, d);
  const perDose = readNumber(input.quantityPerDose, "quantityPerDose", "Quantity per dose", errors, { max: 100 });
  const perDay = readNumber(input.dosesPerDay, "dosesPerDay", "Doses per day", errors, { max: 24 });
  const days = readNumber(input.daysSupply, "daysSupply", "Days supply", errors, { whole: true, max: 366 });
  if (errors.length) return fail(errors);
  const total = mul(mul(strength.value, perDose), mul(perDay, days));
  const a = { value: total, unitKey: strength.unitKey, inCodeUnit: convert(total, strength.unitKey, d.unitKey) };
  const prefix = `${formatAmount(strength.value, strength.unitKey)} × ${groupThousands(formatDecimal(perDose))} per dose × ${groupThousands(formatDecimal(perDay))} doses per day × ${formatDecimal(days)} days = ${formatAmount(total, strength.unitKey)}; `;
  const r = buildResult(d, mode, a, rules, prefix);
  if (!r.ok) return { ok: false, errors: r.errors.map((e) => ({ ...e, field: "daysSupply", message: `Total supply: ${e.message}` })) };
  return publicResult(r);
}

/* ---------- discarded drug (JW) / no waste (JZ) ---------- */
export function readContainerType(t, errors) {
  const v = t === undefined || t === null || t === "" ? "unknown" : String(t).trim().toLowerCase();
  if (!["single-dose", "multi-dose", "unknown"].includes(v)) errors.push({ field: "containerType", message: "Container type must be single-dose, multi-dose or unknown." });
  return v;
}
export function jzStatus(date, rules) { // date: "YYYY-MM-DD" (ISO strings compare in date order)
  return date < rules.jzAvailableFrom ? "not-available" : date < rules.jzRequiredFrom ? "optional" : "required";
}
export function readWasteInputs(input, d, errors) {
  const containerType = readContainerType(input.containerType, errors);
  const unit = input.doseUnit;
  const has = (v) => v !== undefined && v !== null && String(v).trim() !== "";
  const discarded = has(input.discarded) ? readAmount(input.discarded, input.discardedUnit, "discarded", "Amount discarded", errors, d, { allowZero: true, defaultUnit: unit }) : null;
  let size = null, count = rational(1n);
  if (has(input.containerSize)) size = readAmount(input.containerSize, input.containerUnit, "containerSize", "Container size", errors, d, { defaultUnit: unit, unitField: "containerUnit" });
  else if (has(input.containerCount)) errors.push({ field: "containerSize", message: "Enter the container size (amount in one container) to go with the container count." });
  if (has(input.containerCount)) count = readNumber(input.containerCount, "containerCount", "Container count", errors, { whole: true, max: 1000 });
  const date = has(input.dateOfService) ? String(input.dateOfService).trim() : has(input.today) ? String(input.today).trim() : "";
  if (containerType === "single-dose" && !isIsoDate(date)) {
    errors.push({ field: "dateOfService", message: date ? `Date of service "${date}" is not a valid date (YYYY-MM-DD).` : "Enter the date of service (YYYY-MM-DD)." });
  }
  return { containerType, discarded, size, count, date };
}
/** Checks the amounts against the containers; returns the discarded amount in the code's unit (or null). */
export function wasteAmount(w, a, d, errors, working) {
  if (!w.size || !w.count) return w.discarded ? w.discarded.inCodeUnit : null;
  const total = mul(w.size.inCodeUnit, w.count), left = sub(total, a.inCodeUnit);
  if (cmp(left, ZERO) < 0) { errors.push({ field: "dose", message: `The dose (${formatAmount(a.inCodeUnit, d.unitKey)}) is more than the containers held (${formatAmount(total, d.unitKey)}).` }); return null; }
  if (w.discarded && cmp(w.discarded.inCodeUnit, left) > 0) {
    errors.push({ field: "discarded", message: `Amount discarded (${formatAmount(w.discarded.inCodeUnit, d.unitKey)}) is more than was left in the containers (${formatAmount(total, d.unitKey)} − ${formatAmount(a.inCodeUnit, d.unitKey)} = ${formatAmount(left, d.unitKey)}).` });
    return null;
  }
  working.push(`Containers: ${formatDecimal(w.count)} × ${formatAmount(w.size.inCodeUnit, d.unitKey)} = ${formatAmount(total, d.unitKey)}; left after the dose: ${formatAmount(left, d.unitKey)}`);
  return w.discarded ? w.discarded.inCodeUnit : left;
}
/**
 * The JZ note for a single-dose line with no billable discarded amount. `covered`: something was
 * discarded, but the units billed for the dose already pay for it (Noridian: 1 unit with JZ).
 */
export function jzNote(status, rules, covered = false) {
  const why = covered ? "no billable amount was discarded (the units billed already pay for it)" : "nothing was discarded";
  if (status === "required") return `JZ is required on the line for dates of service on or after ${rules.jzRequiredFrom}: ${why}.`;
  if (status === "optional") return `JZ is optional for dates of service ${rules.jzAvailableFrom} to ${rules.jzOptionalUntil} (required from ${rules.jzRequiredFrom}): ${why}.`;
  return `JZ did not exist before ${rules.jzAvailableFrom}; no modifier for this date of service.`;
}
/** Why a discarded amount gets no JW line: "The 1 unit billed … covers 500 mg, so the 200 mg discarded …". */
export function coveredWasteNote(units, billed, discarded) {
  const one = cmp(units, ONE) === 0;
  return `The ${formatUnitCount(units)} billed for the dose ${one ? "covers" : "cover"} ${billed}, so the ${discarded} discarded is already paid for: do not bill it again on a JW line (that would be an overpayment; Noridian).`;
}
export function applyJz(r, date, rules, covered = false) {
  const status = (r.jz = jzStatus(date, rules));
  if (status === "required") r.lines[0].modifier = "JZ";
  r.notes.push(jzNote(status, rules, covered));
}
export function applySingleDose(r, d, mode, a, discarded, date, working, rules) {
  if (discarded === null) { r.jz = "unknown"; r.notes.push("Enter the amount discarded, or the container size and count, to decide between JW and JZ."); return; }
  const cap = div(add(a.inCodeUnit, discarded), d.amount);
  const jwUnits = roundTo(sub(cap, r.step.units), mode.places, "down");
  if (cmp(jwUnits, ZERO) <= 0) {
    const covered = discarded.num > 0n;
    if (covered) r.notes.push(coveredWasteNote(r.step.units, formatAmount(mul(r.step.units, d.amount), d.unitKey), formatAmount(discarded, d.unitKey)));
    applyJz(r, date, rules, covered);
    return;
  }
  r.lines.push(line(d.code, "JW", jwUnits, discarded, d));
  r.jw = "line";
  working.push(`JW: (${formatAmount(a.inCodeUnit, d.unitKey)} + ${formatAmount(discarded, d.unitKey)}) ÷ ${formatAmount(d.amount, d.unitKey)} per unit − ${formatUnitCount(r.step.units)} billed = ${formatUnitCount(jwUnits)} JW (rounded down: the two lines never exceed what the containers held)`);
  r.notes.push(`Bill the discarded amount on its own line with JW and document it in the medical record (${rules.discardedSource}).`);
  if (date < rules.jwRequiredFrom) r.notes.push(`JW became required on ${rules.jwRequiredFrom} (${rules.jwSource}); check the contractor's instructions for earlier dates of service.`);
}
export function calculateWithWaste(input = {}) {
  const rules = readRules(input.rules), errors = [], d = readDescriptor(input.descriptor, errors), mode = readMode(input.mode, errors);
  const a = readAmount(input.dose, input.doseUnit, "dose", "Dose", errors, d);
  const w = readWasteInputs(input, d, errors);
  const working = [];
  const discarded = errors.length ? null : wasteAmount(w, a, d, errors, working);
  if (errors.length) return fail(errors);
  if (cmp(div(add(a.inCodeUnit, discarded || ZERO), d.amount), rational(BigInt(MAX_UNITS))) > 0) {
    return fail([{ field: "containerSize", message: `More than ${groupThousands(MAX_UNITS)} billing units in total; check the amounts.` }]);
  }
  const r = buildResult(d, mode, a, rules);
  if (!r.ok) return r;
  Object.assign(r, { containerType: w.containerType, jw: "none", jz: "not-applicable" });
  const waste = discarded !== null && discarded.num > 0n;
  if (w.containerType === "single-dose") applySingleDose(r, d, mode, a, discarded, w.date, working, rules);
  else if (w.containerType === "multi-dose") r.notes.push(`JW is never used for multiple-dose containers: bill only the amount administered.${waste ? " The amount left over is not billed." : ""}`);
  else { r.jz = "unknown"; r.notes.push(`Check the label: JW and JZ apply only to single-dose containers.${waste ? " No JW line is produced until the container is confirmed single-dose." : ""}`); }
  r.totalUnits = formatDecimal(r.lines.reduce((s, l) => add(s, parseDecimal(l.units, 12).value), ZERO));
  r.working = [r.working, ...working].join("\n");
  return publicResult(r);
}

/* ---------- copy-button text ---------- */
export function claimLineText(l) {
  const units = parseDecimal(String(l.units), 12), one = units.ok && cmp(units.value, ONE) === 0;
  return `${l.code}${l.modifier ? `-${l.modifier}` : ""} x ${l.units} unit${one ? "" : "s"}`;
}
export function claimLinesText(result) { return result && result.ok ? result.lines.map(claimLineText).join("\n") : ""; }
