"""What a page shows of a code's CMS drug data: the current limit, its history as a table and an
inline SVG chart (no script: readable in print and in dark mode via currentColor), and every NDC.

Figures are shown as CMS printed them (limit_text), never recomputed; the chart alone uses floats,
for coordinates.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .drugs import DrugData, NdcPackage, PaymentLimit
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
    chart: Chart | None
    packages: tuple[NdcPackage, ...]
    inconsistent: int  # packages whose CMS figures disagree
    faults: tuple[NdcPackage, ...]  # packages whose billable units are off by a unit conversion
    rows: tuple[PackageRow, ...] = ()


def drug_block(drug: DrugData) -> DrugBlock:
    """The block for one code, from its records alone."""
    return DrugBlock(
        code=drug.code,
        current=drug.current_limit,
        limits=drug.limits,
        chart=limit_chart(drug.limits),
        packages=drug.packages,
        inconsistent=sum(1 for p in drug.packages if p.inconsistent),
        faults=tuple(p for p in drug.packages if p.fault and p.ndc),
        rows=tuple(package_row(p) for p in drug.packages),
    )


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


def limit_chart(limits: tuple[PaymentLimit, ...]) -> Chart | None:
    """The limits as points on a line from the first quarter to the last (None for fewer than two)."""
    priced = [(i, limit) for i, limit in enumerate(limits) if limit.limit is not None]
    if len(priced) < 2:
        return None
    top = max(limit.limit for _, limit in priced if limit.limit is not None) or Decimal(1)
    span_x = (CHART_WIDTH - 2 * CHART_PAD) / max(len(limits) - 1, 1)
    span_y = CHART_HEIGHT - 2 * CHART_PAD
    points = tuple(
        ChartPoint(
            round(CHART_PAD + i * span_x, 1),
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
