"""Faults in CMS's drug data, as data warnings: pure functions of the records, one per kind.

Our own mistakes (a broken copy) are errors from loader.py; what is checked here is CMS's and
cannot be fixed by us, so it is listed (severity "warning") for the build report and shown on the
pages where it matters ("inconsistent in the CMS file"), never silently used or dropped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import Protocol

from ..diagnostics import Diagnostic
from ..model import CmsCode
from ..reference_files import shown_value
from .faults import DOSAGE
from .records import DrugFiles, NdcPackage, PaymentLimit, Place

# A CMS dosage ("0.25 MG", "1000 UNITS", "1 ML", faults.DOSAGE) as an amount in a base unit per dimension.
SCALE = {
    "mcg": ("mass", Decimal(1)),
    "mg": ("mass", Decimal(1000)),
    "g": ("mass", Decimal(1_000_000)),
    "gm": ("mass", Decimal(1_000_000)),
    "ml": ("volume", Decimal(1)),
    "cc": ("volume", Decimal(1)),
    "units": ("count", Decimal(1)),  # units and IU are equal counts, as in site_assets/js/units.mjs
    "unit": ("count", Decimal(1)),
    "iu": ("count", Decimal(1)),
}


class HasUnit(Protocol):
    amount: str
    unit: str


Record = PaymentLimit | NdcPackage
Check = Callable[[DrugFiles, Mapping[str, CmsCode], Mapping[str, HasUnit]], list[Diagnostic]]


def warning(place: Place, message: str, fix: str) -> Diagnostic:
    return Diagnostic(place.path, place.line, message, fix, "warning")


def records(files: DrugFiles) -> Iterable[Record]:
    for drug in files.drugs.values():
        yield from drug.limits
        yield from drug.packages


def dosage_amount(text: str) -> tuple[str, Decimal] | None:
    """(dimension, amount in its base unit) of a CMS dosage or descriptor unit; None if not measurable."""
    match = DOSAGE.fullmatch(text.strip())
    scale = SCALE.get(match["unit"].lower()) if match else None
    if not match or not scale:
        return None
    return scale[0], Decimal(match["amount"]) * scale[1]


def once_per_file(files: DrugFiles, problem: Callable[[Record], tuple[str, str] | None]) -> list[Diagnostic]:
    """`problem`'s (message, fix) for each record, reported once per code and file: a fault CMS
    repeats on every NDC row of a code is one fault."""
    found, seen = [], set()
    for record in records(files):
        key = (record.place.path, record.code)
        if key in seen:
            continue
        answer = problem(record)
        if answer:
            seen.add(key)
            found.append(warning(record.place, *answer))
    return found


def unit_mismatches(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """A billing unit in a CMS file that is not the one in the code's HCPCS descriptor."""

    def problem(record: Record) -> tuple[str, str] | None:
        unit = units.get(record.code)
        cms = dosage_amount(record.dosage)
        ours = dosage_amount(f"{unit.amount} {unit.unit}") if unit else None
        if unit is None or cms is None or ours is None or ours == cms:
            return None
        return (
            f"{record.code}: this file's billing unit {shown_value(record.dosage)} is not the HCPCS "
            f"descriptor's ({unit.amount} {unit.unit})",
            "units are counted by the HCPCS descriptor; show this CMS row as inconsistent",
        )

    return once_per_file(files, problem)


