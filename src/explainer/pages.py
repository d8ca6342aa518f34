"""Prose pages: one Markdown file per language, at the same path in each language.

Pages live in ``<docs root>/<language code>/``. A page that exists in one language and
not in another is an error: readers of both languages get the same site.
"""

from __future__ import annotations

from pathlib import Path

from .content import display_path
from .errors import ErrorList


def page_paths(docs_dir: Path) -> set[str]:
    """Return the Markdown pages under ``docs_dir``, as POSIX paths relative to it."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}


def check_counterparts(docs_root: Path, languages: tuple[str, ...], errors: ErrorList) -> None:
    """Add an error for every page missing in one of ``languages``."""
    pages = {lang: page_paths(docs_root / lang) for lang in languages}
    for lang in languages:
        if not (docs_root / lang).is_dir():
            errors.add(display_path(docs_root / lang), 1, f"no pages for language '{lang}'")
    for lang, paths in pages.items():
        for other in languages:
            for path in sorted(paths - pages[other]):
                errors.add(
                    display_path(docs_root / lang / path),
                    1,
                    f"page has no '{other}' counterpart: expected "
                    f"{display_path(docs_root / other / path)}",
                )
