"""serve's preview folder: updated in place after each build, its search indexes in a second step.

A rebuild writes the pages that changed at once; the search indexes (seconds of Pagefind work at
full size) are made afterwards by a SearchJob, and the last search files stay served meanwhile.
A job that a newer build superseded is dropped.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..blobs import DamagedBlob
from ..build import BuildOptions, BuildReport, build, search_files
from ..incremental import Store
from ..outfolder import MARKER, mark
from ..progress import Progress
from ..render import OutputFile
from ..search.stage import SearchInput


@dataclass(frozen=True)
class SearchJob:
    """The search stage of one build, made after that build's pages are written."""

    generation: int
    search: SearchInput


class Preview:
    """What serve keeps between builds: the results store, the bytes written, the search state."""

    def __init__(self, options: BuildOptions):
        self.options = options
        self.store = Store(options.cache)
        # The search step runs on another thread: it gets a store of its own.
        self.search_store = Store(options.cache)
        self.written: dict[str, bytes] = {}
        self.search_files: tuple[OutputFile, ...] = ()
        self.pending: SearchJob | None = None
        self.generation = 0

    def rebuild(self, progress: Progress | None = None) -> tuple[BuildReport, list[str]]:
        """Build, write what changed (keeping the last search files), leave a SearchJob."""
        self.store.hashes.settle()
        result = build(self.options, self.store, progress)
        try:
            changed = update_site([*result.files, *self.search_files], self.options.out, self.written)
        except DamagedBlob:  # removed by now: the next build renders that page again
            return self.rebuild(progress)
        self.generation += 1
        self.pending = SearchJob(self.generation, result.search)
        return result.report, changed

    def make_search(self, job: SearchJob) -> list[OutputFile]:
        """The slow half of a deferred search stage; touches neither the output nor `pending`."""
        return search_files(job.search, self.search_store)

    def apply_search(self, job: SearchJob, files: list[OutputFile]) -> list[str]:
        """Write a job's search files in place; none when a newer build superseded the job."""
        self.search_store.commit()
        if job.generation != self.generation:
            return []
        old = {file.path for file in self.search_files}
        self.search_files, self.pending = tuple(files), None
        kept = [OutputFile(path, content) for path, content in self.written.items() if path not in old]
        return update_site([*kept, *files], self.options.out, self.written)


def update_site(files: Iterable[OutputFile], out_dir: Path, previous: dict[str, bytes]) -> list[str]:
    """Bring `serve`'s private output folder up to date in place; return the paths that changed.

    Only files whose bytes differ from the last build are written, each atomically (a browser
    never reads half a file), and files the build no longer makes are removed. `previous` maps
    path to the bytes last written.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    if not (out_dir / MARKER).exists():
        mark(out_dir)
    current = {file.path: file for file in files}
    changed: list[str] = []
    for path, file in sorted(current.items()):
        before = previous.get(path)
        if (before is file.content or before == file.content) and (out_dir / path).is_file():
            continue
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(file.content)
        os.replace(partial, target)
        previous[path] = file.content
        changed.append(path)
    for path in sorted(set(previous) - set(current)):
        (out_dir / path).unlink(missing_ok=True)
        del previous[path]
        changed.append(path)
    return changed
