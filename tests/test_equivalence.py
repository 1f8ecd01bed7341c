"""Whatever the caches keep, the output equals a clean build (DESIGN.md §1 and §6).

A property test: after any sequence of edits (body text, a front-matter fact), additions, deletions
and renames of content files, edits to CMS's drug files (a payment limit, an NDC's drug name), and
assets added and removed (two of them clash with an output path: both builds then refuse with an
error naming both files and leave their output as it was, issue 33),
(a) serve's preview folder after its rebuilds, with the deferred search job run to completion, and
(b) the command line's output, built incrementally with .cache/ kept between runs, each equal a
clean build (no cache, fresh output folder) byte for byte, Pagefind's bundle aside (its chunk names
are hashes that vary, and an incremental build adds a recent index to the last full one): that is
compared by the records a search can return (site_compare.search_differences).

The content is small so that Hypothesis can try many sequences: pages written from the real schema
and CMS tables for a pool of J75xx codes, and the CMS file cut down to its J7 rows and modifiers
(the search index then covers about 200 codes instead of 8,600).
"""

from __future__ import annotations

import csv
import shutil
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codebook.build import BuildOptions, write_site
from codebook.diagnostics import ContentError
from codebook.scaffold import front_matter_for, render_page
from codebook.schema import REQUIRED_SECTIONS
from codebook.serve.preview import Preview

from .helpers import CONTENT, REFERENCE, ROOT, tree_digest
from .site_compare import differences, search_differences

pytestmark = pytest.mark.slow

POOL = ("J7500", "J7501", "J7502", "J7503", "J7504", "J7517")
FIRST = ("J7500", "J7501", "J7517")
LIMITS, CROSSWALK = "payment-limits-2026-01.csv", "ndc-hcpcs-crosswalk-2026-01.csv"
REFERENCE_ASP = CONTENT / "reference" / "asp"
RING_ORDER = ("J7503", "J7500", "J7517", "J7502", "J7504", "J7501")  # POOL, not in code order
CATEGORY = "oral-immunosuppressives"
EDIT_URL = "https://example.org/repo/edit/main/"


@dataclass(frozen=True)
class PageState:
    """What the test varies about one page; its file is written from this and the set of pages."""

    text: int = 0  # sentences added to the Definition
    alias: int = 0  # extra aliases in front matter
    title: int = 0  # title variant
    folder: str = ""  # '' or a subfolder of codes/ (a rename moves the file)
    topic_link: bool = False  # the Definition links the topic page (its backlinks change)


@dataclass
class SiteState:
    pages: dict[str, PageState] = field(default_factory=lambda: {code: PageState() for code in FIRST})
    price: int = 0  # edits to J7502's payment limit in the newest CMS file
    brand: int = 0  # edits to the drug name of J7500's Azasan NDCs in the crosswalk
    topic: int = 0  # sentences added to the topic page
    asset: str = ""  # an extra file under site_assets/ (one of EXTRA_ASSETS)

    def files(self) -> dict[str, str]:
        """codes/… path → text. Similar lists link each page to its neighbours in a ring, so they
        stay mutual whatever is added or deleted (at least three pages are kept). The ring is not
        in code order: an added page then also changes the family pager (previous/next) of pages
        whose own files stay as they were."""
        codes = sorted(self.pages, key=RING_ORDER.index)
        files = {}
        for i, code in enumerate(codes):
            ring = {codes[i - 1], codes[(i + 1) % len(codes)]} - {code}
            state = self.pages[code]
            folder = f"{state.folder}/" if state.folder else ""
            files[f"codes/{folder}{code}.md"] = page_text(code, state, sorted(ring))
        files[f"topics/{TOPIC}.md"] = topic_text(self.topic)
        return files

    def drug_files(self) -> dict[str, str]:
        """reference/asp/… path → text, edited from the real files. J7500 has a guide page in every
        state (FIRST); J7502 has one only while added, a data-only drug page otherwise. So an edit
        reaches guide pages, data-only pages, the calculator's data and the search names."""
        limits, crosswalk = read_cms(REFERENCE_ASP / LIMITS), read_cms(REFERENCE_ASP / CROSSWALK)
        limit_row, brand = "J7502,Cyclosporine oral 100 mg,100 MG,1.810,", ",Azasan,"
        assert limit_row in limits and brand in crosswalk, "the real CMS files changed: pick other rows"
        price = f"{limit_row[:-6]}{1.810 + self.price / 1000:.3f},"
        return {
            f"reference/asp/{LIMITS}": limits.replace(limit_row, price),
            f"reference/asp/{CROSSWALK}": crosswalk.replace(brand, f",Azasan{self.brand or ''},"),
        }


