"""Facts read from the words of a CMS long descriptor: the billing unit and the route.

The J7500–J7599 table states these for its codes; for every other code in the CMS file they are
read here, so `new` can fill them in and `check` and `reference-diff` agree with it.
"""

from __future__ import annotations

import re

from .model import BillingUnit

UNIT_WORDS = {
    "mg": "mg",
    "milligram": "mg",
    "milligrams": "mg",
    "mcg": "mcg",
    "microgram": "mcg",
    "micrograms": "mcg",
    "g": "g",
    "gm": "g",
    "gram": "g",
    "grams": "g",
    "ml": "mL",
    "unit": "units",
    "units": "units",
    "iu": "IU",
    "i.u.": "IU",
}
AMOUNT = r"(?P<amount>\d{1,3}(?:,\d{3})+|\d*\.?\d+)"
# "…, 250 mg", "…, per 5 mg", "…, up to 1 g", optionally followed by a note in brackets.
TRAILING_AMOUNT = re.compile(
    rf"(?:^|[,\s])(?P<up_to>up to\s+)?(?:per\s+)?{AMOUNT}\s*(?P<unit>[a-z.]+)\s*(?:\([^()]*\))?\s*$",
    re.IGNORECASE,
)
# "…, per milligram": one of the unit.
PER_UNIT_WORD = re.compile(r"\bper\s+(?P<unit>[a-z.]+)\s*$", re.IGNORECASE)

ROUTE_WORDS = (
    ("oral", "oral"),
    ("inhalation", "inhalation"),
    ("ophthalmic", "ophthalmic"),
    ("intraocular", "ophthalmic"),
    ("nasal", "nasal"),
    ("topical", "topical"),
    ("rectal", "rectal"),
    ("vaginal", "vaginal"),
    ("transdermal", "transdermal"),
    ("implant", "implant"),
    ("intravenous", "intravenous"),
    ("subcutaneous", "subcutaneous"),
    ("intramuscular", "intramuscular"),
    ("injection", "injection"),
    ("parenteral", "injection"),
)


def unit_in_descriptor(descriptor: str) -> BillingUnit | None:
    """The billing unit at the end of a long descriptor, or None when it names no drug amount."""
    text = descriptor.strip()
    match = TRAILING_AMOUNT.search(text)
    if match:
        unit = UNIT_WORDS.get(match.group("unit").lower())
        if unit:
            amount = match.group("amount").replace(",", "")
            return BillingUnit(_plain(amount), unit, bool(match.group("up_to")))
        return None
    per = PER_UNIT_WORD.search(text)
    if per and per.group("unit").lower() in UNIT_WORDS:
        return BillingUnit("1", UNIT_WORDS[per.group("unit").lower()])
    return None


def route_in_descriptor(descriptor: str) -> str:
    """The route the descriptor names (a value of the schema's `route`), else 'various'."""
    words = set(re.findall(r"[a-z]+", descriptor.lower()))
    return next((route for word, route in ROUTE_WORDS if word in words), "various")


def _plain(amount: str) -> str:
    """'0.250' -> '0.25', '.5' -> '0.5', '10' -> '10': the form the validator compares."""
    whole, _, fraction = amount.partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole or '0'}.{fraction}" if fraction else (whole or "0")
