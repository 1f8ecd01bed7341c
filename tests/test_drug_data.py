"""codebook/drugs/: the CMS drug files read into records, their faults as diagnostics, NDC forms.

Small fixture files (tests/fixtures/asp/) hold one feature or fault each; one test reads the real
copies in content/reference/asp/ and checks the counts SOURCES.md and the asp README state.
"""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest

from codebook.cms_tables import DoseUnit, load_reference
from codebook.diagnostics import Diagnostic
from codebook.drugs import drug_data_warnings, load_drug_files, normalize_ndc
from codebook.drugs.files import read_cms_table
from codebook.drugs.loader import CROSSWALK_SPEC, LIMIT_SPEC
from codebook.drugs.records import Quarter
from codebook.model import CmsCode

from .helpers import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "asp"
QUARTERS = FIXTURES / "quarters"
BAD = FIXTURES / "bad"
NDC_CASES = json.loads((ROOT / "tests" / "fixtures" / "ndc_cases.json").read_text("utf-8"))


def cms(code: str, termination: str = "") -> CmsCode:
    return CmsCode(code, f"{code} descriptor", code, "2000-01-01", "2000-01-01", termination, "N", {})


def one(problems: tuple[Diagnostic, ...] | list[Diagnostic]) -> Diagnostic:
    assert len(problems) == 1, [p.format() for p in problems]
    return problems[0]


@pytest.fixture(scope="module")
def fixture_files():
    return load_drug_files(QUARTERS)


# --- reading ---------------------------------------------------------------------------------


def test_reads_quarters_in_order_with_headers_below_the_title_lines(fixture_files) -> None:
    assert fixture_files.diagnostics == ()
    assert [q.key for q in fixture_files.quarters] == ["2025-10", "2026-01"]
    assert fixture_files.crosswalk_quarter == Quarter(2026, 1)
    j7507 = fixture_files.drugs["J7507"]
    assert [(limit.quarter.key, limit.limit_text) for limit in j7507.limits] == [
        ("2025-10", "0.169"),
        ("2026-01", "0.197"),
    ]
    assert j7507.limits[-1].place.line == 10  # header on line 6, J7507 is the fourth row under it


def test_limits_are_exact_decimals_as_published() -> None:
    drugs = load_drug_files(QUARTERS).drugs
    limit = drugs["J7504"].current_limit
    assert limit.limit == Decimal("5307.930") and str(limit.limit) == "5307.930"
    assert limit.coinsurance == Decimal("10.992")
    assert limit.notes == "Inflation-adjusted coinsurance"
    assert drugs["J7503"].current_limit.coinsurance_text == "19.372"


def test_vaccine_columns_are_kept_when_filled(fixture_files) -> None:
    assert fixture_files.drugs["Q2035"].current_limit.other == (
        ("Vaccine AWP%", "95"),
        ("Vaccine Limit", "19.011"),
    )
    assert fixture_files.drugs["J7507"].current_limit.other == ()


def test_cpt_rows_are_dropped_and_counted(fixture_files) -> None:
    counts = {Path(path).name: n for path, n in fixture_files.cpt_rows_dropped.items()}
    assert counts == {
        "payment-limits-2025-10.csv": 1,
        "payment-limits-2026-01.csv": 2,
        "ndc-hcpcs-crosswalk-2026-01.csv": 1,
    }
    assert not [code for code in fixture_files.drugs if not code[0].isalpha()]


def test_crosswalk_column_named_after_any_year_and_latin1_names(fixture_files) -> None:
    j9035 = fixture_files.drugs["J9035"]
    assert [p.labeler for p in j9035.packages] == ["Genentech Inc.", "Laboratoires Théa"]
    assert j9035.drug_names == ("Avastin", "Bevacizumab")  # trailing non-breaking space removed
    assert fixture_files.drugs["J0480"].drug_names == ("Simulect™",)  # byte 0x99: Windows-1252, not Latin-1
    avastin = j9035.packages[0]
    assert (avastin.ndc, avastin.pkg_size, avastin.pkg_qty) == ("50242-0060-01", Decimal(4), Decimal(1))
    assert (avastin.units_per_item, avastin.units_per_ndc, avastin.inconsistent) == (10, 10, False)


