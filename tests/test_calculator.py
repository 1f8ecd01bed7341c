"""The billing-unit calculator as built: forms, labels, data file, and facts shared with units.mjs."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from types import SimpleNamespace

import pytest

from codebook.billing_rules import BILLING_RULES, script_rules
from codebook.calculator import (
    CALCULATOR_DATA_GLOBAL,
    MEASURABLE_UNITS,
    NDC_DATA_GLOBAL,
    NDC_INDEX_GLOBAL,
    calculator_kind,
    drug_calculator_code,
    ndc_calculator_data,
    ndc_index_shards,
    not_calculable_reason,
)
from codebook.cms_tables import DoseUnit
from codebook.descriptor import read_billing_unit
from codebook.drugs import load_drug_files
from codebook.drugs.checks import dosage_amount
from codebook.drugs.records import DrugData
from codebook.model import BillingUnit
from codebook.page_summary import unit_sentence

from .helpers import CONTENT, REFERENCE, ROOT, soup
from .site_scan import scan_page

UNITS_MJS = (ROOT / "site_assets" / "js" / "units.mjs").read_text(encoding="utf-8")
CODES = sorted(p.stem for p in (CONTENT / "codes").glob("*.md"))
ROUTES = {
    p.stem: re.search(r"^route: (\S+)", p.read_text(), re.M).group(1)
    for p in (CONTENT / "codes").glob("*.md")
}
MEASURABLE = [c for c in CODES if c in REFERENCE.dose_units]
ORAL = [c for c in MEASURABLE if ROUTES[c] == "oral"]
ADMINISTERED = [c for c in MEASURABLE if ROUTES[c] != "oral"]


CALCULATOR_SCRIPTS = ["assets/calculator.js"]  # esbuild's bundle of calculator-ui.mjs and its imports


def script_sources(page) -> list[str]:
    return [s["src"] for s in page.find_all("script")]


def assert_unique_ids(page) -> None:
    ids = [tag["id"] for tag in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "duplicate id"


def calculator_data(site: Path) -> list[dict]:
    text = (site / "assets" / "calculator-data.js").read_text(encoding="utf-8")
    prefix = f"window.{CALCULATOR_DATA_GLOBAL}="
    assert text.startswith(prefix) and text.endswith(";\n")
    return json.loads(text[len(prefix) : -2])


def labelled_controls(form) -> list[tuple[str, str]]:
    """(label text, control tag) for every control; fails if one has no <label for>."""
    labels = {
        label["for"]: label.get_text(strip=True) for label in form.find_all("label", attrs={"for": True})
    }
    found = []
    for control in form.find_all(["input", "select", "output", "textarea"]):
        if control.get("type") == "radio":
            assert control.find_parent("label"), f"radio {control} has no label"
            continue
        assert control.get("id") in labels, f"{control.get('id')} has no <label for>"
        found.append((labels[control["id"]], control.name))
    return found


def test_groups_cover_the_content() -> None:
    assert {"J7507", "J7517"} <= set(ORAL)
    assert {"J7501", "J7525"} <= set(ADMINISTERED)
    assert "J7599" not in MEASURABLE


@pytest.mark.parametrize("code", MEASURABLE)
def test_code_page_has_a_labelled_calculator_hidden_until_javascript(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    section = page.find("section", id="billing-units")
    form = section.find("form", id="calculator")
    assert form.has_attr("hidden"), "the form shows only once calculator.js runs"
    unit = REFERENCE.dose_units[code]
    assert (form["data-code"], form["data-amount"], form["data-unit"]) == (code, unit.amount, unit.unit)
    assert (
        f"One unit of {code} is {unit.amount} {unit.unit}" in section.find("p", class_="unit-rule").get_text()
    )
    labels = dict(labelled_controls(form))
    assert (
        labels["Dose"] == "input" and labels["Dose unit"] == "select" and labels["Billing units"] == "output"
    )
    assert labels["JW units"] == "output" and labels["Rounding rule"] == "select"
    assert form.find("select", id="calc-unit").find("option", selected=True)["value"] == unit.unit
    assert form.find(id="calc-result")["aria-live"] == "polite"
    assert_unique_ids(page)
    assert script_sources(page)[-1:] == [f"../{src}" for src in CALCULATOR_SCRIPTS]
    assert json.loads(form["data-rules"]) == script_rules(), "the JavaScript gets billing_rules.py's rules"


@pytest.mark.parametrize("code", ORAL)
def test_oral_pages_offer_a_supply_for_a_period_and_no_discarded_amount(built_site: Path, code: str) -> None:
    form = soup(built_site / "codes" / f"{code}.html").find("form", id="calculator")
    labels = dict(labelled_controls(form))
    assert {"Strength", "Quantity per dose", "Doses per day", "Days supply"} <= set(labels)
    assert "Amount discarded" not in labels and "Container type" not in labels
    assert form["data-kind"] == "oral"


@pytest.mark.parametrize("code", ADMINISTERED)
def test_administered_pages_offer_the_discarded_amount_and_container(built_site: Path, code: str) -> None:
    page = soup(built_site / "codes" / f"{code}.html")
    form = page.find("form", id="calculator")
    labels = dict(labelled_controls(form))
    assert {"Amount discarded", "Container type", "Date of service"} <= set(labels)
    assert "Days supply" not in labels
    containers = [o["value"] for o in form.find("select", id="calc-container").find_all("option")]
    assert containers == ["unknown", "single-dose", "multi-dose"]
    # The JW/JZ rule is stated once, on its topic page (issue 28 item 7): the section links it.
    note = page.find("section", id="billing-units").select_one(".discard-note")
    assert note.find("a", href="../topics/jw-and-jz.html") and "Amount discarded" in note.get_text()
    assert f"required since {BILLING_RULES.jw_required_from.isoformat()}" not in note.get_text()


def test_code_without_an_amount_has_no_calculator(built_site: Path) -> None:
    page = soup(built_site / "codes" / "J7599.html")
    section = page.find("section", id="billing-units")
    assert section.find("form") is None
    assert "names no amount" in section.get_text()
    assert not any(src.endswith(tuple(CALCULATOR_SCRIPTS)) for src in script_sources(page))


def test_no_javascript_text_cites_the_rule_the_calculator_applies(built_site: Path) -> None:
    rounding = BILLING_RULES.rounding
    assert "100-04" in rounding.title and "Chapter 17, §10" in rounding.title
    for path in ("codes/J7507.html", "calculator.html"):
        section = soup(built_site / path).find("section", id="billing-units")
        text = section.get_text(" ")
        assert rounding.short in text and "rounds up to the next whole unit" in text
        handed = json.loads(section.find("form", id="calculator")["data-rules"])
        assert handed["rounding"]["short"] == rounding.short


def test_calculator_page_has_the_picker_the_form_and_its_data(built_site: Path) -> None:
    page = soup(built_site / "calculator.html")
    picker = page.find(id="calc-code")
    assert page.find("label", attrs={"for": "calc-code"}).get_text() == "Code or drug name"
    assert picker["role"] == "combobox" and picker["aria-controls"] == "calc-code-options"
    assert page.find(id="calc-code-options")["role"] == "listbox"
    form = page.find("form", id="calculator")
    labels = dict(labelled_controls(form))
    expected = {"Dose", "Dose unit", "Amount discarded", "Days supply", "Billing units", "JW units"}
    assert expected <= set(labels)
    assert not form.has_attr("data-code")
    assert_unique_ids(page)
    assert script_sources(page)[-2:] == ["assets/calculator-data.js", *CALCULATOR_SCRIPTS]
    assert page.find("noscript") is not None


def script_entry_of(path: Path, name: str) -> tuple[str, object]:
    """(key, data) of a script written by jsdata.script_entry."""
    match = re.fullmatch(
        rf'\(window\.{name}=window\.{name}\|\|\{{\}}\)\[("[^"]+")\]=(.*);\n', path.read_text()
    )
    assert match, path
    return json.loads(match[1]), json.loads(match[2])


def test_the_stand_alone_calculator_loads_ndc_rows_one_code_at_a_time(built_site: Path) -> None:
    """No page names a file holding every code's NDC rows (issue 17: 87 kB gzip); the picker is told
    where one code's rows and the index shards are, and which shards exist."""
    picker = soup(built_site / "calculator.html").find(id="code-picker")
    assert picker["data-ndc-url"] == "assets/ndc/{code}.js"
    assert picker["data-ndc-index-url"] == "assets/ndc/n{shard}.js"
    shards = picker["data-ndc-shards"].split()
    assert sorted(p.stem[1:] for p in (built_site / "assets" / "ndc").glob("n*.js")) == shards
    assert not (built_site / "assets" / "calculator-ndc.js").exists()
    key, rows = script_entry_of(built_site / "assets" / "ndc" / "J9035.js", NDC_DATA_GLOBAL)
    assert key == "J9035" and rows == ndc_calculator_data(DRUGS["J9035"])
    key, index = script_entry_of(built_site / "assets" / "ndc" / "n004.js", NDC_INDEX_GLOBAL)
    assert key == "004" and index["00469061773"] == ["J7507"]
    records = {r["c"]: r for r in calculator_data(built_site)}
    assert records["J9035"]["h"] is True and "h" not in records["J7599"]


