"""Command line: `python build.py [check|new CODE|serve] [options]`.

Exit status: 0 built, 1 content errors (all listed on stderr as path:line: problem — fix), 2 usage.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .build import BuildOptions, build
from .diagnostics import ContentError
from .reference import ReferenceError

COMMANDS = ("build", "check")


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="Build the codebook site from content/ into _site/.",
    )
    parser.add_argument(
        "command",
        nargs="?",
        default="build",
        choices=COMMANDS,
        help="build (default) or check (validate only, write nothing)",
    )
    parser.add_argument("--content", type=Path, help="content folder (default: content/)")
    parser.add_argument("--out", type=Path, help="output folder (default: _site/)")
    parser.add_argument(
        "--base-url", default="", help="public URL of the site, e.g. https://org.github.io/repo/"
    )
    parser.add_argument("--drafts", action="store_true", help="include pages marked draft: true")
    return parser


def options_from(args: argparse.Namespace) -> BuildOptions:
    options = BuildOptions(base_url=args.base_url, drafts=args.drafts, write=args.command == "build")
    if args.content:
        options = replace(options, content=args.content)
    if args.out:
        options = replace(options, out=args.out)
    return options


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    if args.base_url and not args.base_url.startswith(("https://", "http://")):
        print("error: --base-url must start with https:// or http://", file=sys.stderr)
        return 2
    options = options_from(args)
    if not options.content.is_dir():
        print(f"error: content folder {options.content} does not exist", file=sys.stderr)
        return 2
    try:
        report = build(options)
    except ContentError as failure:
        for problem in failure.diagnostics:
            print(problem.format(), file=sys.stderr)
        files = len({d.path for d in failure.diagnostics})
        print(
            f"{len(failure.diagnostics)} error(s) in {files} file(s); nothing was written.",
            file=sys.stderr,
        )
        return 1
    except ReferenceError as failure:
        print(f"error: {failure}", file=sys.stderr)
        return 1
    for warning in report.warnings:
        print(warning.format(), file=sys.stderr)
    summarise(report, options, args.command)
    return 0


def summarise(report, options: BuildOptions, command: str) -> None:
    seconds = sum(report.timings.values())
    if command == "check":
        print(f"{report.pages} page(s) checked, no errors ({seconds:.2f} s).")
    else:
        print(
            f"Built {report.pages} code page(s), {report.files} files into {options.out} in {seconds:.2f} s."
        )
    for path in report.drafts:
        print(f"  draft left out: {path} (build with --drafts to include it)")
