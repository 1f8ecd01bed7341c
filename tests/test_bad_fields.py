"""Front-matter values that crashed the build or misled a reader: each is refused with `path:line:
what — fix`, exit 1, no traceback and the old _site/ untouched (the same checks as test_bad_input)."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codebook.build import BuildOptions, build
from codebook.cli import main
from codebook.diagnostics import ContentError
from codebook.load import parse_document
from codebook.model import LoadedFile
from codebook.schema import BILLING_AMOUNT, BILLING_UNIT, CONTROL_CHARACTER, FIELDS, FieldSpec, flag_is_set
from codebook.validate import CheckContext, is_draft, to_page, validate_files
from codebook.values import value_problem

from .helpers import CONTENT, REFERENCE, make_content, run_build, tree_digest, valid_page, valid_trio
from .test_bad_input import Case, built_trio, insert_after, prebuilt, replace_line  # noqa: F401
from .test_bad_input import test_bad_input_is_reported_with_path_and_line as assert_reported

CASES = [
    # --- 1. control characters from YAML escapes, at any depth -----------------------------------------
    Case(
        "nul-in-title",
        "J7500.md",
        replace_line("title:", 'title: "Tacro\\0limus"'),
        "title:",
        "'title' holds the control character U+0000",
    ),
    Case(
        "escape-in-alias",
        "J7500.md",
        insert_after("aliases:", '- "Imu\\x1b[31mran"'),
        '- "Imu',
        "'aliases.0' holds the control character U+001B",
    ),
    Case(
        "c1-control-in-similar-reason",
        "J7500.md",
        replace_line("  reason:", '  reason: "Next\\x85line"'),
        "  reason:",
        "'similar.0.reason' holds the control character U+0085",
    ),
    Case(
        "del-in-source-title",
        "J7500.md",
        replace_line("- title:", '- title: "CMS\\x7f file"'),
        "- title:",
        "'sources.0.title' holds the control character U+007F",
    ),
    Case(
        "soh-in-descriptor",
        "J7500.md",
        replace_line("descriptor:", 'descriptor: "Azathioprine\\x01, oral, 50 mg"'),
        "descriptor:",
        "control character U+0001",
    ),
    Case(
        "bidi-override-in-title",
        "J7500.md",
        replace_line("title:", 'title: "Tacro\\u202elimus"'),
        "title:",
        "'title' holds the control character U+202E",
    ),
    Case(
        "bidi-isolate-in-alias",
        "J7500.md",
        insert_after("aliases:", '- "Imu\\u2066ran"'),
        '- "Imu',
        "'aliases.0' holds the control character U+2066",
    ),
    Case(
        "line-separator-in-descriptor",
        "J7500.md",
        replace_line("descriptor:", 'descriptor: "Azathioprine\\u2028, oral, 50 mg"'),
        "descriptor:",
        "control character U+2028",
    ),
    # --- 2. any YAML value of the wrong type, in any field ---------------------------------------------
    Case("category-list", "J7500.md", replace_line("category:", "category: [x]"), "category:", "is a list"),
    Case(
        "category-mapping",
        "J7500.md",
        replace_line("category:", "category: {a: b}"),
        "category:",
        "'category' is a set of 'field: value' lines, not a category",
    ),
    Case("title-list", "J7500.md", replace_line("title:", "title: [a, b]"), "title:", "non-empty text"),
    Case("title-null", "J7500.md", replace_line("title:", "title:"), "title:", "'title' is empty"),
    Case("code-list", "J7500.md", replace_line("code:", "code: [J7500]"), "code:", "not a HCPCS code"),
    Case("route-bool", "J7500.md", replace_line("route:", "route: true"), "route:", "allowed: oral"),
    Case("unit-list", "J7500.md", replace_line("  unit:", "  unit: [mg]"), "  unit:", "allowed: mg"),
    Case("reviewed-number", "J7500.md", replace_line("reviewed:", "reviewed: 12"), "reviewed:", "not a date"),
    Case(
        "billing-unit-list",
        "J7500.md",
        lambda t: re.sub(r"billing_unit:\n(  .*\n)+", "billing_unit: [50, mg]\n", t),
        "billing_unit:",
        "'billing_unit' is a list; it must be a set of 'field: value' lines",
    ),
    Case(
        "similar-number",
        "J7500.md",
        lambda t: re.sub(r"similar:\n([- ] .*\n)+", "similar: 5\n", t),
        "similar:",
        "'similar' is the number 5; it must be a list",
    ),
    Case(
        "source-url-list",
        "J7500.md",
        replace_line("  url:", "  url: [https://www.cms.gov/]"),
        "  url:",
        "must be a web address",
    ),
    Case(
        "alias-mapping",
        "J7500.md",
        insert_after("aliases:", "- {brand: Imuran}"),
        "- {brand",
        "'aliases.0' is a set of 'field: value' lines; it must be non-empty text",
    ),
    Case(
        "draft-date",
        "J7500.md",
        insert_after("reviewed:", "draft: 2026-01-01"),
        "draft:",
        "'draft' is the date 2026-01-01; it must be true or false",
    ),
    # --- 3. numbers within the schema's bounds, written plainly ----------------------------------------
    Case(
        "amount-overflowing-exponent",
        "J7500.md",
        replace_line("  amount:", '  amount: "1e1000000"'),
        "  amount:",
        "'billing_unit.amount' is '1e1000000', not a plain decimal number above zero",
    ),
    Case(
        "amount-huge-exponent",
        "J7500.md",
        replace_line("  amount:", '  amount: "1e999999"'),
        "  amount:",
        "at most 1,000,000",
    ),
    Case(
        "amount-over-a-million",
        "J7500.md",
        replace_line("  amount:", "  amount: 1000001"),
        "  amount:",
        "at most 1,000,000",
    ),
    Case(
        "amount-seven-places",
        "J7500.md",
        replace_line("  amount:", "  amount: 50.0000001"),
        "  amount:",
        "at most 6 decimal places",
    ),
    Case(
        "amount-infinity",
        "J7500.md",
        replace_line("  amount:", "  amount: .inf"),
        "  amount:",
        "not a plain decimal number",
    ),
    Case(
        "amount-bool",
        "J7500.md",
        replace_line("  amount:", "  amount: true"),
        "  amount:",
        "is true (a yes/no value), not a plain decimal number",
    ),
    # --- 4. flags are YAML true/false only -------------------------------------------------------------
    Case(
        "draft-quoted-true",
        "J7500.md",
        insert_after("reviewed:", 'draft: "true"'),
        "draft:",
        "'draft' is 'true'; it must be true or false, without quotes",
    ),
    Case(
        "draft-quoted-false",
        "J7500.md",
        insert_after("reviewed:", 'draft: "false"'),
        "draft:",
        "write 'draft: true' or 'draft: false', without quotes",
    ),
    Case(
        "up-to-quoted-false",
        "J7500.md",
        insert_after("  unit:", '  up_to: "false"'),
        "  up_to:",
        "'billing_unit.up_to' is 'false'; it must be true or false",
    ),
    # --- 5. a code that replaces itself ----------------------------------------------------------------
    Case(
        "replaced-by-itself",
        "J7500.md",
        insert_after("added:", "replaced_by: J7500"),
        "replaced_by:",
        "'replaced_by' names this page's own code, J7500",
    ),
    # --- 6. a review in the future ---------------------------------------------------------------------
    Case(
        "reviewed-in-the-future",
        "J7500.md",
        replace_line("reviewed:", "reviewed: 2999-01-01"),
        "reviewed:",
        "'reviewed' is 2999-01-01, a date in the future",
    ),
    # --- 7. source files outside the content folder ----------------------------------------------------
    Case(
        "source-file-up-and-out",
        "J7500.md",
        replace_line("  file:", "  file: ../../etc/passwd"),
        "  file:",
        "source file '../../etc/passwd' is not in the content folder",
    ),
    Case(
        "source-file-absolute",
        "J7500.md",
        replace_line("  file:", "  file: /etc/passwd"),
        "  file:",
        "source file '/etc/passwd' is not in the content folder",
    ),
    Case(
        "source-file-dot-dot-inside-the-prefix",
        "J7500.md",
        replace_line("  file:", "  file: content/../../../../etc/passwd"),
        "  file:",
        "leads outside the content folder",
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_field_is_reported_with_path_and_line(prebuilt, case: Case) -> None:  # noqa: F811
    assert_reported(prebuilt, case)


def test_control_character_in_an_unknown_field_name_is_not_echoed(prebuilt) -> None:  # noqa: F811
    """The message names the field with the character escaped: nothing reaches the terminal raw."""
    content, out, digest = prebuilt
    target = content / "codes" / "J7500.md"
    target.write_text(insert_after("title:", '"co\\x1b]0;pwned\\x07lour": blue')(target.read_text()))
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert "unknown field 'co\\x1b]0;pwned\\x07lour'" in result.stderr
    assert tree_digest(out) == digest


def test_a_symbolic_link_out_of_the_content_folder_is_refused(prebuilt) -> None:  # noqa: F811
    content, out, digest = prebuilt
    (content / "reference" / "passwd.csv").symlink_to("/etc/passwd")
    target = content / "codes" / "J7500.md"
    text = replace_line("  file:", "  file: content/reference/passwd.csv")(target.read_text())
    target.write_text(text)
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 1
    line = text.split("\n").index("  file: content/reference/passwd.csv") + 1
    assert f"{target}:{line}: source file 'content/reference/passwd.csv' leads outside" in result.stderr
    assert tree_digest(out) == digest


def test_a_copy_of_the_content_folder_builds_anywhere(tmp_path: Path) -> None:
    """'content/' in sources' files names the content folder, whatever it is called and wherever."""
    copy = shutil.copytree(CONTENT, tmp_path / "elsewhere" / "guides")
    result = run_build("--content", copy, "--out", tmp_path / "site", "--no-cache")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "site" / "codes" / "J7507.html").is_file()


