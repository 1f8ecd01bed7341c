/*
 * codebook — the calculator's NDC mode: billing units from a package's National Drug Code and the
 * number of items (vials, bottles) or whole packages used, read from the CMS NDC–HCPCS crosswalk.
 * Plain ES module, no DOM; exact arithmetic from units.mjs, NDC forms from ndc.mjs, money from money.mjs.
 *
 * Data (from codebook/calculator.py ndc_calculator_data, short keys):
 *   { p: [{ n: "50242-0060-01", l: labeler, g: drug name, i: units per item, k: units per package,
 *           q: items per package, x: inconsistent }], $: { m: limit, y: quarter, c: coinsurance,
 *           n: "the figures are from different quarters" note } | { x: why no amount } | null }
 * State (URL parameters, like dose mode's): { mode: "ndc", ndc: "5024206001", count: "2", per: "item" | "package" }
 *
 * ndcDataFromJson(raw) -> { packages, money, noMoney: the sentence shown instead of an amount ("" if none) }
 * ndcUnits(data, state) -> { ok: true, units, ndc, package, working } | { ok: false, field, message, inconsistent? }
 * ndcClaim(code, result, modifiers) -> "J9035 20 units NDC 50242-0060-01" (modifiers only as the page declares them)
 * ndcMoney(data, units, jwUnits) -> { line, discarded } (money.mjs results) | null when CMS prints no limit
 * NDC_PARAMS: the parameters NDC mode keeps in the URL.
 */
import { discardedValue, lineAmount } from "./money.mjs";
import { normalizeNdc } from "./ndc.mjs";
import { formatDecimal, groupThousands, mul, parseDecimal } from "./units.mjs";

export const NDC_PARAMS = Object.freeze(["mode", "ndc", "count", "per"]);
const PER = Object.freeze({ item: { key: "perItem", one: "item", many: "items" }, package: { key: "perPackage", one: "package", many: "packages" } });

export function ndcDataFromJson(raw) {
  const packages = ((raw && raw.p) || []).map((p) => ({ ndc: p.n, labeler: p.l, drug: p.g, perItem: p.i, perPackage: p.k,
    quantity: p.q, inconsistent: p.x === true }));
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

export function ndcUnits(data, state) {
  const found = findPackage(data, state.ndc);
  if (!found.ok) return found;
  const pkg = found.package;
  if (pkg.inconsistent) return inconsistency(pkg);
  const per = PER[state.per] || PER.item;
  const count = parseDecimal(String(state.count || "").trim(), 6);
  if (!count.ok || count.value.num <= 0n) return failure("items", `Enter how many ${per.many} were dispensed or used (a number above 0).`);
  const each = parseDecimal(pkg[per.key], 6);
  if (!each.ok) return failure("ndc", `The CMS crosswalk gives no billable units per ${per.one} for NDC ${pkg.ndc}: calculate from the dose instead.`);
  const units = mul(count.value, each.value);
  const shown = (r) => groupThousands(formatDecimal(r));
  const working = `${shown(count.value)} × ${shown(each.value)} billable units per ${per.one} = ${shown(units)} units`;
  return { ok: true, units: formatDecimal(units), ndc: found.ndc, package: pkg, working };
}

export function ndcClaim(code, result, modifiers = []) {
  return [code, ...modifiers, `${result.units} units`, `NDC ${result.ndc}`].join(" ");
}

export function ndcMoney(data, units, jwUnits = "") {
  if (!data.money) return null;
  const { limit, quarter, coinsurance } = data.money;
  const line = lineAmount({ units, limit, coinsurance, quarter });
  const discarded = jwUnits ? discardedValue({ jwUnits, limit, quarter }) : null;
  return { line, discarded };
}
