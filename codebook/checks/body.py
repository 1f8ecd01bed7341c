"""Rules on the text of a body: its links (each found once, by load, from markdown-it's tokens),
the modifiers it names, and characters that must never reach a page or a terminal."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..body_links import SHORT_LINK
from ..diagnostics import Diagnostic
from ..model import BodyLink
from ..schema import CODE_PATTERN, CONTROL_CHARACTER, MODIFIER_PATTERN
from .context import FileContext, Rule

NAMED_MODIFIER = re.compile(r"\b[Mm]odifiers? ([A-Z0-9]{2})\b")
MODIFIER_TOKEN = re.compile(r"\b([A-Z]{2})\b")
PAGE_LINK_FIX = (
    "link another code as [text](J7517.md) or [[J7517]], a topic as [text](../topics/jw-and-jz.md) "
    "or [[topic:jw-and-jz]], a section of this page as [text](#billing-units); "
    "cite other sites under 'sources:' in the front matter"
)


def outbound_links(ctx: FileContext) -> Iterator[Diagnostic]:
    """Other sites are cited once, in 'sources' (shown with their dates), never linked from the text."""
    for link in ctx.file.body_links:
        if link.kind == "outbound":
            yield ctx.problem(
                link.line,
                f"the text links to another site ({link.link})",
                "cite it under 'sources:' in the front matter (title, url, date) instead",
            )


def link_forms(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every link names a page, a modifier or a section; whether that exists is the site's to say."""
    for link in ctx.file.body_links:
        if link.kind == "unreadable":
            yield _unreadable_link(ctx, link)
        elif link.link or not link.target or link.kind == "topic":
            continue  # [text](J7517.md), [text](#section), [[topic:…]]: its form is right
        elif MODIFIER_PATTERN.match(link.target):
            yield from _modifier_link(ctx, link)
        elif not CODE_PATTERN.match(link.target):
            yield ctx.problem(
                link.line,
                f"[[{link.target}]] is neither a code nor a modifier",
                "write a code like [[J7517]] or a modifier like [[KX]]",
            )


def _unreadable_link(ctx: FileContext, link: BodyLink) -> Diagnostic:
    if not link.link:
        return ctx.problem(link.line, "a link has no destination (written '[text]()')", PAGE_LINK_FIX)
    return ctx.problem(link.line, f"link ({link.link}) does not point at a code page", PAGE_LINK_FIX)


def _modifier_link(ctx: FileContext, link: BodyLink) -> Iterator[Diagnostic]:
    if link.anchor:
        yield ctx.problem(
            link.line,
            f"[[{link.target}#{link.anchor}]] points into a modifier",
            f"write [[{link.target}]]; modifiers have one entry each in the glossary",
        )
    if link.target not in ctx.reference.modifiers:
        yield ctx.problem(
            link.line,
            f"modifier [[{link.target}]] is not in the modifier glossary",
            "use a modifier from content/reference/modifiers.csv or add it there, with a source",
        )


def modifier_mentions(ctx: FileContext) -> Iterator[Diagnostic]:
    """Modifiers named in prose must exist, and Common Modifiers links each one it names."""
    glossary = ctx.reference.modifiers
    for section in ctx.file.sections:
        named_here: dict[str, int] = {}
        listing = section.title == "Common Modifiers"  # the one section whose tokens must be links
        if not listing and "odifier" not in section.markdown:
            continue  # no line of it can say "modifier XX" (most sections: skipped for speed)
        for offset, text in enumerate(section.markdown.split("\n"), start=1):
            plain = SHORT_LINK.sub("", text)
            for match in NAMED_MODIFIER.finditer(plain):
                if match.group(1) not in glossary:
                    yield ctx.problem(
                        section.line + offset,
                        f"modifier {match.group(1)} is not in the glossary",
                        "check the modifier, or add it to content/reference/modifiers.csv with a source",
                    )
            for token in MODIFIER_TOKEN.findall(plain) if listing else ():
                if token in glossary:
                    named_here.setdefault(token, section.line + offset)
        if not listing:
            continue
        linked = {link.target for link in ctx.file.body_links if link.section == section.title}
        for token, line in sorted(named_here.items()):
            if token not in linked:
                yield ctx.problem(
                    line,
                    f"Common Modifiers names {token} without linking it",
                    f"write it as [[{token}]] at least once in this section",
                )


def body_control_characters(ctx: FileContext) -> Iterator[Diagnostic]:
    """A control character in the text would reach the page, the search index and terminals."""
    for section in ctx.file.sections:
        for offset, text in enumerate(section.markdown.split("\n"), start=1):
            found = CONTROL_CHARACTER.search(text)
            if found:
                yield ctx.problem(
                    section.line + offset,
                    f"section '{section.title}' holds the control character U+{ord(found.group()):04X}",
                    "delete it (it is invisible in most editors: retype the line); "
                    "only tabs and line breaks may be in the text",
                )


RULES = (
    Rule("body-control-characters", body_control_characters),
    Rule("outbound-links", outbound_links),
    Rule("link-forms", link_forms),
    Rule("modifier-mentions", modifier_mentions),
)
