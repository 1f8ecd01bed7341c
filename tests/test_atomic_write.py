"""A build killed with SIGKILL at any point leaves a whole _site/, and the next build cleans up.

The build runs in a child process with one stage wrapped so it prints PAUSED and waits at an exact
point (no sleeps, no timing): the test then sends SIGKILL and inspects the folder.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from .helpers import ROOT, make_content, run_build, tree_digest, valid_page, valid_trio

pytestmark = [
    pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and renameat2 are POSIX/Linux"),
    pytest.mark.slow,  # builds killed and rebuilt
]

# Runs the real CLI with one function wrapped to stop at a kill point.
DRIVER = r"""
import os, signal, sys
sys.path.insert(0, sys.argv[1])
import codebook.build as build
import codebook.write as write

point, argv = sys.argv[2], sys.argv[3:]

def pause():
    print("PAUSED", flush=True)
    while True:
        signal.pause()

if point == "render":
    real_render = build.render_pages
    def render_pages(*args, **kwargs):
        real_render(*args, **kwargs)
        pause()
    build.render_pages = render_pages
elif point == "write":
    def write_files(files, folder, **options):
        files = sorted(files, key=lambda f: f.path)
        for file in files[: len(files) // 2]:
            (folder / file.path).parent.mkdir(parents=True, exist_ok=True)
            (folder / file.path).write_bytes(file.content[: len(file.content) // 2])
        pause()
    write.write_files = write_files
elif point == "after-exchange":
    real_exchange = write.exchange
    def exchange(first, second):
        assert real_exchange(first, second), "renameat2 exchange is not available here"
        pause()
    write.exchange = exchange
elif point == "between-renames":
    write.exchange = lambda first, second: False
    class PausingOs:
        renames = 0
        def __getattr__(self, name):
            return getattr(os, name)
        def rename(self, source, target):
            os.rename(source, target)
            PausingOs.renames += 1
            if PausingOs.renames == 1:
                pause()
    write.os = PausingOs()

from codebook.cli import main
sys.exit(main(argv))
"""


def leftovers(out: Path) -> list[str]:
    return sorted(p.name for p in out.parent.iterdir() if p.name.startswith(f"{out.name}."))


def kill_build_at(point: str, content: Path, out: Path) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(ROOT), point, "--content", str(content), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    line = child.stdout.readline()
    if line.strip() != "PAUSED":
        child.kill()
        _, errors = child.communicate()
        pytest.fail(f"the build never reached {point}: {line}{errors}")
    os.kill(child.pid, signal.SIGKILL)
    child.communicate()
    assert child.returncode == -signal.SIGKILL


@pytest.fixture
def two_versions(tmp_path: Path) -> tuple[Path, Path, str, str]:
    """An old site already built into _site/, and changed content whose build gives a known new site."""
    content = make_content(tmp_path, valid_trio())
    out = tmp_path / "out" / "_site"
    assert run_build("--content", content, "--out", out).returncode == 0
    old = tree_digest(out)
    (content / "codes" / "J7500.md").write_text(valid_page("J7500", "Changed."), encoding="utf-8")
    reference_out = tmp_path / "reference" / "_site"
    assert run_build("--content", content, "--out", reference_out).returncode == 0
    new = tree_digest(reference_out)
    assert old != new
    return content, out, old, new


def assert_next_build_recovers(content: Path, out: Path, new: str) -> None:
    """The next ordinary build succeeds, writes the new site and leaves no folder of the killed one."""
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    assert tree_digest(out) == new
    assert leftovers(out) == [], "a half-written or retired folder was left behind"


@pytest.mark.parametrize("point", ["render", "write"])
def test_kill_before_the_swap_keeps_the_old_site(two_versions, point: str) -> None:
    content, out, old, new = two_versions
    kill_build_at(point, content, out)
    assert tree_digest(out) == old
    assert_next_build_recovers(content, out, new)


def test_kill_right_after_the_atomic_swap_leaves_the_new_site(two_versions) -> None:
    content, out, _old, new = two_versions
    kill_build_at("after-exchange", content, out)
    assert tree_digest(out) == new
    assert len(leftovers(out)) == 1  # the old site, waiting in _site.tmp-* for the next build
    assert_next_build_recovers(content, out, new)


def test_without_atomic_exchange_the_next_build_restores_the_old_site(two_versions) -> None:
    """The two-rename fallback (no renameat2): killed in between, _site/ is briefly missing."""
    content, out, old, new = two_versions
    kill_build_at("between-renames", content, out)
    assert not out.exists()
    (retired,) = out.parent.glob(f"{out.name}.old-*")
    assert tree_digest(retired) == old, "the old site must survive whole beside the output"
    assert_next_build_recovers(content, out, new)


def test_a_failed_build_removes_its_staging_folder(two_versions) -> None:
    content, out, old, _new = two_versions
    (content / "codes" / "J7501.md").write_text("---\ncode: [\n---\n", encoding="utf-8")
    assert run_build("--content", content, "--out", out).returncode == 1
    assert tree_digest(out) == old
    assert leftovers(out) == []
