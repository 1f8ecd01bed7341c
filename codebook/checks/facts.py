"""Rules that compare a page's facts with the CMS tables (the HCPCS file and the dose units)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from ..diagnostics import Diagnostic
from .context import FileContext, Rule


def cms_row(ctx: FileContext) -> Iterator[Diagnostic]:
    """The code exists in the HCPCS file, and descriptors, status and dates are copied from it."""
    data = ctx.file.data
    edition = ctx.reference.edition.short
    cms = ctx.reference.codes.get(data["code"])
    if cms is None:
        yield ctx.problem(
            "code",
            f"{data['code']} is not in the {edition} file",
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
            yield ctx.problem(
                name if name in data else "code",
                f"'{name}' does not match {edition}: it says {shown}",
                f"copy the reference value ({'set' if want else 'remove'} '{name}')",
            )


def billing_unit(ctx: FileContext) -> Iterator[Diagnostic]:
    """The billing unit is the one the descriptor bills per ("… per 1 mg")."""
    code = ctx.file.data["code"]
    dose = ctx.reference.dose_units.get(code)
    if code not in ctx.reference.codes or dose is None:
        return
    unit = ctx.file.data.get("billing_unit")
    if unit is None:
        yield ctx.problem(
            "code",
            f"'billing_unit' is missing; the descriptor bills per {dose.amount} {dose.unit}",
            f"add 'billing_unit:' with 'amount: {dose.amount}' and 'unit: {dose.unit}'",
        )
    elif Decimal(str(unit["amount"])) != Decimal(dose.amount) or unit["unit"] != dose.unit:
        yield ctx.problem(
            "billing_unit",
            f"billing unit {unit['amount']} {unit['unit']} does not match the "
            f"descriptor's {dose.amount} {dose.unit}",
            f"set 'amount: {dose.amount}' and 'unit: {dose.unit}'",
        )


RULES = (
    Rule("cms-row", cms_row, "page"),
    Rule("billing-unit", billing_unit, "page"),
)
