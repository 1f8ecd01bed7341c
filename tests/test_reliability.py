"""Issue 33 (reliability v3): the incremental layer and the CMS files under attack.

One test (or a few) per case of the issue, each failing before its fix: no write through a hard
link into the previous site, no traceback from `reference-diff` on a huge figure, a pipe or a FIFO,
a quiet `serve` when a client hangs up, no stale "Nothing changed", and a .cache treated as
untrusted input (every record and blob checked by its digest, nothing deleted that it did not make).
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import sqlite3
from contextlib import closing
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from codebook import build as codebook_build
from codebook import write
from codebook.blobs import content_digest
from codebook.build import BuildOptions, write_site
from codebook.cli import main
from codebook.diagnostics import ContentError
from codebook.drugs import load_drug_files
from codebook.drugs.diff import percent
from codebook.render import OutputFile
from codebook.serve.liveserver import LiveHandler, LiveServer, LiveState
from codebook.serve.preview import Preview

from .helpers import ROOT, make_content, tree_digest, valid_trio


@pytest.fixture
def project(tmp_path: Path) -> BuildOptions:
    """A small content tree, its own copy of the assets and templates, and its own .cache."""
    content = make_content(tmp_path, valid_trio())
    shutil.copytree(ROOT / "site_assets", tmp_path / "site_assets", ignore=shutil.ignore_patterns("*.mjs"))
    return BuildOptions(
        content=content,
        out=tmp_path / "_site",
        templates=ROOT / "templates",
        assets=tmp_path / "site_assets",
        cache=tmp_path / ".cache",
    )


def backed_up(site: Path, backup: Path) -> Path:
    """`cp -al site backup`: every file of the site hard-linked into backup."""
    for path in site.rglob("*"):
        if path.is_file():
            target = backup / path.relative_to(site)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.link(path, target)
    return backup


# --- 1. no write through a hard link into the previous site ---------------------------------


@pytest.mark.slow  # builds a site
@pytest.mark.parametrize(
    ("extra", "clashes_with"),
    [
        ("extra/site.css", "site_assets/css/site.css"),
        ("data/calculator-data.js", "a file the build generates"),
    ],
)
def test_two_outputs_with_one_path_are_an_error_naming_both(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, extra: str, clashes_with: str
) -> None:
    monkeypatch.chdir(tmp_path)
    write_site(project)
    backup = backed_up(project.out, tmp_path / "bak")
    before = {p: p.read_bytes() for p in backup.rglob("*") if p.is_file()}
    (project.assets / extra).parent.mkdir(parents=True, exist_ok=True)
    (project.assets / extra).write_text("/* other */\n", encoding="utf-8")
    with pytest.raises(ContentError) as failure:
        write_site(project)
    [problem] = failure.value.errors
    assert problem.path == f"site_assets/{extra}" and clashes_with in problem.message
    assert problem.message.startswith(f"this asset would be assets/{Path(extra).name}")
    assert {p: p.read_bytes() for p in backup.rglob("*") if p.is_file()} == before


def test_a_second_file_with_one_path_never_writes_through_the_link(tmp_path: Path) -> None:
    """Injected at the exact point: the first file is linked from the previous site, the second
    (same path) must not truncate that inode."""
    previous, staging = tmp_path / "old", tmp_path / "new"
    previous.mkdir()
    staging.mkdir()
    (previous / "site.css").write_bytes(b"old")
    files = [OutputFile("site.css", b"old"), OutputFile("site.css", b"/* other */")]
    with pytest.raises(FileExistsError):
        write.write_files(files, staging, previous=previous)
    assert (previous / "site.css").read_bytes() == b"old"


# --- 2–4. reference-diff: a huge figure, a pipe, a FIFO ---------------------------------------

NEXT_LIMITS = ROOT / "tests" / "fixtures" / "asp_next" / "payment-limits-2026-04.csv"


@pytest.fixture
def drug_content(tmp_path: Path) -> Path:
    content = make_content(tmp_path, valid_trio())
    shutil.rmtree(content / "reference" / "asp")
    shutil.copytree(ROOT / "tests" / "fixtures" / "asp" / "quarters", content / "reference" / "asp")
    return content


def reference_diff(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = main(["reference-diff", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_a_payment_limit_of_ten_to_the_24_is_compared_exactly(
    drug_content: Path, tmp_path: Path, capsys
) -> None:
    huge = tmp_path / "payment-limits-2026-04.csv"
    text = NEXT_LIMITS.read_bytes().replace(b"1 MG,0.190,", b"1 MG,1000000000000000000000000,")
    huge.write_bytes(text)
    status, out, err = reference_diff(capsys, huge, "--content", drug_content)
    assert status == 0, err
    assert "J7507  $0.197 → $1000000000000000000000000  (+507614213197969543147208021.83 %)" in out


def test_a_figure_of_any_size_gives_a_percentage() -> None:
    j7507 = load_drug_files(ROOT / "tests" / "fixtures" / "asp" / "quarters").drugs["J7507"].current_limit
    old = replace(j7507, limit=Decimal("0.001"), limit_text="0.001")
    new = replace(j7507, limit=Decimal("9" * 3000), limit_text="9" * 3000)
    assert percent(old, new).startswith("+" + "9" * 2000)


def test_a_pipe_is_refused_in_one_line_not_read_twice(drug_content: Path, capsys) -> None:
    read, written = os.pipe()
    with os.fdopen(written, "wb") as pipe:
        pipe.write(NEXT_LIMITS.read_bytes()[:60_000])  # fits the pipe's buffer: no writer thread
    try:
        status, _out, err = reference_diff(capsys, f"/dev/fd/{read}", "--content", drug_content)
    finally:
        os.close(read)
    assert status == 1
    assert f"/dev/fd/{read}:1: this is not a regular file (a pipe, socket or device)" in err
    assert "save it as a file first" in err and "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX named pipes")
def test_a_fifo_is_refused_without_opening_it(drug_content: Path, tmp_path: Path, capsys) -> None:
    fifo = tmp_path / "limits.csv"
    os.mkfifo(fifo)  # opening it would wait for a writer forever
    status, _out, err = reference_diff(capsys, fifo, "--content", drug_content)
    assert status == 1 and "limits.csv:1: this is not a regular file" in err


# --- 5. serve is quiet when a client hangs up ------------------------------------------------


@pytest.mark.parametrize("error", [BrokenPipeError, ConnectionResetError, ConnectionAbortedError, ValueError])
def test_serve_is_quiet_when_a_client_hangs_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capfd: pytest.CaptureFixture[str], error: type
) -> None:
    """The hang-up is injected where the answer is written; the request runs on this thread, as
    the server's own request thread runs it. Any other failure still prints its traceback."""

    def hung_up(handler: LiveHandler, head: bool) -> None:
        raise error("the client closed the connection")

    monkeypatch.setattr(LiveHandler, "respond", hung_up)
    server = LiveServer(("127.0.0.1", 0), tmp_path, "/", LiveState())
    with server, socket.create_connection(server.server_address[:2]) as client:
        client.sendall(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
        request, address = server.get_request()
        server.process_request_thread(request, address)
    printed = capfd.readouterr().err
    assert ("Traceback" in printed) == (error is ValueError), printed


# --- 7. a damaged record in .cache/results.sqlite --------------------------------------------


def damage_records(database: Path, damage) -> int:
    """Apply damage(bytes) → bytes to every stored record; the number changed."""
    with closing(sqlite3.connect(database)) as db, db:
        rows = db.execute("SELECT kind, key, value FROM results").fetchall()
        changed = [(damage(value), kind, key) for kind, key, value in rows if damage(value) != value]
        db.executemany("UPDATE results SET value = ? WHERE kind = ? AND key = ?", changed)
    return len(changed)


@pytest.mark.slow  # builds a site
@pytest.mark.parametrize(
    "damage",
    [
        lambda value: value.replace(b"Original text", b"Original\xfftext"),  # not UTF-8 any more
        lambda value: value.replace(b"Azathioprine oral 50mg", b"Azathioprine ORAL 99mg"),
    ],
    ids=["one byte made invalid", "same-length edit"],
)
def test_a_damaged_record_is_made_again_never_trusted(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage
) -> None:
    monkeypatch.chdir(tmp_path)
    write_site(project)
    clean = tree_digest(project.out, skip="pagefind/")
    assert damage_records(project.cache / "results.sqlite", damage) > 0
    shutil.rmtree(project.out)
    write_site(project)  # no traceback, no false content error
    assert tree_digest(project.out, skip="pagefind/") == clean
    write_site(project)  # and the records made again are sound
    assert tree_digest(project.out, skip="pagefind/") == clean


# --- 8. .cache as untrusted input: a link elsewhere, edited blobs ------------------------------


@pytest.mark.slow  # builds a site
def test_a_cache_linked_elsewhere_deletes_only_what_it_made(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    elsewhere = tmp_path / "someone"
    (elsewhere / "blobs" / "ab").mkdir(parents=True)
    (elsewhere / "blobs" / "notes.txt").write_text("mine\n", encoding="utf-8")
    (elsewhere / "blobs" / "ab" / "draft.txt").write_text("mine too\n", encoding="utf-8")
    project.cache.symlink_to(elsewhere, target_is_directory=True)
    write_site(project)  # a new database: the old blobs are cleared
    (project.cache / "results.sqlite").unlink()
    shutil.rmtree(project.out)
    write_site(project)
    assert (elsewhere / "blobs" / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert (elsewhere / "blobs" / "ab" / "draft.txt").read_text(encoding="utf-8") == "mine too\n"
    assert (project.out / "codes" / "J7500.html").is_file()


@pytest.mark.slow  # builds a site
def test_a_blob_edited_to_the_same_size_is_never_published(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_site(project)
    clean = tree_digest(project.out, skip="pagefind/")
    blobs = [p for p in (project.cache / "blobs").rglob("*") if p.is_file() and len(p.name) == 40]
    assert blobs
    for blob in blobs:
        page = blob.read_bytes()
        blob.write_bytes(page.replace(b"Original text", b"Forged!! text"))  # same size
    shutil.rmtree(project.out)
    write_site(project)
    assert tree_digest(project.out, skip="pagefind/") == clean
    assert all(content_digest(blob.read_bytes()) == blob.name for blob in blobs if blob.exists())


# --- 6. no stale "Nothing changed" after a save during a build --------------------------------


@pytest.mark.slow  # builds a site
def test_a_save_during_a_build_then_undone_is_built_again(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save is injected at the exact point: after the fingerprint, before the pages are read."""
    monkeypatch.chdir(tmp_path)
    page = project.content / "codes" / "J7500.md"
    v1 = page.read_text(encoding="utf-8")
    v2 = v1.replace("Original text about definition", "Saved mid-build: text about definition")
    real_build = codebook_build.build

    def saved_meanwhile(*args, **kwargs):
        page.write_text(v2, encoding="utf-8")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(codebook_build, "build", saved_meanwhile)
    write_site(project)
    monkeypatch.setattr(codebook_build, "build", real_build)
    assert "Saved mid-build" in (project.out / "codes" / "J7500.html").read_text(encoding="utf-8")
    page.write_text(v1, encoding="utf-8")  # undone
    report = write_site(project)
    assert not report.unchanged
    assert "Saved mid-build" not in (project.out / "codes" / "J7500.html").read_text(encoding="utf-8")
    assert write_site(project).unchanged  # the build that read settled files is recorded


# --- lower severity: control characters in CMS names ------------------------------------------


@pytest.mark.slow  # builds a site
def test_control_characters_in_cms_names_are_shown_escaped_and_counted(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    crosswalk = project.content / "reference" / "asp" / "ndc-hcpcs-crosswalk-2026-01.csv"
    raw = crosswalk.read_bytes()
    raw = raw.replace(
        b'"Amneal Pharmaceuticals, LLC",60219-1076-01,Azathioprine,',
        b'"Amneal\x1b[2J, LLC",60219-1076-01,Aza\x07\x81thioprine,',
    )
    crosswalk.write_bytes(raw)
    result = codebook_build.build(project)
    page = next(f.content for f in result.files if f.path == "codes/J7500.html").decode("utf-8")
    assert "Amneal\\x1b[2J, LLC" in page and "Aza\\x07\\x81thioprine" in page
    assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
    flagged = [w for w in result.report.data_warnings if "control character" in w.message]
    assert len(flagged) == 2 and all(w.path.endswith("ndc-hcpcs-crosswalk-2026-01.csv") for w in flagged)


# --- lower severity: a drug file that is not one gets a drug file's advice ---------------------

HEADER_ONLY = (
    b"HCPCS Code,Short Description,HCPCS Code Dosage,Payment Limit,Co-insurance Percentage,Notes\r\n"
)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"\x00\x01\x02binary", "the file is UTF-16 or binary, not CMS's Latin-1 text"),
        (
            "HCPCS Code,Payment Limit\r\n".encode("utf-16"),
            "the file is UTF-16 or binary, not CMS's Latin-1 text",
        ),
        (HEADER_ONLY, "the payment-limit file has its header but no rows"),
    ],
    ids=["empty", "binary", "utf-16", "header only"],
)
def test_a_drug_file_that_is_not_one_gets_a_drug_files_advice(
    drug_content: Path, tmp_path: Path, capsys, raw: bytes, message: str
) -> None:
    new = tmp_path / "payment-limits-2026-04.csv"
    new.write_bytes(raw)
    status, _out, err = reference_diff(capsys, new, "--content", drug_content)
    assert status == 1 and f"payment-limits-2026-04.csv:1: {message} — a CMS drug file is" in err
    hcpcs_advice = ("hcpcs_level2_full.csv", "convert the CMS file", "save it as UTF-8")
    assert not [words for words in hcpcs_advice if words in err]


# --- lower severity: a topic named index.md ----------------------------------------------------


@pytest.mark.parametrize("name", ["index.md", "Index.md"])
def test_a_topic_named_index_is_told_why_and_what_to_name_it(tmp_path: Path, name: str) -> None:
    content = make_content(tmp_path, valid_trio())
    (content / "topics").mkdir()
    topic = sorted((ROOT / "content" / "topics").glob("*.md"))[0].read_text(encoding="utf-8")
    (content / "topics" / name).write_text(topic, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        codebook_build.build(BuildOptions(content=content, out=tmp_path / "_site", cache=None))
    [fix] = [p.fix for p in raised.value.errors if "topic file name" in p.message]
    assert fix == "name it after its subject, in lower-case words joined by hyphens, e.g. jw-and-jz.md"


@pytest.mark.slow  # builds a site
def test_serve_renders_a_page_again_when_its_blob_was_edited(
    project: BuildOptions, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = Preview(replace(project, out=tmp_path / "preview-1"))
    first.rebuild()
    for blob in (project.cache / "blobs").rglob("*"):
        if blob.is_file() and len(blob.name) == 40:
            blob.write_bytes(blob.read_bytes().replace(b"Original text", b"Forged!! text"))
    second = Preview(replace(project, out=tmp_path / "preview-2"))  # a new serve, the same .cache
    second.rebuild()
    page = "codes/J7500.html"
    assert (second.options.out / page).read_bytes() == (first.options.out / page).read_bytes()
