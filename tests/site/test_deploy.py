"""Publishing the offline editions: the deploy workflow builds them and puts them on the
site beside its pages; a version tag attaches them, with their SHA-256 sums, to a
release, and only that job may write to the repository. GitHub cannot be reached from
here, so scripts/deploy_dry_run.py runs the workflow's own commands for a tag, GitHub's
services stood in for, and checks what a reader gets. actionlint reads every workflow
(tests/engine/test_workflows.py).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github/workflows/deploy.yml"
TAG = "startsWith(github.ref, 'refs/tags/v')"


def workflow() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    return data


def runs(job: dict[str, Any]) -> list[str]:
    return [line.strip() for step in job["steps"] for line in str(step.get("run", "")).splitlines()]


def test_a_version_tag_runs_it_and_main_still_deploys() -> None:
    triggers = workflow()[True]  # YAML reads the key `on` as true
    assert triggers["push"] == {"branches": ["main"], "tags": ["v*"]}
    jobs = workflow()["jobs"]
    assert jobs["deploy"]["if"] == "github.ref_type == 'branch'"
    assert jobs["release"]["if"] == TAG and jobs["release"]["needs"] == "build"


def test_the_editions_are_built_and_published_with_the_site() -> None:
    build = workflow()["jobs"]["build"]
    ran = runs(build)
    site, bundle = "explainer build --site-dir site", "explainer bundle --dist-dir dist"
    assert ran.index(site) < ran.index(bundle) < ran.index("cp -- dist/* site/")
    steps = [str(step.get("name") or step.get("uses")) for step in build["steps"]]
    pages = next(i for i, name in enumerate(steps) if name.startswith("actions/upload-pages"))
    assert build["steps"][pages]["with"]["path"] == "site/"
    assert steps.index("Publish the offline editions with the site") < pages


def test_only_the_release_job_may_write_and_only_its_contents() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    writes = {
        name: job.get("permissions", {})
        for name, job in data["jobs"].items()
        if "write" in job.get("permissions", {}).values()
    }
    assert writes == {
        "deploy": {"pages": "write", "id-token": "write"},
        "release": {"contents": "write"},
    }
    ran = runs(data["jobs"]["release"])
    assert "sha256sum -- * > SHA256SUMS" in ran
    assert any(line.startswith('gh release create "$TAG" dist/*') for line in ran)


def test_the_dry_run_publishes_links_and_releases_the_editions(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts/deploy_dry_run.py"), "--tag", "v9.9.9",
         "--keep", str(tmp_path / "work")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    found = [line for line in done.stdout.splitlines() if line.startswith("deploy dry run:")]
    assert found[0] == (
        "deploy dry run: published and linked: iraq-coalition-offline.zip, "
        "iraq-coalition.ar.html, iraq-coalition.en.html"
    )
    assert found[2] == (
        "deploy dry run: release v9.9.9: release create with SHA256SUMS, "
        "iraq-coalition-offline.zip, iraq-coalition.ar.html, iraq-coalition.en.html "
        "(sums verify)"
    )
    assert found[-1] == "deploy dry run: ok"
    site = tmp_path / "work/.artifacts/github-pages"
    assert (site / "iraq-coalition.ar.html").is_file() and (site / "index.html").is_file()


def test_the_dry_run_fails_when_a_page_links_to_an_edition_not_published(tmp_path: Path) -> None:
    """The dry run's own check: remove the publishing step, and it says what is missing."""
    broken = workflow()
    steps = broken["jobs"]["build"]["steps"]
    broken["jobs"]["build"]["steps"] = [
        s for s in steps if s.get("name") != "Publish the offline editions with the site"
    ]
    script = (ROOT / "scripts/deploy_dry_run.py").read_text("utf-8")
    copy = tmp_path / "deploy_dry_run.py"
    other = tmp_path / "deploy.yml"
    other.write_text(yaml.safe_dump(broken, allow_unicode=True), "utf-8")
    copy.write_text(
        script.replace(
            'WORKFLOW = ROOT / ".github/workflows/deploy.yml"',
            f"WORKFLOW = Path({str(other)!r})",
        ).replace("ROOT = Path(__file__).resolve().parent.parent", f"ROOT = Path({str(ROOT)!r})"),
        "utf-8",
    )
    done = subprocess.run([sys.executable, str(copy)], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert done.stderr.splitlines()[-1] == (
        "deploy dry run: FAILED: iraq-coalition-offline.zip is not published with the site"
    )
