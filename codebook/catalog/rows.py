"""The catalog: every code of the CMS HCPCS Level II file as one anchored row, on range pages.

Pages and anchors come from codebook.urls.catalog_ranges (`catalog/J-7000.html#J7507`), the scheme the
search index uses too. Rows are plain precomputed data (hrefs relative to catalog/), so the
templates only loop, and coded CMS values carry their meaning from the record layout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass

from ..cms_tables import ReferenceData
from ..model import CmsCode
from ..urls import catalog_index, catalog_ranges, code_path
from .record_layout import LIST_COLUMNS, UNKNOWN_MEANING, LayoutField, LayoutSource

CATALOG_DIR = "catalog"
INDEX_PATH = f"{CATALOG_DIR}/index.html"
GLOSSARY_PATH = f"{CATALOG_DIR}/glossary.html"
# Coded fields, in column order, with the CMS columns holding their values.
CODED_COLUMNS: dict[str, tuple[str, ...]] = {
    "pricing": ("price1", "price2", "price3", "price4"),
    "coverage": ("coverage",),
    "betos": ("betos",),
    "tos": ("tos",),
    "action": ("action_code",),
}
CODED_FIELDS = tuple(CODED_COLUMNS)
# Fields the catalog's column headers link to in the glossary: each gets a section even when
# record_layout.yml lacks it, so no header link can dangle.
GLOSSARY_KEYS = ("status", "xref", *CODED_FIELDS)


@dataclass(frozen=True)
class Coded:
    """A CMS value with the short form of its meaning (or a flag that the reference data lacks it)."""

    value: str
    label: str
    known: bool


@dataclass(frozen=True)
class Cell:
    """One coded column of a row: its values with meanings, and an optional last line (a date)."""

    values: tuple[Coded, ...]
    after: str = ""


@dataclass(frozen=True)
class CrossReference:
    code: str
    href: str  # "" when the code is not in the CMS Level II file (e.g. a CPT code)


@dataclass(frozen=True)
class CatalogRow:
    code: str
    descriptor: str
    added: str
    terminated: str
    page: str  # the code's page ("" when it has none)
    page_kind: str  # what that page is, as its link says: GUIDE or DRUG_DATA
    xrefs: tuple[CrossReference, ...]
    cells: tuple[Cell, ...]  # in CODED_FIELDS order


# A code's page is a written guide, or CMS drug data (payment limit, NDCs) with no guide yet.
GUIDE, DRUG_DATA = "Guide", "Drug data"


@dataclass(frozen=True)
class CatalogCounts:
    """Catalog rows by status, and which of them have a page of each kind: a written guide, or CMS
    drug data only. Kept apart so that no count calls a data page a guide."""

    codes: int
    active: int
    terminated: int
    guides: int
    drug_pages: int  # pages with CMS drug data and no written guide


@dataclass(frozen=True)
class LegendColumn:
    """A coded column's values used on one page, each with its meaning: the page's key to its cells,
    which show the bare values (a meaning repeated in 200 cells is noise and weight)."""

    key: str
    title: str
    values: tuple[Coded, ...]


@dataclass(frozen=True)
class CatalogPage:
    slug: str
    path: str
    first: str
    last: str
    rows: tuple[CatalogRow, ...]
    counts: CatalogCounts
    previous: str
    next: str
    legend: tuple[LegendColumn, ...] = ()

    @property
    def title(self) -> str:
        return self.first if self.first == self.last else f"{self.first}–{self.last}"


@dataclass(frozen=True)
class GlossaryValue:
    value: str
    meaning: str
    heading: str  # the CMS group title, on the first value of each group
    anchor: str
    count: int
    known: bool


@dataclass(frozen=True)
class GlossaryField:
    """A field as the record layout describes it, with every value in use or described."""

    layout: LayoutField
    values: tuple[GlossaryValue, ...]


@dataclass(frozen=True)
class Column:
    key: str
    title: str


@dataclass(frozen=True)
class Catalog:
    pages: tuple[CatalogPage, ...]
    columns: tuple[Column, ...]
    counts: CatalogCounts
    glossary: tuple[GlossaryField, ...]
    source: LayoutSource


def build_catalog(
    reference: ReferenceData,
    guides: Collection[str],
    drug_pages: Collection[str],
    ranges: dict[str, tuple[str, ...]] | None = None,
) -> Catalog:
    """All range pages, their rows and the glossary, from the CMS table, the codes with guides and
    those with a CMS drug-data page (`ranges`: the build's catalog_ranges, computed once by link)."""
    ranges = ranges if ranges is not None else catalog_ranges(reference.codes)
    links = {code: relative_to_catalog(path) for code, path in catalog_index(ranges).items()}
    decoders = {key: ValueDecoder(reference.layout.field(key)) for key in CODED_FIELDS}
    slugs = list(ranges)
    pages = []
    for i, (slug, codes) in enumerate(ranges.items()):
        rows = tuple(
            make_row(reference.codes[c], page_kind(c, guides, drug_pages), links, decoders) for c in codes
        )
        pages.append(
            CatalogPage(
                slug=slug,
                path=f"{CATALOG_DIR}/{slug}.html",
                first=codes[0],
                last=codes[-1],
                rows=rows,
                counts=count_rows(rows),
                previous=slugs[i - 1] if i > 0 else "",
                next=slugs[i + 1] if i + 1 < len(slugs) else "",
                legend=legend(rows, decoders),
            )
        )
    all_rows = [row for page in pages for row in page.rows]
    return Catalog(
        pages=tuple(pages),
        columns=tuple(Column(key, d.field.title) for key, d in decoders.items()),
        counts=count_rows(all_rows),
        glossary=glossary(reference, decoders),
        source=reference.layout.source,
    )


class ValueDecoder:
    """Meanings of one coded field, looked up by value; counts how many codes use each value."""

    def __init__(self, field: LayoutField) -> None:
        self.field = field
        self.known = {v.value: Coded(v.value, v.label, True) for v in field.values}
        self.used: Counter[str] = Counter()
        self.cells: dict[tuple[tuple[str, ...], str], Cell] = {}

    def cell(self, values: tuple[str, ...], after: str = "") -> Cell:
        """The cell for these values, shared by every row with the same ones (few distinct cells)."""
        self.used.update(set(values))
        key = (values, after)
        if key not in self.cells:
            self.cells[key] = Cell(tuple(self.decode(v) for v in values), after)
        return self.cells[key]

    def decode(self, value: str) -> Coded:
        return self.known.get(value) or Coded(value, UNKNOWN_MEANING, False)


def cms_values(cms: CmsCode, columns: Iterable[str]) -> tuple[str, ...]:
    """The non-blank values of some CMS columns; list columns (tos, xref) hold several, space-separated."""
    values: list[str] = []
    for column in columns:
        raw = cms.action_code if column == "action_code" else cms.fields.get(column, "")
        values.extend(raw.split() if column in LIST_COLUMNS else [raw] if raw else [])
    return tuple(values)


def page_kind(code: str, guides: Collection[str], drug_pages: Collection[str]) -> str:
    """The kind of page a code has ("" for none); a guide shows the drug data too, so it wins."""
    return GUIDE if code in guides else DRUG_DATA if code in drug_pages else ""


def make_row(cms: CmsCode, kind: str, links: dict[str, str], decoders: dict[str, ValueDecoder]) -> CatalogRow:
    effective = f"effective {cms.action_effective_date}" if cms.action_effective_date else ""
    return CatalogRow(
        code=cms.code,
        descriptor=cms.long_descriptor,
        added=cms.add_date,
        terminated=cms.termination_date,
        page=relative_to_catalog(code_path(cms.code)) if kind else "",
        page_kind=kind,
        xrefs=tuple(CrossReference(c, links.get(c, "")) for c in cms_values(cms, ("xref",))),
        cells=tuple(
            decoders[key].cell(cms_values(cms, columns), effective if key == "action" else "")
            for key, columns in CODED_COLUMNS.items()
        ),
    )


def legend(rows: Iterable[CatalogRow], decoders: dict[str, ValueDecoder]) -> tuple[LegendColumn, ...]:
    """For each coded column, the distinct values the rows use, in value order."""
    used: list[dict[str, Coded]] = [{} for _ in decoders]
    for row in rows:
        for values, cell in zip(used, row.cells, strict=True):
            values.update((c.value, c) for c in cell.values)
    return tuple(
        LegendColumn(key, decoder.field.title, tuple(values[v] for v in sorted(values)))
        for (key, decoder), values in zip(decoders.items(), used, strict=True)
    )


def count_rows(rows: Iterable[CatalogRow]) -> CatalogCounts:
    kinds = [(bool(row.terminated), row.page_kind) for row in rows]
    return _counts(kinds)


def catalog_counts(
    reference: ReferenceData, guides: Collection[str], drug_pages: Collection[str]
) -> CatalogCounts:
    """The home page's numbers, without building every row."""
    kinds = [
        (cms.status == "terminated", page_kind(c, guides, drug_pages)) for c, cms in reference.codes.items()
    ]
    return _counts(kinds)


def _counts(rows: list[tuple[bool, str]]) -> CatalogCounts:
    """Counts of (terminated, page kind) pairs, one per catalog row."""
    terminated = sum(1 for ended, _ in rows if ended)
    kinds = [kind for _, kind in rows]
    total = len(rows)
    return CatalogCounts(total, total - terminated, terminated, kinds.count(GUIDE), kinds.count(DRUG_DATA))


def glossary(reference: ReferenceData, decoders: dict[str, ValueDecoder]) -> tuple[GlossaryField, ...]:
    """Every described field; coded ones list each value with its meaning and how many codes use it.

    Values the file uses but the layout does not describe are listed too, marked as unknown.
    """
    keys = [f.key for f in reference.layout.fields]
    return tuple(
        glossary_field(reference.layout.field(key), decoders[key].used if key in decoders else Counter())
        for key in keys + [k for k in GLOSSARY_KEYS if k not in keys]
    )


def glossary_field(field: LayoutField, used: Counter[str]) -> GlossaryField:
    groups = [v.group for v in field.values]
    values = [
        GlossaryValue(
            value=v.value,
            meaning=v.meaning,
            heading=v.group if v.group and v.group not in groups[:i] else "",
            anchor=value_anchor(field.key, v.value),
            count=used[v.value],
            known=True,
        )
        for i, v in enumerate(field.values)
    ]
    described = {v.value for v in field.values}
    values += [
        GlossaryValue(value, UNKNOWN_MEANING, "", value_anchor(field.key, value), count, False)
        for value, count in sorted(used.items())
        if value not in described
    ]
    return GlossaryField(field, tuple(values))


def value_anchor(key: str, value: str) -> str:
    return f"{key}-{value}"


def relative_to_catalog(path: str) -> str:
    """A site-root path as seen from a page in catalog/ (links there always name a file)."""
    prefix = f"{CATALOG_DIR}/"
    return path.removeprefix(prefix) if path.startswith(prefix) else f"../{path}"
