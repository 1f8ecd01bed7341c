"""The orchestration's disk cache of stage output, and the search stage's input digest."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from codebook.index import search_digest
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


def test_search_digest_follows_the_documents_and_the_reference() -> None:
    document = make_document()
    base = search_digest([document], REFERENCE)
    assert search_digest([make_document()], REFERENCE) == base
    assert search_digest([replace(document, aliases=("Prograf",))], REFERENCE) != base
    assert search_digest([], REFERENCE) != base
    fewer = replace(REFERENCE, codes={k: v for k, v in REFERENCE.codes.items() if k != "K0001"})
    assert search_digest([document], fewer) != base
