"""Valid HTML: the Nu HTML Checker (vnu.jar) finds no error on any page of the built site.

vnu.jar is the npm package ``vnu-jar`` pinned in package.json (``npm ci`` installs it);
it runs on Java 11 or later. All pages go to one ``java -jar`` run (one JVM start).
Without Java or the jar the test is skipped, or failed when EXPLAINER_REQUIRE_BROWSER=1
(CI) says everything must run.

The checker's warnings are not asserted: its Content-Security-Policy warnings, for one,
are false alarms on ``file:`` URLs (``'self'`` matches no file, and it does not check
script hashes). Errors are, with no exception but the few below.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from browser import unavailable
from conftest import ROOT, Site

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"
VNU_VERSION = "26.9.27"


@dataclass(frozen=True)
class Allowed:
    """An error the checker reports in markup we do not write: its message and the markup."""

    message: re.Pattern[str]
    markup: re.Pattern[str]
    why: str


# Only errors in Material's own templates whose fix would mean copying a Material
# partial into the engine's theme (and keeping the copy in step with every Material release).
ALLOWED = [
    # material/templates/base.html, outside any block: the drawer and search toggles,
    # `<input type="checkbox" ... autocomplete="off">` (autocomplete is for text-like
    # inputs only; Material sets it so Firefox does not restore the toggles' state).
    Allowed(
        message=re.compile(
            r"^Attribute “autocomplete” is only allowed when the input type is “color”, .*"
        ),
        markup=re.compile(
            r'^<input class="md-toggle" data-md-toggle="(drawer|search)" type="checkbox"'
            r' id="__(drawer|search)" autocomplete="off">$'
        ),
        why="Material's base.html (drawer and search toggles)",
    ),
]


@dataclass(frozen=True)
class Message:
    """One message of the checker, on one page."""

    page: str
    line: int
    text: str
    markup: str

    def __str__(self) -> str:
        return f"{self.page}:{self.line}: {self.text}\n    {self.markup}"

    def allowed(self) -> bool:
        return any(a.message.search(self.text) and a.markup.search(self.markup) for a in ALLOWED)


@pytest.fixture(scope="session", name="vnu")
def vnu_fixture() -> list[str]:
    """The command that runs the checker; skipped (or failed) without Java or the jar."""
    java = shutil.which("java")
    if java is None:
        unavailable("java is missing (Debian: apt-get install default-jre-headless)")
    if not VNU.is_file():
        unavailable(f"{VNU.relative_to(ROOT)} is missing (run npm ci)")
    return [java, "-jar", str(VNU)]


def page_of(site: Site, url: str) -> str:
    """The page a ``file:`` URL of the checker's report names, relative to the site."""
    path = Path(unquote(urlsplit(url).path))
    return path.relative_to(site.root).as_posix() if path.is_relative_to(site.root) else url


def nu_errors(vnu: list[str], site: Site, pages: list[Path]) -> list[Message]:
    """Every error (and non-document error) the checker reports on ``pages``, in one run."""
    command = [*vnu, "--format", "json", "--skip-non-html", *map(str, pages)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
    try:  # the report goes to stderr; exit status 1 only says that errors were found
        report = json.loads(run.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu.jar gave no JSON report (exit {run.returncode}):\n{run.stderr[:2000]}")
    errors = []
    for message in report["messages"]:
        if message["type"] not in ("error", "non-document-error"):
            continue  # "info": warnings and notes
        start = message.get("hiliteStart", 0)
        markup = message.get("extract", "")[start : start + message.get("hiliteLength", 0)]
        errors.append(
            Message(
                page=page_of(site, message.get("url", "")),
                line=message.get("lastLine", 0),
                text=message["message"],
                markup=markup.strip(),
            )
        )
    return errors


def test_nu_html_checker_finds_no_error_on_any_page(vnu: list[str], site: Site) -> None:
    # vnu first: without Java the test is skipped before the site is built
    pages = site.pages()
    assert any(p.name == "404.html" for p in pages) and len(pages) > 10, pages
    errors = [e for e in nu_errors(vnu, site, pages) if not e.allowed()]
    if errors:
        pytest.fail(f"{len(errors)} Nu HTML Checker errors:\n" + "\n".join(map(str, errors)))


def test_vnu_is_the_pinned_version() -> None:
    pinned = json.loads((ROOT / "package.json").read_text("utf-8"))["devDependencies"]
    assert pinned["vnu-jar"] == VNU_VERSION
