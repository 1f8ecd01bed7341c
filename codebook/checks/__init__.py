"""Validation as a rule table: every check of one file is a named `Rule`, `(FileContext) ->
Iterable[Diagnostic]`, in one ordered list (as markdown-it keeps its rules), grouped in modules by
what they check. Checks across files live in `site.py` and run once on the whole set.

To add a check, write a function in the module of what it checks and put a `Rule` for it in that
module's RULES; `FILE_RULES` below decides the order.
"""

from __future__ import annotations

from ..diagnostics import Diagnostic
from . import body, consistency, crosswalk, facts, fields, sections
from .context import FileContext, Rule
from .fields import holds_loader_problem

FILE_RULES: tuple[Rule, ...] = (
    *fields.RULES,
    *facts.RULES,
    Rule("front-matter-hints", fields.writing_hints),
    *sections.RULES,
    *body.RULES,
    *consistency.RULES,
    *crosswalk.RULES,
)


def run_file_rules(ctx: FileContext, rules: tuple[Rule, ...] = FILE_RULES) -> tuple[list[Diagnostic], bool]:
    """Every problem of one file, and whether a Page can be made of it (its front matter fits the
    schema). Rules of stage "page" run only then: they may read values as their types."""
    problems: list[Diagnostic] = []
    schema_problems = 0
    readable = not holds_loader_problem(ctx.file.data)
    for rule in rules:
        if rule.stage == "page" and not (readable and schema_problems == 0):
            continue
        found = list(rule.check(ctx))
        if rule.stage == "schema":
            schema_problems += len(found)
        problems.extend(found)
    return problems, readable and schema_problems == 0


__all__ = ["FILE_RULES", "FileContext", "Rule", "run_file_rules"]