def test_an_ndc_the_crosswalk_maps_to_two_codes_lists_both() -> None:
    shards = ndc_index_shards(DRUGS)
    twice = {n: codes for table in shards.values() for n, codes in table.items() if len(codes) > 1}
    assert twice, "the crosswalk has NDCs under two codes"
    ndc, codes = next(iter(twice.items()))
    assert all(any(p.ndc.replace("-", "") == ndc for p in DRUGS[c].packages) for c in codes)


@pytest.mark.parametrize(
    ("code", "descriptor", "unit", "stated", "why"),
    [
        ("J9035", "Injection, bevacizumab, 10 mg", DoseUnit("10", "mg", "injection"), "10 MG", ""),
        (
            "J0850",
            "Injection, cytomegalovirus immune globulin, per vial",
            None,
            "PER VIAL",
            "J0850 is billed per vial:",
        ),
        (
            "J3402",
            "Injection, remestemcel-l-rknd, per therapeutic dose",
            None,
            "",
            "per therapeutic dose: one unit is",
        ),
        ("Q2043", "Sipuleucel-t, … per infusion", None, "", "Q2043 is billed per infusion"),
        ("J7599", "Immunosuppressive drug, not otherwise classified", None, "", "J7599 names no amount"),
        (
            "J9356",
            "Injection, trastuzumab, 10 mg and hyaluronidase-oysk",
            None,
            "10 MG",
            "cannot read one billing amount in a unit it works with (g, mg, mcg, L, mL, cc, units, IU, mEq, "
            "USP units) from the "
            'descriptor of J9356 (CMS\'s drug files write it as "10 MG")',
        ),
        (
            "J1560",
            "Injection, gamma globulin, intramuscular, over 10 cc",
            None,
            "10 CC",
            'J1560 gives a range ("over 10 cc"), not one billing amount (CMS\'s drug files write it as',
        ),
        (
            "J0702",
            "Injection, betamethasone acetate 3 mg and betamethasone sodium phosphate 3 mg",
            None,
            "3 MG & 3 MG",
            'J0702 names 2 amounts ("3 mg", "3 mg"), not one billing amount',
        ),
        ("X0001", "Injection, something, 10 mg, each", None, "", 'X0001 bills per item ("each")'),
        (
            "A9513",
            "Lutetium lu 177, dotatate, therapeutic, 1 millicurie",
            None,
            "",
            'A9513 bills in millicurie ("1 millicurie"), a unit the calculator does not convert',
        ),
        (
            "J7340",
            "Carbidopa 5 mg/levodopa 20 mg enteral suspension, 100 ml",
            DoseUnit("1", "each", ""),
            "",
            "count the",
        ),
    ],
)
def test_a_code_the_calculator_cannot_do_says_why(
    code: str, descriptor: str, unit, stated: str, why: str
) -> None:
    reason = not_calculable_reason(code, descriptor, unit, stated)
    assert (why in reason) if why else reason == ""
    assert "names no amount" not in reason or not any(c.isdigit() for c in descriptor)


