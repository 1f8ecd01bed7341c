"""`python build.py reference-diff NEW.csv [--apply]`: what a newer CMS HCPCS file changes.

Lists codes added, terminated, removed and changed (descriptors, billing unit, dates), pages first.
`--apply` replaces the reference copy; `check` then points at every page fact that no longer
matches, so nothing is edited behind the author's back.
"""

from __future__ import annotations

import csv
import os
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from .descriptor import unit_in_descriptor
from .load import display_path, find_content_files
from .model import CmsCode
from .reference import FAMILY_FILE, FULL_FILE, load_cms_codes, load_reference
from .reporting import print_json
from .schema import CODE_PATTERN, code_family

LISTED = 20  # codes without pages are listed up to this many per kind (all of them in JSON)
FACTS = (
    ("long descriptor", "long_descriptor"),
    ("short descriptor", "short_descriptor"),
    ("added", "add_date"),
    ("action effective", "action_effective_date"),
    ("terminated", "termination_date"),
)


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


def compare_reference(new_file: Path, content: Path, *, apply: bool, fmt: str) -> int:
    """The command: 0 when compared (and applied), 2 when NEW.csv cannot be used."""
    reference_file = content / "reference" / FULL_FILE
    problem = unusable(new_file, reference_file)
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return 2
    pages = page_paths(content)
    edition = load_reference(content).edition.short
    changes = compare_codes(load_cms_codes(reference_file), load_cms_codes(new_file), pages)
    if apply:
        replace_file(new_file, reference_file)
    if fmt == "json":
        print_json(
            sys.stdout,
            "reference-diff",
            [],
            reference=display_path(reference_file),
            new_file=display_path(new_file),
            applied=apply,
            changes=[asdict(c) for c in changes],
        )
        return 0
    print(f"Compared {display_path(reference_file)} ({edition}) with {display_path(new_file)}.")
    print_changes(changes, pages)
    print_next_steps(changes, new_file, content, apply)
    return 0


def unusable(new_file: Path, reference_file: Path) -> str:
    """Why NEW.csv cannot be compared ('' when it can): missing, or not the CMS columns."""
    if not new_file.is_file():
        return f"{new_file} does not exist"
    expected, got = header(reference_file), header(new_file)
    if got != expected:
        missing = [c for c in expected if c not in got]
        return (
            f"{new_file} does not have the columns of {display_path(reference_file)}"
            + (f" (missing: {', '.join(missing)})" if missing else "")
            + "; convert the CMS file the same way (see content/reference/SOURCES.md)"
        )
    return ""


def header(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def replace_file(source: Path, target: Path) -> None:
    partial = target.with_name(f".{target.name}.partial")
    partial.write_bytes(source.read_bytes())
    os.replace(partial, target)


def print_changes(changes: list[CodeChange], pages: dict[str, str]) -> None:
    if not changes:
        print("No differences: the files list the same codes with the same facts.")
        return
    with_pages = [c for c in changes if c.page]
    print(f"\nPages to update ({len(with_pages)}):" if with_pages else "\nNo page is affected.")
    for change in with_pages:
        print(f"  {change.page}: {change.code} {change.kind}")
        for fact in change.facts:
            print(f"      {fact.fact}: {_shown(fact.old)} → {_shown(fact.new)}")
    families = {code_family(code) for code in pages}
    added = [c for c in changes if c.kind == "added"]
    near = [c for c in added if code_family(c.code) in families]
    if near:
        print(f"\nAdded in families that have pages ({len(near)}); start one with python build.py new CODE:")
        for change in near:
            print(f"  {change.code}  {change.descriptor}")
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
            print(f"\n{label} ({len(rest)}): {shown}{more}")


def print_next_steps(changes: list[CodeChange], new_file: Path, content: Path, applied: bool) -> None:
    affected = [c for c in changes if c.page]
    if not applied:
        print(
            f"\nNothing was changed. To use the new file: python build.py reference-diff {new_file} --apply"
        )
        return
    print(f"\nUpdated {display_path(content / 'reference' / FULL_FILE)} from {display_path(new_file)}.")
    if affected:
        print("Now run: python build.py check. It points at each fact to update on the pages listed above.")
    family = content / "reference" / FAMILY_FILE
    listed = {row[0] for row in csv.reader(family.open(encoding="utf-8"))} if family.is_file() else set()
    stale = [c.code for c in changes if c.kind != "added" and c.code in listed]
    if stale:
        print(
            f"The J7500–J7599 table ({display_path(family)}) still describes the old facts of "
            f"{', '.join(stale)}; units are read from the new descriptors until it is updated."
        )
    print("Also name the new release in content/reference/edition.yml and content/reference/SOURCES.md.")


def _shown(value: str) -> str:
    return f"'{value}'" if value else "none"
