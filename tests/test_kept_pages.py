"""Rendered code pages kept as blobs in .cache/ (codebook/blobs.py): a one-page rebuild neither
unpickles every page's HTML nor reads every old page back to compare it; the output still equals
a clean build, and a damaged or pruned blob only costs a render."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from codebook import build as build_module
from codebook import build_history
from codebook import write as write_module
from codebook.blobs import Blobs, KeptFile, content_digest
from codebook.build import BuildOptions, write_site
from codebook.build_history import BuildHistory
from codebook.incremental import BLOBS, Store, file_state
from codebook.load import parse_document
from codebook.render import OutputFile
from codebook.validate import CheckContext, check_file, kept_check, restored_check
from codebook.write import Digests, write_files

from .helpers import CONTENT, REFERENCE, make_content, valid_page, valid_trio
from .site_compare import differences
from .test_incremental import CountingRender


def unreadable(digest: str) -> bytes:
    raise AssertionError(f"blob {digest} was read")


def kept(path: str, content: bytes, read: Callable[[str], bytes] = unreadable) -> KeptFile:
    return KeptFile(path, content_digest(content), len(content), read)


def test_a_kept_file_the_last_build_wrote_is_linked_without_reading_it(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "a.html").write_bytes(b"page a")
    known = {"a.html": (file_state(os.stat(old / "a.html")), content_digest(b"page a"))}
    new = tmp_path / "new"
    new.mkdir()
    write_files([kept("a.html", b"page a")], new, previous=old, digests=Digests(known))
    assert (new / "a.html").stat().st_ino == (old / "a.html").stat().st_ino


def test_a_kept_file_changed_by_hand_since_the_last_build_is_compared_and_written(tmp_path: Path) -> None:
    old = tmp_path / "old"
    old.mkdir()
    (old / "a.html").write_bytes(b"page a")
    known = {"a.html": (file_state(os.stat(old / "a.html")), content_digest(b"page a"))}
    (old / "a.html").write_bytes(b"page b!")  # in place: same inode, another size and mtime
    new = tmp_path / "new"
    new.mkdir()
    write_files([kept("a.html", b"page a", lambda _: b"page a")], new, previous=old, digests=Digests(known))
    assert (new / "a.html").read_bytes() == b"page a"
    assert (new / "a.html").stat().st_ino != (old / "a.html").stat().st_ino


def test_a_file_written_just_before_the_record_is_not_trusted_by_its_state(tmp_path: Path) -> None:
    """Racy: a change in the same clock tick as the record would not show in the mtime."""
    out = tmp_path / "out"
    out.mkdir()
    (out / "a.html").write_bytes(b"page a")
    history = BuildHistory(Store(tmp_path / "cache"))
    fingerprint = build_history.Fingerprint("key", 1)
    history.remember(fingerprint, out, None, {"a.html": content_digest(b"page a")})
    assert history.known_files(out) == {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_history, "RACY_NS", -(10**12))  # as if recorded long after the write
        assert history.known_files(out) == {
            "a.html": (file_state(os.stat(out / "a.html")), content_digest(b"page a"))
        }


def test_blobs_are_pruned_with_the_results_used_longest_ago(tmp_path: Path) -> None:
    first = Store(tmp_path, budget=1_000)
    old = first.blobs.keep("a.html", b"x" * 600, content_digest(b"x" * 600))
    first.commit()
    assert Path(first.blobs.path(old.digest)).is_file()
    for text in (b"y" * 600, b"z" * 600):
        store = Store(tmp_path, budget=1_000)
        store.blobs.keep("a.html", text, content_digest(text))
        store.commit()
    assert not Path(first.blobs.path(old.digest)).exists()
    assert Store(tmp_path).blobs.has(kept("a.html", b"z" * 600))


def test_a_blob_cut_short_is_not_found(tmp_path: Path) -> None:
    store = Store(tmp_path)
    file = store.blobs.keep("a.html", b"page a", content_digest(b"page a"))
    store.commit()
    Path(store.blobs.path(file.digest)).write_bytes(b"page")
    assert not Blobs(tmp_path / BLOBS).has(file)


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, Path]:
    content = make_content(tmp_path, valid_trio())
    cache, out = tmp_path / "cache", tmp_path / "_site"
    write_site(BuildOptions(content=content, out=out, cache=cache))
    return content, cache, out


def test_an_edit_reads_no_unchanged_page_and_equals_a_clean_build(
    built: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content, cache, out = built
    (content / "codes" / "J7500.md").write_text(valid_page("J7500", "A sentence added later."), "utf-8")
    read: list[str] = []
    compared: list[str] = []
    real_read, real_compare = Blobs.read, write_module.link_if_unchanged

    def compare(old: Path, content: bytes, target: Path) -> bool:
        compared.append(target.name)
        return real_compare(old, content, target)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_history, "RACY_NS", -(10**12))  # the first build's files count as old
        patch.setattr(Blobs, "read", lambda self, digest: read.append(digest) or real_read(self, digest))
        patch.setattr(write_module, "link_if_unchanged", compare)
        write_site(BuildOptions(content=content, out=out, cache=cache))
    assert len(set(read)) == 1, "only the edited page's bytes are needed"
    assert "J7500.html" in compared and "J7501.html" not in compared and "J7517.html" not in compared
    clean = tmp_path / "clean"
    write_site(BuildOptions(content=content, out=clean, cache=None))
    assert differences(out, clean) == []


def test_blobs_removed_from_the_cache_by_hand_are_rendered_again(
    built: tuple[Path, Path, Path], tmp_path: Path
) -> None:
    content, cache, out = built
    shutil.rmtree(cache / BLOBS)
    shutil.rmtree(out)
    (content / "codes" / "J7500.md").write_text(valid_page("J7500", "Edited."), "utf-8")
    rendered: list[str] = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "render_code_page", CountingRender(rendered))
        write_site(BuildOptions(content=content, out=out, cache=cache))
    assert sorted(rendered) == ["J7500", "J7501", "J7517"]
    clean = tmp_path / "clean"
    write_site(BuildOptions(content=content, out=clean, cache=None))
    assert differences(out, clean) == []


def test_any_file_the_last_build_wrote_is_linked_by_its_digest_and_recorded(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    old.mkdir()
    new.mkdir()
    (old / "x.pf").write_bytes(b"index")
    digests = Digests({"x.pf": (file_state(os.stat(old / "x.pf")), content_digest(b"index"))})
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(write_module, "link_if_unchanged", lambda *_: pytest.fail("the old file was read"))
        write_files([OutputFile("x.pf", b"index")], new, previous=old, digests=digests)
    assert (new / "x.pf").stat().st_ino == (old / "x.pf").stat().st_ino
    assert digests.written == {"x.pf": content_digest(b"index")}


def test_a_check_is_kept_without_its_pages_text_and_restored_equal() -> None:
    """A page's sections and body links are its loaded file's: kept once, not twice per page."""
    record, found = parse_document(valid_page("J7500", "See [[J7501]]."), "content/codes/J7500.md")
    assert record is not None and not found
    check = check_file(record, CheckContext(REFERENCE, CONTENT))
    assert check.page is not None and check.page.sections and check.page.body_links
    kept_one = kept_check(check)
    assert len(pickle.dumps(kept_one)) < len(pickle.dumps(check)) / 2
    assert restored_check(kept_one, record) == check
