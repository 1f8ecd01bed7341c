"""The rule table in-process, on inline files (a dict of name → text, as Hugo and MkDocs test):
each case writes a small site, checks it without the command line and asserts the exact
`path:line` message. The command line's own cases are in test_bad_input.py and its neighbours."""

from __future__ import annotations

from codebook.checks import FILE_RULES, FileContext, run_file_rules
from codebook.checks.body import link_forms
from codebook.cms_tables import FULL_TABLE, PROCEDURE_CODE
from codebook.diagnostics import Diagnostic
from codebook.load import parse_document
from codebook.markdown import make_markdown, render_markdown, render_sections
from codebook.refcheck import check_row
from codebook.reference_files import row_problems
from codebook.validate import CheckContext, validate_files

from .helpers import CONTENT, REFERENCE, valid_trio


def check_inline(files: dict[str, str]) -> list[Diagnostic]:
    """Every problem of a site made of `files` (name → text under content/codes/)."""
    loaded, problems = [], []
    for name, text in files.items():
        record, found = parse_document(text, f"content/codes/{name}")
        problems += found
        if record is not None:
            loaded.append(record)
    return problems + list(
        validate_files(loaded, CheckContext(REFERENCE, CONTENT), include_drafts=False).problems
    )


def trio_with(definition: str) -> tuple[dict[str, str], int]:
    """The valid trio with `definition` at the top of J7500's Definition; the line it starts on."""
    files = valid_trio()
    marker = "Original text about definition"
    text = files["J7500.md"]
    files["J7500.md"] = text.replace(marker, f"{definition}\n{marker}", 1)
    return files, text[: text.index(marker)].count("\n") + 1


def errors_in_j7500(files: dict[str, str]) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in check_inline(files) if p.path.endswith("J7500.md")]


def test_the_valid_trio_has_no_problem() -> None:
    assert check_inline(valid_trio()) == []


def test_a_link_to_a_code_without_md_is_an_error_at_its_line() -> None:
    files, line = trio_with("First line.\nSee [J7501](J7501) for the injection.")
    assert errors_in_j7500(files) == [(line + 1, "link (J7501) does not point at a code page")]


def test_an_empty_link_is_an_error_at_its_line() -> None:
    files, line = trio_with("First line.\n\nA picture ![]() here.")
    assert errors_in_j7500(files) == [(line + 2, "a link has no destination (written '[text]()')")]


def test_a_missing_in_page_anchor_is_an_error() -> None:
    files, line = trio_with("See [below](#nowhere).")
    [(found_line, message)] = errors_in_j7500(files)
    assert found_line == line and "points at section '#nowhere', which J7500 does not have" in message


def test_page_links_and_anchors_that_exist_pass() -> None:
    files, _ = trio_with("See [it](J7501.md), [[J7517#sources]], [units](#billing-units) and [[KX]].")
    assert errors_in_j7500(files) == []


def test_each_link_of_a_paragraph_is_reported_at_its_own_line() -> None:
    """The same address twice in one paragraph: a substring search would give both the first line."""
    files, line = trio_with("See [a](https://example.com/a)\nand then\n[b](https://example.com/a) | x")
    assert [found for found, _ in errors_in_j7500(files)] == [line, line + 2]


def test_a_link_in_a_table_row_is_reported_at_its_row() -> None:
    files, line = trio_with("\n| a | b |\n|---|---|\n| x | y |\n| [z](J7599) | w |\n")
    assert errors_in_j7500(files) == [(line + 4, "link (J7599) does not point at a code page")]


def test_a_link_inside_a_fence_is_not_a_link() -> None:
    files, _ = trio_with("```\n[J7501](J7501) ![]()\n```")
    assert errors_in_j7500(files) == []


def test_a_control_character_in_the_body_is_an_error_at_its_line() -> None:
    files, line = trio_with("One.\nTwo\x1b[31m red.\nThree\x85.")
    assert errors_in_j7500(files) == [
        (line + 1, "section 'Definition' holds the control character U+001B"),
        (line + 2, "section 'Definition' holds the control character U+0085"),
    ]


def test_bidi_and_separator_characters_in_the_body_are_errors_at_their_line() -> None:
    files, line = trio_with("One\u202e.\nTwo\u2067.\nThree\u2029.\nFour \u200f mark.")
    assert errors_in_j7500(files) == [
        (line, "section 'Definition' holds the control character U+202E"),
        (line + 1, "section 'Definition' holds the control character U+2067"),
        (line + 2, "section 'Definition' holds the control character U+2029"),
    ]