def test_inconsistent_row_keeps_both_cms_figures_and_refuses_to_answer(fixture_files) -> None:
    rows = {p.ndc: p for p in fixture_files.drugs["J7507"].packages}
    prograf = rows["00469-0607-73"]
    assert prograf.inconsistent
    assert (prograf.billunits, prograf.pkg_qty, prograf.billunitspkg) == (100, 1, 50)
    assert prograf.units_per_item is None and prograf.units_per_ndc is None
    assert not rows["00469-0617-73"].inconsistent


def test_na_limit_is_none_not_zero(fixture_files) -> None:
    limit = fixture_files.drugs["A9606"].current_limit
    assert limit.limit is None and limit.limit_text == "N/A"


def test_missing_column_is_an_error_at_the_header_line() -> None:
    read = read_cms_table(BAD / "missing-column.csv", CROSSWALK_SPEC)
    problem = one(read.problems)
    assert (problem.line, problem.severity) == (3, "error")
    assert "has no column BILLUNITSPKG" in problem.message
    assert "git checkout -- content/reference/asp/" in problem.fix and "SOURCES.md" in problem.fix
    assert read.rows == ()


def test_truncated_row_is_an_error_and_the_row_is_left_out() -> None:
    read = read_cms_table(BAD / "truncated-row.csv", LIMIT_SPEC)
    problem = one(read.problems)
    assert problem.line == 8
    assert "ends after 3 values" in problem.message and "cut short" in problem.message
    assert [row.code for row in read.rows] == ["J7507"]


def test_unclosed_quote_is_an_error_on_its_line() -> None:
    problem = one(read_cms_table(BAD / "open-quote.csv", LIMIT_SPEC).problems)
    assert problem.line == 8 and "not valid CSV" in problem.message


def test_file_without_a_header_line() -> None:
    problem = one(read_cms_table(BAD / "no-header.csv", LIMIT_SPEC).problems)
    assert problem.line == 1 and "no line has a column named like 'HCPCS Code'" in problem.message


@pytest.mark.parametrize(
    ("encode", "line", "words"),
    [
        (lambda text: text.encode("utf-8"), 11, "saved as UTF-8"),  # the Avastin row
        (lambda text: text.encode("utf-16"), 1, "UTF-16"),
        (lambda text: b"\xef\xbb\xbf" + text.encode("ascii", "replace"), 1, "saved as UTF-8"),
    ],
)
def test_wrong_encoding_is_an_error_not_mojibake(tmp_path: Path, encode, line: int, words: str) -> None:
    text = (QUARTERS / "ndc-hcpcs-crosswalk-2026-01.csv").read_bytes().decode("cp1252")
    path = tmp_path / "ndc-hcpcs-crosswalk-2026-01.csv"
    path.write_bytes(encode(text))
    problem = one(read_cms_table(path, CROSSWALK_SPEC).problems)
    assert (problem.line, problem.severity) == (line, "error")
    assert words in problem.message


def test_loader_reports_instead_of_raising(tmp_path: Path) -> None:
    """A broken folder: every problem listed, the good file still read, no exception."""
    folder = tmp_path / "asp"
    shutil.copytree(QUARTERS, folder)
    shutil.copy(BAD / "missing-column.csv", folder / "ndc-hcpcs-crosswalk-2026-01.csv")
    (folder / "payment-limits-2026-02.csv").write_bytes(b"x")
    (folder / "payment-limits-2025-10.csv").write_bytes(
        (QUARTERS / "payment-limits-2026-01.csv").read_bytes()
    )
    files = load_drug_files(folder)
    messages = sorted((Path(d.path).name, d.line, d.message) for d in files.diagnostics)
    assert messages == [
        (
            "ndc-hcpcs-crosswalk-2026-01.csv",
            3,
            "the header line of this NDC-HCPCS crosswalk has no column BILLUNITSPKG",
        ),
        (
            "payment-limits-2025-10.csv",
            1,
            "the file name says October 2025, but the file says it is in force from January 2026",
        ),
        ("payment-limits-2026-02.csv", 1, "the file name does not name a quarter"),
    ]
    assert files.drugs["J7507"].packages == ()
    assert (
        load_drug_files(tmp_path / "nowhere").diagnostics[0].message == "the CMS drug data folder is missing"
    )


# --- data warnings ------------------------------------------------------------------------------

