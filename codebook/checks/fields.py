"""Rules on the front matter alone: schema types and bounds, control characters, and the rules that
span fields (status and dates, similar codes, sources, review age)."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..model import InvalidValue
from ..reporting import clipped
from ..schema import CONTROL_CHARACTER, FIELDS, HINT_PREFIX, FieldSpec
from ..values import source_file_problem, text_values, value_problem
from .context import FileContext, Rule

MIN_SIMILAR = 2
REVIEW_EVERY_DAYS = 365


def schema_fields(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every field known, every required one present, every value of its kind (at any depth)."""
    yield from fields_of(ctx, FIELDS)


def fields_of(ctx: FileContext, specs: Iterable[FieldSpec]) -> Iterator[Diagnostic]:
    """The schema check against `specs` (a code page's FIELDS, a topic's TOPIC_FIELDS)."""
    yield from _fields(ctx, specs, ctx.file.data, "")


def _fields(
    ctx: FileContext, specs: Iterable[FieldSpec], data: dict[str, Any], prefix: str
) -> Iterator[Diagnostic]:
    known = {spec.name: spec for spec in specs}
    for name in data:
        if name not in known:
            shown = clipped(f"{prefix}{name}")
            yield ctx.problem(f"{prefix}{name}", f"unknown field '{shown}'", _unknown_fix(name, known))
    for spec in known.values():
        key = f"{prefix}{spec.name}"
        if data.get(spec.name) is None:  # an empty optional field is the same as none
            if spec.required and spec.name in data:
                yield from _value(ctx, spec, None, key)  # "'title' is empty; it must be …"
            elif spec.required:
                yield ctx.problem(
                    prefix.rstrip(".") or 1,
                    f"required field '{key}' is missing",
                    f"add '{spec.name}: {example(spec)}' ({spec.help})",
                )
            continue
        yield from _value(ctx, spec, data[spec.name], key)


def _value(ctx: FileContext, spec: FieldSpec, value: Any, key: str) -> Iterator[Diagnostic]:
    if isinstance(value, InvalidValue):
        return  # the loader said what is wrong with it
    problem = value_problem(spec, value, ctx.reference.categories)
    if problem:
        yield ctx.problem(key, f"'{key}' {problem}", _value_fix(spec))
    elif spec.kind == "record":
        yield from _fields(ctx, spec.fields, value, f"{key}.")
    elif spec.kind == "list":
        assert spec.item is not None
        for i, item in enumerate(value):
            yield from _value(ctx, spec.item, item, f"{key}.{i}")


def holds_loader_problem(data: Any) -> bool:
    """A value the loader refused (and reported) anywhere in the front matter: no Page from it."""
    if isinstance(data, InvalidValue):
        return True
    if isinstance(data, dict):
        return any(holds_loader_problem(v) for v in data.values())
    if isinstance(data, list):
        return any(holds_loader_problem(v) for v in data)
    return False


