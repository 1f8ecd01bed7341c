/*
 * codebook — the calculator's NDC mode: billing units from a package's National Drug Code and the
 * number of items (vials, bottles) or whole packages used, read from the CMS NDC–HCPCS crosswalk.
 * Plain ES module, no DOM; exact arithmetic from units.mjs, NDC forms from ndc.mjs, money from money.mjs.
 *
 * Data (from codebook/calculator.py ndc_calculator_data, short keys):
 *   { p: [{ n: "50242-0060-01", l: labeler, g: drug name, i: units per item, k: units per package,
 *           q: items per package, x: inconsistent, f?: { u: units per item as the figures read,
 *           r: "1 g" (the amount per item that reading assumes), t: why (codebook/drugs/faults.py) } }],
 *     $: { m: limit, y: quarter, c: coinsurance, n: "the figures are from different quarters" note }
 *        | { x: why no amount } | null }
 * State (URL parameters, like dose mode's): { mode: "ndc", ndc: "5024206001", count: "2", per: "item" | "package",
 *   rounding: a units.mjs ROUNDING_MODES id (the same rule as dose mode), confirm: "yes" (use a CMS data fault's reading) }
 * descriptor: the code's billing unit { amount: "500", unit: "mg", upTo: false } (shows the amount in the working)
 *
 * ndcDataFromJson(raw) -> { packages, money, noMoney: the sentence shown instead of an amount ("" if none) }
 * ndcUnits(data, state, descriptor) -> { ok: true, units (whole under the Medicare rule), exactUnits, ndc, package,
 *   working: "1 item × 0.5 billable units per item = 0.5 (250 mg ÷ 500 mg per unit) → 1 unit (rounded up)",
 *   rounded, corrected } | { ok: false, field, message, inconsistent?, fault? }
 * ndcClaim(code, result, modifiers) -> "J9035 x 20 units NDC 50242-0060-01" (modifiers only as the page declares them)
 * ndcMoney(data, units, jwUnits) -> { line, discarded } (money.mjs results) | null when CMS prints no limit
 * NDC_PARAMS: the parameters NDC mode keeps in the URL.
 */
import { discardedValue, lineAmount } from "./money.mjs";
import { normalizeNdc } from "./ndc.mjs";
import { ONE, claimLineText, cmp, formatAmount, formatDecimal, formatUnitCount, groupThousands, mul, normalizeUnit, parseDecimal, readMode,
  roundUnits } from "./units.mjs";

export const NDC_PARAMS = Object.freeze(["mode", "ndc", "count", "per", "rounding", "confirm"]);
const PER = Object.freeze({ item: { key: "perItem", one: "item", many: "items" }, package: { key: "perPackage", one: "package", many: "packages" } });

export function ndcDataFromJson(raw) {
  const packages = ((raw && raw.p) || []).map((p) => ({ ndc: p.n, labeler: p.l, drug: p.g, perItem: p.i, perPackage: p.k,
    quantity: p.q, inconsistent: p.x === true, fault: p.f ? { units: p.f.u, reading: p.f.r, text: p.f.t } : null }));
  const m = raw && raw.$;
  const money = m && m.m ? { limit: m.m, quarter: m.y, coinsurance: m.c, note: m.n || "" } : null;
  return { packages, money, noMoney: (m && m.x) || "" };
}

function failure(field, message, extra = {}) { return { ok: false, field, message, ...extra }; }

/** The package the user picked or typed, in 5-4-2 form; 10-digit forms are read against the code's NDCs. */
export function findPackage(data, text) {
  if (!String(text || "").trim()) return failure("ndc", "Pick or type the NDC on the package.");
  const ndc = normalizeNdc(String(text), data.packages.map((p) => p.ndc));
  if (!ndc) return failure("ndc", `"${String(text).trim()}" is not an NDC this calculator can read: type the 11 digits (5-4-2), or the 10 digits with their dashes as printed on the label.`);
  const found = data.packages.find((p) => p.ndc === ndc);
  return found ? { ok: true, ndc, package: found } : failure("ndc", `NDC ${ndc} is not listed for this code in the CMS NDC–HCPCS crosswalk.`);
}

