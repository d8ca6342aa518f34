"""The offline bundle: the whole site, both languages, in one zip that works from ``file://``.

``explainer bundle [--dist-dir DIR]`` writes ``dist/<slug>-offline.zip``. Unzipped
anywhere, its top-level ``index.html`` is the home page in the source language. From
the same build it writes each language's single-file edition, ``dist/<slug>.<lang>.html``
(:mod:`explainer.single_file`); the names are :mod:`explainer.editions`'.

The bundle is the site built a second way, with the same content and templates:

- ``use_directory_urls: false``, so every link names a file (``timeline.html``);
- no ``site_url``, so no link is absolute (canonical and hreflang links drop out);
- Material's ``offline`` plugin, which inlines each search index into a script and
  turns instant navigation off; it is listed last, after ``search`` writes the index;
- the engine's own search shim (:mod:`explainer.shim`, package data: no npm package)
  in ``extra.polyfills``, copied beside Material's scripts, so search runs from
  ``file://`` and the plugin never names the CDN copy of ``iframe-worker``;
- fonts subset and a Content-Security-Policy on every page, as on the site.

Left out of the archive, since nothing opened from ``file://`` reads them: the 404
pages (no server shows them), the sitemaps (no ``site_url`` to list), the JSON search
indexes (the plugin's script copies are read instead), source maps, and Material's
search languages the index does not use.

The archive is deterministic (sorted entries, fixed times and modes). The archive and
the single files are written as one set, each under a temporary name; they take their
final names only when every one of them is complete, so a failed run leaves the
previous set as it was.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.exceptions import BuildError

from . import editions
from .build import Project, build_published, load_project
from .errors import display_path
from .fonts import FontReport, show_faces_from_disk
from .languages import Language
from .mkdocs_plugin import PUBLISHED_AT
from .shim import SHIPPED_AS, Shim
from .single_file import SingleFile, write_single_files
from .sizes import by_part, human

#: Every entry's time: the earliest a zip can hold, so the bytes never depend on the day.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)
ZIP_MODE = 0o100644 << 16  # a regular file, rw-r--r--
ZIP_UNIX = 3  # "made on Unix", whatever the machine, for the same bytes everywhere
#: Files nothing reads from file:// (see the module docstring), by name.
LEFT_OUT_NAMES = ("404.html", "sitemap.xml", "sitemap.xml.gz")
LUNR = PurePosixPath("assets/javascripts/lunr")

Progress = Callable[[str], None]


class BundleError(BuildError):
    """The bundle cannot be made or written; the message says where and why."""


@dataclass(frozen=True)
class Entry:
    """One file in the archive: its name, its size, and its size compressed."""

    name: str
    size: int
    packed: int


@dataclass
class BundleReport:
    """What was written: the archive, its entries and the fonts, and the single files."""

    archive: Path
    size: int
    entries: list[Entry] = field(default_factory=list)
    fonts: FontReport = field(default_factory=FontReport)
    seconds: float = 0.0
    single: list[SingleFile] = field(default_factory=list)

    def parts(self) -> dict[str, tuple[int, int]]:
        """Return ``(size, compressed size)`` by part (:mod:`explainer.sizes`), and ``total``."""
        sizes = by_part((e.name, e.size) for e in self.entries)
        packed = by_part((e.name, e.packed) for e in self.entries)
        return {part: (sizes[part], packed[part]) for part in sizes}


def slug(project: Project) -> str:
    """Return the name the offline editions share (:func:`explainer.editions.slug`)."""
    raw = project.raw
    folder = project.config_file.resolve().parent.name
    return editions.slug(raw.get("site_url"), raw.get("repo_url"), raw.get("repo_name"), folder)


def offline_overrides(project: Project) -> dict[str, Any]:
    """Return the settings that turn the site into the offline variant (module docstring)."""
    raw = project.raw
    plugins = list(raw.get("plugins") or ["search"])
    names = [next(iter(p)) if isinstance(p, dict) else str(p) for p in plugins]
    if "offline" not in names:
        plugins.append("offline")
    polyfills = list((raw.get("extra") or {}).get("polyfills") or [])
    return {
        "use_directory_urls": False,
        "site_url": "",  # MkDocs drops None overrides; "" is "no site_url"
        "plugins": plugins,
        # the published address stays known, for the links to the offline files
        "extra": {"polyfills": [*polyfills, SHIPPED_AS], PUBLISHED_AT: raw.get("site_url") or ""},
    }


def lunr_files(config: dict[str, Any]) -> set[str]:
    """Return the files under ``lunr/`` Material's search worker loads for an index ``config``.

    The worker's own rule: a stemmer per language but English, a segmenter for
    Japanese, Hindi and Thai, the multi-language glue for more than one.

    >>> sorted(lunr_files({"lang": ["en"]})), sorted(lunr_files({"lang": ["ar", "en"]}))
    ([], ['min/lunr.ar.min.js', 'min/lunr.multi.min.js', 'min/lunr.stemmer.support.min.js'])
    """
    langs = list(config.get("lang") or ["en"])
    files = {f"min/lunr.{lang}.min.js" for lang in langs if lang != "en"}
    files |= {"tinyseg.js" for lang in langs if lang == "ja"}
    files |= {"wordcut.js" for lang in langs if lang in ("hi", "th")}
    if len(langs) > 1:
        files.add("min/lunr.multi.min.js")
    if files:
        files.add("min/lunr.stemmer.support.min.js")
    return files


def language_root(name: str, languages: list[Language]) -> str:
    """Return the prefix of the language whose build wrote ``name`` (the longest that fits)."""
    prefixes = sorted((lang.prefix for lang in languages), key=len, reverse=True)
    return next(p for p in prefixes if name.startswith(p))


def bundle_files(site_dir: Path, languages: list[Language]) -> list[tuple[str, Path]]:
    """Return ``(name in the archive, file)`` for everything the bundle ships, sorted."""
    needed: dict[str, set[str] | None] = {}
    for lang in languages:
        index = site_dir / lang.prefix / "search" / "search_index.json"
        config = json.loads(index.read_text("utf-8")).get("config", {}) if index.is_file() else None
        needed[lang.prefix] = lunr_files(config) if config is not None else None
    files = []
    for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
        name = path.relative_to(site_dir).as_posix()
        prefix = language_root(name, languages)
        local = PurePosixPath(name.removeprefix(prefix))
        if local.name in LEFT_OUT_NAMES or local.suffix == ".map":
            continue
        if local == PurePosixPath("search/search_index.json") and path.with_suffix(".js").is_file():
            continue
        lunr = needed[prefix]
        if lunr is not None and local.is_relative_to(LUNR):
            if local.relative_to(LUNR).as_posix() not in lunr:
                continue
        files.append((name, path))
    return files


def write_zip(files: list[tuple[str, Path]], target: Path) -> list[Entry]:
    """Write ``files`` into the zip ``target``, the same bytes for the same files.

    Entries are sorted, with a fixed time, mode and system, and compressed at one
    fixed level.
    """
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, path in sorted(files):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.external_attr = ZIP_MODE
            info.create_system = ZIP_UNIX
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes(), compresslevel=9)
        return [Entry(i.filename, i.file_size, i.compress_size) for i in archive.infolist()]


@contextmanager
def file_set(finals: list[Path]) -> Iterator[dict[Path, Path]]:
    """Yield a temporary file beside each of ``finals``, by final path.

    When the block succeeds every temporary file takes its final name, one after the
    other once all are complete; on any failure they are all removed, and the files
    of an earlier run are left as they were. Fails first, before any work, when a
    folder cannot be written.
    """
    work: dict[Path, Path] = {}
    try:
        for final in finals:
            folder = final.parent
            try:
                if folder.exists() and not folder.is_dir():
                    raise NotADirectoryError(20, "not a directory", str(folder))
                folder.mkdir(parents=True, exist_ok=True)
                handle, name = tempfile.mkstemp(prefix=f".{final.name}.", suffix=".tmp", dir=folder)
                os.close(handle)
            except OSError as exc:
                reason = (exc.strerror or str(exc)).lower()
                raise BundleError(
                    f"cannot write the bundle to {display_path(folder)}/: {reason}"
                ) from None
            work[final] = Path(name)
        yield work
        for final, temporary in work.items():
            with cannot_write(final):
                os.chmod(temporary, 0o644)  # mkstemp makes it private; these are for passing on
                temporary.replace(final)
    finally:
        for temporary in work.values():
            temporary.unlink(missing_ok=True)


@contextmanager
def cannot_write(target: Path) -> Iterator[None]:
    """Turn an operating system error inside the block into "cannot write ``target``"."""
    try:
        yield
    except OSError as exc:
        reason = (exc.strerror or str(exc)).lower()
        raise BundleError(f"cannot write {display_path(target)}: {reason}") from None


def make_bundle(
    config_file: str | Path = "mkdocs.yml",
    dist_dir: str | Path | None = None,
    progress: Progress = lambda line: None,
) -> BundleReport:
    """Build the offline bundle into ``dist_dir`` (default: ``dist/`` beside mkdocs.yml).

    ``progress`` receives a line per stage. Returns what was written. Raises
    :class:`BundleError`, :class:`~explainer.shim.ShimError`,
    :class:`~explainer.fonts.FontError` or :class:`~explainer.errors.ContentInvalid`,
    each naming what to fix; the archive of an earlier run is then left as it was.
    """
    started = time.perf_counter()
    project = load_project(config_file)
    root = project.config_file.parent
    shim = Shim.load()
    dist = Path(dist_dir) if dist_dir else root / "dist"
    codes = [lang.code for lang in project.languages]
    names = editions.names(slug(project), codes)
    final = dist / names.archive
    singles = {code: dist / name for code, name in names.single.items()}
    with (
        file_set([final, *singles.values()]) as work,
        tempfile.TemporaryDirectory(prefix="explainer-") as tmp,
    ):
        site_dir = Path(tmp) / "site"
        progress(f"building the offline site ({', '.join(codes)}) ...")
        published = build_published(
            project, site_dir, also=shim.page_scripts, strict=True, **offline_overrides(project)
        )
        fonts = published.fonts
        copies = max((len(face.copies) for face in fonts.faces), default=0)
        progress(
            f"fonts subset to {fonts.characters} characters: "
            f"{human(fonts.before)} -> {human(fonts.after)} "
            f"({len(fonts.faces)} faces, {copies} copies each)"
        )
        for lang in project.languages:
            (site_dir / lang.prefix / SHIPPED_AS).write_bytes(shim.source)
        show_faces_from_disk(site_dir)
        progress(
            f"search from file://: the engine's own shim, {human(len(shim.source))}, "
            f"as {SHIPPED_AS}"
        )
        files = bundle_files(site_dir, project.languages)
        progress(f"writing {display_path(final)} ({len(files)} files) ...")
        with cannot_write(final):
            entries = write_zip(files, work[final])
        progress(f"writing the single-file editions ({', '.join(codes)}) ...")
        single = write_single_files(
            published.configs,
            project.languages,
            site_dir,
            project.docs_root,
            names,
            {code: work[path] for code, path in singles.items()},
            str(project.raw.get("site_url") or ""),
            project.cache_dir / "fonts",
        )
    for edition in single:
        edition.path = singles[edition.lang]
    report = BundleReport(final, final.stat().st_size, entries, fonts, single=single)
    report.seconds = time.perf_counter() - started
    return report


def describe(report: BundleReport) -> list[str]:
    """Return the lines that tell a person what was written and what each part weighs.

    The archive part by part; each single file as it is, gzipped (as a server sends
    it) and by part.
    """
    lines = [
        f"{display_path(report.archive)}: {human(report.size)} "
        f"({len(report.entries)} files, {human(report.parts()['total'][0])} unzipped)"
    ]
    for part, (size, packed) in report.parts().items():
        if part != "total":
            lines.append(f"  {part:<13} {human(packed):>9} zipped  {human(size):>9} unzipped")
    for edition in report.single:
        parts = ", ".join(f"{part} {human(size)}" for part, size in edition.parts.items())
        lines.append(
            f"{display_path(edition.path)}: {human(edition.size)} "
            f"({human(edition.gzipped)} gzipped): {parts}"
        )
    return lines