def test_an_up_to_unit_is_spelt_alike_by_the_calculator_its_reasons_and_the_summary() -> None:
    """'up to' from the descriptor is kept wherever the unit is said (model.unit_label)."""
    calc = drug_calculator_code(REFERENCE.codes["J3105"], REFERENCE.dose_units["J3105"], DRUGS["J3105"])
    assert (calc.label, unit_sentence(calc)) == ("up to 1 mg", "1 unit = up to 1 mg")
    each = BillingUnit("2", "each", up_to=True)
    reason = not_calculable_reason("X0002", "Something, up to 2 each", each)
    assert reason.startswith("One unit of X0002 is up to 2 each: count the items supplied")


@pytest.mark.parametrize(("code", "unit"), [("J9356", "10 mg"), ("J0887", "1 mcg"), ("J1602", "1 mg")])
def test_a_unit_read_inside_the_descriptor_is_calculated_when_cms_drug_files_agree(
    code: str, unit: str
) -> None:
    calc = drug_calculator_code(REFERENCE.codes[code], REFERENCE.dose_units.get(code), DRUGS[code])
    assert (calc.measurable, calc.label, calc.why) == (True, unit, "")


def with_stated_unit(code: str, dosage: str) -> DrugData:
    """A code's drug data whose newest payment-limit row writes the billing unit as `dosage`."""
    drug = DRUGS[code]
    return replace(drug, limits=(*drug.limits[:-1], replace(drug.limits[-1], dosage=dosage)))


