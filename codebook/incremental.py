"""The one incremental layer: stage results kept by explicit content keys, in memory and in .cache/.

Stages are plain functions; the orchestration (build.py) asks this layer for each result by a key
that digests every input the result depends on (file contents, reference data, templates, options,
the generator's own source), never by object identity. A key that matches means an equal input, so
a reused result is the result a clean build would make.

Results live in two tiers: in memory for the life of the process (serve's rebuilds), and in one
SQLite file in .cache/ (one row per result), so the command line reuses them too and reads only
the rows a build asks for. Above a size budget the rows used longest ago are pruned (as ccache
does), never those of the latest build.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Iterable, Sequence
from contextlib import closing, suppress
from functools import cache
from importlib import metadata
from pathlib import Path
from stat import S_ISREG
from typing import Any, TypeVar

from .blobs import Blobs

CACHE_VERSION = 2
SCHEMA = 4  # the database's table layout (PRAGMA user_version); 4: records sealed by a digest
PACKAGE = Path(__file__).resolve().parent
LIBRARIES = ("jinja2", "markdown-it-py", "pyyaml", "pagefind", "pagefind-bin")
DATABASE = "results.sqlite"
BLOBS = "blobs"  # rendered pages' bytes, one file per digest (blobs.py), stamped as kind "blob"
BUDGET = 1 << 30  # bytes of results kept; the least recently used go first
BATCH = 500  # keys per SELECT (below SQLite's bound-variable limit)
RACY_NS = 2_000_000_000

T = TypeVar("T")
R = TypeVar("R")
FileState = tuple[int, int, int]  # size, mtime_ns, inode


def digest(*parts: object) -> str:
    """A key over parts: bytes and str as they are, anything else by its repr (records are frozen
    dataclasses of str, numbers, dates and tuples, whose repr differs whenever their value does)."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = (
            part
            if isinstance(part, bytes)
            else (part if isinstance(part, str) else repr(part)).encode("utf-8", "surrogatepass")
        )
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@cache
def source_key() -> str:
    """The generator itself: its source and the libraries that shape the output. Part of every key,
    so a new version of either never reuses an old result."""
    hasher = hashlib.blake2b(digest_size=20)
    hasher.update(f"{CACHE_VERSION}\n".encode())
    for name in LIBRARIES:
        hasher.update(f"{name}={library_version(name)}\n".encode())
    for path in sorted(PACKAGE.rglob("*.py")):
        hasher.update(f"{path.relative_to(PACKAGE)}\n".encode())
        hasher.update(path.read_bytes())
    return hasher.hexdigest()


def library_version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "-"


