"""Security gate, parsed half: every page carries a Content-Security-Policy that allows only the
site's own scripts and styles, placed before anything it governs, and no page needs an exception
(no inline script or style, no style="" or on…="" attributes, nothing from another host).

The browser half (tests/browser/test_csp.py) proves Chromium enforces it and the pages work under it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .links import is_outbound
from .site_scan import tags_in

# Every directive may use only these; a few directives get one more source, each for a reason.
ALLOWED = {"'self'", "'none'"}
EXTRA = {
    "script-src": {"'wasm-unsafe-eval'"},  # Pagefind's search runs WebAssembly; no JS eval allowed
    "img-src": {"data:"},  # small inline icons in CSS; images cannot run script
}
REQUIRED = {
    "default-src": ["'self'"],
    "script-src": None,  # present; sources checked against ALLOWED + EXTRA
    "style-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
GOVERNED = ("script", "style", "link", "img", "iframe", "object", "embed")


def parse_policy(text: str) -> dict[str, list[str]]:
    policy: dict[str, list[str]] = {}
    for directive in filter(None, (part.strip() for part in text.split(";"))):
        name, *sources = directive.split()
        policy[name.lower()] = sources
    return policy


def is_csp(http_equiv: str | None) -> bool:
    return bool(http_equiv) and http_equiv.lower() == "content-security-policy"


def policy_problems(html: str) -> list[str]:
    """Why a page's policy or markup falls short ([] when it does not). One html.parser pass."""
    tags = tags_in(html)
    metas = [i for i, tag in enumerate(tags) if tag.name == "meta" and is_csp(tag.get("http-equiv"))]
    body = next((i for i, tag in enumerate(tags) if tag.name == "body"), len(tags))
    if len(metas) != 1 or metas[0] > body:
        return [f"expected one CSP <meta> in <head>, found {len(metas)}"]
    problems = [f"<{tag.name}> comes before the CSP" for tag in tags[: metas[0]] if tag.name in GOVERNED]
    policy = parse_policy(str(tags[metas[0]].get("content", "")))
    for name, wanted in REQUIRED.items():
        if name not in policy:
            problems.append(f"{name} is missing")
        elif wanted is not None and policy[name] != wanted:
            problems.append(f"{name} is {' '.join(policy[name])}, expected {' '.join(wanted)}")
    for name, sources in policy.items():
        extra = set(sources) - ALLOWED - EXTRA.get(name, set())
        if extra:
            problems.append(f"{name} allows {' '.join(sorted(extra))}")
    for tag in tags:
        source = tag.get("src")
        if tag.name == "script" and not source:
            problems.append("inline <script>")
        elif tag.name == "script" and is_outbound(source):
            problems.append(f"script from another host: {source}")
        elif tag.name == "style":
            problems.append("inline <style>")
        problems += [f'<{tag.name} {a}="…">' for a in tag.attrs if a == "style" or a.startswith("on")]
    return problems


def site_pages(*sites: Path) -> list[Path]:
    return [page for site in sites for page in sorted(site.rglob("*.html"))]


def test_every_page_has_the_policy_and_needs_no_exception(built_site: Path, hostile_site: Path) -> None:
    pages = site_pages(built_site, hostile_site)
    assert len(pages) > 30
    for page in pages:
        assert policy_problems(page.read_text(encoding="utf-8")) == [], page


GOOD_HEAD = (
    "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; "
    "style-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'\">"
)


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ("", "", "expected one CSP"),
        (GOOD_HEAD.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'"), "", "'unsafe-inline'"),
        (GOOD_HEAD.replace("script-src 'self'", "script-src 'self' https://cdn.example"), "", "cdn.example"),
        (GOOD_HEAD.replace("style-src 'self'", "style-src *"), "", "style-src is *"),
        (GOOD_HEAD.replace("; object-src 'none'", ""), "", "object-src is missing"),
        ('<link rel="stylesheet" href="a.css">' + GOOD_HEAD, "", "<link> comes before the CSP"),
        (GOOD_HEAD, "<script>alert(1)</script>", "inline <script>"),
        (GOOD_HEAD, '<script src="https://cdn.example/x.js"></script>', "another host"),
        (GOOD_HEAD, '<p style="color:red">x</p>', '<p style="…">'),
        (GOOD_HEAD, '<button onclick="go()">x</button>', '<button onclick="…">'),
    ],
)
def test_the_check_rejects_weak_policies_and_inline_code(head: str, body: str, expected: str) -> None:
    """Proof the gate can fail."""
    html = f"<!DOCTYPE html><html><head>{head}<title>x</title></head><body>{body}</body></html>"
    problems = policy_problems(html)
    assert any(expected in p for p in problems), problems
