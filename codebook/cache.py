"""Content hashes in .cache/, so a build whose inputs did not change does no work.

One fingerprint covers every input of a build: the content tree (pages, reference tables,
categories), templates, static assets, the generator's own source, the versions of the libraries
that shape the output, and the build options. When it matches the last successful build into the
same output folder, and that folder is still exactly as the build left it (every file's size,
mtime and inode), the build is skipped and the last report returned.

File hashes are kept with each file's size and mtime, so an unchanged file is not read again;
a file modified within two seconds of being hashed is always re-read (git's "racy clean" rule).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from stat import S_ISREG
from typing import Any

CACHE_VERSION = 1
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown-it-py", "pyyaml", "pagefind", "pagefind-bin")
RACY_NS = 2_000_000_000

FileState = tuple[int, int, int]  # size, mtime_ns, inode


def file_state(stat: os.stat_result) -> FileState:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


def tree_files(folder: Path) -> list[str]:
    """Every file below folder as a sorted relative path ('codes/J7507.md'); a missing folder has
    none. Plain strings: at 18,000 output files pathlib's overhead was most of a no-op build."""
    base = str(folder)
    found: list[str] = []
    for root, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        inner = root[len(base) + 1 :].replace(os.sep, "/")
        prefix = f"{inner}/" if inner else ""
        found.extend(prefix + name for name in files if not name.endswith(".pyc"))
    return sorted(found)


def tree_state(folder: Path) -> dict[str, FileState]:
    """Every output file's size, mtime and inode, by path relative to folder."""
    base = str(folder)
    return {name: file_state(os.stat(os.path.join(base, name))) for name in tree_files(folder)}


@dataclass(frozen=True)
class Fingerprint:
    key: str
    files: int


class FileHashes:
    """Content hashes of input files, re-reading only files whose size or mtime changed."""

    def __init__(self, known: dict[str, tuple[FileState, int, str]]):
        self.known = known
        self.used: set[str] = set()
        self.now = time.time_ns()

    def kept(self) -> dict[str, tuple[FileState, int, str]]:
        """The hashes this build used: files of other trees (tests, benchmarks) are not kept."""
        return {path: entry for path, entry in self.known.items() if path in self.used}

    def digest(self, path: str) -> str:
        """The content hash; a file that cannot be read (a symlink loop) hashes as such, and the
        build proper says what is wrong with it."""
        try:
            return self._digest(path)
        except OSError as failure:
            return f"unreadable {failure.errno}"

    def _digest(self, path: str) -> str:
        stat = os.stat(path)
        if not S_ISREG(stat.st_mode):
            return f"not a regular file {stat.st_mode:o}"  # a FIFO would block a read forever
        state = file_state(stat)
        self.used.add(path)
        entry = self.known.get(path)
        if entry and entry[0] == state and stat.st_mtime_ns < entry[1] - RACY_NS:
            return entry[2]
        with open(path, "rb") as handle:
            digest = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
        self.known[path] = (state, self.now, digest)
        return digest


class BuildHistory:
    """The .cache/ folder: file hashes and, per output folder, the last successful build (the
    most recent few output folders only: tests and benchmarks build into many)."""

    keep = 8

    def __init__(self, folder: Path):
        self.folder = folder
        self.hashes = FileHashes(self._read("file-hashes") or {})

    def fingerprint(self, inputs: tuple[Path, ...], options: Any) -> Fingerprint:
        """One hash over every input file's path and content, the libraries and the options."""
        hasher = hashlib.blake2b(digest_size=20)
        # The working folder is an input too: messages name files relative to it.
        hasher.update(f"{CACHE_VERSION}\n{options!r}\n{os.getcwd()}\n".encode())
        for name in LIBRARIES:
            hasher.update(f"{name}={_version(name)}\n".encode())
        count = 0
        for folder in (PACKAGE, *inputs):
            base = str(folder)
            for name in tree_files(folder):
                hasher.update(f"{name}\0{self.hashes.digest(os.path.join(base, name))}\n".encode())
                count += 1
        return Fingerprint(hasher.hexdigest(), count)

    def last_build(self, fingerprint: Fingerprint, out: Path) -> Any | None:
        """The report of the last build into `out` if it had these inputs and `out` is untouched."""
        record = self._read(self._build_name(out))
        if not record or record["fingerprint"] != fingerprint.key or not out.is_dir():
            return None
        return record["report"] if tree_state(out) == record["output"] else None

    def remember(self, fingerprint: Fingerprint, out: Path, report: Any) -> None:
        record = {"fingerprint": fingerprint.key, "output": tree_state(out), "report": report}
        self._write(self._build_name(out), record)
        self._write("file-hashes", self.hashes.kept())
        records = sorted(self.folder.glob("build-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in records[self.keep :]:
            old.unlink(missing_ok=True)

    def _build_name(self, out: Path) -> str:
        return "build-" + hashlib.blake2b(str(out.resolve()).encode(), digest_size=8).hexdigest()

    def _read(self, name: str) -> Any:
        try:
            with (self.folder / f"{name}.pickle").open("rb") as handle:
                return pickle.load(handle)
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            return None  # a missing or stale cache only costs a full build

    def _write(self, name: str, value: Any) -> None:
        """Write beside, then rename: a killed build never leaves half a cache file."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.folder / f"{name}.pickle"
        partial = target.with_name(f"{target.name}.{os.getpid()}.tmp")
        partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        os.replace(partial, target)


def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"
