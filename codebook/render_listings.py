"""Pages that list or gather codes: home, categories, families, the calculator, 404.

Split from render.py (code pages): these read a small projection of every page (ListedCode), so
they are rebuilt only when what they show changes (see build.listing_inputs' cache key).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment

from .browse import az_groups, family_blurb, home_blurb
from .calculator import (
    CALCULATOR_DATA_PATH,
    CalculatorCode,
    calculator_code,
    calculator_data_script,
    drug_calculator_code,
    ndc_data_scripts,
    ndc_shard_names,
)
from .catalog.rows import catalog_counts
from .citations import Citation, reader_text, text_citations
from .drug_block import newest_file_changes
from .link import Site
from .model import BillingUnit, Modifier, Page
from .render import OutputFile, RenderOptions, page_context
from .render_drugs import limit_file_calculator
from .urls import catalog_page_path, category_path, code_path, family_path, site_path


@dataclass(frozen=True)
class ListedCode:
    """What listing pages (home, categories, families) show of a code page, and nothing else: the
    projection is their cache key, so an edit to a page's own text does not re-render them."""

    code: str
    descriptor: str
    short_descriptor: str
    status: str
    route: str
    billing_unit: BillingUnit | None


def listed_code(page: Page) -> ListedCode:
    return ListedCode(
        page.code, page.descriptor, page.short_descriptor, page.status, page.route, page.billing_unit
    )


def listed_codes(site: Site) -> dict[str, ListedCode]:
    return {page.code: listed_code(page) for page in site.pages}


def listing_inputs(site: Site) -> tuple[object, ...]:
    """Everything the listing pages read of the site besides the reference data: a key part that
    an edit to a page's text alone leaves unchanged."""
    listed = tuple(listed_codes(site).values())
    return (listed, tuple(calculator_codes(site)), site.categories, site.families)


def render_listing_pages(env: Environment, site: Site, options: RenderOptions) -> list[OutputFile]:
    """Home, category, family, modifier glossary, calculator, search and 404 pages.

    They read code pages only through ListedCode and calculator_code (see listing_inputs).
    """
    listed = listed_codes(site)
    title = "HCPCS Level II billing reference"
    home = page_context(site, 0, options, site_path("home"), title, home_blurb(len(site.pages)))
    home["site"] = site_summary(site, listed)
    home["ages"] = options.data_age.newest
    outputs = [render_template(env, "index.html", home, site)]
    for category, codes in site.categories:
        path = category_path(category.slug)
        context = page_context(site, 1, options, path, category.title, category.description)
        context.update(category=category, codes=[listed[c] for c in codes])
        outputs.append(render_template(env, "category.html", context, site))
    for family in site.families:
        path = family_path(family.slug)
        context = page_context(site, 1, options, path, f"Codes {family.title}", family_blurb(family))
        changes = newest_file_changes(site.drugs, *family.slug.split("-", 1))
        context.update(family=family, codes=[listed[c] for c in family.codes], changes=changes)
        outputs.append(render_template(env, "family.html", context, site))
    glossary = page_context(
        site, 0, options, site_path("modifiers"), "Modifier glossary", "Modifiers that matter for drug codes."
    )
    glossary.update(modifiers=modifier_entries(site))
    outputs.append(render_template(env, "modifiers.html", glossary, site))
    outputs.extend(render_calculator_page(env, site, options))
    search = page_context(site, 0, options, site_path("search"), "Search")
    search.update(noindex=True)  # results pages are for people; crawlers index the pages themselves
    outputs.append(render_template(env, "search.html", search, site))
    outputs.append(render_not_found(env, site, options))
    return outputs


@dataclass(frozen=True)
class ModifierEntry:
    """A glossary entry as readers see it: maintainers' notes on what is unverified left out, and
    the free-text source cell as citations."""

    modifier: Modifier
    notes: str
    citations: tuple[Citation, ...]


