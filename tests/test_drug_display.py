"""Issue 28 items 5 and 7. Item 5: drug figures as a biller reads them — no doubled "per" (Q2043), money with
thousands separators written one way on pages and in the calculator, a unit or a meaning in every
table cell (J9035's package sizes 4 and 16 are CMS's "amount in one item", whose unit CMS does not
name). Item 7: the JW/JZ rule is said once, on its topic page; a drug page keeps what is its own
(the billable units in one item of each package the crosswalk lists) and links the topic."""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup

from codebook.build import BuildOptions, build
from codebook.money import money, per_unit

from .helpers import ROOT

BARE_NUMBER = re.compile(r"[$]?[0-9][0-9,]*\.?[0-9]*")


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    result = build(BuildOptions(content=ROOT / "content", cache=None, write=False))
    wanted = ("codes/", "topics/jw-and-jz.html")
    return {f.path: f.content.decode() for f in result.files if f.path.startswith(wanted)}


def test_money_is_written_as_the_shared_table_says() -> None:
    table = json.loads((ROOT / "tests" / "fixtures" / "money_format.json").read_text(encoding="utf-8"))
    for published, shown in table["cases"]:
        assert money(published) == shown, published


def test_a_billing_unit_that_starts_with_per_is_not_given_another() -> None:
    assert per_unit("Per infusion (minimum 50 million cells)") == "per infusion (minimum 50 million cells)"
    assert per_unit("PER VIAL") == "per VIAL"
    assert per_unit("10 MG") == "per 10 MG" and per_unit(".625 GM") == "per .625 GM"
    assert per_unit("up to 5 MG") == "per billing unit (up to 5 MG)"


def test_q2043_states_its_limit_once_per_infusion(pages: dict[str, str]) -> None:
    html = pages["codes/Q2043.html"]
    assert "$55,663.131 per infusion (minimum 50 million cells)" in html
    assert "per Per" not in html and "55663.131" not in html


def test_limits_have_thousands_separators_on_every_page(pages: dict[str, str]) -> None:
    """What a reader sees: the calculator's data attribute keeps CMS's plain figure for its arithmetic."""
    j7504 = text_of(pages["codes/J7504.html"])
    assert "$5,509.072 per 250 MG" in j7504 and "5509.072" not in j7504
    ungrouped = re.compile(r"\$[0-9]{4,}")
    assert not [path for path, html in code_pages(pages).items() if ungrouped.search(text_of(html))]


def code_pages(pages: dict[str, str]) -> dict[str, str]:
    return {path: html for path, html in pages.items() if path.startswith("codes/")}


def text_of(html: str) -> str:
    return BeautifulSoup(html, "html.parser").get_text(" ")


def test_j9035_package_cells_name_what_they_count(pages: dict[str, str]) -> None:
    soup = BeautifulSoup(pages["codes/J9035.html"], "html.parser")
    row = [td.get_text() for td in soup.select("tr#ndc-50242-0061-01 td")]
    assert row[2:] == ["10 MG", "16 (amount in one item)", "1 item", "40 units", "40 units"]
    assert "the crosswalk does not name its unit" in soup.select_one(".table-note").get_text()


def test_no_drug_table_cell_is_a_bare_number(pages: dict[str, str]) -> None:
    bare = []
    for path, html in code_pages(pages).items():
        soup = BeautifulSoup(html, "html.parser")
        for cell in soup.select("table.ndc-table td, table.limit-history td"):
            text = cell.get_text(" ", strip=True)
            if BARE_NUMBER.fullmatch(text) and not text.startswith("$"):
                bare.append((path, text))
    assert not bare, bare[:10]


# The paragraph every one of 749 drug pages carried before (issue 28 item 7), and its last sentence.
JW_PARAGRAPH = "Drug discarded from a single-dose container or single-use package is billed on its own line"
MULTI_DOSE = "JW is never used for a multi-dose container"


def test_the_jw_jz_rule_is_stated_once_on_its_topic(pages: dict[str, str]) -> None:
    repeated = [p for p, html in code_pages(pages).items() if JW_PARAGRAPH in html or MULTI_DOSE in html]
    assert repeated == []
    topic = text_of(pages["topics/jw-and-jz.html"])
    assert "What each code page adds" in topic and "A multiple-dose container gets neither modifier" in topic


def test_a_drug_page_keeps_only_its_own_container_sizes_and_links_the_topic(pages: dict[str, str]) -> None:
    for code, sizes in {
        "J9035": "10 or 40 billable units (10 mg each)",
        "J2250": "2, 5, 10, 25 or 50 billable units (1 mg each)",
    }.items():
        note = BeautifulSoup(pages[f"codes/{code}.html"], "html.parser").select_one(".discard-note")
        assert f"crosswalk lists for {code} holds {sizes}." in note.get_text(), code
        assert note.find("a")["href"] == "../topics/jw-and-jz.html"
    heparin = BeautifulSoup(pages["codes/J1644.html"], "html.parser").select_one(".discard-note").get_text()
    assert "holds 1, 2, 5, 10, 12.5, 20, 25, 30, 40 or 50 billable units" in heparin
    assert "single-dose" not in heparin  # the data does not say what container a product comes in


def test_a_drug_taken_by_mouth_has_no_discard_note(pages: dict[str, str]) -> None:
    assert 'class="unit-rule discard-note"' not in pages["codes/J7507.html"]
