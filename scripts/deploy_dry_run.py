"""Run the deploy workflow's own commands here, as GitHub would on a version tag, GitHub aside.

    python scripts/deploy_dry_run.py [--tag v0.0.0-dry-run] [--keep DIR]

GitHub cannot be reached from here, so this reads ``.github/workflows/deploy.yml`` and
runs, with bash and in a copy of the project, the commands it gives: in the build job,
every step from "Build the site" on; then the release job. Nothing is pushed, uploaded
or released:

- an action (``uses:``) that moves files between jobs is a copy: what
  ``upload-artifact`` or ``upload-pages-artifact`` would upload goes to a folder,
  ``download-artifact`` takes it back; other actions are skipped and listed;
- ``gh`` is a stand-in first on PATH, which checks that every file it is given exists
  and records the command;
- a step's ``if:`` is evaluated for a push of the tag (the conditions this workflow
  uses; any other stops the run, to be taught here).

Then it checks what a reader would get: the published site holds each offline edition
at the address its pages link to (``[[offline]]``), byte for byte what the bundle wrote;
the release gets the editions and ``SHA256SUMS``, which verify; each single file and
the published site keep to their budgets (``explainer.sizes``). Exits 1, saying why,
when any of it fails. ``tests/site/test_deploy.py`` runs it.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml
from bs4 import BeautifulSoup

from explainer.build import read_raw_config
from explainer.sizes import (
    EDITIONS,
    PUBLISHED_BUDGET,
    SINGLE_FILE_BUDGET,
    human,
    published_by_part,
)

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github/workflows/deploy.yml"
#: What the build job runs before this point (install, check, tests) is CI's, not the deploy's.
FIRST_STEP = "Build the site"
#: The project files a build reads (the engine is the one installed here).
PROJECT = ("mkdocs.yml", "docs", "overrides")
#: The actions that move files between the jobs, and what each means here.
MOVES = ("actions/upload-artifact", "actions/upload-pages-artifact", "actions/download-artifact")

# ``gh``, as the dry run has it: every file named must exist; the command is recorded.
GH = """#!/usr/bin/env bash
for arg in "$@"; do
  case "$arg" in
    dist/*) [ -f "$arg" ] || { echo "gh (dry run): no file $arg" >&2; exit 1; } ;;
  esac
done
if [ "$1 $2" = "release view" ]; then exit 1; fi  # no release yet: the workflow makes one
printf '%s\\n' "$*" >> "$GH_DRY_RUN_LOG"
echo "gh (dry run): $*"
"""


class Failed(Exception):
    """The dry run found something a reader would not get; the message says what."""


def condition(expression: str, tag: str) -> bool:
    """Return the value of a step's or job's ``if:`` for a push of ``tag``."""
    known = {
        "startsWith(github.ref, 'refs/tags/v')": tag.startswith("v"),
        "github.ref_type == 'branch'": False,
    }
    if expression.strip() not in known:
        raise Failed(f"deploy.yml: the dry run does not know the condition {expression!r}")
    return known[expression.strip()]


def expand(value: str, context: dict[str, str]) -> str:
    """Return ``value`` with the ``${{ … }}`` it holds filled from ``context``."""

    def one(match: re.Match[str]) -> str:
        name = match.group(1).strip()
        if name not in context:
            raise Failed(f"deploy.yml: the dry run does not know ${{{{ {name} }}}}")
        return context[name]

    return re.sub(r"\$\{\{(.*?)\}\}", one, value)


class Runner:
    """Runs the steps of the workflow's jobs in ``work``, GitHub's services stood in for."""

    def __init__(self, work: Path, tag: str) -> None:
        self.work = work
        self.tag = tag
        self.artifacts = work / ".artifacts"
        self.bin = work / ".bin"
        self.log = work / ".gh.log"
        self.skipped: list[str] = []
        self.bin.mkdir()
        (self.bin / "gh").write_text(GH, "utf-8")
        (self.bin / "gh").chmod(0o755)
        self.context = {
            "github.ref_name": tag,
            "github.token": "dry-run-token",
            "github.repository": "dry-run/explainer",
        }

    def run_job(self, job: dict[str, Any], first: str | None = None) -> None:
        """Run ``job``'s steps (from the one named ``first``, if given)."""
        steps = job.get("steps", [])
        if first is not None:
            names = [step.get("name") for step in steps]
            if first not in names:
                raise Failed(f"deploy.yml: no step named {first!r} in the build job")
            steps = steps[names.index(first) :]
        for step in steps:
            if "if" in step and not condition(str(step["if"]), self.tag):
                self.skipped.append(f"{step.get('name') or step.get('uses')} (its if:)")
                continue
            if "uses" in step:
                self.action(step)
            else:
                self.shell(step, job)

    def action(self, step: dict[str, Any]) -> None:
        uses = str(step["uses"]).split("@")[0]
        options = step.get("with") or {}
        if uses == "actions/upload-pages-artifact":
            self.copy(self.work / options["path"], self.artifacts / "github-pages")
        elif uses == "actions/upload-artifact":
            self.copy(self.work / options["path"], self.artifacts / options["name"])
        elif uses == "actions/download-artifact":
            self.copy(self.artifacts / options["name"], self.work / options["path"])
        else:
            self.skipped.append(str(step["uses"]))

    @staticmethod
    def copy(source: Path, target: Path) -> None:
        if not source.exists():
            raise Failed(f"nothing to move at {source.name}/")
        shutil.copytree(source, target, dirs_exist_ok=True)

    def shell(self, step: dict[str, Any], job: dict[str, Any]) -> None:
        env = {
            **os.environ,
            # the stand-ins, then this Python's own scripts (explainer), as in CI's venv
            "PATH": os.pathsep.join(
                (str(self.bin), str(Path(sys.executable).parent), os.environ["PATH"])
            ),
            "GITHUB_REF_NAME": self.tag,
            "GITHUB_REPOSITORY": self.context["github.repository"],
            "GH_DRY_RUN_LOG": str(self.log),
        }
        for name, value in {**(job.get("env") or {}), **(step.get("env") or {})}.items():
            env[str(name)] = expand(str(value), self.context)
        where = self.work / step.get("working-directory", ".")
        print(f"--- {step.get('name', 'run')}", flush=True)
        command = ["bash", "-e", "-o", "pipefail", "-c", str(step["run"])]  # as GitHub runs it
        done = subprocess.run(command, cwd=where, env=env, check=False)
        if done.returncode:
            raise Failed(f"step {step.get('name')!r} failed (exit {done.returncode})")

    def gh_commands(self) -> list[list[str]]:
        if not self.log.is_file():
            return []
        return [shlex.split(line) for line in self.log.read_text("utf-8").splitlines()]


def check_published(work: Path) -> list[str]:
    """Check the site as published and the editions; return what was found, line by line."""
    raw = read_raw_config(work / "mkdocs.yml")[0]
    site_url = str(raw.get("site_url") or "")
    site, dist = work / ".artifacts/github-pages", work / "dist"
    editions = sorted(p.name for p in dist.iterdir() if p.name != "SHA256SUMS")
    lines = []
    for name in editions:
        if not (site / name).is_file():
            raise Failed(f"{name} is not published with the site")
        if (site / name).read_bytes() != (dist / name).read_bytes():
            raise Failed(f"the published {name} is not the one the bundle wrote")
    root = urlsplit(site_url).path
    linked: set[str] = set()
    for page in sorted(site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        for link in soup.select(".ex-offline a[href]"):
            href = urlsplit(str(link["href"]))
            if not str(link["href"]).startswith(site_url):
                raise Failed(f"{page.relative_to(site)}: {link['href']} is not on the site")
            target = site / href.path.removeprefix(root)
            if not target.is_file():
                raise Failed(f"{page.relative_to(site)} links to {link['href']}: not published")
            linked.add(target.name)
    if linked != set(editions):
        raise Failed(f"the pages link to {sorted(linked)}, the editions are {editions}")
    lines.append(f"published and linked: {', '.join(editions)}")
    limit = SINGLE_FILE_BUDGET["total"]
    for name in editions:
        size = (dist / name).stat().st_size
        if name.endswith(".html") and size > limit:
            raise Failed(f"{name}: {human(size)}, over its budget of {human(limit)}")
    files = [
        (path.relative_to(site).as_posix(), path.stat().st_size)
        for path in site.rglob("*")
        if path.is_file()
    ]
    sizes = published_by_part(files, editions)
    over = [part for part, size in sizes.items() if size > PUBLISHED_BUDGET[part]]
    if over:
        raise Failed(f"the published site is over budget: {', '.join(over)}")
    lines.append(
        f"the published site: {human(sizes['total'])} (the editions "
        f"{human(sizes[EDITIONS])}), within its budget of {human(PUBLISHED_BUDGET['total'])}"
    )
    return lines


def check_release(work: Path, runner: Runner, tag: str) -> list[str]:
    """Check what the release job gave ``gh``; return what was found."""
    commands = runner.gh_commands()
    created = [c for c in commands if c[:2] in (["release", "create"], ["release", "upload"])]
    if len(created) != 1 or created[0][2] != tag:
        raise Failed(f"expected one release of {tag}, gh was asked: {commands}")
    files = sorted(Path(arg).name for arg in created[0] if arg.startswith("dist/"))
    dist = work / "dist"
    expected = sorted(p.name for p in dist.iterdir())
    if files != expected or "SHA256SUMS" not in files:
        raise Failed(f"the release gets {files}, the editions and their sums are {expected}")
    sums = {}
    for line in (dist / "SHA256SUMS").read_text("utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        sums[name.lstrip("*")] = digest
    for name in expected:
        if (
            name != "SHA256SUMS"
            and sums.get(name) != hashlib.sha256((dist / name).read_bytes()).hexdigest()
        ):
            raise Failed(f"SHA256SUMS does not verify {name}")
    return [f"release {tag}: {' '.join(created[0][:2])} with {', '.join(files)} (sums verify)"]


def dry_run(tag: str, work: Path) -> list[str]:
    """Run the workflow's commands for a push of ``tag`` in ``work``; return the findings."""
    workflow = yaml.safe_load(WORKFLOW.read_text("utf-8"))
    for name in PROJECT:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, work / name)
        elif (ROOT / name).is_file():
            shutil.copy2(ROOT / name, work / name)
    runner = Runner(work, tag)
    jobs = workflow["jobs"]
    runner.run_job(jobs["build"], first=FIRST_STEP)
    findings = check_published(work)
    for name in ("deploy", "release"):
        job = jobs[name]
        if "if" in job and not condition(str(job["if"]), tag):
            runner.skipped.append(f"job {name} (its if:)")
            continue
        runner.run_job(job)
    findings += check_release(work, runner, tag)
    findings.append(f"stood in for or skipped: {', '.join(runner.skipped)}")
    return findings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tag", default="v0.0.0-dry-run", help="the version tag pushed")
    parser.add_argument("--keep", help="run in this (new) folder and keep it, to look at")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="explainer-deploy-") as tmp:
        work = Path(args.keep) if args.keep else Path(tmp) / "project"
        work.mkdir(parents=True)
        try:
            findings = dry_run(args.tag, work)
        except Failed as exc:
            print(f"deploy dry run: FAILED: {exc}", file=sys.stderr)
            return 1
    for line in findings:
        print(f"deploy dry run: {line}")
    print("deploy dry run: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
