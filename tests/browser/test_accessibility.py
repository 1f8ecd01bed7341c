"""Accessibility gate: axe-core in Debian Chromium finds 0 serious or critical violations.

axe-core comes from npm (installed into node_modules/ on first use); it is evaluated through the
DevTools protocol, which the pages' Content-Security-Policy does not govern. Pages are served over
http because axe reads stylesheets with XHR, which Chromium refuses from file://. Every audited page
is checked in the light and the dark colour scheme (contrast differs).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ..gates import AUDITED_PAGES, AuditedPage, ensure_axe

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
  }));
}"""


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        return ensure_axe().read_text(encoding="utf-8")
    except RuntimeError as problem:
        if os.environ.get("CI") == "true":
            pytest.fail(str(problem))
        pytest.skip(str(problem))


def audit(record, axe_source: str) -> list[dict]:
    if not record.page.evaluate("typeof axe !== 'undefined'"):
        record.page.evaluate(axe_source)
    return record.page.evaluate(RUN_AXE)


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} — {', '.join(v['targets'])}" for v in violations
    )


@pytest.mark.parametrize("audited", AUDITED_PAGES, ids=[p.name for p in AUDITED_PAGES])
def test_no_serious_or_critical_violations(
    visit, served_at_root, built_site: Path, axe_source: str, audited: AuditedPage
) -> None:
    assert (built_site / audited.file).is_file(), f"{audited.file} is audited but not in the build"
    record = visit(served_at_root.base + audited.url)
    blocking = []
    for scheme in ("light", "dark"):
        record.page.emulate_media(color_scheme=scheme)
        dark = record.page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        assert dark == (scheme == "dark")
        violations = audit(record, axe_source)
        found = [v for v in violations if v["impact"] in BLOCKING]
        print(f"axe {audited.url} ({scheme}): {len(violations)} violation(s), {len(found)} serious/critical")
        blocking += [{**v, "help": f"[{scheme}] {v['help']}"} for v in found]
    assert blocking == [], f"{audited.url}:\n{describe(blocking)}"


INACCESSIBLE_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>x</title></head><body>
<img src="missing.png">
<input type="text">
<p style="color:#bbb;background:#fff">low-contrast text</p>
<a href="other.html"></a>
</body></html>
"""


def test_axe_reports_an_inaccessible_page(visit, tmp_path: Path, axe_source: str) -> None:
    """Proof the gate can fail: missing alt text, an unlabelled input, an empty link, low contrast."""
    page = tmp_path / "bad.html"
    page.write_text(INACCESSIBLE_PAGE, encoding="utf-8")
    found = {v["id"] for v in audit(visit(page.as_uri()), axe_source) if v["impact"] in BLOCKING}
    assert {"image-alt", "label", "link-name", "color-contrast"} <= found, found
