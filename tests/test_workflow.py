"""The GitHub Pages workflow: linted by actionlint, and wired the way GitHub documents a Pages deploy."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from .helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


def actionlint() -> str:
    """The actionlint installed with the test extras (next to this Python), else one on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    found = str(beside) if beside.exists() else shutil.which("actionlint")
    if not found:
        pytest.fail("actionlint is not installed: pip install -e '.[test]'")
    return found


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def expression(inner: str) -> str:
    return "${{ " + inner + " }}"


def steps_of(job: dict) -> list[dict]:
    return job["steps"]


def step_using(job: dict, action: str) -> dict:
    matches = [s for s in steps_of(job) if s.get("uses", "").startswith(action + "@")]
    assert len(matches) == 1, f"expected one step using {action}"
    return matches[0]


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [actionlint(), "-no-color", str(WORKFLOW)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_is_not_a_rubber_stamp(tmp_path: Path) -> None:
    """The same check rejects a broken copy, so a pass above means something."""
    broken = tmp_path / "pages.yml"
    text = WORKFLOW.read_text(encoding="utf-8").replace(
        "steps.pages.outputs.base_url", "steps.page.outputs.url"
    )
    broken.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [actionlint(), "-no-color", str(broken)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0


def test_runs_on_push_to_main_and_by_hand(workflow: dict) -> None:
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in triggers


def test_permissions_and_concurrency_are_those_github_documents(workflow: dict) -> None:
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}


def test_builds_with_the_readme_command_and_the_pages_base_url(workflow: dict) -> None:
    build = workflow["jobs"]["build"]
    pages = step_using(build, "actions/configure-pages")
    build_step = next(s for s in steps_of(build) if "make site" in s.get("run", ""))
    assert "BASE_URL" in build_step["run"]
    assert build_step["env"]["BASE_URL"] == expression(f"steps.{pages['id']}.outputs.base_url")
    order = steps_of(build)
    assert order.index(pages) < order.index(build_step)
    upload = step_using(build, "actions/upload-pages-artifact")
    assert upload["with"]["path"] == "_site"
    assert order.index(build_step) < order.index(upload)
    assert "make site" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_deploys_the_uploaded_artifact_to_the_pages_environment(workflow: dict) -> None:
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    step = step_using(deploy, "actions/deploy-pages")
    assert deploy["environment"] == {
        "name": "github-pages",
        "url": expression(f"steps.{step['id']}.outputs.page_url"),
    }


def test_makefile_passes_base_url_to_the_build(tmp_path: Path) -> None:
    """`make site BASE_URL=…` must reach build.py as --base-url (checked without building)."""
    result = subprocess.run(
        ["make", "-n", "site", "BASE_URL=https://org.example/repo/", "VENV=.venv", "PY=python3"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert '--base-url "https://org.example/repo/"' in result.stdout, result.stdout + result.stderr
