"""Problems as people and tools read them: text lines, JSON, and GitHub Actions annotations.

Text (`path:line: what — fix`) always goes to stderr. Under GitHub Actions (or `--format github`)
each problem is also printed as a workflow command on stdout, so a pull request shows it on the
line. `--format json` prints one JSON document on stdout and nothing else.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any, TextIO

from .diagnostics import Diagnostic

FORMATS = ("text", "json", "github")


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
            print(github_annotation(problem), file=out)


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
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


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
    print(json.dumps(document, indent=2, ensure_ascii=False), file=out)
