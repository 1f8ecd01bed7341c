"""The build's one process pool: per-file loading and per-page rendering spread over the cores.

Stage functions stay pure and single-process; this module only calls them on chunks of the work in
worker processes. Workers are forked after their inputs exist, so the linked Site reaches them
without pickling, and each worker builds its Jinja2 environment and Markdown parser once, not once
per page. Small jobs (and platforms without fork) run in this process: a pool costs more than it
saves below a few hundred pages.
"""

from __future__ import annotations

import datetime as dt
import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from pathlib import Path
from typing import Any

from .cms_tables import ReferenceData
from .diagnostics import Diagnostic
from .link import Site
from .load import load_file
from .markdown import make_markdown
from .model import LoadedFile
from .progress import Tick
from .render import (
    OutputFile,
    PageRenderer,
    RenderOptions,
    SearchDocument,
    make_environment,
    render_code_pages,
)
from .validate import file_problems

MIN_ITEMS_PER_WORKER = 200
PAGES_PER_TASK = 40
FILES_PER_TASK = 100

# State of a render worker, set once by its initializer (each worker is its own process).
_worker: dict[str, Any] = {}


def worker_count(items: int) -> int:
    """One worker per usable core, but none idle for lack of work; 1 means 'stay in this process'."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, items // MIN_ITEMS_PER_WORKER))


@contextmanager
def forked_pool(
    workers: int, initializer: Callable[..., None] | None = None, args: tuple = ()
) -> Iterator[Pool]:
    """A fork pool; gc.freeze() first so workers' garbage collection does not copy the parent's heap."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers, initializer, args) as pool:
            yield pool
    finally:
        gc.unfreeze()


def chunked(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def load_files(paths: Sequence[Path]) -> list[tuple[LoadedFile | None, list[Diagnostic]]]:
    """`load_file` for every path, in order."""
    workers = worker_count(len(paths))
    if workers == 1:
        return [load_file(path) for path in paths]
    with forked_pool(workers) as pool:
        return pool.map(load_file, paths, chunksize=FILES_PER_TASK)


def file_checker(
    reference: ReferenceData, content_dir: Path, today: dt.date | None
) -> Callable[[Sequence[LoadedFile]], list[tuple[list[Diagnostic], bool]] | None]:
    """For `validate_content`: checks many files in a pool; returns None for few (check them here)."""

    def check(files: Sequence[LoadedFile]) -> list[tuple[list[Diagnostic], bool]] | None:
        workers = worker_count(len(files))
        if workers == 1:
            return None
        with forked_pool(workers, _start_checker, (files, reference, content_dir, today)) as pool:
            spans = [
                range(i, min(i + FILES_PER_TASK, len(files))) for i in range(0, len(files), FILES_PER_TASK)
            ]
            return [result for part in pool.imap(_check_files, spans) for result in part]

    return check


def _start_checker(
    files: Sequence[LoadedFile], reference: ReferenceData, content_dir: Path, today: dt.date | None
) -> None:
    _worker.update(files=files, reference=reference, content_dir=content_dir, today=today)


def _check_files(span: range) -> list[tuple[list[Diagnostic], bool]]:
    """Files are inherited through fork and named by index: only the problems travel back."""
    w = _worker
    return [file_problems(w["files"][i], w["reference"], w["content_dir"], w["today"]) for i in span]


def page_renderer(site: Site, options: RenderOptions) -> PageRenderer:
    """For `render_site`: renders many code pages in a pool; returns None for few (render them here)."""

    def render(codes: Sequence[str], tick: Tick) -> list[tuple[OutputFile, SearchDocument]] | None:
        workers = worker_count(len(codes))
        if workers == 1:
            return None
        rendered: list[tuple[OutputFile, SearchDocument]] = []
        with forked_pool(workers, _start_renderer, (site, options)) as pool:
            for part in pool.imap(_render_pages, chunked(codes, PAGES_PER_TASK)):
                rendered.extend(part)
                for _ in part:
                    tick()
        return rendered

    return render


def _start_renderer(site: Site, options: RenderOptions) -> None:
    _worker.update(site=site, options=options, env=make_environment(options.templates), md=make_markdown())


def _render_pages(codes: Sequence[str]) -> list[tuple[OutputFile, SearchDocument]]:
    return render_code_pages(_worker["env"], _worker["md"], _worker["site"], codes, _worker["options"])
