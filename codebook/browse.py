"""Data for the browse pages (home, categories, families): prepared here so templates only loop."""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from typing import Protocol, TypeVar

from .link import Family


class HasCode(Protocol):
    @property
    def code(self) -> str: ...


T = TypeVar("T", bound=HasCode)


def az_groups(pages: Iterable[T]) -> list[tuple[str, list[T]]]:
    """Every page under the letter its code starts with, in code order: the home page's A–Z list."""
    ordered = sorted(pages, key=lambda p: p.code)
    return [(letter, list(group)) for letter, group in groupby(ordered, key=lambda p: p.code[0])]


def home_blurb(count: int) -> str:
    """The home page's description for search results and link previews."""
    return (
        f"Billing guides to {count} HCPCS Level II codes for billing staff: what each code "
        "covers, the units to bill, modifiers, documentation and common denials."
    )


def family_blurb(family: Family) -> str:
    count = len(family.codes)
    noun = "page" if count == 1 else "pages"
    return f"The {count} code {noun} in {family.title}, in code order, with their descriptors."
