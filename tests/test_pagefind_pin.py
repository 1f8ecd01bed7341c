"""codebook/search/pagefind.py subclasses Pagefind's service and overrides private members (upstream
sleeps 0.1 s before each reply and cannot read a reply over 2 MiB). A private API may change in any
release, so the subclass is written against one exact version, pinned in pyproject.toml and the lock
file; these tests fail loudly, saying what to check, when an upgrade changes what it relies on."""

from __future__ import annotations

import asyncio
import inspect
import subprocess
from concurrent.futures import ThreadPoolExecutor
from importlib.metadata import version

import pytest
from pagefind.service import PagefindService
from pagefind_bin import get_executable

from codebook.search.pagefind import PAGEFIND_PRIVATE_MEMBERS, PAGEFIND_VERSION, PromptPagefindService

UPGRADE = (
    "codebook/search/pagefind.py (PromptPagefindService) overrides private members of pagefind "
    f"{PAGEFIND_VERSION}'s PagefindService. Before changing the pin, read the new release's "
    "pagefind/service/__init__.py, adapt the subclass, then update PAGEFIND_VERSION, pyproject.toml "
    "and requirements.lock together."
)


@pytest.mark.parametrize("package", ["pagefind", "pagefind_bin"])
def test_installed_pagefind_is_the_version_the_subclass_was_written_for(package: str) -> None:
    installed = version(package)
    assert installed == PAGEFIND_VERSION, f"{package} {installed} is installed. {UPGRADE}"


def test_the_pagefind_binary_is_that_version() -> None:
    binary = get_executable()
    assert binary is not None, "pagefind_bin ships no binary for this machine"
    reported = subprocess.run([str(binary), "--version"], capture_output=True, text=True, timeout=60)
    assert reported.stdout.split()[-1] == PAGEFIND_VERSION, f"{reported.stdout!r}. {UPGRADE}"


def test_the_private_members_it_overrides_still_exist() -> None:
    """Each member is declared by PagefindService, and launch() still starts the reply reader."""
    declared = set(vars(PagefindService)) | set(inspect.get_annotations(PagefindService))
    missing = [name for name in PAGEFIND_PRIVATE_MEMBERS if name not in declared]
    assert missing == [], f"PagefindService no longer has {missing}. {UPGRADE}"
    assert inspect.iscoroutinefunction(PagefindService._wait_for_responses), UPGRADE
    launch, init = inspect.getsource(PagefindService.launch), inspect.getsource(PagefindService.__init__)
    assert "self._wait_for_responses()" in launch, f"launch() no longer polls replies. {UPGRADE}"
    assert "self._backend =" in launch and "self._responses =" in init, UPGRADE


def test_the_subclass_adds_no_name_upstream_already_uses() -> None:
    """A helper of ours named like a new upstream method would silently replace it."""
    ours = {name for name, value in vars(PromptPagefindService).items() if inspect.isfunction(value)}
    clashes = sorted((ours - set(PAGEFIND_PRIVATE_MEMBERS)) & set(dir(PagefindService)))
    assert clashes == [], f"PromptPagefindService would override {clashes}. {UPGRADE}"


def test_the_subclass_indexes_and_returns_files() -> None:
    """The overrides work end to end against the installed release: one record in, a bundle out."""

    async def index_one() -> list[str]:
        async with PromptPagefindService() as service:
            index = await service.create_index({"force_language": "en", "write_playground": False})
            await index.add_custom_record(url="/x.html", content="tacrolimus", language="en", meta={})
            return [f["path"] for f in await index.get_files()]

    # In a thread of its own, as the build runs it: a browser test's Playwright may have left an
    # event loop running in this one, where asyncio.run() refuses to start.
    with ThreadPoolExecutor(max_workers=1) as worker:
        paths = worker.submit(asyncio.run, index_one()).result()
    assert "pagefind-entry.json" in paths and any(p.endswith(".pf_fragment") for p in paths)
