"""Progress on a terminal for long builds; nothing in pipes, logs or CI."""

from __future__ import annotations

import io

import pytest

from codebook.progress import Progress, showing_progress

from .helpers import make_content, run_build, valid_trio


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_counter_redraws_one_line_and_clears_it() -> None:
    stream = Terminal()
    progress = Progress(stream, enabled=True, delay=0, interval=0)
    tick = progress.stage("render", 3)
    for _ in range(3):
        tick()
    progress.clear()
    text = stream.getvalue()
    assert "render         1/3 pages" in text and "render         3/3 pages" in text
    assert "\n" not in text and text.endswith("\r\x1b[K")


def test_short_stages_draw_nothing() -> None:
    stream = Terminal()
    progress = Progress(stream, enabled=True, delay=60)
    tick = progress.stage("render", 2)
    tick()
    tick()
    progress.clear()
    assert stream.getvalue() == ""


@pytest.mark.parametrize(
    ("tty", "env", "shown"), [(True, {}, True), (False, {}, False), (True, {"CI": "true"}, False)]
)
def test_shown_only_to_a_person_at_a_terminal(
    monkeypatch, tty: bool, env: dict[str, str], shown: bool
) -> None:
    for name in ("CI", "GITHUB_ACTIONS", "TERM"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    stream = Terminal() if tty else io.StringIO()
    assert showing_progress(stream) is shown


@pytest.mark.slow  # a CLI build with the full CMS catalog
def test_a_piped_build_prints_no_progress(tmp_path) -> None:
    content = make_content(tmp_path, valid_trio())
    result = run_build("--content", content, "--out", tmp_path / "_site", env={"CI": ""})
    assert result.returncode == 0 and "\r" not in result.stdout + result.stderr
