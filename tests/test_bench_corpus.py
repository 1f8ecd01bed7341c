"""The benchmark's synthetic corpus passes the build's own checks (else `make bench` measures nothing)."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

from bench.corpus import CMS_FILE, add_synthetic_codes, generate

from .helpers import ROOT


def test_a_synthetic_corpus_has_no_content_errors(tmp_path: Path) -> None:
    corpus = generate(tmp_path / "corpus", 300, seed=1)
    check = [sys.executable, str(ROOT / "build.py"), "check", "--content", str(corpus.content)]
    done = subprocess.run(check, capture_output=True, text=True, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]


def test_synthetic_codes_extend_a_copy_of_the_cms_file(tmp_path: Path) -> None:
    """Past the CMS file's ~8,600 codes (the 16,000 of the series), rows are added under unused codes."""
    cms = tmp_path / CMS_FILE
    rows = (ROOT / "content" / "reference" / CMS_FILE).read_text(encoding="utf-8").splitlines()
    picked = [rows[0], *(r for r in rows if r.startswith(("J7507,", "Q0510,", "A1,", "E0100,")))]
    cms.write_text("\n".join(picked) + "\n", encoding="utf-8")
    add_synthetic_codes(cms, 6, seed=1)
    with cms.open(encoding="utf-8", newline="") as handle:
        read = list(csv.DictReader(handle))
    added = read[len(picked) - 1 :]
    assert len(added) == 6 and len({r["code"] for r in read}) == len(read), "new codes, all distinct"
    assert all(re.fullmatch(r"[EJ][0-9]{4}", r["code"]) for r in added), "a letter of a procedure row"
    source = {r["code"][0]: r for r in read[: len(picked) - 1] if r["record_type"] == "procedure"}
    for row in added:
        model = source[row["code"][0]]
        assert {**row, "code": model["code"], "xref": model["xref"]} == model, "a copy of a real row"
    again = tmp_path / "again.csv"
    again.write_text("\n".join(picked) + "\n", encoding="utf-8")
    add_synthetic_codes(again, 6, seed=1)
    assert again.read_bytes() == cms.read_bytes(), "same seed, same rows"
