"""content/reference/asp/ → DrugFiles: the quarters' payment limits and the newest crosswalk.

File names say the quarter (`payment-limits-2026-01.csv`, `ndc-hcpcs-crosswalk-2026-01.csv`, the
month a quarter starts), and each file's own "Effective January 1, 2026 …" line must agree: a copy
filed under the wrong quarter would show last quarter's prices as this quarter's. Nothing here
raises on bad data; every problem is in `DrugFiles.diagnostics`.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from pathlib import Path

from ..diagnostics import Diagnostic
from ..textfile import display_path
from .faults import consistent, factor_fault
from .files import RESTORE, Row, TableRead, TableSpec, read_cms_table
from .ndc import normalize_ndc
from .records import MONTHS, DrugData, DrugFiles, NdcPackage, PaymentLimit, Place, Quarter

LIMIT_FILE = re.compile(r"payment-limits-(\d{4})-(\d{2})\.csv")
CROSSWALK_FILE = re.compile(r"ndc-hcpcs-crosswalk-(\d{4})-(\d{2})\.csv")
FIGURE = re.compile(r"[0-9]*\.?[0-9]+")
EFFECTIVE = re.compile(r"Effective (\w+) 1, (\d{4})")
LIMIT_SPEC = TableSpec(
    kind="payment-limit file",
    code_header=re.compile(r"HCPCS Code"),
    code_header_example="HCPCS Code",
    columns=("Short Description", "HCPCS Code Dosage", "Payment Limit", "Co-insurance Percentage", "Notes"),
    optional=("Vaccine AWP%", "Vaccine Limit", "Blood AWP%", "Blood limit", "Clotting Factor"),
)
CROSSWALK_SPEC = TableSpec(
    kind="NDC-HCPCS crosswalk",
    code_header=re.compile(r"_\d{4}_CODE"),
    code_header_example="_2026_CODE",
    columns=(
        "Short Description",
        "LABELER NAME",
        "NDC2",
        "Drug Name",
        "HCPCS dosage",
        "PKG SIZE",
        "PKG QTY",
        "BILLUNITS",
        "BILLUNITSPKG",
    ),
)


def load_drug_files(folder: Path) -> DrugFiles:
    """Every payment-limit file and the newest crosswalk in `folder`, read and assembled."""
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        shown = display_path(folder)
        problems.append(Diagnostic(shown, 1, "the CMS drug data folder is missing", f"copy it: {RESTORE}"))
        return DrugFiles({}, (), None, {}, tuple(problems))
    limit_files = _quarter_files(folder, LIMIT_FILE, problems)
    crosswalks = _quarter_files(folder, CROSSWALK_FILE, problems)
    limits: list[PaymentLimit] = []
    dropped: dict[str, int] = {}
    for quarter, path in limit_files:
        read = _read_quarter(path, quarter, LIMIT_SPEC, problems, dropped)
        shown = display_path(path)
        limits += [payment_limit(row, quarter, Place(shown, row.line)) for row in read.rows]
    packages: list[NdcPackage] = []
    crosswalk_quarter = crosswalks[-1][0] if crosswalks else None
    if crosswalks:
        quarter, path = crosswalks[-1]
        read = _read_quarter(path, quarter, CROSSWALK_SPEC, problems, dropped)
        shown = display_path(path)
        packages = [ndc_package(row, Place(shown, row.line)) for row in read.rows]
    return DrugFiles(
        drugs=assemble(limits, packages),
        quarters=tuple(q for q, _ in limit_files),
        crosswalk_quarter=crosswalk_quarter,
        cpt_rows_dropped=dropped,
        diagnostics=tuple(problems),
    )


def _quarter_files(
    folder: Path, pattern: re.Pattern[str], problems: list[Diagnostic]
) -> list[tuple[Quarter, Path]]:
    found = []
    prefix = pattern.pattern.split("-(")[0]
    for path in sorted(folder.glob(f"{prefix}-*")):
        match = pattern.fullmatch(path.name)
        quarter = Quarter(int(match[1]), int(match[2])) if match else None
        if quarter is None or quarter.month not in (1, 4, 7, 10):
            problems.append(
                Diagnostic(
                    display_path(path),
                    1,
                    "the file name does not name a quarter",
                    f"name it {prefix}-YYYY-MM.csv with the quarter's first month (01, 04, 07 or 10)",
                )
            )
            continue
        found.append((quarter, path))
    return found


def _read_quarter(
    path: Path, quarter: Quarter, spec: TableSpec, problems: list[Diagnostic], dropped: dict[str, int]
) -> TableRead:
    read = read_cms_table(path, spec)
    problems.extend(read.problems)
    dropped[display_path(path)] = read.cpt_rows
    stated = stated_quarter(read.preamble)
    if stated and stated != quarter:
        problems.append(
            Diagnostic(
                display_path(path),
                1,
                f"the file name says {quarter.label}, but the file says it is in force from {stated.label}",
                f"rename it for {stated.key}, or {RESTORE}",
            )
        )
    return read


def stated_quarter(preamble: tuple[str, ...]) -> Quarter | None:
    months = {name: 3 * index + 1 for index, name in enumerate(MONTHS)}
    for line in preamble:
        match = EFFECTIVE.search(line)
        if match and match[1] in months:
            return Quarter(int(match[2]), months[match[1]])
    return None


@functools.lru_cache(maxsize=4096)  # figures repeat ("1", "10", "20.000"): parse each once
def number(text: str) -> Decimal | None:
    """A CMS figure as an exact Decimal (its published decimals kept), or None if it is not one."""
    value = text.strip().replace(",", "")
    return Decimal(value) if FIGURE.fullmatch(value) else None


def payment_limit(row: Row, quarter: Quarter, place: Place) -> PaymentLimit:
    v = row.values
    return PaymentLimit(
        code=row.code,
        quarter=quarter,
        short_description=v["Short Description"].strip(),
        dosage=" ".join(v["HCPCS Code Dosage"].split()),
        limit=number(v["Payment Limit"]),
        limit_text=v["Payment Limit"].strip(),
        coinsurance=number(v["Co-insurance Percentage"]),
        coinsurance_text=v["Co-insurance Percentage"].strip(),
        notes=v["Notes"].strip(),
        other=tuple((c, v[c].strip()) for c in LIMIT_SPEC.optional if v.get(c, "").strip()),
        place=place,
    )


def ndc_package(row: Row, place: Place) -> NdcPackage:
    v = row.values
    qty, units, per_ndc = number(v["PKG QTY"]), number(v["BILLUNITS"]), number(v["BILLUNITSPKG"])
    dosage, size = " ".join(v["HCPCS dosage"].split()), number(v["PKG SIZE"])
    return NdcPackage(
        code=row.code,
        labeler=v["LABELER NAME"].strip(),
        drug_name=v["Drug Name"].strip(),
        ndc=normalize_ndc(v["NDC2"]) or "",
        ndc_as_published=v["NDC2"].strip(),
        dosage=dosage,
        short_description=v["Short Description"].strip(),
        pkg_size=size,
        pkg_qty=qty,
        billunits=units,
        billunitspkg=per_ndc,
        inconsistent=not consistent(qty, units, per_ndc),
        place=place,
        fault=factor_fault(dosage, size, units),
    )


def assemble(limits: list[PaymentLimit], packages: list[NdcPackage]) -> dict[str, DrugData]:
    """One DrugData per code found in any file, its limits in quarter order."""
    codes = sorted({r.code for r in limits} | {p.code for p in packages})
    by_code_limits: dict[str, list[PaymentLimit]] = {code: [] for code in codes}
    by_code_packages: dict[str, list[NdcPackage]] = {code: [] for code in codes}
    for limit in sorted(limits, key=lambda r: r.quarter):
        kept = by_code_limits[limit.code]
        if not kept or kept[-1].quarter != limit.quarter:  # a repeated row: checks.py reports it
            kept.append(limit)
    for package in packages:
        by_code_packages[package.code].append(package)
    return {
        code: DrugData(
            code=code,
            limits=tuple(by_code_limits[code]),
            packages=tuple(by_code_packages[code]),
            drug_names=tuple(sorted({p.drug_name for p in by_code_packages[code] if p.drug_name})),
        )
        for code in codes
    }
