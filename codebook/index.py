"""Stage 5: search. One record per HCPCS code (guide page or catalog row) goes into two indexes:

- Pagefind (pagefind/), used over http: full text of every guide page, weighted and filterable;
- a sharded script index (search-index.js + search/), used from file:// where Pagefind cannot run,
  and for exact-code and code-prefix lookups in both modes.

Both read the render stage's SearchDocuments and the CMS reference, so nothing re-parses written HTML.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path

from .pagefind_index import build_pagefind
from .reference import ReferenceData
from .render import OutputFile, SearchDocument
from .script_index import build_script_index
from .search_records import search_records

# The code that shapes the output: a change to any of these makes every cached index stale.
SOURCES = ("index.py", "pagefind_index.py", "script_index.py", "search_records.py", "urls.py", "jsdata.py")


def build_search(documents: Sequence[SearchDocument], reference: ReferenceData) -> list[OutputFile]:
    records = search_records(documents, reference.codes, reference.brands)
    return [*build_script_index(records), *build_pagefind(documents, records)]


def search_digest(documents: Sequence[SearchDocument], reference: ReferenceData) -> str:
    """A digest of everything build_search's output depends on (for the orchestration's cache)."""
    digest = hashlib.sha256(f"pagefind {version('pagefind')}\n".encode())
    here = Path(__file__).parent
    for name in SOURCES:
        digest.update((here / name).read_bytes())
    for document in documents:
        digest.update(repr(document).encode())
    for code in sorted(reference.codes):
        digest.update(repr((reference.codes[code], reference.brands.get(code, ()))).encode())
    return digest.hexdigest()
