"""Command-line values that end up in output files, headers or scripts: checked before any work.

A `--base-url` goes verbatim into robots.txt, sitemap.xml and every page's canonical link, and a
`--base-path` into the preview's script tag and Location headers, so a newline, a quote or a
space in them would let the command line write lines or markup nobody meant. Only well-formed
values pass; everything else is a usage error with the reason.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from urllib.parse import urlsplit

# RFC 3986 characters without the quote (') and the ones outside it (space, ", <, >, \, controls).
URL_CHARACTERS = re.compile(r"[A-Za-z0-9\-._~:/?#\[\]@!$&()*+,;=%]+")
PATH_SEGMENT = re.compile(r"[A-Za-z0-9\-._~]+")


def url_problem(option: str, text: str) -> str:
    """'' for a plain http(s) address with a host; otherwise what is wrong with it."""
    address = "https://github.com/org/codebook" if option == "--repo-url" else "https://org.github.io/repo/"
    example = f"{option} {address}"
    if not URL_CHARACTERS.fullmatch(text):
        return (
            f"{option} must be a plain web address (no spaces, quotes, <, >, control or non-ASCII "
            f"characters; write an international host name in its xn-- form), e.g. {example}"
        )
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or parts.port > 0
    except ValueError:
        return f"{option} must name a host (and at most a port), e.g. {example}"
    if parts.scheme not in ("http", "https") or not text.lower().startswith(f"{parts.scheme}://"):
        return f"{option} must start with https:// or http://, e.g. {example}"
    if not parts.hostname or not port_ok or parts.username is not None:
        return f"{option} must name a host (and at most a port), e.g. {example}"
    if parts.query or parts.fragment or "?" in text or "#" in text:
        return f"{option} must not have a ?query or #fragment, e.g. {example}"
    return ""


def base_path_problem(text: str) -> str:
    """'' for a path such as /, /kb/ or /org/repo/; otherwise what is wrong with it."""
    segments = [segment for segment in text.split("/") if segment]
    if all(PATH_SEGMENT.fullmatch(s) and s not in (".", "..") for s in segments):
        return ""
    return (
        "--base-path must be a path of plain names separated by /, such as / or /kb/ "
        "(letters, digits, '-', '_', '.', '~'; no spaces, quotes, '..' or other characters)"
    )


def build_date(option: str | None, environ: Mapping[str, str]) -> tuple[dt.date | None, str]:
    """The build's date and '' (or None and what is wrong): `--today YYYY-MM-DD`, else
    SOURCE_DATE_EPOCH (the reproducible-builds convention: seconds since 1970, read in UTC), else
    None, which the build reads as the clock's date. Pages say which drug quarters have ended by it."""
    if option is not None:
        try:
            return dt.date.fromisoformat(option), ""
        except ValueError:
            return (
                None,
                f"--today must be a date written YYYY-MM-DD, e.g. --today 2026-12-08 (not {option!r})",
            )
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return None, ""
    if not epoch.isdigit():
        return None, f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01 (not {epoch!r})"
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date(), ""
    except (OverflowError, OSError, ValueError):
        return None, f"SOURCE_DATE_EPOCH {epoch} is out of range — give a date up to the year 9999"
