"""Stage 6: the only code that touches the output folder.

Everything is written into a fresh folder beside the output and swapped in with renames, so a
failed or killed build never leaves a half-written site where the old one was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path

from .render import OutputFile


def write_site(files: Iterable[OutputFile], out_dir: Path) -> int:
    """Write all files into a new folder, then swap it in place of out_dir. Returns the file count."""
    out_dir = out_dir.resolve()
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    recover_interrupted_swap(out_dir)
    staging = Path(tempfile.mkdtemp(prefix=f"{out_dir.name}.tmp-", dir=out_dir.parent))
    try:
        staging.chmod(0o755)
        count = write_files(files, staging)
        swap_in(staging, out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def write_files(files: Iterable[OutputFile], folder: Path) -> int:
    count = 0
    made: set[Path] = set()
    for file in sorted(files, key=lambda f: f.path):
        target = folder / file.path
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        target.write_bytes(file.content)
        count += 1
    return count


def swap_in(staging: Path, out_dir: Path) -> None:
    if not out_dir.exists():
        os.rename(staging, out_dir)
        return
    retired = out_dir.with_name(f"{out_dir.name}.old-{os.getpid()}")
    os.rename(out_dir, retired)
    os.rename(staging, out_dir)
    shutil.rmtree(retired, ignore_errors=True)


def recover_interrupted_swap(out_dir: Path) -> None:
    """Remove leftovers of a killed build; if it died between the two renames, restore the old site."""
    leftovers = sorted(out_dir.parent.glob(f"{out_dir.name}.old-*"))
    if leftovers and not out_dir.exists():
        os.rename(leftovers.pop(), out_dir)
    for path in leftovers + sorted(out_dir.parent.glob(f"{out_dir.name}.tmp-*")):
        shutil.rmtree(path, ignore_errors=True)


def update_site(files: Iterable[OutputFile], out_dir: Path, previous: dict[str, bytes]) -> list[str]:
    """Bring `serve`'s private output folder up to date in place; return the paths that changed.

    Only files whose bytes differ from the last build are written, each atomically (a browser
    never reads half a file), and files the build no longer makes are removed. `previous` maps
    path to the bytes last written (for code pages, the very objects the render memo keeps).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    current = {file.path: file for file in files}
    changed: list[str] = []
    for path, file in sorted(current.items()):
        before = previous.get(path)
        if (before is file.content or before == file.content) and (out_dir / path).is_file():
            continue
        target = out_dir / path
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        partial.write_bytes(file.content)
        os.replace(partial, target)
        previous[path] = file.content
        changed.append(path)
    for path in sorted(set(previous) - set(current)):
        (out_dir / path).unlink(missing_ok=True)
        del previous[path]
        changed.append(path)
    return changed
