"""Shared test tools: run the real CLI, make small inline content trees, read built HTML."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from functools import lru_cache
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
# The public address of the session's --base-url build (conftest.py's published_site).
PUBLISHED_BASE = "https://billing.example.org/kb/"

sys.path.insert(0, str(ROOT))

from codebook.cms_tables import load_reference  # noqa: E402
from codebook.scaffold import front_matter_for, render_page  # noqa: E402
from codebook.schema import REQUIRED_SECTIONS  # noqa: E402

REFERENCE = load_reference(CONTENT)


def run_build(
    *args: str | Path, cwd: Path = ROOT, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """The real command line, as an author runs it (`env` adds or overrides variables)."""
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", **(env or {})}
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *map(str, args)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def make_content(folder: Path, pages: dict[str, str]) -> Path:
    """A content tree with the real reference tables and the given files under codes/."""
    content = folder / "content"
    (content / "codes").mkdir(parents=True)
    shutil.copytree(CONTENT / "reference", content / "reference")
    shutil.copy(CONTENT / "categories.yml", content / "categories.yml")
    for name, text in pages.items():
        target = content / "codes" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return content


TRIO = {
    "J7500": ("oral-immunosuppressives", ("J7501", "J7517")),
    "J7501": ("injectable-immunosuppressives", ("J7500", "J7517")),
    "J7517": ("oral-immunosuppressives", ("J7500", "J7501")),
}
# Lists J7500 and J7501, which do not list it back: only for the one-way-link test.
LONER = {"J7502": ("oral-immunosuppressives", ("J7500", "J7501"))}


def valid_page(code: str, body_extra: str = "") -> str:
    """A complete, valid page for one of TRIO, written from the schema and the CMS tables."""
    category, similar = {**TRIO, **LONER}[code]
    data = front_matter_for(
        code,
        REFERENCE,
        category=category,
        similar=[(other, f"Shares a use with {code} but differs from it.") for other in similar],
        draft=False,
    )
    data["title"] = f"Test page {code}"
    sections = [
        (spec, f"Original text about {spec.title.lower()} for {code}. {body_extra}")
        for spec in REQUIRED_SECTIONS
    ]
    return render_page(data, sections)


def valid_trio() -> dict[str, str]:
    return {f"{code}.md": valid_page(code) for code in TRIO}


def tree_digest(folder: Path, skip: str | None = None) -> str:
    """One hash of every file's path and bytes: proves a folder is unchanged. Two separate builds
    compare with skip="pagefind/": Pagefind names some of its files by hashes that differ per run."""
    digest = hashlib.sha256()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        if skip and path.relative_to(folder).as_posix().startswith(skip):
            continue
        digest.update(str(path.relative_to(folder)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


@lru_cache(maxsize=4096)
def soup(path: Path) -> BeautifulSoup:
    """Parsed HTML (cached: the built site does not change during a test run)."""
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
