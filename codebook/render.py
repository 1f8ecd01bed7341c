"""Stage 4: turn the Site into HTML strings with Jinja2 (autoescape on) and markdown-it-py.

Templates receive plain, precomputed data; every href is made here, relative to the page's folder,
so one build works at a domain root, under a sub-path and from file://.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from .billing_rules import BILLING_RULES, script_rules_json
from .biosimilars import related_products
from .blobs import KeptFile
from .body_links import topic_slug
from .calculator import (
    calculator_code,
    ndc_data_attribute,
)
from .citations import Citation, drug_citations, source_citations
from .data_age import DataAge
from .drug_block import PAYER_CAVEAT, drug_block, figure
from .incremental import digest
from .link import Site
from .markdown import make_markdown, render_sections
from .model import CodeView, Link, Page
from .money import money
from .page_summary import JW_TOPIC, SummaryInput, discard_note, page_summary
from .reporting import printable
from .schema import CODE_PATTERN, MODIFIER_PATTERN
from .urls import code_path, modifier_path, page_url, public_url, site_path, topic_path

SITE_NAME = "codebook"
TAG = re.compile(r"<[^>]+>")
BLOCK_TAG = re.compile(r"</?(?:p|li|[uo]l|h[1-6]|div|section|table|t[rdh]|br|blockquote|pre|d[ltd])\b[^>]*>")


@dataclass(frozen=True)
class RenderOptions:
    templates: Path
    base_url: str = ""
    edit_url: str = ""  # prefix of "Edit this page" links; each file's path from source_root is appended
    source_root: Path | None = None
    # The drug files' newest quarters and which have ended by the build date (data_age.py).
    data_age: DataAge = field(default_factory=DataAge)
    topics: frozenset[str] = frozenset()  # the topic pages built: a code page links one only if it exists


@dataclass(frozen=True)
class OutputFile:
    path: str
    content: bytes


@dataclass(frozen=True)
class SearchSection:
    """One `<section id=slug>` of a code page as plain text, so search can link straight to it."""

    slug: str
    title: str
    text: str


@dataclass(frozen=True)
class SearchDocument:
    """What the search stage indexes for one code page (plain data: nothing re-parses the HTML)."""

    url: str
    code: str
    title: str
    descriptor: str
    short_descriptor: str
    aliases: tuple[str, ...]
    category: str
    route: str
    status: str
    headings: tuple[str, ...]
    sections: tuple[SearchSection, ...]

    @cached_property
    def key(self) -> str:
        """A digest of every field, by which search tells a changed record (search/bundle.py). The
        build takes it in the render worker and it is pickled with the page into the store, so a
        rebuild does not hash 8,000 documents again (a cached_property lives in the instance,
        outside eq and repr)."""
        return digest("search-document", self)


@dataclass(frozen=True)
class RenderedPage:
    """A code page's HTML (a KeptFile once the store keeps its bytes) and what search indexes of it."""

    file: OutputFile | KeptFile
    document: SearchDocument


# C0 but tab, newline and CR, DEL and C1: what CMS's own files may hold (ESC, BEL in a labeler's
# name) and author text cannot (refused with path:line). Shown escaped, as the terminal shows them.
HTML_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def visible_controls(value: object) -> object:
    """Every template value (Jinja's finalize) with its control characters shown as `\x1b`:
    autoescape passes them to the page raw. Markup (rendered Markdown, JSON) is already safe."""
    if isinstance(value, str) and not isinstance(value, Markup) and HTML_CONTROLS.search(value):
        return HTML_CONTROLS.sub(lambda found: printable(found.group()), value)
    return value


def make_environment(templates: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates)),
        autoescape=True,
        finalize=visible_controls,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build, one environment: no stat of every template per page
    )
    env.filters["number"] = "{:,}".format  # 8623 → 8,623
    env.filters["figure"] = figure
    env.filters["money"] = money
    env.globals.update(
        url=template_url,
        site_path=site_path,
        billing=BILLING_RULES,
        billing_rules_json=script_rules_json(),
        drug_caveat=PAYER_CAVEAT,
    )
    return env


