"""Tables and target checks from one benchmark run's JSON (`python -m bench.report FILE` reprints one)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from .targets import targets

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
    header = ["N", *stages, "build s", "wall s", "cpu s", "x prev", "peak MB", "tree MB", "floor s"]
    header.append("render/floor")
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
                f"{cold.get('cpu', 0):.2f}",
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


def comparison_table(results: dict) -> str:
    """Per N: this build, the baseline (--baseline: the old code, same run) and Hugo + Pagefind."""
    header = ["N", "codebook", "baseline", "Hugo + Pagefind", "floor"]
    rows = []
    for row in results["series"]:
        peers = row.get("peers")
        peer = "-"
        if peers:
            wall, cpu = (sum(run.get(k, 0.0) for run in peers.values()) for k in ("wall", "cpu"))
            peer = f"{wall:.1f} / {cpu:.1f} / {max(run['peak_rss'] for run in peers.values()) / MB:.0f}"
        base = run_cell(row["baseline"]) if "baseline" in row else "-"
        rows.append([row["size"], run_cell(row["cold"]), base, peer, run_cell(row["floor"])])
    return table(header, rows)


def run_cell(run: dict) -> str:
    return f"{run['wall']:.1f} / {run.get('cpu', 0):.1f} / {run['peak_rss'] / MB:.0f}"


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
    base = results.get("baseline")
    if base:
        print(
            f"Baseline at N = {results['size']}: cold {base['cold']['wall']:.2f} s, "
            f"one page {base['one page']['wall']:.2f} s"
        )
    output = results["output"]
    print(f"\nOutput: {output['files']} files, {output['bytes'] / MB:.0f} MB")
    for line in browser_lines(results):
        print(line)
    if any("peers" in row or "baseline" in row for row in results["series"]):
        print("\nCold builds side by side (wall s / cpu s / peak MB of the largest process):")
        print(comparison_table(results))
    print("\nTargets:")
    for name, measured, met in targets(results):
        mark = {True: "met", False: "NOT met", None: "not measured"}[met]
        print(f"  {mark:>12}  {name}: {measured}")


if __name__ == "__main__":
    print_report(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
