"""The build, read top to bottom: load → validate → link → render → catalog; then search and write.

`build()` calls each stage once and returns a result: every output file but the search indexes,
the search stage's input, and a report. It writes nothing. The caller picks what to do with it:
the command line indexes it and replaces the output folder (`write_site`); `serve` updates its
preview in place and indexes in the background (codebook.serve).

Stages are plain functions. The incremental layer (incremental.py) keeps their results by content
keys in memory and in .cache/, so a rebuild after an edit reloads, re-checks and re-renders only
what the edit changed; the process pool (parallel.py) spreads the rest over the cores.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import TypeVar

from . import write
from .assets import asset_clashes, asset_sources
from .blobs import DamagedBlob, KeptFile, content_digest
from .build_history import BuildHistory
from .catalog.render import render_catalog
from .cms_tables import ReferenceData, load_reference
from .collection import rare_full_collections
from .content_folder import codes_folder_problems
from .data_age import DataAge, drug_age
from .diagnostics import ContentError, Diagnostic, errors_only
from .drug_stage import load_drug_stage
from .drugs import DrugData
from .drugs.facts import drug_facts
from .incremental import Store, digest, tree_digest
from .link import Site, link_site
from .load import find_content_files, load_file
from .model import CodeView, LoadedFile
from .parallel import parallel_map
from .progress import Progress
from .publish import publishing_files
from .render import (
    OutputFile,
    RenderedPage,
    RenderEnv,
    RenderOptions,
    make_render_env,
    render_code_page,
)
from .render_drugs import render_drug_pages
from .render_listings import listing_inputs, render_listing_pages
from .search.bundle import bundle_files
from .search.script_index import build_script_index
from .search.stage import SearchInput, piece_digest, plan_search, search_drugs
from .topics import rule_items, topic_stage
from .topics_render import render_topic_pages
from .urls import catalog_index
from .validate import (
    CheckContext,
    FileCheck,
    SiteCheck,
    check_file,
    check_site,
    kept_check,
    restored_check,
)
from .values import source_file_problem

PROJECT_ROOT = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@dataclass(frozen=True)
class BuildOptions:
    content: Path = PROJECT_ROOT / "content"
    out: Path = PROJECT_ROOT / "_site"
    templates: Path = PROJECT_ROOT / "templates"
    assets: Path = PROJECT_ROOT / "site_assets"
    base_url: str = ""
    drafts: bool = False
    allow_empty: bool = False  # a codes folder without pages is an error unless this is set
    write: bool = True  # the command line: `build` (True) or `check` (False)
    edit_url: str = ""  # "Edit this page" links: this prefix + the file's path in the repository
    today: dt.date | None = None  # for the review-age warning; None = the real date
    # .cache/: stage results kept by content keys, and the last build per output folder (skipped
    # when nothing changed). None: nothing read from or kept on disk, every stage runs.
    cache: Path | None = PROJECT_ROOT / ".cache"


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    drafts: tuple[str, ...] = ()  # drafts left out of this build
    drafts_shown: tuple[str, ...] = ()  # drafts included (--drafts)
    warnings: list[Diagnostic] = field(default_factory=list)
    # Faults in CMS's own drug files: shown on the pages they affect, counted by every build and
    # listed by `check --data-warnings`; an author cannot fix them, so they never fail a build.
    data_warnings: list[Diagnostic] = field(default_factory=list)
    drug_pages: int = 0  # pages of codes with CMS drug data and no written guide
    timings: dict[str, float] = field(default_factory=dict)
    unchanged: bool = False  # nothing to do: inputs and output as the last build left them

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


@dataclass(frozen=True)
class BuildResult:
    files: tuple[OutputFile | KeptFile, ...]  # pages, catalog, assets, crawler files: all but search
    search: SearchInput  # what the search stage indexes
    report: BuildReport


@rare_full_collections()
def build(options: BuildOptions, store: Store | None = None, progress: Progress | None = None) -> BuildResult:
    """Every output file but the search indexes, or ContentError listing every problem."""
    store = store if store is not None else Store(options.cache)
    progress = progress or Progress(enabled=False)
    report = BuildReport()
    with report.stage("load"):
        reference, reference_key = load_reference_data(options.content, store)
        drugs = load_drug_stage(options.content, reference, reference_key, store)
        loaded, load_keys, load_problems = load_content(options, store, progress)
        assets = asset_sources(options.assets)
    with report.stage("validate"):
        today = options.today or dt.date.today()
        context = CheckContext(
            reference, options.content.resolve(), today, drug_names(drugs.drugs), drug_facts(drugs.files)
        )
        checks = check_files(loaded, load_keys, context, store, reference_key, progress)
        checked = check_site(loaded, checks, options.drafts, unreadable_codes(load_problems))
        topics = topic_stage(options.content, context, checked, store, reference_key)
    stop_on_errors(
        report, checked, [*load_problems, *topics.problems, *asset_clashes(assets)], drugs.problems, store
    )
    with report.stage("link"):
        site = link_site(checked.pages, reference, drugs.drugs, rule_items(topics.topics))
    with report.stage("render"):
        age, topic_slugs = drug_age(drugs.files, today), frozenset(t.slug for t in topics.topics)
        env, env_key = render_env(site, options, reference_key, store, age, topic_slugs)
        pages = render_pages(site, env, env_key, load_keys, store, progress)
        pages += render_topic_pages(topics.topics, site.pages, env, env_key, store)
        site_key = digest(env_key, tuple(site.views))  # which codes have guide pages
        drug_pages = store.get_or_make("drug-page", site_key, lambda: render_drug_pages(env))
        listings = store.get_or_make("listing", digest(env_key, listing_inputs(site)), lambda: listing(env))
    with report.stage("catalog"):
        catalog = store.get_or_make("catalog", site_key, lambda: render_catalog(site, env.options))
    files = [*(p.file for p in pages), *drug_pages, *listings, *catalog]
    files += shipped_assets(assets, files, store)
    files += publishing_files(files, options.base_url, site)
    store.commit()
    report.pages, report.drug_pages, report.files = len(site.pages), len(drug_pages), len(files)
    return BuildResult(tuple(files), search_input(pages, site), report)


def shipped_assets(
    assets: Sequence[tuple[Path, OutputFile]], generated: Sequence[OutputFile | KeptFile], store: Store
) -> list[OutputFile]:
    """The assets' output files, or ContentError when one has the path of a generated file."""
    clashes = asset_clashes(assets, (file.path for file in generated))
    if clashes:
        store.commit()  # what was rendered is reused once the asset is renamed
        raise ContentError(clashes)
    return [file for _, file in assets]