@pass_context
def template_url(context: Context, kind: str, *args: str, anchor: str = "") -> str:
    """`{{ url("code", item.code) }}`: the one URL scheme (urls.py), relative to the page rendered."""
    return page_url(context["root"], kind, *args, anchor=anchor)


@dataclass(frozen=True)
class RenderEnv:
    """What rendering a page reads besides its own view: the templates, the Markdown parser, the
    linked site (titles, families, which codes have pages) and the options."""

    jinja: Environment
    md: Any
    site: Site
    options: RenderOptions


def make_render_env(site: Site, options: RenderOptions) -> RenderEnv:
    return RenderEnv(make_environment(options.templates), make_markdown(), site, options)


def page_context(
    site: Site, depth: int, options: RenderOptions, path: str, title: str, description: str = ""
) -> dict[str, Any]:
    """Values every template shares: the relative root, the edition, and for --base-url builds the
    public address (canonical link, Open Graph); without a base URL no host name appears."""
    return {
        "root": "../" * depth,
        "site_name": SITE_NAME,
        "page_title": title,
        "description": description,
        "og_type": "article" if path.startswith("codes/") else "website",
        "noindex": False,
        "edition": site.reference.edition,
        "canonical": public_url(options.base_url, path) if options.base_url else "",
        "path": path,
    }


def reference_resolver(root: str, site: Site):
    codes = site.views  # a dict: membership is O(1), no per-page copy of every code

    def resolve(target: str) -> str:
        if CODE_PATTERN.match(target) and target in codes:
            return root + code_path(target)
        if MODIFIER_PATTERN.match(target) and target in site.reference.modifiers:
            return root + modifier_path(target)
        return root + topic_path(topic_slug(target)) if topic_slug(target) else ""

    return resolve


def render_code_page(view: CodeView, env: RenderEnv) -> RenderedPage:
    """One code page: a plain function of its view and the environment, so the orchestration can
    cache it by their content and spread pages over processes."""
    site, options, md = env.site, env.options, env.md
    page = view.page
    path = code_path(page.code)
    context = page_context(site, 1, options, path, code_page_title(page), code_page_description(page))
    resolve = reference_resolver(context["root"], site)
    bodies = render_sections(md, page.sections, resolve)
    sections = [
        {"title": s.title, "slug": s.slug, "html": html}
        for s, html in zip(page.sections, bodies, strict=True)
    ]
    category = site.reference.categories[page.category]
    calc = calculator_code(page)
    drug = site.drugs.get(page.code)
    linked_from = other_backlinks(view)
    context.update(
        page=page,
        view=view,
        category=category,
        sections=sections,
        facts=code_facts(page, site),
        family=site.family(view.family),
        calc=calc,
        summary=page_summary(calc, guide_summary_input(page, site), drug, context["root"]),
        similar=similar_items(view, site),
        linked_from=linked_from,
        ndc_json=ndc_data_attribute(drug),
        jump=jump_list(sections, bool(linked_from), drug is not None),
        edit_url=edit_link(page, options),
        drug=drug_block(drug) if drug else None,
        ages=options.data_age.of_drug(drug),
        related=related_products(page.code, site.biosimilars),
        discard=discard_note(calc, drug, page_url(context["root"], "topic", JW_TOPIC), options.topics),
        citations=page_citations(page, site),
    )
    rendered = env.jinja.get_template("code.html").render(context)
    document = SearchDocument(
        url=path,
        code=page.code,
        title=page.title,
        descriptor=page.descriptor,
        short_descriptor=page.short_descriptor,
        aliases=page.aliases,
        category=category.title,
        route=page.route,
        status=page.status,
        headings=tuple(s.title for s in page.sections),
        sections=tuple(SearchSection(s["slug"], s["title"], plain_text(s["html"])) for s in sections),
    )
    return RenderedPage(OutputFile(path, rendered.encode("utf-8")), document)


def page_citations(page: Page, site: Site) -> tuple[Citation, ...]:
    """The page's front-matter sources, then the CMS drug files when the page shows drug data."""
    drug = site.drugs.get(page.code)
    return source_citations(page.sources) + (drug_citations(drug) if drug else ())


