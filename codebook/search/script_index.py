"""The search index for pages opened from disk: plain scripts, loaded by <script> tags on demand.

Browsers refuse fetch() and module scripts on file://, so this index is a set of classic scripts that
each add one part to `window.CodebookSearchParts`. A query loads the small manifest
(search-index.js), the word shard for each query word, and the record shards of the results it
shows — never the whole index — so one query stays well under 300 kB at 8,000+ pages.

- Records (search/d<n>.js): DOC_SHARD_SIZE records each, in code order:
  [code, path, title, subtitle, [aliases], [heading numbers]]; the subtitle is the CMS long
  descriptor under a guide's own title, or the CMS short descriptor under a catalog row (whose
  title is the long descriptor).
- Words (search/t<n>.js): {word: postings}; all words sharing their first two letters live in one
  shard, so a word prefix of two or more letters needs exactly one shard.
- Postings: per record, the gap from the previous record number in base 32 (digits 0-9a-v), then
  one capital letter 'A' + field mask (TITLE, ALIAS, DESCRIPTOR, OTHER) saying where the word is.
- NDCs (search/n<ddd>.js): {11 digits: record number} for the NDCs starting with the digits ddd,
  so an NDC typed in any form needs one shard (two for a bare 10-digit run, read three ways).
- Manifest: first code of each record shard, first two letters of each word shard, the heading
  table, bitsets of guide pages and terminated codes (so filters need no record shard), and each
  title's word count as one base-32 digit (so "standard wheelchair" ranks K0001 "Standard
  wheelchair" above longer titles holding the same words), the bitset of codes with CMS drug data
  and the NDC shards that exist, the modifiers ({code: [glossary path, title, status]}), and each
  code's NDC count (at most 31) as one base-32 digit: a popularity signal, so "prograf" ranks the
  oral J7507 (many generic NDCs) above the injection.
"""

from __future__ import annotations

import base64
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from ..jsdata import script_assignment
from ..render import OutputFile
from .records import ModifierRecord, SearchRecord, words

MANIFEST_PATH = "search-index.js"
PARTS_GLOBAL = "CodebookSearchParts"
SHARD_FOLDER = "search"
DOC_SHARD_SIZE = 32
WORD_SHARD_BYTES = 16_000
FORMAT_VERSION = 1
NDC_SHARD_DIGITS = 3  # "00" alone holds ~2,000 NDCs (38 kB); three digits keep every shard small

TITLE, ALIAS, DESCRIPTOR, OTHER = 1, 2, 4, 8
BASE32 = "0123456789abcdefghijklmnopqrstuv"


def build_script_index(
    records: Sequence[SearchRecord], modifiers: Sequence[ModifierRecord] = ()
) -> list[OutputFile]:
    records = distinct_headings(records)
    headings = sorted({h for r in records for h in r.headings})
    doc_shards = [records[i : i + DOC_SHARD_SIZE] for i in range(0, len(records), DOC_SHARD_SIZE)]
    word_shards = pack_word_shards(postings(records))
    ndc_shards = ndc_tables(records)
    manifest = {
        "version": FORMAT_VERSION,
        "count": len(records),
        "docSize": DOC_SHARD_SIZE,
        "docs": [shard[0].code for shard in doc_shards],
        "words": [first for first, _ in word_shards],
        "headings": headings,
        "guide": bitset(i for i, r in enumerate(records) if r.guide),
        "terminated": bitset(i for i, r in enumerate(records) if r.status == "terminated"),
        "drug": bitset(i for i, r in enumerate(records) if r.drug),
        "ndc": sorted(ndc_shards),
        "ndcDigits": NDC_SHARD_DIGITS,
        "modifiers": {m.code: [m.path, m.title, m.status] for m in modifiers},
        "lengths": "".join(BASE32[min(len(words(r.title)), 31)] for r in records),
        "ndcCounts": "".join(BASE32[min(len(r.ndcs), 31)] for r in records),
    }
    heading_number = {h: i for i, h in enumerate(headings)}
    files = [part_file("index", MANIFEST_PATH, manifest)]
    for n, shard in enumerate(doc_shards):
        rows = [doc_row(r, heading_number) for r in shard]
        files.append(part_file(f"d{n}", f"{SHARD_FOLDER}/d{n}.js", rows))
    for n, (_, table) in enumerate(word_shards):
        files.append(part_file(f"t{n}", f"{SHARD_FOLDER}/t{n}.js", table))
    for first, table in sorted(ndc_shards.items()):
        files.append(part_file(f"n{first}", f"{SHARD_FOLDER}/n{first}.js", table))
    return files


