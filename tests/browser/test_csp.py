"""Security gate, browser half: every audited page works under its Content-Security-Policy with no
violation in the console, from file://, at a server root and under /kb/; and Chromium really
enforces the policy (a script element added to the page does not run)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..gates import AUDITED_PAGES, AuditedPage

pytestmark = pytest.mark.browser

INJECT_INLINE_SCRIPT = """() => {
  window.__inlineRan = false;
  const script = document.createElement('script');
  script.textContent = 'window.__inlineRan = true';
  document.body.append(script);
  return window.__inlineRan;
}"""


def csp_messages(messages: list[str]) -> list[str]:
    return [m for m in messages if "Content Security Policy" in m or "Refused to" in m]


@pytest.mark.parametrize("audited", AUDITED_PAGES, ids=[p.name for p in AUDITED_PAGES])
def test_page_works_under_its_policy(visit, site_base: str, built_site: Path, audited: AuditedPage) -> None:
    assert (built_site / audited.file).is_file(), f"{audited.file} is audited but not in the build"
    record = visit(site_base + audited.url)
    assert record.console_errors == [], f"{audited.url}: {record.console_errors}"
    assert record.outside_requests == []
    assert record.page.evaluate(INJECT_INLINE_SCRIPT) is False, "an inline script ran: CSP not enforced"
    assert csp_messages(record.console_errors), "Chromium did not report the blocked inline script"


def test_a_policy_violation_is_reported(visit, built_site: Path, tmp_path: Path) -> None:
    """Proof the gate can fail: a page of the real site with an inline script and style added."""
    page = tmp_path / "index.html"
    html = (built_site / "index.html").read_text(encoding="utf-8")
    page.write_text(
        html.replace("</main>", '<script>document.title="ran"</script><p style="color:red">x</p></main>'),
        encoding="utf-8",
    )
    record = visit(page.as_uri())
    assert record.page.title() != "ran"
    violations = csp_messages(record.console_errors)
    assert any("inline script" in m for m in violations), record.console_errors
    assert any("inline style" in m for m in violations), record.console_errors
