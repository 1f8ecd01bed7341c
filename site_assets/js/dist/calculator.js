/* Generated from site_assets/js/calculator-ui.mjs by site_assets/js/bundle.mjs: edit the modules, then run `make js`. */
(() => {
  // site_assets/js/units.mjs
  var MAX_DECIMALS = 6;
  var MAX_INTEGER_DIGITS = 12;
  var MAX_UNITS = "1000000";
  var DEFAULT_MODE = "cms-up";
  var ROUNDING_MODES = Object.freeze([
    Object.freeze({
      id: "cms-up",
      method: "up",
      places: 0,
      default: true,
      how: "rounded up",
      label: "Round up to the next whole unit (CMS / Medicare)",
      explanation: "Medicare rule: if the dose is not a multiple of the amount in the code's descriptor, round up to the next whole unit. A dose below one unit is billed as 1 unit.",
      cited: true
    }),
    Object.freeze({
      id: "nearest",
      method: "half-up",
      places: 0,
      how: "rounded to the nearest whole unit",
      label: "Round to the nearest whole unit",
      explanation: "For payers whose written policy says so (not Medicare): round to the nearest whole unit, halves up. A dose below one unit is still at least 1 unit."
    }),
    ...[1, 2, 3].map((n) => Object.freeze({
      id: `decimal-${n}`,
      method: "half-up",
      places: n,
      how: `rounded to ${n} decimal place${n === 1 ? "" : "s"}`,
      label: `Report fractional units (${n} decimal place${n === 1 ? "" : "s"})`,
      explanation: `For payers that accept fractional units (not Medicare): report units to ${n} decimal place${n === 1 ? "" : "s"}, halves rounded up; never less than ${formatPlaces(n)}.`
    }))
  ]);
  var UNIT_TABLE = Object.freeze({
    g: { dimension: "mass", factor: 1000000n, label: "g" },
    mg: { dimension: "mass", factor: 1000n, label: "mg" },
    mcg: { dimension: "mass", factor: 1n, label: "mcg" },
    l: { dimension: "volume", factor: 1000n, label: "L" },
    ml: { dimension: "volume", factor: 1n, label: "mL" },
    cc: { dimension: "volume", factor: 1n, label: "cc" },
    // 1 cc = 1 mL
    units: { dimension: "count", factor: 1n, label: "units" },
    iu: { dimension: "count", factor: 1n, label: "IU" },
    // equal counts
    meq: { dimension: "milliequivalents", factor: 1n, label: "mEq" },
    "usp units": { dimension: "USP activity", factor: 1n, label: "USP units" }
    // units of their own: nothing converts to them
  });
  var UNIT_ALIASES = Object.freeze({ "µg": "mcg", "μg": "mcg", ug: "mcg", unit: "units", "international units": "iu", "usp unit": "usp units" });
  function formatPlaces(n) {
    return n === 0 ? "1" : `0.${"0".repeat(n - 1)}1`;
  }
  function gcd(a, b) {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) [a, b] = [b, a % b];
    return a;
  }
  function rational(num, den = 1n) {
    if (den === 0n) throw new RangeError("division by zero");
    if (den < 0n) {
      num = -num;
      den = -den;
    }
    const g = gcd(num, den) || 1n;
    return { num: num / g, den: den / g };
  }
  function add(a, b) {
    return rational(a.num * b.den + b.num * a.den, a.den * b.den);
  }
  function sub(a, b) {
    return rational(a.num * b.den - b.num * a.den, a.den * b.den);
  }
  function mul(a, b) {
    return rational(a.num * b.num, a.den * b.den);
  }
  function div(a, b) {
    return rational(a.num * b.den, a.den * b.num);
  }
  function cmp(a, b) {
    const d = a.num * b.den - b.num * a.den;
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  }
  function floorDiv(n, d) {
    return n >= 0n ? n / d : -((-n + d - 1n) / d);
  }
  function scaleOf(places) {
    return 10n ** BigInt(places);
  }
  function roundTo(r, places, method) {
    const s = scaleOf(places), n = r.num * s;
    const k = method === "up" ? -floorDiv(-n, r.den) : method === "down" ? floorDiv(n, r.den) : floorDiv(2n * n + r.den, 2n * r.den);
    return rational(k, s);
  }
  function parseDecimal(input, maxDecimals = MAX_DECIMALS) {
    if (input === null || input === void 0) return { ok: false, reason: "empty" };
    if (typeof input === "number" && !Number.isFinite(input)) return { ok: false, reason: Number.isNaN(input) ? "nan" : "infinite" };
    if (!["number", "string", "bigint"].includes(typeof input)) return { ok: false, reason: "nan" };
    let text = String(input).trim();
    if (/^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$/.test(text)) text = text.replace(/,/g, "");
    if (text === "") return { ok: false, reason: "empty" };
    if (/^[+-]?(infinity|inf|∞)$/i.test(text)) return { ok: false, reason: "infinite" };
    if (/^-\s*(\d|\.\d)/.test(text)) return { ok: false, reason: "negative" };
    if (/^\+?(\d+\.?\d*|\.\d+)e[+-]?\d+$/i.test(text)) return { ok: false, reason: "exponent" };
    const m = /^\+?(\d*)(?:\.(\d*))?$/.exec(text);
    if (!m || m[1] + (m[2] || "") === "") return { ok: false, reason: "nan" };
    const frac = m[2] || "";
    if (frac.length > maxDecimals) return { ok: false, reason: "decimals" };
    if (m[1].replace(/^0+/, "").length > MAX_INTEGER_DIGITS) return { ok: false, reason: "large" };
    return { ok: true, value: rational(BigInt((m[1] || "0") + frac), scaleOf(frac.length)) };
  }
  function exactPlaces(r) {
    let d = r.den, twos = 0, fives = 0;
    while (d % 2n === 0n) {
      d /= 2n;
      twos++;
    }
    while (d % 5n === 0n) {
      d /= 5n;
      fives++;
    }
    return d === 1n ? Math.max(twos, fives) : Infinity;
  }
  function formatDecimal(r, maxPlaces = 12) {
    const places = Math.min(exactPlaces(r), maxPlaces), v = roundTo(r, places, "half-up");
    const digits = (v.num * (scaleOf(places) / v.den)).toString().padStart(places + 1, "0");
    return places === 0 ? digits : `${digits.slice(0, -places)}.${digits.slice(-places)}`.replace(/\.?0+$/, "");
  }
  function groupThousands(text) {
    const [int, frac] = text.split("."), grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
    return frac === void 0 ? grouped : `${grouped}.${frac}`;
  }
  function formatAmount(r, unitKey) {
    return `${groupThousands(formatDecimal(r))} ${UNIT_TABLE[unitKey].label}`;
  }
  function formatUnitCount(r) {
    return `${groupThousands(formatDecimal(r))} unit${cmp(r, ONE) === 0 ? "" : "s"}`;
  }
  var ONE = Object.freeze({ num: 1n, den: 1n });
  var ZERO = Object.freeze({ num: 0n, den: 1n });
  function normalizeUnit(text) {
    const t = typeof text === "string" ? text.trim().toLowerCase() : "", key = UNIT_ALIASES[t] || t;
    return Object.prototype.hasOwnProperty.call(UNIT_TABLE, key) ? key : null;
  }
  function compatibleUnits(unit) {
    const key = normalizeUnit(unit);
    if (!key) return [];
    const same = Object.keys(UNIT_TABLE).filter((k) => k !== key && UNIT_TABLE[k].dimension === UNIT_TABLE[key].dimension);
    return [key, ...same].map((k) => UNIT_TABLE[k].label);
  }
  function convert(r, fromKey, toKey) {
    const from = UNIT_TABLE[fromKey], to = UNIT_TABLE[toKey];
    return from.dimension === to.dimension ? mul(r, rational(from.factor, to.factor)) : null;
  }
  function incompatibleMessage(fromKey, toKey) {
    const from = UNIT_TABLE[fromKey], to = UNIT_TABLE[toKey];
    const dims = [from.dimension, to.dimension].sort().join("+");
    const hint = dims === "mass+volume" ? " A volume becomes a mass only through the product's concentration (e.g. mg per mL on the label): convert first." : dims.includes("count") ? " Units/IU measure activity, not mass or volume." : "";
    return `Cannot convert ${from.label} (${from.dimension}) to ${to.label} (${to.dimension}), the unit of this code.${hint} Enter the amount in ${to.label}.`;
  }
  function numberMessage(label, reason) {
    return {
      empty: `Enter the ${label.toLowerCase()}.`,
      nan: `${label} must be a number, e.g. 2.5.`,
      infinite: `${label} must be a finite number.`,
      negative: `${label} cannot be negative.`,
      zero: `${label} must be greater than zero.`,
      decimals: `${label} can have at most ${MAX_DECIMALS} decimal places.`,
      exponent: `${label}: write the number out in full (e.g. 1000, not 1e3).`,
      large: `${label} is too large to be a real amount; check it.`,
      whole: `${label} must be a whole number.`
    }[reason] || `${label} is not valid.`;
  }
  function readNumber(input, field, label, errors, { allowZero = false, whole = false, max = null } = {}) {
    const p = parseDecimal(input);
    let reason = p.ok ? null : p.reason;
    if (p.ok && p.value.num === 0n && !allowZero) reason = "zero";
    else if (p.ok && whole && p.value.den !== 1n) reason = "whole";
    if (reason) {
      errors.push({ field, message: numberMessage(label, reason) });
      return null;
    }
    if (max !== null && cmp(p.value, rational(BigInt(max))) > 0) {
      errors.push({ field, message: `${label} must be ${groupThousands(String(max))} or less.` });
      return null;
    }
    return p.value;
  }
  function readUnit(input, field, label, errors, targetKey) {
    const key = normalizeUnit(input);
    if (!key) {
      const given = typeof input === "string" && input.trim();
      const known = Object.values(UNIT_TABLE).map((u) => u.label).join(", ");
      errors.push({ field, message: given ? `${label}: unit "${input.trim()}" is not recognised. Use one of: ${known}.` : `${label}: choose a unit (${known}).` });
      return null;
    }
    if (targetKey && UNIT_TABLE[key].dimension !== UNIT_TABLE[targetKey].dimension) {
      errors.push({ field, message: incompatibleMessage(key, targetKey) });
      return null;
    }
    return key;
  }
  function readAmount(value, unit, field, label, errors, d, opts = {}) {
    const v = readNumber(value, field, label, errors, opts);
    const key = readUnit(unit === void 0 || unit === "" ? opts.defaultUnit : unit, opts.unitField || `${field}Unit`, label, errors, d && d.unitKey);
    if (v === null || key === null || !d) return null;
    return { value: v, unitKey: key, inCodeUnit: convert(v, key, d.unitKey) };
  }
  function readDescriptor(d, errors) {
    if (!d || typeof d.code !== "string" || !d.code.trim()) {
      errors.push({ field: "code", message: "Choose a HCPCS code." });
      return null;
    }
    const code = d.code.trim().toUpperCase();
    if (d.amount === void 0 || d.amount === null || String(d.amount).trim() === "") {
      errors.push({ field: "code", message: `${code} has no dose amount in its descriptor (not otherwise classified), so units cannot be calculated here. Follow the payer's instructions for this code.` });
      return null;
    }
    const p = parseDecimal(d.amount), unitKey = normalizeUnit(d.unit);
    if (!p.ok || p.value.num === 0n || !unitKey) {
      errors.push({ field: "code", message: `${code}: descriptor amount or unit is not usable.` });
      return null;
    }
    return { code, amount: p.value, unitKey, upTo: d.upTo === true, terminationDate: d.terminationDate || "" };
  }
  function readMode(id, errors) {
    const mode = ROUNDING_MODES.find((m) => m.id === (id === void 0 || id === "" ? DEFAULT_MODE : id));
    if (!mode) errors.push({ field: "mode", message: `Unknown rounding mode "${id}". Choose one of: ${ROUNDING_MODES.map((m) => m.id).join(", ")}.` });
    return mode || null;
  }
  function isIsoDate(text) {
    if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const t = /* @__PURE__ */ new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === text;
  }
  function fail(errors) {
    return { ok: false, errors };
  }
  function readRules(rules) {
    const dates = ["jwRequiredFrom", "jzAvailableFrom", "jzOptionalUntil", "jzRequiredFrom"];
    if (!rules || !dates.every((k) => isIsoDate(rules[k])) || !rules.rounding || !rules.discardedSource) {
      throw new TypeError("units.mjs: input.rules must be the billing rules from codebook/billing_rules.py");
    }
    return rules;
  }
  function roundUnits(q, mode, upTo = false) {
    const minimum = rational(1n, scaleOf(mode.places));
    let units = roundTo(q, mode.places, mode.method), how = mode.how;
    if (upTo && cmp(q, ONE) <= 0) return { units: ONE, how: cmp(q, ONE) === 0 ? "no rounding needed" : 'descriptor "up to": any amount up to it is 1 unit' };
    if (cmp(units, minimum) < 0) {
      units = minimum;
      how = `less than ${formatUnitCount(minimum)}: minimum ${formatUnitCount(minimum)}`;
    }
    if (cmp(units, q) === 0) how = "no rounding needed";
    return { units, how };
  }
  function quotientInfo(q) {
    const exact = exactPlaces(q) <= 12;
    return { text: formatDecimal(q, exact ? 12 : 6), exact, fraction: `${q.num}/${q.den}` };
  }
  function unitsFor(d, amountInCodeUnit, mode, field) {
    const q = div(amountInCodeUnit, d.amount);
    if (cmp(q, rational(BigInt(MAX_UNITS))) > 0) {
      return fail([{ field, message: `That is more than ${groupThousands(MAX_UNITS)} billing units of ${d.code}; check the amount and its unit.` }]);
    }
    const { units, how } = roundUnits(q, mode, d.upTo), qi = quotientInfo(q);
    const working = `${formatAmount(amountInCodeUnit, d.unitKey)} ÷ ${d.upTo ? "up to " : ""}${formatAmount(d.amount, d.unitKey)} per unit ${qi.exact ? "=" : "≈"} ${groupThousands(qi.text)} → ${formatUnitCount(units)} (${how})`;
    return { ok: true, q, units, qi, working };
  }
  function conversionText(a, d) {
    return a.unitKey === d.unitKey ? "" : `${formatAmount(a.value, a.unitKey)} = ${formatAmount(a.inCodeUnit, d.unitKey)}; `;
  }
  function line(code, modifier, units, amount, d) {
    return { code, modifier, units: formatDecimal(units), amount: formatAmount(amount, d.unitKey), billedAmount: formatAmount(mul(units, d.amount), d.unitKey) };
  }
  function baseNotes(d, mode, step, rules) {
    const notes = [];
    if (mode.id === DEFAULT_MODE && cmp(step.q, ONE) < 0) notes.push(`A dose below the descriptor amount is billed as 1 unit (CMS ${rules.rounding.short}).`);
    if (mode.id !== DEFAULT_MODE) notes.push(`Rounding: ${mode.label}. Use this only if the payer requires it; Medicare rounds up to the next whole unit.`);
    if (!step.qi.exact) notes.push(`The exact quotient is ${step.qi.fraction} (a repeating decimal); it is shown rounded to 6 places.`);
    if (d.terminationDate) notes.push(`${d.code} was terminated on ${d.terminationDate}: do not use it for later dates of service.`);
    return notes;
  }
  function buildResult(d, mode, a, rules, prefix = "") {
    const step = unitsFor(d, a.inCodeUnit, mode, "dose");
    if (!step.ok) return step;
    return {
      ok: true,
      code: d.code,
      mode: mode.id,
      units: formatDecimal(step.units),
      totalUnits: formatDecimal(step.units),
      exactQuotient: step.qi.text,
      quotientIsExact: step.qi.exact,
      quotientFraction: step.qi.fraction,
      lines: [line(d.code, "", step.units, a.inCodeUnit, d)],
      working: prefix + conversionText(a, d) + step.working,
      notes: baseNotes(d, mode, step, rules),
      step
    };
  }
  function publicResult(r) {
    if (!r.ok) return r;
    const { step, ...rest } = r;
    return rest;
  }
  function calculateUnits(input = {}) {
    const rules = readRules(input.rules), errors = [], d = readDescriptor(input.descriptor, errors), mode = readMode(input.mode, errors);
    const a = readAmount(input.dose, input.doseUnit, "dose", "Dose", errors, d);
    if (errors.length) return fail(errors);
    return publicResult(buildResult(d, mode, a, rules));
  }
  function calculateSupply(input = {}) {
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
  function readContainerType(t, errors) {
    const v = t === void 0 || t === null || t === "" ? "unknown" : String(t).trim().toLowerCase();
    if (!["single-dose", "multi-dose", "unknown"].includes(v)) errors.push({ field: "containerType", message: "Container type must be single-dose, multi-dose or unknown." });
    return v;
  }
  function jzStatus(date, rules) {
    return date < rules.jzAvailableFrom ? "not-available" : date < rules.jzRequiredFrom ? "optional" : "required";
  }
  function readWasteInputs(input, d, errors) {
    const containerType = readContainerType(input.containerType, errors);
    const unit = input.doseUnit;
    const has = (v) => v !== void 0 && v !== null && String(v).trim() !== "";
    const discarded = has(input.discarded) ? readAmount(input.discarded, input.discardedUnit, "discarded", "Amount discarded", errors, d, { allowZero: true, defaultUnit: unit }) : null;
    let size = null, count = rational(1n);
    if (has(input.containerSize)) size = readAmount(input.containerSize, input.containerUnit, "containerSize", "Container size", errors, d, { defaultUnit: unit, unitField: "containerUnit" });
    else if (has(input.containerCount)) errors.push({ field: "containerSize", message: "Enter the container size (amount in one container) to go with the container count." });
    if (has(input.containerCount)) count = readNumber(input.containerCount, "containerCount", "Container count", errors, { whole: true, max: 1e3 });
    const date = has(input.dateOfService) ? String(input.dateOfService).trim() : has(input.today) ? String(input.today).trim() : "";
    if (containerType === "single-dose" && !isIsoDate(date)) {
      errors.push({ field: "dateOfService", message: date ? `Date of service "${date}" is not a valid date (YYYY-MM-DD).` : "Enter the date of service (YYYY-MM-DD)." });
    }
    return { containerType, discarded, size, count, date };
  }
  function wasteAmount(w, a, d, errors, working) {
    if (!w.size || !w.count) return w.discarded ? w.discarded.inCodeUnit : null;
    const total = mul(w.size.inCodeUnit, w.count), left = sub(total, a.inCodeUnit);
    if (cmp(left, ZERO) < 0) {
      errors.push({ field: "dose", message: `The dose (${formatAmount(a.inCodeUnit, d.unitKey)}) is more than the containers held (${formatAmount(total, d.unitKey)}).` });
      return null;
    }
    if (w.discarded && cmp(w.discarded.inCodeUnit, left) > 0) {
      errors.push({ field: "discarded", message: `Amount discarded (${formatAmount(w.discarded.inCodeUnit, d.unitKey)}) is more than was left in the containers (${formatAmount(total, d.unitKey)} − ${formatAmount(a.inCodeUnit, d.unitKey)} = ${formatAmount(left, d.unitKey)}).` });
      return null;
    }
    working.push(`Containers: ${formatDecimal(w.count)} × ${formatAmount(w.size.inCodeUnit, d.unitKey)} = ${formatAmount(total, d.unitKey)}; left after the dose: ${formatAmount(left, d.unitKey)}`);
    return w.discarded ? w.discarded.inCodeUnit : left;
  }
  function jzNote(status, rules, covered = false) {
    const why = covered ? "no billable amount was discarded (the units billed already pay for it)" : "nothing was discarded";
    if (status === "required") return `JZ is required on the line for dates of service on or after ${rules.jzRequiredFrom}: ${why}.`;
    if (status === "optional") return `JZ is optional for dates of service ${rules.jzAvailableFrom} to ${rules.jzOptionalUntil} (required from ${rules.jzRequiredFrom}): ${why}.`;
    return `JZ did not exist before ${rules.jzAvailableFrom}; no modifier for this date of service.`;
  }
  function coveredWasteNote(units, billed, discarded) {
    const one = cmp(units, ONE) === 0;
    return `The ${formatUnitCount(units)} billed for the dose ${one ? "covers" : "cover"} ${billed}, so the ${discarded} discarded is already paid for: do not bill it again on a JW line (that would be an overpayment; Noridian).`;
  }
  function applyJz(r, date, rules, covered = false) {
    const status = r.jz = jzStatus(date, rules);
    if (status === "required") r.lines[0].modifier = "JZ";
    r.notes.push(jzNote(status, rules, covered));
  }
  function applySingleDose(r, d, mode, a, discarded, date, working, rules) {
    if (discarded === null) {
      r.jz = "unknown";
      r.notes.push("Enter the amount discarded, or the container size and count, to decide between JW and JZ.");
      return;
    }
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
  function calculateWithWaste(input = {}) {
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
    else {
      r.jz = "unknown";
      r.notes.push(`Check the label: JW and JZ apply only to single-dose containers.${waste ? " No JW line is produced until the container is confirmed single-dose." : ""}`);
    }
    r.totalUnits = formatDecimal(r.lines.reduce((s, l) => add(s, parseDecimal(l.units, 12).value), ZERO));
    r.working = [r.working, ...working].join("\n");
    return publicResult(r);
  }
  function claimLineText(l) {
    const units = parseDecimal(String(l.units), 12), one = units.ok && cmp(units.value, ONE) === 0;
    return `${l.code}${l.modifier ? `-${l.modifier}` : ""} x ${l.units} unit${one ? "" : "s"}`;
  }

  // site_assets/js/calculator-state.mjs
  var CALCULATIONS = Object.freeze({ calculateSupply, calculateUnits, calculateWithWaste });
  var STATE_PARAMS = Object.freeze([
    "code",
    "basis",
    "dose",
    "unit",
    "strength",
    "strength_unit",
    "per_dose",
    "per_day",
    "days",
    "container",
    "discarded",
    "discarded_unit",
    "size",
    "size_unit",
    "count",
    "date",
    "rounding",
    "mode",
    "ndc",
    "items",
    "per",
    "confirm"
  ]);
  var MAX_PARAM_LENGTH = 40;
  var STATE_DEFAULTS = Object.freeze({ basis: "dose", container: "unknown", rounding: DEFAULT_MODE, mode: "dose", per: "item" });
  var PARAMS_FOR = Object.freeze({
    dose: ["dose", "unit"],
    supply: ["basis", "strength", "strength_unit", "per_dose", "per_day", "days"],
    administered: ["container", "discarded", "discarded_unit", "size", "size_unit", "count", "date"],
    ndc: ["mode", "ndc", "items", "per", "rounding", "confirm"]
  });
  var UNIT_OF = Object.freeze({ unit: "dose", strength_unit: "strength", discarded_unit: "discarded", size_unit: "size" });
  var SUPPLY_LABELS = Object.freeze({ strength: "strength", per_dose: "quantity per dose", per_day: "doses per day", days: "days supply" });
  function filled(value) {
    return value !== void 0 && value !== null && String(value).trim() !== "";
  }
  function stateFromQuery(search) {
    const params = new URLSearchParams(search || ""), state = {};
    for (const key of STATE_PARAMS) {
      const value = params.get(key);
      if (filled(value)) state[key] = value.trim().slice(0, MAX_PARAM_LENGTH);
    }
    if (state.code) state.code = state.code.toUpperCase();
    return state;
  }
  function basisOf(record, state) {
    return record.kind === "oral" && state.basis === "supply" ? "supply" : "dose";
  }
  function isNdcMode(record, state) {
    return Boolean(record.hasNdc) && state.mode === "ndc";
  }
  function relevantParams(record, state) {
    if (isNdcMode(record, state)) return STATE_PARAMS.filter((k) => k === "code" || PARAMS_FOR.ndc.includes(k));
    const keys = /* @__PURE__ */ new Set(["code", "rounding", ...PARAMS_FOR[basisOf(record, state)]]);
    if (record.kind === "administered") PARAMS_FOR.administered.forEach((k) => keys.add(k));
    return STATE_PARAMS.filter((k) => keys.has(k));
  }
  function shareQuery(record, state, { bareCode = false } = {}) {
    const params = new URLSearchParams();
    for (const key of relevantParams(record, state)) {
      const value = key === "code" ? record.code : state[key];
      const orphanUnit = UNIT_OF[key] && !filled(state[UNIT_OF[key]]);
      if (filled(value) && !orphanUnit && value !== STATE_DEFAULTS[key]) params.set(key, String(value).trim());
    }
    const entered = [...params.keys()].some((k) => k !== "code");
    return entered || bareCode && record.code ? `?${params}` : "";
  }
  function missingInput(record, state) {
    if (isNdcMode(record, state)) return filled(state.ndc) && filled(state.items) ? "" : "Pick the NDC and enter how many were used to see the billing units.";
    if (basisOf(record, state) === "dose") return filled(state.dose) ? "" : "Enter the dose to see the billing units.";
    const empty = Object.keys(SUPPLY_LABELS).filter((k) => !filled(state[k])).map((k) => SUPPLY_LABELS[k]);
    if (!empty.length) return "";
    const list = empty.length === 1 ? empty[0] : `${empty.slice(0, -1).join(", ")} and ${empty[empty.length - 1]}`;
    return `Enter the ${list} to see the billing units.`;
  }
  function calculatorInput(record, state, today, rules) {
    const descriptor = { code: record.code, amount: record.amount, unit: record.unit, upTo: record.upTo, terminationDate: record.terminated };
    const mode = state.rounding || STATE_DEFAULTS.rounding;
    if (basisOf(record, state) === "supply") {
      return { fn: "calculateSupply", input: {
        rules,
        descriptor,
        mode,
        strength: state.strength,
        strengthUnit: state.strength_unit,
        quantityPerDose: state.per_dose,
        dosesPerDay: state.per_day,
        daysSupply: state.days
      } };
    }
    const dose = { rules, descriptor, mode, dose: state.dose, doseUnit: state.unit || record.unit };
    if (record.kind !== "administered") return { fn: "calculateUnits", input: dose };
    return { fn: "calculateWithWaste", input: {
      ...dose,
      containerType: state.container || STATE_DEFAULTS.container,
      discarded: state.discarded,
      discardedUnit: state.discarded_unit || dose.doseUnit,
      containerSize: state.size,
      containerUnit: state.size_unit || dose.doseUnit,
      containerCount: state.count,
      dateOfService: state.date,
      today
    } };
  }
  function calculate(record, state, today, rules) {
    const { fn, input } = calculatorInput(record, state, today, rules);
    return CALCULATIONS[fn](input);
  }
  function extraNotes(record, state, today) {
    const notes = [];
    const singleDose = record.kind === "administered" && state.container === "single-dose";
    if (singleDose && !filled(state.date)) notes.push(`No date of service entered: the JW/JZ guidance uses today's date (${today}).`);
    return notes;
  }
  function normalizeText(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").replace(/[^a-z0-9.]+/g, " ").trim();
  }
  function recordFromData(r) {
    const record = {
      code: r.c,
      title: r.t || "",
      descriptor: r.d || "",
      amount: r.a || "",
      unit: r.u || "",
      upTo: r.p === true,
      route: r.r || "",
      kind: r.k || "none",
      terminated: r.x || "",
      aliases: r.n || [],
      why: r.w || "",
      ndcFile: r.h === true,
      modifiers: r.m || []
    };
    record.haystack = ` ${normalizeText([record.title, record.descriptor, ...record.aliases].join(" "))}`;
    return record;
  }
  function recordFromDataset(d) {
    return recordFromData({
      c: d.code,
      t: d.title || "",
      d: d.descriptor || "",
      a: d.amount,
      u: d.unit,
      p: d.upTo === "true",
      r: d.route,
      k: d.kind,
      x: d.terminated,
      n: [],
      m: (d.modifiers || "").split(" ").filter(Boolean)
    });
  }
  function claimLines(record, result) {
    if (!result || !result.ok) return [];
    return result.lines.map((line2, i) => ({
      code: line2.code,
      units: line2.units,
      amount: line2.amount,
      modifiers: [...line2.modifier ? [line2.modifier] : [], ...i === 0 ? record.modifiers : []]
    }));
  }
  function claimText(lines) {
    return lines.map((l) => claimLineText({ code: l.code, units: l.units, modifier: l.modifiers.join("-") })).join("\n");
  }
  function matchScore(record, q, words) {
    const code = record.code.toLowerCase();
    if (code === q) return 0;
    if (code.startsWith(q)) return 1;
    if (words.every((w) => record.haystack.includes(` ${w}`))) return 2;
    return words.every((w) => record.haystack.includes(w)) ? 3 : -1;
  }
  function matchCodes(records, query, limit = 12) {
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
  function exactCode(records, text) {
    const code = String(text).trim().split(/\s/)[0].toUpperCase();
    return records.find((r) => r.code === code) || null;
  }
  function localIsoDate(date) {
    const pad = (n) => String(n).padStart(2, "0");
    return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
  }

  // site_assets/js/money.mjs
  var LABEL = "Medicare Part B payment limit: not what a commercial payer or Part D plan pays";
  var ROUNDING = "rounded to the cent, half up";
  var HUNDRED = rational(100n);
  function roundCents(r) {
    return roundTo(r, 2, "half-up");
  }
  function dollars(r) {
    const [whole, frac = ""] = formatDecimal(roundCents(r)).split(".");
    return `${groupThousands(whole)}.${frac.padEnd(2, "0")}`;
  }
  function exactDollars(r) {
    const [whole, frac = ""] = formatDecimal(r).split(".");
    return `${groupThousands(whole)}.${frac.padEnd(2, "0")}`;
  }
  function published(value) {
    return groupThousands(String(value).trim().replace(/,/g, ""));
  }
  function moneyText(value) {
    const plain = String(value).trim().replace(/,/g, "");
    return /^\d*\.?\d+$/.test(plain) ? `$${groupThousands(plain)}` : String(value).trim();
  }
  function unitWord(r) {
    return cmp(r, rational(1n)) === 0 ? "unit" : "units";
  }
  function readFigure(value, field, label, errors) {
    const p = parseDecimal(value, 6);
    if (p.ok) return p.value;
    const shown = value === void 0 || value === null ? "" : String(value).trim();
    const message = !shown ? `${label} is missing.` : field === "limit" ? `CMS publishes no payment limit for this quarter ("${shown}"), so no amount can be calculated.` : `${label} "${shown}" is not a number (at most 6 decimals, not negative).`;
    errors.push({ field, message });
    return null;
  }
  function equals(exact, cents) {
    return `= $${exactDollars(exact)}${cmp(exact, cents) === 0 ? "" : ` → $${dollars(cents)} (${ROUNDING})`}`;
  }
  function product(units, limit, limitText) {
    const exact = mul(units, limit), cents = roundCents(exact);
    const working = `${groupThousands(formatDecimal(units))} ${unitWord(units)} × ${moneyText(limitText)} per unit ${equals(exact, cents)}`;
    return { cents, figures: { exact: formatDecimal(exact), dollars: dollars(cents), text: `$${dollars(cents)}`, working } };
  }
  function coinsuranceOf(lineCents, percent, percentText) {
    const exact = mul(lineCents, div(percent, HUNDRED)), cents = roundCents(exact);
    return {
      percent: published(percentText),
      exact: formatDecimal(exact),
      dollars: dollars(cents),
      text: `$${dollars(cents)}`,
      working: `${published(percentText)} % of $${dollars(lineCents)} ${equals(exact, cents)}`
    };
  }
  function lineAmount({ units, limit, coinsurance, quarter = "" } = {}) {
    const errors = [];
    const u = readFigure(units, "units", "Billing units", errors);
    const l = readFigure(limit, "limit", "Payment limit", errors);
    const c = readFigure(coinsurance, "coinsurance", "Coinsurance percentage", errors);
    if (c && cmp(c, HUNDRED) > 0) errors.push({ field: "coinsurance", message: "Coinsurance percentage cannot be over 100." });
    if (errors.length) return { ok: false, errors };
    const line2 = product(u, l, limit);
    return {
      ok: true,
      quarter,
      label: LABEL,
      units: formatDecimal(u),
      limit: published(limit),
      ...line2.figures,
      coinsurance: coinsuranceOf(line2.cents, c, coinsurance)
    };
  }
  function discardedValue({ jwUnits, limit, quarter = "" } = {}) {
    const errors = [];
    const u = readFigure(jwUnits, "jwUnits", "JW units", errors);
    const l = readFigure(limit, "limit", "Payment limit", errors);
    if (errors.length) return { ok: false, errors };
    const line2 = product(u, l, limit);
    return {
      ok: true,
      quarter,
      label: LABEL,
      units: formatDecimal(u),
      limit: published(limit),
      ...line2.figures,
      working: `JW: ${line2.figures.working}`
    };
  }

  // site_assets/js/ndc.mjs
  var ELEVEN = /^[0-9]{5}-[0-9]{4}-[0-9]{2}$/;
  var SEPARATED = /^([0-9]+)[- ]([0-9]+)[- ]([0-9]+)$/;
  var DIGITS = /^[0-9]+$/;
  var PADDING = Object.freeze({ "5,4,2": [0, 0, 0], "4,4,2": [1, 0, 0], "5,3,2": [0, 1, 0], "5,4,1": [0, 0, 1] });
  function dashed(eleven) {
    return `${eleven.slice(0, 5)}-${eleven.slice(5, 9)}-${eleven.slice(9)}`;
  }
  function tenDigitCandidates(digits) {
    return [dashed(`0${digits}`), dashed(`${digits.slice(0, 5)}0${digits.slice(5)}`), dashed(`${digits.slice(0, 9)}0${digits.slice(9)}`)];
  }
  function padded(groups) {
    const pads = PADDING[groups.map((g) => g.length).join(",")];
    return pads ? dashed(groups.map((g, i) => "0".repeat(pads[i]) + g).join("")) : null;
  }
  function normalizeNdc(text, known = []) {
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

  // site_assets/js/calculator-ndc.mjs
  var NDC_PARAMS = Object.freeze(["mode", "ndc", "count", "per", "rounding", "confirm"]);
  var PER = Object.freeze({ item: { key: "perItem", one: "item", many: "items" }, package: { key: "perPackage", one: "package", many: "packages" } });
  function ndcDataFromJson(raw) {
    const packages = (raw && raw.p || []).map((p) => ({
      ndc: p.n,
      labeler: p.l,
      drug: p.g,
      perItem: p.i,
      perPackage: p.k,
      quantity: p.q,
      inconsistent: p.x === true,
      fault: p.f ? { units: p.f.u, reading: p.f.r, text: p.f.t } : null
    }));
    const m = raw && raw.$;
    const money = m && m.m ? { limit: m.m, quarter: m.y, coinsurance: m.c, note: m.n || "" } : null;
    return { packages, money, noMoney: m && m.x || "" };
  }
  function failure(field, message, extra = {}) {
    return { ok: false, field, message, ...extra };
  }
  function findPackage(data, text) {
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
  function unitsPer(pkg, per, confirmed) {
    if (!(pkg.fault && confirmed)) return parseDecimal(pkg[per.key], 6);
    const item = parseDecimal(pkg.fault.units, 6), quantity = parseDecimal(pkg.quantity, 6);
    if (per.key === "perItem" || !item.ok) return item;
    return quantity.ok ? { ok: true, value: mul(item.value, quantity.value) } : quantity;
  }
  function amountText(exact, descriptor) {
    const amount = parseDecimal(descriptor && descriptor.amount, 6), key = normalizeUnit(descriptor && descriptor.unit);
    if (!amount.ok || !key) return "";
    return ` (${formatAmount(mul(exact, amount.value), key)} ÷ ${descriptor.upTo ? "up to " : ""}${formatAmount(amount.value, key)} per unit)`;
  }
  function ndcUnits(data, state, descriptor = {}) {
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
    return {
      ok: true,
      units: formatDecimal(units),
      exactUnits: formatDecimal(exact),
      ndc: found.ndc,
      package: pkg,
      working,
      rounded: cmp(units, exact) !== 0,
      corrected: Boolean(pkg.fault && confirmed)
    };
  }
  function ndcClaim(code, result, modifiers = []) {
    return `${claimLineText({ code, units: result.units, modifier: modifiers.join("-") })} NDC ${result.ndc}`;
  }
  function ndcMoney(data, units, jwUnits = "") {
    if (!data.money) return null;
    const { limit, quarter, coinsurance } = data.money;
    const line2 = lineAmount({ units, limit, coinsurance, quarter });
    const discarded = jwUnits ? discardedValue({ jwUnits, limit, quarter }) : null;
    return { line: line2, discarded };
  }

  // site_assets/js/calculator-data.mjs
  var SHARD_DIGITS = 3;
  var undashed = (ndc) => ndc.replace(/-/g, "");
  function ndcLookupKeys(text) {
    const value = typeof text === "string" ? text.trim() : "";
    const one = normalizeNdc(value);
    if (one) return [undashed(one)];
    return /^[0-9]{10}$/.test(value) ? tenDigitCandidates(value).map(undashed) : [];
  }
  function shardOf(digits) {
    return digits.slice(0, SHARD_DIGITS);
  }
  function codesForNdc(index, text) {
    const found = [];
    for (const digits of ndcLookupKeys(text)) {
      const table = index && index[shardOf(digits)] || {};
      for (const code of table[digits] || []) found.push({ ndc: dashed(digits), code });
    }
    return found;
  }
  var requested = /* @__PURE__ */ new Map();
  function loadScript(url) {
    if (!requested.has(url)) {
      requested.set(url, new Promise((resolve) => {
        const script = document.createElement("script");
        script.src = url;
        script.addEventListener("load", () => resolve(true));
        script.addEventListener("error", () => resolve(false));
        document.head.append(script);
      }));
    }
    return requested.get(url);
  }

  // site_assets/js/calculator-ui.mjs
  var form = document.getElementById("calculator");
  if (form) startCalculator(form);
  function startCalculator(form2) {
    const rules = JSON.parse(form2.dataset.rules);
    const $ = (id) => document.getElementById(id);
    const picker = $("code-picker");
    const out = {
      prompt: $("calc-prompt"),
      totals: $("calc-totals"),
      units: $("calc-units"),
      jw: $("calc-jw-units"),
      jwRow: $("calc-jw-row"),
      working: $("calc-working"),
      notes: $("calc-notes"),
      claim: $("calc-claim"),
      rows: $("calc-claim-rows"),
      text: $("calc-claim-text"),
      copy: $("calc-copy"),
      status: $("calc-copy-status"),
      share: $("calc-share"),
      money: $("calc-money")
    };
    let record = picker ? null : recordFromDataset(form2.dataset);
    let ndcData = null;
    function make(tag, text, className) {
      const node = document.createElement(tag);
      if (text !== void 0) node.textContent = text;
      if (className) node.className = className;
      return node;
    }
    function visible(node) {
      return !node.closest("[hidden]");
    }
    function controls() {
      return Array.from(form2.elements).filter((el) => el.name && visible(el));
    }
    function today() {
      return localIsoDate(/* @__PURE__ */ new Date());
    }
    function readState() {
      const state2 = { code: record.code };
      for (const el of controls()) {
        if (el.type === "checkbox") state2[el.name] = el.checked ? el.value : "";
        else if (el.type !== "radio") state2[el.name] = el.value.trim();
        else if (el.checked) state2[el.name] = el.value;
      }
      return state2;
    }
    function writeState(state2) {
      for (const el of Array.from(form2.elements).filter((e) => e.name && filled(state2[e.name]))) {
        const value = state2[el.name];
        if (el.type === "radio" || el.type === "checkbox") el.checked = el.value === value;
        else if (el.tagName !== "SELECT") el.value = value;
        else {
          const option = Array.from(el.options).find((o) => o.value.toLowerCase() === value.toLowerCase());
          if (option) el.value = option.value;
        }
      }
    }
    function fillSelect(select, options, preferred) {
      const keep = select.value;
      select.replaceChildren(...options.map(([value, label]) => {
        const o = make("option", label);
        o.value = value;
        return o;
      }));
      const values = options.map((o) => o[0]);
      select.value = values.includes(keep) && keep !== "" ? keep : values.includes(preferred) ? preferred : values[0];
    }
    function showNdc(raw) {
      ndcData = raw ? ndcDataFromJson(raw) : null;
      record.hasNdc = Boolean(ndcData && ndcData.packages.length);
      const list = $("calc-ndc-list");
      if (!list) return;
      list.replaceChildren(...(ndcData ? ndcData.packages : []).map((p) => {
        const flag = p.inconsistent ? " (CMS figures disagree)" : p.fault ? " (CMS data fault)" : "";
        const o = make("option", `${p.drug} — ${p.labeler}${flag}`);
        o.value = p.ndc;
        return o;
      }));
    }
    function setUpNdc() {
      showNdc(!picker && form2.dataset.ndc ? JSON.parse(form2.dataset.ndc) : null);
      if (!picker || !record.ndcFile) return;
      const picked = record;
      loadScript(picker.dataset.ndcUrl.replace("{code}", picked.code)).then(() => {
        const raw = (window.CODEBOOK_NDC || {})[picked.code];
        if (record !== picked || !raw) return;
        showNdc(raw);
        update();
      });
    }
    function setUpForRecord() {
      form2.dataset.kind = record.kind;
      setUpNdc();
      const units = compatibleUnits(record.unit).map((u) => [u, u]);
      for (const select of form2.querySelectorAll("select[data-units]")) {
        if (!units.some(([u]) => u === select.value)) select.value = "";
        fillSelect(select, units, record.unit);
      }
    }
    function updateVisibility() {
      const supply = record.kind === "oral" && form2.querySelector("input[name=basis][value=supply]:checked");
      const mode = record.hasNdc && form2.querySelector("input[name=mode][value=ndc]:checked") ? "ndc" : "dose";
      const faults = Boolean(ndcData && ndcData.packages.some((p) => p.fault));
      for (const node of form2.querySelectorAll("[data-kinds], [data-basis], [data-mode], [data-ndc-only], [data-fault-only]")) {
        const kindOk = !node.dataset.kinds || node.dataset.kinds.split(" ").includes(record.kind);
        const basisOk = !node.dataset.basis || node.dataset.basis === (supply ? "supply" : "dose");
        const modeOk = (!node.dataset.mode || node.dataset.mode === mode) && (!("ndcOnly" in node.dataset) || record.hasNdc);
        node.hidden = !(kindOk && basisOk && modeOk && (!("faultOnly" in node.dataset) || faults));
      }
    }
    function setUpRounding() {
      fillSelect($("calc-rounding"), ROUNDING_MODES.map((m) => [m.id, m.label]), DEFAULT_MODE);
    }
    function showRoundingHelp() {
      const mode = ROUNDING_MODES.find((m) => m.id === $("calc-rounding").value) || ROUNDING_MODES[0];
      const help = [make("p", mode.explanation)];
      const c = mode.cited ? rules.rounding : null;
      if (c) {
        const source = make("p", `${c.source}: “${c.quote}.” `, "calc-citation");
        const link = make("a", "Read the manual chapter (PDF, cms.gov)");
        Object.assign(link, { href: c.url, rel: "noopener noreferrer", target: "_blank" });
        source.append(link);
        help.push(source);
      }
      $("calc-rounding-help").replaceChildren(...help);
    }
    function clearResult(prompt) {
      out.prompt.textContent = prompt;
      out.totals.hidden = true;
      out.units.value = "";
      out.jw.value = "";
      out.jwRow.hidden = true;
      out.working.textContent = "";
      out.notes.replaceChildren();
      out.claim.hidden = true;
      out.status.textContent = "";
      out.money.hidden = true;
      out.money.replaceChildren();
    }
    function clearErrors() {
      for (const el of form2.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
      for (const el of form2.querySelectorAll(".field-error")) el.textContent = "";
    }
    function showErrors(errors) {
      const general = [];
      for (const error of errors) {
        const field = Array.from(form2.querySelectorAll(`[data-field="${error.field}"]`)).find(visible);
        if (!field) {
          general.push(error.message);
          continue;
        }
        field.setAttribute("aria-invalid", "true");
        $(`${field.id}-error`).textContent = error.message;
      }
      clearResult(`No result yet: ${errors.map((e) => e.message).join(" ")}`);
      if (general.length) out.notes.replaceChildren(...general.map((m) => make("li", m)));
    }
    function showResult(result, notes) {
      const jwLine = result.lines.find((l) => l.modifier === "JW");
      clearResult("");
      out.totals.hidden = false;
      out.units.value = result.lines[0].units;
      out.jwRow.hidden = !jwLine;
      out.jw.value = jwLine ? jwLine.units : "";
      out.working.textContent = result.working;
      out.notes.replaceChildren(...[...result.notes, ...notes].map((n) => make("li", n)));
      const lines = claimLines(record, result);
      showClaim(lines.map((l) => [l.code, l.modifiers, l.units, l.amount]), claimText(lines));
    }
    function showClaim(rows, text) {
      out.rows.replaceChildren(...rows.map(([code, modifiers, units, amount]) => {
        const row = make("tr");
        row.append(...[code, modifiers.join(" ") || "none", units, amount].map((v) => make("td", v)));
        return row;
      }));
      out.text.textContent = text;
      out.copy.textContent = rows.length > 1 ? "Copy claim lines" : "Copy claim line";
      out.claim.hidden = false;
    }
    function showMoney(units, jwUnits, fromNdc) {
      if (ndcData && ndcData.noMoney) return showMoneyItems([make("p", ndcData.noMoney, "calc-money-none")]);
      const money = ndcData && ndcData.money && ndcMoney(ndcData, units, jwUnits);
      if (!money || !money.line.ok) return;
      const { line: line2, discarded } = money;
      const items = [
        make("p", `${line2.label} (${line2.quarter}).`, "calc-money-label"),
        make("p", `Payment limit for the line: ${line2.text} — ${line2.working}.`),
        make("p", `Coinsurance (${line2.coinsurance.percent} %): ${line2.coinsurance.text} — ${line2.coinsurance.working}.`)
      ];
      if (discarded && discarded.ok) items.push(make("p", `Value of the discarded amount (JW): ${discarded.text} — ${discarded.working}.`));
      if (fromNdc && ndcData.money.note) items.push(make("p", ndcData.money.note, "calc-money-warning"));
      showMoneyItems(items);
    }
    function showMoneyItems(items) {
      out.money.replaceChildren(...items);
      out.money.hidden = false;
    }
    function showNdcResult(result) {
      clearResult("");
      out.totals.hidden = false;
      out.units.value = result.units;
      out.working.textContent = result.working;
      const notes = [`NDC ${result.ndc}: ${result.package.drug}, ${result.package.labeler} (CMS NDC–HCPCS crosswalk).`];
      if (result.rounded) notes.push(`The package holds ${result.exactUnits} billable units; the claim bills whole units by the rounding rule above, as for a dose.`);
      if (result.corrected) notes.push(`Billed from the corrected reading you confirmed, not CMS's figure: ${result.package.fault.text}`);
      out.notes.replaceChildren(...notes.map((n) => make("li", n)));
      showClaim([[record.code, record.modifiers, result.units, `NDC ${result.ndc}`]], ndcClaim(record.code, result, record.modifiers));
      showMoney(result.units, "", true);
    }
    function calculateNdc(state2) {
      const ndcState = { ndc: state2.ndc, count: state2.items, per: state2.per, rounding: state2.rounding, confirm: state2.confirm };
      const result = ndcUnits(ndcData, ndcState, { amount: record.amount, unit: record.unit, upTo: record.upTo });
      if (!result.ok) return showErrors([{ field: result.field, message: result.message }]);
      showNdcResult(result);
    }
    function calculate2(state2) {
      clearErrors();
      const missing = missingInput(record, state2);
      if (missing) return clearResult(missing);
      if (isNdcMode(record, state2)) return calculateNdc(state2);
      const result = calculate(record, state2, today(), rules);
      if (!result.ok) return showErrors(result.errors);
      showResult(result, extraNotes(record, state2, today()));
      const jwLine = result.lines.find((l) => l.modifier === "JW");
      showMoney(result.lines[0].units, jwLine ? jwLine.units : "", false);
    }
    function share(state2) {
      const query = shareQuery(record, state2, { bareCode: Boolean(picker) });
      const hash = picker ? "" : "#billing-units";
      out.share.hidden = !query;
      if (query) out.share.href = query + hash;
      const url = new URL(window.location.href);
      url.search = query;
      if (url.href === window.location.href) return;
      try {
        window.history.replaceState(window.history.state, "", url.href);
      } catch {
      }
    }
    function update() {
      updateVisibility();
      showRoundingHelp();
      const state2 = readState();
      calculate2(state2);
      share(state2);
    }
    function legacyCopy(text) {
      const area = make("textarea", void 0, "calc-offscreen");
      area.value = text;
      area.setAttribute("readonly", "");
      document.body.append(area);
      area.select();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch {
        copied = false;
      }
      area.remove();
      out.copy.focus();
      return copied;
    }
    async function copyClaim() {
      const text = out.text.textContent;
      let copied = false;
      try {
        await navigator.clipboard.writeText(text);
        copied = true;
      } catch {
        copied = legacyCopy(text);
      }
      out.status.textContent = copied ? `Copied: ${text.replace(/\n/g, "; ")}` : "Could not copy automatically: select the claim line above and copy it (Ctrl+C, or ⌘C on a Mac).";
    }
    function setUpPicker(codes, state2) {
      const input = $("calc-code"), list = $("calc-code-options"), picked = $("calc-picked");
      const shards = new Set((picker.dataset.ndcShards || "").split(" ").filter(Boolean));
      let matches = [], active = -1;
      function close() {
        list.hidden = true;
        input.setAttribute("aria-expanded", "false");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
      function ndcMatches() {
        const typed = input.value;
        const needed = [...new Set(ndcLookupKeys(typed).map(shardOf))].filter((s) => shards.has(s));
        const missing = needed.filter((s) => !(window.CODEBOOK_NDC_INDEX || {})[s]);
        if (missing.length) {
          const urls = missing.map((s) => picker.dataset.ndcIndexUrl.replace("{shard}", s));
          Promise.all(urls.map(loadScript)).then(() => {
            if (input.value === typed && document.activeElement === input) open();
          });
          return [];
        }
        return codesForNdc(window.CODEBOOK_NDC_INDEX, typed).map(({ ndc, code }) => ({ record: exactCode(codes, code), ndc })).filter((m) => m.record);
      }
      function open() {
        const byNdc = ndcMatches();
        const byName = matchCodes(codes, input.value, 12).filter((r) => !byNdc.some((m) => m.record === r));
        matches = [...byNdc, ...byName.map((record2) => ({ record: record2, ndc: "" }))].slice(0, 12);
        list.replaceChildren(...matches.map(({ record: r, ndc }) => {
          const item = make("li", ` ${ndc ? `NDC ${ndc} · ` : ""}${r.descriptor}`, r.kind === "none" ? "no-units" : "");
          item.id = `calc-option-${r.code}`;
          item.setAttribute("role", "option");
          item.setAttribute("aria-selected", "false");
          item.dataset.code = r.code;
          item.dataset.ndc = ndc;
          item.prepend(make("span", r.code, "code"));
          return item;
        }));
        if (!matches.length) return close();
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        input.removeAttribute("aria-activedescendant");
        active = -1;
      }
      function move(step) {
        if (list.hidden) open();
        if (!matches.length) return;
        active = (active + step + matches.length) % matches.length;
        Array.from(list.children).forEach((item2, i) => item2.setAttribute("aria-selected", String(i === active)));
        const item = list.children[active];
        input.setAttribute("aria-activedescendant", item.id);
        item.scrollIntoView({ block: "nearest" });
      }
      function chooseMatch(match) {
        if (match) choose(match.record, match.ndc ? { mode: "ndc", ndc: match.ndc } : void 0);
      }
      function choose(r, initial) {
        record = r;
        input.value = `${r.code} — ${r.descriptor}`;
        close();
        const link = make("a", `${r.code} page`);
        link.href = picker.dataset.codeUrl.replace("{code}", r.code);
        if (r.kind === "none") {
          form2.hidden = true;
          picked.replaceChildren(`${r.why || `${r.code}: the descriptor names no amount, so there are no billing units to work out.`} See the `, link, ".");
          share({ code: r.code });
          return;
        }
        picked.replaceChildren(`Calculating for ${r.code}: one unit is ${r.upTo ? "up to " : ""}${r.amount} ${r.unit}. See the `, link, ".");
        setUpForRecord();
        if (initial) writeState(initial);
        form2.hidden = false;
        update();
      }
      input.addEventListener("input", open);
      input.addEventListener("blur", close);
      input.addEventListener("keydown", (event) => {
        const keys = { ArrowDown: () => move(1), ArrowUp: () => move(-1), Escape: () => list.hidden ? input.value = "" : close() };
        if (event.key === "Enter") {
          const exact = exactCode(codes, input.value);
          chooseMatch(active >= 0 ? matches[active] : exact ? { record: exact, ndc: "" } : matches.length === 1 ? matches[0] : null);
          event.preventDefault();
        } else if (keys[event.key]) {
          keys[event.key]();
          event.preventDefault();
        }
      });
      list.addEventListener("mousedown", (event) => event.preventDefault());
      list.addEventListener("click", (event) => {
        const item = event.target.closest("[role=option]");
        if (item) chooseMatch({ record: exactCode(codes, item.dataset.code), ndc: item.dataset.ndc });
      });
      picker.hidden = false;
      const first = state2.code && exactCode(codes, state2.code);
      if (first) choose(first, state2);
    }
    const state = stateFromQuery(window.location.search);
    setUpRounding();
    form2.addEventListener("input", update);
    form2.addEventListener("change", update);
    form2.addEventListener("submit", (event) => {
      event.preventDefault();
      update();
    });
    out.copy.addEventListener("click", copyClaim);
    if (picker) {
      const codes = (window.CODEBOOK_CALCULATOR || []).map(recordFromData);
      setUpPicker(codes, state);
    } else {
      setUpForRecord();
      if (!state.code || state.code === record.code) writeState(state);
      form2.hidden = false;
      update();
    }
  }
})();
