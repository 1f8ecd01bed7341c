"""`python -m bench` (or `make bench`): how fast codebook builds N code pages, cold and incremental.

Steps, each in a fresh process: for every N of the series (up to 16,000) a cold build (no .cache/,
no output) and the floor (a bare jinja2 + markdown-it-py loop); at --size also a no-op rebuild, a
rebuild after one page changed (is the page rewritten, and does its Pagefind record hold the edit?)
and one after a template changed, the output size, and the bytes a browser loads for a code page
and one search query; the project's real site cold and no-op (in a copy); with --peers, Hugo + the
Pagefind CLI on the same corpus at 2,000 and 8,000; with --baseline DIR, another checkout's cold
builds and one-page rebuild beside this one's, in the same run. Prints tables, every target of
issue 21 with met / not met (bench/targets.py), and writes everything as JSON (bench/out/results/).
Wall and CPU (user + system of the whole process tree) are both kept: this machine is shared and
noisy, so compare ratios taken within one run, not seconds across runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

from codebook.search.bundle import visible_records

from .browser import page_and_query_bytes
from .corpus import (
    EDIT_MARK,
    ROOT,
    Corpus,
    edit_page,
    edit_template,
    generate,
    reset_templates,
    restore_page,
)
from .measure import ChildRun, run_child
from .report import print_report

OUT = ROOT / "bench" / "out"
SERIES = (1000, 2000, 4000, 8000, 16000)
PEER_SIZES = (2000, 8000)
QUERY = "infusion"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=8000, help="pages in the full-size corpus (8000)")
    parser.add_argument(
        "--series", default=",".join(map(str, SERIES)), help="sizes for cold builds (comma-separated)"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (same seed, same corpus)")
    parser.add_argument("--peers", action="store_true", help="also time Hugo + Pagefind CLI (installs hugo)")
    parser.add_argument(
        "--peer-sizes", default=",".join(map(str, PEER_SIZES)), help="sizes Hugo + Pagefind is timed at"
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        help="another checkout of codebook (e.g. `git worktree add /tmp/base main`): its cold builds and "
        "one-page rebuild are timed in the same run, beside this one's",
    )
    parser.add_argument("--no-serve", action="store_true", help="skip timing serve's rebuild on save")
    parser.add_argument("--no-real", action="store_true", help="skip the real site (content/) cold and no-op")
    parser.add_argument("--no-browser", action="store_true", help="skip the bytes-loaded measurement")
    parser.add_argument("--json", type=Path, help="where to write results (default bench/out/results/)")
    return parser.parse_args(argv)


def build(corpus: Corpus, site: Path, code: Path = ROOT) -> ChildRun:
    """One build in a fresh process, with the codebook of the checkout `code` (this one by default)."""
    command = [sys.executable, "-m", "bench.measure", "build", corpus.content, site, corpus.templates]
    return run_child([str(c) for c in command], cwd=code)


def cold_build(corpus: Corpus, site: Path, code: Path = ROOT) -> ChildRun:
    shutil.rmtree(corpus.root / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    return build(corpus, site, code)


def floor(corpus: Corpus) -> ChildRun:
    out = corpus.root / "floor"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "bench.measure", "floor", str(corpus.content), str(out)]
    run = run_child(command, cwd=ROOT)
    shutil.rmtree(out, ignore_errors=True)
    return run


def edited_code(corpus: Corpus) -> str:
    return corpus.codes[len(corpus.codes) // 2]


def incremental(corpus: Corpus, site: Path, serve: bool = True) -> dict:
    """No-op, one page, one template: each after the cold build left site/ and .cache/ in place."""
    code = edited_code(corpus)
    runs = {"no-op": build(corpus, site)}
    edit_page(corpus, code, 1)
    runs["one page"] = build(corpus, site)
    page_changed = edit_text(1) in (site / "codes" / f"{code}.html").read_text("utf-8")
    search_fresh = pagefind_has(site, f"codes/{code}.html", edit_text(1))
    edit_template(corpus, 1)
    runs["one template"] = build(corpus, site)
    restore_page(corpus, code)
    reset_templates(corpus)
    if serve:
        runs["serve: one page"] = serve_edit(corpus, code)
    return {
        "edited_code": code,
        "edited_page_rewritten": page_changed,
        "search_up_to_date": search_fresh,
        "runs": runs,
    }


def serve_edit(corpus: Corpus, code: str) -> ChildRun:
    preview = corpus.root / "serve-site"
    command = [sys.executable, "-m", "bench.measure", "serve-edit", corpus.content, preview, corpus.templates]
    run = run_child([str(c) for c in [*command, code]], cwd=ROOT)
    shutil.rmtree(preview, ignore_errors=True)
    return run


def edit_text(round_: int) -> str:
    return f"{EDIT_MARK} ({round_})"


def pagefind_has(site: Path, url: str, text: str) -> bool:
    """Whether the record of `url` a search can return holds `text` (an older copy in a part's
    base is superseded: codebook/search/bundle.py), and is the only one."""
    try:
        record = visible_records(site).get(url)
    except ValueError:
        return False
    return record is not None and text in record["content"]


def baseline_runs(corpus: Corpus, code: Path) -> dict:
    """The old code's cold build and one-page rebuild at full size (its own site and cache)."""
    site = OUT / f"site-baseline-{corpus.size}"
    runs = {"cold": cold_build(corpus, site, code)}
    edited = edited_code(corpus)
    edit_page(corpus, edited, 3)
    try:
        runs["one page"] = build(corpus, site, code)
    finally:
        restore_page(corpus, edited)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(corpus.root / ".cache", ignore_errors=True)
    return {name: run.as_dict() for name, run in runs.items()}


