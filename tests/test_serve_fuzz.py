"""The preview's HTTP side under hostile requests: every request gets a status line, no traceback.

The real LiveServer runs in this process on 127.0.0.1 (port 0) over a tiny site folder; requests
are raw bytes on a socket, so malformed ones reach the server exactly as written. Nothing here
measures time: the socket deadline is only reached when the server is broken.
"""

from __future__ import annotations

import random
import re
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from codebook.serve import liveserver
from codebook.serve.liveserver import LiveServer, LiveState

STATUS_LINE = re.compile(rb"HTTP/1\.[01] (\d{3}) [^\r\n]*\r\n")
DEADLINE = 30.0  # seconds per socket read; only reached when the server hangs


@contextmanager
def live_server(root: Path, base: str = "/") -> Iterator[LiveServer]:
    server = LiveServer(("127.0.0.1", 0), root, base, LiveState())
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.state.stop()
        server.shutdown()
        server.server_close()


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = tmp_path / "site"
    (root / "codes").mkdir(parents=True)
    page = "<!DOCTYPE html><html><body><p>{}</p></body></html>"
    (root / "index.html").write_text(page.format("HOME-PAGE-TEXT"), encoding="utf-8")
    (root / "404.html").write_text(page.format("NOT-FOUND-TEXT"), encoding="utf-8")
    (root / "codes" / "J7500.html").write_text(page.format("SECRET-CODE-PAGE"), encoding="utf-8")
    return root


def exchange(server: LiveServer, raw: bytes) -> tuple[int, bytes]:
    """Send raw bytes; return the status and what came back (up to the first event of a stream)."""
    with socket.create_connection(server.server_address[:2], timeout=DEADLINE) as connection:
        connection.sendall(raw)
        received = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
            if b"text/event-stream" in received and b"\ndata: " in received and received.endswith(b"\n\n"):
                break  # an event stream stays open by design
    found = STATUS_LINE.match(received)
    assert found, f"no status line for {raw[:120]!r}: got {received[:200]!r} (a dropped connection?)"
    return int(found.group(1)), received


def get(server: LiveServer, path: str, host: str | None = None, *headers: str) -> tuple[int, bytes]:
    port = server.server_address[1]
    lines = [f"GET {path} HTTP/1.1", f"Host: {host if host is not None else f'127.0.0.1:{port}'}"]
    return exchange(server, ("\r\n".join([*lines, *headers, "Connection: close"]) + "\r\n\r\n").encode())


@pytest.mark.parametrize(
    "host",
    ["localhost", "localhost:{port}", "LOCALHOST:{port}", "127.0.0.1", "127.0.0.1:{port}", "[::1]:{port}"],
)
def test_local_host_names_are_served(site: Path, host: str) -> None:
    with live_server(site) as server:
        status, body = get(server, "/codes/J7500.html", host.format(port=server.server_address[1]))
    assert status == 200 and b"SECRET-CODE-PAGE" in body


@pytest.mark.parametrize(
    "host",
    [
        "evil.example",
        "evil.example:{port}",
        "127.0.0.1.evil.example:{port}",
        "localhost.evil.example",
        "localhost:1",  # another port: not this server
        "localhost:{port}:{port}",
        "[::1]evil:{port}",
        "",
    ],
)
def test_other_host_names_are_refused_without_content(site: Path, host: str) -> None:
    """DNS rebinding: a page on evil.example re-pointed at 127.0.0.1 sends Host: evil.example."""
    with live_server(site) as server:
        status, body = get(server, "/codes/J7500.html", host.format(port=server.server_address[1]))
        assert status == 400 and b"SECRET-CODE-PAGE" not in body
        status, body = exchange(server, b"GET /codes/J7500.html HTTP/1.0\r\n\r\n")  # no Host at all
        assert status == 400 and b"SECRET-CODE-PAGE" not in body


@pytest.mark.parametrize(
    ("path", "headers", "expected"),
    [
        ("/%00", (), 400),
        ("/codes/%00.html", (), 400),
        ("/" + "a" * 256 + ".html", (), 404),
        ("/codes/" + "é" * 200 + ".html", (), 404),
        ("/__codebook/events", ("Last-Event-ID: " + "9" * 5000,), 200),
    ],
)
def test_impossible_requests_get_a_status_not_a_traceback(
    site: Path, capfd: pytest.CaptureFixture[str], path: str, headers: tuple[str, ...], expected: int
) -> None:
    with live_server(site) as server:
        status, body = get(server, path, None, *headers)
        assert status == expected
        if expected == 200:
            assert b"event: state" in body, "the stream must carry on with the current state"
    assert "Traceback" not in capfd.readouterr().err


