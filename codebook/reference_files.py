"""Maintainer files (content/categories.yml and content/reference/*) read and checked before use.

A broken reference table must not crash the build or, worse, quietly drop codes: every problem in
every file is a Diagnostic (`path:line: what — fix`), collected in one run like content errors.
Checking happens here, once; cms_tables.py turns the checked rows and values into records.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic
from .load import yaml_node, yaml_values
from .model import InvalidValue
from .reporting import UNPRINTABLE, clipped
from .textfile import display_path, read_content_text

MAX_REFERENCE_BYTES = 50_000_000  # the CMS file is ~2 MB; content files keep their own, smaller limit
MAX_PROBLEMS_PER_FILE = 20  # a table broken on every row is one mistake, not 9,000 lines of output
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


CodedColumn = tuple[str, frozenset[str], bool]  # column, the values it may hold, several by spaces


@dataclass(frozen=True)
class TableSpec:
    """What a reference CSV must hold: its columns, the code column's form and which columns are dates."""

    columns: tuple[str, ...]
    code_column: str
    code_pattern: re.Pattern[str]
    code_form: str  # how a valid code looks, for the fix
    dates: tuple[str, ...] = ()
    filled: tuple[str, ...] = ()  # columns no row may leave empty
    # A column naming each row's kind, and the code form of each kind (an unknown kind is an error).
    kind_column: str = ""
    kind_forms: tuple[tuple[str, re.Pattern[str], str], ...] = ()
    # Coded columns: (column, the values the record layout lists, whether it holds several, by spaces).
    coded: tuple[CodedColumn, ...] = ()


Rows = list[dict[str, str]]


def restore(shown: str) -> str:
    """How a user gets a damaged reference file back: from git, or from CMS itself."""
    return (
        f"or restore it from git (git checkout -- {shown}) or download it again from CMS "
        "(the addresses are in content/reference/SOURCES.md)"
    )


def absent(path: Path) -> bool:
    """True only when nothing (not even a dangling link) is at `path`. A folder that cannot be
    read says False, so the read that follows reports it instead of a PermissionError escaping."""
    try:
        path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def read_table(path: Path, spec: TableSpec, required: bool = True) -> tuple[Rows, list[Diagnostic]]:
    """The rows of a reference CSV as dicts, or every problem found in it (at most a screenful)."""
    shown = display_path(path)
    if not required and absent(path):
        return [], []
    fix = f"write its header line {restore(shown)}"
    text, problem = read_content_text(path, shown, MAX_REFERENCE_BYTES, fix)
    if problem:
        return [], [problem]
    # strict: a quote left open (a truncated file) is an error, not one value swallowing the rest
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Diagnostic] = []
    rows: Rows = []
    start = 1
    try:
        header = next(reader, [])
        problems += _header_problems(shown, header, spec)
        start = reader.line_num + 1
        for values in reader:
            if values:
                problems += [
                    Diagnostic(shown, start, what, fix) for what, fix in row_problems(header, values, spec)
                ]
                rows.append(dict(zip(header, values, strict=False)))
            start = reader.line_num + 1
    except csv.Error as error:
        problems.append(
            Diagnostic(
                shown,
                start,
                f"the row starting on this line is not valid CSV ({error})",
                f"close the quote opened in this row or remove the stray quote, {restore(shown)}",
            )
        )
    return rows, _capped(shown, problems)


def _header_problems(shown: str, header: list[str], spec: TableSpec) -> list[Diagnostic]:
    missing = [column for column in spec.columns if column not in header]
    if not missing:
        return []
    names = ", ".join(missing)
    return [
        Diagnostic(
            shown,
            1,
            f"the header line has no column {names}",
            f"add {names} to the first line (columns: {','.join(spec.columns)}), {restore(shown)}",
        )
    ]


Problem = tuple[str, str]  # (what is wrong, how to fix it): the caller knows the file and line


def row_problems(header: list[str], values: list[str], spec: TableSpec) -> list[Problem]:
    """One row of a CMS table against its spec: the build's reference tables and reference-diff's
    NEW.csv are checked by this same function."""
    if len(values) != len(header):
        return [
            (
                f"this row has {len(values)} values but the header has {len(header)} columns",
                "add the missing values (empty ones as ,,) or quote a value that contains a comma",
            )
        ]
    row = dict(zip(header, values, strict=True))
    problems = [
        (f"{c} is empty", f"fill in {c} on this row") for c in spec.filled if c in row and not row[c].strip()
    ]
    problems += _code_problems(row, spec)
    problems += _text_problems(row)
    problems += _coded_problems(row, spec)
    for column in spec.dates:
        value = row.get(column, "")
        if value and not is_iso_date(value):
            problems.append(
                (
                    f"{column} {shown_value(value)} is not a date",
                    "write it as YYYY-MM-DD, e.g. 2026-01-01, or leave it empty",
                )
            )
    return problems


def _text_problems(row: dict[str, str]) -> list[Problem]:
    """No cell may hold a control, line-break or bidi character: each reaches pages and terminals."""
    found = [(column, UNPRINTABLE.search(value)) for column, value in row.items()]
    return [
        (
            f"{column} {shown_value(row[column])} holds the control character U+{ord(match.group()):04X}",
            "delete it (convert the CMS file again the way content/reference/SOURCES.md describes)",
        )
        for column, match in found
        if match
    ]


def _coded_problems(row: dict[str, str], spec: TableSpec) -> list[Problem]:
    """A coded column holds only values the record layout lists (empty is allowed)."""
    problems: list[Problem] = []
    for column, allowed, several in spec.coded:
        value = row.get(column, "")
        values = value.split() if several else [value] if value else []
        unknown = [v for v in values if v not in allowed]
        if unknown:
            problems.append(
                (
                    f"{column} {shown_value(value)} is not a value content/reference/record_layout.yml lists",
                    "correct it, or add the value to record_layout.yml if CMS introduced it",
                )
            )
    return problems


