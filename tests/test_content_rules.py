"""Issue 30: one shape for every guide, each shared rule written once in a topic page and listed
under the guide's "Rules that apply", nothing a source does not say about commercial plans, and
repetition across guides kept down (tests/shared_sentences.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codebook.load import load_file
from codebook.scaffold import scaffold_page
from codebook.schema import HINT_PREFIX, SECTIONS

from .helpers import CONTENT, REFERENCE, soup
from .shared_sentences import shared_sentences
from .test_content_quality import sentences

GUIDES = sorted((CONTENT / "codes").glob("*.md"))
TOPICS = {path.stem: path for path in (CONTENT / "topics").glob("*.md")}
COMMERCIAL = "Special Considerations for Commercial Insurers"
# The most sentences three or more guides may share: 2 on main before issue 30, 0 after it.
MAX_SHARED_SENTENCES = 0


def loaded(path: Path):
    file, problems = load_file(path)
    assert file is not None and not problems, path
    return file


# --- one shape ----------------------------------------------------------------------------------
def test_every_guide_has_every_section_of_the_shape_in_order() -> None:
    shape = [spec.title for spec in SECTIONS]
    assert "In Plain Language" in shape and "FAQ" not in shape
    for path in GUIDES:
        assert [s.title for s in loaded(path).sections] == shape, path.name


def test_new_scaffolds_every_section_of_the_shape_and_an_empty_rules_list() -> None:
    text = scaffold_page("J7528", REFERENCE, "oral-immunosuppressives", ["J7517"], ["jw-and-jz"])
    headings = re.findall(r"^## (.+)$", text, flags=re.M)
    assert headings == [spec.title for spec in SECTIONS]
    assert f"## In Plain Language\n\n{HINT_PREFIX} " in text
    assert "\nrules: []\n" in text and "# Topics: jw-and-jz\n" in text
    assert text.index("\nrules: []") < text.index("\nsimilar: []")


# --- rules that apply ---------------------------------------------------------------------------
def test_every_guide_names_the_topics_it_relies_on_and_each_is_a_topic_page() -> None:
    for path in GUIDES:
        file = loaded(path)
        rules = file.data.get("rules") or []
        assert rules, f"{path.name} lists no rules"
        assert set(rules) <= TOPICS.keys(), path.name
        linked = {m for m in re.findall(r"\.\./topics/([a-z0-9-]+)\.md", path.read_text(encoding="utf-8"))}
        assert linked <= set(rules), f"{path.name} links topics its rules do not list: {linked - set(rules)}"


@pytest.mark.slow
def test_each_built_guide_lists_its_rules_near_the_top_as_working_links(built_site: Path) -> None:
    for path in GUIDES:
        page = soup(built_site / "codes" / f"{path.stem}.html")
        box = page.find("nav", class_="rules-that-apply")
        assert box is not None and box.find("h2").get_text() == "Rules that apply", path.stem
        # right below the first screen (summary and calculator), above the authored sections
        assert box.find_previous("div", class_="page-top") and box.find_next("div", class_="page-layout")
        for link in box.find_all("a"):
            assert (built_site / "codes" / link["href"]).resolve().is_file(), (path.stem, link["href"])
        assert len(box.find_all("li")) == len(loaded(path).data["rules"])


@pytest.mark.slow
def test_the_topic_index_shows_every_topics_purpose(built_site: Path) -> None:
    index = soup(built_site / "topics" / "index.html")
    shown = [p.get_text() for p in index.find_all("p", class_="topic-purpose")]
    purposes = [" ".join(loaded(path).data["purpose"].split()) for path in TOPICS.values()]
    assert sorted(shown) == sorted(purposes) and all(shown)


# --- the missing rules, each once in a topic with its sources ------------------------------------
CLAIM_RULES = "dme-mac-claim-rules-for-immunosuppressive-drugs"
MISSING_RULES = {
    # topic: (what its text must say, the source addresses it must cite)
    CLAIM_RULES: (
        (
            "before 2025-01-01 | 30 days",
            "from 2025-01-01 | 90 days",
            "The supply fee goes on the same claim as the drug.",
            "1 unit of Q0510 and 2 units of Q0512",
            "two strengths dispensed for the same date of service go on two claim lines",
            "2400 NTE segment",
            "Item 19",
            "the transplant facility's name or number",
            "they may be covered under Part D",
            "23.2 %, or $45.4 million",
            "insufficient documentation | 40.3 %",
        ),
        (
            "medicare-provider-compliance-tips/immunosuppressive-drugs",
            "cgsmedicare.com/jb/education/fact_sheets/immuno-drugs.html",
            "billing%20for%20immunosuppressive%20drugs",
            "retired-immunosuppressive-drugs-coverage-requirements",
            "articleId=52474",
        ),
    ),
    "kx-on-immunosuppressive-drug-claims": (
        ("[[GA]] | a properly executed Advance Beneficiary Notice", "is rejected and has to be sent again"),
        ("cgsmedicare.com/jc/pubs/news/2018/0118/cope5900.html",),
    ),
    "billing-a-commercial-plan": (("What to look up in the plan's policy",), ("clm104c17.pdf",)),
}


@pytest.mark.parametrize("slug", sorted(MISSING_RULES))
def test_each_missing_rule_is_a_topic_page_with_its_sources(slug: str) -> None:
    says, cited = MISSING_RULES[slug]
    file = loaded(TOPICS[slug])
    text = " ".join(f"{s.title} {s.markdown}" for s in file.sections)
    for phrase in says:
        assert phrase in text, (slug, phrase)
    urls = " ".join(s.get("url", "") for s in file.data["sources"])
    for address in cited:
        assert address in urls, (slug, address)


# --- commercial plans ---------------------------------------------------------------------------
# A sentence that says what a plan does with a fraction or with rounding: no source states one.
PLAN_ROUNDING = re.compile(
    r"\b(plans?|payers?)\b.*\b(fractions?|fractional|does not round|its own way|own rounding|may differ"
    r"|may replace|bills it so|unrounded)\b|\b(fractions?|unrounded)\b.*\b(plans?|payers?)\b"
)


def commercial_sentences(path: Path) -> list[str]:
    section = next(s for s in loaded(path).sections if s.title == COMMERCIAL)
    return sentences(section.markdown)


def test_no_commercial_section_says_what_a_plan_does_with_fractions() -> None:
    found = {p.stem: s for p in GUIDES for s in commercial_sentences(p) if PLAN_ROUNDING.search(s)}
    assert found == {}


def test_the_fraction_rule_catches_todays_claims() -> None:
    for claim in (
        "a plan that bills fractions takes 40.4 units where medicare takes 41.",
        "a plan that does not round up bills it so, where medicare's rule gives 32.",
        "for a 2025 date of service a plan may round a 7 mg line its own way: 1.4 units.",
        "on a 2025 daclizumab line a plan's rounding rule may differ from medicare's.",
    ):
        assert PLAN_ROUNDING.search(claim), claim
    assert not PLAN_ROUNDING.search("1,225 mg is 24.5 units before rounding and 25 under the medicare rule.")


def test_every_commercial_section_links_the_commercial_topic() -> None:
    for path in GUIDES:
        section = next(s for s in loaded(path).sections if s.title == COMMERCIAL)
        assert "(../topics/billing-a-commercial-plan.md)" in section.markdown, path.name


# --- repetition ---------------------------------------------------------------------------------
def test_few_sentences_are_shared_by_three_or_more_guides() -> None:
    assert len(shared_sentences(CONTENT)) <= MAX_SHARED_SENTENCES, shared_sentences(CONTENT)


def test_the_shared_sentence_count_finds_a_planted_repeat(tmp_path: Path) -> None:
    codes = tmp_path / "content" / "codes"
    codes.mkdir(parents=True)
    planted = "KX under the transplant-date rule: [KX](../topics/kx.md)."
    for code in ("J7500", "J7502", "J7503"):
        (codes / f"{code}.md").write_text(
            f"---\ncode: {code}\n---\n\n## Definition\n\n{code} is its own. {planted}\n", encoding="utf-8"
        )
    assert shared_sentences(tmp_path / "content") == {
        "kx under the transplant-date rule: [kx].": ("J7500", "J7502", "J7503")
    }
