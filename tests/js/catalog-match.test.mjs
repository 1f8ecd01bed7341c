// Tests for site_assets/js/catalog-match.mjs, the catalog filter's matching — run: node --test tests/js/
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseQuery, rangeMatches, rowMatches } from "../../site_assets/js/catalog-match.mjs";

const J9035 = { code: "J9035", text: "J9035 Injection, bevacizumab, 10 mg Active", terminated: false };
const J9000 = { code: "J9000", text: "J9000 Injection, doxorubicin hydrochloride, 10 mg Active", terminated: false };
const OLD = { code: "J9031", text: "J9031 Bcg live (intravesical), per instillation Terminated", terminated: true };

test("a code in any case, with a space, dash or dot inside, is a code query", () => {
  for (const typed of ["J9035", "j9035", "j 9035", "J-9035", " j.9035 "]) assert.equal(parseQuery(typed).code, "J9035", typed);
  assert.equal(parseQuery("J90").code, "J90");
  assert.equal(parseQuery("bevacizumab").code, "");
  assert.equal(parseQuery("j9035x").code, "");
});

test("a code query keeps the rows whose code starts with it", () => {
  const rows = [J9035, J9000, OLD];
  assert.deepEqual(rows.filter((r) => rowMatches(r, parseQuery("j 9035"), "")).map((r) => r.code), ["J9035"]);
  assert.deepEqual(rows.filter((r) => rowMatches(r, parseQuery("J903"), "")).map((r) => r.code), ["J9035", "J9031"]);
});

test("every word must appear in the row, in any order and case", () => {
  assert.ok(rowMatches(J9035, parseQuery("BEVACIZUMAB injection"), ""));
  assert.ok(!rowMatches(J9035, parseQuery("bevacizumab doxorubicin"), ""));
  assert.ok(rowMatches(J9035, parseQuery(""), ""), "an empty query keeps every row");
});

test("the status choice keeps only active or only terminated rows", () => {
  assert.ok(rowMatches(OLD, parseQuery(""), "terminated"));
  assert.ok(!rowMatches(OLD, parseQuery(""), "active"));
  assert.ok(!rowMatches(J9035, parseQuery("J9035"), "terminated"));
});

test("a range matches a code or code prefix inside it, and nothing else", () => {
  const range = { first: "J9000", last: "J9999" };
  assert.ok(rangeMatches(range, parseQuery("j9035"), ""));
  assert.ok(rangeMatches(range, parseQuery("J"), ""));
  assert.ok(rangeMatches({ first: "J7030", last: "J7999" }, parseQuery("J75")));
  assert.ok(!rangeMatches(range, parseQuery("J8499")));
  assert.ok(!rangeMatches(range, parseQuery("A9035")));
  assert.ok(rangeMatches(range, parseQuery("")), "an empty query keeps every range");
});

test("a status keeps the ranges holding at least one code of that status", () => {
  const none = { first: "A0021", last: "A0999", active: 41, terminated: 0 };
  assert.ok(rangeMatches(none, parseQuery(""), "active"));
  assert.ok(!rangeMatches(none, parseQuery(""), "terminated"));
  assert.ok(!rangeMatches(none, parseQuery("A0021"), "terminated"));
  assert.ok(rangeMatches({ ...none, terminated: 2 }, parseQuery("A00"), "terminated"));
});
