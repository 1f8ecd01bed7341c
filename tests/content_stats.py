"""Words per code page and the share of each page that is about its own code (issue 19's measure).

A sentence is code-specific when it names the page's code, one of its names (aliases, the generic
name in its descriptor) or a code it is compared with (a similar code, its replacement): what a
reader could not read on another page. The share is those sentences' words over the page's words
(a link counts by its text). A sentence such as "The divisor is 50." is about its code but names
nothing, so the share is a lower bound.
Run: `python -m tests.content_stats [content-folder]`.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from codebook.load import load_file

from .test_content_quality import LINK_TARGET, sentences

CODE = re.compile(r"\b[A-V][0-9]{4}\b", re.I)


def page_terms(data: dict) -> set[str]:
    """The words that make a sentence about this page's code."""
    names = {str(a).lower() for a in data.get("aliases", [])}
    names.add(str(data["descriptor"]).split(",")[0].lower())
    codes = {data["code"].lower(), *(s["code"].lower() for s in data.get("similar", []))}
    if data.get("replaced_by"):
        codes.add(data["replaced_by"].lower())
    return names | codes


def page_stats(path: Path) -> tuple[int, int]:
    """(words, code-specific words) of one page's sections."""
    loaded, _ = load_file(path)
    assert loaded is not None, path
    terms = page_terms(loaded.data)
    words = specific = 0
    for section in loaded.sections:
        for sentence in sentences(LINK_TARGET.sub("]", section.markdown)):  # link text, not its target
            count = len(sentence.split())
            words += count
            if any(term in sentence for term in terms):
                specific += count
    return words, specific


def main(content: Path) -> None:
    total = total_specific = 0
    for path in sorted((content / "codes").glob("*.md")):
        words, specific = page_stats(path)
        total, total_specific = total + words, total_specific + specific
        print(f"{path.stem}\t{words}\t{specific / words:.0%}")
    print(f"all\t{total}\t{total_specific / total:.0%}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("content"))
