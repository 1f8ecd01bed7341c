"""Issue 28 items 1 and 2 on the real CMS rows: NDC mode's data, the unit-conversion fault rule
(codebook/drugs/faults.py) and its data warnings.

tests/js/fixtures/ndc-cms-rows.json holds the rows the JavaScript tests calculate with (J0290,
J0129, J1160, J0256, J0257); the first test proves they are what the build sends, so the node tests
run on CMS's own figures.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from codebook.calculator import ndc_calculator_data
from codebook.drugs import drug_data_warnings, load_drug_files
from codebook.drugs.faults import factor_fault

from .helpers import CONTENT, REFERENCE, ROOT, run_build, soup

FILES = load_drug_files(CONTENT / "reference" / "asp")
ROWS_FIXTURE = ROOT / "tests" / "js" / "fixtures" / "ndc-cms-rows.json"
# The rows of the issue: fractional packages (item 1) and the alpha-1 proteinase inhibitor vials (item 2).
ISSUE_ROWS = {
    "J0129": ("00003-2818-11",),
    "J0256": (
        "00053-7201-02",
        "00053-7202-02",
        "00053-7203-02",
        "00944-2814-01",
        "00944-2815-01",
        "13533-0705-01",
    ),
    "J0257": ("00944-2884-01", "00944-2884-03", "00944-2884-05"),
    "J0290": ("00781-3402-95",),
    "J1160": ("70515-0262-10",),
}


def cms_rows() -> dict[str, object]:
    """What the build sends NDC mode for those rows, with each code's billing unit."""
    rows: dict[str, object] = {}
    for code, ndcs in ISSUE_ROWS.items():
        data = ndc_calculator_data(FILES.drugs[code])
        data["p"] = [p for p in data["p"] if p["n"] in ndcs]  # type: ignore[union-attr]
        unit = REFERENCE.dose_units[code]
        descriptor = {"amount": unit.amount, "unit": unit.unit, "upTo": unit.up_to}
        rows[code] = {"descriptor": descriptor, "data": data}
    return rows


def test_the_javascript_fixture_is_the_real_cms_rows() -> None:
    """Regenerate with: python -c 'from tests.test_ndc_faults import write_fixture; write_fixture()'."""
    assert json.loads(ROWS_FIXTURE.read_text("utf-8")) == cms_rows()


def write_fixture() -> None:
    ROWS_FIXTURE.write_text(
        json.dumps(cms_rows(), indent=1, sort_keys=True, ensure_ascii=False) + "\n", "utf-8"
    )


def flagged() -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for code, drug in sorted(FILES.drugs.items()):
        for p in drug.packages:
            if p.fault:
                found.setdefault(code, []).append(p.ndc)
    return found


def test_the_rule_flags_the_alpha_1_proteinase_inhibitor_vials_and_nothing_else() -> None:
    """J0256 and J0257: BILLUNITS 0.1 = PKG SIZE 1 read as 1 mg ÷ 10 mg; 1 g is 100 units."""
    assert flagged() == {code: list(ISSUE_ROWS[code]) for code in ("J0256", "J0257")}
    zemaira = next(p for p in FILES.drugs["J0256"].packages if p.ndc == "00053-7201-02")
    assert zemaira.fault is not None and zemaira.fault.units_per_item == 100 and zemaira.fault.factor == 1000
    assert zemaira.units_per_item is None and zemaira.units_per_ndc is None  # never used silently
    assert (
        "read as 1 g (1,000 mg), the item holds 100 units of 10 mg: a factor of 1,000"
        in zemaira.fault.explanation
    )


@pytest.mark.parametrize(
    ("dosage", "size", "units", "reading"),
    [
        ("10 MG", "1", "0.1", "100"),  # J0256: 1 read as mg; as g, 100 units
        ("5 MCG", "2", "0.4", "400"),  # mcg read for mg: 2 mg = 2,000 mcg = 400 units of 5 mcg
        ("500 MG", "1", "0.5", None),  # J0290 250 mg vial: 0.5 × 500 ≠ 1, a real half unit
        ("0.5 MG", "1", "0.2", None),  # J1160 70515-0262-10: 0.2 units in 1 mL, plausible
        ("10 CC", "2", "0.2", None),  # J1560: a 2 mL vial of a per-10-cc code is 0.2 units
        ("10 UNITS", "1", "0.1", None),  # J2724 Ceprotin: no larger unit to read it in
        ("1000 CC", "500", "0.5", None),  # J7030: half a litre bag
        ("10 MG", "1", "1", None),  # a whole unit or more is never read as another unit
        ("3 MG", "1", "0.1", None),  # 0.1 × 3 ≠ 1
        ("30 MG", "1", "0.033333", None),  # 1 g ÷ 30 mg is not whole: no clean reading
    ],
)
def test_only_a_clean_unit_conversion_is_flagged(
    dosage: str, size: str, units: str, reading: str | None
) -> None:
    fault = factor_fault(dosage, Decimal(size), Decimal(units))
    assert (fault.units_per_item if fault else None) == (Decimal(reading) if reading else None)


def test_each_flagged_row_is_a_data_warning_beside_the_inconsistent_rows() -> None:
    warnings = drug_data_warnings(FILES, REFERENCE.codes, REFERENCE.dose_units)
    kinds = list(warnings)
    assert (
        kinds.index("BILLUNITS off by a unit-conversion factor")
        == kinds.index("BILLUNITS × PKG QTY ≠ BILLUNITSPKG") + 1
    )
    factor = warnings["BILLUNITS off by a unit-conversion factor"]
    assert len(factor) == 9
    assert factor[0].severity == "warning" and "J0256 NDC 00053-7201-02" in factor[0].message
    assert "100 units of 10 mg" in factor[0].message


def test_ndc_mode_gets_the_reading_and_its_reason_only_for_flagged_rows() -> None:
    rows = {p["n"]: p for p in ndc_calculator_data(FILES.drugs["J0256"])["p"]}  # type: ignore[union-attr]
    assert rows["00053-7201-02"]["f"]["u"] == "100" and rows["00053-7201-02"]["f"]["r"] == "1 g"
    j0290 = {p["n"]: p for p in ndc_calculator_data(FILES.drugs["J0290"])["p"]}  # type: ignore[union-attr]
    assert "f" not in j0290["00781-3402-95"]


def test_check_lists_each_flagged_row_with_data_warnings() -> None:
    listed = run_build("check", "--data-warnings")
    assert listed.returncode == 0, listed.stderr
    lines = [line for line in listed.stderr.splitlines() if "a factor of 1,000" in line]
    assert len(lines) == 9 and all("reference/asp/ndc-hcpcs-crosswalk-2026-01.csv:" in line for line in lines)
    assert any("J0257 NDC 00944-2884-05" in line for line in lines)


@pytest.mark.parametrize(("code", "rows"), [("J0256", 6), ("J0257", 3)])
def test_the_drug_page_shows_each_flagged_row_as_a_cms_data_fault(
    built_site: Path, code: str, rows: int
) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    notice = page.find(id="cms-data-faults")
    items = notice.find_all("li")
    assert len(items) == rows
    assert all("100 units of 10 mg: a factor of 1,000" in item.get_text() for item in items)
    for ndc in ISSUE_ROWS[code]:
        cell = page.find("tr", id=f"ndc-{ndc}").find("strong", class_="fault-note")
        assert cell.get_text() == "CMS data fault: 100 if the item holds 1 g"
    assert soup(built_site / "codes" / "J0290.html").find(id="cms-data-faults") is None
