"""Subset the site's self-hosted fonts to the characters its pages use.

The faces are committed whole (``theme/assets/fonts/`` in the engine); a reader downloads only
the glyphs this site needs. After MkDocs has written every language, each font a
stylesheet declares in an ``@font-face`` rule is cut down, in place, to the characters
of every page of every language (English pages quote Arabic), plus what a reader may
type into the search box (printable ASCII, and each language record's ``typed``
letters), keeping all OpenType layout features (Arabic
shaping, marks, tabular figures) and the weight axis. The output stays WOFF2 (Brotli).

>>> sorted(typed_characters())[:3], len(typed_characters()), len(typed_characters("ابت"))
([' ', '!', '"'], 96, 99)
>>> font_urls('@font-face { src: url("../fonts/a.woff2") format("woff2"); }')
[(1, '../fonts/a.woff2')]
"""

from __future__ import annotations

import hashlib
import html
import io
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import fontTools
from mkdocs.exceptions import BuildError

from .errors import display_path

#: What a reader may type into the search box in any language though no page holds it:
#: printable ASCII and the no-break space. Each language adds its letters (its record's
#: ``typed``). Without them the box would fall back to another face mid-word.
TYPED_RANGES = ((0x0020, 0x007E), (0x00A0, 0x00A0))

FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.IGNORECASE)
URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""", re.IGNORECASE)
#: ``\uXXXX`` escapes: Material's strings for its scripts (search messages) are JSON.
JSON_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})")


class FontError(BuildError):
    """A font cannot be subset; the message names the file (and line) to look at."""


@dataclass(frozen=True)
class Face:
    """One font file of the source, and every copy of it in the built site."""

    source: str
    copies: tuple[Path, ...]
    before: int
    after: int


@dataclass
class FontReport:
    """What subsetting did: each face, and the characters the site uses."""

    faces: list[Face] = field(default_factory=list)
    characters: int = 0

    @property
    def before(self) -> int:
        """Return the bytes of every font copy in the site before subsetting."""
        return sum(face.before * len(face.copies) for face in self.faces)

    @property
    def after(self) -> int:
        """Return the bytes of every font copy in the site after subsetting."""
        return sum(face.after * len(face.copies) for face in self.faces)


def typed_characters(letters: str = "") -> set[str]:
    """Return the characters always kept: :data:`TYPED_RANGES` and ``letters``."""
    return {chr(c) for first, last in TYPED_RANGES for c in range(first, last + 1)} | set(letters)


def page_characters(page: str) -> set[str]:
    r"""Return every character an HTML page can show, markup and script strings included.

    A superset is cheap (markup is ASCII, kept anyway) and safe: the search messages
    Material shows live as JSON escapes in a script element.

    >>> sorted(page_characters('<p title="x&amp;y">\\u062f</p>') - set('<p title=">/'))
    ['&', 'x', 'y', 'د']
    """
    text = html.unescape(page)
    return set(JSON_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text))


def font_urls(css: str) -> list[tuple[int, str]]:
    """Return ``(line, url)`` of every local font an ``@font-face`` rule of ``css`` loads."""
    found = []
    for rule in FONT_FACE.finditer(css):
        for url in URL.finditer(rule.group()):
            target = url.group(2).strip()
            if not target.startswith(("data:", "http:", "https:", "//")):
                line = css.count("\n", 0, rule.start() + url.start()) + 1
                found.append((line, target))
    return found


def origin(built: Path, site_dir: Path, sources: Sequence[Path]) -> str:
    """Return the file a built file was copied from, for messages (else the built path).

    MkDocs copies ``<source>/<path>`` to ``<language root>/<path>``; the language
    root is some prefix of the path below ``site_dir``, so each tail is tried.
    """
    parts = built.relative_to(site_dir).parts
    for start in range(len(parts)):
        for source in sources:
            candidate = source.joinpath(*parts[start:])
            if candidate.is_file():
                return display_path(candidate)
    return display_path(built)


def declared_fonts(site_dir: Path, sources: Sequence[Path]) -> list[Path]:
    """Return every font file a stylesheet of the site declares, each once, sorted.

    Raises :class:`FontError` naming the stylesheet and line of a font that is missing.
    """
    fonts: set[Path] = set()
    for css in sorted(site_dir.rglob("*.css")):
        for line, url in font_urls(css.read_text(encoding="utf-8")):
            font = (css.parent / url.split("?")[0].split("#")[0]).resolve()
            if not font.is_file():
                where = origin(css, site_dir, sources)
                raise FontError(f"{where}:{line}: font file not found: {url}")
            fonts.add(font)
    return sorted(fonts)


def subset_bytes(data: bytes, characters: Iterable[str]) -> bytes:
    """Return the font in ``data`` cut down to ``characters``, in its own format (WOFF2).

    Every layout feature is kept: Arabic needs its joining forms and marks, and the
    stylesheet asks for tabular figures. Raises what fontTools raises on a bad font.
    """
    # imported here: a build whose subsets are all cached never needs them (0.1 s)
    from fontTools import subset
    from fontTools.ttLib import TTFont

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the copyright and licence names travel with the glyphs
    options.notdef_outline = True
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes on every build
    options.flavor = font.flavor  # woff2 stays woff2 (Brotli)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in characters}))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def cached_subset(data: bytes, characters: Iterable[str], cache_dir: Path | None) -> bytes:
    """Return :func:`subset_bytes`, kept in ``cache_dir`` under a hash of what makes it.

    The key is the font's bytes, the characters and fontTools' version: the same
    inputs give the same subset, so a second build with unchanged text skips the
    slowest step. A cache file that cannot be read or written is simply remade.
    """
    chars = "".join(sorted(set(characters)))
    if cache_dir is None:
        return subset_bytes(data, chars)
    key = hashlib.sha256()
    for part in (data, chars.encode("utf-8"), fontTools.version.encode("ascii")):
        key.update(hashlib.sha256(part).digest())
    path = cache_dir / f"{key.hexdigest()}.font"
    try:
        return path.read_bytes()
    except OSError:
        pass
    smaller = subset_bytes(data, chars)
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(smaller)
        partial.replace(path)  # atomic: a concurrent build never reads half a file
    except OSError:
        pass
    return smaller


#: How the published site shows its faces, and how the offline bundle does (below).
ONLINE_DISPLAY = "font-display: optional"
OFFLINE_DISPLAY = "font-display: block"


def show_faces_from_disk(site_dir: Path) -> int:
    """Make the stylesheets of an offline copy wait for their faces; return how many changed.

    Online, ``font-display: optional`` keeps a face that comes late off the page, so text
    never moves (no layout shift). From ``file://`` the faces come at once, but often
    after that short window, and every page would keep the fallback face: offline,
    ``block`` waits for them instead (the wait is a few milliseconds, the face is the
    page's own).
    """
    changed = 0
    for css in site_dir.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        if ONLINE_DISPLAY in text:
            css.write_text(text.replace(ONLINE_DISPLAY, OFFLINE_DISPLAY), encoding="utf-8")
            changed += 1
    return changed


def subset_fonts(
    site_dir: Path, sources: Sequence[Path] = (), typed: str = "", cache_dir: Path | None = None
) -> FontReport:
    """Subset, in place, every font the site's stylesheets declare, to what its pages use.

    ``sources`` are the folders MkDocs copied the site's files from (the theme's
    ``custom_dir``, the docs folders); they only name files in messages. Copies of one
    font (one per language) are subset once. ``typed`` are the letters readers may type
    into the search box (the site's languages' records); subsets are kept in
    ``cache_dir`` when given (:func:`cached_subset`). Raises :class:`FontError` naming the file
    when a declared font is missing or cannot be subset.
    """
    characters = typed_characters(typed)
    for page in site_dir.rglob("*.html"):
        characters |= page_characters(page.read_text(encoding="utf-8"))
    copies: dict[str, list[Path]] = {}
    for font in declared_fonts(site_dir, sources):
        copies.setdefault(hashlib.sha256(font.read_bytes()).hexdigest(), []).append(font)
    report = FontReport(characters=len(characters))
    for paths in copies.values():
        name = origin(paths[0], site_dir, sources)
        data = paths[0].read_bytes()
        try:
            smaller = cached_subset(data, characters, cache_dir)
        except Exception as exc:  # fontTools raises many kinds on a damaged font
            reason = str(exc) or type(exc).__name__
            raise FontError(f"{name}: cannot subset: {reason}") from None
        for path in paths:
            path.write_bytes(smaller)
        report.faces.append(Face(name, tuple(paths), len(data), len(smaller)))
    report.faces.sort(key=lambda face: face.source)
    return report
