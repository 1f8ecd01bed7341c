"""`reference-diff NEW.csv`: a newer CMS file's changes, pages first; --apply makes `check` flag them."""

from __future__ import annotations

import csv
import errno
import io
import json
import os
import shutil
from pathlib import Path

import pytest

from .helpers import ROOT, make_content, run_build, tree_digest, valid_trio

pytestmark = pytest.mark.slow  # a CLI run and a build per test

FIXTURES = ROOT / "tests" / "fixtures" / "reference_diff"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """The trio of pages, checked against old.csv (nine rows of the real CMS file)."""
    content = make_content(tmp_path, valid_trio())
    shutil.copy(FIXTURES / "old.csv", content / "reference" / "hcpcs_level2_full.csv")
    assert run_build("check", "--content", content).returncode == 0
    return content


def test_lists_changes_pages_first_and_changes_nothing(content: Path) -> None:
    before = tree_digest(content)
    result = run_build("reference-diff", FIXTURES / "new.csv", "--content", content)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    pages = out[out.index("Pages to update (2):") : out.index("Added in families")]
    assert f"{content / 'codes' / 'J7501.md'}: J7501 terminated" in pages
    assert "terminated: none → '2026-03-31'" in pages
    assert f"{content / 'codes' / 'J7517.md'}: J7517 changed" in pages
    assert (
        "long descriptor: 'Mycophenolate mofetil, oral, 250 mg' → 'Mycophenolate mofetil, oral, 200 mg'"
        in pages
    )
    assert "billing unit: '250 mg' → '200 mg'" in pages
    assert "J7529  Mycophenolate mofetil, delayed release, oral, 100 mg" in out
    assert "Removed codes without pages (1): J9035" in out
    assert "Changed codes without pages (1): A4216" in out
    assert "J7500" not in out and "J7518" not in out  # unchanged codes are not listed
    assert "Nothing was changed" in out
    assert tree_digest(content) == before


def test_json_lists_every_change(content: Path) -> None:
    result = run_build("reference-diff", FIXTURES / "new.csv", "--content", content, "--format", "json")
    assert result.returncode == 0, result.stderr
    changes = {c["code"]: c for c in json.loads(result.stdout)["changes"]}
    assert {code: c["kind"] for code, c in changes.items()} == {
        "A4216": "changed",
        "J7501": "terminated",
        "J7517": "changed",
        "J7529": "added",
        "J9035": "removed",
    }
    facts = {f["fact"]: (f["old"], f["new"]) for f in changes["J7517"]["facts"]}
    assert facts["billing unit"] == ("250 mg", "200 mg")
    assert changes["J7517"]["page"].endswith("J7517.md") and changes["J7529"]["page"] == ""


def test_apply_updates_the_reference_and_check_flags_each_changed_fact(content: Path) -> None:
    result = run_build("reference-diff", FIXTURES / "new.csv", "--content", content, "--apply")
    assert result.returncode == 0, result.stderr
    reference = content / "reference" / "hcpcs_level2_full.csv"
    assert reference.read_bytes() == (FIXTURES / "new.csv").read_bytes()
    assert "Now run: python build.py check" in result.stdout

    check = run_build("check", "--content", content)
    assert check.returncode == 1
    j7517, j7501 = content / "codes" / "J7517.md", content / "codes" / "J7501.md"
    for path, key, message in (
        (j7517, "descriptor:", "'descriptor' does not match"),
        (j7517, "  amount:", "billing unit 250 mg does not match the descriptor's 200 mg"),
        (j7517, "effective:", "'effective' does not match"),
        (j7501, "status:", "'status' does not match"),
    ):
        line = next(i for i, text in enumerate(path.read_text().split("\n"), 1) if text.startswith(key))
        assert f"{path}:{line}: {message}" in check.stderr, check.stderr
    assert "J7500.md" not in check.stderr


def test_refuses_a_file_that_is_not_a_cms_table(content: Path) -> None:
    missing = run_build("reference-diff", content / "nope.csv", "--content", content)
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    other = run_build("reference-diff", content / "reference" / "modifiers.csv", "--content", content)
    assert other.returncode == 2 and "does not have the columns" in other.stderr


# NEW.csv is checked whole before anything is compared or replaced (issue 15, part C). Each case
# once went into content/reference/ and every later build stopped with a traceback.

NEW_LINES = (FIXTURES / "new.csv").read_text(encoding="utf-8").splitlines(keepends=True)


def variant(folder: Path, lines: list[str], name: str = "NEW.csv") -> Path:
    """new.csv with some lines changed, written beside the content folder."""
    path = folder / name
    path.write_text("".join(lines), encoding="utf-8")
    return path


def line_of(code: str) -> int:
    return next(i for i, text in enumerate(NEW_LINES, 1) if text.startswith(f"{code},"))


def with_row(code: str, row: str) -> list[str]:
    return [row if text.startswith(f"{code},") else text for text in NEW_LINES]


