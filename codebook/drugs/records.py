"""Read-only records of the CMS drug files: what pages, the calculator and search will be given.

Figures are kept exactly as CMS publishes them: a payment limit is a Decimal read from the file's
text ("73.632" keeps its three decimals, "0.170" its trailing zero) and the text itself is kept for
display, so no page ever shows a figure CMS did not print. A figure CMS left non-numeric ("N/A")
is None, never zero.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from ..diagnostics import Diagnostic
from .faults import FactorFault

MONTHS = ("January", "April", "July", "October")


@dataclass(frozen=True, order=True)
class Quarter:
    """A calendar quarter a CMS file is in force, named by its first month ("2026-01")."""

    year: int
    month: int  # 1, 4, 7 or 10

    @property
    def key(self) -> str:
        return f"{self.year}-{self.month:02d}"

    @property
    def label(self) -> str:
        return f"{MONTHS[(self.month - 1) // 3]} {self.year}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    @property
    def following(self) -> Quarter:
        return Quarter(self.year + self.month // 10, self.month % 12 + 3 if self.month < 10 else 1)

    @property
    def end(self) -> dt.date:
        following = dt.date(self.year + self.month // 10, (self.month + 2) % 12 + 1, 1)
        return following - dt.timedelta(days=1)


def unshipped_quarters(quarters: tuple[Quarter, ...]) -> tuple[Quarter, ...]:
    """Quarters between the first and the newest file that no file covers (never interpolated)."""
    if not quarters:
        return ()
    missing, quarter = [], quarters[0]
    while quarter < quarters[-1]:
        if quarter not in quarters:
            missing.append(quarter)
        quarter = quarter.following
    return tuple(missing)


@dataclass(frozen=True)
class Place:
    """Where a record was read: the file as shown in messages and the row's first line."""

    path: str
    line: int


@dataclass(frozen=True)
class QuarterSource:
    """Where one quarter's payment limits come from: CMS's own file, or a derived copy of it.

    Every figure carries this record, so a page, the calculator and the data-age notice say "October
    2026, from a copy of the CMS file (…)" from data, never from a special case in a template.
    """

    quarter: Quarter
    path: str  # the file as shown in messages
    copy_of: str = ""  # "" for CMS's file as published; else who made the copy, where (derived-copies.yml)

    @property
    def derived(self) -> bool:
        return bool(self.copy_of)

    @property
    def provenance(self) -> str:
        """ "" for CMS's own file, else "from a copy of the CMS file (GitHub …)"."""
        return f"from a copy of the CMS file ({self.copy_of})" if self.derived else ""

    @property
    def label(self) -> str:
        """ "July 2026", or "October 2026, from a copy of the CMS file (GitHub …)"."""
        return f"{self.quarter.label}, {self.provenance}" if self.derived else self.quarter.label


@dataclass(frozen=True)
class PaymentLimit:
    """One code's row of one quarter's payment-limit file (dollars per HCPCS billing unit)."""

    code: str
    quarter: Quarter
    short_description: str
    dosage: str  # the billing unit as CMS writes it, e.g. "0.25 MG"
    limit: Decimal | None  # None when CMS printed no number (A9606: "N/A")
    limit_text: str  # as published, for display: "73.632", "N/A"
    coinsurance: Decimal | None  # percent, e.g. 20.000; lower for "Inflation-adjusted coinsurance"
    coinsurance_text: str
    notes: str
    other: tuple[tuple[str, str], ...]  # the non-empty vaccine/blood/clotting-factor columns
    place: Place
    source: QuarterSource | None = None  # the quarter's file and whether it is CMS's own

    @property
    def quarter_label(self) -> str:
        """The quarter as every figure from it is labelled (with its provenance when derived)."""
        return self.source.label if self.source else self.quarter.label


