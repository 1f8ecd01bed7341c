"""Stage 3: resolve the whole set of pages into a Site — cross-links both ways, categories, families.

Pure: pages in, a Site out. Runs only after every page is loaded and checked (two passes, as Pelican
does), so a link can point at any page regardless of file order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from .biosimilars import BiosimilarGroup, biosimilar_groups
from .cms_tables import ReferenceData
from .drugs import DrugData
from .model import Category, CodeView, Link, Page, RuleItem
from .schema import CODE_PATTERN, code_family
from .urls import catalog_index, catalog_ranges


@dataclass(frozen=True)
class Family:
    slug: str
    title: str
    codes: tuple[str, ...]


@dataclass(frozen=True)
class Site:
    pages: tuple[Page, ...]
    views: dict[str, CodeView]
    categories: tuple[tuple[Category, tuple[str, ...]], ...]
    families: tuple[Family, ...]
    reference: ReferenceData
    # Catalog page slug → its codes: computed once here, read by the catalog and search stages.
    catalog_ranges: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every code with CMS drug data (payment limits or NDCs): each has a page at url("code", code).
    drugs: Mapping[str, DrugData] = field(default_factory=dict)
    # Code → its biosimilar group (reference product and biosimilars with pages), from the descriptors.
    biosimilars: Mapping[str, BiosimilarGroup] = field(default_factory=dict)

    def has_page(self, code: str) -> bool:
        """A code has a page when it has a guide or CMS drug data."""
        return code in self.views or code in self.drugs

    def page(self, code: str) -> Page:
        return self.views[code].page

    def family(self, slug: str) -> Family:
        return self.families_by_slug[slug]

    @cached_property
    def families_by_slug(self) -> dict[str, Family]:
        """Built once: every code page looks its family up, so a scan per page would be O(N²)."""
        return {f.slug: f for f in self.families}


def link_site(
    pages: Sequence[Page],
    reference: ReferenceData,
    drugs: Mapping[str, DrugData] | None = None,
    topics: Mapping[str, RuleItem] | None = None,
) -> Site:
    """The linked Site, made once per build from every page that passed validation. `topics`: each
    topic page's slug with its title and purpose, which a guide's `rules:` list shows."""
    topics = topics or {}
    ordered = tuple(sorted(pages, key=lambda p: p.code))
    ranges = catalog_ranges(reference.codes)
    catalog = catalog_index(ranges)
    by_code = {p.code: p for p in ordered}
    families = _families(ordered)
    neighbours = _neighbours(families)
    incoming = _incoming_links(ordered)
    replaces: dict[str, list[str]] = defaultdict(list)
    for page in ordered:
        if page.replaced_by:
            replaces[page.replaced_by].append(page.code)
    views = {
        page.code: CodeView(
            page=page,
            family=code_family(page.code),
            # A draft shown with --drafts may still name codes without pages: skip those.
            similar=tuple(
                Link(s.code, by_code[s.code].title, s.reason) for s in page.similar if s.code in by_code
            ),
            linked_from=tuple(
                Link(code, by_code[code].title, reason)
                for code, reason in sorted(incoming[page.code].items())
            ),
            previous=neighbours[page.code][0],
            next=neighbours[page.code][1],
            replaces=tuple(replaces[page.code]),
            catalog=catalog.get(page.code, ""),
            rules=tuple(topics[r.slug] for r in page.rules if r.slug in topics),
        )
        for page in ordered
    }
    drugs = drugs or {}
    groups = biosimilar_groups(reference.codes, lambda code: code in views or code in drugs)
    return Site(ordered, views, _categories(ordered, reference), families, reference, ranges, drugs, groups)


def _incoming_links(pages: tuple[Page, ...]) -> dict[str, dict[str, str]]:
    """For each code, the pages that point at it and every way they do, in one phrase per page.

    Similar lists are mutual, so a bare 'lists it as similar' would repeat the Similar Codes list;
    naming the sections whose text links here tells a reader where to look on the other page.
    """
    similar: dict[str, set[str]] = defaultdict(set)
    mentions: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    replaced: dict[str, set[str]] = defaultdict(set)
    for page in pages:
        for item in page.similar:
            similar[item.code].add(page.code)
        for ref in page.body_links:
            if not CODE_PATTERN.match(ref.target) or ref.target == page.code:
                continue
            sections = mentions[ref.target][page.code]
            if (ref.section or "its text") not in sections:
                sections.append(ref.section or "its text")
        if page.replaced_by:
            replaced[page.replaced_by].add(page.code)
    incoming: dict[str, dict[str, str]] = defaultdict(dict)
    for target in set(similar) | set(mentions) | set(replaced):
        for source in similar[target] | set(mentions[target]) | replaced[target]:
            reasons = []
            if source in replaced[target]:
                reasons.append("was replaced by it")
            if source in similar[target]:
                reasons.append("lists it as a similar code")
            if source in mentions[target]:
                reasons.append(f"links to it under {_and_list(mentions[target][source])}")
            incoming[target][source] = _and_list(reasons)
    return incoming


def _and_list(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _families(pages: tuple[Page, ...]) -> tuple[Family, ...]:
    grouped: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        grouped[code_family(page.code)].append(page.code)
    return tuple(
        Family(slug, slug.replace("-", "–"), tuple(codes)) for slug, codes in sorted(grouped.items())
    )


def _neighbours(families: tuple[Family, ...]) -> dict[str, tuple[str, str]]:
    result: dict[str, tuple[str, str]] = {}
    for family in families:
        codes = family.codes
        for i, code in enumerate(codes):
            result[code] = (
                codes[i - 1] if i > 0 else "",
                codes[i + 1] if i + 1 < len(codes) else "",
            )
    return result


def _categories(
    pages: tuple[Page, ...], reference: ReferenceData
) -> tuple[tuple[Category, tuple[str, ...]], ...]:
    """Categories in the order of categories.yml, each with its codes; empty ones left out."""
    members: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        members[page.category].append(page.code)
    return tuple(
        (category, tuple(members[slug])) for slug, category in reference.categories.items() if members[slug]
    )
