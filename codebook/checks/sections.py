"""Rules on the `## Section` structure of a body: known titles, each once, in order, none missing,
none empty, no text outside a section and no writing hint left by `new`."""

from __future__ import annotations

import difflib
import itertools
from collections.abc import Iterator

from ..diagnostics import Diagnostic
from ..schema import HINT_PREFIX, REQUIRED_SECTIONS, SECTIONS, SECTIONS_BY_TITLE
from .context import FileContext, Rule


def stray_text(ctx: FileContext) -> Iterator[Diagnostic]:
    for line in ctx.file.stray_lines:
        yield ctx.problem(
            line,
            "text outside a section (or a '# ' heading)",
            "put all text under a '## Section' heading; the page title comes from front matter",
        )


def known_sections(ctx: FileContext) -> Iterator[Diagnostic]:
    """Each section has a title of the schema, appears once and has text."""
    seen: set[str] = set()
    for section in ctx.file.sections:
        if section.title not in SECTIONS_BY_TITLE:
            yield ctx.problem(section.line, f"unknown section '{section.title}'", _section_fix(section.title))
        elif section.title in seen:
            yield ctx.problem(
                section.line, f"section '{section.title}' appears twice", "merge the two sections"
            )
        elif not section.markdown.strip():
            yield ctx.problem(
                section.line,
                f"section '{section.title}' is empty",
                f"write it: {SECTIONS_BY_TITLE[section.title].hint}",
            )
        seen.add(section.title)


def required_sections(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every required section is there (reported at the last heading, where it would go)."""
    sections = ctx.file.sections
    titles = {s.title for s in sections}
    end_line = sections[-1].line if sections else 1
    for spec in REQUIRED_SECTIONS:
        if spec.title not in titles:
            yield ctx.problem(
                end_line,
                f"required section '{spec.title}' is missing",
                f"add '## {spec.title}' ({spec.hint})",
            )


def section_order(ctx: FileContext) -> Iterator[Diagnostic]:
    order = [s.title for s in SECTIONS]
    known = [s for s in ctx.file.sections if s.title in SECTIONS_BY_TITLE]
    for before, after in itertools.pairwise(known):
        if order.index(after.title) < order.index(before.title):
            yield ctx.problem(
                after.line,
                f"section '{after.title}' comes after '{before.title}'",
                f"move it; the order is: {', '.join(s.title for s in REQUIRED_SECTIONS)}",
            )


def writing_hints(ctx: FileContext) -> Iterator[Diagnostic]:
    """Hints written by `new` must be replaced before a page is published."""
    for section in ctx.file.sections:
        for offset, text in enumerate(section.markdown.split("\n"), start=1):
            if text.lstrip().startswith(HINT_PREFIX):
                yield ctx.problem(
                    section.line + offset,
                    f"section '{section.title}' still holds the writing hint",
                    f"replace the line starting '{HINT_PREFIX}' with your own text",
                )


def _section_fix(title: str) -> str:
    close = difflib.get_close_matches(title, list(SECTIONS_BY_TITLE), n=1, cutoff=0.6)
    if close:
        return f"did you mean '## {close[0]}'?"
    return f"use one of: {', '.join(SECTIONS_BY_TITLE)}"


RULES = (
    Rule("stray-text", stray_text),
    Rule("known-sections", known_sections),
    Rule("required-sections", required_sections),
    Rule("section-order", section_order),
    Rule("section-hints", writing_hints),
)