@dataclass(frozen=True)
class NdcPackage:
    """One row of the NDC–HCPCS crosswalk: a package (11-digit NDC) and its billable units.

    `inconsistent` is True when BILLUNITS × PKG QTY ≠ BILLUNITSPKG in the CMS row (194 rows in
    January 2026, 193 of them Level II), or when one of those figures is not a number. Both CMS
    figures are kept so a page can show them side by side, and `units_per_item` / `units_per_ndc`
    refuse to answer, so no calculation uses them silently.
    """

    code: str
    labeler: str
    drug_name: str  # trailing spaces (and CMS's non-breaking spaces) removed
    ndc: str  # 11 digits as 5-4-2, or "" when CMS's identifier is not an NDC
    ndc_as_published: str
    dosage: str  # the HCPCS billing unit as the crosswalk writes it, e.g. "10 MG"
    short_description: str  # CMS "Short Description" of the code (the crosswalk has no package text)
    pkg_size: Decimal | None  # amount in one item (e.g. 100 capsules, 0.5 mL)
    pkg_qty: Decimal | None  # items in the NDC (e.g. 4 vials)
    billunits: Decimal | None  # billable units per item, as CMS states it
    billunitspkg: Decimal | None  # billable units per 11-digit NDC, as CMS states it
    inconsistent: bool
    place: Place
    # BILLUNITS off by a unit conversion (faults.py): shown as a CMS data fault, kept out of NDC mode
    # unless the user confirms the reading
    fault: FactorFault | None = None

    @property
    def units_per_item(self) -> Decimal | None:
        return None if self.inconsistent or self.fault else self.billunits

    @property
    def units_per_ndc(self) -> Decimal | None:
        return None if self.inconsistent or self.fault else self.billunitspkg


@dataclass(frozen=True)
class DrugData:
    """Everything the CMS drug files say about one HCPCS Level II code."""

    code: str
    limits: tuple[PaymentLimit, ...]  # oldest quarter first, at most one per quarter
    packages: tuple[NdcPackage, ...]  # in crosswalk order
    drug_names: tuple[str, ...]  # distinct brand and generic names from the crosswalk, sorted
    missing_quarters: tuple[Quarter, ...] = ()  # quarters no shipped payment-limit file covers
    crosswalk_quarter: Quarter | None = None  # the quarter of the crosswalk its packages come from
    newest: QuarterSource | None = (
        None  # the newest payment-limit file shipped (whether or not it lists the code)
    )

    @property
    def current_limit(self) -> PaymentLimit | None:
        """The newest quarter's row, if the code is in the newest payment-limit file."""
        last = self.limits[-1] if self.limits else None
        if last is None or (self.newest and last.quarter != self.newest.quarter):
            return None
        return last

    @property
    def ndcs(self) -> tuple[str, ...]:
        return tuple(p.ndc for p in self.packages if p.ndc)


@dataclass(frozen=True)
class DrugFiles:
    """The result of reading content/reference/asp/: records, and every problem found on the way."""

    drugs: dict[str, DrugData]
    quarters: tuple[Quarter, ...]  # of the payment-limit files read, oldest first
    crosswalk_quarter: Quarter | None
    cpt_rows_dropped: dict[str, int]  # file shown → CPT rows left out (AMA-copyrighted codes)
    diagnostics: tuple[Diagnostic, ...] = field(default=())
    sources: tuple[QuarterSource, ...] = ()  # one per payment-limit file read, oldest first

    def source_of(self, quarter: Quarter) -> QuarterSource | None:
        return next((s for s in self.sources if s.quarter == quarter), None)

    @property
    def missing_quarters(self) -> tuple[Quarter, ...]:
        return unshipped_quarters(self.quarters)

    @property
    def latest_quarter(self) -> Quarter | None:
        return self.quarters[-1] if self.quarters else None

    def current_codes(self) -> list[str]:
        """Codes in the newest payment-limit file or in the crosswalk: the ones that get a page."""
        latest = self.latest_quarter
        return sorted(
            code
            for code, drug in self.drugs.items()
            if drug.packages or (drug.current_limit and drug.current_limit.quarter == latest)
        )
