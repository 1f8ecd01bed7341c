// Bundle each browser entry point (ES modules) into one classic script under site_assets/js/dist/,
// which the Python build copies to assets/. Browsers refuse module scripts from file://, so what ships
// is an IIFE; the sources stay real modules that import each other and are tested by node --test.
//   node site_assets/js/bundle.mjs          rewrite dist/ (`make js`)
//   node site_assets/js/bundle.mjs --check  exit 1 and name the stale files if dist/ is not fresh
// The output is deterministic (esbuild's own, paths relative to the repository), so the committed
// bundles can be compared with a fresh run (tests/js/bundle.test.mjs).
import { readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { join, relative } from "node:path";
import { build } from "esbuild";

export const REPO = fileURLToPath(new URL("../..", import.meta.url));
export const DIST = fileURLToPath(new URL("./dist/", import.meta.url));
/** Output file (assets/NAME) -> its entry module. */
export const ENTRIES = Object.freeze({
  "calculator.js": "calculator-ui.mjs",
  "catalog-filter.js": "catalog-filter.mjs",
  "not-found.js": "not-found.mjs",
  "page.js": "page.mjs",
  "search.js": "search-ui.mjs",
});

/** Bundles minified (esbuild's minify: deterministic, the modules stay the readable source):
 * search.js carries MiniSearch, and a code page with its scripts must stay under 60 kB sent
 * (tests/test_page_weight.py), the results page with a query's index parts under 300 kB. */
export const MINIFIED = new Set(["search.js"]);
/** Output file -> the npm packages bundled into it, whose licence (site_assets/js/licenses/) heads it. */
export const BUNDLED_PACKAGES = Object.freeze({ "search.js": ["minisearch"] });

function banner(name, entry) {
  const notices = (BUNDLED_PACKAGES[name] || []).map((pkg) => {
    const { version } = JSON.parse(readFileSync(join(REPO, "node_modules", pkg, "package.json"), "utf8"));
    const licence = readFileSync(fileURLToPath(new URL(`./licenses/${pkg}-LICENSE.txt`, import.meta.url)), "utf8");
    return `\n/* Bundles ${pkg} ${version} (npm), under this licence:\n\n${licence.trim().replaceAll("*/", "* /")}\n*/`;
  });
  return `/* Generated from site_assets/js/${entry} by site_assets/js/bundle.mjs: edit the modules, then run \`make js\`. */${notices.join("")}`;
}

/** name -> bundled text, built in memory. */
export async function bundleAll() {
  const bundles = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const result = await build({
      entryPoints: [join(relative(REPO, fileURLToPath(new URL(".", import.meta.url))), entry)],
      absWorkingDir: REPO,
      bundle: true,
      format: "iife",
      platform: "browser",
      target: "es2022",
      charset: "utf8",
      legalComments: "none",
      banner: { js: banner(name, entry) },
      minify: MINIFIED.has(name),
      write: false,
      logLevel: "error",
    });
    bundles[name] = result.outputFiles[0].text;
  }
  return bundles;
}

/** Files of dist/ that differ from a fresh bundle (missing, changed or left over). */
export function staleFiles(bundles) {
  const present = new Set(readdirSync(DIST).filter((f) => !f.startsWith(".")));
  const stale = Object.keys(bundles).filter((name) => !present.has(name) || readFileSync(join(DIST, name), "utf8") !== bundles[name]);
  return [...stale, ...[...present].filter((name) => !(name in bundles))].sort();
}

async function main(args) {
  const bundles = await bundleAll();
  if (args.includes("--check")) {
    const stale = staleFiles(bundles);
    if (stale.length) {
      console.error(`site_assets/js/dist/ is out of date (${stale.join(", ")}) — run \`make js\` and commit the result.`);
      process.exitCode = 1;
    }
    return;
  }
  mkdirSync(DIST, { recursive: true });
  for (const name of readdirSync(DIST)) if (!(name in bundles)) rmSync(join(DIST, name));
  for (const [name, text] of Object.entries(bundles)) writeFileSync(join(DIST, name), text);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main(process.argv.slice(2));
