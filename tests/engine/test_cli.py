"""The command line never shows a traceback, takes ``-f`` anywhere, and never damages a file."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from explainer import cli
from explainer.cli import main
from explainer.serve import watched_paths


def run(project: Path, capsys, monkeypatch, *args: str) -> tuple[int, list[str], list[str]]:
    monkeypatch.chdir(project)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err.splitlines()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


# --- exit codes: internal errors, closed pipes --------------------------------------


def test_an_unexpected_exception_is_one_line_and_a_log(project: Path, capsys, monkeypatch):
    def broken(*args: object, **kwargs: object) -> None:
        raise KeyError("surprise")

    monkeypatch.setattr(cli, "build_site", broken)
    code, out, err = run(project, capsys, monkeypatch, "build")
    assert (code, out, len(err)) == (70, [], 1)
    prefix = "explainer: internal error: KeyError: 'surprise' (please report it; details in "
    assert err[0].startswith(prefix) and err[0].endswith(".log)")
    log = Path(err[0].removeprefix(prefix).removesuffix(")"))
    assert log.parent == Path(os.environ.get("TMPDIR", "/tmp"))
    assert "Traceback" in log.read_text("utf-8") and "in broken" in log.read_text("utf-8")
    log.unlink()


def test_a_closed_pipe_ends_the_command_quietly(project: Path) -> None:
    # `explainer status | head -0`: the reader is gone before the first line is written
    script = (
        "import os, sys\n"
        "read, write = os.pipe()\n"
        "os.close(read)\n"
        "os.dup2(write, 1)\n"
        "from explainer.cli import main\n"
        "sys.exit(main(['status']))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=project, capture_output=True, text=True, check=False
    )
    assert (result.returncode, result.stderr) == (141, "")


def test_usage_errors_exit_2(project: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(project)
    with pytest.raises(SystemExit) as exited:
        main(["build", "--no-such-option"])
    assert exited.value.code == 2


# --- -f/--config-file: after the command, from any folder -----------------------------


@pytest.mark.parametrize("where", ["before", "after"])
def test_config_file_from_another_folder(
    project: Path, tmp_path: Path, capsys, monkeypatch, where: str
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = ["-f", str(project / "mkdocs.yml")]
    args = lambda command: [*config, command] if where == "before" else [command, *config]  # noqa: E731
    code, _, err = run(elsewhere, capsys, monkeypatch, *args("check"))
    assert (code, err) == (0, ["explainer check: 0 error(s), 0 warning(s)"])
    code, out, err = run(elsewhere, capsys, monkeypatch, *args("build"))
    assert code == 0, err
    assert (project / "site/en/index.html").is_file()
    assert not (elsewhere / "site").exists()

    # content paths resolve against mkdocs.yml, and so do the errors' file names
    edit(project / "docs/data/claims.yml", "speaker: municipality", "speaker: mayor")
    code, out, _ = run(elsewhere, capsys, monkeypatch, *args("check"))
    assert code == 1
    assert out[0].startswith(f"{project}/docs/data/claims.yml:19:1: error: claim 'dam-plan'")


def test_config_file_relative_to_another_folder(project: Path, capsys, monkeypatch) -> None:
    # MkDocs reads the docs_dir and site_dir it is given relative to mkdocs.yml's folder:
    # the engine hands it absolute ones, or project/project/docs/ar would be looked for
    code, out, err = run(project.parent, capsys, monkeypatch, "build", "-f", "project/mkdocs.yml")
    assert (code, out) == (0, ["explainer: site built in project/site"]), err
    assert (project / "site/index.html").is_file() and (project / "site/en/index.html").is_file()
    code, out, _ = run(project, capsys, monkeypatch, "build")
    assert (code, out) == (0, ["explainer: site built in site"])


def test_serve_watches_the_theme_folder_only_when_there_is_one(project: Path) -> None:
    config = project / "mkdocs.yml"
    assert watched_paths(config) == [config, project / "docs"]  # no custom_dir
    config.write_text(
        config.read_text("utf-8").replace(
            "  language: ar\n", "  language: ar\n  custom_dir: mine\n"
        ),
        "utf-8",
    )
    assert watched_paths(config) == [config, project / "docs"]  # named, but not there
    (project / "mine").mkdir()
    assert watched_paths(config) == [config, project / "docs", project / "mine"]


# --- status --accept never damages a file ----------------------------------------------


def assert_accept_refused(project: Path, capsys, monkeypatch, target: str, message: str) -> None:
    """``status --accept target`` fails with ``message`` and leaves the file as it was."""
    before = (project / target).read_bytes()
    code, _, err = run(project, capsys, monkeypatch, "status", "--accept", target)
    assert (code, err[0]) == (1, message)
    assert (project / target).read_bytes() == before


def make_stale(project: Path) -> None:
    """Change the Arabic of the actor 'explainer' so its English record is stale."""
    edit(project / "docs/data/actors.yml", "{ar: هذا الشرح,", "{ar: هذا الشرح الموجز,")


def test_accept_refuses_a_record_in_flow_style(project: Path, capsys, monkeypatch) -> None:
    actors = project / "docs/data/actors.yml"
    edit(
        actors,
        "- id: explainer\n  translated_from: {en: 'f46ca855'}\n  group: explainer\n"
        "  name: {ar: هذا الشرح, en: This explainer}\n",
        "- {id: explainer, group: explainer, name: {ar: هذا الشرح الموجز, en: This explainer}}\n",
    )
    assert_accept_refused(
        project,
        capsys,
        monkeypatch,
        "docs/data/actors.yml",
        "docs/data/actors.yml:17:1: error: cannot record the translation's fingerprint here: "
        "record 'explainer' is written in flow style; no file was changed [translation.accept]",
    )


def test_accept_refuses_an_edit_that_would_change_the_data(
    project: Path, capsys, monkeypatch
) -> None:
    actors = project / "docs/data/actors.yml"
    # a fingerprint written over two lines: replacing its first line would leave the second
    edit(
        actors, "  translated_from: {en: 'f46ca855'}\n", "  translated_from:\n    en: 'f46ca855'\n"
    )
    make_stale(project)
    assert_accept_refused(
        project,
        capsys,
        monkeypatch,
        "docs/data/actors.yml",
        "docs/data/actors.yml:17:1: error: cannot record the translation's fingerprint here: "
        "the file's layout is not the usual block style; no file was changed "
        "[translation.accept]",
    )


def test_accept_keeps_windows_line_ends_and_proves_the_result(
    project: Path, capsys, monkeypatch
) -> None:
    actors = project / "docs/data/actors.yml"
    make_stale(project)
    actors.write_bytes(actors.read_bytes().replace(b"\n", b"\r\n"))
    before = yaml.safe_load(actors.read_text("utf-8"))
    code, out, _ = run(project, capsys, monkeypatch, "status", "--accept", "docs/data/actors.yml")
    assert (code, out) == (0, ["docs/data/actors.yml: 1 record(s) marked current"])
    raw = actors.read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n")
    after = yaml.safe_load(raw.decode("utf-8"))
    changed = [a["id"] for a, b in zip(before, after, strict=True) if a != b]
    assert changed == ["explainer"]
    assert after[2]["translated_from"]["en"] != before[2]["translated_from"]["en"]
    assert {k: v for k, v in after[2].items() if k != "translated_from"} == {
        k: v for k, v in before[2].items() if k != "translated_from"
    }
    assert run(project, capsys, monkeypatch, "check", "--strict")[0] == 0


def test_accept_on_a_page_with_unclosed_front_matter_names_its_line(
    project: Path, capsys, monkeypatch
) -> None:
    page = project / "docs/en/index.md"
    edit(page, "translated_from: 'cb091a0c'\n---\n", "translated_from: 'cb091a0c'\n")
    assert_accept_refused(
        project,
        capsys,
        monkeypatch,
        "docs/en/index.md",
        "docs/en/index.md:1:1: error: front matter opened here is never closed: "
        "add a line '---' after it [page.front-matter]",
    )


def test_accept_refuses_front_matter_it_cannot_edit_by_line(
    project: Path, capsys, monkeypatch
) -> None:
    page = project / "docs/en/index.md"
    edit(page, "translated_from: 'cb091a0c'\n", "{translated_from: 'cb091a0c'}\n")
    edit(project / "docs/ar/index.md", "لا تكفي.", "لا تكفي وحدها.")
    assert_accept_refused(
        project,
        capsys,
        monkeypatch,
        "docs/en/index.md",
        "docs/en/index.md:1:1: error: cannot record the translation's fingerprint here: "
        "its front matter is not plain 'key: value' lines; no file was changed "
        "[translation.accept]",
    )


# --- explainer new ---------------------------------------------------------------------


def test_new_writes_a_starter_that_builds_and_passes_every_check(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    code, out, _ = run(tmp_path, capsys, monkeypatch, "new", "my-explainer")
    target = tmp_path / "my-explainer"
    assert code == 0
    assert out[0].startswith("explainer: a starter explainer in my-explainer/ (")
    assert "  cd my-explainer" in out
    # content and the project's files only: the engine brings theme, scripts, faces, code
    files = {p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file()}
    assert {p.rsplit(".", 1)[-1] for p in files if "." in p.rsplit("/", 1)[-1]} <= {
        "yml",
        "md",
        "txt",
        "gitignore",
    }, files
    assert {"CONTRIBUTING.md", ".ci/run", ".github/workflows/check.yml"} <= files
    assert os.access(target / ".ci/run", os.X_OK)
    # CI installs the engine that made the starter, pinned to its release tag
    version = metadata.version("explainer-site")
    requirement = (target / "requirements.txt").read_text("utf-8").splitlines()[-1]
    assert re.fullmatch(
        rf"explainer-site @ git\+https://github\.com/\S+@v{re.escape(version)}", requirement
    )
    code, out, err = run(target, capsys, monkeypatch, "check", "--strict")
    assert (code, out, err) == (0, [], ["explainer check: 0 error(s), 0 warning(s)"])
    code, _, err = run(target, capsys, monkeypatch, "build")
    assert code == 0, err
    assert 'lang="en"' in (target / "site/en/index.html").read_text("utf-8")
    assert (target / "site/assets/stylesheets/explainer.css").is_file()  # from the engine


@pytest.mark.parametrize(
    ("source", "languages", "html_lang"),
    [("en", "ar", "ar"), ("ar", "en,ckb", "ckb"), ("fa", "en", "en"), ("ckb", "en,ar", "ar")],
)
def test_new_starts_any_source_language_with_any_translations(
    tmp_path: Path, capsys, monkeypatch, source: str, languages: str, html_lang: str
) -> None:
    """Every source language the starter has, translated into any others, checks and builds."""
    args = ("new", "x", "--source", source, "--languages", languages)
    assert run(tmp_path, capsys, monkeypatch, *args)[0] == 0
    target = tmp_path / "x"
    assert (target / f"docs/data/text.{source}.txt").is_file()
    code, out, err = run(target, capsys, monkeypatch, "check", "--strict")
    assert (code, out, err) == (0, [], ["explainer check: 0 error(s), 0 warning(s)"])
    code, _, err = run(target, capsys, monkeypatch, "build")
    assert code == 0, err
    page = BeautifulSoup(
        (target / f"site/{html_lang}/index.html").read_text("utf-8"), "html.parser"
    )
    assert page.html is not None and page.html["lang"] == html_lang
    article = page.find("article")
    assert article is not None and "[[" not in article.get_text()


def test_new_refuses_a_language_it_has_no_text_in(tmp_path: Path, capsys, monkeypatch) -> None:
    code, _, err = run(tmp_path, capsys, monkeypatch, "new", "x", "--languages", "en,tr")
    assert code == 2 and "the starter has no text in 'tr'" in err[0]
    assert not (tmp_path / "x").exists()


def test_new_refuses_a_folder_that_holds_files(tmp_path: Path, capsys, monkeypatch) -> None:
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken/notes.txt").write_text("mine\n", "utf-8")
    code, out, err = run(tmp_path, capsys, monkeypatch, "new", "taken")
    assert (code, out) == (1, [])
    assert err == ["explainer: taken is not an empty folder: choose a new one"]
    assert [p.name for p in (tmp_path / "taken").iterdir()] == ["notes.txt"]
