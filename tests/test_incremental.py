"""Rebuilds: skipped only when nothing changed, exact when something did; parallel equals serial."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook import parallel
from codebook.link import link_site
from codebook.load import find_content_files, load_file
from codebook.reference import load_reference
from codebook.render import RenderOptions, render_site
from codebook.validate import validate_content

from .helpers import CONTENT, ROOT, make_content, run_build, tree_digest, valid_page, valid_trio

SKIPPED = "Nothing changed since the last build"


@pytest.fixture
def trio(tmp_path: Path) -> tuple[Path, Path]:
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "_site"
    first = run_build("--content", content, "--out", out)
    assert first.returncode == 0, first.stderr
    assert SKIPPED not in first.stdout
    return content, out


def test_a_rebuild_with_nothing_changed_is_skipped_and_leaves_the_site(trio: tuple[Path, Path]) -> None:
    content, out = trio
    before = tree_digest(out)
    again = run_build("--content", content, "--out", out)
    assert again.returncode == 0, again.stderr
    assert SKIPPED in again.stdout
    assert tree_digest(out) == before


def test_an_edited_page_is_rebuilt_and_unchanged_files_are_kept(trio: tuple[Path, Path]) -> None:
    content, out = trio
    unchanged = out / "codes" / "J7501.html"
    inode = unchanged.stat().st_ino
    (content / "codes" / "J7500.md").write_text(valid_page("J7500", "A sentence added later."), "utf-8")
    again = run_build("--content", content, "--out", out)
    assert again.returncode == 0, again.stderr
    assert SKIPPED not in again.stdout
    assert "A sentence added later." in (out / "codes" / "J7500.html").read_text("utf-8")
    assert unchanged.stat().st_ino == inode, "an identical file should be hard-linked, not rewritten"


def test_a_site_changed_by_hand_is_rebuilt(trio: tuple[Path, Path]) -> None:
    content, out = trio
    page = out / "codes" / "J7500.html"
    original = page.read_bytes()
    page.write_text("damaged", encoding="utf-8")
    again = run_build("--content", content, "--out", out)
    assert SKIPPED not in again.stdout
    assert page.read_bytes() == original


def test_no_cache_always_builds(trio: tuple[Path, Path]) -> None:
    content, out = trio
    again = run_build("--content", content, "--out", out, "--no-cache")
    assert again.returncode == 0, again.stderr
    assert SKIPPED not in again.stdout


def test_content_errors_are_reported_again_on_every_run(trio: tuple[Path, Path]) -> None:
    content, out = trio
    (content / "codes" / "J7500.md").write_text("no front matter\n", encoding="utf-8")
    for _ in range(2):
        failed = run_build("--content", content, "--out", out)
        assert failed.returncode == 1
        assert "J7500.md:1:" in failed.stderr


def test_rendering_in_a_pool_gives_the_same_site_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    reference = load_reference(CONTENT)
    loaded = [load_file(path)[0] for path in find_content_files(CONTENT / "codes")]
    pages, _, _ = validate_content([f for f in loaded if f], reference, ROOT, True)
    site = link_site(pages, reference)
    options = RenderOptions(ROOT / "templates")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "PAGES_PER_TASK", 3)
    pooled = render_site(site, options, render_pages=parallel.page_renderer(site, options))
    assert pooled == render_site(site, options)