def unknown_or_terminated(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """A code the HCPCS file lacks, or terminated before the quarter that lists it."""

    def problem(record: Record) -> tuple[str, str] | None:
        quarter = record.quarter if isinstance(record, PaymentLimit) else files.crosswalk_quarter
        cms = codes.get(record.code)
        fix = "the page shows the CMS figures with the code's status"
        if cms is None:
            return f"{record.code} is not in the HCPCS file", fix
        if quarter and cms.termination_date and cms.termination_date < quarter.start.isoformat():
            return f"{record.code} was terminated on {cms.termination_date}, before {quarter.label}", fix
        return None

    return once_per_file(files, problem)


def inconsistent_units(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """BILLUNITS × PKG QTY ≠ BILLUNITSPKG: both figures shown, neither used by the calculator."""
    found = []
    for drug in files.drugs.values():
        for p in drug.packages:
            if p.inconsistent and None not in (p.pkg_qty, p.billunits, p.billunitspkg):
                found.append(
                    warning(
                        p.place,
                        f"{p.code} NDC {p.ndc_as_published}: BILLUNITS {p.billunits} × PKG QTY {p.pkg_qty} "
                        f"≠ BILLUNITSPKG {p.billunitspkg}",
                        "shown as 'inconsistent in the CMS file'; the calculator does not use this row",
                    )
                )
    return found


def factor_faults(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """BILLUNITS off by a unit conversion (faults.py): shown as a CMS data fault with its reading,
    used by the calculator only when the user confirms that reading."""
    return [
        warning(
            p.place,
            f"{p.code} NDC {p.ndc_as_published}: {p.fault.explanation}",
            "shown as a CMS data fault; NDC mode uses the reading only when the user confirms it",
        )
        for drug in files.drugs.values()
        for p in drug.packages
        if p.fault
    ]


def missing_figures(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """A payment limit, coinsurance or crosswalk figure that is not a number (A9606: "N/A")."""
    found = []
    for drug in files.drugs.values():
        for limit in drug.limits:
            for name, value, text in (
                ("payment limit", limit.limit, limit.limit_text),
                ("coinsurance", limit.coinsurance, limit.coinsurance_text),
            ):
                if value is None:
                    found.append(
                        warning(
                            limit.place,
                            f"{limit.code}: the {name} for {limit.quarter.label} is {shown_value(text)}, "
                            "not a number",
                            f"no {name} is shown for this quarter",
                        )
                    )
        found += [_figures_missing(p) for p in drug.packages if None in _figures(p)]
    return found


def _figures(p: NdcPackage) -> tuple[Decimal | None, ...]:
    return (p.pkg_size, p.pkg_qty, p.billunits, p.billunitspkg)


def _figures_missing(p: NdcPackage) -> Diagnostic:
    return warning(
        p.place,
        f"{p.code} NDC {p.ndc_as_published}: PKG SIZE, PKG QTY, BILLUNITS or BILLUNITSPKG is not a number",
        "the calculator does not use this row",
    )


def ndc_problems(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """An NDC listed on more than one row, or an identifier that is not an NDC at all."""
    found, first = [], {}
    for drug in files.drugs.values():
        for p in drug.packages:
            if not p.ndc:
                found.append(
                    warning(
                        p.place,
                        f"{p.code}: {shown_value(p.ndc_as_published)} is not an 11-digit NDC",
                        "the row is shown, but this identifier is not searchable as an NDC",
                    )
                )
            elif p.ndc in first:
                other = first[p.ndc]
                found.append(
                    warning(
                        p.place,
                        f"NDC {p.ndc} ({p.code}) is also listed on line {other.place.line} ({other.code})",
                        "both rows are shown; a search for this NDC lists every code it is listed under",
                    )
                )
            else:
                first[p.ndc] = p
    return sorted(found)


CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def control_characters(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> list[Diagnostic]:
    """A control character (ESC, BEL, C1) in a CMS name or description: shown escaped (`\\x1b`)."""
    found = []
    for record in records(files):
        names = (record.short_description,) + (
            (record.drug_name, record.labeler) if isinstance(record, NdcPackage) else ()
        )
        for name in names:
            if CONTROLS.search(name):
                found.append(
                    warning(
                        record.place,
                        f"{record.code}: {shown_value(name)} holds a control character",
                        "shown escaped (\\x1b) on the pages; the file is CMS's as published",
                    )
                )
    return found


CHECKS: dict[str, Check] = {
    "billing unit differs from the HCPCS descriptor": unit_mismatches,
    "code not in the HCPCS file or terminated": unknown_or_terminated,
    "BILLUNITS × PKG QTY ≠ BILLUNITSPKG": inconsistent_units,
    "BILLUNITS off by a unit-conversion factor": factor_faults,
    "figure not a number": missing_figures,
    "duplicate or non-NDC identifier": ndc_problems,
    "control character in a name": control_characters,
}


def drug_data_warnings(
    files: DrugFiles, codes: Mapping[str, CmsCode], units: Mapping[str, HasUnit]
) -> dict[str, list[Diagnostic]]:
    """Every data warning, by kind (the build report prints a count per kind and the lines)."""
    return {kind: check(files, codes, units) for kind, check in CHECKS.items()}
