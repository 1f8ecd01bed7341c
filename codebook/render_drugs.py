"""Pages for codes with CMS drug data but no written guide: facts from the HCPCS file, the drug block.

Same address as a guide (`codes/<CODE>.html`), so writing a guide later keeps every link working.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .biosimilars import related_products
from .calculator import CalculatorCode, drug_calculator_code, ndc_data_attribute, route_kind
from .citations import drug_citations, edition_citation
from .descriptor import route_in_descriptor
from .drug_block import drug_block
from .drugs import DrugData
from .model import CmsCode
from .page_summary import JW_TOPIC, SummaryInput, discard_note, page_summary
from .render import OutputFile, RenderEnv, page_context
from .urls import catalog_index, code_path, page_url


def data_only_codes(env: RenderEnv) -> list[str]:
    """Codes with drug data and no guide: the guide page shows the drug block instead."""
    return [code for code in env.site.drugs if code not in env.site.views]


def render_drug_pages(env: RenderEnv) -> list[OutputFile]:
    catalog = catalog_index(env.site.catalog_ranges)
    return [render_drug_page(code, env, catalog.get(code, "")) for code in data_only_codes(env)]


def render_drug_page(code: str, env: RenderEnv, catalog: str) -> OutputFile:
    site = env.site
    cms = site.reference.codes.get(code)
    drug = site.drugs[code]
    descriptor = cms.long_descriptor if cms else (drug.current_limit or drug.packages[0]).short_description
    path = code_path(code)
    title = f"{code} — {descriptor}"
    context = page_context(
        site, 1, env.options, path, title, f"{code}: {descriptor}. Medicare Part B drug data."
    )
    calc = data_only_calculator(code, env, descriptor)
    context.update(
        code=code,
        descriptor=descriptor,
        facts=data_only_facts(code, env),
        summary=page_summary(calc, data_only_summary_input(code, env), drug, context["root"]),
        drug=drug_block(drug),
        ages=env.options.data_age.of_drug(drug),
        related=related_products(code, site.biosimilars),
        discard=discard_note(calc, drug, page_url(context["root"], "topic", JW_TOPIC), env.options.topics),
        catalog=catalog,
        calc=calc,
        ndc_json=ndc_data_attribute(drug),
        citations=(edition_citation(site.reference.edition), *drug_citations(drug)),
    )
    return OutputFile(path, env.jinja.get_template("drug_page.html").render(context).encode("utf-8"))


# A payment-limit file's dosage ("5 MG") in the units the calculator converts (MEASURABLE_UNITS).
LIMIT_FILE_UNIT = re.compile(r"(?P<amount>[0-9]*\.?[0-9]+) (?P<unit>MG|MCG|G|ML|UNITS)")
UNIT_SPELLING = {"MG": "mg", "MCG": "mcg", "G": "g", "ML": "mL", "UNITS": "units"}


BRAND_IN_PARENTHESES = re.compile(r"\(([a-z][a-z -]+)\)")


def limit_file_route(short_description: str, codes: Mapping[str, CmsCode]) -> str:
    """The route of a code the HCPCS file lacks, from the payment-limit file's short description: a
    route word ("oral"; "inj" for injection), else the route of the HCPCS code whose descriptor names
    the same brand in parentheses (J7530 "(myhibbin)" → J7514's oral suspension); "" when neither says.
    The route decides whether the calculator offers JW/JZ (containers) or an oral supply."""
    words = short_description.lower()
    route = route_in_descriptor(words.replace("inj ", "injection "))
    if route != "various":
        return route
    brands = set(BRAND_IN_PARENTHESES.findall(words))
    named = (
        cms
        for cms in codes.values()
        if brands & set(BRAND_IN_PARENTHESES.findall(cms.long_descriptor.lower()))
    )
    known = (
        next((route_in_descriptor(cms.long_descriptor) for cms in named), "various") if brands else "various"
    )
    return "" if known == "various" else known


def limit_file_calculator(
    code: str, drug: DrugData, descriptor: str, codes: Mapping[str, CmsCode]
) -> CalculatorCode:
    """A code the HCPCS file of this edition lacks: the calculator converts from the billing unit the
    newest payment-limit file gives it ("5 MG"), and says that is where the unit came from."""
    limit = drug.current_limit
    match = LIMIT_FILE_UNIT.fullmatch(limit.dosage) if limit else None
    if limit is None or match is None:
        why = f"{code} is not in the HCPCS file of this edition, so its billing unit is unknown."
        return CalculatorCode(code, code, descriptor, "", "", False, "", "none", "", (), why)
    amount, unit = match["amount"], UNIT_SPELLING[match["unit"]]
    source = (
        f"The billing unit ({limit.dosage}) is the one the {limit.quarter_label} payment-limit file "
        f"gives {code}: {code} is not in the HCPCS file of this edition, so its descriptor is unknown."
    )
    route = limit_file_route(limit.short_description, codes)
    kind = route_kind(unit, route)
    names = (code, code, descriptor, amount, unit, False, route, kind, "", drug.drug_names)
    return CalculatorCode(*names, has_ndc=bool(drug.ndcs), unit_source=source)


def data_only_calculator(code: str, env: RenderEnv, descriptor: str) -> CalculatorCode:
    """The calculator a guide page would have, read from the HCPCS descriptor; a code the HCPCS
    file lacks gets none, and says why."""
    reference = env.site.reference
    cms = reference.codes.get(code)
    if cms is None:
        return limit_file_calculator(code, env.site.drugs[code], descriptor, reference.codes)
    drug = env.site.drugs[code]
    return drug_calculator_code(cms, reference.dose_units.get(code), drug)


def data_only_summary_input(code: str, env: RenderEnv) -> SummaryInput:
    cms = env.site.reference.codes.get(code)
    status = cms.status if cms else "not in the HCPCS file of this edition"
    return SummaryInput(status, "", False)


def data_only_facts(code: str, env: RenderEnv) -> list[tuple[str, str]]:
    """The HCPCS file's facts the summary does not already give (unit, status, termination); a code
    CMS's drug files list but the HCPCS file lacks says so."""
    cms = env.site.reference.codes.get(code)
    if cms is None:
        return []
    facts = [
        ("Short descriptor", cms.short_descriptor),
        ("Added", cms.add_date),
    ]
    if cms.action_effective_date:
        facts.append(("Action effective", cms.action_effective_date))
    facts.append(("Reference", env.site.reference.edition.name))
    return facts
