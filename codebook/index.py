"""Stage 5: search. One record per HCPCS code (guide page or catalog row) goes into two indexes:

- Pagefind (pagefind/), used over http: full text of every guide page, weighted and filterable;
- a sharded script index (search-index.js + search/), used from file:// where Pagefind cannot run,
  and for exact-code and code-prefix lookups in both modes.

Both read the render stage's SearchDocuments and the CMS reference, so nothing re-parses written HTML.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Sequence
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from .cms_tables import ReferenceData
from .pagefind_index import PagefindPart, split_parts
from .render import SearchDocument
from .search_records import SearchRecord, search_records

# The code that shapes the output: a change to any of these makes every cached index stale.
SOURCES = ("index.py", "pagefind_index.py", "script_index.py", "search_records.py", "urls.py", "jsdata.py")


@dataclass(frozen=True)
class SearchWork:
    """The search stage cut into pieces made (and cached by the orchestration) one by one: the
    script index, and each Pagefind part, so an edit to one page re-indexes one part."""

    records: tuple[SearchRecord, ...]
    parts: tuple[PagefindPart, ...]


def plan_search(documents: Sequence[SearchDocument], reference: ReferenceData) -> SearchWork:
    records = tuple(search_records(documents, reference.codes, reference.brands))
    return SearchWork(records, tuple(split_parts(documents, records)))


def piece_digest(kind: str, value: object) -> str:
    """A digest of everything a piece's output depends on: its records, the search code, Pagefind."""
    digest = hashlib.sha256(f"{kind} pagefind {version('pagefind')}\n".encode())
    here = Path(__file__).parent
    for name in SOURCES:
        digest.update((here / name).read_bytes())
    digest.update(pickle.dumps(value, protocol=5))  # records are plain frozen dataclasses: deterministic
    return digest.hexdigest()
