"""Issue 28 item 6: each biosimilar and its reference product link each other, with the billing
unit of each, derived from the CMS descriptors ("Injection, bevacizumab-awwb, biosimilar, (mvasi),
10 mg"), and the ingredient's name finds them all in search."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from codebook.biosimilars import biosimilar_groups, biosimilar_ingredient, reference_ingredient
from codebook.build import BuildOptions, build
from codebook.drugs import load_drug_files
from codebook.search.stage import search_drugs

from .helpers import CONTENT, REFERENCE, ROOT

# The ingredients issue 28 names, each with the reference-product code CMS's descriptors give it.
REFERENCE_PRODUCTS = {
    "bevacizumab": "J9035",
    "trastuzumab": "J9355",
    "infliximab": "J1745",
    "rituximab": "J9312",
    "pegfilgrastim": "J2506",
    "filgrastim": "J1442",
    "denosumab": "J0897",
    "ranibizumab": "J2778",
    "aflibercept": "J0178",
    "ustekinumab": "J3358",
    "tocilizumab": "J3262",
    "eculizumab": "J1299",
}


@pytest.fixture(scope="module")
def drugs():
    return load_drug_files(CONTENT / "reference" / "asp")


@pytest.fixture(scope="module")
def groups(drugs):
    with_pages = set(drugs.current_codes()) | {p.stem for p in (CONTENT / "codes").glob("*.md")}
    return biosimilar_groups(REFERENCE.codes, with_pages.__contains__)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    result = build(BuildOptions(content=ROOT / "content", cache=None, write=False))
    return {f.path: f.content.decode() for f in result.files if f.path.startswith("codes/")}


def test_the_ingredient_is_read_from_a_biosimilar_descriptor() -> None:
    read = biosimilar_ingredient
    assert read("Injection, bevacizumab-awwb, biosimilar, (mvasi), 10 mg") == "bevacizumab"
    assert read("Injection, epoetin alfa-epbx, biosimilar, (retacrit) (for esrd on dialysis), 100 units") == (
        "epoetin alfa"
    )
    assert read("Injection, adalimumab-ryvk biosimilar, 1 mg") == "adalimumab"
    assert read("Injection, filgrastim (g-csf), excludes biosimilars, 1 microgram") == ""
    assert read("Injection, bevacizumab, 10 mg") == ""


def test_a_descriptor_naming_more_than_the_ingredient_is_not_its_reference_product() -> None:
    codes = REFERENCE.codes
    assert reference_ingredient(codes["J9035"].long_descriptor) == "bevacizumab"
    assert reference_ingredient(codes["J1442"].long_descriptor) == "filgrastim"
    assert reference_ingredient(codes["J3358"].long_descriptor) == "ustekinumab"
    for other in ("J2779", "J9311", "J0177", "J9356"):  # Susvimo implant, + hyaluronidase, Eylea HD
        assert reference_ingredient(codes[other].long_descriptor) not in (
            "ranibizumab",
            "rituximab",
            "aflibercept",
            "trastuzumab",
        ), other


def test_every_named_ingredient_has_its_reference_product_and_biosimilars(groups) -> None:
    for ingredient, reference in REFERENCE_PRODUCTS.items():
        group = groups[reference]
        assert group.ingredient == ingredient and reference in [p.code for p in group.references]
        assert group.biosimilars and all(
            biosimilar_ingredient(p.descriptor) == ingredient for p in group.biosimilars
        )
    assert [p.code for p in groups["J9035"].biosimilars] == ["Q5107", "Q5118", "Q5126", "Q5129", "Q5160"]


def linked(html: str) -> dict[str, str]:
    """The biosimilar table's rows: code → billing unit (the page's own row included)."""
    table = BeautifulSoup(html, "html.parser").select_one("#biosimilars table")
    return {row.th.get_text().split()[0]: row.select("td")[-1].get_text() for row in table.tbody.select("tr")}


def test_j9035_and_q5107_link_each_other_with_their_units(pages) -> None:
    j9035, q5107 = pages["codes/J9035.html"], pages["codes/Q5107.html"]
    assert 'href="../codes/Q5107.html"' in j9035 and 'href="../codes/J9035.html"' in q5107
    assert linked(j9035)["Q5107"] == "10 mg" and linked(q5107)["J9035"] == "10 mg"
    assert {"Q5107", "Q5118", "Q5126", "Q5129"} <= set(linked(j9035))
    epoetin = linked(pages["codes/Q5106.html"])
    assert epoetin["Q5106"] == "1000 units" and epoetin["Q4081"] == "100 units"  # units differ


def test_every_link_is_returned(pages) -> None:
    for path, html in pages.items():
        if 'id="biosimilars"' not in html:
            continue
        code = path.removeprefix("codes/").removesuffix(".html")
        for other in linked(html):
            assert code in linked(pages[f"codes/{other}.html"]), (code, other)


def test_the_ingredient_is_a_search_name_of_each_code(drugs, groups) -> None:
    names = search_drugs({code: drugs.drugs[code] for code in drugs.current_codes()}, groups)
    for code in groups["J9035"].codes:
        assert "bevacizumab" in [n.lower() for n in names[code].names], code
