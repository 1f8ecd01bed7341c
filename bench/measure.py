"""Child processes the benchmark times, and how it times them.

`python -m bench.measure build CONTENT OUT TEMPLATES` runs one codebook build in a fresh process and
prints its report (stage timings from `BuildReport.timings`) as JSON; `serve-edit … CODE` builds
twice in one process with `serve`'s Preview (its results kept in memory), the second time after one
page changed; `python -m bench.measure floor CONTENT OUT` runs the floor: a bare single-process
jinja2 + markdown-it-py loop writing each page with one template. `run_child` starts either (or any
program) and measures wall time, the peak RSS of the largest process (exact, from wait4) and the
peak memory of the whole process tree (sampled PSS).
"""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SECONDS = 0.1


@dataclass(frozen=True)
class ChildRun:
    wall: float
    peak_rss: int  # bytes, the largest single process (the child or any process it waited for)
    peak_tree: int  # bytes, sampled PSS of the child and all its descendants together
    output: dict
    cpu: float = 0.0  # seconds, user + system, of the child and every descendant it waited for

    def as_dict(self) -> dict:
        return dataclasses.asdict(self)


def run_child(command: list[str], cwd: Path | None = None) -> ChildRun:
    """Run a command to the end; its stdout's last line is parsed as JSON when it is JSON."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, text=True)
    sampler = TreeSampler(process.pid)
    sampler.start()
    stdout = process.stdout.read() if process.stdout else ""
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    sampler.stop()
    if process.returncode != 0:
        raise RuntimeError(f"{command[:4]} exited with {process.returncode}")
    lines = stdout.strip().splitlines()
    try:
        output = json.loads(lines[-1]) if lines else {}
    except json.JSONDecodeError:
        output = {}
    cpu = usage.ru_utime + usage.ru_stime
    return ChildRun(wall, usage.ru_maxrss * 1024, sampler.peak, output, cpu)


class TreeSampler(threading.Thread):
    """Polls /proc for the process tree's proportional set size (shared pages counted once)."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(SAMPLE_SECONDS):
            self.peak = max(self.peak, sum(pss(p) for p in descendants(self.pid)))

    def stop(self) -> None:
        self.done.set()
        self.join()


def descendants(pid: int) -> list[int]:
    found, queue = [], [pid]
    while queue:
        current = queue.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        queue.extend(int(c) for c in children)
    return found


def pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def build_once(content: Path, out: Path, templates: Path) -> dict:
    """One build through codebook's own API; timings come from BuildReport.timings."""
    started = time.perf_counter()
    from codebook.build import BuildOptions, write_site

    imported = time.perf_counter()
    cache = content.resolve().parent / ".cache"
    report = write_site(BuildOptions(content=content, out=out, templates=templates, cache=cache))
    finished = time.perf_counter()
    return {
        "timings": report.timings,
        "pages": report.pages,
        "files": report.files,
        "unchanged": report.unchanged,
        "import_seconds": imported - started,
        "build_seconds": finished - imported,
    }


def serve_edit(content: Path, out: Path, templates: Path, code: str) -> dict:
    """What `serve` does on save, in one process with its Preview: the rebuild that rewrites the
    edited page, then the background step that brings the search indexes up to date."""
    from codebook.build import BuildOptions
    from codebook.serve.preview import Preview
    from codebook.serve.server import settle_heap

    from .corpus import Corpus, edit_page, restore_page

    options = BuildOptions(content=content, out=out, templates=templates, cache=None)
    preview = Preview(options)
    started = time.perf_counter()
    first, _ = preview.rebuild()
    follow(preview)
    settle_heap()
    cold = time.perf_counter() - started
    corpus = Corpus(content.parent, 0, 0)
    edit_page(corpus, code, 2)
    try:
        started = time.perf_counter()
        again, changed = preview.rebuild()
        seconds = time.perf_counter() - started
        started = time.perf_counter()
        search_changed = follow(preview)
        search_seconds = time.perf_counter() - started
    finally:
        restore_page(corpus, code)
    page = (out / "codes" / f"{code}.html").read_text(encoding="utf-8")
    return {
        "first_build_seconds": cold,
        "first_timings": first.timings,
        "build_seconds": seconds,
        "timings": again.timings,
        "changed": changed,
        "edited_page_rewritten": "Edited by the benchmark. (2)" in page,
        "search_seconds": search_seconds,
        "search_files_changed": len(search_changed),
    }


def follow(preview) -> list[str]:
    """serve's background step, run here in the foreground so it can be timed."""
    job = preview.pending
    return preview.apply_search(job, preview.make_search(job)) if job else []


FLOOR_TEMPLATE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ code }} — {{ title }}</title></head>
<body><main><h1>{{ code }} — {{ descriptor }}</h1>
{{ body|safe }}
</main></body></html>
"""


def floor_once(content: Path, out: Path) -> dict:
    """The bare loop: read, split front matter (C YAML), Markdown, one template, write."""
    import yaml
    from jinja2 import Environment
    from markdown_it import MarkdownIt

    started = time.perf_counter()
    template = Environment(autoescape=True).from_string(FLOOR_TEMPLATE)
    md = MarkdownIt("commonmark", {"html": False}).enable("table")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    out.mkdir(parents=True, exist_ok=True)
    pages = 0
    for path in sorted((content / "codes").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        data = yaml.load(front, Loader=loader)
        html = template.render(body=md.render(body), **data)
        (out / f"{path.stem}.html").write_text(html, encoding="utf-8")
        pages += 1
    return {"pages": pages, "seconds": time.perf_counter() - started}


def main(argv: list[str]) -> None:
    if argv[0] == "build":
        result = build_once(Path(argv[1]), Path(argv[2]), Path(argv[3]))
    elif argv[0] == "serve-edit":
        result = serve_edit(Path(argv[1]), Path(argv[2]), Path(argv[3]), argv[4])
    elif argv[0] == "floor":
        result = floor_once(Path(argv[1]), Path(argv[2]))
    else:
        raise SystemExit(
            "usage: python -m bench.measure build CONTENT OUT TEMPLATES | floor CONTENT OUT"
            " | serve-edit CONTENT OUT TEMPLATES CODE"
        )
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
