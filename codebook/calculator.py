"""What the billing-unit calculator needs to know about each code, prepared once.

Code pages carry it as data attributes on the calculator form; the stand-alone calculator page reads
the same records from a small generated script (assets/calculator-data.js), because fetch() of a
JSON file fails from file://. The arithmetic itself lives in site_assets/js/units.mjs.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal

from .claim_modifiers import drug_line_modifiers
from .cms_tables import DoseUnit
from .descriptor import read_billing_unit
from .drugs.checks import dosage_amount
from .drugs.records import DrugData, NdcPackage
from .jsdata import script_assignment, script_entry
from .model import BillingUnit, CmsCode, Page, unit_label
from .urls import site_path

CALCULATOR_DATA_PATH = site_path("calculator_data")
CALCULATOR_DATA_GLOBAL = "CODEBOOK_CALCULATOR"
# The units units.mjs divides a dose by (its UNIT_TABLE): mass, volume (cc is mL), units/IU, and mEq and
# USP units, which convert to nothing else; "each" has nothing to measure.
MEASURABLE_UNITS = ("g", "mg", "mcg", "L", "mL", "cc", "units", "IU", "mEq", "USP units")
_UNIT_LIST = ", ".join(MEASURABLE_UNITS)


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
    why: str = ""  # why it cannot be calculated ("" when it can), shown instead of the form
    has_ndc: bool = False  # the stand-alone calculator loads its NDC rows (assets/ndc/<CODE>.js)
    # modifiers the page declares for the drug line (claim_modifiers.py), shown on it as declared;
    # a data-only code declares none
    modifiers: tuple[str, ...] = ()

    @property
    def measurable(self) -> bool:
        return self.kind != "none"

    @property
    def label(self) -> str:
        """One billing unit as a reader says it: "10 mg", "up to 100 mg"."""
        return unit_label(self)


def calculator_kind(page: Page) -> str:
    unit = page.billing_unit
    return route_kind(unit.unit, page.route) if unit else "none"


def calculator_code(page: Page, has_ndc: bool = False) -> CalculatorCode:
    terminated = page.terminated.isoformat() if page.terminated else ""
    names = (page.title, page.descriptor, terminated, page.aliases)
    code = _code(page.code, page.billing_unit, page.route, *names, has_ndc=has_ndc)
    return replace(code, modifiers=drug_line_modifiers(page.claim_modifiers))


def route_kind(unit: str, route: str) -> str:
    if unit not in MEASURABLE_UNITS:
        return "none"
    return "oral" if route == "oral" else "administered"


def drug_calculator_code(cms: CmsCode, unit: DoseUnit | None, drug: DrugData) -> CalculatorCode:
    """A code with CMS drug data and no guide, read from its HCPCS descriptor; its drug names (brands
    from the NDC crosswalk) let the picker find it by name."""
    route = unit.route if unit else ""
    described = (cms.short_descriptor, cms.long_descriptor, cms.termination_date, drug.drug_names)
    row = drug.current_limit or (drug.packages[0] if drug.packages else None)
    stated = row.dosage if row else ""
    why = unconfirmed_reason(cms.code, cms.long_descriptor, unit, stated)
    if why:
        return _code(cms.code, None, route, *described, has_ndc=bool(drug.ndcs), why=why)
    return _code(cms.code, unit, route, *described, has_ndc=bool(drug.ndcs), stated_unit=stated)


def unconfirmed_reason(code: str, descriptor: str, unit: DoseUnit | None, stated_unit: str) -> str:
    """Why a unit read from inside a descriptor ("10 mg and hyaluronidase-oysk") is not used: such a
    reading is trusted only when CMS's drug files bill the code per the same amount ("" when they do)."""
    if unit is None or not read_billing_unit(descriptor).inline:
        return ""
    if stated_unit and dosage_amount(stated_unit) == dosage_amount(f"{unit.amount} {unit.unit}"):
        return ""
    files = f'bill it per "{stated_unit}"' if stated_unit else "state no billing unit for it"
    return (
        f"The descriptor of {code} reads as {unit.amount} {unit.unit} per unit, but CMS's drug files "
        f"{files}, so the calculator does not work out units from a dose: count the units as the payer "
        "instructs."
    )


