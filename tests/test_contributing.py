"""CONTRIBUTING.md stays true: it names every field and section, and quotes the real messages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from codebook.build import BuildOptions, build
from codebook.diagnostics import ContentError
from codebook.schema import FIELDS, HINT_PREFIX, SECTIONS

from .helpers import ROOT, make_content, valid_page, valid_trio

GUIDE = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def test_names_every_field_and_section_and_command() -> None:
    for spec in FIELDS:
        assert f"`{spec.name}`" in GUIDE, spec.name
    for spec in SECTIONS:
        assert f"`## {spec.title}`" in GUIDE, spec.title
    for command in ("python build.py new", "python build.py check", "python build.py serve"):
        assert command in GUIDE


def mutate(content: Path, code: str, pattern: str, replacement: str) -> None:
    page = content / "codes" / f"{code}.md"
    if not page.exists():
        page.write_text(valid_page(code), encoding="utf-8")
        return
    text = page.read_text(encoding="utf-8")
    changed = re.sub(pattern, replacement, text, count=1, flags=re.M)
    assert changed != text
    page.write_text(changed, encoding="utf-8")


def codes_generic(text: str) -> str:
    """The guide's examples may use other codes than the test pages."""
    return re.sub(r"\b[A-V][0-9]{4}\b", "CODE", text)


# (page, line to change, replacement, the message the guide must quote)
COMMON_ERRORS = [
    (
        "J7500",
        "^Original text about clinical context.*$",
        f"{HINT_PREFIX} write it",
        "still holds the writing hint",
    ),
    ("J7500", "^descriptor: .*$", "descriptor: Azathioprine, oral, 100 mg", "'descriptor' does not match"),
    ("J7502", "", "", "does not list CODE back as similar"),  # a new page whose similar codes ignore it
    ("J7500", "^title: .*$", "title: Azathioprine: oral tablets", "the front matter is not valid YAML"),
    ("J7500", "^## Clinical Context$", "## Clinical context", "unknown section 'Clinical context'"),
    (
        "J7500",
        "^Original text about common modifiers",
        "Add KX when the date is on file.",
        "without linking it",
    ),
]


@pytest.mark.parametrize("case", COMMON_ERRORS, ids=[c[3] for c in COMMON_ERRORS])
def test_quotes_the_messages_authors_see(tmp_path: Path, case: tuple[str, str, str, str]) -> None:
    content = make_content(tmp_path, valid_trio())
    code, pattern, replacement, fragment = case
    mutate(content, code, pattern, replacement)
    with pytest.raises(ContentError) as failure:
        build(BuildOptions(content=content, write=False))
    guide = codes_generic(GUIDE)
    matching = [p for p in failure.value.errors if fragment in codes_generic(p.message)]
    assert matching, [p.format() for p in failure.value.errors]
    for problem in matching:  # the whole message, and the fix unless it names a file of this test
        quoted = f"{problem.message} — {problem.fix}" if "/" not in problem.fix else problem.message
        assert codes_generic(quoted) in guide, quoted
