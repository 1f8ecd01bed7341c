"""Author text in messages cannot forge CI annotations or drive the terminal (issue 15, part C).

Every message goes through the reporter, which shows control characters as visible escapes
(`\\x1b`, `\\n`, `\\u202e`) on both streams and in every format.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from codebook.diagnostics import Diagnostic
from codebook.progress import Progress
from codebook.reporting import GuardedStream, print_json, print_problems, printable

from .helpers import make_content, run_build, valid_page, valid_trio

FORGED = "\n::error file=x::forged"
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
OURS = re.compile(r"^::(error|warning) file=[^:,]*,line=\d+,title=codebook::")
RAW_ESC = "\x1b[2J\x1b[32mall checks passed\x1b[0m"
SLOW = pytest.mark.slow  # a CLI run with the whole CMS catalog (main's marker for make test-fast)


def with_key(key: str) -> str:
    """J7500's valid page with one more (unknown) front-matter key."""
    return valid_page("J7500").replace("---\n", f"---\n{json.dumps(key)}: 1\n", 1)


def lines_of(*streams: str) -> list[str]:
    return [line for text in streams for line in text.split("\n")]


def assert_clean(stdout: str, stderr: str) -> None:
    for line in lines_of(stdout, stderr):
        assert not CONTROL.search(line), repr(line)
        stripped = line.lstrip()
        assert not stripped.startswith(("::", "##[")) or OURS.match(line), repr(line)


@SLOW
@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_a_front_matter_key_cannot_forge_an_annotation(tmp_path: Path, fmt: str) -> None:
    content = make_content(tmp_path, {**valid_trio(), "J7500.md": with_key(f"x{FORGED}{RAW_ESC}")})
    result = run_build("check", "--content", content, "--format", fmt)
    assert result.returncode == 1
    for line in lines_of(result.stdout, result.stderr):
        assert not line.lstrip().startswith("::error file=x"), line
    assert "\x1b" not in result.stdout + result.stderr
    assert_clean(result.stdout, result.stderr)
    if fmt == "text":
        assert "\\n::error file=x::forged\\x1b[2J" in result.stderr


@SLOW
@pytest.mark.parametrize("fmt", ["text", "github", "json"])
def test_an_escape_in_a_value_never_reaches_either_stream_raw(tmp_path: Path, fmt: str) -> None:
    page = valid_page("J7500").replace("route: oral", f"route: {json.dumps(RAW_ESC + FORGED)}")
    content = make_content(tmp_path, {**valid_trio(), "J7500.md": page})
    result = run_build("check", "--content", content, "--format", fmt)
    assert result.returncode == 1
    assert "all checks passed" in result.stdout + result.stderr  # the message quotes the value
    assert "\x1b" not in result.stdout + result.stderr
    assert_clean(result.stdout, result.stderr)


@SLOW
def test_a_file_name_with_a_newline_cannot_forge_an_annotation(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    try:
        (content / "codes" / f"J7500{FORGED}\x1b[2J.md").write_text("no front matter\n")
    except OSError:
        pytest.skip("this file system refuses such a name")
    for fmt in ("text", "github"):
        result = run_build("check", "--content", content, "--format", fmt)
        assert result.returncode == 1, result.stderr
        assert "forged" in result.stderr
        assert_clean(result.stdout, result.stderr)


def test_an_option_value_is_escaped_in_usage_errors(tmp_path: Path) -> None:
    """cli.py's own error lines go through print_error: the newline is escaped, so one line."""
    result = run_build("check", "--content", tmp_path / f"nope{FORGED}{RAW_ESC}")
    assert result.returncode == 2
    assert "nope\\n::error file=x::forged\\x1b[2J" in result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert_clean(result.stdout, result.stderr)


def test_escapes_are_visible_and_plain_text_is_kept() -> None:
    assert printable("J7500 — 1 mg, café") == "J7500 — 1 mg, café"
    assert printable("a\nb\rc\td\x1b[2Je\x7f\x85\u2028\u202e\u2066") == (
        "a\\nb\\rc\\td\\x1b[2Je\\x7f\\x85\\u2028\\u202e\\u2066"
    )


def test_the_guard_keeps_line_breaks_and_defangs_commands_others_print() -> None:
    raw = io.StringIO()
    guarded = GuardedStream(raw)
    print("error: a\x1b[2J", file=guarded)
    print("::error file=x::forged\n  ##[error]old style", file=guarded)
    assert raw.getvalue() == "error: a\\x1b[2J\n\\x3a:error file=x::forged\n  \\x23#[error]old style\n"


def test_progress_escapes_its_text_but_keeps_its_own_redraw() -> None:
    raw = io.StringIO()
    progress = Progress(GuardedStream(raw), enabled=True, delay=0, interval=0)
    progress.stage("re\x1bnder\n", 1)()
    assert raw.getvalue() == "\r\x1b[Kre\\x1bnder\\n       1/1 pages"


TEXT = st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=40)
FUNNY = st.one_of(TEXT, st.sampled_from([FORGED, RAW_ESC, "\u202e\u2028\x85", "##[error]x", "::"]))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.builds(
            Diagnostic,
            path=st.builds(lambda a, b: a + b, FUNNY, TEXT),
            line=st.integers(1, 10**6),
            message=FUNNY,
            fix=FUNNY,
            severity=st.sampled_from(["error", "warning"]),
        ),
        min_size=1,
        max_size=3,
    ),
    st.sampled_from(["text", "github", "json"]),
)
def test_no_output_line_carries_a_control_character_or_a_foreign_command(
    problems: list[Diagnostic], fmt: str
) -> None:
    out, err = io.StringIO(), io.StringIO()
    guarded_out, guarded_err = GuardedStream(out), GuardedStream(err)
    print_problems(problems, fmt, guarded_out, guarded_err)
    if fmt == "json":
        print_json(guarded_out, "check", problems)
        document = json.loads(out.getvalue())
        assert [p["message"] for p in document["problems"]] == [p.message for p in problems]
    assert_clean(out.getvalue(), err.getvalue())
    ours = [line for line in out.getvalue().split("\n") if line.startswith("::")]
    assert len(ours) == (len(problems) if fmt == "github" else 0)
