"""Billing units read from CMS descriptors: the same as the hand-checked J75xx table, and sane elsewhere."""

from __future__ import annotations

import csv

import pytest

from codebook.descriptor import route_in_descriptor, unit_in_descriptor
from codebook.model import BillingUnit

from .helpers import CONTENT, REFERENCE

FAMILY = list(csv.DictReader((CONTENT / "reference" / "hcpcs_j75xx.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", FAMILY, ids=[row["code"] for row in FAMILY])
def test_agrees_with_the_hand_checked_family_table(row: dict[str, str]) -> None:
    unit = unit_in_descriptor(row["long_descriptor"])
    found = (unit.amount, unit.unit) if unit else ("", "")
    assert found == (row["dose_amount"], row["dose_unit"])


@pytest.mark.parametrize(
    ("descriptor", "expected"),
    [
        ("Injection, ampicillin sodium/sulbactam sodium, per 1.5 gm", BillingUnit("1.5", "g")),
        ("Injection, argatroban, 1 mg (for non-esrd use)", BillingUnit("1", "mg")),
        ("Injection, factor viii, (kovaltry), 1 i.u.", BillingUnit("1", "IU")),
        ("Budesonide, inhalation solution, unit dose form, per milligram", BillingUnit("1", "mg")),
        ("Sterile water, saline and/or dextrose, diluent/flush, 10 ml", BillingUnit("10", "mL")),
        ("Injection, heparin sodium, per 1,000 units", BillingUnit("1000", "units")),
        ("Tacrolimus, extended release, (envarsus xr), oral, 0.25 mg", BillingUnit("0.25", "mg")),
        ("Injection, something, up to 1 g", BillingUnit("1", "g", up_to=True)),
        ("Indium in-111 satumomab pendetide, diagnostic, per study dose, up to 6 millicuries", None),
        ("Syringe with needle for external insulin pump, sterile, 3 cc", None),
        ("Immunosuppressive drug, not otherwise classified", None),
    ],
)
def test_reads_the_unit_at_the_end_of_a_descriptor(descriptor: str, expected: BillingUnit | None) -> None:
    assert unit_in_descriptor(descriptor) == expected


def test_every_family_code_is_checked_against_its_table_row() -> None:
    for row in FAMILY:
        dose = REFERENCE.dose_units.get(row["code"])
        found = (dose.amount, dose.unit) if dose else ("", "")
        assert found == (row["dose_amount"], row["dose_unit"])


def test_route_words() -> None:
    assert route_in_descriptor("Mycophenolate mofetil, oral, 250 mg") == "oral"
    assert route_in_descriptor("Azathioprine, parenteral, 100 mg") == "injection"
    assert route_in_descriptor("Budesonide, inhalation solution, per milligram") == "inhalation"
    assert route_in_descriptor("Cane, includes canes of all materials") == "various"
