"""The Pagefind bundle across builds (codebook/search/bundle.py): which parts keep their last full
index, what goes into the recent index, and which base records it supersedes."""

from __future__ import annotations

from dataclasses import replace

import pytest

from codebook.search import bundle
from codebook.search.bundle import PartBase, part_records, plan_bundle
from codebook.search.pagefind import RECENT, PagefindPart
from codebook.search.records import DrugNames
from codebook.search.stage import plan_search

from .helpers import REFERENCE
from .test_search import make_document


def doc(code: str, words: str = "Reports the drug."):
    document = make_document(code=code, url=f"codes/{code}.html")
    return replace(document, sections=(replace(document.sections[0], text=words),))


def part(number: int, *docs) -> PagefindPart:
    return PagefindPart(number, tuple(docs), ())


def base_of(p: PagefindPart) -> PartBase:
    return PartBase(part_records(p), ())


ONE = part(1, doc("J7500"), doc("J7501"))
TWO = part(2, doc("J7502"), doc("J7503"))


def test_without_bases_every_part_is_indexed_in_full() -> None:
    plan = plan_bundle([ONE, TWO], {})
    assert [p.number for p in plan.full] == [1, 2]
    assert (plan.kept, plan.recent, plan.gone) == ({}, None, {})


def test_unchanged_parts_keep_their_base_and_need_no_recent_index() -> None:
    plan = plan_bundle([ONE, TWO], {1: base_of(ONE), 2: base_of(TWO)})
    assert (plan.full, sorted(plan.kept), plan.recent, plan.gone) == ((), [1, 2], None, {})


def test_an_edited_page_goes_into_the_recent_index_and_supersedes_its_base_record() -> None:
    edited = part(2, doc("J7502", "New words."), doc("J7503"))
    plan = plan_bundle([ONE, edited], {1: base_of(ONE), 2: base_of(TWO)})
    assert plan.full == () and plan.recent is not None
    assert plan.recent.number == RECENT and plan.recent.folder == "pagefind/recent"
    assert [d.sections[0].text for d in plan.recent.guides] == ["New words."]
    assert plan.gone == {2: frozenset({"codes/J7502.html"})}


def test_added_and_deleted_pages() -> None:
    grown = part(1, doc("J7500"), doc("J7501"), doc("J7504"))
    shrunk = part(2, doc("J7503"))
    plan = plan_bundle([grown, shrunk], {1: base_of(ONE), 2: base_of(TWO)})
    assert [d.code for d in plan.recent.guides] == ["J7504"], "an added page: recent, nothing superseded"
    assert plan.gone == {2: frozenset({"codes/J7502.html"})}, "a deleted page: superseded, not in recent"


def test_past_the_limit_the_changed_parts_are_indexed_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(bundle, "RECENT_LIMIT", 1)
    edited = part(2, doc("J7502", "New."), doc("J7503", "New too."))
    plan = plan_bundle([ONE, edited], {1: base_of(ONE), 2: base_of(TWO)})
    assert [p.number for p in plan.full] == [2] and sorted(plan.kept) == [1]
    assert (plan.recent, plan.gone) == (None, {})
    one_edit = part(2, doc("J7502", "New."), doc("J7503"))
    assert plan_bundle([ONE, one_edit], {1: base_of(ONE), 2: base_of(TWO)}).recent is not None


def test_a_drug_data_row_is_a_record_too() -> None:
    def parts(*names: str) -> list[PagefindPart]:
        return plan_search([doc("J7500")], REFERENCE, drugs={"J9271": DrugNames(names, ())}).parts

    first, later = parts("Keytruda"), parts("Keytruda", "pembrolizumab")
    plan = plan_bundle(later, {1: base_of(first[0])})
    assert [r.code for r in plan.recent.rows] == ["J9271"] and plan.recent.guides == ()
    assert plan.gone == {1: frozenset({"codes/J9271.html"})}
