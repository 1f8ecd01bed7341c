"""The consistency rules of issue 19 (codebook/checks/consistency.py), in-process on inline sites as
tests/test_checks.py does: brands, the calculator's modifiers, the supply-fee codes. Each has a
failing case with its exact line and message, and a passing one."""

from __future__ import annotations

from dataclasses import replace

from codebook.checks.consistency import brand_owners, may_name_a_brand
from codebook.diagnostics import Diagnostic
from codebook.load import parse_document
from codebook.validate import CheckContext, check_file, check_site, to_page, validate_files

from .helpers import CONTENT, REFERENCE, valid_page, valid_trio

# Crosswalk names as the build hands them to the checks (codebook/build.py drug_names).
DRUG_NAMES = {
    "J7500": ("Azasan", "Azathioprine"),
    "J7502": ("Cyclosporine", "Gengraf", "Neoral", "Sandimmune"),
}


def problems(files: dict[str, str]) -> list[tuple[str, int, str]]:
    loaded = []
    for name, text in files.items():
        record, found = parse_document(text, f"content/codes/{name}")
        assert record is not None and not found
        loaded.append(record)
    context = CheckContext(REFERENCE, CONTENT, drug_names=DRUG_NAMES)
    found: list[Diagnostic] = list(validate_files(loaded, context, include_drafts=False).problems)
    return [(p.path.rsplit("/", 1)[1], p.line, p.message) for p in found]


def with_section(code: str, title: str, text: str) -> tuple[dict[str, str], int]:
    """The valid trio with `text` as the body of `code`'s section `title`; the line it starts on."""
    files = valid_trio()
    marker = f"Original text about {title.lower()} for {code}."
    page = files[f"{code}.md"].replace(marker, text, 1)
    files[f"{code}.md"] = page
    return files, page[: page.index(text)].count("\n") + 1


def declared(code: str, text: str) -> list[tuple[str, int, str]]:
    """The problems of the valid trio whose `code` page's Common Modifiers section reads `text`, each
    line counted from the section's first (0), so a case states where in its own text it fails."""
    files, start = with_section(code, "Common Modifiers", text)
    return [(name, line - start, message) for name, line, message in problems(files)]


def test_brand_vocabulary_comes_from_the_brand_table_and_the_crosswalk_of_the_family() -> None:
    owners = brand_owners(REFERENCE, DRUG_NAMES, "J7500-J7599")
    assert owners["neoral"] == {"J7502", "J7515"}  # crosswalk J7502, brand table J7502 and J7515
    assert owners["azasan"] == {"J7500"} and owners["imuran"] == {"J7500"}
    assert "cyclosporine" not in owners and "azathioprine" not in owners  # words of CMS descriptors


def test_a_brand_of_another_code_is_an_error_unless_its_code_is_named_beside_it() -> None:
    files, line = with_section("J7500", "Definition", "Brand names include Neoral.\nNeoral is [[J7502]].")
    assert problems(files) == [
        ("J7500.md", line, "Neoral is not a name of J7500 in the reference (it names J7502, J7515)")
    ]


def test_a_brand_in_any_section_and_any_case_is_looked_at() -> None:
    """Sections that cannot name a brand are skipped whole: a brand in capitals, or joined to other
    text, must still bring its section under the rule."""
    neoral = {"neoral": frozenset({"J7502"})}
    for text, brand in (("Some take NEORAL.", "NEORAL"), ("A note.\n\nThen (Neoral) again.", "Neoral")):
        files, _ = with_section("J7500", "Clinical Context", text)
        assert [message.split()[0] for _, _, message in problems(files)] == [brand]
    assert not may_name_a_brand("Azathioprine tablets.", neoral)
    assert may_name_a_brand("the neoralike form", neoral), "a part of a word is enough to look"


def test_a_brand_alias_must_be_a_name_of_the_code() -> None:
    files = valid_trio()
    files["J7500.md"] = files["J7500.md"].replace("aliases:\n", "aliases:\n- Prograf\n", 1)
    line = files["J7500.md"].split("\n").index("- Prograf") + 1
    assert problems(files) == [
        ("J7500.md", line, "Prograf is not a name of J7500 in the reference (it names J7507)")
    ]
    files["J7500.md"] = files["J7500.md"].replace("- Prograf\n", "- Azasan\n")
    assert problems(files) == []