def _code_problems(row: dict[str, str], spec: TableSpec) -> list[Problem]:
    code = row.get(spec.code_column)
    if code is None:
        return []
    pattern, form = spec.code_pattern, spec.code_form
    kind = row.get(spec.kind_column, "") if spec.kind_column else ""
    if kind:  # an empty kind is reported as an empty column (spec.filled)
        forms = {name: (pattern, form) for name, pattern, form in spec.kind_forms}
        if kind not in forms:
            return [
                (f"{spec.kind_column} {shown_value(kind)} is not one of: {', '.join(forms)}", "correct it")
            ]
        pattern, form = forms[kind]
    if not pattern.fullmatch(code):
        return [(f"{shown_value(code)} is not a valid code", f"write it as {form}")]
    return []


def is_iso_date(value: str) -> bool:
    if not ISO_DATE.fullmatch(value):
        return False
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return False
    return True


def shown_value(value: str) -> str:
    """A value for a message: quoted, shortened, control characters (terminal escapes) made visible."""
    return f"'{clipped(value, 40)}'"


def _capped(shown: str, problems: list[Diagnostic]) -> list[Diagnostic]:
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    kept = problems[:MAX_PROBLEMS_PER_FILE]
    more = len(problems) - len(kept)
    last = kept[-1].line
    note = f"{more} more problem(s) in this file after this line are not listed"
    return [*kept, Diagnostic(shown, last, note, "fix the ones above and build again to see the rest")]


# --- YAML files -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Key:
    """One key of a maintainer YAML file: a kind ('text', 'date', 'url', 'slug', 'value') or a nested
    shape (a dict of Keys), whether it must be there, and whether it holds a list of them."""

    kind: str | dict[str, Key]
    required: bool = True
    many: bool = False


SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
KIND_FIXES = {
    "text": "write it as text (in quotes if it looks like a number or a date)",
    "date": "write it as YYYY-MM-DD, e.g. 2026-01-12",
    "url": "write the full web address, starting https://",
    "slug": "use lower-case letters, digits and single hyphens, e.g. oral-immunosuppressives",
    "value": "write it as text or a number",
}


def kind_fits(kind: str, value: Any) -> bool:
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "value":
        return isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip() != ""
    if not isinstance(value, str) or not value.strip():
        return False
    if kind == "url":
        return value.startswith(("https://", "http://")) and not any(c.isspace() for c in value)
    return kind == "text" or bool(SLUG.fullmatch(value))


def read_yaml_file(path: Path, root: Key, required: bool = True) -> tuple[Any, list[Diagnostic]]:
    """The values of a maintainer YAML file (None if absent and optional), checked against `root`."""
    shown = display_path(path)
    if not required and absent(path):
        return None, []
    text, problem = read_content_text(path, shown, MAX_REFERENCE_BYTES, f"write its keys {restore(shown)}")
    if problem:
        return None, [problem]
    node, problems = yaml_node(text, shown, 1, "the file")
    if problems:
        return None, problems
    if node is None:
        return None, [Diagnostic(shown, 1, "the file has no values", f"write its keys {restore(shown)}")]
    data, lines, problems = yaml_values(node, shown, 1)
    checker = ShapeChecker(shown, lines)
    checker.check(data, root, "")
    return data, _capped(shown, sorted(problems + checker.problems))


class ShapeChecker:
    """Compares YAML values with a Key tree, collecting every mismatch with its line."""

    def __init__(self, shown: str, lines: dict[str, int]):
        self.shown = shown
        self.lines = lines
        self.problems: list[Diagnostic] = []

    def line(self, path: str) -> int:
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path.rpartition(".")[0]
        return self.lines.get("", 1)

    def report(self, path: str, message: str, fix: str) -> None:
        self.problems.append(Diagnostic(self.shown, self.line(path), message, fix))

    def check(self, value: Any, key: Key, path: str) -> None:
        if isinstance(value, InvalidValue):
            return  # the YAML reader has reported it already
        if not key.many:
            self.check_one(value, key.kind, path)
        elif not isinstance(value, list):
            self.report(path, f"{path or 'the file'} must be a list", "write one '- ' item per entry")
        else:
            for index, item in enumerate(value):
                self.check_one(item, key.kind, f"{path}.{index}" if path else str(index))

    def check_one(self, value: Any, kind: str | dict[str, Key], path: str) -> None:
        if isinstance(kind, dict):
            self.check_mapping(value, kind, path)
        elif not isinstance(value, InvalidValue) and not kind_fits(kind, value):
            shown = shown_value(str(value))
            self.report(path, f"{path} is {shown}, not a valid {kind}", KIND_FIXES[kind])

    def check_mapping(self, value: Any, shape: dict[str, Key], path: str) -> None:
        where = path or "the file"
        if not isinstance(value, dict):
            self.report(path, f"{where} must be a set of 'key: value' lines", f"write {', '.join(shape)}")
            return
        for name in value:
            if name not in shape:
                self.report(
                    f"{path}.{name}" if path else name,
                    f"unknown key '{name}' in {where}",
                    f"use only {', '.join(shape)} (check the spelling)",
                )
        for name, key in shape.items():
            inner = f"{path}.{name}" if path else name
            if value.get(name) is not None:
                self.check(value[name], key, inner)
            elif key.required:
                self.report(path, f"'{name}' is missing from {where}", f"add a line '{name}: …'")
