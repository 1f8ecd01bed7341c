"""Billing units read from CMS descriptors: the same as the hand-checked J75xx table, and sane elsewhere."""

from __future__ import annotations

import csv
import re

import pytest

from codebook.descriptor import UnitReading, read_billing_unit, route_in_descriptor, unit_in_descriptor
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


# Descriptors as CMS writes them (code in the id): what one billing unit is, whether it was read from
# inside the wording (the calculator then needs CMS's drug files to agree), and for a descriptor that
# gives no usable unit, words of the reason shown instead of a calculator.
MG10 = BillingUnit("10", "mg")
READINGS = [
    ("J9356", "Injection, trastuzumab, 10 mg and hyaluronidase-oysk", MG10, True, ""),
    ("J9311", "Injection, rituximab 10 mg and hyaluronidase", MG10, True, ""),
    (
        "J0887",
        "Injection, epoetin beta, 1 microgram, (for esrd on dialysis)",
        BillingUnit("1", "mcg"),
        True,
        "",
    ),
    ("J1602", "Injection, golimumab, 1 mg, for intravenous use", BillingUnit("1", "mg"), True, ""),
    (
        "Q3027",
        "Injection, interferon beta-1a, 1 mcg for intramuscular use",
        BillingUnit("1", "mcg"),
        True,
        "",
    ),
    (
        "J0608",
        "Lanthanum carbonate, oral, powder, 5 mg, not therapeutically equivalent to j0607 (for esrd)",
        BillingUnit("5", "mg"),
        True,
        "",
    ),
    (
        "J0739",
        "Injection, cabotegravir, 1mg, fda approved prescription, only for use as hiv prep",
        BillingUnit("1", "mg"),
        True,
        "",
    ),
    ("J9035", "Injection, bevacizumab, 10 mg", MG10, False, ""),
    ("J0120", "Injection, tetracycline, up to 250 mg", BillingUnit("250", "mg", up_to=True), False, ""),
    (
        "J2790",
        "Injection, rho d immune globulin, human, full dose, 300 micrograms (1500 i.u.)",
        BillingUnit("300", "mcg"),
        False,
        "",
    ),
    (
        "Q9958",
        "High osmolar contrast material, up to 149 mg/ml iodine concentration, per ml",
        BillingUnit("1", "mL"),
        False,
        "",
    ),
    # Must not parse: a range, "up to" inside the wording, a container, a thing, a component, a second amount.
    ("J1560", "Injection, gamma globulin, intramuscular, over 10 cc", None, False, 'range ("over 10 cc")'),
    ("J1810", "Injection, droperidol and fentanyl citrate, up to 2 ml ampule", None, False, "range"),
    ("Q9991", "Injection, buprenorphine (sublocade), less than or equal to 100 mg", None, False, "range"),
    (
        "Q9992",
        "Injection, buprenorphine extended-release (sublocade), greater than 100 mg",
        None,
        False,
        "range",
    ),
    ("G2112", "Patient receiving <=5 mg daily prednisone (or equivalent)", None, False, "range"),
    ("A4209", "Syringe with needle, sterile, 5 cc or greater, each", None, False, "range"),
    ("J3364", "Injection, urokinase, 5000 iu vial", None, False, 'per item ("5000 iu vial")'),
    ("X0001", "Injection, something, 10 mg, each", None, False, 'per item ("each")'),
    (
        "C9275",
        "Injection, hexaminolevulinate hydrochloride, 100 mg, per study dose",
        None,
        False,
        "per study dose",
    ),
    (
        "S0106",
        "Bupropion hcl sustained release tablet, 150 mg, per bottle of 60 tablets",
        None,
        False,
        "per item",
    ),
    ("J0850", "Injection, cytomegalovirus immune globulin, per vial", None, False, ""),
    (
        "J1443",
        "Injection, ferric pyrophosphate citrate solution (triferic), 0.1 mg of iron",
        None,
        False,
        "qualifies",
    ),
    (
        "J0609",
        "Ferric citrate, oral, 3 mg ferric iron, (for esrd on dialysis)",
        None,
        False,
        "3 mg ferric iron",
    ),
    ("Q2009", "Injection, fosphenytoin, 50 mg phenytoin equivalent", None, False, "qualifies"),
    ("S5560", "Insulin delivery device, reusable pen; 1.5 ml size", None, False, "qualifies"),
    (
        "J0702",
        "Injection, betamethasone acetate 3 mg and betamethasone sodium phosphate 3 mg",
        None,
        False,
        "2 amounts",
    ),
    ("J0695", "Injection, ceftolozane 50 mg and tazobactam 25 mg", None, False, '("50 mg", "25 mg")'),
    ("J0458", "Injection, aztreonam/avibactam, 7.5 mg/2.5 mg (10 mg)", None, False, "3 amounts"),
    ("J3240", "Injection, thyrotropin alpha, 0.9 mg, provided in 1.1 mg vial", None, False, "2 amounts"),
    ("J1080", "Injection, testosterone cypionate, 1 cc, 200 mg", None, False, "2 amounts"),
    (
        "J7620",
        "Albuterol, up to 2.5 mg and ipratropium bromide, up to 0.5 mg, fda-approved",
        None,
        False,
        "2 amounts",
    ),
    (
        "J7040",
        "Infusion, normal saline solution, sterile (500 ml = 1 unit)",
        BillingUnit("500", "mL"),
        False,
        "",
    ),
    (
        "E0441",
        "Stationary oxygen contents, gaseous, 1 month's supply = 1 unit",
        None,
        False,
        "defines one unit",
    ),
    ("S8120", "Oxygen contents, gaseous, 1 unit equals 1 pound", None, False, "defines one unit"),
    ("J3265", "Injection, torsemide, 10 mg/ml", None, False, 'strength ("10 mg/ml")'),
    ("A9513", "Lutetium lu 177, dotatate, therapeutic, 1 millicurie", None, False, "does not convert"),
    ("J3480", "Injection, potassium chloride, per 2 meq", BillingUnit("2", "mEq"), False, ""),
    (
        "J0725",
        "Injection, chorionic gonadotropin, per 1,000 usp units",
        BillingUnit("1000", "USP units"),
        False,
        "",
    ),
    ("J3473", "Injection, hyaluronidase, recombinant, 1 usp unit", BillingUnit("1", "USP units"), False, ""),
    ("J1460", "Injection, gamma globulin, intramuscular, 1 cc", BillingUnit("1", "cc"), False, ""),
    ("J7050", "Infusion, normal saline solution, 250 cc", BillingUnit("250", "cc"), False, ""),
    (
        "J7192",
        "Factor viii (antihemophilic factor, recombinant) per i.u., not otherwise specified",
        BillingUnit("1", "IU"),
        False,
        "",
    ),
    (
        "A4232",
        "Syringe with needle for external insulin pump, sterile, 3 cc",
        None,
        False,
        'per item ("Syringe")',
    ),
    ("B4164", "Parenteral nutrition solution (500 ml = 1 unit) - home mix", None, False, "2 amounts"),
    ("J7599", "Immunosuppressive drug, not otherwise classified", None, False, ""),
]


