"""What one build leaves for the next: ``.explainer-cache/`` beside ``mkdocs.yml``.

Git ignores it and nothing in it is published. Every entry is keyed by what makes it
(a font subset by the font's bytes, the characters and fontTools' version; a compiled
template by its source and Jinja's version), so a stale entry is never used, and
deleting the folder only makes the next build slower.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jinja2 import BytecodeCache

#: The folder's name, beside mkdocs.yml.
CACHE_DIR = ".explainer-cache"


def cache_dir(config_file: str | Path) -> Path:
    """Return the cache folder of the site whose configuration is ``config_file``."""
    return Path(config_file).parent / CACHE_DIR


def template_cache(config_file: str | Path) -> BytecodeCache | None:
    """Return a store for the theme's compiled templates, or None if it cannot be made.

    Compiling Material's templates was a third of a build, once per language. Jinja
    checks each entry against its template's source; the folder is named after Jinja's
    version, whose compiled code only it can run.
    """
    import jinja2

    folder = cache_dir(config_file) / f"templates-jinja-{jinja2.__version__}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:  # a read-only checkout builds, only without the cache
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))
