"""The code itself: ruff (style and docstrings) and mypy (types) on the package."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import ROOT


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = run("ruff", "check", "--output-format", "concise", "src", "tests", "scripts")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict_finds_nothing() -> None:
    result = run("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


# The first site's names: the engine serves any explainer, so none of them is in it.
FIRST_SITE = re.compile(r"(?i)\b(iraq|iraqi|isis|daesh|biden|saadi)\b|العراق|داعش|الساعدي")


def test_the_engine_names_nothing_of_the_first_site() -> None:
    """No line in src/ (code, comments, strings, doctests, templates, records) names it."""
    tracked = (
        subprocess.run(["git", "ls-files", "-z", "src"], cwd=ROOT, capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    found = []
    for name in filter(None, tracked):
        try:
            text = (ROOT / name).read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue  # a font
        found += [
            f"{name}:{number}: {line.strip()}"
            for number, line in enumerate(text.splitlines(), 1)
            if FIRST_SITE.search(line)
        ]
    assert len(tracked) > 50
    assert not found, "\n".join(found)
