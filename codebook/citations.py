"""Sources as readers see them: a citation is a title, a publisher, a date and a link.

Our own bookkeeping (which CSV a fact was copied into, the repository and commit a copy came from,
"NOT verified here" notes for maintainers) stays in content/reference/ and never reaches a page: DESIGN §5.
The modifier table keeps its sources as one free-text cell, so it is parsed here into citations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from .cms_tables import Edition
from .drugs import DrugData
from .model import Source

URL = re.compile(r"https?://[^\s;,()]+[^\s;,().]")
COMMIT = re.compile(r"\b[0-9a-f]{40}\b")
# "= hcpcs_level2_full.csv": the file of ours a citation was copied into.
LOCAL_COPY = re.compile(r"\s*=\s*[\w./-]+\.(?:csv|yml|yaml|md|txt)\b")
CITED_VIA = re.compile(r",?\s*cited via\s+[^\s)]+")
UNVERIFIED = re.compile(r"\b(?:not\s+verified|unverified)\b", re.IGNORECASE)
# Who publishes at a host (and its subdomains): the citation's publisher when the source names none.
PUBLISHERS = {
    "oig.hhs.gov": "HHS Office of Inspector General",
    "cms.gov": "CMS",
    "medicare.gov": "CMS",
    "hhs.gov": "HHS",
    "noridianmedicare.com": "Noridian Healthcare Solutions",
    "ngsmedicare.com": "National Government Services",
    "cgsmedicare.com": "CGS Administrators",
    "palmettogba.com": "Palmetto GBA",
}


@dataclass(frozen=True)
class Citation:
    """One source as a reader cites it; every part but the title may be unknown ('')."""

    title: str
    publisher: str = ""
    date: str = ""  # ISO 8601
    url: str = ""
    note: str = ""  # what the source is cited for, e.g. "heading 'KX and GY MODIFIERS'"


def publisher_of(url: str) -> str:
    """The publisher of a web address, by its host; '' for a host we do not know."""
    host = (urlsplit(url).hostname or "").lower()
    return next(
        (name for domain, name in PUBLISHERS.items() if host == domain or host.endswith("." + domain)), ""
    )


def source_citation(source: Source) -> Citation:
    """A front-matter source: its local copy (`file`) is for maintainers and is left out."""
    return Citation(source.title, publisher_of(source.url), source.date.isoformat(), source.url)


def source_citations(sources: Iterable[Source]) -> tuple[Citation, ...]:
    """A source that is only a file of ours (no address: "codebook modifier table") is our
    bookkeeping, not something a reader can consult, so it is left out."""
    return tuple(source_citation(s) for s in sources if s.url or not s.file)


def split_outside_brackets(text: str, separator: str) -> Iterator[str]:
    """Pieces of `text` between separators that are not inside (...)."""
    depth, start = 0, 0
    for i, char in enumerate(text):
        depth += (char == "(") - (char == ")")
        if depth == 0 and text.startswith(separator, i):
            yield text[start:i]
            start = i + len(separator)
    yield text[start:]


def readable_url(url: str) -> str:
    """A link's text when the source gives no title: host and path, without the scheme."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return unquote((parts.hostname or "") + parts.path.rstrip("/") + query)


def text_citations(text: str, dated: dict[str, str] | None = None) -> tuple[Citation, ...]:
    """Citations from a free-text source cell ("Title (url); url (title); …").

    Pieces that only record where a copy of ours came from (a commit) are dropped, and so is a piece
    without a link whose words an earlier citation already holds ("HCPCS file"). `dated` gives the
    date of a known address (the CMS file's edition).
    """
    citations: list[Citation] = []
    for piece in split_outside_brackets(text, ";"):
        citation = piece_citation(piece, dated or {})
        if citation and not repeats(citation, citations):
            citations.append(citation)
    return tuple(citations)


def piece_citation(piece: str, dated: dict[str, str]) -> Citation | None:
    piece = CITED_VIA.sub("", LOCAL_COPY.sub("", piece)).strip()
    if not piece or COMMIT.search(piece):
        return None
    urls = URL.findall(piece)
    url = urls[0] if urls else ""
    words = tidy_brackets(" ".join(URL.sub("", piece).split()))
    if piece.startswith(url) and url:
        inner = words.strip(" ()")
        is_title = inner[:1].isupper()
        title, note = (inner, "") if is_title else (readable_url(url), inner)
    else:
        title, note = words, ""
    return Citation(title, publisher_of(url), dated.get(url, ""), url, note)


def tidy_brackets(text: str) -> str:
    """What is left of "Title (file; url)" once the link is taken out: "Title (file)"."""
    text = re.sub(r"\s*[;,]?\s*\)", ")", re.sub(r"\(\s*", "(", text))
    return re.sub(r"\s*\(\)", "", text).strip()


def repeats(citation: Citation, earlier: list[Citation]) -> bool:
    """A link-less citation whose every word is in an earlier title ("HCPCS file") adds nothing."""
    if citation.url:
        return False
    words = set(citation.title.lower().split())
    return any(words <= set(c.title.lower().split()) for c in earlier)


def split_sentences(text: str) -> list[str]:
    """Sentences end at ". " before a capital letter, outside brackets ("e.g. J7501" is no end)."""
    sentences: list[str] = []
    for piece in split_outside_brackets(text, ". "):
        if sentences and not piece[:1].isupper():
            sentences[-1] += ". " + piece
        else:
            sentences.append(piece)
    return sentences


def reader_text(text: str) -> str:
    """Maintainers' notes with what they mark as unverified left out, clause by clause.

    DESIGN §5: reader-facing text states what the sources support; where a fact is unsupported it is
    left out, not flagged. Sentences split at ". " and clauses at "; ", never inside brackets.
    """
    sentences = []
    for sentence in split_sentences(text.strip()):
        clauses = [
            c.strip()
            for c in split_outside_brackets(sentence.rstrip("."), "; ")
            if c.strip() and not UNVERIFIED.search(c)
        ]
        if clauses:
            kept = "; ".join(clauses)
            sentences.append(kept[0].upper() + kept[1:] + ".")
    return " ".join(sentences)


# Where CMS publishes the quarterly payment-limit files and the NDC–HCPCS crosswalk (SOURCES.md §f).
ASP_PRICING_FILES = "https://www.cms.gov/medicare/payment/part-b-drugs/asp-pricing-files"


def edition_citation(edition: Edition) -> Citation:
    """The CMS HCPCS file the build's facts come from."""
    return Citation(f"{edition.name} ({edition.file})", "CMS", edition.date.isoformat(), edition.url)


def drug_citations(drug: DrugData) -> tuple[Citation, ...]:
    """The CMS drug files a code's payment limits and NDCs come from."""
    citations = []
    if drug.limits:
        first, last = drug.limits[0].quarter, drug.limits[-1].quarter
        span = first.label if first == last else f"{first.label} to {last.label}"
        title = f"Medicare Part B drug payment limit files (ASP pricing files), {span}"
        citations.append(Citation(title, "CMS", last.start.isoformat(), ASP_PRICING_FILES))
    derived = sorted(
        {limit.source for limit in drug.limits if limit.source and limit.source.derived}, key=str
    )
    for source in derived:
        title = f"{source.quarter.label} payment limits, from a copy of the CMS file"
        citations.append(Citation(title, source.copy_of, "", "", "CMS's original file was not found"))
    if drug.packages:
        citations.append(Citation("ASP NDC–HCPCS crosswalk", "CMS", "", ASP_PRICING_FILES))
    return tuple(citations)
