"""Drug data wired into the build: loaded once, its CMS faults reported as warnings, a page per code."""

from __future__ import annotations

import json
import posixpath
import re

import pytest

from codebook.build import BuildOptions, build
from codebook.cms_tables import load_reference
from codebook.drug_block import counted
from codebook.drug_stage import load_drug_stage
from codebook.incremental import Store
from codebook.link import link_site

from .helpers import ROOT, run_build


@pytest.fixture(scope="module")
def real_build():
    return build(BuildOptions(content=ROOT / "content", cache=None, write=False))


def test_cms_data_faults_are_warnings_that_do_not_fail_the_build(real_build) -> None:
    warnings = real_build.report.data_warnings
    assert any("A9606" in w.message and "N/A" in w.message for w in warnings)
    assert all(w.severity == "warning" and "reference/asp/" in w.path for w in warnings)
    assert not [w for w in real_build.report.warnings if "reference/asp/" in w.path]


def test_data_warnings_are_one_line_unless_listed() -> None:
    """An author's check stays readable: CMS's faults are counted; --data-warnings lists each."""
    counted = run_build("check")
    assert counted.returncode == 0, counted.stderr
    assert counted.stderr.count("data warning(s)") == 1 and "reference/asp/" not in counted.stderr
    listed = run_build("check", "--data-warnings")
    assert listed.returncode == 0 and listed.stderr.count("reference/asp/") > 100


def test_site_drugs_holds_every_code_with_drug_data() -> None:
    from codebook.drugs import load_drug_files

    reference = load_reference(ROOT / "content")
    files = load_drug_files(ROOT / "content" / "reference" / "asp")
    site = link_site((), reference, files.drugs)
    assert "J9035" in site.drugs and site.has_page("J9035")
    assert not site.has_page("A0021")


def page(real_build, path: str) -> str:
    return next(f.content.decode() for f in real_build.files if f.path == path)


def test_j9035_has_a_page_with_its_ndcs_and_payment_limit(real_build) -> None:
    html = page(real_build, "codes/J9035.html")
    assert "$73.632" in html and "January 2026" in html
    assert "50242-0060-01" in html and "50242-0061-01" in html
    assert "not what a commercial payer or Part D plan pays" in html
    assert "<svg" in html and "<title" in html and "currentColor" in html


def test_a_data_only_page_has_no_authored_sections_but_says_how_to_start_a_guide(real_build) -> None:
    html = page(real_build, "codes/J9035.html")
    assert "No written guide yet" in html and "python build.py new J9035" in html
    assert 'id="definition"' not in html


def test_a_guide_page_shows_the_same_drug_block(real_build) -> None:
    html = page(real_build, "codes/J7507.html")
    assert 'id="drug-data"' in html and "00469-0617-73" in html
    assert 'href="#drug-data"' in html  # listed under "On this page"
    assert "No written guide yet" not in html


def test_an_inconsistent_cms_row_shows_both_figures_and_a_note(real_build) -> None:
    drugs = {
        code: d for code, d in real_build_site_drugs().items() if any(p.inconsistent for p in d.packages)
    }
    code, drug = next(iter(sorted(drugs.items())))
    row = next(p for p in drug.packages if p.inconsistent)
    html = page(real_build, f"codes/{code}.html")
    start = html.index(f"<code>{row.ndc or row.ndc_as_published}</code>")
    line = html[start : html.index("</tr>", start)]
    assert "inconsistent in the CMS file" in line
    per_item, per_ndc = counted(row.billunits, "unit"), counted(row.billunitspkg, "unit")
    assert f"<td>{per_item}</td>" in line and f"<td>{per_ndc}" in line


def test_the_catalog_row_links_to_a_data_only_page(real_build) -> None:
    catalog = next(f.content.decode() for f in real_build.files if "catalog/J-9000" in f.path)
    assert 'href="../codes/J9035.html"' in catalog


def test_every_link_on_every_drug_page_names_a_built_file(real_build) -> None:
    built = {f.path for f in real_build.files} | {"search.html"}  # the search stage adds its page
    broken = []
    for code in real_build_site_drugs():
        html = page(real_build, f"codes/{code}.html")
        for href in re.findall(r'(?:href|src)="([^"#]+)', html):
            if not href.startswith(("http:", "https:", "data:")):
                target = posixpath.normpath(posixpath.join("codes", href.split("?")[0]))
                if target not in built:
                    broken.append(f"codes/{code}.html → {href}")
    assert broken == []


def real_build_site_drugs():
    reference = load_reference(ROOT / "content")
    return load_drug_stage(ROOT / "content", reference, "", Store(None)).drugs


def test_the_calculator_picker_holds_every_code_with_drug_data(real_build) -> None:
    script = page(real_build, "assets/calculator-data.js")
    records = {r["c"]: r for r in json.loads(script[script.index("[") : script.rindex("]") + 1])}
    assert set(real_build_site_drugs()) <= set(records)
    j9035 = records["J9035"]
    assert (j9035["a"], j9035["u"], j9035["k"], j9035["n"]) == ("10", "mg", "administered", ["Avastin"])
    assert records["A9606"]["k"] == "none"  # "per microcurie": no unit the calculator converts
