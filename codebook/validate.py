"""Stage 2: check every loaded file against the schema and the CMS tables; never stop at the first.

The checks themselves are the rule table in `codebook/checks/`; this module runs it on each file,
makes the typed Page records of the files that passed, and runs the checks across files once, so an
author fixes everything in one pass.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

from .checks import FileContext, run_file_rules
from .checks.site import is_draft, site_problems
from .cms_tables import ReferenceData
from .diagnostics import Diagnostic, as_warnings, errors_only
from .model import BillingUnit, LoadedFile, Page, SimilarCode, Source
from .progress import Tick, no_progress
from .schema import flag_is_set

__all__ = ["check_files", "check_site", "file_problems", "is_draft", "to_page", "validate_content"]


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
    )


def _plain_number(value: Any) -> str:
    text = format(Decimal(str(value)).normalize(), "f")
    return text


def check_site(
    files: list[LoadedFile],
    pages: list[Page],
    failed: frozenset[str] = frozenset(),
    drafts: list[Page] | tuple[Page, ...] = (),
) -> list[Diagnostic]:
    """Checks across files: duplicate codes, links to pages that do not exist, one-way similar links.

    `pages` are the pages of this build; `drafts` are drafts left out of it. A link to a left-out
    draft is an error that says so. A draft's own link problems are warnings, so its author sees
    them while writing without breaking the build.
    """
    return site_problems(files, pages, failed, drafts)


# path -> (the LoadedFile checked, its problems, its Page when one can be made). Reusing the same
# Page object lets later stages see "unchanged" by identity.
CheckMemo = dict[str, tuple[LoadedFile, list[Diagnostic], Page | None]]


def file_problems(
    loaded: LoadedFile, reference: ReferenceData, content_dir: Path, today: dt.date | None
) -> tuple[list[Diagnostic], bool]:
    """One file's own problems, and whether its front matter fits the schema (so a Page can be
    made): the unit of work a build may spread over processes."""
    return run_file_rules(FileContext(loaded, reference, content_dir, today))


FileChecks = Callable[[Sequence[LoadedFile]], "list[tuple[list[Diagnostic], bool]] | None"]


def check_files(
    files: Sequence[LoadedFile],
    reference: ReferenceData,
    content_dir: Path,
    today: dt.date | None,
    memo: CheckMemo | None,
    elsewhere: FileChecks | None,
) -> list[tuple[list[Diagnostic], Page | None]]:
    """file_problems and the Page of every file, reused from `memo` while the very same LoadedFile comes back;
    `elsewhere` (the orchestration's pool) may check the others, or return None to leave it here."""
    memo = memo if memo is not None else {}
    stale = [f for f in files if f.path not in memo or memo[f.path][0] is not f]
    fresh = elsewhere(stale) if elsewhere and stale else None
    if fresh is None:
        fresh = [file_problems(f, reference, content_dir, today) for f in stale]
    for loaded, (found, readable) in zip(stale, fresh, strict=True):
        memo[loaded.path] = (loaded, found, to_page(loaded) if readable else None)
    return [(memo[f.path][1], memo[f.path][2]) for f in files]


def validate_content(
    files: list[LoadedFile],
    reference: ReferenceData,
    content_dir: Path,
    include_drafts: bool,
    broken_codes: frozenset[str] = frozenset(),
    today: dt.date | None = None,
    memo: CheckMemo | None = None,
    tick: Tick = no_progress,
    elsewhere: FileChecks | None = None,
) -> tuple[list[Page], list[Page], list[Diagnostic]]:
    """Check every file; return (pages of this build, drafts left out, every problem found).

    `broken_codes` are codes whose files could not be read: links to them are not reported again.
    A draft's problems are warnings: it may be unfinished, and it is published only once its
    author removes 'draft: true' (then they are errors). `today` enables the review-age warning
    and is the date a 'reviewed' date may not pass (the real date when None).
    `memo` (kept by `serve`) skips re-checking a file that was not reloaded.
    """
    problems: list[Diagnostic] = []
    pages: list[Page] = []
    drafts: list[Page] = []
    failed = set(broken_codes)
    checked = check_files(files, reference, content_dir, today, memo, elsewhere)
    for loaded, (found, page) in zip(files, checked, strict=True):
        tick()
        draft = is_draft(loaded)
        problems.extend(as_warnings(found) if draft else found)
        if page is None or (errors_only(found) and not draft):
            failed.add(Path(loaded.path).stem)
        elif draft and not include_drafts:
            drafts.append(page)
        else:
            pages.append(page)
    problems.extend(check_site(files, pages, frozenset(failed), drafts))
    return pages, drafts, sorted(problems)
