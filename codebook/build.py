"""The build, read top to bottom: load → validate → link → render → index → write.

Caching lives here and nowhere else: `serve` passes a BuildCache so that a rebuild rereads only
changed files, re-checks and re-renders only what they affect, and rewrites only changed output;
a command-line build whose inputs and output are as its last build left them is skipped (content
hashes in .cache/, see cache.py). Work on many files or pages is spread over the cores (parallel.py).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from .assets import collect_assets
from .cache import BuildHistory
from .cms_tables import ReferenceData, load_reference
from .content_folder import codes_folder_problems
from .diagnostics import ContentError, Diagnostic, errors_only
from .index import piece_digest, plan_search
from .link import LinkMemo, link_site
from .load import find_content_files
from .model import LoadedFile
from .pagefind_index import build_pagefind, parts_file
from .parallel import file_checker, load_files, page_renderer
from .progress import Progress
from .publish import publishing_files
from .render import OutputFile, RenderMemo, RenderOptions, SearchDocument, render_site
from .render_catalog import CatalogMemo, render_catalog
from .script_index import build_script_index
from .stage_cache import StageCache
from .validate import CheckMemo, validate_content
from .write import update_site, write_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildOptions:
    content: Path = PROJECT_ROOT / "content"
    out: Path = PROJECT_ROOT / "_site"
    templates: Path = PROJECT_ROOT / "templates"
    assets: Path = PROJECT_ROOT / "site_assets"
    base_url: str = ""
    drafts: bool = False
    allow_empty: bool = False  # a codes folder without pages is an error unless this is set
    write: bool = True
    edit_url: str = ""  # "Edit this page" links: this prefix + the file's path in the repository
    today: dt.date | None = None  # for the review-age warning; None = the real date
    # .cache/: content hashes of the last build (skipped when nothing changed) and reused search
    # indexes. None: no cache, every stage runs.
    cache: Path | None = PROJECT_ROOT / ".cache"


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    drafts: tuple[str, ...] = ()  # drafts left out of this build
    drafts_shown: tuple[str, ...] = ()  # drafts included (--drafts)
    warnings: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    changed: tuple[str, ...] = ()  # output paths rewritten (incremental builds only)
    unchanged: bool = False  # nothing to do: inputs and output as the last build left them

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


FileKey = tuple[int, int, int]  # mtime_ns, size, inode: a file that changed has a new key


@dataclass(frozen=True)
class SearchJob:
    """The search stage of one `serve` build, made after that build's pages are written."""

    generation: int
    documents: tuple[SearchDocument, ...]
    reference: ReferenceData


@dataclass
class BuildCache:
    """What `serve` keeps between builds. Each entry remembers what it was made from, so a stale
    entry is never used: files by their stat key, checks and renders by reference and templates."""

    inputs: tuple[object, ...] = ()
    reference: ReferenceData | None = None
    files: dict[Path, tuple[FileKey, LoadedFile | None, list[Diagnostic]]] = field(default_factory=dict)
    checks: CheckMemo = field(default_factory=dict)
    render: RenderMemo = field(default_factory=RenderMemo)
    catalog: CatalogMemo = field(default_factory=dict)
    link: LinkMemo = field(default_factory=LinkMemo)
    written: dict[str, bytes] = field(default_factory=dict)
    # serve writes an edited page first and its search indexes after (seconds of Pagefind work at
    # full size): a build leaves a SearchJob and keeps the last search files until it is done.
    defer_search: bool = False
    search_files: tuple[OutputFile, ...] = ()
    pending_search: SearchJob | None = None
    generation: int = 0

    def start(self, options: BuildOptions, today: dt.date) -> None:
        """Forget everything derived from reference data, templates or options that changed."""
        inputs = (
            folder_key(options.content / "reference"),
            file_key(options.content / "categories.yml"),
            folder_key(options.templates),
            options,
            today,
        )
        if inputs[:2] != self.inputs[:2]:
            self.reference = None
        if inputs != self.inputs:
            self.checks, self.render, self.catalog, self.link = {}, RenderMemo(), {}, LinkMemo()
        self.inputs = inputs


