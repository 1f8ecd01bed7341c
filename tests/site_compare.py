"""Compare two built sites file by file, as tests/test_reproducible.py does.

Pagefind names its filter and index chunks by a hash that is not stable across runs, so pagefind/
is left out of the byte comparison; every other file (the file:// search index included) must be
byte-identical. The Pagefind bundles are compared by what a search can return: after an edit an
incremental build keeps each part's base and adds a small recent index (codebook/search/bundle.py),
so its files differ from a clean build's while its visible records must not.
"""

from __future__ import annotations

from pathlib import Path

from codebook.search.bundle import visible_records


def site_files(folder: Path) -> dict[str, bytes]:
    """Every file below folder but Pagefind's bundle, by relative path."""
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.relative_to(folder).as_posix().startswith("pagefind/")
    }


def differences(first: Path, second: Path) -> list[str]:
    """Paths made by one build only, or with different bytes: [] when the sites are equal."""
    one, two = site_files(first), site_files(second)
    return sorted(path for path in set(one) | set(two) if one.get(path) != two.get(path))


def search_differences(first: Path, second: Path) -> list[str]:
    """URLs whose Pagefind record a search can return differs between the two sites (or exists in
    one only): [] when both bundles answer every query alike."""
    one, two = visible_records(first), visible_records(second)
    return sorted(url for url in set(one) | set(two) if one.get(url) != two.get(url))
