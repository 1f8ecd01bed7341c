"""The search index for pages opened from disk: plain scripts, loaded by <script> tags on demand.

Browsers refuse fetch() and module scripts on file://, so this index is a set of classic scripts that
each add one part to `window.CodebookSearchParts`. A query loads the small manifest
(search-index.js), the word shard for each query word, the names (for a word query), and the
record shards of the results it shows — never the whole index — so one query stays under 100 kB
at 8,000+ pages.

- Records (search/d<n>.js): DOC_SHARD_SIZE records each, in code order:
  [code, path, title, subtitle, [heading numbers], billing unit] (names are in names.js); the
  subtitle is the CMS long descriptor under a guide's own title, or the CMS short descriptor
  under a catalog row (whose title is the long descriptor).
- Words (search/t<n>.js): {word: postings}; all words sharing their first two letters live in one
  shard, so a word prefix of two or more letters needs exactly one shard.
- Postings: per record, the gap from the previous record number in base 32 (digits 0-9a-v), then
  one character chr(ord('A') + field mask) (TITLE, ALIAS, DESCRIPTOR, OTHER, SHORT) saying where
  the word is. The short descriptor has its own field: rank.mjs ranks a code whose short
  descriptor holds every typed word ("oxygen concentrator") as a name.
- NDCs (search/n<ddd>.js): {11 digits: record number} for the NDCs starting with the digits ddd,
  so an NDC typed in any form needs one shard (two for a bare 10-digit run, read three ways).
- Names (search/names.js), loaded by every word or modifier query: the documents the browser's
  MiniSearch index (site_assets/js/rank.mjs) is built from, one row per record that has a name
  (a guide's aliases, a brand, a crosswalk drug name): "record number,NDC count,name|name…";
  and the modifier glossary: [code, path, definition, "terminated" or ""]. Names are what billers type and
  misspell, so they get MiniSearch's exact, prefix and fuzzy matching; the descriptors of all
  8,600 codes stay in the word postings (one shard per word), which keeps a query from disk
  under 100 kB.
- Code endings (search/e<dd>.js): {last four digits: [record numbers]} by the last two digits, so
  "7507" lists A7507, C7507, J7507 with one small file.
- Manifest: first code of each record shard (one string, five characters a code), first two
  letters of each word shard, the heading
  table, bitsets of guide pages, terminated codes and codes with CMS drug data (so ranking and
  filters need no record shard), the number of distinct words of each short descriptor (at most
  15, two a byte in base64: the typed words are a code's name when they are all of them: "oxygen
  concentrator" is E1390; fewer words rank first among equals), the NDC and code-ending
  shards that exist, and the stop words left out of the postings.
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
DOC_SHARD_SIZE = 16  # a result list's rows are scattered over the codes: small shards keep it light
WORD_SHARD_BYTES = 8_000
FORMAT_VERSION = 2
NAMES_KEY = "names"
NDC_SHARD_DIGITS = 3  # "00" alone holds ~2,000 NDCs (38 kB); three digits keep every shard small

TITLE, ALIAS, DESCRIPTOR, OTHER, SHORT = 1, 2, 4, 8, 16
# Words on so many records that they tell none apart ("the" alone was 2.6 kB of one shard): not in
# the postings, and dropped from a query's words in the browser (the manifest lists them).
STOP_WORDS = frozenset(
    [
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "has",
        "in",
        "is",
        "of",
        "on",
        "or",
        "than",
        "that",
        "the",
        "this",
        "to",
        "which",
        "with",
    ]
)
BASE32 = "0123456789abcdefghijklmnopqrstuv"


def build_script_index(
    records: Sequence[SearchRecord], modifiers: Sequence[ModifierRecord] = ()
) -> list[OutputFile]:
    records = distinct_headings(records)
    headings = sorted({h for r in records for h in r.headings})
    doc_shards = [records[i : i + DOC_SHARD_SIZE] for i in range(0, len(records), DOC_SHARD_SIZE)]
    word_shards = pack_word_shards(postings(records))
    ndc_shards = ndc_tables(records)
    endings = ending_tables(records)
    manifest = {
        "version": FORMAT_VERSION,
        "count": len(records),
        "docSize": DOC_SHARD_SIZE,
        "docs": "".join(
            shard[0].code or "~~~~~" for shard in doc_shards
        ),  # five characters each; "~" after every code
        "words": [first for first, _ in word_shards],
        "headings": headings,
        "guide": bitset(i for i, r in enumerate(records) if r.guide),
        "terminated": bitset(i for i, r in enumerate(records) if r.status == "terminated"),
        "drug": bitset(i for i, r in enumerate(records) if r.drug),
        "ndc": sorted(ndc_shards),
        "ndcDigits": NDC_SHARD_DIGITS,
        "shortWords": nibbles(min(len(short_words(r)), 15) for r in records),
        "endings": sorted(endings),
        "stopWords": sorted(STOP_WORDS),
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
    for last, table in sorted(endings.items()):
        files.append(part_file(f"e{last}", f"{SHARD_FOLDER}/e{last}.js", table))
    files.append(part_file(NAMES_KEY, f"{SHARD_FOLDER}/{NAMES_KEY}.js", names_part(records, modifiers)))
    return files


def names_part(records: Sequence[SearchRecord], modifiers: Sequence[ModifierRecord]) -> dict[str, list]:
    """The named records and the modifiers: what the browser's MiniSearch index is built from."""
    named = ((number, r, own_names(r)) for number, r in enumerate(records))
    rows = [f"{number},{len(r.ndcs)},{'|'.join(names)}" for number, r, names in named if names]
    return {"rows": rows, "modifiers": [modifier_row(m) for m in modifiers]}


