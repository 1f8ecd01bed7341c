"""A deterministic synthetic corpus of N code pages that passes the real validator.

Codes, descriptors, dates and statuses are real: N procedure codes drawn from the CMS file in
content/reference/, with front matter made by `codebook.scaffold.front_matter_for`. The CMS file has
~8,600 procedure codes; a larger corpus (16,000, to show that nothing grows faster than linearly)
adds synthetic codes to the corpus's own copy of the CMS file, each a copy of a real row under an
unused code of the same letter (never in the project's content/, and never a fact of the site). The prose is
synthetic (~1,400 words a page from a Zipf-weighted vocabulary of CMS descriptor words), every
required section is present, similar codes are symmetric pairs (each code's neighbours in a ring),
and the body links similar codes and modifiers with [[...]] references. Same N and seed, same bytes.
"""

from __future__ import annotations

import collections
import csv
import datetime as dt
import hashlib
import json
import random
import re
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import yaml

from codebook.checks.consistency import SUPPLY_FEE_CODES
from codebook.cms_tables import ReferenceData, load_reference
from codebook.drugs import load_drug_files
from codebook.scaffold import front_matter_for, render_page
from codebook.schema import SECTIONS_BY_TITLE

ROOT = Path(__file__).resolve().parent.parent
BENCH_CATEGORIES = Path(__file__).with_name("categories.yml")
CMS_FILE = "hcpcs_level2_full.csv"
# 2: JW/JZ under 'Not on this line:', no supply-fee code, no brand word; 3: JG, 25 too; 4: synthetic codes
GENERATOR_VERSION = 5
REVIEWED = dt.date(2026, 1, 12)
FUNCTION_WORDS = [
    *("the", "and", "for", "not", "that", "with", "when", "from", "which", "only", "this", "are"),
    *("was", "its", "into", "each", "per", "than", "also", "must", "may", "can", "should", "under"),
    *("after", "before", "because", "while", "where", "every", "other", "same", "both"),
]
# Listed after 'Not on this line:': JW and JZ (the calculator's own, only on an administered drug's
# line), JG (terminated) and 25 (never on a drug code): the build refuses them as declared.
OFF_THE_LINE = ("JW", "JZ", "JG", "25")
MODIFIERS = ("JW", "JZ", "KX", "GA", "GZ", "GY", "JG", "TB", "XE", "XS", "XU", "59", "25")
WORD = re.compile(r"[a-z]{3,}")


@dataclass(frozen=True)
class Corpus:
    """A generated project tree: content/ (codes, reference, categories.yml) and templates/."""

    root: Path
    size: int
    seed: int

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self.root / "templates"

    @property
    def codes(self) -> list[str]:
        return sorted(p.stem for p in (self.content / "codes").glob("*.md"))


class Prose:
    """Sentences of a Zipf-like word distribution, so the search index sees realistic vocabulary."""

    def __init__(self, vocabulary: list[str]):
        self.vocabulary = vocabulary
        weights = [1.0 / (rank + 8) for rank in range(len(vocabulary))]
        total = 0.0
        self.cumulative = []
        for weight in weights:
            total += weight
            self.cumulative.append(total)

    def words(self, rng: random.Random, count: int) -> list[str]:
        return rng.choices(self.vocabulary, cum_weights=self.cumulative, k=count)

    def sentence(self, rng: random.Random, count: int | None = None) -> str:
        words = self.words(rng, count or rng.randint(9, 22))
        return " ".join(words).capitalize() + "."

    def paragraph(self, rng: random.Random, words: int) -> str:
        sentences: list[str] = []
        while words > 0:
            count = min(words, rng.randint(9, 22))
            sentences.append(self.sentence(rng, count))
            words -= count
        return " ".join(sentences)


def vocabulary(reference_csv: Path, names: frozenset[str] = frozenset()) -> list[str]:
    """Words of the CMS descriptors by frequency (ties alphabetical), function words first; without
    `names` (words the build may read as another code's brand: 'sodium', 'purified')."""
    counts: collections.Counter[str] = collections.Counter()
    for line in reference_csv.read_text(encoding="utf-8").splitlines()[1:]:
        counts.update(WORD.findall(line.lower()))
    ranked = sorted(counts, key=lambda w: (-counts[w], w))
    return FUNCTION_WORDS + [w for w in ranked if w not in FUNCTION_WORDS and w not in names]


def name_words(reference: ReferenceData, content: Path) -> frozenset[str]:
    """The first word of every brand and crosswalk drug name: the words the build's brand rule
    checks (codebook/checks/consistency.py), so synthetic prose never names a brand."""
    drugs = load_drug_files(content / "reference" / "asp").drugs
    names = [n for found in reference.brands.values() for n in found]
    names += [n for data in drugs.values() for n in data.drug_names]
    return frozenset(m.group().lower() for m in (WORD.match(n.strip().lower()) for n in names) if m)