def control_characters(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every text value, at any depth: a control character would reach the page and terminals."""
    for key, value in text_values(ctx.file.data):
        found = CONTROL_CHARACTER.search(value)
        if found:
            yield ctx.problem(
                key,
                f"'{clipped(key)}' holds the control character U+{ord(found.group()):04X}",
                "delete it (a YAML escape such as \\0 or \\x1b in quotes writes one); "
                "only tabs and line breaks may be in the text",
            )


def code_and_status(ctx: FileContext) -> Iterator[Diagnostic]:
    data = ctx.file.data
    stem = Path(ctx.file.path).stem
    if data["code"] != stem:
        yield ctx.problem(
            "code",
            f"code {data['code']} does not match the file name {stem}.md",
            f"rename the file to {data['code']}.md or fix the code",
        )
    if data["status"] == "terminated" and not data.get("terminated"):
        yield ctx.problem(
            "status",
            "a terminated code needs its termination date",
            "add 'terminated: YYYY-MM-DD' (the last date the code may be used)",
        )
    if data.get("replaced_by") == data["code"]:
        yield ctx.problem(
            "replaced_by",
            f"'replaced_by' names this page's own code, {data['code']}",
            "name the code CMS gives as the replacement, or remove 'replaced_by'",
        )
    if data["status"] == "active" and (data.get("terminated") or data.get("replaced_by")):
        yield ctx.problem(
            "status",
            "an active code cannot have 'terminated' or 'replaced_by'",
            "set 'status: terminated' or remove those fields",
        )


def similar_list(ctx: FileContext) -> Iterator[Diagnostic]:
    similar = ctx.file.data["similar"]
    if len(similar) < MIN_SIMILAR:
        yield ctx.problem(
            "similar",
            f"'similar' lists {len(similar)} code(s); a page needs at least {MIN_SIMILAR}",
            "add similar codes, each with the reason it is similar",
        )
    seen: set[str] = set()
    for i, entry in enumerate(similar):
        code = entry["code"]
        if code == ctx.file.data["code"]:
            yield ctx.problem(
                f"similar.{i}.code", "a page cannot list itself as similar", "remove this entry"
            )
        elif code in seen:
            yield ctx.problem(f"similar.{i}.code", f"{code} is listed twice in 'similar'", "keep one entry")
        seen.add(code)


def sources(ctx: FileContext) -> Iterator[Diagnostic]:
    for i, source in enumerate(ctx.file.data["sources"]):
        key = f"sources.{i}"
        if not source.get("url") and not source.get("file"):
            yield ctx.problem(
                key,
                "a source needs a 'url' or a 'file'",
                "add 'url: https://…' or 'file: content/reference/…'",
            )
        file = source.get("file")
        problem = source_file_problem(file, ctx.content_dir) if file else ""
        if problem:
            yield ctx.problem(
                f"{key}.file",
                problem,
                "give the path of a file inside the content folder, starting 'content/' (which names "
                "the content folder, wherever it is), e.g. content/reference/hcpcs_j75xx.csv",
            )


def review_age(ctx: FileContext) -> Iterator[Diagnostic]:
    reviewed = ctx.file.data["reviewed"]
    today = ctx.today or dt.date.today()
    if reviewed > today:
        yield ctx.problem(
            "reviewed",
            f"'reviewed' is {reviewed.isoformat()}, a date in the future (today is {today.isoformat()})",
            f"write the date the page was last checked, at the latest 'reviewed: {today.isoformat()}'",
        )
    if ctx.today and (ctx.today - reviewed).days > REVIEW_EVERY_DAYS:
        yield ctx.problem(
            "reviewed",
            f"the page was last reviewed on {reviewed.isoformat()}, over a year ago",
            "check it against the current CMS file and its sources, "
            f"then set 'reviewed: {ctx.today.isoformat()}'",
            severity="warning",
        )


def writing_hints(ctx: FileContext) -> Iterator[Diagnostic]:
    """Hints written by `new` into front matter must be replaced before a page is published."""
    for key, value in text_values(ctx.file.data):
        if value.lstrip().startswith(HINT_PREFIX):
            yield ctx.problem(key, f"'{key}' still holds a writing hint", "write the real value")


def _value_fix(spec: FieldSpec) -> str:
    if spec.kind == "number" and spec.bounds:
        return f"write {spec.bounds.describe()}, e.g. '{spec.name}: {example(spec)}'"
    if spec.kind == "flag":
        return f"write '{spec.name}: true' or '{spec.name}: false', without quotes ({spec.help})"
    return f"write it like '{spec.name}: {example(spec)}' ({spec.help})"


def example(spec: FieldSpec) -> str:
    """The schema's example value as an author would type it."""
    value = spec.example
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return "…" if spec.kind in ("list", "record") else str(value)
    return str(value)


def _unknown_fix(name: str, known: dict[str, FieldSpec]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean '{close[0]}'? Allowed here: {', '.join(known)}"
    return f"remove it; allowed here: {', '.join(known)}"


RULES = (
    Rule("schema-fields", schema_fields, "schema"),
    Rule("control-characters", control_characters, "schema"),
    Rule("code-and-status", code_and_status, "page"),
    Rule("similar-list", similar_list, "page"),
    Rule("sources", sources, "page"),
    Rule("review-age", review_age, "page"),
)
