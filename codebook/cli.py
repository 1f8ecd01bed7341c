"""Command line: `python build.py [build|check|new CODE|serve|reference-diff NEW.csv] [options]`.

Exit status: 0 done, 1 content errors (all listed on stderr as path:line: problem — fix), 2 usage.
`python build.py --content DIR --out DIR --base-url URL` (no command) builds, as it always has.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from dataclasses import asdict, replace
from pathlib import Path

from .build import PROJECT_ROOT, BuildOptions, BuildReport, build, write_site
from .cms_tables import ReferenceError
from .diagnostics import ContentError, Diagnostic
from .drug_refdiff import reference_diff
from .load import display_path
from .newpage import NewPageError, NewPageWriteError, create_page
from .outfolder import OutputError, OutputRefused, refusal
from .progress import Progress
from .reporting import FORMATS, guarded, print_error, print_json, print_problems
from .serve import ServeOptions, serve
from .usage import base_path_problem, build_date, url_problem

EPILOG = """commands:
  build                  build content/ into _site/ (the default)
  check                  list every error and warning, write nothing
  new CODE               start a draft page for CODE with the CMS facts filled in
  serve                  preview on http://127.0.0.1:8000/, rebuilt and reloaded as you edit
  reference-diff NEW.csv compare a newer CMS HCPCS file, or CMS drug files, with content/reference/ (--apply)

Run `python build.py COMMAND --help` for a command's options."""


def add_options(parser: argparse.ArgumentParser, names: tuple[str, ...], top: bool = False) -> None:
    """Options shared by several commands. A command's copy leaves a value given before the command
    (`python build.py --content X check`) alone unless it is given again after it."""
    default = (lambda value: value) if top else (lambda value: argparse.SUPPRESS)
    if "content" in names:
        parser.add_argument(
            "--content", type=Path, default=default(None), help="content folder (default: content/)"
        )
    if "out" in names:
        parser.add_argument("--out", type=Path, default=default(None), help="output folder (default: _site/)")
    if "base-url" in names:
        parser.add_argument(
            "--base-url", default=default(""), help="public URL of the site, e.g. https://org.github.io/repo/"
        )
    if "repo-url" in names:
        parser.add_argument(
            "--repo-url",
            default=default(""),
            help="the repository's web address, e.g. https://github.com/org/codebook: each code page "
            "gets an 'Edit this page' link (a URL ending in / is used as the link prefix as it is)",
        )
        parser.add_argument(
            "--repo-branch", default=default("main"), help="branch the edit links open (default: main)"
        )
    if "drafts" in names:
        parser.add_argument(
            "--drafts", action="store_true", default=default(False), help="include pages marked draft: true"
        )
    if "allow-empty" in names:
        parser.add_argument(
            "--allow-empty",
            action="store_true",
            default=default(False),
            help="build even when content/codes/ holds no page yet (a new project); otherwise an error",
        )
    if "data-warnings" in names:
        parser.add_argument(
            "--data-warnings",
            action="store_true",
            default=default(False),
            help="list every fault found in CMS's drug files (otherwise counted in one line)",
        )
    if "cache" in names:
        parser.add_argument(
            "--no-cache",
            action="store_true",
            default=default(False),
            help="build every stage even when .cache/ shows the inputs unchanged since the last build",
        )
    if "today" in names:
        parser.add_argument(
            "--today",
            metavar="YYYY-MM-DD",
            default=default(None),
            help="the build date (default: SOURCE_DATE_EPOCH when set, else today): pages say which CMS "
            "drug-file quarters have ended by it, and review ages are counted to it",
        )
    if "format" in names:
        parser.add_argument(
            "--format",
            choices=FORMATS,
            default=default("text"),
            help="text (default; plus annotations under GitHub Actions), json, or github annotations",
        )


