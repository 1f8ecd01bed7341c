"""The Pagefind bundle across builds: a stable base per part, plus a small "recent" index.

Re-indexing a part of ~1,000 pages after a one-page edit takes seconds. So each part's last full
index is kept (its *base*: the files, and a digest of every record it holds); a build indexes in
full only the parts that have no base, and puts the records changed since then into one small
index, pagefind/recent/. Pagefind names each record's fragment by a hash, and a search result
carries that hash as its id, so parts.json lists the ids of the base records the recent index
replaces (changed or deleted pages), and the browser drops those results: the recent copy wins.

When the recent index would hold more than RECENT_LIMIT records, the parts they belong to are
re-indexed in full and become the new bases (compaction). With no cache (`--no-cache`, a clean
build) there are no bases, and every part is indexed in full, as before. Either way a search finds
exactly the current records: tests/test_equivalence.py compares what each bundle lets a search
see with a clean build's.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..incremental import Store, digest
from ..render import OutputFile
from .pagefind import BUNDLE_FOLDER, RECENT, PagefindPart, build_pagefind, parts_file
from .stage import piece_digest

RECENT_LIMIT = 100  # records in the recent index before their parts are re-indexed in full
FRAGMENT_SIGNATURE = b"pagefind_dcd"  # a fragment is gzip'd: this signature, then JSON


@dataclass(frozen=True)
class PartBase:
    """One part as last indexed in full: each record's digest by URL, and the bundle's files."""

    records: Mapping[str, str]
    files: tuple[OutputFile, ...]


@dataclass(frozen=True)
class BundlePlan:
    """What a build does with each part: index it in full, or keep its base and let the recent
    index carry what changed (`gone`: per kept part, the URLs whose base record is superseded).
    `records`: each part's record digests by URL, which a part indexed in full keeps as its base's."""

    full: tuple[PagefindPart, ...]
    kept: Mapping[int, PartBase]
    recent: PagefindPart | None
    gone: Mapping[int, frozenset[str]]
    records: Mapping[int, Mapping[str, str]]


def part_records(part: PagefindPart) -> dict[str, str]:
    """URL → digest of the record Pagefind is given for it (a guide's document or a drug row)."""
    records = {doc.url: doc.key for doc in part.guides}
    records.update((row.path, digest("row", row)) for row in part.rows)
    return records


def plan_bundle(parts: Sequence[PagefindPart], bases: Mapping[int, PartBase]) -> BundlePlan:
    """Keep every base whose part changed by at most RECENT_LIMIT records in all; index the rest."""
    now = {part.number: part_records(part) for part in parts}
    changed: dict[int, set[str]] = {}
    gone: dict[int, frozenset[str]] = {}
    for part in parts:
        base = bases.get(part.number)
        if base is None:
            continue
        records = now[part.number]
        changed[part.number] = {url for url, key in records.items() if base.records.get(url) != key}
        gone[part.number] = frozenset(url for url, key in base.records.items() if records.get(url) != key)
    if sum(len(changed[n] | gone[n]) for n in changed) > RECENT_LIMIT:
        changed = {n: urls for n, urls in changed.items() if not urls and not gone[n]}
    full = tuple(part for part in parts if part.number not in changed)
    kept = {n: bases[n] for n in changed}
    superseded = {n: gone[n] for n in kept if gone[n]}
    return BundlePlan(full, kept, recent_part(parts, changed), superseded, now)


def recent_part(parts: Sequence[PagefindPart], changed: Mapping[int, set[str]]) -> PagefindPart | None:
    """The records of kept parts that changed since their base, as one small index."""
    urls = set().union(*changed.values()) if changed else set()
    guides = tuple(doc for part in parts for doc in part.guides if doc.url in urls)
    rows = tuple(row for part in parts for row in part.rows if row.path in urls)
    return PagefindPart(RECENT, guides, rows) if guides or rows else None


def bundle_files(parts: Sequence[PagefindPart], store: Store) -> list[OutputFile]:
    """Every file of the Pagefind bundle, bases reused from the store where they stand."""
    slots = {part.number: store.key("pagefind-base", part.number, len(parts)) for part in parts}
    found = store.get_many("pagefind-base", list(slots.values()))
    plan = plan_bundle(parts, {n: found[key] for n, key in slots.items() if key in found})
    recent_key = piece_digest("pagefind-recent", plan.recent) if plan.recent else ""
    recent = store.get("pagefind-recent", recent_key) if plan.recent else None
    todo = [*plan.full, *([plan.recent] if plan.recent and recent is None else [])]
    made = dict(zip((part.number for part in todo), build_pagefind(todo), strict=True))
    for part in plan.full:
        base = PartBase(plan.records[part.number], tuple(made[part.number]))
        store.put("pagefind-base", slots[part.number], base)
    if plan.recent and recent is None:
        recent = made[RECENT]
        store.put("pagefind-recent", recent_key, recent)
    files = [f for part in plan.full for f in made[part.number]]
    files += [f for base in plan.kept.values() for f in base.files] + list(recent or [])
    gone = [
        fragment
        for n, urls in plan.gone.items()
        for fragment in superseded_ids(store, slots[n], plan.kept[n], urls)
    ]
    return [*files, parts_file(len(parts), recent is not None, sorted(gone))]


def superseded_ids(store: Store, slot: str, base: PartBase, urls: frozenset[str]) -> list[str]:
    """The ids (fragment file names) of the base's records for these URLs; the base's URL → id map
    is read once from its fragments (~0.15 s a part) and then kept in the store beside it."""
    key = digest(slot, base.records)
    ids = store.get_or_make("pagefind-fragments", key, lambda: fragment_map(base.files))
    return [ids[url] for url in sorted(urls) if url in ids]


def fragment_map(files: Sequence[OutputFile]) -> dict[str, str]:
    """URL → id of every record in one index's files."""
    found = {}
    for file in files:
        name = file.path.rsplit("/", 1)[-1]
        if f"/{file.path}".endswith(f"/fragment/{name}") and name.endswith(".pf_fragment"):
            found[read_fragment(file.content)["url"]] = name.removesuffix(".pf_fragment")
    return found


def visible_records(site: Path) -> dict[str, dict]:
    """URL → fragment (url, content, meta, filters, ...) of every record a search of a written site
    can return. For tests and the benchmark; ValueError when two have one URL."""
    return {fragment["url"]: fragment for _, fragment in visible_fragments(site)}


def visible_fragments(site: Path) -> list[tuple[Path, dict]]:
    """Each fragment file of every part a search can return (parts.json's superseded ones left
    out), with its record; ValueError when two have one URL (a search would list the page twice)."""
    folder = site / BUNDLE_FOLDER
    superseded = set(json.loads((folder / "parts.json").read_text(encoding="utf-8"))["superseded"])
    found: list[tuple[Path, dict]] = []
    urls: set[str] = set()
    for path in sorted(folder.glob("**/fragment/*.pf_fragment")):
        if path.stem not in superseded:
            fragment = read_fragment(path.read_bytes())
            if fragment["url"] in urls:
                raise ValueError(f"{fragment['url']} has two records a search can return")
            urls.add(fragment["url"])
            found.append((path, fragment))
    return found


def read_fragment(content: bytes) -> dict:
    return json.loads(gzip.decompress(content)[len(FRAGMENT_SIGNATURE) :])
