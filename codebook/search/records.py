"""What search can find: one record per HCPCS code, and the word rule both indexes share.

Every procedure code in the CMS file is findable. A code with a guide page points at that page; any
other code points at its row in the catalog. The browser splits queries with the same rule as
`words` (site_assets/js/search-words.mjs `words`), so the two must change together; a shared fixture
table (tests/js/fixtures/words.json) keeps them honest.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..descriptor import unit_in_descriptor
from ..model import CmsCode, Modifier
from ..render import SearchDocument
from ..urls import catalog_index, catalog_ranges, code_path, modifier_path

WORD = re.compile(r"[a-z0-9]+")
# Fields a guide's SearchRecord takes unchanged from its SearchDocument.
SHARED_FIELDS = (
    "code",
    "title",
    "descriptor",
    "short_descriptor",
    "aliases",
    "headings",
    "category",
    "route",
    "status",
)


@dataclass(frozen=True)
class SearchRecord:
    """One search target: a guide page, or (for codes without one) a catalog row."""

    code: str
    path: str
    title: str
    descriptor: str
    short_descriptor: str
    aliases: tuple[str, ...]
    headings: tuple[str, ...]
    category: str
    route: str
    status: str
    guide: bool
    drug: bool = False  # CMS drug data (payment limits or NDCs) exists for the code
    ndcs: tuple[str, ...] = ()  # 11-digit 5-4-2 NDCs the CMS crosswalk maps to the code
    unit: str = ""  # the billing unit the CMS long descriptor names ("1 mg"), shown with each result


@dataclass(frozen=True)
class DrugNames:
    """What search takes of a code's CMS drug data: every brand and generic name, and its NDCs."""

    names: tuple[str, ...]
    ndcs: tuple[str, ...]


@dataclass(frozen=True)
class ModifierRecord:
    """A modifier search leads to its glossary entry ("JZ", "KX modifier", "modifier 59")."""

    code: str
    path: str
    title: str
    status: str


def modifier_records(modifiers: Mapping[str, Modifier]) -> tuple[ModifierRecord, ...]:
    return tuple(
        ModifierRecord(code, modifier_path(code), f"Modifier {code}: {m.definition}", m.status)
        for code, m in sorted(modifiers.items())
    )


def words(text: str) -> list[str]:
    """Lower case, accents dropped, split on anything that is not a letter or digit."""
    if text.isascii():  # nearly every CMS descriptor: nothing to fold
        return WORD.findall(text.lower())
    folded = unicodedata.normalize("NFKD", text.lower())
    folded = "".join(c for c in folded if not unicodedata.category(c).startswith("M"))
    return WORD.findall(folded)


def search_records(
    documents: Sequence[SearchDocument],
    codes: Mapping[str, CmsCode],
    brands: Mapping[str, tuple[str, ...]],
    catalog: Mapping[str, str] | None = None,
    drugs: Mapping[str, DrugNames] | None = None,
) -> tuple[SearchRecord, ...]:
    """Guide pages first-class, every other CMS code as its catalog row; sorted by code.

    `catalog` maps a code to its catalog row (the build's, computed once); None computes it.
    `drugs`: the crosswalk's names and NDCs per code; each name becomes a name of its code."""
    guides = {doc.code or doc.url: guide_record(doc) for doc in documents}  # a topic page has no code
    catalog = catalog if catalog is not None else catalog_index(catalog_ranges(codes))
    rows = (
        catalog_record(row, catalog[code], brands.get(code, ()))
        for code, row in codes.items()
        if code not in guides
    )
    # Topic pages (no code) after every code: the script index finds a code's shard by the first
    # code of each shard (search-index.js `docs`), so a shard never starts with one unless it is last.
    records = sorted([*guides.values(), *rows], key=lambda r: (not r.code, r.code, r.path))
    return tuple(with_unit(with_drug_names(r, (drugs or {}).get(r.code)), codes.get(r.code)) for r in records)


def with_unit(record: SearchRecord, row: CmsCode | None) -> SearchRecord:
    """The record with the billing unit of its CMS descriptor, so a biller sees it in the results."""
    unit = unit_in_descriptor(row.long_descriptor) if row else None
    return replace(record, unit=unit.label) if unit else record


def with_drug_names(record: SearchRecord, drug: DrugNames | None) -> SearchRecord:
    """The record with the crosswalk's names added to its aliases (once each, any case) and its NDCs;
    a code with drug data has its own page (codes/<CODE>.html) even without a guide."""
    if drug is None:
        return record
    seen = {name.casefold() for name in record.aliases}
    extra = tuple(n for n in dict.fromkeys(drug.names) if n.casefold() not in seen)
    aliases = (*record.aliases, *extra)
    return replace(record, path=code_path(record.code), aliases=aliases, drug=True, ndcs=drug.ndcs)


def guide_record(doc: SearchDocument) -> SearchRecord:
    """A guide page: the render stage already gathered what search needs."""
    same = {name: getattr(doc, name) for name in SHARED_FIELDS}
    return SearchRecord(path=doc.url, guide=True, **same)


def catalog_record(row: CmsCode, path: str, brands: Iterable[str]) -> SearchRecord:
    """A code nobody has written a guide for yet: the CMS long descriptor is all we know."""
    return SearchRecord(
        code=row.code,
        path=path,
        title=row.long_descriptor,
        descriptor=row.long_descriptor,
        short_descriptor=row.short_descriptor,
        aliases=tuple(brands),
        headings=(),
        category="",
        route="",
        status=row.status,
        guide=False,
    )