CODES = {c: cms(c) for c in ("A9606", "J0480", "J7503", "J7504", "J7507", "J9035", "J0881", "Q2035")} | {
    "J0882": cms("J0882", termination="2025-12-31")
}
UNITS = {
    "J7503": DoseUnit("0.25", "mg", "oral"),
    "J7504": DoseUnit("250", "mg", "injection"),
    "J7507": DoseUnit("1", "mg", "oral"),
    "J9035": DoseUnit("10", "mg", "injection"),
    "J0881": DoseUnit("1", "mcg", "injection"),
    "J0882": DoseUnit("1", "mcg", "injection"),
}


@pytest.fixture(scope="module")
def warnings(fixture_files) -> dict[str, list[str]]:
    found = drug_data_warnings(fixture_files, CODES, UNITS)
    assert all(d.severity == "warning" for ds in found.values() for d in ds)
    return {kind: [f"{Path(d.path).name}:{d.line}: {d.message}" for d in ds] for kind, ds in found.items()}


def test_warning_unit_differs_from_descriptor(warnings) -> None:
    assert warnings["billing unit differs from the HCPCS descriptor"] == [
        "ndc-hcpcs-crosswalk-2026-01.csv:16: J7503: this file's billing unit '1 MG' is not the HCPCS "
        "descriptor's (0.25 mg)"
    ]


def test_warning_absent_or_terminated_code(warnings) -> None:
    assert sorted(warnings["code not in the HCPCS file or terminated"]) == [
        "ndc-hcpcs-crosswalk-2026-01.csv:14: J0882 was terminated on 2025-12-31, before January 2026",
        "ndc-hcpcs-crosswalk-2026-01.csv:15: J7331 is not in the HCPCS file",
    ]


def test_warning_inconsistent_units(warnings) -> None:
    assert warnings["BILLUNITS × PKG QTY ≠ BILLUNITSPKG"] == [
        "ndc-hcpcs-crosswalk-2026-01.csv:8: J7507 NDC 00469-0607-73: "
        "BILLUNITS 100 × PKG QTY 1 ≠ BILLUNITSPKG 50",
    ]


def test_warning_na_limit(warnings) -> None:
    assert warnings["figure not a number"] == [
        "payment-limits-2025-10.csv:8: A9606: the payment limit for October 2025 is 'N/A', not a number",
        "payment-limits-2026-01.csv:8: A9606: the payment limit for January 2026 is 'N/A', not a number",
    ]


def test_warning_duplicate_ndc_and_alternate_id(warnings) -> None:
    assert warnings["duplicate or non-NDC identifier"] == [
        "ndc-hcpcs-crosswalk-2026-01.csv:14: NDC 55513-0002-04 (J0882) is also listed on line 13 (J0881)",
        "ndc-hcpcs-crosswalk-2026-01.csv:15: J7331: '888867413689' is not an 11-digit NDC",
    ]


def test_wrong_unit_is_caught_whatever_the_spelling() -> None:
    """'1000 MG' and '1 g' are one amount; '0.5 ML' is not '0.5 mg'."""
    from codebook.drugs.checks import dosage_amount

    assert dosage_amount("1000 MG") == dosage_amount("1 g") == dosage_amount("1 GM")
    assert dosage_amount("1 CC") == dosage_amount("1 mL")
    assert dosage_amount("100 UNITS") == dosage_amount("100 IU")
    assert dosage_amount("0.5 ML") != dosage_amount("0.5 mg")
    assert dosage_amount("1 EACH") is None and dosage_amount("1 million PFU") is None


# --- NDC forms -------------------------------------------------------------------------------------


@pytest.mark.parametrize("case", NDC_CASES["cases"], ids=lambda case: case["why"])
def test_ndc_normalisation(case: dict) -> None:
    known = frozenset(case.get("known", NDC_CASES["known"]))
    assert normalize_ndc(case["input"], known) == case["expected"]


# --- the real files -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_files():
    return load_drug_files(ROOT / "content" / "reference" / "asp")


