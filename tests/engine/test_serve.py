"""``explainer serve`` rebuilds the languages a save changes, and only those, checked first."""

from __future__ import annotations

import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from explainer.errors import ContentInvalid
from explainer.languages import site_languages
from explainer.serve import Preview, entries


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def files(root: Path, *, skip: str = "") -> dict[str, tuple[int, int]]:
    """Every file under ``root`` but those under ``skip/``: its inode and modification time."""
    found = {}
    for path in root.rglob("*"):
        rel = path.relative_to(root).as_posix()
        if path.is_file() and not (skip and rel.startswith(f"{skip}/")):
            stat = path.stat()
            found[rel] = (stat.st_ino, stat.st_mtime_ns)
    return found


@pytest.fixture
def preview(project: Path) -> Iterator[Preview]:
    with Preview(project / "mkdocs.yml") as served:
        assert served.rebuild().languages == ["ar", "en"]  # the first build: everything
        yield served
    assert not served.base.exists()


def html(preview: Preview, page: str) -> str:
    return (preview.root / page).read_text("utf-8")


def test_a_translation_edit_rebuilds_that_language_only(project: Path, preview: Preview) -> None:
    arabic = files(preview.root, skip="en")
    assert "index.html" in arabic and "en/index.html" not in arabic
    edit(project / "docs/en/index.md", "The author holds", "The author firmly holds")
    assert preview.rebuild().languages == ["en"]
    assert "The author firmly holds" in html(preview, "en/index.html")
    assert files(preview.root, skip="en") == arabic  # not one Arabic file written again


def test_a_source_edit_rebuilds_a_translation_only_when_its_notice_changes(
    project: Path, preview: Preview
) -> None:
    english = files(preview.root / "en")
    assert "ex-outdated" not in html(preview, "en/index.html")
    # the English page now lags behind its source page: it gets the notice
    edit(project / "docs/ar/index.md", "لا تكفي.", "لا تكفي وحدها.")
    assert preview.rebuild().languages == ["ar", "en"]
    assert "لا تكفي وحدها." in html(preview, "index.html")
    assert "ex-outdated" in html(preview, "en/index.html")
    # another edit leaves it lagging: nothing of the English site changes
    english = files(preview.root / "en")
    edit(project / "docs/ar/index.md", "لا تكفي وحدها.", "لا تكفي أبدًا.")
    assert preview.rebuild().languages == ["ar"]
    assert "لا تكفي أبدًا." in html(preview, "index.html")
    assert files(preview.root / "en") == english
    # the Arabic as it was: the English page is in step again, and loses the notice
    edit(project / "docs/ar/index.md", "لا تكفي أبدًا.", "لا تكفي.")
    assert preview.rebuild().languages == ["ar", "en"]
    assert "ex-outdated" not in html(preview, "en/index.html")


@pytest.mark.parametrize("changed", ["docs/data/claims.yml", "mkdocs.yml", "docs/robots.txt"])
def test_content_and_settings_rebuild_every_language(
    project: Path, preview: Preview, changed: str
) -> None:
    target = project / changed
    if changed == "docs/data/claims.yml":
        edit(target, "In 2019 the municipality", "In 2019 the town's municipality")
    elif changed == "mkdocs.yml":
        edit(target, "docs_dir:", "site_description: A new description.\ndocs_dir:")
    else:  # a file beside the languages' folders
        target.write_text("User-agent: *\n", "utf-8")
    before = files(preview.root)
    assert preview.rebuild().languages == ["ar", "en"]
    after = files(preview.root)
    assert after["index.html"] != before["index.html"]
    assert after["en/index.html"] != before["en/index.html"]
    if changed == "docs/data/claims.yml":
        assert "the town's municipality" in html(preview, "en/index.html")
    if changed == "mkdocs.yml":
        assert "A new description." in html(preview, "en/index.html")