def build(
    options: BuildOptions, cache: BuildCache | None = None, progress: Progress | None = None
) -> BuildReport:
    """Build the site, or raise ContentError listing every problem (the output is then untouched).

    Without a cache the output folder is replaced as a whole; with one (serve) only changed files
    are rewritten in place.
    """
    report = BuildReport()
    today = options.today or dt.date.today()
    history = BuildHistory(options.cache) if options.cache and options.write and cache is None else None
    if history:
        with report.stage("cache"):
            inputs = (options.content, options.templates, options.assets)
            fingerprint = history.fingerprint(inputs, (options, today))
            previous = history.last_build(fingerprint, options.out)
        if previous is not None:
            return replace(previous, timings=report.timings, unchanged=True)
    progress = progress or Progress(enabled=False)
    incremental = cache is not None
    cache = cache if cache is not None else BuildCache()
    cache.start(options, today)
    with report.stage("load"):
        reference = cache.reference = cache.reference or load_reference(options.content)
        loaded, problems = load_content(options.content, cache, progress)
        problems += codes_folder_problems(options.content / "codes", len(cache.files), options.allow_empty)
    with report.stage("validate"):
        content_dir = options.content.resolve()
        broken = frozenset(Path(p.path).stem for p in problems)
        tick = progress.stage("check", len(loaded))
        pages, drafts, found = validate_content(
            loaded,
            reference,
            content_dir,
            options.drafts,
            broken,
            today,
            cache.checks,
            tick,
            file_checker(reference, content_dir, today),
        )
        problems = sorted(problems + found)
    progress.clear()
    report.warnings = [p for p in problems if p.severity != "error"]
    report.drafts = tuple(p.path for p in drafts)
    report.drafts_shown = tuple(p.path for p in pages if p.draft)
    if errors_only(problems):
        raise ContentError(problems)  # warnings too: an author fixes everything in one pass
    with report.stage("link"):
        site = link_site(pages, reference, cache.link)
    with report.stage("render"):
        render_options = RenderOptions(
            options.templates,
            options.base_url,
            edit_url=options.edit_url,
            source_root=options.content.resolve().parent,
        )
        rendered = render_site(
            site,
            render_options,
            cache.render,
            progress.stage("render", len(pages)),
            page_renderer(site, render_options),
        )
        progress.clear()
    with report.stage("catalog"):  # from CMS data alone: nothing for `check` to find there
        catalog_files = render_catalog(site, render_options, cache.catalog) if options.write else []
    with report.stage("index"):  # seconds of Pagefind work with nothing for `check` to find there
        if not options.write:
            search_files = []
        elif incremental and cache.defer_search:
            cache.generation += 1
            cache.pending_search = SearchJob(cache.generation, rendered.documents, site.reference)
            search_files = list(cache.search_files)
        else:
            search_files = search_indexes(rendered.documents, site.reference, options)
    report.pages = len(pages)
    if options.write:
        with report.stage("write"):
            files = [*rendered.files, *catalog_files, *search_files, *collect_assets(options.assets)]
            files += publishing_files(files, options.base_url, site)
            if incremental:
                report.changed = tuple(update_site(files, options.out, cache.written))
                report.files = len(files)
            else:
                report.files = write_site(files, options.out)
        if history:
            with report.stage("cache"):
                history.remember(fingerprint, options.out, replace(report, timings={}))
    return report


def search_indexes(
    documents: Sequence[SearchDocument], reference: ReferenceData, options: BuildOptions
) -> list[OutputFile]:
    """The search stage's output; each piece reused from the disk cache when its input is unchanged."""
    cache = StageCache(options.cache)
    work = plan_search(documents, reference)
    script = cache.get_or_make(
        "script", piece_digest("script", work.records), lambda: build_script_index(work.records)
    )
    bundles = cache.get_or_make_many(
        "pagefind",
        [piece_digest("pagefind", part) for part in work.parts],
        lambda missing: build_pagefind([work.parts[i] for i in missing]),
    )
    return [*script, *(f for files in bundles for f in files), parts_file(len(work.parts))]


def make_search(job: SearchJob, options: BuildOptions) -> list[OutputFile]:
    """The slow half of a deferred search stage; touches neither the cache nor the output."""
    return search_indexes(job.documents, job.reference, options)


def apply_search(
    job: SearchJob, files: list[OutputFile], options: BuildOptions, cache: BuildCache
) -> list[str]:
    """Write a deferred search stage's files in place; none when a newer build superseded the job."""
    if job.generation != cache.generation:
        return []
    old = {file.path for file in cache.search_files}
    cache.search_files, cache.pending_search = tuple(files), None
    kept = [OutputFile(path, content) for path, content in cache.written.items() if path not in old]
    return update_site([*kept, *files], options.out, cache.written)


def load_content(
    content: Path, cache: BuildCache, progress: Progress
) -> tuple[list[LoadedFile], list[Diagnostic]]:
    """Every content file, reread only when its stat key changed since the cached read."""
    loaded: list[LoadedFile] = []
    problems: list[Diagnostic] = []
    paths = find_content_files(content / "codes")
    tick = progress.stage("read", len(paths), "files")
    keys = {path: file_key(path) for path in paths}
    stale = [p for p in paths if p not in cache.files or cache.files[p][0] != keys[p]]
    fresh = dict(cache.files)
    for path, (result, found) in zip(stale, load_files(stale), strict=True):
        fresh[path] = (keys[path], result, found)
    cache.files = {path: fresh[path] for path in paths}
    for _key, result, found in cache.files.values():
        problems.extend(found)
        if result is not None:
            loaded.append(result)
        tick()
    progress.clear()
    return loaded, problems


def file_key(path: Path) -> FileKey:
    try:
        stat = path.stat()
    except OSError:
        return (0, -1, 0)
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


def folder_key(folder: Path) -> tuple[tuple[str, FileKey], ...]:
    """Stat keys of every file below a folder: changes when any file is edited, added or removed."""
    if not folder.is_dir():
        return ()
    return tuple((str(p), file_key(p)) for p in sorted(folder.rglob("*")) if p.is_file())
