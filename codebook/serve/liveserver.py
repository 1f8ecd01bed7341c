"""The preview's HTTP side: site files with the live-reload script added, and an event stream.

Pages are sent with one added <script src> (livereload.js, served from this package and never
written into a build). It listens on a server-sent event stream for each build's outcome.

Only requests addressed to this machine by a local name are answered (a web page elsewhere could
otherwise rebind its own host name to 127.0.0.1 and read the preview), and any request, however
malformed, gets a status line, never a dropped connection with a traceback.
"""

from __future__ import annotations

import html
import json
import mimetypes
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

STATIC = Path(__file__).resolve().parent / "static"
LIVE = "__codebook/"
KEEPALIVE_SECONDS = 15
MAX_EVENT_STREAMS = 64  # open tabs a preview serves at once; each holds one thread
MAX_EVENT_ID_DIGITS = 18  # a generation number fits; more is not one of ours
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "[::1]"})
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
        self.streams = threading.BoundedSemaphore(MAX_EVENT_STREAMS)
        super().__init__(address, LiveHandler)

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet when the client hung up mid-answer (a browser aborting a load, a closed tab):
        that is no fault of the preview. Anything else is printed as the standard server does."""
        if isinstance(sys.exc_info()[1], ConnectionError):  # BrokenPipe, ConnectionReset/Aborted
            return
        super().handle_error(request, client_address)  # type: ignore[arg-type]

    def accepts_host(self, header: str | None) -> bool:
        """True for a Host header naming this machine locally, with this server's port or none."""
        if not header:
            return False
        name, port = header.lower(), ""
        if ":" in name and not name.endswith("]"):
            name, port = name.rsplit(":", 1)
        bound, bound_port = self.server_address[:2]
        names = LOCAL_HOSTS | {bound, f"[{bound}]"}
        return name in names and port in ("", str(bound_port))


class LiveHandler(BaseHTTPRequestHandler):
    server: LiveServer
    # The standard default (HTTP/0.9) answers a request line it cannot parse with a bare body
    # and no status line; every answer here starts with one.
    default_request_version = "HTTP/1.0"

    def log_message(self, *args: object) -> None:
        """Quiet: the terminal is for build messages."""

    def parse_request(self) -> bool:
        """The standard parser, except that a blank or HTTP/0.9 request line ("GET /") gets a 400
        status line too: the standard one closes silently or answers 0.9's bare, statusless body."""
        words = self.raw_requestline.split()
        if len(words) < 3 or words[-1] == b"HTTP/0.9":
            self.command, self.request_version, self.close_connection = None, "HTTP/1.0", True
            self.requestline = str(self.raw_requestline, "iso-8859-1").rstrip("\r\n")
            self.send_error(400, "Bad request line")
            return False
        return super().parse_request()

    def do_HEAD(self) -> None:
        self.respond(head=True)

    def do_GET(self) -> None:
        self.respond(head=False)

    def respond(self, head: bool) -> None:
        if not self.server.accepts_host(self.headers.get("Host")):
            message = b"This preview answers only to localhost or 127.0.0.1."
            self.send_bytes(400, message, "text/plain; charset=utf-8", head)
            return
        path = unquote(urlsplit(self.path).path)
        base = self.server.base
        if "\0" in path:
            self.send_bytes(400, b"Bad path", "text/plain; charset=utf-8", head)
        elif not path.startswith(base):
            if path.rstrip("/") == base.rstrip("/") or path == "/":
                self.send_response(302)
                self.send_header("Location", base)
                self.send_header("Content-Length", "0")
                self.end_headers()
            else:
                self.send_bytes(404, b"Not under " + base.encode(), "text/plain; charset=utf-8", head)
        elif path[len(base) :] == f"{LIVE}events":
            self.stream_events()
        elif path[len(base) :].startswith(LIVE):
            self.send_static(path[len(base) + len(LIVE) :], head)
        else:
            self.send_site_file(path[len(base) :], head)

    def send_site_file(self, relative: str, head: bool) -> None:
        root = self.server.root.resolve()
        try:
            target = site_file(root, relative)
        except (OSError, ValueError):  # a name too long for the system, or otherwise impossible
            target = None
        status = 200
        if target is None:
            status, target = 404, root / "404.html"
        content = read_or(target, NO_BUILD_YET)
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind == "text/html":
            content = self.with_live_script(content)
        self.send_bytes(status, content, kind + ("; charset=utf-8" if kind.startswith("text/") else ""), head)

    def with_live_script(self, page: bytes) -> bytes:
        """The page plus the live-reload script, just before </body> (added only when serving)."""
        base = html.escape(self.server.base)  # checked at start-up; escaped all the same
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
        """Server-sent events for at most MAX_EVENT_STREAMS tabs at once (each holds a thread)."""
        if not self.server.streams.acquire(blocking=False):
            self.send_bytes(503, b"Too many open previews", "text/plain; charset=utf-8", False)
            return
        try:
            self.follow_state()
        except OSError:  # the tab went away
            return
        finally:
            self.server.streams.release()

    def follow_state(self) -> None:
        """The state now, then one event per build (ids let a tab catch up)."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        last = self.headers.get("Last-Event-ID", "")
        seen = int(last) if last.isascii() and last.isdigit() and len(last) <= MAX_EVENT_ID_DIGITS else -1
        state = self.server.state
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

    def send_event(self, state: dict[str, object]) -> None:
        self.wfile.write(f"id: {state['generation']}\nevent: state\ndata: {json.dumps(state)}\n\n".encode())
        self.wfile.flush()


def site_file(root: Path, relative: str) -> Path | None:
    """The file a request path names inside root (a folder means its index.html); None if none."""
    target = (root / relative).resolve()
    if target.is_dir():
        target = target / "index.html"
    if not target.is_relative_to(root) or not target.is_file():
        return None
    return target


def read_or(path: Path, fallback: bytes) -> bytes:
    """A file's bytes, or fallback when it is missing (no build yet, or removed by a rebuild)."""
    try:
        return path.read_bytes()
    except OSError:
        return fallback