@pytest.mark.parametrize(
    ("descriptor", "unit", "inline", "problem"),
    [row[1:] for row in READINGS],
    ids=[row[0] for row in READINGS],
)
def test_reads_one_billing_amount_only_when_nothing_makes_it_ambiguous(
    descriptor: str, unit: BillingUnit | None, inline: bool, problem: str
) -> None:
    reading = read_billing_unit(descriptor)
    assert (reading.unit, reading.inline) == (unit, inline)
    assert problem in reading.problem
    assert bool(reading.problem) == bool(problem), "a reason is given exactly when a stated amount is refused"


# Written apart from codebook.descriptor's own patterns: a number followed by a unit it converts.
NAMES_AN_AMOUNT = re.compile(
    r"\d\s*(?:mg|mcg|micrograms?|milligrams?|ml|units?|iu|grams?|gm?)\b", re.IGNORECASE
)


def test_every_cms_descriptor_that_names_an_amount_gives_a_unit_or_a_reason() -> None:
    """Over the whole CMS file: no code is left without a calculator and without saying why."""
    named = [
        cms.long_descriptor for cms in REFERENCE.codes.values() if NAMES_AN_AMOUNT.search(cms.long_descriptor)
    ]
    silent = [d for d in named if not (read_billing_unit(d).unit or read_billing_unit(d).problem)]
    assert len(named) > 1500 and silent == []


def test_a_reading_is_a_record_with_its_reason() -> None:
    assert read_billing_unit("Injection, gamma globulin, intramuscular, over 10 cc") == UnitReading(
        None, 'gives a range ("over 10 cc"), not one billing amount'
    )


def test_route_words() -> None:
    assert route_in_descriptor("Mycophenolate mofetil, oral, 250 mg") == "oral"
    assert route_in_descriptor("Azathioprine, parenteral, 100 mg") == "injection"
    assert route_in_descriptor("Budesonide, inhalation solution, per milligram") == "inhalation"
    assert route_in_descriptor("Cane, includes canes of all materials") == "various"
