/* Generated from site_assets/js/search-ui.mjs by site_assets/js/bundle.mjs: edit the modules, then run `make js`. */
(() => {
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

  // site_assets/js/search.mjs
  var TITLE = 1;
  var ALIAS = 2;
  var DESCRIPTOR = 4;
  var OTHER = 8;
  var FIELD_WEIGHTS = [[ALIAS, 10], [TITLE, 8], [DESCRIPTOR, 6], [OTHER, 2]];
  var PREFIX_FACTOR = 0.75;
  var GUIDE_BONUS = 0.5;
  var LENGTH_BONUS = 0.4;
  var POPULARITY_BONUS = 0.3;
  var MAX_CODE_RESULTS = 200;
  var MANIFEST = { key: "index", path: "search-index.js" };
  var BASE32 = "0123456789abcdefghijklmnopqrstuv";
  var FULL_CODE = /^[a-z][0-9]{4}$/;
  var CODE_PREFIX = /^[a-z][0-9]{0,4}$/;
  var SPELLED_CODE = /(^|\s)([a-z])[\s.-]+([0-9]{4})(?![0-9])/gi;
  var NDC_LIKE = /^[0-9][0-9 -]{8,12}[0-9]$/;
  var MODIFIER_WORDS = /* @__PURE__ */ new Set(["modifier", "modifiers", "mod"]);
  function words(text) {
    return String(text).toLowerCase().normalize("NFKD").replace(/\p{M}/gu, "").match(/[a-z0-9]+/g) || [];
  }
  function parseQuery(query) {
    const typed = String(query || "").trim();
    if (NDC_LIKE.test(typed) && [10, 11].includes(typed.replace(/[^0-9]/g, "").length)) {
      return { text: typed, codes: [], prefix: "", terms: [], marks: [], ndc: typed };
    }
    const text = typed.replace(SPELLED_CODE, "$1$2$3");
    const tokens = words(text);
    const codes = tokens.filter((t) => FULL_CODE.test(t)).map((t) => t.toUpperCase());
    const prefix = tokens.length === 1 && CODE_PREFIX.test(tokens[0]) ? tokens[0].toUpperCase() : "";
    const terms = prefix ? [] : tokens.filter((t) => t.length > 1 && !FULL_CODE.test(t));
    const marks = [...new Set([...terms, ...codes, prefix].filter(Boolean).map((m) => m.toLowerCase()))];
    return { text, codes, prefix, terms, marks, modifier: modifierOf(tokens) };
  }
  function modifierOf(tokens) {
    const named = tokens.some((t) => MODIFIER_WORDS.has(t));
    const rest = tokens.filter((t) => !MODIFIER_WORDS.has(t));
    if (rest.length !== 1 || rest[0].length !== 2) return "";
    return named || /[a-z]/.test(rest[0]) ? rest[0].toUpperCase() : "";
  }
  function exactPath(parsed, found) {
    const first = found && found.results[0];
    if (!first) return null;
    if (parsed.ndc || parsed.codes.length === 1 && !parsed.terms.length && first.code === parsed.codes[0]) {
      return first.path;
    }
    return null;
  }
  function isExactQuery(parsed) {
    return Boolean(parsed.ndc) || parsed.codes.length === 1 && !parsed.terms.length;
  }
  function isEmptyQuery(parsed) {
    return !parsed.prefix && !parsed.codes.length && !parsed.terms.length && !parsed.ndc;
  }
  function createStore(load) {
    const parts = /* @__PURE__ */ new Map();
    const part = (key, fetchPart) => {
      if (!parts.has(key)) parts.set(key, fetchPart());
      return parts.get(key);
    };
    return {
      manifest: () => part("manifest", () => load(MANIFEST.key, MANIFEST.path).then(prepareManifest)),
      docs: (n) => part(`d${n}`, () => load(`d${n}`, `search/d${n}.js`)),
      words: (n) => part(`t${n}`, () => load(`t${n}`, `search/t${n}.js`)),
      ndcs: (first) => part(`n${first}`, () => load(`n${first}`, `search/n${first}.js`))
    };
  }
  async function ndcMatches(store, typed) {
    const manifest = await store.manifest();
    const digits = typed.replace(/[^0-9]/g, "");
    const readings = digits.length === 10 && /^[0-9]+$/.test(typed) ? tenDigitCandidates(digits) : [normalizeNdc(typed)];
    const known = /* @__PURE__ */ new Map();
    for (const reading of readings.filter(Boolean)) {
      const eleven = reading.replace(/-/g, "");
      if (!(manifest.ndc || []).includes(eleven.slice(0, manifest.ndcDigits))) continue;
      const table = await store.ndcs(eleven.slice(0, manifest.ndcDigits));
      if (eleven in table) known.set(dashed(eleven), table[eleven]);
    }
    const ndc = normalizeNdc(typed, new Set(known.keys()));
    if (!known.has(ndc)) return [];
    const number = known.get(ndc);
    return loadRows(store, manifest, [[number, { mask: 0 }]]);
  }
  function lastAtMost(sorted, value) {
    let low = 0;
    let high = sorted.length - 1;
    while (low < high) {
      const middle = low + high + 1 >> 1;
      if (sorted[middle] <= value) low = middle;
      else high = middle - 1;
    }
    return low;
  }
  function decodePostings(encoded) {
    const out = [];
    let number = 0;
    let gap = 0;
    for (const ch of encoded) {
      const digit = BASE32.indexOf(ch);
      if (digit >= 0) gap = gap * 32 + digit;
      else {
        number += gap;
        gap = 0;
        out.push([number, ch.charCodeAt(0) - 65]);
      }
    }
    return out;
  }
  function fieldWeight(mask) {
    for (const [field, weight] of FIELD_WEIGHTS) if (mask & field) return weight;
    return 0;
  }
  function prepareManifest(raw) {
    return { ...raw, guide: decodeBitset(raw.guide), terminated: decodeBitset(raw.terminated), drug: decodeBitset(raw.drug) };
  }
  function decodeBitset(encoded) {
    const binary = atob(encoded || "");
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  function hasBit(bytes, number) {
    return (bytes[number >> 3] || 0) >> (number & 7) & 1;
  }
  function titleWords(manifest, number) {
    return Math.max(1, BASE32.indexOf((manifest.lengths || "")[number]));
  }
  function popularity(manifest, number) {
    return POPULARITY_BONUS * Math.max(0, BASE32.indexOf((manifest.ndcCounts || "")[number])) / 31;
  }
  function passesFilters(manifest, number, options) {
    if (options.active && hasBit(manifest.terminated, number)) return false;
    if (options.guides && !hasBit(manifest.guide, number)) return false;
    return true;
  }
  async function codeMatches(store, prefix, options = {}) {
    const manifest = await store.manifest();
    const limit = options.codeLimit || MAX_CODE_RESULTS;
    const found = [];
    for (let shard = lastAtMost(manifest.docs, prefix); shard < manifest.docs.length; shard++) {
      if (manifest.docs[shard] > prefix && !manifest.docs[shard].startsWith(prefix)) break;
      const rows = await store.docs(shard);
      for (let i = 0; i < rows.length && found.length < limit; i++) {
        const number = shard * manifest.docSize + i;
        if (rows[i][0].startsWith(prefix) && passesFilters(manifest, number, options)) {
          found.push({ number, row: rows[i], mask: 0 });
        }
      }
      if (found.length >= limit) break;
    }
    return found;
  }
  async function wordMatches(store, terms, options = {}) {
    const manifest = await store.manifest();
    let combined = null;
    for (const term of terms) {
      const table = await store.words(lastAtMost(manifest.words, term.slice(0, 2)));
      const best = /* @__PURE__ */ new Map();
      for (const [word, encoded] of Object.entries(table)) {
        if (!word.startsWith(term)) continue;
        const factor = word === term ? 1 : PREFIX_FACTOR;
        for (const [number, mask] of decodePostings(encoded)) {
          const score = fieldWeight(mask) * factor;
          const seen = best.get(number);
          if (!seen) best.set(number, { score, mask });
          else best.set(number, { score: Math.max(seen.score, score), mask: seen.mask | mask });
        }
      }
      combined = combined === null ? best : intersect(combined, best);
    }
    const scores = combined || /* @__PURE__ */ new Map();
    for (const [number, hit] of scores) {
      if (!passesFilters(manifest, number, options)) scores.delete(number);
      else hit.score += hasBit(manifest.guide, number) * GUIDE_BONUS + LENGTH_BONUS / titleWords(manifest, number) + popularity(manifest, number);
    }
    return scores;
  }
  function intersect(left, right) {
    const out = /* @__PURE__ */ new Map();
    for (const [number, hit] of left) {
      const other = right.get(number);
      if (other) out.set(number, { score: hit.score + other.score, mask: hit.mask | other.mask });
    }
    return out;
  }
  function rankNumbers(scores) {
    return [...scores.entries()].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
  }
  async function loadRows(store, manifest, ranked) {
    return Promise.all(
      ranked.map(async ([number, hit]) => {
        const rows = await store.docs(Math.floor(number / manifest.docSize));
        return { number, row: rows[number % manifest.docSize], mask: hit.mask };
      })
    );
  }
  async function searchScriptIndex(store, query, options = {}) {
    const parsed = typeof query === "string" ? parseQuery(query) : query;
    const limit = options.limit || 10;
    if (isEmptyQuery(parsed)) return { results: [], total: 0 };
    const manifest = await store.manifest();
    const modifier = parsed.modifier && (manifest.modifiers || {})[parsed.modifier];
    if (modifier) {
      const [path, title, status] = modifier;
      const result = { path, code: parsed.modifier, title, aliases: [], snippet: "Modifier glossary", guide: true };
      return { results: [makeResult({ ...result, terminated: status === "terminated" }, parsed)], total: 1, exact: true };
    }
    if (parsed.ndc) {
      const found = await ndcMatches(store, parsed.ndc);
      return { results: found.map((hit) => scriptResult(manifest, hit, parsed)), total: found.length };
    }
    if (parsed.prefix) {
      const found = await codeMatches(store, parsed.prefix, options);
      return { results: found.slice(0, limit).map((hit) => scriptResult(manifest, hit, parsed)), total: found.length };
    }
    const exact = [];
    for (const code of parsed.codes) exact.push(...await codeMatches(store, code, { ...options, codeLimit: 1 }));
    let ranked = [];
    if (parsed.terms.length) {
      const skip = new Set(exact.map((hit) => hit.number));
      ranked = rankNumbers(await wordMatches(store, parsed.terms, options)).filter(([n]) => !skip.has(n));
    }
    const shown = await loadRows(store, manifest, ranked.slice(0, Math.max(0, limit - exact.length)));
    const results = orderByTier([...exact, ...shown].map((hit) => scriptResult(manifest, hit, parsed)), parsed);
    return { results, total: exact.length + ranked.length };
  }
  function scriptResult(manifest, { number, row, mask }, parsed) {
    const [code, path, title, subtitle, aliases, headingNumbers] = row;
    const guide = Boolean(hasBit(manifest.guide, number));
    const headings = headingNumbers.map((h) => manifest.headings[h]);
    const snippet = snippetText({ subtitle, aliases, headings, mask, marks: parsed.marks });
    const terminated = Boolean(hasBit(manifest.terminated, number));
    const drug = Boolean(hasBit(manifest.drug || new Uint8Array(), number));
    return makeResult({ path, code, title, aliases, snippet, guide, terminated, drug }, parsed);
  }
  function snippetText({ subtitle, aliases, headings, mask, marks }) {
    if (mask & ALIAS && aliases.length) return `Also known as ${aliases.join(", ")}`;
    if (mask & OTHER && !(mask & (TITLE | DESCRIPTOR))) {
      const heading = headings.find((h) => words(h).some((w) => marks.some((m) => w.startsWith(m))));
      if (heading) return `Section: ${heading}`;
    }
    return subtitle || "";
  }
  function makeResult({ path, code, title, aliases, snippet, guide, terminated, drug = false }, parsed) {
    return {
      path,
      code,
      title,
      aliases,
      guide,
      terminated,
      drug,
      codeMarks: highlight(code, parsed.marks),
      titleMarks: highlight(title, parsed.marks),
      snippet: Array.isArray(snippet) ? snippet : highlight(snippet, parsed.marks)
    };
  }
  function highlight(text, marks) {
    const source = String(text || "");
    const segments = [];
    let last = 0;
    if (marks.length) {
      for (const match of source.matchAll(/[\p{L}\p{N}]+/gu)) {
        const word = words(match[0]).join("");
        if (!marks.some((m) => word.startsWith(m))) continue;
        if (match.index > last) segments.push({ text: source.slice(last, match.index), mark: false });
        segments.push({ text: match[0], mark: true });
        last = match.index + match[0].length;
      }
    }
    if (last < source.length) segments.push({ text: source.slice(last), mark: false });
    return segments;
  }
  function matchTier(parsed, { code, title, aliases = [] }) {
    if (parsed.codes.includes(code)) return 3;
    const typed = parsed.terms.join(" ");
    const names = [title, ...aliases].map((name) => words(name));
    if (typed && names.some((w) => w.join(" ") === typed)) return 2;
    const nameWords = names.flat();
    if (parsed.terms.length && parsed.terms.every((t) => nameWords.some((w) => w.startsWith(t)))) return 1;
    return 0;
  }
  function orderByTier(results, parsed) {
    const tiers = results.map((r) => matchTier(parsed, r));
    return results.map((r, i) => [r, tiers[i], i]).sort((a, b) => b[1] - a[1] || a[2] - b[2]).map(([r]) => r);
  }
  function splitMarked(excerpt) {
    const entities = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", "#x27": "'", nbsp: " " };
    const decode = (s) => s.replace(/&(amp|lt|gt|quot|#39|#x27|nbsp);/g, (_, name) => entities[name]);
    const segments = [];
    const parts = String(excerpt || "").split(/(<mark>|<\/mark>)/);
    let mark = false;
    for (const part of parts) {
      if (part === "<mark>") mark = true;
      else if (part === "</mark>") mark = false;
      else if (part) segments.push({ text: decode(part.replace(/<[^>]*>/g, "")), mark });
    }
    return segments;
  }
  function pagefindSnippet(data) {
    let best = null;
    for (const sub of data.sub_results || []) {
      const hits = (sub.locations || []).length;
      if (String(sub.url).includes("#") && hits && (!best || hits > best.locations.length)) best = sub;
    }
    if (!best) return splitMarked(data.excerpt);
    return [{ text: `${best.title}: `, mark: false }, ...splitMarked(best.excerpt)];
  }
  function pagefindPath(url) {
    return String(url).replace(/^\/+/, "");
  }
  function pagefindFilters(options) {
    const filters = {};
    if (options.active) filters.status = "active";
    if (options.guides) filters.kind = "guide";
    return filters;
  }
  function pagefindResult(data, parsed) {
    const meta = data.meta || {};
    const filters = data.filters || {};
    return makeResult(
      {
        path: pagefindPath(data.url),
        code: meta.code || "",
        title: meta.title || "",
        aliases: meta.aliases ? meta.aliases.split(", ") : [],
        snippet: pagefindSnippet(data),
        guide: (filters.kind || []).includes("guide"),
        terminated: (filters.status || []).includes("terminated")
      },
      parsed
    );
  }
  async function searchPagefind(pagefind, store, query, options = {}) {
    const parsed = parseQuery(query);
    const limit = options.limit || 10;
    if (isEmptyQuery(parsed)) return { results: [], total: 0 };
    const structured = await searchScriptIndex(store, parsed, options);
    if (structured.exact || parsed.ndc || parsed.prefix && !parsed.codes.length) return structured;
    if (structured.results.length >= limit) return structured;
    const search = await pagefind.search(parsed.text, { filters: pagefindFilters(options) });
    if (!search) return null;
    const seen = new Set(structured.results.map((r) => r.path));
    const hits = search.results.slice(0, limit - structured.results.length);
    const loaded = (await Promise.all(hits.map((hit) => hit.data()))).map((d) => pagefindResult(d, parsed));
    const fresh = loaded.filter((r) => !seen.has(r.path)).map((r) => ({ ...r, fullText: true }));
    const results = [...structured.results, ...fresh].slice(0, limit);
    return { results, total: structured.total + search.results.length - (loaded.length - fresh.length) };
  }

  // site_assets/js/search-ui.mjs
  var input = document.getElementById("search-q");
  if (input && input.form) startSearch(input, input.form);
  function startSearch(input2, form) {
    var root = input2.getAttribute("data-root") || "";
    var resultsPage = form.getAttribute("action");
    var page = document.getElementById("search-page");
    var DROPDOWN_LIMIT = 6;
    var PAGE_STEP = 8;
    var parts = window.CodebookSearchParts = window.CodebookSearchParts || {};
    function loadPart(key, path) {
      if (parts[key]) return Promise.resolve(parts[key]);
      return new Promise(function(resolve, reject) {
        var script = document.createElement("script");
        script.src = root + path;
        script.onload = function() {
          if (parts[key]) resolve(parts[key]);
          else reject(new Error("search index part " + path + " is empty"));
        };
        script.onerror = function() {
          reject(new Error("search index part " + path + " could not be loaded"));
        };
        document.head.appendChild(script);
      });
    }
    var store = createStore(loadPart);
    var engine = null;
    function scriptEngine(query, options) {
      return searchScriptIndex(store, query, options);
    }
    function pickEngine() {
      if (!/^https?:$/.test(location.protocol)) return Promise.resolve(scriptEngine);
      var url = new URL(root + "pagefind/pagefind.js", document.baseURI).href;
      return import(url).then(function(pagefind) {
        return pagefind.options({ baseUrl: "/", excerptLength: 16, noWorker: true }).then(function() {
          return mergeParts(pagefind);
        }).then(function() {
          return function(query, options) {
            return searchPagefind(pagefind, store, query, options);
          };
        });
      }).catch(function() {
        return scriptEngine;
      });
    }
    function mergeParts(pagefind) {
      return fetch(new URL(root + "pagefind/parts.json", document.baseURI).href).then(function(response) {
        return response.ok ? response.json() : [];
      }).then(function(folders) {
        return Promise.all(
          folders.map(function(folder) {
            var url = new URL(root + "pagefind/" + folder, document.baseURI).href;
            return pagefind.mergeIndex(url, { baseUrl: "/", excerptLength: 16 });
          })
        );
      });
    }
    var sequence = 0;
    function run(query, options, show) {
      var mine = ++sequence;
      engine = engine || pickEngine();
      return engine.then(function(search) {
        return search(query, options);
      }).then(function(found) {
        if (found && mine === sequence) show(found);
      }).catch(function(error) {
        if (mine === sequence) show({ results: [], total: 0, error });
      });
    }
    function segmentsInto(parent, segments) {
      segments.forEach(function(segment) {
        var node = segment.mark ? document.createElement("mark") : document.createTextNode(segment.text);
        if (segment.mark) node.textContent = segment.text;
        parent.appendChild(node);
      });
    }
    function span(className, segments) {
      var element = document.createElement("span");
      element.className = className;
      if (typeof segments === "string") element.textContent = segments;
      else segmentsInto(element, segments);
      return element;
    }
    function resultItem(result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = root + result.path;
      link.className = "search-result";
      var heading = span("result-heading", "");
      heading.appendChild(span("code", result.codeMarks));
      heading.appendChild(document.createTextNode(" "));
      heading.appendChild(span("result-title", result.titleMarks));
      if (result.terminated) heading.append(" ", span("badge", "terminated"));
      if (!result.guide && !result.drug) heading.append(" ", span("badge badge-catalog", "catalog"));
      link.appendChild(heading);
      if (result.snippet.length) link.appendChild(span("result-snippet", result.snippet));
      item.appendChild(link);
      if (result.fullText) item.className = "search-fulltext";
      return item;
    }
    function resultItems(results) {
      var items = [];
      results.forEach(function(result, i) {
        if (result.fullText && !(results[i - 1] && results[i - 1].fullText)) {
          var label = document.createElement("li");
          label.className = "search-group";
          label.setAttribute("role", "presentation");
          label.textContent = "Also mentioned in the text";
          items.push(label);
        }
        items.push(resultItem(result));
      });
      return items;
    }
    function statusText(found, query) {
      if (found.error) return "Search is not available: " + found.error.message;
      if (!found.total) return "No codes match “" + query + "”.";
      var shown = found.results.length;
      var count = found.total === 1 ? "1 result" : found.total + " results";
      return count + " for “" + query + "”" + (shown < found.total ? ", showing " + shown + "." : ".");
    }
    var popup = document.createElement("div");
    popup.className = "search-popup";
    popup.id = "search-popup";
    popup.hidden = true;
    var popupList = document.createElement("ol");
    popupList.className = "search-results";
    var popupFoot = document.createElement("p");
    popupFoot.className = "search-popup-foot";
    popupFoot.setAttribute("role", "status");
    popup.appendChild(popupList);
    popup.appendChild(popupFoot);
    form.appendChild(popup);
    input2.setAttribute("role", "combobox");
    input2.setAttribute("aria-autocomplete", "list");
    input2.setAttribute("aria-controls", popup.id);
    input2.setAttribute("aria-expanded", "false");
    function setOpen(open) {
      popup.hidden = !open;
      input2.setAttribute("aria-expanded", String(open));
    }
    function showPopup(query, found) {
      popupList.replaceChildren.apply(popupList, resultItems(found.results));
      var all = document.createElement("a");
      all.href = resultsPage + "?q=" + encodeURIComponent(query);
      all.textContent = found.total > found.results.length ? "All " + found.total + " results" : "Open as a page";
      popupFoot.replaceChildren(document.createTextNode(statusText(found, query) + " "), all);
      setOpen(true);
    }
    form.addEventListener("submit", function(event) {
      var query = input2.value.trim();
      if (!isExactQuery(parseQuery(query))) return;
      event.preventDefault();
      event.stopImmediatePropagation();
      run(query, { limit: 1 }, function(found) {
        var path = exactPath(parseQuery(query), found);
        if (path) location.href = root + path;
        else if (page) searchPage();
        else form.submit();
      });
    });
    var pageLimit = PAGE_STEP;
    function filterBox(name) {
      return page && page.querySelector('input[name="' + name + '"]');
    }
    function pageOptions() {
      return { limit: pageLimit, active: filterBox("active").checked, guides: filterBox("guides").checked };
    }
    function showPage(query, found) {
      document.getElementById("search-status").textContent = query ? statusText(found, query) : "";
      var list = document.getElementById("search-page-results");
      list.replaceChildren.apply(list, resultItems(found.results));
      document.getElementById("search-more").hidden = found.results.length >= found.total;
    }
    function searchPage() {
      var query = input2.value.trim();
      var params2 = new URLSearchParams();
      if (query) params2.set("q", query);
      ["active", "guides"].forEach(function(name) {
        if (filterBox(name).checked) params2.set(name, "1");
      });
      try {
        history.replaceState(null, "", "?" + params2.toString());
      } catch (error) {
      }
      run(query, pageOptions(), function(found) {
        showPage(query, found);
      });
    }
    var timer = 0;
    input2.addEventListener("input", function() {
      clearTimeout(timer);
      timer = setTimeout(function() {
        pageLimit = PAGE_STEP;
        if (page) return searchPage();
        var query = input2.value.trim();
        if (!query) return setOpen(false);
        run(query, { limit: DROPDOWN_LIMIT }, function(found) {
          showPopup(query, found);
        });
      }, 120);
    });
    function typingIn(target) {
      return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    }
    document.addEventListener("keydown", function(event) {
      if (event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !typingIn(event.target)) {
        event.preventDefault();
        input2.focus();
        input2.select();
      }
    });
    form.addEventListener("keydown", function(event) {
      var links = Array.prototype.slice.call(popup.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        setOpen(false);
        input2.focus();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && !popup.hidden && links.length) {
        event.preventDefault();
        var next = event.key === "ArrowDown" ? at + 1 : at - 1;
        if (next < 0) input2.focus();
        else links[Math.min(next, links.length - 1)].focus();
      }
    });
    form.addEventListener("focusout", function(event) {
      if (!form.contains(event.relatedTarget)) setOpen(false);
    });
    if (page) {
      var params = new URLSearchParams(location.search);
      input2.value = params.get("q") || "";
      ["active", "guides"].forEach(function(name) {
        filterBox(name).checked = params.get(name) === "1";
        filterBox(name).addEventListener("change", function() {
          pageLimit = PAGE_STEP;
          searchPage();
        });
      });
      document.getElementById("search-more").addEventListener("click", function() {
        pageLimit += PAGE_STEP;
        searchPage();
      });
      form.addEventListener("submit", function(event) {
        event.preventDefault();
        searchPage();
      });
      if (input2.value) searchPage();
    }
  }
})();
