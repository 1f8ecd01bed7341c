"""`python build.py reference-diff FILE… [--apply]` for next quarter's CMS drug files.

Given a new payment-limit file and/or NDC–HCPCS crosswalk (recognised by their header columns), it
reports what they change (prices that moved, NDCs and codes added and dropped: drugs/diff.py). The
new files are checked first exactly as the build checks its copies: they are put beside a copy of
content/reference/asp/ in a temporary folder and read by the same loader, so every problem is listed
as `path:line: problem — fix` with the new file's own path. `--apply` copies them in (byte for
byte, Latin-1 as CMS publishes) only when nothing is wrong, and replaces nothing on any error.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from .cms_tables import load_reference
from .diagnostics import Diagnostic
from .drug_stage import ASP_FOLDER
from .drugs import DrugFiles, drug_data_warnings, load_drug_files
from .drugs.diff import DrugDiff, NdcRow, compare_drug_files
from .drugs.files import DERIVED_COPIES, RESTORE, decode_cms, read_cms_table
from .drugs.loader import CROSSWALK_FILE, CROSSWALK_SPEC, LIMIT_FILE, LIMIT_SPEC, stated_quarter
from .drugs.provenance import DERIVED_SUFFIX, header_on_first_line, is_derived, stage_derived_copy
from .drugs.records import Quarter
from .refdiff import LISTED, DiffReport, compare_reference, refuse, tell
from .reference_files import MAX_REFERENCE_BYTES
from .reporting import print_error, printable
from .textfile import _read_regular_file, display_path, regular_file_problem

SNIFF_BYTES = 65_536  # the header is within the first lines (CMS puts a title and notes above it)
# The loader's fix says how to mend our copy; a new file is mended at its source.
# A pipe (`<(cat FILE)`) is read once, a FIFO may never end: the file is checked, then copied in.
SAVE_FIRST = "save it as a file first (e.g. cat … > new.csv) and give that file's path"
NEW_FILE_FIX = "download it again from CMS and give the file as CMS publishes it (Latin-1, unedited)"
# What a maintainer is told when a file meant as a drug file is not one (not the HCPCS file's advice).
DRUG_FILE_MUST = (
    "a CMS drug file is the payment-limit file or the NDC–HCPCS crosswalk as CMS publishes it: "
    "Latin-1 CSV text, title lines, a header with 'HCPCS Code' (payment limits) or '_YYYY_CODE' "
    "(crosswalk), then one row per code (a derived copy named '*.derived.csv' may be UTF-8 with the "
    "header on line 1); download it again from CMS"
)
DRUG_FILE_NAME = re.compile(r"asp|payment|limit|crosswalk|ndc", re.IGNORECASE)  # CMS's names
KINDS = (  # file-name prefix, its spec, its name pattern
    ("payment-limits", LIMIT_SPEC, LIMIT_FILE),
    ("ndc-hcpcs-crosswalk", CROSSWALK_SPEC, CROSSWALK_FILE),
)


@dataclass(frozen=True)
class NewDrugFile:
    source: Path
    prefix: str  # "payment-limits" or "ndc-hcpcs-crosswalk"
    quarter: Quarter
    derived: bool = False  # a payment-limit file in a derived copy's shape (header on line 1)

    @property
    def target_name(self) -> str:
        return f"{self.prefix}-{self.quarter.key}{DERIVED_SUFFIX if self.derived else '.csv'}"

    @property
    def kind(self) -> str:
        return next(spec.kind for prefix, spec, _ in KINDS if prefix == self.prefix)


def drug_file_prefix(path: Path) -> str:
    """ "payment-limits" or "ndc-hcpcs-crosswalk" when the file's header names that table's code
    column; "" for anything else (the HCPCS file, an unreadable file)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(SNIFF_BYTES).decode("latin-1")
    except OSError:
        return ""
    lines = head.splitlines()[:-1] or head.splitlines()  # the last line may be cut by the byte limit
    for values in csv.reader(io.StringIO("\n".join(lines))):
        for prefix, spec, _ in KINDS:
            if any(spec.code_header.fullmatch(value.strip()) for value in values):
                return prefix
    return ""


def not_a_drug_file(path: Path) -> Diagnostic:
    """Why a file named like a CMS drug file has no drug file's header: empty, binary, UTF-16…"""
    shown = display_path(path)
    raw, problem = _read_regular_file(path, shown, MAX_REFERENCE_BYTES)
    problem = problem or decode_cms(raw, shown)[1]
    what = problem.message if problem else "no line is a header with a 'HCPCS Code' or '_YYYY_CODE' column"
    return Diagnostic(shown, problem.line if problem else 1, what, DRUG_FILE_MUST)


