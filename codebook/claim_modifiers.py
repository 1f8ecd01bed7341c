"""The modifiers a page declares for its claim line, read once from Common Modifiers at load.

A list item that starts with a modifier declares it for the line ("- [[KX]] when …"); a modifier named
in running text ("see [[JW]]") does not, nor does one listed after a line "Not on this line:". The
consistency check (checks/consistency.py), the calculator's claim line (calculator.py → data-modifiers)
and the summary block (page_summary.py) all read this one value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .model import Section

MODIFIERS_SECTION = "Common Modifiers"
# The modifiers the calculator decides itself, each on a line of its own: discarded drug (JW) or none
# (JZ). The others a page declares go on the drug line as written.
CALCULATOR_MODIFIERS = ("JW", "JZ")
NOT_ON_THE_LINE = re.compile(r"^\s*(?:[-*]\s*)?Not on this line\b", re.I)
DECLARATION = re.compile(r"^\s*[-*+]\s+\[\[([A-Z0-9]{2})\]\]")


def declared_modifiers(sections: Iterable[Section]) -> tuple[tuple[str, int], ...]:
    """(modifier, file line) for each list item of Common Modifiers that starts with a modifier,
    before the section's 'Not on this line' part, in the order written, each modifier once."""
    section = next((s for s in sections if s.title == MODIFIERS_SECTION), None)
    if section is None:
        return ()
    declared: dict[str, int] = {}
    for n, line in enumerate(section.markdown.split("\n"), start=1):
        if NOT_ON_THE_LINE.match(line):
            break
        match = DECLARATION.match(line)
        if match:
            declared.setdefault(match.group(1), section.line + n)
    return tuple(declared.items())


def drug_line_modifiers(declared: Iterable[str]) -> tuple[str, ...]:
    """The declared modifiers the calculator writes on the drug line: all but JW and JZ, which it
    decides from the container and the amount discarded."""
    return tuple(m for m in declared if m not in CALCULATOR_MODIFIERS)
