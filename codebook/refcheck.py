"""NEW.csv for `reference-diff` checked whole before anything is compared or replaced.

A truncated row, a header-only file or a code like `J75O0` once went straight into
content/reference/ and every later build stopped with a traceback. Here the file is read once
(size-capped, UTF-8 like every reference table), every row is checked, and all problems come back
as `NEW.csv:line` diagnostics; the caller applies the very text that was checked.
"""

from __future__ import annotations

import csv
import io
import stat
from dataclasses import dataclass, replace
from pathlib import Path

from .cms_tables import FULL_TABLE, full_table, layout_of
from .diagnostics import Diagnostic
from .reference_files import TableSpec, row_problems
from .textfile import not_regular

MAX_BYTES = 50 * 1024 * 1024  # the January 2026 file is 1.9 MB
SHRINK_LIMIT = 0.9  # fewer procedure codes than this share of the current copy needs --force
# The build's own spec of the CMS file; a new edition must also give each code its add date.
NEW_TABLE = replace(FULL_TABLE, filled=(*FULL_TABLE.filled, "add_date"))
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
            return "", not_regular(shown, f"give the path of the CSV file; {CONVERT}")
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


def check_rows(text: str, shown: str, reference: Path) -> tuple[NewTable, list[Diagnostic]]:
    """Every row after the header, with every problem found in any of them; coded columns are
    checked against the record layout in the `reference` folder."""
    spec = full_table(layout_of(reference), NEW_TABLE)
    reader = csv.reader(io.StringIO(text, newline=""))
    columns = next(reader)
    rows: list[dict[str, str]] = []
    problems: list[Diagnostic] = []
    first_seen: dict[str, int] = {}
    line = reader.line_num + 1
    try:
        for fields in reader:
            if fields:
                row, found = check_row(fields, columns, line, first_seen, spec)
                rows.extend([row] if row else [])
                problems.extend(Diagnostic(shown, line, what, fix) for what, fix in found)
            line = reader.line_num + 1
    except csv.Error as error:
        problems.append(Diagnostic(shown, line, f"the CSV cannot be read from here on ({error})", CONVERT))
    if not rows and not problems:
        problems.append(Diagnostic(shown, 1, "the file has the columns but no codes", CONVERT))
    return NewTable(text, tuple(rows)), problems


def check_row(
    fields: list[str], columns: list[str], line: int, first_seen: dict[str, int], spec: TableSpec = NEW_TABLE
) -> tuple[dict[str, str] | None, list[tuple[str, str]]]:
    """One row's problems as (what is wrong, how to fix it); the row when it has every column.

    The row itself is checked as the build checks its copy (reference_files.row_problems);
    only a code listed twice is this command's own check."""
    found = row_problems(columns, fields, spec)
    if len(fields) != len(columns):
        return None, found
    row = dict(zip(columns, fields, strict=True))
    code = row["code"]
    if code in first_seen:
        found.append(
            (f"code {code} is listed again (first on line {first_seen[code]})", "keep one row per code")
        )
    first_seen.setdefault(code, line)
    return row, found


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