# --- 5. cycles of replacement codes, across files -----------------------------------------------------


def replaced(content: Path, chain: dict[str, str]) -> dict[str, str]:
    """Make each code of `chain` a terminated code replaced by the next; return each file's text."""
    texts = {}
    for code, replacement in chain.items():
        path = content / "codes" / f"{code}.md"
        text = insert_after("added:", f"replaced_by: {replacement}")(path.read_text())
        path.write_text(text)
        texts[code] = text
    return texts


@pytest.mark.parametrize(
    "chain",
    [
        pytest.param({"J7500": "J7501", "J7501": "J7500"}, id="two-codes"),
        pytest.param({"J7500": "J7501", "J7501": "J7517", "J7517": "J7500"}, id="three-codes"),
    ],
)
def test_a_cycle_of_replacement_codes_is_refused_on_every_page_in_it(
    prebuilt,  # noqa: F811
    chain: dict[str, str],
) -> None:
    content, out, digest = prebuilt
    texts = replaced(content, chain)
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    codes = list(chain)
    for i, code in enumerate(codes):
        cycle = " → ".join([*codes[i:], *codes[:i], code])
        line = texts[code].split("\n").index(f"replaced_by: {chain[code]}") + 1
        location = f"{content / 'codes' / code}.md:{line}: "
        assert f"{location}'replaced_by' goes round in a circle: {cycle} — " in result.stderr
    assert tree_digest(out) == digest


