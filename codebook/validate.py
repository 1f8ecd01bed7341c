"""Stage 2: check every loaded file against the schema and the CMS tables; never stop at the first.

`check_file(loaded, context)` checks one file (a plain function the orchestration caches and maps
over the process pool) by running the rule table of `codebook/checks/`; `check_site(files, checks,
...)` joins those checks with the checks across files (`checks/site.py`, run once on the whole set)
and returns the Page records that passed and one Diagnostic per problem found anywhere, so an
author fixes everything in one pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cached_property
from pathlib import Path
from typing import Any

from .checks import FileContext, run_file_rules
from .checks.consistency import BrandOwners, brand_owners_by_family, supply_fee_line
from .checks.site import is_draft, site_problems
from .cms_tables import ReferenceData
from .diagnostics import Diagnostic, as_warnings, errors_only
from .drugs.facts import DrugFacts
from .model import BillingUnit, LoadedFile, Page, RuleLink, SimilarCode, Source
from .schema import flag_is_set

__all__ = [
    "CheckContext",
    "FileCheck",
    "SiteCheck",
    "check_file",
    "check_site",
    "is_draft",
    "to_page",
    "validate_files",
]


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
        body_links=loaded.body_links,
        claim_modifiers=tuple(modifier for modifier, _ in loaded.claim_modifiers),
        rules=tuple(
            RuleLink(str(slug).strip(), loaded.line_of(f"rules.{i}"))
            for i, slug in enumerate(data.get("rules") or ())
        ),
    )


def _plain_number(value: Any) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text


@dataclass(frozen=True)
class CheckContext:
    """What checking one file reads besides the file: the CMS tables, the content folder (for
    source files) and today's date (None: no review-age warning)."""

    reference: ReferenceData
    content_dir: Path  # the folder being built: sources' files are inside it
    today: dt.date | None = None
    drug_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # code → crosswalk names
    drug_facts: DrugFacts | None = None  # what the content check compares text with (checks/crosswalk.py)

    @cached_property
    def brand_owners(self) -> dict[str, BrandOwners]:
        """Every family's brand words, taken once per process for all the files it checks."""
        return brand_owners_by_family(self.reference, self.drug_names)


@dataclass(frozen=True)
class FileCheck:
    """One file's own problems, its Page when the front matter fits the schema, and what the
    checks across files read of its text (kept here, so they need not scan every page again)."""

    problems: tuple[Diagnostic, ...]
    page: Page | None
    supply_fee_line: int = 0  # the first line naming a supply-fee code Q0510–Q0512, 0 if none


def kept_check(check: FileCheck) -> FileCheck:
    """The check as the store keeps it: without its page's sections and body links, which are the
    loaded file's (to_page) and so were kept twice, half of what a rebuild unpickled per page."""
    if check.page is None:
        return check
    return replace(check, page=replace(check.page, sections=(), body_links=()))


def restored_check(kept: FileCheck, loaded: LoadedFile) -> FileCheck:
    """A kept check with its page's sections and body links taken from its loaded file again."""
    if kept.page is None:
        return kept
    page = replace(kept.page, sections=loaded.sections, body_links=loaded.body_links)
    return FileCheck(kept.problems, page, kept.supply_fee_line)


@dataclass(frozen=True)
class SiteCheck:
    """The pages of this build, the drafts left out of it, and every problem found."""

    pages: tuple[Page, ...]
    drafts: tuple[Page, ...]
    problems: tuple[Diagnostic, ...]


def check_file(loaded: LoadedFile, context: CheckContext) -> FileCheck:
    """A plain function of one file and its context: the unit of work the orchestration caches
    and spreads over processes."""
    found, readable = run_file_rules(
        FileContext(
            loaded,
            context.reference,
            context.content_dir,
            context.today,
            context.drug_names,
            context.brand_owners,
            context.drug_facts,
        )
    )
    page = to_page(loaded) if readable else None
    return FileCheck(tuple(found), page, supply_fee_line(loaded))


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
    fee_lines = {loaded.path: check.supply_fee_line for loaded, check in zip(files, checks, strict=True)}
    problems.extend(site_problems(files, pages, frozenset(failed), drafts, fee_lines))
    return SiteCheck(tuple(pages), tuple(drafts), tuple(sorted(problems)))


def validate_files(files: Sequence[LoadedFile], context: CheckContext, include_drafts: bool) -> SiteCheck:
    """check_file on every file, then check_site: the whole stage in this process (tests, tools;
    the build maps check_file over its pool and cache instead)."""
    return check_site(files, [check_file(f, context) for f in files], include_drafts)
