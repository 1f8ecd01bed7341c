"""The incremental layer's store of stage results, and the search stage's input digest."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from codebook.incremental import DATABASE, Store
from codebook.render import OutputFile
from codebook.search import pagefind as pagefind_index
from codebook.search.pagefind import parts_file
from codebook.search.records import DrugNames
from codebook.search.stage import piece_digest, plan_search

from .helpers import REFERENCE
from .test_search import make_document

FILES = [
    OutputFile("search-index.js", b"window.x=1;\n"),
    OutputFile("pagefind/a/b.pf_index", bytes(range(256))),
]


class Maker:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> list[OutputFile]:
        self.calls += 1
        return list(FILES)


def test_same_key_reuses_the_result_without_making_it_again_even_in_a_new_process(tmp_path: Path) -> None:
    store, make = Store(tmp_path / "cache"), Maker()
    assert store.get_or_make("search", "abc", make) == FILES
    assert store.get_or_make("search", "abc", make) == FILES
    assert make.calls == 1
    assert store.get_or_make("search", "def", make) == FILES
    assert make.calls == 2
    store.commit()
    again = Store(tmp_path / "cache")  # a later build: what the first one made is on disk
    assert again.get_or_make("search", "abc", make) == FILES and make.calls == 2


def test_a_damaged_cache_only_costs_a_rebuild(tmp_path: Path) -> None:
    store, make = Store(tmp_path), Maker()
    store.get_or_make("search", "abc", make)
    store.commit()
    (tmp_path / DATABASE).write_bytes(b"not a database")
    again = Store(tmp_path)
    assert again.get_or_make("search", "abc", make) == FILES
    assert make.calls == 2
    again.commit()
    assert Store(tmp_path).get_or_make("search", "abc", make) == FILES and make.calls == 2, "repaired"


def test_no_folder_keeps_results_in_memory_only(tmp_path: Path) -> None:
    make = Maker()
    store = Store(None)
    store.get_or_make("search", "abc", make)
    store.commit()
    assert store.get_or_make("search", "abc", make) == FILES and make.calls == 1, "serve reuses it"
    Store(None).get_or_make("search", "abc", make)
    assert make.calls == 2, "nothing reaches another process"


def test_above_the_budget_the_results_used_longest_ago_are_pruned(tmp_path: Path) -> None:
    """Each Maker result pickles to a few hundred bytes: a budget of 2,000 keeps a few builds' worth."""
    make = Maker()
    first = Store(tmp_path, budget=2_000)
    first.get_or_make("search", "old", make)
    first.commit()
    for n in range(8):
        store = Store(tmp_path, budget=2_000)
        store.get_or_make("search", f"new-{n}", make)
        store.get_or_make("search", "kept", make)
        store.commit()
    with sqlite3.connect(tmp_path / DATABASE) as db:
        keys = {key for (key,) in db.execute("SELECT key FROM results WHERE kind = 'search'")}
    assert "old" not in keys and "new-0" not in keys, "used longest ago"
    assert {"kept", "new-6", "new-7"} <= keys, "used by the latest builds"
    big = Store(tmp_path, budget=1)
    big.get_or_make("search", "huge", make)
    big.commit()
    assert Store(tmp_path).get_or_make("search", "huge", make) and make.calls == 11, "the latest build's stay"


def test_many_items_make_only_the_missing_ones_together(tmp_path: Path) -> None:
    store, asked = Store(tmp_path), []

    def make(missing: list[str]) -> list[list[OutputFile]]:
        asked.append(list(missing))
        return [[OutputFile(f"part-{i}", i.encode())] for i in missing]

    first = store.map("pagefind", ["a", "b", "c"], ["a", "b", "c"], make)
    again = store.map("pagefind", ["a", "x", "c"], ["a", "x", "c"], make)
    assert asked == [["a", "b", "c"], ["x"]], "stored items are not made again; the rest in one call"
    assert first[0] == again[0] and first[2] == again[2] and again[1] == [OutputFile("part-x", b"x")]


def test_piece_digests_follow_the_records_and_the_reference() -> None:
    document = make_document()
    work = plan_search([document], REFERENCE)
    base = piece_digest("pagefind", work.parts[0])
    assert piece_digest("pagefind", plan_search([make_document()], REFERENCE).parts[0]) == base
    assert piece_digest("script", work.parts[0]) != base, "the kind of piece is part of the digest"
    changed = plan_search([replace(document, aliases=("Prograf",))], REFERENCE)
    assert piece_digest("pagefind", changed.parts[0]) != base
    assert piece_digest("script", changed.records) != piece_digest("script", work.records)
    # A bare catalog row is in the script index only: dropping one re-makes that piece, not Pagefind;
    # a code's drug data gives it a page, and so a Pagefind record.
    fewer = replace(REFERENCE, codes={k: v for k, v in REFERENCE.codes.items() if k != "K0001"})
    without = plan_search([document], fewer)
    assert piece_digest("pagefind", without.parts[0]) == base
    assert piece_digest("script", without.records) != piece_digest("script", work.records)
    drug = {"J9271": DrugNames(("Keytruda",), ("00006-3026-02",))}
    assert piece_digest("pagefind", plan_search([document], REFERENCE, drugs=drug).parts[0]) != base


def test_large_sites_split_pagefind_into_stable_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [make_document(code=f"J{n:04d}", url=f"codes/J{n:04d}.html") for n in range(7000, 7550)]
    monkeypatch.setattr(pagefind_index, "PART_SIZE", 200)
    drugs = {code: DrugNames((code,), ()) for code in ("J9271", "J0120", "A4206", "Q0510", "J7525")}
    parts = plan_search(documents, REFERENCE, drugs=drugs).parts
    assert [p.number for p in parts] == [1, 2, 3] and [p.folder for p in parts][1:] == [
        "pagefind/part-2",
        "pagefind/part-3",
    ]
    guides = [d.code for p in parts for d in p.guides]
    rows = [r.code for p in parts for r in p.rows]
    assert sorted(guides) == sorted(d.code for d in documents), "every guide page in exactly one part"
    assert sorted(rows) == sorted(set(drugs) - {d.code for d in documents}), "drug pages once; no bare row"
    assert all(130 < len(p.guides) < 240 for p in parts), "the hash spreads pages evenly"
    # A page added later (the part count unchanged) leaves every other page where it was.
    moved = plan_search([*documents, make_document(code="J9999", url="codes/J9999.html")], REFERENCE).parts
    where = {d.code: p.number for p in parts for d in p.guides}
    assert all(where[d.code] == p.number for p in moved for d in p.guides if d.code in where)
    assert json.loads(parts_file(3).content) == {"folders": ["part-2/", "part-3/"], "superseded": []}
    recent = json.loads(parts_file(2, recent=True, superseded=["en_1a2b"]).content)
    assert recent == {"folders": ["part-2/", "recent/"], "superseded": ["en_1a2b"]}


def test_pagefind_parts_stay_small_at_8000_guides() -> None:
    """Pagefind's memory and an edit's re-index time grow with the pages of one part (~0.6 MB and
    ~5 ms CPU a page): at 8,000 guides no part may hold more than ~1,100 (peak ≤ 1.5 GB, aim 1 GB)."""
    codes = sorted(REFERENCE.codes)[:8000]
    documents = [make_document(code=code, url=f"codes/{code}.html") for code in codes]
    documents.append(make_document(code="", url="topics/index.html"))  # a topic page counts for none
    parts = plan_search(documents, REFERENCE).parts
    assert len(parts) == 8
    assert max(len(p.guides) + len(p.rows) for p in parts) <= 1100
