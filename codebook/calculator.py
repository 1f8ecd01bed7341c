"""What the billing-unit calculator needs to know about each code, prepared once.

Code pages carry it as data attributes on the calculator form; the stand-alone calculator page reads
the same records from a small generated script (assets/calculator-data.js), because fetch() of a
JSON file fails from file://. The arithmetic itself lives in site_assets/js/units.mjs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .cms_tables import DoseUnit
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
