"""Topic pages (content/topics/<slug>.md): checked like code pages, built with the site's layout,
linked both ways, searchable and in the sitemap. Inline mini-sites, built in-process."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.build import BuildOptions, build
from codebook.diagnostics import ContentError
from codebook.search.records import search_records

from .helpers import REFERENCE, make_content, valid_page, valid_trio

TOPIC = """---
title: JW and JZ
summary: When a drug line needs JW or JZ.
purpose: Read before putting JW or JZ on a line.
sources:
  - title: CMS HCPCS Level II file, January 2026 release
    file: content/reference/hcpcs_j75xx.csv
    date: 2026-01-12
reviewed: 2026-11-23
---

## Discarded drug

A line for the discarded amount, as [[J7500]] shows. See [below](#no-waste).

## No waste

Nothing discarded.
"""
LINK_LINE = "See [the modifiers](../topics/jw-and-jz.md#no-waste) and [[topic:jw-and-jz]]."


def site(tmp_path: Path, topics: dict[str, str], extra: str = LINK_LINE) -> BuildOptions:
    files = {**valid_trio(), "J7500.md": valid_page("J7500", extra)}
    content = make_content(tmp_path, files)
    (content / "topics").mkdir()
    for name, text in topics.items():
        (content / "topics" / name).write_text(text, encoding="utf-8")
    return BuildOptions(
        content=content, out=tmp_path / "_site", base_url="https://example.org/r/", cache=None
    )


def messages(options: BuildOptions) -> list[tuple[str, int, str]]:
    with pytest.raises(ContentError) as raised:
        build(options)
    return [(Path(p.path).name, p.line, p.message) for p in raised.value.diagnostics]


def test_a_topic_is_built_linked_both_ways_searchable_and_in_the_sitemap(tmp_path: Path) -> None:
    result = build(site(tmp_path, {"jw-and-jz.md": TOPIC}))
    files = {f.path: f.content.decode() for f in result.files}
    topic = files["topics/jw-and-jz.html"]
    assert "<h1>JW and JZ</h1>" in topic and '<section id="no-waste">' in topic
    assert 'href="../codes/J7500.html"' in topic  # its code link, and J7500 under Codes That Link Here
    assert 'href="#no-waste"' in topic
    code = files["codes/J7500.html"]
    assert 'href="../topics/jw-and-jz.html#no-waste"' in code
    assert 'href="../topics/jw-and-jz.html" class="ref">jw and jz</a>' in code
    assert 'href="topics/index.html">Topics</a>' in files["index.html"]
    assert 'href="../topics/jw-and-jz.html">JW and JZ</a>' in files["topics/index.html"]
    assert "https://example.org/r/topics/jw-and-jz.html" in files["sitemap.xml"]
    records = search_records(result.search.documents, REFERENCE.codes, REFERENCE.brands)
    topic_records = [r for r in records if r.path == "topics/jw-and-jz.html"]
    assert [(r.title, r.headings) for r in topic_records] == [("JW and JZ", ("Discarded drug", "No waste"))]


def test_a_link_to_a_missing_topic_or_section_is_an_error_at_its_line(tmp_path: Path) -> None:
    extra = "See [[topic:units]] and\n[x](../topics/jw-and-jz.md#nowhere)."
    found = [m for m in messages(site(tmp_path, {"jw-and-jz.md": TOPIC}, extra)) if "topic" in m[2]]
    assert found[:2] == [
        ("J7500.md", 32, "[[topic:units]] links to a topic that has no page"),
        (
            "J7500.md",
            33,
            "(../topics/jw-and-jz.md#nowhere) points at section '#nowhere', which JW and JZ does not have",
        ),
    ]


def test_a_topic_with_an_unknown_field_a_bad_link_and_no_sections_reports_each(tmp_path: Path) -> None:
    misspelt = TOPIC.replace("reviewed:", "revieved: 2026-11-23\nreviewed:")
    empty = "---\ntitle: Units\nsummary: Units.\npurpose: Units.\nsources: []\nreviewed: 2026-11-23\n---\n"
    topics = {"jw-and-jz.md": TOPIC.replace("[[J7500]]", "[[J7599]]"), "kx.md": misspelt, "Units.md": empty}
    found = messages(site(tmp_path, topics, ""))
    assert ("kx.md", 9, "unknown field 'revieved'") in found
    assert ("jw-and-jz.md", 14, "[[J7599]] links to a code that has no page") in found
    assert ("Units.md", 1, "the topic file name 'Units.md' is not a usable address") in found
    assert ("Units.md", 1, "the topic has no '## ' section") in found


def with_rules(page: str, *slugs: str) -> str:
    """A valid page with a `rules:` list of `slugs` before its `similar:` list."""
    return page.replace("\nsimilar:\n", "\nrules:\n" + "".join(f"  - {s}\n" for s in slugs) + "similar:\n", 1)


def test_the_topic_index_shows_each_topics_one_line_purpose(tmp_path: Path) -> None:
    files = {f.path: f.content.decode() for f in build(site(tmp_path, {"jw-and-jz.md": TOPIC})).files}
    purpose = '<p class="topic-purpose">Read before putting JW or JZ on a line.</p>'
    assert purpose in files["topics/index.html"]


def test_a_missing_purpose_is_an_error(tmp_path: Path) -> None:
    topic = TOPIC.replace("purpose: Read before putting JW or JZ on a line.\n", "")
    assert ("jw-and-jz.md", 1, "required field 'purpose' is missing") in messages(
        site(tmp_path, {"jw-and-jz.md": topic})
    )


def test_a_guides_rules_are_listed_near_the_top_with_their_purpose_and_link_back(tmp_path: Path) -> None:
    options = site(tmp_path, {"jw-and-jz.md": TOPIC}, "")
    page = options.content / "codes" / "J7501.md"
    page.write_text(with_rules(page.read_text(encoding="utf-8"), "jw-and-jz"), encoding="utf-8")
    files = {f.path: f.content.decode() for f in build(options).files}
    code = files["codes/J7501.html"]
    rules = code.index('<h2 id="rules-that-apply">Rules that apply</h2>')
    # right below the first screen (summary and calculator), before the authored sections
    assert code.index('<div class="page-top">') < rules < code.index('<div class="page-layout">')
    assert (
        '<li><a href="../topics/jw-and-jz.html">JW and JZ</a>: Read before putting JW or JZ on a line.</li>'
        in code[rules:]
    )
    assert "rules-that-apply" not in files["codes/J7517.html"]  # no list, no empty box
    assert 'href="../codes/J7501.html"' in files["topics/jw-and-jz.html"]  # Codes That Link Here


def test_a_rule_that_names_no_topic_is_an_error_at_its_line(tmp_path: Path) -> None:
    options = site(tmp_path, {"jw-and-jz.md": TOPIC}, "")
    page = options.content / "codes" / "J7501.md"
    text = with_rules(page.read_text(encoding="utf-8"), "jw-and-jz", "units", "jw-and-jz")
    page.write_text(text, encoding="utf-8")
    line = text.split("\n").index("  - units") + 1
    found = [m for m in messages(options) if "'rules'" in m[2]]
    assert found == [
        ("J7501.md", line, "'rules' names 'units', which is not a topic page"),
        ("J7501.md", line + 1, "'rules' lists 'jw-and-jz' twice"),
    ]