def modifier_entries(site: Site) -> list[ModifierEntry]:
    edition = site.reference.edition
    dated = {edition.url: edition.date.isoformat()}
    return [
        ModifierEntry(m, reader_text(m.notes), text_citations(m.source, dated))
        for m in site.reference.modifiers.values()
    ]


def render_calculator_page(env: Environment, site: Site, options: RenderOptions) -> list[OutputFile]:
    """calculator.html plus the code list its picker reads (a script: fetch() fails from file://)."""
    codes = calculator_codes(site)
    context = page_context(site, 0, options, site_path("calculator"), "Billing-unit calculator")
    context["ages"] = options.data_age.newest
    context.update(calc=None, ndc_json="", ndc_shards=ndc_shard_names(site.drugs))
    page = render_template(env, "calculator.html", context, site)
    return [
        page,
        OutputFile(CALCULATOR_DATA_PATH, calculator_data_script(codes)),
        *(OutputFile(path, script) for path, script in ndc_data_scripts(site.drugs).items()),
    ]


def calculator_codes(site: Site) -> list[CalculatorCode]:
    """Every code the stand-alone picker finds: guide pages, then codes with drug data only."""
    with_ndcs = {code for code, drug in site.drugs.items() if drug.ndcs}
    codes = [calculator_code(page, page.code in with_ndcs) for page in site.pages]
    units, cms = site.reference.dose_units, site.reference.codes
    for code, drug in site.drugs.items():
        if code not in site.views and code in cms:
            codes.append(drug_calculator_code(cms[code], units.get(code), drug))
        elif code not in site.views:  # not in this edition's HCPCS file: the payment-limit file's unit
            row = drug.current_limit or drug.packages[0]
            codes.append(limit_file_calculator(code, drug, row.short_description, cms))
    return codes


def render_not_found(env: Environment, site: Site, options: RenderOptions) -> OutputFile:
    """404.html is served at any depth, so its links are absolute when the base URL is known."""
    context = page_context(site, 0, options, "404.html", "Page not found")
    if options.base_url:
        context["root"] = options.base_url.rstrip("/") + "/"
    context.update(canonical="", noindex=True, not_found=not_found_data(site))
    return render_template(env, "404.html", context, site)


@dataclass(frozen=True)
class NotFoundData:
    """What the 404 page's script needs to turn a missing address into the code's page or catalog
    row: the URL scheme (paths with a {code}/{slug} slot), the site's folders, codes with a page and
    the catalog's ranges ("slug:first:last"), all as data attributes (no inline script)."""

    folders: str
    code_path: str
    range_path: str
    search_path: str
    pages: str
    ranges: str


def not_found_data(site: Site) -> NotFoundData:
    paths = (code_path("{code}"), catalog_page_path("{slug}"), category_path("x"), family_path("x"))
    folders = sorted({path.split("/")[0] for path in (*paths, site_path("asset", "x"))})
    ranges = " ".join(f"{slug}:{codes[0]}:{codes[-1]}" for slug, codes in site.catalog_ranges.items())
    return NotFoundData(
        folders=" ".join(folders),
        code_path=paths[0],
        range_path=paths[1],
        search_path=site_path("search"),
        pages=" ".join(sorted(set(site.views) | set(site.drugs))),
        ranges=ranges,
    )


def render_template(env: Environment, name: str, context: dict[str, Any], site: Site) -> OutputFile:
    """Only the home page reads the site summary (`site`): it is built once, for it alone."""
    return OutputFile(context["path"], env.get_template(name).render(context).encode("utf-8"))


def site_summary(site: Site, listed: dict[str, ListedCode]) -> dict[str, Any]:
    """Lists shared by the home page and navigation."""
    active = sum(1 for p in site.pages if p.status == "active")
    return {
        "drug_pages": sum(1 for code in site.drugs if code not in site.views),  # no written guide yet
        "categories": [(c, [listed[code] for code in codes]) for c, codes in site.categories],
        "families": site.families,
        "az": az_groups(listed.values()),
        "count": len(site.pages),
        "active": active,
        "terminated": len(site.pages) - active,
        "catalog": catalog_counts(site.reference, site.views, site.drugs),
    }
