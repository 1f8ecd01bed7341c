"""What the coded CMS columns mean, from the CMS HCPCS record layout (content/reference/record_layout.yml).

The catalog shows every pricing indicator, coverage code, BETOS, type of service and action code with
its meaning. Meanings come only from this file: a value it does not list is shown bare, flagged as
having no meaning in the reference data, never guessed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from ..reference_files import CodedColumn, Key

LAYOUT_FILE = "record_layout.yml"
UNKNOWN_MEANING = "meaning not in the reference data"
LIST_COLUMNS = frozenset({"tos", "xref", "labcert"})  # columns holding several values, by spaces


@dataclass(frozen=True)
class LayoutValue:
    """One value of a coded column, e.g. pricing indicator 51 = Drugs."""

    value: str
    meaning: str
    group: str = ""
    short: str = ""

    @property
    def label(self) -> str:
        """What a catalog row shows: the meaning, minus bracketed examples where the file says so."""
        return self.short or self.meaning


@dataclass(frozen=True)
class LayoutField:
    """One column (or group of columns) of the CMS file as the record layout describes it."""

    key: str
    title: str
    layout_name: str
    columns: tuple[str, ...]
    description: str
    note: str
    values: tuple[LayoutValue, ...]


@dataclass(frozen=True)
class LayoutSource:
    title: str
    file: str
    date: dt.date | None
    url: str
    copy: str


@dataclass(frozen=True)
class RecordLayout:
    source: LayoutSource
    fields: tuple[LayoutField, ...]

    def field(self, key: str) -> LayoutField:
        """The field with this key; an empty one when the reference file does not describe it."""
        found = next((f for f in self.fields if f.key == key), None)
        return found or LayoutField(key, key, "", (), "", "", ())


EMPTY_SOURCE = LayoutSource("", "", None, "", "")


VALUE_KEYS = {
    "value": Key("value"),
    "meaning": Key("text"),
    "group": Key("text", False),
    "short": Key("text", False),
}
FIELD_KEYS = {
    "key": Key("text"),
    "title": Key("text"),
    "layout_name": Key("text", False),
    "columns": Key("text", False, many=True),
    "description": Key("text", False),
    "note": Key("text", False),
    "values": Key(VALUE_KEYS, False, many=True),
}
SOURCE_KEYS = {
    "title": Key("text"),
    "file": Key("text"),
    "date": Key("date", False),
    "url": Key("url"),
    "copy": Key("url", False),
}
LAYOUT_KEYS = Key({"source": Key(SOURCE_KEYS), "fields": Key(FIELD_KEYS, many=True)})


def record_layout_from(data: dict[str, Any]) -> RecordLayout:
    """The layout from record_layout.yml's checked values; none (all values shown bare) when absent."""
    if not data:
        return RecordLayout(EMPTY_SOURCE, ())
    source = data.get("source") or {}
    return RecordLayout(
        source=LayoutSource(
            title=str(source.get("title", "")),
            file=str(source.get("file", "")),
            date=source.get("date"),
            url=str(source.get("url", "")),
            copy=str(source.get("copy", "")),
        ),
        fields=tuple(_field(entry) for entry in data.get("fields") or ()),
    )


def coded_columns(layout: RecordLayout, dates: tuple[str, ...]) -> tuple[CodedColumn, ...]:
    """Each column whose values the layout lists, with those values: what a CMS row may hold there.
    Date columns a field also names (e.g. the action's effective date) are checked as dates."""
    return tuple(
        (column, frozenset(v.value for v in field.values), column in LIST_COLUMNS)
        for field in layout.fields
        if field.values
        for column in field.columns
        if column not in dates
    )


def _field(entry: dict) -> LayoutField:
    return LayoutField(
        key=str(entry["key"]),
        title=str(entry["title"]),
        layout_name=str(entry.get("layout_name", "")),
        columns=tuple(str(c) for c in entry.get("columns") or ()),
        description=str(entry.get("description", "")),
        note=str(entry.get("note", "")),
        values=tuple(
            LayoutValue(str(v["value"]), str(v["meaning"]), str(v.get("group", "")), str(v.get("short", "")))
            for v in entry.get("values") or ()
        ),
    )
