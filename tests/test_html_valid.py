"""HTML gate: every page of the real build passes the W3C Nu Html Checker with 0 errors.

The checker is a Java program that takes seconds to start, so it runs once over four folders: the
real build, the same content built with --base-url (canonical links, absolute 404 links), the
hostile build full of XSS payloads, and a deliberately broken mini-site that proves the gate can fail.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .gates import BROKEN_SITE, NuReport, html_files, nu_validate, write_site


@pytest.fixture(scope="module")
def checked(
    built_site: Path, hostile_site: Path, published_site: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, NuReport]:
    folder = tmp_path_factory.mktemp("nu")
    shutil.copytree(built_site, folder / "real")
    shutil.copytree(hostile_site, folder / "hostile")
    shutil.copytree(published_site, folder / "base-url")
    write_site(folder / "broken", BROKEN_SITE)
    return folder, nu_validate(folder)


def errors_under(report: NuReport, prefix: str) -> list[str]:
    return [str(e) for e in report.errors if e.file.startswith(f"{prefix}/")]


def test_every_page_of_the_real_build_is_valid_html(checked) -> None:
    folder, report = checked
    pages = len(html_files(folder / "real"))
    print(f"Nu Html Checker: {pages} pages of the real build, {len(errors_under(report, 'real'))} errors")
    assert pages > 30
    assert report.files == pages * 2 + len(html_files(folder / "hostile")) + len(BROKEN_SITE)
    assert errors_under(report, "real") == []


def test_a_build_with_a_base_url_is_valid_too(checked) -> None:
    _folder, report = checked
    assert errors_under(report, "base-url") == []


def test_pages_full_of_xss_payloads_are_valid_html(checked) -> None:
    """Escaping must give well-formed HTML, not just inert HTML."""
    _folder, report = checked
    assert errors_under(report, "hostile") == []


def test_the_checker_reports_invalid_pages(checked) -> None:
    _folder, report = checked
    found = "\n".join(errors_under(report, "broken"))
    assert "broken/codes/J7507.html:3: Duplicate ID" in found, found
    assert "element in scope" in found, found  # <div> closes the <p> it sits in
    assert "broken/index.html" not in found, "the valid page was flagged"
