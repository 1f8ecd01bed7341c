"""National Drug Codes in any common form → the 11-digit 5-4-2 form billers key in.

Labels print NDCs as 10 digits in three groups (4-4-2, 5-3-2 or 5-4-1); claims and the CMS
crosswalk use 11 digits (5-4-2), made by a leading zero on the short group. A dashed (or spaced)
form says which group is short, so it is unambiguous. Ten digits without separators are not:
"1234567890" could be 01234-5678-90, 12345-0678-90 or 12345-6789-00. Such input is matched against
the NDCs we know (the crosswalk's): exactly one match is the answer; none or several is None,
because guessing a package would bill the wrong drug. site_assets/js/ndc.mjs does the same, and
both are tested on one table of cases (tests/fixtures/ndc_cases.json).
"""

from __future__ import annotations

import re
from collections.abc import Container

SEPARATED = re.compile(r"([0-9]+)[- ]([0-9]+)[- ]([0-9]+)")
PADDING = {(5, 4, 2): (0, 0, 0), (4, 4, 2): (1, 0, 0), (5, 3, 2): (0, 1, 0), (5, 4, 1): (0, 0, 1)}
DIGITS = re.compile(r"[0-9]+")
ELEVEN = re.compile(r"[0-9]{5}-[0-9]{4}-[0-9]{2}")  # already 5-4-2, as the crosswalk writes it


def normalize_ndc(text: str, known: Container[str] = ()) -> str | None:
    """The 11-digit 5-4-2 NDC `text` names, or None when it is not one (or is ambiguous)."""
    value = text.strip() if isinstance(text, str) else ""
    if ELEVEN.fullmatch(value):
        return value
    groups = SEPARATED.fullmatch(value)
    if groups:
        return _padded(groups.groups())
    if not DIGITS.fullmatch(value):
        return None
    if len(value) == 11:
        return dashed(value)
    if len(value) == 10:
        found = [c for c in ten_digit_candidates(value) if c in known]
        return found[0] if len(found) == 1 else None
    return None


def ten_digit_candidates(digits: str) -> tuple[str, ...]:
    """The three 11-digit NDCs an undashed 10-digit string may stand for (4-4-2, 5-3-2, 5-4-1)."""
    return (
        dashed("0" + digits),
        dashed(digits[:5] + "0" + digits[5:]),
        dashed(digits[:9] + "0" + digits[9:]),
    )


def dashed(eleven: str) -> str:
    return f"{eleven[:5]}-{eleven[5:9]}-{eleven[9:]}"


def _padded(groups: tuple[str, ...]) -> str | None:
    pads = PADDING.get(tuple(len(g) for g in groups))
    if pads is None:
        return None
    return dashed("".join("0" * pad + group for pad, group in zip(pads, groups, strict=True)))
