"""Search indexes of the real build: every CMS code in Pagefind and in the file:// script index,
with the metadata, filters and weights the UI relies on; queries answered by the script index
exactly as a page opened from disk answers them (through node and site_assets/js/search.mjs)."""

from __future__ import annotations

import asyncio
import json
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from codebook.drugs import load_drug_files
from codebook.render import SearchDocument, SearchSection
from codebook.search.bundle import visible_fragments
from codebook.search.pagefind import guide_html, read_reply
from codebook.search.records import DrugNames, search_records, words
from codebook.search.script_index import ndc_tables
from codebook.urls import catalog_index, catalog_ranges

from .helpers import CONTENT, REFERENCE, ROOT

GUIDES = sorted(p.stem for p in (CONTENT / "codes").glob("*.md"))
# Topic pages and their index are searchable too, as records without a code (content v2).
TOPIC_PAGES = {f"topics/{p.stem}.html" for p in (CONTENT / "topics").glob("*.md")} | {"topics/index.html"}
CATALOG = catalog_index(catalog_ranges(REFERENCE.codes))
DRUG_CODES = set(load_drug_files(CONTENT / "reference" / "asp").current_codes())  # Site.drugs
QUERY_BUDGET = 300_000
PART = re.compile(r"^window\.CodebookSearchParts\.(\w+)=(.*);\n$", re.S)


def expected_path(code: str) -> str:
    """A code with a guide or CMS drug data has its own page; any other code its catalog row."""
    return f"codes/{code}.html" if code in GUIDES or code in DRUG_CODES else CATALOG[code]


def read_part(path: Path) -> tuple[str, object]:
    match = PART.match(path.read_text(encoding="utf-8"))
    assert match, f"{path.name} is not a search index part"
    return match.group(1), json.loads(match.group(2))


@cache
def pagefind_records(site: Path) -> dict[str, dict]:
    """url → fragment (Pagefind's per-record JSON: url, content, meta, filters) a search can return,
    read from the bundle and its parts; "part" says which folder holds it ("pagefind", e.g.
    "part-2", or "recent"). A URL with two such records fails (bundle.visible_fragments)."""
    return {
        fragment["url"]: {**fragment, "part": path.parent.parent.name}
        for path, fragment in visible_fragments(site)
    }


