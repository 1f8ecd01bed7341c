"""Stage 3: resolve the whole set of pages into a Site — cross-links both ways, categories, families.

Pure: pages in, a Site out. Runs only after every page is loaded and checked (two passes, as Pelican
does), so a link can point at any page regardless of file order.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from functools import cached_property

from .cms_tables import ReferenceData
from .model import Category, CodeView, Link, Page
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

    def page(self, code: str) -> Page:
        return self.views[code].page

    def family(self, slug: str) -> Family:
        return self.families_by_slug[slug]

    @cached_property
    def families_by_slug(self) -> dict[str, Family]:
        """Built once: every code page looks its family up, so a scan per page would be O(N²)."""
        return {f.slug: f for f in self.families}


@dataclass
class LinkMemo:
    """Kept between builds by `serve`: the last Site and what its cross-links were made from."""

    reference: ReferenceData | None = None
    key: tuple[object, ...] = ()
    site: Site | None = None


def link_key(page: Page) -> tuple[object, ...]:
    """What other pages' views and the site's lists read of a page. An edit to its text alone leaves
    this unchanged, so every other page's links stay as they were."""
    mentions = tuple((ref.target, ref.section) for ref in page.body_links)
    return (page.code, page.title, page.category, page.similar, page.replaced_by, mentions)


def link_site(pages: list[Page], reference: ReferenceData, memo: LinkMemo | None = None) -> Site:
    """The linked Site; with a memo whose links still hold, only the edited pages' views change."""
    ordered = tuple(sorted(pages, key=lambda p: p.code))
    if memo is None:
        return _link(ordered, reference)
    key = tuple(link_key(page) for page in ordered)
    if memo.site is None or memo.reference is not reference or memo.key != key:
        memo.reference, memo.key, memo.site = reference, key, _link(ordered, reference)
        return memo.site
    before = memo.site.views
    views = {
        p.code: before[p.code] if before[p.code].page is p else replace(before[p.code], page=p)
        for p in ordered
    }
    memo.site = Site(ordered, views, memo.site.categories, memo.site.families, reference)
    return memo.site


def _link(ordered: tuple[Page, ...], reference: ReferenceData) -> Site:
    by_code = {p.code: p for p in ordered}
    families = _families(ordered)
    neighbours = _neighbours(families)
    incoming = _incoming_links(ordered)
    replaces: dict[str, list[str]] = defaultdict(list)
    for page in ordered:
        if page.replaced_by:
            replaces[page.replaced_by].append(page.code)
    catalog = catalog_index(catalog_ranges(reference.codes))
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
        )
        for page in ordered
    }
    return Site(ordered, views, _categories(ordered, reference), families, reference)


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
