"""The Pagefind bundle (search over http), made in memory through Pagefind's Python API.

Guide pages are handed to Pagefind as small HTML documents built from the render stage's
SearchDocuments: only the page's main content, with the code, title and aliases weighted up and
the code, title, descriptor, aliases and category as metadata, and category/route/status/kind as
filters. A code with CMS drug data and no guide has a page of its own (codes/<CODE>.html) and goes
in as a custom record. Every other CMS code (a bare catalog row, ~6,600 at 8,000 guides) is left out:
its record would be only its descriptor, which the script index already finds by code and
descriptor words in both modes, and it was most of Pagefind's work. `get_files()` returns the
bundle as bytes, so the write stage stays the only code that touches the output folder.

Pagefind indexes mostly on one core; its time and memory grow with the pages it holds (measured at
8,000 guide pages of ~1,400 words: 4.8 ms CPU and 0.6 MB a page, so 1,000 pages take 5 s and 650 MB,
4,000 pages 2.4 GB). Above PART_SIZE guide pages the records are split, by a hash of the code, into
parts indexed side by side, one Pagefind process per core, so an edit re-indexes one small part.
pagefind/ holds part 1 and the runtime, pagefind/part-N/ the others, and pagefind/parts.json names
them for the browser, which merges them with Pagefind's mergeIndex. The split depends only on the
codes, never on the machine.
"""

from __future__ import annotations

import asyncio
import base64
import html
import json
import math
import os
import zlib
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from pagefind.index import IndexConfig, PagefindIndex
from pagefind.service import PagefindService

from ..render import OutputFile, SearchDocument
from .records import SearchRecord

BUNDLE_FOLDER = "pagefind"
LANGUAGE = "en"
CONFIG: IndexConfig = {"force_language": LANGUAGE, "write_playground": False}
# What pagefind.js needs at view time; the bundled UI scripts and styles are left out (the site
# has its own small UI on Pagefind's JS API).
RUNTIME_FILES = ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json")
RUNTIME_PREFIXES = ("wasm.", "pagefind.", "index/", "fragment/", "filter/")
# A merged part needs only its own index data: the runtime and WebAssembly come from part 1.
PART_PREFIXES = ("index/", "fragment/", "filter/")
PARTS_PATH = f"{BUNDLE_FOLDER}/parts.json"
RECENT = 0  # the part number of the recent index (bundle.py): records changed since their part's base
# Guide pages per Pagefind index: 8 parts at 8,000, each ≤ ~650 MB and ~5 s CPU to re-index after an
# edit (4,000: 2.4 GB and ~20 s). The total indexing time hardly changes (linear in pages); a
# query that reaches Pagefind loads one small index chunk per part (see README, Search).
PART_SIZE = 1000


@dataclass(frozen=True)
class PagefindPart:
    """The records of one Pagefind index: guide pages and drug-data pages (codes without a guide)."""

    number: int  # 1: the primary index (pagefind/); N > 1: pagefind/part-N/; RECENT: pagefind/recent/
    guides: tuple[SearchDocument, ...]
    rows: tuple[SearchRecord, ...]

    @property
    def folder(self) -> str:
        if self.number == RECENT:
            return f"{BUNDLE_FOLDER}/recent"
        return BUNDLE_FOLDER if self.number == 1 else f"{BUNDLE_FOLDER}/part-{self.number}"


def split_parts(documents: Sequence[SearchDocument], records: Sequence[SearchRecord]) -> list[PagefindPart]:
    """One part per PART_SIZE guide pages, each code in the part its hash picks (stable as pages
    come and go, so an edit changes one part)."""
    count = max(1, math.ceil(sum(1 for d in documents if d.code) / PART_SIZE))  # topic pages aside
    guides: list[list[SearchDocument]] = [[] for _ in range(count)]
    rows: list[list[SearchRecord]] = [[] for _ in range(count)]
    for doc in documents:
        guides[zlib.crc32(doc.code.encode()) % count].append(doc)
    for record in records:
        if is_pagefind_row(record):
            rows[zlib.crc32(record.code.encode()) % count].append(record)
    return [PagefindPart(n + 1, tuple(guides[n]), tuple(rows[n])) for n in range(count)]


def is_pagefind_row(record: SearchRecord) -> bool:
    """A record Pagefind takes besides the guide pages: a page we write (drug data, no guide).
    A bare catalog row is found by the script index alone (code and descriptor words)."""
    return not record.guide and record.drug


def parts_file(count: int, recent: bool = False, superseded: Sequence[str] = ()) -> OutputFile:
    """pagefind/parts.json: the folders (relative to pagefind/) the browser merges into part 1, and
    the ids of results it drops (base records the recent index replaces: see bundle.py)."""
    folders = [f"part-{n}/" for n in range(2, count + 1)] + (["recent/"] if recent else [])
    return OutputFile(PARTS_PATH, json.dumps({"folders": folders, "superseded": list(superseded)}).encode())


# PromptPagefindService overrides and reads private members of Pagefind's Python service, so it is
# written against one exact release (pinned with == in pyproject.toml and requirements.lock);
# tests/test_pagefind_pin.py fails loudly when the installed release or these members differ.
PAGEFIND_VERSION = "1.5.2"
PAGEFIND_PRIVATE_MEMBERS = ("_wait_for_responses", "_backend", "_responses")


class PagefindError(Exception):
    """The Pagefind binary refused a request."""


