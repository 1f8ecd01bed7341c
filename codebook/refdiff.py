"""`python build.py reference-diff NEW.csv [--apply]`: what a newer CMS HCPCS file changes.

Lists codes added, terminated, removed and changed (descriptors, billing unit, dates), pages first.
NEW.csv is checked whole first (refcheck.py); `--apply` then replaces the reference copy
atomically with the text that was checked; `check` then points at every page fact that no longer
matches, so nothing is edited behind the author's back.
"""

from __future__ import annotations

import csv
import os
import sys
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path

from .cms_tables import FAMILY_FILE, FULL_FILE, cms_codes_from_rows, load_cms_codes, load_reference
from .descriptor import unit_in_descriptor
from .diagnostics import Diagnostic
from .load import display_path, find_content_files
from .model import CmsCode
from .refcheck import NewTable, check_rows, column_problem, read_table_text, shrink_problem
from .reporting import print_error, print_json, print_problems, printable
from .schema import CODE_PATTERN, code_family

LISTED = 20  # codes, prices and NDCs listed per kind in the text reports (all of them in JSON)
FACTS = (
    ("long descriptor", "long_descriptor"),
    ("short descriptor", "short_descriptor"),
    ("added", "add_date"),
    ("action effective", "action_effective_date"),
    ("terminated", "termination_date"),
)


@dataclass(frozen=True)
class DiffReport:
    """What one `reference-diff` run tells, whichever CMS files it compared (the HCPCS file here,
    drug files in drug_refdiff.py): the copies `--apply` puts in place, the JSON document's facts
    and the text report's lines, all worked out before anything is replaced."""

    writes: tuple[tuple[bytes, Path], ...]  # (new text, reference copy); () without --apply
    facts: Mapping[str, object]  # in the order the JSON document lists them
    lines: tuple[str, ...]


def tell(report: DiffReport, fmt: str) -> int:
    """Replace the reference copies, then print the report as JSON or text: 0, or 1 when a copy
    could not be replaced (said in one line instead of the report, and nothing replaced)."""
    if report.writes and (failure := replace_problem(list(report.writes))):
        print_error(failure)
        return 1
    if fmt == "json":
        print_json(sys.stdout, "reference-diff", [], **report.facts)
        return 0
    for line in report.lines:
        print(line)
    return 0


@dataclass(frozen=True)
class FactChange:
    fact: str
    old: str
    new: str


@dataclass(frozen=True)
class CodeChange:
    code: str
    kind: str  # added | terminated | removed | changed
    descriptor: str
    facts: tuple[FactChange, ...] = ()
    page: str = ""


def compare_codes(
    old: dict[str, CmsCode], new: dict[str, CmsCode], pages: dict[str, str]
) -> list[CodeChange]:
    """Every code whose facts differ between two CMS files, in code order."""
    changes = []
    for code in sorted(set(old) | set(new)):
        before, after = old.get(code), new.get(code)
        page = pages.get(code, "")
        if before is None and after is not None:
            changes.append(CodeChange(code, "added", after.long_descriptor, page=page))
        elif after is None and before is not None:
            changes.append(CodeChange(code, "removed", before.long_descriptor, page=page))
        elif before is not None and after is not None:
            facts = fact_changes(before, after)
            if facts:
                kind = "terminated" if after.termination_date and not before.termination_date else "changed"
                changes.append(CodeChange(code, kind, after.long_descriptor, facts, page))
    return changes


def fact_changes(before: CmsCode, after: CmsCode) -> tuple[FactChange, ...]:
    found = [
        FactChange(label, getattr(before, name), getattr(after, name))
        for label, name in FACTS
        if getattr(before, name) != getattr(after, name)
    ]
    unit_before = unit_in_descriptor(before.long_descriptor)
    unit_after = unit_in_descriptor(after.long_descriptor)
    if unit_before != unit_after:
        found.append(
            FactChange(
                "billing unit",
                unit_before.label if unit_before else "none",
                unit_after.label if unit_after else "none",
            )
        )
    return tuple(found)


def page_paths(content: Path) -> dict[str, str]:
    return {
        p.stem.upper(): display_path(p)
        for p in find_content_files(content / "codes")
        if CODE_PATTERN.match(p.stem.upper())
    }


def compare_reference(new_file: Path, content: Path, *, apply: bool, fmt: str, force: bool = False) -> int:
    """The command: 0 when compared (and applied), 1 when NEW.csv has problems (all listed),
    2 when it cannot be used at all. A refused file leaves the reference copy untouched."""
    reference_file = content / "reference" / FULL_FILE
    table, problems, status = checked_table(new_file, reference_file)
    current, new = load_cms_codes(reference_file), cms_codes_from_rows(table.rows)
    if not problems and apply and not force:
        shrunk = shrink_problem(len(new), len(current), *_names(new_file, reference_file))
        problems = [shrunk] if shrunk else []
    if problems:
        return refuse(problems, status, reference_file, fmt)
    pages = page_paths(content)
    edition = load_reference(content).edition.short
    changes = compare_codes(current, new, pages)
    facts = {
        "reference": display_path(reference_file),
        "new_file": display_path(new_file),
        "applied": apply,
        "changes": [asdict(c) for c in changes],
    }
    lines = (
        f"Compared {display_path(reference_file)} ({edition}) with {printable(display_path(new_file))}.",
        *change_lines(changes, pages),
        *next_step_lines(changes, new_file, content, apply),
    )
    writes = ((table.text.encode("utf-8"), reference_file),) if apply else ()
    return tell(DiffReport(writes, facts, lines), fmt)