BUILD_OPTIONS = (
    "content",
    "out",
    "base-url",
    "repo-url",
    "drafts",
    "allow-empty",
    "data-warnings",
    "cache",
    "today",
    "format",
)


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="Build the codebook site from content/ into _site/, and help authors write it.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_options(parser, BUILD_OPTIONS, top=True)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", help="see the list below")
    add_options(commands.add_parser("build", description="build the site (the default)"), BUILD_OPTIONS)
    add_options(
        commands.add_parser("check", description="list every error and warning; write nothing"), BUILD_OPTIONS
    )
    new = commands.add_parser("new", description="start a draft page with the CMS facts filled in")
    new.add_argument("code", help="the HCPCS Level II code, e.g. J7517")
    new.add_argument("--category", help="category slug from content/categories.yml")
    add_options(new, ("content",))
    serve = commands.add_parser("serve", description="preview the site; rebuilt and reloaded as you edit")
    serve.add_argument(
        "--port", type=port_number, default=8000, help="port on 127.0.0.1 (default 8000; 0 = any free)"
    )
    serve.add_argument("--base-path", default="/", help="serve under this path, e.g. /kb/ (default /)")
    serve.add_argument(
        "--no-drafts", action="store_true", help="leave drafts out, as the published site does"
    )
    add_options(serve, ("content", "today"))
    diff = commands.add_parser(
        "reference-diff",
        description="compare a newer CMS HCPCS file, or next quarter's CMS drug files, with the copy",
    )
    diff.add_argument(
        "new_files",
        type=Path,
        nargs="+",
        metavar="NEW.csv",
        help="the newer CMS HCPCS file (same columns), or next quarter's payment-limit file and/or crosswalk",
    )
    diff.add_argument("--apply", action="store_true", help="replace the reference copy with the new file(s)")
    diff.add_argument(
        "--force", action="store_true", help="apply even a file with far fewer codes than the current copy"
    )
    add_options(diff, ("content", "format"))
    return parser


def port_number(text: str) -> int:
    if not text.isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number (0–65535)")
    return int(text)


@guarded  # every line printed, ours or argparse's, is escaped (see reporting.py)
def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    args.command = args.command or "build"
    problem = usage_problem(args)
    if problem:
        print_error(str(problem))
        return 2
    handlers: dict[str, Callable[[argparse.Namespace], int]] = {
        "build": run_build,
        "check": run_build,
        "new": run_new,
        "serve": run_serve,
        "reference-diff": run_reference_diff,
    }
    return handlers[args.command](args)


def usage_problem(args: argparse.Namespace) -> str:
    for name in ("base_url", "repo_url"):
        value = getattr(args, name, "")
        if value and (problem := url_problem(f"--{name.replace('_', '-')}", value)):
            return problem
    if args.command == "serve" and (problem := base_path_problem(args.base_path)):
        return problem
    args.today, problem = build_date(getattr(args, "today", None), os.environ)
    if problem:
        return problem
    content = args.content or BuildOptions.content
    if not content.is_dir():
        return f"content folder {content} does not exist"
    if args.command == "build":
        return refusal(args.out or BuildOptions.out, protected_folders(), source_folders(content))
    return ""


def protected_folders() -> list[tuple[str, Path]]:
    """Folders the output may neither be nor contain: a build replaces its output whole."""
    return [("the project folder", PROJECT_ROOT), ("the current folder", Path.cwd())]


def source_folders(content: Path) -> list[tuple[str, Path]]:
    """The build's inputs: the output may not be them, contain them or lie inside them."""
    defaults = BuildOptions()
    return [
        ("the content folder", content),
        ("the templates folder", defaults.templates),
        ("the assets folder", defaults.assets),
    ]


def options_from(args: argparse.Namespace) -> BuildOptions:
    options = BuildOptions(
        base_url=args.base_url,
        drafts=args.drafts,
        write=args.command == "build",
        edit_url=edit_url_prefix(args.repo_url, args.repo_branch),
        allow_empty=args.allow_empty,
        today=args.today,
    )
    if args.content:
        options = replace(options, content=args.content)
    if args.out:
        options = replace(options, out=args.out)
    if args.no_cache:
        options = replace(options, cache=None)
    return options


def edit_url_prefix(repo_url: str, branch: str) -> str:
    """https://github.com/org/repo -> https://github.com/org/repo/edit/main/ (a '/' ending is kept as is)."""
    if not repo_url:
        return ""
    return repo_url if repo_url.endswith("/") else f"{repo_url}/edit/{branch}/"


