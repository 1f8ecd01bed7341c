"""bench/targets.py: issue 21's met / not met logic on fixed numbers (no timing in the test)."""

from __future__ import annotations

import copy

from bench.targets import GB, MB, per_doubling, targets


def run(wall: float, cpu: float = 0.0, peak_mb: float = 500) -> dict:
    return {"wall": wall, "cpu": cpu, "peak_rss": int(peak_mb * MB), "peak_tree": 0, "output": {}}


def peers(wall: float, cpu: float) -> dict:
    return {"hugo": run(wall / 2, cpu / 2, 300), "pagefind": run(wall / 2, cpu / 2, 4000)}


def row(size: int, wall: float, cpu: float, peer: tuple[float, float] | None = None) -> dict:
    found = {"size": size, "cold": run(wall, cpu), "floor": run(1.0)}
    if peer:
        found["peers"] = peers(*peer)
    return found


def results() -> dict:
    """A run that meets every target."""
    return {
        "size": 8000,
        "series": [
            row(1000, 3.0, 4.0),
            row(2000, 5.0, 8.0, (10.0, 12.0)),
            row(4000, 9.0, 15.0),
            row(8000, 17.0, 30.0, (30.0, 45.0)),
            row(16000, 34.0, 60.0),
        ],
        "incremental": {
            "edited_page_rewritten": True,
            "search_up_to_date": True,
            "runs": {"no-op": run(0.3), "one page": run(2.0), "one template": run(8.0)},
        },
        "real_site": {"cold": run(6.0), "no-op": run(0.3)},
        "browser": {"search_query": {"bytes": 250_000}},
    }


def verdicts(found: dict) -> dict[str, bool | None]:
    return {name: met for name, _, met in targets(found)}


def failing(found: dict) -> list[str]:
    return [name for name, met in verdicts(found).items() if met is not True]


def test_a_run_within_every_target_meets_them_all() -> None:
    assert failing(results()) == []


def test_cold_wall_over_point_eight_of_the_peers_is_not_met() -> None:
    slow = results()
    slow["series"][0]["cold"]["wall"] = 4.5  # the series still grows ≤ 2.1× per doubling
    slow["series"][1]["cold"]["wall"] = 8.5  # 0.85 × 10 s
    assert failing(slow) == ["cold ≤ 0.8× Hugo + Pagefind wall at 2,000 (aim 0.67×)"]


def test_cold_cpu_over_the_peers_is_not_met() -> None:
    slow = results()
    slow["series"][3]["cold"]["cpu"] = 46.0
    assert failing(slow) == ["cold ≤ 1.0× Hugo + Pagefind CPU at 8,000"]


def test_peer_targets_are_not_measured_without_peers() -> None:
    found = results()
    del found["series"][1]["peers"]
    assert [verdicts(found)[name] for name in failing(found)] == [None, None]


def test_one_page_must_be_fast_and_leave_search_up_to_date() -> None:
    stale, slow = results(), results()
    stale["incremental"]["search_up_to_date"] = False
    slow["incremental"]["runs"]["one page"]["wall"] = 3.2
    name = "one edited page ≤ 3 s, every output up to date (aim 1 s)"
    assert failing(stale) == [name] and failing(slow) == [name]


def test_one_template_is_compared_with_the_cold_build_at_full_size() -> None:
    found = results()
    found["incremental"]["runs"]["one template"]["wall"] = 10.3  # 0.61 × 17 s
    assert failing(found) == ["one edited template ≤ 0.6× cold"]


MEMORY = "peak memory of any process at 8,000 ≤ 1.5 GB (aim 1 GB)"


def test_peak_memory_counts_every_codebook_run_at_full_size_but_not_the_peers() -> None:
    found = results()
    found["series"][-1]["cold"]["peak_rss"] = int(1.7 * GB)  # 16,000 pages: growth, not the target
    assert verdicts(found)[MEMORY]  # and the Pagefind CLI's 4 GB is not codebook's
    found["incremental"]["runs"]["one template"]["peak_rss"] = int(1.6 * GB)
    assert failing(found) == [MEMORY]
    found["incremental"]["runs"]["one template"]["peak_rss"] = 0
    found["series"][3]["cold"]["peak_rss"] = int(1.6 * GB)  # the cold build at 8,000
    assert failing(found) == [MEMORY]


def test_real_site_limits() -> None:
    found = copy.deepcopy(results())
    found["real_site"]["no-op"]["wall"] = 0.6
    assert failing(found) == ["real site no-op ≤ 0.5 s"]
    del found["real_site"]
    assert verdicts(found)["real site cold ≤ 10 s"] is None


def test_growth_is_scaled_to_one_doubling() -> None:
    assert per_doubling({"size": 1000, "cold": {"wall": 2.0}}, {"size": 4000, "cold": {"wall": 8.0}}) == 2.0
    found = results()
    found["series"][4]["cold"]["wall"] = 36.0  # 8,000 → 16,000: 36 / 17 = 2.12×
    assert failing(found) == ["series grows ≤ 2.1× per doubling, up to 16,000"]


def test_growth_without_sixteen_thousand_is_not_measured() -> None:
    found = results()
    found["series"].pop()
    assert verdicts(found)["series grows ≤ 2.1× per doubling, up to 16,000"] is None


def test_bytes_per_query() -> None:
    found = results()
    found["browser"]["search_query"]["bytes"] = 300_001
    assert failing(found) == ["bytes per typed query ≤ 300 kB over http"]