def header_only_problems(news: list[NewDrugFile]) -> list[Diagnostic]:
    """A new drug file with its header but no row would drop every price or NDC: refused."""
    reads = [
        (
            new,
            read_cms_table(new.source, next(s for p, s, _ in KINDS if p == new.prefix), derived=new.derived),
        )
        for new in news
    ]
    return [
        Diagnostic(display_path(new.source), 1, f"the {new.kind} has its header but no rows", DRUG_FILE_MUST)
        for new, read in reads
        if not read.rows and not read.problems  # one it cannot read is reported as such
    ]


def identify(path: Path, prefix: str) -> tuple[NewDrugFile | None, Diagnostic | None]:
    """The quarter a new file is for: from its name (payment-limits-2026-04.csv), else from its own
    "Effective April 1, 2026" line. The loader later checks that the two agree."""
    spec, pattern = next((spec, pattern) for p, spec, pattern in KINDS if p == prefix)
    named = pattern.fullmatch(path.name)
    quarter = (
        Quarter(int(named[1]), int(named[2]))
        if named
        else stated_quarter(read_cms_table(path, spec).preamble)
    )
    if quarter is None or quarter.month not in (1, 4, 7, 10):
        fix = f"name it {prefix}-YYYY-MM.csv with the quarter's first month (01, 04, 07 or 10)"
        return None, Diagnostic(display_path(path), 1, "the file does not say which quarter it is for", fix)
    derived = prefix == "payment-limits" and (is_derived(path) or header_on_first_line(path, "HCPCS Code"))
    return NewDrugFile(path, prefix, quarter, derived), None


def identify_all(paths: list[Path], kinds: list[str]) -> tuple[list[NewDrugFile], list[Diagnostic]]:
    found, problems = [], []
    for path, kind in zip(paths, kinds, strict=True):
        new, problem = identify(path, kind)
        if problem:
            problems.append(problem)
        elif new:
            found.append(new)
    targets = [new.target_name for new in found]
    for new in found:
        if targets.count(new.target_name) > 1:
            problems.append(
                Diagnostic(
                    display_path(new.source),
                    1,
                    f"two of the new files are the {new.prefix} file of {new.quarter.label}",
                    "give one file per table and quarter",
                )
            )
    return found, problems


def compare_drug_reference(
    paths: list[Path], kinds: list[str], content: Path, *, apply: bool, fmt: str
) -> int:
    """The command for drug files (`kinds`: each one's drug_file_prefix): 0 compared (and
    applied), 1 when a new file has problems (all listed; nothing replaced)."""
    folder = content / ASP_FOLDER
    news, problems = identify_all(paths, kinds)
    problems += header_only_problems(news)
    problems += [derived_apply_refused(new) for new in news if apply and new.derived]
    candidate, found = checked_candidate(folder, news)
    if problems or found:  # every problem of every file, in one run
        return refuse([*problems, *found], 1, folder, fmt)
    current = load_drug_files(folder)
    diff = compare_drug_files(current, candidate)
    turnover = family_turnover(diff, current, candidate)
    warnings = (data_warning_count(current, content), data_warning_count(candidate, content))
    files = [{"file": display_path(n.source), "copy": display_path(folder / n.target_name)} for n in news]
    facts = {
        "reference": display_path(folder),
        "applied": apply,
        "new_files": files,
        "data_warnings": list(warnings),
        "drug_changes": asdict(diff),
        "turnover_by_family": [asdict(entry) for entry in turnover],
    }
    lines = (
        *drug_report_lines(diff, news, folder, warnings),
        *turnover_lines(turnover),
        *drug_next_step_lines(news, folder, apply),
    )
    writes = tuple((n.source.read_bytes(), folder / n.target_name) for n in news) if apply else ()
    return tell(DiffReport(writes, facts, lines), fmt)


DERIVED_NOTE = (
    "a derived copy, not CMS's file as published (header on line 1, no title lines): its figures "
    'would be shown as "from a copy of the CMS file"'
)


def derived_apply_refused(new: NewDrugFile) -> Diagnostic:
    """--apply copies CMS's files only: a derived copy needs its source named by a person."""
    return Diagnostic(
        display_path(new.source),
        1,
        "this is a derived copy of a CMS payment-limit file, so --apply does not copy it",
        f"copy it by hand as content/reference/asp/{new.target_name} and name its source and SHA-256 "
        f"in content/reference/asp/{DERIVED_COPIES} (or give CMS's original file)",
    )


