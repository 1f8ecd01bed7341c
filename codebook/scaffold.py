"""New content files drawn from the schema and the CMS tables, so every fact starts out right."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import yaml

from .cms_tables import ReferenceData
from .descriptor import route_in_descriptor
from .schema import HINT_PREFIX, REQUIRED_SECTIONS, ROUTES, SectionSpec


class _PlainDumper(yaml.SafeDumper):
    """Writes a value out in full wherever it repeats: the loader refuses YAML anchors and aliases."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def front_matter_for(
    code: str,
    reference: ReferenceData,
    *,
    category: str,
    similar: Sequence[tuple[str, str]] = (),
    reviewed: dt.date | None = None,
    draft: bool = True,
) -> dict[str, object]:
    """Front matter with every fact copied from the reference tables. `code` must be in them:
    `new` says so to the author before (newpage.known_code); here a KeyError is a programming error."""
    cms = reference.codes[code]
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
        if dose.up_to:
            data["billing_unit"]["up_to"] = True
    data["route"] = route_for(code, reference)
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


def route_for(code: str, reference: ReferenceData) -> str:
    """The J75xx table's route when it is one the schema knows, else the descriptor's wording."""
    dose = reference.dose_units.get(code)
    if dose and dose.route in ROUTES:
        return dose.route
    return route_in_descriptor(reference.codes[code].long_descriptor)


def render_page(
    front_matter: dict[str, object],
    sections: Sequence[tuple[SectionSpec, str]],
    comments: dict[str, Sequence[str]] | None = None,
) -> str:
    """The text of a content file; `comments` adds '# …' lines after a top-level field."""
    body = "\n".join(f"## {spec.title}\n\n{text}\n" for spec, text in sections)
    yaml_text = yaml.dump(front_matter, Dumper=_PlainDumper, sort_keys=False, allow_unicode=True, width=100)
    lines = []
    for line in yaml_text.splitlines():
        lines.append(line)
        field = line.split(":", 1)[0]
        if not line.startswith((" ", "-")) and comments and field in comments:
            lines.extend(f"# {comment}" for comment in comments[field])
    return "---\n{}\n---\n\n{}".format("\n".join(lines), body)


def scaffold_page(
    code: str,
    reference: ReferenceData,
    category: str,
    neighbours: Sequence[str] = (),
    topics: Sequence[str] = (),
) -> str:
    """A draft page: facts filled in, each required section holding a one-line hint.

    `neighbours` are codes with pages that the author may want to list as similar; `topics` the
    topic pages (slugs) the author may list under `rules:`.
    """
    data = with_empty_rules(front_matter_for(code, reference, category=category))
    example = neighbours[0] if neighbours else "J7517"
    similar = [
        f"{HINT_PREFIX} replace [] with two or more similar codes, each with a sentence on the difference:",
        "- code: " + example,
        f"  reason: One sentence on how {example} differs from {code}.",
    ]
    if neighbours:
        similar.append(f"Codes near {code} that have pages: {', '.join(neighbours)}")
    similar.append("Delete these comment lines when the list is done.")
    rules = [f"{HINT_PREFIX} list the topic pages whose rules this code relies on, one '- slug' each"]
    if topics:
        rules.append(f"Topics: {', '.join(topics)}")
    comments = {
        "rules": rules,
        "similar": similar,
        "reviewed": ["the day a person last checked this page; update it whenever you do"],
    }
    return render_page(data, [(spec, f"{HINT_PREFIX} {spec.hint}") for spec in REQUIRED_SECTIONS], comments)


def with_empty_rules(data: dict[str, object]) -> dict[str, object]:
    """The front matter with an empty `rules:` list before `similar:`, for the author to fill."""
    ordered: dict[str, object] = {}
    for key, value in data.items():
        if key == "similar":
            ordered["rules"] = []
        ordered[key] = value
    return ordered


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() else value
