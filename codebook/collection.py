"""The garbage collector's pace during a build.

A build holds every page's records at once (at 8,000 pages, millions of objects, most of them read
back from .cache/), and each full collection walks all of them: CPython's default pace made ten
of them, 2.1 s of a 4 s one-page rebuild. The records hold no reference cycles, so a full
collection finds nearly nothing; the young generations still collect short-lived cycles as usual.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Young (generation 1) collections between two full ones; CPython's default is 10.
FULL_COLLECTION_EVERY = 1000

_lock = threading.Lock()
_inside = 0  # builds running (serve may run one while another thread is in one)
_before = gc.get_threshold()


@contextmanager
def rare_full_collections() -> Iterator[None]:
    """Full collections at most every FULL_COLLECTION_EVERY young ones; the old pace back when the
    last build inside this leaves (a context manager or a decorator; nests, and is thread-safe)."""
    global _inside, _before
    with _lock:
        if _inside == 0:
            _before = gc.get_threshold()
            gc.set_threshold(_before[0], _before[1], max(_before[2], FULL_COLLECTION_EVERY))
        _inside += 1
    try:
        yield
    finally:
        with _lock:
            _inside -= 1
            if _inside == 0:
                gc.set_threshold(*_before)
