"""Markdown → HTML for section bodies: CommonMark + tables, raw HTML off, links to other pages.

`[[J7517]]`, `[[J7517#sources]]` and `[text](J7517.md)` become links to the built pages (see
references.py); the build has already checked that each one names a page and section that exist.

Authors cannot inject markup: raw HTML is shown as text, markdown-it's link validation drops
javascript:/vbscript:/data: URLs, images are off (nothing is fetched at view time), and links to
other hosts open with rel="noopener noreferrer".
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from .references import REFERENCE, is_outbound, page_link, split_short_target

Resolver = Callable[[str], str]


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.inline.ruler.before("link", "code_reference", _code_reference_rule)
    md.core.ruler.push("demote_headings", _demote_headings)
    md.add_render_rule("link_open", _render_link_open)
    return md


def render_markdown(md: MarkdownIt, text: str, resolve: Resolver) -> str:
    """HTML for one section body; `resolve` maps a code or modifier to an href ('' when unknown)."""
    return md.render(text, {"resolve": resolve})


def _code_reference_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = REFERENCE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        target, anchor = split_short_target(match.group(1))
        href = _with_anchor(state.env["resolve"](target), anchor)
        if href:
            opener = state.push("link_open", "a", 1)
            opener.attrs = {"href": href, "class": "ref"}
            state.push("text", "", 0).content = target
            state.push("link_close", "a", -1)
        else:
            state.push("text", "", 0).content = target
    state.pos = match.end()
    return True


def _demote_headings(state: Any) -> None:
    """Section titles are the page's only <h2>s; headings inside a section start at <h3>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            token.tag = "h3"


def _render_link_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    if is_outbound(href):
        token.attrSet("rel", "noopener noreferrer")
        token.attrSet("target", "_blank")
    elif (parsed := page_link(href)) and parsed[0]:
        resolved = _with_anchor(env["resolve"](parsed[0]), parsed[1])
        if resolved:
            token.attrSet("href", resolved)
    return self.renderToken(tokens, idx, options, env)


def _with_anchor(href: str, anchor: str) -> str:
    return f"{href}#{anchor}" if href and anchor else href


@lru_cache(maxsize=1)
def _link_parser() -> MarkdownIt:
    return make_markdown()


LINK_SYNTAX = ("](", "]:", "<")


def link_destinations(text: str) -> Iterator[tuple[str, int]]:
    """Every Markdown link an author wrote, as (href, 0-based line in `text`), [[…]] excluded.

    Parsed with the renderer's own rules, so what is checked is exactly what would become an <a>.
    """
    if not any(mark in text for mark in LINK_SYNTAX):
        return  # most sections have no link syntax; skip parsing them
    lines = text.split("\n")
    for block in _link_parser().parse(text, {"resolve": lambda target: ""}):
        if block.type != "inline" or not block.children:
            continue
        first, last = block.map or (0, 1)
        for token in block.children:
            if token.type == "link_open":
                href = str(token.attrGet("href") or "")
                yield href, next((i for i in range(first, last) if href in lines[i]), first)
