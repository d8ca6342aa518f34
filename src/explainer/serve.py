"""``explainer serve``: a live preview that rebuilds only the languages an edit changes.

What each language's pages are made of decides what a save rebuilds:

- a file in a translation's folder (``docs/en/``): that language;
- a file in the source language's folder (``docs/ar/``): the source language, and each
  translation whose set of pages marked as lagging behind their source changes. That
  notice is all a translation takes from the source language's pages (a page lags when
  its source page's fingerprint changed: :func:`explainer.check.stale_pages`); links
  between languages follow from addresses alone;
- anything else watched (``mkdocs.yml``, the content in ``docs/data/``, the theme
  folder): every language.

Changes are found by comparing each watched file's modification time, size and inode
with the last good build: MkDocs' server only says that something changed. Every
rebuild still runs every content rule first, and builds the languages it rebuilds in a
folder of its own, moved into the served folder only when all of them built, so the
preview keeps the last good build when anything fails.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from .build import Project, build_into, load_project, read_raw_config
from .check import stale_pages
from .languages import Language

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer

#: How often the server looks for changed files, in seconds. MkDocs' default (0.5 s)
#: alone took up to half the 1 s from a save to the rebuilt page; a look at a site of
#: 1,400 pages takes about 7 ms. (After a change the server also waits until 0.1 s pass
#: without another, its ``build_delay``: saves often come in bursts.)
POLL_SECONDS = 0.2

#: A file's modification time (ns), size and inode: a save changes one of them.
Stamp = tuple[int, int, int]


def watched_paths(config_file: Path) -> list[Path]:
    """Return what ``serve`` watches: ``mkdocs.yml``, the docs, the theme folder if any.

    Each is resolved against the folder of ``mkdocs.yml``; ``theme.custom_dir`` is
    watched only when it exists.
    """
    raw = read_raw_config(config_file)[0]
    base = config_file.parent
    paths = [config_file, (base / str(raw.get("docs_dir", "docs"))).parent]
    custom_dir = (raw.get("theme") or {}).get("custom_dir")
    if custom_dir and (base / custom_dir).is_dir():
        paths.append(base / custom_dir)
    return paths


def absolute(path: Path) -> Path:
    """Return ``path`` from the root, ``..`` resolved (not links: as MkDocs names files)."""
    return Path(os.path.abspath(path))


def stamps(paths: list[Path]) -> dict[Path, Stamp]:
    """Return the stamp of every file in ``paths`` (files, and folders walked)."""
    found: dict[Path, Stamp] = {}
    for path in paths:
        walked = os.walk(path) if path.is_dir() else [(str(path.parent), [], [path.name])]
        for folder, _, names in walked:
            for name in names:
                file = absolute(Path(folder, name))
                try:
                    stat = os.stat(file)
                except OSError:  # gone since the walk listed it: not there
                    continue
                found[file] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return found


def changed(before: dict[Path, Stamp], now: dict[Path, Stamp]) -> set[Path]:
    """Return the files added, removed or changed between two :func:`stamps`."""
    return {path for path in before.keys() | now.keys() if before.get(path) != now.get(path)}


def affected(
    project: Project,
    files: set[Path],
    stale_before: dict[str, frozenset[str]],
    stale_now: dict[str, frozenset[str]],
) -> set[str]:
    """Return the languages whose pages ``files`` (changed) may change, by code.

    ``stale_*`` hold each translation's lagging pages at the last build and now.
    """
    codes = {lang.code for lang in project.languages}
    docs_root = absolute(project.docs_root)
    data = project.content.data_dir
    wanted: set[str] = set()
    for file in files:
        rel = file.relative_to(docs_root).parts if file.is_relative_to(docs_root) else ()
        if len(rel) < 2 or rel[0] not in codes or file.resolve().is_relative_to(data):
            return codes  # mkdocs.yml, the content, the theme: every language
        wanted.add(rel[0])
    return wanted | {code for code, pages in stale_now.items() if pages != stale_before.get(code)}


def entries(folder: Path, lang: Language, languages: list[Language]) -> list[str]:
    """Return the names in a built ``folder`` that are ``lang``'s pages and files.

    A translation has its folder (``en/``); the source language, built at the root,
    has everything else, including what a language no longer built left behind.
    """
    if lang.prefix:
        name = lang.prefix.rstrip("/")
        return [name] if (folder / name).exists() else []
    others = {other.prefix.rstrip("/") for other in languages if other.prefix}
    return sorted(p.name for p in folder.iterdir() if p.name not in others)


def move_in(
    built: Path, root: Path, languages: list[Language], all_languages: list[Language], trash: Path
) -> None:
    """Replace ``languages``' files in ``root`` with those in ``built``; the old go to ``trash``.

    MkDocs empties the folder it builds into, and the source language's folder holds
    every other language's: so each language is built apart, and swapped in by name.
    """
    for lang in languages:
        for name in entries(root, lang, all_languages):
            (root / name).rename(trash / name)
        for name in entries(built, lang, all_languages):
            (built / name).rename(root / name)


@dataclass(frozen=True)
class Rebuilt:
    """What a rebuild did: the languages it built (codes, source first), and how long it took."""

    languages: list[str]
    seconds: float


class Preview:
    """The served folder of ``explainer serve``, and what its last good build was made of.

    Use as a context manager: the folder (a temporary one) is removed at the end.
    """

    def __init__(self, config_file: Path) -> None:
        self.config_file = config_file
        self.base = Path(tempfile.mkdtemp(prefix="explainer-serve-"))
        #: the folder the server serves: the source language at its root
        self.root = self.base / "site"
        self.root.mkdir()
        self.languages: list[Language] = []
        self._stamps: dict[Path, Stamp] | None = None  # of the last good build
        self._stale: dict[str, frozenset[str]] = {}

    def __enter__(self) -> Preview:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        shutil.rmtree(self.base, ignore_errors=True)

    def watched(self) -> list[Path]:
        """Return what the server watches (:func:`watched_paths`)."""
        return watched_paths(self.config_file)

    def rebuild(self) -> Rebuilt:
        """Check the content; build what changed since the last good build; serve it.

        Raises :class:`~explainer.errors.ContentInvalid` (every error) or MkDocs' own
        exceptions, leaving the served folder as it was.
        """
        started = time.perf_counter()
        # stamped before anything is read: a file saved during the build is seen
        # as changed by the next rebuild
        now = stamps(self.watched())
        project = load_project(self.config_file)
        stale = {
            lang.code: frozenset(stale_pages(project.docs_root, project.content, lang.code))
            for lang in project.languages
            if not lang.is_source
        }
        if self._stamps is None or project.languages != self.languages:
            wanted = {lang.code for lang in project.languages}
        else:
            wanted = affected(project, changed(self._stamps, now), self._stale, stale)
        building = [lang for lang in project.languages if lang.code in wanted]
        if building:
            self._build(project, building)
        self._stamps, self._stale, self.languages = now, stale, project.languages
        return Rebuilt([lang.code for lang in building], time.perf_counter() - started)

    def _build(self, project: Project, languages: list[Language]) -> None:
        built = Path(tempfile.mkdtemp(prefix="build-", dir=self.base))
        trash = Path(tempfile.mkdtemp(prefix="old-", dir=self.base))
        try:
            build_into(project, built, only={lang.code for lang in languages})
            move_in(built, self.root, languages, project.languages, trash)
        finally:
            shutil.rmtree(built, ignore_errors=True)
            shutil.rmtree(trash, ignore_errors=True)


def live_server(preview: Preview, rebuild: Callable[[], None], address: str) -> LiveReloadServer:
    """Return MkDocs' live-reload server for ``preview`` on ``address`` (``host:port``).

    It calls ``rebuild`` after a change to a watched file, and holds requests while
    it runs (a seam: :mod:`explainer.seams`).
    """
    from mkdocs.livereload import LiveReloadServer

    host, _, port = address.rpartition(":")
    server = LiveReloadServer(
        builder=rebuild,
        host=host,
        port=int(port),
        root=str(preview.root),
        polling_interval=POLL_SECONDS,
    )
    for path in preview.watched():
        server.watch(str(path))
    return server