class PromptPagefindService(PagefindService):
    """Pagefind's service with a reader that takes replies as they arrive.

    Upstream (pagefind 1.5) sleeps 0.1 s before reading each reply, which caps indexing at ten
    records a second (15 minutes for the CMS catalog), and its 2 MiB read limit breaks on a
    get_files() reply of a few thousand pages. The protocol is unchanged: base64 JSON replies,
    each ended by a comma.
    """

    async def _wait_for_responses(self) -> None:
        reader = self._backend.stdout
        assert reader is not None
        try:
            while True:
                self._resolve(json.loads(base64.b64decode((await read_reply(reader))[:-1])))
        except asyncio.IncompleteReadError:
            self._fail_pending(PagefindError("the pagefind process exited"))

    def _resolve(self, response: dict | None) -> None:
        if response is None:
            return
        payload = response["payload"]
        message_id = response.get("message_id")
        if message_id is None and payload.get("original_message"):
            message_id = json.loads(payload["original_message"]).get("message_id")
        future = self._responses.get(message_id)
        if future is None or future.done():
            return
        if payload["type"] == "Error":
            future.set_exception(PagefindError(payload.get("message", "unknown error")))
        else:
            future.set_result(payload)

    def _fail_pending(self, error: Exception) -> None:
        for future in self._responses.values():
            if not future.done():
                future.set_exception(error)


async def read_reply(reader: asyncio.StreamReader) -> bytes:
    """One comma-terminated reply, however long (base64 never contains a comma)."""
    chunks: list[bytes] = []
    while True:
        try:
            chunks.append(await reader.readuntil(b","))
            return b"".join(chunks)
        except asyncio.LimitOverrunError as overrun:
            chunks.append(await reader.readexactly(overrun.consumed))


def build_pagefind(parts: Sequence[PagefindPart]) -> list[list[OutputFile]]:
    """The bundle files of each part, indexed side by side (one Pagefind process per core).

    Pagefind's API is async; its own event loop runs in a worker thread, so a caller that already
    runs one (serve, a test driving a browser) can still build.
    """
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, _index_parts(parts)).result()


async def _index_parts(parts: Sequence[PagefindPart]) -> list[list[OutputFile]]:
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    slots = asyncio.Semaphore(cores)

    async def one(part: PagefindPart) -> list[OutputFile]:
        async with slots:
            return await _index(part)

    return list(await asyncio.gather(*(one(part) for part in parts)))


async def _index(part: PagefindPart) -> list[OutputFile]:
    async with PromptPagefindService() as service:
        index = await service.create_index(CONFIG)
        await asyncio.gather(
            *(add_guide(index, doc) for doc in part.guides), *(add_catalog_row(index, r) for r in part.rows)
        )
        files = await index.get_files()
    kept = is_runtime if part.number == 1 else is_part_data
    return sorted(
        (OutputFile(f"{part.folder}/{f['path']}", f["content"]) for f in files if kept(f["path"])),
        key=lambda f: f.path,
    )


def is_runtime(path: str) -> bool:
    return path in RUNTIME_FILES or path.startswith(RUNTIME_PREFIXES)


def is_part_data(path: str) -> bool:
    return path == "pagefind-entry.json" or path.endswith(".pf_meta") or path.startswith(PART_PREFIXES)


async def add_guide(index: PagefindIndex, doc: SearchDocument) -> None:
    await index.add_html_file(content=guide_html(doc), url=doc.url)


async def add_catalog_row(index: PagefindIndex, record: SearchRecord) -> None:
    await index.add_custom_record(
        url=record.path,
        content=" ".join([record.code, record.descriptor, record.short_descriptor, *record.aliases]),
        language=LANGUAGE,
        meta={
            "title": record.title,
            "code": record.code,
            "descriptor": record.descriptor,
            "aliases": ", ".join(record.aliases),
        },
        filters={"status": [record.status], "kind": ["catalog"]},
    )


def guide_html(doc: SearchDocument) -> str:
    """The page's main content as Pagefind should see it: weights, metadata and filters inline."""
    e = html.escape
    sections = "".join(
        f'<section><h2 id="{e(s.slug)}">{e(s.title)}</h2><p>{e(s.text)}</p></section>' for s in doc.sections
    )
    filters = "".join(
        f'<span data-pagefind-filter="{name}">{e(value)}</span>'
        for name, value in (("category", doc.category), ("route", doc.route), ("status", doc.status))
        if value
    )
    return (
        f'<!DOCTYPE html><html lang="{LANGUAGE}"><head><title>{e(doc.code)}</title></head><body>'
        "<main data-pagefind-body>"
        f'<h1 data-pagefind-weight="10"><span data-pagefind-meta="code">{e(doc.code)}</span> '
        f'<span data-pagefind-meta="title">{e(doc.title)}</span></h1>'
        f'<p data-pagefind-weight="10" data-pagefind-meta="aliases">{e(", ".join(doc.aliases))}</p>'
        f'<p data-pagefind-weight="5" data-pagefind-meta="descriptor">{e(doc.descriptor)}</p>'
        f'<p data-pagefind-weight="5">{e(doc.short_descriptor)}</p>'
        f"{sections}"
        f'<div data-pagefind-ignore><span data-pagefind-meta="category">{e(doc.category)}</span>'
        f'<span data-pagefind-filter="kind">guide</span>{filters}</div>'
        "</main></body></html>"
    )
