"""`python build.py new CODE`: start a page with every CMS fact filled in, as a draft.

Every refusal is a sentence an author can act on: a mistyped code, a code CMS does not list, a
code that already has a page, or a category that cannot be chosen for them.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from .cms_tables import FULL_FILE, ReferenceData, load_reference
from .load import display_path, find_content_files, load_file
from .model import CmsCode
from .scaffold import route_for, scaffold_page
from .schema import CODE_PATTERN, MODIFIER_PATTERN, code_family

NEIGHBOURS_SHOWN = 6


class NewPageError(Exception):
    """The page cannot be created; the message says why and what to do instead. Its lines are
    separate arguments, so the printer keeps our own line breaks while escaping each line (an
    author's text inside one, such as a mistyped --category, cannot start a line of its own)."""

    @property
    def lines(self) -> tuple[str, ...]:
        return tuple(str(line) for line in self.args)


class NewPageWriteError(NewPageError):
    """The page was fine but the file could not be written (read-only folder, full disk): exit 1."""


@dataclass(frozen=True)
class NewPage:
    path: Path
    code: str
    cms: CmsCode
    category: str
    category_reason: str
    facts: tuple[str, ...]


@dataclass(frozen=True)
class FamilyPage:
    code: str
    category: str
    route: str


def create_page(
    code_text: str, content: Path, category: str | None = None, reference: ReferenceData | None = None
) -> NewPage:
    reference = reference or load_reference(content)
    code = known_code(code_text, reference)
    codes_dir = content / "codes"
    existing = [p for p in find_content_files(codes_dir) if p.stem.upper() == code]
    if existing:
        raise NewPageError(
            f"{code} already has a page: {display_path(existing[0])}. Edit that file instead "
            "(python build.py serve shows it while you work)."
        )
    family = family_pages(codes_dir, code)
    route = route_for(code, reference)
    chosen, reason = choose_category(code, category, family, route, reference)
    path = codes_dir / f"{code}.md"
    topics = [p.stem for p in find_content_files(content / "topics")]
    text = scaffold_page(code, reference, chosen, nearest_codes(code, [p.code for p in family]), topics)
    write_new_page(path, text)
    return NewPage(path, code, reference.codes[code], chosen, reason, filled_facts(code, reference))


def write_new_page(path: Path, text: str) -> None:
    """Create the file, never overwriting one made meanwhile; a failed write leaves no half file."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            try:
                handle.write(text)
            except OSError:
                path.unlink(missing_ok=True)
                raise
    except OSError as failure:
        raise NewPageWriteError(
            f"cannot write {display_path(path)} ({failure.strerror or failure}); "
            "check that the codes folder is writable and the disk has room, then run it again"
        ) from None


def known_code(code_text: str, reference: ReferenceData) -> str:
    """The code in upper case, or NewPageError when it is mistyped or not in the CMS file."""
    code = code_text.strip().upper()
    if MODIFIER_PATTERN.match(code) and code in reference.modifiers:
        raise NewPageError(
            f"{code} is a modifier, not a code. Modifiers are described in the modifier glossary "
            "(content/reference/modifiers.csv); code pages link to them as [[" + code + "]]."
        )
    if not CODE_PATTERN.match(code):
        raise NewPageError(
            f"'{code_text}' is not a HCPCS Level II code: one letter A–V and four digits, e.g. J7517."
        )
    if code not in reference.codes:
        near = nearest_codes(code, list(reference.codes))
        hint = f" Codes next to it in the file: {', '.join(near)}." if near else ""
        raise NewPageError(
            f"{code} is not in the {reference.edition.short} file (content/reference/{FULL_FILE}).{hint} "
            "If CMS added it in a later release, update the reference first: "
            "python build.py reference-diff NEW.csv --apply"
        )
    return code


def nearest_codes(code: str, codes: list[str], count: int = NEIGHBOURS_SHOWN) -> list[str]:
    """Up to `count` codes with the same letter, closest in number to `code`, in order."""
    same_letter = sorted(c for c in codes if c[0] == code[0] and c != code)
    at = bisect.bisect_left(same_letter, code)
    half = count // 2
    start = max(0, min(at - half, len(same_letter) - count))
    return same_letter[start : start + count]


def family_pages(codes_dir: Path, code: str) -> list[FamilyPage]:
    """Pages in the code's hundred-block (e.g. J7500–J7599), read only for category and route."""
    family = code_family(code)
    found = []
    for path in find_content_files(codes_dir):
        if not CODE_PATTERN.match(path.stem.upper()) or code_family(path.stem.upper()) != family:
            continue
        loaded, _ = load_file(path)
        if loaded and isinstance(loaded.data.get("category"), str):
            found.append(
                FamilyPage(path.stem.upper(), loaded.data["category"], str(loaded.data.get("route")))
            )
    return found


def choose_category(
    code: str, given: str | None, family: list[FamilyPage], route: str, reference: ReferenceData
) -> tuple[str, str]:
    """The category to write, and why: as given, or the one the family's pages agree on."""
    slugs = list(reference.categories)
    if given:
        if given in reference.categories:
            return given, "as given with --category"
        close = difflib.get_close_matches(given, slugs, n=1)
        guess = f" Did you mean '{close[0]}'?" if close else ""
        menu = category_menu(code, reference, family)
        raise NewPageError(f"'{given}' is not a category in content/categories.yml.{guess}", *menu)
    for pages, what in (([p for p in family if p.route == route], f"{route} codes"), (family, "codes")):
        used = Counter(p.category for p in pages if p.category in reference.categories)
        if len(used) == 1:
            slug = next(iter(used))
            examples = ", ".join(sorted(p.code for p in pages)[:3])
            return slug, f"as for {examples}, {what} in {family_title(code)}"
    raise NewPageError(
        f"Which category does {code} belong to? "
        + (
            f"The pages in {family_title(code)} use several."
            if family
            else f"No page in {family_title(code)} exists yet to copy it from."
        ),
        *category_menu(code, reference, family),
    )


def category_menu(code: str, reference: ReferenceData, family: list[FamilyPage]) -> list[str]:
    """The categories to choose from, with the family pages that use each, and the command to run."""
    used: dict[str, list[str]] = {}
    for page in family:
        used.setdefault(page.category, []).append(page.code)
    width = max(len(slug) for slug in reference.categories) if reference.categories else 0
    lines = ["Run it again with one of these (from content/categories.yml):"]
    for slug, category in reference.categories.items():
        users = f"  used by {', '.join(sorted(used[slug])[:4])}" if slug in used else ""
        lines.append(f"  python build.py new {code} --category {slug:<{width}}  # {category.title}{users}")
    lines.append("If none fits, add a category to content/categories.yml first.")
    return lines


def filled_facts(code: str, reference: ReferenceData) -> tuple[str, ...]:
    """What `new` copied from the reference, for the message to the author."""
    cms = reference.codes[code]
    dose = reference.dose_units.get(code)
    facts = [f"descriptor '{cms.long_descriptor}'", f"status {cms.status}", f"added {cms.add_date}"]
    if cms.termination_date:
        facts.append(f"terminated {cms.termination_date}")
    facts.append(
        f"billing unit {dose.amount} {dose.unit}"
        if dose
        else "no billing unit (the descriptor names no amount)"
    )
    return tuple(facts)


def family_title(code: str) -> str:
    return code_family(code).replace("-", "–")
