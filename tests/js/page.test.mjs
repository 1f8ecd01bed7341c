// The reading aids' pure parts: which section the contents list marks, and what a printout carries.
import { test } from "node:test";
import assert from "node:assert/strict";
import { pickCurrent, readingBand } from "../../site_assets/js/toc.mjs";
import { holdsCalculation, printDate } from "../../site_assets/js/print-meta.mjs";

const ORDER = ["billing-units", "definition", "clinical-context", "sources"];

test("the first section in page order inside the band is the one being read", () => {
  assert.equal(pickCurrent(ORDER, new Set(["sources", "definition"]), ""), "definition");
  assert.equal(pickCurrent(ORDER, new Set(["clinical-context"]), "definition"), "clinical-context");
});

test("between sections the mark stays where it was", () => {
  assert.equal(pickCurrent(ORDER, new Set(), "definition"), "definition");
  assert.equal(pickCurrent(ORDER, new Set(), ""), "");
});

test("the band starts below the sticky header", () => {
  assert.equal(readingBand(64.4), "-64px 0px -55% 0px");
});

test("a calculation is any calculator input in the address, not the code alone", () => {
  assert.equal(holdsCalculation("?dose=2.5&unit=mg"), true);
  assert.equal(holdsCalculation("?code=J7507&ndc=00469061773"), true);
  assert.equal(holdsCalculation("?code=J7507"), false);
  assert.equal(holdsCalculation("?dose="), false);
  assert.equal(holdsCalculation(""), false);
});

test("the print date is the reader's calendar date", () => {
  assert.equal(printDate(new Date(2026, 0, 5, 23, 59)), "2026-01-05");
});
