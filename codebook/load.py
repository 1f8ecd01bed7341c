"""Stage 1: read content files into LoadedFile records, keeping line numbers for every problem."""

from __future__ import annotations

import itertools
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .body_links import body_links_in
from .claim_modifiers import declared_modifiers
from .diagnostics import Diagnostic
from .markdown import is_section_heading, make_markdown
from .model import BodyLink, InvalidValue, LoadedFile, Section
from .schema import slugify
from .textfile import display_path, read_content_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

LINK_SYNTAX = ("[", "<")  # a link, [[…]] or an autolink starts with one of these
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")


# Names an author may give a content file that the build would otherwise pass over in silence.
MISNAMED_SUFFIXES = frozenset((".md", ".markdown", ".mdown", ".mkd", ".txt", ".text"))


def find_content_files(codes_dir: Path) -> list[Path]:
    """Every *.md below codes/, sorted so output and error order are stable.

    Files that look meant as content but are not named *.md (J7507.MD, J7507.markdown, J7507.txt)
    are listed too, so that load_file reports them instead of the build leaving them out unseen.
    """
    if not codes_dir.is_dir():
        return []
    found = (p for p in codes_dir.rglob("*") if not p.name.startswith(".") and _content_like(p))
    return sorted(found, key=lambda p: p.parts)  # Path order, without Path.__lt__'s cost per comparison


def _content_like(path: Path) -> bool:
    if path.suffix == ".md":
        return True  # a folder named J7507.md too: load_file says why it cannot be read
    return path.suffix.lower() in MISNAMED_SUFFIXES and not path.is_dir()


def misnamed(path: Path, shown: str) -> Diagnostic | None:
    """Why a file that looks like content is not read (None: it is named *.md and is read)."""
    if path.suffix == ".md":
        return None
    return Diagnostic(
        shown,
        1,
        f"not read: content files end in .md, this one in '{path.suffix}'",
        f"rename it to {path.stem.removesuffix('.md')}.md",  # J7507.md.txt (a hidden extension) too
    )


def load_file(path: Path) -> tuple[LoadedFile | None, list[Diagnostic]]:
    shown = display_path(path)
    refusal = misnamed(path, shown)
    if refusal:
        return None, [refusal]
    text, problem = read_content_text(path, shown)
    if problem:
        return None, [problem]
    return parse_document(text, shown)


def parse_document(text: str, shown: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Split front matter from body; both halves report problems with their real line numbers."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return None, [
            Diagnostic(
                shown,
                1,
                "the file does not start with front matter",
                "put a line '---', the YAML fields, and another '---' at the top",
            )
        ]
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        return None, [
            Diagnostic(
                shown,
                1,
                "the front matter is never closed",
                "add a line '---' after the last field",
            )
        ]
    data, key_lines, problems = parse_front_matter("\n".join(lines[1:end]), shown, first_line=2)
    if data is None:
        return None, problems
    sections, links, stray, fence_line = split_sections(lines[end + 1 :], first_line=end + 2)
    if fence_line:
        # Everything after the fence is code to Markdown: its headings are not sections, so the
        # sections it swallowed are not reported missing; the fence is the one thing to fix.
        fence = lines[fence_line - 1].strip()
        return None, [*problems, unclosed_fence(shown, fence_line, fence)]
    declared = declared_modifiers(sections)
    loaded = LoadedFile(shown, data, key_lines, 1, sections, links, stray, declared)
    return loaded, problems


def unclosed_fence(shown: str, line: int, fence: str) -> Diagnostic:
    marker = FENCE.match(fence)
    closing = marker.group(1) if marker else "```"
    return Diagnostic(
        shown,
        line,
        f"the code block opened here with {closing!r} is never closed, so the rest of the file is code",
        f"add a line {closing} where the code block ends",
    )


def parse_front_matter(
    text: str, shown: str, first_line: int
) -> tuple[dict[str, Any] | None, dict[str, int], list[Diagnostic]]:
    node, problems = yaml_node(text, shown, first_line, "the front matter")
    if problems:
        return None, {}, problems
    if node is None:
        return (
            None,
            {},
            [
                Diagnostic(
                    shown,
                    first_line - 1,
                    "the front matter is empty",
                    "add the fields between the '---' lines (python build.py new CODE writes them all)",
                )
            ],
        )
    if not isinstance(node, yaml.MappingNode):
        return (
            None,
            {},
            [
                Diagnostic(
                    shown,
                    first_line,
                    "the front matter is not a set of 'field: value' lines",
                    "write one 'field: value' per line between the '---' lines",
                )
            ],
        )
    return yaml_values(node, shown, first_line)


