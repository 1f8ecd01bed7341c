"""Author-facing problems: one record per problem, so a build can report all of them at once."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .reporting import printable


@dataclass(frozen=True, order=True)
class Diagnostic:
    """A problem in a content file, located by path and 1-based line, with a fix an author can apply."""

    path: str
    line: int
    message: str
    fix: str
    severity: str = "error"

    def format(self) -> str:
        """One printable line: author text in the path, message or fix cannot break it."""
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return printable(f"{self.path}:{self.line}: {prefix}{self.message} — {self.fix}")


def errors_only(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity == "error"]


def as_warnings(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """The same problems, reported without failing the build (e.g. in a draft)."""
    return [replace(d, severity="warning") for d in diagnostics]


class ContentError(Exception):
    """Raised by the orchestration when content has errors; carries every diagnostic found
    (the warnings too, so an author sees everything in one run)."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        self.errors = errors_only(diagnostics)
        super().__init__(f"{len(self.errors)} content error(s)")
