"""Rendered pages' bytes in .cache/, one file per content digest, read only when a file is written.

At 8,000 pages the code pages are 227 MB of HTML. Kept inside the results database, every
one-page rebuild unpickled all of them, and the write stage read every old page back to compare
bytes. Kept here instead, a page's result in the database is small (its digest, size and search
document), and the write stage hard-links an unchanged page from the last output by its digest
(write.py) without reading either copy.

The store (incremental.py) stamps each blob like a result, so the size budget prunes blobs too.

.cache is input like any other file, and may be a link to somewhere else: every blob read is
checked against its digest (a bad one is removed and DamagedBlob raised, so the build renders
that page again), and the folder is used, pruned or cleared only when it carries the marker
(MARKER) a store writes into the folder it makes, and then only files named like blobs are deleted.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path


def content_digest(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=20).hexdigest()


@dataclass(frozen=True)
class KeptFile:
    """An output file whose bytes the store keeps as a blob; `content` reads them when needed.

    The stored result has no reader (it is pickled); `Blobs.attach` gives it this build's."""

    path: str
    digest: str
    size: int
    read: Callable[[str], bytes] | None = field(default=None, compare=False, repr=False)

    @property
    def content(self) -> bytes:
        assert self.read is not None, "a stored KeptFile is attached to its store before use"
        return self.read(self.digest)


MARKER = ".codebook-blobs"
MARKER_TEXT = b"Rendered pages kept by codebook (python build.py); safe to delete.\n"
BLOB_NAME = re.compile(r"[0-9a-f]{40}(\.[0-9]+\.partial)?")
SHARD_NAME = re.compile(r"[0-9a-f]{2}")


class DamagedBlob(Exception):
    """A blob's bytes do not match its digest (edited or damaged on disk); it has been removed."""


def read_or_empty(path: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError:
        return b""


def owned_folder(folder: Path) -> Path | None:
    """folder, marked as ours, when it is missing, empty, marked, or a store's of before the marker
    (nothing but two-hex-digit shard folders); None for anyone else's, which is never touched."""
    try:
        names = {entry.name for entry in os.scandir(folder)}
    except FileNotFoundError:
        return folder  # made and marked when the first blob is written
    except OSError:
        return None
    if MARKER in names:
        return folder
    if not all(SHARD_NAME.fullmatch(name) for name in names):
        return None
    try:
        (folder / MARKER).write_bytes(MARKER_TEXT)
    except OSError:
        return None
    return folder


class Blobs:
    """Blobs by digest: in memory, and (when `folder` is set and ours) one file each below it."""

    def __init__(self, folder: Path | None):
        self.folder = owned_folder(folder) if folder is not None else None
        self.memory: dict[str, bytes] = {}
        self.new: dict[str, bytes] = {}  # made by this unit of work
        self.used: dict[str, int] = {}  # digest → size, of this unit of work

    def keep(self, path: str, content: bytes, digest: str) -> KeptFile:
        """Keep bytes (whose digest the caller computed, often in a worker) for the output file `path`."""
        self.memory[digest] = self.new[digest] = content
        self.used[digest] = len(content)
        return KeptFile(path, digest, len(content))

    def has(self, file: KeptFile) -> bool:
        """True when the blob is in memory or on disk at its size (a blob deleted or cut short by
        hand is not); marks it used."""
        if file.digest not in self.memory:
            try:
                if self.folder is None or os.stat(self.path(file.digest)).st_size != file.size:
                    return False
            except OSError:
                return False
        self.used[file.digest] = file.size
        return True

    def attach(self, file: KeptFile) -> KeptFile:
        return KeptFile(file.path, file.digest, file.size, self.read)

    def read(self, digest: str) -> bytes:
        """The blob's bytes, checked against its digest when read from disk."""
        found = self.memory.get(digest)
        if found is None:
            with open(self.path(digest), "rb") as handle:
                found = handle.read()
            if content_digest(found) != digest:
                self.remove(self.damaged())  # all of them: one rebuild then renders each again
                raise DamagedBlob(digest)
            self.memory[digest] = found
        return found

    def path(self, digest: str) -> str:
        assert self.folder is not None
        return os.path.join(self.folder, digest[:2], digest)

    def write_new(self) -> None:
        """Every new blob to disk (again, after `clear`), each written whole before it takes its name."""
        if self.folder is None or not self.new:
            return
        if not os.path.exists(os.path.join(self.folder, MARKER)):
            os.makedirs(self.folder, exist_ok=True)
            (self.folder / MARKER).write_bytes(MARKER_TEXT)
        for digest, content in self.new.items():
            target = self.path(digest)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            partial = f"{target}.{os.getpid()}.partial"
            with open(partial, "wb") as handle:
                handle.write(content)
            os.replace(partial, target)

    def end_work(self) -> None:
        """Memory trimmed to the blobs this unit of work used (serve keeps them between builds)."""
        self.memory = {d: b for d, b in self.memory.items() if d in self.used}
        self.used, self.new = {}, {}

    def remove(self, digests: Iterable[str]) -> None:
        if self.folder is None:
            return
        for digest in digests:
            self.memory.pop(digest, None)
            with suppress(OSError):
                os.unlink(self.path(digest))

    def damaged(self) -> list[str]:
        """The digests of every blob on disk whose bytes do not match (read only after one did not)."""
        return [name for name, path in self.on_disk() if content_digest(read_or_empty(path)) != name]

    def on_disk(self) -> Iterator[tuple[str, str]]:
        """(name, path) of every file named like a blob, in a shard folder of ours."""
        if self.folder is None or not os.path.isdir(self.folder):
            return
        for shard in os.scandir(self.folder):
            if SHARD_NAME.fullmatch(shard.name) and shard.is_dir(follow_symlinks=False):
                for entry in os.scandir(shard.path):
                    if BLOB_NAME.fullmatch(entry.name) and entry.is_file(follow_symlinks=False):
                        yield entry.name, entry.path

    def clear(self) -> None:
        """Every blob gone (the database that stamps them was started anew): only files named
        like blobs, in shard folders, in a folder that is ours; the marker stays."""
        shards = set()
        for _, path in list(self.on_disk()):
            shards.add(os.path.dirname(path))
            with suppress(OSError):
                os.unlink(path)
        for shard in shards:
            with suppress(OSError):
                os.rmdir(shard)  # only when empty
