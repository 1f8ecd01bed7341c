"""Run `python build.py serve` as an author does, for tests: a free port, its output, a clean stop.

Everything waits on a condition with a generous deadline; nothing asserts on speed.
"""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .helpers import ROOT

DEADLINE = 90.0  # seconds: only reached when something is broken


@dataclass
class Serve:
    process: subprocess.Popen[str]
    base: str = ""
    output: list[str] = field(default_factory=list)

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base + path, timeout=30) as response:
                return response.status, response.read().decode("utf-8")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8")

    def first_event(self) -> str:
        """The state the live-reload stream sends a newly opened tab."""
        with urllib.request.urlopen(self.base + "__codebook/events", timeout=30) as stream:
            lines = []
            while (line := stream.readline().decode("utf-8").rstrip("\n")) or not lines:
                lines.append(line)
            return "\n".join(lines)

    def log(self) -> str:
        return "\n".join(self.output)


def wait_until(condition: Callable[[], object], what: str, serve: Serve | None = None) -> object:
    """Poll `condition` until it is truthy; fail with the server's output after DEADLINE."""
    end = time.monotonic() + DEADLINE
    while time.monotonic() < end:
        result = condition()
        if result:
            return result
        time.sleep(0.1)
    raise AssertionError(f"{what} did not happen within {DEADLINE:.0f} s\n{serve.log() if serve else ''}")


@contextmanager
def serving(content: Path, *args: str) -> Iterator[Serve]:
    command = [
        sys.executable,
        str(ROOT / "build.py"),
        "serve",
        "--content",
        str(content),
        "--port",
        "0",
        *args,
    ]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    serve = Serve(process)
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in process.stdout:  # type: ignore[union-attr]
            serve.output.append(line.rstrip("\n"))
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        found = wait_until(
            lambda: re.search(r"Serving codebook at (http://\S+)", serve.log()), "serve starting", serve
        )
        serve.base = found.group(1)  # type: ignore[union-attr]
        yield serve
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
