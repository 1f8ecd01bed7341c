"""The author's loop: `new` → edit → `check` → build, drafts, hints, review age, output formats."""

from __future__ import annotations

import errno
import json
import os
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from codebook.build import BuildOptions, build
from codebook.cli import main
from codebook.newpage import create_page
from codebook.schema import HINT_PREFIX, REQUIRED_SECTIONS

from .helpers import REFERENCE, ROOT, make_content, run_build, soup, tree_digest, valid_trio
from .test_workflow import actionlint

pytestmark = pytest.mark.slow  # a CLI build or check per test


@pytest.fixture
def trio(tmp_path: Path) -> Path:
    """A valid three-page content tree (J7500, J7501, J7517) without a page for J7528."""
    return make_content(tmp_path, valid_trio())


def line_of(path: Path, start: str) -> int:
    lines = path.read_text(encoding="utf-8").split("\n")
    return next(i for i, line in enumerate(lines, 1) if line.startswith(start))


def finish_draft(path: Path, similar: tuple[str, ...]) -> None:
    """What an author does: write every section, list similar codes, remove `draft: true`."""
    text = path.read_text(encoding="utf-8")
    text = re.sub(
        rf"^{HINT_PREFIX} .*$", "Original guidance written by the author for this code.", text, flags=re.M
    )
    entries = "".join(f"\n- code: {c}\n  reason: Differs from J7528 in form and unit." for c in similar)
    text = re.sub(r"^similar: \[\]\n(#.*\n)*", f"similar:{entries}\n", text, flags=re.M)
    path.write_text(text.replace("draft: true\n", ""), encoding="utf-8")


def add_similar(path: Path, code: str) -> None:
    text = path.read_text(encoding="utf-8")
    entry = f"similar:\n- code: {code}\n  reason: Shares a use with it but differs from it.\n"
    path.write_text(text.replace("similar:\n", entry, 1), encoding="utf-8")


def test_new_fills_facts_and_hints_and_marks_a_draft(trio: Path) -> None:
    result = run_build("new", "j7528", "--content", trio)
    assert result.returncode == 0, result.stderr
    page = trio / "codes" / "J7528.md"
    assert f"Created {page}" in result.stdout
    assert "oral-immunosuppressives" in result.stdout  # chosen from the family's oral pages
    text = page.read_text(encoding="utf-8")
    cms = REFERENCE.codes["J7528"]
    assert f"descriptor: {cms.long_descriptor}" in text
    assert f"short_descriptor: {cms.short_descriptor}" in text
    assert "billing_unit:\n  amount: 100\n  unit: mg" in text
    assert "category: oral-immunosuppressives" in text and "draft: true" in text
    for spec in REQUIRED_SECTIONS:
        assert f"## {spec.title}\n\n{HINT_PREFIX} {spec.hint}\n" in text


def test_new_then_edit_then_check_round_trip(trio: Path) -> None:
    assert run_build("new", "J7528", "--content", trio).returncode == 0
    page = trio / "codes" / "J7528.md"

    fresh = run_build("check", "--content", trio)
    assert fresh.returncode == 0, fresh.stderr  # a draft's problems are warnings
    hint_line = line_of(page, HINT_PREFIX)
    assert f"{page}:{hint_line}: warning: section 'Definition' still holds the writing hint" in fresh.stderr
    assert f"{page}:{line_of(page, 'similar:')}: warning: 'similar' lists 0 code(s)" in fresh.stderr
    assert f"draft left out: {page}" in fresh.stdout

    finish_draft(page, ("J7500", "J7517"))
    one_way = run_build("check", "--content", trio)
    assert one_way.returncode == 1
    assert "J7500 does not list J7528 back as similar" in one_way.stderr

    add_similar(trio / "codes" / "J7500.md", "J7528")
    add_similar(trio / "codes" / "J7517.md", "J7528")
    done = run_build("check", "--content", trio)
    assert done.returncode == 0, done.stderr
    assert data_warnings_only(done.stderr) and "4 page(s) checked: no errors" in done.stdout
    out = trio.parent / "_site"
    assert run_build("--content", trio, "--out", out).returncode == 0
    built = soup(out / "codes" / "J7528.html")
    assert built.h1.get_text().startswith("J7528")
    assert all(built.find("section", id=spec.slug) for spec in REQUIRED_SECTIONS)


def run_new(capsys: pytest.CaptureFixture[str], content: Path, *args: str) -> tuple[int, str]:
    """`python build.py new …` in this process (the round trip above runs the real command)."""
    status = main(["new", *args, "--content", str(content)])
    captured = capsys.readouterr()
    return status, captured.out + captured.err


