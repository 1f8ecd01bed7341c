"""The CMS catalog: every HCPCS Level II code once, exact, anchored, with meanings and guide links.

Expectations are computed here from the CSV and record_layout.yml themselves, not from
codebook.catalog.rows, so a mistake in the catalog code cannot hide behind the same mistake in a test.
"""

from __future__ import annotations

import csv
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from codebook import build as build_module
from codebook.build import BuildOptions, build
from codebook.drugs import load_drug_files
from codebook.incremental import Store
from codebook.urls import catalog_index, catalog_ranges

from .helpers import CONTENT, make_content, run_build, soup, valid_trio
from .site_scan import page_ids

pytestmark = pytest.mark.slow  # full builds of the CMS catalog

REFERENCE_DIR = CONTENT / "reference"
GUIDES = sorted(p.stem for p in (CONTENT / "codes").glob("*.md"))
MAX_PAGE_BYTES = 250_000
CODED_COLUMNS = {  # catalog column order → CMS columns
    "pricing": ("price1", "price2", "price3", "price4"),
    "coverage": ("coverage",),
    "betos": ("betos",),
    "tos": ("tos",),
    "action": ("action_code",),
}


def cms_rows(content: Path = CONTENT) -> dict[str, dict[str, str]]:
    with (content / "reference" / "hcpcs_level2_full.csv").open(encoding="utf-8", newline="") as handle:
        return {r["code"]: r for r in csv.DictReader(handle) if r["record_type"] == "procedure"}


def layout_meanings(content: Path = CONTENT) -> dict[str, dict[str, str]]:
    """field key → value → what a catalog row should show (the short form where the file has one)."""
    path = content / "reference" / "record_layout.yml"
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return {
        f["key"]: {v["value"]: v.get("short") or v["meaning"] for v in f.get("values", [])}
        for f in data["fields"]
    }


@dataclass
class Row:
    page: str
    code: str
    cells: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    classes: str = ""


class CatalogRows(HTMLParser):
    """The rows of table.catalog: each <tr id>'s cell texts (th first) and hrefs."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.rows: list[Row] = []
        self.row: Row | None = None
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "tr" and values.get("id"):
            self.row = Row(self.page, str(values["id"]), classes=str(values.get("class") or ""))
        elif self.row is not None and tag in ("th", "td"):
            self.cell = []
        elif self.row is not None and tag == "a":
            self.row.links.append(str(values["href"]))
        elif self.cell is not None and tag == "br":
            self.cell.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self.row is not None and self.cell is not None and tag in ("th", "td"):
            self.row.cells.append("".join(self.cell))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self.rows.append(self.row)
            self.row = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


def catalog_pages(site: Path) -> list[Path]:
    return sorted(
        p for p in (site / "catalog").glob("*.html") if p.name not in ("index.html", "glossary.html")
    )


def read_rows(site: Path) -> list[Row]:
    rows: list[Row] = []
    for path in catalog_pages(site):
        parser = CatalogRows(path.name)
        parser.feed(path.read_text(encoding="utf-8"))
        rows.extend(parser.rows)
    return rows


@pytest.fixture(scope="module")
def rows(built_site: Path) -> list[Row]:
    return read_rows(built_site)


def meaning(value: str, meanings: dict[str, str]) -> str:
    return meanings.get(value, "meaning not in the reference data")


def page_legend(path: Path) -> dict[str, dict[str, str]]:
    """The page's key (details.legend): glossary anchor of each column → value → meaning shown."""
    legend = soup(path).find("details", class_="legend")
    return {
        dl.dt.a["href"].split("#")[1]: {dd.b.get_text(): dd.get_text().split(" ", 1)[1] for dd in dl("dd")}
        for dl in legend.find_all("dl")
    }


def coded_values(cms: dict[str, str], columns: tuple[str, ...]) -> list[str]:
    return [v for column in columns for v in cms[column].split()]


