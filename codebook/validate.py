"""Stage 2: check every loaded file against the schema and the CMS tables; never stop at the first.

`check_file(loaded, context)` checks one file (a plain function the orchestration caches and maps
over the process pool); `check_site(files, checks, ...)` joins those checks with the checks across
files and returns the Page records that passed and one Diagnostic per problem found anywhere, so an
author fixes everything in one pass.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from .diagnostics import Diagnostic, as_warnings, errors_only
from .markdown import link_destinations
from .model import BillingUnit, InvalidValue, LoadedFile, Page, Reference, SimilarCode, Source
from .reference import ReferenceData
from .references import REFERENCE, is_outbound
from .schema import (
    ANCHORS_ON_EVERY_PAGE,
    CODE_PATTERN,
    CONTROL_CHARACTER,
    FIELDS,
    HINT_PREFIX,
    MODIFIER_PATTERN,
    REQUIRED_SECTIONS,
    SECTIONS,
    SECTIONS_BY_TITLE,
    FieldSpec,
    flag_is_set,
)
from .values import printable, source_file_problem, text_values, value_problem

MIN_SIMILAR = 2
REVIEW_EVERY_DAYS = 365
NAMED_MODIFIER = re.compile(r"\b[Mm]odifiers? ([A-Z0-9]{2})\b")
MODIFIER_TOKEN = re.compile(r"\b([A-Z]{2})\b")


class FileChecker:
    """Collects the problems of one file; each check method adds to `problems` and returns nothing."""

    def __init__(
        self, loaded: LoadedFile, reference: ReferenceData, content_dir: Path, today: dt.date | None = None
    ):
        self.file = loaded
        self.reference = reference
        self.content_dir = content_dir  # the folder being built: sources' files are inside it
        self.today = today  # None: no review-age warning, and the real date for "in the future"
        self.problems: list[Diagnostic] = []
        self.readable = False  # True once the front matter fits the schema (a Page can be made)
        self.reported_by_loader = False

    def add(self, key_or_line: str | int, message: str, fix: str, severity: str = "error") -> None:
        line = key_or_line if isinstance(key_or_line, int) else self.file.line_of(key_or_line)
        self.problems.append(Diagnostic(self.file.path, line, message, fix, severity))

    def check(self) -> list[Diagnostic]:
        self.check_fields(FIELDS, self.file.data, "")
        self.check_control_characters()
        self.readable = not self.problems and not self.reported_by_loader
        if self.readable:
            self.check_page_rules()
            self.check_against_cms()
            self.check_review_age()
        self.check_sections()
        self.check_hints()
        self.check_body_links()
        self.check_references()
        self.check_modifier_mentions()
        return self.problems

    # --- front matter against the schema -------------------------------------------------
    def check_fields(self, specs: Iterable[FieldSpec], data: dict[str, Any], prefix: str) -> None:
        known = {spec.name: spec for spec in specs}
        for name in data:
            if name not in known:
                shown = printable(f"{prefix}{name}")
                self.add(f"{prefix}{name}", f"unknown field '{shown}'", _unknown_fix(name, known))
        for spec in known.values():
            key = f"{prefix}{spec.name}"
            if data.get(spec.name) is None:  # an empty optional field is the same as none
                if spec.required and spec.name in data:
                    self.check_value(spec, None, key)  # "'title' is empty; it must be …"
                elif spec.required:
                    self.add(
                        prefix.rstrip(".") or 1,
                        f"required field '{key}' is missing",
                        f"add '{spec.name}: {_example(spec)}' ({spec.help})",
                    )
                continue
            self.check_value(spec, data[spec.name], key)

    def check_value(self, spec: FieldSpec, value: Any, key: str) -> None:
        if isinstance(value, InvalidValue):
            self.reported_by_loader = True  # the loader said what is wrong with it
            return
        problem = value_problem(spec, value, self.reference.categories)
        if problem:
            self.add(key, f"'{key}' {problem}", _value_fix(spec))
            return
        if spec.kind == "record":
            self.check_fields(spec.fields, value, f"{key}.")
        elif spec.kind == "list":
            assert spec.item is not None
            for i, item in enumerate(value):
                self.check_value(spec.item, item, f"{key}.{i}")

    def check_control_characters(self) -> None:
        """Every text value, at any depth: a control character would reach the page and terminals."""
        for key, value in text_values(self.file.data):
            found = CONTROL_CHARACTER.search(value)
            if found:
                self.add(
                    key,
                    f"'{printable(key)}' holds the control character U+{ord(found.group()):04X}",
                    "delete it (a YAML escape such as \\0 or \\x1b in quotes writes one); "
                    "only tabs and line breaks may be in the text",
                )

    # --- rules that span fields ------------------------------------------------------------
    def check_page_rules(self) -> None:
        data = self.file.data
        stem = Path(self.file.path).stem
        if data["code"] != stem:
            self.add(
                "code",
                f"code {data['code']} does not match the file name {stem}.md",
                f"rename the file to {data['code']}.md or fix the code",
            )
        if data["status"] == "terminated" and not data.get("terminated"):
            self.add(
                "status",
                "a terminated code needs its termination date",
                "add 'terminated: YYYY-MM-DD' (the last date the code may be used)",
            )
        if data.get("replaced_by") == data["code"]:
            self.add(
                "replaced_by",
                f"'replaced_by' names this page's own code, {data['code']}",
                "name the code CMS gives as the replacement, or remove 'replaced_by'",
            )
        if data["status"] == "active" and (data.get("terminated") or data.get("replaced_by")):
            self.add(
                "status",
                "an active code cannot have 'terminated' or 'replaced_by'",
                "set 'status: terminated' or remove those fields",
            )
        self.check_similar_list(data["similar"])
        for i, source in enumerate(data["sources"]):
            self.check_source(source, f"sources.{i}")

    def check_similar_list(self, similar: list[dict[str, Any]]) -> None:
        if len(similar) < MIN_SIMILAR:
            self.add(
                "similar",
                f"'similar' lists {len(similar)} code(s); a page needs at least {MIN_SIMILAR}",
                "add similar codes, each with the reason it is similar",
            )
        seen: set[str] = set()
        for i, entry in enumerate(similar):
            code = entry["code"]
            if code == self.file.data["code"]:
                self.add(f"similar.{i}.code", "a page cannot list itself as similar", "remove this entry")
            elif code in seen:
                self.add(f"similar.{i}.code", f"{code} is listed twice in 'similar'", "keep one entry")
            seen.add(code)

    def check_source(self, source: dict[str, Any], key: str) -> None:
        if not source.get("url") and not source.get("file"):
            self.add(
                key,
                "a source needs a 'url' or a 'file'",
                "add 'url: https://…' or 'file: content/reference/…'",
            )
        file = source.get("file")
        problem = source_file_problem(file, self.content_dir) if file else ""
        if problem:
            self.add(
                f"{key}.file",
                problem,
                "give the path of a file inside the content folder, starting 'content/' (which names "
                "the content folder, wherever it is), e.g. content/reference/hcpcs_j75xx.csv",
            )

    # --- facts against the CMS tables ------------------------------------------------------
    def check_against_cms(self) -> None:
        data = self.file.data
        cms = self.reference.codes.get(data["code"])
        if cms is None:
            self.add(
                "code",
                f"{data['code']} is not in the {self.reference.edition.short} file",
                "check the code; only codes in content/reference/hcpcs_level2_full.csv can have pages",
            )
            return
        expected = {
            "descriptor": cms.long_descriptor,
            "short_descriptor": cms.short_descriptor,
            "status": cms.status,
            "added": cms.add_date,
            "effective": cms.action_effective_date,
            "terminated": cms.termination_date,
        }
        for name, want in expected.items():
            got = data.get(name)
            got_text = got.isoformat() if isinstance(got, dt.date) else str(got or "")
            if got_text != want:
                shown = f"'{want}'" if want else "no value"
                self.add(
                    name if name in data else "code",
                    f"'{name}' does not match {self.reference.edition.short}: it says {shown}",
                    f"copy the reference value ({'set' if want else 'remove'} '{name}')",
                )
        self.check_billing_unit(data.get("billing_unit"))

    def check_billing_unit(self, unit: dict[str, Any] | None) -> None:
        dose = self.reference.dose_units.get(self.file.data["code"])
        if dose is None:
            return
        if unit is None:
            self.add(
                "code",
                f"'billing_unit' is missing; the descriptor bills per {dose.amount} {dose.unit}",
                f"add 'billing_unit:' with 'amount: {dose.amount}' and 'unit: {dose.unit}'",
            )
        elif Decimal(str(unit["amount"])) != Decimal(dose.amount) or unit["unit"] != dose.unit:
            self.add(
                "billing_unit",
                f"billing unit {unit['amount']} {unit['unit']} does not match the "
                f"descriptor's {dose.amount} {dose.unit}",
                f"set 'amount: {dose.amount}' and 'unit: {dose.unit}'",
            )

    # --- body ------------------------------------------------------------------------------
    def check_body_links(self) -> None:
        """Other sites are cited once, in 'sources' (shown with their dates), never linked from the text.

        Uses markdown-it's own parse, so autolinks and reference-style links are found too: exactly
        what would become an <a>. Links inside the site are checked by check_references.
        """
        for section in self.file.sections:
            for href, offset in link_destinations(section.markdown):
                if is_outbound(href):
                    self.add(
                        section.line + 1 + offset,
                        f"the text links to another site ({href})",
                        "cite it under 'sources:' in the front matter (title, url, date) instead",
                    )

    def check_sections(self) -> None:
        for line in self.file.stray_lines:
            self.add(
                line,
                "text outside a section (or a '# ' heading)",
                "put all text under a '## Section' heading; the page title comes from front matter",
            )
        titles = [s.title for s in self.file.sections]
        for section in self.file.sections:
            if section.title not in SECTIONS_BY_TITLE:
                self.add(section.line, f"unknown section '{section.title}'", _section_fix(section.title))
            elif titles.count(section.title) > 1 and titles.index(section.title) != self.file.sections.index(
                section
            ):
                self.add(
                    section.line,
                    f"section '{section.title}' appears twice",
                    "merge the two sections",
                )
            elif not section.markdown.strip():
                self.add(
                    section.line,
                    f"section '{section.title}' is empty",
                    f"write it: {SECTIONS_BY_TITLE[section.title].hint}",
                )
        self.check_required_sections(titles)

    def check_required_sections(self, titles: list[str]) -> None:
        end_line = self.file.sections[-1].line if self.file.sections else 1
        for spec in REQUIRED_SECTIONS:
            if spec.title not in titles:
                self.add(
                    end_line,
                    f"required section '{spec.title}' is missing",
                    f"add '## {spec.title}' ({spec.hint})",
                )
        order = [s.title for s in SECTIONS]
        known = [s for s in self.file.sections if s.title in SECTIONS_BY_TITLE]
        for before, after in itertools.pairwise(known):
            if order.index(after.title) < order.index(before.title):
                self.add(
                    after.line,
                    f"section '{after.title}' comes after '{before.title}'",
                    f"move it; the order is: {', '.join(s.title for s in REQUIRED_SECTIONS)}",
                )

    def check_modifier_mentions(self) -> None:
        """Modifiers named in prose must exist, and Common Modifiers links each one it names."""
        glossary = self.reference.modifiers
        for section in self.file.sections:
            linked = {r.target for r in self.file.references if r.section == section.title}
            named_here: dict[str, int] = {}
            for offset, text in enumerate(section.markdown.split("\n"), start=1):
                plain = REFERENCE.sub("", text)
                for match in NAMED_MODIFIER.finditer(plain):
                    if match.group(1) not in glossary:
                        self.add(
                            section.line + offset,
                            f"modifier {match.group(1)} is not in the glossary",
                            "check the modifier, or add it to content/reference/modifiers.csv with a source",
                        )
                for token in MODIFIER_TOKEN.findall(plain):
                    if token in glossary:
                        named_here.setdefault(token, section.line + offset)
            if section.title != "Common Modifiers":
                continue
            for token, line in sorted(named_here.items()):
                if token not in linked:
                    self.add(
                        line,
                        f"Common Modifiers names {token} without linking it",
                        f"write it as [[{token}]] at least once in this section",
                    )

    # --- unfinished work -------------------------------------------------------------------
    def check_hints(self) -> None:
        """Hints written by `new` must be replaced before a page is published."""
        for section in self.file.sections:
            for offset, text in enumerate(section.markdown.split("\n"), start=1):
                if text.lstrip().startswith(HINT_PREFIX):
                    self.add(
                        section.line + offset,
                        f"section '{section.title}' still holds the writing hint",
                        f"replace the line starting '{HINT_PREFIX}' with your own text",
                    )
        for key, value in text_values(self.file.data):
            if value.lstrip().startswith(HINT_PREFIX):
                self.add(key, f"'{key}' still holds a writing hint", "write the real value")

    def check_review_age(self) -> None:
        reviewed = self.file.data["reviewed"]
        today = self.today or dt.date.today()
        if reviewed > today:
            self.add(
                "reviewed",
                f"'reviewed' is {reviewed.isoformat()}, a date in the future (today is {today.isoformat()})",
                f"write the date the page was last checked, at the latest 'reviewed: {today.isoformat()}'",
            )
        if self.today and (self.today - reviewed).days > REVIEW_EVERY_DAYS:
            self.add(
                "reviewed",
                f"the page was last reviewed on {reviewed.isoformat()}, over a year ago",
                "check it against the current CMS file and its sources, "
                f"then set 'reviewed: {self.today.isoformat()}'",
                severity="warning",
            )

    def check_references(self) -> None:
        for ref in self.file.references:
            if ref.link:
                self.check_link_form(ref)
            elif MODIFIER_PATTERN.match(ref.target):
                if ref.anchor:
                    self.add(
                        ref.line,
                        f"[[{ref.target}#{ref.anchor}]] points into a modifier",
                        f"write [[{ref.target}]]; modifiers have one entry each in the glossary",
                    )
                if ref.target not in self.reference.modifiers:
                    self.add(
                        ref.line,
                        f"modifier [[{ref.target}]] is not in the modifier glossary",
                        "use a modifier from content/reference/modifiers.csv or add it there, with a source",
                    )
            elif not CODE_PATTERN.match(ref.target):
                self.add(
                    ref.line,
                    f"[[{ref.target}]] is neither a code nor a modifier",
                    "write a code like [[J7517]] or a modifier like [[KX]]",
                )

    def check_link_form(self, ref: Reference) -> None:
        """A Markdown link inside the site must name another content file (or a section here)."""
        if ref.target and not CODE_PATTERN.match(ref.target):
            self.add(
                ref.line,
                f"link ({ref.link}) does not point at a code page",
                "link another code as [text](J7517.md) or [[J7517]], a section of this page as "
                "[text](#billing-units); cite other sites under 'sources:' in the front matter",
            )


def _value_fix(spec: FieldSpec) -> str:
    if spec.kind == "number" and spec.bounds:
        return f"write {spec.bounds.describe()}, e.g. '{spec.name}: {_example(spec)}'"
    if spec.kind == "flag":
        return f"write '{spec.name}: true' or '{spec.name}: false', without quotes ({spec.help})"
    return f"write it like '{spec.name}: {_example(spec)}' ({spec.help})"


def _example(spec: FieldSpec) -> str:
    example = spec.example
    if isinstance(example, bool):
        return str(example).lower()
    if isinstance(example, list | dict):
        return "…" if spec.kind in ("list", "record") else str(example)
    return str(example)


def _unknown_fix(name: str, known: dict[str, FieldSpec]) -> str:
    close = difflib.get_close_matches(name, list(known), n=1)
    if close:
        return f"did you mean '{close[0]}'? Allowed here: {', '.join(known)}"
    return f"remove it; allowed here: {', '.join(known)}"


def _section_fix(title: str) -> str:
    close = difflib.get_close_matches(title, list(SECTIONS_BY_TITLE), n=1, cutoff=0.6)
    if close:
        return f"did you mean '## {close[0]}'?"
    return f"use one of: {', '.join(SECTIONS_BY_TITLE)}"


def to_page(loaded: LoadedFile) -> Page:
    """Typed Page from front matter that has passed the schema checks."""
    data = loaded.data
    unit = data.get("billing_unit")
    return Page(
        path=loaded.path,
        code=data["code"],
        title=data["title"].strip(),
        descriptor=data["descriptor"],
        short_descriptor=data["short_descriptor"],
        category=data["category"],
        billing_unit=(
            BillingUnit(_plain_number(unit["amount"]), unit["unit"], flag_is_set(unit, "up_to"))
            if unit
            else None
        ),
        route=data["route"],
        status=data["status"],
        added=data["added"],
        effective=data.get("effective"),
        terminated=data.get("terminated"),
        replaced_by=data.get("replaced_by") or "",
        aliases=tuple(str(a).strip() for a in data["aliases"]),
        similar=tuple(SimilarCode(s["code"], s["reason"].strip()) for s in data["similar"]),
        sources=tuple(
            Source(s["title"].strip(), s["date"], s.get("url") or "", s.get("file") or "")
            for s in data["sources"]
        ),
        reviewed=data["reviewed"],
        draft=flag_is_set(data, "draft"),
        sections=loaded.sections,
        references=loaded.references,
    )


def _plain_number(value: Any) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def cross_file_problems(
    files: Sequence[LoadedFile],
    pages: list[Page],
    failed: frozenset[str] = frozenset(),
    drafts: list[Page] | tuple[Page, ...] = (),
) -> list[Diagnostic]:
    """Checks across files: duplicate codes, links to pages that do not exist, one-way similar links.

    `pages` are the pages of this build; `drafts` are drafts left out of it. A link to a left-out
    draft is an error that says so. A draft's own link problems are warnings, so its author sees
    them while writing without breaking the build.
    """
    problems = _duplicate_codes(files)
    by_path = {loaded.path: loaded for loaded in files}
    built = {p.code: p for p in pages}
    left_out = {p.code: p for p in drafts}
    for page in pages:
        found = _link_problems(page, by_path[page.path], built, failed, left_out)
        problems.extend(as_warnings(found) if page.draft else found)
    everything = {**built, **left_out}
    for page in drafts:
        problems.extend(as_warnings(_link_problems(page, by_path[page.path], everything, failed, {})))
    problems.extend(_replacement_cycles(files))
    return problems


def _replacement_cycles(files: list[LoadedFile]) -> list[Diagnostic]:
    """Each file whose 'replaced_by' chain comes back to it (J7500 → J7501 → J7500): such advice
    leads nowhere. Read from front matter, so a cycle is reported with the file's other errors.

    A page naming itself is FileChecker's to report; a chain that only runs into a cycle
    (A → B → C → B) is reported on B and C, whose advice is the wrong part.
    """
    by_code: dict[str, LoadedFile] = {}
    for loaded in files:
        code, replacement = loaded.data.get("code"), loaded.data.get("replaced_by")
        if isinstance(code, str) and isinstance(replacement, str) and code != replacement:
            by_code.setdefault(code, loaded)
    problems: list[Diagnostic] = []
    for code, loaded in by_code.items():
        chain = [code]
        while (step := by_code[chain[-1]].data["replaced_by"]) in by_code and step not in chain:
            chain.append(step)
        if step == code:
            found = Diagnostic(
                loaded.path,
                loaded.line_of("replaced_by"),
                f"'replaced_by' goes round in a circle: {' → '.join([*chain, code])}",
                "each terminated code must lead to a code in use; set 'replaced_by' to the code CMS "
                "names as the replacement, or remove it",
            )
            problems.extend(as_warnings([found]) if is_draft(loaded) else [found])
    return problems


def _duplicate_codes(files: Sequence[LoadedFile]) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    by_code: dict[str, LoadedFile] = {}
    for loaded in files:
        code = loaded.data.get("code")
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            continue  # reported by FileChecker, with the value shown safely
        if code in by_code:
            first = by_code[code]
            problems.append(
                Diagnostic(
                    loaded.path,
                    loaded.line_of("code"),
                    f"code {code} already has a page in {first.path}:{first.line_of('code')}",
                    "keep one page per code; delete or merge this file",
                )
            )
        else:
            by_code[code] = loaded
    return problems


def _link_problems(
    page: Page,
    loaded: LoadedFile,
    pages: dict[str, Page],
    failed: frozenset[str],
    left_out: dict[str, Page],
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []

    def add(key_or_line: str | int, message: str, fix: str, severity: str = "error") -> None:
        line = key_or_line if isinstance(key_or_line, int) else loaded.line_of(key_or_line)
        problems.append(Diagnostic(page.path, line, message, fix, severity))

    def draft_left_out(code: str, key_or_line: str | int, remove: str) -> bool:
        """A link to a draft this build leaves out: say so (True), rather than "has no page"."""
        draft = left_out.get(code)
        if draft:
            add(
                key_or_line,
                f"{code} is a draft ({draft.path}), so it is not published",
                f"finish {code} and remove its 'draft: true', or {remove}",
            )
        return draft is not None

    def missing(code: str, key_or_line: str | int, absent: str, create: str, remove: str) -> None:
        if not draft_left_out(code, key_or_line, remove):
            add(key_or_line, absent, f"{create} or {remove}")

    def draft_target(code: str, key_or_line: str | int) -> None:
        """Fine in a preview with drafts; the published build would reject it."""
        if pages[code].draft and not page.draft:
            add(
                key_or_line,
                f"{code} is a draft: built without --drafts, this link is an error",
                f"finish {code} and remove its 'draft: true' before publishing this page",
                "warning",
            )

    for i, similar in enumerate(page.similar):
        key = f"similar.{i}.code"
        target = pages.get(similar.code)
        if similar.code in failed:
            continue
        if target is None:
            missing(
                similar.code,
                key,
                f"similar code {similar.code} has no page",
                f"create content/codes/{similar.code}.md (python build.py new {similar.code})",
                "remove this entry",
            )
        elif not any(s.code == page.code for s in target.similar):
            add(
                key,
                f"{similar.code} does not list {page.code} back as similar",
                f"add '- code: {page.code}' with its own reason to 'similar' in {target.path}",
            )
        else:
            draft_target(similar.code, key)
    if page.replaced_by and page.replaced_by not in failed:
        if page.replaced_by not in pages:
            missing(
                page.replaced_by,
                "replaced_by",
                f"replacement code {page.replaced_by} has no page",
                f"create content/codes/{page.replaced_by}.md",
                "remove 'replaced_by'",
            )
        else:
            draft_target(page.replaced_by, "replaced_by")
    for ref in page.references:
        code = ref.target if ref.target and CODE_PATTERN.match(ref.target) else ""
        if code and code not in failed and draft_left_out(code, ref.line, "remove the link"):
            continue
        if code in pages:
            draft_target(code, ref.line)
        problem = _reference_problem(page, ref, pages, failed)
        if problem:
            add(ref.line, *problem)
    return problems


def _reference_problem(
    page: Page, ref: Reference, pages: dict[str, Page], failed: frozenset[str]
) -> tuple[str, str] | None:
    """(message, fix) when a body link names a page or section that will not exist."""
    written = f"({ref.link})" if ref.link else f"[[{ref.target}{'#' if ref.anchor else ''}{ref.anchor}]]"
    if ref.target and not CODE_PATTERN.match(ref.target):
        return None  # a modifier, or a malformed link already reported by FileChecker
    if ref.target in failed:
        return None
    target = pages.get(ref.target) if ref.target else page
    if target is None:
        return (
            f"{written} links to a code that has no page",
            f"create content/codes/{ref.target}.md or remove the link",
        )
    anchors = [s.slug for s in target.sections] + list(ANCHORS_ON_EVERY_PAGE)
    if ref.anchor and ref.anchor not in anchors:
        return (
            f"{written} points at section '#{ref.anchor}', which {target.code} does not have",
            f"use one of: {', '.join('#' + a for a in anchors)}",
        )
    return None


@dataclass(frozen=True)
class CheckContext:
    """What checking one file reads besides the file: the CMS tables, the content folder (for
    source files) and today's date (None: no review-age warning)."""

    reference: ReferenceData
    content_dir: Path  # the folder being built: sources' files are inside it
    today: dt.date | None = None


