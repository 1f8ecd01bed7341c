"""The CMS reference tables copied into content/reference/, read once per build.

Front matter is checked against these tables, so a page can never silently disagree with CMS.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .catalog.record_layout import LAYOUT_FILE, LAYOUT_KEYS, RecordLayout, coded_columns, record_layout_from
from .descriptor import route_in_descriptor, unit_in_descriptor
from .diagnostics import ContentError, Diagnostic
from .model import Category, CmsCode, Modifier
from .reference_files import Key, TableSpec, read_table, read_yaml_file
from .textfile import display_path

FULL_FILE = "hcpcs_level2_full.csv"
FAMILY_FILE = "hcpcs_j75xx.csv"
MODIFIER_FILE = "modifiers.csv"
BRAND_FILE = "brand_names.csv"
EDITION_FILE = "edition.yml"
CATEGORY_FILE = "categories.yml"  # in content/, beside codes/: authors pick from it

PROCEDURE_CODE = "a letter and four digits, e.g. J7500 (a zero, not the letter O)"
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
FULL_TABLE = TableSpec(
    columns=CMS_CORE_FIELDS,
    code_column="code",
    code_pattern=re.compile(r"[A-Z][0-9]{4}|[A-Z0-9]{2}"),
    code_form=PROCEDURE_CODE + ", or two letters or digits for a modifier",
    dates=("asc_dt", "opps_dt", "add_date", "action_effective_date", "termination_date"),
    filled=("record_type", "long_description"),
    kind_column="record_type",
    kind_forms=(
        ("procedure", re.compile(r"[A-Z][0-9]{4}"), PROCEDURE_CODE),
        ("modifier", re.compile(r"[A-Z0-9]{2}"), "two letters or digits, e.g. JW"),
    ),
)
FAMILY_TABLE = TableSpec(
    columns=("code", "long_descriptor", "dose_amount", "dose_unit", "route"),
    code_column="code",
    code_pattern=re.compile(r"[A-Z][0-9]{4}"),
    code_form=PROCEDURE_CODE,
    dates=("added_date", "action_effective_date", "termination_date"),
    filled=("long_descriptor",),
)
MODIFIER_TABLE = TableSpec(
    columns=("modifier", "level", "definition", "status", "applies_to_drug_codes", "notes", "source"),
    code_column="modifier",
    code_pattern=re.compile(r"[A-Z0-9]{2}"),
    code_form="two capital letters or digits, e.g. JW",
    dates=("added_date", "action_effective_date", "termination_date"),
    filled=("definition", "status"),
)
BRAND_TABLE = TableSpec(
    columns=("code", "brand"),
    code_column="code",
    code_pattern=re.compile(r"[A-Z][0-9]{4}"),
    code_form=PROCEDURE_CODE,
    filled=("brand",),
)
EDITION_KEYS = Key(
    {
        "name": Key("text"),
        "short": Key("text"),
        "file": Key("text"),
        "date": Key("date"),
        "effective": Key("date"),
        "url": Key("url"),
    }
)
CATEGORY_KEYS = Key({"slug": Key("slug"), "title": Key("text"), "description": Key("text", False)}, many=True)


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


class ReferenceError(ContentError):
    """A maintainer file (reference table, categories) is broken: every problem, each as path:line.

    A ContentError, so `build`, `check` and `serve` list the problems as they list content errors;
    its text is those lines too, for commands that print the exception itself (`new`).
    """

    def __str__(self) -> str:
        lines = "\n".join(problem.format() for problem in self.diagnostics)
        return f"{len(self.diagnostics)} problem(s) in the reference files:\n{lines}"


def load_reference(content_dir: Path) -> ReferenceData:
    folder = content_dir / "reference"
    if not folder.is_dir():
        shown = display_path(folder)
        raise ReferenceError(
            [
                Diagnostic(
                    shown, 1, "the reference folder is missing", "copy content/reference/ from the repository"
                )
            ]
        )
    problems: list[Diagnostic] = []

    def checked(found: tuple[Any, list[Diagnostic]]) -> Any:
        problems.extend(found[1])
        return found[0]

    layout, layout_problems = read_yaml_file(folder / LAYOUT_FILE, LAYOUT_KEYS, required=False)
    problems.extend(layout_problems)  # a broken layout checks no coded column: its problems stop the build
    full = checked(read_table(folder / FULL_FILE, full_table(None if layout_problems else layout)))
    family = checked(read_table(folder / FAMILY_FILE, FAMILY_TABLE))
    modifiers = checked(read_table(folder / MODIFIER_FILE, MODIFIER_TABLE))
    brands = checked(read_table(folder / BRAND_FILE, BRAND_TABLE, required=False))
    edition = checked(read_yaml_file(folder / EDITION_FILE, EDITION_KEYS))
    categories = checked(read_yaml_file(content_dir / CATEGORY_FILE, CATEGORY_KEYS))
    if problems:
        raise ReferenceError(problems)
    codes = cms_codes_from_rows(full)
    return ReferenceData(
        edition=_edition(edition),
        codes=codes,
        dose_units=_load_dose_units(family, codes),
        modifiers=_load_modifiers(modifiers),
        brands=_load_brands(brands),
        categories=categories_from(categories),
        layout=record_layout_from(layout or {}),
    )


def full_table(layout: dict[str, Any] | None, spec: TableSpec = FULL_TABLE) -> TableSpec:
    """The CMS table's spec with its coded columns' values from record_layout.yml (none when the
    file is absent or broken: its own problems are reported instead)."""
    return replace(spec, coded=coded_columns(record_layout_from(layout or {}), spec.dates))


def layout_of(folder: Path) -> dict[str, Any] | None:
    """record_layout.yml's checked values, for a caller that checks a CMS table on its own."""
    data, problems = read_yaml_file(folder / LAYOUT_FILE, LAYOUT_KEYS, required=False)
    return None if problems else data


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.is_file():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _edition(data: dict[str, Any]) -> Edition:
    return Edition(
        name=str(data["name"]),
        short=str(data["short"]),
        file=str(data["file"]),
        date=data["date"],
        effective=data["effective"],
        url=str(data["url"]),
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


def _load_dose_units(rows: list[dict[str, str]], codes: dict[str, CmsCode]) -> dict[str, DoseUnit]:
    """The billing unit of every code that has one.

    A row of the J75xx table describes one descriptor: it is used while CMS still publishes that
    descriptor, so a newer CMS file (reference-diff --apply) is never hidden by an older row.
    Other codes' units are read from their descriptors.
    """
    curated = {row["code"]: row for row in rows if row.get("dose_amount")}
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


def _load_modifiers(rows: list[dict[str, str]]) -> dict[str, Modifier]:
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
        for row in rows
    }


def _load_brands(rows: list[dict[str, str]]) -> dict[str, tuple[str, ...]]:
    brands: dict[str, list[str]] = {}
    for row in rows:
        brands.setdefault(row["code"], []).append(row["brand"])
    return {code: tuple(names) for code, names in brands.items()}


def categories_from(entries: list[dict[str, Any]]) -> dict[str, Category]:
    return {
        str(e["slug"]): Category(str(e["slug"]), str(e["title"]), str(e.get("description", "")))
        for e in entries
    }
