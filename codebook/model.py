"""Records that flow through the pipeline. All frozen: a stage returns new data, never edits old."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class Section:
    """A `## Title` block of a page body, with the line of its heading."""

    title: str
    slug: str
    line: int
    markdown: str


@dataclass(frozen=True)
class BodyLink:
    """A link written in a page body: `[[J7517]]`, `[[KX]]`, `[[J7517#sources]]`, `[text](J7517.md)`,
    `[text](#sources)`, or one that leaves the site or names no page (kept so validate reports it).

    `target` is the code or modifier ('' for a section of the same page, and for the two last
    kinds), `anchor` the section id after '#', `link` the destination as written for a Markdown
    link, `line` the file line where it is written.
    """

    target: str
    line: int
    section: str
    anchor: str = ""
    link: str = ""
    # "page": ours to resolve; "topic": a topic page ('topic:<slug>'); "outbound": another site;
    # "unreadable": neither
    kind: str = "page"

    @property
    def names_page(self) -> bool:
        return self.kind == "page"

    @property
    def as_written(self) -> str:
        """The link as an error message quotes it: '(J7517.md)' or '[[J7517#sources]]'."""
        anchor = f"#{self.anchor}" if self.anchor else ""
        return f"({self.link})" if self.link else f"[[{self.target}{anchor}]]"


@dataclass(frozen=True)
class InvalidValue:
    """Stands in for a front-matter value the loader already reported (e.g. 2026-02-30), so the
    validator does not report the same value a second time."""

    reason: str


@dataclass(frozen=True)
class LoadedFile:
    """A content file split into front matter and sections, with line numbers kept for errors."""

    path: str
    data: dict[str, Any]
    lines: dict[str, int]
    front_matter_line: int
    sections: tuple[Section, ...]
    body_links: tuple[BodyLink, ...]
    stray_lines: tuple[int, ...] = ()
    # (modifier, line) Common Modifiers declares for the claim line (claim_modifiers.py), read once
    claim_modifiers: tuple[tuple[str, int], ...] = ()

    def line_of(self, key: str) -> int:
        """Line of a dotted front-matter key (e.g. 'similar.0.code'), else of its nearest parent."""
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return self.front_matter_line


class Measure(Protocol):
    """An amount per billing unit, wherever it was read: the front matter (BillingUnit), the HCPCS
    descriptor (DoseUnit) or the calculator's record (CalculatorCode)."""

    amount: str
    unit: str
    up_to: bool


def unit_label(measure: Measure) -> str:
    """The one spelling of a billing unit ('up to' kept from the descriptor): the front matter's
    unit, the calculator, its reasons and the page summary all say it so."""
    return f"{'up to ' if measure.up_to else ''}{measure.amount} {measure.unit}"


@dataclass(frozen=True)
class BillingUnit:
    amount: str
    unit: str
    up_to: bool = False

    @property
    def label(self) -> str:
        return unit_label(self)


@dataclass(frozen=True)
class SimilarCode:
    code: str
    reason: str


@dataclass(frozen=True)
class Source:
    title: str
    date: dt.date
    url: str = ""
    file: str = ""


@dataclass(frozen=True)
class RuleLink:
    """A topic a guide names under `rules:` (a topic page's slug), with its front-matter line."""

    slug: str
    line: int


@dataclass(frozen=True)
class Page:
    """A validated code page: typed facts from front matter plus its authored sections."""

    path: str
    code: str
    title: str
    descriptor: str
    short_descriptor: str
    category: str
    billing_unit: BillingUnit | None
    route: str
    status: str
    added: dt.date
    effective: dt.date | None
    terminated: dt.date | None
    replaced_by: str
    aliases: tuple[str, ...]
    similar: tuple[SimilarCode, ...]
    sources: tuple[Source, ...]
    reviewed: dt.date
    draft: bool
    sections: tuple[Section, ...]
    body_links: tuple[BodyLink, ...] = field(default=())
    claim_modifiers: tuple[str, ...] = ()  # declared for the claim line, as LoadedFile has them
    rules: tuple[RuleLink, ...] = ()  # the topics listed under "Rules that apply"


@dataclass(frozen=True)
class Category:
    slug: str
    title: str
    description: str


@dataclass(frozen=True)
class Modifier:
    code: str
    definition: str
    status: str
    applies_to_drug_codes: str
    notes: str
    source: str
    level: str
    termination_date: str = ""


@dataclass(frozen=True)
class CmsCode:
    """One row of the CMS HCPCS Level II file (procedure codes only)."""

    code: str
    long_descriptor: str
    short_descriptor: str
    add_date: str
    action_effective_date: str
    termination_date: str
    action_code: str
    fields: dict[str, str]

    @property
    def status(self) -> str:
        return "terminated" if self.termination_date else "active"


@dataclass(frozen=True)
class Link:
    """A resolved similar-code link, as shown on a page."""

    code: str
    title: str
    reason: str


@dataclass(frozen=True)
class RuleItem:
    """A topic in a guide's "Rules that apply" list: its slug, title and one-line purpose."""

    slug: str
    title: str
    purpose: str


@dataclass(frozen=True)
class CodeView:
    """Everything the code-page template needs about one page, resolved against the whole site."""

    page: Page
    family: str
    similar: tuple[Link, ...]
    linked_from: tuple[Link, ...]
    previous: str
    next: str
    replaces: tuple[str, ...] = ()  # terminated codes whose replacement this code is
    catalog: str = ""  # the code's row in the CMS catalog, e.g. catalog/J-7000.html#J7507
    rules: tuple[RuleItem, ...] = ()  # the topics of the page's `rules:`, in the order written