def test_a_unit_read_inside_the_descriptor_is_not_used_when_cms_drug_files_disagree() -> None:
    calc = drug_calculator_code(
        REFERENCE.codes["J9356"], REFERENCE.dose_units["J9356"], with_stated_unit("J9356", "1 EACH")
    )
    assert (calc.measurable, calc.unit) == (False, "")
    assert 'reads as 10 mg per unit, but CMS\'s drug files bill it per "1 EACH"' in calc.why
    # A unit that ends the descriptor is the descriptor's own: a CMS drug file that disagrees is a
    # data warning, and the calculator still counts by the descriptor.
    j9035 = drug_calculator_code(
        REFERENCE.codes["J9035"], REFERENCE.dose_units["J9035"], with_stated_unit("J9035", "1 EACH")
    )
    assert (j9035.measurable, j9035.label) == (True, "10 mg")


def test_every_unit_read_inside_a_descriptor_is_used_only_if_cms_drug_files_state_it() -> None:
    checked = 0
    for code, drug in DRUGS.items():
        cms, unit = REFERENCE.codes.get(code), REFERENCE.dose_units.get(code)
        if cms is None or unit is None or not read_billing_unit(cms.long_descriptor).inline:
            continue
        if not (drug.current_limit or drug.packages):
            continue  # only in older quarters: no page, no calculator
        calc = drug_calculator_code(cms, unit, drug)
        row = drug.current_limit or drug.packages[0]
        agrees = dosage_amount(row.dosage) == dosage_amount(f"{unit.amount} {unit.unit}")
        assert calc.measurable == agrees, (code, row.dosage)
        checked += 1
    assert checked >= 15  # J9356, J0887, J1602 and the other codes of issue 17's follow-up


def test_calculator_data_lists_every_code_with_its_unit(built_site: Path) -> None:
    """Guide codes and every code with CMS drug data (read from its descriptor)."""
    records = {r["c"]: r for r in calculator_data(built_site)}
    drug_codes = load_drug_files(CONTENT / "reference" / "asp").current_codes()
    assert sorted(records) == sorted(set(CODES) | set(drug_codes))
    for code, record in records.items():
        if code not in REFERENCE.codes:
            continue  # a code the later payment-limit files list: its unit is theirs (test_quarters.py)
        unit = REFERENCE.dose_units.get(code)
        route = ROUTES.get(code) or (unit.route if unit else "")
        assert (record.get("a", ""), record.get("u", "")) == ((unit.amount, unit.unit) if unit else ("", ""))
        measurable = unit and unit.unit in MEASURABLE_UNITS
        assert record["k"] == ("none" if not measurable else "oral" if route == "oral" else "administered")
    assert "prograf" in [n.lower() for n in records["J7507"]["n"]]
    assert records["J7505"]["x"] == "2025-12-31"
    assert (records["J7524"]["a"], records["J7524"]["u"]) == ("5", "mg")


# The drug-line modifiers the content files' Common Modifiers declare (JW/JZ are the calculator's own).
DECLARED = {"J7507": "KX", "J7517": "KX", "J7525": "", "J9035": ""}  # J9035: data-only, declares none


@pytest.mark.parametrize(("code", "modifiers"), sorted(DECLARED.items()))
def test_the_calculator_gets_the_modifiers_the_page_declares_for_the_drug_line(
    built_site: Path, code: str, modifiers: str
) -> None:
    form = soup(built_site / "codes" / f"{code}.html").find("form", id="calculator")
    assert form["data-modifiers"] == modifiers
    record = {r["c"]: r for r in calculator_data(built_site)}[code]
    assert record.get("m", []) == modifiers.split(), "the stand-alone calculator shows the same ones"


