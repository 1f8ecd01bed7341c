"""Dollar figures and billing-unit phrases as every page writes them.

A payment limit keeps CMS's published digits (never re-rounded) with its thousands grouped:
"54404.108" → "$54,404.108". The calculator's JavaScript writes money the same way (units.mjs
`groupThousands`, used by money.mjs); both are held to the one table of cases in
tests/fixtures/money_format.json, so a page and the calculator never write a figure two ways.
The claim line a biller pastes keeps the plain form ("J9035 10 units"): it carries no dollars.
"""

from __future__ import annotations

import re

WHOLE = re.compile(r"(\d)(?=(\d{3})+$)")
NUMBER = re.compile(r"\d*\.?\d+")


def group_thousands(text: str) -> str:
    """'5307930.5' → '5,307,930.5': the digits before the point in threes (as units.mjs does)."""
    whole, point, fraction = text.partition(".")
    return WHOLE.sub(r"\1,", whole) + point + fraction


def money(published: str) -> str:
    """'$54,404.108' for CMS's '54404.108'; text that is not a figure ('N/A') is returned as it is."""
    plain = published.strip().replace(",", "")
    return f"${group_thousands(plain)}" if NUMBER.fullmatch(plain) else published.strip()


def per_unit(dosage: str) -> str:
    """'per 10 MG'; CMS's 'Per infusion (…)' → 'per infusion (…)' (no doubled 'per'); a unit that
    does not start with an amount ('up to 5 MG', 'Less than or equal to 7 days of therapy') is
    named as the billing unit: 'per billing unit (up to 5 MG)'."""
    text = " ".join(dosage.split())
    head, _, rest = text.partition(" ")
    if head.lower() == "per" and rest:
        return f"per {rest}"
    if text[:1].isdigit() or text[:1] == ".":
        return f"per {text}"
    return f"per billing unit ({text})" if text else "per billing unit"
