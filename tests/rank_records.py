"""Structured search records from the reference data, for the ranking module's node tests.

    .venv/bin/python -m tests.rank_records        rewrite tests/fixtures/rank_records.json

One record per HCPCS Level II code of the CMS file (code, descriptors, status), with its drug and
brand names and NDCs from the NDC-HCPCS crosswalk and brand_names.csv, whether it has a guide page
(content/codes/), and its NDC count as popularity; one record per modifier of the glossary. The
fixture is committed so that `node --test` needs no Python; test_search_queries.py checks it is fresh.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from .search_queries import (
    CROSSWALK_NAME,
    REFERENCE,
    ROOT,
    QuerySetError,
    cms_codes,
    crosswalk_path,
    crosswalk_rows,
)

FIXTURE = Path(__file__).with_name("fixtures") / "rank_records.json"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def drug_names(crosswalk: Iterable[dict[str, str]]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """code -> its drug names (first spelling of each, in file order); code -> its 11-digit NDCs."""
    names: dict[str, dict[str, str]] = defaultdict(dict)
    ndcs: dict[str, list[str]] = defaultdict(list)
    for row in crosswalk:
        name = " ".join(row["Drug Name"].split())
        names[row["code"]].setdefault(name.lower(), name)
        digits = row["NDC2"].replace("-", "").strip()
        if digits.isdigit() and len(digits) == 11 and digits not in ndcs[row["code"]]:
            ndcs[row["code"]].append(digits)
    return {code: list(found.values()) for code, found in names.items()}, ndcs


def brand_names() -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    for row in read_csv(REFERENCE / "brand_names.csv"):
        found[row["code"]].extend([row["brand"], row["generic_name"]])
    return found


def merged(*lists: Iterable[str]) -> list[str]:
    """Names without repeats (compared in lower case), first spelling kept."""
    seen: dict[str, str] = {}
    for name in (n for names in lists for n in names):
        seen.setdefault(name.lower(), name)
    return list(seen.values())


def code_records(crosswalk: list[dict[str, str]]) -> list[dict[str, object]]:
    names, ndcs = drug_names(crosswalk)
    brands = brand_names()
    guides = {p.stem for p in (ROOT / "content" / "codes").glob("*.md")}
    records = []
    for code, row in sorted(cms_codes().items()):
        if row["record_type"] != "procedure":
            continue
        record: dict[str, object] = {
            "code": code,
            "title": row["long_description"],
            "short": row["short_description"],
        }
        if found := merged(names.get(code, ()), brands.get(code, ())):
            record["names"] = found
        if ndcs.get(code):
            record.update(ndcs=ndcs[code], popularity=len(ndcs[code]))
        if row["termination_date"]:
            record["status"] = "terminated"
        if code in guides:
            record["guide"] = True
        if code in names:
            record["drug"] = True
        records.append(record)
    return records


def modifier_records() -> list[dict[str, object]]:
    """Glossary entries: found by their two-character code or the words of their definition."""
    records = []
    for row in read_csv(REFERENCE / "modifiers.csv"):
        record: dict[str, object] = {
            "kind": "modifier",
            "code": row["modifier"],
            "title": row["definition"],
            "short": row["short_descriptor"],
        }
        if row["status"] == "terminated":
            record["status"] = "terminated"
        records.append(record)
    return records


def fixture_text() -> str:
    """The fixture as written: one record per line, so a diff shows which codes changed."""
    path = crosswalk_path()
    if path is None:
        raise QuerySetError(f"{CROSSWALK_NAME} is in neither content/reference/asp/ nor the shared reference")
    records = [*code_records(crosswalk_rows(path)), *modifier_records()]
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    return f"[\n{lines}\n]\n"


def main() -> int:
    try:
        text = fixture_text()
    except (OSError, QuerySetError) as error:
        print(f"rank_records: {error}", file=sys.stderr)
        return 1
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
