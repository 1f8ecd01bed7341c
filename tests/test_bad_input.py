"""Bad content: exit 1, every problem as `path:line: what — fix`, and the old _site/ untouched."""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from .helpers import make_content, run_build, tree_digest, valid_page, valid_trio

pytestmark = pytest.mark.slow  # one CLI build per case (~3 min in all)


def write_utf8(target: Path, text: str) -> None:
    """Lone surrogates stand for raw bytes, so a case can write bytes that are not UTF-8."""
    target.write_bytes(text.encode("utf-8", errors="surrogateescape"))


def write_utf16(target: Path, text: str) -> None:
    target.write_bytes(text.encode("utf-16"))


def as_folder(target: Path, text: str) -> None:
    target.unlink()
    target.mkdir()
    (target / "notes.txt").write_text(text, encoding="utf-8")


def as_symlink_loop(target: Path, text: str) -> None:
    target.unlink()
    target.symlink_to(target.name)


def as_dangling_symlink(target: Path, text: str) -> None:
    target.unlink()
    target.symlink_to("J7500-moved.md")


def as_named_pipe(target: Path, text: str) -> None:
    """Reading a pipe blocks forever: the build must refuse it without opening it."""
    target.unlink()
    os.mkfifo(target)


@dataclass(frozen=True)
class Case:
    name: str
    file: str
    mutate: Callable[[str], str]
    marker: str  # a line of the mutated file the message must point at ("" = line 1)
    message: str  # a fragment of the expected message
    place: Callable[[Path, str], None] = write_utf8  # how the mutated text lands on disk