def test_every_cms_code_appears_exactly_once_with_its_exact_descriptor(rows: list[Row]) -> None:
    cms = cms_rows()
    assert len(cms) == 8623
    seen = [row.code for row in rows]
    assert len(seen) == len(set(seen)), "a code appears on more than one row"
    assert set(seen) == set(cms)
    wrong = [row.code for row in rows if row.cells[1] != cms[row.code]["long_description"]]
    assert wrong == []


def test_each_row_is_on_the_page_the_shared_url_scheme_names(built_site: Path, rows: list[Row]) -> None:
    where = catalog_index(catalog_ranges(cms_rows()))
    assert {row.code: f"catalog/{row.page}#{row.code}" for row in rows} == where
    for target in where.values():
        page, anchor = target.split("#")
        assert anchor in page_ids(built_site / page), target


def test_rows_show_status_dates_and_every_coded_value_with_its_meaning(
    built_site: Path, rows: list[Row]
) -> None:
    """Cells show the short CMS values; the page's key gives each value used on it its meaning."""
    cms = cms_rows()
    meanings = layout_meanings()
    legends = {name: page_legend(built_site / "catalog" / name) for name in {row.page for row in rows}}
    for row in rows:
        record = cms[row.code]
        status = f"Terminated {record['termination_date']}" if record["termination_date"] else "Active"
        assert row.cells[2].startswith(f"{status}\nadded {record['add_date']}"), row.code
        assert ("t" in row.classes.split()) == bool(record["termination_date"]), row.code
        for cell, (key, columns) in zip(row.cells[3:], CODED_COLUMNS.items(), strict=True):
            values = coded_values(record, columns)
            expected = "\n".join(values)
            if key == "action" and record["action_effective_date"]:
                expected += f"\neffective {record['action_effective_date']}"
            assert cell == expected, (row.code, key)
            for value in values:
                assert legends[row.page][key][value] == meaning(value, meanings[key]), (row.code, key, value)


def test_a_known_row_reads_as_a_biller_expects(rows: list[Row]) -> None:
    j7507 = next(row for row in rows if row.code == "J7507")
    assert j7507.cells[1:] == [
        "Tacrolimus, immediate release, oral, 1 mg",
        "Active\nadded 1995-01-01",
        "51",
        "D",
        "O1E",
        "1\nG",
        "N\neffective 2014-01-01",
    ]
    j7505 = next(row for row in rows if row.code == "J7505")
    assert j7505.cells[2].startswith("Terminated 2025-12-31")


def test_cross_references_link_to_catalog_rows_when_the_code_is_in_the_file(rows: list[Row]) -> None:
    cms = cms_rows()
    where = catalog_index(catalog_ranges(cms))
    checked = 0
    for row in rows:
        for target in cms[row.code]["xref"].split():
            assert f"see {target}" in row.cells[2]
            if target in where:
                assert where[target].removeprefix("catalog/") in row.links, (row.code, target)
                checked += 1
    assert checked > 100


def test_codes_with_guides_link_both_ways(built_site: Path, rows: list[Row]) -> None:
    """Every code with a page (a guide or CMS drug data) links from its row, and back to it."""
    with_page = {row.code for row in rows if any(link.startswith("../codes/") for link in row.links)}
    assert set(GUIDES) <= with_page and len(with_page) > 800  # the guides and the drug-data pages
    where = catalog_index(catalog_ranges(cms_rows()))
    for row in rows:
        if row.code in with_page:
            assert f"../codes/{row.code}.html" in row.links
            page = soup(built_site / "codes" / f"{row.code}.html")
            assert page.find("a", href=f"../{where[row.code]}"), f"{row.code} page lacks its catalog link"


DRUG_CODES = set(load_drug_files(REFERENCE_DIR / "asp").current_codes())  # the codes with a page


def page_counts_expected(codes: list[str]) -> tuple[int, int]:
    """(written guides, pages of CMS drug data only) among some catalog codes, from the files."""
    guides = sum(1 for c in codes if c in GUIDES)
    return guides, sum(1 for c in codes if c in DRUG_CODES and c not in GUIDES)


