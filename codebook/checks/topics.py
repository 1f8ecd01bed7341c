"""The rule table of a topic page (content/topics/<slug>.md): the code pages' own field, source and
body rules where they apply, against the topic schema, plus what only a topic has (its slug and
free sections). Links between pages are checked once the set of topics is known (topics.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from ..diagnostics import Diagnostic
from ..schema import TOPIC_FIELDS, slugify
from . import body, crosswalk, fields, sections
from .context import FileContext, Rule

RESERVED_SLUGS = frozenset({"index"})  # topics/index.html lists the topics


def topic_fields(ctx: FileContext) -> Iterator[Diagnostic]:
    yield from fields.fields_of(ctx, TOPIC_FIELDS)


def topic_slug(ctx: FileContext) -> Iterator[Diagnostic]:
    """The file name is the page's address: lower case words joined by hyphens, not 'index'."""
    stem = Path(ctx.file.path).stem
    slug = slugify(stem)
    if slug in RESERVED_SLUGS:
        yield ctx.problem(
            1,
            f"the topic file name '{stem}.md' is taken: topics/{slug}.html is the list of topics",
            "name it after its subject, in lower-case words joined by hyphens, e.g. jw-and-jz.md",
        )
    elif stem != slug:
        yield ctx.problem(
            1,
            f"the topic file name '{stem}.md' is not a usable address",
            f"name it with lower-case words joined by hyphens, e.g. {slug or 'jw-and-jz'}.md",
        )


def topic_sections(ctx: FileContext) -> Iterator[Diagnostic]:
    """A topic has at least one `## ` section; none empty, none twice (their ids would clash)."""
    if not ctx.file.sections:
        yield ctx.problem(1, "the topic has no '## ' section", "write its text under '## Heading' lines")
    seen: set[str] = set()
    for section in ctx.file.sections:
        if section.slug in seen:
            yield ctx.problem(section.line, f"section '{section.title}' appears twice", "merge the two")
        elif not section.markdown.strip():
            yield ctx.problem(section.line, f"section '{section.title}' is empty", "write it or delete it")
        seen.add(section.slug)


TOPIC_RULES: tuple[Rule, ...] = (
    Rule("topic-fields", topic_fields, "schema"),
    Rule("control-characters", fields.control_characters, "schema"),
    Rule("sources", fields.sources, "page"),
    Rule("review-age", fields.review_age, "page"),
    Rule("topic-slug", topic_slug),
    Rule("stray-text", sections.stray_text),
    Rule("topic-sections", topic_sections),
    *body.RULES,
    *crosswalk.RULES,
)
