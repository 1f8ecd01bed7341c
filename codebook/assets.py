"""Static assets from site_assets/ as output files under assets/, copied as they are.

JavaScript sources are ES modules (site_assets/js/*.mjs, tested by `node --test`); browsers refuse
module scripts from file://, so the site ships the classic scripts esbuild bundled from them into
site_assets/js/dist/ (`make js`; a node test fails when they are stale). Nothing is rewritten here.

assets/ is one flat folder (templates name `assets/site.css`, whatever sub-folder holds it), so two
files with one name, or a file named like one the build generates (`calculator-data.js`), would be
one output path: that is an error naming both sources, never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from .diagnostics import Diagnostic
from .render import OutputFile
from .textfile import display_path
from .urls import asset_path

SCRIPT_SOURCES = "js"  # modules and the bundler: not shipped
BUNDLES = "js/dist"  # shipped as assets/NAME.js
CLASH_FIX = "rename or remove one of them (assets/ is one flat folder: sub-folders are not kept)"


def collect_assets(assets_dir: Path) -> list[OutputFile]:
    return [file for _, file in asset_sources(assets_dir)]


def asset_sources(assets_dir: Path) -> list[tuple[Path, OutputFile]]:
    """Every shipped asset with the file it is copied from."""
    found = []
    for path in sorted(p for p in assets_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        name = shipped_name(path.relative_to(assets_dir).as_posix())
        if name:
            found.append((path, OutputFile(asset_path(name), path.read_bytes())))
    return found


def shipped_name(relative: str) -> str:
    """The file's name in assets/ (one flat folder): 'css/site.css' → 'site.css',
    'js/dist/search.js' → 'search.js'; '' for a module source, which is not shipped."""
    folder, _, name = relative.rpartition("/")
    if folder == SCRIPT_SOURCES or (folder.startswith(SCRIPT_SOURCES + "/") and folder != BUNDLES):
        return ""
    return name


def asset_clashes(
    assets: Sequence[tuple[Path, OutputFile]], generated: Iterable[str] = ()
) -> list[Diagnostic]:
    """One error per asset whose output path another asset, or a generated file, also has."""
    first: dict[str, str] = {path: "a file the build generates" for path in generated}
    problems = []
    for source, file in assets:
        shown = display_path(source)
        other = first.setdefault(file.path, shown)
        if other != shown:
            message = f"this asset would be {file.path}, and so would {other}"
            problems.append(Diagnostic(shown, 1, message, CLASH_FIX))
    return problems
