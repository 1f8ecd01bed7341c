"""Navigation in the built site: home, category and family pages, and the ways between code pages."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.drugs import load_drug_files
from codebook.load import find_content_files, load_file
from codebook.schema import code_family

from .helpers import CONTENT, REFERENCE, make_content, run_build, soup, valid_page

pytestmark = pytest.mark.slow  # mini-site builds and the full real build

LOADED = {Path(p).stem: load_file(p)[0] for p in find_content_files(CONTENT / "codes")}
DATA = {code: loaded.data for code, loaded in LOADED.items()}
CODES = sorted(DATA)
TERMINATED = [c for c in CODES if DATA[c]["status"] == "terminated"]


def code_of(href: str) -> str:
    return href.rsplit("/", 1)[-1].split("#")[0].removesuffix(".html")


def test_home_shows_counts_and_the_reference_edition(built_site: Path) -> None:
    home = soup(built_site / "index.html")
    stats = {div.dt.get_text(): div.dd.get_text() for div in home.select("dl.stats div")}
    active = sum(1 for c in CODES if DATA[c]["status"] == "active")
    assert stats["Written guides"] == str(len(CODES))
    assert stats["Guides to active codes"] == str(active)
    assert stats["Guides to terminated codes"] == str(len(CODES) - active)
    data_only = len(set(load_drug_files(CONTENT / "reference" / "asp").current_codes()) - set(CODES))
    assert stats["Pages of CMS drug data only"] == f"{data_only:,}"
    assert stats["Codes in the CMS file"] == f"{len(REFERENCE.codes):,}"
    lead = home.find("p", class_="lead").get_text(" ", strip=True)
    assert f"Written guides for billing staff to {len(CODES)} HCPCS Level II codes" in lead
    assert f"{data_only:,} more drug codes have a page of CMS drug data" in lead
    edition = home.select_one(".edition").get_text(" ")
    assert REFERENCE.edition.name in edition and REFERENCE.edition.file in edition


def test_home_lists_every_code_a_to_z_with_its_short_descriptor(built_site: Path) -> None:
    home = soup(built_site / "index.html")
    items = home.select("#a-z .az-list li")
    assert [code_of(li.a["href"]) for li in items] == CODES
    for li in items:
        code = code_of(li.a["href"])
        assert li.a.get_text(" ", strip=True) == f"{code} {DATA[code]['short_descriptor']}"
        assert ("terminated" in li.get_text()) == (code in TERMINATED)
    letters = [a["href"] for a in home.select("#a-z nav.letters a")]
    assert letters == [f"#az-{letter}" for letter in sorted({c[0] for c in CODES})]


def test_home_browses_by_category_and_family_with_counts(built_site: Path) -> None:
    home = soup(built_site / "index.html")
    cards = home.select("#browse .card")
    assert [c.a.get_text() for c in cards] == [
        cat.title
        for slug, cat in REFERENCE.categories.items()
        if any(DATA[c]["category"] == slug for c in CODES)
    ]
    for card in cards:
        slug = card.a["href"].removeprefix("categories/").removesuffix(".html")
        count = sum(1 for c in CODES if DATA[c]["category"] == slug)
        assert f"{count} code" in card.select_one(".count").get_text()
    families = sorted({code_family(c) for c in CODES})
    links = home.select("#families .card a")
    assert [a["href"] for a in links] == [f"families/{f}.html" for f in families]
    assert links[0].get_text() == families[0].replace("-", "–")


@pytest.mark.parametrize("kind", ["categories", "families"])
def test_listing_pages_list_their_codes_with_descriptors(built_site: Path, kind: str) -> None:
    seen: list[str] = []
    for path in sorted((built_site / kind).glob("*.html")):
        page = soup(path)
        crumbs = [a["href"] for a in page.select("nav.breadcrumbs a")]
        assert crumbs[0] == "../index.html"
        for li in page.select("ul.code-list li"):
            code = code_of(li.a["href"])
            assert li.a.get_text(" ", strip=True) == f"{code} {DATA[code]['descriptor']}"
            if kind == "families":
                assert path.stem == code_family(code)
            seen.append(code)
    assert sorted(seen) == CODES  # every code is in exactly one category and one family


@pytest.mark.parametrize("code", CODES)
def test_code_page_breadcrumbs_pager_and_jump_list(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    crumbs = page.select("nav.breadcrumbs li")
    assert [li.get_text(strip=True) for li in crumbs] == [
        "Home",
        REFERENCE.categories[DATA[code]["category"]].title,
        code,
    ]
    assert crumbs[1].a["href"] == f"../categories/{DATA[code]['category']}.html"
    family = [c for c in CODES if code_family(c) == code_family(code)]
    i = family.index(code)
    previous, following = page.find("a", rel="prev"), page.find("a", rel="next")
    assert (code_of(previous["href"]) if previous else None) == (family[i - 1] if i else None)
    assert (code_of(following["href"]) if following else None) == (
        family[i + 1] if i + 1 < len(family) else None
    )
    jump = [a["href"].removeprefix("#") for a in page.select("nav.jump a")]
    sections = [s["id"] for s in page.select("article section[id]")]
    assert jump == sections


@pytest.mark.parametrize("code", CODES)
def test_similar_codes_show_their_reasons(built_site: Path, code: str) -> None:
    items = soup(built_site / "codes" / f"{code}.html").select("#similar-codes .similar-list li")
    expected = [(s["code"], " ".join(s["reason"].split())) for s in DATA[code]["similar"]]
    assert [(code_of(li.a["href"]), li.get_text(" ", strip=True).split(": ", 1)[1]) for li in items] == [
        (c, r) for c, r in expected
    ]


def incoming_from_sources() -> dict[str, set[str]]:
    """Who links to whom, worked out from the content files themselves (not from the build)."""
    incoming: dict[str, set[str]] = {c: set() for c in CODES}
    for code in CODES:
        targets = {s["code"] for s in DATA[code]["similar"]}
        targets |= {r.target for r in LOADED[code].body_links if r.target in DATA}
        targets |= {DATA[code].get("replaced_by")} & set(CODES)
        for target in targets - {code}:
            incoming[target].add(code)
    return incoming


@pytest.mark.parametrize("code", CODES)
def test_codes_that_link_here_lists_every_page_that_does(built_site: Path, code: str) -> None:
    """...except this page's own similar codes: those are listed once, with reasons, above."""
    page = soup(built_site / "codes" / f"{code}.html")
    listed = [code_of(a["href"]) for a in page.select("#codes-that-link-here .backlinks li > a")]
    similar = {s["code"] for s in DATA[code]["similar"]}
    assert listed == sorted(incoming_from_sources()[code] - similar)