function inconsistency(pkg) {
  return failure("ndc", `The CMS crosswalk row for NDC ${pkg.ndc} disagrees with itself: ${pkg.perItem || "no figure"} billable units per item × ${pkg.quantity || "no figure"} items ≠ ${pkg.perPackage || "no figure"} billable units per package. It is not used: calculate from the dose instead.`, { inconsistent: true });
}

function faultRefusal(pkg) {
  return failure("ndc", `CMS data fault in the crosswalk row for NDC ${pkg.ndc}: ${pkg.fault.text} The row is not used: calculate from the dose, or, if the package label says ${pkg.fault.reading} per item, tick the box to use that reading.`, { fault: true });
}

/** Billable units per item or package: CMS's figure, or a data fault's reading when the user confirmed it. */
function unitsPer(pkg, per, confirmed) {
  if (!(pkg.fault && confirmed)) return parseDecimal(pkg[per.key], 6);
  const item = parseDecimal(pkg.fault.units, 6), quantity = parseDecimal(pkg.quantity, 6);
  if (per.key === "perItem" || !item.ok) return item;
  return quantity.ok ? { ok: true, value: mul(item.value, quantity.value) } : quantity;
}

/** " (250 mg ÷ 500 mg per unit)": the amount the units stand for, in the descriptor's unit. */
function amountText(exact, descriptor) {
  const amount = parseDecimal(descriptor && descriptor.amount, 6), key = normalizeUnit(descriptor && descriptor.unit);
  if (!amount.ok || !key) return "";
  return ` (${formatAmount(mul(exact, amount.value), key)} ÷ ${descriptor.upTo ? "up to " : ""}${formatAmount(amount.value, key)} per unit)`;
}

export function ndcUnits(data, state, descriptor = {}) {
  const found = findPackage(data, state.ndc);
  if (!found.ok) return found;
  const pkg = found.package, confirmed = state.confirm === "yes";
  if (pkg.inconsistent) return inconsistency(pkg);
  if (pkg.fault && !confirmed) return faultRefusal(pkg);
  const per = PER[state.per] || PER.item;
  const count = parseDecimal(String(state.count || "").trim(), 6);
  if (!count.ok || count.value.num <= 0n) return failure("items", `Enter how many ${per.many} were dispensed or used (a number above 0).`);
  const each = unitsPer(pkg, per, confirmed);
  if (!each.ok || each.value.num <= 0n) return failure("ndc", `The CMS crosswalk gives no billable units per ${per.one} for NDC ${pkg.ndc}: calculate from the dose instead.`);
  const modeErrors = [], mode = readMode(state.rounding, modeErrors);
  if (!mode) return failure("mode", modeErrors[0].message);
  const exact = mul(count.value, each.value), { units, how } = roundUnits(exact, mode, descriptor.upTo === true);
  const shown = (r) => groupThousands(formatDecimal(r));
  const counted = `${shown(count.value)} ${cmp(count.value, ONE) === 0 ? per.one : per.many}`;
  const source = pkg.fault && confirmed ? ` (the corrected reading, ${pkg.fault.reading} per item)` : "";
  const working = `${counted} × ${shown(each.value)} billable units per ${per.one}${source} = ${shown(exact)}${amountText(exact, descriptor)} → ${formatUnitCount(units)} (${how})`;
  return { ok: true, units: formatDecimal(units), exactUnits: formatDecimal(exact), ndc: found.ndc, package: pkg, working,
    rounded: cmp(units, exact) !== 0, corrected: Boolean(pkg.fault && confirmed) };
}

/** The copyable line, in dose mode's form (units.mjs claimLineText) with the NDC after it. */
export function ndcClaim(code, result, modifiers = []) {
  return `${claimLineText({ code, units: result.units, modifier: modifiers.join("-") })} NDC ${result.ndc}`;
}

export function ndcMoney(data, units, jwUnits = "") {
  if (!data.money) return null;
  const { limit, quarter, coinsurance } = data.money;
  const line = lineAmount({ units, limit, coinsurance, quarter });
  const discarded = jwUnits ? discardedValue({ jwUnits, limit, quarter }) : null;
  return { line, discarded };
}
