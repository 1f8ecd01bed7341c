"""Checks across files, run once on the whole set: duplicate codes, similar codes listed both ways,
links to pages, sections and drafts that will not be published, and replaced_by cycles."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from ..diagnostics import Diagnostic, as_warnings
from ..model import BodyLink, LoadedFile, Page
from ..schema import ANCHORS_ON_EVERY_PAGE, CODE_PATTERN, flag_is_set
from .consistency import supply_fee_line, supply_fee_problems


def site_problems(
    files: list[LoadedFile],
    pages: list[Page],
    failed: frozenset[str] = frozenset(),
    drafts: list[Page] | tuple[Page, ...] = (),
    supply_fee_lines: Mapping[str, int] | None = None,
) -> list[Diagnostic]:
    """Every cross-file problem. `pages` are the pages of this build; `drafts` are drafts left out
    of it. A link to a left-out draft is an error that says so. A draft's own link problems are
    warnings, so its author sees them while writing without breaking the build. `supply_fee_lines`
    (path → line, from each file's cached check) spares a scan of every page's text."""
    problems = list(duplicate_codes(files))
    by_path = {loaded.path: loaded for loaded in files}
    built = {p.code: p for p in pages}
    left_out = {p.code: p for p in drafts}
    for page in pages:
        found = list(LinkCheck(page, by_path[page.path], built, failed, left_out).problems())
        problems.extend(as_warnings(found) if page.draft else found)
    everything = {**built, **left_out}
    for page in drafts:
        found = list(LinkCheck(page, by_path[page.path], everything, failed, {}).problems())
        problems.extend(as_warnings(found))
    problems.extend(replacement_cycles(files))
    if supply_fee_lines is None:
        supply_fee_lines = {loaded.path: supply_fee_line(loaded) for loaded in files}
    problems.extend(supply_fee_problems(supply_fee_lines, pages))
    return problems


def is_draft(loaded: LoadedFile) -> bool:
    return flag_is_set(loaded.data, "draft")


def duplicate_codes(files: list[LoadedFile]) -> Iterator[Diagnostic]:
    by_code: dict[str, LoadedFile] = {}
    for loaded in files:
        code = loaded.data.get("code")
        if not isinstance(code, str) or not CODE_PATTERN.match(code):
            continue  # reported by the field rules, with the value shown safely
        if code in by_code:
            first = by_code[code]
            yield Diagnostic(
                loaded.path,
                loaded.line_of("code"),
                f"code {code} already has a page in {first.path}:{first.line_of('code')}",
                "keep one page per code; delete or merge this file",
            )
        else:
            by_code[code] = loaded


def replacement_cycles(files: list[LoadedFile]) -> Iterator[Diagnostic]:
    """Each file whose 'replaced_by' chain comes back to it (J7500 → J7501 → J7500): such advice
    leads nowhere. Read from front matter, so a cycle is reported with the file's other errors.

    A page naming itself is the field rules' to report; a chain that only runs into a cycle
    (A → B → C → B) is reported on B and C, whose advice is the wrong part.
    """
    by_code: dict[str, LoadedFile] = {}
    for loaded in files:
        code, replacement = loaded.data.get("code"), loaded.data.get("replaced_by")
        if isinstance(code, str) and isinstance(replacement, str) and code != replacement:
            by_code.setdefault(code, loaded)
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
            yield from as_warnings([found]) if is_draft(loaded) else [found]


@dataclass
class LinkCheck:
    """The links of one page (similar codes, replaced_by, body links) against the pages built."""

    page: Page
    loaded: LoadedFile
    pages: dict[str, Page]
    failed: frozenset[str]
    left_out: dict[str, Page]
    found: list[Diagnostic] = field(default_factory=list)

    def add(self, key_or_line: str | int, message: str, fix: str, severity: str = "error") -> None:
        line = key_or_line if isinstance(key_or_line, int) else self.loaded.line_of(key_or_line)
        self.found.append(Diagnostic(self.page.path, line, message, fix, severity))

    def problems(self) -> list[Diagnostic]:
        for i, similar in enumerate(self.page.similar):
            if similar.code not in self.failed:
                self.similar_code(similar.code, f"similar.{i}.code")
        replacement = self.page.replaced_by
        if replacement and replacement not in self.failed:
            if replacement not in self.pages:
                self.missing(
                    replacement,
                    "replaced_by",
                    f"replacement code {replacement} has no page",
                    f"create content/codes/{replacement}.md",
                    "remove 'replaced_by'",
                )
            else:
                self.draft_target(replacement, "replaced_by")
        for link in self.page.body_links:
            if link.names_page:
                self.body_link(link)
        return self.found

    def similar_code(self, code: str, key: str) -> None:
        target = self.pages.get(code)
        if target is None:
            self.missing(
                code,
                key,
                f"similar code {code} has no page",
                f"create content/codes/{code}.md (python build.py new {code})",
                "remove this entry",
            )
        elif not any(s.code == self.page.code for s in target.similar):
            self.add(
                key,
                f"{code} does not list {self.page.code} back as similar",
                f"add '- code: {self.page.code}' with its own reason to 'similar' in {target.path}",
            )
        else:
            self.draft_target(code, key)

    def body_link(self, link: BodyLink) -> None:
        code = link.target if link.target and CODE_PATTERN.match(link.target) else ""
        if code and code not in self.failed and self.draft_left_out(code, link.line, "remove the link"):
            return
        if code in self.pages:
            self.draft_target(code, link.line)
        problem = missing_target(self.page, link, self.pages, self.failed)
        if problem:
            self.add(link.line, *problem)

    def draft_left_out(self, code: str, key_or_line: str | int, remove: str) -> bool:
        """A link to a draft this build leaves out: say so (True), rather than "has no page"."""
        draft = self.left_out.get(code)
        if draft:
            self.add(
                key_or_line,
                f"{code} is a draft ({draft.path}), so it is not published",
                f"finish {code} and remove its 'draft: true', or {remove}",
            )
        return draft is not None

    def missing(self, code: str, key_or_line: str | int, absent: str, create: str, remove: str) -> None:
        if not self.draft_left_out(code, key_or_line, remove):
            self.add(key_or_line, absent, f"{create} or {remove}")

    def draft_target(self, code: str, key_or_line: str | int) -> None:
        """Fine in a preview with drafts; the published build would reject it."""
        if self.pages[code].draft and not self.page.draft:
            self.add(
                key_or_line,
                f"{code} is a draft: built without --drafts, this link is an error",
                f"finish {code} and remove its 'draft: true' before publishing this page",
                "warning",
            )


Problem = tuple[str, str]


def missing_target(
    page: Page, link: BodyLink, pages: dict[str, Page], failed: frozenset[str]
) -> Problem | None:
    """(message, fix) when a body link names a page or section that will not exist."""
    written = link.as_written
    if link.target and not CODE_PATTERN.match(link.target):
        return None  # a modifier, or a malformed [[…]] already reported by the body rules
    if link.target in failed:
        return None
    target = pages.get(link.target) if link.target else page
    if target is None:
        return (
            f"{written} links to a code that has no page",
            f"create content/codes/{link.target}.md or remove the link",
        )
    anchors = [s.slug for s in target.sections] + list(ANCHORS_ON_EVERY_PAGE)
    if link.anchor and link.anchor not in anchors:
        return (
            f"{written} points at section '#{link.anchor}', which {target.code} does not have",
            f"use one of: {', '.join('#' + a for a in anchors)}",
        )
    return None
