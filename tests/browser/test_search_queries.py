"""The biller query set (tests/search_queries.json) typed into the header Search box in Chromium, from
disk (file://, the script index) and over http under a sub-path (/kb/, Pagefind below the structured
hits): each mode must put ≥ 95 % of the queries' answers within their rank, and the two modes must
show the same top three for ≥ 95 % of the queries. The table (query, expected, rank from disk, rank
over http) is printed; run with -s to see it when the test passes.

One page per mode is reused: the box is emptied, the query typed, and the drop-down read when its
status line names this query. The two pages are driven in step (run_both), so their waits overlap.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from ..search_queries import Query, load_queries

pytestmark = pytest.mark.browser

QUERIES = load_queries()
HIT_RATE = 0.95
AGREEMENT = 0.95
TOP = 3
STRUCTURED = "li:not(.search-fulltext) > .search-result"


@dataclass(frozen=True)
class Answer:
    """What the drop-down showed for a query: each result's code and link, in order, and the codes
    of the structured hits (all but Pagefind's full-text group, shown over http only)."""

    codes: tuple[str, ...]
    hrefs: tuple[str, ...]
    structured: tuple[str, ...]

    def position(self, expected: str) -> int | None:
        """1-based rank of a code, or of a modifier's glossary entry ('modifier:XX'); None if absent."""
        if expected.startswith("modifier:"):
            anchor = f"modifiers.html#{expected.removeprefix('modifier:')}"
            found = [i for i, href in enumerate(self.hrefs) if href.endswith(anchor)]
        else:
            found = [i for i, code in enumerate(self.codes) if code == expected]
        return found[0] + 1 if found else None


def rank_of(query: Query, answer: Answer) -> int | None:
    """Where the query's answer is: the worst of its codes ('all'), or the best ('any')."""
    positions = [answer.position(e) for e in query.expect]
    if query.match == "any":
        found = [p for p in positions if p is not None]
        return min(found) if found else None
    return None if None in positions else max(positions)  # type: ignore[type-var]


def ask(page, text: str) -> Answer:
    """Type one query as a person does and read the results it shows."""
    clear(page)
    type_query(page, text)
    return read_answer(page, text)


def clear(page) -> None:
    page.get_by_label("Search", exact=True).fill("")


def type_query(page, text: str) -> None:
    """Into the emptied box, once its drop-down has closed."""
    expect(page.locator("#search-popup")).to_be_hidden()
    page.get_by_label("Search", exact=True).focus()
    page.keyboard.type(text)


def read_answer(page, text: str) -> Answer:
    """The drop-down's results, once its status line names this query."""
    foot = page.locator("#search-popup .search-popup-foot")
    expect(foot).to_contain_text(f"\u201c{text.strip()}\u201d")
    results = page.locator("#search-popup .search-result")
    codes = results.locator(".code").all_inner_texts()
    hrefs = results.evaluate_all("links => links.map((a) => a.getAttribute('href'))")
    structured = page.locator(
        "#search-popup li:not(.search-fulltext) > .search-result .code"
    ).all_inner_texts()
    return Answer(tuple(codes), tuple(hrefs), tuple(structured))


def run_both(visit, bases: tuple[str, str]) -> tuple[list[Answer], ...]:
    """Every query in both modes, one page per mode, the two pages in step: each step is taken on
    one page, then the other, so one page's search-box pause and search overlap the other's typing
    (the run costs about one mode's time). Each page still gets each query alone, as ask() does."""
    records = [visit(base + "index.html") for base in bases]
    answers: tuple[list[Answer], ...] = tuple([] for _ in records)
    for query in QUERIES:
        for record in records:
            clear(record.page)
        for record in records:
            type_query(record.page, query.text)
        for record, found in zip(records, answers, strict=True):
            found.append(read_answer(record.page, query.text))
    for record in records:
        assert (record.console_errors, record.outside_requests) == ([], [])
    return answers


def table(disk: list[Answer], http: list[Answer]) -> str:
    def cell(rank: int | None) -> str:
        return "-" if rank is None else str(rank)

    lines = [f"{'query':32} {'expected':28} {'want':>4} {'disk':>4} {'http':>4} same-top-{TOP}"]
    for q, d, h in zip(QUERIES, disk, http, strict=True):
        same = "yes" if d.structured[:TOP] == h.structured[:TOP] else "NO"
        expected = ",".join(q.expect[:3]) + (f",+{len(q.expect) - 3}" if len(q.expect) > 3 else "")
        ranks = f"{cell(rank_of(q, d)):>4} {cell(rank_of(q, h)):>4}"
        lines.append(f"{q.text!r:32} {expected:28} {q.rank:>4} {ranks} {same}")
    return "\n".join(lines)


def hit_rate(answers: list[Answer]) -> float:
    hits = [
        r is not None and r <= q.rank for q, a in zip(QUERIES, answers, strict=True) for r in [rank_of(q, a)]
    ]
    return sum(hits) / len(hits)


def test_the_query_set_hits_in_both_modes_and_both_agree(visit, file_base: str, served_under_kb) -> None:
    disk, http = run_both(visit, (file_base, served_under_kb.base))
    pairs = list(zip(disk, http, strict=True))
    agreement = sum(d.structured[:TOP] == h.structured[:TOP] for d, h in pairs) / len(QUERIES)
    shown_same = sum(d.codes[:TOP] == h.codes[:TOP] for d, h in pairs) / len(QUERIES)
    rates = hit_rate(disk), hit_rate(http)
    summary = (
        f"{len(QUERIES)} queries: hit within rank {rates[0]:.1%} from disk, {rates[1]:.1%} over http; "
        f"same top {TOP} structured hits in both modes {agreement:.1%} "
        f"({shown_same:.1%} counting the full-text group shown over http)"
    )
    report = f"{table(disk, http)}\n{summary}"
    print(report)
    assert min(rates) >= HIT_RATE and agreement >= AGREEMENT, report


def test_typing_an_ndc_and_enter_opens_its_code(visit, site_base: str) -> None:
    record = visit(site_base + "index.html")
    page = record.page
    ask(page, "00469-0617-73")
    page.keyboard.press("Enter")
    page.wait_for_url("**/codes/J7507.html")
    assert page.locator("h1").inner_text().startswith("J7507")
    assert (record.console_errors, record.outside_requests) == ([], [])
