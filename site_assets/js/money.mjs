/*
 * codebook — Medicare Part B money for the calculator: a line's payment limit, its coinsurance and
 * the value of a discarded (JW) amount. Exact decimal arithmetic on BigInt rationals from units.mjs;
 * never floating point (0.1 + 0.2 must not leak into a dollar figure). Plain ES module, no DOM.
 *
 * Inputs are decimal strings as CMS prints them (or as the calculator computed them):
 *   units  "2", "2.5" (billing units, from units.mjs), limit "73.632" (dollars per billing unit,
 *   three decimals, from the payment-limit file), coinsurance "20.000" (percent, same file).
 *
 * lineAmount({ units, limit, coinsurance, quarter }) -> { ok: true, quarter, units, limit,
 *   exact: "147.264", dollars: "147.26", text: "$147.26", working: "2 units × $73.632 per unit =
 *   $147.264 → $147.26 (rounded to the cent, half up)", coinsurance: { percent, exact, dollars,
 *   text, working } } | { ok: false, errors: [{ field, message }] }
 * discardedValue({ jwUnits, limit, quarter }) -> the same without coinsurance: the value of the JW line.
 * roundCents(rational) -> rational;  dollars(rational) -> "1,234.56";  moneyText("54404.108") -> "$54,404.108";  LABEL (the caveat every figure carries).
 *
 * Rounding to cents: half up (an exact half cent goes up; amounts here are never negative). CMS
 * publishes limits per billing unit to three decimals and states no rule for rounding a line's
 * total, so the rule is ours: half up is the usual commercial rule and the one units.mjs already uses
 * to print decimals, so the calculator has one rule. Because it is a choice, every result shows the
 * exact product beside the rounded cents ("$147.264 → $147.26") and says which rule made the cents.
 * Coinsurance is the file's percentage of the line amount after rounding (the amount on the claim),
 * itself rounded to the cent the same way.
 */
import { cmp, div, formatDecimal, groupThousands, mul, parseDecimal, rational, roundTo } from "./units.mjs";

export const LABEL = "Medicare Part B payment limit: not what a commercial payer or Part D plan pays";
export const ROUNDING = "rounded to the cent, half up";
const HUNDRED = rational(100n);

export function roundCents(r) { return roundTo(r, 2, "half-up"); }
/** "1,234.5" -> "1,234.50": a rational already in cents, written with two decimals. */
export function dollars(r) {
  const [whole, frac = ""] = formatDecimal(roundCents(r)).split(".");
  return `${groupThousands(whole)}.${frac.padEnd(2, "0")}`;
}
/** An exact amount with at least two decimals: "147.264", "5,307,930,000.00". */
function exactDollars(r) {
  const [whole, frac = ""] = formatDecimal(r).split(".");
  return `${groupThousands(whole)}.${frac.padEnd(2, "0")}`;
}
/** A figure as the caller wrote it (CMS's "73.632", "20.000"), thousands grouped: never re-rounded. */
function published(value) { return groupThousands(String(value).trim().replace(/,/g, "")); }
/** A published figure as money, "54404.108" -> "$54,404.108"; text that is not a figure ("N/A") as it is.
 *  Pages write money the same way (codebook/money.py); tests/fixtures/money_format.json holds both to it. */
export function moneyText(value) {
  const plain = String(value).trim().replace(/,/g, "");
  return /^\d*\.?\d+$/.test(plain) ? `$${groupThousands(plain)}` : String(value).trim();
}
function unitWord(r) { return cmp(r, rational(1n)) === 0 ? "unit" : "units"; }

function readFigure(value, field, label, errors) {
  const p = parseDecimal(value, 6);
  if (p.ok) return p.value;
  const shown = value === undefined || value === null ? "" : String(value).trim();
  const message = !shown ? `${label} is missing.`
    : field === "limit" ? `CMS publishes no payment limit for this quarter ("${shown}"), so no amount can be calculated.`
      : `${label} "${shown}" is not a number (at most 6 decimals, not negative).`;
  errors.push({ field, message });
  return null;
}

/** "= $147.264 → $147.26 (rounded …)", or "= $147.26" when the exact amount is whole cents. */
function equals(exact, cents) {
  return `= $${exactDollars(exact)}${cmp(exact, cents) === 0 ? "" : ` → $${dollars(cents)} (${ROUNDING})`}`;
}

/** units × limit, exact and in cents, with the working shown. */
function product(units, limit, limitText) {
  const exact = mul(units, limit), cents = roundCents(exact);
  const working = `${groupThousands(formatDecimal(units))} ${unitWord(units)} × ${moneyText(limitText)} per unit ${equals(exact, cents)}`;
  return { cents, figures: { exact: formatDecimal(exact), dollars: dollars(cents), text: `$${dollars(cents)}`, working } };
}

function coinsuranceOf(lineCents, percent, percentText) {
  const exact = mul(lineCents, div(percent, HUNDRED)), cents = roundCents(exact);
  return {
    percent: published(percentText), exact: formatDecimal(exact), dollars: dollars(cents), text: `$${dollars(cents)}`,
    working: `${published(percentText)} % of $${dollars(lineCents)} ${equals(exact, cents)}`,
  };
}

export function lineAmount({ units, limit, coinsurance, quarter = "" } = {}) {
  const errors = [];
  const u = readFigure(units, "units", "Billing units", errors);
  const l = readFigure(limit, "limit", "Payment limit", errors);
  const c = readFigure(coinsurance, "coinsurance", "Coinsurance percentage", errors);
  if (c && cmp(c, HUNDRED) > 0) errors.push({ field: "coinsurance", message: "Coinsurance percentage cannot be over 100." });
  if (errors.length) return { ok: false, errors };
  const line = product(u, l, limit);
  return { ok: true, quarter, label: LABEL, units: formatDecimal(u), limit: published(limit), ...line.figures,
    coinsurance: coinsuranceOf(line.cents, c, coinsurance) };
}

export function discardedValue({ jwUnits, limit, quarter = "" } = {}) {
  const errors = [];
  const u = readFigure(jwUnits, "jwUnits", "JW units", errors);
  const l = readFigure(limit, "limit", "Payment limit", errors);
  if (errors.length) return { ok: false, errors };
  const line = product(u, l, limit);
  return { ok: true, quarter, label: LABEL, units: formatDecimal(u), limit: published(limit), ...line.figures,
    working: `JW: ${line.figures.working}` };
}
