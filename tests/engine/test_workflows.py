"""The GitHub workflows: valid to actionlint, and running what CI (``.ci/run``) runs.

``.ci/run`` is the one definition of how the project is installed and tested; the
workflows in ``.github/workflows`` repeat its commands word for word (no script is
factored out, so each workflow reads on its own), and these tests keep them in step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"
CI_RUN = ROOT / ".ci" / "run"
#: The workflows that install and test the project as .ci/run does.
MIRRORS = ("pr.yml", "deploy.yml")


def actionlint() -> str:
    """Return the actionlint executable: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "actionlint"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("actionlint")
    if found is None:
        pytest.fail(
            f"actionlint is not installed (looked beside {sys.executable} and on PATH); "
            "install the pinned actionlint package of the test dependencies"
        )
    return found


def workflow_files() -> list[Path]:
    return sorted(p for p in WORKFLOWS.iterdir() if p.suffix in (".yml", ".yaml"))


def load(name: str) -> dict[str, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{name}: not a workflow"
    return data


def ci_lines() -> list[str]:
    """The command lines of .ci/run, stripped, comments and blank lines left out."""
    lines = (line.strip() for line in CI_RUN.read_text(encoding="utf-8").splitlines())
    return [line for line in lines if line and not line.startswith("#")]


def ci_commands(is_it: str) -> list[str]:
    """The lines of .ci/run that contain ``is_it`` (there must be one at least)."""
    found = [line for line in ci_lines() if is_it in line]
    assert found, f".ci/run: no line with {is_it!r}"
    return found


#: What the workflows must run exactly as .ci/run does: create the virtual environment,
#: install the project into it, run the tests. (The Chromium install differs on purpose:
#: CI runs as root on Debian, GitHub's runners are Ubuntu with sudo.)
CI_COMMANDS = ("-m venv", "pip install", "-m pytest")


def steps(workflow: dict[str, Any]) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every step of every job, with its job."""
    return [(job, step) for job in workflow["jobs"].values() for step in job.get("steps", [])]


def run_lines(step: dict[str, Any]) -> list[str]:
    return [line.strip() for line in str(step.get("run", "")).splitlines()]


def test_there_are_workflows() -> None:
    names = [p.name for p in workflow_files()]
    assert set(MIRRORS) <= set(names), names


@pytest.mark.parametrize("path", workflow_files(), ids=lambda p: p.name)
def test_actionlint_finds_nothing(path: Path) -> None:
    result = subprocess.run(
        [actionlint(), "-no-color", "-oneline", str(path.relative_to(ROOT))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("name", MIRRORS)
@pytest.mark.parametrize("what", CI_COMMANDS)
def test_workflow_runs_the_ci_command(name: str, what: str) -> None:
    ran = [line for _, step in steps(load(name)) for line in run_lines(step)]
    for command in ci_commands(what):
        assert command in ran, f"{name} does not run `{command}` exactly as .ci/run does"


@pytest.mark.parametrize("name", MIRRORS)
def test_workflow_checks_the_content_before_testing(name: str) -> None:
    ran = [line for _, step in steps(load(name)) for line in run_lines(step)]
    test = ci_commands("-m pytest")[0]
    assert test in ran, f"{name} does not run `{test}`"
    assert "explainer check" in ran, f"{name} does not run `explainer check`"
    assert ran.index("explainer check") < ran.index(test), f"{name}: check after the tests"


@pytest.mark.parametrize("name", MIRRORS)
def test_workflow_tests_with_the_ci_environment(name: str) -> None:
    """Every variable .ci/run exports is set to the same value where the tests run."""
    exported = dict(
        line.removeprefix("export ").split("=", 1)
        for line in ci_lines()
        if line.startswith("export ") and "=" in line
    )
    workflow = load(name)
    test = ci_commands("-m pytest")[0]
    testing = [(job, step) for job, step in steps(workflow) if test in run_lines(step)]
    assert testing, f"{name} does not run `{test}`"
    for job, step in testing:
        env = {**workflow.get("env", {}), **job.get("env", {}), **step.get("env", {})}
        for variable, value in exported.items():
            assert str(env.get(variable)) == value.strip("'\""), (
                f"{name}: the tests run without {variable}={value}, which .ci/run exports"
            )


def test_a_starters_workflow_and_ci_script_are_valid(tmp_path: Path) -> None:
    """What ``explainer new`` writes passes actionlint, and its workflow runs .ci/run."""
    from explainer.new import write_starter

    write_starter(tmp_path / "starter")
    workflow = tmp_path / "starter/.github/workflows/check.yml"
    result = subprocess.run(
        [actionlint(), "-no-color", "-oneline", str(workflow)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    steps = yaml.safe_load(workflow.read_text("utf-8"))["jobs"]["check"]["steps"]
    assert {"run": "bash .ci/run"} in steps
    script = (tmp_path / "starter/.ci/run").read_text("utf-8")
    for command in (
        "pip install -q -r requirements.txt",
        "explainer check --strict",
        "explainer build",
    ):
        assert command in script, command
    assert (
        subprocess.run(["bash", "-n", str(tmp_path / "starter/.ci/run")], check=False).returncode
        == 0
    )
