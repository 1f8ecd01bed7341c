// Query a built site's script index the way a page opened from disk does (used by tests/test_search.py).
// Usage: node tests/js/site-search.mjs SITE_DIR < [{"query": "...", "limit": 10, "active": false,
// "guides": false, "codesOnly": false}, ...]; prints one {results, total, loaded} per query
// (results reduced to their codes when codesOnly). Index parts are loaded once, as in a browser tab;
// `loaded` lists the parts one query needs when it runs first in a fresh tab.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { createStore, searchScriptIndex } from "../../site_assets/js/search.mjs";

const site = process.argv[2];
const queries = JSON.parse(readFileSync(0, "utf8"));
const window = { CodebookSearchParts: {} };
const context = vm.createContext({ window });
const sizes = new Map();
let used;

function load(key, path) {
  if (!sizes.has(path)) {
    const text = readFileSync(join(site, path), "utf8");
    sizes.set(path, Buffer.byteLength(text));
    vm.runInContext(text, context, { filename: path });
  }
  return Promise.resolve(window.CodebookSearchParts[key]);
}

const answers = [];
for (const { query, codesOnly, ...options } of queries) {
  used = [];
  // A fresh store per query records every part the query needs (each file is still parsed once).
  const store = createStore((key, path) => {
    used.push({ path, bytes: sizes.get(path) ?? readFileSync(join(site, path)).length });
    return load(key, path);
  });
  const { results, total } = await searchScriptIndex(store, query, options);
  answers.push({ results: codesOnly ? results.map((r) => r.code) : results, total, loaded: used });
}
console.log(JSON.stringify(answers));
