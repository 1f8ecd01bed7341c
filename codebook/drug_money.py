"""The NDC calculator's money line: which payment limit may be multiplied by an NDC's billable units.

The payment limit comes from the newest payment-limit file and the billable units from the newest
crosswalk, and the two need not be of the same quarter (no crosswalk after January 2026 is shipped,
limits are). So the line names the quarter (and provenance) of each figure and warns when they
differ; and when the limit's billing unit is not the crosswalk's (a code renumbered or rescaled
between the two files), the units are never multiplied by it: no amount, and a sentence why.
"""

from __future__ import annotations

from .drugs.checks import dosage_amount
from .drugs.records import DrugData, PaymentLimit


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
    same = {dosage_amount(u) for u in units} == {dosage_amount(limit.dosage)} and dosage_amount(limit.dosage)
    if same:
        return ""
    listed = ", ".join(sorted(units))
    return (
        f"No amount is shown: the {limit.quarter_label} payment limit is per {limit.dosage}, but "
        f"{crosswalk} counts billable units per {listed}, so the two cannot be multiplied."
    )


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
