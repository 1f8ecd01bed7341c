"""Stage 5: search indexes. A compact script index (search-index.js) that works from file://.

Pagefind (for http) plugs in here too; both read the SearchDocuments made by the render stage, so
nothing re-parses the written HTML.
"""

from __future__ import annotations

from collections.abc import Sequence

from .jsdata import script_assignment
from .render import OutputFile, SearchDocument


def build_script_index(documents: Sequence[SearchDocument]) -> OutputFile:
    """One record per page: enough to find a code, a name or a heading without any fetch."""
    records = [
        {
            "u": doc.url,
            "c": doc.code,
            "t": doc.title,
            "d": doc.descriptor,
            "s": doc.short_descriptor,
            "a": list(doc.aliases),
            "g": doc.category,
            "h": list(doc.headings),
            "x": doc.status,
        }
        for doc in sorted(documents, key=lambda d: d.code)
    ]
    return OutputFile("search-index.js", script_assignment("CODEBOOK_SEARCH", records))


def build_search(documents: Sequence[SearchDocument]) -> list[OutputFile]:
    return [build_script_index(documents)]
