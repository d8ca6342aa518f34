"""Subset the site's self-hosted fonts to the characters its pages use.

The faces are committed whole (``theme/assets/fonts/`` in the engine); a reader downloads only
the glyphs this site needs. After MkDocs has written every language, each font a
stylesheet declares in an ``@font-face`` rule is cut down, in place, to the characters
of every page of every language (English pages quote Arabic), plus what a reader may
type into the search box (printable ASCII, and each language record's ``typed``
letters), keeping all OpenType layout features (Arabic
shaping, marks, tabular figures) and the part of the weight axis the rule declares
(``font-weight: 400 700``: Noto Sans spans 100-900, and the weights a page never asks
for are a third of its bytes). The output stays WOFF2 (Brotli).

>>> sorted(typed_characters())[:3], len(typed_characters()), len(typed_characters("ابت"))
([' ', '!', '"'], 96, 99)
>>> font_urls('@font-face { src: url("../fonts/a.woff2") format("woff2"); }')
[(1, '../fonts/a.woff2')]
>>> declared_weights('@font-face { font-weight: 400 700; }'), declared_weights('a { }')
((400, 700), None)
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
_WEIGHTS = re.compile(r"font-weight:\s*(\d+)(?:\s+(\d+))?", re.IGNORECASE)

#: A variable font's weight range, kept whole (None) or cut to (lightest, boldest).
Weights = tuple[int, int] | None
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


def declared_weights(rule: str) -> Weights:
    """Return the weights an ``@font-face`` rule declares (``font-weight: 400 700``)."""
    found = _WEIGHTS.search(rule)
    if not found:
        return None
    lightest = int(found.group(1))
    return lightest, int(found.group(2) or lightest)


def widest(a: Weights, b: Weights) -> Weights:
    """Return the range covering ``a`` and ``b``; a face declared without one is kept whole."""
    if a is None or b is None:
        return None
    return min(a[0], b[0]), max(a[1], b[1])


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


@dataclass(frozen=True)
class _Declared:
    """One local font an ``@font-face`` rule loads: where the rule is, what it asks for."""

    css: Path
    span: tuple[int, int]
    url: str
    font: Path
    weights: Weights


def _declarations(site_dir: Path, sources: Sequence[Path]) -> list[_Declared]:
    """Return every local font the site's stylesheets load, rule by rule.

    Raises :class:`FontError` naming the stylesheet and line of a font that is missing.
    """
    found = []
    for css in sorted(site_dir.rglob("*.css")):
        text = css.read_text(encoding="utf-8")
        for rule in FONT_FACE.finditer(text):
            weights = declared_weights(rule.group())
            for line, url in font_urls(rule.group()):
                font = (css.parent / url.split("?")[0].split("#")[0]).resolve()
                if not font.is_file():
                    where = origin(css, site_dir, sources)
                    line += text.count("\n", 0, rule.start())
                    raise FontError(f"{where}:{line}: font file not found: {url}")
                found.append(_Declared(css, rule.span(), url, font, weights))
    return found


def _span(weights: Weights) -> float:
    return float("inf") if weights is None else weights[1] - weights[0]


def declared_fonts(site_dir: Path, sources: Sequence[Path]) -> dict[Path, Weights]:
    """Return every font file the site's stylesheets load, sorted, with its weights.

    A file that rules load with different weights (Naskh whole for an Arabic page, its
    regular weight alone for a quotation in an English one) is copied once for each:
    the widest range keeps the file's name, any other gets ``<name>.<weights>.woff2``,
    and its rules are pointed at the copy. Raises :class:`FontError` naming the
    stylesheet and line of a font that is missing.
    """
    declared = _declarations(site_dir, sources)
    ranges: dict[Path, list[Weights]] = {}
    for item in declared:
        if item.weights not in ranges.setdefault(item.font, []):
            ranges[item.font].append(item.weights)
    fonts: dict[Path, Weights] = {}
    edits: dict[Path, list[tuple[tuple[int, int], str, str]]] = {}
    for font, weights in ranges.items():
        widest = max(weights, key=_span)
        fonts[font] = widest
        for other in weights:
            if other == widest:
                continue
            assert other is not None  # None is the widest of all
            tag = f"{other[0]}" if other[0] == other[1] else f"{other[0]}-{other[1]}"
            copy = font.with_name(f"{font.stem}.{tag}{font.suffix}")
            copy.write_bytes(font.read_bytes())
            fonts[copy] = other
            for item in declared:
                if item.font == font and item.weights == other:
                    new_url = item.url.replace(font.name, copy.name)
                    edits.setdefault(item.css, []).append((item.span, item.url, new_url))
    for css, changes in edits.items():
        text = css.read_text(encoding="utf-8")
        for (start, end), old, new in sorted(changes, reverse=True):
            text = text[:start] + text[start:end].replace(old, new) + text[end:]
        css.write_text(text, encoding="utf-8")
    return dict(sorted(fonts.items()))


def subset_bytes(data: bytes, characters: Iterable[str], weights: Weights = None) -> bytes:
    """Return the font in ``data`` cut down to ``characters``, in its own format (WOFF2).

    Every layout feature is kept: Arabic needs its joining forms and marks, and the
    stylesheet asks for tabular figures. A variable font's weight axis is limited to
    ``weights`` (within its own range). Raises what fontTools raises on a bad font.
    """
    # imported here: a build whose subsets are all cached never needs them (0.1 s)
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]  # the copyright and licence names travel with the glyphs
    options.notdef_outline = True
    font = TTFont(io.BytesIO(data), recalcTimestamp=False)  # the same bytes on every build
    options.flavor = font.flavor  # woff2 stays woff2 (Brotli)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted({ord(c) for c in characters}))
    subsetter.subset(font)
    axes = {axis.axisTag: axis for axis in font["fvar"].axes} if "fvar" in font else {}
    if weights and "wght" in axes:
        axis = axes["wght"]
        lightest = min(max(weights[0], axis.minValue), axis.maxValue)
        boldest = min(max(weights[1], lightest), axis.maxValue)
        if (lightest, boldest) != (axis.minValue, axis.maxValue):
            limits = {"wght": lightest if lightest == boldest else (lightest, boldest)}
            instancer.instantiateVariableFont(font, limits, inplace=True)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def cached_subset(
    data: bytes, characters: Iterable[str], cache_dir: Path | None, weights: Weights = None
) -> bytes:
    """Return :func:`subset_bytes`, kept in ``cache_dir`` under a hash of what makes it.

    The key is the font's bytes, the characters, the weights and fontTools' version: the same
    inputs give the same subset, so a second build with unchanged text skips the
    slowest step. A cache file that cannot be read or written is simply remade.
    """
    chars = "".join(sorted(set(characters)))
    if cache_dir is None:
        return subset_bytes(data, chars, weights)
    key = hashlib.sha256()
    for part in (data, chars.encode("utf-8"), repr(weights).encode(), fontTools.version.encode()):
        key.update(hashlib.sha256(part).digest())
    path = cache_dir / f"{key.hexdigest()}.font"
    try:
        return path.read_bytes()
    except OSError:
        pass
    smaller = subset_bytes(data, chars, weights)
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
    copies: dict[tuple[str, Weights], list[Path]] = {}
    for font, weights in declared_fonts(site_dir, sources).items():
        digest = hashlib.sha256(font.read_bytes()).hexdigest()
        copies.setdefault((digest, weights), []).append(font)
    report = FontReport(characters=len(characters))
    for (_, weights), paths in copies.items():
        name = origin(paths[0], site_dir, sources)
        data = paths[0].read_bytes()
        try:
            smaller = cached_subset(data, characters, cache_dir, weights)
        except Exception as exc:  # fontTools raises many kinds on a damaged font
            reason = str(exc) or type(exc).__name__
            raise FontError(f"{name}: cannot subset: {reason}") from None
        for path in paths:
            path.write_bytes(smaller)
        report.faces.append(Face(name, tuple(paths), len(data), len(smaller)))
    report.faces.sort(key=lambda face: face.source)
    return report
