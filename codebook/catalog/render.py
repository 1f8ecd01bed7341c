"""Render the catalog (range pages, their index and the glossary of CMS values) with Jinja2.

Its own build stage, so the build reports how long the 8,600-row catalog takes apart from the guides.
The pages depend only on the reference data, the templates, the options and which codes have guides,
so the incremental layer keeps them by a key over those.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from ..citations import Citation, publisher_of
from ..link import Site
from ..render import (
    OutputFile,
    RenderOptions,
    make_environment,
    page_context,
)
from ..render_listings import render_template
from .record_layout import LayoutSource
from .rows import GLOSSARY_PATH, INDEX_PATH, Catalog, CatalogPage, build_catalog


def render_catalog(site: Site, options: RenderOptions) -> list[OutputFile]:
    """The catalog's files: a function of the reference data, the templates, the options and which
    codes have guides (the orchestration caches it by those)."""
    catalog = build_catalog(site.reference, frozenset(site.views), frozenset(site.drugs), site.catalog_ranges)
    return render_catalog_files(site, options, catalog)


def render_catalog_files(site: Site, options: RenderOptions, catalog: Catalog) -> list[OutputFile]:
    env = make_environment(options.templates)
    edition = site.reference.edition.name
    shared = {
        "columns": catalog.columns,
        "counts": catalog.counts,
    }

    def render(template: str, path: str, title: str, description: str, **values: Any) -> OutputFile:
        context = page_context(site, 1, options, path, title, description)
        context.update(shared, **values)
        return render_template(env, template, context, site)

    files = [
        render(
            "catalog/range.html",
            page.path,
            f"HCPCS codes {page.title}",
            f"The {page.counts.codes} HCPCS Level II codes {page.title} in the {edition}: long descriptor, "
            "status and dates, pricing indicator, coverage, BETOS, type of service and action code.",
            page=page,
        )
        for page in catalog.pages
    ]
    files.append(
        render(
            "catalog/index.html",
            INDEX_PATH,
            "HCPCS Level II catalog",
            f"Every HCPCS Level II code in the {edition}, by code range, with or without a written guide.",
            letters=letters(catalog),
        )
    )
    files.append(
        render(
            "catalog/glossary.html",
            GLOSSARY_PATH,
            "What the CMS values mean",
            "What each CMS HCPCS pricing indicator, coverage code, BETOS, type of service and action code "
            "means, in the words of the CMS record layout.",
            fields=catalog.glossary,
            source=catalog.source,
            citations=layout_citations(catalog.source),
        )
    )
    return files


def layout_citations(source: LayoutSource) -> tuple[Citation, ...]:
    """The CMS record layout as a citation: CMS's zip, not the copy we read it from."""
    if not source.title:
        return ()
    date = source.date.isoformat() if source.date else ""
    return (Citation(f"{source.title} ({source.file})", publisher_of(source.url), date, source.url),)


def letters(catalog: Catalog) -> list[tuple[str, list[CatalogPage]]]:
    """Range pages grouped by the code's letter, for the index."""
    grouped: dict[str, list[CatalogPage]] = defaultdict(list)
    for page in catalog.pages:
        grouped[page.first[0]].append(page)
    return sorted(grouped.items())
