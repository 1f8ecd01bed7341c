"""A content-addressed disk cache of a stage's output files, used by the orchestration (build.py).

The search stage costs seconds however small the site is (Pagefind indexes all 8,623 CMS codes), and
its output is a pure, deterministic function of its inputs; so a build whose search inputs match an
earlier one's reuses that output. Entries are zip files named by the digest of their inputs, written
atomically; only the most recently used few are kept.
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from .render import OutputFile


@dataclass(frozen=True)
class StageCache:
    folder: Path | None
    keep: int = 12  # per stage: a few builds' worth of Pagefind parts

    def get_or_make(self, stage: str, digest: str, make: Callable[[], list[OutputFile]]) -> list[OutputFile]:
        """The cached output for this digest, else make() (then stored). folder None: always make()."""
        if self.folder is None:
            return make()
        entry = self.folder / f"{stage}-{digest}.zip"
        files = read_entry(entry)
        if files is None:
            files = make()
            self.store(stage, entry, files)
        else:
            os.utime(entry)
        return files

    def get_or_make_many(
        self, stage: str, digests: Sequence[str], make: Callable[[list[int]], list[list[OutputFile]]]
    ) -> list[list[OutputFile]]:
        """Like get_or_make for several pieces at once: make(missing) gets the numbers of the pieces
        not cached, so it can make them side by side."""
        entries = [self.folder / f"{stage}-{d}.zip" if self.folder else None for d in digests]
        found = [read_entry(e) if e else None for e in entries]
        missing = [i for i, files in enumerate(found) if files is None]
        made = dict(zip(missing, make(missing) if missing else [], strict=True))
        for i, entry in enumerate(entries):
            if entry is None:
                continue
            if i in made:
                self.store(stage, entry, made[i])
            else:
                os.utime(entry)
        return [made[i] if i in made else found[i] or [] for i in range(len(digests))]

    def store(self, stage: str, entry: Path, files: list[OutputFile]) -> None:
        temporary = None
        try:
            entry.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=entry.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_STORED) as archive:
                for file in files:
                    archive.writestr(file.path, file.content)
            os.replace(temporary, entry)
            self.prune(stage)
        except OSError:
            if temporary:
                Path(temporary).unlink(missing_ok=True)  # a cache that cannot be written only costs time

    def prune(self, stage: str) -> None:
        assert self.folder is not None
        entries = sorted(self.folder.glob(f"{stage}-*.zip"), key=lambda p: p.stat().st_mtime, reverse=True)
        for old in entries[self.keep :]:
            old.unlink(missing_ok=True)


def read_entry(entry: Path) -> list[OutputFile] | None:
    try:
        with zipfile.ZipFile(entry) as archive:
            return [OutputFile(info.filename, archive.read(info)) for info in archive.infolist()]
    except (OSError, zipfile.BadZipFile, KeyError):
        return None
