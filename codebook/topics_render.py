"""Topic pages and the topics index as HTML, with what search indexes of each.

A topic page is rendered like a code page (the site's layout, the same Markdown rules and link
resolver) and lists the code pages that link to it, so a reader can go from a shared explanation
back to the codes it serves. Results are kept in the incremental Store by everything they read.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from .body_links import TOPIC_PREFIX
from .citations import source_citations
from .incremental import Store, digest
from .markdown import render_sections
from .model import Link, Page
from .render import (
    OutputFile,
    RenderedPage,
    RenderEnv,
    SearchDocument,
    SearchSection,
    page_context,
    plain_text,
    reference_resolver,
)
from .topics import Topic
from .urls import site_path, topic_path

TOPIC_CATEGORY = "Topic"  # what search shows in place of a code page's category


def topic_backlinks(topic: Topic, pages: Sequence[Page]) -> tuple[Link, ...]:
    """The code pages that link to `topic` or list it under `rules:`, in code order, once each."""
    target = TOPIC_PREFIX + topic.slug
    linking = {
        p.code: p
        for p in pages
        if any(link.target == target for link in p.body_links) or any(r.slug == topic.slug for r in p.rules)
    }
    return tuple(Link(code, linking[code].title, "") for code in sorted(linking))


def render_topic_page(topic: Topic, backlinks: tuple[Link, ...], env: RenderEnv) -> RenderedPage:
    path = topic_path(topic.slug)
    context = page_context(env.site, 1, env.options, path, topic.title, topic.summary)
    bodies = render_sections(env.md, topic.sections, reference_resolver(context["root"], env.site))
    pairs = zip(topic.sections, bodies, strict=True)
    sections = [{"title": s.title, "slug": s.slug, "html": body} for s, body in pairs]
    context.update(
        topic=topic, sections=sections, linked_from=backlinks, citations=source_citations(topic.sources)
    )
    html = env.jinja.get_template("topic.html").render(context)
    document = SearchDocument(
        url=path,
        code="",
        title=topic.title,
        descriptor=topic.summary,
        short_descriptor="",
        aliases=(),
        category=TOPIC_CATEGORY,
        route="",
        status="active",
        headings=tuple(s.title for s in topic.sections),
        sections=tuple(SearchSection(s["slug"], s["title"], plain_text(s["html"])) for s in sections),
    )
    return RenderedPage(OutputFile(path, html.encode("utf-8")), document)


def render_topic_index(topics: Sequence[Topic], env: RenderEnv) -> RenderedPage:
    """topics/index.html: every topic with its summary (search finds it as "topics")."""
    path = site_path("topics")
    summary = "Explanations that many code pages share, each written once: coverage, modifiers, units."
    context = page_context(env.site, 1, env.options, path, "Topics", summary)
    listed = sorted(topics, key=lambda t: t.title.casefold())
    context.update(topics=listed)
    html = env.jinja.get_template("topics.html").render(context)
    sections = tuple(SearchSection(t.slug, t.title, t.purpose) for t in listed)
    document = SearchDocument(path, "", "Topics", summary, "", (), TOPIC_CATEGORY, "", "active", (), sections)
    return RenderedPage(OutputFile(path, html.encode("utf-8")), document)


def render_topic_pages(
    topics: Sequence[Topic], pages: Sequence[Page], env: RenderEnv, env_key: str, store: Store
) -> list[RenderedPage]:
    """Every topic page (kept by the topic, its backlinks and the render environment's key), then
    the index of topics (always: every page's navigation links to it)."""
    base = digest(env_key, os.getcwd(), tuple(env.site.views))
    work = [(topic, topic_backlinks(topic, pages)) for topic in topics]
    rendered = [
        store.get_or_make("topic", digest(base, t, b), lambda t=t, b=b: render_topic_page(t, b, env))
        for t, b in work
    ]
    index = store.get_or_make(
        "topic-index", digest(base, tuple(topics)), lambda: render_topic_index(topics, env)
    )
    return [*rendered, index]
