// Tests for site_assets/js/not-found-address.mjs, what the 404 page reads from an address — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { codeFromAddress, parseRanges, placeOf, siteRoot } from "../../site_assets/js/not-found-address.mjs";

const FOLDERS = ["assets", "catalog", "categories", "codes", "families"];

test("the code in an address, in any case, as a file or a folder", () => {
  assert.equal(codeFromAddress("/kb/codes/J9035.html"), "J9035");
  assert.equal(codeFromAddress("/repo/codes/j9035/"), "J9035");
  assert.equal(codeFromAddress("/J9035"), "J9035");
  assert.equal(codeFromAddress("/kb/codes/%3Cscript%3Ej9035%22.html"), "J9035");
  assert.equal(codeFromAddress("/kb/about.html"), "");
  assert.equal(codeFromAddress("/kb/codes/J90351.html"), "", "five digits are not a HCPCS code");
  assert.equal(codeFromAddress("/kb/%E0%A4%A.html"), "", "a malformed escape is read as it is");
});

test("the site root: before the first site folder, else the address's own folder", () => {
  assert.equal(siteRoot("/kb/codes/J9035.html", FOLDERS), "/kb/");
  assert.equal(siteRoot("/codes/old/deeper/page.html", FOLDERS), "/");
  assert.equal(siteRoot("/repo/codes/j9035/", FOLDERS), "/repo/");
  assert.equal(siteRoot("/kb/J9999.html", FOLDERS), "/kb/");
  assert.equal(siteRoot("/J9999.html", FOLDERS), "/");
});

test("a code with a page goes to it; any other code in a range goes to its catalog row", () => {
  const ranges = parseRanges("J-7000:J7030:J7999 J-9000:J9000:J9999");
  assert.deepEqual(ranges[1], { slug: "J-9000", first: "J9000", last: "J9999" });
  const pages = new Set(["J9035"]);
  assert.deepEqual(placeOf("J9035", pages, ranges), { kind: "page" });
  assert.deepEqual(placeOf("J9036", pages, ranges), { kind: "row", range: ranges[1] });
  assert.deepEqual(placeOf("J8500", pages, ranges), { kind: "none" });
  assert.deepEqual(placeOf("", pages, ranges), { kind: "none" });
});
