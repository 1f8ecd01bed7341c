"""Skip a command-line build whose inputs and output are exactly as its last build left them.

One fingerprint covers every input of a build: the content tree (pages, reference tables,
categories), templates, static assets, the generator's own source, the versions of the libraries
that shape the output, and the build options. When it matches the last successful build into the
same output folder, and that folder is still exactly as the build left it (every file's size,
mtime and inode), the build is skipped and the last report returned. The records live in the
incremental layer's store (.cache/), and file contents are hashed through its FileHashes.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .incremental import RACY_NS, FileState, Store, file_state, source_key, tree_files


def tree_state(folder: Path) -> dict[str, FileState]:
    """Every output file's size, mtime and inode, by path relative to folder."""
    base = str(folder)
    return {name: file_state(os.stat(os.path.join(base, name))) for name in tree_files(folder)}


@dataclass(frozen=True)
class Fingerprint:
    key: str
    files: int


class BuildHistory:
    """Per output folder, the fingerprint, output state and report of its last successful build."""

    def __init__(self, store: Store):
        self.store = store

    def fingerprint(self, inputs: tuple[Path, ...], options: Any) -> Fingerprint:
        """One hash over every input file's path and content, the generator and the options."""
        hasher = hashlib.blake2b(digest_size=20)
        # The working folder is an input too: messages name files relative to it.
        hasher.update(f"{source_key()}\n{options!r}\n{os.getcwd()}\n".encode("utf-8", "surrogatepass"))
        count = 0
        for folder in inputs:
            base = str(folder)
            for name in tree_files(folder):
                hasher.update(
                    f"{name}\0{self.store.hashes.digest(os.path.join(base, name))}\n".encode(
                        "utf-8", "surrogatepass"
                    )
                )
                count += 1
        return Fingerprint(hasher.hexdigest(), count)

    def last_build(self, fingerprint: Fingerprint, out: Path) -> Any | None:
        """The report of the last build into `out` if it had these inputs and `out` is untouched."""
        record = self.store.get("history", self._key(out))
        if not record or record["fingerprint"] != fingerprint.key or not out.is_dir():
            return None
        return record["report"] if tree_state(out) == record["output"] else None

    def remember(
        self, fingerprint: Fingerprint, out: Path, report: Any, digests: Mapping[str, str] | None = None
    ) -> None:
        """Also `digests`: path → content digest of the files written (write.py links them unread)."""
        record = {"fingerprint": fingerprint.key, "output": tree_state(out), "report": report}
        record.update(digests=dict(digests or {}), at=time.time_ns())
        self.store.put("history", self._key(out), record)

    def known_files(self, out: Path) -> dict[str, tuple[FileState, str]]:
        """Path → (state, digest) of the files the last build wrote into `out`. A file whose
        mtime is within RACY_NS of the record is left out: a change made in the same clock tick
        would not show in its mtime (git's "racy clean" rule)."""
        record = self.store.get("history", self._key(out))
        if not record or "digests" not in record:
            return {}
        output, limit = record["output"], record["at"] - RACY_NS
        return {
            path: (output[path], digest)
            for path, digest in record["digests"].items()
            if path in output and output[path][1] < limit
        }

    def _key(self, out: Path) -> str:
        return str(out.resolve())