class Store:
    """Stage results by (kind, key). `folder` None keeps them in memory only (--no-cache: nothing
    read from or written to disk)."""

    def __init__(self, folder: Path | None, budget: int = BUDGET):
        self.folder = folder
        self.budget = budget
        self.memory: dict[str, dict[str, Any]] = {}
        self.used: dict[str, set[str]] = {}
        self.new: dict[tuple[str, str], Any] = {}
        self.blobs = Blobs(folder / BLOBS if folder is not None else None)
        self.hashes = FileHashes(self.get("file-hashes", "all") or {})

    def key(self, kind: str, *parts: object) -> str:
        return digest(source_key(), kind, *parts)

    def get(self, kind: str, key: str) -> Any | None:
        return self.get_many(kind, [key]).get(key)

    def get_many(self, kind: str, keys: Sequence[str]) -> dict[str, Any]:
        """The results stored under these keys (a key not stored is left out)."""
        kept = self.memory.setdefault(kind, {})
        found = {k: kept[k] for k in keys if k in kept}
        missing = sorted({k for k in keys if k not in found})
        for key, value in self._read(kind, missing):
            found[key] = kept[key] = value
        self.used.setdefault(kind, set()).update(found)
        return found

    def put(self, kind: str, key: str, value: Any) -> None:
        self.memory.setdefault(kind, {})[key] = value
        self.used.setdefault(kind, set()).add(key)
        self.new[(kind, key)] = value

    def get_or_make(self, kind: str, key: str, make: Callable[[], T]) -> T:
        found = self.get_many(kind, [key])
        if key in found:
            return found[key]
        value = make()
        self.put(kind, key, value)
        return value

    def map(
        self, kind: str, items: Sequence[T], keys: Sequence[str], make: Callable[[Sequence[T]], list[R]]
    ) -> list[R]:
        """One result per item: stored ones reused, the others made by one call of make(missing)
        (which may spread them over the process pool)."""
        found = self.get_many(kind, keys)
        missing = [i for i, key in enumerate(keys) if key not in found]
        made = make([items[i] for i in missing]) if missing else []
        for i, value in zip(missing, made, strict=True):
            self.put(kind, keys[i], value)
            found[keys[i]] = value
        return [found[key] for key in keys]

    def commit(self) -> None:
        """End of a unit of work: new results to disk, and memory trimmed to what this work used
        (per kind it touched), so a long serve session does not grow without bound.

        When an input changed while this work read it (a save during a build), its results are
        dropped instead: they were keyed by one version and may hold another (the next build makes
        them again), and the build history records no fingerprint of files it did not read."""
        if self.hashes.moved():
            self.forget_new()
        elif self.hashes.used:  # a store that hashed no file (serve's search step) keeps the old hashes
            self.put("file-hashes", "all", self.hashes.kept())
        for kind, keys in self.used.items():
            kept = self.memory.get(kind, {})
            self.memory[kind] = {k: kept[k] for k in keys if k in kept}
        with suppress(OSError, sqlite3.Error):  # a cache that cannot be written only costs time
            self.blobs.write_new()  # before the rows that name them
            try:
                self._write()
            except sqlite3.DatabaseError as failure:
                if isinstance(failure, sqlite3.OperationalError):
                    raise  # locked or read-only: another build's file, leave it
                assert self.folder is not None
                (self.folder / DATABASE).unlink()  # not a database (damaged): start a new one
                self._write()
        self.used, self.new = {}, {}
        self.blobs.end_work()

    def forget_new(self) -> None:
        for kind, key in self.new:
            self.memory.get(kind, {}).pop(key, None)
            self.used.get(kind, set()).discard(key)
        self.new = {}

    # --- the SQLite file ----------------------------------------------------------------
    def _connect(self) -> closing[sqlite3.Connection]:
        """The database, with this version's tables (an older layout is dropped, not migrated).

        Values and the run that last used them live in two tables: stamping a used row must not
        rewrite its value (a rendered page, a Pagefind part) on every build."""
        assert self.folder is not None
        self.folder.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.folder / DATABASE, timeout=60)
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA:
            self.blobs.clear()  # a new database: no stamps left to prune the old blobs by
            self.blobs.write_new()
            with db:
                db.executescript(
                    "DROP TABLE IF EXISTS results; DROP TABLE IF EXISTS stamps; DROP TABLE IF EXISTS runs;"
                    "CREATE TABLE results (kind TEXT, key TEXT, value BLOB, PRIMARY KEY (kind, key));"
                    "CREATE TABLE stamps (kind TEXT, key TEXT, run INTEGER, size INTEGER,"
                    " PRIMARY KEY (kind, key))"
                    " WITHOUT ROWID;"
                    "CREATE TABLE runs (run INTEGER PRIMARY KEY AUTOINCREMENT, at REAL);"
                    f"PRAGMA user_version = {SCHEMA};"
                )
        return closing(db)

    def _read(self, kind: str, keys: list[str]) -> Iterable[tuple[str, Any]]:
        if not keys or self.folder is None or not (self.folder / DATABASE).is_file():
            return []
        found = []
        try:
            with self._connect() as db:
                for start in range(0, len(keys), BATCH):
                    batch = keys[start : start + BATCH]
                    marks = ",".join("?" * len(batch))
                    query = f"SELECT key, value FROM results WHERE kind = ? AND key IN ({marks})"
                    for key, stored in db.execute(query, (kind, *batch)):
                        value = unsealed(stored)
                        if value is not DAMAGED:
                            found.append((key, value))
        except (OSError, sqlite3.Error):
            return []  # a damaged cache only costs a full build
        return found

    def _write(self) -> None:
        if self.folder is None:
            return
        with self._connect() as db, db:
            run = db.execute("INSERT INTO runs (at) VALUES (?)", (time.time(),)).lastrowid
            assert run is not None
            rows = [(kind, key, sealed(value)) for (kind, key), value in self.new.items()]
            db.executemany("INSERT OR REPLACE INTO results VALUES (?, ?, ?)", rows)
            stamps = [(kind, key, run, len(value)) for kind, key, value in rows]
            stamps += [("blob", digest, run, size) for digest, size in self.blobs.used.items()]
            db.executemany("INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?)", stamps)
            used = [(run, kind, key) for kind, keys in self.used.items() for key in keys]
            db.executemany("UPDATE stamps SET run = ? WHERE kind = ? AND key = ?", used)
            self.blobs.remove(prune(db, run, self.budget))


DAMAGED = object()  # what unsealed() returns for a record that is not as it was written
SEAL_BYTES = 20


def sealed(value: Any) -> bytes:
    """A record as stored: its pickle behind the pickle's digest, so a record changed on disk (a
    flipped byte, a same-length edit) is known before it is unpickled."""
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    return hashlib.blake2b(data, digest_size=SEAL_BYTES).digest() + data


