"""The content check (issue 30): what a guide's text says about a code's products and prices agrees
with the CMS drug files, line by line, so a wrong NDC, package or coinsurance cannot come back.

- An NDC written on a line is one the crosswalk lists under the page's own code or a code the line
  names. Error: a wrong product on a code is a wrong fact.
- A strength or package written on such a line ("25 mg capsules", "vials of 500 mg", "labelled
  150 mg") is one a crosswalk row of that code implies: per item, per capsule or mL, or per NDC.
  Error. Codes with no product in the crosswalk are skipped: there is nothing to compare.
- A percentage on a line that mentions coinsurance equals the payment-limit file's figure for the
  code it stands next to (its clause's nearest code, else the page's code), in the quarter the line
  names ("January 2026") or else the newest. Error. On a page of no code, a figure stated for no code
  is an error too, unless the clause says it is the usual rate ("normally", "usually", "not always").
- A page whose code has no NDC and no payment limit in any shipped quarter gets no worked unit
  count ("… is 2 units"): the code is historical, or has no product CMS lists. Warning: the author
  sees it with path:line, and the page still builds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

from ..body_links import SHORT_LINK
from ..diagnostics import Diagnostic
from ..drugs.facts import TO_MG, DrugFacts
from ..drugs.ndc import normalize_ndc
from ..drugs.records import MONTHS, Quarter
from ..schema import code_family
from .context import FileContext, Rule

CODE = re.compile(r"\b[A-V][0-9]{4}\b")
NDC = re.compile(r"\b[0-9]{4,5}-[0-9]{3,4}-[0-9]{1,2}\b")
AMOUNT = r"[0-9][0-9,]*(?:\.[0-9]+)?\s*(?:mg|mcg|g)(?:/mL)?"
AMOUNTS = rf"{AMOUNT}(?:(?:\s*,\s*|\s+(?:and|or)\s+){AMOUNT})*"
PACKAGE = r"(?:capsules?|tablets?|vials?|ampoules?|ampules?|packets?|bottles?|solutions?|containers?)"
STRENGTHS = (
    re.compile(rf"(?<![\w.])({AMOUNTS})\s+{PACKAGE}\b", re.I),
    re.compile(rf"\b{PACKAGE}\s+of\s+({AMOUNTS})", re.I),
    re.compile(rf"\blabell?ed\s+({AMOUNTS})", re.I),
)
ONE_AMOUNT = re.compile(r"([0-9][0-9,]*(?:\.[0-9]+)?)\s*(mg|mcg|g)\b", re.I)
PERCENT = re.compile(r"([0-9]{1,3}(?:\.[0-9]+)?)\s?%")
CLAUSE_END = re.compile(r"[;:]|,\s|\.(?:\s|$)|\s(?:and|but)\s")  # not a decimal point or 1,000
QUARTER = re.compile(rf"\b({'|'.join(MONTHS)}) ((?:19|20)[0-9]{{2}})\b")
COINSURANCE = re.compile("coinsurance", re.I)
USUAL_RATE = re.compile(r"\b(?:normally|usually|not always)\b", re.I)
UNIT_COUNT = re.compile(r"\b[0-9][0-9,]*(?:\.[0-9]+)?\s+(?:billing\s+)?units?\b", re.I)


def page_code(ctx: FileContext) -> str:
    code = ctx.file.data.get("code")
    return code if isinstance(code, str) else ""


def text_lines(ctx: FileContext, wanted: re.Pattern[str] | None = None) -> Iterator[tuple[int, str]]:
    """(file line, text with [[X]] written as X) of every section line; only of the sections where
    `wanted` occurs, when given (most sections name no NDC or amount: a page at 8,000 is cheap)."""
    for section in ctx.file.sections:
        if wanted is not None and not wanted.search(section.markdown):
            continue
        for n, line in enumerate(section.markdown.split("\n"), start=1):
            yield section.line + n, SHORT_LINK.sub(r"\1", line)


def codes_meant(line: str, own: str) -> list[str]:
    """The codes a line speaks of: those it names, and the page's own."""
    return list(dict.fromkeys([*([own] if own else []), *CODE.findall(line)]))


def crosswalk_named(facts: DrugFacts) -> str:
    quarter = facts.crosswalk_quarter
    return f"the CMS NDC–HCPCS crosswalk ({quarter.label})" if quarter else "the CMS NDC–HCPCS crosswalk"


