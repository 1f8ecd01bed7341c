"""What every per-file rule reads, and the one shape every rule has."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..cms_tables import ReferenceData
from ..diagnostics import Diagnostic
from ..drugs.facts import DrugFacts
from ..model import LoadedFile


@dataclass(frozen=True)
class FileContext:
    """One loaded file and what its checks compare it with."""

    file: LoadedFile
    reference: ReferenceData
    content_dir: Path  # the folder being built: sources' files are inside it
    today: dt.date | None = None  # None: no review-age warning, and the real date for "in the future"
    # Code → the CMS NDC crosswalk's drug names (brand and generic), for the brand rule.
    drug_names: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    # Family → brand word → its codes (checks/consistency.py), taken once per build; None: per file.
    brand_owners: Mapping[str, Mapping[str, frozenset[str]]] | None = None
    # The CMS drug files' NDCs, strengths and coinsurance per code (checks/crosswalk.py); None: unchecked.
    drug_facts: DrugFacts | None = None

    def problem(self, key_or_line: str | int, message: str, fix: str, severity: str = "error") -> Diagnostic:
        """A diagnostic at a line, or at the line of a dotted front-matter key ('similar.0.code')."""
        line = key_or_line if isinstance(key_or_line, int) else self.file.line_of(key_or_line)
        return Diagnostic(self.file.path, line, message, fix, severity)


Check = Callable[[FileContext], Iterable[Diagnostic]]


@dataclass(frozen=True)
class Rule:
    """A named check of one file. `stage` orders what a rule may assume:

    - "schema": nothing; the file's Page can be made only if these find no problem;
    - "page": the front matter fits the schema (values have their types);
    - "body": nothing about the front matter; reads sections and body links.
    """

    name: str
    check: Check
    stage: str = "body"
