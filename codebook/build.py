"""The build, read top to bottom: load → validate → link → render → index → write."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from .assets import collect_assets
from .diagnostics import ContentError, Diagnostic, errors_only
from .index import build_search
from .link import link_site
from .load import find_content_files, load_file
from .model import LoadedFile
from .publish import publishing_files
from .reference import load_reference
from .render import RenderOptions, render_site
from .validate import validate_content
from .write import write_site

PROJECT_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class BuildOptions:
    content: Path = PROJECT_ROOT / "content"
    out: Path = PROJECT_ROOT / "_site"
    templates: Path = PROJECT_ROOT / "templates"
    assets: Path = PROJECT_ROOT / "site_assets"
    base_url: str = ""
    drafts: bool = False
    write: bool = True


@dataclass
class BuildReport:
    pages: int = 0
    files: int = 0
    drafts: tuple[str, ...] = ()
    warnings: list[Diagnostic] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start


def build(options: BuildOptions) -> BuildReport:
    """Build the site, or raise ContentError listing every problem (the output is then untouched)."""
    report = BuildReport()
    with report.stage("load"):
        reference = load_reference(options.content)
        loaded, problems = load_content(options.content)
    with report.stage("validate"):
        broken = frozenset(Path(p.path).stem for p in problems)
        pages, drafts, found = validate_content(
            loaded, reference, options.content.resolve().parent, options.drafts, broken
        )
        problems = sorted(problems + found)
    report.warnings = [p for p in problems if p.severity != "error"]
    report.drafts = tuple(p.path for p in drafts)
    if errors_only(problems):
        raise ContentError(errors_only(problems))
    with report.stage("link"):
        site = link_site(pages, reference)
    with report.stage("render"):
        rendered = render_site(site, RenderOptions(options.templates, options.base_url))
    with report.stage("index"):
        search_files = build_search(rendered.documents)
    report.pages = len(pages)
    if options.write:
        with report.stage("write"):
            files = [*rendered.files, *search_files, *collect_assets(options.assets)]
            files += publishing_files(files, options.base_url, site)
            report.files = write_site(files, options.out)
    return report


def load_content(content: Path) -> tuple[list[LoadedFile], list[Diagnostic]]:
    loaded: list[LoadedFile] = []
    problems: list[Diagnostic] = []
    for path in find_content_files(content / "codes"):
        result, found = load_file(path)
        problems.extend(found)
        if result is not None:
            loaded.append(result)
    return loaded, problems
