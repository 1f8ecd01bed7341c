"""What the content check compares a page's text with: per code, the NDCs, the strengths and the
coinsurance the CMS drug files give it, over every quarter shipped (checks/crosswalk.py).

Taken once per build from DrugFiles (build.py → CheckContext), small enough to hand every worker.
A strength is an amount in the code's own dosage unit (mg for "25 MG") that a package row implies:
the content of one item (a vial, a bottle), of one dose form (a capsule: the item's content over
PKG SIZE, which also gives mg per mL for a liquid) and of the whole NDC. Rows CMS got inconsistent
(BILLUNITS × PKG QTY ≠ BILLUNITSPKG) give none: their figures are not used silently.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from .records import DrugFiles, NdcPackage, Quarter

DOSAGE = re.compile(r"\s*([0-9]*\.?[0-9]+)\s*(MG|MCG|G)\s*$", re.I)
TO_MG = {"mg": Decimal(1), "mcg": Decimal("0.001"), "g": Decimal(1000)}


@dataclass(frozen=True)
class CodeFacts:
    """One code in the CMS drug files, every quarter shipped."""

    ndcs: frozenset[str]
    strengths_mg: frozenset[Decimal]  # the amounts its package rows imply, in mg
    coinsurance: tuple[tuple[Quarter, Decimal], ...]  # oldest quarter first

    @property
    def listed(self) -> bool:
        """Whether any shipped quarter lists a product (an NDC) or a payment limit for the code."""
        return bool(self.ndcs or self.coinsurance)

    def coinsurance_in(self, quarter: Quarter) -> Decimal | None:
        return next((pct for q, pct in self.coinsurance if q == quarter), None)


@dataclass(frozen=True)
class DrugFacts:
    """Every code's facts, and the quarters they come from (for messages)."""

    codes: Mapping[str, CodeFacts]
    limit_quarters: tuple[Quarter, ...]  # oldest first
    crosswalk_quarter: Quarter | None

    def of(self, code: str) -> CodeFacts:
        return self.codes.get(code) or CodeFacts(frozenset(), frozenset(), ())

    def codes_with_ndc(self, ndc: str) -> list[str]:
        return sorted(code for code, facts in self.codes.items() if ndc in facts.ndcs)

    @property
    def latest_quarter(self) -> Quarter | None:
        return self.limit_quarters[-1] if self.limit_quarters else None


def drug_facts(files: DrugFiles) -> DrugFacts:
    """The content check's view of the drug files."""
    codes = {
        code: CodeFacts(
            frozenset(data.ndcs),
            frozenset(s for package in data.packages for s in package_strengths(package)),
            tuple((row.quarter, row.coinsurance) for row in data.limits if row.coinsurance is not None),
        )
        for code, data in files.drugs.items()
    }
    return DrugFacts(codes, files.quarters, files.crosswalk_quarter)


def package_strengths(package: NdcPackage) -> Iterator[Decimal]:
    """The amounts in mg one crosswalk row implies: per item, per dose form (or mL), per NDC."""
    per_unit = dosage_mg(package.dosage)
    item, whole = package.units_per_item, package.units_per_ndc
    if per_unit is None or item is None or whole is None:
        return
    yield (item * per_unit).normalize()
    yield (whole * per_unit).normalize()
    if package.pkg_size:
        yield (item * per_unit / package.pkg_size).normalize()


def dosage_mg(text: str) -> Decimal | None:
    """'25 MG' → 25; '0.25 MG' → 0.25; a dosage in other units (ML, EA, IU) → None."""
    match = DOSAGE.match(text)
    if not match:
        return None
    try:
        return Decimal(match.group(1)) * TO_MG[match.group(2).lower()]
    except InvalidOperation:
        return None
