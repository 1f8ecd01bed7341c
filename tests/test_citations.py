"""Sources as readers see them (issue 20): title, publisher, date, link — never our bookkeeping.

The modifier table's source cells and notes are maintainers' records ("= hcpcs_level2_full.csv", a
repository and commit, "NOT verified here"); pages show citations and the supported statements only.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from codebook.citations import Citation, reader_text, source_citation, source_citations, text_citations
from codebook.model import Source

from .helpers import soup

ZIP = "https://www.cms.gov/files/zip/january-2026-alpha-numeric-hcpcs-file.zip"
TITLE = "CMS HCPCS Level II file January 2026 (HCPC2026_JAN_ANWEB_01122026)"
BOOKKEEPING = re.compile(r"content/reference/|NOT verified|verified here|\b[0-9a-f]{40}\b")
# Sections of a code page our templates write; the others hold the author's prose, which issue 19
# (content) rewrites and checks with its own rule.
GENERATED_SECTIONS = {"billing-units", "drug-data", "codes-that-link-here", "sources"}


def test_a_source_cell_becomes_citations_without_our_copies_and_commits() -> None:
    cell = (
        f"CMS HCPCS Level II file January 2026 (HCPC2026_JAN_ANWEB_01122026; {ZIP}) = hcpcs_level2_full.csv; "
        "HCPCS file; also shown terminated in the October 2026 file excerpt at GitHub org/repo "
        "evals/x.csv @ 0db96d9ddf8f30dd2fefb93702b5b391ba45978a"
    )
    assert text_citations(cell, {ZIP: "2026-01-12"}) == (Citation(TITLE, "CMS", "2026-01-12", ZIP),)


def test_a_link_first_piece_takes_its_title_or_note_from_the_brackets() -> None:
    cell = (
        "https://ngsmedicare.com/web/ngs/modifiers?selectedArticleId=1636016 (Modifier 25); "
        "https://med.noridianmedicare.com/web/jddme/topics/modifiers/99 (heading 'KX'); "
        "CMS Pub. 100-04 Ch. 17 sec. 40 (https://www.cms.gov/manuals/downloads/clm104c17.pdf, "
        "cited via https://med.noridianmedicare.com/web/jfb/topics/modifiers/JW); MLN Matters MM8863"
    )
    assert text_citations(cell) == (
        Citation(
            "Modifier 25",
            "National Government Services",
            url="https://ngsmedicare.com/web/ngs/modifiers?selectedArticleId=1636016",
        ),
        Citation(
            "med.noridianmedicare.com/web/jddme/topics/modifiers/99",
            "Noridian Healthcare Solutions",
            url="https://med.noridianmedicare.com/web/jddme/topics/modifiers/99",
            note="heading 'KX'",
        ),
        Citation(
            "CMS Pub. 100-04 Ch. 17 sec. 40", "CMS", url="https://www.cms.gov/manuals/downloads/clm104c17.pdf"
        ),
        Citation("MLN Matters MM8863"),
    )


def test_a_front_matter_source_loses_its_local_file() -> None:
    source = Source("CMS manual", dt.date(2026, 1, 2), "https://www.cms.gov/m.pdf", "content/reference/x.csv")
    assert source_citation(source) == Citation("CMS manual", "CMS", "2026-01-02", "https://www.cms.gov/m.pdf")


def test_a_source_that_is_only_a_file_of_ours_is_not_cited() -> None:
    ours = Source("codebook modifier table", dt.date(2026, 1, 2), file="content/reference/modifiers.csv")
    book = Source("A printed manual", dt.date(2026, 1, 2))
    assert source_citations([ours, book]) == (Citation("A printed manual", date="2026-01-02"),)


@pytest.mark.parametrize(
    ("notes", "shown"),
    [
        (
            "Route of administration (intravenous). Use with J75xx is required by no source - unverified.",
            "Route of administration (intravenous).",
        ),
        (
            "The LCD pairs KX and GY (GY when not met); exact LCD wording NOT verified here.",
            "The LCD pairs KX and GY (GY when not met).",
        ),
        (
            "Still active. Typical use is DME (J7604-J7699) - note unverified; not normally used with J75xx.",
            "Still active. Not normally used with J75xx.",
        ),
        ("For J75xx: vials (e.g. J7501, J7504) - NOT verified here. Not multi-dose.", "Not multi-dose."),
    ],
)
def test_notes_leave_out_what_maintainers_marked_unverified(notes: str, shown: str) -> None:
    assert reader_text(notes) == shown


def reader_visible_text(path: Path) -> str:
    """Text a reader sees or hears: no scripts or styles, plus title/alt/aria-label attributes; on
    code pages only the sections our templates write (see GENERATED_SECTIONS)."""
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for tag in page.find_all(["script", "style", "template"]):
        tag.decompose()
    if page.find("article", class_="code-page"):
        for section in page.select("article > section[id]"):
            if section["id"] not in GENERATED_SECTIONS:
                section.decompose()
    labels = ("title", "alt", "aria-label")
    attributes = [v for tag in page.find_all(True) for k in labels if (v := tag.get(k))]
    return " ".join([page.get_text(" "), *attributes])


@pytest.mark.slow
def test_no_page_shows_our_bookkeeping(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 900
    found = {
        str(p.relative_to(built_site)): hit.group(0)
        for p in pages
        if (hit := BOOKKEEPING.search(reader_visible_text(p)))
    }
    assert found == {}


@pytest.mark.slow
def test_modifier_glossary_has_an_index_and_reader_citations(built_site: Path) -> None:
    page = soup(built_site / "modifiers.html")
    entries = [div["id"] for div in page.select("dl.glossary > div.glossary-entry")]
    assert len(entries) == 22
    index = [a["href"] for a in page.select("nav.modifier-index a")]
    assert index == [f"#{code}" for code in entries]
    jw = page.find(id="JW")
    links = [a["href"] for a in jw.select("ul.sources a")]
    assert ZIP in links and "https://www.cms.gov/manuals/downloads/clm104c17.pdf" in links
    assert "2026-01-12" in jw.select_one("ul.sources").get_text()
    assert "hcpcs_level2_full.csv" not in page.get_text()
