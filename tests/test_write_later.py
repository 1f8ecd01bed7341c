"""write_site's `later` files: the search indexes, made on another thread while the pages are written,
land in the same staging folder; an error making them leaves the previous site untouched and is
re-raised as it was (not reported as a write failure of the output folder)."""

from __future__ import annotations

from pathlib import Path

import pytest

from codebook.outfolder import OutputError
from codebook.render import OutputFile
from codebook.write import write_site

from .helpers import tree_digest


def files(text: str) -> list[OutputFile]:
    return [OutputFile("index.html", text.encode()), OutputFile("codes/A.html", text.encode())]


def test_later_files_are_written_beside_the_others(tmp_path: Path) -> None:
    out = tmp_path / "_site"
    count = write_site(files("one"), out, later=lambda: [OutputFile("pagefind/x.pf", b"index")])
    assert count == 3
    assert (out / "pagefind" / "x.pf").read_bytes() == b"index"
    assert (out / "codes" / "A.html").read_text() == "one"


@pytest.mark.parametrize("error", [FileNotFoundError("no pagefind binary"), RuntimeError("pagefind failed")])
def test_an_error_of_later_leaves_the_old_site_and_is_raised_as_is(tmp_path: Path, error: Exception) -> None:
    out = tmp_path / "_site"
    write_site(files("old"), out)
    before = tree_digest(out)

    def failing() -> list[OutputFile]:
        raise error

    with pytest.raises(type(error)) as raised:
        write_site(files("new"), out, later=failing)
    assert raised.value is error and not isinstance(raised.value, OutputError)
    assert tree_digest(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["_site"]  # no staging folder left
