"""Links written in a page body, in one place: how they are spelled, found and read.

Two spellings reach another code page: the short `[[J7517]]` (or `[[J7517#billing-units]]` for a
section) and an ordinary Markdown link to the other content file, `[tacrolimus](J7517.md)`, which
also works in a Markdown preview of the content folder. `[[KX]]` links a modifier to the glossary.
Every one is found here with its line, checked by `validate` and resolved by `markdown`.
"""

from __future__ import annotations

import re

from .model import Reference

REFERENCE = re.compile(r"\[\[([^\[\]\n]{1,40})\]\]")
INLINE_CODE = re.compile(r"(`+)[^`]*?\1")
# `](destination "title")` of an inline link, and `[label]: destination` of a link definition.
INLINE_LINK = re.compile(r"\]\(\s*<?([^\s()<>]+)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)")
LINK_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s*<?([^\s<>]+)>?")
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CODE_FILE = re.compile(r"^(?:\./)?([A-Z][0-9]{4})\.md(?:#([A-Za-z0-9_-]+))?$")
SAME_PAGE = re.compile(r"^#([A-Za-z0-9_-]+)$")


def references_in(text: str, line: int, section: str) -> list[Reference]:
    """Every [[...]] and every Markdown link that stays inside the site, on one line of a body."""
    visible = INLINE_CODE.sub("", text)
    found = [_short_reference(m.group(1), line, section) for m in REFERENCE.finditer(visible)]
    for pattern in (INLINE_LINK, LINK_DEFINITION):
        for match in pattern.finditer(visible):
            destination = match.group(1)
            if not is_outbound(destination):
                found.append(_link_reference(destination, line, section))
    return found


def is_outbound(destination: str) -> bool:
    """A link to another site (or mail): the author's choice, not a page of ours to check."""
    return bool(SCHEME.match(destination)) or destination.startswith("//")


def split_short_target(raw: str) -> tuple[str, str]:
    """'J7517#billing-units' -> ('J7517', 'billing-units')."""
    target, _, anchor = raw.strip().partition("#")
    return target.strip(), anchor.strip()


def page_link(destination: str) -> tuple[str, str] | None:
    """(code, anchor) for 'J7517.md#sources', ('', anchor) for '#sources'; None for anything else."""
    match = CODE_FILE.match(destination)
    if match:
        return match.group(1), match.group(2) or ""
    match = SAME_PAGE.match(destination)
    if match:
        return "", match.group(1)
    return None


def _short_reference(raw: str, line: int, section: str) -> Reference:
    target, anchor = split_short_target(raw)
    return Reference(target, line, section, anchor)


def _link_reference(destination: str, line: int, section: str) -> Reference:
    """A Markdown link inside the site; an unreadable one keeps its text so validate can name it."""
    parsed = page_link(destination)
    target, anchor = parsed if parsed else (destination, "")
    return Reference(target, line, section, anchor, link=destination)