def checked_table(new_file: Path, reference_file: Path) -> tuple[NewTable, list[Diagnostic], int]:
    """NEW.csv read once and checked whole: (table, problems, exit status if refused)."""
    shown, reference = _names(new_file, reference_file)
    empty = NewTable("", ())
    text, unreadable = read_table_text(new_file, shown)
    if unreadable:
        return empty, [unreadable], 2
    wrong_columns = column_problem(text, header(reference_file), shown, reference)
    if wrong_columns:
        return empty, [wrong_columns], 2
    table, problems = check_rows(text, shown, reference_file.parent)
    return table, problems, 1


def _names(new_file: Path, reference_file: Path) -> tuple[str, str]:
    return display_path(new_file), display_path(reference_file)


def refuse(problems: list[Diagnostic], status: int, kept: Path, fmt: str) -> int:
    """Every problem, and a last line saying the reference copy (or folder) `kept` was left as it was."""
    print_problems(problems, fmt, sys.stdout, sys.stderr)
    if fmt == "json":
        print_json(sys.stdout, "reference-diff", problems, applied=False)
    else:
        print(f"{len(problems)} problem(s); {display_path(kept)} was not changed.", file=sys.stderr)
    return status


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def replace_problem(files: list[tuple[bytes, Path]]) -> str:
    """'' once every file is replaced; else why not, in one line. replace_files leaves the old
    copies and no temporary file behind when it fails."""
    try:
        replace_files(files)
    except OSError as failure:
        where = f" ({failure.filename})" if failure.filename else ""
        targets = ", ".join(display_path(target) for _, target in files)
        kept = "it was" if len(files) == 1 else "they were"
        return (
            f"could not replace {targets}: {failure.strerror or failure}{where}; "
            f"{kept} not changed — free some disk space or make the folder writable, then run it again"
        )
    return ""


def replace_file(data: bytes, target: Path) -> None:
    replace_files([(data, target)])


def replace_files(files: list[tuple[bytes, Path]]) -> None:
    """Atomic per file, and all or none as far as a file system allows: each new text is written to
    a temporary file beside its target and flushed to disk first (where a full disk fails), and only
    then is each renamed over its target, so a crash leaves old copies or new ones, never half of one."""
    staged: list[tuple[str, Path]] = []
    try:
        for data, target in files:
            staged.append((staged_copy(data, target), target))
        for partial, target in staged:
            os.replace(partial, target)
    except BaseException:
        for partial, _ in staged:
            Path(partial).unlink(missing_ok=True)
        raise
    for folder_path in {target.parent for _, target in files}:
        folder = os.open(folder_path, os.O_RDONLY)
        try:
            os.fsync(folder)  # the renames themselves survive a power cut
        finally:
            os.close(folder)


def staged_copy(data: bytes, target: Path) -> str:
    """A temporary file beside `target` holding `data`, flushed to disk, with the target's mode."""
    descriptor, partial = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        os.chmod(partial, target.stat().st_mode & 0o777 if target.exists() else 0o644)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        Path(partial).unlink(missing_ok=True)
        raise
    return partial


def change_lines(changes: list[CodeChange], pages: dict[str, str]) -> Iterator[str]:
    """The text report's changes: pages to update first, then codes added near them, then the rest."""
    if not changes:
        yield "No differences: the files list the same codes with the same facts."
        return
    with_pages = [c for c in changes if c.page]
    yield f"\nPages to update ({len(with_pages)}):" if with_pages else "\nNo page is affected."
    for change in with_pages:
        yield f"  {change.page}: {change.code} {change.kind}"
        for fact in change.facts:
            yield f"      {fact.fact}: {_shown(fact.old)} → {_shown(fact.new)}"
    families = {code_family(code) for code in pages}
    added = [c for c in changes if c.kind == "added"]
    near = [c for c in added if code_family(c.code) in families]
    if near:
        yield f"\nAdded in families that have pages ({len(near)}); start one with python build.py new CODE:"
        for change in near:
            yield f"  {change.code}  {printable(change.descriptor)}"
    for kind in ("added", "terminated", "removed", "changed"):
        rest = [c for c in changes if c.kind == kind and not c.page and c not in near]
        if rest:
            shown = ", ".join(c.code for c in rest[:LISTED])
            more = f" and {len(rest) - LISTED} more (all in --format json)" if len(rest) > LISTED else ""
            label = (
                "Other codes added"
                if kind == "added" and near
                else f"{kind.capitalize()} codes without pages"
            )
            yield f"\n{label} ({len(rest)}): {shown}{more}"


def next_step_lines(changes: list[CodeChange], new_file: Path, content: Path, applied: bool) -> Iterator[str]:
    affected = [c for c in changes if c.page]
    if not applied:
        command = f"python build.py reference-diff {printable(str(new_file))} --apply"
        yield f"\nNothing was changed. To use the new file: {command}"
        return
    updated = display_path(content / "reference" / FULL_FILE)
    yield f"\nUpdated {updated} from {printable(display_path(new_file))}."
    if affected:
        yield "Now run: python build.py check. It points at each fact to update on the pages listed above."
    family = content / "reference" / FAMILY_FILE
    listed = {row[0] for row in csv.reader(family.open(encoding="utf-8"))} if family.is_file() else set()
    stale = [c.code for c in changes if c.kind != "added" and c.code in listed]
    if stale:
        yield (
            f"The J7500–J7599 table ({display_path(family)}) still describes the old facts of "
            f"{', '.join(stale)}; units are read from the new descriptors until it is updated."
        )
    yield "Also name the new release in content/reference/edition.yml and content/reference/SOURCES.md."


def _shown(value: str) -> str:
    """A CMS value quoted for the terminal or CI log: every line break and control escaped, since
    the output stream keeps line breaks (a descriptor could otherwise start a forged line)."""
    return f"'{printable(value)}'" if value else "none"
