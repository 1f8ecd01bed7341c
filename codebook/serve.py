"""`python build.py serve`: build, serve on 127.0.0.1, rebuild on every save, reload open tabs.

The preview is built into a private temporary folder (never _site/), with drafts shown. Pages are
sent with one added <script src> (livereload.js, served from this package, never written into a
build), which listens on an event stream: it reloads when its page changed and shows build errors
over the page while the last good build keeps being served.
"""

from __future__ import annotations

import errno
import json
import mimetypes
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import TemplateError, TemplateSyntaxError

from .build import BuildCache, BuildOptions, build
from .diagnostics import ContentError, Diagnostic
from .load import display_path
from .progress import Progress
from .reference import ReferenceError

STATIC = Path(__file__).resolve().parent / "static"
LIVE = "__codebook/"
KEEPALIVE_SECONDS = 15
NO_BUILD_YET = b"<!DOCTYPE html><html lang='en'><head><title>Build failed</title></head><body></body></html>"


@dataclass(frozen=True)
class ServeOptions:
    build: BuildOptions
    port: int = 8000
    base_path: str = "/"
    host: str = "127.0.0.1"


class LiveState:
    """The latest build as open tabs see it: a generation number, what changed, current errors."""

    def __init__(self) -> None:
        self.token = f"{time.time_ns():x}"  # a new server means every page may have changed
        self.generation = 0
        self.changes: dict[int, tuple[str, ...]] = {}
        self.problems: tuple[str, ...] = ()
        self.stopping = False
        self.condition = threading.Condition()

    def publish(self, changed: tuple[str, ...], problems: list[str]) -> None:
        with self.condition:
            self.generation += 1
            self.changes[self.generation] = changed
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


class Rebuilder:
    """Runs builds one at a time and tells the terminal and the open tabs how each went."""

    def __init__(self, options: BuildOptions, state: LiveState):
        self.options = options
        self.state = state
        self.cache = BuildCache()
        self.lock = threading.Lock()
        self.warned: set[Diagnostic] = set()

    def rebuild(self, reason: str = "") -> bool:
        """One build; True when it succeeded. On failure the last good output stays in place."""
        prefix = f"{time.strftime('%H:%M:%S')} {reason + ' → ' if reason else ''}"
        with self.lock:
            started = time.perf_counter()
            try:
                # Only the first, full build is long enough to want a progress counter.
                report = build(self.options, self.cache, Progress() if not reason else None)
            except Exception as failure:  # whatever broke, keep serving the last good build
                problems = failure_lines(failure)
                self.state.publish((), problems)
                say(f"{prefix}{len(problems)} problem(s); still serving the last good build:")
                for line in problems:
                    say(f"  {line}")
                return False
            seconds = time.perf_counter() - started
            self.state.publish(report.changed, [])
        self.report_warnings(report.warnings)
        if not reason:
            say(f"{prefix}built {report.pages} page(s) in {seconds:.2f} s.")
            return True
        shown = ", ".join(report.changed[:3]) + (
            f" and {len(report.changed) - 3} more" if len(report.changed) > 3 else ""
        )
        say(f"{prefix}rebuilt in {seconds:.2f} s; {shown or 'no page changed'}")
        return True

    def report_warnings(self, warnings: list[Diagnostic]) -> None:
        """New warnings in full; the ones already shown as a count, so a save is not a wall of text."""
        for warning in warnings:
            if warning not in self.warned:
                say(f"  {warning.format()}")
        known = sum(1 for w in warnings if w in self.warned)
        if known:
            say(f"  ({known} warning(s) shown before; python build.py check lists them all)")
        self.warned = set(warnings)


def failure_lines(failure: Exception) -> list[str]:
    """A failed build as lines for the terminal and the browser overlay."""
    if isinstance(failure, ContentError):
        return [problem.format() for problem in failure.diagnostics]
    if isinstance(failure, TemplateSyntaxError):
        where = display_path(Path(failure.filename)) if failure.filename else failure.name or "template"
        return [f"{where}:{failure.lineno}: template error: {failure.message}"]
    if isinstance(failure, TemplateError | ReferenceError | OSError):
        return [f"error: {failure}"]
    traceback.print_exception(failure)
    return [f"internal error: {failure!r} (details in the terminal)"]


def say(text: str) -> None:
    print(text, flush=True)


def serve(options: ServeOptions) -> int:
    base = normal_base_path(options.base_path)
    out = Path(tempfile.mkdtemp(prefix="codebook-serve-"))
    state = LiveState()
    rebuilder = Rebuilder(replace(options.build, out=out, write=True), state)
    try:
        server = LiveServer((options.host, options.port), out, base, state)
    except OSError as failure:
        shutil.rmtree(out, ignore_errors=True)
        if failure.errno == errno.EADDRINUSE:
            print(
                f"error: port {options.port} is already in use; try --port {options.port + 1}",
                file=sys.stderr,
            )
            return 2
        raise
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)  # `kill` stops it as cleanly as Ctrl+C
    try:
        folders = watched_folders(options.build)
        # Watch first: a file saved during the first build then triggers a rebuild after it.
        threading.Thread(target=watch, args=(folders, rebuilder, stop), daemon=True).start()
        rebuilder.rebuild()
        host, port = server.server_address[:2]
        drafts = "drafts shown" if options.build.drafts else "drafts left out"
        say(f"Watching {', '.join(display_path(f) + '/' for f in folders)} for changes.")
        say(f"Serving codebook at http://{host}:{port}{base} ({drafts}). Press Ctrl+C to stop.")
        server.serve_forever(poll_interval=0.2)
    except KeyboardInterrupt:
        say("Stopped.")
    finally:
        stop.set()
        state.stop()
        server.server_close()
        shutil.rmtree(out, ignore_errors=True)
    return 0


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def watched_folders(options: BuildOptions) -> list[Path]:
    return [folder for folder in (options.content, options.templates, options.assets) if folder.is_dir()]


def watch(folders: list[Path], rebuilder: Rebuilder, stop: threading.Event) -> None:
    """Rebuild after each batch of saved files (watchfiles groups an editor's burst of writes)."""
    import watchfiles

    for changes in watchfiles.watch(*folders, stop_event=stop, debounce=400, step=30, raise_interrupt=False):
        paths = {Path(path) for _, path in changes}
        # Editors save through temporary files; name the files that are still there.
        names = sorted(display_path(p) for p in paths if p.exists()) or sorted(map(display_path, paths))
        reason = names[0] if len(names) == 1 else f"{len(names)} files"
        rebuilder.rebuild(f"{reason} changed")


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