def script_records(site: Path) -> list[list]:
    _, manifest = read_part(site / "search-index.js")
    rows: list[list] = []
    for n in range(len(manifest["docs"]) // 5):  # five characters a code
        key, shard = read_part(site / "search" / f"d{n}.js")
        assert key == f"d{n}"
        rows.extend(shard)
    return rows


def test_pagefind_has_every_page_we_write_and_no_bare_catalog_row(built_site: Path) -> None:
    """Every page we write (guides, drug-data pages, topics) is in Pagefind; a CMS code with no page
    of its own is not (the script index finds it: next test), so Pagefind indexes no catalog row."""
    records = pagefind_records(built_site)
    assert len(REFERENCE.codes) == 8623
    pages = {expected_path(code) for code in REFERENCE.codes if code in GUIDES or code in DRUG_CODES}
    assert set(records) == pages | TOPIC_PAGES
    assert not [url for url in records if url.startswith("catalog/")]
    for code in GUIDES:
        assert records[f"codes/{code}.html"]["meta"]["code"] == code


def test_script_index_has_every_cms_code_in_code_order(built_site: Path) -> None:
    rows = script_records(built_site)
    assert {row[1] for row in rows if not row[0]} == TOPIC_PAGES  # last: after every code
    assert [row[0] for row in rows if row[0]] == sorted(REFERENCE.codes)
    assert all(row[1] == expected_path(row[0]) for row in rows if row[0])
    _, manifest = read_part(built_site / "search-index.js")
    assert manifest["count"] == len(rows)
    assert manifest["docs"] == "".join(
        rows[i][0] or "~~~~~" for i in range(0, len(rows), manifest["docSize"])
    )


@pytest.mark.parametrize("code", GUIDES)
def test_guide_records_carry_metadata_and_filters(built_site: Path, code: str) -> None:
    record = pagefind_records(built_site)[f"codes/{code}.html"]
    page = BeautifulSoup((built_site / "codes" / f"{code}.html").read_text(encoding="utf-8"), "html.parser")
    meta, filters = record["meta"], record["filters"]
    assert set(meta) >= {"code", "title", "descriptor", "aliases", "category"}
    facts = {
        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(strip=True) for dt in page.find_all("dt")
    }
    assert meta["descriptor"] == page.h1.get_text().split(" — ", 1)[1]  # the heading: code — descriptor
    assert meta["aliases"] == facts["Also known as"]
    assert meta["category"] == facts["Category"]
    assert filters["category"] == [facts["Category"]]
    assert filters["route"] == [facts["Route"]]
    assert filters["status"] == [facts["Status"].split(".")[0].lower()]  # "Terminated. CMS ended…"
    assert filters["kind"] == ["guide"]
    # Only the main content is indexed: the section text is there, the header and footer are not.
    assert "Definition" in record["content"] and "Skip to content" not in record["content"]
    assert "This site is a reference for billing staff" not in record["content"]
    assert [a["id"] for a in record["anchors"]][:1] == ["definition"]


def test_drug_data_records_carry_code_descriptor_and_status(built_site: Path) -> None:
    """A drug-data page without a guide goes in as a custom record: code, descriptor, status."""
    records = pagefind_records(built_site)
    for code, row in REFERENCE.codes.items():
        if code in GUIDES or code not in DRUG_CODES:
            continue
        record = records[expected_path(code)]
        assert record["meta"]["code"] == code
        assert record["meta"]["descriptor"] == row.long_descriptor
        assert record["filters"] == {"kind": ["catalog"], "status": [row.status]}
        assert record["content"].startswith(code + " ")


def test_pagefind_bundle_is_the_runtime_only(built_site: Path) -> None:
    bundle = built_site / "pagefind"
    for name in ("pagefind.js", "pagefind-worker.js", "pagefind-entry.json", "wasm.en.pagefind"):
        assert (bundle / name).is_file(), name
    assert list(bundle.glob("*.pf_meta")) and list((bundle / "index").glob("*.pf_index"))
    assert not list(bundle.glob("*ui*")), "the site uses its own UI, not Pagefind's"
    assert not (bundle / "playground").exists()


def test_search_page_and_header_form_exist(built_site: Path) -> None:
    page = BeautifulSoup((built_site / "search.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find(id="search-page-results") is not None
    for name in ("active", "guides"):
        assert page.find("input", attrs={"name": name, "form": "site-search"}) is not None
    code = BeautifulSoup((built_site / "codes" / "J7507.html").read_text(encoding="utf-8"), "html.parser")
    form = code.find("form", id="site-search")
    assert form["action"] == "../search.html" and form["method"] == "get"
    assert code.find("label", string="Search")["for"] == "search-q"
    scripts = [s["src"] for s in code.find_all("script", src=True)]
    assert "../assets/search.js" in scripts  # esbuild's bundle of search-ui.mjs and search.mjs


def test_script_index_parts_are_small_and_inert(built_site: Path) -> None:
    parts = [built_site / "search-index.js", *sorted((built_site / "search").glob("*.js"))]
    assert len(parts) > 100
    for path in parts:
        size = path.stat().st_size
        assert size < 40_000, f"{path.name} is {size} bytes"
        assert "<" not in path.read_text(encoding="utf-8")


def test_crosswalk_names_and_ndcs_reach_the_records() -> None:
    """Every crosswalk name becomes a name of its code (once, any case); its NDCs point at it."""
    drugs = {
        "J7507": DrugNames(("Prograf", "TACROLIMUS"), ("00469-0617-73",)),
        "J9271": DrugNames(("Keytruda",), ("00006-3026-02",)),
    }
    records = {r.code: r for r in search_records([make_document()], REFERENCE.codes, {}, CATALOG, drugs)}
    assert records["J7507"].aliases == ("tacrolimus", "Prograf")
    assert records["J9271"].aliases == ("Keytruda",)
    assert (records["J9271"].drug, records["J9271"].guide, records["J0120"].drug) == (True, False, False)
    tables = ndc_tables(list(records.values()))
    numbers = {r.code: n for n, r in enumerate(records.values())}
    assert tables == {"000": {"00006302602": numbers["J9271"]}, "004": {"00469061773": numbers["J7507"]}}


def make_document(**overrides: object) -> SearchDocument:
    fields: dict[str, object] = {
        "url": "codes/J7507.html",
        "code": "J7507",
        "title": "Tacrolimus, oral",
        "descriptor": "Tacrolimus, immediate release, oral, 1 mg",
        "short_descriptor": "Tacrolimus imme rel oral 1mg",
        "aliases": ("tacrolimus", "Prograf"),
        "category": "Oral immunosuppressive drugs",
        "route": "oral",
        "status": "active",
        "headings": ("Definition",),
        "sections": (SearchSection("definition", "Definition", "Reports oral tacrolimus."),),
    }
    fields.update(overrides)
    return SearchDocument(**fields)  # type: ignore[arg-type]


def test_pagefind_sees_weighted_code_title_and_aliases() -> None:
    page = BeautifulSoup(guide_html(make_document()), "html.parser")
    body = page.find(attrs={"data-pagefind-body": True})
    weighted = [el for el in body.find_all(attrs={"data-pagefind-weight": True})]
    heavy = " ".join(el.get_text(" ") for el in weighted if int(el["data-pagefind-weight"]) == 10)
    assert "J7507" in heavy and "Tacrolimus, oral" in heavy and "Prograf" in heavy
    meta = {
        el["data-pagefind-meta"]: el.get_text() for el in body.find_all(attrs={"data-pagefind-meta": True})
    }
    assert meta == {
        "code": "J7507",
        "title": "Tacrolimus, oral",
        "aliases": "tacrolimus, Prograf",
        "descriptor": "Tacrolimus, immediate release, oral, 1 mg",
        "category": "Oral immunosuppressive drugs",
    }
    filters = {
        el["data-pagefind-filter"]: el.get_text()
        for el in body.find_all(attrs={"data-pagefind-filter": True})
    }
    assert filters == {
        "kind": "guide",
        "category": "Oral immunosuppressive drugs",
        "route": "oral",
        "status": "active",
    }
    assert body.find("h2", id="definition") is not None


def test_author_text_reaches_pagefind_as_text() -> None:
    hostile = make_document(title='"><script>alert(1)</script>', aliases=("<img src=x onerror=alert(1)>",))
    page = BeautifulSoup(guide_html(hostile), "html.parser")
    assert page.find("script") is None and page.find("img") is None
    assert page.find(attrs={"data-pagefind-meta": "title"}).get_text() == '"><script>alert(1)</script>'


def test_words_match_the_browser_rule() -> None:
    cases = json.loads((ROOT / "tests" / "js" / "fixtures" / "words.json").read_text(encoding="utf-8"))
    for case in cases:
        assert words(case["text"]) == case["words"], case["text"]


def test_long_pagefind_replies_are_read_whole() -> None:
    """get_files() answers in one reply of several MB; the reader must not stop at the stream limit."""

    async def read() -> bytes:
        reader = asyncio.StreamReader(limit=64)
        reader.feed_data(b"A" * 1000 + b",B,")
        reader.feed_eof()
        return await read_reply(reader) + await read_reply(reader)

    with ThreadPoolExecutor(max_workers=1) as worker:  # a browser test may own this thread's loop
        assert worker.submit(asyncio.run, read()).result() == b"A" * 1000 + b",B,"


def node_search(site: Path, *queries: dict) -> list[dict]:
    """The file:// engine, run by node on the built index (what a page opened from disk does)."""
    result = subprocess.run(
        ["node", str(ROOT / "tests" / "js" / "site-search.mjs"), str(site)],
        input=json.dumps([{"limit": 10, **q} for q in queries]),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout)


def first_query(site: Path, query: str, **options: object) -> dict:
    return node_search(site, {"query": query, **options})[0]


@pytest.mark.parametrize(
    ("query", "first"),
    [
        ("j7507", "codes/J7507.html"),
        ("J7507", "codes/J7507.html"),
        ("Prograf", "codes/J7507.html"),
        ("envarsus xr", "codes/J7503.html"),
        ("sirolimus", "codes/J7520.html"),
        ("methylprednisolone", "codes/J7509.html"),
        ("immediate release", "codes/J7507.html"),
        ("k0001", CATALOG["K0001"]),
        ("standard wheelchair", CATALOG["K0001"]),
        ("J 7507", "codes/J7507.html"),
        ("j-7507", "codes/J7507.html"),
        ("00469-0617-73", "codes/J7507.html"),
        ("0469061773", "codes/J7507.html"),
        ("gengraf", "codes/J7502.html"),
        ("thymoglobulin", expected_path("J7511")),
        ("keytruda", expected_path("J9271")),
        ("avastin", expected_path("J9035")),
        ("atgam", expected_path("J7504")),
    ],
)
def test_file_index_puts_the_expected_result_first(built_site: Path, query: str, first: str) -> None:
    found = first_query(built_site, query)
    assert found["results"], f"nothing found for {query!r}"
    assert found["results"][0]["path"] == first
    assert sum(part["bytes"] for part in found["loaded"]) < QUERY_BUDGET


def test_file_index_lists_a_code_family_in_order(built_site: Path) -> None:
    family = sorted(code for code in REFERENCE.codes if code.startswith("J75"))
    found = first_query(built_site, "J75", limit=100)
    assert [r["code"] for r in found["results"]] == family
    assert found["total"] == len(family)


def test_long_descriptors_find_their_codes(built_site: Path) -> None:
    """Sampled across the whole CMS file: a long descriptor's words list its code among the first 20
    (13 codes share one descriptor, so a few ties need the results page's "Show more")."""
    sample = sorted(REFERENCE.codes)[::40]
    queries = [
        {
            "query": " ".join(dict.fromkeys(words(REFERENCE.codes[c].long_descriptor))),
            "limit": 20,
            "codesOnly": True,
        }
        for c in sample
    ]
    answers = node_search(built_site, *queries)
    missed = [
        f"{c}: {q['query']}"
        for c, q, a in zip(sample, queries, answers, strict=True)
        if c not in a["results"]
    ]
    assert missed == []


def test_file_index_filters(built_site: Path) -> None:
    terminated = {code for code, row in REFERENCE.codes.items() if row.status == "terminated"}
    assert {"J7505", "J7513"} <= terminated
    everything, active, guides = (
        answer["results"]
        for answer in node_search(
            built_site,
            {"query": "J75", "limit": 100, "codesOnly": True},
            {"query": "J75", "limit": 100, "codesOnly": True, "active": True},
            {"query": "J75", "limit": 100, "codesOnly": True, "guides": True},
        )
    )
    assert active == [c for c in everything if c not in terminated]
    assert guides == [c for c in everything if c in GUIDES]
