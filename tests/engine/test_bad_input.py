"""The bad-input catalogue: what an editor can get wrong, and exactly what they are told.

Each case in ``bad_input.yml`` breaks a copy of the sample project the way an editor
could, through a pull request, and names the message ``explainer check`` prints for
it. The same case then goes through ``explainer build``, which must fail with the same
message and leave the site built before it byte-identical: ``check`` and ``build``
agree, and bad input never reaches readers nor costs them the site they have.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import copy_sample
from explainer.cli import main

CATALOGUE = Path(__file__).with_name("bad_input.yml")
CASES = yaml.safe_load(CATALOGUE.read_text("utf-8"))


def apply(project: Path, edit: dict) -> None:
    """Make one editor's change in ``project`` (see the catalogue's header)."""
    path = project / edit["file"]
    if "replace" in edit:
        old, new = edit["replace"]
        text = path.read_text("utf-8")
        assert old in text, f"{edit['file']} has no {old!r}"
        path.write_text(text.replace(old, new, 1), "utf-8")
    elif "append" in edit:
        with path.open("a", encoding="utf-8") as stream:
            stream.write(edit["append"])
    elif "text" in edit:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(edit["text"].encode(edit.get("encoding", "utf-8")))
    elif "bytes" in edit:  # each character is one byte, "\xff" included
        path.write_bytes(edit["bytes"].encode("latin-1"))
    elif "repeat" in edit:  # a file of `times` copies of `repeat`
        path.write_text(edit["repeat"] * edit["times"], "utf-8")
    elif "delete" in edit:
        path.unlink()
    elif "symlink" in edit:
        path.symlink_to(edit["symlink"])
    elif "mkdir" in edit:
        path.unlink()
        path.mkdir()
    else:
        raise AssertionError(f"unknown edit {edit}")


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project with its site built once, copied by each case."""
    project = copy_sample(tmp_path_factory.mktemp("good") / "project")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(project)
        assert main(["build"]) == 0
    return project


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``explainer ARGS`` in a project; return its exit code and all it printed."""
    monkeypatch.setenv("GITHUB_ACTIONS", "false")

    def run(project: Path, *args: str) -> tuple[int, str]:
        monkeypatch.chdir(project)
        code = main(list(args))
        out, err = capsys.readouterr()
        return code, out + err

    return run


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


@pytest.mark.parametrize("case", CASES, ids=[c["case"] for c in CASES])
def test_check_and_build_refuse_with_the_same_message(
    case: dict, good: Path, tmp_path: Path, run
) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project, symlinks=True)
    before = snapshot(project / "site")
    for edit in case["edits"]:
        apply(project, edit)
    expected = case["errors"]

    code, out = run(project, "check")
    assert code == 1, out
    assert "Traceback" not in out
    reported = [line for line in out.splitlines() if ": error: " in line]
    assert reported == expected

    code, out = run(project, "build")
    assert code == 1, out
    assert "Traceback" not in out
    assert [line for line in out.splitlines() if ": error: " in line] == expected
    assert out.splitlines()[-1] == f"explainer: {len(expected)} error(s); nothing was built"
    assert snapshot(project / "site") == before, "a failed build changed the site"
    assert not [p.name for p in project.iterdir() if p.name.startswith(".site.")]


def test_the_catalogue_covers_what_editors_do() -> None:
    rules = {line.rsplit("[", 1)[1].rstrip("]") for case in CASES for line in case["errors"]}
    assert len(CASES) >= 35
    assert {"file.encoding", "file.size", "file.symlink", "page.empty", "yaml"} <= rules
    assert {"safety.title", "safety.html", "reference.directive", "reference.claim"} <= rules


def test_good_sample_builds_both_languages(good: Path) -> None:
    assert 'lang="en"' in (good / "site/en/index.html").read_text("utf-8")


def test_bom_and_windows_line_ends_are_accepted(good: Path, tmp_path: Path, run) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project, symlinks=True)
    page = project / "docs/en/index.md"
    page.write_bytes(b"\xef\xbb\xbf" + page.read_bytes().replace(b"\n", b"\r\n"))
    code, out = run(project, "check")
    assert (code, out.splitlines()[-1]) == (0, "explainer check: 0 error(s), 0 warning(s)")
    code, out = run(project, "build")
    assert code == 0, out
    assert "The author holds" in (project / "site/en/index.html").read_text("utf-8")


def test_the_command_line_prints_no_traceback(good: Path, tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(good, project, symlinks=True)
    (project / "docs/data/text.ar.txt").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "explainer.cli", "build"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "docs/data/text.ar.txt:1:1: error: file not found [file]",
        "explainer: 1 error(s); nothing was built",
    ]
