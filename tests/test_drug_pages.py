"""Drug data wired into the build: loaded once, its CMS faults reported as warnings, a page per code."""

from __future__ import annotations

import pytest

from codebook.build import BuildOptions, build
from codebook.cms_tables import load_reference
from codebook.link import link_site

from .helpers import ROOT


@pytest.fixture(scope="module")
def real_build():
    return build(BuildOptions(content=ROOT / "content", cache=None, write=False))


def test_cms_data_faults_are_warnings_that_do_not_fail_the_build(real_build) -> None:
    warnings = [w for w in real_build.report.warnings if "reference/asp/" in w.path]
    assert any("A9606" in w.message and "N/A" in w.message for w in warnings)
    assert all(w.severity == "warning" for w in warnings)


def test_site_drugs_holds_every_code_with_drug_data() -> None:
    from codebook.drugs import load_drug_files

    reference = load_reference(ROOT / "content")
    files = load_drug_files(ROOT / "content" / "reference" / "asp")
    site = link_site((), reference, files.drugs)
    assert "J9035" in site.drugs and site.has_page("J9035")
    assert not site.has_page("A0021")