def unsealed(stored: object) -> Any:
    """The value of a stored record, or DAMAGED (then made again, never trusted nor raised on:
    .cache is input like any other file, and a damaged record must cost a rebuild only)."""
    if not isinstance(stored, bytes) or len(stored) <= SEAL_BYTES:
        return DAMAGED
    seal, data = stored[:SEAL_BYTES], stored[SEAL_BYTES:]
    if hashlib.blake2b(data, digest_size=SEAL_BYTES).digest() != seal:
        return DAMAGED
    try:
        return pickle.loads(data)
    except Exception:  # one this version cannot read (a class moved since): made again
        return DAMAGED


def prune(db: sqlite3.Connection, run: int, budget: int) -> list[str]:
    """Delete the rows used longest ago until the rest fit the budget; never this run's rows.
    Returns the digests of the blobs whose stamps went (their files are the caller's to delete)."""
    total = 0
    cutoff = 0
    sizes = db.execute("SELECT run, SUM(size) FROM stamps GROUP BY run ORDER BY run DESC").fetchall()
    for used, size in sizes:
        total += size
        if total > budget and used < run:
            cutoff = used
            break
    if not cutoff:
        return []
    blobs = "SELECT key FROM stamps WHERE kind = 'blob' AND run <= ?"
    stale_blobs = [key for (key,) in db.execute(blobs, (cutoff,))]
    stale = "SELECT kind, key FROM stamps WHERE run <= ?"
    db.execute(f"DELETE FROM results WHERE (kind, key) IN ({stale})", (cutoff,))
    db.execute("DELETE FROM stamps WHERE run <= ?", (cutoff,))
    db.execute("DELETE FROM runs WHERE run <= ?", (cutoff,))
    return stale_blobs


def file_state(stat: os.stat_result) -> FileState:
    return (stat.st_size, stat.st_mtime_ns, stat.st_ino)


class FileHashes:
    """Content hashes of input files, re-reading only files whose size or mtime changed; a file
    modified within two seconds of being hashed is always re-read (git's "racy clean" rule)."""

    def __init__(self, known: dict[str, tuple[FileState, int, str]]):
        self.known = known
        self.used: set[str] = set()
        self.now = time.time_ns()
        self.seen: dict[str, FileState] = {}  # each file's state when this unit of work first hashed it
        self.unsettled = False  # a file was seen in two states by this unit of work

    def moved(self) -> bool:
        """True when a file this unit of work hashed changed since (or was seen changing): what
        it made may mix two versions of it, so none of it may be kept under its keys."""
        if self.unsettled:
            return True
        for path, state in self.seen.items():
            try:
                if file_state(os.stat(path)) != state:
                    return True
            except OSError:
                return True
        return False

    def settle(self) -> None:
        """A new unit of work (serve's next build) watches only the files it hashes from now on."""
        self.seen, self.unsettled = {}, False

    def kept(self) -> dict[str, tuple[FileState, int, str]]:
        """The hashes this process used: files of other trees (tests, benchmarks) are not kept."""
        return {path: entry for path, entry in self.known.items() if path in self.used}

    def digest(self, path: str) -> str:
        """The content hash; a file that cannot be read (a symlink loop, a FIFO) hashes as such,
        and the build proper says what is wrong with it."""
        try:
            return self._digest(path)
        except OSError as failure:
            return f"unreadable {failure.errno}"

    def _digest(self, path: str) -> str:
        stat = os.stat(path)
        if not S_ISREG(stat.st_mode):
            return f"not a regular file {stat.st_mode:o}"  # a FIFO would block a read forever
        state = file_state(stat)
        self.used.add(path)
        if self.seen.setdefault(path, state) != state:
            self.unsettled = True
        entry = self.known.get(path)
        if entry and entry[0] == state and stat.st_mtime_ns < entry[1] - RACY_NS:
            return entry[2]
        with open(path, "rb") as handle:
            found = hashlib.blake2b(handle.read(), digest_size=16).hexdigest()
        self.known[path] = (state, time.time_ns(), found)
        return found


def tree_files(folder: Path) -> list[str]:
    """Every file below folder as a sorted relative path ('codes/J7507.md'); a missing folder has
    none. Plain strings: at 18,000 output files pathlib's overhead was most of a no-op build."""
    base = str(folder)
    found: list[str] = []
    for root, dirs, files in os.walk(base):
        dirs[:] = [d for d in dirs if d != "__pycache__"]
        inner = root[len(base) + 1 :].replace(os.sep, "/")
        prefix = f"{inner}/" if inner else ""
        found.extend(prefix + name for name in files if not name.endswith(".pyc"))
    return sorted(found)


def tree_digest(store: Store, folder: Path) -> str:
    """One key over every file below folder (names and contents): templates, assets, reference."""
    base = str(folder)
    return digest(
        *(f"{name}\0{store.hashes.digest(os.path.join(base, name))}" for name in tree_files(folder))
    )
