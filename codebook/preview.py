"""serve's preview folder: updated in place after each build, its search indexes in a second step.

A rebuild writes the pages that changed at once; the search indexes (seconds of Pagefind work at
full size) are made afterwards by a SearchJob, and the last search files stay served meanwhile.
A job that a newer build superseded is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

from .build import BuildOptions, BuildReport, build, search_files
from .incremental import Store
from .index import SearchInput
from .progress import Progress
from .render import OutputFile
from .write import update_site


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
        result = build(self.options, self.store, progress)
        changed = update_site([*result.files, *self.search_files], self.options.out, self.written)
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