def test_jw_declared_for_an_oral_line_is_an_error_and_below_not_on_this_line_it_is_not() -> None:
    assert declared("J7500", "- [[KX]] when the date is on file.\n- [[JW]] for waste.") == [
        (
            "J7500.md",
            1,
            "Common Modifiers declares [[JW]] for the line, but the calculator shows no JW line for "
            "an oral drug dispensed for a period",
        )
    ]
    assert declared("J7500", "- [[KX]] when on file.\n\nNot on this line: [[JW]], [[JZ]].") == []


def test_an_injectable_page_declaring_jw_declares_jz_too() -> None:
    assert declared("J7501", "- [[JW]] for the discarded amount.") == [
        (
            "J7501.md",
            0,
            "Common Modifiers declares [[JW]] for the line but not [[JZ]], "
            "though the calculator shows either line",
        )
    ]
    assert declared("J7501", "- [[JW]] for waste.\n- [[JZ]] for none.") == []


def test_a_drug_line_modifier_the_glossary_rules_out_is_an_error_and_kx_is_not() -> None:
    """The calculator writes KX and the like on the drug line as declared, so a declared modifier
    CMS terminated (JG) or one never put on a drug code (25) would reach the claim."""
    text = "- [[KX]] when the date is on file.\n- [[JG]] for 340B.\n- [[25]] with a visit."
    assert declared("J7500", text) == [
        (
            "J7500.md",
            1,
            "Common Modifiers declares [[JG]] for the line, so the calculator writes it on the drug "
            "line, but the glossary says CMS terminated it (2024-12-31)",
        ),
        (
            "J7500.md",
            2,
            "Common Modifiers declares [[25]] for the line, so the calculator writes it on the drug "
            "line, but the glossary says it never goes on a drug code",
        ),
    ]
    assert declared("J7500", "- [[KX]] when on file.\n\nNot on this line: [[JG]], [[25]].") == []


def test_the_declaration_is_read_once_at_load_for_the_page_record() -> None:
    files, line = with_section(
        "J7500", "Common Modifiers", "See [[JW]].\n- [[KX]] when on file.\n\nNot on this line:\n- [[GY]]"
    )
    record, found = parse_document(files["J7500.md"], "content/codes/J7500.md")
    assert record is not None and not found
    assert record.claim_modifiers == (("KX", line + 1),)
    assert to_page(record).claim_modifiers == ("KX",)


def test_supply_fee_codes_on_some_oral_pages_only_or_on_an_injectable_page_are_errors() -> None:
    files, _ = with_section("J7500", "Clinical Context", "The supply fee is Q0511 or Q0512.")
    assert problems(files) == [
        (
            "J7517.md",
            1,
            "other oral pages name the supply-fee codes Q0510–Q0512 (content/codes/J7500.md…) "
            "but this one does not",
        )
    ]
    files["J7517.md"] = valid_page("J7517", "Supply fee: Q0511.")
    assert problems(files) == []
    files, line = with_section("J7501", "Clinical Context", "No Q0510 here.")
    assert problems(files) == [
        (
            "J7501.md",
            line,
            "this page names a pharmacy supply-fee code (Q0510–Q0512), "
            "which applies to oral drugs in use only",
        )
    ]


def test_the_supply_fee_line_is_found_once_per_file_by_its_cached_check() -> None:
    """The check across pages reads each file's line from its check (cached per file), so an
    unchanged page's text is not scanned again on every build."""
    files, line = with_section("J7501", "Clinical Context", "No Q0510 here.")
    loaded = []
    for name, text in files.items():
        record, _ = parse_document(text, f"content/codes/{name}")
        assert record is not None
        loaded.append(record)
    context = CheckContext(REFERENCE, CONTENT, drug_names=DRUG_NAMES)
    checks = [check_file(f, context) for f in loaded]
    assert [c.supply_fee_line for c in checks] == [line if f.path.endswith("J7501.md") else 0 for f in loaded]
    # The site check trusts the per-file result: with it cleared, nothing is reported.
    cleared = [replace(c, supply_fee_line=0) for c in checks]
    assert not [p for p in check_site(loaded, cleared, False).problems if "supply-fee" in p.message]
    assert [p.line for p in check_site(loaded, checks, False).problems if "supply-fee" in p.message] == [line]
