from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from .helpers import PUBLISHED_BASE, run_build
from .hostile import hostile_content

# Session builds of the full real content (every CMS code: ~40 s or more on a shared machine).
SLOW_FIXTURES = frozenset({"built_site", "hostile_site", "published_site"})


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Slow, besides what a file marks itself: every browser test (Chromium, a served site) and every
    test of the full real build. `pytest -m "not slow"` leaves them out; the golden site stands in.

    Files with a slow test run first: `make test` hands whole files to parallel workers in this
    order (--dist loadfile --no-loadscope-reorder), so the long ones start early and the many
    short ones fill the gaps at the end, instead of one long file running alone at the end."""
    for item in items:
        if item.get_closest_marker("browser") or SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
    per_file = Counter(item.path for item in items)
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    # A slow file of few tests has long ones (one property test of a dozen builds): those first.
    # The sort is stable, so each file keeps its own order.
    items.sort(key=lambda item: (item.path not in slow_files, per_file[item.path]))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content/, built once per test run through the real command line."""
    out = tmp_path_factory.mktemp("site") / "_site"
    result = run_build("--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A site built from content stuffed with XSS payloads (tests/hostile.py); it must build."""
    folder = tmp_path_factory.mktemp("hostile")
    out = folder / "_site"
    result = run_build("--content", hostile_content(folder), "--out", out)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def published_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content built for a public address under a sub-path, as on GitHub Pages (--base-url):
    read by test_publishing.py and checked by the HTML gate, so built once for both."""
    out = tmp_path_factory.mktemp("published") / "_site"
    result = run_build("--out", out, "--base-url", PUBLISHED_BASE.rstrip("/"))  # trailing slash optional
    assert result.returncode == 0, result.stderr
    return out