def test_tabs_are_not_control_characters_to_refuse() -> None:
    files, _ = trio_with("Dose\tUnits")
    assert errors_in_j7500(files) == []


def test_unusable_links_render_as_their_text_only() -> None:
    """What validate refuses never becomes an <a> either, even rendered on its own."""
    text = "a ![]() [J7501](J7501) [x]() [y](J7599.md) [z](#s)\n"
    html = render_markdown(make_markdown(), text, lambda _: "")
    assert html == '<p>a ! J7501 x y <a href="#s">z</a></p>\n'


def test_one_rule_runs_alone_from_the_table() -> None:
    files, line = trio_with("See [J7501](J7501).")
    loaded, _ = parse_document(files["J7500.md"], "content/codes/J7500.md")
    assert loaded is not None
    context = FileContext(loaded, REFERENCE, CONTENT)
    [rule] = [rule for rule in FILE_RULES if rule.check is link_forms]
    found, readable = run_file_rules(context, (rule,))
    assert readable and [(p.line, p.message) for p in found] == [
        (line, "link (J7501) does not point at a code page")
    ]


def test_page_rules_wait_for_a_readable_front_matter() -> None:
    """A wrong type stops the rules that read values as their types; the body is still checked."""
    files, line = trio_with("See [J7501](J7501).")
    files["J7500.md"] = files["J7500.md"].replace("status: active", "status: [active]", 1)
    found = errors_in_j7500(files)
    assert (line, "link (J7501) does not point at a code page") in found
    assert any("'status' is" in message for _, message in found)
    assert not any("does not match" in message for _, message in found)


# --- CMS table rows: one checker for the build's copy and reference-diff's NEW.csv -------------
def full_row(**values: str) -> tuple[list[str], list[str]]:
    header = list(FULL_TABLE.columns)
    row = dict.fromkeys(header, "")
    row.update(code="J7500", record_type="procedure", long_description="Azathioprine", add_date="1988-01-01")
    row.update(values)
    return header, [row[c] for c in header]


def test_a_code_must_have_the_form_of_its_record_type() -> None:
    header, values = full_row(code="JW")
    assert row_problems(header, values, FULL_TABLE) == [
        ("'JW' is not a valid code", f"write it as {PROCEDURE_CODE}")
    ]
    header, values = full_row(code="J7500", record_type="modifier")
    assert row_problems(header, values, FULL_TABLE) == [
        ("'J7500' is not a valid code", "write it as two letters or digits, e.g. JW")
    ]


def test_reference_diff_checks_a_row_as_the_build_does() -> None:
    header, values = full_row(code="J75O0", termination_date="2026-02-30")
    row, found = check_row(values, header, 7, {})
    assert row is not None and found == row_problems(header, values, FULL_TABLE) and len(found) == 2
    _, short = check_row(values[:4], header, 7, {})
    assert short == row_problems(header, values[:4], FULL_TABLE)


# --- one parse: sections, links and rendering from the same tokens ------------------------------
BODY = "---\ntitle: x\n---\n"


def test_headings_inside_any_code_block_are_text() -> None:
    fenced = "~~~~\n## Not a section\n~~~~\n\n    ## Indented code\n"
    text = f"{BODY}## Definition\n\n{fenced}\n## Clinical Context\n"
    loaded, problems = parse_document(text, "x.md")
    assert problems == [] and loaded is not None
    assert [(s.title, s.line) for s in loaded.sections] == [("Definition", 4), ("Clinical Context", 12)]


def test_an_unclosed_fence_is_found_by_the_parser_not_by_line_patterns() -> None:
    text = f"{BODY}## Definition\n\n````\n```\n## Clinical Context\n"
    loaded, problems = parse_document(text, "x.md")
    assert loaded is None and [(p.line, p.message[:41]) for p in problems] == [
        (6, "the code block opened here with '````' is")
    ]


def test_a_link_definition_in_one_section_serves_another_in_checks_and_pages() -> None:
    files, line = trio_with("See [the other][other].")
    files["J7500.md"] = files["J7500.md"].replace(
        "Original text about similar codes", "[other]: J7599.md\n\nX", 1
    )
    assert errors_in_j7500(files) == [(line, "(J7599.md) links to a code that has no page")]
    loaded, _ = parse_document(files["J7500.md"], "content/codes/J7500.md")
    assert loaded is not None
    html = render_sections(make_markdown(), loaded.sections, {"J7599": "J7599.html"}.get)
    assert '<a href="J7599.html">the other</a>' in html[0]
