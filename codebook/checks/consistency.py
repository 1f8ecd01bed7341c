"""Rules that keep a page consistent with the reference and with the rest of the site (issue 19):

- every brand a page names is a name of that page's code in the reference (brand_names.csv or the
  CMS NDC crosswalk's drug names), unless the line names the code the brand belongs to;
- the modifiers Common Modifiers declares for the claim line (claim_modifiers.py) are those the
  calculator shows: JW and JZ (its discarded-drug lines) on every page it splits, on no other; the
  others (KX) on the drug line as written, so each is one the glossary lets go on a drug code;
- the pharmacy supply-fee codes Q0510–Q0512 are named on every oral page where they apply, or on
  none (a check across pages: `supply_fee_problems`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence

from ..body_links import SHORT_LINK
from ..calculator import calculator_kind, route_kind
from ..claim_modifiers import CALCULATOR_MODIFIERS, drug_line_modifiers
from ..cms_tables import ReferenceData
from ..diagnostics import Diagnostic
from ..model import LoadedFile, Page
from ..schema import code_family
from .context import FileContext, Rule

WORD = re.compile(r"[A-Za-z][A-Za-z-]+")
CODE = re.compile(r"\b[A-V][0-9]{4}\b")
SUPPLY_FEE_CODES = ("Q0510", "Q0511", "Q0512")


# --- brands --------------------------------------------------------------------------------------
BrandOwners = Mapping[str, frozenset[str]]  # brand word (case-folded) → the codes it names


def brand_owners(
    reference: ReferenceData, drug_names: Mapping[str, Sequence[str]], family: str
) -> BrandOwners:
    """Brand word (case-folded) → the codes of `family` (e.g. 'J7500-J7599') the reference gives it."""
    return brand_owners_by_family(reference, drug_names).get(family, {})


def brand_owners_by_family(
    reference: ReferenceData, drug_names: Mapping[str, Sequence[str]]
) -> dict[str, BrandOwners]:
    """Each family's brand words, in one pass over the reference (taken once per build: see
    CheckContext.brand_owners; per page it was a tenth of a cold build's checking).

    A brand word is the first word of a brand or crosswalk drug name that is not a word of any of
    the family's CMS descriptors (so 'Cyclosporine' and 'MYCOPHENOLIC' are generic, 'Neoral' and
    'Myfortic' brands). One family at a time: across the whole CMS file the first words of product
    names include plain English ('MD')."""
    families: dict[str, list[str]] = {}
    for code in sorted(set(reference.brands) | set(drug_names)):
        families.setdefault(code_family(code), []).append(code)
    return {family: family_owners(reference, drug_names, codes) for family, codes in families.items()}


def family_owners(
    reference: ReferenceData, drug_names: Mapping[str, Sequence[str]], codes: Sequence[str]
) -> BrandOwners:
    descriptors = (reference.codes[c].long_descriptor for c in codes if c in reference.codes)
    generic = frozenset(w.casefold() for text in descriptors for w in WORD.findall(text))
    owners: dict[str, set[str]] = {}
    for code in codes:
        for name in (*reference.brands.get(code, ()), *drug_names.get(code, ())):
            first = WORD.match(name.strip())
            if first and first.group().casefold() not in generic:
                owners.setdefault(first.group().casefold(), set()).add(code)
    return {brand: frozenset(found) for brand, found in sorted(owners.items())}


def brands_named(text: str, owners: Mapping[str, frozenset[str]]) -> list[str]:
    """The brand words of `text`, as written, in order."""
    return [w for w in WORD.findall(text) if w.casefold() in owners]


def misattributed_brands(
    text: str, code: str, owners: Mapping[str, frozenset[str]]
) -> Iterator[tuple[str, str]]:
    """(brand, its codes) for each brand in `text` that is not a name of `code` and whose own code
    the text does not name either."""
    brands = brands_named(text, owners)
    named_codes = set(CODE.findall(text)) | {code} if brands else set()
    for brand in brands:
        codes = owners[brand.casefold()]
        if not codes & named_codes:
            yield brand, ", ".join(sorted(codes))


def may_name_a_brand(text: str, owners: Mapping[str, frozenset[str]]) -> bool:
    """False when no brand word occurs in `text` even as part of a word: its lines need no look
    (most sections of a page name no brand, and looking line by line was most of this rule's time)."""
    folded = text.casefold()
    return any(brand in folded for brand in owners)


def page_brands(ctx: FileContext) -> Iterator[Diagnostic]:
    """A brand on a page (aliases, similar-code reasons, text) is a name of its code per the reference,
    or is written beside the code it belongs to ("Envarsus XR is [[J7503]])."""
    data, code = ctx.file.data, ctx.file.data["code"]
    by_family = ctx.brand_owners
    if by_family is None:
        by_family = brand_owners_by_family(ctx.reference, ctx.drug_names)
    owners = by_family.get(code_family(code), {})
    places: list[tuple[str | int, str, str]] = [
        (f"aliases.{i}", str(a), code) for i, a in enumerate(data["aliases"])
    ]
    places += [(f"similar.{i}.reason", s["reason"], s["code"]) for i, s in enumerate(data["similar"])]
    for section in (s for s in ctx.file.sections if may_name_a_brand(s.markdown, owners)):
        lines = section.markdown.split("\n")
        places += [(section.line + n, line, code) for n, line in enumerate(lines, start=1)]
    for where, text, owner in places:
        for brand, codes in misattributed_brands(SHORT_LINK.sub(r" \1 ", text), owner, owners):
            yield ctx.problem(
                where,
                f"{brand} is not a name of {owner} in the reference (it names {codes})",
                f"name it beside its code (e.g. [[{codes.split(', ')[0]}]]) or remove it; brand names "
                "per code are in content/reference/brand_names.csv and the NDC crosswalk",
            )


# --- modifiers declared for the claim line ------------------------------------------------------
def calculator_modifiers(ctx: FileContext) -> Iterator[Diagnostic]:
    """The modifiers Common Modifiers declares for the line are exactly those the calculator shows:
    JW and JZ where it splits an administered drug (and then both: it gives the line either one),
    every other declared modifier (KX) on the drug line as written (it reads the same declaration,
    claim_modifiers.py), so that one must be a modifier that may go on a drug line."""
    page_kind = _kind(ctx.file.data)
    declared = dict(ctx.file.claim_modifiers)
    named = [m for m in CALCULATOR_MODIFIERS if m in declared]
    yield from drug_line_problems(ctx, declared)
    if named and page_kind != "administered":
        for modifier in named:
            oral = page_kind == "oral"
            what = "an oral drug dispensed for a period" if oral else "a code without a unit amount"
            yield ctx.problem(
                declared[modifier],
                f"Common Modifiers declares [[{modifier}]] for the line, but the calculator shows no "
                f"{modifier} line for {what}",
                "move it after a line 'Not on this line:' (or remove it)",
            )
    elif named and len(named) < len(CALCULATOR_MODIFIERS):
        missing = next(m for m in CALCULATOR_MODIFIERS if m not in declared)
        yield ctx.problem(
            declared[named[0]],
            f"Common Modifiers declares [[{named[0]}]] for the line but not [[{missing}]], "
            "though the calculator shows either line",
            f"name [[{missing}]] too, before any 'Not on this line:' part",
        )


def drug_line_problems(ctx: FileContext, declared: Mapping[str, int]) -> Iterator[Diagnostic]:
    """The calculator writes every other declared modifier on the drug line as it is: one the glossary
    says CMS terminated, or never goes on a drug code, would reach a claim that way."""
    for modifier in drug_line_modifiers(declared):
        entry = ctx.reference.modifiers.get(modifier)
        if entry is None:
            continue  # the link check reports a modifier missing from the glossary
        if entry.status == "terminated":
            why = f"the glossary says CMS terminated it ({entry.termination_date or 'no date given'})"
        elif entry.applies_to_drug_codes.startswith("no"):
            why = "the glossary says it never goes on a drug code"
        else:
            continue
        yield ctx.problem(
            declared[modifier],
            f"Common Modifiers declares [[{modifier}]] for the line, so the calculator writes it on "
            f"the drug line, but {why}",
            "move it after a line 'Not on this line:' (or remove it)",
        )


def _kind(data: Mapping[str, object]) -> str:
    """The calculator's kind for the front matter (oral, administered or none), as calculator.py decides."""
    unit = data.get("billing_unit")
    if not isinstance(unit, dict):
        return "none"
    return route_kind(str(unit.get("unit")), str(data.get("route")))


# --- supply-fee codes, across pages -------------------------------------------------------------
def supply_fee_problems(lines: Mapping[str, int], pages: Sequence[Page]) -> Iterator[Diagnostic]:
    """Q0510–Q0512 apply to the oral drugs in use: either every such page names them or none does;
    a page where they do not apply (an injection, a terminated code) never names them. `lines`:
    each file's `supply_fee_line` by path (computed once per file, in its cached check)."""
    applies = {p.path for p in pages if calculator_kind(p) == "oral" and p.status == "active"}
    naming = {p.path: lines[p.path] for p in pages if lines.get(p.path)}
    for path, line in sorted(naming.items()):
        if path not in applies:
            yield Diagnostic(
                path,
                line,
                "this page names a pharmacy supply-fee code (Q0510–Q0512), "
                "which applies to oral drugs in use only",
                "remove it; the supply fees are explained on the coverage topic page",
            )
    if naming.keys() & applies:
        for path in sorted(applies - naming.keys()):
            shown = ", ".join(sorted(naming)[:3])
            yield Diagnostic(
                path,
                1,
                f"other oral pages name the supply-fee codes Q0510–Q0512 ({shown}…) but this one does not",
                "name them here too, or remove them from every page and keep them on the coverage topic",
            )


def supply_fee_line(file: LoadedFile) -> int:
    """The first line of the file's text naming a supply-fee code, 0 when none does."""
    for section in file.sections:
        for n, line in enumerate(section.markdown.split("\n"), start=1):
            if any(code in line for code in SUPPLY_FEE_CODES):
                return section.line + n
    return 0


RULES = (
    Rule("page-brands", page_brands, "page"),
    Rule("calculator-modifiers", calculator_modifiers, "page"),
)
