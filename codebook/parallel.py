"""The build's one process pool: a generic map of a per-item stage function over the cores.

Stage functions stay pure and single-process; `parallel_map(function, items, context)` calls
`function(item, context)` for every item, in order. Workers are forked after the items and the
context exist, so both reach them without pickling (items are named by their index); only results
travel back. Small jobs (and platforms without fork) run in this process: a pool costs more than
it saves below a few hundred items.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing.pool import Pool
from typing import Any, TypeVar

from .progress import Tick, no_progress

MIN_ITEMS_PER_WORKER = 200
ITEMS_PER_TASK = 50

T = TypeVar("T")
C = TypeVar("C")
R = TypeVar("R")

# The job a forked worker runs: set in the parent just before the fork (each worker is a copy).
_job: dict[str, Any] = {}


def worker_count(items: int) -> int:
    """One worker per usable core, but none idle for lack of work; 1 means 'stay in this process'."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return max(1, min(cores, items // MIN_ITEMS_PER_WORKER))


@contextmanager
def forked_pool(workers: int) -> Iterator[Pool]:
    """A fork pool; gc.freeze() first so workers' garbage collection does not copy the parent's heap."""
    gc.freeze()
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield pool
    finally:
        gc.unfreeze()


def parallel_map(
    function: Callable[[T, C], R], items: Sequence[T], context: C, tick: Tick = no_progress
) -> list[R]:
    """[function(item, context) for item in items], spread over the cores when there are many."""
    workers = worker_count(len(items))
    if workers == 1:
        results = []
        for item in items:
            results.append(function(item, context))
            tick()
        return results
    spans = [range(i, min(i + ITEMS_PER_TASK, len(items))) for i in range(0, len(items), ITEMS_PER_TASK)]
    _job.update(function=function, items=items, context=context)
    try:
        results = []
        with forked_pool(workers) as pool:
            for part in pool.imap(_run_span, spans):
                results.extend(part)
                for _ in part:
                    tick()
        return results
    finally:
        _job.clear()


def _run_span(span: range) -> list[Any]:
    function, items, context = _job["function"], _job["items"], _job["context"]
    return [function(items[i], context) for i in span]