def usable_codes(all_codes: Iterable[str]) -> list[str]:
    """Never a pharmacy supply-fee code: the build wants those named on every oral page or none,
    and a synthetic page (or one linking it) would name them on one page only."""
    return sorted(set(all_codes) - set(SUPPLY_FEE_CODES))


def add_synthetic_codes(cms_file: Path, count: int, seed: int) -> None:
    """Append `count` procedure rows to a copy of the CMS file: each a real row (supply-fee codes
    and cross-references aside) under an unused code of its letter, picked by `seed`."""
    if count <= 0:
        return
    with cms_file.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    fields = list(rows[0])
    taken = {row["code"] for row in rows}
    models = [r for r in rows if r["record_type"] == "procedure" and r["code"] not in SUPPLY_FEE_CODES]
    letters = sorted({row["code"][0] for row in models})
    free = [f"{letter}{n:04d}" for letter in letters for n in range(10000) if f"{letter}{n:04d}" not in taken]
    rng = random.Random(seed)
    new = sorted(rng.sample(free, count))
    by_letter = {letter: [r for r in models if r["code"][0] == letter] for letter in letters}
    with cms_file.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        for code in new:
            writer.writerow({**rng.choice(by_letter[code[0]]), "code": code, "xref": ""})


def pick_codes(all_codes: list[str], size: int, seed: int) -> list[str]:
    """`size` usable codes (see usable_codes)."""
    usable = usable_codes(all_codes)
    if size > len(usable):
        raise SystemExit(f"the CMS file has {len(usable)} usable procedure codes; cannot make {size} pages")
    return sorted(random.Random(seed).sample(usable, size))


def category_for(code: str, categories: dict[str, str]) -> str:
    return categories[code[0]]


def bench_categories() -> list[dict[str, str]]:
    return yaml.safe_load(BENCH_CATEGORIES.read_text(encoding="utf-8"))


def similar_pairs(codes: list[str]) -> dict[str, list[str]]:
    """Each code's ring neighbours: symmetric by construction, two per page (three with N = 3)."""
    count = len(codes)
    return {code: sorted({codes[i - 1], codes[(i + 1) % count]} - {code}) for i, code in enumerate(codes)}


def modifiers_section(mods: list[str], prose: Prose, rng: random.Random) -> str:
    """A list item per modifier; those of OFF_THE_LINE after 'Not on this line:', which the build
    accepts on any page (declared for the line, it wants JW/JZ only where the calculator shows them,
    and never a terminated modifier or one the glossary keeps off drug codes)."""
    item = {m: f"- [[{m}]]: {prose.sentence(rng, 25)}" for m in mods}
    line = [item[m] for m in mods if m not in OFF_THE_LINE]
    off = [item[m] for m in mods if m in OFF_THE_LINE]
    parts = ["\n".join(line), "Not on this line:\n\n" + "\n".join(off) if off else ""]
    return "\n\n".join(part for part in [*parts, prose.paragraph(rng, 40)] if part)


def page_body(code: str, similar: list[str], mention: str, prose: Prose, seed: int) -> list[tuple[str, str]]:
    """(section title, Markdown) for every section of a guide, in the schema's order."""
    rng = random.Random(f"{seed}:{code}")
    p = prose.paragraph
    mods = rng.sample(MODIFIERS, 3)
    sections = [
        ("Definition", f"{code} {p(rng, 70)}\n\n{p(rng, 80)}"),
    ]
    sections.append(("In Plain Language", p(rng, 70)))
    sections += [
        (
            "Clinical Context",
            f"{p(rng, 90)} See also [[{mention}]].\n\n{p(rng, 80)}\n\n{p(rng, 60)}",
        ),
        ("Common Modifiers", modifiers_section(mods, prose, rng)),
        (
            "Documentation Requirements",
            f"{p(rng, 50)}\n\n"
            + "\n".join(f"{i}. **{prose.sentence(rng, 3)}** {prose.sentence(rng, 24)}" for i in range(1, 6)),
        ),
        (
            "Common Denial Reasons",
            "| Denial | How to avoid it |\n|---|---|\n"
            + "\n".join(f"| {prose.sentence(rng, 12)} | {prose.sentence(rng, 20)} |" for _ in range(4))
            + f"\n\n{p(rng, 100)}",
        ),
        ("Special Considerations for Commercial Insurers", f"{p(rng, 110)}\n\n{p(rng, 90)}"),
        (
            "Similar Codes",
            " ".join(f"[[{other}]] {prose.sentence(rng, 30)}" for other in similar) + f"\n\n{p(rng, 40)}",
        ),
    ]
    return sections


