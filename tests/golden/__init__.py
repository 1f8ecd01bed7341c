"""The golden site: a small content tree built by the real CLI and compared file by file with the
committed output in tests/golden/expected/ (DESIGN §6, after Pelican's golden-output test).

Every file must be there, and every file outside pagefind/ must match byte for byte. Pagefind names
its chunks by hashes that change between two builds of the same input (see test_reproducible.py),
and its runtime files are its own binaries, so pagefind/ is compared by name pattern and count
(tests/golden/pagefind-files.txt), except parts.json, which is ours and compared by bytes.

Regenerate after an intended output change, then review the diff:
    .venv/bin/python -m tests.golden --update
"""

from __future__ import annotations

import difflib
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ..helpers import run_build

GOLDEN = Path(__file__).resolve().parent
CONTENT = GOLDEN / "content"
EXPECTED = GOLDEN / "expected"
PAGEFIND_MANIFEST = GOLDEN / "pagefind-files.txt"
UPDATE_COMMAND = ".venv/bin/python -m tests.golden --update"
PAGEFIND = "pagefind/"
PAGEFIND_OURS = ("pagefind/parts.json",)  # written by codebook, not Pagefind: bytes compared
HASH = re.compile(r"(?<=_)[0-9a-f]{7,}(?=\.)")  # en_41e5957.pf_filter, pagefind.en_714c6d6504.pf_meta
SHOWN_DIFFS = 3
DIFF_LINES = 60


@dataclass(frozen=True)
class Snapshot:
    """What the golden test compares: bytes of our files, name patterns of Pagefind's."""

    files: dict[str, bytes]
    pagefind: tuple[str, ...]  # sorted, one line per file (a pattern may repeat)


def build_golden(out: Path) -> None:
    """The golden content through the real command line (--no-cache: nothing read from .cache/)."""
    result = run_build("--content", CONTENT, "--out", out, "--no-cache")
    if result.returncode != 0:
        raise RuntimeError(f"the golden site did not build:\n{result.stderr}")


def is_pagefinds_own(path: str) -> bool:
    return path.startswith(PAGEFIND) and path not in PAGEFIND_OURS


def snapshot(site: Path) -> Snapshot:
    paths = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    return Snapshot(
        files={p: (site / p).read_bytes() for p in paths if not is_pagefinds_own(p)},
        pagefind=tuple(sorted(HASH.sub("*", p) for p in paths if is_pagefinds_own(p))),
    )


def expected_snapshot() -> Snapshot:
    lines = PAGEFIND_MANIFEST.read_text(encoding="utf-8").splitlines() if PAGEFIND_MANIFEST.exists() else []
    files = snapshot(EXPECTED).files if EXPECTED.exists() else {}
    return Snapshot(files=files, pagefind=tuple(line for line in lines if line))


def unified(name: str, expected: bytes, actual: bytes) -> str:
    lines = difflib.unified_diff(
        expected.decode("utf-8", "replace").splitlines(),
        actual.decode("utf-8", "replace").splitlines(),
        f"expected/{name}",
        f"built/{name}",
        lineterm="",
    )
    shown = list(lines)
    cut = f"\n… {len(shown) - DIFF_LINES} more diff lines" if len(shown) > DIFF_LINES else ""
    return "\n".join(shown[:DIFF_LINES]) + cut


def differences(expected: Snapshot, actual: Snapshot) -> str:
    """A report of how the built site differs from the golden one ("" when equal)."""
    problems: list[str] = []
    want, got = expected.files, actual.files
    missing, extra = sorted(want.keys() - got), sorted(got.keys() - want)
    if missing or extra:
        problems.append(f"files missing from the build: {missing}\nfiles not in expected/: {extra}")
    if expected.pagefind != actual.pagefind:
        problems.append(
            "pagefind/ files (hashes as *) differ:\n"
            + "\n".join(
                difflib.unified_diff(expected.pagefind, actual.pagefind, "expected", "built", lineterm="")
            )
        )
    changed = [name for name in sorted(want.keys() & got) if want[name] != got[name]]
    if changed:
        problems.append(f"{len(changed)} file(s) differ: {changed}")
        problems += [unified(name, want[name], got[name]) for name in changed[:SHOWN_DIFFS]]
    if not problems:
        return ""
    return "\n\n".join([*problems, f"If the change is intended, regenerate and review: {UPDATE_COMMAND}"])


def update() -> Snapshot:
    """Rebuild the golden site and store it as the expected output."""
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "_site"
        build_golden(site)
        built = snapshot(site)
        shutil.rmtree(EXPECTED, ignore_errors=True)
        for name, data in built.files.items():
            (EXPECTED / name).parent.mkdir(parents=True, exist_ok=True)
            (EXPECTED / name).write_bytes(data)
    PAGEFIND_MANIFEST.write_text("".join(f"{line}\n" for line in built.pagefind), encoding="utf-8")
    return built
