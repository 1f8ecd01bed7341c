"""Stage 5: search. One record per HCPCS code (guide page or catalog row) goes into two indexes:

- Pagefind (pagefind/), used over http: full text of every guide page, weighted and filterable;
- a sharded script index (search-index.js + search/), used from file:// where Pagefind cannot run,
  and for exact-code and code-prefix lookups in both modes.

Both read the render stage's SearchDocuments and the CMS reference, so nothing re-parses written HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from .pagefind_index import build_pagefind
from .reference import ReferenceData
from .render import OutputFile, SearchDocument
from .script_index import build_script_index
from .search_records import search_records


def build_search(documents: Sequence[SearchDocument], reference: ReferenceData) -> list[OutputFile]:
    records = search_records(documents, reference.codes, reference.brands)
    return [*build_script_index(records), *build_pagefind(documents, records)]