# "…, per vial", "…, per therapeutic dose (…)": a thing, not an amount, is the billing unit.
PER_THING = re.compile(r"\bper\s+(?P<thing>[a-z][a-z -]*?)\s*(?:\([^()]*\))?\s*$", re.IGNORECASE)


def not_calculable_reason(
    code: str, descriptor: str, unit: BillingUnit | DoseUnit | None, stated_unit: str = ""
) -> str:
    """Why a code gets no calculator, as a sentence ("" when it gets one): shown on its page and in
    the stand-alone picker instead of doing nothing. `stated_unit` is the billing unit as CMS's drug
    files write it ("10 MG"), quoted for the reader, never used to calculate: the descriptor decides."""
    if unit is not None and unit.unit in MEASURABLE_UNITS:
        return ""
    if unit is not None:
        counted = "count the items supplied; there is no amount to convert"
        return f"One unit of {code} is {unit_label(unit)}: {counted}."
    per = PER_THING.search(descriptor)
    if per:
        thing = " ".join(per["thing"].lower().split())
        return f"{code} is billed per {thing}: one unit is one {thing}, so there is no amount to convert."
    if not any(map(str.isdigit, descriptor)):  # map: 8,000 pages' descriptors on every build
        return (
            f"The descriptor of {code} names no amount, so billing units cannot be worked out from a "
            "dose. Report the drug, its NDC and the dose on the claim as the payer instructs."
        )
    stated = f' (CMS\'s drug files write it as "{stated_unit}")' if stated_unit else ""
    problem = read_billing_unit(descriptor).problem
    if problem:
        return (
            f"The descriptor of {code} {problem}{stated}, so the calculator does not work out units from a "
            "dose: count the units as the descriptor states them."
        )
    return (
        f"The calculator cannot read one billing amount in a unit it works with ({_UNIT_LIST}) "
        f"from the descriptor of {code}{stated}, so it does not work out units from a dose: count the "
        "units as the descriptor states them."
    )


def _code(
    code: str,
    unit: BillingUnit | DoseUnit | None,
    route: str,
    title: str,
    descriptor: str,
    terminated: str,
    aliases: tuple[str, ...],
    has_ndc: bool = False,
    stated_unit: str = "",
    why: str = "",
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
        why=why or not_calculable_reason(code, descriptor, unit, stated_unit),
        has_ndc=has_ndc,
    )


def calculator_data_script(codes: Iterable[CalculatorCode]) -> bytes:
    """Compact records for the code picker; the short keys are read by calculator-state.mjs
    (recordFromData)."""
    records = [picker_record(c) for c in sorted(codes, key=lambda c: c.code)]
    return script_assignment(CALCULATOR_DATA_GLOBAL, records)


def picker_record(c: CalculatorCode) -> dict[str, object]:
    """One code for the picker, without what adds nothing to its search: empty fields, and a name or
    title whose words the descriptor already has (calculator.html stays under the page budget)."""
    known = picker_words(c.descriptor)
    names = [name for name in c.aliases if not picker_words(name) <= known]
    known = known.union(*(picker_words(name) for name in names))
    record: dict[str, object] = {
        "c": c.code,
        "t": "" if picker_words(c.title) <= known else c.title,
        "d": c.descriptor,
        "a": c.amount,
        "u": c.unit,
        "p": c.up_to,
        "r": c.route,
        "k": c.kind,
        "x": c.terminated,
        "n": names,
        "w": c.why,
        "h": c.has_ndc,
        "m": list(c.modifiers),
    }
    return {key: value for key, value in record.items() if value not in ("", False, [])}