def test_each_count_says_what_it_counts(built_site: Path, rows: list[Row]) -> None:
    """A drug-data page is not a written guide: range pages, the index and the rows say which is which."""
    for code, kind in (("J7507", "Guide"), ("J9035", "Drug data")):
        row = next(r for r in rows if r.code == code)
        page = soup(built_site / "catalog" / row.page)
        assert page.find("tr", id=code).th.a.get_text() == kind
        codes = [r.code for r in rows if r.page == row.page]
        guides, drug_pages = page_counts_expected(codes)
        lead = page.find("p", class_="lead").get_text(" ", strip=True)
        assert f"{len(codes):,} codes (" in lead
        assert f"{drug_pages} have a page of CMS drug data only" in lead
        assert (f"{guides} have a written guide" in lead) == bool(guides), lead
    index = soup(built_site / "catalog" / "index.html")
    headers = [th.get_text() for th in index.select("table.ranges thead th")]
    assert headers[-2:] == ["Written guides", "Drug-data pages"]
    summary = index.find("p", class_="catalog-summary").get_text(" ", strip=True)
    guides, drug_pages = page_counts_expected(list(cms_rows()))
    assert f"{guides} with a written guide, {drug_pages:,} with a page of CMS drug data only" in summary


def test_every_catalog_page_is_small(built_site: Path) -> None:
    sizes = {p.name: p.stat().st_size for p in (built_site / "catalog").glob("*.html")}
    assert len(sizes) > 90
    assert {name: size for name, size in sizes.items() if size >= MAX_PAGE_BYTES} == {}


def test_headers_link_to_a_glossary_entry_for_every_column(built_site: Path) -> None:
    page = soup(built_site / "catalog" / "J-7000.html")
    headers = [a["href"] for a in page.find("table", class_="catalog").thead.find_all("a")]
    assert headers == [f"../catalog/glossary.html#{key}" for key in ("status", *CODED_COLUMNS)]
    glossary = soup(built_site / "catalog" / "glossary.html")
    drugs = [cell.get_text() for cell in glossary.find(id="pricing-51").find_all(["th", "td"])]
    pricing = CODED_COLUMNS["pricing"]
    assert drugs == ["51", "Drugs", f"{sum('51' in coded_values(r, pricing) for r in cms_rows().values()):,}"]
    assert "Other carrier priced" in glossary.find(id="pricing-57").get_text()
    assert glossary.find("a", href=re.compile(r"^https://www\.cms\.gov/files/zip/"))


def test_short_meanings_only_leave_out_bracketed_parts() -> None:
    """A row's short meaning must be CMS's wording minus some "(...)" groups: no word of ours."""
    data = yaml.safe_load((REFERENCE_DIR / "record_layout.yml").read_text(encoding="utf-8"))
    shorts = [v for f in data["fields"] for v in f.get("values", []) if v.get("short")]
    assert shorts
    for value in shorts:
        assert value["short"] in set(without_some_brackets(value["meaning"])) - {value["meaning"]}, value


def without_some_brackets(meaning: str) -> Iterator[str]:
    """The meaning with each possible choice of its "(...)" groups left out."""
    parts = re.split(r"(\s*\([^()]*\))", meaning)  # bracket groups at the odd indexes
    groups = range(1, len(parts), 2)
    for keep in itertools.product((True, False), repeat=len(groups)):
        kept = dict(zip(groups, keep, strict=True))
        yield "".join(p for i, p in enumerate(parts) if kept.get(i, True)).strip()


def test_catalog_index_lists_every_range_page_with_span_and_count(built_site: Path) -> None:
    ranges = catalog_ranges(cms_rows())
    index = soup(built_site / "catalog" / "index.html")
    listed = {}
    for link in index.select("table.ranges tbody th a"):
        count = link.find_parent("tr").find("td").get_text()
        listed[link["href"]] = (link.get_text(), int(count.replace(",", "")))
    expected = {
        f"../catalog/{slug}.html": (codes[0] if len(codes) == 1 else f"{codes[0]}–{codes[-1]}", len(codes))
        for slug, codes in ranges.items()
    }
    assert listed == expected


