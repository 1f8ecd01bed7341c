"""The current quarter (issue 32), on the real files: July 2026 (the CMS file) and October 2026 (a
derived copy), the April 2026 gap, limits and crosswalk of different quarters, and the October 2026
mycophenolate renumbering."""

from __future__ import annotations

import hashlib
import itertools
import re
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from codebook.build import BuildOptions, build
from codebook.cli import main
from codebook.drug_money import money_line
from codebook.drugs import load_drug_files
from codebook.drugs.records import Quarter

from .helpers import ROOT

ASP = ROOT / "content" / "reference" / "asp"
OCTOBER = ASP / "payment-limits-2026-10.derived.csv"
JULY = ASP / "payment-limits-2026-07.csv"
COPY = "from a copy of the CMS file (GitHub samaypatel27/gtech_hacks"


@pytest.fixture(scope="module")
def real_files():
    return load_drug_files(ASP)


@pytest.fixture(scope="module")
def real_build():
    return build(BuildOptions(content=ROOT / "content", cache=None, write=False))


def page(real_build, path: str) -> str:
    return next(f.content.decode() for f in real_build.files if f.path == path)


def text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_eleven_quarters_each_with_its_provenance_and_april_2026_missing(real_files) -> None:
    sources = real_files.sources
    assert [s.quarter.key for s in sources][-3:] == ["2026-01", "2026-07", "2026-10"]
    assert len(sources) == 11 and real_files.missing_quarters == (Quarter(2026, 4),)
    assert [s.derived for s in sources] == [False] * 10 + [True]
    j7507 = real_files.drugs["J7507"]
    july, october = j7507.limits[-2:]
    assert (july.limit_text, july.quarter_label) == ("0.200", "July 2026")
    assert october.limit_text == "0.162" and october.quarter_label.startswith(f"October 2026, {COPY}")
    assert real_files.drugs["J7521"].current_limit.coinsurance_text == "0.997"


def test_counts_per_quarter(real_files) -> None:
    """Codes (with CPT rows), Level II codes, and against the quarter before: newly priced, no
    longer priced, moved (Level II rows, figures as published)."""
    counts, before = [], None
    for source in real_files.sources:
        now = {
            code: lim.limit_text
            for code, drug in real_files.drugs.items()
            for lim in drug.limits
            if lim.quarter == source.quarter
        }
        cpt = real_files.cpt_rows_dropped[source.path]
        changes = (
            (
                len(set(now) - set(before)),
                len(set(before) - set(now)),
                sum(now[c] != before[c] for c in set(now) & set(before)),
            )
            if before is not None
            else ()
        )
        counts.append((len(now) + cpt, len(now), *changes))
        before = now
    assert counts[-3:] == [(877, 844, 21, 155, 765), (890, 859, 30, 15, 805), (886, 886, 37, 10, 778)]


def test_a_derived_copy_needs_its_source_and_hash(tmp_path: Path) -> None:
    folder = tmp_path / "asp"
    shutil.copytree(ASP, folder)
    (folder / "derived-copies.yml").unlink()
    shown = [p.message for p in load_drug_files(folder).diagnostics if p.severity == "error"]
    assert shown == ["a derived copy needs its source and SHA-256 in derived-copies.yml"]
    (folder / "derived-copies.yml").write_text(
        f"{OCTOBER.name}:\n  source: somebody\n  sha256: {'0' * 64}\n", encoding="utf-8"
    )
    errors = [p for p in load_drug_files(folder).diagnostics if p.severity == "error"]
    assert len(errors) == 1 and "SHA-256 is 7ca34857" in errors[0].message


def test_a_cms_named_file_in_utf8_is_still_refused(tmp_path: Path) -> None:
    folder = tmp_path / "asp"
    shutil.copytree(ASP, folder)
    (folder / OCTOBER.name).rename(folder / "payment-limits-2026-10.csv")
    errors = [p for p in load_drug_files(folder).diagnostics if p.severity == "error"]
    assert [(e.line, "saved as UTF-8" in e.message, ".derived.csv" in e.fix) for e in errors] == [
        (765, True, True)
    ]


def test_the_broken_character_is_a_data_warning_never_shown(real_files, real_build) -> None:
    warning = next(d for d in real_files.diagnostics if "U+FFFD" in d.message)
    assert (warning.path, warning.line, warning.severity) == (
        f"content/reference/asp/{OCTOBER.name}",
        765,
        "warning",
    )
    html = page(real_build, "codes/J9325.html")
    assert "1 million [character lost in the copy of the CMS file] PFU" in html
    assert not [f.path for f in real_build.files if "\ufffd".encode() in f.content]


def test_pages_show_each_quarter_as_what_it_is(real_build) -> None:
    j7507 = text(page(real_build, "codes/J7507.html"))
    assert f"$0.162 In force October 2026, {COPY}" in j7507
    assert "July 2026 1 MG $0.200" in j7507
    assert "April 2026 No payment-limit file for this quarter is shipped" in j7507
    assert "0.1 MG $1.328 0.997 %" in text(page(real_build, "codes/J7521.html"))


def test_j7524_converts_from_the_payment_limit_files_5_mg(real_build) -> None:
    html = page(real_build, "codes/J7524.html")
    assert "One unit of J7524 is <strong>5 mg</strong>" in html
    assert "The billing unit (5 MG) is the one the October 2026" in html
    assert "not in the HCPCS file of this edition" in html