def refused(content: Path, new_file: Path, *options: str, status: int = 1) -> str:
    """Runs `--apply`, asserts it was refused and changed nothing; returns stderr."""
    reference = content / "reference" / "hcpcs_level2_full.csv"
    before = tree_digest(content / "reference")
    result = run_build("reference-diff", new_file, "--content", content, "--apply", *options)
    assert result.returncode == status, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(content / "reference") == before
    assert f"{reference} was not changed" in result.stderr or status == 2
    assert run_build("check", "--content", content).returncode == 0
    return result.stderr


def test_refuses_a_truncated_row_a_bad_code_a_bad_date_and_a_duplicate_all_at_once(
    content: Path, tmp_path: Path
) -> None:
    j7599 = NEW_LINES[line_of("J7599") - 1]
    lines = with_row("J7599", j7599[: j7599.index(",51,")] + "\n")  # cut short after 4 fields
    lines = [text.replace("J7529,", "J75O0,") for text in lines]
    lines = [text.replace(",2026-03-31,", ",2026-02-30,") for text in lines]
    lines.append(NEW_LINES[line_of("J7500") - 1])
    new_file = variant(tmp_path, lines)
    stderr = refused(content, new_file)
    assert f"{new_file}:{line_of('J7599')}: this row has 4 values but the header has 32 columns" in stderr
    assert f"{new_file}:{line_of('J7529')}: 'J75O0' is not a valid code" in stderr
    assert f"{new_file}:{line_of('J7501')}: termination_date '2026-02-30' is not a date" in stderr
    assert f"{new_file}:{len(lines)}: code J7500 is listed again (first on line {line_of('J7500')})" in stderr
    assert "4 problem(s)" in stderr


def test_refuses_a_file_with_the_columns_and_no_codes(content: Path, tmp_path: Path) -> None:
    stderr = refused(content, variant(tmp_path, NEW_LINES[:1]))
    assert f"{tmp_path / 'NEW.csv'}:1: the file has the columns but no codes" in stderr


def test_problems_are_listed_in_json_too(content: Path, tmp_path: Path) -> None:
    new_file = variant(tmp_path, with_row("J7529", NEW_LINES[line_of("J7529") - 1].replace("J7529", "J75O0")))
    result = run_build("reference-diff", new_file, "--content", content, "--format", "json")
    document = json.loads(result.stdout)
    assert result.returncode == 1 and document["applied"] is False
    assert [(p["path"], p["line"]) for p in document["problems"]] == [(str(new_file), line_of("J7529"))]


def test_refuses_a_file_with_far_fewer_codes_unless_forced(content: Path, tmp_path: Path) -> None:
    short = [text for text in NEW_LINES if not text.startswith(("J7518,", "J7599,"))]
    new_file = variant(tmp_path, short)
    stderr = refused(content, new_file)
    assert (
        f"{new_file}:1: the file lists 5 codes, {content / 'reference' / 'hcpcs_level2_full.csv'} 7" in stderr
    )
    assert "--force" in stderr
    forced = run_build("reference-diff", new_file, "--content", content, "--apply", "--force")
    assert forced.returncode == 0, forced.stderr
    assert (content / "reference" / "hcpcs_level2_full.csv").read_bytes() == new_file.read_bytes()


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing", "does not exist"),
        ("folder", "this is not a regular file"),
        ("empty", "the file is empty"),
        ("binary", "the file contains NUL bytes"),
        ("latin-1", "the file is not UTF-8 text (byte 0xe9)"),
        ("oversized", "over the 52,428,800-byte limit"),
    ],
)
def test_refuses_a_file_it_cannot_read_in_one_line(
    content: Path, tmp_path: Path, case: str, message: str
) -> None:
    new_file = tmp_path / "NEW.csv"
    if case == "folder":
        new_file.mkdir()
    elif case == "empty":
        new_file.write_bytes(b"")
    elif case == "binary":
        new_file.write_bytes(b"".join(line.encode() for line in NEW_LINES[:3]) + b"\x00\x01\x02")
    elif case == "latin-1":
        new_file.write_bytes("".join(NEW_LINES).replace("oral, 50 mg", "oral, 50 mg café").encode("latin-1"))
    elif case == "oversized":
        with new_file.open("wb") as handle:
            handle.truncate(50 * 1024 * 1024 + 1)  # sparse: no disk is used
    stderr = refused(content, new_file, status=2)
    assert message in stderr
    assert len([line for line in stderr.splitlines() if line.startswith(str(new_file))]) == 1


def test_a_byte_order_mark_is_dropped_and_the_checked_text_applied(content: Path, tmp_path: Path) -> None:
    new_file = tmp_path / "NEW.csv"
    new_file.write_bytes(b"\xef\xbb\xbf" + (FIXTURES / "new.csv").read_bytes())
    result = run_build("reference-diff", new_file, "--content", content, "--apply")
    assert result.returncode == 0, result.stderr
    assert (content / "reference" / "hcpcs_level2_full.csv").read_bytes() == (
        FIXTURES / "new.csv"
    ).read_bytes()


