"""Broken content and maintainer files (code fences, misnamed pages, reference tables, categories):
exit 1, every problem as `path:line: what — fix`, no traceback, and the old _site/ untouched.

Each case copies the real content/ (built once) and breaks one file.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from codebook.cms_tables import MODIFIER_TABLE
from codebook.incremental import digest
from codebook.load import parse_document
from codebook.reference_files import read_table
from codebook.render import edit_url_for
from codebook.textfile import display_path

from .helpers import CONTENT, ROOT, run_build, soup, tree_digest
from .test_bad_input import Case, as_dangling_symlink, expected_line, insert_after, replace_line


def edit_line(start: str, old: str, new: str):
    """Replace `old` with `new` in the first line starting with `start`."""

    def mutate(text: str) -> str:
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index] = lines[index].replace(old, new, 1)
        return "\n".join(lines)

    return mutate


def drop_line(start: str):
    def mutate(text: str) -> str:
        return "\n".join(line for line in text.split("\n") if not line.startswith(start))

    return mutate


FULL = "reference/hcpcs_level2_full.csv"
FAMILY = "reference/hcpcs_j75xx.csv"
MODIFIERS = "reference/modifiers.csv"
CASES = [
    Case(
        "unclosed-code-fence",
        "codes/J7507.md",
        insert_after("## Clinical Context", "```text"),
        "```text",
        "code block opened here with '```' is never closed",
    ),
    Case(
        "fence-closed-only-by-info-string",  # ```bash opens nothing and closes nothing (CommonMark)
        "codes/J7507.md",
        insert_after("## Clinical Context", "~~~\ncode\n~~~bash"),
        "~~~",
        "code block opened here with '~~~' is never closed",
    ),
    Case(
        "categories-bad-yaml",
        "categories.yml",
        replace_line("- slug: oral-immunosuppressives", "- slug: [oral-immunosuppressives"),
        "- slug: [oral",
        "the file is not valid YAML",
    ),
    Case(
        "categories-wrong-type",
        "categories.yml",
        replace_line("  title: Oral immunosuppressive drugs", "  title: [1, 2]"),
        "  title: [1, 2]",
        "0.title is '[1, 2]', not a valid text",
    ),
    Case(
        "categories-bad-slug",
        "categories.yml",
        replace_line("- slug: oral-immunosuppressives", "- slug: Oral Immunosuppressives"),
        "- slug: Oral",
        "not a valid slug",
    ),
    Case(
        "categories-unknown-key",
        "categories.yml",
        insert_after("- slug: oral-immunosuppressives", "  colour: blue"),
        "  colour: blue",
        "unknown key 'colour' in 0",
    ),
    Case(
        "categories-missing-title",
        "categories.yml",
        drop_line("  title: Oral immunosuppressive drugs"),
        "- slug: oral-immunosuppressives",
        "'title' is missing from 0",
    ),
    Case(
        "edition-date-soon", "reference/edition.yml", replace_line("date:", "date: soon"), "date:", "'soon'"
    ),
    Case(
        "edition-impossible-date",
        "reference/edition.yml",
        replace_line("effective:", "effective: 2026-02-30"),
        "effective:",
        "'2026-02-30' is not a real date",
    ),
    Case(
        "edition-missing-key",
        "reference/edition.yml",
        drop_line("url:"),
        "name:",
        "'url' is missing from the file",
    ),
    Case(
        "edition-not-a-mapping",
        "reference/edition.yml",
        lambda t: "- just a list\n",
        "- just",
        "the file must be a set of 'key: value' lines",
    ),
    Case(
        "modifiers-missing-column",
        MODIFIERS,
        lambda t: t.replace(",status,", ",state,", 1),
        "",
        "the header line has no column status",
    ),
    Case("modifiers-short-row", MODIFIERS, replace_line("JZ,", "JZ,HCPCS Level II"), "JZ,", "has 2 values"),
    Case("modifiers-bad-code", MODIFIERS, edit_line("JZ,", "JZ", "J@"), "J@,", "'J@' is not a valid code"),
    Case(
        "layout-bad-yaml",
        "reference/record_layout.yml",
        replace_line("  - key: xref", "  - key: [xref"),
        "  - key: [xref",
        "the file is not valid YAML",
    ),
    Case(
        "layout-unknown-key",
        "reference/record_layout.yml",
        insert_after("  - key: xref", "    colour: red"),
        "    colour: red",
        "unknown key 'colour' in fields.1",
    ),
    Case(
        "layout-values-not-a-list",
        "reference/record_layout.yml",
        insert_after("  - key: xref", "    values: none"),
        "    values: none",
        "fields.1.values must be a list",
    ),
    Case(
        "brands-bad-code",
        "reference/brand_names.csv",
        edit_line("J7500,", "J7500", "J75O0"),
        "J75O0,",
        "'J75O0' is not a valid code",
    ),
    Case(
        "brands-missing-column",
        "reference/brand_names.csv",
        lambda t: t.replace("code,brand,", "code,brnad,", 1),
        "",
        "no column brand",
    ),
    Case(
        "full-bad-code", FULL, edit_line("J7500,", "J7500", "J75O0"), "J75O0,", "'J75O0' is not a valid code"
    ),
    Case("full-short-row", FULL, replace_line("J7501,", "J7501,procedure"), "J7501,", "has 2 values"),
    Case(
        "full-bad-date",
        FULL,
        edit_line("J7502,", ",2000-01-01,", ",2000-13-01,"),
        "J7502,",
        "add_date '2000-13-01' is not a date",
    ),
    Case(
        "full-missing-column",
        FULL,
        lambda t: t.replace(",action_code\n", "\n", 1),
        "",
        "the header line has no column action_code",
    ),
    Case(
        "full-not-utf8",
        FULL,
        edit_line("J7500,", "Azathioprine", "Azathiopr\udce9ne"),
        "J7500,",
        "not UTF-8 text (byte 0xe9",
    ),
    Case(
        "full-truncated-in-a-quote",
        FULL,
        lambda t: t[: t.index("J7500,") + len('J7500,procedure,"Azathio')],
        "J7500,",
        "not valid CSV (unexpected end of data)",
    ),
    Case("full-unreadable", FULL, lambda t: t, "", "cannot be followed", as_dangling_symlink),
    Case(
        "family-bad-code",
        FAMILY,
        edit_line("J7501,", "J7501", "J75O1"),
        "J75O1,",
        "'J75O1' is not a valid code",
    ),
    Case(
        "family-bad-date",
        FAMILY,
        edit_line("J7501,", ",1988-01-01,", ",01/01/1988,"),
        "J7501,",
        "added_date '01/01/1988' is not a date",
    ),
    Case("family-empty", FAMILY, lambda t: "", "", "the file is empty"),
]


@pytest.fixture(scope="session")
def built_real(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, str]:
    """A copy of the real content/, built once per run, and its site's digest."""
    folder = tmp_path_factory.mktemp("real")
    content = shutil.copytree(CONTENT, folder / "content")
    out = folder / "_site"
    result = run_build("--no-cache", "--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    return content, out, tree_digest(out)


@pytest.fixture
def real_copy(tmp_path: Path, built_real: tuple[Path, Path, str]) -> tuple[Path, Path, str]:
    """A fresh copy of the built real site (same bytes, so the same digest), one per case."""
    content = shutil.copytree(built_real[0], tmp_path / "content")
    out = shutil.copytree(built_real[1], tmp_path / "_site")
    return content, out, built_real[2]


def build_fails(content: Path, out: Path, digest: str, *command: str) -> str:
    """Run the build; assert it failed cleanly and left _site/ as it was; return stderr."""
    result = run_build(*command, "--no-cache", "--content", content, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert tree_digest(out) == digest
    return result.stderr


def reported(stderr: str, location: str, message: str) -> bool:
    return any(
        line.startswith(location) and message in line and " — " in line for line in stderr.splitlines()
    )


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_file_is_reported_with_path_and_line(real_copy, case: Case) -> None:
    content, out, digest = real_copy
    target = content / case.file
    text = case.mutate(target.read_text(encoding="utf-8"))
    case.place(target, text)
    stderr = build_fails(content, out, digest)
    location = f"{target}:{expected_line(text, case.marker)}: "
    assert reported(stderr, location, case.message), f"expected {location}…{case.message} in:\n{stderr}"


def test_unclosed_fence_is_one_error_not_six_missing_sections(real_copy) -> None:
    content, out, digest = real_copy
    target = content / "codes" / "J7507.md"
    target.write_text(insert_after("## Clinical Context", "```")(target.read_text(encoding="utf-8")))
    stderr = build_fails(content, out, digest)
    assert [line for line in stderr.splitlines() if line.startswith(str(target))] == [
        f"{target}:{expected_line(target.read_text(), '```')}: the code block opened here with '```' "
        "is never closed, so the rest of the file is code — add a line ``` where the code block ends"
    ]
    assert "required section" not in stderr


def test_a_closed_fence_still_hides_its_headings() -> None:
    text = "---\ntitle: x\n---\n## Definition\n\n```\n## Not a section\n```\n\n## Clinical Context\n"
    loaded, problems = parse_document(text, "x.md")
    assert problems == [] and [s.title for s in loaded.sections] == ["Definition", "Clinical Context"]


@pytest.mark.parametrize(
    "name", ["J7507.MD", "J7507.Markdown", "J7507.markdown", "J7507.txt", "J7507.md.txt"]
)
def test_content_file_not_named_md_is_reported(real_copy, name: str) -> None:
    content, out, digest = real_copy
    target = content / "codes" / name
    (content / "codes" / "J7507.md").rename(target)
    stderr = build_fails(content, out, digest)
    suffix = target.suffix
    expected = (
        f"{target}:1: not read: content files end in .md, this one in '{suffix}' — rename it to J7507.md"
    )
    assert expected in stderr.splitlines(), stderr


def test_every_broken_maintainer_file_is_reported_in_one_run(real_copy) -> None:
    content, out, digest = real_copy
    for name, mutate in (
        ("reference/edition.yml", replace_line("date:", "date: soon")),
        (MODIFIERS, edit_line("JZ,", "JZ", "J@")),
        ("categories.yml", insert_after("- slug: oral-immunosuppressives", "  colour: blue")),
        (FULL, edit_line("J7500,", "J7500", "J75O0")),
    ):
        path = content / name
        path.write_text(mutate(path.read_text(encoding="utf-8")), encoding="utf-8")
    stderr = build_fails(content, out, digest)
    for name in ("edition.yml", "modifiers.csv", "categories.yml", "hcpcs_level2_full.csv"):
        assert re.search(rf"^\S*{re.escape(name)}:\d+: .+ — ", stderr, re.M), stderr
    assert "4 error(s) in 4 file(s)" in stderr


@pytest.mark.parametrize("command", [("check",), ("new", "J7517"), ("reference-diff", str(CONTENT / FULL))])
def test_other_commands_report_a_broken_reference_file_cleanly(real_copy, command: tuple[str, ...]) -> None:
    content, _out, _digest = real_copy
    edition = content / "reference" / "edition.yml"
    edition.write_text(replace_line("date:", "date: soon")(edition.read_text(encoding="utf-8")))
    result = run_build(*command, "--content", content)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    line = expected_line(edition.read_text(), "date:")
    expected = f"{edition}:{line}: date is 'soon', not a valid date — write it as YYYY-MM-DD, e.g. 2026-01-12"
    assert expected in result.stderr.splitlines(), result.stderr


def test_edit_url_encodes_each_path_segment() -> None:
    url = edit_url_for("https://github.com/org/code book/edit/main/", "content/codes/a b#1?\"'/é.md")
    assert url == "https://github.com/org/code%20book/edit/main/content/codes/a%20b%231%3F%22%27/%C3%A9.md"
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.query, parts.fragment) == ("https", "github.com", "", "")
    assert edit_url_for("https://x.org/r/edit/main/", "content/codes/J7500.md").endswith("/codes/J7500.md")


def test_edit_link_of_a_page_in_an_oddly_named_folder(real_copy, tmp_path: Path) -> None:
    content, _out, _digest = real_copy
    folder = content / "codes" / 'oral #1? "x"'
    folder.mkdir()
    (content / "codes" / "J7507.md").rename(folder / "J7507.md")
    out = tmp_path / "edited"
    result = run_build(
        "--no-cache", "--content", content, "--out", out, "--repo-url", "https://github.com/o/r"
    )
    assert result.returncode == 0, result.stderr
    href = soup(out / "codes" / "J7507.html").select_one("a.edit-link")["href"]
    assert href == "https://github.com/o/r/edit/main/content/codes/oral%20%231%3F%20%22x%22/J7507.md"
    assert not urlsplit(href).query and not urlsplit(href).fragment


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_file_name_that_is_not_utf8_is_a_message_with_the_cache_on(real_copy, fmt: str) -> None:
    """Keys made from paths must take any name the file system gives (here byte 0xe9)."""
    content, _, _ = real_copy
    codes = bytes(content / "codes")
    os.rename(codes + b"/J7507.md", codes + b"/J75\xe907.md")
    result = run_build("check", "--content", content, "--format", fmt)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    if fmt == "json":
        paths = [problem["path"] for problem in json.loads(result.stdout)["problems"]]
        assert any("J75" in path and path.endswith("07.md") and "J7507" not in path for path in paths), paths
    else:
        assert "J75\\udce907.md:2: code J7507 does not match the file name" in result.stderr


def test_cache_keys_take_lone_surrogates_and_keep_them_apart() -> None:
    assert digest("J75\udce907.md") != digest("J75\udce807.md") != digest("J75\ud80007.md")


SETPRIV = shutil.which("setpriv")


@pytest.fixture
def world_readable_copy() -> Iterator[Path]:
    """A copy of content/ that another user can read (pytest's own temporary folders are root's only)."""
    folder = Path(tempfile.mkdtemp(dir="/tmp", prefix="codebook-nobody-"))
    try:
        folder.chmod(0o755)
        content = shutil.copytree(CONTENT, folder / "content")
        for path in [content, *content.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        yield content
    finally:
        (folder / "content" / "reference").chmod(0o755)
        shutil.rmtree(folder)


@pytest.mark.skipif(not SETPRIV or os.geteuid() != 0, reason="needs setpriv, run as root, to switch user")
def test_an_unreadable_reference_folder_is_a_message_per_file(world_readable_copy: Path) -> None:
    """chmod 000 on the folder: even asking whether an entry is a link fails there."""
    (world_readable_copy / "reference").chmod(0)
    nobody = [SETPRIV, "--reuid=65534", "--regid=65534", "--clear-groups"]
    command = [*nobody, sys.executable, str(ROOT / "build.py"), "check", "--no-cache", "--content"]
    result = subprocess.run(
        [*command, str(world_readable_copy)], cwd="/tmp", capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "reference/hcpcs_level2_full.csv:1: cannot read the file (Permission denied) — " in result.stderr


def test_a_broken_reference_file_says_how_to_restore_it_from_git_or_cms(tmp_path: Path) -> None:
    """Not from a folder outside the repository, which means nothing to a user."""
    broken = tmp_path / "modifiers.csv"
    broken.write_text("nothing,here\nx,y\n", encoding="utf-8")
    _, problems = read_table(broken, MODIFIER_TABLE)
    fix = problems[0].fix
    assert f"git checkout -- {display_path(broken)}" in fix and "content/reference/SOURCES.md" in fix, fix
    assert "shared" not in fix
