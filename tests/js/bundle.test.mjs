// The committed classic scripts in site_assets/js/dist/ are exactly what esbuild makes of the modules
// now (edit a module and forget `make js`, and this fails), and each parses as a classic script.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import vm from "node:vm";
import { DIST, ENTRIES, bundleAll, staleFiles } from "../../site_assets/js/bundle.mjs";

const fresh = await bundleAll();

test("site_assets/js/dist/ equals a fresh esbuild run (run `make js` after editing a module)", () => {
  assert.deepEqual(staleFiles(fresh), []);
});

test("the freshness check notices a changed, missing or left-over bundle", () => {
  const committed = Object.fromEntries(Object.keys(ENTRIES).map((name) => [name, readFileSync(join(DIST, name), "utf8")]));
  assert.deepEqual(staleFiles(committed), []);
  const edited = { ...committed, "calculator.js": `${committed["calculator.js"]}// edited\n` };
  assert.deepEqual(staleFiles(edited), ["calculator.js"]);
  const { "search.js": _dropped, ...fewer } = committed;
  assert.deepEqual(staleFiles(fewer), ["search.js"]);
  assert.deepEqual(staleFiles({ ...committed, "extra.js": "" }), ["extra.js"]);
});

test("bundling is deterministic", async () => {
  assert.deepEqual(await bundleAll(), fresh);
});

for (const name of Object.keys(ENTRIES)) {
  test(`dist/${name} is a classic script (no import/export statements) that needs no globals of ours`, () => {
    const text = readFileSync(join(DIST, name), "utf8");
    assert.doesNotThrow(() => new vm.Script(text, { filename: name }));
    assert.ok(!/window\.Codebook(Units|CalculatorState|Search)\b/.test(text));
    assert.ok(!text.includes("innerHTML"), "results are written as text, never parsed as markup");
  });
}