def read_cms(path: Path) -> str:
    return path.read_bytes().decode("latin-1")  # byte for byte: any byte is a latin-1 character


TOPIC = "units"
# An extra asset: none, a new one, and two whose output path is taken (assets/ is flat).
EXTRA_ASSETS = ("", "extra/note.css", "extra/site.css", "data/calculator-data.js")
CLASHING_ASSETS = frozenset(EXTRA_ASSETS[2:])


def topic_text(sentences: int) -> str:
    added = " ".join(f"Topic sentence {n}." for n in range(sentences))
    return (
        # the purpose changes with each edit: guides that list the topic show it (Rules that apply)
        "---\ntitle: Units\nsummary: How units are counted.\n"
        f"purpose: Read for units ({sentences}).\nsources:\n"
        "  - title: CMS HCPCS Level II file\n    file: content/reference/hcpcs_j75xx.csv\n"
        f"    date: 2026-01-12\nreviewed: 2026-11-23\n---\n\n## Rule\n\nAmount over unit. {added}\n"
    )


def page_text(code: str, state: PageState, similar: list[str]) -> str:
    data = front_matter_for(
        code,
        REFERENCE,
        category=CATEGORY,
        similar=[(other, f"Shares a use with {code} but differs from it.") for other in similar],
        draft=False,
    )
    data["title"] = f"Test page {code}" + (f" variant {state.title}" if state.title else "")
    data["aliases"] = [*data["aliases"], *(f"Brand{code}{n}" for n in range(state.alias))]  # type: ignore[misc]
    added = " ".join(f"Added sentence {n}." for n in range(state.text))
    added += f" See [[topic:{TOPIC}]]." if state.topic_link else ""
    if state.topic_link:
        data["rules"] = [TOPIC]
    sections = [(spec, f"Text about {spec.title.lower()} for {code}. {added}") for spec in REQUIRED_SECTIONS]
    return render_page(data, sections)


# --- the edits ------------------------------------------------------------------------
def edit_text(site: SiteState, pick: int) -> None:
    code = sorted(site.pages)[pick % len(site.pages)]
    site.pages[code] = replace(site.pages[code], text=site.pages[code].text + 1)


def edit_alias(site: SiteState, pick: int) -> None:
    code = sorted(site.pages)[pick % len(site.pages)]
    site.pages[code] = replace(site.pages[code], alias=site.pages[code].alias + 1)


def edit_title(site: SiteState, pick: int) -> None:
    code = sorted(site.pages)[pick % len(site.pages)]
    site.pages[code] = replace(site.pages[code], title=site.pages[code].title + 1)


def edit_price(site: SiteState, _pick: int) -> None:
    site.price += 1


def edit_brand(site: SiteState, _pick: int) -> None:
    site.brand += 1


def add_page(site: SiteState, pick: int) -> None:
    absent = [code for code in POOL if code not in site.pages]
    if absent:
        site.pages[absent[pick % len(absent)]] = PageState()


def delete_page(site: SiteState, pick: int) -> None:
    if len(site.pages) > 3:
        del site.pages[sorted(site.pages)[pick % len(site.pages)]]


def rename_page(site: SiteState, pick: int) -> None:
    code = sorted(site.pages)[pick % len(site.pages)]
    folder = "" if site.pages[code].folder else "moved"
    site.pages[code] = replace(site.pages[code], folder=folder)


def edit_topic(site: SiteState, pick: int) -> None:
    site.topic += 1


def link_topic(site: SiteState, pick: int) -> None:
    code = sorted(site.pages)[pick % len(site.pages)]
    site.pages[code] = replace(site.pages[code], topic_link=not site.pages[code].topic_link)


def toggle_asset(site: SiteState, pick: int) -> None:
    site.asset = EXTRA_ASSETS[pick % len(EXTRA_ASSETS)]


