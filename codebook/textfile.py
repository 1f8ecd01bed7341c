"""Bytes on disk → text for the loader, refusing anything that is not a readable UTF-8 text file.

Every refusal is a Diagnostic at the file's first affected line, never an exception: a folder
named like a code, a symlink loop, a named pipe (reading one would hang the build), a huge paste,
UTF-16 from a Windows editor, binary data or a stray Latin-1 byte.

Two things Windows editors write are accepted on purpose, because they are valid UTF-8 text that
renders identically: a leading byte-order mark (dropped) and CRLF or lone CR line endings
(normalised to LF, so line numbers still match what the author's editor shows).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .diagnostics import Diagnostic

MAX_FILE_BYTES = 2_000_000
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
UTF8_BOM = "\ufeff"


def display_path(path: Path) -> str:
    """Path as an author would type it: relative to the working folder when possible.

    Uses the absolute path, not the resolved one: resolving a symlink loop raises, and an author
    knows the link's own name, not its target.
    """
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def read_content_text(
    path: Path, shown: str, max_bytes: int = MAX_FILE_BYTES, empty_fix: str = ""
) -> tuple[str, Diagnostic | None]:
    """UTF-8 text with a leading BOM dropped and line endings normalised, or why it cannot be read.

    Reference tables pass their own size limit (the CMS file alone is ~2 MB) and fix for an empty file.
    """
    raw, problem = _read_regular_file(path, shown, max_bytes)
    if problem:
        return "", problem
    return _decode(raw, shown, empty_fix)


def _read_regular_file(path: Path, shown: str, max_bytes: int) -> tuple[bytes, Diagnostic | None]:
    try:
        info = path.stat()
    except OSError as error:
        return b"", _unreadable(path, shown, error)
    if stat.S_ISDIR(info.st_mode):
        return b"", Diagnostic(
            shown, 1, "this is a folder, not a file", "rename the folder so its name does not end in .md"
        )
    if not stat.S_ISREG(info.st_mode):
        return b"", not_regular(shown, "replace it with a plain text file or delete it")
    if info.st_size > max_bytes:
        return b"", Diagnostic(
            shown,
            1,
            f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit",
            "split the content or remove pasted data",
        )
    try:
        return path.read_bytes(), None
    except OSError as error:
        return b"", _unreadable(path, shown, error)


def not_regular(shown: str, fix: str) -> Diagnostic:
    """A pipe, socket or device where a file belongs: reading a FIFO would hang, and a pipe can be
    read only once (checked, then gone before it could be copied in)."""
    return Diagnostic(shown, 1, "this is not a regular file (a pipe, socket or device)", fix)


def regular_file_problem(path: Path, fix: str) -> Diagnostic | None:
    """Why path is a pipe, socket or device; None for anything else (a missing file or a folder:
    its reader says so)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    return None if stat.S_ISREG(mode) or stat.S_ISDIR(mode) else not_regular(display_path(path), fix)


def _unreadable(path: Path, shown: str, error: OSError) -> Diagnostic:
    reason = error.strerror or str(error)
    try:
        linked = path.is_symlink()
    except OSError:  # an unreadable folder hides even whether its entries are links
        linked = False
    if linked:
        return Diagnostic(
            shown,
            1,
            f"this symbolic link cannot be followed ({reason})",
            "point the link at an existing file, or replace it with the file itself",
        )
    return Diagnostic(shown, 1, f"cannot read the file ({reason})", "check the file exists and is readable")


def _decode(raw: bytes, shown: str, empty_fix: str) -> tuple[str, Diagnostic | None]:
    if not raw.strip():
        return "", Diagnostic(
            shown,
            1,
            "the file is empty",
            empty_fix or f"write the page, or start from a scaffold: python build.py new {Path(shown).stem}",
        )
    if raw.startswith(UTF16_BOMS):
        return "", Diagnostic(
            shown, 1, "the file is UTF-16 text", "save it as UTF-8 (in most editors: Save As → Encoding)"
        )
    if b"\x00" in raw:
        line = raw[: raw.index(b"\x00")].count(b"\n") + 1
        return "", Diagnostic(
            shown,
            line,
            "the file contains NUL bytes, so it is not text",
            "delete the invisible characters on this line, or re-create the file from a text editor",
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return "", Diagnostic(
            shown,
            line,
            f"the file is not UTF-8 text (byte 0x{raw[error.start]:02x} on this line)",
            "save it with UTF-8 encoding, or retype the accented character or quote on this line",
        )
    return text.removeprefix(UTF8_BOM).replace("\r\n", "\n").replace("\r", "\n"), None
