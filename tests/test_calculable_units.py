"""Issue 28 item 4: a unit that needs no conversion gets a calculator; every drug page that still
has none says why, on its page.

Before: 68 of the 845 drug pages had no calculator; after: 55 (each reason below is a kind of
descriptor the calculator cannot turn into one amount of one unit).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codebook.calculator import drug_calculator_code
from codebook.drugs import load_drug_files

from .helpers import CONTENT, REFERENCE, soup

FILES = load_drug_files(CONTENT / "reference" / "asp")


def calculator_of(code: str):
    return drug_calculator_code(REFERENCE.codes[code], REFERENCE.dose_units.get(code), FILES.drugs[code])


@pytest.mark.parametrize(
    ("code", "label"),
    [
        ("J7192", "1 IU"),  # "per i.u., not otherwise specified"
        ("J7195", "1 IU"),
        ("J0725", "1000 USP units"),  # "per 1,000 usp units"
        ("J3480", "2 mEq"),
        ("J3473", "1 USP units"),
        ("J7030", "1000 cc"),  # saline per 1000 cc
        ("J7050", "250 cc"),
        ("J7040", "500 mL"),  # "(500 ml = 1 unit)"
        ("J1460", "1 cc"),  # a cubic centimetre is a millilitre by definition
    ],
)
def test_a_unit_that_needs_no_conversion_is_calculable(code: str, label: str) -> None:
    calc = calculator_of(code)
    assert (calc.measurable, calc.label, calc.why) == (True, label, "")


def without_calculator() -> dict[str, str]:
    found = {}
    for code in FILES.current_codes():
        calc = calculator_of(code)
        if not calc.measurable:
            found[code] = calc.why
    return found


def test_every_drug_page_left_without_a_calculator_has_a_reason() -> None:
    left = without_calculator()
    assert len(left) == 55
    assert all(why.strip() for why in left.values())
    assert "J0850 is billed per vial" in left["J0850"]  # a thing, not an amount
    assert "names 2 amounts" in left["J0138"]  # a combination product
    assert 'gives a range ("over 10 cc")' in left["J1560"]


def test_the_reason_is_on_each_page(built_site: Path) -> None:
    for code, why in without_calculator().items():
        section = soup(built_site / "codes" / f"{code}.html").find("section", id="billing-units")
        shown = " ".join(section.find("p", class_="not-calculable").get_text().split())
        assert shown == " ".join(why.split()), code
        assert section.find("form", id="calculator") is None, code
    j1460 = soup(built_site / "codes" / "J1460.html").find("form", id="calculator")
    assert (j1460["data-amount"], j1460["data-unit"]) == ("1", "cc")
    assert re.search(r"One unit of J7192 is\s+1 IU", soup(built_site / "codes" / "J7192.html").get_text())
