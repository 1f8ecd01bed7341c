"""`reference-diff NEW.csv`: a newer CMS file's changes, pages first; --apply makes `check` flag them."""

from __future__ import annotations

import json
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