def search_input(pages: Sequence[RenderedPage], site: Site) -> SearchInput:
    """What the search stage indexes: each code page's document, the CMS tables and the drug data."""
    catalog = catalog_index(site.catalog_ranges)
    return SearchInput(
        tuple(page.document for page in pages),
        site.reference,
        catalog,
        search_drugs(site.drugs, site.biosimilars),
    )


def write_site(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    """The command line's build: skipped when inputs and output are as its last build left them;
    else built, indexed, and swapped in place of the output folder as a whole."""
    try:
        return build_and_write(options, progress)
    except DamagedBlob:  # removed by now: the second build renders that page again
        return build_and_write(options, progress)


@rare_full_collections()
def build_and_write(options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    store = Store(options.cache)
    history = BuildHistory(store) if options.cache else None
    started = BuildReport()
    if history:
        with started.stage("cache"):
            inputs = (options.content, options.templates, options.assets)
            fingerprint = history.fingerprint(inputs, (options, options.today or dt.date.today()))
            previous = history.last_build(fingerprint, options.out)
        if previous is not None:
            return replace(previous, timings=started.timings, unchanged=True)
    result = build(options, store, progress)
    report = result.report
    report.timings.update(started.timings)
    # The search indexes are made on another thread while the pages are written (Pagefind runs in
    # processes of its own). "index" is the search stage's time; "write" what writing added to it,
    # so the timings still add up to the build's wall time.
    with report.stage("write"), ThreadPoolExecutor(max_workers=1) as indexer:
        search = indexer.submit(timed, report, "index", lambda: search_files(result.search, store))
        digests = write.Digests(history.known_files(options.out)) if history else None
        report.files = write.write_site(result.files, options.out, later=search.result, digests=digests)
    report.timings["write"] -= report.timings.get("index", 0.0)
    if history:
        with report.stage("cache"):
            history.remember(
                fingerprint, options.out, replace(report, timings={}), digests.written if digests else None
            )
    store.commit()
    return report


def search_files(search: SearchInput, store: Store) -> list[OutputFile]:
    """The search stage's output: the script index, kept by a digest of its records, and the
    Pagefind bundle, whose parts are re-indexed only when many of their pages changed (bundle.py)."""
    work = plan_search(search.documents, search.reference, search.catalog, search.drugs)
    script_key = piece_digest("script", (work.records, work.modifiers))
    script = store.get("search-script", script_key)
    with ThreadPoolExecutor(max_workers=1) as side:  # the script index while Pagefind indexes
        making = None if script is not None else side.submit(build_script_index, work.records, work.modifiers)
        bundle = bundle_files(work.parts, store)
    if making:
        script = making.result()
        store.put("search-script", script_key, script)
    return [*script, *bundle]


def timed(report: BuildReport, stage: str, make: Callable[[], T]) -> T:
    with report.stage(stage):
        return make()


def load_reference_data(content: Path, store: Store) -> tuple[ReferenceData, str]:
    """The CMS tables and categories, and a key over their files (part of every later key)."""
    folder = content / "reference"
    categories = store.hashes.digest(str(content / "categories.yml"))
    key = store.key("reference", tree_digest(store, folder), categories) if folder.is_dir() else ""
    if not key:
        return load_reference(content), key  # raises ReferenceError, saying what is missing
    return store.get_or_make("reference", key, lambda: load_reference(content)), key


def load_content(
    options: BuildOptions, store: Store, progress: Progress
) -> tuple[list[LoadedFile], dict[str, str], list[Diagnostic]]:
    """Every content file, read again only when its bytes changed; with each file's key by its
    path (a digest of path and bytes, part of the keys of what is made from it) and every problem."""
    paths = find_content_files(options.content / "codes")
    cwd = os.getcwd()  # messages name files relative to it
    keys = [store.key("load", cwd, str(path), store.hashes.digest(str(path))) for path in paths]
    tick = progress.stage("read", len(paths), "files")
    results = store.map("load", paths, keys, lambda todo: parallel_map(_load_one, todo, None, tick))
    progress.clear()
    read = [(result, key) for (result, _), key in zip(results, keys, strict=True) if result is not None]
    problems = [problem for _, found in results for problem in found]
    problems += codes_folder_problems(options.content / "codes", len(paths), options.allow_empty)
    return [result for result, _ in read], {result.path: key for result, key in read}, problems


def _load_one(path: Path, _context: None) -> tuple[LoadedFile | None, list[Diagnostic]]:
    return load_file(path)


def check_files(
    loaded: Sequence[LoadedFile],
    load_keys: dict[str, str],
    context: CheckContext,
    store: Store,
    reference_key: str,
    progress: Progress,
) -> list[FileCheck]:
    """check_file for every file, kept by the file's load key, the reference data, the date and
    what the check finds of each source file it cites (looked at once per file name)."""
    base = store.key("check", reference_key, context.content_dir, context.today)
    names = {name for file in loaded for name in cited_files(file)}
    found = {name: source_file_problem(name, context.content_dir) for name in names}
    keys = [
        digest(base, load_keys[file.path], tuple((name, found[name]) for name in cited_files(file)))
        for file in loaded
    ]
    tick = progress.stage("check", len(loaded))

    def make(todo: Sequence[LoadedFile]) -> list[FileCheck]:
        return [kept_check(check) for check in parallel_map(check_file, todo, context, tick)]

    kept = store.map("check", loaded, keys, make)
    progress.clear()
    return [restored_check(check, file) for check, file in zip(kept, loaded, strict=True)]


def cited_files(loaded: LoadedFile) -> tuple[str, ...]:
    """The `sources[].file` paths a file cites: what the check finds of each is an input of it."""
    sources = loaded.data.get("sources")
    if not isinstance(sources, list):
        return ()
    return tuple(s["file"] for s in sources if isinstance(s, dict) and isinstance(s.get("file"), str))


def drug_names(drugs: Mapping[str, DrugData]) -> dict[str, tuple[str, ...]]:
    """What the brand rule reads of the CMS drug data: each code's crosswalk names."""
    return {code: data.drug_names for code, data in drugs.items()}


def unreadable_codes(problems: list[Diagnostic]) -> frozenset[str]:
    """Codes whose files could not be read: links to them are not reported again."""
    return frozenset(Path(p.path).stem for p in problems)


def stop_on_errors(
    report: BuildReport,
    checked: SiteCheck,
    load_problems: list[Diagnostic],
    drug_problems: Sequence[Diagnostic],
    store: Store,
) -> None:
    """Record warnings, CMS data warnings and drafts; raise ContentError with every problem when
    any is an error (a fault in our copy of the drug files is one; CMS's own faults are not)."""
    report.data_warnings = [p for p in drug_problems if p.severity != "error"]
    load_problems = [*load_problems, *(p for p in drug_problems if p.severity == "error")]
    problems = sorted([*load_problems, *checked.problems])
    report.warnings = [p for p in problems if p.severity != "error"]
    report.drafts = tuple(p.path for p in checked.drafts)
    report.drafts_shown = tuple(p.path for p in checked.pages if p.draft)
    if errors_only(problems):
        store.commit()  # what was loaded and checked is reused once the author fixes the errors
        raise ContentError(problems)  # warnings too: an author fixes everything in one pass


def render_env(
    site: Site, options: BuildOptions, reference_key: str, store: Store, age: DataAge, topics: frozenset[str]
) -> tuple[RenderEnv, str]:
    """The render environment, and a key over everything it reads: reference data, templates,
    options, the topic pages built, and of the build date only which drug-file quarters have ended."""
    source_root = options.content.resolve().parent
    render = RenderOptions(
        options.templates,
        options.base_url,
        edit_url=options.edit_url,
        source_root=source_root,
        data_age=age,
        topics=topics,
    )
    env = make_render_env(site, render)
    return env, store.key("render", reference_key, tree_digest(store, options.templates), env.options)


def render_pages(
    site: Site, env: RenderEnv, env_key: str, load_keys: dict[str, str], store: Store, progress: Progress
) -> list[RenderedPage]:
    """Every code page, kept by its view, the set of codes with pages (which links resolve) and
    everything the environment reads (reference data, templates, options). A view's page is keyed
    by its file's load key (a Page is made from its file alone), the rest by value."""
    views = [site.views[page.code] for page in site.pages]
    base = digest(env_key, os.getcwd(), tuple(site.views))  # edit links resolve paths from the cwd
    keys = [digest(base, load_keys[view.page.path], links_of(view)) for view in views]
    tick = progress.stage("render", len(views))

    def make(todo: Sequence[CodeView]) -> list[RenderedPage]:
        made = parallel_map(_render_with_digest, todo, env, tick)
        return [RenderedPage(store.blobs.keep(p.file.path, p.file.content, d), p.document) for p, d in made]

    pages = store.map("page", views, keys, make)
    lost = [i for i, page in enumerate(pages) if not store.blobs.has(page.file)]
    for i, page in zip(lost, make([views[i] for i in lost]), strict=True):
        pages[i] = page  # its bytes were removed from .cache/ by hand: rendered again
        store.put("page", keys[i], page)
    progress.clear()
    return [RenderedPage(store.blobs.attach(page.file), page.document) for page in pages]


def _render_with_digest(view: CodeView, env: RenderEnv) -> tuple[RenderedPage, str]:
    """A code page and its bytes' digest (the store keeps the bytes by it), with its search
    document's key: both digests taken in the worker, spread over the cores."""
    page = render_code_page(view, env)
    page.document.key  # noqa: B018  (cached on the document, pickled back with it)
    return page, content_digest(page.file.content)


def links_of(view: CodeView) -> tuple[object, ...]:
    """Every field of a view but its page: what linking added (titles, backlinks, neighbours)."""
    return tuple(getattr(view, item.name) for item in fields(view) if item.name != "page")


def listing(env: RenderEnv) -> list[OutputFile]:
    return render_listing_pages(env.jinja, env.site, env.options)