def test_apply_replaces_atomically_and_keeps_the_file_mode(content: Path, monkeypatch) -> None:
    from codebook import refdiff

    reference = content / "reference" / "hcpcs_level2_full.csv"
    reference.chmod(0o664)
    before = reference.read_bytes()

    def crash(*args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(refdiff.os, "replace", crash)
    with pytest.raises(OSError):
        refdiff.replace_file(b"half", reference)
    assert reference.read_bytes() == before
    assert sorted(p.name for p in reference.parent.iterdir()) == sorted(
        p.name for p in (ROOT / "content" / "reference").iterdir()
    )
    monkeypatch.undo()
    refdiff.replace_file(b"whole", reference)
    assert reference.read_bytes() == b"whole" and reference.stat().st_mode & 0o777 == 0o664


@pytest.mark.parametrize(("where", "code"), [("write", errno.ENOSPC), ("mkstemp", errno.EACCES)])
def test_a_failed_apply_is_one_line_and_keeps_the_reference(
    content: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], where: str, code: int
) -> None:
    """Simulated full disk (the write fails) and read-only folder (the temporary file is refused)."""
    from codebook import refdiff
    from codebook.cli import main

    reference = content / "reference" / "hcpcs_level2_full.csv"
    before = tree_digest(content / "reference")

    def fail(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code), str(reference.parent / ".partial"))

    if where == "write":
        monkeypatch.setattr(refdiff.os, "fsync", fail)
    else:
        monkeypatch.setattr(refdiff.tempfile, "mkstemp", fail)
    status = main(["reference-diff", str(FIXTURES / "new.csv"), "--content", str(content), "--apply"])
    err = capsys.readouterr().err
    assert status == 1 and err.count("\n") == 1, err
    assert err.startswith(f"error: could not replace {reference}: {os.strerror(code)}"), err
    assert "was not changed" in err
    assert tree_digest(content / "reference") == before, "the reference copy is intact, no temporary file"


def with_value(code: str, column: str, value: str) -> list[str]:
    """new.csv with one cell of one row changed (the row written back as CSV)."""
    header = next(csv.reader(NEW_LINES[:1]))
    row = next(csv.reader([NEW_LINES[line_of(code) - 1]]))
    row[header.index(column)] = value
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(row)
    return with_row(code, buffer.getvalue())


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("long_description", "Syringe\x1b[2J\u202eevil", "holds the control character U+001B"),
        ("short_description", "Tacro\u2066limus", "holds the control character U+2066"),
        ("mcm1", "a\nb", "holds the control character U+000A"),
        (
            "price1",
            "1e1000000",
            "price1 '1e1000000' is not a value content/reference/record_layout.yml lists",
        ),
        ("action_code", "Z", "action_code 'Z' is not a value"),
        ("tos", "1 ZZ", "tos '1 ZZ' is not a value"),
        ("opps_dt", "2020-13-45", "opps_dt '2020-13-45' is not a date"),
        ("asc_dt", "20200101", "asc_dt '20200101' is not a date"),
    ],
)
def test_apply_checks_every_column_against_what_it_may_hold(
    content: Path, tmp_path: Path, column: str, value: str, says: str
) -> None:
    stderr = refused(content, variant(tmp_path, with_value("J7501", column, value)))
    assert f"NEW.csv:{line_of('J7501')}: {column}" in stderr and says in stderr, stderr


def test_the_build_checks_its_own_copy_with_the_same_rules(content: Path) -> None:
    reference = content / "reference" / "hcpcs_level2_full.csv"
    reference.write_text("".join(with_value("J7501", "action_code", "Z")), encoding="utf-8")
    result = run_build("check", "--content", content)
    assert result.returncode == 1 and f"{reference}:{line_of('J7501')}: action_code 'Z'" in result.stderr


def test_the_real_cms_file_passes_every_column_check(tmp_path: Path) -> None:
    """Measured: the January 2026 file (9,006 rows) has no value the record layout does not list."""
    content = make_content(tmp_path, valid_trio())
    result = run_build(
        "reference-diff", ROOT / "content" / "reference" / "hcpcs_level2_full.csv", "--content", content
    )
    assert result.returncode == 0 and "problem" not in result.stderr, result.stderr


def test_quoted_cms_values_cannot_start_a_line_of_their_own() -> None:
    """Both CMS files are now refused with such characters (row_problems); the listing escapes
    quoted values anyway, since its output stream keeps line breaks."""
    from codebook.refdiff import CodeChange, FactChange, change_lines

    forged = "Tacro\x1b[2J\n::error file=x::forged"
    changes = [
        CodeChange("J7517", "changed", forged, (FactChange("long descriptor", forged, "ok"),), "J7517.md"),
        CodeChange("J7529", "added", forged),
    ]
    out = "\n".join(change_lines(changes, {"J7517": "J7517.md"}))
    assert "long descriptor: 'Tacro\\x1b[2J\\n::error file=x::forged' → 'ok'" in out, out
    assert "J7529  Tacro\\x1b[2J\\n::error file=x::forged" in out, out
    assert not any(line.lstrip().startswith("::") for line in out.splitlines()), out