def test_the_base_path_is_escaped_in_the_live_script_tag(site: Path) -> None:
    """The command line refuses such a base path; the tag is escaped all the same."""
    with live_server(site, base='/a"b/') as server:
        status, body = get(server, "/a%22b/index.html")
    assert status == 200 and b'data-base="/a&quot;b/"' in body and b'"/a"b/' not in body


def test_event_streams_are_capped(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(liveserver, "MAX_EVENT_STREAMS", 3)
    with live_server(site) as server:
        port = server.server_address[1]
        request = f"GET /__codebook/events HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode()
        streams = [socket.create_connection(("127.0.0.1", port), timeout=DEADLINE) for _ in range(3)]
        try:
            for stream in streams:
                stream.sendall(request)
                assert STATUS_LINE.match(stream.recv(65536)).group(1) == b"200"
            assert exchange(server, request)[0] == 503  # a fourth tab
            streams.pop().close()
            assert wait_for_stream(server, request) == 200, "a closed tab frees its place"
        finally:
            for stream in streams:
                stream.close()


def wait_for_stream(server: LiveServer, request: bytes) -> int:
    """The server notices a closed stream at its next write; publish a build to cause one."""
    for _ in range(200):
        server.state.publish(("index.html",), [])
        status, _ = exchange(server, request)
        if status != 503:
            return status
        threading.Event().wait(0.05)
    return 503


# Pieces a request is made of: methods, paths, versions and headers that servers get wrong.
METHODS = ["GET", "HEAD", "POST", "PUT", "OPTIONS", "FOO", "G\x00T", "get", ""]
PATH_PARTS = [
    "/", "codes/", "J7500.html", "%00", "%ff%fe", "..", "%2e%2e/", "../../etc/passwd", "a" * 300,
    "__codebook/", "__codebook/events", "__codebook/livereload.js", "__codebook/../codes/J7500.html",
    "?q=%00", "#frag", "é", "\x01", "%", "%zz", "//", "\\", "index.html", "codes", " ",
]  # fmt: skip
VERSIONS = [
    "HTTP/1.1", "HTTP/1.0", "HTTP/0.9", "HTTP/2.0", "HTTP/1.1.1", "HTTP/x", "FTP/1.0", "",
    "HTTP/1.99999999999",
]  # fmt: skip
HEADERS = [
    "Host: localhost", "Host: 127.0.0.1:{port}", "Host: evil.example", "Host: ", "Host: [::1",
    "Last-Event-ID: 3", "Last-Event-ID: " + "7" * 5000, "Last-Event-ID: -1", "Last-Event-ID: ٣",
    "Content-Length: 5", "Content-Length: -1", "X-Junk: \x7f\x80", "no colon here", ": empty name",
    "Transfer-Encoding: chunked", "Range: bytes=0-1", "Host: " + "h" * 5000,
]  # fmt: skip


def random_request(rng: random.Random, port: int) -> bytes:
    """Two in five requests are well-formed but for the path, so the fuzz also reaches the site."""
    path = "/" + "".join(rng.choice(PATH_PARTS) for _ in range(rng.randint(0, 4)))
    plausible = rng.random() < 0.4
    method, version = ("GET", "HTTP/1.1") if plausible else (rng.choice(METHODS), rng.choice(VERSIONS))
    line = " ".join(part for part in (method, path, version) if part)
    headers = [f"Host: 127.0.0.1:{port}"] if plausible else []
    headers += [rng.choice(HEADERS).format(port=port) for _ in range(rng.randint(0, 4))]
    return ("\r\n".join([line, *headers, "Connection: close"]) + "\r\n\r\n").encode("utf-8")


def test_request_fuzz_always_gets_a_well_formed_status(site: Path, capfd: pytest.CaptureFixture[str]) -> None:
    rng = random.Random(15)  # fixed seed: the same 250 requests every run
    seen: dict[int, int] = {}
    with live_server(site) as server:
        port = server.server_address[1]
        for _ in range(250):
            status, body = exchange(server, random_request(rng, port))
            assert 200 <= status < 600 and status != 500, (status, body[:300])
            seen[status] = seen.get(status, 0) + 1
        assert get(server, "/codes/J7500.html")[0] == 200, "the server still answers afterwards"
    err = capfd.readouterr().err
    assert "Traceback" not in err and "Exception" not in err, err
    assert {200, 400, 404} <= set(seen), f"the fuzz should reach the site, errors and refusals: {seen}"
    print(f"serve fuzz: 250 requests, statuses {dict(sorted(seen.items()))}")
