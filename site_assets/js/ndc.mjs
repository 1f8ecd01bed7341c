/*
 * codebook — National Drug Codes in any common form -> the 11-digit 5-4-2 form billers key in.
 * Same rules as codebook/drugs/ndc.py; both are tested on tests/fixtures/ndc_cases.json.
 * Plain ES module: exports only, no DOM, no imports.
 *
 * Labels print 10 digits in three groups (4-4-2, 5-3-2 or 5-4-1); claims use 11 (5-4-2), made by a
 * leading zero on the short group. Dashed (or spaced) input says which group is short. Ten digits
 * without separators do not: the three readings are matched against the NDCs we know (the
 * crosswalk's), and only a single match is an answer. Anything else is null: guessing a package
 * would bill the wrong drug.
 *
 * normalizeNdc(text, known = []) -> "50242-0060-01" | null   (known: array or Set of 5-4-2 NDCs)
 * tenDigitCandidates("5024206001") -> ["05024-2060-01", "50242-0060-01", "50242-0600-01"]
 */

const ELEVEN = /^[0-9]{5}-[0-9]{4}-[0-9]{2}$/;
const SEPARATED = /^([0-9]+)[- ]([0-9]+)[- ]([0-9]+)$/;
const DIGITS = /^[0-9]+$/;
const PADDING = Object.freeze({ "5,4,2": [0, 0, 0], "4,4,2": [1, 0, 0], "5,3,2": [0, 1, 0], "5,4,1": [0, 0, 1] });

export function dashed(eleven) {
  return `${eleven.slice(0, 5)}-${eleven.slice(5, 9)}-${eleven.slice(9)}`;
}

export function tenDigitCandidates(digits) {
  return [dashed(`0${digits}`), dashed(`${digits.slice(0, 5)}0${digits.slice(5)}`), dashed(`${digits.slice(0, 9)}0${digits.slice(9)}`)];
}

function padded(groups) {
  const pads = PADDING[groups.map((g) => g.length).join(",")];
  return pads ? dashed(groups.map((g, i) => "0".repeat(pads[i]) + g).join("")) : null;
}

export function normalizeNdc(text, known = []) {
  const value = typeof text === "string" ? text.trim() : "";
  if (ELEVEN.test(value)) return value;
  const groups = SEPARATED.exec(value);
  if (groups) return padded(groups.slice(1));
  if (!DIGITS.test(value)) return null;
  if (value.length === 11) return dashed(value);
  if (value.length !== 10) return null;
  const has = known instanceof Set ? (n) => known.has(n) : (n) => known.includes(n);
  const found = tenDigitCandidates(value).filter(has);
  return found.length === 1 ? found[0] : null;
}
