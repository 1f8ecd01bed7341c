"""Stage 6: the only code that touches the output folder.

Everything is written into a fresh folder beside the output and swapped in place of the old one,
so a failed or killed build never leaves a half-written site where the old one was:

- On Linux the swap is one atomic `renameat2(RENAME_EXCHANGE)`: at every instant `_site/` is either
  the whole old site or the whole new one. Elsewhere it falls back to two renames, with a moment
  in between when `_site/` is missing (the old site then waits in `_site.old-*`; the next build
  puts it back if the process died there).
- Leftover `_site.tmp-*` folders of a killed build are removed by the next build, under a lock so
  two builds into the same folder never delete each other's work.
- Only folders a build wrote are ever replaced or removed (outfolder.py): each site and staging
  folder carries a marker file, and a failure to write is an OutputError naming the path.
- Nothing is written through a link: an unchanged file is a hard link into the previous site, so
  every file is created new (write_new_file) and a second file at one path fails, never truncates.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .blobs import KeptFile, content_digest
from .incremental import FileState, file_state
from .outfolder import OutputError, OutputRefused, is_ours, mark, reason, refusal
from .render import OutputFile

try:
    import fcntl
except ImportError:  # Windows: no advisory locks; builds there must not run concurrently
    fcntl = None  # type: ignore[assignment]

AT_FDCWD = -100
Known = Mapping[str, tuple[FileState, str]]  # path → (state, digest) of files of the old output


@dataclass
class Digests:
    """Content digests of output files: `known`, those the last build wrote into the output (with
    each file's state then, build_history.py), and `written`, filled in by this build for the next."""

    known: Known = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)


RENAME_EXCHANGE = 2


def write_site(
    files: Iterable[OutputFile | KeptFile],
    out_dir: Path,
    later: Callable[[], Iterable[OutputFile]] | None = None,
    digests: Digests | None = None,
) -> int:
    """Write all files into a new folder, then swap it in place of out_dir. Returns the file count.

    `later` gives more files once `files` are written (the search indexes, made meanwhile on
    another thread); if it raises, nothing is swapped in. `digests`: what the last build wrote into
    out_dir, so a file it holds, untouched since, is linked without reading it; and what this
    build writes, for the next.

    Raises OutputRefused when out_dir is not the build's to replace, and OutputError when the
    system refuses a write (full disk, read-only folder); out_dir is then as it was.
    """
    out_dir = out_dir.resolve()
    try:
        out_dir.parent.mkdir(parents=True, exist_ok=True)
        with output_lock(out_dir.parent):
            problem = refusal(out_dir)  # again under the lock: the folder may have changed since
            if problem:
                raise OutputRefused(problem)
            recover_interrupted_swap(out_dir)
            return replace_folder(files, out_dir, later, digests)
    except LaterFailed as failed:
        raise failed.__cause__ from None  # not the output folder's fault: said as it was
    except OSError as failure:
        raise OutputError(f"could not write the site into {out_dir}: {reason(failure)}") from None


class LaterFailed(Exception):
    """`later` raised: its error is re-raised unchanged, never reported as a write failure."""


def replace_folder(
    files: Iterable[OutputFile | KeptFile],
    out_dir: Path,
    later: Callable[[], Iterable[OutputFile]] | None = None,
    digests: Digests | None = None,
) -> int:
    staging = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        mark(staging)  # first: a killed build's staging folder is then recognisably ours
        staging.chmod(0o755)
        previous = out_dir if out_dir.is_dir() else None
        count = write_files(files, staging, previous=previous, digests=digests)
        if later is not None:
            try:
                more = list(later())
            except Exception as failure:
                raise LaterFailed() from failure
            count += write_files(more, staging, previous=previous, digests=digests)
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


@contextlib.contextmanager
def output_lock(folder: Path) -> Iterator[None]:
    """Hold an exclusive lock on the output's parent folder; the kernel drops it if we are killed."""
    if fcntl is None:
        yield
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def write_files(
    files: Iterable[OutputFile | KeptFile],
    folder: Path,
    previous: Path | None = None,
    digests: Digests | None = None,
) -> int:
    """Write every file into folder; a file identical to the one in `previous` is hard-linked
    instead, so unchanged files keep their inode and mtime (deploy tools then skip them). With
    `digests`, a file the last build wrote with the same digest, untouched since, is linked
    without reading the old copy (nor a KeptFile's bytes)."""
    count = 0
    made: set[Path] = set()
    for file in sorted(files, key=lambda f: f.path):
        target = folder / file.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        digest = ""
        if digests is not None:
            digest = digests.written[file.path] = file_digest(file)
        if previous is None or not (
            link_if_known(previous, file.path, digest, target, digests)
            or link_if_unchanged(previous / file.path, file.content, target)
        ):
            write_new_file(target, file.content)
        count += 1
    return count


NEW_FILE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0)


def write_new_file(target: Path, content: bytes) -> None:
    """Create target and write content into it; never open an existing file. A staged file may be
    a hard link into the previous site (link_if_known): writing through it would change the old
    site's copy, so a second file with the same path fails (FileExistsError) instead."""
    descriptor = os.open(target, NEW_FILE_FLAGS, 0o666)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(content)


def file_digest(file: OutputFile | KeptFile) -> str:
    return file.digest if isinstance(file, KeptFile) else content_digest(file.content)


def link_if_known(previous: Path, path: str, digest: str, target: Path, digests: Digests | None) -> bool:
    """Hard-link previous/path to target when the last build wrote this digest there and the file
    is as it left it (size, mtime, inode); False when that is not known or it cannot."""
    entry = digests.known.get(path) if digests else None
    if entry is None or entry[1] != digest:
        return False
    old = previous / path
    try:
        if file_state(os.stat(old)) != entry[0]:
            return False
        os.link(old, target)
    except OSError:
        return False
    return True


def link_if_unchanged(old: Path, content: bytes, target: Path) -> bool:
    """Hard-link old to target when it holds exactly `content`; False when it cannot."""
    try:
        if old.stat().st_size != len(content) or old.read_bytes() != content:
            return False
        os.link(old, target)
    except OSError:
        return False
    return True


def swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    if exchange(staging, out_dir):
        shutil.rmtree(staging, ignore_errors=True)  # now holds the old site
        return
    retired = out_dir.with_name(f"{out_dir.name}.old-{os.getpid()}")
    os.rename(out_dir, retired)
    os.rename(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)


def exchange(first: Path, second: Path) -> bool:
    """Atomically swap two folders (Linux renameat2); False where the system cannot do that."""
    renameat2 = _libc_renameat2()
    if renameat2 is None:
        return False
    result = renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE)
    return result == 0


def _libc_renameat2():
    try:
        return ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError, TypeError):
        return None


def recover_interrupted_swap(out_dir: Path) -> None:
    """Remove leftovers of a killed build; if it died between the two renames, restore the old site.

    Only folders a build made are touched: a `_site.old-*` or `_site.tmp-*` of someone else's is left.
    """
    leftovers = sorted(p for p in out_dir.parent.glob(f"{out_dir.name}.old-*") if is_ours(p))
    if leftovers and not out_dir.exists():
        os.rename(leftovers.pop(), out_dir)
    staged = sorted(p for p in out_dir.parent.glob(f"{out_dir.name}.tmp-*") if is_ours(p))
    for path in leftovers + staged:
        shutil.rmtree(path, ignore_errors=True)