def ndc_problems(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every NDC on a line is listed under a code the line names (or the page's code)."""
    facts = ctx.drug_facts
    if facts is None:
        return
    for line_no, line in text_lines(ctx, NDC):
        meant = codes_meant(line, page_code(ctx))
        for written in NDC.findall(line):
            ndc = normalize_ndc(written)
            holders = facts.codes_with_ndc(ndc) if ndc else []
            if any(code in holders for code in meant):
                continue
            where = f"under {', '.join(holders)}" if holders else "under no code"
            yield ctx.problem(
                line_no,
                f"NDC {written} is not under {' or '.join(meant) or 'any code'} in {crosswalk_named(facts)}: "
                f"it is listed {where}",
                f"name the code it is listed under on this line ([[{holders[0]}]])"
                if holders
                else "check the digits against content/reference/asp/, or remove the NDC",
            )


def amounts_mg(text: str) -> Iterator[tuple[str, Decimal]]:
    for number, unit in ONE_AMOUNT.findall(text):
        yield f"{number} {unit}", Decimal(number.replace(",", "")) * TO_MG[unit.lower()]


def strength_problems(ctx: FileContext) -> Iterator[Diagnostic]:
    """Every strength or package amount on a line is one the crosswalk gives a code the line names."""
    facts = ctx.drug_facts
    if facts is None:
        return
    for line_no, line in text_lines(ctx, ONE_AMOUNT):
        known = {code: facts.of(code).strengths_mg for code in codes_meant(line, page_code(ctx))}
        known = {code: found for code, found in known.items() if found}
        if not known:
            continue
        stated = [
            amount
            for pattern in STRENGTHS
            for match in pattern.finditer(line)
            for amount in amounts_mg(match.group(1))
        ]
        for written, mg in dict.fromkeys(stated):
            if not any(mg in found for found in known.values()):
                listed = sorted(set().union(*known.values()))
                yield ctx.problem(
                    line_no,
                    f"no package of {' or '.join(known)} in {crosswalk_named(facts)} holds {written} "
                    f"(its packages imply {', '.join(f'{s:f} mg' for s in listed[:8])})",
                    "write the strength or package the crosswalk lists for the code, or remove it",
                )


def clause_code(clause: str, at: int, own: str) -> str:
    """The code a percentage at `at` stands for: the clause's nearest code, else the page's."""
    found = [(abs(m.start() - at), m.group()) for m in CODE.finditer(clause)]
    return min(found)[1] if found else own


def line_quarter(line: str, facts: DrugFacts) -> Quarter | None:
    match = QUARTER.search(line)
    if match:
        return Quarter(int(match.group(2)), MONTHS.index(match.group(1)) * 3 + 1)
    return facts.latest_quarter


def coinsurance_problems(ctx: FileContext) -> Iterator[Diagnostic]:
    """A coinsurance figure equals the payment-limit file's for its code and quarter."""
    facts = ctx.drug_facts
    if facts is None:
        return
    for line_no, line in text_lines(ctx, COINSURANCE):
        if "coinsurance" not in line.lower():
            continue
        quarter = line_quarter(line, facts)
        for clause in CLAUSE_END.split(line):
            for match in PERCENT.finditer(clause):
                code = clause_code(clause, match.start(), page_code(ctx))
                stated = Decimal(match.group(1))
                if code:
                    problem = code_coinsurance_problem(facts, code, quarter, stated)
                elif not USUAL_RATE.search(clause):
                    problem = flat_coinsurance_problem(facts, quarter, stated, page_families(ctx))
                else:
                    problem = None
                if problem:
                    yield ctx.problem(line_no, *problem)


def page_families(ctx: FileContext) -> frozenset[str]:
    """The code families (J7500-J7599) whose figures come first in a message: those the page names,
    else the families of the project's curated brand table (brand_names.csv: J7500-J7599)."""
    named = frozenset(code_family(code) for _, line in text_lines(ctx) for code in CODE.findall(line))
    return named or frozenset(code_family(code) for code in ctx.reference.brands)


def code_coinsurance_problem(
    facts: DrugFacts, code: str, quarter: Quarter | None, stated: Decimal
) -> tuple[str, str] | None:
    """(message, fix) when the file lists another figure for the code in that quarter."""
    listed = facts.of(code).coinsurance_in(quarter) if quarter else None
    if quarter is None or listed is None or listed == stated:
        return None
    return (
        f"coinsurance {stated:f} % for {code} does not match the payment-limit file of {quarter.label}, "
        f"which lists {listed:f} %",
        f"write {listed:f} % (or name the quarter the figure is from)",
    )


def flat_coinsurance_problem(
    facts: DrugFacts, quarter: Quarter | None, stated: Decimal, families: frozenset[str]
) -> tuple[str, str] | None:
    """(message, fix) when a figure stated for no code is not every code's in that quarter."""
    if quarter is None:
        return None
    other = [
        (code_family(code) not in families, code, pct)
        for code, found in facts.codes.items()
        if (pct := found.coinsurance_in(quarter)) is not None and pct != stated
    ]
    if not other:
        return None
    shown = ", ".join(f"{code} {pct:f} %" for _, code, pct in sorted(other)[:3])
    return (
        f"a coinsurance of {stated:f} % is stated for no code, but the payment-limit file of "
        f"{quarter.label} lists other figures ({shown}, …)",
        "name the code and the quarter beside each figure, or write 'the coinsurance CMS lists for "
        "the code and quarter'",
    )


def unlisted_code_examples(ctx: FileContext) -> Iterator[Diagnostic]:
    """No worked unit count on the page of a code no shipped quarter lists a product or a limit for."""
    facts, code = ctx.drug_facts, page_code(ctx)
    if facts is None or not code or facts.of(code).listed:
        return
    for line_no, line in text_lines(ctx):
        example = UNIT_COUNT.search(line)
        if example:
            yield ctx.problem(
                line_no,
                f"worked example '{example.group()}' for {code}, which has no NDC and no payment limit in "
                "any quarter of the CMS drug files",
                "state the unit rule without a worked count (no product backs it); on an ended code, say "
                "what the code was, when it ended and what to use now",
                "warning",
            )


RULES = (
    Rule("crosswalk-ndcs", ndc_problems, "page"),
    Rule("crosswalk-strengths", strength_problems, "page"),
    Rule("payment-limit-coinsurance", coinsurance_problems, "page"),
    Rule("unlisted-code-examples", unlisted_code_examples, "page"),
)
