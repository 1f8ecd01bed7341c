"""`serve` in a real browser: the open tab reloads after a save, and build errors show over the page."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..helpers import make_content, valid_trio
from ..serving import serving
from .conftest import save_screenshot

pytestmark = pytest.mark.browser
WAIT_MS = 60_000  # a deadline for broken builds, not a speed requirement


def test_open_tab_reloads_on_save_and_shows_build_errors(visit, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    content = make_content(tmp_path, valid_trio())
    page_file = content / "codes" / "J7500.md"
    original = page_file.read_text(encoding="utf-8")
    with serving(content, "--base-path", "/kb/") as serve:
        assert serve.base.endswith("/kb/")
        record = visit(serve.base + "codes/J7500.html")
        page = record.page
        definition = page.locator("#definition")
        expect(definition).to_contain_text("Original text about definition")
        page.evaluate("window.codebookTestMarker = 'before the save'")

        page_file.write_text(original.replace("Original text about definition", "Edited in the editor"))
        expect(definition).to_contain_text("Edited in the editor", timeout=WAIT_MS)
        assert page.evaluate("window.codebookTestMarker") is None  # a real reload, not a patch

        page_file.write_text(original.replace("descriptor: ", "descriptor: Not the CMS text ", 1))
        overlay = page.locator(".codebook-live-errors")
        expect(overlay).to_be_visible(timeout=WAIT_MS)
        expect(overlay).to_contain_text("J7500.md:")
        expect(overlay).to_contain_text("'descriptor' does not match")
        expect(definition).to_contain_text("Edited in the editor")  # the last good build stays
        save_screenshot(page, "serve-build-error-overlay")

        page_file.write_text(original.replace("Original text about definition", "Fixed and saved"))
        expect(definition).to_contain_text("Fixed and saved", timeout=WAIT_MS)
        expect(overlay).to_have_count(0)
        assert record.console_errors == []
        assert record.outside_requests == []
