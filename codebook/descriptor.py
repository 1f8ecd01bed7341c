"""Facts read from the words of a CMS long descriptor: the billing unit and the route.

The J7500–J7599 table states these for its codes; for every other code in the CMS file they are
read here, so `new` can fill them in and `check` and `reference-diff` agree with it.

A unit is read only when the descriptor names exactly one amount and nothing around it changes
what one unit is: a range ("over 10 cc"), a container ("5000 iu vial"), a component ("0.1 mg of
iron") or a second amount leaves the code without a unit, and the reading says why, because a
calculator that guesses bills the wrong number of units.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    "cc": "cc",  # a cubic centimetre is a millilitre by definition: the calculator converts one to the other
    "meq": "mEq",
    "usp unit": "USP units",
    "usp units": "USP units",
    "unit": "units",
    "units": "units",
    "iu": "IU",
    "i.u.": "IU",
}
UNIT_KINDS = {
    "mg": "mass",
    "mcg": "mass",
    "g": "mass",
    "mL": "volume",
    "cc": "volume",
    "units": "count",
    "IU": "count",
    "mEq": "charge",
    "USP units": "activity",
}
# Words that measure an amount, whether or not the calculator converts them (curies it does not).
MEASURE_WORDS = (
    *UNIT_WORDS,
    "millicurie",
    "millicuries",
    "mci",
    "microcurie",
    "microcuries",
    "uci",
)
MEASURE = "|".join(re.escape(word) for word in sorted(MEASURE_WORDS, key=len, reverse=True))
AMOUNT = r"(?P<amount>\d{1,3}(?:,\d{3})+|\d*\.?\d+)"
# An amount with its unit: "10 mg", "1mg", "600,000 units"; not the "1" of "beta-1a" or "j0607".
MENTION = re.compile(rf"(?<![\w.]){AMOUNT}\s*(?P<unit>{MEASURE})(?![a-z])", re.IGNORECASE)
# "10 mg/ml", "180 mcg per ml": a strength that describes the product, not an amount billed.
CONCENTRATION = re.compile(r"\s*(?:/|\bper\s+)(?:ml|cc)\b", re.IGNORECASE)
RANGE_BEFORE = re.compile(
    r"(?P<words>up to|over|under|less than|greater than|more than|or equal to|not to exceed|at least|"
    r"minimum of|maximum of|[<>]=?|\d\s*(?:to|-))\s*(?:per\s+)?$",
    re.IGNORECASE,
)
# "500 ml = 1 unit", "1 unit equals 1 pound": the unit is defined as something else.
DEFINES_BEFORE = re.compile(r"(?:=|\bequals?)\s*$", re.IGNORECASE)
DEFINES_AFTER = re.compile(r"^\s*(?:=|equals?\b)", re.IGNORECASE)
RANGE_AFTER = re.compile(r"^\s*or\s+(?:less|more|greater)\b", re.IGNORECASE)
# What may follow a billing amount that ends the descriptor: nothing, or a note in brackets.
ENDS = re.compile(r"^\s*(?:\([^()]*\))?\s*$")
# What may follow one read from inside it: the end of its clause, another ingredient named without
# an amount ("10 mg and hyaluronidase-oysk") or a use ("1 mcg for intramuscular use").
CLAUSE_ENDS = re.compile(r"^(?:\s*[,;(]|\s+(?:and|for)\s+[^\d,;()]+(?:$|[,;(]))", re.IGNORECASE)
# Elsewhere in the descriptor these make one unit a thing, not an amount ("100 mg, per study dose").
PER_THING_WORDS = re.compile(r"\b(?:per|each|vials?|ampules?|syringes?|bottles?|kits?)\b", re.IGNORECASE)
# "…, per milligram", "per i.u., not otherwise specified": one of the unit (the class note changes nothing).
PER_UNIT_WORD = re.compile(
    r"\bper\s+(?P<unit>[a-z.]+?)\s*(?:,\s*not otherwise (?:specified|classified))?\s*$", re.IGNORECASE
)
# "Syringe with needle …, 3 cc": a descriptor that starts with a container bills the item; its amount is
# the container's capacity, not a dose.
CONTAINER_FIRST = re.compile(r"^\s*(?:syringes?|needles?|vials?|bottles?|bags?|kits?)\b", re.IGNORECASE)
# "(500 ml = 1 unit)" closing the descriptor: CMS defines one billing unit as that amount.
DEFINED_UNIT = re.compile(rf"\(\s*{AMOUNT}\s*(?P<unit>[a-z.]+)\s*=\s*1\s+unit\s*\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class UnitReading:
    """What a descriptor says one billing unit is.

    `problem` says why no unit was read when the descriptor names an amount (for the reader, e.g.
    'gives a range ("over 10 cc"), not one billing amount'); `inline` marks a unit read from inside
    the descriptor, which the calculator uses only when CMS's drug files state the same unit.
    """

    unit: BillingUnit | None
    problem: str = ""
    inline: bool = False


def read_billing_unit(descriptor: str) -> UnitReading:
    """The one billing amount a descriptor names, or why it names none that can be used."""
    text = " ".join(descriptor.split())
    defined = DEFINED_UNIT.search(text)
    if defined and defined["unit"].lower() in UNIT_WORDS:
        return UnitReading(
            BillingUnit(_plain(defined["amount"].replace(",", "")), UNIT_WORDS[defined["unit"].lower()])
        )
    mentions = _amounts(text)
    if not mentions:
        return _per_unit_word(text)
    if len(mentions) > 1:
        shown = ", ".join(f'"{m.group(0)}"' for m in mentions)
        return UnitReading(None, f"names {len(mentions)} amounts ({shown}), not one billing amount")
    return _one_amount(text, mentions[0])


def unit_in_descriptor(descriptor: str) -> BillingUnit | None:
    """The billing unit a long descriptor names, or None when it names no usable drug amount."""
    return read_billing_unit(descriptor).unit


def _amounts(text: str) -> list[re.Match[str]]:
    """The amounts a descriptor names, without strengths ("10 mg/ml") and without an amount restated
    in another kind of unit in brackets ("50 micrograms (250 i.u.)" names one amount)."""
    found = [m for m in MENTION.finditer(text) if not CONCENTRATION.match(text, m.end())]
    return [m for index, m in enumerate(found) if not (index and _restates(text, found[index - 1], m))]


def _restates(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    between, after = text[first.end() : second.start()], text[second.end() :]
    kinds = {_kind(first["unit"]), _kind(second["unit"])}
    return bool(re.fullmatch(r"\s*\(", between) and after.lstrip().startswith(")")) and len(kinds) == 2


def _kind(unit: str) -> str:
    """What a unit measures, so an amount restated in another kind of unit is told from a second one."""
    return UNIT_KINDS.get(UNIT_WORDS.get(unit.lower(), unit.lower()), "activity")


def _per_unit_word(text: str) -> UnitReading:
    """One of the unit ("…, per milligram"); a descriptor with only a strength names no amount."""
    per = PER_UNIT_WORD.search(text)
    if per and per["unit"].lower() in UNIT_WORDS:
        return UnitReading(BillingUnit("1", UNIT_WORDS[per["unit"].lower()]))
    for mention in MENTION.finditer(text):
        strength = CONCENTRATION.match(text, mention.end())
        if strength:
            shown = text[mention.start() : strength.end()]
            return UnitReading(None, f'gives a strength ("{shown}"), not a billing amount')
    return UnitReading(None)


def _one_amount(text: str, mention: re.Match[str]) -> UnitReading:
    """The descriptor's only amount as its billing unit, if nothing around it changes what one unit is."""
    before, after = text[: mention.start()], text[mention.end() :]
    span = _phrase(text, mention)
    limit = RANGE_BEFORE.search(before)
    at_end = bool(ENDS.match(after))
    up_to = bool(limit and limit["words"].lower() == "up to" and at_end)
    if (limit and not up_to) or RANGE_AFTER.match(after):
        return UnitReading(None, f'gives a range ("{span}"), not one billing amount')
    if DEFINES_BEFORE.search(before) or DEFINES_AFTER.match(after):
        return UnitReading(None, f'defines one unit as something else ("{span}")')
    container = CONTAINER_FIRST.match(text)
    if container:
        return UnitReading(None, f'bills per item ("{container.group(0).strip()}"), not per amount')
    unit = UNIT_WORDS.get(mention["unit"].lower())
    if unit is None:
        return UnitReading(
            None, f'bills in {mention["unit"].lower()} ("{span}"), a unit the calculator does not convert'
        )
    amount = BillingUnit(_plain(mention["amount"].replace(",", "")), unit, up_to)
    if at_end:
        return UnitReading(amount)
    thing = PER_THING_WORDS.search(text, mention.end())
    if thing:
        return UnitReading(None, f'bills per item ("{_phrase(text, thing)}"), not per amount')
    if CLAUSE_ENDS.match(after):
        return UnitReading(amount, inline=True)
    return UnitReading(None, f'qualifies its amount ("{span}"): one unit is not a plain amount of the drug')


def _phrase(text: str, mention: re.Match[str]) -> str:
    """The words the reader needs to see a reading's problem: the clause around the amount."""
    start = max(text.rfind(",", 0, mention.start()), text.rfind(";", 0, mention.start())) + 1
    end = min((i for i in (text.find(c, mention.end()) for c in ",;") if i >= 0), default=len(text))
    return text[start:end].strip()


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


def route_in_descriptor(descriptor: str) -> str:
    """The route the descriptor names (a value of the schema's `route`), else 'various'."""
    words = set(re.findall(r"[a-z]+", descriptor.lower()))
    return next((route for word, route in ROUTE_WORDS if word in words), "various")


def _plain(amount: str) -> str:
    """'0.250' -> '0.25', '.5' -> '0.5', '10' -> '10': the form the validator compares."""
    whole, _, fraction = amount.partition(".")
    fraction = fraction.rstrip("0")
    return f"{whole or '0'}.{fraction}" if fraction else (whole or "0")
