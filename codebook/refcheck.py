"""NEW.csv for `reference-diff` checked whole before anything is compared or replaced.

A truncated row, a header-only file or a code like `J75O0` once went straight into
content/reference/ and every later build stopped with a traceback. Here the file is read once
(size-capped, UTF-8 like every reference table), every row is checked, and all problems come back
as `NEW.csv:line` diagnostics; the caller applies the very text that was checked.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Diagnostic

MAX_BYTES = 50 * 1024 * 1024  # the January 2026 file is 1.9 MB
SHRINK_LIMIT = 0.9  # fewer procedure codes than this share of the current copy needs --force
REQUIRED = ("code", "record_type", "long_description", "add_date")
DATE_COLUMNS = ("add_date", "action_effective_date", "termination_date")
CODE_FORMS = {
    "procedure": (re.compile(r"[A-Z][0-9]{4}"), "a letter and four digits, e.g. J7507"),
    "modifier": (re.compile(r"[A-Z0-9]{2}"), "two letters or digits, e.g. JW"),
}
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
CONVERT = "convert the CMS file again the way content/reference/SOURCES.md describes"


@dataclass(frozen=True)
class NewTable:
    """NEW.csv as checked: its text (written on --apply) and its rows."""

    text: str
    rows: tuple[dict[str, str], ...]


def read_table_text(path: Path, shown: str) -> tuple[str, Diagnostic | None]:
    """The file as UTF-8 text (a leading BOM dropped), or the one reason it cannot be used."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return "", Diagnostic(
                shown, 1, "this is not a regular file", f"give the path of the CSV file; {CONVERT}"
            )
        if info.st_size > MAX_BYTES:
            return "", _file_problem(
                shown, f"the file is {info.st_size:,} bytes, over the {MAX_BYTES:,}-byte limit"
            )
        with path.open("rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        return "", Diagnostic(shown, 1, f"{shown} does not exist", "check the path of the new CMS file")
    except OSError as error:
        return "", _file_problem(shown, f"the file cannot be read ({error.strerror or error})")
    if not raw.strip() or len(raw) > MAX_BYTES:
        return "", _file_problem(
            shown, "the file is empty" if not raw.strip() else "the file grew while read"
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", _file_problem(shown, "the file contains NUL bytes, so it is not a CSV text file", line)
    try:
        return raw.decode("utf-8").removeprefix("\ufeff"), None
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", _file_problem(shown, f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x})", line)


def _file_problem(shown: str, what: str, line: int = 1) -> Diagnostic:
    return Diagnostic(shown, line, what, f"{CONVERT} (UTF-8 CSV)")


def column_problem(text: str, expected: list[str], shown: str, reference: str) -> Diagnostic | None:
    """NEW.csv must have exactly the reference copy's columns, in order."""
    got = next(csv.reader(io.StringIO(text, newline="")), [])
    if got == expected:
        return None
    missing = [c for c in expected if c not in got]
    return Diagnostic(
        shown,
        1,
        f"{shown} does not have the columns of {reference}"
        + (f" (missing: {', '.join(missing)})" if missing else " (other columns or another order)"),
        CONVERT,
    )


def check_rows(text: str, shown: str) -> tuple[NewTable, list[Diagnostic]]:
    """Every row after the header, with every problem found in any of them."""
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = next(reader)
    rows: list[dict[str, str]] = []
    problems: list[Diagnostic] = []
    first_seen: dict[str, int] = {}
    line = reader.line_num + 1
    try:
        for fields in reader:
            if fields:
                row, found = check_row(fields, columns, line, first_seen)
                rows.extend([row] if row else [])
                problems.extend(Diagnostic(shown, line, what, fix) for what, fix in found)
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Diagnostic(shown, line, f"the CSV cannot be read from here on ({error})", CONVERT))
    if not rows and not problems:
        problems.append(Diagnostic(shown, 1, "the file has the columns but no codes", CONVERT))
    return NewTable(text, tuple(rows)), problems


def check_row(
    fields: list[str], columns: list[str], line: int, first_seen: dict[str, int]
) -> tuple[dict[str, str] | None, list[tuple[str, str]]]:
    """One row's problems as (what is wrong, how to fix it); the row when it has every column."""
    if len(fields) != len(columns):
        return None, [
            (
                f"the row has {len(fields)} of the {len(columns)} columns "
                "(cut short, or a stray comma or quote)",
                CONVERT,
            )
        ]
    row = dict(zip(columns, fields, strict=True))
    found = [(f"'{name}' is empty", CONVERT) for name in REQUIRED if not row[name].strip()]
    found += code_problems(row) + date_problems(row)
    code = row["code"]
    if code in first_seen:
        found.append(
            (f"code {code} is listed again (first on line {first_seen[code]})", "keep one row per code")
        )
    first_seen.setdefault(code, line)
    return row, found


def code_problems(row: dict[str, str]) -> list[tuple[str, str]]:
    kind, code = row["record_type"], row["code"]
    if kind not in CODE_FORMS:
        return [(f"record_type '{kind}' is neither 'procedure' nor 'modifier'", CONVERT)]
    pattern, form = CODE_FORMS[kind]
    if code and not pattern.fullmatch(code):
        return [
            (
                f"'{code}' is not a HCPCS Level II {kind} code ({form})",
                "correct the code (a letter O is not a zero)",
            )
        ]
    return []


def date_problems(row: dict[str, str]) -> list[tuple[str, str]]:
    return [
        (f"{name} '{row[name]}' is not a date", "write it as YYYY-MM-DD, e.g. 2026-01-01")
        for name in DATE_COLUMNS
        if row[name] and not _is_date(row[name])
    ]


def _is_date(text: str) -> bool:
    if not ISO_DATE.fullmatch(text):
        return False
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def shrink_problem(new_count: int, current_count: int, shown: str, reference: str) -> Diagnostic | None:
    """A file with far fewer codes than the current copy is most likely a partial export."""
    if new_count >= SHRINK_LIMIT * current_count:
        return None
    return Diagnostic(
        shown,
        1,
        f"the file lists {new_count:,} codes, {reference} {current_count:,} "
        f"(under {SHRINK_LIMIT:.0%}): a partial export?",
        "convert the whole CMS file, or add --force if CMS really dropped that many codes",
    )