def test_a_chain_of_replacements_that_ends_is_not_a_cycle(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    replaced(content, {"J7500": "J7501", "J7501": "J7517"})
    with pytest.raises(ContentError) as failure:  # the CMS status differs: these codes are active
        build(BuildOptions(content=content, write=False, cache=None))
    assert not [p for p in failure.value.errors if "circle" in p.message]


# --- 2. a property: any YAML value in any field is a message, never a traceback -----------------------


def test_check_format_json_prints_json_for_a_value_that_used_to_crash(prebuilt) -> None:  # noqa: F811
    content, _out, _digest = prebuilt
    target = content / "codes" / "J7500.md"
    target.write_text(replace_line("category:", "category: [x]")(target.read_text()))
    result = run_build("check", "--content", content, "--format", "json")
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert report["errors"] == 1
    assert "'category' is a list" in report["problems"][0]["message"]


SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**30), 10**30),
    st.floats(),
    st.text(max_size=12),
    st.dates(),
    st.datetimes(),
)
YAML_VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
# The Python types YAML must produce for each kind of field (restated here, so the test can fail).
ACCEPTED = {
    "text": str,
    "url": str,
    "code": str,
    "choice": str,
    "category": str,
    "date": dt.date,
    "number": int | float | str,
    "flag": bool,
    "list": list,
    "record": dict,
}


def field_paths(specs: tuple[FieldSpec, ...], prefix: str = "") -> list[tuple[str, FieldSpec]]:
    """Every field of the schema as a dotted path into a page's front matter ('sources.0.date')."""
    paths = []
    for spec in specs:
        key = f"{prefix}{spec.name}"
        paths.append((key, spec))
        if spec.kind == "record":
            paths += field_paths(spec.fields, f"{key}.")
        elif spec.kind == "list" and spec.item is not None:
            paths.append((f"{key}.0", spec.item))
            paths += field_paths(spec.item.fields, f"{key}.0.")
    return paths


FIELD_PATHS = field_paths(FIELDS)


def is_wrong_type(kind: str, value: object) -> bool:
    fits = isinstance(value, ACCEPTED[kind])
    if (kind == "date" and isinstance(value, dt.datetime)) or (kind == "number" and isinstance(value, bool)):
        fits = False
    return value is not None and not fits


