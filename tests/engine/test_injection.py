"""Nothing from content or configuration reaches the HTML unescaped.

Material prints front matter and ``mkdocs.yml`` values into the page as they are. Each
test writes what a hostile or careless pull request could, builds, and parses every
page: the text must arrive as text, in one attribute or element, and no element the
input spelled out may exist.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.cli import main

#: Closes the description attribute and adds a redirect to another host.
ESCAPE = 'x"><meta http-equiv="refresh" content="0;url=https://evil.example/"><x y="'
#: Free text with both kinds of quote, an ampersand and angle brackets.
QUOTES = 'The "vacuum" & the author\'s <doubt>'
#: A name may hold quotes and an ampersand (not markup: that is refused).
NAME = 'river "&" banks'


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def pages(site: Path) -> list[BeautifulSoup]:
    return [
        BeautifulSoup(p.read_text("utf-8"), "html.parser")
        for p in sorted(site.rglob("*.html"))
        if "assets" not in p.parts
    ]


def assert_nothing_injected(site: Path) -> None:
    found = pages(site)
    assert found
    for soup in found:
        assert soup.find("x") is None
        assert soup.find("meta", attrs={"http-equiv": "refresh"}) is None
        assert not soup.find_all(attrs={"onerror": True})
        scripts = soup.find_all("script", type=lambda t: t != "application/ld+json")
        assert not [s for s in scripts if "alert" in s.get_text()]
        for data in soup.find_all("script", type="application/ld+json"):
            assert "<" not in data.string  # JSON's \u003c: the data cannot end the element
        assert len(soup.find_all("meta", attrs={"name": "description"})) <= 1


def quoted(value: str) -> str:
    """``value`` as a YAML scalar on one line."""
    return json.dumps(value, ensure_ascii=False)


@pytest.fixture
def hostile(project: Path) -> Path:
    """The sample project with hostile values everywhere an editor can type one."""
    edit(
        project / "docs/en/index.md",
        "translated_from: 'cb091a0c'\n",
        f"translated_from: 'cb091a0c'\ndescription: {quoted(ESCAPE)}\n"
        f"title: {quoted(QUOTES.replace('<doubt>', 'doubt'))}\nauthor: {quoted(ESCAPE)}\n",
    )
    edit(
        project / "docs/ar/index.md",
        "# النص\n",
        f"---\ndescription: {quoted(QUOTES)}\n---\n# النص\n",
    )
    edit(
        project / "mkdocs.yml",
        "site_name: المدينة والنهر\n",
        f"site_name: المدينة والنهر\nsite_description: {quoted(ESCAPE)}\n"
        f"copyright: {quoted('<script>alert(1)</script>')}\n"
        f"repo_url: https://example.org/river\nrepo_name: {quoted(NAME)}\n",
    )
    edit(
        project / "mkdocs.yml",
        "      site_name: The city and the river\n",
        f"      site_name: The city and the river\n      site_description: {quoted(QUOTES)}\n",
    )
    return project


def test_hostile_values_arrive_as_text(hostile: Path, capsys, monkeypatch) -> None:
    monkeypatch.chdir(hostile)
    assert main(["build"]) == 0, capsys.readouterr().err
    site = hostile / "site"
    assert_nothing_injected(site)

    english = BeautifulSoup((site / "en/index.html").read_text("utf-8"), "html.parser")
    assert english.find("meta", attrs={"name": "description"})["content"] == ESCAPE
    assert english.find("meta", attrs={"name": "author"})["content"] == ESCAPE
    assert english.find("meta", property="og:description")["content"] == ESCAPE
    title = QUOTES.replace("<doubt>", "doubt")
    assert english.title.string == f"{title} - The city and the river"
    jsonld = json.loads(english.find("script", type="application/ld+json").string)
    assert (jsonld["headline"], jsonld["description"]) == (title, ESCAPE)
    assert english.select_one(".md-source__repository").get_text(strip=True) == NAME
    assert english.select_one(".md-copyright__highlight").get_text(strip=True) == (
        "<script>alert(1)</script>"
    )

    arabic = BeautifulSoup((site / "index.html").read_text("utf-8"), "html.parser")
    # the Arabic page's description is isolated for right-to-left display
    description = arabic.find("meta", attrs={"name": "description"})["content"]
    assert description.replace("\u2066", "").replace("\u2069", "") == QUOTES

    # a page without its own description falls back to the site's
    for soup in pages(site):
        tag = soup.find("meta", attrs={"name": "description"})
        assert tag is None or "refresh" not in str(tag.attrs.keys())


def test_a_title_from_mkdocs_nav_is_escaped_even_without_the_check(project: Path) -> None:
    """``mkdocs build`` skips ``explainer check``: the plugin still escapes what it prints."""
    nav = "<img src=x onerror=alert(1)>"
    (project / "mkdocs.yml").write_text(
        (project / "mkdocs.yml").read_text("utf-8") + f"nav:\n  - {quoted(nav)}: index.md\n",
        "utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", "out"],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert_nothing_injected(project / "out")
    soup = BeautifulSoup((project / "out/index.html").read_text("utf-8"), "html.parser")
    assert nav in [a.get_text(strip=True) for a in soup.select(".md-nav__link")]