def code_page_title(page: Page) -> str:
    """The browser tab and bookmark name; a terminated code says so before anyone opens it."""
    suffix = " (terminated)" if page.status == "terminated" else ""
    return f"{page.code} — {page.descriptor}{suffix}"


def code_page_description(page: Page) -> str:
    """One sentence for search results and link previews: the code, its unit, route and status."""
    unit = f"One billing unit is {page.billing_unit.label}" if page.billing_unit else "No unit amount"
    status = f"terminated {page.terminated.isoformat()}" if page.terminated else page.status
    return (
        f"{page.code}: {page.descriptor}. {unit}, {page.route}, {status}. "
        "Modifiers, documentation and denial reasons for billing staff."
    )


def edit_link(page: Page, options: RenderOptions) -> str:
    """Where to edit the page's file in the repository ('' unless --repo-url was given)."""
    if not options.edit_url or options.source_root is None:
        return ""
    path = Path(page.path).resolve()
    try:
        relative = path.relative_to(options.source_root.resolve()).as_posix()
    except ValueError:
        return ""
    return edit_url_for(options.edit_url, relative)


# Characters a URL may hold as they are (RFC 3986 reserved and unreserved) and '%' of an existing escape.
URL_SAFE = ":/?#[]@!$&'()*+,;=%~"


def edit_url_for(prefix: str, relative: str) -> str:
    """The prefix with the file's repository path appended, each path segment percent-encoded.

    A file or folder named 'oral #1' or 'a?b' must not end the path early (# and ? start the
    fragment and query), and a space, a quote or a non-ASCII letter is not allowed in a URL at all.
    The prefix is the maintainer's own URL: only what no URL may hold (spaces, quotes, <, >) is encoded.
    """
    path = "/".join(quote(segment, safe="") for segment in relative.split("/"))
    return quote(prefix, safe=URL_SAFE) + path


def jump_list(
    sections: list[dict[str, str]], has_backlinks: bool, has_drug_data: bool = False
) -> list[tuple[str, str]]:
    """The page's sections in page order: the calculator sits at the top beside the summary."""
    jump = [("billing-units", "Billing Units")]
    jump += [(section["slug"], section["title"]) for section in sections]
    if has_drug_data:
        jump.append(("drug-data", "Medicare Part B drug data"))
    if has_backlinks:
        jump.append(("codes-that-link-here", "Codes That Link Here"))
    jump.append(("sources", "Sources"))
    return jump


def code_facts(page: Page, site: Site) -> list[tuple[str, str]]:
    """The secondary facts: what the heading (code, long descriptor), the summary (unit, status,
    termination) and the page's last line (review date) already say is not repeated here."""
    facts = [
        ("Short descriptor", page.short_descriptor),
        ("Route", page.route),
        ("Added", page.added.isoformat()),
    ]
    if page.effective:
        facts.append(("Action effective", page.effective.isoformat()))
    facts.append(("Also known as", ", ".join(page.aliases)))
    facts.append(("Reference", site.reference.edition.name))
    return facts


def guide_summary_input(page: Page, site: Site) -> SummaryInput:
    replaced = page.replaced_by
    return SummaryInput(page.status, replaced, True, bool(replaced) and replaced in site.views)


@dataclass(frozen=True)
class SimilarItem:
    """A similar code as the page lists it: the link, the reason, and its billing unit to compare."""

    code: str
    title: str
    reason: str
    unit: str


def similar_items(view: CodeView, site: Site) -> list[SimilarItem]:
    items = []
    for link in view.similar:
        other = site.views.get(link.code)
        unit = other.page.billing_unit if other else None
        items.append(SimilarItem(link.code, link.title, link.reason, f"per {unit.label}" if unit else ""))
    return items


def other_backlinks(view: CodeView) -> tuple[Link, ...]:
    """Codes That Link Here without the similar codes: those are listed, with reasons, once above."""
    similar = {link.code for link in view.similar}
    return tuple(link for link in view.linked_from if link.code not in similar)


def plain_text(markup: str) -> str:
    """Text for search: blocks become spaces, inline tags vanish ("(J7507)" stays one word)."""
    text = TAG.sub("", BLOCK_TAG.sub(" ", markup))
    return " ".join((html.unescape(text) if "&" in text else text).split())  # split: ~3x a regex
