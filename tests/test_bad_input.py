"""Bad input stops the build with ``file:line: message``, no traceback, no half site."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from explainer.cli import main


def build(project: Path, capsys: pytest.CaptureFixture[str], monkeypatch) -> tuple[int, str]:
    monkeypatch.chdir(project)
    code = main(["build"])
    return code, capsys.readouterr().err


@pytest.fixture
def built(project: Path, capsys, monkeypatch) -> Path:
    """The sample project with a good site already built, to prove it survives."""
    code, err = build(project, capsys, monkeypatch)
    assert code == 0, err
    marker = project / "site/index.html"
    assert marker.is_file()
    return project


def assert_untouched(project: Path) -> None:
    assert (project / "site/index.html").is_file()
    assert (project / "site/en/index.html").is_file()
    leftovers = [p.name for p in project.iterdir() if p.name.startswith(".site.")]
    assert not leftovers


def test_good_sample_builds_both_languages(built: Path) -> None:
    assert 'lang="en"' in (built / "site/en/index.html").read_text("utf-8")


def test_missing_source_text(built: Path, capsys, monkeypatch) -> None:
    (built / "docs/data/text.ar.txt").unlink()
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines()[0] == "docs/data/text.ar.txt:1: file not found"
    assert_untouched(built)


def test_unreadable_source_text(built: Path, capsys, monkeypatch) -> None:
    (built / "docs/data/text.ar.txt").write_bytes("سارة".encode("cp1256"))
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines()[0] == "docs/data/text.ar.txt:1: not UTF-8 text (byte 0)"
    assert_untouched(built)


def test_page_missing_in_one_language(built: Path, capsys, monkeypatch) -> None:
    (built / "docs/ar/extra.md").write_text("# صفحة\n", "utf-8")
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines()[0] == (
        "docs/ar/extra.md:1: page has no 'en' counterpart: expected docs/en/extra.md"
    )
    assert_untouched(built)
    assert not (built / "site/extra").exists()


def test_broken_yaml_names_its_line(built: Path, capsys, monkeypatch) -> None:
    path = built / "docs/data/source.yml"
    path.write_text(path.read_text("utf-8").replace("  - id: p2\n", "  - id: [p2\n"), "utf-8")
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines()[0].startswith("docs/data/source.yml:16: invalid YAML: ")


def test_missing_translation_and_wrong_id_are_reported_together(
    built: Path, capsys, monkeypatch
) -> None:
    path = built / "docs/data/source.yml"
    text = path.read_text("utf-8")
    text = text.replace("    en: In 2019", "    fr: En 2019").replace("id: p3", "id: p4")
    path.write_text(text, "utf-8")
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines() == [
        "docs/data/source.yml:15: paragraph p2: missing 'en' translation",
        "docs/data/source.yml:21: block 4: expected 'id: p3' (paragraphs are numbered in "
        "order) or 'pullquote: <paragraph id>', got 'p4'",
        "explainer: 2 error(s); nothing was built",
    ]
    assert_untouched(built)


def test_block_count_must_match_the_text(built: Path, capsys, monkeypatch) -> None:
    txt = built / "docs/data/text.ar.txt"
    txt.write_text(txt.read_text("utf-8") + "\nفقرة جديدة.\n", "utf-8")
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines()[0] == (
        "docs/data/source.yml:11: 'blocks' has 4 entries but docs/data/text.ar.txt has 5 "
        "blocks after the author and title; expected one entry per block, in order"
    )


def test_pull_quote_must_repeat_its_paragraph(built: Path, capsys, monkeypatch) -> None:
    path = built / "docs/data/source.yml"
    path.write_text(path.read_text("utf-8").replace("pullquote: p3", "pullquote: p1"), "utf-8")
    code, err = build(built, capsys, monkeypatch)
    assert code == 1
    assert err.splitlines()[0] == (
        "docs/data/source.yml:18: pull quote does not repeat paragraph 'p1': expected at "
        "least 60% of its text in one run of that paragraph"
    )


def test_command_line_prints_no_traceback(built: Path) -> None:
    (built / "docs/data/text.ar.txt").unlink()
    result = subprocess.run(
        [sys.executable, "-m", "explainer.cli", "build"],
        cwd=built,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "docs/data/text.ar.txt:1: file not found",
        "explainer: 1 error(s); nothing was built",
    ]
    assert_untouched(built)
