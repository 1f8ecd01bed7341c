"""The biller query set is well formed and every answer it expects comes from the reference data."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from codebook.drugs.ndc import normalize_ndc

from . import rank_records
from .rank_records import FIXTURE, drug_files, fixture_text, read_csv
from .search_queries import REFERENCE, Query, QuerySetError, cms_codes, load_queries

QUERIES = load_queries()
CODES = cms_codes()
GROUPS = (
    "code",
    "code digits",
    "code prefix",
    "generic",
    "brand",
    "route",
    "typo",
    "NDC",
    "modifier",
    "descriptor",
    "DME",
    "terminated",
)
DRUGS = drug_files().drugs


def test_the_set_is_large_and_covers_every_kind_of_query() -> None:
    assert len(QUERIES) >= 80
    assert not set(GROUPS) - {q.group for q in QUERIES}
    assert len({q.text for q in QUERIES}) == len(QUERIES), "each query once"


def test_every_expected_code_is_in_the_cms_file() -> None:
    missing = [
        (q.text, c) for q in QUERIES for c in q.codes if CODES.get(c, {}).get("record_type") != "procedure"
    ]
    assert not missing


def test_every_expected_modifier_has_a_glossary_entry() -> None:
    glossary = {row["modifier"] for row in read_csv(REFERENCE / "modifiers.csv")}
    assert not [(q.text, m) for q in QUERIES for m in q.modifiers if m not in glossary]


def test_expected_status_is_the_cms_status() -> None:
    """A query expecting a terminated code says so; others expect active codes (a digits query lists
    every code ending so, whatever its status)."""
    glossary = {
        row["modifier"]: "terminated" if row["status"] == "terminated" else "active"
        for row in read_csv(REFERENCE / "modifiers.csv")
    }
    for query in (q for q in QUERIES if q.group != "code digits"):
        statuses = {"terminated" if CODES[c]["termination_date"] else "active" for c in query.codes}
        statuses |= {glossary[m] for m in query.modifiers}
        assert statuses == {query.status or "active"}, query.text


def test_every_ndc_query_is_a_crosswalk_ndc_of_its_code() -> None:
    codes_of = defaultdict(set)
    for code, drug in DRUGS.items():
        for ndc in drug.ndcs:
            codes_of[ndc].add(code)
    ndc_queries = [q for q in QUERIES if q.group == "NDC"]
    assert len(ndc_queries) >= 6
    for query in ndc_queries:
        assert codes_of[normalize_ndc(query.text, codes_of) or ""] == set(query.codes), query.text


def test_brand_queries_are_names_of_their_codes_in_the_reference_files() -> None:
    """Brands map to codes as the crosswalk's Drug Name column or brand_names.csv say, not from memory."""
    names = defaultdict(set)
    for code, drug in DRUGS.items():
        names[code].update(name.lower() for name in drug.drug_names)
    for row in read_csv(REFERENCE / "brand_names.csv"):
        names[row["code"]].add(row["brand"].lower())
    for query in (q for q in QUERIES if q.group.startswith("brand")):
        for code in query.codes:
            assert any(query.text.lower() in name for name in names[code]), (query.text, code)


def test_a_malformed_query_file_is_reported_entry_by_entry(tmp_path: Path) -> None:
    path = tmp_path / "queries.json"
    good = {"q": "J7507", "expect": ["J7507"], "rank": 1, "group": "code", "source": "CMS"}
    bad = [good, {**good, "rank": 0, "colour": "red"}, {**good, "expect": [], "match": "some"}, "J7507"]
    path.write_text(json.dumps({"queries": bad}), encoding="utf-8")
    with pytest.raises(QuerySetError) as error:
        load_queries(path)
    lines = str(error.value).splitlines()
    assert [line.split(": ")[1] for line in lines] == ["query 2"] * 2 + ["query 3"] * 2 + ["query 4"]
    assert "'rank' must be a whole number from 1 to 10" in lines[1]
    path.write_text("[not json", encoding="utf-8")
    with pytest.raises(QuerySetError, match="not a query set"):
        load_queries(path)


def test_a_well_formed_entry_loads_with_its_defaults(tmp_path: Path) -> None:
    path = tmp_path / "queries.json"
    entry = {
        "q": "JZ",
        "expect": ["modifier:JZ", "J7507"],
        "rank": 2,
        "group": "modifier",
        "source": "glossary",
    }
    path.write_text(json.dumps({"queries": [entry]}), encoding="utf-8")
    assert load_queries(path) == (Query("JZ", ("modifier:JZ", "J7507"), 2, "modifier", "glossary"),)
    assert load_queries(path)[0].modifiers == ("JZ",)
    assert load_queries(path)[0].codes == ("J7507",)


def test_the_ranking_fixture_is_fresh() -> None:
    """tests/fixtures/rank_records.json is what `python -m tests.rank_records` writes now."""
    assert FIXTURE.read_text(encoding="utf-8") == fixture_text(), (
        "run `.venv/bin/python -m tests.rank_records`"
    )


def test_writing_the_fixture_from_broken_drug_files_says_why_and_keeps_the_fixture(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "ndc-hcpcs-crosswalk-2026-01.csv").write_text("no header here\n", encoding="latin-1")
    monkeypatch.setattr(rank_records, "DRUG_FOLDER", tmp_path)
    monkeypatch.setattr(rank_records, "FIXTURE", tmp_path / "rank_records.json")
    assert rank_records.main() == 1
    err = capsys.readouterr().err
    assert "ndc-hcpcs-crosswalk-2026-01.csv:1: no header line found" in err
    assert "Traceback" not in err
    assert not (tmp_path / "rank_records.json").exists()
