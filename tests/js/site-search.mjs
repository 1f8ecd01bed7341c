// Query a built site's script index the way a page opened from disk does (used by tests/test_search.py).
// Usage: node tests/js/site-search.mjs SITE_DIR LIMIT QUERY [active] [guides]
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { createStore, searchScriptIndex } from "../../site_assets/js/search.mjs";

const [site, limit, query, ...flags] = process.argv.slice(2);
const loaded = [];
const window = { CodebookSearchParts: {} };
const context = vm.createContext({ window });

async function load(key, path) {
  const text = readFileSync(join(site, path), "utf8");
  loaded.push({ path, bytes: Buffer.byteLength(text) });
  vm.runInContext(text, context, { filename: path });
  return window.CodebookSearchParts[key];
}

const options = { limit: Number(limit), active: flags.includes("active"), guides: flags.includes("guides") };
const { results, total } = await searchScriptIndex(createStore(load), query, options);
console.log(JSON.stringify({ results, total, loaded }));
