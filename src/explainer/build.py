"""Build the whole site: one MkDocs build per language, written atomically.

The source language is built at the root of the site, every other language under
``<code>/``, each with its own search index. The site is assembled in a temporary
directory beside the target and swapped in only when every language has built, so
a failed build never leaves a half-written site behind.
"""

from __future__ import annotations

import copy
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.utils.yaml import yaml_load

from .cache import cache_dir
from .check import (
    check_config,
    check_pages,
    check_translations,
    findings,
    mark_pages_valid,
    translation_units,
)
from .content import Content, load_content
from .csp import add_script_hashes, policy
from .errors import ContentError, ContentInvalid, ErrorList, display_path
from .languages import Language, site_languages
from .mkdocs_plugin import THEME, content_dir, enabled_directives, reads_fences, slugify_of
from .textfile import read_text

if TYPE_CHECKING:  # fontTools and MkDocs' build are imported when a build runs, so
    from .fonts import FontReport  # `check`, `status` and `new` start sooner


@dataclass(frozen=True)
class Project:
    """A site project: its ``mkdocs.yml``, its content and its languages."""

    config_file: Path
    raw: dict[str, Any]
    content: Content
    languages: list[Language]

    @property
    def cache_dir(self) -> Path:
        """Return where builds keep what they can reuse (font subsets); git ignores it."""
        return cache_dir(self.config_file)

    @property
    def docs_root(self) -> Path:
        """Return the folder holding one docs folder per language."""
        return (self.config_file.parent / str(self.raw.get("docs_dir", "docs"))).parent


def read_raw_config(config_file: str | Path) -> tuple[dict[str, Any], str]:
    """Return ``mkdocs.yml`` as written (for per-language overrides), and its text.

    Raises :class:`ContentInvalid` naming the file when it cannot be read or parsed.
    """
    path = Path(config_file)
    shown = display_path(path)
    text = read_text(path, shown)
    try:
        raw = yaml_load(text) or {}
    except Exception as exc:  # a YAML error in mkdocs.yml: mkdocs' loader raises several kinds
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or exc
        raise ContentInvalid(
            [ContentError(shown, line, f"invalid YAML: {problem}", "yaml")]
        ) from None
    if not isinstance(raw, dict):
        raise ContentInvalid([ContentError(shown, 1, "expected 'setting: value' lines", "yaml")])
    return raw, text


def read_config(config_file: str | Path, errors: ErrorList) -> tuple[dict[str, Any], MkDocsConfig]:
    """Return ``mkdocs.yml`` as written and as MkDocs reads it.

    Problems in its values are added to ``errors``; raises :class:`ContentInvalid`
    naming the file when it cannot be read or parsed at all.
    """
    raw, text = read_raw_config(config_file)
    check_config(display_path(Path(config_file)), text, errors)
    return raw, load_config(str(config_file))


def check_project(
    config_file: str | Path = "mkdocs.yml",
) -> tuple[list[ContentError], Project | None]:
    """Run every content rule; return the errors and warnings, and the project if it loads.

    Nothing is built. Problems in the content do not stop the page rules, so one run
    reports everything that can be known.
    """
    path = Path(config_file)
    errors = ErrorList()
    raw, config = read_config(path, errors)
    docs_root = (path.parent / str(raw.get("docs_dir", "docs"))).parent
    content: Content | None = None
    try:
        content = load_content(content_dir(config))
        languages = content.languages
    except ContentInvalid as exc:
        errors.errors.extend(exc.errors)
        languages = tuple(
            sorted(p.name for p in docs_root.iterdir() if p.is_dir() and any(p.glob("*.md")))
        )
    check_pages(
        docs_root,
        content,
        languages,
        enabled_directives(config),
        slugify_of(config),
        errors,
        reads_fences(config),
        published=bool(raw.get("site_url")),
    )
    if content is None:
        return findings(errors), None
    check_translations(translation_units(docs_root, content, skip_unreadable=True), errors)
    # absolute: MkDocs reads the per-language docs_dir and site_dir given to it
    # relative to mkdocs.yml's folder, not to the folder the command runs in
    return findings(errors), Project(
        path.absolute(), raw, content, site_languages(content.languages, content.language_records)
    )


