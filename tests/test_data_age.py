"""Issue 28 item 3: every drug page, the calculator and the home page say which quarter the CMS
drug figures are for, and once the build date is past that quarter's end, a notice says so and how
a maintainer updates them. The build date is an input (--today, SOURCE_DATE_EPOCH); the notice is
in the HTML, so it reads the same from disk and over http."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from codebook.build import BuildOptions, build
from codebook.data_age import UPDATE_COMMAND, data_age
from codebook.drugs import Quarter
from codebook.usage import build_date

from .helpers import make_content, run_build

JAN_2026 = Quarter(2026, 1)
NOTICE = 'class="notice data-age-notice"'
# The shipped crosswalk is January 2026's; the newest limits are October 2026's (issue 32).
ENDED = "The NDCs and billable units shown are for the January 2026 quarter, which ended on 2026-03-31."
LIMITS_ENDED = "The payment limits shown are for the October 2026 quarter, which ended on 2026-12-31."
OCTOBER_LIMITS = "CMS payment limits: <strong>October 2026 quarter</strong>"


@pytest.fixture(scope="module")
def content(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real CMS drug files (limits to October 2026, the January 2026 crosswalk), no guides."""
    return make_content(tmp_path_factory.mktemp("age"), {})


def built(content: Path, today: dt.date) -> dict[str, str]:
    options = BuildOptions(content=content, cache=None, write=False, allow_empty=True, today=today)
    wanted = {"codes/J9035.html", "codes/Q5107.html", "index.html", "calculator.html"}
    return {f.path: f.content.decode() for f in build(options).files if f.path in wanted}


def test_the_notice_appears_once_the_quarter_has_ended(content: Path) -> None:
    pages = built(content, dt.date(2026, 12, 8))
    for path, html in pages.items():
        assert NOTICE in html, path
        assert ENDED in html, path
        assert "CMS publishes a new payment-limit file and NDC crosswalk each quarter" in html
        assert UPDATE_COMMAND in html
        assert LIMITS_ENDED not in html, path  # October 2026 has not ended on 2026-12-08
    j9035 = pages["codes/J9035.html"]
    assert "CMS NDC crosswalk: <strong>January 2026 quarter</strong>" in j9035
    assert OCTOBER_LIMITS in j9035 and "from a copy of the CMS file" in j9035


def test_the_limits_get_their_own_sentence_once_their_quarter_ends(content: Path) -> None:
    for path, html in built(content, dt.date(2027, 1, 2)).items():
        assert LIMITS_ENDED in html and ENDED in html, path


def test_no_notice_inside_the_quarter_but_the_quarter_is_stated(content: Path) -> None:
    pages = built(content, dt.date(2026, 3, 31))  # the crosswalk quarter's last day: not yet over
    for path, html in pages.items():
        assert NOTICE not in html, path
        assert OCTOBER_LIMITS in html, path
        assert "CMS NDC crosswalk: <strong>January 2026 quarter</strong>" in html, path


def test_only_quarters_shipped_are_judged_so_pages_change_when_one_ends() -> None:
    older = Quarter(2025, 10)
    inside = data_age(JAN_2026, JAN_2026, (older, JAN_2026), dt.date(2026, 2, 1))
    assert inside.ended == frozenset({older})
    assert inside == data_age(JAN_2026, JAN_2026, (older, JAN_2026), dt.date(2026, 3, 31))
    after = data_age(JAN_2026, None, (JAN_2026,), dt.date(2026, 4, 1))
    assert [f.ended for f in after.newest.figures] == [True]
    assert [f.what for f in after.newest.figures] == ["payment limits"]


def test_limits_and_crosswalk_are_judged_apart() -> None:
    """Payment limits of a newer quarter than the crosswalk (issue 32): each figure has its own age."""
    age = data_age(
        Quarter(2026, 10), JAN_2026, (JAN_2026, Quarter(2026, 7), Quarter(2026, 10)), dt.date(2026, 12, 8)
    )
    assert [(f.what, f.quarter.label, f.ended) for f in age.newest.figures] == [
        ("payment limits", "October 2026", False),
        ("NDC crosswalk", "January 2026", True),
    ]


def test_figures_of_different_quarters_get_a_sentence_each() -> None:
    age = data_age(Quarter(2026, 7), JAN_2026, (JAN_2026, Quarter(2026, 7)), dt.date(2026, 10, 2))
    assert [(e.shown, e.quarter.label) for e in age.newest.ended] == [
        ("NDCs and billable units", "January 2026"),
        ("payment limits", "July 2026"),
    ]


def test_build_date_from_option_then_source_date_epoch() -> None:
    assert build_date("2026-04-01", {"SOURCE_DATE_EPOCH": "0"}) == (dt.date(2026, 4, 1), "")
    assert build_date(None, {"SOURCE_DATE_EPOCH": "1775001600"}) == (dt.date(2026, 4, 1), "")
    assert build_date(None, {}) == (None, "")
    assert "YYYY-MM-DD" in build_date("April 1", {})[1]
    assert "whole number of seconds" in build_date(None, {"SOURCE_DATE_EPOCH": "-5"})[1]


def test_a_bad_build_date_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "site"
    given = run_build("--today", "2026-02-30", "--out", out)
    assert given.returncode == 2 and "--today must be a date written YYYY-MM-DD" in given.stderr
    epoch = run_build("check", env={"SOURCE_DATE_EPOCH": "soon"})
    assert epoch.returncode == 2 and "SOURCE_DATE_EPOCH must be a whole number" in epoch.stderr
    assert not out.exists()
