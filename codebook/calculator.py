"""What the billing-unit calculator needs to know about each code, prepared once.

Code pages carry it as data attributes on the calculator form; the stand-alone calculator page reads
the same records from a small generated script (assets/calculator-data.js), because fetch() of a
JSON file fails from file://. The arithmetic itself lives in site_assets/js/units.mjs.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from .cms_tables import DoseUnit
from .drugs.records import DrugData
from .jsdata import script_assignment
from .model import BillingUnit, CmsCode, Page
from .urls import site_path

CALCULATOR_DATA_PATH = site_path("calculator_data")
CALCULATOR_DATA_GLOBAL = "CODEBOOK_CALCULATOR"
# The units units.mjs can convert between (its UNIT_TABLE); "each" has nothing to measure.
MEASURABLE_UNITS = ("g", "mg", "mcg", "L", "mL", "units", "IU")


@dataclass(frozen=True)
class CalculatorCode:
    """One code as the calculator sees it.

    kind decides the extra fields: "oral" drugs are dispensed for a period (supply fields), other
    routes are administered from containers (discarded drug, JW/JZ), "none" cannot be calculated.
    """

    code: str
    title: str
    descriptor: str
    amount: str
    unit: str
    up_to: bool
    route: str
    kind: str
    terminated: str
    aliases: tuple[str, ...]

    @property
    def measurable(self) -> bool:
        return self.kind != "none"


def calculator_kind(page: Page) -> str:
    unit = page.billing_unit
    return route_kind(unit.unit, page.route) if unit else "none"


def calculator_code(page: Page) -> CalculatorCode:
    terminated = page.terminated.isoformat() if page.terminated else ""
    names = (page.title, page.descriptor, terminated, page.aliases)
    return _code(page.code, page.billing_unit, page.route, *names)


def route_kind(unit: str, route: str) -> str:
    if unit not in MEASURABLE_UNITS:
        return "none"
    return "oral" if route == "oral" else "administered"


def drug_calculator_code(cms: CmsCode, unit: DoseUnit | None, names: tuple[str, ...]) -> CalculatorCode:
    """A code with CMS drug data and no guide, read from its HCPCS descriptor; its drug names (brands
    from the NDC crosswalk) let the picker find it by name."""
    route = unit.route if unit else ""
    described = (cms.short_descriptor, cms.long_descriptor, cms.termination_date, names)
    return _code(cms.code, unit, route, *described)


def _code(
    code: str,
    unit: BillingUnit | DoseUnit | None,
    route: str,
    title: str,
    descriptor: str,
    terminated: str,
    aliases: tuple[str, ...],
) -> CalculatorCode:
    return CalculatorCode(
        code=code,
        title=title,
        descriptor=descriptor,
        amount=unit.amount if unit else "",
        unit=unit.unit if unit else "",
        up_to=bool(unit and unit.up_to),
        route=route,
        kind=route_kind(unit.unit, route) if unit else "none",
        terminated=terminated,
        aliases=aliases,
    )


def calculator_data_script(codes: Iterable[CalculatorCode]) -> bytes:
    """Compact records for the code picker; the short keys are read by calculator-state.mjs
    (recordFromData)."""
    records = [
        {
            "c": c.code,
            "t": c.title,
            "d": c.descriptor,
            "a": c.amount,
            "u": c.unit,
            "p": c.up_to,
            "r": c.route,
            "k": c.kind,
            "x": c.terminated,
            "n": list(c.aliases),
        }
        for c in sorted(codes, key=lambda c: c.code)
    ]
    return script_assignment(CALCULATOR_DATA_GLOBAL, records)


def _figure(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def ndc_calculator_data(drug: DrugData) -> dict[str, object]:
    """What NDC mode needs for one code (read by calculator-ndc.mjs, ndcDataFromJson): every package
    with both CMS figures and the consistency flag, so an inconsistent row is shown, never used, and
    the newest payment limit with its quarter and coinsurance for the money line."""
    packages = [
        {
            "n": p.ndc,
            "l": p.labeler,
            "g": p.drug_name,
            "i": _figure(p.billunits),
            "k": _figure(p.billunitspkg),
            "q": _figure(p.pkg_qty),
            "x": p.inconsistent,
        }
        for p in drug.packages
        if p.ndc
    ]
    limit = drug.current_limit
    money = (
        {"m": limit.limit_text, "y": limit.quarter.label, "c": limit.coinsurance_text}
        if limit and limit.limit is not None
        else None
    )
    return {"p": packages, "$": money}


NDC_DATA_PATH = site_path("calculator_ndc_data")
NDC_DATA_GLOBAL = "CODEBOOK_NDC"


def ndc_data_attribute(drug: DrugData | None) -> str:
    """The code page's NDC data as JSON for the form's data-ndc (Jinja escapes it for the attribute)."""
    if drug is None or not drug.ndcs:
        return ""
    return json.dumps(ndc_calculator_data(drug), ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def ndc_data_script(drugs: dict[str, DrugData]) -> bytes:
    """Every code's NDC data for the stand-alone calculator (a script: fetch() fails from file://)."""
    return script_assignment(NDC_DATA_GLOBAL, {c: ndc_calculator_data(d) for c, d in drugs.items() if d.ndcs})
