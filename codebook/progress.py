"""A one-line progress counter for long builds on a terminal; silent in CI, in pipes and in logs.

Stages report through a plain callable (`tick()` once per item), so they stay unaware of where,
or whether, progress is shown.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from typing import TextIO

from .reporting import printable, raw_stream

Tick = Callable[[], None]


def no_progress() -> None:
    """The tick used when nobody is watching."""


class Progress:
    """Shows 'render  1200/8000 pages' on one line, redrawn at most every `interval` seconds.

    Nothing is drawn during the first `delay` seconds of a stage, so quick builds print no line.
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        delay: float = 0.5,
        interval: float = 0.1,
    ):
        self.stream = stream or sys.stderr
        self.enabled = showing_progress(self.stream) if enabled is None else enabled
        self.delay = delay
        self.interval = interval
        self.drawn = False

    def stage(self, name: str, total: int, unit: str = "pages") -> Tick:
        """A tick function for one stage of `total` items."""
        if not self.enabled or total <= 0:
            return no_progress
        started = time.monotonic()
        state = {"done": 0, "drawn_at": 0.0}

        def tick() -> None:
            state["done"] += 1
            now = time.monotonic()
            finished = state["done"] >= total
            due = now - started >= self.delay and now - state["drawn_at"] >= self.interval
            if due or (finished and self.drawn):
                state["drawn_at"] = now
                self.draw(f"{name:<9}{state['done']:>7}/{total} {unit}")

        return tick

    def draw(self, text: str) -> None:
        """Our own redraw codes, then the text made printable (a stage name could be anything)."""
        raw_stream(self.stream).write(f"\r\x1b[K{printable(text)}")
        self.stream.flush()
        self.drawn = True

    def clear(self) -> None:
        """Remove the counter line before other output is printed."""
        if self.drawn:
            raw_stream(self.stream).write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False


def showing_progress(stream: TextIO) -> bool:
    """A person is watching: the stream is a terminal, and this is not CI or a dumb terminal."""
    in_ci = any(
        os.environ.get(name, "").lower() not in ("", "0", "false") for name in ("CI", "GITHUB_ACTIONS")
    )
    if in_ci or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())
