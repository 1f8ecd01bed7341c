"""The topic stage: explanations many code pages share (coverage, JW/JZ, units, KX, decision guides),
written once in content/topics/<slug>.md and linked from code pages (DESIGN §5).

Plain functions of their inputs, as the code pages' stages are: `load_topic` reads and checks one
file (the code pages' reader, and the rule table of checks/topics.py); `topic_link_problems`
checks every topic link of every page once the set of topics is known. `topic_stage` is the one
call build() makes: it keeps the loaded topics in the incremental Store by the files' bytes.
Rendering is in topics_render.py.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .body_links import topic_slug
from .checks import FileContext, run_file_rules
from .checks.topics import TOPIC_RULES
from .diagnostics import Diagnostic
from .incremental import Store
from .load import find_content_files, load_file
from .model import BodyLink, Page, RuleItem, Section, Source
from .schema import CODE_PATTERN
from .validate import CheckContext, SiteCheck

TOPICS_FOLDER = "topics"


@dataclass(frozen=True)
class Topic:
    """A validated topic page: typed front matter and its `## ` sections."""

    path: str
    slug: str
    title: str
    summary: str
    purpose: str
    sources: tuple[Source, ...]
    reviewed: dt.date
    sections: tuple[Section, ...]
    body_links: tuple[BodyLink, ...]


@dataclass(frozen=True)
class TopicStage:
    """The topics of this build and every problem of their files and of links to them."""

    topics: tuple[Topic, ...]
    problems: tuple[Diagnostic, ...]


def load_topic(path: Path, context: CheckContext) -> tuple[Topic | None, list[Diagnostic]]:
    """One topic file read and checked; None when its front matter does not fit the schema."""
    loaded, problems = load_file(path)
    if loaded is None:
        return None, problems
    found, readable = run_file_rules(
        FileContext(
            loaded, context.reference, context.content_dir, context.today, drug_facts=context.drug_facts
        ),
        TOPIC_RULES,
    )
    problems += found
    if not readable:
        return None, problems
    data = loaded.data
    sources = tuple(
        Source(s["title"].strip(), s["date"], s.get("url") or "", s.get("file") or "")
        for s in data["sources"]
    )
    topic = Topic(
        loaded.path,
        path.stem,
        data["title"].strip(),
        data["summary"].strip(),
        " ".join(data["purpose"].split()),
        sources,
        data["reviewed"],
        loaded.sections,
        loaded.body_links,
    )
    return topic, problems


def load_topics(paths: Sequence[Path], context: CheckContext) -> TopicStage:
    """Every topic file, in path order; a file that cannot be read is reported, not dropped silently."""
    topics: list[Topic] = []
    problems: list[Diagnostic] = []
    for path in paths:
        topic, found = load_topic(path, context)
        problems += found
        if topic is not None:
            topics.append(topic)
    problems += duplicate_slugs(topics)
    return TopicStage(tuple(topics), tuple(problems))


def duplicate_slugs(topics: Sequence[Topic]) -> Iterator[Diagnostic]:
    """Two files of one name in different folders would be one address."""
    first: dict[str, Topic] = {}
    for topic in topics:
        if topic.slug in first:
            yield Diagnostic(
                topic.path,
                1,
                f"topic '{topic.slug}' already has a page in {first[topic.slug].path}",
                "keep one file per topic name; rename or merge this one",
            )
        first.setdefault(topic.slug, topic)


def topic_link_problems(
    pages: Sequence[Page],
    topics: Sequence[Topic],
    failed: frozenset[str] = frozenset(),
    failed_codes: frozenset[str] = frozenset(),
) -> Iterator[Diagnostic]:
    """A topic link on any page (code or topic) names a topic that exists, and a section it has; a
    code link on a topic names a code page of this build. `failed`: topic slugs whose files could
    not be read, `failed_codes`: codes whose pages have errors (both already reported)."""
    by_slug = {topic.slug: topic for topic in topics}
    codes = {page.code for page in pages} | failed_codes
    yield from rule_problems(pages, by_slug, failed)
    for holder in [*pages, *topics]:
        own = {s.slug for s in holder.sections}
        for link in holder.body_links:
            problem = _link_problem(link, by_slug, codes, own, failed, isinstance(holder, Topic))
            if problem:
                yield Diagnostic(holder.path, link.line, *problem)


def rule_problems(
    pages: Sequence[Page], topics: dict[str, Topic], failed: frozenset[str]
) -> Iterator[Diagnostic]:
    """Each name under a guide's `rules:` is a topic page of this build, listed once."""
    known = ", ".join(sorted(topics)) or "none yet"
    for page in pages:
        seen: set[str] = set()
        for rule in page.rules:
            if rule.slug in seen:
                yield Diagnostic(page.path, rule.line, f"'rules' lists '{rule.slug}' twice", "keep one")
            elif rule.slug not in topics and rule.slug not in failed:
                yield Diagnostic(
                    page.path,
                    rule.line,
                    f"'rules' names '{rule.slug}', which is not a topic page",
                    f"write the file name of a topic in content/topics/ without '.md': {known}",
                )
            seen.add(rule.slug)


def _link_problem(
    link: BodyLink,
    topics: dict[str, Topic],
    codes: set[str],
    own: set[str],
    failed: frozenset[str],
    on_topic: bool,
) -> tuple[str, str] | None:
    written = link.as_written
    slug = topic_slug(link.target)
    if link.kind == "topic" and slug not in failed:
        topic = topics.get(slug)
        if topic is None:
            known = ", ".join(sorted(topics)) or "none yet"
            return f"{written} links to a topic that has no page", (
                f"create content/topics/{slug}.md or link one of the topics: {known}"
            )
        return _anchor_problem(written, link.anchor, {s.slug for s in topic.sections}, topic.title)
    if not on_topic or link.kind != "page":
        return None  # code pages' own links are checked with the code pages
    if CODE_PATTERN.match(link.target) and link.target not in codes:
        return f"{written} links to a code that has no page", "link a code that has a page, or remove it"
    return _anchor_problem(written, link.anchor, own, "this topic") if not link.target else None


def _anchor_problem(written: str, anchor: str, anchors: set[str], where: str) -> tuple[str, str] | None:
    if anchor and anchor not in anchors:
        return (
            f"{written} points at section '#{anchor}', which {where} does not have",
            f"use one of: {', '.join('#' + a for a in sorted(anchors))}",
        )
    return None


def topic_stage(
    content: Path, context: CheckContext, checked: SiteCheck, store: Store, reference_key: str
) -> TopicStage:
    """The build's one call: topics loaded and checked (kept by the files' bytes, the reference and
    the date), then the links to them from every page of this build."""
    paths = find_content_files(content / TOPICS_FOLDER)
    files = tuple((str(path), store.hashes.digest(str(path))) for path in paths)
    key = store.key("topics", reference_key, os.getcwd(), context.content_dir, context.today, files)
    loaded = store.get_or_make("topics", key, lambda: load_topics(paths, context))
    failed = frozenset(Path(p.path).stem for p in loaded.problems if p.severity == "error")
    broken = frozenset(Path(p.path).stem for p in checked.problems if p.severity == "error")
    links = topic_link_problems(
        checked.pages, loaded.topics, failed - {t.slug for t in loaded.topics}, broken
    )
    return TopicStage(loaded.topics, (*loaded.problems, *links))


def rule_items(topics: Sequence[Topic]) -> dict[str, RuleItem]:
    """What a guide's "Rules that apply" list shows of each topic it names."""
    return {t.slug: RuleItem(t.slug, t.title, t.purpose) for t in topics}
