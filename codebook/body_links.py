"""Links written in a page body, in one place: how they are spelled, found and read.

Two spellings reach another code page: the short `[[J7517]]` (or `[[J7517#billing-units]]` for a
section) and an ordinary Markdown link to the other content file, `[tacrolimus](J7517.md)`, which
also works in a Markdown preview of the content folder. `[[KX]]` links a modifier to the glossary,
`[text](#billing-units)` a section of the same page. A topic page (content/topics/<slug>.md) is
reached by `[[topic:jw-and-jz]]` or `[text](../topics/jw-and-jz.md)`; `[text](../codes/J7517.md)`
also reaches a code page (the form that previews right from a topic file). Every link is found
once, by load, from markdown-it's own tokens (exactly what would become an <a>), with the line
from the token's `.map`; `validate` checks them and `markdown` resolves them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .model import BodyLink

SHORT_LINK = re.compile(r"\[\[([^\[\]\n]{1,40})\]\]")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CODE_FILE = re.compile(r"^(?:\./|\.\./codes/)?([A-Z][0-9]{4})\.md(?:#([A-Za-z0-9_-]+))?$")
TOPIC_FILE = re.compile(r"^\.\./topics/([a-z0-9]+(?:-[a-z0-9]+)*)\.md(?:#([A-Za-z0-9_-]+))?$")
TOPIC_PREFIX = "topic:"  # a topic's target, as `[[topic:<slug>]]` writes it
SAME_PAGE = re.compile(r"^#([A-Za-z0-9_-]+)$")


def is_outbound(destination: str) -> bool:
    """A link to another site (or mail): the author's choice, not a page of ours to check."""
    return bool(SCHEME.match(destination)) or destination.startswith("//")


def split_short_target(raw: str) -> tuple[str, str]:
    """'J7517#billing-units' -> ('J7517', 'billing-units')."""
    target, _, anchor = raw.strip().partition("#")
    return target.strip(), anchor.strip()


def topic_slug(target: str) -> str:
    """'jw-and-jz' for the target 'topic:jw-and-jz'; '' for a code, a modifier or anything else."""
    return target[len(TOPIC_PREFIX) :] if target.startswith(TOPIC_PREFIX) else ""


def link_kind(target: str) -> str:
    return "topic" if topic_slug(target) else "page"


def page_link(destination: str) -> tuple[str, str] | None:
    """(code, anchor) for 'J7517.md#sources', ('topic:slug', anchor) for '../topics/slug.md',
    ('', anchor) for '#sources'; None for anything else."""
    match = CODE_FILE.match(destination) or TOPIC_FILE.match(destination)
    if match:
        prefix = TOPIC_PREFIX if match.re is TOPIC_FILE else ""
        return prefix + match.group(1), match.group(2) or ""
    match = SAME_PAGE.match(destination)
    if match:
        return "", match.group(1)
    return None


def body_links_in(blocks: list[Any], first_line: int, section: str) -> Iterator[BodyLink]:
    """Every link of one parsed section body; `first_line` is the file line of the body's line 0.

    A link's line is its block's first line plus the line breaks before it in the block.
    """
    for block in blocks:
        if block.type != "inline" or not block.children or block.map is None:
            continue
        line = first_line + block.map[0]
        for token in block.children:
            if token.type in ("softbreak", "hardbreak"):
                line += 1
            elif token.type == "code_reference":
                target = token.meta["target"]
                yield BodyLink(target, line, section, token.meta["anchor"], kind=link_kind(target))
            elif token.type == "link_open":
                yield _markdown_link(str(token.attrGet("href") or ""), line, section)


def _markdown_link(destination: str, line: int, section: str) -> BodyLink:
    """A Markdown link; one that names no page of ours keeps only what it says, for the message."""
    if is_outbound(destination):
        return BodyLink("", line, section, link=destination, kind="outbound")
    parsed = page_link(destination)
    if parsed is None:
        return BodyLink("", line, section, link=destination, kind="unreadable")
    return BodyLink(parsed[0], line, section, parsed[1], link=destination, kind=link_kind(parsed[0]))
