"""The CMS reference tables copied into content/reference/, read once per build.

Front matter is checked against these tables, so a page can never silently disagree with CMS.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from .descriptor import route_in_descriptor, unit_in_descriptor
from .model import Category, CmsCode, Modifier
from .record_layout import LAYOUT_FILE, RecordLayout, load_record_layout

FULL_FILE = "hcpcs_level2_full.csv"
FAMILY_FILE = "hcpcs_j75xx.csv"
MODIFIER_FILE = "modifiers.csv"
BRAND_FILE = "brand_names.csv"
EDITION_FILE = "edition.yml"


@dataclass(frozen=True)
class DoseUnit:
    amount: str
    unit: str
    route: str
    up_to: bool = False


@dataclass(frozen=True)
class Edition:
    name: str
    short: str
    file: str
    date: dt.date
    effective: dt.date
    url: str


@dataclass(frozen=True)
class ReferenceData:
    edition: Edition
    codes: dict[str, CmsCode]
    dose_units: dict[str, DoseUnit]
    modifiers: dict[str, Modifier]
    brands: dict[str, tuple[str, ...]]
    categories: dict[str, Category]
    layout: RecordLayout


class ReferenceError(Exception):
    """The reference folder itself is broken: a maintainer's problem, not an author's."""


def load_reference(content_dir: Path) -> ReferenceData:
    folder = content_dir / "reference"
    if not folder.is_dir():
        raise ReferenceError(f"{folder}: reference folder is missing — copy it from the repository")
    codes = load_cms_codes(folder / FULL_FILE)
    return ReferenceData(
        edition=_load_edition(folder / EDITION_FILE),
        codes=codes,
        dose_units=_load_dose_units(folder / FAMILY_FILE, codes),
        modifiers=_load_modifiers(folder / MODIFIER_FILE),
        brands=_load_brands(folder / BRAND_FILE),
        categories=load_categories(content_dir / "categories.yml"),
        layout=load_record_layout(folder / LAYOUT_FILE),
    )


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _load_edition(path: Path) -> Edition:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else {}
    return Edition(
        name=str(data.get("name", "CMS HCPCS Level II")),
        short=str(data.get("short", "CMS HCPCS")),
        file=str(data.get("file", "")),
        date=data.get("date") or dt.date(1970, 1, 1),
        effective=data.get("effective") or dt.date(1970, 1, 1),
        url=str(data.get("url", "")),
    )


CMS_CORE_FIELDS = (
    "code",
    "record_type",
    "long_description",
    "short_description",
    "add_date",
    "action_effective_date",
    "termination_date",
    "action_code",
)


def load_cms_codes(path: Path) -> dict[str, CmsCode]:
    return cms_codes_from_rows(_rows(path))


def cms_codes_from_rows(rows: Iterable[dict[str, str]]) -> dict[str, CmsCode]:
    """The procedure codes of CMS rows already read (reference-diff checks NEW.csv's rows first)."""
    codes: dict[str, CmsCode] = {}
    for row in rows:
        if row.get("record_type") != "procedure":
            continue
        extra = {k: v for k, v in row.items() if k not in CMS_CORE_FIELDS and v}
        codes[row["code"]] = CmsCode(
            code=row["code"],
            long_descriptor=row["long_description"],
            short_descriptor=row["short_description"],
            add_date=row["add_date"],
            action_effective_date=row["action_effective_date"],
            termination_date=row["termination_date"],
            action_code=row["action_code"],
            fields=extra,
        )
    return codes


def _load_dose_units(path: Path, codes: dict[str, CmsCode]) -> dict[str, DoseUnit]:
    """The billing unit of every code that has one.

    A row of the J75xx table describes one descriptor: it is used while CMS still publishes that
    descriptor, so a newer CMS file (reference-diff --apply) is never hidden by an older row.
    Other codes' units are read from their descriptors.
    """
    curated = {row["code"]: row for row in _rows(path) if row.get("dose_amount")}
    units: dict[str, DoseUnit] = {}
    for code, cms in codes.items():
        row = curated.get(code)
        if row and row["long_descriptor"] == cms.long_descriptor:
            units[code] = DoseUnit(row["dose_amount"], row["dose_unit"], row["route"])
            continue
        parsed = unit_in_descriptor(cms.long_descriptor)
        if parsed:
            route = route_in_descriptor(cms.long_descriptor)
            units[code] = DoseUnit(parsed.amount, parsed.unit, route, parsed.up_to)
    return units


def _load_modifiers(path: Path) -> dict[str, Modifier]:
    return {
        row["modifier"]: Modifier(
            code=row["modifier"],
            definition=row["definition"],
            status=row["status"],
            applies_to_drug_codes=row["applies_to_drug_codes"],
            notes=row["notes"],
            source=row["source"],
            level=row["level"],
            termination_date=row.get("termination_date", ""),
        )
        for row in _rows(path)
    }


def _load_brands(path: Path) -> dict[str, tuple[str, ...]]:
    brands: dict[str, list[str]] = {}
    for row in _rows(path):
        brands.setdefault(row["code"], []).append(row["brand"])
    return {code: tuple(names) for code, names in brands.items()}


def load_categories(path: Path) -> dict[str, Category]:
    if not path.is_file():
        return {}
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {
        str(e["slug"]): Category(str(e["slug"]), str(e["title"]), str(e.get("description", "")))
        for e in entries
    }
