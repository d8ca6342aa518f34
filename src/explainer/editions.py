"""The offline editions' names: one zip of the whole site, one HTML file per language.

``explainer bundle`` writes them, the deploy workflow publishes them at the site's root
beside its pages, and the ``[[offline]]`` directive links to them, so the names are
made here once. They are fixed (no date, no version): a page can link to them before
they exist, and a link passed on stays good when the files are rebuilt.

>>> names("city-and-river", ["ar", "en"]).all()
['city-and-river.ar.html', 'city-and-river.en.html', 'city-and-river-offline.zip']
>>> slug("https://example.org/explainers/city-and-river/", "", "", "folder")
'city-and-river'
>>> slug("", "https://github.com/someone/dams", "", "folder"), slug("", "", "", "folder")
('dams', 'folder')
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import urlparse


@dataclass(frozen=True)
class Editions:
    """The file names of a site's offline editions."""

    #: the whole site, every language, zipped
    archive: str
    #: the single-file edition of each language, by language code
    single: dict[str, str]

    def all(self) -> list[str]:
        """Return every name: each language's single file, then the archive."""
        return [*self.single.values(), self.archive]


def slug(site_url: str | None, repo_url: str | None, repo_name: str | None, folder: str) -> str:
    """Return the name the editions share: the last segment of the site's address.

    Else the repository's, else the project folder's: the published address names the
    site best (``…/city-and-river/``).
    """
    for address in (site_url, repo_url, repo_name):
        name = PurePosixPath(urlparse(str(address or "")).path.rstrip("/")).name
        if name:
            return name
    return folder


def names(name: str, languages: Sequence[str]) -> Editions:
    """Return the editions' file names for the slug ``name`` and the site's ``languages``."""
    return Editions(f"{name}-offline.zip", {code: f"{name}.{code}.html" for code in languages})
