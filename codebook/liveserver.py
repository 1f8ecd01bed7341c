"""The preview's HTTP side: site files with the live-reload script added, and an event stream.

Pages are sent with one added <script src> (livereload.js, served from this package and never
written into a build). It listens on a server-sent event stream for each build's outcome.
"""

from __future__ import annotations

import json
import mimetypes
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

STATIC = Path(__file__).resolve().parent / "static"
LIVE = "__codebook/"
KEEPALIVE_SECONDS = 15
NO_BUILD_YET = b"<!DOCTYPE html><html lang='en'><head><title>Build failed</title></head><body></body></html>"


class LiveState:
    """The latest build as open tabs see it: a generation number, what changed, current errors."""

    def __init__(self) -> None:
        self.token = f"{time.time_ns():x}"  # a new server means every page may have changed
        self.generation = 0
        self.changes: dict[int, tuple[str, ...]] = {}
        self.problems: tuple[str, ...] = ()
        self.stopping = False
        self.condition = threading.Condition()

    def publish(self, changed: tuple[str, ...], problems: list[str] | None = None) -> None:
        """A build's outcome; problems None (a background step) leaves the current ones shown."""
        with self.condition:
            self.generation += 1
            self.changes[self.generation] = changed
            if problems is not None:
                self.problems = tuple(problems)
            self.condition.notify_all()

    def stop(self) -> None:
        with self.condition:
            self.stopping = True
            self.condition.notify_all()

    def wait_newer(self, seen: int, timeout: float) -> bool:
        with self.condition:
            return self.condition.wait_for(lambda: self.generation != seen or self.stopping, timeout)

    def snapshot(self, seen: int) -> dict[str, object]:
        """The state now, with every output path changed since generation `seen` (none for a new tab)."""
        with self.condition:
            changed = {p for g, paths in self.changes.items() if g > seen >= 0 for p in paths}
            return {
                "token": self.token,
                "generation": self.generation,
                "changed": sorted(changed),
                "problems": list(self.problems),
            }


def normal_base_path(text: str) -> str:
    """'kb', '/kb' and '/kb/' all mean '/kb/'."""
    inner = "/".join(part for part in text.split("/") if part)
    return f"/{inner}/" if inner else "/"


class LiveServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address: tuple[str, int], root: Path, base: str, state: LiveState):
        self.root = root
        self.base = base
        self.state = state
        super().__init__(address, LiveHandler)


class LiveHandler(BaseHTTPRequestHandler):
    server: LiveServer

    def log_message(self, *args: object) -> None:
        """Quiet: the terminal is for build messages."""

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def respond(self, head: bool) -> None:
        path = unquote(urlsplit(self.path).path)
        base = self.server.base
        if not path.startswith(base):
            if path.rstrip("/") == base.rstrip("/") or path == "/":
                self.send_response(302)
                self.send_header("Location", base)
                self.end_headers()
            else:
                self.send_bytes(404, b"Not under " + base.encode(), "text/plain; charset=utf-8", head)
            return
        relative = path[len(base) :]
        if relative == f"{LIVE}events":
            self.stream_events()
        elif relative.startswith(LIVE):
            self.send_static(relative[len(LIVE) :], head)
        else:
            self.send_site_file(relative, head)

    def send_site_file(self, relative: str, head: bool) -> None:
        root = self.server.root.resolve()
        target = (root / relative).resolve()
        if target.is_dir():
            target = target / "index.html"
        status = 200
        if not target.is_relative_to(root) or not target.is_file():
            status, target = 404, root / "404.html"
        content = target.read_bytes() if target.is_file() else NO_BUILD_YET
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            content = self.with_live_script(content)
        self.send_bytes(status, content, kind + ("; charset=utf-8" if kind.startswith("text/") else ""), head)

    def with_live_script(self, page: bytes) -> bytes:
        """The page plus the live-reload script, just before </body> (added only when serving)."""
        base = self.server.base
        tag = f'<script src="{base}{LIVE}livereload.js" data-base="{base}"></script>\n'.encode()
        at = page.rfind(b"</body>")
        return page[:at] + tag + page[at:] if at >= 0 else page + tag

    def send_static(self, name: str, head: bool) -> None:
        files = {"livereload.js": "text/javascript", "livereload.css": "text/css"}
        if name not in files:
            self.send_bytes(404, b"Not found", "text/plain; charset=utf-8", head)
            return
        self.send_bytes(200, (STATIC / name).read_bytes(), f"{files[name]}; charset=utf-8", head)

    def send_bytes(self, status: int, content: bytes, kind: str, head: bool) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(content)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not head:
            self.wfile.write(content)

    def stream_events(self) -> None:
        """Server-sent events: the state now, then one event per build (ids let a tab catch up)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        last = self.headers.get("Last-Event-ID", "")
        seen = int(last) if last.isdigit() else -1
        state = self.server.state
        try:
            self.send_event(state.snapshot(seen))  # a new tab learns about errors at once
            seen = state.generation
            while not state.stopping:
                if state.wait_newer(seen, KEEPALIVE_SECONDS) and not state.stopping:
                    current = state.snapshot(seen)
                    self.send_event(current)
                    seen = int(current["generation"])  # type: ignore[call-overload]
                else:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            return

    def send_event(self, state: dict[str, object]) -> None:
        self.wfile.write(f"id: {state['generation']}\nevent: state\ndata: {json.dumps(state)}\n\n".encode())
        self.wfile.flush()
