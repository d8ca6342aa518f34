"""Shared fixtures: the real site, built once per test session, and ways to read it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.build import build_site
from explainer.new import STARTER, write_starter

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = STARTER  # the starter `explainer new` writes is the tests' small sample project


class Site:
    """A built site on disk, with helpers to read its pages."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def pages(self) -> list[Path]:
        """Every HTML page, theme assets aside."""
        return sorted(p for p in self.root.rglob("*.html") if "assets" not in p.parts)

    def soup(self, path: Path | str) -> BeautifulSoup:
        path = self.root / path if isinstance(path, str) else path
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def resolve(self, page: Path, href: str) -> Path:
        """The file a relative link on ``page`` opens (a directory means its index.html)."""
        target = (page.parent / href.split("#")[0]).resolve()
        return target / "index.html" if target.is_dir() else target


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    return Site(build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("build") / "site"))


def copy_sample(target: Path) -> Path:
    """Write the small sample project to ``target``, as ``explainer new`` writes it."""
    write_starter(target)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    """A copy of the small sample project, to break in a test."""
    yield copy_sample(tmp_path / "project")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite the expected HTML of the golden tests from the current output",
    )


def cited_context(tag, url: str) -> bool:
    """Return whether ``tag`` links to the source of a context record: a link, not a load.

    The reader decides whether to follow it, and it sends no referrer when they do.
    """
    return (
        tag.name == "a"
        and "ex-context__link" in (tag.get("class") or [])
        and url.startswith("https://")
        and {"noopener", "noreferrer"} <= set(tag.get("rel") or [])
    )
