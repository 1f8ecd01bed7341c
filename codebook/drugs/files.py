"""Reading the CMS drug CSVs (payment limits, NDC–HCPCS crosswalk) into rows, never raising.

CMS files start with title and note lines, so the header is found by its column names, not its
position: the first line with a column named like the code column ("HCPCS Code", or "_2026_CODE",
which changes with the year). Files are Windows-1252 (Latin-1), as CMS publishes them; a copy saved
as UTF-8 or UTF-16 is refused, because it is no longer the file SOURCES.md describes. Only HCPCS
Level II rows are kept: CPT rows (five characters, AMA-copyrighted) are dropped and counted.

Problems in our copy (a missing column, wrong encoding, a cut-off row) are errors; rows CMS wrote
oddly are left to checks.py, which reports them as data warnings.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from ..diagnostics import Diagnostic
from ..reference_files import MAX_REFERENCE_BYTES, _capped, shown_value
from ..textfile import _read_regular_file, display_path

LEVEL_II = re.compile(r"[A-Z][0-9]{4}")
CPT_FORM = re.compile(r"[0-9]{4}[0-9A-Z]")
RESTORE = (
    "restore it from git (git checkout -- content/reference/asp/) or download it again from CMS "
    "(the addresses are in content/reference/SOURCES.md)"
)
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DERIVED_COPIES = "derived-copies.yml"  # in content/reference/asp/: the source of each derived copy


@dataclass(frozen=True)
class TableSpec:
    """A CMS drug file's header: the code column (by a pattern, its name changes) and the others."""

    kind: str  # "payment-limit file", for messages
    code_header: re.Pattern[str]
    code_header_example: str
    columns: tuple[str, ...]
    optional: tuple[str, ...] = ()  # read when present (CMS adds and drops padding columns)


@dataclass(frozen=True)
class Row:
    line: int
    code: str
    values: dict[str, str]  # by column name; the code column is also under "code"


@dataclass(frozen=True)
class TableRead:
    rows: tuple[Row, ...]
    preamble: tuple[str, ...]  # the first cell of each line above the header (title, notes)
    cpt_rows: int
    problems: tuple[Diagnostic, ...]


def read_cms_table(path: Path, spec: TableSpec, *, derived: bool = False) -> TableRead:
    """The Level II rows of one CMS file, or every problem that keeps it from being read. A derived
    copy (`derived`: someone's re-saved copy of CMS's file, named as such) may be UTF-8."""
    shown = display_path(path)
    raw, problem = _read_regular_file(path, shown, MAX_REFERENCE_BYTES)
    text, problem = (None, problem) if problem else decode_cms(raw, shown, derived=derived)
    if problem or text is None:
        return TableRead((), (), 0, (problem,) if problem else ())
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    scan = _Scan(shown, spec)
    start = 1
    try:
        for values in reader:
            scan.take(start, values)
            start = reader.line_num + 1
    except csv.Error as error:
        scan.problems.append(
            Diagnostic(shown, start, f"the row starting on this line is not valid CSV ({error})", RESTORE)
        )
    if scan.header is None and not scan.problems:
        scan.problems.append(_no_header(shown, spec))
    return TableRead(
        tuple(scan.rows), tuple(scan.preamble), scan.cpt_rows, tuple(_capped(shown, scan.problems))
    )


def decode_cms(raw: bytes, shown: str, *, derived: bool = False) -> tuple[str | None, Diagnostic | None]:
    """Windows-1252 text (bytes it leaves undefined read as Latin-1), or why it is not a CMS file;
    a derived copy may also be UTF-8 (the copy's own encoding, named in derived-copies.yml)."""
    if not raw.strip():
        return None, Diagnostic(shown, 1, "the file is empty", RESTORE)
    if raw.startswith(UTF16_BOMS) or b"\x00" in raw:
        return None, Diagnostic(shown, 1, "the file is UTF-16 or binary, not CMS's Latin-1 text", RESTORE)
    if derived and (raw.startswith(b"\xef\xbb\xbf") or _utf8_beyond_ascii(raw)):
        return raw.decode("utf-8-sig"), None
    if raw.startswith(b"\xef\xbb\xbf") or _utf8_beyond_ascii(raw):
        line = _first_non_ascii_line(raw)
        return None, Diagnostic(
            shown,
            line,
            "the file was saved as UTF-8, but CMS publishes it in Latin-1 (Windows-1252)",
            f"{RESTORE}; a re-saved copy of CMS's file is named payment-limits-YYYY-MM.derived.csv, "
            f"with its source in {DERIVED_COPIES}",
        )
    try:
        return raw.decode("cp1252"), None
    except UnicodeDecodeError:
        return raw.decode("latin-1"), None


