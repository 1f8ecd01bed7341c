"""Is one front-matter value what its schema field says? Pure functions of (field, value), used by
the validator; they never raise on what YAML can produce (lists, mappings, numbers, booleans,
null, dates), because an author's typo must become a message, not a traceback.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Collection, Iterable
from decimal import Decimal, InvalidOperation
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from .reporting import clipped
from .schema import CODE_PATTERN, CONTENT_PREFIX, PLAIN_DECIMAL, FieldSpec, NumberBounds, requirement


def value_problem(spec: FieldSpec, value: Any, categories: Collection[str]) -> str:
    """Why `value` is not a valid `spec` ('' when it is), as '<value> …: <what it must be>'."""
    if not _fits_type(spec.kind, value):
        return f"is {shown(value)}{_joiner(spec)}{requirement(spec)}"
    if spec.kind == "number":
        assert spec.bounds is not None
        return _number_problem(spec, spec.bounds, value)
    if _value_fits(spec, value, categories):
        return ""
    return f"is {shown(value)}{_joiner(spec)}{requirement(spec)}"


def _joiner(spec: FieldSpec) -> str:
    return ", " if requirement(spec).startswith("not ") else "; "


def _fits_type(kind: str, value: Any) -> bool:
    """The Python type YAML must have produced for a field of this kind."""
    if kind in ("text", "url", "code", "choice", "category"):
        return isinstance(value, str)
    if kind == "date":
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind == "number":
        return isinstance(value, int | float | str) and not isinstance(value, bool)
    if kind == "flag":
        return isinstance(value, bool)
    if kind == "list":
        return isinstance(value, list)
    if kind == "record":
        return isinstance(value, dict)
    raise ValueError(f"schema kind {kind!r} has no check")


def _value_fits(spec: FieldSpec, value: Any, categories: Collection[str]) -> bool:
    """The value's content, once its type is right."""
    kind = spec.kind
    if kind == "text":
        return bool(value.strip())
    if kind == "url":
        return is_web_address(value)
    if kind == "code":
        return bool(CODE_PATTERN.match(value))
    if kind == "choice":
        return value in spec.choices
    if kind == "category":
        return value in categories
    if kind == "list":
        return len(value) >= spec.min_items
    return True  # date, flag, record: the type is the whole check


def _number_problem(spec: FieldSpec, bounds: NumberBounds, value: int | float | str) -> str:
    """Numbers are checked as the text written, so no exponent can make a huge Decimal."""
    text = value if isinstance(value, str) else repr(value)
    if PLAIN_DECIMAL.match(text):
        number = Decimal(text)  # exact: digits and one point, bounded below
        places = len(text.partition(".")[2].rstrip("0"))
        if bounds.above < number <= bounds.at_most and places <= bounds.places:
            return ""
    try:
        Decimal(text)
    except InvalidOperation:
        return f"is {shown(value)}, not a number"
    return f"is {shown(value)}, {requirement(spec)}"


URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+")


def is_web_address(value: Any) -> bool:
    """An http(s) address with a host, made only of the characters a URL may contain (RFC 3986)."""
    if not isinstance(value, str) or not URL_CHARACTERS.fullmatch(value):
        return False
    try:
        parts = urlsplit(value)
        return parts.scheme in ("https", "http") and bool(parts.hostname)
    except ValueError:  # e.g. an invalid IPv6 host in brackets
        return False


def shown(value: Any) -> str:
    """A value as a message names it: its kind, and text cut short and safe for a terminal or a CI
    log (control and invisible characters written as escapes)."""
    if isinstance(value, str):
        return f"'{clipped(value)}'" if value.strip() else "empty text"
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {clipped(repr(value))}"
    if isinstance(value, dt.datetime):
        return f"a date and time ({value.isoformat(' ')})"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of 'field: value' lines"
    return f"a {type(value).__name__}"


def text_values(data: Any, key: str = "") -> Iterable[tuple[str, str]]:
    """Every text value in front matter with its dotted key ('similar.0.reason')."""
    if isinstance(data, str):
        yield key, data
    elif isinstance(data, dict):
        for name, value in data.items():
            yield from text_values(value, f"{key}.{name}" if key else str(name))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from text_values(value, f"{key}.{i}")


def source_file_problem(file: str, content_dir: Path) -> str:
    """Why `sources[].file` names no file inside the content folder ('' when it does).

    The path is written from the project root ('content/reference/x.csv'); its 'content/' names
    the content folder being built, wherever it is. Absolute paths, '..' and symbolic links that
    lead out of the content folder are refused: the page would show (and cite) a file outside it.
    """
    if not file.startswith(CONTENT_PREFIX) or PurePosixPath(file).is_absolute():
        return f"source file '{clipped(file)}' is not in the content folder"
    root = content_dir.resolve()
    try:
        target = (root / file[len(CONTENT_PREFIX) :]).resolve()
        inside = target.is_relative_to(root)
        exists = inside and target.is_file()
    except (OSError, ValueError, RuntimeError):  # a symlink loop, a name too long
        return f"source file '{clipped(file)}' cannot be read"
    if not inside:
        return f"source file '{clipped(file)}' leads outside the content folder"
    return "" if exists else f"source file '{clipped(file)}' does not exist"
