"""Biosimilars and their reference products, read from the CMS HCPCS descriptors alone.

CMS names a biosimilar in its descriptor: "Injection, bevacizumab-awwb, biosimilar, (mvasi), 10 mg"
(the ingredient, its four-letter FDA suffix, the word "biosimilar"). Its reference product is the
code whose descriptor names the same ingredient and nothing else but a route, a use in parentheses,
"excludes biosimilar" and the amount: "Injection, bevacizumab, 10 mg" (J9035), "Injection,
filgrastim (g-csf), excludes biosimilars, 1 microgram" (J1442), "Ustekinumab, for subcutaneous
injection, 1 mg" (J3357). A descriptor that adds anything else ("ranibizumab, via intravitreal
implant (susvimo)", "rituximab 10 mg and hyaluronidase", "aflibercept hd") is another product and
is not linked. No list is written by hand: a new biosimilar code in the HCPCS file is linked by the
next build.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .descriptor import unit_in_descriptor
from .model import CmsCode

# "Injection, epoetin alfa-epbx, biosimilar, …": the ingredient ends at its FDA suffix, a comma or "(".
BIOSIMILAR = re.compile(
    r"^Injection, (?P<name>[a-z][a-z ]*?)(?:-[a-z]{4}\b|\s*[,(]|\s+biosimilar)", re.IGNORECASE
)
AMOUNT = re.compile(r"[0-9][0-9.,]* [a-z]+(?: \([^()]*\))?", re.IGNORECASE)  # "10 mg", "100 units (for …)"
EXCLUDES = re.compile(r"excludes biosimilars?", re.IGNORECASE)
ROUTE = re.compile(r"(for )?(intravenous|subcutaneous|intramuscular)( injection| use)?", re.IGNORECASE)
QUALIFIER = re.compile(r"\s*\([^()]*\)$")  # "filgrastim (g-csf)" → "filgrastim"


@dataclass(frozen=True)
class Product:
    """A code of the group as a page lists it: its descriptor and its billing unit, which differ."""

    code: str
    descriptor: str
    unit: str  # "10 mg", from the descriptor; "" when it names no amount


@dataclass(frozen=True)
class BiosimilarGroup:
    """One ingredient's reference product(s) and biosimilars, each a code with a page."""

    ingredient: str  # "bevacizumab", as CMS writes it
    references: tuple[Product, ...]
    biosimilars: tuple[Product, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(p.code for p in (*self.references, *self.biosimilars))


def biosimilar_ingredient(descriptor: str) -> str:
    """'bevacizumab' for a biosimilar's descriptor; '' for any other code."""
    lowered = descriptor.lower()
    if "biosimilar" not in lowered or EXCLUDES.search(descriptor):
        return ""
    match = BIOSIMILAR.match(descriptor)
    return match["name"].strip().lower() if match else ""


def reference_ingredient(descriptor: str) -> str:
    """The ingredient a reference product's descriptor names alone ('' when it names more)."""
    parts = [part.strip() for part in descriptor.split(",")]
    name, rest = (
        (parts[1], parts[2:]) if parts[0].lower() == "injection" and len(parts) > 1 else (parts[0], parts[1:])
    )
    if "biosimilar" in name.lower() or not rest or not all(_plain_part(part) for part in rest):
        return ""
    return QUALIFIER.sub("", name).strip().lower()


def _plain_part(part: str) -> bool:
    """A part that adds no product: the amount, 'excludes biosimilar', a route, a use in parentheses."""
    return (
        bool(AMOUNT.fullmatch(part))
        or bool(EXCLUDES.fullmatch(part) or ROUTE.fullmatch(part))
        or (part.startswith("(") and part.endswith(")"))
    )


def biosimilar_groups(
    codes: Mapping[str, CmsCode], has_page: Callable[[str], bool]
) -> dict[str, BiosimilarGroup]:
    """Each code with a page that is in a group → its group (a group needs a biosimilar with a page)."""
    found: dict[str, tuple[list[Product], list[Product]]] = {}
    for code in sorted(codes):
        row = codes[code]
        bio = biosimilar_ingredient(row.long_descriptor)
        if bio and has_page(code):
            found.setdefault(bio, ([], []))[1].append(product(row))
    for code in sorted(codes):
        row = codes[code]
        ingredient = reference_ingredient(row.long_descriptor)
        if ingredient in found and has_page(code):
            found[ingredient][0].append(product(row))
    groups = [BiosimilarGroup(name, tuple(refs), tuple(bios)) for name, (refs, bios) in sorted(found.items())]
    return {code: group for group in groups for code in group.codes}


def product(row: CmsCode) -> Product:
    unit = unit_in_descriptor(row.long_descriptor)
    return Product(row.code, row.long_descriptor, unit.label if unit else "")


@dataclass(frozen=True)
class RelatedRow:
    """One row of a page's biosimilar table: another code of the group, or the page's own."""

    product: Product
    role: str  # "Reference product" or "Biosimilar"
    current: bool  # the page's own code: named, not linked


@dataclass(frozen=True)
class RelatedProducts:
    code: str  # the page's own
    ingredient: str
    role: str  # the page's own code: "reference product" or "biosimilar"
    rows: tuple[RelatedRow, ...]


def related_products(code: str, groups: Mapping[str, BiosimilarGroup]) -> RelatedProducts | None:
    """What the page of `code` lists: its group's reference product(s) first, then the biosimilars."""
    group = groups.get(code)
    if group is None:
        return None
    rows = tuple(
        RelatedRow(p, role, p.code == code)
        for role, products in (("Reference product", group.references), ("Biosimilar", group.biosimilars))
        for p in products
    )
    own = next(row.role for row in rows if row.current).lower()
    return RelatedProducts(code, group.ingredient, own, rows)
