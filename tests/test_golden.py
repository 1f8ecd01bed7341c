"""A small golden site built by the real CLI equals the committed output, file by file.

The content (tests/golden/content/) has five code pages whose similar codes link both ways, one of
them terminated with replaced_by, one draft that must stay out, and two categories, on reference
tables trimmed to those codes (so the catalog is a few rows and every catalog file is compared).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .golden import EXPECTED, UPDATE_COMMAND, Snapshot, build_golden, differences, expected_snapshot, snapshot


@pytest.fixture(scope="module")
def golden_build(tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    site = tmp_path_factory.mktemp("golden") / "_site"
    build_golden(site)
    return snapshot(site)


def test_the_golden_site_builds_as_committed(golden_build: Snapshot) -> None:
    assert EXPECTED.is_dir(), f"no expected output: run {UPDATE_COMMAND}"
    report = differences(expected_snapshot(), golden_build)
    assert report == "", "\n" + report


def test_the_golden_site_covers_what_it_is_for(golden_build: Snapshot) -> None:
    """The golden content keeps exercising what it was made for: a test of nothing would pass too."""
    pages = {name for name in golden_build.files if name.startswith("codes/")}
    assert pages == {f"codes/{code}.html" for code in ("J7500", "J7501", "J7502", "J7506", "J7512")}
    assert "codes/J7517.html" not in golden_build.files, "the draft must stay out of the build"
    assert b"../codes/J7512.html" in golden_build.files["codes/J7506.html"], "replaced_by is linked"
    assert any(name.startswith("categories/") for name in golden_build.files)
    assert any(line.endswith(".pf_fragment") for line in golden_build.pagefind)


def test_a_changed_file_is_reported_with_a_diff_and_the_update_command() -> None:
    """The failure message itself: names the file, shows a unified diff, says how to regenerate."""
    expected = Snapshot({"a.html": b"<p>one</p>\n", "b.css": b"x\n"}, ("pagefind/f/en_*.pf_filter",))
    built = Snapshot({"a.html": b"<p>two</p>\n", "c.js": b"y\n"}, ())
    report = differences(expected, built)
    assert "-<p>one</p>" in report and "+<p>two</p>" in report
    assert "['b.css']" in report and "['c.js']" in report
    assert "-pagefind/f/en_*.pf_filter" in report
    assert UPDATE_COMMAND in report
    assert differences(expected, expected) == ""


def test_the_expected_files_are_committed_text() -> None:
    """Reviewable in a diff: no binary file slipped into expected/."""
    for path in sorted(EXPECTED.rglob("*")):
        if path.is_file():
            assert b"\0" not in path.read_bytes(), Path(path).relative_to(EXPECTED)