def generate(root: Path, size: int, seed: int = 1) -> Corpus:
    """Write (or reuse, when the manifest matches) the corpus under `root`."""
    corpus = Corpus(root, size, seed)
    manifest = {"generator": GENERATOR_VERSION, "size": size, "seed": seed, "inputs": inputs_digest()}
    stamp = root / "corpus.json"
    if stamp.is_file() and json.loads(stamp.read_text()) == manifest:
        reset_templates(corpus)
        return corpus
    shutil.rmtree(root, ignore_errors=True)
    (corpus.content / "codes").mkdir(parents=True)
    shutil.copytree(ROOT / "content" / "reference", corpus.content / "reference")
    real = (ROOT / "content" / "categories.yml").read_text(encoding="utf-8")
    extra = yaml.safe_dump(bench_categories(), sort_keys=False, allow_unicode=True, width=100)
    (corpus.content / "categories.yml").write_text(real.rstrip("\n") + "\n" + extra, encoding="utf-8")
    cms_file = corpus.content / "reference" / CMS_FILE
    add_synthetic_codes(cms_file, size - len(usable_codes(load_reference(corpus.content).codes)), seed)
    reference = load_reference(corpus.content)
    codes = pick_codes(list(reference.codes), size, seed)
    by_letter = {c["slug"].split("-")[1].upper(): c["slug"] for c in bench_categories()}
    names = name_words(reference, corpus.content)
    prose = Prose(vocabulary(corpus.content / "reference" / CMS_FILE, names))
    pairs = similar_pairs(codes)
    mention_rng = random.Random(seed)
    for code in codes:
        similar = pairs[code]
        front = front_matter_for(
            code,
            reference,
            category=category_for(code, by_letter),
            similar=[(other, f"Synthetic neighbour of {code} in the benchmark corpus.") for other in similar],
            reviewed=REVIEWED,
            draft=False,
        )
        body = page_body(code, similar, mention_rng.choice(codes), prose, seed)
        text = render_page(front, [(SECTIONS_BY_TITLE[title], md) for title, md in body])
        (corpus.content / "codes" / f"{code}.md").write_text(text, encoding="utf-8")
    reset_templates(corpus)
    stamp.write_text(json.dumps(manifest))
    return corpus


def inputs_digest() -> str:
    """What the pages are made from: a new scaffold, schema or CMS file means a new corpus."""
    hasher = hashlib.blake2b(digest_size=16)
    sources = [Path(__file__), BENCH_CATEGORIES, ROOT / "content" / "categories.yml"]
    sources += [ROOT / "codebook" / name for name in ("scaffold.py", "schema.py", "cms_tables.py")]
    sources += sorted(p for p in (ROOT / "content" / "reference").rglob("*") if p.is_file())  # asp/ too
    for path in sources:
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def reset_templates(corpus: Corpus) -> None:
    """A fresh copy of the project's templates, so the template-edit step never touches the repo."""
    shutil.rmtree(corpus.templates, ignore_errors=True)
    shutil.copytree(ROOT / "templates", corpus.templates)


EDIT_MARK = "Edited by the benchmark."
EDIT = re.compile(re.escape(EDIT_MARK) + r" \(\d+\) ")


def edit_page(corpus: Corpus, code: str, round_: int) -> Path:
    """Change one sentence of one page (a new sentence each round, so the output really changes)."""
    path = corpus.content / "codes" / f"{code}.md"
    text = path.read_text(encoding="utf-8")
    text = EDIT.sub("", text)
    marker = "\n## Clinical Context\n\n"
    head, _, tail = text.partition(marker)
    path.write_text(f"{head}{marker}{EDIT_MARK} ({round_}) {tail}", encoding="utf-8")
    return path


def restore_page(corpus: Corpus, code: str) -> None:
    path = corpus.content / "codes" / f"{code}.md"
    text = path.read_text(encoding="utf-8")
    path.write_text(EDIT.sub("", text), encoding="utf-8")


def edit_template(corpus: Corpus, round_: int) -> Path:
    """Change the footer of base.html: every page's output changes."""
    path = corpus.templates / "base.html"
    text = path.read_text(encoding="utf-8")
    edited = text.replace("</footer>", f"<p>Template edit {round_}.</p>\n</footer>", 1)
    path.write_text(edited, encoding="utf-8")
    return path


def words_per_page(corpus: Corpus, sample: int = 200) -> float:
    files = sorted((corpus.content / "codes").glob("*.md"))[:sample]
    counts = [len(f.read_text(encoding="utf-8").split("\n---\n", 1)[1].split()) for f in files]
    return sum(counts) / max(1, len(counts))
