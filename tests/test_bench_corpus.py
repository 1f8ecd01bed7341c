"""The benchmark's synthetic corpus passes the build's own checks (else `make bench` measures nothing)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from bench.corpus import generate

from .helpers import ROOT


def test_a_synthetic_corpus_has_no_content_errors(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus", 300, seed=1)
    check = [sys.executable, str(ROOT / "build.py"), "check", "--content", str(corpus.content)]
    done = subprocess.run(check, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