def test_real_cms_files_counts(real_files) -> None:
    """The counts SOURCES.md states. The README's 843 codes, 6,946 NDCs and 194 inconsistent rows
    include the crosswalk's CPT rows; the Level II rows kept are 835 codes, 6,919 NDCs (plus one
    alternate ID) and 193 inconsistent rows."""
    files = real_files
    assert files.diagnostics == ()
    packages = [p for drug in files.drugs.values() for p in drug.packages]
    assert len(packages) == 7098
    assert len({p.code for p in packages}) == 835
    assert len({p.ndc for p in packages if p.ndc}) == 6919
    assert sum(p.inconsistent for p in packages) == 193
    assert sorted(files.cpt_rows_dropped.values()) == [27, 33, 34, 34, 34, 34, 34, 34, 34, 35]
    assert [
        len([d for d in files.drugs.values() if any(lim.quarter == q for lim in d.limits)])
        for q in files.quarters
    ] == [788, 785, 812, 831, 843, 908, 936, 978, 844]
    assert len(files.current_codes()) == 845 and len(files.drugs) == 1048
    j7507 = files.drugs["J7507"]
    assert [lim.limit_text for lim in j7507.limits] == [
        "0.236",
        "0.271",
        "0.235",
        "0.255",
        "0.176",
        "0.194",
        "0.154",
        "0.169",
        "0.197",
    ]
    prograf = next(p for p in j7507.packages if p.ndc == "00469-0607-73")
    assert prograf.inconsistent and (prograf.billunits, prograf.billunitspkg) == (100, 50)


def test_real_cms_files_warnings_by_kind(real_files) -> None:
    files = real_files
    reference = load_reference(ROOT / "content")
    counts = {
        kind: len(found)
        for kind, found in drug_data_warnings(files, reference.codes, reference.dose_units).items()
    }
    assert counts == {
        "billing unit differs from the HCPCS descriptor": 6,
        "code not in the HCPCS file or terminated": 2,
        "BILLUNITS × PKG QTY ≠ BILLUNITSPKG": 193,
        "BILLUNITS off by a unit-conversion factor": 9,  # J0256 (6 rows), J0257 (3): tests/test_ndc_faults.py
        "figure not a number": 12,
        "duplicate or non-NDC identifier": 179,
        "control character in a name": 0,
    }


def test_odd_cms_rows_are_warnings_and_unusable(tmp_path: Path) -> None:
    """A code that is neither Level II nor CPT, and a blank PKG QTY: warned about, never used."""
    lines = [
        "_2026_CODE,Short Description,LABELER NAME,NDC2,Drug Name,HCPCS dosage,"
        "PKG SIZE,PKG QTY,BILLUNITS,BILLUNITSPKG",
        "J75O7,Tacrolimus,Mylan,00378-2045-01,Tacrolimus,1 MG,100,1,50,50",
        "J7507,Tacrolimus,Mylan,00378-2046-01,Tacrolimus,1 MG,100,,100,100",
    ]
    folder = tmp_path / "asp"
    folder.mkdir()
    (folder / "ndc-hcpcs-crosswalk-2026-01.csv").write_bytes("\n".join(lines).encode("cp1252"))
    files = load_drug_files(folder)
    problem = one(files.diagnostics)
    assert (problem.line, problem.severity) == (2, "warning")
    assert problem.message == "'J75O7' is not a HCPCS code"
    (package,) = files.drugs["J7507"].packages
    assert package.pkg_qty is None and package.units_per_ndc is None
    found = drug_data_warnings(files, {"J7507": cms("J7507")}, {})
    assert [d.line for d in found["figure not a number"]] == [3]
    assert found["BILLUNITS × PKG QTY ≠ BILLUNITSPKG"] == []  # not a disagreement: a figure is missing


def test_quarter_dates() -> None:
    assert (Quarter(2025, 10).start.isoformat(), Quarter(2025, 10).end.isoformat()) == (
        "2025-10-01",
        "2025-12-31",
    )
    assert (
        Quarter(2026, 1).end.isoformat() == "2026-03-31" and Quarter(2026, 4).end.isoformat() == "2026-06-30"
    )
    assert Quarter(2026, 7).label == "July 2026" and Quarter(2026, 7).key == "2026-07"


def test_ndc_rejects_non_text() -> None:
    assert normalize_ndc(None) is None  # type: ignore[arg-type]
    assert normalize_ndc(50242006001) is None  # type: ignore[arg-type]


def test_bench_corpus_key_reads_the_drug_files_folder() -> None:
    """content/reference/ now has a folder (asp/): the benchmark's input digest reads the files in it
    (a new quarter's CMS files mean a new corpus) instead of failing on the folder."""
    from bench.corpus import inputs_digest

    assert len(inputs_digest()) == 32
