"""The NDC calculator's money line: which payment limit may be multiplied by an NDC's billable units.

The payment limit comes from the newest payment-limit file and the billable units from the newest
crosswalk, and the two need not be of the same quarter (no crosswalk after January 2026 is shipped,
limits are). So the line names the quarter (and provenance) of each figure and warns when they
differ; and when the limit's billing unit is not the crosswalk's (a code renumbered or rescaled
between the two files), the units are never multiplied by it: no amount, and a sentence why.
"""

from __future__ import annotations

import re

from .drugs.checks import dosage_amount
from .drugs.records import DrugData, PaymentLimit

PARENTHESIS = re.compile(r"\([^)]*\)")


def crosswalk_units(drug: DrugData) -> set[str]:
    """The billing units the crosswalk's rows for the code are counted in."""
    return {p.dosage for p in drug.packages if p.ndc}


def money_line(drug: DrugData) -> dict[str, str] | None:
    """{m: limit, y: its quarter as labelled, c: coinsurance, n: warning or ""}, or {x: why there is
    no amount}; None when the code has no NDC rows (no NDC mode at all)."""
    if not crosswalk_units(drug):
        return None
    limit = drug.current_limit
    why = no_amount_reason(drug, limit)
    if why or limit is None:
        return {"x": why}
    return {
        "m": limit.limit_text,
        "y": limit.quarter_label,
        "c": limit.coinsurance_text,
        "n": quarter_note(drug, limit),
    }


def no_amount_reason(drug: DrugData, limit: PaymentLimit | None) -> str:
    crosswalk = (
        f"the {drug.crosswalk_quarter.label} NDC–HCPCS crosswalk"
        if drug.crosswalk_quarter
        else "the crosswalk"
    )
    if limit is None:
        newest = drug.newest.label if drug.newest else "the newest file"
        return f"No amount is shown: {drug.code} is not in the newest payment-limit file shipped ({newest})."
    if limit.limit is None:
        return ""  # CMS printed no figure: money.mjs says so itself
    units = crosswalk_units(drug)
    if all(same_billing_unit(u, limit.dosage) for u in units):
        return ""
    listed = ", ".join(sorted(units))
    return (
        f"No amount is shown: the {limit.quarter_label} payment limit is per {limit.dosage}, but "
        f"{crosswalk} counts billable units per {listed}, so the two cannot be multiplied."
    )


def same_billing_unit(one: str, other: str) -> bool:
    """Whether two CMS dosages name one billing unit: by amount where the unit converts ("0.5 MG" and
    "500 MCG"), else by their words ("2 MEQ", "1 USP UNIT", "PER VIAL" and "Per Vial" alike). "UP TO"
    and a parenthesis ("50 MCG (250 IU)") restate the unit, so they are read past."""
    one, other = billing_unit_words(one), billing_unit_words(other)
    measured = dosage_amount(one), dosage_amount(other)
    if measured[0] is not None or measured[1] is not None:
        return measured[0] == measured[1]
    return one == other


def billing_unit_words(dosage: str) -> str:
    words = PARENTHESIS.sub(" ", dosage).casefold().split()
    while words[:1] in (["per"], ["up"], ["to"]):
        words = words[1:]
    return " ".join(words)


def quarter_note(drug: DrugData, limit: PaymentLimit) -> str:
    """Which quarter each figure is from, and a warning when the two differ."""
    if drug.crosswalk_quarter is None or drug.crosswalk_quarter == limit.quarter:
        return ""
    return (
        f"The payment limit is from {limit.quarter_label}; the billable units are from the "
        f"{drug.crosswalk_quarter.label} NDC–HCPCS crosswalk. The two are from different quarters "
        f"(no crosswalk for {limit.quarter.label} is shipped): check the package's units for the "
        "date of service."
    )
