"""The billing rules the site states and the calculator applies, each defined here and nowhere else.

Source: content/reference/README.md (b) "Billing units" (CMS Pub. 100-04 Chapter 17 §§10 and 40,
MLN Matters MM9603, CR 13056). Templates read `BILLING_RULES` (a Jinja global) and the calculator's
JavaScript receives `script_rules()` as a data attribute, so a date or citation changes in one place.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any


@dataclass(frozen=True)
class Citation:
    """Where a rule is written: the full title for a citation, a short form for running text."""

    title: str
    short: str
    url: str = ""
    quote: str = ""
    quoted_on: str = ""


@dataclass(frozen=True)
class BillingRules:
    """Rounding (§10) and discarded drug, JW and JZ (§40), with the dates the modifiers apply from."""

    rounding: Citation
    discarded: Citation
    jw_source: str
    jw_required_from: date
    jz_available_from: date
    jz_required_from: date

    @property
    def jz_optional_until(self) -> date:
        """JZ was optional up to the day before it became required."""
        return self.jz_required_from - timedelta(days=1)


BILLING_RULES = BillingRules(
    rounding=Citation(
        title="CMS Pub. 100-04 (Medicare Claims Processing Manual), Chapter 17, §10",
        short="Pub. 100-04, Chapter 17, §10",
        url="https://www.cms.gov/manuals/downloads/clm104c17.pdf",
        quote=(
            "If the drug dose used in the care of a patient is not a multiple of the HCPCS code dosage "
            "descriptor, the provider rounds to the next highest unit"
        ),
        quoted_on=(
            "https://www.cms.gov/Research-Statistics-Data-and-Systems/Monitoring-Programs/"
            "Medicare-FFS-Compliance-Programs/Recovery-Audit-Program/Approved-RAC-Topics-Items/"
            "0074-Excessive-or-Insufficient-Drugs-and-Biologicals.html"
        ),
    ),
    discarded=Citation(title="CMS Pub. 100-04, Chapter 17, §40", short="Pub. 100-04, Chapter 17, §40"),
    jw_source="MLN Matters MM9603",
    jw_required_from=date.fromisoformat("2017-01-01"),
    jz_available_from=date.fromisoformat("2023-01-01"),
    jz_required_from=date.fromisoformat("2023-07-01"),
)


def script_rules(rules: BillingRules = BILLING_RULES) -> dict[str, Any]:
    """The rules as units.mjs takes them (`input.rules`): ISO dates, camelCase keys."""
    return {
        "jwRequiredFrom": rules.jw_required_from.isoformat(),
        "jwSource": rules.jw_source,
        "jzAvailableFrom": rules.jz_available_from.isoformat(),
        "jzOptionalUntil": rules.jz_optional_until.isoformat(),
        "jzRequiredFrom": rules.jz_required_from.isoformat(),
        "discardedSource": rules.discarded.short,
        "rounding": {
            "source": rules.rounding.title,
            "short": rules.rounding.short,
            "quote": rules.rounding.quote,
            "url": rules.rounding.url,
        },
    }


def script_rules_json(rules: BillingRules = BILLING_RULES) -> str:
    """For a data attribute (the template escapes it); sorted keys keep builds byte-identical."""
    return json.dumps(script_rules(rules), ensure_ascii=True, separators=(",", ":"), sort_keys=True)
