"""Markdown → HTML for section bodies: CommonMark + tables, raw HTML off, links to other pages.

`[[J7517]]`, `[[J7517#sources]]` and `[text](J7517.md)` become links to the built pages (see
body_links.py); the build has already checked that each one names a page and section that exist.
Parsing needs no site: `[[…]]` is a `code_reference` token until render resolves it, so load parses
each body once (finding its links) with the same parser and rules that render uses.

Authors cannot inject markup: raw HTML is shown as text, markdown-it's link validation drops
javascript:/vbscript:/data: URLs, images are off (nothing is fetched at view time), and links to
other hosts open with rel="noopener noreferrer".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from .body_links import SHORT_LINK, is_outbound, page_link, split_short_target, topic_slug
from .model import Section

Resolver = Callable[[str], str]


def make_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
    md.enable("table")
    md.disable("image")
    md.inline.ruler.before("link", "code_reference", _code_reference_rule)
    md.core.ruler.push("demote_headings", _demote_headings)
    md.add_render_rule("link_open", _render_link_open)
    md.add_render_rule("link_close", _render_link_close)
    md.add_render_rule("code_reference", _render_code_reference)
    return md


def render_markdown(md: MarkdownIt, text: str, resolve: Resolver) -> str:
    """HTML for one piece of Markdown; `resolve` maps a code or modifier to an href ('' when unknown)."""
    return md.render(text, {"resolve": resolve})


def render_sections(md: MarkdownIt, sections: Sequence[Section], resolve: Resolver) -> list[str]:
    """HTML of each section's body, from one parse of the whole body: the same text and parser as
    load's, so the same tokens (a link definition in one section serves another in both)."""
    tokens = md.parse("".join(f"## {s.title}\n{s.markdown}" for s in sections))
    starts = [i for i, token in enumerate(tokens) if is_section_heading(token)]
    if len(starts) != len(sections):  # not from load (a title that is not a heading): one by one
        return [render_markdown(md, s.markdown, resolve) for s in sections]
    env = {"resolve": resolve}
    ends = [*starts[1:], len(tokens)]
    return [md.renderer.render(tokens[a + 3 : b], md.options, env) for a, b in zip(starts, ends, strict=True)]


def is_section_heading(token: Token) -> bool:
    """A top-level `## Title`: where load cuts the body into sections (its three tokens are
    heading_open, the title's inline token and heading_close)."""
    return token.type == "heading_open" and token.level == 0 and token.markup == "##"


def _code_reference_rule(state: StateInline, silent: bool) -> bool:
    if not state.src.startswith("[[", state.pos):
        return False
    match = SHORT_LINK.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        target, anchor = split_short_target(match.group(1))
        token = state.push("code_reference", "a", 0)
        token.meta = {"target": target, "anchor": anchor}
    state.pos = match.end()
    return True


def _render_code_reference(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    """A link to the code's page or the modifier's entry; the bare name when it has neither."""
    meta = tokens[idx].meta
    target = escapeHtml(topic_slug(meta["target"]).replace("-", " ") or meta["target"])
    href = _with_anchor(env["resolve"](meta["target"]), meta["anchor"])
    return f'<a href="{escapeHtml(href)}" class="ref">{target}</a>' if href else target


def _demote_headings(state: Any) -> None:
    """Section titles are the page's only <h2>s; headings inside a section start at <h3>."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close") and token.tag in ("h1", "h2"):
            token.tag = "h3"


def _render_link_open(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    """Another site opens apart; a page link becomes the built page's address. A link that names
    neither (empty, `J7501` without '.md', a code with no page) keeps its text and loses the <a>:
    validate has reported it, and output links always name a file."""
    token = tokens[idx]
    href = str(token.attrGet("href") or "")
    parsed = page_link(href)
    if is_outbound(href):
        token.attrSet("rel", "noopener noreferrer")
        token.attrSet("target", "_blank")
    elif parsed and parsed[0]:
        href = _with_anchor(env["resolve"](parsed[0]), parsed[1])
        token.attrSet("href", href)
    elif parsed is None:
        href = ""
    env["link_dropped"] = not href
    return "" if not href else self.renderToken(tokens, idx, options, env)


def _render_link_close(self: Any, tokens: list[Any], idx: int, options: Any, env: Any) -> str:
    """Closes what _render_link_open opened (links do not nest in CommonMark)."""
    dropped = env.pop("link_dropped", False)
    return "" if dropped else self.renderToken(tokens, idx, options, env)


def _with_anchor(href: str, anchor: str) -> str:
    return f"{href}#{anchor}" if href and anchor else href
