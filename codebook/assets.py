"""Static assets from site_assets/ as output files under assets/, copied as they are.

JavaScript sources are ES modules (site_assets/js/*.mjs, tested by `node --test`); browsers refuse
module scripts from file://, so the site ships the classic scripts esbuild bundled from them into
site_assets/js/dist/ (`make js`; a node test fails when they are stale). Nothing is rewritten here.
"""

from __future__ import annotations

from pathlib import Path

from .render import OutputFile
from .urls import asset_path

SCRIPT_SOURCES = "js"  # modules and the bundler: not shipped
BUNDLES = "js/dist"  # shipped as assets/NAME.js


def collect_assets(assets_dir: Path) -> list[OutputFile]:
    files = []
    for path in sorted(p for p in assets_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        name = shipped_name(path.relative_to(assets_dir).as_posix())
        if name:
            files.append(OutputFile(asset_path(name), path.read_bytes()))
    return files


def shipped_name(relative: str) -> str:
    """The file's name in assets/ (one flat folder): 'css/site.css' → 'site.css',
    'js/dist/search.js' → 'search.js'; '' for a module source, which is not shipped."""
    folder, _, name = relative.rpartition("/")
    if folder == SCRIPT_SOURCES or (folder.startswith(SCRIPT_SOURCES + "/") and folder != BUNDLES):
        return ""
    return name