def replace_line(start: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines[index] = new
        return "\n".join(lines)

    return mutate


def insert_after(start: str, new: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        lines = text.split("\n")
        index = next(i for i, line in enumerate(lines) if line.startswith(start))
        lines.insert(index + 1, new)
        return "\n".join(lines)

    return mutate


def drop_section(title: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        return re.sub(rf"## {title}\n\n[^\n]*\n\n?", "", text)

    return mutate


def swap_sections(first: str, second: str) -> Callable[[str], str]:
    def mutate(text: str) -> str:
        a = re.search(rf"## {first}\n\n[^\n]*\n", text).group(0)
        b = re.search(rf"## {second}\n\n[^\n]*\n", text).group(0)
        return text.replace(a, "\0").replace(b, a).replace("\0", b)

    return mutate


CASES = [
    Case(
        "malformed-yaml",
        "J7500.md",
        replace_line("title:", "title: [unclosed"),
        "title: [unclosed",
        "not valid YAML",
    ),
    Case(
        "no-front-matter",
        "J7500.md",
        lambda t: t.split("---\n", 2)[2],
        "",
        "does not start with front matter",
    ),
    Case(
        "unclosed-front-matter",
        "J7500.md",
        lambda t: t.replace("\n---\n", "\n", 1).replace("---\n", "---\n", 1),
        "",
        "never closed",
    ),
    Case(
        "missing-section",
        "J7500.md",
        drop_section("Common Denial Reasons"),
        "## Similar Codes",
        "required section 'Common Denial Reasons' is missing",
    ),
    Case(
        "sections-out-of-order",
        "J7500.md",
        swap_sections("Clinical Context", "Common Modifiers"),
        "## Clinical Context",
        "comes after",
    ),
    Case(
        "unknown-section",
        "J7500.md",
        lambda t: t.replace("## Clinical Context", "## Clinical Contxt"),
        "## Clinical Contxt",
        "unknown section 'Clinical Contxt'",
    ),
    Case(
        "unknown-field",
        "J7500.md",
        insert_after("title:", "colour: blue"),
        "colour: blue",
        "unknown field 'colour'",
    ),
    Case(
        "missing-field",
        "J7500.md",
        replace_line("route:", "# no route"),
        "",
        "required field 'route' is missing",
    ),
    Case(
        "wrong-type",
        "J7500.md",
        replace_line("reviewed:", "reviewed: last week"),
        "reviewed: last week",
        "not a date",
    ),
    Case(
        "code-not-file-name",
        "J7500.md",
        replace_line("code:", "code: J7502"),
        "code: J7502",
        "does not match the file name",
    ),
    Case(
        "malformed-code",
        "J7500.md",
        replace_line("code:", "code: J75O0"),
        "code: J75O0",
        "not a HCPCS code",
    ),
    Case(
        "similar-without-page",
        "J7500.md",
        replace_line("- code: J7517", "- code: J7599"),
        "- code: J7599",
        "similar code J7599 has no page",
    ),
    Case(
        "bad-unit",
        "J7500.md",
        replace_line("  unit:", "  unit: spoonful"),
        "  unit: spoonful",
        "allowed: mg",
    ),
    Case(
        "wrong-unit-amount",
        "J7500.md",
        replace_line("  amount:", "  amount: 5"),
        "  amount: 5",
        "does not match the descriptor's 50 mg",
    ),
    Case(
        "negative-unit",
        "J7500.md",
        replace_line("  amount:", "  amount: -50"),
        "  amount: -50",
        "above zero",
    ),
    Case(
        "wrong-descriptor",
        "J7500.md",
        replace_line("descriptor:", "descriptor: Azathioprine, oral, 100 mg"),
        "descriptor: Azathioprine, oral, 100 mg",
        "does not match CMS HCPCS 2026 Q1",
    ),
    Case(
        "duplicate-key",
        "J7500.md",
        insert_after("title:", "title: Again"),
        "title: Again",
        "given twice",
    ),
    Case(
        "similar-listed-twice",
        "J7501.md",
        replace_line("- code: J7517", "- code: J7500 "),
        "- code: J7500 ",
        "J7500 is listed twice",
    ),
    Case(
        "one-way-similar",
        "J7502.md",
        lambda t: valid_page("J7502"),
        "- code: J7500",
        "J7500 does not list J7502 back",
    ),
    Case(
        "unknown-modifier",
        "J7500.md",
        lambda t: t.replace(
            "Original text about common modifiers",
            "Use [[ZZ]] here. Original text about common modifiers",
        ),
        "Use [[ZZ]]",
        "not in the modifier glossary",
    ),
    Case(
        "unknown-modifier-in-prose",
        "J7500.md",
        lambda t: t.replace(
            "Original text about clinical context",
            "Bill it with modifier RT.\nOriginal text about clinical context",
        ),
        "Bill it with modifier RT",
        "modifier RT is not in the glossary",
    ),
    Case(
        "unlinked-modifier",
        "J7500.md",
        lambda t: t.replace(
            "Original text about common modifiers",
            "Add KX when the transplant date is on file.\nOriginal text about common modifiers",
        ),
        "Add KX when",
        "names KX without linking it",
    ),
    Case(
        "body-link-to-a-built-file",
        "J7500.md",
        lambda t: t.replace(
            "Original text about definition", "See [it](../codes/J7501.html).\nOriginal text about definition"
        ),
        "See [it](../codes/J7501.html).",
        "link (../codes/J7501.html) does not point at a code page",
    ),
    Case(
        "body-link-to-a-code-without-page",
        "J7500.md",
        lambda t: t.replace(
            "Original text about definition", "See [it](J7599.md).\nOriginal text about definition"
        ),
        "See [it](J7599.md).",
        "(J7599.md) links to a code that has no page",
    ),
    Case(
        "body-link-to-a-missing-section",
        "J7500.md",
        lambda t: t.replace(
            "Original text about definition", "See [[J7501#dosing]].\nOriginal text about definition"
        ),
        "See [[J7501#dosing]].",
        "points at section '#dosing', which J7501 does not have",
    ),
    Case(
        "not-utf8",
        "J7500.md",
        lambda t: t.replace("Original text about definition", "Caf\udce9"),
        "Caf",
        "not UTF-8",
    ),
    Case(
        "text-before-sections",
        "J7500.md",
        lambda t: t.replace("\n## Definition", "Loose words.\n\n## Definition"),
        "Loose words.",
        "text outside a section",
    ),
    # --- files that are not readable UTF-8 text ---------------------------------------------------
    Case("empty-file", "J7500.md", lambda t: "", "", "the file is empty"),
    Case("only-whitespace", "J7500.md", lambda t: "\n \n\t\n", "", "the file is empty"),
    Case("folder-named-like-a-code", "J7500.md", lambda t: t, "", "folder, not a file", as_folder),
    Case("symlink-loop", "J7500.md", lambda t: t, "", "symbolic link cannot be followed", as_symlink_loop),
    Case(
        "dangling-symlink",
        "J7500.md",
        lambda t: t,
        "",
        "symbolic link cannot be followed",
        as_dangling_symlink,
    ),
    Case("named-pipe", "J7500.md", lambda t: t, "", "not a regular file", as_named_pipe),
    Case("huge-file", "J7500.md", lambda t: t + "x" * 3_000_000, "", "over the 2,000,000-byte limit"),
    Case("utf-16", "J7500.md", lambda t: t, "", "UTF-16", write_utf16),
    Case(
        "nul-bytes",
        "J7500.md",
        lambda t: t.replace("Original text about clinical context", "Pasted\x00\x00binary"),
        "Pasted",
        "NUL bytes",
    ),
    Case(
        "latin-1-in-front-matter",
        "J7500.md",
        replace_line("title:", "title: Caf\udce9 cr\udce8me"),
        "title: Caf",
        "byte 0xe9",
    ),
    # --- YAML that parses into something a page never means ----------------------------------------
    Case("tab-indentation", "J7500.md", replace_line("  unit:", "\tunit: mg"), "\tunit: mg", "tab"),
    Case(
        "python-tag",
        "J7500.md",
        replace_line("title:", "title: !!python/object/apply:os.system ['touch pwned']"),
        "title: !!python",
        "YAML tag '!!python/object/apply:os.system'",
    ),
    Case(
        "alias-bomb",
        "J7500.md",
        lambda t: t.replace(
            "aliases:\n",
            "lol: &a [x, x, x, x, x, x, x, x, x]\n"
            + "".join(
                f"lol{i}: &{b} [{', '.join([f'*{a}'] * 9)}]\n"
                for i, (a, b) in enumerate(zip("abcdefgh", "bcdefghi", strict=True))
            )
            + "aliases:\n",
        ),
        "lol0:",
        "anchors and aliases",
    ),
    Case(
        "nested-too-deeply",
        "J7500.md",
        replace_line("title:", "title: " + "[" * 40 + "x" + "]" * 40),
        "title: [[",
        "nested too deeply",
    ),
    Case("front-matter-is-a-list", "J7500.md", lambda t: "---\n- a\n- b\n---\n" + t, "- a", "not a set of"),
    Case(
        "empty-front-matter",
        "J7500.md",
        lambda t: "---\n---\n## Definition\n\nText.\n",
        "",
        "front matter is empty",
    ),
    # --- values of the wrong kind --------------------------------------------------------------------
    Case(
        "impossible-date",
        "J7500.md",
        replace_line("reviewed:", "reviewed: 2026-02-30"),
        "reviewed:",
        "not a real date",
    ),
    Case("month-13", "J7500.md", replace_line("added:", "added: 1988-13-01"), "added:", "not a real date"),
    Case(
        "day-first-date",
        "J7500.md",
        replace_line("reviewed:", "reviewed: 23/11/2026"),
        "reviewed:",
        "not a date",
    ),
    Case(
        "date-with-time",
        "J7500.md",
        replace_line("reviewed:", "reviewed: 2026-11-23 10:00:00"),
        "reviewed:",
        "not a date",
    ),
    Case("zero-unit", "J7500.md", replace_line("  amount:", "  amount: 0"), "  amount:", "above zero"),
    Case(
        "not-a-number-unit",
        "J7500.md",
        replace_line("  amount:", "  amount: .nan"),
        "  amount:",
        "above zero",
    ),
    Case(
        "unit-in-words", "J7500.md", replace_line("  amount:", "  amount: fifty"), "  amount:", "not a number"
    ),
    Case("number-as-title", "J7500.md", replace_line("title:", "title: 12"), "title: 12", "non-empty text"),
    Case(
        "aliases-not-a-list",
        "J7500.md",
        lambda t: re.sub(r"aliases:\n(- .*\n)+", "aliases: Imuran\n", t),
        "aliases:",
        "must be a list",
    ),
    Case(
        "invisible-character-in-code",
        "J7500.md",
        replace_line("code:", "code: J7500\u200b"),
        "code:",
        "not a HCPCS code",
    ),
    Case(
        "unknown-category",
        "J7500.md",
        replace_line("category:", "category: oncology"),
        "category:",
        "not a category in categories.yml",
    ),
    # --- links in the text: other sites are cited in 'sources', pages are linked with [[CODE]] -----------
    Case(
        "link-to-another-site",
        "J7500.md",
        lambda t: t.replace(
            "Original text about documentation", "See\n[the policy](https://example.com/a).\nOriginal"
        ),
        "[the policy]",
        "links to another site (https://example.com/a)",
    ),
    Case(
        "autolink-to-another-site",
        "J7500.md",
        lambda t: t.replace("Original text about documentation", "See <http://example.com/>. Original"),
        "See <http",
        "links to another site",
    ),
    Case(
        "markup-in-source-url",
        "J7500.md",
        replace_line("  url:", '  url: https://example.com/"><script>alert(1)</script>'),
        "  url:",
        "must be a web address",
    ),
    Case(
        "duplicate-section",
        "J7500.md",
        lambda t: t + "\n## Definition \n\nAgain.\n",
        "## Definition ",
        "appears twice",
    ),
]


def expected_line(text: str, marker: str) -> int:
    if not marker:
        return 1
    return next(i for i, line in enumerate(text.split("\n"), 1) if line.startswith(marker))


@pytest.fixture(scope="session")
def built_trio(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The valid mini-site, built once per run (with the ~100-page catalog a build is not free)."""
    folder = tmp_path_factory.mktemp("trio")
    content = make_content(folder, valid_trio())
    out = folder / "_site"
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    return content, out


@pytest.fixture
def prebuilt(tmp_path: Path, built_trio: tuple[Path, Path]) -> tuple[Path, Path, str]:
    """A fresh copy of the built mini-site, so each case can prove the old _site/ survives."""
    content = shutil.copytree(built_trio[0], tmp_path / "content")
    out = shutil.copytree(built_trio[1], tmp_path / "_site")
    return content, out, tree_digest(out)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_bad_input_is_reported_with_path_and_line(prebuilt, case: Case) -> None:
    content, out, digest = prebuilt
    target = content / "codes" / case.file
    text = case.mutate(target.read_text(encoding="utf-8") if target.exists() else "")
    case.place(target, text)
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    location = f"{target}:{expected_line(text, case.marker)}: "
    matching = [line for line in result.stderr.splitlines() if line.startswith(location)]
    assert matching, f"expected {location}… in:\n{result.stderr}"
    assert any(case.message in line and " — " in line for line in matching), result.stderr
    assert tree_digest(out) == digest
    assert not (content.parent / "pwned").exists() and not (Path.cwd() / "pwned").exists()


def test_duplicate_code_in_two_files(prebuilt) -> None:
    content, out, digest = prebuilt
    original = (content / "codes" / "J7500.md").read_text(encoding="utf-8")
    copy = content / "codes" / "more" / "J7500.md"
    copy.parent.mkdir()
    copy.write_text(original, encoding="utf-8")
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 1
    assert re.search(rf"{re.escape(str(copy))}:\d+: code J7500 already has a page", result.stderr), (
        result.stderr
    )
    assert tree_digest(out) == digest


def test_errors_in_two_files_are_all_reported(prebuilt) -> None:
    content, out, digest = prebuilt
    for name, field in (("J7500.md", "colour"), ("J7517.md", "flavour")):
        path = content / "codes" / name
        path.write_text(
            insert_after("title:", f"{field}: x")(path.read_text(encoding="utf-8")),
            encoding="utf-8",
        )
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 1
    assert "unknown field 'colour'" in result.stderr and "unknown field 'flavour'" in result.stderr
    assert "2 error(s) in 2 file(s)" in result.stderr
    assert tree_digest(out) == digest


def test_check_writes_nothing(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    result = run_build("check", "--content", content, "--out", tmp_path / "never")
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "never").exists()


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    assert run_build("--no-such-option").returncode == 2
    assert run_build("--content", tmp_path / "missing").returncode == 2
    assert run_build("--base-url", "not-a-url").returncode == 2


@pytest.mark.parametrize(
    "encode",
    [
        pytest.param(lambda t: ("\ufeff" + t.replace("\n", "\r\n")).encode(), id="bom-and-crlf"),
        pytest.param(lambda t: t.replace("\n", "\r").encode(), id="lone-cr"),
    ],
)
def test_windows_and_old_mac_text_is_accepted_and_builds_the_same_site(
    prebuilt, tmp_path: Path, encode: Callable[[str], bytes]
) -> None:
    """A BOM and CRLF are what Windows editors write: valid text, so they build the same bytes."""
    content, out, _digest = prebuilt
    target = content / "codes" / "J7500.md"
    target.write_bytes(encode(target.read_text(encoding="utf-8")))
    other = tmp_path / "again"
    result = run_build("--content", content, "--out", other)
    assert result.returncode == 0, result.stderr
    assert tree_digest(other, skip="pagefind/") == tree_digest(out, skip="pagefind/")