def test_new_refuses_with_a_clear_message(trio: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cases = {
        "J7500": "J7500 already has a page",
        "J7530": "J7530 is not in the CMS HCPCS 2026 Q1 file",
        "KX": "KX is a modifier, not a code",
        "7500": "'7500' is not a HCPCS Level II code",
    }
    for code, message in cases.items():
        status, output = run_new(capsys, trio, code)
        assert status == 2 and message in output, output
    assert "Codes next to it in the file: J7525, J7527, J7528, J7599" in run_new(capsys, trio, "J7530")[1]
    assert sorted(p.name for p in (trio / "codes").iterdir()) == ["J7500.md", "J7501.md", "J7517.md"]


def test_new_asks_for_a_category_it_cannot_choose(trio: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, asked = run_new(capsys, trio, "J9035")
    assert status == 2 and "Which category does J9035 belong to?" in asked
    assert "python build.py new J9035 --category oral-immunosuppressives" in asked
    status, typo = run_new(capsys, trio, "J9035", "--category", "oral-immuno")
    assert status == 2 and "Did you mean 'oral-immunosuppressives'?" in typo
    status, given = run_new(capsys, trio, "J9035", "--category", "injectable-immunosuppressives")
    assert status == 0, given
    assert "route: injection" in (trio / "codes" / "J9035.md").read_text(encoding="utf-8")


def test_new_keeps_its_own_line_breaks_and_escapes_the_authors(
    trio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, asked = run_new(capsys, trio, "J9035")
    lines = asked.splitlines()
    assert status == 2 and "\\n" not in asked, asked
    assert lines[0].startswith("error: Which category does J9035 belong to?")
    assert lines[1] == "Run it again with one of these (from content/categories.yml):"
    status, typo = run_new(capsys, trio, "J9035", "--category", "x\n::error::forged")
    assert status == 2 and typo.splitlines()[0].startswith("error: 'x\\n::error::forged' is not a category")
    assert not any(line.startswith("::") for line in typo.splitlines()), typo


@pytest.mark.parametrize("errno_code", [errno.EACCES, errno.ENOSPC])
def test_new_into_a_folder_it_cannot_write_is_one_line(
    trio: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, errno_code: int
) -> None:
    """Simulated (tests run as root): opening the new file, or writing it, fails."""
    real_open = Path.open

    def failing_open(self: Path, mode: str = "r", *args: object, **kwargs: object) -> object:
        handle = real_open(self, mode, *args, **kwargs)
        if mode == "x" and errno_code == errno.EACCES:
            handle.close()
            self.unlink()
            raise PermissionError(errno_code, os.strerror(errno_code), str(self))
        if mode == "x":
            handle.write = lambda text: (_ for _ in ()).throw(OSError(errno_code, os.strerror(errno_code)))
        return handle

    monkeypatch.setattr(Path, "open", failing_open)
    status, output = run_new(capsys, trio, "J9035", "--category", "injectable-immunosuppressives")
    assert status == 1 and "Traceback" not in output, output
    assert output.startswith(f"error: cannot write {trio / 'codes' / 'J9035.md'} ({os.strerror(errno_code)})")
    assert output.count("\n") == 1
    assert not (trio / "codes" / "J9035.md").exists(), "no half-written page is left behind"


def test_new_chooses_the_category_of_same_route_pages_in_the_family(
    trio: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, output = run_new(capsys, trio, "J7519")  # injection, like J7501
    assert status == 0, output
    assert "category: injectable-immunosuppressives" in (trio / "codes" / "J7519.md").read_text()


def test_new_works_for_a_code_of_every_letter_in_the_catalog(tmp_path: Path) -> None:
    content = make_content(tmp_path, {})
    letters = sorted({code[0] for code in REFERENCE.codes})
    codes = [min(c for c in REFERENCE.codes if c[0] == letter) for letter in letters]
    codes += ["A4216", "J0295", "J7183", "J9035"]  # per 10 ml, per 1.5 gm, 1 i.u., 10 mg
    for code in codes:
        create_page(code, content, "injectable-immunosuppressives", REFERENCE)
    report = build(BuildOptions(content=content, drafts=True, write=False)).report
    assert report.pages == len(codes)
    assert sorted(Path(p).stem for p in report.drafts_shown) == sorted(codes)
    kinds = {re.sub(r"'.*'", "…", w.message) for w in report.warnings}
    assert kinds == {"section … still holds the writing hint", "… lists 0 code(s); a page needs at least 2"}


def test_drafts_are_left_out_unless_asked_for(trio: Path) -> None:
    assert run_build("new", "J7528", "--content", trio).returncode == 0
    out = trio.parent / "_site"
    result = run_build("--content", trio, "--out", out)
    assert result.returncode == 0, result.stderr
    # J7528 has CMS drug data, so its page exists without the draft guide: the data-only page.
    data_only = (out / "codes" / "J7528.html").read_text(encoding="utf-8")
    assert "draft-notice" not in data_only and 'id="definition"' not in data_only
    assert f"draft left out: {trio / 'codes' / 'J7528.md'}" in result.stdout
    assert "J7528" not in (out / "index.html").read_text(encoding="utf-8")

    with_drafts = run_build("--content", trio, "--out", out, "--drafts")
    assert with_drafts.returncode == 0, with_drafts.stderr
    page = soup(out / "codes" / "J7528.html")
    assert "Draft." in page.select_one(".draft-notice").get_text()


def test_a_published_page_with_a_hint_is_refused(trio: Path) -> None:
    out = trio.parent / "_site"
    assert run_build("--content", trio, "--out", out).returncode == 0
    digest = tree_digest(out)
    page = trio / "codes" / "J7500.md"
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace("Original text about clinical context", f"{HINT_PREFIX} write this"))
    result = run_build("--content", trio, "--out", out)
    assert result.returncode == 1
    line = line_of(page, HINT_PREFIX)
    assert f"{page}:{line}: section 'Clinical Context' still holds the writing hint" in result.stderr
    assert tree_digest(out) == digest


def test_a_published_page_may_not_link_to_a_left_out_draft(trio: Path) -> None:
    assert run_build("new", "J7528", "--content", trio).returncode == 0
    add_similar(trio / "codes" / "J7500.md", "J7528")
    result = run_build("check", "--content", trio)
    assert result.returncode == 1
    assert "J7528 is a draft" in result.stderr and "so it is not published" in result.stderr


def test_pages_not_reviewed_for_a_year_are_warned_about(trio: Path) -> None:
    page = trio / "codes" / "J7500.md"
    page.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2000-01-01", page.read_text(), flags=re.M))
    result = run_build("check", "--content", trio)
    assert result.returncode == 0, result.stderr
    expected = f"{page}:{line_of(page, 'reviewed:')}: warning: the page was last reviewed on 2000-01-01"
    assert expected in result.stderr
    assert "over a year ago" in result.stderr and "1 warning(s)" in result.stdout


def broken_trio(content: Path) -> tuple[Path, int, int]:
    """One error (wrong descriptor) and one warning (old review date); returns the page and lines."""
    page = content / "codes" / "J7500.md"
    text = page.read_text(encoding="utf-8")
    text = re.sub(r"^descriptor: .*$", "descriptor: Azathioprine, oral, 100 mg", text, flags=re.M)
    page.write_text(re.sub(r"^reviewed: .*$", "reviewed: 2000-01-01", text, flags=re.M))
    return page, line_of(page, "descriptor:"), line_of(page, "reviewed:")


def test_check_as_json(trio: Path) -> None:
    page, error_line, warning_line = broken_trio(trio)
    result = run_build("check", "--format", "json", "--content", trio)
    assert result.returncode == 1
    assert result.stderr == ""
    document = json.loads(result.stdout)
    assert (document["ok"], document["errors"], document["warnings"]) == (False, 1, 1)
    located = {(p["path"], p["line"], p["severity"]) for p in document["problems"]}
    assert located == {(str(page), error_line, "error"), (str(page), warning_line, "warning")}
    assert all(p["message"] and p["fix"] for p in document["problems"])


def test_check_annotates_pull_requests_under_github_actions(trio: Path) -> None:
    page, error_line, warning_line = broken_trio(trio)
    result = run_build(
        "check", "--content", trio, env={"GITHUB_ACTIONS": "true", "GITHUB_WORKSPACE": str(trio.parent)}
    )
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations[0].startswith(
        f"::error file=content/codes/J7500.md,line={error_line},title=codebook::"
    )
    assert "'descriptor' does not match" in annotations[0]
    assert annotations[1].startswith(f"::warning file=content/codes/J7500.md,line={warning_line},")
    assert f"{page}:{error_line}: 'descriptor' does not match" in result.stderr  # the log keeps the text
    quiet = run_build("check", "--content", trio, env={"GITHUB_ACTIONS": ""})
    assert "::error" not in quiet.stdout


def test_code_pages_show_last_reviewed_and_an_edit_link(trio: Path) -> None:
    out = trio.parent / "_site"
    result = run_build("--content", trio, "--out", out, "--repo-url", "https://github.com/org/codebook")
    assert result.returncode == 0, result.stderr
    page = soup(out / "codes" / "J7500.html")
    assert "Last reviewed" in page.select_one(".page-meta").get_text()
    link = page.select_one("a.edit-link")
    assert link["href"] == "https://github.com/org/codebook/edit/main/content/codes/J7500.md"
    assert set(link["rel"]) >= {"noopener", "noreferrer"}
    assert run_build("--content", trio, "--out", out).returncode == 0
    assert soup.__wrapped__(out / "codes" / "J7500.html").select_one("a.edit-link") is None
    assert run_build("--repo-url", "github.com/org", "--content", trio).returncode == 2


def test_pull_requests_are_checked_with_annotations() -> None:
    """The check workflow is valid and runs the README's `make check` (annotations need no flag)."""
    workflow = ROOT / ".github" / "workflows" / "check.yml"
    result = subprocess.run(
        [actionlint(), "-no-color", str(workflow)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    assert "pull_request" in (data[True] if True in data else data["on"])
    assert any(step.get("run") == "make check" for step in data["jobs"]["check"]["steps"])


def data_warnings_only(stderr: str) -> bool:
    """Nothing on stderr but the one-line count of CMS's drug-file faults."""
    return all("data warning(s): faults in CMS's drug files" in line for line in stderr.splitlines())
