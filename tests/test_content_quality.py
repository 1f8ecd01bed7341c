"""Content rules for the written guides: original prose per page, facts tied to the reference."""

from __future__ import annotations

import itertools
import re
from collections import defaultdict

from codebook.load import load_file
from codebook.schema import REQUIRED_SECTIONS

from .helpers import CONTENT, REFERENCE

FILES = sorted((CONTENT / "codes").glob("*.md"))
MARKUP = re.compile(r"\[\[([^\]]+)\]\]|[*_`#>|]")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
MIN_WORDS = 12
MAX_PAGES = 2


def sentences(markdown: str) -> list[str]:
    text = MARKUP.sub(lambda m: m.group(1) or " ", markdown)
    text = re.sub(r"^\s*[-+]\s+|^\s*\d+\.\s+", " ", text, flags=re.M)
    return [" ".join(s.split()).lower() for s in SENTENCE_END.split(" ".join(text.split()))]


def test_no_long_sentence_is_reused_on_more_than_two_pages() -> None:
    pages_by_sentence: dict[str, set[str]] = defaultdict(set)
    for path in FILES:
        loaded, problems = load_file(path)
        assert loaded is not None and not problems
        for section in loaded.sections:
            for sentence in sentences(section.markdown):
                if len(sentence.split()) >= MIN_WORDS:
                    pages_by_sentence[sentence].add(path.stem)
    reused = {s: sorted(p) for s, p in pages_by_sentence.items() if len(p) > MAX_PAGES}
    assert reused == {}


def test_sentence_splitter_finds_a_planted_repeat() -> None:
    planted = "This sentence has exactly twelve words in it for the boilerplate check."
    found = sentences(f"Intro. {planted} Outro **bold** [[J7507]] words.")
    assert planted.lower() in found


def test_every_reference_code_in_the_family_has_a_page() -> None:
    family = {code for code in REFERENCE.codes if code.startswith("J75")}
    assert {p.stem for p in FILES} == family


def test_every_page_cites_the_cms_file_and_has_required_sections() -> None:
    for path in FILES:
        loaded, _ = load_file(path)
        titles = [s.title for s in loaded.sections]
        assert all(spec.title in titles for spec in REQUIRED_SECTIONS), path
        files = [s.get("file", "") for s in loaded.data["sources"]]
        assert any(f.startswith("content/reference/hcpcs_") for f in files), path


# --- paragraph level: word-shingle overlap between sections -------------------------------------
SHINGLE_WORDS = 5
MIN_SHINGLES = 40
MAX_SHARED = 0.3
LINK_TARGET = re.compile(r"\]\([^)]*\)")
TOPIC_FILES = sorted((CONTENT / "topics").glob("*.md"))


def shingles(markdown: str) -> frozenset[tuple[str, ...]]:
    """The section's runs of SHINGLE_WORDS words (link targets dropped, link text kept)."""
    text = MARKUP.sub(lambda m: m.group(1) or " ", LINK_TARGET.sub("] ", markdown))
    found = re.findall(r"[a-z0-9]+", text.lower())
    return frozenset(tuple(found[i : i + SHINGLE_WORDS]) for i in range(len(found) - SHINGLE_WORDS + 1))


def shared(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """The share of the smaller section's shingles that the other section also has."""
    return len(a & b) / min(len(a), len(b))


def sections_of(paths: list) -> list[tuple[str, str, frozenset[tuple[str, ...]]]]:
    """(page, section title, shingles) of every section long enough to be an explanation."""
    found = []
    for path in paths:
        loaded, _ = load_file(path)
        assert loaded is not None
        for section in loaded.sections:
            runs = shingles(section.markdown)
            if len(runs) >= MIN_SHINGLES:
                found.append((path.stem, section.title, runs))
    return found


def overlapping(sections: list, others: list | None = None) -> list[tuple[str, str, str, float]]:
    pairs = itertools.combinations(sections, 2) if others is None else itertools.product(sections, others)
    return sorted(
        (a[0], b[0], a[1], round(shared(a[2], b[2]), 2))
        for a, b in pairs
        if a[0] != b[0] and (others is not None or a[1] == b[1]) and shared(a[2], b[2]) >= MAX_SHARED
    )


def test_no_two_pages_share_much_of_a_section() -> None:
    """Shared explanations live on topic pages, so no section of a code page repeats a large part
    of the same section on another code page, nor any section of a topic page.

    Measure: runs of five words (link targets dropped). Sections under 40 runs (about 45 words) are
    left out: they are pointers ("[[KX]] under the transplant-date rule: [topic]", "Not on this
    line: [[JW]], [[JZ]]"), identical by design once the explanation lives in one place. Threshold:
    under 30% of the smaller section's runs may appear in the other. Code pages of one family state
    their own numbers in common phrasing ("… is billed as 3 units", CMS descriptor quotations), which
    measured at most 21% between any two content v2 pages; one pasted paragraph of a shared
    explanation makes up a third or more of a 45–150 word section and crosses the line.
    """
    code_sections = sections_of(FILES)
    assert overlapping(code_sections) == []
    assert overlapping(code_sections, sections_of(TOPIC_FILES)) == []


def test_shingle_overlap_finds_a_pasted_paragraph() -> None:
    """The measure can fail: a paragraph of a topic pasted under a page's own text crosses it."""
    topic, _ = load_file(CONTENT / "topics" / "jw-and-jz.md")
    pasted = topic.sections[1].markdown
    own = "J7501 is billed per 100 mg; a 150 mg dose is 2 units and a 250 mg dose is 3 units. " * 2
    page = [("J7501", "Common Modifiers", shingles(own + pasted))]
    assert overlapping(page, [("jw-and-jz", "JW", shingles(pasted))]) != []
