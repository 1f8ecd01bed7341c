"""The biller query set (tests/search_queries.json): load it, and say plainly what is wrong with it.

Each query names the code(s) it must return and within which rank, so the ranking module (node
tests) and, later, the browser tests of both search modes are measured against the same list.
`modifier:XX` names a modifier's glossary entry rather than a code.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUERIES = Path(__file__).with_name("search_queries.json")
REFERENCE = ROOT / "content" / "reference"
MODIFIER_PREFIX = "modifier:"
MATCHES = ("all", "any")
STATUSES = ("active", "terminated")
KEYS = {"q", "expect", "rank", "group", "source", "match", "status"}


class QuerySetError(ValueError):
    """The query file is malformed: the message names the query and what to fix."""


@dataclass(frozen=True)
class Query:
    """One biller query and the answer it must get."""

    text: str
    expect: tuple[str, ...]
    rank: int
    group: str
    source: str
    match: str = "all"
    status: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(e for e in self.expect if not e.startswith(MODIFIER_PREFIX))

    @property
    def modifiers(self) -> tuple[str, ...]:
        return tuple(e.removeprefix(MODIFIER_PREFIX) for e in self.expect if e.startswith(MODIFIER_PREFIX))


def load_queries(path: Path = QUERIES) -> tuple[Query, ...]:
    """Every query of the file, or QuerySetError listing every problem (one per line)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))["queries"]
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise QuerySetError(f"{path}: not a query set ({error}) — expected {{'queries': [...]}}") from None
    problems = [f"{path}: query {n + 1}: {p}" for n, entry in enumerate(raw) for p in entry_problems(entry)]
    if problems:
        raise QuerySetError("\n".join(problems))
    return tuple(
        Query(**{("text" if k == "q" else k): v for k, v in e.items()} | {"expect": tuple(e["expect"])})
        for e in raw
    )


def entry_problems(entry: object) -> Iterator[str]:
    """What is wrong with one entry of the file (nothing when it is well formed)."""
    if not isinstance(entry, dict):
        yield "is not an object — write {'q': ..., 'expect': [...], 'rank': N, ...}"
        return
    if unknown := sorted(set(entry) - KEYS):
        yield f"unknown key(s) {', '.join(unknown)} — use {', '.join(sorted(KEYS))}"
    for key in ("q", "group", "source"):
        if not isinstance(entry.get(key), str) or not entry[key].strip():
            yield f"'{key}' must be a non-empty string"
    expect = entry.get("expect")
    if not isinstance(expect, list) or not expect or not all(isinstance(e, str) and e for e in expect):
        yield "'expect' must be a non-empty list of codes or 'modifier:XX'"
    rank = entry.get("rank")
    if not isinstance(rank, int) or isinstance(rank, bool) or not 1 <= rank <= 10:
        yield "'rank' must be a whole number from 1 to 10"
    if entry.get("match", "all") not in MATCHES:
        yield f"'match' must be one of {', '.join(MATCHES)}"
    if entry.get("status", "active") not in STATUSES:
        yield f"'status' must be one of {', '.join(STATUSES)}"


def cms_codes(path: Path = REFERENCE / "hcpcs_level2_full.csv") -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {row["code"]: row for row in csv.DictReader(handle)}
