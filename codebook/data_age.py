"""How old the drug figures are: the quarter each kind of figure is for, and whether it has ended.

CMS publishes a payment-limit file and an NDC–HCPCS crosswalk every quarter; a site built in
December from January's files would otherwise show January's limits as if they were current. The
build date is an input (`--today`, else `SOURCE_DATE_EPOCH`, else the clock: cli.build_date), and
what rendering reads of it is only the set of shipped quarters that have ended by then, so a page's
cache key (and its bytes) change when a quarter ends, not every day, and the notice is written into
the HTML at build time: the same from disk and over http, with no script reading a clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from .drugs import DrugData, DrugFiles, Quarter

LIMITS = "payment limits"
CROSSWALK = "NDC crosswalk"
# What the notice calls each kind's figures on a page.
SHOWN = {LIMITS: "payment limits", CROSSWALK: "NDCs and billable units"}
# The maintainer's command (README, "Next quarter's drug files"): written once, shown on every notice.
UPDATE_COMMAND = "python build.py reference-diff LIMITS.csv [CROSSWALK.csv] --apply"


@dataclass(frozen=True)
class DataAge:
    """The newest quarter shipped of each CMS drug file, and which shipped quarters have ended."""

    limits: Quarter | None = None
    crosswalk: Quarter | None = None
    ended: frozenset[Quarter] = frozenset()
    limits_note: str = ""  # where the newest limits come from when not CMS's own file

    def figures(self, limits: Quarter | None, crosswalk: Quarter | None, limits_note: str = "") -> PageAge:
        """The ages of one page's figures: its limit's quarter and, when it lists NDCs, the crosswalk's."""
        pairs = ((LIMITS, limits, limits_note), (CROSSWALK, crosswalk, ""))
        return PageAge(
            tuple(FigureAge(what, q, q in self.ended, note) for what, q, note in pairs if q is not None)
        )

    @property
    def newest(self) -> PageAge:
        """The site's newest figures of each kind (home page, calculator)."""
        return self.figures(self.limits, self.crosswalk, self.limits_note)

    def of_drug(self, drug: DrugData | None) -> PageAge:
        """A drug page's figures: the quarter of the limit it shows, and the crosswalk's if it lists NDCs."""
        if drug is None:
            return PageAge(())
        limit = drug.current_limit
        return self.figures(
            limit.quarter if limit else None,
            self.crosswalk if drug.packages else None,
            limit.source.provenance if limit and limit.source else "",
        )


@dataclass(frozen=True)
class FigureAge:
    """One kind of figure on a page, the quarter it is for, and whether that quarter is over."""

    what: str  # LIMITS or CROSSWALK
    quarter: Quarter
    ended: bool
    note: str = ""  # "from a copy of the CMS file (…)" when the figures are not CMS's own file

    @property
    def shown(self) -> str:
        return SHOWN[self.what]


@dataclass(frozen=True)
class PageAge:
    """What one page says of its figures' age (templates/partials/data_age.html)."""

    figures: tuple[FigureAge, ...]
    command: str = UPDATE_COMMAND

    @property
    def ended(self) -> tuple[EndedFigures, ...]:
        """The figures whose quarter has ended, one sentence per quarter ("payment limits, NDCs and …")."""
        quarters = sorted({f.quarter for f in self.figures if f.ended})
        return tuple(
            EndedFigures(", ".join(f.shown for f in self.figures if f.ended and f.quarter == q), q)
            for q in quarters
        )


@dataclass(frozen=True)
class EndedFigures:
    shown: str  # "payment limits", "payment limits, NDCs and billable units"
    quarter: Quarter


def data_age(
    limits: Quarter | None,
    crosswalk: Quarter | None,
    shipped: Iterable[Quarter],
    today: dt.date,
    limits_note: str = "",
) -> DataAge:
    """The data age as of `today`: only quarters shipped are judged, so the record stays the same
    from one day to the next until one of them ends."""
    quarters = {*shipped, *(q for q in (limits, crosswalk) if q is not None)}
    return DataAge(limits, crosswalk, frozenset(q for q in quarters if q.end < today), limits_note)


def drug_age(files: DrugFiles, today: dt.date) -> DataAge:
    """The newest payment-limit and crosswalk quarters shipped, judged against the build date."""
    latest = files.latest_quarter
    source = files.source_of(latest) if latest else None
    note = source.provenance if source else ""
    return data_age(latest, files.crosswalk_quarter, files.quarters, today, note)