def yaml_node(text: str, shown: str, first_line: int, what: str) -> tuple[yaml.Node | None, list[Diagnostic]]:
    """The YAML document's node tree (None when empty), or where and why its syntax is wrong."""
    loader = Loader(text)
    try:
        return loader.get_single_node(), []
    except yaml.MarkedYAMLError as error:
        # An unclosed bracket or quote is noticed lines later; point at where it was opened.
        opened = "flow" in (error.context or "") or "quoted" in (error.context or "")
        mark = (error.context_mark if opened else None) or error.problem_mark or error.context_mark
        line = first_line + (mark.line if mark else 0)
        reason = (error.problem or "invalid YAML").strip()
        return None, [
            Diagnostic(
                shown,
                line,
                f"{what} is not valid YAML ({reason})",
                "check indentation (spaces, not tabs), colons and quotes on this line",
            )
        ]
    except yaml.YAMLError as error:
        return None, [Diagnostic(shown, first_line, f"{what} is not valid YAML ({error})", "check its YAML")]
    finally:
        loader.dispose()


def yaml_values(node: yaml.Node, shown: str, first_line: int) -> tuple[Any, dict[str, int], list[Diagnostic]]:
    """Plain Python values of a node tree, the line of every key (dotted: 'fields.2.title') and problems."""
    walker = _NodeWalker(Loader(""), shown, first_line)
    data = walker.build(node, "")
    return data, walker.lines, walker.problems


YAML_TAG_PREFIX = "tag:yaml.org,2002:"
SAFE_TAGS = frozenset(
    f"{YAML_TAG_PREFIX}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")
)
TIMESTAMP_TAG = f"{YAML_TAG_PREFIX}timestamp"
MAX_DEPTH = 12