def test_the_old_mycophenolate_pages_name_the_new_code_with_its_date(real_build) -> None:
    j7517 = text(page(real_build, "codes/J7517.html"))
    assert "J7517 is missing from the October 2026 payment-limit file" in j7517 and "J7524" in j7517
    assert "this page does not say whether J7517 ended" in j7517
    assert "not in the newest payment-limit file shipped here (October 2026" in j7517
    family = text(page(real_build, "families/J7500-J7599.html"))
    assert "J7524 Mycophenol mofetil oral 5 mg : $0.002 per 5 MG" in family
    assert "J7517 : last listed July 2026, at $0.131 per 250 MG" in family


def test_money_line_names_each_quarter_and_refuses_other_units(real_files) -> None:
    j7507 = real_files.drugs["J7507"]
    line = money_line(j7507)
    assert (
        line["m"] == "0.162" and "billable units are from the January 2026 NDC–HCPCS crosswalk" in line["n"]
    )
    rescaled = replace(j7507, limits=(*j7507.limits[:-1], replace(j7507.limits[-1], dosage="5 MG")))
    assert money_line(rescaled) == {
        "x": f"No amount is shown: the {j7507.limits[-1].quarter_label} payment limit is per 5 MG, but the "
        "January 2026 NDC–HCPCS crosswalk counts billable units per 1 MG, so the two cannot be multiplied."
    }
    assert money_line(real_files.drugs["J7517"])["x"].startswith(
        "No amount is shown: J7517 is not in the newest"
    )


def without_quarters(tmp_path: Path, *names: str) -> Path:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content)
    for name in names:
        (content / "reference" / "asp" / name).unlink()
    return content


def test_reference_diff_on_the_october_copy_reports_the_renumbering(tmp_path: Path, capsys) -> None:
    content = without_quarters(tmp_path, OCTOBER.name, "derived-copies.yml")
    before = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted((content / "reference").rglob("*")) if p.is_file())
    )
    assert main(["reference-diff", str(OCTOBER), "--content", str(content)]) == 0
    out = capsys.readouterr().out
    assert "a derived copy, not CMS's file as published" in out
    assert "July 2026 → October 2026: 778 moved, 37 newly priced, 10 no longer priced" in out
    assert (
        "J7500–J7599: leaving J7514 per 100 MG, J7517 per 250 MG, J7519 per 10 MG, J7528 per 100 MG; "
        "arriving J7524 per 5 MG, J7526 per 5 MG, J7529 per 5 MG, J7530 per 5 MG"
    ) in out
    assert main(["reference-diff", str(OCTOBER), "--content", str(content), "--apply"]) == 1
    assert "--apply does not copy it" in capsys.readouterr().err
    after = hashlib.sha256(
        b"".join(p.read_bytes() for p in sorted((content / "reference").rglob("*")) if p.is_file())
    )
    assert before.digest() == after.digest()


def test_a_cms_shaped_file_still_applies(tmp_path: Path, capsys) -> None:
    content = without_quarters(tmp_path, OCTOBER.name, "derived-copies.yml", JULY.name)
    assert main(["reference-diff", str(JULY), "--content", str(content), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "January 2026 → July 2026: 805 moved, 30 newly priced, 15 no longer priced" in out
    assert (content / "reference" / "asp" / JULY.name).read_bytes() == JULY.read_bytes()


def test_the_chart_leaves_the_unshipped_quarter_as_a_gap(real_files) -> None:
    from codebook.drug_block import limit_chart

    xs = [point.x for point in limit_chart(real_files.drugs["J7507"].limits).points]
    steps = [round(b - a, 1) for a, b in itertools.pairwise(xs)]
    assert (
        abs(steps[-2] - 2 * steps[0]) < 0.2 and abs(steps[-1] - steps[0]) < 0.2
    )  # Jan → Jul 2026: two quarters


@pytest.mark.parametrize(
    ("code", "kind"), [("J7524", "oral"), ("J7529", "oral"), ("J7530", "oral"), ("J7526", "administered")]
)
def test_a_new_codes_route_comes_from_the_limit_file_or_its_brand(real_build, code: str, kind: str) -> None:
    """J7524/J7529 say "oral", J7526 "Inj"; J7530 names "(myhibbin)", which J7514's HCPCS descriptor
    calls an oral suspension: oral home drugs get no JW/JZ hint (the DME MAC does not require JW)."""
    data = page(real_build, "assets/calculator-data.js")
    assert re.search(rf'"c":"{code}"[^}}]*"k":"{kind}"', data)
    has_jw = "modifiers.html#JW" in page(real_build, f"codes/{code}.html")
    assert has_jw is (kind == "administered")


@pytest.mark.parametrize("code", ["J3480", "J3473", "J0850"])
def test_one_billing_unit_spelt_in_words_is_multiplied(real_files, code: str) -> None:
    """2 MEQ, 1 USP UNIT and PER VIAL do not convert, but limit and crosswalk name the same unit."""
    line = money_line(real_files.drugs[code])
    assert "x" not in line and line["m"]


def test_the_jz_hint_names_its_container(real_build) -> None:
    assert "when nothing was discarded from a single-dose container (required from 2023-07-01)" in page(
        real_build, "codes/J1644.html"
    )
