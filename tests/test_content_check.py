"""The content check (codebook/checks/crosswalk.py) on inline mini-sites: pages holding today's wrong
sentences (issue 30, copied from the pages as they stood on main) get the message at their line;
the corrected wording and the real content pass.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.checks import FileContext, crosswalk, run_file_rules
from codebook.drugs import load_drug_files
from codebook.drugs.facts import drug_facts
from codebook.load import find_content_files, load_file
from codebook.scaffold import front_matter_for, render_page
from codebook.schema import REQUIRED_SECTIONS
from codebook.topics import load_topic
from codebook.validate import CheckContext

from .helpers import CONTENT, REFERENCE, make_content, run_build, valid_page, valid_trio

FACTS = drug_facts(load_drug_files(CONTENT / "reference" / "asp"))

# Today's wrong sentences, as main had them.
J7511_INVENTED_PACKAGE = (
    "- **[[JW]] over-reporting.** Where 110 mg is given (5 units, 125 mg) from containers labelled 150 mg "
    "in total, only 25 mg, 1 unit, remains to report with [[JW]]. Reporting the full 40 mg left in the "
    "vials bills 175 mg against a 150 mg label."
)
J7505_ROUNDING = (
    "- **Units on an old claim.** Divide the milligrams on the line by 5: a 5 mg dose is 1 unit; 7 mg is "
    "1.4, rounded up to 2 units ([Billing units and rounding](../topics/billing-units-and-rounding.md))."
)
COVERAGE_FLAT_RATE = "The patient owes the Part B deductible and 20% coinsurance."
COVERAGE_PER_CODE = (
    "In January 2026 the payment-limit file lists a coinsurance of 19.372 % for [[J7503]], "
    "10.992 % for [[J7504]] and 9.745 % for [[J7521]]."
)


def guide(folder: Path, code: str, section: str, text: str) -> Path:
    """A page of `code` whose section `section` holds `text` (the others a neutral sentence)."""
    data = front_matter_for(code, REFERENCE, category="oral-immunosuppressives", draft=False)
    body = [
        (spec, text if spec.title == section else f"Plain text for {code}.") for spec in REQUIRED_SECTIONS
    ]
    path = folder / "content" / "codes" / f"{code}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_page(data, body), encoding="utf-8")
    return path


def topic(folder: Path, text: str) -> Path:
    path = folder / "content" / "topics" / "coverage.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "---\ntitle: Coverage\nsummary: Who pays what.\npurpose: Who pays what, per code and quarter.\nsources:\n  - title: CMS payment limits\n"
        "    url: https://www.cms.gov/medicare/payment/part-b-drugs/asp-pricing-files\n"
        f"    date: 2026-01-01\nreviewed: 2026-11-23\n---\n\n## Costs\n\n{text}\n",
        encoding="utf-8",
    )
    return path


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().split("\n"), start=1) if text in line)


def check_messages(path: Path) -> list[str]:
    loaded, problems = load_file(path)
    assert loaded is not None and not problems
    context = FileContext(loaded, REFERENCE, path.parents[2], drug_facts=FACTS)
    found, _ = run_file_rules(context, crosswalk.RULES)
    return [d.format() for d in found]


def topic_messages(path: Path) -> list[str]:
    """Every problem of the topic file, with the topic rules (the content check among them)."""
    _, found = load_topic(path, CheckContext(REFERENCE, path.parents[2], drug_facts=FACTS))
    return [d.format() for d in found]


def at_line(path: Path, text: str, messages: list[str]) -> tuple[str, list[str]]:
    """The `path:line: ` of the line holding `text`, and the messages that start with it."""
    prefix = f"{path}:{line_of(path, text)}: "
    return prefix, [m for m in messages if m.startswith(prefix)]


TODAYS_PAGE_ERRORS = [
    (
        "J7511",
        J7511_INVENTED_PACKAGE,
        "labelled 150 mg",
        "no package of J7511 in the CMS NDC–HCPCS crosswalk (January 2026) holds 150 mg (its packages "
        "imply 25 mg) — write the strength or package the crosswalk lists for the code, or remove it",
    ),
    (
        "J7505",
        J7505_ROUNDING,
        "7 mg is",
        "warning: worked example '1 unit' for J7505, which has no NDC and no payment limit in any quarter "
        "of the CMS drug files — state the unit rule without a worked count (no product backs it); on an "
        "ended code, say what the code was, when it ended and what to use now",
    ),
]


@pytest.mark.parametrize(("code", "text", "needle", "message"), TODAYS_PAGE_ERRORS, ids=["J7511", "J7505"])
def test_todays_wrong_sentence_gets_its_message_at_its_line(
    tmp_path: Path, code: str, text: str, needle: str, message: str
) -> None:
    path = guide(tmp_path, code, "Common Denial Reasons", text)
    prefix, found = at_line(path, needle, check_messages(path))
    assert found == [prefix + message]


def test_the_crosswalks_real_packages_pass(tmp_path: Path) -> None:
    text = (
        "Each 25 mg vial is one unit; 500 mg vials of 50 units are J7519; 5 mL ampoules of 250 mg are J7504."
    )
    assert check_messages(guide(tmp_path, "J7511", "Common Modifiers", text)) == []


def test_todays_flat_coinsurance_is_an_error_at_its_line(tmp_path: Path) -> None:
    path = topic(tmp_path, COVERAGE_FLAT_RATE)
    prefix, [message] = at_line(path, "20% coinsurance", topic_messages(path))
    assert message.startswith(
        f"{prefix}a coinsurance of 20 % is stated for no code, but the payment-limit file of January 2026 "
        "lists other figures (J7503 19.372 %, J7504 10.992 %, J7521 9.745 %, …) — name the code"
    )


def test_the_per_code_coinsurance_passes_and_a_wrong_figure_does_not(tmp_path: Path) -> None:
    assert topic_messages(topic(tmp_path, COVERAGE_PER_CODE)) == []
    wrong = COVERAGE_PER_CODE.replace("10.992", "20")
    path = topic(tmp_path, wrong)
    prefix, found = at_line(path, "J7504", topic_messages(path))
    assert found == [
        f"{prefix}coinsurance 20 % for J7504 does not match the payment-limit "
        "file of January 2026, which lists 10.992 % — write 10.992 % (or name the quarter the figure is from)"
    ]


def test_a_coinsurance_figure_is_read_in_the_quarter_the_line_names(tmp_path: Path) -> None:
    """J7504 was 15.373 % in January 2024: right for that quarter, wrong for January 2026."""
    assert (
        check_messages(
            guide(tmp_path, "J7504", "Definition", "Its coinsurance was 15.373 % in January 2024.")
        )
        == []
    )
    path = guide(tmp_path, "J7504", "Definition", "Its coinsurance is 15.373 %.")
    assert any("which lists 10.992 %" in m for m in check_messages(path))


def test_a_listed_code_may_show_a_worked_example(tmp_path: Path) -> None:
    assert check_messages(guide(tmp_path, "J7507", "Definition", "2.5 mg is 3 units.")) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("CellCept oral suspension (00004-0261-29) is billed here.", "it is listed under J7517"),
        ("The bottle is 00000-1111-22.", "it is listed under no code"),
    ],
)
def test_an_ndc_must_be_under_the_code_the_line_speaks_of(tmp_path: Path, line: str, expected: str) -> None:
    path = guide(tmp_path, "J7528", "Definition", line)
    _, [message] = at_line(path, line, check_messages(path))
    assert expected in message


def test_an_ndc_named_beside_its_code_passes(tmp_path: Path) -> None:
    text = "CellCept oral suspension is [[J7517]] in the crosswalk (00004-0261-29)."
    assert check_messages(guide(tmp_path, "J7528", "Definition", text)) == []


def test_the_real_content_agrees_with_the_drug_files() -> None:
    """Every guide and topic as corrected: no error; the one active code without any CMS product
    (J7501) is the only page with a warning."""
    context = CheckContext(REFERENCE, CONTENT, drug_facts=FACTS)
    found = [
        d
        for path in find_content_files(CONTENT / "codes")
        for d in run_file_rules(
            FileContext(load_file(path)[0], REFERENCE, CONTENT, drug_facts=FACTS), crosswalk.RULES
        )[0]
    ]
    found += [d for path in sorted((CONTENT / "topics").glob("*.md")) for d in load_topic(path, context)[1]]
    assert [d.format() for d in found if d.severity == "error"] == []
    assert {Path(d.path).stem for d in found} <= {"J7501"}


def test_an_author_sees_the_message_from_the_command_line(tmp_path: Path) -> None:
    pages = valid_trio()
    pages["J7517.md"] = valid_page("J7517", "Myhibbin is billed as 24338-0018-01.")
    content = make_content(tmp_path, pages)
    result = run_build("check", "--content", content)
    assert result.returncode == 1
    page = content / "codes" / "J7517.md"
    line = line_of(page, "24338-0018-01")
    assert (
        f"codes/J7517.md:{line}: NDC 24338-0018-01 is not under J7517 in the CMS NDC–HCPCS crosswalk "
        "(January 2026): it is listed under J7514 — name the code it is listed under on this line ([[J7514]])"
    ) in result.stderr
