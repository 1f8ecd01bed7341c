"""Sentences that three or more guides share word for word (issue 30's repetition measure).

A sentence is split as the content-quality test splits it (markup and link syntax dropped, lower
case, whitespace folded); one of fewer than MIN_WORDS words ("Yes.", "Not on this line:") is no
explanation and is not counted. A sentence shared by three or more guides (content/codes/*.md) is
an explanation that belongs once, in a topic page.
Run: `python -m tests.shared_sentences [content-folder] [--list]`.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from codebook.load import load_file

from .test_content_quality import LINK_TARGET, sentences

MIN_WORDS = 3
MIN_GUIDES = 3


def guides_by_sentence(content: Path) -> dict[str, set[str]]:
    """Each sentence of every guide's sections, with the guides (codes) that hold it."""
    found: dict[str, set[str]] = defaultdict(set)
    for path in sorted((content / "codes").glob("*.md")):
        loaded, _ = load_file(path)
        assert loaded is not None, path
        for section in loaded.sections:
            for sentence in sentences(LINK_TARGET.sub("]", section.markdown)):
                if len(sentence.split()) >= MIN_WORDS:
                    found[sentence].add(path.stem)
    return found


def shared_sentences(content: Path) -> dict[str, tuple[str, ...]]:
    """The sentences MIN_GUIDES or more guides share, each with those guides in code order."""
    return {
        sentence: tuple(sorted(codes))
        for sentence, codes in sorted(guides_by_sentence(content).items())
        if len(codes) >= MIN_GUIDES
    }


def main(arguments: list[str]) -> None:
    folders = [a for a in arguments if not a.startswith("--")]
    shared = shared_sentences(Path(folders[0]) if folders else Path("content"))
    if "--list" in arguments:
        for sentence, codes in shared.items():
            print(f"{len(codes)}\t{sentence}\t{' '.join(codes)}")
    print(f"sentences shared by {MIN_GUIDES} or more guides: {len(shared)}")


if __name__ == "__main__":
    main(sys.argv[1:])
