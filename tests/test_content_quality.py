"""Content rules for the written guides: original prose per page, facts tied to the reference."""

from __future__ import annotations

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
