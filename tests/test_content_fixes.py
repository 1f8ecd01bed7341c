"""Issue 30, items 1–8: what each corrected page must no longer say, and what it must say now.

Each case is (page, text): the first table holds today's wrong sentences (from the coder's review),
the second the facts from the CMS files that replace them. Text is compared with runs of white space
folded, so a rewrapped paragraph does not hide a sentence. The content check (tests/test_content_check.py)
catches the same class of error from the data; these pin the pages themselves.
"""

from __future__ import annotations

import pytest

from .helpers import CONTENT

CODES = CONTENT / "codes"
TOPICS = CONTENT / "topics"
DECISION = TOPICS / "which-tacrolimus-cyclosporine-mycophenolate-code.md"
COVERAGE = TOPICS / "medicare-coverage-of-immunosuppressive-drugs.md"


def page_text(path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


MUST_NOT_SAY = [
    # 1. cyclosporine: one product per code, by strength, not either code for the same dose
    (DECISION, "lists the same oral products under both"),
    (DECISION, "or 6 units of J7515"),
    (CODES / "J7502.md", "maps to both oral codes"),
    (CODES / "J7502.md", "or 80 units of J7515"),
    (CODES / "J7515.md", "maps the same oral brands to [[J7502]] as well"),
    (CODES / "J7515.md", "5 units on J7502"),
    # 2. CellCept oral suspension is on J7517 in the crosswalk
    (CODES / "J7517.md", "Liquid product on J7517"),
    (CODES / "J7599.md", "dispensed from that date belongs there, unless it is Myhibbin"),
    # 3. J7599: JW/JZ follow the container, not the descriptor
    (CODES / "J7599.md", "no unit amount for the calculator to split"),
    # 4. J7521: decided, no JZ for packets
    (CODES / "J7521.md", "single-dose packets would put"),
    # 5. injectable JW examples: no invented package
    (CODES / "J7511.md", "containers labelled 150 mg"),
    # 6. coverage: no flat 20 % for every code
    (COVERAGE, "deductible and 20% coinsurance"),
    # 7. historical pages: no current-day JZ rules or rounding examples
    (CODES / "J7505.md", "[[JZ]] (from 2023-07-01)"),
    (CODES / "J7505.md", "7 mg is 1.4"),
    (CODES / "J7513.md", "[[JZ]] from 2023-07-01"),
    (CODES / "J7513.md", "60 mg (2.4)"),
    (CODES / "J7506.md", "12.5 mg (2.5 units"),
    # 8. everolimus: only what the crosswalk lists
    (CODES / "J7527.md", "generic everolimus for oral use falls under the same code"),
]

MUST_SAY = [
    (DECISION, "lists the 25 mg and 50 mg capsules under J7515"),
    (DECISION, "00078-0248-15"),
    (CODES / "J7502.md", "Sandimmune 00078-0110-22"),
    (CODES / "J7515.md", "Neoral 00078-0246-15"),
    (CODES / "J7517.md", "00004-0261-29"),
    (CODES / "J7528.md", "CellCept oral suspension billed here."),
    (CODES / "J7599.md", "2400 NTE segment"),
    (CODES / "J7599.md", "Item 19"),
    (CODES / "J7599.md", "depends on the product's container, not on the code"),
    (CODES / "J7521.md", "the calculator puts neither on a J7521 line"),
    (CODES / "J7511.md", "58468-0080-01"),
    (CODES / "J7504.md", "00009-7224-02"),
    (CODES / "J7516.md", "00078-0109-01"),
    (CODES / "J7525.md", "00469-3016-01"),
    (CODES / "J7519.md", "75 units given and 25 units (250 mg) with [[JW]]"),
    (COVERAGE, "19.372 % for [[J7503]], 10.992 % for [[J7504]] and 9.745 % for [[J7521]]"),
    (CODES / "J7505.md", "What to use now"),
    (CODES / "J7513.md", "What to use now"),
    (CODES / "J7527.md", "0.25 mg, 0.5 mg, 0.75 mg and 1 mg under J7527"),
]


@pytest.mark.parametrize(("path", "text"), MUST_NOT_SAY, ids=[f"{p.stem}:{t[:30]}" for p, t in MUST_NOT_SAY])
def test_the_corrected_page_no_longer_says(path, text: str) -> None:
    assert text not in page_text(path)


@pytest.mark.parametrize(("path", "text"), MUST_SAY, ids=[f"{p.stem}:{t[:30]}" for p, t in MUST_SAY])
def test_the_corrected_page_says(path, text: str) -> None:
    assert text in page_text(path)


@pytest.mark.parametrize("code", ["J7505", "J7513", "J7506"])
def test_a_historical_page_gives_no_jw_or_jz_rule(code: str) -> None:
    """What the code was, when it ended and what to use now: nothing about discarded drug."""
    text = page_text(CODES / f"{code}.md")
    assert "[[JW]]" not in text and "[[JZ]]" not in text
