#!/usr/bin/env python3
"""Build the codebook site: `python build.py --help`.

Runs with the project's virtual environment (.venv, made by `make site`) when the current Python
lacks the dependencies, so `python build.py` works either way.
"""

import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _ensure_dependencies() -> None:
    try:
        import jinja2  # noqa: F401
        import markdown_it  # noqa: F401
        import yaml  # noqa: F401
    except ImportError:
        venv_python = HERE / ".venv" / "bin" / "python"
        if venv_python.exists() and Path(sys.executable).resolve() != venv_python.resolve():
            os.execv(str(venv_python), [str(venv_python), *sys.argv])
        sys.stderr.write("error: dependencies are missing; run `make site` once to set up .venv\n")
        sys.exit(2)


if __name__ == "__main__":
    _ensure_dependencies()
    sys.path.insert(0, str(HERE))
    from codebook.cli import main

    sys.exit(main())