@dataclass(frozen=True)
class FileCheck:
    """One file's own problems, and its Page when the front matter fits the schema."""

    problems: tuple[Diagnostic, ...]
    page: Page | None


@dataclass(frozen=True)
class SiteCheck:
    """The pages of this build, the drafts left out of it, and every problem found."""

    pages: tuple[Page, ...]
    drafts: tuple[Page, ...]
    problems: tuple[Diagnostic, ...]


def check_file(loaded: LoadedFile, context: CheckContext) -> FileCheck:
    """A plain function of one file and its context: the unit of work the orchestration caches
    and spreads over processes."""
    checker = FileChecker(loaded, context.reference, context.content_dir, context.today)
    found = checker.check()
    return FileCheck(tuple(found), to_page(loaded) if checker.readable else None)


def is_draft(loaded: LoadedFile) -> bool:
    return flag_is_set(loaded.data, "draft")


def check_site(
    files: Sequence[LoadedFile],
    checks: Sequence[FileCheck],
    include_drafts: bool,
    broken_codes: frozenset[str] = frozenset(),
) -> SiteCheck:
    """Every file's check (in the order of `files`) joined with the checks across files.

    `broken_codes` are codes whose files could not be read: links to them are not reported again.
    A draft's problems are warnings: it may be unfinished, and it is published only once its
    author removes 'draft: true' (then they are errors).
    """
    problems: list[Diagnostic] = []
    pages: list[Page] = []
    drafts: list[Page] = []
    failed = set(broken_codes)
    for loaded, check in zip(files, checks, strict=True):
        draft = is_draft(loaded)
        found = list(check.problems)
        problems.extend(as_warnings(found) if draft else found)
        if check.page is None or (errors_only(found) and not draft):
            failed.add(Path(loaded.path).stem)
        elif draft and not include_drafts:
            drafts.append(check.page)
        else:
            pages.append(check.page)
    problems.extend(cross_file_problems(files, pages, frozenset(failed), drafts))
    return SiteCheck(tuple(pages), tuple(drafts), tuple(sorted(problems)))


def validate_files(files: Sequence[LoadedFile], context: CheckContext, include_drafts: bool) -> SiteCheck:
    """check_file on every file, then check_site: the whole stage in this process (tests, tools;
    the build maps check_file over its pool and cache instead)."""
    return check_site(files, [check_file(f, context) for f in files], include_drafts)