class _NodeWalker:
    """Builds Python values from YAML nodes, recording each key's line.

    Refuses what a page never needs and an attacker or a bad paste could use: duplicate keys,
    anchors/aliases (an alias "bomb" expands exponentially, a recursive one never ends), tags other
    than YAML's plain types, and nesting deeper than any field of the schema.
    """

    def __init__(self, loader: Any, shown: str, first_line: int):
        self.loader = loader
        self.shown = shown
        self.first_line = first_line
        self.lines: dict[str, int] = {}
        self.problems: list[Diagnostic] = []
        self.seen: set[int] = set()
        self.alias_reported = False

    def line(self, node: yaml.Node) -> int:
        return self.first_line + node.start_mark.line

    def problem(self, line: int, message: str, fix: str) -> InvalidValue:
        self.problems.append(Diagnostic(self.shown, line, message, fix))
        return InvalidValue(message)

    def build(self, node: yaml.Node, key: str, depth: int = 0) -> Any:
        refused = self.refusal(node, key, depth)
        if refused is not None:
            return refused
        self.seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            return self.build_mapping(node, key, depth)
        if isinstance(node, yaml.SequenceNode):
            return [
                self.build(item, f"{key}.{i}" if key else str(i), depth + 1)
                for i, item in enumerate(node.value)
            ]
        try:
            return self.loader.construct_object(node, deep=True)
        except (ValueError, TypeError, OverflowError, yaml.YAMLError):
            if node.tag == TIMESTAMP_TAG:
                return self.problem(
                    self.line(node),
                    f"'{node.value}' is not a real date",
                    "write an existing calendar date as YYYY-MM-DD, e.g. 2026-02-28",
                )
            return self.problem(
                self.line(node),
                f"'{node.value}' is not a valid value here",
                "quote text that looks like a date or number, e.g. 'title: \"1.0\"'",
            )

    def refusal(self, node: yaml.Node, key: str, depth: int) -> InvalidValue | None:
        line = self.line(node)
        if id(node) in self.seen:
            if self.alias_reported:  # one alias bomb is one mistake, not thousands
                return InvalidValue("alias")
            self.alias_reported = True
            return self.problem(
                self.nearest_line(key, line),
                "YAML anchors and aliases (&name, *name) are not allowed in front matter",
                "write the value out in full where it is used",
            )
        if node.tag not in SAFE_TAGS:
            return self.problem(
                line,
                f"the YAML tag '{node.tag.replace(YAML_TAG_PREFIX, '!!')}' is not allowed in front matter",
                "remove the '!' tag and write the value as plain text, a number, a date or a list",
            )
        if depth > MAX_DEPTH:
            return self.problem(
                line, "the front matter is nested too deeply", "no field nests more than three levels"
            )
        return None

    def nearest_line(self, key: str, fallback: int) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return fallback

    def build_mapping(self, node: yaml.MappingNode, key: str, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        self.lines[key] = self.line(node)
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(
                    self.line(key_node),
                    "a field name must be plain text",
                    "write 'name: value' with a simple word before the colon",
                )
                continue
            name = str(key_node.value)
            path = f"{key}.{name}" if key else name
            if name in result:
                self.problem(
                    self.line(key_node),
                    f"field '{name}' is given twice",
                    f"keep one '{name}:' line and delete the other",
                )
                continue
            self.lines[path] = self.line(key_node)
            result[name] = self.build(value_node, path, depth + 1)
            if isinstance(value_node, yaml.SequenceNode):
                for i, item in enumerate(value_node.value):
                    self.lines.setdefault(f"{path}.{i}", self.line(item))
        return result


def split_sections(
    body: list[str], first_line: int
) -> tuple[tuple[Section, ...], tuple[BodyLink, ...], tuple[int, ...], int]:
    """The body parsed once by markdown-it (the renderer's own parser), and from its tokens: the
    sections (cut at top-level `## ` headings, so a heading inside a code block is text), every
    link with its line, the lines of text outside a section (or of a '# ' heading), and the line
    of a code fence left open (0: none)."""
    tokens = parse_body("\n".join(body))
    starts = [i for i, t in enumerate(tokens) if is_section_heading(t)] + [len(tokens)]
    sections: list[Section] = []
    links: list[BodyLink] = []
    for begin, end in itertools.pairwise(starts):
        heading = tokens[begin]
        top = heading.map[0] if heading.map else 0
        bottom = tokens[end].map[0] if end < len(tokens) and tokens[end].map else len(body)
        title = tokens[begin + 1].content.strip()
        # Leading blank lines stay, so line i of the markdown is line `line + 1 + i` of the file.
        markdown = "\n".join(body[top + 1 : bottom]).rstrip("\n") + "\n"
        sections.append(Section(title, slugify(title), first_line + top, markdown))
        links.extend(body_links_in(tokens[begin + 3 : end], first_line, title))
    before = tokens[starts[0]].map[0] if starts[0] < len(tokens) and tokens[starts[0]].map else len(body)
    stray = {first_line + i for i in range(before) if body[i].strip()}
    stray |= {first_line + t.map[0] for t in tokens if _is_top_heading(t)}
    fence = next((t for t in tokens if t.type == "fence" and _left_open(t)), None)
    fence_line = first_line + fence.map[0] if fence is not None and fence.map else 0
    return tuple(sections), tuple(links), tuple(sorted(stray)), fence_line


def _is_top_heading(token: Token) -> bool:
    """A '# ' heading: the page title comes from front matter, so this text has no place."""
    return token.type == "heading_open" and token.markup == "#" and token.map is not None


def _left_open(fence: Token) -> bool:
    """No closing line: every line after the opening one is content (markdown-it runs the code
    block to the end of its container, the rest of the file at the top level)."""
    first, last = fence.map or (0, 0)
    return fence.content.count("\n") >= last - first - 1


@lru_cache(maxsize=1)
def body_parser() -> MarkdownIt:
    """The renderer's own parser and rules, without its inline pass: parse_body runs that only on
    text that can hold a link."""
    md = make_markdown()
    md.core.ruler.disable("inline")
    return md


def parse_body(text: str) -> list[Token]:
    """markdown-it's tokens for a body: every block, and the inline tokens of text with a '[' or
    '<' (only such text can hold a link; the rest is read by render, which parses in full)."""
    md, env = body_parser(), {}
    tokens = md.parse(text, env)
    for token in tokens:
        if token.type == "inline" and any(mark in token.content for mark in LINK_SYNTAX):
            token.children = []
            md.inline.parse(token.content, md, env, token.children)
    return tokens