def _utf8_beyond_ascii(raw: bytes) -> bool:
    if raw.isascii():
        return False
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _first_non_ascii_line(raw: bytes) -> int:
    index = next((i for i, byte in enumerate(raw) if byte > 0x7F), 0)
    return raw[:index].count(b"\n") + 1


def _no_header(shown: str, spec: TableSpec) -> Diagnostic:
    return Diagnostic(
        shown,
        1,
        f"no header line found: no line has a column named like {spec.code_header_example!r}",
        f"the {spec.kind} needs its header line "
        f"({spec.code_header_example}, {', '.join(spec.columns)}); {RESTORE}",
    )


class _Scan:
    """Walks the CSV records once: preamble lines, the header, then the rows under it."""

    def __init__(self, shown: str, spec: TableSpec):
        self.shown, self.spec = shown, spec
        self.header: list[str] | None = None
        self.positions: dict[str, int] = {}
        self.names: tuple[str, ...] = ()
        self.getter = itemgetter(0)
        self.width = self.needed = 0
        self.rows: list[Row] = []
        self.preamble: list[str] = []
        self.problems: list[Diagnostic] = []
        self.cpt_rows = 0

    def take(self, line: int, values: list[str]) -> None:
        if self.header is None:
            self._maybe_header(line, values)
        elif any(v.strip() for v in values) and self.positions:
            self._row(line, values)

    def _maybe_header(self, line: int, values: list[str]) -> None:
        code_at = next((i for i, v in enumerate(values) if self.spec.code_header.fullmatch(v.strip())), None)
        if code_at is None:
            if values and values[0].strip():
                self.preamble.append(values[0].strip())
            return
        self.header = [v.strip() for v in values]
        missing = [c for c in self.spec.columns if c not in self.header]
        if missing:
            names = ", ".join(missing)
            self.problems.append(
                Diagnostic(
                    self.shown,
                    line,
                    f"the header line of this {self.spec.kind} has no column {names}",
                    RESTORE,
                )
            )
            return
        present = [c for c in self.spec.optional if c in self.header]
        self.positions = {
            "code": code_at,
            **{c: self.header.index(c) for c in (*self.spec.columns, *present)},
        }
        self.names = tuple(self.positions)
        self.getter = itemgetter(*self.positions.values())
        self.width = max(self.positions.values()) + 1
        self.needed = max(self.positions[c] for c in ("code", *self.spec.columns)) + 1

    def _row(self, line: int, values: list[str]) -> None:
        needed = self.needed
        if len(values) < needed:
            self.problems.append(
                Diagnostic(
                    self.shown,
                    line,
                    f"this row ends after {len(values)} values, but the header names {needed} columns "
                    "(the file may be cut short)",
                    RESTORE,
                )
            )
            return
        padded = values if len(values) >= self.width else values + [""] * (self.width - len(values))
        row = dict(zip(self.names, self.getter(padded), strict=True))
        code = row["code"].strip()
        if LEVEL_II.fullmatch(code):
            self.rows.append(Row(line, code, row))
        elif CPT_FORM.fullmatch(code):
            self.cpt_rows += 1
        else:
            self.problems.append(
                Diagnostic(
                    self.shown,
                    line,
                    f"{shown_value(code)} is not a HCPCS code",
                    f"a code is a letter and four digits (e.g. J7507); {RESTORE}",
                    "warning",
                )
            )