def test_home_and_navigation_show_the_catalog(built_site: Path) -> None:
    cms = cms_rows()
    terminated = sum(1 for r in cms.values() if r["termination_date"])
    home = soup(built_site / "index.html")
    summary = home.find(id="catalog").get_text(" ", strip=True)
    assert "CMS HCPCS Level II, January 2026 quarterly release" in summary
    for number, word in ((len(cms), "codes"), (len(cms) - terminated, "active"), (terminated, "terminated")):
        assert f"{number:,} {word}" in summary
    guides, drug_pages = page_counts_expected(list(cms))
    assert f"{guides} with a written guide, {drug_pages:,} with a page of CMS drug data only" in summary
    for page in ("index.html", "codes/J7507.html", "catalog/J-7000.html", "catalog/glossary.html"):
        nav = soup(built_site / page).find("nav", class_="site-nav")
        assert nav.find("a", string="Catalog"), page


def edited_reference(tmp_path: Path, change: dict[str, dict[str, str]]) -> Path:
    """A content tree whose CMS file has some columns of some codes changed."""
    content = make_content(tmp_path, valid_trio())
    path = content / "reference" / "hcpcs_level2_full.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        fields, records = reader.fieldnames, list(reader)
    for record in records:
        record.update(change.get(record["code"], {}))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(records)
    return content


def build_rows(content: Path, out: Path) -> list[Row]:
    result = run_build("--content", content, "--out", out)
    assert result.returncode == 0, result.stderr
    return read_rows(out)


def test_a_value_the_layout_does_not_describe_is_refused_at_its_line(tmp_path: Path) -> None:
    """The layout lists every value the CMS file holds (measured): an unlisted one is a mistake or a
    new CMS value to add to record_layout.yml, so the build stops instead of publishing it bare."""
    content = edited_reference(tmp_path, {"A0021": {"betos": "Q9Z", "tos": "1 X"}})
    result = run_build("--content", content, "--out", tmp_path / "_site", "--no-cache")
    reference = content / "reference" / "hcpcs_level2_full.csv"
    line = next(
        i
        for i, text in enumerate(reference.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("A0021,")
    )
    assert result.returncode == 1, result.stderr
    assert (
        f"{reference}:{line}: betos 'Q9Z' is not a value content/reference/record_layout.yml lists"
        in result.stderr
    )
    assert f"{reference}:{line}: tos '1 X' is not a value" in result.stderr
    assert not (tmp_path / "_site").exists()


def test_without_the_layout_file_every_value_is_flagged_and_headers_still_resolve(tmp_path: Path) -> None:
    content = make_content(tmp_path, valid_trio())
    (content / "reference" / "record_layout.yml").unlink()
    out = tmp_path / "_site"
    row = next(r for r in build_rows(content, out) if r.code == "J7500")
    assert row.cells[3] == "51"
    page = next(p for p in catalog_pages(out) if "J7500" in page_ids(p))
    assert page_legend(page)["pricing"]["51"] == "meaning not in the reference data"
    ids = page_ids(out / "catalog" / "glossary.html")
    assert {"status", *CODED_COLUMNS} <= ids


def test_serve_keeps_the_catalog_until_its_inputs_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rebuilding the 8,600 rows on every save would slow `serve`; a changed reference must not be missed."""
    content = make_content(tmp_path, valid_trio())
    options = BuildOptions(content=content, out=tmp_path / "_site", cache=None)
    made: list[frozenset[str]] = []
    real = build_module.render_catalog
    monkeypatch.setattr(
        build_module, "render_catalog", lambda site, o: made.append(frozenset(site.views)) or real(site, o)
    )
    store = Store(None)  # serve's: kept between its builds
    first = build(options, store).files
    assert made == [{"J7500", "J7501", "J7517"}]
    assert build(options, store).files == first and len(made) == 1
    layout = content / "reference" / "record_layout.yml"
    layout.write_text(layout.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    build(options, store)
    assert len(made) == 2
