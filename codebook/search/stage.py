"""Stage 5: search. One record per HCPCS code (guide page or catalog row) goes into two indexes:

- Pagefind (pagefind/), used over http: full text of every guide page, weighted and filterable;
- a sharded script index (search-index.js + search/), used from file:// where Pagefind cannot run,
  and for exact-code and code-prefix lookups in both modes.

Both read the render stage's SearchDocuments and the CMS reference, so nothing re-parses written HTML.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from importlib.metadata import version
from pathlib import Path

from ..biosimilars import BiosimilarGroup
from ..cms_tables import ReferenceData
from ..drugs import DrugData
from ..render import SearchDocument
from .pagefind import PagefindPart, split_parts
from .records import DrugNames, ModifierRecord, SearchRecord, modifier_records, search_records

# The code that shapes the output (relative to codebook/): a change to any makes every cached piece stale.
SOURCES = (
    "search/stage.py",
    "search/pagefind.py",
    "search/script_index.py",
    "search/records.py",
    "urls.py",
    "jsdata.py",
)


@dataclass(frozen=True)
class SearchInput:
    """What the search stage reads of a build: its pages' documents, the CMS tables, and each CMS
    code's catalog row (code → 'catalog/J-7000.html#J7507', as the link stage computed it)."""

    documents: tuple[SearchDocument, ...]
    reference: ReferenceData
    catalog: Mapping[str, str]
    drugs: Mapping[str, DrugNames] = field(default_factory=dict)


@dataclass(frozen=True)
class SearchWork:
    """The search stage cut into pieces made (and cached by the orchestration) one by one: the
    script index, and each Pagefind part, so an edit to one page re-indexes one part."""

    records: tuple[SearchRecord, ...]
    parts: tuple[PagefindPart, ...]
    modifiers: tuple[ModifierRecord, ...] = ()


def plan_search(
    documents: Sequence[SearchDocument],
    reference: ReferenceData,
    catalog: Mapping[str, str] | None = None,
    drugs: Mapping[str, DrugNames] | None = None,
) -> SearchWork:
    """`catalog`: code → catalog row, as the build's link stage computed it (None: computed here);
    `drugs`: the CMS crosswalk's names and NDCs per code."""
    records = tuple(search_records(documents, reference.codes, reference.brands, catalog, drugs))
    modifiers = modifier_records(reference.modifiers)
    return SearchWork(records, tuple(split_parts(documents, records)), modifiers)


def piece_digest(kind: str, value: object) -> str:
    """A digest of everything a piece's output depends on: its records, the search code, Pagefind."""
    digest = hashlib.sha256(f"{kind} pagefind {version('pagefind')}\n".encode())
    here = Path(__file__).parent.parent
    for name in SOURCES:
        digest.update((here / name).read_bytes())
    # repr, not pickle: records are frozen dataclasses of str, numbers and tuples, whose repr is a
    # function of their value; pickle's bytes also depend on which objects are shared (a record
    # read back from the store pickles differently from the same record just made).
    digest.update(repr(value).encode())
    return digest.hexdigest()


def search_drugs(
    drugs: Mapping[str, DrugData], biosimilars: Mapping[str, BiosimilarGroup] | None = None
) -> dict[str, DrugNames]:
    """What search takes of the site's drug data (Site.drugs): names and NDCs per code. The
    ingredient of a biosimilar group is a name of each of its codes, so "bevacizumab" finds J9035
    and every bevacizumab biosimilar (whose descriptors spell it "bevacizumab-awwb")."""
    groups = biosimilars or {}
    return {
        code: DrugNames(
            data.drug_names + ((groups[code].ingredient,) if code in groups else ()),
            tuple(p.ndc for p in data.packages if p.ndc),
        )
        for code, data in sorted(drugs.items())
    }
