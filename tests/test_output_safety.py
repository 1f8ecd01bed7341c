"""The output folder: a build replaces only what it wrote, and a failed write keeps the old site.

Cases that would delete real folders if a regression let them through (the project itself, its
templates) run in this process with the writer replaced by a guard, so they can only fail.
Tests run as root, which ignores permissions: unreadable and read-only folders are simulated by
making the system call fail, and the real chmod cases run only for other users.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from codebook import cli
from codebook import write as writer
from codebook.outfolder import MARKER, OutputRefused, is_ours

from .helpers import ROOT, make_content, run_build, tree_digest, valid_page, valid_trio

AS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A project folder with content, someone's docs/ and a README, as an author has it."""
    folder = tmp_path / "project"
    make_content(folder, valid_trio())
    (folder / "docs").mkdir()
    (folder / "docs" / "guide.txt").write_text("my notes\n", encoding="utf-8")
    (folder / "README.md").write_text("# mine\n", encoding="utf-8")
    return folder


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, str]:
    """Content, a site built from it, and the site's digest."""
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "out" / "_site"
    result = run_build("--content", content, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    return content, out, tree_digest(out)


def in_process(monkeypatch: pytest.MonkeyPatch, cwd: Path, *argv: str | Path) -> int:
    """The command line in this process, where the system calls can be made to fail."""
    monkeypatch.chdir(cwd)
    return cli.main([str(arg) for arg in argv])


def forbid_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    def guard(files: object, out: Path) -> int:
        raise AssertionError(f"the build went on to replace {out}")

    monkeypatch.setattr("codebook.build.write_site", guard)


@pytest.mark.parametrize(
    ("out", "says"),
    [
        (".", "is the current folder"),
        ("..", "contains the current folder"),
        ("content", "is the content folder"),
        ("content/codes", "is inside the content folder"),
        ("content/reference", "is inside the content folder"),
        ("content/newsite", "is inside the content folder"),
        ("docs", "was not written by codebook"),
        ("README.md", "is a file, not a folder"),
        ("/", "is the root of the file system"),
    ],
)
def test_build_refuses_an_output_that_is_not_its_own(project: Path, out: str, says: str) -> None:
    before = tree_digest(project)
    result = run_build("--content", "content", "--out", out, cwd=project)
    assert result.returncode == 2, result.stderr
    assert says in result.stderr and f"--out {out}" in result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(project) == before, "nothing the user owns may change"


@pytest.mark.parametrize(
    ("out", "says"),
    [
        (ROOT, "is the project folder"),
        (ROOT / "templates", "is the templates folder"),
        (ROOT / "site_assets", "is the assets folder"),
        (ROOT.parent, "contains the project folder"),
    ],
)
def test_build_refuses_to_replace_the_project_or_its_sources(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], out: Path, says: str
) -> None:
    forbid_writing(monkeypatch)
    assert in_process(monkeypatch, project, "--content", "content", "--out", out, "--no-cache") == 2
    assert says in capsys.readouterr().err


@pytest.mark.parametrize("inside", ["codes", "reference"])
def test_a_marker_never_makes_a_content_folder_replaceable(project: Path, inside: str) -> None:
    """The refusal must not suggest marking a source folder, and marking it must not help."""
    out = f"content/{inside}"
    first = run_build("--content", "content", "--out", out, cwd=project)
    assert first.returncode == 2 and MARKER not in first.stderr, first.stderr
    (project / out / MARKER).write_bytes(b"")
    before = tree_digest(project)
    result = run_build("--content", "content", "--out", out, cwd=project)
    assert result.returncode == 2 and "is inside the content folder" in result.stderr, result.stderr
    assert tree_digest(project) == before, "nothing the user owns may change"


@pytest.mark.parametrize(
    ("out", "says"),
    [
        (ROOT / "templates" / "site", "is inside the templates folder"),
        (ROOT / "site_assets" / "site", "is inside the assets folder"),
    ],
)
def test_build_refuses_an_output_inside_its_templates_or_assets(
    project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], out: Path, says: str
) -> None:
    forbid_writing(monkeypatch)
    assert in_process(monkeypatch, project, "--content", "content", "--out", out, "--no-cache") == 2
    assert says in capsys.readouterr().err


def test_build_refuses_an_output_inside_a_content_folder_given_by_path(tmp_path: Path) -> None:
    content = make_content(tmp_path / "c1", valid_trio())
    before = tree_digest(content)
    result = run_build("--content", content, "--out", content / "newsite", cwd=tmp_path)
    assert result.returncode == 2 and "is inside the content folder" in result.stderr, result.stderr
    assert tree_digest(content) == before and not (content / "newsite").exists()


def test_the_writer_itself_refuses_a_folder_it_did_not_write(project: Path) -> None:
    """Callers other than the command line (serve, scripts) get the same protection."""
    before = tree_digest(project)
    with pytest.raises(OutputRefused, match="was not written by codebook"):
        writer.write_site([], project / "docs")
    assert tree_digest(project) == before


