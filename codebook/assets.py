"""Static assets from site_assets/ as output files under assets/.

ES modules (*.mjs) are tested with `node --test` but browsers refuse module scripts from file://,
so each is also shipped as a classic script exposing its exports on `window`.
"""

from __future__ import annotations

import re
from pathlib import Path

from .render import OutputFile

EXPORTED = re.compile(r"^export\s+(?:async\s+)?(?:function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.M)
EXPORT_KEYWORD = re.compile(r"^export\s+(?=(?:async\s+)?(?:function|const|let|class)\b)", re.M)


def collect_assets(assets_dir: Path) -> list[OutputFile]:
    files = []
    for path in sorted(p for p in assets_dir.rglob("*") if p.is_file() and not p.name.startswith(".")):
        if path.suffix == ".mjs":
            classic = module_to_classic_script(path.read_text(encoding="utf-8"), global_name(path))
            files.append(OutputFile(f"assets/{path.stem}.js", classic.encode("utf-8")))
        else:
            files.append(OutputFile(f"assets/{path.name}", path.read_bytes()))
    return files


def global_name(path: Path) -> str:
    """units.mjs -> CodebookUnits: one predictable global per module."""
    return "Codebook" + "".join(part.capitalize() for part in re.split(r"[-_.]", path.stem))


def module_to_classic_script(source: str, name: str) -> str:
    if re.search(r"^\s*(import\s|export\s+(default|\{|\*))", source, re.M):
        raise ValueError(f"{name}: only top-level 'export function/const/let/class' can be converted")
    names = EXPORTED.findall(source)
    body = EXPORT_KEYWORD.sub("", source)
    exported = ", ".join(names)
    return (
        f'(function () {{\n"use strict";\n{body}\nwindow.{name} = Object.freeze({{ {exported} }});\n}})();\n'
    )
