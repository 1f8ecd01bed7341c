"""Rebuilds: skipped only when nothing changed, exact when something did; parallel equals serial."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook import parallel
from codebook.build import BuildCache, BuildOptions, SearchJob, apply_search, build, make_search
from codebook.cms_tables import load_reference
from codebook.link import link_site
from codebook.load import find_content_files, load_file
from codebook.render import RenderOptions, render_site
from codebook.validate import validate_content

from .helpers import CONTENT, ROOT, make_content, run_build, tree_digest, valid_page, valid_trio

pytestmark = pytest.mark.slow  # repeated builds of the real content and serve sessions

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
    pages, _, _ = validate_content([f for f in loaded if f], reference, CONTENT, True)
    site = link_site(pages, reference)
    options = RenderOptions(ROOT / "templates")
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "PAGES_PER_TASK", 3)
    pooled = render_site(site, options, render_pages=parallel.page_renderer(site, options))
    assert pooled == render_site(site, options)


def test_serve_writes_pages_first_and_search_indexes_after(tmp_path: Path) -> None:
    """serve's deferred search: pages at once, indexes when their job is applied, stale jobs dropped."""
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "preview"
    options = BuildOptions(content=content, out=out, cache=None)
    cache = BuildCache(defer_search=True)
    build(options, cache)
    assert (out / "codes" / "J7500.html").is_file()
    assert not (out / "search-index.js").exists() and not (out / "pagefind").exists()
    first = cache.pending_search
    assert first is not None
    changed = apply_search(first, make_search(first, options), options, cache)
    assert "search-index.js" in changed and "pagefind/pagefind.js" in changed
    assert cache.pending_search is None

    page = content / "codes" / "J7500.md"
    for round_ in (1, 2):
        text = valid_page("J7500").replace("title: Test page J7500", f"title: Zanzibar tablets {round_}")
        page.write_text(text, "utf-8")
        report = build(options, cache)
        assert "codes/J7500.html" in report.changed
        assert not [p for p in report.changed if p.startswith(("pagefind/", "search"))], (
            "they wait for the job"
        )
        assert (out / "pagefind" / "pagefind.js").is_file(), "the last search files are kept meanwhile"
    third = cache.pending_search
    assert third is not None and third.generation == first.generation + 2
    second = SearchJob(third.generation - 1, third.documents, third.reference)
    assert apply_search(second, [], options, cache) == [], "a superseded job is dropped"
    changed = apply_search(third, make_search(third, options), options, cache)
    assert changed and all(path.startswith(("pagefind/", "search")) for path in changed)
    shards = "".join(p.read_text("utf-8") for p in (out / "search").glob("*.js"))
    assert "Zanzibar tablets 2" in shards and "Zanzibar tablets 1" not in shards
    assert (out / "codes" / "J7501.html").is_file(), "pages are untouched by applying a job"


def test_serve_relinks_only_when_links_change(tmp_path: Path) -> None:
    """A text edit keeps every other page's links (same objects); a title edit reaches the pages
    that link to it."""
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "preview"
    options = BuildOptions(content=content, out=out, cache=None)
    cache = BuildCache(defer_search=True)
    build(options, cache)
    first = cache.link.site
    assert first is not None
    page = content / "codes" / "J7500.md"
    page.write_text(valid_page("J7500", "A sentence added later."), "utf-8")
    build(options, cache)
    again = cache.link.site
    assert again is not first and again.views["J7501"] is first.views["J7501"]
    assert "A sentence added later." in (out / "codes" / "J7500.html").read_text("utf-8")
    page.write_text(valid_page("J7500").replace("title: Test page J7500", "title: Renamed tablets"), "utf-8")
    build(options, cache)
    assert "Renamed tablets" in (out / "codes" / "J7501.html").read_text("utf-8"), "its similar link"
    assert cache.link.site.views["J7501"] is not first.views["J7501"]
