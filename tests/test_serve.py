"""`python build.py serve`: rebuilds after a change, keeps the last good site on errors, stops cleanly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from .helpers import make_content, run_build, valid_trio
from .serving import serving, wait_until

pytestmark = pytest.mark.slow  # starts and drives build.py serve


def state(event: str) -> dict:
    data = next(line for line in event.splitlines() if line.startswith("data: "))
    return json.loads(data.removeprefix("data: "))


def test_serve_rebuilds_after_a_change_and_keeps_the_last_good_site(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    page = content / "codes" / "J7500.md"
    original = page.read_text(encoding="utf-8")
    with serving(content) as serve:
        status, html = serve.get("codes/J7500.html")
        assert status == 200 and "Original text about definition" in html
        assert '<script src="/__codebook/livereload.js" data-base="/"></script>' in html
        assert state(serve.first_event())["problems"] == []

        page.write_text(original.replace("Original text about definition", "Edited while serving"))
        wait_until(lambda: "Edited while serving" in serve.get("codes/J7500.html")[1], "the rebuild", serve)

        page.write_text(original.replace("title: ", "title: [unclosed ", 1))
        problems = wait_until(lambda: state(serve.first_event())["problems"], "the error report", serve)
        assert any(f"{page.name}:" in line and "not valid YAML" in line for line in problems)
        assert "Edited while serving" in serve.get("codes/J7500.html")[1]  # the last good build

        page.write_text(original)
        wait_until(lambda: not state(serve.first_event())["problems"], "recovery", serve)
        assert "Original text about definition" in serve.get("codes/J7500.html")[1]

        assert run_build("new", "J7528", "--content", content).returncode == 0
        wait_until(lambda: serve.get("codes/J7528.html")[0] == 200, "the new draft to appear", serve)
        assert serve.get("no-such-page.html")[0] == 404
    assert serve.process.returncode == 0, serve.log()
    assert "Stopped." in serve.log()


def test_built_sites_carry_no_live_reload_script(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "_site"
    assert run_build("--content", content, "--out", out).returncode == 0
    for page in out.rglob("*.html"):
        assert "livereload" not in page.read_text(encoding="utf-8"), page
    assert not list(out.rglob("livereload*"))
