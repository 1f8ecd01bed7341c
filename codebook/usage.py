"""Command-line values that end up in output files, headers or scripts: checked before any work.

A `--base-url` goes verbatim into robots.txt, sitemap.xml and every page's canonical link, and a
`--base-path` into the preview's script tag and Location headers, so a newline, a quote or a
space in them would let the command line write lines or markup nobody meant. Only well-formed
values pass; everything else is a usage error with the reason.
"""

from __future__ import annotations

import re
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