def checked_candidate(folder: Path, news: list[NewDrugFile]) -> tuple[DrugFiles, list[Diagnostic]]:
    """The drug files as they would be with the new ones, read by the build's own loader in a
    temporary copy; its errors are reported against the files the maintainer named."""
    with tempfile.TemporaryDirectory(prefix="codebook-reference-diff-") as scratch:
        staged = Path(scratch)
        names: dict[str, str] = {}  # staged path as shown → the path the maintainer knows
        for path in sorted(folder.glob("*.csv")) if folder.is_dir() else []:
            shutil.copyfile(path, staged / path.name)
            names[display_path(staged / path.name)] = display_path(path)
        if (folder / DERIVED_COPIES).is_file():
            shutil.copyfile(folder / DERIVED_COPIES, staged / DERIVED_COPIES)
        for new in news:
            shutil.copyfile(new.source, staged / new.target_name)
            names[display_path(staged / new.target_name)] = display_path(new.source)
            if new.derived:
                stage_derived_copy(staged, new.target_name, new.source)
        candidate = load_drug_files(staged)
    new_paths = {display_path(new.source) for new in news}
    problems = [
        renamed(problem, names.get(problem.path, problem.path), new_paths)
        for problem in candidate.diagnostics
        if problem.severity == "error"
    ]
    for new in news:
        if new.prefix == "ndc-hcpcs-crosswalk" and candidate.crosswalk_quarter != new.quarter:
            shown = display_path(new.source)
            newest = candidate.crosswalk_quarter.label if candidate.crosswalk_quarter else "?"
            fix = f"give the crosswalk newer than {newest}, or none"
            problems.append(
                Diagnostic(
                    shown, 1, "the build reads only the newest crosswalk: this one would go unused", fix
                )
            )
    return candidate, problems


def renamed(problem: Diagnostic, path: str, new_paths: set[str]) -> Diagnostic:
    fix = problem.fix.replace(RESTORE, NEW_FILE_FIX) if path in new_paths else problem.fix
    return replace(problem, path=path, fix=fix)


def data_warning_count(files: DrugFiles, content: Path) -> int:
    """CMS's own faults in the files (never a reason to refuse them: the build lists them too)."""
    reference = load_reference(content)
    kinds = drug_data_warnings(files, reference.codes, reference.dose_units)
    return sum(1 for p in files.diagnostics if p.severity != "error") + sum(
        len(found) for found in kinds.values()
    )


def drug_report_lines(
    diff: DrugDiff, news: list[NewDrugFile], folder: Path, warnings: tuple[int, int]
) -> Iterator[str]:
    yield f"Compared {display_path(folder)} with:"
    for new in news:
        present = (folder / new.target_name).exists()
        role = f"replaces {new.target_name}" if present else f"new, becomes {new.target_name}"
        yield f"  {printable(display_path(new.source))}: {new.kind} for {new.quarter.label} ({role})"
        if new.derived:
            yield f"    {DERIVED_NOTE}"
    if diff.empty:
        yield "\nNo differences in prices, codes or NDCs."
    else:
        yield from price_move_lines(diff)
        yield from code_change_lines(diff)
        yield from ndc_lines(diff)
    yield f"\nCMS data warnings: {warnings[0]} now, {warnings[1]} with the new files."


def price_move_lines(diff: DrugDiff) -> Iterator[str]:
    counts = (
        f"{len(diff.moved)} moved, {len(diff.newly_priced)} newly priced, "
        f"{len(diff.no_longer_priced)} no longer priced"
    )
    yield f"\nPayment limits per billing unit, {diff.old_quarter or 'none'} → {diff.new_quarter}: {counts}."
    for move in diff.moved[:LISTED]:
        change = f"  ({move.percent} %)" if move.percent else ""
        yield f"  {move.code}  {dollars(move.old)} → {dollars(move.new)}{change}"
    yield from more(diff.moved, "the largest changes first")
    yield from codes_line("Newly priced", diff.newly_priced)
    yield from codes_line("No longer priced", diff.no_longer_priced)


def code_change_lines(diff: DrugDiff) -> Iterator[str]:
    yield from codes_line("Codes added", diff.codes_added, "each gets a page, codes/CODE.html")
    yield from codes_line("Codes dropped", diff.codes_dropped, "their pages will no longer be built")


def ndc_lines(diff: DrugDiff) -> Iterator[str]:
    for title, rows in (("NDCs added", diff.ndcs_added), ("NDCs removed", diff.ndcs_removed)):
        if rows:
            yield f"\n{title} ({len(rows)}):"
            for row in rows[:LISTED]:
                yield f"  {ndc_line(row)}"
            yield from more(rows)
    if diff.ndc_units_changed:
        yield f"\nNDCs whose billable units changed ({len(diff.ndc_units_changed)}):"
        for change in diff.ndc_units_changed[:LISTED]:
            yield f"  {ndc_line(change.new)}: {change.old.units} → {change.new.units}"
        yield from more(diff.ndc_units_changed)