def test_the_picker_data_leaves_out_only_what_adds_no_search_word(built_site: Path) -> None:
    """Names and titles whose words the descriptor has are left out (calculator.html's weight), so a
    record must still match every word it matched before: checked for every code with drug data."""
    from codebook.calculator import drug_calculator_code, picker_record, picker_words

    drugs = load_drug_files(CONTENT / "reference" / "asp").drugs
    sent = {r["c"]: r for r in calculator_data(built_site)}
    for code in sorted(set(sent) - set(CODES) & set(REFERENCE.codes)):  # the others: test_quarters.py
        full = drug_calculator_code(REFERENCE.codes[code], REFERENCE.dose_units.get(code), drugs[code])
        words = picker_words(" ".join((full.title, full.descriptor, *full.aliases)))
        record = sent[code]
        assert picker_words(" ".join((record.get("t", ""), record["d"], *record.get("n", [])))) == words, code
        assert record == picker_record(full)
    j9035 = sent["J9035"]
    assert "Bevacizumab" not in j9035.get("n", []) and "Avastin" in j9035["n"]  # in the descriptor already


def test_every_page_links_the_calculator_from_the_header(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        links = [str(t.get("href")) for t in scan_page(path).tags if t.name == "a" and t.nav == "site-nav"]
        assert any(href.endswith("calculator.html") for href in links), path


def test_calculator_script_is_the_committed_bundle(built_site: Path) -> None:
    """The build copies esbuild's classic script (tests/js/bundle.test.mjs checks it is fresh)."""
    shipped = (built_site / "assets" / "calculator.js").read_bytes()
    assert shipped == (ROOT / "site_assets" / "js" / "dist" / "calculator.js").read_bytes()
    assert not re.search(rb"^\s*(import|export)\s", shipped, re.M)
    assert not (built_site / "assets" / "units.js").exists(), "modules are bundled, not shipped one by one"


def test_measurable_units_are_the_units_units_mjs_converts() -> None:
    table = re.search(r"export const UNIT_TABLE = Object\.freeze\(\{(.*?)\}\);", UNITS_MJS, re.S).group(1)
    assert sorted(re.findall(r'label: "([^"]+)"', table)) == sorted(MEASURABLE_UNITS)


@pytest.mark.parametrize(
    ("unit", "route", "kind"),
    [
        (BillingUnit("1", "mg"), "oral", "oral"),
        (BillingUnit("5", "mg"), "injection", "administered"),
        (BillingUnit("2", "mL"), "inhalation", "administered"),
        (BillingUnit("1", "each"), "injection", "none"),
        (None, "various", "none"),
    ],
)
def test_calculator_kind(unit: BillingUnit | None, route: str, kind: str) -> None:
    assert calculator_kind(SimpleNamespace(billing_unit=unit, route=route)) == kind


DRUGS = load_drug_files(CONTENT / "reference" / "asp").drugs


def test_ndc_data_gives_each_package_its_cms_units_and_the_newest_limit() -> None:
    data = ndc_calculator_data(DRUGS["J9035"])
    assert {"n": "50242-0060-01", "i": "10", "k": "10", "q": "1", "x": False}.items() <= data["p"][0].items()
    money = data["$"]
    assert (money["m"], money["c"]) == ("75.492", "20.000")
    assert money["y"].startswith("October 2026, from a copy of the CMS file") and "January 2026" in money["n"]
    prograf = [p for p in ndc_calculator_data(DRUGS["J7507"])["p"] if p["n"] == "00469-0617-73"]
    assert [(p["i"], p["k"], p["g"]) for p in prograf] == [("100", "100", "Prograf")]


def test_ndc_data_keeps_an_inconsistent_row_flagged_with_both_figures() -> None:
    rows = [
        p for d in DRUGS.values() for p in d.packages if p.ndc and p.inconsistent and p.billunits is not None
    ]
    row = rows[0]
    [sent] = [p for p in ndc_calculator_data(DRUGS[row.code])["p"] if p["n"] == row.ndc and p["x"]][:1]
    assert (sent["i"], sent["k"]) == (
        format(row.billunits.normalize(), "f"),
        format(row.billunitspkg.normalize(), "f"),
    )


def test_ndc_data_has_no_money_when_cms_prints_no_limit() -> None:
    assert ndc_calculator_data(DRUGS["A9606"])["$"] is None


def test_the_browser_names_index_shards_as_the_build_does() -> None:
    from codebook.calculator import NDC_SHARD_DIGITS

    source = (ROOT / "site_assets" / "js" / "calculator-data.mjs").read_text(encoding="utf-8")
    assert f"export const SHARD_DIGITS = {NDC_SHARD_DIGITS};" in source
