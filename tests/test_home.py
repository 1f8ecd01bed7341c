"""The home page leads with search, then browsing by category and family; the numbers come after."""

from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import soup

pytestmark = pytest.mark.slow  # reads the real build


def test_home_leads_with_search_then_browsing_then_the_numbers(built_site: Path) -> None:
    main = soup(built_site / "index.html").find("main")
    blocks = main.find_all(["form", "section"], recursive=False)
    order = [tag.get("id") or tag.get("class")[0] for tag in blocks]
    assert order == ["home-search", "browse", "families", "catalog", "numbers", "a-z"]
    form = main.find("form", class_="home-search")
    assert form["action"] == "search.html" and form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": "home-q"}).get_text() == "Find a code, a drug or a brand name"
    assert main.find(class_="stats").find_parent("section")["id"] == "numbers"
