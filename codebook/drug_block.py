"""What a page shows of a code's CMS drug data: the current limit, its history as a table and an
inline SVG chart (no script: readable in print and in dark mode via currentColor), and every NDC.

Figures are shown as CMS printed them (limit_text), never recomputed; the chart alone uses floats,
for coordinates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from .drugs import DrugData, NdcPackage, PaymentLimit, Quarter
from .drugs.records import QuarterSource
from .money import money

CHART_WIDTH, CHART_HEIGHT, CHART_PAD = 480, 160, 40
PAYER_CAVEAT = "Medicare Part B payment limit — not what a commercial payer or Part D plan pays"


@dataclass(frozen=True)
class ChartPoint:
    x: float
    y: float
    label: str  # the quarter, e.g. "Jan 2026"
    value: str  # as published, thousands grouped, e.g. "$5,307.930"


@dataclass(frozen=True)
class Chart:
    points: tuple[ChartPoint, ...]
    line: str  # the polyline's points attribute
    top: str  # the highest limit shown, as published
    width: int = CHART_WIDTH
    height: int = CHART_HEIGHT


@dataclass(frozen=True)
class HistoryRow:
    """One quarter of the history table: its limit, or none when no file covers that quarter."""

    quarter: Quarter
    limit: PaymentLimit | None


@dataclass(frozen=True)
class PackageRow:
    """One NDC row of the table, each figure with what it counts: the crosswalk names no unit for
    PKG SIZE (CMS: "amount in one item", mL in one vial or capsules in a bottle), so its cell says
    what the figure is instead of guessing a unit."""

    package: NdcPackage
    size: str  # "4 (amount in one item)"
    items: str  # "1 item", "4 items"
    per_item: str  # "10 units" (billable units per item)
    per_ndc: str  # "40 units" (billable units per NDC)


@dataclass(frozen=True)
class DrugBlock:
    code: str
    current: PaymentLimit | None
    limits: tuple[PaymentLimit, ...]
    history: tuple[HistoryRow, ...]
    newest: QuarterSource | None  # the newest payment-limit file shipped, for "not in the newest file"
    chart: Chart | None
    packages: tuple[NdcPackage, ...]
    inconsistent: int  # packages whose CMS figures disagree
    faults: tuple[NdcPackage, ...]  # packages whose billable units are off by a unit conversion
    rows: tuple[PackageRow, ...] = ()


def drug_block(drug: DrugData) -> DrugBlock:
    """The block for one code, from its records alone (with the quarters no shipped file covers)."""
    return DrugBlock(
        code=drug.code,
        current=drug.current_limit,
        limits=drug.limits,
        history=limit_history(drug.limits, drug.missing_quarters),
        newest=drug.newest,
        chart=limit_chart(drug.limits),
        packages=drug.packages,
        inconsistent=sum(1 for p in drug.packages if p.inconsistent),
        faults=tuple(p for p in drug.packages if p.fault and p.ndc),
        rows=tuple(package_row(p) for p in drug.packages),
    )


def limit_history(limits: tuple[PaymentLimit, ...], missing: tuple[Quarter, ...]) -> tuple[HistoryRow, ...]:
    """The code's limits in quarter order, with a row for each unshipped quarter inside its span."""
    if not limits:
        return ()
    first, last = limits[0].quarter, limits[-1].quarter
    gaps = [HistoryRow(q, None) for q in missing if first < q < last]
    rows = [HistoryRow(limit.quarter, limit) for limit in limits] + gaps
    return tuple(sorted(rows, key=lambda row: row.quarter))


def package_row(package: NdcPackage) -> PackageRow:
    size = figure(package.pkg_size)
    return PackageRow(
        package,
        size=f"{size} (amount in one item)" if package.pkg_size is not None else size,
        items=counted(package.pkg_qty, "item"),
        per_item=counted(package.billunits, "unit"),
        per_ndc=counted(package.billunitspkg, "unit"),
    )


def counted(value: Decimal | None, noun: str) -> str:
    """'1 item', '4 items', '0.5 units', '—' when CMS gave no number."""
    if value is None:
        return figure(value)
    return f"{figure(value)} {noun}{'' if value == 1 else 's'}"


def short_quarter(limit: PaymentLimit) -> str:
    return f"{limit.quarter.label[:3]} {limit.quarter.year}"


def quarter_index(quarter: Quarter) -> int:
    return quarter.year * 4 + (quarter.month - 1) // 3


def limit_chart(limits: tuple[PaymentLimit, ...]) -> Chart | None:
    """The limits as points on a line from the first quarter to the last (None for fewer than two)."""
    priced = [(i, limit) for i, limit in enumerate(limits) if limit.limit is not None]
    if len(priced) < 2:
        return None
    top = max(limit.limit for _, limit in priced if limit.limit is not None) or Decimal(1)
    first = quarter_index(limits[0].quarter)  # by quarter, so an unshipped quarter stays a gap
    span_x = (CHART_WIDTH - 2 * CHART_PAD) / max(quarter_index(limits[-1].quarter) - first, 1)
    span_y = CHART_HEIGHT - 2 * CHART_PAD
    points = tuple(
        ChartPoint(
            round(CHART_PAD + (quarter_index(limit.quarter) - first) * span_x, 1),
            round(CHART_HEIGHT - CHART_PAD - float(limit.limit / top) * span_y, 1),
            short_quarter(limit),
            money(limit.limit_text),
        )
        for i, limit in priced
        if limit.limit is not None
    )
    top_text = next(money(lim.limit_text) for _, lim in priced if lim.limit == top)
    return Chart(points, " ".join(f"{p.x},{p.y}" for p in points), top_text)


def figure(value: Decimal | None) -> str:
    """A CMS figure as it reads best: '10', '0.5', '—' when CMS gave none."""
    if value is None:
        return "—"
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class NewestFileChanges:
    """For a family page: which of its codes the newest payment-limit file adds and leaves out, as
    that file shows them (its label says which quarter, and whether it is a copy of CMS's file)."""

    newest: QuarterSource
    arriving: tuple[PaymentLimit, ...]  # first listed in the newest file
    absent: tuple[PaymentLimit, ...]  # the last row of codes that file no longer lists


def newest_file_changes(drugs: Mapping[str, DrugData], first: str, last: str) -> NewestFileChanges | None:
    """The codes first..last that arrive in or are absent from the newest payment-limit file."""
    family = [drugs[code] for code in sorted(drugs) if first <= code <= last]
    newest = next((drug.newest for drug in family if drug.newest), None)
    arriving = tuple(d.limits[0] for d in family if d.current_limit and len(d.limits) == 1)
    absent = tuple(d.limits[-1] for d in family if d.limits and d.current_limit is None)
    if newest is None or not (arriving or absent):
        return None
    return NewestFileChanges(newest, arriving, absent)
