"""Sizes of what the site and its offline editions ship, by part, and their budgets.

A part is what a file is to the reader: a page, the search index, script, style,
a font or anything else (images, licences, source maps, sitemaps).

>>> [part_of(p) for p in ("en/index.html", "search/search_index.js", "a.js", "f.woff2")]
['HTML', 'search index', 'JS', 'fonts']
>>> human(1536), human(3 * 1024 * 1024)
('1.5 KB', '3.0 MB')
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

PARTS = ("HTML", "search index", "JS", "CSS", "fonts", "other")
SUFFIXES = {
    ".html": "HTML",
    ".js": "JS",
    ".css": "CSS",
    ".woff2": "fonts",
    ".woff": "fonts",
    ".ttf": "fonts",
    ".otf": "fonts",
}

KB = 1024
MB = 1024 * KB

#: The offline bundle's budget: bytes in the archive (compressed), by part and in all.
#: About a fifth above what was measured (README, "Benchmarks"), for the content to
#: grow; half a megabyte in all, small enough for a messaging app on a costly line.
BUNDLE_BUDGET = {
    "HTML": 150 * KB,
    "search index": 64 * KB,  # room for the Arabic search work (expanded terms)
    "JS": 140 * KB,  # room for the explainer's own search scripts
    "CSS": 72 * KB,
    "fonts": 140 * KB,
    "other": 20 * KB,
    "total": 500 * KB,
}
#: The published site's budget: bytes on disk, both languages (each carries its own copy
#: of the theme's files). Most of JS and "other" is Material's search languages and
#: source maps, which no reader downloads; a page loads its HTML, CSS, JS and fonts.
SITE_BUDGET = {
    "HTML": 800 * KB,
    "search index": 400 * KB,
    "JS": int(2.5 * MB),
    "CSS": 400 * KB,
    "fonts": 140 * KB,
    "other": 3 * MB,
    "total": 7 * MB,
}

#: Each single-file edition (explainer.single_file): bytes in the file, by part, and in
#: all. 400 KB in all is the most a reader on a costly line should have to fetch for
#: one language; the parts are about a fifth above what was measured (README).
SINGLE_FILE_BUDGET = {
    "HTML": 160 * KB,
    "search index": 40 * KB,
    "JS": 28 * KB,
    "CSS": 24 * KB,
    "fonts": 80 * KB,  # base64 in the stylesheet: a third more than the fonts themselves
    "total": 400 * KB,
}
#: The part the offline editions (the zip and the single files) make of the site as
#: published: the deploy workflow puts them at its root, beside the pages.
EDITIONS = "offline editions"
#: The site as published, both languages: the built site (SITE_BUDGET) and the offline
#: editions, whatever the number of languages (the zip and three single files fit).
PUBLISHED_BUDGET = {
    **SITE_BUDGET,
    EDITIONS: BUNDLE_BUDGET["total"] + 3 * SINGLE_FILE_BUDGET["total"],
    "total": SITE_BUDGET["total"] + BUNDLE_BUDGET["total"] + 3 * SINGLE_FILE_BUDGET["total"],
}


def part_of(path: str) -> str:
    """Return the part of the site the file at ``path`` (relative, ``/``-separated) is."""
    pure = PurePosixPath(path)
    if pure.name.startswith("search_index.") and pure.parent.name == "search":
        return "search index"
    return SUFFIXES.get(pure.suffix.lower(), "other")


def by_part(sizes: Iterable[tuple[str, int]]) -> dict[str, int]:
    """Return the total of ``(path, size)`` pairs by part, every part present, plus ``total``."""
    totals = dict.fromkeys(PARTS, 0)
    for path, size in sizes:
        totals[part_of(path)] += size
    totals["total"] = sum(totals.values())
    return totals


def published_by_part(sizes: Iterable[tuple[str, int]], editions: Iterable[str]) -> dict[str, int]:
    """Return :func:`by_part` of a published site, the files named ``editions`` apart.

    >>> published_by_part([("index.html", 10), ("x.ar.html", 5), ("x-offline.zip", 7)],
    ...                   ["x.ar.html", "x-offline.zip"])["offline editions"]
    12
    """
    names = set(editions)
    pairs = list(sizes)
    totals = by_part((path, size) for path, size in pairs if path not in names)
    totals[EDITIONS] = sum(size for path, size in pairs if path in names)
    totals["total"] += totals[EDITIONS]
    return totals


def human(size: int) -> str:
    """Return ``size`` bytes for a person to read (1024-based, one decimal)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"
