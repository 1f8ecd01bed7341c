"""The lock files match pyproject.toml: every dependency pinned exactly, with hashes, at a version
pyproject allows, and the test lock a superset of the runtime lock. Fails when a range changes in
pyproject.toml without `make lock` (which `make site` would otherwise ignore)."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .helpers import ROOT

PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
RUNTIME_LOCK, TEST_LOCK = ROOT / "requirements.lock", ROOT / "requirements-test.lock"
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^ \\]+) \\\n((?:    --hash=sha256:[0-9a-f]{64}(?: \\)?\n)+)", re.M)
FIX = "run `make lock` and commit requirements.lock and requirements-test.lock"


def pins(lock_text: str) -> dict[str, str]:
    """name → version of each `name==version \\ --hash=…` entry."""
    return {canonicalize_name(m[1]): m[2] for m in PIN.finditer(lock_text)}


def test_the_pin_reader_reads_a_lock_entry() -> None:
    entry = "Foo_Bar==1.2 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via x\n"
    assert pins(entry) == {"foo-bar": "1.2"}
    assert pins("foo==1.2\n") == {}, "an entry without a hash is not a pin"


@pytest.mark.parametrize(
    ("lock", "requirements"),
    [
        (RUNTIME_LOCK, PYPROJECT["project"]["dependencies"] + PYPROJECT["build-system"]["requires"]),
        (TEST_LOCK, PYPROJECT["project"]["optional-dependencies"]["test"]),
    ],
    ids=["runtime", "test"],
)
def test_every_dependency_is_locked_at_a_version_pyproject_allows(lock, requirements: list[str]) -> None:
    text = lock.read_text(encoding="utf-8")
    locked = pins(text)
    entries = [line for line in text.splitlines() if re.match(r"[A-Za-z0-9]", line)]
    assert len(entries) == len(locked), f"{lock.name}: an entry without an exact version or a hash"
    for requirement in map(Requirement, requirements):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{requirement} is not in {lock.name}: {FIX}"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{lock.name} has {name}=={locked[name]}, outside pyproject's {requirement}: {FIX}"
        )


def test_the_test_lock_holds_the_runtime_lock() -> None:
    runtime, test = pins(RUNTIME_LOCK.read_text("utf-8")), pins(TEST_LOCK.read_text("utf-8"))
    differ = {name: (pinned, test.get(name)) for name, pinned in runtime.items() if test.get(name) != pinned}
    assert differ == {}, f"runtime and test locks disagree (runtime, test): {differ}: {FIX}"
