"""Nothing an author writes becomes script: asserted on parsed HTML and on the search index.

The hostile content (tests/hostile.py) puts OWASP filter-evasion payloads in every channel; the
browser half (tests/browser/test_xss.py) asserts the same pages raise no dialog in Chromium.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import pytest

from codebook.markdown import make_markdown, render_markdown
from codebook.search.records import words

from .helpers import soup
from .hostile import HOSTILE_PAGE, HOSTILE_URL, MARKDOWN_URLS, XSS, squeezed
from .links import is_outbound
from .site_scan import tags_in

EVENT_PREFIX = "on"
DANGEROUS_TAGS = ("iframe", "object", "embed", "svg", "img", "base", "foreignobject", "use", "image")
# The one SVG the site draws itself: the payment-limit chart of a drug page (lines, dots and text).
OWN_SVG_CLASS = "limit-chart"
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")


def injection_problems(html: str) -> list[str]:
    """Why HTML could run author script ([] when inert). One html.parser pass: pages can be large."""
    problems: list[str] = []
    bodies = 0
    for tag in tags_in(html):
        bodies += tag.name == "body"
        source = tag.get("src")
        if tag.name == "script" and (not source or is_outbound(source)):
            problems.append(f"<script> that is not the site's own: {source or 'inline'}")
        own_chart = tag.name == "svg" and tag.get("class") == OWN_SVG_CLASS
        if (tag.name in DANGEROUS_TAGS and not own_chart) or (tag.name == "body" and bodies > 1):
            problems.append(f"<{tag.name}> in the page")
        if tag.name == "meta" and tag.get("http-equiv", "").lower() == "refresh":
            problems.append("<meta http-equiv=refresh>")
        problems += [f"<{tag.name} {a}=…>" for a in tag.attrs if a.lower().startswith(EVENT_PREFIX)]
        for attribute in ("href", "xlink:href", "src", "action", "formaction", "content"):
            value = "".join(str(tag.get(attribute, "")).split()).lower()
            if value.startswith(DANGEROUS_SCHEMES):
                problems.append(f"<{tag.name} {attribute}={value}>")
    return problems


def test_the_detector_catches_each_payload_when_it_is_not_escaped() -> None:
    """Proof the check can fail: every payload, pasted raw into a page, is flagged."""
    for name, payload in XSS.items():
        assert injection_problems(f"<html><body><p>{payload}</p></body></html>"), name


def test_every_page_of_the_hostile_site_is_inert(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        assert injection_problems(page.read_text(encoding="utf-8")) == [], page.name


def test_payloads_are_shown_as_text(hostile_site: Path) -> None:
    page = soup(hostile_site / "codes" / f"{HOSTILE_PAGE}.html")
    definition = page.find("section", id="definition").get_text()
    for name, payload in XSS.items():
        # Markdown decodes entities and backslash escapes in text, and '*' pairs may become <em>;
        # the text is shown, never run.
        shown = html.unescape(payload).replace("\\<", "<").replace("*", "")
        assert " ".join(shown.split()) in " ".join(definition.replace("*", "").split()), name
    for text in MARKDOWN_URLS.values():
        assert "javascript:alert" not in str(page.find("section", id="definition").find_all("a"))
        assert text.split("\n")[0].split("(")[0] in definition
    assert page.find("p", class_="lead").get_text() == XSS["attribute-breakout"]


def test_front_matter_strings_stay_in_their_elements(hostile_site: Path) -> None:
    page = soup(hostile_site / "codes" / f"{HOSTILE_PAGE}.html")
    facts = page.find("dl", class_="facts").get_text()
    assert XSS["inline-script"] in facts  # an alias
    reasons = page.find("ul", class_="similar-list").get_text()
    assert XSS["basic-script"] in reasons and XSS["inline-script"] in reasons
    cited = page.find("section", id="sources").find("a", href=HOSTILE_URL)
    assert cited is not None, "the hostile URL must stay one href value"
    assert cited.get_text() == XSS["polyglot"]
    similar = soup(hostile_site / "codes" / "J7501.html").find("ul", class_="similar-list")
    assert XSS["attribute-breakout"] in similar.get_text()  # the hostile page's title


def search_index_parts(site: Path) -> list[Path]:
    """The file:// search index: its manifest and every shard (codebook/search/script_index.py)."""
    return [site / "search-index.js", *sorted((site / "search").glob("*.js"))]


def shard_order(part: Path) -> tuple[str, int]:
    """d2.js before d10.js: record shards in record-number order."""
    digits = part.stem[1:]
    return (part.stem[:1], int(digits)) if digits.isdigit() else (part.stem, -1)


def read_search_rows(site: Path) -> list[list]:
    """Every record row of the script index, in record-number order: [code, path, title, subtitle,
    headings, unit]."""
    rows: list[list] = []
    for part in sorted(search_index_parts(site)[1:], key=shard_order):
        text = part.read_text(encoding="utf-8")
        prefix, suffix = f"window.CodebookSearchParts.{part.stem}=", ";\n"
        assert text.startswith(prefix) and text.endswith(suffix), part.name
        if part.stem.startswith("d"):
            rows.extend(json.loads(text[len(prefix) : -len(suffix)]))
    return rows


def search_names(site: Path) -> list[str]:
    """The rows of search/names.js: "record number,NDC count,name|name…"."""
    text = (site / "search" / "names.js").read_text(encoding="utf-8")
    return json.loads(text[len("window.CodebookSearchParts.names=") : -len(";\n")])["rows"]


def test_search_index_is_data_that_cannot_close_its_script(hostile_site: Path) -> None:
    for part in search_index_parts(hostile_site):
        text = part.read_text(encoding="utf-8")
        assert "<" not in text and "\u2028" not in text and "\u2029" not in text, part.name
        assert text.isascii(), part.name
    rows = read_search_rows(hostile_site)
    number = next(n for n, row in enumerate(rows) if row[0] == HOSTILE_PAGE)
    title = rows[number][2]
    names = search_names(hostile_site)
    aliases = next(row.split(",", 2)[2].split("|") for row in names if row.startswith(f"{number},"))
    assert title == XSS["attribute-breakout"]
    # names.js keeps one spelling per set of words, and leaves out the title (already searched as
    # one): each payload is there, or a name or title that searches the same
    kept = squeezed(aliases)
    assert all(any(words(a) == words(p) for a in [*kept, title]) for p in squeezed(XSS.values()))
    assert {a for a in kept if "<" in a} <= squeezed(XSS.values()), "payloads round-trip as data"


@pytest.mark.parametrize("name", sorted(MARKDOWN_URLS))
def test_markdown_refuses_dangerous_link_urls(name: str) -> None:
    html = render_markdown(make_markdown(), MARKDOWN_URLS[name], lambda target: "")
    assert injection_problems(f"<html><body>{html}</body></html>") == [], html
    assert "<a " not in html and "<img" not in html, html
