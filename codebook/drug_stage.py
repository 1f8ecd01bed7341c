"""The load stage's drug data: content/reference/asp/ read once per build, kept by its bytes.

Problems in our copies (a missing column, a misnamed file) are errors: we can fix them. Faults in
CMS's own data are data warnings: listed by `check` and the build, never failing it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .cms_tables import ReferenceData
from .diagnostics import Diagnostic
from .drugs import DrugData, DrugFiles, drug_data_warnings, load_drug_files
from .incremental import Store, tree_digest

ASP_FOLDER = Path("reference") / "asp"


@dataclass(frozen=True)
class DrugStage:
    """The drug files, and every problem: our errors and CMS's data warnings."""

    files: DrugFiles
    problems: tuple[Diagnostic, ...]

    @property
    def drugs(self) -> dict[str, DrugData]:
        """The codes that get a page: in the newest payment-limit file or in the crosswalk."""
        return {code: self.files.drugs[code] for code in self.files.current_codes()}


def load_drug_stage(content: Path, reference: ReferenceData, reference_key: str, store: Store) -> DrugStage:
    """The drug data of `content`, or none when it has no asp folder (a site without drug data)."""
    folder = content / ASP_FOLDER
    if not folder.is_dir():
        return DrugStage(DrugFiles({}, (), None, {}), ())
    key = store.key("drugs", tree_digest(store, folder), reference_key)
    return store.get_or_make("drugs", key, lambda: make_drug_stage(folder, reference))


def make_drug_stage(folder: Path, reference: ReferenceData) -> DrugStage:
    files = load_drug_files(folder)
    by_kind = drug_data_warnings(files, reference.codes, reference.dose_units)
    return DrugStage(files, (*files.diagnostics, *(w for found in by_kind.values() for w in found)))
