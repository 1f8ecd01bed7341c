"""Problems as people and tools read them: text lines, JSON, and GitHub Actions annotations.

Text (`path:line: what — fix`) always goes to stderr. Under GitHub Actions (or `--format github`)
each problem is also printed as a workflow command on stdout, so a pull request shows it on the
line. `--format json` prints one JSON document on stdout and nothing else.

Author text (a front-matter key, a file name, an option value) reaches both streams, and GitHub's
runner reads workflow commands (`::error …::`) on either. So every message is made printable here:
control characters (C0 with newline and CR, DEL, C1), line/paragraph separators and bidi overrides
are shown as visible escapes (`\\x1b`, `\\n`, `\\u202e`). `guarded` puts a `GuardedStream` in front
of stdout and stderr for a whole command, so text a caller prints itself is escaped too, and a line
that would start a workflow command is defanged unless the reporter wrote it as an annotation.
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

if TYPE_CHECKING:
    from .diagnostics import Diagnostic

FORMATS = ("text", "json", "github")
UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# json.dumps escapes C0; these it leaves raw. Lone surrogates (a file name that is not UTF-8)
# would leave as raw bytes, making the output invalid UTF-8, so they are escaped as well.
JSON_LEFT_RAW = re.compile(r"[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
COMMAND_START = re.compile(r"^(\s*)(::|##|:$)")  # `::cmd::`, `##[cmd]` (a lone ':' may be half of one)
Result = TypeVar("Result")


def printable(text: str) -> str:
    """`text` with every control, separator and bidi character shown as a visible escape: the one
    escaping helper for terminals, CI logs and the messages that quote an author's value."""
    return UNPRINTABLE.sub(lambda m: _escape(m.group()), text)


def clipped(text: str, limit: int = 60) -> str:
    """An author's value quoted back in a message: printable, and cut short after `limit` characters."""
    return printable(text[:limit]) + ("…" if len(text) > limit else "")


def _escape(char: str) -> str:
    if char in NAMED:
        return NAMED[char]
    return f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}"


class GuardedStream:
    """A text stream that escapes what callers write: line breaks stay (help text has them),
    everything else unprintable is escaped, and a line that would be a workflow command is not."""

    def __init__(self, raw: TextIO):
        self.raw = raw
        self.line_start = True

    def write(self, text: str) -> int:
        lines = str(text).split("\n")
        for index, line in enumerate(lines):
            if index:
                self.raw.write("\n")
                self.line_start = True
            if line:
                self.raw.write(self._defanged(printable(line)) if self.line_start else printable(line))
                self.line_start = self.line_start and not line.strip()
        return len(text)

    @staticmethod
    def _defanged(line: str) -> str:
        match = COMMAND_START.match(line)
        if not match:
            return line
        start = len(match.group(1))
        return f"{line[:start]}{_escape(line[start])}{line[start + 1 :]}"

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


def raw_stream(stream: TextIO) -> TextIO:
    """The stream under a guard: for output the reporter has already made safe (annotations,
    the progress line's own redraw codes)."""
    return stream.raw if isinstance(stream, GuardedStream) else stream


def guarded(command: Callable[..., Result]) -> Callable[..., Result]:
    """Run `command` with stdout and stderr behind a `GuardedStream` (restored afterwards)."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Result:
        saved = sys.stdout, sys.stderr
        sys.stdout, sys.stderr = GuardedStream(saved[0]), GuardedStream(saved[1])
        try:
            return command(*args, **kwargs)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
            sys.stdout, sys.stderr = saved

    return run


def print_error(text: str, *more: str, err: TextIO | None = None) -> None:
    """`error: …`, one line per argument: each may quote a path or an option value, so each is
    escaped on its own, and only the program's own breaks (between arguments) are line breaks."""
    print(f"error: {printable(text)}", *(printable(line) for line in more), sep="\n", file=err or sys.stderr)


def annotations_wanted(fmt: str) -> bool:
    return fmt == "github" or (fmt == "text" and os.environ.get("GITHUB_ACTIONS") == "true")


def print_problems(problems: Sequence[Diagnostic], fmt: str, out: TextIO, err: TextIO) -> None:
    """Text lines on `err`; annotations on `out` when wanted. JSON is printed by `print_json`."""
    if fmt == "json":
        return
    for problem in problems:
        print(problem.format(), file=err)
    if annotations_wanted(fmt):
        for problem in problems:
            print(github_annotation(problem), file=raw_stream(out))


def github_annotation(problem: Diagnostic) -> str:
    """`::error file=…,line=…,title=…::message` (values escaped as the runner expects)."""
    level = "error" if problem.severity == "error" else "warning"
    properties = f"file={_property(workspace_path(problem.path))},line={problem.line},title=codebook"
    return f"::{level} {properties}::{_data(f'{problem.message} — {problem.fix}')}"


def workspace_path(path: str) -> str:
    """The path from the repository root, as annotations need it."""
    workspace = os.environ.get("GITHUB_WORKSPACE")
    candidate = Path(path)
    if workspace and candidate.is_absolute():
        try:
            return candidate.resolve().relative_to(Path(workspace).resolve()).as_posix()
        except ValueError:
            return path
    return candidate.as_posix()


def _data(text: str) -> str:
    """GitHub's own escaping, after ours (so no control character is left for it to miss)."""
    return printable(text).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def print_json(out: TextIO, command: str, problems: Sequence[Diagnostic], **facts: Any) -> None:
    """One document a tool can read: counts, every problem, and any facts the command adds."""
    errors = sum(1 for p in problems if p.severity == "error")
    document = {
        "command": command,
        "ok": errors == 0,
        "errors": errors,
        "warnings": len(problems) - errors,
        **facts,
        "problems": [asdict(p) for p in problems],
    }
    text = json.dumps(document, indent=2, ensure_ascii=False)
    print(JSON_LEFT_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text), file=out)