def ndc_tables(records: Sequence[SearchRecord]) -> dict[str, dict[str, int]]:
    """First NDC_SHARD_DIGITS digits → {NDC as 11 digits: record number}; an NDC the crosswalk gives two codes
    points at the first (in code order)."""
    tables: dict[str, dict[str, int]] = defaultdict(dict)
    for number, record in enumerate(records):
        for ndc in record.ndcs:
            digits = ndc.replace("-", "")
            tables[digits[:NDC_SHARD_DIGITS]].setdefault(digits, number)
    return {first: dict(sorted(table.items())) for first, table in tables.items()}


def distinct_headings(records: Sequence[SearchRecord]) -> list[SearchRecord]:
    """Records keeping only headings found on at most half of the guide pages.

    The required sections (Definition, Common Denial Reasons, ...) are on every guide, so their
    words would match every guide and cost ~16 kB of postings each at 8,000 pages; they tell pages
    apart no better than no match. Over http, Pagefind still searches every section's text.
    """
    counts = Counter(h for r in records for h in set(r.headings))
    guides = sum(1 for r in records if r.guide)
    common = {h for h, n in counts.items() if n > guides / 2}
    return [replace(r, headings=tuple(h for h in r.headings if h not in common)) for r in records]


def part_file(key: str, path: str, data: object) -> OutputFile:
    return OutputFile(path, script_assignment(f"{PARTS_GLOBAL}.{key}", data))


def doc_row(record: SearchRecord, heading_number: dict[str, int]) -> list[object]:
    subtitle = record.descriptor if record.guide else record.short_descriptor
    headings = [heading_number[h] for h in record.headings]
    return [record.code, record.path, record.title, subtitle, list(record.aliases), headings]


def record_fields(record: SearchRecord) -> Iterable[tuple[int, str]]:
    """Where a record's words come from; its own code is found by code lookup, not as a word."""
    yield TITLE, record.title
    for alias in record.aliases:
        yield ALIAS, alias
    yield DESCRIPTOR, record.descriptor
    yield DESCRIPTOR, record.short_descriptor
    for heading in record.headings:
        yield OTHER, heading
    yield OTHER, record.category


def postings(records: Sequence[SearchRecord]) -> dict[str, str]:
    """word → encoded (record number, field mask) list, record numbers ascending."""
    masks: dict[str, dict[int, int]] = defaultdict(dict)
    for number, record in enumerate(records):
        own_code = record.code.lower()
        for field, text in record_fields(record):
            for word in words(text):
                if len(word) > 1 and word != own_code:
                    found = masks[word]
                    found[number] = found.get(number, 0) | field
    return {word: encode_postings(found) for word, found in sorted(masks.items())}


def encode_postings(found: dict[int, int]) -> str:
    out: list[str] = []
    previous = 0
    for number in sorted(found):
        out.append(base32(number - previous) + chr(ord("A") + found[number]))
        previous = number
    return "".join(out)


def base32(value: int) -> str:
    digits = ""
    while True:
        value, rest = divmod(value, 32)
        digits = BASE32[rest] + digits
        if not value:
            return digits


def pack_word_shards(encoded: dict[str, str]) -> list[tuple[str, dict[str, str]]]:
    """Consecutive two-letter groups packed into shards of about WORD_SHARD_BYTES each."""
    groups: dict[str, dict[str, str]] = defaultdict(dict)
    for word, value in encoded.items():
        groups[word[:2]][word] = value
    shards: list[tuple[str, dict[str, str]]] = []
    size = WORD_SHARD_BYTES
    for key in sorted(groups):
        if size >= WORD_SHARD_BYTES:
            shards.append((key, {}))
            size = 0
        shards[-1][1].update(groups[key])
        size += sum(len(w) + len(v) + 6 for w, v in groups[key].items())
    return shards


def bitset(numbers: Iterable[int]) -> str:
    """Record numbers as a base64 bitset (bit n of byte n // 8, low bit first)."""
    bits = bytearray()
    for number in numbers:
        byte = number // 8
        if byte >= len(bits):
            bits.extend(bytes(byte + 1 - len(bits)))
        bits[byte] |= 1 << (number % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")
