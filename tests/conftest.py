from __future__ import annotations

from pathlib import Path

import pytest

from .helpers import run_build


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real content/, built once per test run through the real command line."""
    out = tmp_path_factory.mktemp("site") / "_site"
    result = run_build("--out", out)
    assert result.returncode == 0, result.stderr
    return out
