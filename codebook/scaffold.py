"""New content files drawn from the schema and the CMS tables, so every fact starts out right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import yaml

from .reference import ReferenceData
from .schema import REQUIRED_SECTIONS, SectionSpec


class ScaffoldError(Exception):
    """The code cannot be scaffolded (unknown code); the message is for the author."""


def front_matter_for(
    code: str,
    reference: ReferenceData,
    *,
    category: str,
    similar: Sequence[tuple[str, str]] = (),
    reviewed: dt.date | None = None,
    draft: bool = True,
) -> dict[str, object]:
    """Front matter with every fact copied from the reference tables."""
    cms = reference.codes.get(code)
    if cms is None:
        raise ScaffoldError(f"{code} is not in the {reference.edition.short} file")
    dose = reference.dose_units.get(code)
    data: dict[str, object] = {
        "code": code,
        "title": cms.short_descriptor,
        "descriptor": cms.long_descriptor,
        "short_descriptor": cms.short_descriptor,
        "category": category,
    }
    if dose:
        data["billing_unit"] = {"amount": _number(dose.amount), "unit": dose.unit}
    data["route"] = dose.route if dose and dose.route in ("oral", "injection") else "various"
    data["status"] = cms.status
    data["added"] = dt.date.fromisoformat(cms.add_date)
    if cms.action_effective_date:
        data["effective"] = dt.date.fromisoformat(cms.action_effective_date)
    if cms.termination_date:
        data["terminated"] = dt.date.fromisoformat(cms.termination_date)
    data["aliases"] = [cms.short_descriptor, *reference.brands.get(code, ())]
    data["similar"] = [{"code": c, "reason": r} for c, r in similar]
    data["sources"] = [
        {
            "title": f"{reference.edition.name} ({reference.edition.file})",
            "url": reference.edition.url,
            "file": "content/reference/hcpcs_level2_full.csv",
            "date": reference.edition.date,
        }
    ]
    data["reviewed"] = reviewed or dt.date.today()
    if draft:
        data["draft"] = True
    return data


def render_page(front_matter: dict[str, object], sections: Sequence[tuple[SectionSpec, str]]) -> str:
    body = "\n".join(f"## {spec.title}\n\n{text}\n" for spec, text in sections)
    yaml_text = yaml.safe_dump(front_matter, sort_keys=False, allow_unicode=True, width=100)
    return f"---\n{yaml_text}---\n\n{body}"


def scaffold_page(code: str, reference: ReferenceData, category: str) -> str:
    """A draft page: facts filled in, each required section holding a one-line hint."""
    data = front_matter_for(code, reference, category=category)
    return render_page(data, [(spec, f"TODO: {spec.hint}") for spec in REQUIRED_SECTIONS])


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value