def test_the_theme_folder_rebuilds_every_language(project: Path) -> None:
    edit(project / "mkdocs.yml", "  language: ar\n", "  language: ar\n  custom_dir: overrides\n")
    (project / "overrides").mkdir()
    with Preview(project / "mkdocs.yml") as preview:
        preview.rebuild()
        (project / "overrides/main.html").write_text(
            '{% extends "base.html" %}\n{% block announce %}An announcement{% endblock %}\n',
            "utf-8",
        )
        assert preview.rebuild().languages == ["ar", "en"]
        assert "An announcement" in html(preview, "index.html")
        assert "An announcement" in html(preview, "en/index.html")


def test_nothing_changed_builds_nothing(preview: Preview) -> None:
    before = files(preview.root)
    assert preview.rebuild().languages == []
    assert files(preview.root) == before


def test_errors_keep_the_last_good_build_and_are_not_forgotten(
    project: Path, preview: Preview
) -> None:
    before = files(preview.root)
    page = project / "docs/ar/index.md"
    edit(page, "لا تكفي.[[trees]]", "لا تكفي.[[no-such-claim]]")
    with pytest.raises(ContentInvalid) as raised:
        preview.rebuild()
    errors = [(e.path, e.line, e.rule) for e in raised.value.errors]
    assert errors == [
        (str(page), 3, "reference.claim"),
        (str(project / "docs/en/index.md"), 6, "parity.sources"),
    ]
    assert files(preview.root) == before
    # fixed, with an English edit meanwhile: both count from the last good build
    edit(page, "لا تكفي.[[no-such-claim]]", "لا تكفي إطلاقًا.[[trees]]")
    edit(project / "docs/en/index.md", "The author holds", "The author still holds")
    assert preview.rebuild().languages == ["ar", "en"]
    assert "لا تكفي إطلاقًا." in html(preview, "index.html")
    assert "The author still holds" in html(preview, "en/index.html")


def test_each_language_owns_its_part_of_the_served_folder(tmp_path: Path) -> None:
    ar, en, ckb = site_languages(["ar", "en", "ckb"])
    for name in ("index.html", "assets", "en", "ckb", "fa"):
        (tmp_path / name).mkdir()
    # a language no longer built (fa) goes with the source language's files
    assert entries(tmp_path, ar, [ar, en, ckb]) == ["assets", "fa", "index.html"]
    assert entries(tmp_path, en, [ar, en, ckb]) == ["en"]
    assert entries(tmp_path, ckb, [ar, ckb]) == ["ckb"]
    (tmp_path / "ckb").rmdir()
    assert entries(tmp_path, ckb, [ar, en, ckb]) == []


# --- the command, end to end ---------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=20) as answer:
            return str(answer.read().decode("utf-8"))
    except OSError:
        return ""


def wait_for(what: str, test, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not test():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.05)


def test_serve_rebuilds_on_save_and_keeps_the_last_good_build(project: Path) -> None:
    port = free_port()
    command = [sys.executable, "-m", "explainer.cli", "serve", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    said: list[str] = []
    assert process.stderr is not None
    threading.Thread(target=lambda: said.extend(process.stderr or ()), daemon=True).start()
    english = f"http://127.0.0.1:{port}/en/"

    def built() -> list[str]:
        return [line.split(" in ")[0] for line in said if line.startswith("explainer: built")]

    try:
        wait_for("the first build", lambda: "The author holds" in get(english), 60)
        edit(project / "docs/en/index.md", "The author holds", "The author now holds")
        wait_for("the edit", lambda: "The author now holds" in get(english))
        wait_for("its line", lambda: len(built()) == 2)
        assert built() == ["explainer: built ar, en", "explainer: built en"], said
        # an error: said with its file and line, and the page stays as it was
        edit(project / "docs/en/index.md", "enough.[[trees]]", "enough.[[no-such-claim]]")
        wait_for("the error", lambda: any("keeps the last good build" in s for s in said))
        unknown = "docs/en/index.md:6:1: error: unknown claim or paragraph '[[no-such-claim]]'"
        assert any(line.startswith(unknown) for line in said), said
        assert "The author now holds" in get(english)
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C
        out, _ = process.communicate(timeout=20)
    assert process.returncode == 0
    assert re.search(r"serving http://\S+ \(Arabic; English at /en/\)", out), out
