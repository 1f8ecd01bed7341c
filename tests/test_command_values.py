"""Command-line values that reach output files, headers and scripts are refused unless well-formed.

A newline in --base-url used to add lines to robots.txt, and --base-path went unescaped into the
preview's script tag. Each bad value must stop the command with exit 2 before any work starts:
the build and the server are replaced by guards here, so a regression fails instead of writing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook import cli
from codebook.usage import base_path_problem, url_problem

from .helpers import make_content, valid_trio

BAD_URLS = [
    "https://[::1/",
    "https://[x/",
    "https://billing.example.org/\nDisallow: /",
    "https://billing.example.org/\nSitemap: https://evil.example/sitemap.xml",
    "https://billing.example.org/\r",
    "https://billing.example.org/a b/",
    'https://billing.example.org/"><script>alert(1)</script>',
    "https://billing.example.org/'onmouseover='x",
    "https://billing.example.org/<x>",
    "https://billing.example.org/\\x",
    "https://billing.example.org/\t",
    "https://bïlling.example.org/",
    "https:///path-only/",
    "https://",
    "https:billing.example.org",
    "javascript:alert(1)//https://x",
    "ftp://billing.example.org/",
    "https://user@billing.example.org/",
    "https://billing.example.org:99999/",
    "https://billing.example.org/?q=1",
    "https://billing.example.org/#top",
]
GOOD_URLS = [
    "https://billing.example.org/kb/",
    "https://org.github.io/repo",
    "http://localhost:8000/",
    "https://[::1]:8443/site/",
    "HTTPS://Example.ORG/A-b_c~d.e/%20x/",
    "https://xn--bllng-kva.example.org/",
]
BAD_BASE_PATHS = ['/a"b/', "/a b/", "/<script>/", "/ké/", "/日本/", "/../", "/a/./b/", "/a%2f/", "/a\nb/"]
GOOD_BASE_PATHS = ["/", "", "kb", "/kb/", "/org/repo/", "//kb//", "/v1.2/~me/"]


@pytest.fixture
def guarded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A content tree, with the build and the server replaced by guards that fail the test."""

    def guard(*args: object, **kwargs: object) -> None:
        raise AssertionError("a bad value reached the build or the server")

    monkeypatch.setattr(cli, "build", guard)
    monkeypatch.setattr(cli, "serve", guard)
    monkeypatch.chdir(tmp_path)
    return make_content(tmp_path, valid_trio())


@pytest.mark.parametrize("value", BAD_URLS)
@pytest.mark.parametrize("option", ["--base-url", "--repo-url"])
def test_malformed_addresses_are_usage_errors(
    guarded: Path, capsys: pytest.CaptureFixture[str], option: str, value: str
) -> None:
    assert cli.main(["--content", str(guarded), option, value]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {option} must") and err.count("\n") == 1, err


@pytest.mark.parametrize("value", BAD_BASE_PATHS)
def test_malformed_base_paths_are_usage_errors(
    guarded: Path, capsys: pytest.CaptureFixture[str], value: str
) -> None:
    assert cli.main(["serve", "--content", str(guarded), "--base-path", value]) == 2
    assert capsys.readouterr().err.startswith("error: --base-path must be a path of plain names")


@pytest.mark.parametrize("value", GOOD_URLS)
def test_well_formed_addresses_pass(value: str) -> None:
    assert url_problem("--base-url", value) == ""


@pytest.mark.parametrize("value", GOOD_BASE_PATHS)
def test_well_formed_base_paths_pass(value: str) -> None:
    assert base_path_problem(value) == ""
