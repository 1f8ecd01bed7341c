"""One URL scheme (codebook/urls.py) for Python and templates, each billing fact defined once
(codebook/billing_rules.py), and JavaScript shipped as esbuild's bundles, not rewritten modules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import DictLoader

from codebook.assets import collect_assets, shipped_name
from codebook.billing_rules import BILLING_RULES
from codebook.render import make_environment
from codebook.urls import page_url, site_path

from .helpers import ROOT

TEMPLATES = ROOT / "templates"
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
EXPRESSION = re.compile(r"\{\{(.*?)\}\}", re.S)
ROOT_VARIABLE = re.compile(r"(?<![\w'\"])root(?![\w'\"])")  # the variable, not url('root')
SPELLED_PATH = re.compile(r"[\w.-]+\.html\b|\bassets/|\b(?:codes|categories|families|catalog)/")
# Every file the site is made from (not tests, not authors' content).
SOURCE_DIRS = ("codebook", "templates", "site_assets")
SOURCE_SUFFIXES = {".py", ".html", ".mjs", ".js", ".css"}


def spelled_paths(template: str) -> list[str]:
    """Output paths written into a template rather than asked of `url(...)`; [] when there are none."""
    outside_jinja = JINJA.sub(" ", template)
    uses_root = [e.strip() for e in EXPRESSION.findall(template) if ROOT_VARIABLE.search(e)]
    return SPELLED_PATH.findall(outside_jinja) + uses_root


def test_the_path_check_finds_paths_spelled_the_old_ways() -> None:
    old = '<a href="{{ root }}codes/{{ item.code }}.html">x</a> <a href="glossary.html#status">s</a>'
    assert spelled_paths(old) == ["codes/", "glossary.html", "root"]
    assert spelled_paths("<script src=\"{{ url('asset', 'search.js') }}\"></script>") == []


TEMPLATE_NAMES = sorted(p.relative_to(TEMPLATES).as_posix() for p in TEMPLATES.rglob("*.html"))


@pytest.mark.parametrize("template", TEMPLATE_NAMES)
def test_templates_spell_no_output_path(template: str) -> None:
    assert spelled_paths((TEMPLATES / template).read_text(encoding="utf-8")) == [], (
        "ask urls.py instead: {{ url('code', item.code) }}, {{ url('asset', 'site.css') }}, "
        "{{ url('home', anchor='browse') }}"
    )


def render(source: str, root: str) -> str:
    env = make_environment(TEMPLATES)
    env.loader = DictLoader({"t.html": source})
    return env.get_template("t.html").render(root=root)


@pytest.mark.parametrize(
    ("root", "expected"),
    [
        ("", "codes/J7507.html"),
        ("../", "../codes/J7507.html"),
        ("https://example.org/kb/", "https://example.org/kb/codes/J7507.html"),  # 404.html with --base-url
    ],
)
def test_url_is_relative_to_the_page_rendered(root: str, expected: str) -> None:
    assert render("{{ url('code', 'J7507') }}", root) == expected
    assert page_url(root, "code", "J7507") == expected


def test_url_kinds_and_anchors() -> None:
    anchored = "{{ url('home', anchor='browse') }}|{{ url('catalog_glossary', anchor='status') }}"
    assert render(anchored, "../") == "../index.html#browse|../catalog/glossary.html#status"
    assert site_path("catalog_range", "J-7000") == "catalog/J-7000.html"
    assert site_path("asset", "site.css") == "assets/site.css"
    with pytest.raises(ValueError, match="no kind of page called 'codez'"):
        site_path("codez", "J7507")


def source_files() -> list[Path]:
    return sorted(
        path
        for folder in SOURCE_DIRS
        for path in (ROOT / folder).rglob("*")
        if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts
    )


FACTS = {
    "JW required from": BILLING_RULES.jw_required_from.isoformat(),
    "JZ available from": BILLING_RULES.jz_available_from.isoformat(),
    "JZ required from": BILLING_RULES.jz_required_from.isoformat(),
    "JW source": BILLING_RULES.jw_source,
    "rounding rule section": "§10",
    "discarded drug section": "§40",
}


@pytest.mark.parametrize("fact", sorted(FACTS))
def test_each_billing_fact_is_written_in_one_source_file(fact: str) -> None:
    value = FACTS[fact]
    where = [p.relative_to(ROOT).as_posix() for p in source_files() if value in p.read_text(encoding="utf-8")]
    assert where == ["codebook/billing_rules.py"], f"{fact} ({value}) is written in {where}"


def test_the_end_of_optional_jz_is_derived_not_written() -> None:
    until = BILLING_RULES.jz_optional_until.isoformat()
    assert until == "2023-06-30"
    assert [p for p in source_files() if until in p.read_text(encoding="utf-8")] == []


@pytest.mark.parametrize(
    ("relative", "shipped"),
    [
        ("css/site.css", "site.css"),
        ("icon.svg", "icon.svg"),
        ("js/dist/calculator.js", "calculator.js"),
        ("js/units.mjs", ""),
        ("js/bundle.mjs", ""),
    ],
)
def test_assets_ship_bundles_not_module_sources(relative: str, shipped: str) -> None:
    assert shipped_name(relative) == shipped


def test_the_built_assets_are_copies() -> None:
    files = {f.path: f.content for f in collect_assets(ROOT / "site_assets")}
    assert "assets/calculator.js" in files and "assets/search.js" in files
    assert not [path for path in files if path.endswith(".mjs")]
    assert files["assets/search.js"] == (ROOT / "site_assets" / "js" / "dist" / "search.js").read_bytes()
