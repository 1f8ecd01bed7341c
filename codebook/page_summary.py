"""The "how do I bill this?" block at the top of every code page, guide or data-only.

One record built from what both page kinds share (the calculator's view of the code, its status and
its drug data), so both templates include one partial. Every value is a fact the page already holds:
the unit from the descriptor, the status from the HCPCS file, the JW/JZ rule from billing_rules.py, the
modifiers the guide declares for the claim line (claim_modifiers.py, as the calculator shows them) and
the payment limit as CMS printed it. Nothing else is inferred from prose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from .billing_rules import BILLING_RULES
from .calculator import CalculatorCode
from .drug_block import figure
from .drugs import DrugData
from .money import money, per_unit
from .urls import page_url


@dataclass(frozen=True)
class ModifierHint:
    """A modifier a claim line may need, and when (linked to its glossary entry)."""

    code: str
    href: str
    when: str
    # False for a modifier the guide declares: its Common Modifiers item links the same glossary entry
    # for the keyboard, and the Dose field stays a few Tab presses from the top (issue 20)
    in_tab_order: bool = True


@dataclass(frozen=True)
class Summary:
    code: str
    unit: str  # "1 unit = 1 mg"; "" when the descriptor names no amount
    terminated: str  # ISO date of the last day the code may be used; "" while active
    status: str  # "Active", as the HCPCS file has it
    replaced_by: str  # the replacement code's page, when it has one ("" otherwise)
    replaced_by_code: str
    modifiers: tuple[ModifierHint, ...]
    modifiers_section: str  # "#common-modifiers" on a guide page, "" on a data-only page
    limit: str  # "$73.632 per 10 MG", "$54,404.108 per infusion (…)" (Part B), "" without drug data
    limit_quarter: str  # "January 2026"
    calculator: str  # where the calculator is: "#billing-units", calculator.html?code=…, or ""


def unit_sentence(calc: CalculatorCode) -> str:
    """The billing unit the way a biller says it: '1 unit = 1 mg' ('up to' kept from the descriptor)."""
    return f"1 unit = {calc.label}" if calc.amount else ""


def modifier_hints(calc: CalculatorCode, root: str) -> tuple[ModifierHint, ...]:
    """JW and JZ where billing_rules.py applies them, then the modifiers the page declares for the
    drug line (KX), which the calculator writes on it too; their conditions are in the guide's text."""
    declared = tuple(
        ModifierHint(m, page_url(root, "modifiers", anchor=m), "on the drug line", in_tab_order=False)
        for m in calc.modifiers
    )
    return discarded_drug_hints(calc, root) + declared


def discarded_drug_hints(calc: CalculatorCode, root: str) -> tuple[ModifierHint, ...]:
    """JW and JZ for a drug given from a container (the calculator's "administered" kind): the discarded-drug
    rule as billing_rules.py states it (its section and source are written there only)."""
    if calc.kind != "administered" or calc.terminated:
        return ()
    rules = BILLING_RULES
    return (
        ModifierHint(
            "JW",
            page_url(root, "modifiers", anchor="JW"),
            "on its own line for the amount discarded from a single-dose container",
        ),
        ModifierHint(
            "JZ",
            page_url(root, "modifiers", anchor="JZ"),
            "when nothing was discarded from a single-dose container "
            f"(required from {rules.jz_required_from.isoformat()})",
        ),
    )


def payment_limit(drug: DrugData | None) -> tuple[str, str]:
    """The current limit per billing unit as published, and its quarter ('' and '' without one)."""
    current = drug.current_limit if drug else None
    if current is None:
        return "", ""
    if current.limit is None:
        return f"{current.limit_text} (CMS gives no figure)", current.quarter_label
    return f"{money(current.limit_text)} {per_unit(current.dosage)}", current.quarter_label


@dataclass(frozen=True)
class SummaryInput:
    """What differs between a guide page and a data-only page."""

    status: str
    replaced_by: str  # a code, or ""
    has_guide: bool
    replacement_has_page: bool = False


def page_summary(calc: CalculatorCode, given: SummaryInput, drug: DrugData | None, root: str) -> Summary:
    limit, quarter = payment_limit(drug)
    calculator = "#billing-units" if calc.measurable else ""  # every code page carries its calculator
    replaced = given.replaced_by if given.replacement_has_page else ""
    return Summary(
        code=calc.code,
        unit=unit_sentence(calc),
        terminated=calc.terminated,
        status=given.status[:1].upper() + given.status[1:],
        replaced_by=page_url(root, "code", replaced) if replaced else "",
        replaced_by_code=given.replaced_by,
        modifiers=modifier_hints(calc, root),
        modifiers_section="#common-modifiers" if given.has_guide else "",
        limit=limit,
        limit_quarter=quarter,
        calculator=calculator,
    )


JW_TOPIC = "jw-and-jz"  # the topic page that states the discarded-drug rule once, for every code


@dataclass(frozen=True)
class DiscardNote:
    """What a code page says about discarded drug beyond the topic: only what is particular to the
    code — the billable units in one item of each package the CMS crosswalk lists, and the link."""

    item_units: str  # "10 or 40 billable units" (distinct, smallest first); "" when none is listed
    topic: str  # the JW/JZ topic page's URL, or "" when the site has no such page


def discard_note(
    calc: CalculatorCode, drug: DrugData | None, topic: str, topics: frozenset[str]
) -> DiscardNote | None:
    """None for a code taken by mouth or with no calculator (no container to discard from)."""
    if calc.kind != "administered":
        return None
    sizes = sorted({p.units_per_item for p in drug.packages if p.units_per_item} if drug else set())
    return DiscardNote(either(sizes, "billable unit"), topic if JW_TOPIC in topics else "")


def either(values: Sequence[Decimal], noun: str) -> str:
    """'10 or 40 billable units', '1, 2 or 5 billable units', '1 billable unit', '' for none."""
    if not values:
        return ""
    figures = [figure(v) for v in values]
    listed = figures[0] if len(figures) == 1 else f"{', '.join(figures[:-1])} or {figures[-1]}"
    plural = "" if len(values) == 1 and values[0] == 1 else "s"
    return f"{listed} {noun}{plural}"