def modifier_row(modifier: ModifierRecord) -> list[str]:
    """[code, path, definition, "terminated" or ""]: the browser puts "Modifier XX: " back in front."""
    definition = modifier.title.removeprefix(f"Modifier {modifier.code}: ")
    return [
        modifier.code,
        modifier.path,
        definition,
        "terminated" if modifier.status.startswith("terminated") else "",
    ]


def own_names(record: SearchRecord) -> list[str]:
    """The record's names but its short descriptor and title, which the postings already rank as
    names: `new` makes the short descriptor a guide's first alias, and 8,000 of them would make
    names.js 326 kB instead of ~30 kB."""
    seen = {tuple(words(record.short_descriptor)), tuple(words(record.title))}
    names = []
    for name in record.aliases:
        if (key := tuple(words(name))) not in seen:  # once per spelling that searches differently
            seen.add(key)
            names.append(name.replace("|", "/"))  # "|" separates names; it is no word character
    return names


def ending_tables(records: Sequence[SearchRecord]) -> dict[str, dict[str, list[int]]]:
    """Last two digits → {last four digits: record numbers in code order} ("7507": A7507, C7507…)."""
    tables: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for number, record in enumerate(records):
        digits = record.code[-4:]
        if digits.isdigit():
            tables[digits[-2:]].setdefault(digits, []).append(number)
    return dict(tables)


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
    return [record.code, record.path, record.title, subtitle, headings, record.unit]


def searchable(word: str) -> bool:
    return len(word) > 1 and word not in STOP_WORDS


def short_words(record: SearchRecord) -> set[str]:
    """The distinct searchable words of the short descriptor: a query with exactly these is its name."""
    return {w for w in words(record.short_descriptor) if searchable(w)}


def record_fields(record: SearchRecord) -> Iterable[tuple[int, str]]:
    """Where a record's words come from; its own code too, for a query that mixes it with words."""
    yield TITLE, record.title
    for alias in record.aliases:
        yield ALIAS, alias
    yield DESCRIPTOR, record.descriptor
    yield SHORT, record.short_descriptor
    for heading in record.headings:
        yield OTHER, heading
    yield OTHER, record.category
    yield OTHER, record.code


def postings(records: Sequence[SearchRecord]) -> dict[str, str]:
    """word → encoded (record number, field mask) list, record numbers ascending."""
    masks: dict[str, dict[int, int]] = defaultdict(dict)
    for number, record in enumerate(records):
        for field, text in record_fields(record):
            for word in words(text):
                if searchable(word):
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


def nibbles(values: Iterable[int]) -> str:
    """Numbers 0-15 in base64, two a byte (record n in the low half of byte n // 2 when n is even)."""
    packed = bytearray()
    for n, value in enumerate(values):
        if n % 2:
            packed[-1] |= value << 4
        else:
            packed.append(value)
    return base64.b64encode(bytes(packed)).decode("ascii")


def bitset(numbers: Iterable[int]) -> str:
    """Record numbers as a base64 bitset (bit n of byte n // 8, low bit first)."""
    bits = bytearray()
    for number in numbers:
        byte = number // 8
        if byte >= len(bits):
            bits.extend(bytes(byte + 1 - len(bits)))
        bits[byte] |= 1 << (number % 8)
    return base64.b64encode(bytes(bits)).decode("ascii")