def run_build(args: argparse.Namespace) -> int:
    """`build` and `check`: the same pipeline; check stops before writing."""
    options = options_from(args)
    try:
        report = write_site(options, Progress()) if options.write else build(options, None, Progress()).report
    except ContentError as failure:
        problems = failure.diagnostics
        print_problems(problems, args.format, sys.stdout, sys.stderr)
        if args.format == "json":
            print_json(sys.stdout, args.command, problems)
            return 1
        files = len({d.path for d in failure.errors})
        warnings = len(problems) - len(failure.errors)
        counted = f"{len(failure.errors)} error(s) in {files} file(s)" + (
            f" and {warnings} warning(s)" if warnings else ""
        )
        written = "nothing was written" if args.command == "build" else "fix them and run check again"
        print(f"{counted}; {written}.", file=sys.stderr)
        return 1
    except (ReferenceError, OutputError) as failure:
        print_error(str(failure))
        return 2 if isinstance(failure, OutputRefused) else 1
    print_problems(report.warnings, args.format, sys.stdout, sys.stderr)
    report_data_warnings(report.data_warnings, args)
    if args.format == "json":
        print_json(
            sys.stdout,
            args.command,
            report.warnings,
            data_warnings=[asdict(w) for w in report.data_warnings],
            pages=report.pages,
            drug_pages=report.drug_pages,
            files=report.files,
            drafts_left_out=list(report.drafts),
            drafts_included=list(report.drafts_shown),
        )
    else:
        summarise(report, options, args.command)
    return 0


def report_data_warnings(found: list[Diagnostic], args: argparse.Namespace) -> None:
    """CMS's own data faults: every one with --data-warnings, else one line that says how to list them."""
    if args.format == "json" or not found:
        return
    if args.data_warnings:
        print_problems(found, args.format, sys.stdout, sys.stderr)
    else:
        print(
            f"{len(found)} data warning(s): faults in CMS's drug files, noted on the pages they affect"
            " (list them with `python build.py check --data-warnings`).",
            file=sys.stderr,
        )


def summarise(report: BuildReport, options: BuildOptions, command: str) -> None:
    seconds = sum(report.timings.values())
    warnings = f", {len(report.warnings)} warning(s)" if report.warnings else ""
    if command == "check":
        print(f"{report.pages} page(s) checked: no errors{warnings} ({seconds:.2f} s).")
    else:
        done = "Nothing changed since the last build of" if report.unchanged else "Built"
        print(
            f"{done} {report.pages} code page(s) and {report.drug_pages} drug-data page(s), "
            f"{report.files} files into {options.out}"
            f"{warnings} in {seconds:.2f} s."
        )
    for path in report.drafts:
        print(f"  draft left out: {path} (build with --drafts to include it)")
    if any(w.path in (*report.drafts, *report.drafts_shown) for w in report.warnings):
        print("  Problems in drafts are warnings; they become errors when you remove 'draft: true'.")


def run_new(args: argparse.Namespace) -> int:
    content = args.content or BuildOptions.content
    try:
        page = create_page(args.code, content, args.category)
    except NewPageError as refusal:
        print_error(*refusal.lines)
        return 1 if isinstance(refusal, NewPageWriteError) else 2
    except ReferenceError as failure:
        print_reference_error(failure)
        return 1
    shown = display_path(page.path)
    print(f"Created {shown}, a draft: the published site leaves it out until you remove 'draft: true'.")
    print(f"  Filled in from the CMS file: {'; '.join(page.facts)}.")
    print(f"  Category: {page.category} ({page.category_reason}); change it in the file if it is wrong.")
    if page.cms.termination_date:
        print(f"  Note: CMS ended {page.code} on {page.cms.termination_date}; the page will say so.")
    print("Next:")
    print(f"  1. Open {shown} and replace every line starting 'TODO:' with your own text.")
    print("  2. Under 'similar:', list at least two similar codes, each with the reason.")
    print("  3. python build.py check    lists what is still missing")
    print(
        f"  4. python build.py serve    shows it at http://127.0.0.1:8000/codes/{page.code}.html as you edit"
    )
    print("  5. When the page is finished, delete the line 'draft: true' and run check again.")
    return 0


def run_serve(args: argparse.Namespace) -> int:
    content = args.content or BuildOptions.content
    options = ServeOptions(
        build=BuildOptions(content=content, drafts=not args.no_drafts, edit_url="", today=args.today),
        port=args.port,
        base_path=args.base_path,
    )
    return serve(options)


def run_reference_diff(args: argparse.Namespace) -> int:
    try:
        return reference_diff(
            args.new_files,
            args.content or BuildOptions.content,
            apply=args.apply,
            fmt=args.format,
            force=args.force,
        )
    except ReferenceError as failure:  # a broken maintainer file: its path:line problems, no traceback
        print_reference_error(failure)
        return 1


def print_reference_error(failure: ReferenceError) -> None:
    """One `error:` line, then each problem on its own line (each escaped on its own)."""
    print_error(f"{len(failure.diagnostics)} problem(s) in the reference files:")
    print_problems(failure.diagnostics, "text", sys.stdout, sys.stderr)
