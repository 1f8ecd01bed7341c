"""Issue 21's targets, each checked against one benchmark run's JSON: (target, measured, met).

Pure functions of the results dict, so the met / not met logic is tested on fixed numbers
(tests/test_bench_targets.py); `met` is None when the run did not measure what a target needs.
Ratios are taken within the run (the machine is shared: seconds across runs do not compare).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator

MB = 1024 * 1024
GB = 1024 * MB
PEER_WALL = 0.8  # cold build wall time ≤ 0.8 × Hugo + Pagefind CLI
PEER_CPU = 1.0  # and CPU (user + system) ≤ 1.0 ×
PEER_SIZES = (2000, 8000)
ONE_PAGE_SECONDS = 3.0
ONE_TEMPLATE_RATIO = 0.6  # of a cold build
PEAK_BYTES = int(1.5 * GB)
PEAK_AIM = 1 * GB
REAL_COLD_SECONDS = 10.0
REAL_NOOP_SECONDS = 0.5
GROWTH_PER_DOUBLING = 2.1
SERIES_TOP = 16000
QUERY_BYTES = 300 * 1000

Target = tuple[str, str, bool | None]


def targets(results: dict) -> list[Target]:
    """Every target of issue 21, in the issue's order."""
    return [
        *peer_targets(results),
        one_page_target(results),
        one_template_target(results),
        memory_target(results),
        *real_site_targets(results),
        growth_target(results),
        query_bytes_target(results),
    ]


def cold_at(results: dict, size: int) -> dict | None:
    return next((row for row in results["series"] if row["size"] == size), None)


def peers_at(results: dict, row: dict) -> dict | None:
    """Hugo + Pagefind at this row's N (older runs kept them once, at full size, in results["peers"])."""
    if "peers" in row:
        return row["peers"]
    return results.get("peers") if row["size"] == results["size"] else None


def peer_targets(results: dict) -> Iterator[Target]:
    for size in PEER_SIZES:
        row = cold_at(results, size)
        peers = peers_at(results, row) if row else None
        if not peers:
            yield (f"cold ≤ {PEER_WALL}× Hugo + Pagefind wall at {size:,}", "run with --peers", None)
            yield (f"cold ≤ {PEER_CPU}× Hugo + Pagefind CPU at {size:,}", "run with --peers", None)
            continue
        cold = row["cold"]
        wall = sum(run["wall"] for run in peers.values())
        cpu = sum(run.get("cpu", 0.0) for run in peers.values())
        ratio = cold["wall"] / wall
        yield (
            f"cold ≤ {PEER_WALL}× Hugo + Pagefind wall at {size:,} (aim 0.67×)",
            f"{cold['wall']:.1f} s vs {wall:.1f} s = {ratio:.2f}×",
            ratio <= PEER_WALL,
        )
        cpu_ratio = cold.get("cpu", 0.0) / cpu if cpu else math.inf
        yield (
            f"cold ≤ {PEER_CPU}× Hugo + Pagefind CPU at {size:,}",
            f"{cold.get('cpu', 0.0):.1f} s vs {cpu:.1f} s = {cpu_ratio:.2f}×",
            cpu_ratio <= PEER_CPU,
        )


def one_page_target(results: dict) -> Target:
    steps = results["incremental"]
    run = steps["runs"]["one page"]
    fresh = steps.get("edited_page_rewritten") and steps.get("search_up_to_date")
    measured = (
        f"{run['wall']:.2f} s; page rewritten: {steps.get('edited_page_rewritten')}, "
        f"search up to date: {steps.get('search_up_to_date')}"
    )
    name = f"one edited page ≤ {ONE_PAGE_SECONDS:.0f} s, every output up to date (aim 1 s)"
    return (name, measured, bool(fresh) and run["wall"] <= ONE_PAGE_SECONDS)


def one_template_target(results: dict) -> Target:
    cold = cold_at(results, results["size"])
    run = results["incremental"]["runs"]["one template"]
    if cold is None:
        return (f"one edited template ≤ {ONE_TEMPLATE_RATIO}× cold", "no cold build at full size", None)
    ratio = run["wall"] / cold["cold"]["wall"]
    return (
        f"one edited template ≤ {ONE_TEMPLATE_RATIO}× cold",
        f"{run['wall']:.1f} s vs {cold['cold']['wall']:.1f} s = {ratio:.2f}×",
        ratio <= ONE_TEMPLATE_RATIO,
    )


def codebook_runs(results: dict) -> Iterator[dict]:
    """Every run of codebook at the full size, N = --size (issue 21's targets are all "at 8,000
    pages"; the series above it shows growth, not the limit), plus the real site."""
    yield from (row["cold"] for row in results["series"] if row["size"] == results["size"])
    yield from results["incremental"]["runs"].values()
    yield from results.get("real_site", {}).values()


def memory_target(results: dict) -> Target:
    peak = max(run["peak_rss"] for run in codebook_runs(results))
    largest = max(results["series"], key=lambda row: row["size"])
    beyond = (
        f"; {largest['cold']['peak_rss'] / MB:,.0f} MB at {largest['size']:,}"
        if largest["size"] > results["size"]
        else ""
    )
    return (
        f"peak memory of any process at {results['size']:,} ≤ 1.5 GB (aim 1 GB)",
        f"{peak / MB:,.0f} MB" + (" (aim met)" if peak <= PEAK_AIM else "") + beyond,
        peak <= PEAK_BYTES,
    )


def real_site_targets(results: dict) -> Iterator[Target]:
    real = results.get("real_site")
    for step, limit in (("cold", REAL_COLD_SECONDS), ("no-op", REAL_NOOP_SECONDS)):
        name = f"real site {step} ≤ {limit:g} s"
        if not real or step not in real:
            yield (name, "not run", None)
        else:
            yield (name, f"{real[step]['wall']:.2f} s", real[step]["wall"] <= limit)


def per_doubling(small: dict, large: dict) -> float:
    """Wall-time growth scaled to one doubling of N (1,000 → 4,000 counts as two doublings)."""
    doublings = math.log2(large["size"] / small["size"])
    return (large["cold"]["wall"] / small["cold"]["wall"]) ** (1 / doublings)


def growth_target(results: dict) -> Target:
    name = f"series grows ≤ {GROWTH_PER_DOUBLING}× per doubling, up to {SERIES_TOP:,}"
    rows = results["series"]
    growth = [per_doubling(a, b) for a, b in itertools.pairwise(rows)]
    measured = (
        ", ".join(
            f"{a['size']:,}→{b['size']:,}: {g:.2f}×"
            for (a, b), g in zip(itertools.pairwise(rows), growth, strict=True)
        )
        or "one size only"
    )
    if not growth:
        return (name, measured, None)
    if rows[-1]["size"] < SERIES_TOP:
        return (name, f"{measured} (add {SERIES_TOP} to --series)", None)
    return (name, measured, all(g <= GROWTH_PER_DOUBLING for g in growth))


def query_bytes_target(results: dict) -> Target:
    name = f"bytes per typed query ≤ {QUERY_BYTES // 1000} kB over http"
    measured = (results.get("browser") or {}).get("search_query")
    if not measured:
        return (name, "not measured", None)
    return (name, f"{measured['bytes'] / 1000:.0f} kB", measured["bytes"] <= QUERY_BYTES)
