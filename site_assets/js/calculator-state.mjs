/*
 * codebook — billing-unit calculator state. Plain ES module, no DOM; the arithmetic is units.mjs.
 *
 * A state is a plain object keyed by the URL parameters in STATE_PARAMS (all strings), e.g.
 *   { code: "J7507", dose: "2.5", unit: "mg" }  <->  "?code=J7507&dose=2.5&unit=mg"
 * Form controls are named after the same parameters, so the form, the URL and this module agree.
 * A record is one code as the calculator sees it (recordFromData / recordFromDataset):
 *   { code, title, descriptor, amount, unit, upTo, route, kind: "oral" | "administered" | "none",
 *     terminated, aliases, why (why it cannot be calculated), ndcFile (assets/ndc/<CODE>.js exists),
 *     modifiers (the page declares them for the drug line, e.g. ["KX"]; never invented here), haystack }
 *
 * stateFromQuery(search) -> state            shareQuery(record, state, { bareCode }) -> "?code=…" | ""
 * missingInput(record, state) -> "" | "Enter the dose to see the billing units."
 * isNdcMode(record, state): NDC mode (calculator-ndc.mjs) when the record has NDC data (hasNdc) and mode=ndc
 * calculatorInput(record, state, today, rules) -> { fn: "calculateUnits" | "calculateWithWaste" | "calculateSupply", input }
 * calculate(record, state, today, rules) -> a units.mjs Result    extraNotes(record, state, today) -> [text]
 *   (rules: the billing rules units.mjs takes, from the form's data-rules)
 * matchCodes(records, query, limit) -> records (exact code, code prefix, name word prefix, substring)
 * localIsoDate(date) -> "YYYY-MM-DD" in the browser's time zone (the caller passes the Date).
 * claimLines(record, result) -> [{ code, modifiers, units, amount }]: the drug line (the first) carries the
 *   calculator's own modifier (JZ) and then the record's; the JW line only JW. claimText(lines) -> "J7507-KX x 3 units"
 */
import { DEFAULT_MODE, calculateSupply, calculateUnits, calculateWithWaste, claimLineText } from "./units.mjs";

const CALCULATIONS = Object.freeze({ calculateSupply, calculateUnits, calculateWithWaste });

export const STATE_PARAMS = Object.freeze(["code", "basis", "dose", "unit", "strength", "strength_unit", "per_dose",
  "per_day", "days", "container", "discarded", "discarded_unit", "size", "size_unit", "count", "date", "rounding",
  "mode", "ndc", "items", "per", "confirm"]);
export const MAX_PARAM_LENGTH = 40;
/** Values a shared URL leaves out because the form starts with them. */
export const STATE_DEFAULTS = Object.freeze({ basis: "dose", container: "unknown", rounding: DEFAULT_MODE, mode: "dose", per: "item" });
/** Which parameters count for each kind of code and basis; a unit only travels with its amount. */
export const PARAMS_FOR = Object.freeze({
  dose: ["dose", "unit"],
  supply: ["basis", "strength", "strength_unit", "per_dose", "per_day", "days"],
  administered: ["container", "discarded", "discarded_unit", "size", "size_unit", "count", "date"],
  ndc: ["mode", "ndc", "items", "per", "rounding", "confirm"],
});
export const UNIT_OF = Object.freeze({ unit: "dose", strength_unit: "strength", discarded_unit: "discarded", size_unit: "size" });
export const SUPPLY_LABELS = Object.freeze({ strength: "strength", per_dose: "quantity per dose", per_day: "doses per day", days: "days supply" });

export function filled(value) { return value !== undefined && value !== null && String(value).trim() !== ""; }

export function stateFromQuery(search) {
  const params = new URLSearchParams(search || ""), state = {};
  for (const key of STATE_PARAMS) {
    const value = params.get(key);
    if (filled(value)) state[key] = value.trim().slice(0, MAX_PARAM_LENGTH);
  }
  if (state.code) state.code = state.code.toUpperCase();
  return state;
}

export function basisOf(record, state) { return record.kind === "oral" && state.basis === "supply" ? "supply" : "dose"; }

/** NDC mode (a package's NDC and how many were used) only for codes with crosswalk data. */
export function isNdcMode(record, state) { return Boolean(record.hasNdc) && state.mode === "ndc"; }

/** The parameters that matter for this code and basis, in STATE_PARAMS order. */
export function relevantParams(record, state) {
  if (isNdcMode(record, state)) return STATE_PARAMS.filter((k) => k === "code" || PARAMS_FOR.ndc.includes(k));
  const keys = new Set(["code", "rounding", ...PARAMS_FOR[basisOf(record, state)]]);
  if (record.kind === "administered") PARAMS_FOR.administered.forEach((k) => keys.add(k));
  return STATE_PARAMS.filter((k) => keys.has(k));
}

/** The query string that reproduces this result; "" when nothing was entered and bareCode is false. */
export function shareQuery(record, state, { bareCode = false } = {}) {
  const params = new URLSearchParams();
  for (const key of relevantParams(record, state)) {
    const value = key === "code" ? record.code : state[key];
    const orphanUnit = UNIT_OF[key] && !filled(state[UNIT_OF[key]]);
    if (filled(value) && !orphanUnit && value !== STATE_DEFAULTS[key]) params.set(key, String(value).trim());
  }
  const entered = [...params.keys()].some((k) => k !== "code");
  return entered || (bareCode && record.code) ? `?${params}` : "";
}

