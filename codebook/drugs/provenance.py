"""Where each quarter's payment limits come from: CMS's own file, or a derived copy of it.

A derived copy is someone else's re-saved copy of a CMS file (titles dropped, header on line 1,
UTF-8), shipped only when CMS's original could not be found. It is named
`payment-limits-YYYY-MM.derived.csv`, and `derived-copies.yml` beside it names its source and its
SHA-256, checked on every build, so the page can say "from a copy of the CMS file (source)" and a
changed copy is caught. A character the copy's re-encoding broke (U+FFFD) is a data fault: reported
with its file:line and shown as a visible marker, never as the replacement character.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import yaml

from ..diagnostics import Diagnostic
from ..textfile import display_path
from .files import DERIVED_COPIES, Row
from .records import Quarter, QuarterSource

DERIVED_SUFFIX = ".derived.csv"
LOST = "\ufffd"
LOST_SHOWN = " [character lost in the copy of the CMS file] "
COPIES_FIX = (
    f"list each derived copy in {DERIVED_COPIES} as `FILE: {{source: who copied it, where, commit; "
    "sha256: the file's SHA-256}`"
)


def is_derived(path: Path) -> bool:
    return path.name.endswith(DERIVED_SUFFIX)


def read_derived_copies(folder: Path) -> tuple[dict[str, dict[str, str]], list[Diagnostic]]:
    """file name → {source, sha256} from derived-copies.yml ({} when there is none)."""
    path = folder / DERIVED_COPIES
    if not path.is_file():
        return {}, []
    shown = display_path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        line = getattr(getattr(error, "problem_mark", None), "line", 0) + 1
        return {}, [
            Diagnostic(shown, line, f"{DERIVED_COPIES} cannot be read ({type(error).__name__})", COPIES_FIX)
        ]
    entries = data if isinstance(data, dict) else {}
    good = {
        str(name): {key: str(value.get(key, "")).strip() for key in ("source", "sha256")}
        for name, value in entries.items()
        if isinstance(value, dict)
    }
    if len(good) != len(entries) or (data is not None and not isinstance(data, dict)):
        return good, [Diagnostic(shown, 1, "an entry is not a mapping of source and sha256", COPIES_FIX)]
    return good, []


def quarter_source(
    path: Path, quarter: Quarter, copies: dict[str, dict[str, str]]
) -> tuple[QuarterSource, list[Diagnostic]]:
    """The provenance of one payment-limit file; a derived copy must be listed, with its hash."""
    shown = display_path(path)
    if not is_derived(path):
        return QuarterSource(quarter, shown), []
    entry = copies.get(path.name, {})
    source = QuarterSource(quarter, shown, entry.get("source") or "source not named")
    if not entry.get("source") or not entry.get("sha256"):
        message = f"a derived copy needs its source and SHA-256 in {DERIVED_COPIES}"
        return source, [Diagnostic(shown, 1, message, COPIES_FIX)]
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != entry["sha256"].lower():
        message = f"the file's SHA-256 is {digest}, but {DERIVED_COPIES} names {entry['sha256']}"
        fix = "restore the copy named there (git checkout -- content/reference/asp/), or list the new one"
        return source, [Diagnostic(shown, 1, message, fix)]
    return source, []


def lost_characters(rows: tuple[Row, ...], shown: str) -> list[Diagnostic]:
    """A data warning for each cell where the copy's re-encoding lost a character."""
    return [
        Diagnostic(
            shown,
            row.line,
            f"{row.code}: the {column} {value!a} has a character the copy's re-encoding broke "
            "(U+FFFD); pages show it as [character lost in the copy of the CMS file]",
            "replace the copy with CMS's original file when one is found",
            "warning",
        )
        for row in rows
        for column, value in row.values.items()
        if LOST in value
    ]


def shown_text(value: str) -> str:
    """A cell as a page may show it: a broken character becomes a visible marker, spaces collapsed."""
    return " ".join(value.replace(LOST, LOST_SHOWN).split())


def header_on_first_line(path: Path, code_header: str) -> bool:
    """True for a payment-limit file in the derived shape: CMS puts a title and notes above the
    header, a derived copy starts with it."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(4096).decode("utf-8", "replace").lstrip("\ufeff")
    except OSError:
        return False
    return first.split(",", 1)[0].strip().strip('"') == code_header


def stage_derived_copy(folder: Path, name: str, given: Path) -> None:
    """List a new derived copy in a staged folder's derived-copies.yml (its source: the file given),
    so the build's own loader can read it for the diff; never written into content/."""
    copies, _ = read_derived_copies(folder)
    copies[name] = {
        "source": f"the file given to reference-diff, {display_path(given)}",
        "sha256": hashlib.sha256(given.read_bytes()).hexdigest(),
    }
    (folder / DERIVED_COPIES).write_text(yaml.safe_dump(copies, allow_unicode=True), encoding="utf-8")