@pytest.mark.parametrize("code", TERMINATED)
def test_terminated_code_keeps_its_page_and_names_its_replacement(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    notice = page.select_one(".terminated-notice")
    assert notice is not None and DATA[code]["terminated"].isoformat() in notice.get_text()
    assert page.title.get_text().endswith("(terminated) · codebook")
    replacement = DATA[code].get("replaced_by")
    if replacement:
        assert notice.find("a", href=f"../codes/{replacement}.html")
        other = soup(built_site / "codes" / f"{replacement}.html")
        replaces = [div for div in other.select("dl.facts div") if div.dt.get_text() == "Replaces"]
        assert replaces and replaces[0].find("a", href=f"../codes/{code}.html")
    else:
        assert "names no replacement" in notice.get_text()


def test_terminated_codes_exist_in_the_content() -> None:
    """The terminated-page tests above must have something to check. No terminated code of the real
    content names a replacement (CMS's file names none; issue 19), so the notice with a replacement
    and the successor's "Replaces" row are checked by the golden site (tests/golden: J7506 → J7512)."""
    assert TERMINATED
    golden = (Path(__file__).parent / "golden" / "expected" / "codes" / "J7512.html").read_text("utf-8")
    assert 'Replaces</dt><dd><a href="../codes/J7506.html">' in golden


def test_body_links_reach_pages_and_sections(tmp_path: Path) -> None:
    """`[[J7501#sources]]`, `[text](J7517.md#billing-units)` and `[text](#similar-codes)` all resolve."""
    pages = {f"{c}.md": valid_page(c) for c in ("J7500", "J7501", "J7517")}
    pages["J7500.md"] = pages["J7500.md"].replace(
        "Original text about definition for J7500.",
        "Compare [the oral form](J7517.md#billing-units), [[J7501#sources]] and [below](#similar-codes); "
        "`[not a link](J7501.md)` stays code.",
    )
    out = tmp_path / "_site"
    result = run_build("--content", make_content(tmp_path, pages), "--out", out)
    assert result.returncode == 0, result.stderr
    definition = soup(out / "codes" / "J7500.html").select_one("#definition")
    hrefs = [a["href"] for a in definition.find_all("a")]
    assert hrefs == ["../codes/J7517.html#billing-units", "../codes/J7501.html#sources", "#similar-codes"]
    assert definition.code.get_text() == "[not a link](J7501.md)"
    # J7500 is one of J7517's similar codes: listed once, under Similar Codes, not again as a backlink
    # (test_code_summary.py checks the reason a backlink gives, on the real content).
    assert soup(out / "codes" / "J7517.html").select_one("#codes-that-link-here") is None
