"""`python -m bench` (or `make bench`): how fast codebook builds N code pages, cold and incremental.

Steps, each in a fresh process: for every N of the series a cold build (no .cache/, no output)
and the floor (a bare jinja2 + markdown-it-py loop); at the largest N also a no-op rebuild, a
rebuild after one page changed and one after a template changed, the output size, and the bytes a
browser loads for a code page and one search query; with --peers, Hugo + the Pagefind CLI on the
same corpus. Prints tables and writes everything as JSON (bench/out/results/) to compare runs.
This machine is shared and noisy: compare ratios taken within one run, not seconds across runs.
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

from .browser import page_and_query_bytes
from .corpus import ROOT, Corpus, edit_page, edit_template, generate, reset_templates, restore_page
from .measure import ChildRun, run_child
from .report import print_report

OUT = ROOT / "bench" / "out"
SERIES = (1000, 2000, 4000, 8000)
QUERY = "infusion"


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=8000, help="pages in the full-size corpus (8000)")
    parser.add_argument(
        "--series", default=",".join(map(str, SERIES)), help="sizes for cold builds (comma-separated)"
    )
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (same seed, same corpus)")
    parser.add_argument("--peers", action="store_true", help="also time Hugo + Pagefind CLI (installs hugo)")
    parser.add_argument("--no-browser", action="store_true", help="skip the bytes-loaded measurement")
    parser.add_argument("--json", type=Path, help="where to write results (default bench/out/results/)")
    return parser.parse_args(argv)


def build(corpus: Corpus, site: Path) -> ChildRun:
    command = [sys.executable, "-m", "bench.measure", "build", corpus.content, site, corpus.templates]
    return run_child([str(c) for c in command], cwd=ROOT)


def cold_build(corpus: Corpus, site: Path) -> ChildRun:
    shutil.rmtree(corpus.root / ".cache", ignore_errors=True)
    shutil.rmtree(site, ignore_errors=True)
    return build(corpus, site)


def floor(corpus: Corpus) -> ChildRun:
    out = corpus.root / "floor"
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "bench.measure", "floor", str(corpus.content), str(out)]
    run = run_child(command, cwd=ROOT)
    shutil.rmtree(out, ignore_errors=True)
    return run


def incremental(corpus: Corpus, site: Path) -> dict:
    """No-op, one page, one template: each after the cold build left site/ and .cache/ in place."""
    code = corpus.codes[len(corpus.codes) // 2]
    runs = {"no-op": build(corpus, site)}
    edit_page(corpus, code, 1)
    runs["one page"] = build(corpus, site)
    page_changed = "Edited by the benchmark. (1)" in (site / "codes" / f"{code}.html").read_text("utf-8")
    edit_template(corpus, 1)
    runs["one template"] = build(corpus, site)
    restore_page(corpus, code)
    reset_templates(corpus)
    preview = corpus.root / "serve-site"
    command = [
        sys.executable,
        "-m",
        "bench.measure",
        "serve-edit",
        corpus.content,
        preview,
        corpus.templates,
        code,
    ]
    runs["serve: one page"] = run_child([str(c) for c in command], cwd=ROOT)
    shutil.rmtree(preview, ignore_errors=True)
    return {"edited_code": code, "edited_page_rewritten": page_changed, "runs": runs}


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
    sizes = sorted({n for n in map(int, args.series.split(",")) if n < args.size} | {args.size})
    results: dict = {"machine": machine(), "size": args.size, "seed": args.seed, "series": []}
    corpus = None
    for size in sizes:
        corpus = generate(OUT / f"corpus-{size}", size, args.seed)
        site = OUT / f"site-{size}"
        print(f"N = {size}: cold build, floor …", file=sys.stderr, flush=True)
        row = {"size": size, "cold": cold_build(corpus, site).as_dict(), "floor": floor(corpus).as_dict()}
        results["series"].append(row)
    assert corpus is not None
    site = OUT / f"site-{args.size}"
    print(f"N = {args.size}: no-op, one page, one template …", file=sys.stderr, flush=True)
    steps = incremental(corpus, site)
    steps["runs"] = {name: run.as_dict() for name, run in steps["runs"].items()}
    results["incremental"] = steps
    results["output"] = output_size(site)
    if not args.no_browser:
        results["browser"] = page_and_query_bytes(site, corpus.codes[0], QUERY)
    if args.peers:
        from .peers import time_peers

        print(f"N = {args.size}: Hugo + Pagefind CLI …", file=sys.stderr, flush=True)
        peers = time_peers(corpus, OUT / f"hugo-{args.size}")
        results["peers"] = {name: run.as_dict() for name, run in peers.items()}
    results["machine"]["load_average_after"] = os.getloadavg()
    target = args.json or OUT / "results" / f"bench-{results['machine']['when'].replace(':', '')}.json"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print_report(results)
    print(f"\nResults: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
