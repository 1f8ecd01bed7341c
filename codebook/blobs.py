"""Rendered pages' bytes in .cache/, one file per content digest, read only when a file is written.

At 8,000 pages the code pages are 227 MB of HTML. Kept inside the results database, every
one-page rebuild unpickled all of them, and the write stage read every old page back to compare
bytes. Kept here instead, a page's result in the database is small (its digest, size and search
document), and the write stage hard-links an unchanged page from the last output by its digest
(write.py) without reading either copy.

The store (incremental.py) stamps each blob like a result, so the size budget prunes blobs too.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
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


class Blobs:
    """Blobs by digest: in memory, and (when `folder` is set) one file each below it."""

    def __init__(self, folder: Path | None):
        self.folder = folder
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
        found = self.memory.get(digest)
        if found is None:
            with open(self.path(digest), "rb") as handle:
                found = self.memory[digest] = handle.read()
        return found

    def path(self, digest: str) -> str:
        assert self.folder is not None
        return os.path.join(self.folder, digest[:2], digest)

    def write_new(self) -> None:
        """Every new blob to disk (again, after `clear`), each written whole before it takes its name."""
        if self.folder is None:
            return
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

    def clear(self) -> None:
        """Every blob gone (the database that stamps them was started anew)."""
        if self.folder is not None:
            shutil.rmtree(self.folder, ignore_errors=True)
