"""The orchestration's disk cache of stage output, and the search stage's input digest."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from codebook import pagefind_index
from codebook.index import piece_digest, plan_search
from codebook.pagefind_index import parts_file
from codebook.render import OutputFile
from codebook.stage_cache import StageCache

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


def test_same_digest_reuses_the_output_without_making_it_again(tmp_path: Path) -> None:
    cache, make = StageCache(tmp_path / "cache"), Maker()
    assert cache.get_or_make("search", "abc", make) == FILES
    assert cache.get_or_make("search", "abc", make) == FILES
    assert make.calls == 1
    assert cache.get_or_make("search", "def", make) == FILES
    assert make.calls == 2


def test_a_damaged_entry_is_made_again(tmp_path: Path) -> None:
    cache, make = StageCache(tmp_path), Maker()
    cache.get_or_make("search", "abc", make)
    (tmp_path / "search-abc.zip").write_bytes(b"not a zip")
    assert cache.get_or_make("search", "abc", make) == FILES
    assert make.calls == 2


def test_no_folder_means_no_cache_and_old_entries_are_pruned(tmp_path: Path) -> None:
    make = Maker()
    StageCache(None).get_or_make("search", "abc", make)
    StageCache(None).get_or_make("search", "abc", make)
    assert make.calls == 2
    cache = StageCache(tmp_path, keep=2)
    for digest in ("a", "b", "c"):
        cache.get_or_make("search", digest, make)
    assert len(list(tmp_path.glob("search-*.zip"))) == 2
    assert not list(tmp_path.glob("*.tmp"))


def test_many_pieces_make_only_the_missing_ones_together(tmp_path: Path) -> None:
    cache, asked = StageCache(tmp_path), []

    def make(missing: list[int]) -> list[list[OutputFile]]:
        asked.append(missing)
        return [[OutputFile(f"part-{i}", str(i).encode())] for i in missing]

    first = cache.get_or_make_many("pagefind", ["a", "b", "c"], make)
    again = cache.get_or_make_many("pagefind", ["a", "x", "c"], make)
    assert asked == [[0, 1, 2], [1]], "cached pieces are not made again; the rest in one call"
    assert first[0] == again[0] and first[2] == again[2] and again[1] == [OutputFile("part-1", b"1")]
    assert StageCache(None).get_or_make_many("pagefind", ["a"], make) == [[OutputFile("part-0", b"0")]]


def test_piece_digests_follow_the_records_and_the_reference() -> None:
    document = make_document()
    work = plan_search([document], REFERENCE)
    base = piece_digest("pagefind", work.parts[0])
    assert piece_digest("pagefind", plan_search([make_document()], REFERENCE).parts[0]) == base
    assert piece_digest("script", work.parts[0]) != base, "the kind of piece is part of the digest"
    changed = plan_search([replace(document, aliases=("Prograf",))], REFERENCE)
    assert piece_digest("pagefind", changed.parts[0]) != base
    assert piece_digest("script", changed.records) != piece_digest("script", work.records)
    fewer = replace(REFERENCE, codes={k: v for k, v in REFERENCE.codes.items() if k != "K0001"})
    assert piece_digest("pagefind", plan_search([document], fewer).parts[0]) != base


def test_large_sites_split_pagefind_into_stable_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    documents = [make_document(code=f"J{n:04d}", url=f"codes/J{n:04d}.html") for n in range(7000, 7550)]
    monkeypatch.setattr(pagefind_index, "PART_SIZE", 200)
    parts = plan_search(documents, REFERENCE).parts
    assert [p.number for p in parts] == [1, 2, 3] and [p.folder for p in parts][1:] == [
        "pagefind/part-2",
        "pagefind/part-3",
    ]
    guides = [d.code for p in parts for d in p.guides]
    rows = [r.code for p in parts for r in p.rows]
    assert sorted(guides) == sorted(d.code for d in documents), "every guide page in exactly one part"
    assert (
        len(rows)
        == len(set(rows))
        == len(REFERENCE.codes) - sum(1 for d in documents if d.code in REFERENCE.codes)
    )
    assert all(130 < len(p.guides) < 240 for p in parts), "the hash spreads pages evenly"
    # A page added later (the part count unchanged) leaves every other page where it was.
    moved = plan_search([*documents, make_document(code="J9999", url="codes/J9999.html")], REFERENCE).parts
    where = {d.code: p.number for p in parts for d in p.guides}
    assert all(where[d.code] == p.number for p in moved for d in p.guides if d.code in where)
    assert json.loads(parts_file(3).content) == ["part-2/", "part-3/"]