def test_a_site_carries_the_marker_and_an_older_unmarked_site_is_replaced(built) -> None:
    content, out, _digest = built
    assert (out / MARKER).is_file()
    (out / MARKER).unlink()  # as a site built before the marker existed
    result = run_build("--content", content, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (out / MARKER).is_file()


def test_an_unmarked_site_with_other_files_is_refused(built) -> None:
    content, out, _digest = built
    (out / MARKER).unlink()
    (out / "my-notes.txt").write_text("keep me\n", encoding="utf-8")
    before = tree_digest(out)
    result = run_build("--content", content, "--out", out, "--no-cache")
    assert result.returncode == 2
    assert f"touch {out}/{MARKER}" in result.stderr, "the message says how to proceed"
    assert tree_digest(out) == before


def test_empty_and_marked_folders_are_ours_others_are_not(tmp_path: Path) -> None:
    assert is_ours(tmp_path)
    (tmp_path / "page.html").write_text("x", encoding="utf-8")
    assert not is_ours(tmp_path)
    (tmp_path / MARKER).write_text("", encoding="utf-8")
    assert is_ours(tmp_path)
    assert not is_ours(tmp_path / "page.html")


def test_folders_beside_the_output_that_are_not_ours_are_kept(built) -> None:
    """`_site.tmp-*` and `_site.old-*` are cleaned up only when a build made them."""
    content, out, _digest = built
    theirs = [out.with_name(f"{out.name}.tmp-mine"), out.with_name(f"{out.name}.old-mine")]
    for folder in theirs:
        folder.mkdir()
        (folder / "notes.txt").write_text("mine\n", encoding="utf-8")
    ours = out.with_name(f"{out.name}.tmp-x1")  # a killed build's staging folder
    ours.mkdir()
    (ours / MARKER).write_text("", encoding="utf-8")
    os.rename(out, out.with_name("moved-away"))  # _site missing: an old-* would be restored
    result = run_build("--content", content, "--out", out, "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (out / MARKER).is_file() and not (out / "notes.txt").exists(), "no foreign folder renamed in"
    for folder in theirs:
        assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine\n"
    assert not ours.exists()


@pytest.mark.parametrize("case", ["missing", "a file", "empty"])
def test_a_codes_folder_without_pages_is_an_error(tmp_path: Path, case: str) -> None:
    content = make_content(tmp_path, {})
    codes = content / "codes"
    if case != "empty":
        codes.rmdir()
    if case == "a file":
        codes.write_text("", encoding="utf-8")
    out = tmp_path / "_site"
    result = run_build("--content", "content", "--out", out, cwd=tmp_path)
    assert result.returncode == 1
    expected = {
        "missing": "content/codes/:1: the codes folder does not exist — create content/codes/",
        "a file": "content/codes/:1: the codes folder is not a folder",
        "empty": "content/codes/:1: no code page found",
    }[case]
    assert expected in result.stderr and "Traceback" not in result.stderr
    assert not out.exists()


def test_allow_empty_builds_a_new_project(tmp_path: Path) -> None:
    make_content(tmp_path, {})
    result = run_build("--content", "content", "--out", "_site", "--allow-empty", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "_site" / "index.html").is_file()


def test_an_unreadable_codes_folder_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Simulated (root reads everything): listing codes/locked/ fails as it does for chmod 000."""
    content = make_content(tmp_path, valid_trio())
    (content / "codes" / "locked").mkdir()
    real_scandir = os.scandir

    def scandir(path: object = ".") -> object:
        if Path(os.fsdecode(path)).name == "locked":
            raise PermissionError(errno.EACCES, "Permission denied", os.fsdecode(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    forbid_writing(monkeypatch)
    assert in_process(monkeypatch, tmp_path, "--content", "content", "--out", "_site", "--no-cache") == 1
    assert "content/codes/locked/:1: cannot read this folder (Permission denied)" in capsys.readouterr().err


@pytest.mark.skipif(AS_ROOT, reason="root reads any folder; the simulated test above covers it")
def test_a_chmod_000_codes_folder_is_an_error(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    locked = content / "codes" / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        result = run_build("--content", "content", "--out", "_site", cwd=tmp_path)
    finally:
        locked.chmod(0o755)
    assert result.returncode == 1 and "cannot read this folder" in result.stderr


def assert_failed_write_kept_the_site(err: str, out: Path, digest: str, reason: str) -> None:
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith(f"error: could not write the site into {out}") and reason in lines[0]
    assert tree_digest(out) == digest, "the previous site must be kept byte for byte"
    assert sorted(p.name for p in out.parent.iterdir()) == [out.name], "no staging folder left"


def test_a_full_disk_keeps_the_previous_site(
    built, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    content, out, digest = built
    (content / "codes" / "J7500.md").write_text(valid_page("J7500", "Changed."), encoding="utf-8")
    real_write_new_file = writer.write_new_file
    written = []

    def write_new_file(target: Path, data: bytes) -> None:
        """Unchanged files are hard-linked, not written: the disk is full at the second write."""
        written.append(target)
        if len(written) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_write_new_file(target, data)

    monkeypatch.setattr(writer, "write_new_file", write_new_file)
    args = ("--content", content, "--out", out, "--no-cache")
    assert in_process(monkeypatch, content.parent, *args) == 1
    assert_failed_write_kept_the_site(capsys.readouterr().err, out, digest, "No space left on device")


def test_a_read_only_output_parent_keeps_the_previous_site(
    built, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Simulated: making the staging folder beside the output is refused, as on a read-only parent."""
    content, out, digest = built

    def mkdtemp(prefix: str = "", dir: Path | None = None) -> str:
        raise PermissionError(errno.EACCES, "Permission denied", str(dir))

    monkeypatch.setattr(writer.tempfile, "mkdtemp", mkdtemp)
    assert in_process(monkeypatch, content.parent, "--content", content, "--out", out, "--no-cache") == 1
    err = capsys.readouterr().err
    assert_failed_write_kept_the_site(err, out, digest, f"Permission denied ({out.parent})")


@pytest.mark.skipif(AS_ROOT, reason="root writes anywhere; the simulated test above covers it")
def test_a_chmod_read_only_output_parent_keeps_the_previous_site(built) -> None:
    content, out, digest = built
    out.parent.chmod(0o555)
    try:
        result = run_build("--content", content, "--out", out, "--no-cache")
    finally:
        out.parent.chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert tree_digest(out) == digest
