"""What next quarter's CMS drug files change: pure functions of two DrugFiles (now, and with them).

Used by `reference-diff` (codebook/drug_refdiff.py). Figures are compared as CMS printed them
(limit_text), so a price is "moved" only when the published figure differs; the percentage is exact
decimal arithmetic, rounded half up to two places for display.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Context, Decimal

from .records import DrugFiles, NdcPackage, PaymentLimit

HUNDREDTH = Decimal("0.01")


@dataclass(frozen=True)
class PriceMove:
    code: str
    old: str  # as published, e.g. "58.400"
    new: str
    percent: str  # "+5.00", "-3.55"; "" when either figure is not a number or the old one is 0


@dataclass(frozen=True)
class NdcRow:
    """One NDC under one code, as a biller would recognise it."""

    ndc: str  # 5-4-2, or CMS's identifier when it is not an NDC
    code: str
    drug_name: str
    labeler: str
    units: str  # "10 per item × 1 = 10 per NDC", CMS's figures


@dataclass(frozen=True)
class NdcUnitsChange:
    old: NdcRow
    new: NdcRow


@dataclass(frozen=True)
class DrugDiff:
    old_quarter: str  # of the newest payment-limit file, e.g. "January 2026" ("" if none)
    new_quarter: str
    moved: tuple[PriceMove, ...]  # largest change first
    newly_priced: tuple[str, ...]  # codes in the newest payment-limit file that were not before
    no_longer_priced: tuple[str, ...]
    codes_added: tuple[str, ...]  # codes that get a page (in the newest limits or the crosswalk)
    codes_dropped: tuple[str, ...]
    ndcs_added: tuple[NdcRow, ...]
    ndcs_removed: tuple[NdcRow, ...]
    ndc_units_changed: tuple[NdcUnitsChange, ...]

    @property
    def empty(self) -> bool:
        lists = (self.moved, self.newly_priced, self.no_longer_priced, self.codes_added, self.codes_dropped)
        return not any(lists) and not (self.ndcs_added or self.ndcs_removed or self.ndc_units_changed)


def compare_drug_files(old: DrugFiles, new: DrugFiles) -> DrugDiff:
    before, after = newest_limits(old), newest_limits(new)
    ndcs_before, ndcs_after = ndc_rows(old), ndc_rows(new)
    both = sorted(set(ndcs_before) & set(ndcs_after))
    return DrugDiff(
        old_quarter=old.latest_quarter.label if old.latest_quarter else "",
        new_quarter=new.latest_quarter.label if new.latest_quarter else "",
        moved=price_moves(before, after),
        newly_priced=tuple(sorted(set(after) - set(before))),
        no_longer_priced=tuple(sorted(set(before) - set(after))),
        codes_added=tuple(sorted(set(new.current_codes()) - set(old.current_codes()))),
        codes_dropped=tuple(sorted(set(old.current_codes()) - set(new.current_codes()))),
        ndcs_added=tuple(ndcs_after[key] for key in sorted(set(ndcs_after) - set(ndcs_before))),
        ndcs_removed=tuple(ndcs_before[key] for key in sorted(set(ndcs_before) - set(ndcs_after))),
        ndc_units_changed=tuple(
            NdcUnitsChange(ndcs_before[key], ndcs_after[key])
            for key in both
            if ndcs_before[key].units != ndcs_after[key].units
        ),
    )


def newest_limits(files: DrugFiles) -> dict[str, PaymentLimit]:
    """code → its row in the newest payment-limit file."""
    latest = files.latest_quarter
    return {
        code: drug.current_limit
        for code, drug in files.drugs.items()
        if drug.current_limit is not None and drug.current_limit.quarter == latest
    }


def price_moves(before: dict[str, PaymentLimit], after: dict[str, PaymentLimit]) -> tuple[PriceMove, ...]:
    moves = [
        PriceMove(code, before[code].limit_text, after[code].limit_text, percent(before[code], after[code]))
        for code in sorted(set(before) & set(after))
        if before[code].limit_text != after[code].limit_text
    ]
    return tuple(sorted(moves, key=lambda m: (m.percent == "", -abs(Decimal(m.percent or 0)), m.code)))


def percent(old: PaymentLimit, new: PaymentLimit) -> str:
    """The change as a signed percentage of the old figure, e.g. "+5.00"."""
    if old.limit is None or new.limit is None or old.limit == 0:
        return ""
    exact = exact_context(old.limit, new.limit)
    change = exact.multiply(exact.divide(exact.subtract(new.limit, old.limit), old.limit), 100)
    return f"{exact.quantize(change, HUNDREDTH):+f}"


def exact_context(*figures: Decimal) -> Context:
    """Enough digits for any two published figures' percentage to the hundredth: the default 28
    raised InvalidOperation once a limit reached 10^24 (CMS prints what it prints)."""
    span = max(f.adjusted() for f in figures) - min(f.adjusted() for f in figures)
    return Context(prec=max(28, span + 12), rounding=ROUND_HALF_UP, Emax=MAX_EMAX, Emin=MIN_EMIN)


def ndc_rows(files: DrugFiles) -> dict[tuple[str, str], NdcRow]:
    """(NDC, code) → its row: an NDC CMS lists under two codes is two rows."""
    return {
        (package.ndc or package.ndc_as_published, package.code): ndc_row(package)
        for drug in files.drugs.values()
        for package in drug.packages
    }


def ndc_row(package: NdcPackage) -> NdcRow:
    def shown(value: Decimal | None) -> str:
        return "no figure" if value is None else format(value.normalize(), "f")

    per_item, items, per_ndc = shown(package.billunits), shown(package.pkg_qty), shown(package.billunitspkg)
    units = f"{per_item} per item × {items} = {per_ndc} per NDC"
    return NdcRow(
        package.ndc or package.ndc_as_published, package.code, package.drug_name, package.labeler, units
    )
