"""Which folders a build may replace: only an absent or empty one, or one a build wrote itself.

A build replaces its output folder whole (write.py), so pointing `--out` at the project, the
content or someone's `docs/` would delete them. Every site a build writes carries a marker file;
a folder without it is replaced only when it is empty or looks exactly like a site of an older
build (made before the marker existed). Anything else is refused as a usage error.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

MARKER = ".codebook-site"
MARKER_TEXT = b"Written by codebook (python build.py); the next build replaces this folder whole.\n"

# What builds made before the marker existed wrote at the top of a site. Frozen on purpose: every
# newer site carries the marker, so this never has to follow new page types.
LEGACY_ENTRIES = frozenset(
    {
        "404.html",
        "assets",
        "calculator.html",
        "catalog",
        "categories",
        "codes",
        "families",
        "index.html",
        "modifiers.html",
        "pagefind",
        "robots.txt",
        "search",
        "search-index.js",
        "search.html",
        "sitemap.xml",
        "topics",
    }
)
LEGACY_REQUIRED = frozenset({"index.html", "search-index.js", "assets", "codes"})
HOW_TO_PROCEED = (
    "choose a new or empty folder, or, if it is a site you built with codebook, "
    f"move it away or mark it as replaceable with `touch {{folder}}/{MARKER}`"
)


class OutputError(Exception):
    """The site could not be written; the message names the path (the previous site is kept)."""


class OutputRefused(OutputError):
    """The output folder is not the build's to replace: a usage error."""


def mark(folder: Path) -> None:
    """Sign a folder as a codebook site, so later builds know they may replace it."""
    (folder / MARKER).write_bytes(MARKER_TEXT)


def is_ours(folder: Path) -> bool:
    """True for an empty folder, a marked one, or an unmarked site of an older build."""
    try:
        names = {entry.name for entry in os.scandir(folder)}
    except OSError:
        return False
    if not names or MARKER in names:
        return True
    return LEGACY_REQUIRED <= names <= LEGACY_ENTRIES


def refusal(
    out: Path, protected: Iterable[tuple[str, Path]] = (), sources: Iterable[tuple[str, Path]] = ()
) -> str:
    """Why `out` must not be replaced ('' when it may be). `protected` names folders that the
    output may neither be nor contain (the project, the working folder…); `sources` names the
    build's own inputs (content, templates, assets), which the output may not even be inside of.
    These refusals hold whatever marker the folder carries: marking cannot make a source ours."""
    try:
        target = out.resolve()
        guarded = [(name, folder.resolve()) for name, folder in protected]
        inputs = [(name, folder.resolve()) for name, folder in sources]
    except (OSError, RuntimeError) as failure:
        return f"the output folder {out} cannot be used: {failure}"
    if target == Path(target.anchor):
        return f"--out {out} is the root of the file system; choose a folder such as _site/"
    for name, folder in guarded + inputs:
        if folder.is_relative_to(target):
            what = "is" if folder == target else "contains"
            return f"--out {out} {what} {name} ({folder}); a build replaces its output folder whole"
    for name, folder in inputs:
        if target.is_relative_to(folder):
            return (
                f"--out {out} is inside {name} ({folder}); a build replaces its output folder whole, "
                "so choose a folder outside it, such as _site/"
            )
    if target.exists() and not target.is_dir():
        return f"--out {out} is a file, not a folder; choose a folder such as _site/"
    if target.is_dir() and not is_ours(target):
        return (
            f"--out {out} is not empty and was not written by codebook (it has no {MARKER} file); "
            + HOW_TO_PROCEED.format(folder=out)
        )
    return ""


def reason(failure: OSError) -> str:
    """An OSError in words, with the file it concerns when the system named one."""
    where = f" ({failure.filename})" if failure.filename else ""
    return f"{failure.strerror or failure}{where}"