def load_project(config_file: str | Path = "mkdocs.yml") -> Project:
    """Read ``mkdocs.yml``, load the content and run every rule.

    Raises :class:`ContentInvalid` listing every error (warnings do not stop a build).
    """
    problems, project = check_project(config_file)
    errors = [p for p in problems if p.severity == "error"]
    if errors or project is None:
        raise ContentInvalid(errors)
    mark_pages_valid(project.docs_root, project.content)
    return project


def language_config(
    project: Project, lang: Language, site_dir: Path, **overrides: Any
) -> MkDocsConfig:
    """Return the MkDocs configuration that builds ``lang`` into ``site_dir/<prefix>``."""
    raw = project.raw
    theme = dict(raw.get("theme") or {}, language=lang.code)
    options: dict[str, Any] = {
        "docs_dir": str(project.docs_root / lang.code),
        "site_dir": str(site_dir / lang.prefix),
        "theme": theme,
        **((raw.get("extra") or {}).get("i18n") or {}).get(lang.code, {}),
        **copy.deepcopy(overrides),  # MkDocs consumes them (plugin entries are popped)
    }
    if raw.get("site_url") and "site_url" not in overrides:  # the offline bundle has none
        options["site_url"] = raw["site_url"].rstrip("/") + "/" + lang.prefix
    return load_config(str(project.config_file), **options)


def build_into(
    project: Project, site_dir: Path, only: Collection[str] | None = None, **overrides: Any
) -> list[MkDocsConfig]:
    """Build every language of ``project`` into ``site_dir`` (the source language first).

    The source language builds first because MkDocs empties its site directory, and
    the other languages live inside it. ``only`` names the languages to build (codes;
    default all). Returns each language's configuration, as built: its ``explainer``
    plugin holds the pages it rendered.
    """
    from mkdocs.commands.build import build as mkdocs_build

    configs = []
    for lang in project.languages:
        if only is not None and lang.code not in only:
            continue
        config = language_config(project, lang, site_dir, **overrides)
        mkdocs_build(config)
        configs.append(config)
    return configs


@dataclass
class Published:
    """What :func:`build_published` did: the fonts subset, each language's configuration."""

    fonts: FontReport
    configs: list[MkDocsConfig]


def build_published(
    project: Project,
    site_dir: Path,
    extra: dict[str, Any] | None = None,
    also: Callable[[str], Iterable[str]] | None = None,
    **overrides: Any,
) -> Published:
    """Build every language as published: fonts subset, a Content-Security-Policy per page.

    ``extra`` adds to ``mkdocs.yml``'s ``extra``; ``also(page)`` returns inline scripts
    the page's own scripts write, to allow as well (:func:`explainer.csp.add_script_hashes`).
    Returns what subsetting did, and each language's configuration. Raises
    :class:`~explainer.fonts.FontError` or :class:`~explainer.csp.CspError` naming the
    file. ``explainer serve`` builds with :func:`build_into` alone: a policy would block
    its live-reload script.
    """
    from .fonts import subset_fonts

    extra = {**(project.raw.get("extra") or {}), "csp": policy(), **(extra or {})}
    configs = build_into(project, site_dir, extra=extra, **overrides)
    custom_dir = (project.raw.get("theme") or {}).get("custom_dir")
    sources = [project.config_file.parent / custom_dir] if custom_dir else []
    sources += [THEME, *(project.docs_root / lang.code for lang in project.languages)]
    typed = "".join(lang.record.typed for lang in project.languages if lang.record)
    fonts = subset_fonts(site_dir, sources, typed, project.cache_dir / "fonts")
    add_script_hashes(site_dir, also)
    return Published(fonts, configs)


@contextmanager
def atomic_dir(final: Path) -> Iterator[Path]:
    """Yield a fresh directory that replaces ``final`` only if the block succeeds."""
    final = final.resolve()
    final.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{final.name}.", dir=final.parent))
    try:
        yield work
        os.chmod(work, 0o755)  # mkdtemp makes it private; a site is for publishing
        old = final.with_name(f"{work.name}.old")
        if final.exists():
            final.rename(old)
        work.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def build_site(config_file: str | Path = "mkdocs.yml", site_dir: str | Path | None = None) -> Path:
    """Build the complete site and return where it was written.

    Raises :class:`ContentInvalid` on bad content and MkDocs' own exceptions on a
    broken configuration; the previous site is left untouched in either case.
    """
    project = load_project(config_file)
    target = (
        Path(site_dir)
        if site_dir
        else project.config_file.parent / project.raw.get("site_dir", "site")
    )
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with atomic_dir(target) as work:
        build_published(project, work, strict=True)
    return target
