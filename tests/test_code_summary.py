"""Issue 20, the code page: the summary answers "how do I bill this?", the facts table under it says
nothing twice, and similar codes are listed once (not again under Codes That Link Here).

Expected values come from the sources (front matter, the CMS drug files), never from the renderer."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.drugs import load_drug_files
from codebook.money import money, per_unit

from .helpers import CONTENT, soup
from .test_browse import CODES, DATA, code_of

DRUGS = load_drug_files(CONTENT / "reference" / "asp").drugs
SAID_ELSEWHERE = {"Code", "Long descriptor", "Billing unit", "Status", "Terminated", "Last reviewed"}


def summary_rows(page) -> dict[str, str]:
    rows = page.select(".summary .summary-facts > div")
    return {row.dt.get_text(strip=True): " ".join(row.dd.get_text(" ").split()) for row in rows}


def expected_unit(code: str) -> str:
    unit = DATA[code].get("billing_unit")
    if not unit:
        return "No single amount to convert ( why )"
    return f"1 unit = {'up to ' if unit.get('up_to') else ''}{unit['amount']} {unit['unit']}"


@pytest.mark.parametrize("code", CODES)
def test_summary_gives_unit_status_and_payment_limit(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    rows = summary_rows(page)
    assert page.select_one(".summary h2").get_text() == f"How to bill {code}"
    assert rows["Billing unit"].startswith(expected_unit(code))
    terminated = DATA[code].get("terminated")
    if terminated:
        assert f"Terminated. CMS ended this code on {terminated.isoformat()}" in rows["Status"]
    else:
        assert rows["Status"] == "Active"
    current = DRUGS[code].current_limit if code in DRUGS else None
    if current is None:
        assert "Medicare payment limit" not in rows
    else:
        limit = rows["Medicare payment limit"]
        assert limit.startswith(f"{money(current.limit_text)} {per_unit(current.dosage)}"), limit
        assert current.quarter.label in limit


def test_the_calculate_link_jumps_to_the_calculator(built_site: Path) -> None:
    page = soup(built_site / "codes" / "J7507.html")
    link = page.select_one(".summary a.summary-calc")
    assert link["href"] == "#billing-units" and page.find("section", id="billing-units").find(id="calc-dose")
    data_only = soup(built_site / "codes" / "J9035.html")
    link = data_only.select_one(".summary a.summary-calc")
    assert link["href"] == "#billing-units" and data_only.find("section", id="billing-units").find(
        id="calc-dose"
    )


def test_modifiers_in_the_summary_are_the_billing_rules_and_the_guides_own_section(built_site: Path) -> None:
    injected = soup(built_site / "codes" / "J7525.html").select_one(".summary-modifiers")
    assert [a["href"] for a in injected.select("li a")] == ["../modifiers.html#JW", "../modifiers.html#JZ"]
    oral = soup(built_site / "codes" / "J7507.html").select_one(".summary-modifiers")
    # no JW/JZ for a drug dispensed for home use; KX as its Common Modifiers declares it for the line
    assert [li.get_text(" ", strip=True) for li in oral.select("li")] == ["KX on the drug line"]
    assert [a["href"] for a in oral.select("li a")] == ["../modifiers.html#KX"]
    # out of the tab order (the Dose field stays near the top); the keyboard reaches the same entry
    # from Common Modifiers, where the declaration is a link
    assert oral.select_one("li a")["tabindex"] == "-1"
    section = soup(built_site / "codes" / "J7507.html").find("section", id="common-modifiers")
    assert section.find("a", href="../modifiers.html#KX", tabindex=None)
    assert not injected.select("a[tabindex]"), "JW/JZ stay in the tab order"
    assert oral.find("a", href="#common-modifiers")
    terminated = soup(built_site / "codes" / "J7505.html").select_one(".summary-modifiers")
    assert terminated.select("li") == []


def test_data_only_page_has_the_same_summary(built_site: Path) -> None:
    page = soup(built_site / "codes" / "J9035.html")
    rows = summary_rows(page)
    assert rows["Billing unit"].startswith("1 unit = 10 mg") and rows["Status"] == "Active"
    limit = rows["Medicare payment limit"]
    assert limit.startswith("$75.492 per 10 MG , October 2026, from a copy of the CMS file (GitHub")
    assert [a.get_text() for a in page.select(".summary-modifiers li a")] == ["JW", "JZ"]
    facts = {dt.get_text(strip=True) for dt in page.select("dl.facts dt")}
    assert facts and not facts & SAID_ELSEWHERE


@pytest.mark.parametrize("code", CODES)
def test_facts_table_repeats_nothing(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    labels = [dt.get_text(strip=True) for dt in page.select(".summary dt, dl.facts dt")]
    assert len(labels) == len(set(labels)), labels
    assert not {dt.get_text(strip=True) for dt in page.select("dl.facts dt")} & SAID_ELSEWHERE


@pytest.mark.parametrize("code", CODES)
def test_similar_codes_are_listed_once(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    section = page.find("section", id="similar-codes")
    assert section.find("table") is None, "one list of similar codes, not a table beside it"
    (listing,) = section.select("ul.similar-list")
    similar = [code_of(li.a["href"]) for li in listing.select("li")]
    assert len(similar) == len(set(similar)) and {s["code"] for s in DATA[code]["similar"]} <= set(similar)
    backlinks = [code_of(a["href"]) for a in page.select("#codes-that-link-here .backlinks li > a")]
    assert not set(backlinks) & set(similar), "a similar code is not listed again under Codes That Link Here"


def test_a_backlink_that_is_not_a_similar_code_says_where_it_links_from(built_site: Path) -> None:
    items = soup(built_site / "codes" / "J7503.html").select("#codes-that-link-here .backlinks li")
    assert [
        (code_of(li.a["href"]), li.get_text(" ", strip=True).endswith("links to it under Definition"))
        for li in items
    ] == [("J7525", True)]