def page_with(path: str, value: object) -> str:
    """J7500's valid page with the front-matter value at `path` replaced (or added)."""
    _, front, body = valid_page("J7500").split("---\n", 2)
    data = yaml.safe_load(front)
    *parents, last = path.split(".")
    target = data
    for part in parents:
        # an optional list the page does not have ('rules') is added with one item to replace
        target = target[int(part)] if isinstance(target, list) else target.setdefault(part, [None])
    if isinstance(target, list):
        target[int(last)] = value
    else:
        target[last] = value
    return f"---\n{yaml.safe_dump(data, allow_unicode=True, sort_keys=False)}---\n{body}"


OTHER_PAGES = [parse_document(valid_page(code), f"content/codes/{code}.md")[0] for code in ("J7501", "J7517")]


@settings(max_examples=300, deadline=None)
@given(field=st.sampled_from(FIELD_PATHS), value=YAML_VALUES)
def test_any_yaml_value_in_any_field_is_a_message_never_an_exception(
    field: tuple[str, FieldSpec], value: object
) -> None:
    path, spec = field
    loaded, problems = parse_document(page_with(path, value), "content/codes/J7500.md")
    if loaded is not None:
        problems += validate_files([loaded, *OTHER_PAGES], CheckContext(REFERENCE, CONTENT), False).problems
    for problem in problems:
        assert problem.line >= 1 and problem.message and problem.fix
        assert not CONTROL_CHARACTER.search(problem.format()), problem
    if is_wrong_type(spec.kind, value):
        errors = [p for p in problems if p.severity == "error" and p.path.endswith("J7500.md")]
        assert any(f"'{path}' " in p.message for p in errors), [p.format() for p in problems]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(field=st.sampled_from(FIELD_PATHS), value=YAML_VALUES)
def test_check_format_json_always_prints_json(
    tmp_path: Path, field: tuple[str, FieldSpec], value: object
) -> None:
    content = tmp_path / "content"
    if not content.exists():
        make_content(tmp_path, valid_trio())
    (content / "codes" / "J7500.md").write_text(page_with(field[0], value), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        status = main(["check", "--content", str(content), "--format", "json"])
    report = json.loads(out.getvalue())
    assert status == (0 if report["ok"] else 1)
    if is_wrong_type(field[1].kind, value):
        assert status == 1 and report["errors"] >= 1


# --- 3, 4, 6: the rules themselves, in process --------------------------------------------------------

AMOUNT = BILLING_UNIT.fields[0]


@pytest.mark.parametrize("value", [1_000_000, "1000000", "0.000001", 0.25, "0.250000000", 50])
def test_amounts_within_the_bounds_are_accepted(value: object) -> None:
    assert value_problem(AMOUNT, value, ()) == ""


@pytest.mark.parametrize(
    "value",
    [1_000_001, "1000000.000001", "0.0000001", 0.0, -1, "+1", "1e3", "1E-3", "NaN", "Infinity", "0x10"],
)
def test_amounts_outside_the_bounds_or_not_plain_are_refused(value: object) -> None:
    assert value_problem(AMOUNT, value, ()) != ""


def test_amount_bounds_are_the_schemas_and_the_fix_quotes_them(prebuilt) -> None:  # noqa: F811
    content, _out, _digest = prebuilt
    target = content / "codes" / "J7500.md"
    target.write_text(replace_line("  amount:", "  amount: 2000000")(target.read_text()))
    result = run_build("check", "--content", content)
    fix = next(line for line in result.stderr.splitlines() if "amount" in line).partition(" — ")[2]
    assert fix.startswith(f"write {BILLING_AMOUNT.describe()}")


def loaded_page(code: str, mutate: Callable[[str], str] = lambda t: t) -> LoadedFile:
    loaded, problems = parse_document(mutate(valid_page(code)), f"content/codes/{code}.md")
    assert loaded is not None and not problems
    return loaded


@pytest.mark.parametrize("written", ["true", '"true"', '"false"', "false", "1", "TRUE"])
def test_draft_is_decided_in_one_place(written: str) -> None:
    """is_draft (which pages are left out) and to_page (what the page says) agree for any value."""
    loaded = loaded_page("J7500", insert_after("reviewed:", f"draft: {written}"))
    assert is_draft(loaded) == to_page(loaded).draft == flag_is_set(loaded.data, "draft")
    assert is_draft(loaded) == (written in ("true", "TRUE"))


def test_today_is_injectable_for_the_future_review_check() -> None:
    loaded = [loaded_page(code) for code in ("J7500", "J7501", "J7517")]
    reviewed = loaded[0].data["reviewed"]

    def future_review_errors(today: dt.date) -> list[str]:
        problems = validate_files(loaded, CheckContext(REFERENCE, CONTENT, today), False).problems
        return [p.message for p in problems if "in the future" in p.message]

    assert future_review_errors(reviewed) == []
    assert len(future_review_errors(reviewed - dt.timedelta(days=1))) == 3
