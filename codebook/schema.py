"""The one description of a code page: front-matter fields and body sections.

The validator, the `new` scaffolder and the tests all read this module, so a field or section is
added in exactly one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

CODE_PATTERN = re.compile(r"^[A-V][0-9]{4}$")
# Every hint the `new` scaffolder writes starts with this; a published page may not keep one.
HINT_PREFIX = "TODO:"
MODIFIER_PATTERN = re.compile(r"^[A-Z0-9]{2}$")
# Characters no text may hold: C0 controls but tab and line feed, DEL, C1 controls, the bidi
# embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069), which reorder what a reader
# sees ("Trojan Source"), and the line/paragraph separators U+2028/U+2029, which break lines in
# terminals and scripts. The plain marks LRM/RLM (U+200E/U+200F) stay allowed: right-to-left text
# needs them and they reorder nothing beyond one character. YAML escapes ("\0", "\x1b", "\u202e")
# make all of these easy to write and they would reach pages and terminals.
CONTROL_CHARACTER = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# A number as people write it on a form: digits, optionally a point and more digits. No sign, no
# exponent, no NaN/Infinity, no YAML 1.1 forms like 0x1F or 1_000.
PLAIN_DECIMAL = re.compile(r"^[0-9]+(\.[0-9]+)?$")


@dataclass(frozen=True)
class NumberBounds:
    """What a number field may hold, declared once: the validator checks it and its errors quote it."""

    above: Decimal
    at_most: Decimal
    places: int

    def describe(self) -> str:
        above = "zero" if self.above == 0 else f"{self.above:,}"
        return (
            f"a plain decimal number above {above} and at most {self.at_most:,}, "
            f"with at most {self.places} decimal places (no exponent)"
        )


@dataclass(frozen=True)
class FieldSpec:
    """One front-matter field.

    `kind` is one of: text, url, code, date, choice, category, number, flag (YAML true/false),
    list (of `item`), record (of `fields`). A number field has its `bounds`.
    """

    name: str
    kind: str
    required: bool
    example: object
    help: str
    choices: tuple[str, ...] = ()
    fields: tuple[FieldSpec, ...] = ()
    item: FieldSpec | None = None
    min_items: int = 1
    bounds: NumberBounds | None = None


@dataclass(frozen=True)
class SectionSpec:
    title: str
    required: bool
    hint: str

    @property
    def slug(self) -> str:
        return slugify(self.title)


UNITS = ("mg", "mcg", "g", "mL", "L", "cc", "units", "IU", "mEq", "USP units", "each")
ROUTES = (
    "oral",
    "injection",
    "intravenous",
    "intramuscular",
    "subcutaneous",
    "inhalation",
    "topical",
    "ophthalmic",
    "nasal",
    "rectal",
    "vaginal",
    "transdermal",
    "implant",
    "various",
    "not specified",  # a NOC code such as J7599: the CMS table gives no route
)
STATUSES = ("active", "terminated")
# One billing unit: never zero or negative, never more than a million of its unit, and no finer
# than a microgram of a milligram (CMS descriptors use at most three decimals).
BILLING_AMOUNT = NumberBounds(above=Decimal(0), at_most=Decimal(1_000_000), places=6)

BILLING_UNIT = FieldSpec(
    "billing_unit",
    "record",
    False,
    {"amount": 1, "unit": "mg"},
    "the amount in the CMS long descriptor that one billing unit stands for; "
    "leave it out only for a code whose descriptor names no amount (e.g. J7599)",
    fields=(
        FieldSpec("amount", "number", True, 1, "what one unit stands for", bounds=BILLING_AMOUNT),
        FieldSpec("unit", "choice", True, "mg", "the unit of the amount", choices=UNITS),
        FieldSpec("up_to", "flag", False, True, "true when the descriptor says 'up to' the amount"),
    ),
)

# `sources[].file` is written from the project root, so its first part names the content folder. It
# is resolved against the content folder being built (which need not be called `content`, nor sit
# in this repository), and must stay inside it: the page shows it as "copy in this repository".
CONTENT_PREFIX = "content/"

SIMILAR_ITEM = FieldSpec(
    "similar code",
    "record",
    True,
    {"code": "J7503", "reason": "Extended-release tacrolimus billed per 0.25 mg."},
    "a similar code and the precise difference",
    fields=(
        FieldSpec("code", "code", True, "J7503", "a code that has its own page"),
        FieldSpec("reason", "text", True, "Extended-release form.", "one sentence: the difference"),
    ),
)

SOURCE_ITEM = FieldSpec(
    "source",
    "record",
    True,
    {"title": "CMS HCPCS Level II file, January 2026", "file": "content/reference/hcpcs_j75xx.csv"},
    "where a fact on the page comes from",
    fields=(
        FieldSpec("title", "text", True, "CMS HCPCS Level II file, January 2026", "what it is"),
        FieldSpec("url", "url", False, "https://www.cms.gov/", "an https:// address"),
        FieldSpec(
            "file",
            "text",
            False,
            "content/reference/hcpcs_j75xx.csv",
            f"a file inside the content folder, written from the project root as '{CONTENT_PREFIX}…' "
            "(wherever the content folder is, 'content/' names it)",
        ),
        FieldSpec("date", "date", True, "2026-01-12", "the source's date or edition, YYYY-MM-DD"),
    ),
)

# Code pages and topic pages cite and date their facts alike.
SOURCES = FieldSpec(
    "sources",
    "list",
    True,
    [SOURCE_ITEM.example],
    "the sources of this page's facts",
    item=SOURCE_ITEM,
)
REVIEWED = FieldSpec("reviewed", "date", True, "2026-11-23", "when a person last checked the page")

FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("code", "code", True, "J7507", "the HCPCS Level II code, upper case, like the file name"),
    FieldSpec("title", "text", True, "Tacrolimus, oral", "the short name a person uses"),
    FieldSpec(
        "descriptor",
        "text",
        True,
        "Tacrolimus, immediate release, oral, 1 mg",
        "the official CMS long descriptor, exactly as in the reference file",
    ),
    FieldSpec(
        "short_descriptor",
        "text",
        True,
        "Tacrolimus imme rel oral 1mg",
        "the official CMS short descriptor, exactly as in the reference file",
    ),
    FieldSpec("category", "category", True, "oral-immunosuppressives", "a slug from categories.yml"),
    BILLING_UNIT,
    FieldSpec("route", "choice", True, "oral", "how the drug is given", choices=ROUTES),
    FieldSpec("status", "choice", True, "active", "active or terminated", choices=STATUSES),
    FieldSpec("added", "date", True, "1995-01-01", "the CMS add date"),
    FieldSpec("effective", "date", False, "2014-01-01", "the CMS action effective date"),
    FieldSpec("terminated", "date", False, "2025-12-31", "the last date the code may be used"),
    FieldSpec("replaced_by", "code", False, "J7512", "the code to use instead, if CMS names one"),
    FieldSpec(
        "aliases",
        "list",
        True,
        ["tacrolimus", "Prograf"],
        "generic and brand names people search for",
        item=FieldSpec("alias", "text", True, "tacrolimus", "a name"),
    ),
    FieldSpec(
        "rules",
        "list",
        False,
        ["billing-units-and-rounding", "kx-on-immunosuppressive-drug-claims"],
        "the topic pages whose rules this code relies on, by file name in content/topics/ without "
        "'.md'; the page lists them, with their purpose, under 'Rules that apply' near the top",
        item=FieldSpec("rule", "text", True, "jw-and-jz", "a topic page's file name without '.md'"),
        min_items=0,  # `new` writes an empty list for the author to fill
    ),
    FieldSpec(
        "similar",
        "list",
        True,
        [SIMILAR_ITEM.example],
        "similar codes, each with the reason",
        item=SIMILAR_ITEM,
        min_items=0,  # the page rules ask for at least MIN_SIMILAR, with a clearer message
    ),
    SOURCES,
    REVIEWED,
    FieldSpec(
        "draft",
        "flag",
        False,
        True,
        "true while the page is unfinished: left out of the build, its problems shown as warnings",
    ),
)

# A topic page (content/topics/<slug>.md): an explanation many code pages share, written once.
# Its body is free `## ` sections; its sources are checked as a code page's are.
TOPIC_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("title", "text", True, "JW and JZ", "the topic's name, as a biller would look for it"),
    FieldSpec(
        "summary",
        "text",
        True,
        "When a drug line needs JW or JZ.",
        "one or two sentences shown under the title of the topic page",
    ),
    FieldSpec(
        "purpose",
        "text",
        True,
        "Read before putting JW or JZ on an injected drug's line.",
        "one line saying when a biller needs this topic: the index of topics and every guide's "
        "'Rules that apply' list show it",
    ),
    SOURCES,
    REVIEWED,
)

# What a field of each kind must hold, as the error for a wrong value says it.
REQUIREMENTS = {
    "text": "it must be non-empty text",
    "url": "it must be a web address starting with https://",
    "code": "not a HCPCS code (one capital letter A–V and four digits, e.g. J7507)",
    "date": "not a date (write YYYY-MM-DD, without quotes)",
    "category": "not a category in categories.yml",
    "flag": "it must be true or false, without quotes",
    "list": "it must be a list with at least one '- ' item",
    "record": "it must be a set of 'field: value' lines",
}


def requirement(spec: FieldSpec) -> str:
    """What `spec` must hold, in words an author can act on (errors quote it)."""
    if spec.kind == "choice":
        return f"allowed: {', '.join(spec.choices)}"
    if spec.kind == "number":
        assert spec.bounds is not None, f"number field {spec.name} declares no bounds"
        return f"not {spec.bounds.describe()}"
    return REQUIREMENTS[spec.kind]


def flag_is_set(data: dict[str, object], name: str) -> bool:
    """A flag is on only when it is YAML `true`: the one place that decides (a quoted "false" is
    text, reported by the validator, and never counts as on)."""
    return data.get(name) is True


SECTIONS: tuple[SectionSpec, ...] = (
    SectionSpec("Definition", True, "What the code covers and does not cover: drug, form, route, unit."),
    SectionSpec("In Plain Language", True, "The same in two or three sentences a patient would use."),
    SectionSpec("Clinical Context", True, "Who uses the drug, who bills it and where."),
    SectionSpec("Common Modifiers", True, "Modifiers that apply to this code and why, as [[KX]]."),
    SectionSpec("Documentation Requirements", True, "What a payer asks to see in the record."),
    SectionSpec("Common Denial Reasons", True, "Concrete causes of denial and how to avoid them."),
    SectionSpec(
        "Special Considerations for Commercial Insurers",
        True,
        "How commercial payers differ from Medicare for this code.",
    ),
    SectionSpec("Similar Codes", True, "How to tell this code from its similar codes."),
)

REQUIRED_SECTIONS = tuple(s for s in SECTIONS if s.required)
SECTIONS_BY_TITLE = {s.title: s for s in SECTIONS}

# Section ids every code page has whatever its content, so body links may point at them.
ANCHORS_ON_EVERY_PAGE = ("billing-units", "sources")


def slugify(text: str) -> str:
    """Lower-case, ASCII letters and digits joined by hyphens: stable ids and file names."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def code_family(code: str) -> str:
    """The hundred-block a code belongs to, e.g. J7507 -> 'J7500-J7599'."""
    start = f"{code[:3]}00"
    return f"{start}-{code[:3]}99"