def ndc_line(row: NdcRow) -> str:
    return printable(f"{row.ndc}  {row.code}  {row.drug_name} ({row.labeler})")


def codes_line(title: str, codes: tuple[str, ...], note: str = "") -> Iterator[str]:
    if codes:
        rest = f" and {len(codes) - LISTED} more" if len(codes) > LISTED else ""
        shown = ", ".join(codes[:LISTED]) + rest
        yield f"\n{title} ({len(codes)}{'; ' + note if note else ''}): {shown}"


def more(rows: tuple[object, ...], order: str = "") -> Iterator[str]:
    if len(rows) > LISTED:
        yield f"  … and {len(rows) - LISTED} more ({order + '; ' if order else ''}all in --format json)"


def dollars(text: str) -> str:
    """A limit as published, with its dollar sign when it is a figure ("N/A" stays as it is)."""
    shown = printable(text)
    return f"${shown}" if shown[:1].isdigit() or shown[:1] == "." else shown


@dataclass(frozen=True)
class FamilyTurnover:
    """Codes of one block of 100 (J7500–J7599) no longer priced and newly priced, with their units."""

    family: str
    leaving: tuple[str, ...]  # "J7517 per 250 MG"
    arriving: tuple[str, ...]


def family_turnover(diff: DrugDiff, current: DrugFiles, candidate: DrugFiles) -> list[FamilyTurnover]:
    """Per block of 100 codes, the codes leaving and arriving: a renumbering (October 2026's
    mycophenolate codes) shows as one entry, each code with the billing unit its file gives it."""
    blocks: dict[str, tuple[list[str], list[str]]] = {}
    for side, codes, files in ((0, diff.no_longer_priced, current), (1, diff.newly_priced, candidate)):
        for code in codes:
            limits = files.drugs[code].limits if code in files.drugs else ()
            unit = f" per {limits[-1].dosage}" if limits else ""
            blocks.setdefault(code[:3], ([], []))[side].append(printable(f"{code}{unit}"))
    return [
        FamilyTurnover(f"{prefix}00–{prefix}99", tuple(leaving), tuple(arriving))
        for prefix, (leaving, arriving) in sorted(blocks.items())
        if leaving and arriving
    ]


def turnover_lines(turnover: list[FamilyTurnover]) -> Iterator[str]:
    if turnover:
        yield "\nCodes leaving and arriving in the same family (a renumbering shows here):"
    for entry in turnover:
        yield f"  {entry.family}: leaving {', '.join(entry.leaving)}; arriving {', '.join(entry.arriving)}"


def drug_next_step_lines(news: list[NewDrugFile], folder: Path, applied: bool) -> Iterator[str]:
    if not applied and any(new.derived for new in news):
        yield f"\nNothing was changed. A derived copy is copied by hand, its source in {DERIVED_COPIES}."
        return
    if not applied:
        files = " ".join(printable(str(new.source)) for new in news)
        yield f"\nNothing was changed. To use the new files: python build.py reference-diff {files} --apply"
        return
    yield ""
    for new in news:
        yield f"Copied {printable(display_path(new.source))} to {display_path(folder / new.target_name)}."
    yield (
        "Add a SOURCES entry for each (title, CMS address, date) in content/reference/SOURCES.md, then "
        "build: every drug page shows the new quarter."
    )


def reference_diff(paths: list[Path], content: Path, *, apply: bool, fmt: str, force: bool) -> int:
    """The `reference-diff` command: the HCPCS file on its own (refdiff.py), or CMS drug files, one
    or more (a payment-limit file and a crosswalk may come together); told apart by their headers."""
    not_files = [problem for path in paths if (problem := regular_file_problem(path, SAVE_FIRST))]
    if not_files:
        return refuse(not_files, 1, content / "reference", fmt)
    kinds = [drug_file_prefix(path) for path in paths]  # each head read once (a pipe has one read)
    if all(kinds):
        return compare_drug_reference(paths, kinds, content, apply=apply, fmt=fmt)
    if len(paths) == 1 and DRUG_FILE_NAME.search(paths[0].name):
        return refuse([not_a_drug_file(paths[0])], 1, content / ASP_FOLDER, fmt)
    if len(paths) == 1:
        return compare_reference(paths[0], content, apply=apply, fmt=fmt, force=force)
    others = ", ".join(display_path(path) for path, kind in zip(paths, kinds, strict=True) if not kind)
    print_error(
        f"{others}: not a CMS payment-limit file or NDC–HCPCS crosswalk (no 'HCPCS Code' or "
        "'_YYYY_CODE' column) — give the HCPCS file on its own, and drug files together"
    )
    return 2
