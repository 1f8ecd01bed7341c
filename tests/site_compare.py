"""Compare two built sites file by file, as tests/test_reproducible.py does.

Pagefind names its filter and index chunks by a hash that is not stable across runs, so pagefind/
is left out; every other file (the file:// search index included) must be byte-identical.
"""

from __future__ import annotations

from pathlib import Path


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
