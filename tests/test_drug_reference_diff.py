"""`reference-diff` for next quarter's CMS drug files: what moved, and --apply only when all is well.

The "next quarter" fixtures (tests/fixtures/asp_next/) are edited copies of tests/fixtures/asp/quarters/:
J9035 58.400 → 61.320, J7507 0.197 → 0.190, J7504 left out and J9036 added in the payment limits;
in the crosswalk NDC 00378-2045-01 (J7507) and J0480's row removed, 50242-0061-01 (J9035) added and
68992-3075-03 (J7503) at 4 billable units instead of 3.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
from pathlib import Path

import pytest

from codebook.build import BuildOptions, build
from codebook.cli import main
from codebook.drugs import load_drug_files
from codebook.drugs.diff import compare_drug_files, percent

from .helpers import ROOT, make_content, tree_digest, valid_trio

CURRENT = ROOT / "tests" / "fixtures" / "asp" / "quarters"
NEXT = ROOT / "tests" / "fixtures" / "asp_next"
LIMITS, CROSSWALK = NEXT / "payment-limits-2026-04.csv", NEXT / "ndc-hcpcs-crosswalk-2026-04.csv"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    content = make_content(tmp_path, valid_trio())
    shutil.rmtree(content / "reference" / "asp")
    shutil.copytree(CURRENT, content / "reference" / "asp")
    return content


def run(capsys: pytest.CaptureFixture[str], *args: object) -> tuple[int, str, str]:
    status = main(["reference-diff", *map(str, args)])
    out, err = capsys.readouterr()
    return status, out, err


def test_the_diff_of_two_quarters() -> None:
    diff = compare_drug_files(load_drug_files(CURRENT), load_drug_files(NEXT))
    assert (diff.old_quarter, diff.new_quarter) == ("January 2026", "April 2026")
    assert [(m.code, m.old, m.new, m.percent) for m in diff.moved] == [
        ("J9035", "58.400", "61.320", "+5.00"),  # the largest change first
        ("J7507", "0.197", "0.190", "-3.55"),
    ]
    assert (diff.newly_priced, diff.no_longer_priced) == (("J9036",), ("J7504",))
    assert (diff.codes_added, diff.codes_dropped) == (("J9036",), ("J0480", "J7504"))
    assert [(r.ndc, r.code) for r in diff.ndcs_added] == [("50242-0061-01", "J9035")]
    assert [(r.ndc, r.code) for r in diff.ndcs_removed] == [
        ("00078-0393-84", "J0480"),
        ("00378-2045-01", "J7507"),
    ]
    [units] = diff.ndc_units_changed
    assert (units.new.ndc, units.old.units, units.new.units) == (
        "68992-3075-03",
        "3 per item × 1 = 3 per NDC",
        "4 per item × 1 = 4 per NDC",
    )
    assert compare_drug_files(load_drug_files(CURRENT), load_drug_files(CURRENT)).empty


def test_no_percentage_from_a_limit_cms_did_not_print() -> None:
    a9606 = load_drug_files(CURRENT).drugs["A9606"].current_limit  # "N/A"
    j9035 = load_drug_files(CURRENT).drugs["J9035"].current_limit
    assert a9606.limit is None and percent(a9606, j9035) == "" and percent(j9035, a9606) == ""
    assert percent(j9035, j9035) == "+0.00"


def test_lists_what_moved_and_changes_nothing(content: Path, capsys) -> None:
    before = tree_digest(content)
    status, out, err = run(capsys, LIMITS, CROSSWALK, "--content", content)
    assert status == 0, err
    assert "payment-limit file for April 2026 (new, becomes payment-limits-2026-04.csv)" in out
    assert "NDC-HCPCS crosswalk for April 2026 (new, becomes ndc-hcpcs-crosswalk-2026-04.csv)" in out
    assert "January 2026 → April 2026: 2 moved, 1 newly priced, 1 no longer priced." in out
    assert "  J9035  $58.400 → $61.320  (+5.00 %)\n  J7507  $0.197 → $0.190  (-3.55 %)\n" in out
    assert "Codes added (1; each gets a page, codes/CODE.html): J9036" in out
    assert "Codes dropped (2; their pages will no longer be built): J0480, J7504" in out
    assert "NDCs added (1):\n  50242-0061-01  J9035  Avastin (Genentech Inc.)" in out
    assert "00378-2045-01  J7507  Tacrolimus (Mylan Pharmaceuticals Inc.)" in out
    assert "68992-3075-03  J7503  Envarsus XR (Veloxis): 3 per item × 1 = 3 per NDC → 4 per item" in out
    assert "Nothing was changed." in out and "--apply" in out
    assert tree_digest(content) == before


def test_json_lists_every_change(content: Path, capsys) -> None:
    status, out, _ = run(capsys, CROSSWALK, "--content", content, "--format", "json")
    document = json.loads(out)
    assert status == 0 and document["ok"] and document["applied"] is False
    changes = document["drug_changes"]
    assert changes["moved"] == [] and changes["old_quarter"] == changes["new_quarter"] == "January 2026"
    assert [r["ndc"] for r in changes["ndcs_added"]] == ["50242-0061-01"]
    assert document["new_files"][0]["copy"].endswith("reference/asp/ndc-hcpcs-crosswalk-2026-04.csv")


def test_apply_copies_the_files_as_published_and_the_build_uses_them(content: Path, capsys) -> None:
    status, out, err = run(capsys, LIMITS, CROSSWALK, "--content", content, "--apply")
    assert status == 0, err
    asp = content / "reference" / "asp"
    assert (asp / LIMITS.name).read_bytes() == LIMITS.read_bytes()  # Latin-1, byte for byte
    assert (asp / CROSSWALK.name).read_bytes() == CROSSWALK.read_bytes()
    assert (asp / "payment-limits-2026-01.csv").is_file(), "the older quarters stay: they are the history"
    assert "SOURCES.md" in out
    # the report says what each file did to the folder as it was, not after the copy
    assert "payment-limit file for April 2026 (new, becomes payment-limits-2026-04.csv)" in out
    files = {f.path: f.content for f in build(BuildOptions(content=content, cache=None, write=False)).files}
    j9035 = files["codes/J9035.html"].decode()
    assert "$61.320" in j9035 and "April 2026" in j9035 and "50242-0061-01" in j9035
    assert "codes/J9036.html" in files and "codes/J0480.html" not in files


def test_every_problem_of_every_file_is_listed_and_nothing_is_replaced(content: Path, capsys) -> None:
    before = tree_digest(content)
    bad = NEXT / "bad"
    files = (
        bad / "payment-limits-2026-04.csv",
        bad / "ndc-hcpcs-crosswalk-2026-04.csv",
        bad / "limits-next.csv",
    )
    status, _, err = run(capsys, *files, "--content", content, "--apply")
    assert status == 1
    lines = err.splitlines()
    assert f"{files[0].relative_to(ROOT)}:4: the file was saved as UTF-8" in lines[1]
    assert f"{files[1].relative_to(ROOT)}:6: the header line of this NDC-HCPCS crosswalk" in err
    assert "has no column BILLUNITSPKG" in err
    assert f"{files[2].relative_to(ROOT)}:1: the file does not say which quarter it is for" in err
    assert "download it again from CMS" in lines[1] and "git checkout" not in err  # a new file is not ours
    assert "3 problem(s); " in err and "was not changed" in err
    assert tree_digest(content) == before


def renamed_copy(tmp_path: Path, source: Path, name: str, *edits: tuple[str, str]) -> Path:
    text = source.read_bytes().decode("latin-1")
    for old, new in edits:
        text = text.replace(old, new)
    target = tmp_path / name
    target.write_bytes(text.encode("latin-1"))
    return target


def test_a_file_named_for_another_quarter_than_it_states_is_refused(
    content: Path, capsys, tmp_path: Path
) -> None:
    wrong = renamed_copy(tmp_path, LIMITS, "payment-limits-2026-07.csv")
    status, _, err = run(capsys, wrong, "--content", content, "--apply")
    assert status == 1
    says = "the file name says July 2026, but the file says it is in force from April 2026"
    assert f"payment-limits-2026-07.csv:1: {says}" in err
    assert not (content / "reference" / "asp" / "payment-limits-2026-07.csv").exists()


def test_a_crosswalk_older_than_the_one_in_use_is_refused(content: Path, capsys, tmp_path: Path) -> None:
    older = renamed_copy(
        tmp_path,
        CROSSWALK,
        "ndc-hcpcs-crosswalk-2025-10.csv",
        ("April 1, 2026 through June 30", "October 1, 2025 through December 31"),
    )
    status, _, err = run(capsys, older, "--content", content, "--apply")
    assert status == 1 and "this one would go unused" in err


def test_a_file_without_its_name_takes_the_quarter_it_states(content: Path, capsys, tmp_path: Path) -> None:
    download = renamed_copy(tmp_path, LIMITS, "Apr 2026 ASP Pricing File.csv")
    status, _, err = run(capsys, download, "--content", content, "--apply")
    assert status == 0, err
    assert (content / "reference" / "asp" / "payment-limits-2026-04.csv").read_bytes() == LIMITS.read_bytes()


def test_a_failed_apply_replaces_nothing(content: Path, capsys, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while the second file is written: the first is not in place either."""
    from codebook import refdiff

    before = tree_digest(content / "reference")
    writes = []

    def fsync(descriptor: int) -> None:
        writes.append(descriptor)
        if len(writes) == 2:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(refdiff.os, "fsync", fsync)
    status, _, err = run(capsys, LIMITS, CROSSWALK, "--content", content, "--apply")
    assert status == 1 and err.count("\n") == 1 and "they were not changed" in err, err
    assert tree_digest(content / "reference") == before


def test_the_hcpcs_file_goes_on_its_own(content: Path, capsys) -> None:
    hcpcs = ROOT / "tests" / "fixtures" / "reference_diff" / "new.csv"
    status, _, err = run(capsys, hcpcs, LIMITS, "--content", content)
    assert status == 2 and "give the HCPCS file on its own" in err