def real_site() -> dict:
    """The project's own content/ (guides, drug pages, catalog): cold, then a no-op, in a copy, so
    the project's .cache/ and _site/ are never touched."""
    copy = Corpus(OUT / "real", 0, 0)
    shutil.rmtree(copy.root, ignore_errors=True)
    shutil.copytree(ROOT / "content", copy.content)
    reset_templates(copy)
    site = copy.root / "site"
    runs = {"cold": cold_build(copy, site), "no-op": build(copy, site)}
    return {name: run.as_dict() for name, run in runs.items()}


def output_size(site: Path) -> dict:
    files = [p for p in site.rglob("*") if p.is_file()]
    return {"files": len(files), "bytes": sum(p.stat().st_size for p in files)}


def machine() -> dict:
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return {
        "cores": len(os.sched_getaffinity(0)),
        "load_average": os.getloadavg(),
        "python": platform.python_version(),
        "commit": commit.stdout.strip(),
        "when": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    sizes = sorted(set(map(int, args.series.split(","))) | {args.size})
    peer_sizes = set(map(int, args.peer_sizes.split(","))) if args.peers else set()
    results: dict = {"machine": machine(), "size": args.size, "seed": args.seed, "series": []}
    corpora = {}
    for size in sizes:
        corpus = corpora[size] = generate(OUT / f"corpus-{size}", size, args.seed)
        results["series"].append(series_row(corpus, args, size in peer_sizes))
    corpus = corpora[args.size]
    site = OUT / f"site-{args.size}"
    if args.baseline:
        print(f"N = {args.size}: baseline cold, one page …", file=sys.stderr, flush=True)
        results["baseline"] = baseline_runs(corpus, args.baseline.resolve())
        cold_build(corpus, site)  # the incremental steps start from this code's cold build
    print(f"N = {args.size}: no-op, one page, one template …", file=sys.stderr, flush=True)
    steps = incremental(corpus, site, serve=not args.no_serve)
    steps["runs"] = {name: run.as_dict() for name, run in steps["runs"].items()}
    results["incremental"] = steps
    results["output"] = output_size(site)
    if not args.no_browser:
        results["browser"] = page_and_query_bytes(site, corpus.codes[0], QUERY)
    if not args.no_real:
        print("real site: cold, no-op …", file=sys.stderr, flush=True)
        results["real_site"] = real_site()
    results["machine"]["load_average_after"] = os.getloadavg()
    target = args.json or OUT / "results" / f"bench-{results['machine']['when'].replace(':', '')}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_report(results)
    print(f"\nResults: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


def series_row(corpus: Corpus, args: argparse.Namespace, peers: bool) -> dict:
    """Cold builds at one N: this code, the baseline's (if any) and Hugo + Pagefind (if asked),
    one after the other so that all see the same machine load; then the floor."""
    size = corpus.size
    print(f"N = {size}: cold build, floor …", file=sys.stderr, flush=True)
    site = OUT / f"site-{size}"
    row = {"size": size, "cold": cold_build(corpus, site).as_dict()}
    if args.baseline:
        base = OUT / f"site-baseline-{size}"
        row["baseline"] = cold_build(corpus, base, args.baseline.resolve()).as_dict()
        shutil.rmtree(base, ignore_errors=True)
    if peers:
        from .peers import time_peers

        print(f"N = {size}: Hugo + Pagefind CLI …", file=sys.stderr, flush=True)
        row["peers"] = {name: run.as_dict() for name, run in time_peers(corpus, OUT / f"hugo-{size}").items()}
        shutil.rmtree(OUT / f"hugo-{size}", ignore_errors=True)
    row["floor"] = floor(corpus).as_dict()
    return row


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
