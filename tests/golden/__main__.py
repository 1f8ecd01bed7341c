"""`python -m tests.golden --update`: rebuild tests/golden/expected/ from tests/golden/content/."""

from __future__ import annotations

import argparse
import sys

from . import EXPECTED, update


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.golden", description=__doc__)
    parser.add_argument("--update", action="store_true", help="rebuild and overwrite the expected files")
    args = parser.parse_args(argv)
    if not args.update:
        parser.print_help()
        return 2
    built = update()
    print(f"{EXPECTED}: {len(built.files)} files, plus {len(built.pagefind)} Pagefind files by name pattern")
    print("Review with `git diff tests/golden/` before committing.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
