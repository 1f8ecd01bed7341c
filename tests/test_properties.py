"""Property-based tests (Hypothesis): the front-matter splitter and link resolution hold for any input,
not only for the examples someone thought of.

No deadlines (no timed assertions); a fixed example budget keeps the run short.
"""

from __future__ import annotations

import posixpath
import string
from types import SimpleNamespace
from urllib.parse import urljoin, urlsplit

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codebook.load import parse_document, split_sections
from codebook.markdown import make_markdown, render_markdown
from codebook.render import reference_resolver
from codebook.urls import code_path

from .helpers import REFERENCE
from .test_injection import injection_problems

SETTINGS = settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.too_slow])
SHOWN = "content/codes/J7500.md"

# --- the front-matter splitter -----------------------------------------------------------------
keys = st.text(string.ascii_lowercase + "_", min_size=1, max_size=12).filter(lambda k: not k.startswith("_"))
plain_text = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\ufeff\x85"),
    max_size=40,
)
values = st.one_of(
    plain_text,
    st.integers(-(10**6), 10**6),
    st.dates(),
    st.lists(plain_text, max_size=4),
    st.booleans(),
)
front_matter = st.dictionaries(keys, values, min_size=1, max_size=8)
titles = st.sampled_from(["Definition", "Clinical Context", "FAQ", "Similar Codes"])
bodies = st.lists(st.tuples(titles, st.text(string.ascii_letters + " .,\n", max_size=60)), max_size=4)


def document(data: dict, sections: list[tuple[str, str]]) -> str:
    dumped = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    body = "".join(f"## {title}\n\n{text}\n\n" for title, text in sections)
    return f"---\n{dumped}---\n\n{body}"


@SETTINGS
@given(front_matter, bodies)
def test_front_matter_round_trips_with_the_line_of_every_key(data: dict, sections: list) -> None:
    text = document(data, sections)
    loaded, problems = parse_document(text, SHOWN)
    assert problems == []
    assert loaded is not None and loaded.data == data
    lines = text.split("\n")
    for key in data:
        assert lines[loaded.lines[key] - 1].startswith((f"{key}:", f"'{key}':")), key


@SETTINGS
@given(front_matter, bodies)
def test_sections_point_at_their_headings(data: dict, sections: list) -> None:
    text = document(data, sections)
    loaded, _ = parse_document(text, SHOWN)
    lines = text.split("\n")
    assert [s.title for s in loaded.sections] == [title for title, _ in sections]
    for section in loaded.sections:
        assert lines[section.line - 1] == f"## {section.title}"


# Text made of the pieces that trip splitters: fences, separators, tabs, colons, anchors, tags.
tricky = st.lists(
    st.sampled_from(
        [
            "---",
            "...",
            "\n",
            "\t",
            " ",
            ":",
            "- ",
            "key",
            "title",
            "&a",
            "*a",
            "!!python/name:x",
            "[",
            "]",
            "{",
            "}",
            "'",
            '"',
            "#",
            "## Definition",
            "```",
            "\r",
            "\ufeff",
            "é",
            "2026-02-30",
            "|",
            ">",
        ]
    ),
    max_size=40,
).map("".join)


@SETTINGS
@given(st.one_of(tricky, st.text(max_size=200)))
def test_any_text_gives_diagnostics_never_an_exception(text: str) -> None:
    loaded, problems = parse_document(text, SHOWN)
    line_count = text.count("\n") + 1
    for problem in problems:
        assert 1 <= problem.line <= line_count, problem
        assert problem.path == SHOWN and problem.message and problem.fix
    assert loaded is not None or problems, "a refused file must say why"


# --- link resolution ----------------------------------------------------------------------------
CODES = sorted(REFERENCE.codes)[:2000]
MODIFIERS = sorted(REFERENCE.modifiers)
FOLDERS = {"": 0, "codes/": 1, "categories/": 1, "families/": 1}


def fake_site(codes: list[str]) -> SimpleNamespace:
    reference = SimpleNamespace(modifiers=REFERENCE.modifiers)
    return SimpleNamespace(views=dict.fromkeys(codes), reference=reference)


@SETTINGS
@given(
    st.lists(st.sampled_from(CODES), min_size=1, max_size=20, unique=True),
    st.sampled_from(sorted(FOLDERS)),
)
def test_code_references_resolve_to_the_code_page_from_any_folder(pages: list[str], folder: str) -> None:
    resolve = reference_resolver("../" * FOLDERS[folder], fake_site(pages))
    here = f"{folder}page.html"
    for code in pages:
        href = resolve(code)
        assert not href.startswith("/") and href.endswith(".html")
        assert posixpath.normpath(posixpath.join(posixpath.dirname(here), href)) == code_path(code)
        # …and a browser resolving it against any base (domain root, /kb/ sub-path) agrees.
        for base in ("https://example.org/", "https://example.org/kb/", "file:///srv/site/"):
            assert urljoin(base + here, href) == base + code_path(code)


@SETTINGS
@given(st.sampled_from(MODIFIERS), st.sampled_from(sorted(FOLDERS)))
def test_modifier_references_resolve_to_their_anchor(modifier: str, folder: str) -> None:
    href = reference_resolver("../" * FOLDERS[folder], fake_site([]))(modifier)
    parts = urlsplit(href)
    assert posixpath.normpath(posixpath.join(folder or ".", parts.path)) == "modifiers.html"
    assert parts.fragment == modifier


@SETTINGS
@given(st.text(max_size=12), st.lists(st.sampled_from(CODES), max_size=5, unique=True))
def test_unknown_targets_resolve_to_nothing(target: str, pages: list[str]) -> None:
    if target in pages or target in REFERENCE.modifiers:
        return
    assert reference_resolver("../", fake_site(pages))(target) == ""


# --- Markdown never turns author text into markup -----------------------------------------------
markup_soup = st.lists(
    st.sampled_from(
        [
            "<",
            ">",
            "</",
            "script",
            "img",
            "svg",
            " src=",
            " onerror=",
            "onload",
            "javascript:",
            "JaVaScRiPt:",
            "&#106;",
            "&lt;",
            "[",
            "](",
            ")",
            "![",
            "<http://",
            "`",
            "'",
            '"',
            "=",
            "alert(1)",
            "\n",
            " ",
            "*",
            "\\",
            "[[J7500]]",
            "[[KX]]",
            "data:text/html,",
            "//evil.example",
        ]
    ),
    max_size=50,
).map("".join)


@SETTINGS
@given(markup_soup)
def test_rendered_markdown_is_always_inert(text: str) -> None:
    resolve = reference_resolver("../", fake_site(["J7500"]))
    html = render_markdown(make_markdown(), text, resolve)
    assert injection_problems(f"<html><body>{html}</body></html>") == [], html
    assert 'href=""' not in html, html  # every link in output names a file (or a section)
    _, links, _, _ = split_sections(f"## Definition\n{text}".split("\n"), first_line=10)
    for link in links:
        assert 11 <= link.line <= 11 + text.count("\n"), link
        assert link.kind != "page" or link.target or link.anchor, link
