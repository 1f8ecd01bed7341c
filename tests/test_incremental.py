"""Rebuilds: skipped only when nothing changed, exact when something did; parallel equals serial."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from codebook import build as build_module
from codebook import parallel
from codebook.build import BuildOptions, write_site
from codebook.cms_tables import load_reference
from codebook.link import link_site
from codebook.load import find_content_files, load_file
from codebook.model import CodeView
from codebook.render import RenderedPage, RenderEnv, RenderOptions, make_render_env, render_code_page
from codebook.serve.preview import Preview, SearchJob
from codebook.validate import CheckContext, check_file, check_site

from .helpers import CONTENT, ROOT, make_content, run_build, tree_digest, valid_page, valid_trio
from .site_compare import differences

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
    loaded = [f for f in (load_file(path)[0] for path in find_content_files(CONTENT / "codes")) if f]
    context = CheckContext(reference, CONTENT)
    checked = check_site(loaded, [check_file(f, context) for f in loaded], True)
    site = link_site(checked.pages, reference)
    env = make_render_env(site, RenderOptions(ROOT / "templates"))
    views = list(site.views.values())
    monkeypatch.setattr(parallel, "MIN_ITEMS_PER_WORKER", 1)
    monkeypatch.setattr(parallel, "ITEMS_PER_TASK", 3)
    assert parallel.worker_count(len(views)) > 1 or os.cpu_count() == 1
    pooled = parallel.parallel_map(render_code_page, views, env)
    assert pooled == [render_code_page(view, env) for view in views]


def test_serve_writes_pages_first_and_search_indexes_after(tmp_path: Path) -> None:
    """serve's deferred search: pages at once, indexes when their job is applied, stale jobs dropped."""
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "preview"
    preview = Preview(BuildOptions(content=content, out=out, cache=None))
    preview.rebuild()
    assert (out / "codes" / "J7500.html").is_file()
    assert not (out / "search-index.js").exists() and not (out / "pagefind").exists()
    first = preview.pending
    assert first is not None
    changed = preview.apply_search(first, preview.make_search(first))
    assert "search-index.js" in changed and "pagefind/pagefind.js" in changed
    assert preview.pending is None

    page = content / "codes" / "J7500.md"
    for round_ in (1, 2):
        text = valid_page("J7500").replace("title: Test page J7500", f"title: Zanzibar tablets {round_}")
        page.write_text(text, "utf-8")
        _, changed = preview.rebuild()
        assert "codes/J7500.html" in changed
        assert not [p for p in changed if p.startswith(("pagefind/", "search"))], "they wait for the job"
        assert (out / "pagefind" / "pagefind.js").is_file(), "the last search files are kept meanwhile"
    third = preview.pending
    assert third is not None and third.generation == first.generation + 2
    second = SearchJob(third.generation - 1, third.search)
    assert preview.apply_search(second, []) == [], "a superseded job is dropped"
    changed = preview.apply_search(third, preview.make_search(third))
    assert changed and all(path.startswith(("pagefind/", "search")) for path in changed)
    shards = "".join(p.read_text("utf-8") for p in (out / "search").glob("*.js"))
    assert "Zanzibar tablets 2" in shards and "Zanzibar tablets 1" not in shards
    assert (out / "codes" / "J7501.html").is_file(), "pages are untouched by applying a job"


def test_serve_rewrites_only_the_pages_an_edit_reaches(tmp_path: Path) -> None:
    """A text edit rewrites its own page alone; a title edit reaches the pages that link to it."""
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "preview"
    preview = Preview(BuildOptions(content=content, out=out, cache=None))
    preview.rebuild()
    page = content / "codes" / "J7500.md"
    page.write_text(valid_page("J7500", "A sentence added later."), "utf-8")
    _, changed = preview.rebuild()
    assert changed == ["codes/J7500.html"]
    assert "A sentence added later." in (out / "codes" / "J7500.html").read_text("utf-8")
    page.write_text(valid_page("J7500").replace("title: Test page J7500", "title: Renamed tablets"), "utf-8")
    _, changed = preview.rebuild()
    assert {"codes/J7500.html", "codes/J7501.html", "codes/J7517.html"} <= set(changed)
    assert "Renamed tablets" in (out / "codes" / "J7501.html").read_text("utf-8"), "its similar link"


def test_the_command_line_reuses_stage_results_from_the_cache(tmp_path: Path) -> None:
    """A second command-line build after an edit re-renders the edited page only (the rest comes
    from .cache/), and its output equals a clean build's."""
    content = make_content(tmp_path, valid_trio())
    cache, out = tmp_path / "cache", tmp_path / "_site"
    write_site(BuildOptions(content=content, out=out, cache=cache))
    (content / "codes" / "J7500.md").write_text(valid_page("J7500", "A sentence added later."), "utf-8")
    rendered: list[str] = []
    counting = CountingRender(rendered)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(build_module, "render_code_page", counting)
        write_site(BuildOptions(content=content, out=out, cache=cache))
    assert rendered == ["J7500"]
    clean = tmp_path / "clean"
    write_site(BuildOptions(content=content, out=clean, cache=None))
    assert differences(out, clean) == []


class CountingRender:
    def __init__(self, rendered: list[str]):
        self.rendered = rendered

    def __call__(self, view: CodeView, env: RenderEnv) -> RenderedPage:
        self.rendered.append(view.page.code)
        return render_code_page(view, env)
