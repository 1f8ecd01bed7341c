"""Tables and target checks from one benchmark run's JSON (`python -m bench.report FILE` reprints one)."""

from __future__ import annotations

import itertools
import json
import sys
from pathlib import Path

STAGES = ("cache", "load", "validate", "link", "render", "index", "write")
MB = 1024 * 1024


def stage_columns(timings: dict[str, float]) -> list[str]:
    """The known stages in pipeline order, then any stage a newer build reports."""
    return [s for s in STAGES if s in timings] + sorted(set(timings) - set(STAGES))


def table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    lines = [" | ".join(str(c).rjust(w) for c, w in zip(row, widths, strict=True)) for row in [header, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)


def series_table(results: dict) -> str:
    stages = stage_columns({k: 0 for row in results["series"] for k in row["cold"]["output"]["timings"]})
    header = ["N", *stages, "build s", "wall s", "x prev", "peak MB", "tree MB", "floor s", "render/floor"]
    rows, previous = [], None
    for row in results["series"]:
        cold, timings = row["cold"], row["cold"]["output"]["timings"]
        growth = f"{cold['wall'] / previous:.2f}" if previous else "-"
        previous = cold["wall"]
        rows.append(
            [
                row["size"],
                *(f"{timings.get(s, 0):.2f}" for s in stages),
                f"{cold['output']['build_seconds']:.2f}",
                f"{cold['wall']:.2f}",
                growth,
                f"{cold['peak_rss'] / MB:.0f}",
                f"{cold['peak_tree'] / MB:.0f}",
                f"{row['floor']['wall']:.2f}",
                f"{timings.get('render', 0) / row['floor']['output']['seconds']:.2f}",
            ]
        )
    return table(header, rows)


def incremental_table(results: dict) -> str:
    runs = results["incremental"]["runs"]
    stages = stage_columns({k: 0 for run in runs.values() for k in run["output"]["timings"]})
    header = ["rebuild", *stages, "build s", "wall s", "peak MB", "skipped"]  # serve: wall has 2 builds
    rows = [
        [
            name,
            *(f"{run['output']['timings'].get(s, 0):.2f}" for s in stages),
            f"{run['output']['build_seconds']:.2f}",
            f"{run['wall']:.2f}",
            f"{run['peak_rss'] / MB:.0f}",
            "yes" if run["output"].get("unchanged") else "no",
        ]
        for name, run in runs.items()
    ]
    return table(header, rows)


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, measured, met) for each target of the issue; met is None when not measured."""
    full = results["series"][-1]
    cold, timings = full["cold"], full["cold"]["output"]["timings"]
    runs = results["incremental"]["runs"]
    render_ratio = timings.get("render", 0) / full["floor"]["output"]["seconds"]
    checks: list[tuple[str, str, bool | None]] = []
    peers = results.get("peers")
    if peers:
        peer_wall = peers["hugo"]["wall"] + peers["pagefind"]["wall"]
        peer_peak = max(peers["hugo"]["peak_rss"], peers["pagefind"]["peak_rss"])
        ratio = cold["wall"] / peer_wall
        checks.append(
            (
                "cold build ≤ Hugo + Pagefind (aim ≤ 0.67)",
                f"{cold['wall']:.1f} s vs {peer_wall:.1f} s = {ratio:.2f}",
                ratio <= 1.0,
            )
        )
        checks.append(
            (
                "peak memory ≤ Hugo + Pagefind's peak",
                f"{cold['peak_rss'] / MB:.0f} MB vs {peer_peak / MB:.0f} MB",
                cold["peak_rss"] <= peer_peak,
            )
        )
    else:
        checks.append(("cold build ≤ Hugo + Pagefind", "run with --peers", None))
    checks.append(
        ("render stage ≤ 0.6 × bare loop", f"{render_ratio:.2f}", render_ratio <= 0.6),
    )
    checks.append(("no-op rebuild ≤ 1 s", f"{runs['no-op']['wall']:.2f} s", runs["no-op"]["wall"] <= 1.0))
    cli, serve = runs["one page"], runs.get("serve: one page")
    measured = f"command line {cli['wall']:.2f} s"
    page_ok = cli["wall"] <= 1.0 and results["incremental"]["edited_page_rewritten"]
    if serve:
        measured += f"; serve {serve['output']['build_seconds']:.2f} s"
        if "search_seconds" in serve["output"]:
            measured += f" (its search indexes follow {serve['output']['search_seconds']:.1f} s later)"
        page_ok = page_ok or (
            serve["output"]["build_seconds"] <= 1.0 and serve["output"]["edited_page_rewritten"]
        )
    checks.append(("one edited page rewritten ≤ 1 s", measured, page_ok))
    peak = cold["peak_rss"]
    checks.append(("peak memory ≤ 1 GB (aim)", f"{peak / MB:.0f} MB", peak <= 1024 * MB))
    steps = list(itertools.pairwise(results["series"]))
    growth = [b["cold"]["wall"] / a["cold"]["wall"] for a, b in steps]
    sizes = [b["size"] / a["size"] for a, b in steps]
    linear = all(g <= 1.35 * s for g, s in zip(growth, sizes, strict=True)) if growth else None
    checks.append(("nothing quadratic (time grows with N)", ", ".join(f"{g:.2f}" for g in growth), linear))
    return checks


def browser_lines(results: dict) -> list[str]:
    measured = results.get("browser")
    if not measured:
        return []
    if "skipped" in measured:
        return [f"bytes loaded: skipped ({measured['skipped']})"]
    lines = []
    for name in ("code_page", "search_query"):
        m = measured[name]
        lines.append(
            f"{name.replace('_', ' ')}: {m['requests']} requests, {m['bytes'] / 1024:.0f} KiB "
            f"({m['gzip_bytes'] / 1024:.0f} KiB gzipped)"
        )
    return lines


def print_report(results: dict) -> None:
    machine = results["machine"]
    print(
        f"codebook {machine['commit']} · {machine['cores']} cores · Python {machine['python']} · "
        f"load average {machine['load_average'][0]:.1f} → {machine.get('load_average_after', [0])[0]:.1f}"
    )
    print("\nCold builds (seconds; x prev = wall-time ratio to the previous N):")
    print(series_table(results))
    print(
        f"\nRebuilds at N = {results['size']} (edited page rewritten: "
        f"{results['incremental']['edited_page_rewritten']}):"
    )
    print(incremental_table(results))
    output = results["output"]
    print(f"\nOutput: {output['files']} files, {output['bytes'] / MB:.0f} MB")
    for line in browser_lines(results):
        print(line)
    if results.get("peers"):
        peers = results["peers"]
        print(
            f"Peers: Hugo {peers['hugo']['wall']:.1f} s ({peers['hugo']['peak_rss'] / MB:.0f} MB), "
            f"Pagefind CLI {peers['pagefind']['wall']:.1f} s ({peers['pagefind']['peak_rss'] / MB:.0f} MB)"
        )
    print("\nTargets:")
    for name, measured, met in targets(results):
        mark = {True: "met", False: "NOT met", None: "not measured"}[met]
        print(f"  {mark:>12}  {name}: {measured}")


if __name__ == "__main__":
    print_report(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
