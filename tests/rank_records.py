"""Structured search records from the reference data, for the ranking module's node tests.

    .venv/bin/python -m tests.rank_records        rewrite tests/fixtures/rank_records.json

One record per HCPCS Level II code of the CMS file (code, descriptors, status), with its drug and
brand names and NDCs from the CMS drug files (codebook.drugs, read from content/reference/asp/) and
brand_names.csv, whether it has a guide page (content/codes/) or drug data, and its NDC count as
popularity; one record per modifier of the glossary. The fixture is committed so that `node --test`
needs no Python; test_search_queries.py checks it is fresh.
"""

from __future__ import annotations

import csv
import json
import sys
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from codebook.biosimilars import biosimilar_groups
from codebook.cms_tables import load_reference
from codebook.drugs.loader import load_drug_files
from codebook.drugs.records import DrugFiles

from .search_queries import REFERENCE, ROOT, QuerySetError, cms_codes

FIXTURE = Path(__file__).with_name("fixtures") / "rank_records.json"
DRUG_FOLDER = REFERENCE / "asp"


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def drug_files(folder: Path | None = None) -> DrugFiles:
    """The CMS drug files, or QuerySetError listing every problem the loader found."""
    files = load_drug_files(folder or DRUG_FOLDER)
    if errors := [d.format() for d in files.diagnostics if d.severity == "error"]:
        raise QuerySetError("\n".join(errors))
    return files


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


def code_records(files: DrugFiles) -> list[dict[str, object]]:
    brands = brand_names()
    with_data = set(files.current_codes())
    guides = {p.stem for p in (ROOT / "content" / "codes").glob("*.md")}
    groups = biosimilar_groups(
        load_reference(ROOT / "content").codes, lambda c: c in guides or c in with_data
    )
    records = []
    for code, row in sorted(cms_codes().items()):
        if row["record_type"] != "procedure":
            continue
        record: dict[str, object] = {
            "code": code,
            "title": row["long_description"],
            "short": row["short_description"],
        }
        drug = files.drugs.get(code)
        ingredient = (groups[code].ingredient,) if code in groups and code in with_data else ()
        if found := merged(drug.drug_names if drug else (), ingredient, brands.get(code, ())):
            record["names"] = found
        if drug and drug.ndcs:
            record.update(ndcs=list(drug.ndcs), popularity=len(drug.ndcs))
        if row["termination_date"]:
            record["status"] = "terminated"
        if code in guides:
            record["guide"] = True
        if code in with_data:
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


def fixture_text(folder: Path | None = None) -> str:
    """The fixture as written: one record per line, so a diff shows which codes changed."""
    records = [*code_records(drug_files(folder)), *modifier_records()]
    lines = ",\n".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in records)
    return f"[\n{lines}\n]\n"


def main() -> int:
    try:
        text = fixture_text()
    except QuerySetError as error:
        print(f"rank_records: the CMS drug files have problems:\n{error}", file=sys.stderr)
        return 1
    FIXTURE.write_text(text, encoding="utf-8")
    print(f"wrote {FIXTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
