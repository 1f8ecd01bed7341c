"""The codes folder as a whole: missing, unreadable in part, or without a single page.

Listing files skips folders it cannot read, and a missing folder lists nothing, so without these
checks a deleted or locked `content/codes/` would publish an empty site and report success.
"""

from __future__ import annotations

import os
from pathlib import Path

from .diagnostics import Diagnostic
from .textfile import display_path


def codes_folder_problems(codes_dir: Path, pages: int, allow_empty: bool) -> list[Diagnostic]:
    """Errors for a codes folder that is missing, not a folder, partly unreadable, or empty
    (empty is allowed only with `allow_empty`, for a new project)."""
    shown = display_path(codes_dir) + "/"
    if not codes_dir.is_dir():
        what = "is not a folder" if codes_dir.exists() else "does not exist"
        fix = f"create {shown} with one Markdown file per code (python build.py new J7517 starts one)"
        return [Diagnostic(shown, 1, f"the codes folder {what}", fix)]
    problems = [
        Diagnostic(
            display_path(Path(failure.filename or codes_dir)) + "/",
            1,
            f"cannot read this folder ({failure.strerror or failure})",
            "make it readable (chmod u+rx) or move it out of the content folder",
        )
        for failure in unreadable_folders(codes_dir)
    ]
    if pages == 0 and not problems and not allow_empty:
        problems.append(
            Diagnostic(
                shown,
                1,
                "no code page found (a build without pages would publish an empty site)",
                "add pages (python build.py new J7517), check --content, or pass --allow-empty "
                "to build a new, empty project",
            )
        )
    return problems


def unreadable_folders(root: Path) -> list[OSError]:
    """Every folder below root (root included) that cannot be listed."""
    failures: list[OSError] = []
    for _ in os.walk(root, onerror=failures.append):
        pass
    return sorted(failures, key=lambda failure: str(failure.filename))
