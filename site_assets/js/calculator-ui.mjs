/*
 * codebook — billing-unit calculator on the page. DOM only: the arithmetic is units.mjs, the form
 * state, shared URL and code matching are calculator-state.mjs. Bundled into the classic script
 * assets/calculator.js (module scripts fail from file://) by site_assets/js/bundle.mjs.
 * The form is rendered by the server (templates/partials/calculator_form.html) and hidden until this
 * script shows it; its data-rules are the billing rules (codebook/billing_rules.py) units.mjs applies.
 */
import * as U from "./units.mjs";
import * as S from "./calculator-state.mjs";
import * as N from "./calculator-ndc.mjs";
import * as D from "./calculator-data.mjs";

const form = document.getElementById("calculator");
if (form) startCalculator(form);

function startCalculator(form) {
  const rules = JSON.parse(form.dataset.rules);
  const $ = (id) => document.getElementById(id);
  const picker = $("code-picker");
  const out = { prompt: $("calc-prompt"), totals: $("calc-totals"), units: $("calc-units"), jw: $("calc-jw-units"), jwRow: $("calc-jw-row"),
    working: $("calc-working"), notes: $("calc-notes"), claim: $("calc-claim"), rows: $("calc-claim-rows"),
    text: $("calc-claim-text"), copy: $("calc-copy"), status: $("calc-copy-status"), share: $("calc-share"), money: $("calc-money") };
  let record = picker ? null : S.recordFromDataset(form.dataset);
  let ndcData = null;

  function make(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined) node.textContent = text;
    if (className) node.className = className;
    return node;
  }
  function visible(node) { return !node.closest("[hidden]"); }
  function controls() { return Array.from(form.elements).filter((el) => el.name && visible(el)); }
  function today() { return S.localIsoDate(new Date()); }

  /* ---------- form <-> state ---------- */
  function readState() {
    const state = { code: record.code };
    for (const el of controls()) {
      if (el.type === "checkbox") state[el.name] = el.checked ? el.value : "";
      else if (el.type !== "radio") state[el.name] = el.value.trim();
      else if (el.checked) state[el.name] = el.value;
    }
    return state;
  }
  function writeState(state) {
    for (const el of Array.from(form.elements).filter((e) => e.name && S.filled(state[e.name]))) {
      const value = state[el.name];
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
    select.replaceChildren(...options.map(([value, label]) => { const o = make("option", label); o.value = value; return o; }));
    const values = options.map((o) => o[0]);
    select.value = values.includes(keep) && keep !== "" ? keep : values.includes(preferred) ? preferred : values[0];
  }
  function showNdc(raw) {
    ndcData = raw ? N.ndcDataFromJson(raw) : null;
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
  /** A code page carries its own rows (data-ndc); the stand-alone page loads the picked code's file. */
  function setUpNdc() {
    showNdc(!picker && form.dataset.ndc ? JSON.parse(form.dataset.ndc) : null);
    if (!picker || !record.ndcFile) return;
    const picked = record;
    D.loadScript(picker.dataset.ndcUrl.replace("{code}", picked.code)).then(() => {
      const raw = (window.CODEBOOK_NDC || {})[picked.code];
      if (record !== picked || !raw) return;
      showNdc(raw);
      update();
    });
  }
  function setUpForRecord() {
    form.dataset.kind = record.kind;
    setUpNdc();
    const units = U.compatibleUnits(record.unit).map((u) => [u, u]);
    for (const select of form.querySelectorAll("select[data-units]")) {
      if (!units.some(([u]) => u === select.value)) select.value = "";
      fillSelect(select, units, record.unit);
    }
  }
  function updateVisibility() {
    const supply = record.kind === "oral" && form.querySelector("input[name=basis][value=supply]:checked");
    const mode = record.hasNdc && form.querySelector("input[name=mode][value=ndc]:checked") ? "ndc" : "dose";
    const faults = Boolean(ndcData && ndcData.packages.some((p) => p.fault));
    for (const node of form.querySelectorAll("[data-kinds], [data-basis], [data-mode], [data-ndc-only], [data-fault-only]")) {
      const kindOk = !node.dataset.kinds || node.dataset.kinds.split(" ").includes(record.kind);
      const basisOk = !node.dataset.basis || node.dataset.basis === (supply ? "supply" : "dose");
      const modeOk = (!node.dataset.mode || node.dataset.mode === mode) && (!("ndcOnly" in node.dataset) || record.hasNdc);
      node.hidden = !(kindOk && basisOk && modeOk && (!("faultOnly" in node.dataset) || faults));
    }
  }

  /* ---------- rounding rule and its source ---------- */
  function setUpRounding() {
    fillSelect($("calc-rounding"), U.ROUNDING_MODES.map((m) => [m.id, m.label]), U.DEFAULT_MODE);
  }
  function showRoundingHelp() {
    const mode = U.ROUNDING_MODES.find((m) => m.id === $("calc-rounding").value) || U.ROUNDING_MODES[0];
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

  /* ---------- result ---------- */
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
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of form.querySelectorAll(".field-error")) el.textContent = "";
  }
  function showErrors(errors) {
    const general = [];
    for (const error of errors) {
      const field = Array.from(form.querySelectorAll(`[data-field="${error.field}"]`)).find(visible);
      if (!field) { general.push(error.message); continue; }
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
    const lines = S.claimLines(record, result);
    showClaim(lines.map((l) => [l.code, l.modifiers, l.units, l.amount]), S.claimText(lines));
  }
  /** The claim table and its copyable text; a line's modifiers as the page declares them, or "none". */
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
  /** The money line; the crosswalk-quarter warning only when the units came from an NDC row. */
  function showMoney(units, jwUnits, fromNdc) {
    if (ndcData && ndcData.noMoney) return showMoneyItems([make("p", ndcData.noMoney, "calc-money-none")]);
    const money = ndcData && ndcData.money && N.ndcMoney(ndcData, units, jwUnits);
    if (!money || !money.line.ok) return;
    const { line, discarded } = money;
    const items = [make("p", `${line.label} (${line.quarter}).`, "calc-money-label"),
      make("p", `Payment limit for the line: ${line.text} — ${line.working}.`),
      make("p", `Coinsurance (${line.coinsurance.percent} %): ${line.coinsurance.text} — ${line.coinsurance.working}.`)];
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
    showClaim([[record.code, record.modifiers, result.units, `NDC ${result.ndc}`]], N.ndcClaim(record.code, result, record.modifiers));
    showMoney(result.units, "", true);
  }
  function calculateNdc(state) {
    const ndcState = { ndc: state.ndc, count: state.items, per: state.per, rounding: state.rounding, confirm: state.confirm };
    const result = N.ndcUnits(ndcData, ndcState, { amount: record.amount, unit: record.unit, upTo: record.upTo });
    if (!result.ok) return showErrors([{ field: result.field, message: result.message }]);
    showNdcResult(result);
  }
  function calculate(state) {
    clearErrors();
    const missing = S.missingInput(record, state);
    if (missing) return clearResult(missing);
    if (S.isNdcMode(record, state)) return calculateNdc(state);
    const result = S.calculate(record, state, today(), rules);
    if (!result.ok) return showErrors(result.errors);
    showResult(result, S.extraNotes(record, state, today()));
    const jwLine = result.lines.find((l) => l.modifier === "JW");
    showMoney(result.lines[0].units, jwLine ? jwLine.units : "", false);
  }

  /* ---------- shareable URL ---------- */
  function share(state) {
    const query = S.shareQuery(record, state, { bareCode: Boolean(picker) });
    const hash = picker ? "" : "#billing-units";
    out.share.hidden = !query;
    if (query) out.share.href = query + hash;
    const url = new URL(window.location.href);
    url.search = query;
    if (url.href === window.location.href) return;
    try { window.history.replaceState(window.history.state, "", url.href); } catch { /* the link still works */ }
  }

  function update() {
    updateVisibility();
    showRoundingHelp();
    const state = readState();
    calculate(state);
    share(state);
  }

  /* ---------- copy the claim line ---------- */
  function legacyCopy(text) {
    const area = make("textarea", undefined, "calc-offscreen");
    area.value = text;
    area.setAttribute("readonly", "");
    document.body.append(area);
    area.select();
    let copied = false;
    try { copied = document.execCommand("copy"); } catch { copied = false; }
    area.remove();
    out.copy.focus();
    return copied;
  }
  async function copyClaim() {
    const text = out.text.textContent;
    let copied = false;
    try { await navigator.clipboard.writeText(text); copied = true; } catch { copied = legacyCopy(text); }
    out.status.textContent = copied ? `Copied: ${text.replace(/\n/g, "; ")}`
      : "Could not copy automatically: select the claim line above and copy it (Ctrl+C, or ⌘C on a Mac).";
  }

  /* ---------- code picker (calculator.html): an ARIA 1.2 combobox with a listbox popup ---------- */
  function setUpPicker(codes, state) {
    const input = $("calc-code"), list = $("calc-code-options"), picked = $("calc-picked");
    const shards = new Set((picker.dataset.ndcShards || "").split(" ").filter(Boolean));
    let matches = [], active = -1;
    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    /** Codes whose crosswalk lists the typed NDC, as { record, ndc }; loads the index shards it needs. */
    function ndcMatches() {
      const typed = input.value;
      const needed = [...new Set(D.ndcLookupKeys(typed).map(D.shardOf))].filter((s) => shards.has(s));
      const missing = needed.filter((s) => !(window.CODEBOOK_NDC_INDEX || {})[s]);
      if (missing.length) {
        const urls = missing.map((s) => picker.dataset.ndcIndexUrl.replace("{shard}", s));
        Promise.all(urls.map(D.loadScript)).then(() => { if (input.value === typed && document.activeElement === input) open(); });
        return [];
      }
      return D.codesForNdc(window.CODEBOOK_NDC_INDEX, typed)
        .map(({ ndc, code }) => ({ record: S.exactCode(codes, code), ndc })).filter((m) => m.record);
    }
    function open() {
      const byNdc = ndcMatches();
      const byName = S.matchCodes(codes, input.value, 12).filter((r) => !byNdc.some((m) => m.record === r));
      matches = [...byNdc, ...byName.map((record) => ({ record, ndc: "" }))].slice(0, 12);
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
      Array.from(list.children).forEach((item, i) => item.setAttribute("aria-selected", String(i === active)));
      const item = list.children[active];
      input.setAttribute("aria-activedescendant", item.id);
      item.scrollIntoView({ block: "nearest" });
    }
    /** An NDC match opens NDC mode with the package filled in (typed in any form, kept as 5-4-2). */
    function chooseMatch(match) {
      if (match) choose(match.record, match.ndc ? { mode: "ndc", ndc: match.ndc } : undefined);
    }
    function choose(r, initial) {
      record = r;
      input.value = `${r.code} — ${r.descriptor}`;
      close();
      const link = make("a", `${r.code} page`);
      link.href = picker.dataset.codeUrl.replace("{code}", r.code);
      if (r.kind === "none") {
        form.hidden = true;
        picked.replaceChildren(`${r.why || `${r.code}: the descriptor names no amount, so there are no billing units to work out.`} See the `, link, ".");
        share({ code: r.code });
        return;
      }
      picked.replaceChildren(`Calculating for ${r.code}: one unit is ${r.upTo ? "up to " : ""}${r.amount} ${r.unit}. See the `, link, ".");
      setUpForRecord();
      if (initial) writeState(initial);
      form.hidden = false;
      update();
    }
    input.addEventListener("input", open);
    input.addEventListener("blur", close);
    input.addEventListener("keydown", (event) => {
      const keys = { ArrowDown: () => move(1), ArrowUp: () => move(-1), Escape: () => (list.hidden ? (input.value = "") : close()) };
      if (event.key === "Enter") {
        const exact = S.exactCode(codes, input.value);
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
      if (item) chooseMatch({ record: S.exactCode(codes, item.dataset.code), ndc: item.dataset.ndc });
    });
    picker.hidden = false;
    const first = state.code && S.exactCode(codes, state.code);
    if (first) choose(first, state);
  }

  /* ---------- start ---------- */
  const state = S.stateFromQuery(window.location.search);
  setUpRounding();
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", (event) => { event.preventDefault(); update(); });
  out.copy.addEventListener("click", copyClaim);
  if (picker) {
    const codes = (window.CODEBOOK_CALCULATOR || []).map(S.recordFromData);
    setUpPicker(codes, state);
  } else {
    setUpForRecord();
    if (!state.code || state.code === record.code) writeState(state);
    form.hidden = false;
    update();
  }
}
