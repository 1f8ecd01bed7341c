"""Render the catalog (range pages, their index and the glossary of CMS values) with Jinja2.

Its own build stage, so the build reports how long the 8,600-row catalog takes apart from the guides.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from .catalog import GLOSSARY_PATH, INDEX_PATH, Catalog, CatalogPage, build_catalog
from .link import Site
from .render import OutputFile, RenderOptions, make_environment, page_context, render_template, site_summary


def render_catalog(site: Site, options: RenderOptions) -> list[OutputFile]:
    env = make_environment(options.templates)
    catalog = build_catalog(site.reference, frozenset(site.views))
    shared = {"site": site_summary(site), "columns": catalog.columns, "counts": catalog.counts}

    def render(template: str, path: str, title: str, **values: Any) -> OutputFile:
        context = page_context(site, 1, options, path, title)
        context.update(shared, **values)
        return render_template(env, template, context, site)

    files = [
        render("catalog/range.html", page.path, f"HCPCS codes {page.title}", page=page)
        for page in catalog.pages
    ]
    files.append(render("catalog/index.html", INDEX_PATH, "HCPCS Level II catalog", letters=letters(catalog)))
    files.append(
        render(
            "catalog/glossary.html",
            GLOSSARY_PATH,
            "What the CMS values mean",
            fields=catalog.glossary,
            source=catalog.source,
        )
    )
    return files


def letters(catalog: Catalog) -> list[tuple[str, list[CatalogPage]]]:
    """Range pages grouped by the code's letter, for the index."""
    grouped: dict[str, list[CatalogPage]] = defaultdict(list)
    for page in catalog.pages:
        grouped[page.first[0]].append(page)
    return sorted(grouped.items())