/** A prompt instead of error messages while the fields a calculation needs are still empty. */
export function missingInput(record, state) {
  if (isNdcMode(record, state)) return filled(state.ndc) && filled(state.items) ? "" : "Pick the NDC and enter how many were used to see the billing units.";
  if (basisOf(record, state) === "dose") return filled(state.dose) ? "" : "Enter the dose to see the billing units.";
  const empty = Object.keys(SUPPLY_LABELS).filter((k) => !filled(state[k])).map((k) => SUPPLY_LABELS[k]);
  if (!empty.length) return "";
  const list = empty.length === 1 ? empty[0] : `${empty.slice(0, -1).join(", ")} and ${empty[empty.length - 1]}`;
  return `Enter the ${list} to see the billing units.`;
}

export function calculatorInput(record, state, today, rules) {
  const descriptor = { code: record.code, amount: record.amount, unit: record.unit, upTo: record.upTo, terminationDate: record.terminated };
  const mode = state.rounding || STATE_DEFAULTS.rounding;
  if (basisOf(record, state) === "supply") {
    return { fn: "calculateSupply", input: { rules, descriptor, mode, strength: state.strength, strengthUnit: state.strength_unit,
      quantityPerDose: state.per_dose, dosesPerDay: state.per_day, daysSupply: state.days } };
  }
  const dose = { rules, descriptor, mode, dose: state.dose, doseUnit: state.unit || record.unit };
  if (record.kind !== "administered") return { fn: "calculateUnits", input: dose };
  return { fn: "calculateWithWaste", input: { ...dose, containerType: state.container || STATE_DEFAULTS.container,
    discarded: state.discarded, discardedUnit: state.discarded_unit || dose.doseUnit, containerSize: state.size,
    containerUnit: state.size_unit || dose.doseUnit, containerCount: state.count, dateOfService: state.date, today } };
}

export function calculate(record, state, today, rules) {
  const { fn, input } = calculatorInput(record, state, today, rules);
  return CALCULATIONS[fn](input);
}

/** Notes the page adds to the logic's own: what the calculator assumed on the user's behalf. */
export function extraNotes(record, state, today) {
  const notes = [];
  const singleDose = record.kind === "administered" && state.container === "single-dose";
  if (singleDose && !filled(state.date)) notes.push(`No date of service entered: the JW/JZ guidance uses today's date (${today}).`);
  return notes;
}

/* ---------- code picker ---------- */
export function normalizeText(text) {
  return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9.]+/g, " ").trim();
}
export function recordFromData(r) {
  // The build leaves out empty fields (codebook/calculator.py picker_record): each has its default here.
  const record = { code: r.c, title: r.t || "", descriptor: r.d || "", amount: r.a || "", unit: r.u || "", upTo: r.p === true,
    route: r.r || "", kind: r.k || "none", terminated: r.x || "", aliases: r.n || [], why: r.w || "", ndcFile: r.h === true,
    modifiers: r.m || [] };
  record.haystack = ` ${normalizeText([record.title, record.descriptor, ...record.aliases].join(" "))}`;
  return record;
}
export function recordFromDataset(d) {
  return recordFromData({ c: d.code, t: d.title || "", d: d.descriptor || "", a: d.amount, u: d.unit, p: d.upTo === "true", r: d.route,
    k: d.kind, x: d.terminated, n: [], m: (d.modifiers || "").split(" ").filter(Boolean) });
}

/* ---------- claim lines ---------- */
export function claimLines(record, result) {
  if (!result || !result.ok) return [];
  return result.lines.map((line, i) => ({ code: line.code, units: line.units, amount: line.amount,
    modifiers: [...(line.modifier ? [line.modifier] : []), ...(i === 0 ? record.modifiers : [])] }));
}
export function claimText(lines) {
  return lines.map((l) => claimLineText({ code: l.code, units: l.units, modifier: l.modifiers.join("-") })).join("\n");
}
/** 0 exact code, 1 code prefix, 2 every word starts a word of the names, 3 every word appears; -1 no match. */
export function matchScore(record, q, words) {
  const code = record.code.toLowerCase();
  if (code === q) return 0;
  if (code.startsWith(q)) return 1;
  if (words.every((w) => record.haystack.includes(` ${w}`))) return 2;
  return words.every((w) => record.haystack.includes(w)) ? 3 : -1;
}
export function matchCodes(records, query, limit = 12) {
  const q = normalizeText(query);
  if (!q) return [];
  const words = q.split(" "), scored = [];
  for (const record of records) {
    const score = matchScore(record, q.replace(/ /g, ""), words);
    if (score >= 0) scored.push([score, record]);
  }
  scored.sort((a, b) => a[0] - b[0] || (a[1].code < b[1].code ? -1 : 1));
  return scored.slice(0, limit).map((s) => s[1]);
}
/** The record whose code is typed exactly (any case, surrounding text ignored), else null. */
export function exactCode(records, text) {
  const code = String(text).trim().split(/\s/)[0].toUpperCase();
  return records.find((r) => r.code === code) || null;
}

export function localIsoDate(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
