"""Author-facing problems: one record per problem, so a build can report all of them at once."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in a content file, located by path and 1-based line, with a fix an author can apply."""

    path: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def format(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.path}:{self.line}: {prefix}{self.message} — {self.fix}"


def errors_only(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


class ContentError(Exception):
    """Raised by the orchestration when content has errors; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]):
        super().__init__(f"{len(diagnostics)} content error(s)")
        self.diagnostics = diagnostics