EDITS = (
    edit_text,
    edit_alias,
    edit_title,
    edit_price,
    edit_brand,
    add_page,
    delete_page,
    rename_page,
    edit_topic,
    link_topic,
    toggle_asset,
)
steps = st.lists(st.tuples(st.sampled_from(EDITS), st.integers(0, 5)), min_size=1, max_size=5)


def small_content(folder: Path) -> Path:
    """The real reference tables and categories, the CMS file cut to its J7 rows and modifiers."""
    content = folder / "content"
    shutil.copytree(CONTENT / "reference", content / "reference")
    shutil.copy(CONTENT / "categories.yml", content / "categories.yml")
    full = content / "reference" / "hcpcs_level2_full.csv"
    with full.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    kept = [rows[0], *(r for r in rows[1:] if r[0].startswith("J7") or r[1] == "modifier")]
    with full.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(kept)
    (content / "codes").mkdir()
    return content


def write_content(content: Path, site: SiteState) -> None:
    """Bring content/ to the state: write what changed, remove what is gone (as an author would,
    and as a maintainer replacing CMS's files with edited ones would)."""
    files = site.files()
    for old in (content / "codes").rglob("*.md"):
        if old.relative_to(content).as_posix() not in files:
            old.unlink()
    for name, text in files.items():
        write_if_changed(content / name, text, "utf-8")
    for name, text in site.drug_files().items():
        write_if_changed(content / name, text, "latin-1")
    assets = content.parent / "site_assets"
    for extra in EXTRA_ASSETS[1:]:
        if extra != site.asset:
            (assets / extra).unlink(missing_ok=True)
    if site.asset:
        write_if_changed(assets / site.asset, f"/* {site.asset} */\n", "utf-8")


def write_if_changed(target: Path, text: str, encoding: str) -> None:
    data = text.encode(encoding)
    if not target.is_file() or target.read_bytes() != data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


def serve_rebuild(preview: Preview) -> None:
    """One save in serve: the rebuild, then its deferred search job run to completion."""
    preview.rebuild()
    job = preview.pending
    assert job is not None
    preview.apply_search(job, preview.make_search(job))


def check_equivalence(folder: Path, preview: Preview, cli: BuildOptions, step: int) -> None:
    clean = replace(cli, out=folder / f"clean-{step}", cache=None)
    write_site(clean)
    assert differences(preview.options.out, clean.out) == [], "serve's output differs from a clean build"
    assert differences(cli.out, clean.out) == [], "the incremental command line differs from a clean build"
    for built in (preview.options.out, cli.out):
        assert search_differences(built, clean.out) == [], f"{built.name}: Pagefind answers differently"


def check_refused(preview: Preview, cli: BuildOptions, asset: str) -> None:
    """An asset whose output path is taken: both builds name it, and neither output changes."""
    before = [tree_digest(out) for out in (preview.options.out, cli.out)]
    for rebuild in (preview.rebuild, lambda: write_site(cli)):
        with pytest.raises(ContentError) as refused:
            rebuild()
        [error] = refused.value.errors
        assert error.path.endswith(asset) and "and so would" in error.message
    assert [tree_digest(out) for out in (preview.options.out, cli.out)] == before


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=steps)
def test_incremental_output_equals_a_clean_build(edits: list[tuple[object, int]]) -> None:
    with tempfile.TemporaryDirectory(prefix="codebook-equivalence-") as name:
        folder = Path(name)
        content, site = small_content(folder), SiteState()
        shutil.copytree(ROOT / "site_assets", folder / "site_assets")
        write_content(content, site)
        cache = folder / ".cache"
        # An edit link names each page's file: a rename must reach the page.
        cli = BuildOptions(
            content=content,
            out=folder / "_site",
            cache=cache,
            edit_url=EDIT_URL,
            assets=folder / "site_assets",
        )
        preview = Preview(replace(cli, out=folder / "preview", drafts=True))
        serve_rebuild(preview)
        write_site(cli)
        for step, (edit, pick) in enumerate(edits):
            edit(site, pick)  # type: ignore[operator]
            write_content(content, site)
            if site.asset in CLASHING_ASSETS:
                check_refused(preview, cli, f"site_assets/{site.asset}")
                continue
            try:
                serve_rebuild(preview)
                write_site(cli)
            except ContentError as failure:  # the model only makes valid sites
                pytest.fail("\n".join(d.format() for d in failure.diagnostics))
            check_equivalence(folder, preview, cli, step)