def picker_words(text: str) -> set[str]:
    """The words the picker matches on, as calculator-state.mjs normalizeText makes them."""
    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(character for character in folded if not unicodedata.combining(character))
    return set(re.sub(r"[^a-z0-9.]+", " ", plain).split())


def _figure(value: Decimal | None) -> str:
    return "" if value is None else format(value.normalize(), "f")


def _package_data(p: NdcPackage) -> dict[str, object]:
    """One package for NDC mode; a unit-conversion fault adds its reading (units per item, and the
    amount per item it assumes), used only when the user confirms it, and the sentence explaining it."""
    data: dict[str, object] = {
        "n": p.ndc,
        "l": p.labeler,
        "g": p.drug_name,
        "i": _figure(p.billunits),
        "k": _figure(p.billunitspkg),
        "q": _figure(p.pkg_qty),
        "x": p.inconsistent,
    }
    if p.fault:
        reading = f"{_figure(p.fault.size)} {p.fault.larger_unit}"
        data["f"] = {"u": _figure(p.fault.units_per_item), "r": reading, "t": p.fault.explanation}
    return data


def ndc_calculator_data(drug: DrugData) -> dict[str, object]:
    """What NDC mode needs for one code (read by calculator-ndc.mjs, ndcDataFromJson): every package
    with both CMS figures, the consistency flag and any unit-conversion fault, so a faulty row is
    shown and never used silently, and the newest payment limit with its quarter and coinsurance for
    the money line."""
    packages = [_package_data(p) for p in drug.packages if p.ndc]
    limit = drug.current_limit
    money = (
        {"m": limit.limit_text, "y": limit.quarter.label, "c": limit.coinsurance_text}
        if limit and limit.limit is not None
        else None
    )
    return {"p": packages, "$": money}


NDC_DATA_GLOBAL = "CODEBOOK_NDC"
NDC_INDEX_GLOBAL = "CODEBOOK_NDC_INDEX"
NDC_SHARD_DIGITS = 3  # an index file per first three digits of the 11-digit NDC: ~220 files, ≤ 550 NDCs


def ndc_data_attribute(drug: DrugData | None) -> str:
    """The code page's NDC data as JSON for the form's data-ndc (Jinja escapes it for the attribute)."""
    if drug is None or not drug.ndcs:
        return ""
    return json.dumps(ndc_calculator_data(drug), ensure_ascii=True, separators=(",", ":"), sort_keys=True)


def ndc_data_scripts(drugs: Mapping[str, DrugData]) -> dict[str, bytes]:
    """The stand-alone calculator's NDC data, path → script: one file per code (assets/ndc/J9035.js)
    and an NDC → codes index in shards, each loaded only when needed by an injected <script src>
    (fetch() fails from file://), so no page carries every code's rows."""
    files = {
        site_path("calculator_ndc_code", code): script_entry(NDC_DATA_GLOBAL, code, ndc_calculator_data(drug))
        for code, drug in sorted(drugs.items())
        if drug.ndcs
    }
    for shard, table in ndc_index_shards(drugs).items():
        files[site_path("calculator_ndc_index", shard)] = script_entry(NDC_INDEX_GLOBAL, shard, table)
    return files


def ndc_shard_names(drugs: Mapping[str, DrugData]) -> str:
    """The index files that exist, for the picker's data-ndc-shards: it never asks for a missing one."""
    return " ".join(sorted(ndc_index_shards(drugs)))


def ndc_index_shards(drugs: Mapping[str, DrugData]) -> dict[str, dict[str, list[str]]]:
    """First digits → {11 digits: [codes]}: an NDC the crosswalk maps to two codes lists both."""
    shards: dict[str, dict[str, list[str]]] = {}
    for code, drug in sorted(drugs.items()):
        for ndc in drug.ndcs:
            digits = ndc.replace("-", "")
            codes = shards.setdefault(digits[:NDC_SHARD_DIGITS], {}).setdefault(digits, [])
            if code not in codes:
                codes.append(code)
    return shards
