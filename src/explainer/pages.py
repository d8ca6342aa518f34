"""Prose pages: one Markdown file per language, at the same path in each language.

Pages live in ``<docs root>/<language code>/``. A page that exists in one language and
not in another is an error: readers of both languages get the same site. Pages place
records with directives (``[[claims too-early]]`` on a line of its own) and cite in
prose with references (``…[[too-early]]``); :func:`scan_page` finds both, with their
lines, so they can be checked before anything is rendered.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .content import Content
from .directives import DIRECTIVES
from .errors import ErrorList, display_path
from .pagefile import PageFile, read_page

#: A block directive: a paragraph holding only ``[[name arg …]]``.
DIRECTIVE = re.compile(r"^\[\[([a-z][a-z0-9-]*)((?:\s+[^\s\]]+)*)\s*\]\]$")
#: An inline reference to a claim or a block of the op-ed: ``[[too-early]]``, ``[[p4]]``.
REF = r"\[\[([a-z0-9]+(?:-[a-z0-9]+)*)\]\]"


@dataclass
class PageScan:
    """What a page places and cites, with line numbers."""

    page: PageFile
    rel: str
    title: str = ""
    directives: list[tuple[str, list[str], int]] = field(default_factory=list)
    refs: list[tuple[str, int]] = field(default_factory=list)
    #: lines whose paragraph is a lone ``[[name]]`` that is no directive (a marker)
    lone: set[int] = field(default_factory=set)
    #: ``(text, line)`` of each ``[[…]]`` that is neither a directive nor a marker
    misplaced: list[tuple[str, int]] = field(default_factory=list)
    #: whether the site reads fenced code blocks (see :func:`scan_page`)
    fences: bool = False

    def prose_lines(self) -> list[tuple[int, str]]:
        """Return the page's Markdown lines as the site reads them, with their numbers."""
        return self.page.prose_lines(self.fences)

    @property
    def path(self) -> Path:
        """Return the page's file."""
        return self.page.path


def page_paths(docs_dir: Path) -> set[str]:
    """Return the Markdown pages under ``docs_dir``, as POSIX paths relative to it."""
    return {p.relative_to(docs_dir).as_posix() for p in docs_dir.rglob("*.md")}


def scan_page(page: PageFile, rel: str, fences: bool = False) -> PageScan:
    """Return the directives and references of ``page``, paragraph by paragraph.

    The page is read as Markdown splits it: a directive is a paragraph of its own
    (also inside a quotation or a list item), however its lines are broken; any other
    ``[[…]]`` is a marker, or is misplaced (a directive inside a sentence, which would
    reach the page as text). ``fences`` says whether the site's Markdown reads fenced
    code blocks, which are then left out.
    """
    title = page.meta.get("title")
    scan = PageScan(page, rel, title if isinstance(title, str) else "", fences=fences)
    for block in _paragraphs(scan.prose_lines()):
        if not scan.title and block[0][1].startswith("# "):
            scan.title = block[0][1][2:].strip()
        first = block[0][0]
        # the paragraph as Markdown hands it to the directive: a quotation's or a list
        # item's marks off, but not a plain line's indent (then it is no directive)
        text = "\n".join(_CONTAINER.sub("", line).rstrip() for _, line in block)
        directive = DIRECTIVE.match(text)
        if directive and directive.group(1) in DIRECTIVES:
            scan.directives.append((directive.group(1), directive.group(2).split(), first))
            continue
        if directive and not directive.group(2).strip():
            scan.lone.add(first)
        for number, line in block:
            for found in _BRACKETS.finditer(line):
                ref = re.fullmatch(REF, found.group())
                if ref and ref.group(1) not in DIRECTIVES:
                    scan.refs.append((ref.group(1), number))
                else:
                    scan.misplaced.append((found.group(), number))
        for found in _BRACKETS.finditer(text):
            if not any(found.group() in line for _, line in block):  # broken across lines
                scan.misplaced.append((found.group(), first))
    return scan


#: What a quotation (``>``) or a list item (``-``, ``1.``) puts before a line's text.
_CONTAINER = re.compile(r"^\s*(?:>\s*|(?:[-*+]|\d+[.)])\s+)+")
_BRACKETS = re.compile(r"\[\[[^\[\]]*\]\]")


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """Return ``lines`` (numbered) grouped into paragraphs, as blank lines part them."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in lines:
        if line.strip():
            blocks[-1].append((number, line))
        elif blocks[-1]:
            blocks.append([])
    return [block for block in blocks if block]


def scan_language(
    docs_dir: Path, errors: ErrorList | None = None, fences: bool = False
) -> list[PageScan]:
    """Return the scans of every page of one language, by path.

    With ``errors``, a page that cannot be read is reported there and left out;
    without, :class:`~explainer.errors.ContentInvalid` is raised. ``fences``: see
    :func:`scan_page`.
    """
    scans = []
    for rel in sorted(page_paths(docs_dir)):
        path = docs_dir / rel
        if errors is None:
            page: PageFile | None = read_page(path)
        else:
            page = errors.collect(functools.partial(read_page, path), None)
        if page is not None:
            scans.append(scan_page(page, rel, fences))
    return scans


def check_counterparts(docs_root: Path, languages: tuple[str, ...], errors: ErrorList) -> None:
    """Add an error for every page missing in one of ``languages``."""
    pages = {lang: page_paths(docs_root / lang) for lang in languages}
    for lang in languages:
        if not (docs_root / lang).is_dir():
            errors.add(
                display_path(docs_root / lang), 1, f"no pages for language '{lang}'", "parity.page"
            )
    for lang, paths in pages.items():
        for other in languages:
            for path in sorted(paths - pages[other]):
                errors.add(
                    display_path(docs_root / lang / path),
                    1,
                    f"page has no '{other}' counterpart: expected "
                    f"{display_path(docs_root / other / path)}",
                    "parity.page",
                )


def check_references(
    scans: list[PageScan], content: Content, enabled: set[str], errors: ErrorList
) -> None:
    """Add an error for every unknown directive, record id or reference in ``scans``.

    ``enabled`` names the directives whose Markdown extension the site enables: any
    other one would reach the page as text, so it is an error too.
    """
    claims = content.records.claims
    citable = {"title", *content.source.paragraphs}
    for scan in scans:
        shown = scan.page.shown
        for name, args, line in scan.directives:
            if name not in enabled:
                errors.add(
                    shown,
                    line,
                    f"'[[{name}]]' needs the Markdown extension 'explainer.{name}': "
                    "add it under markdown_extensions in mkdocs.yml",
                    "reference.directive",
                )
            elif not DIRECTIVES[name].ids and args:
                errors.add(shown, line, f"'[[{name}]]' takes no arguments", "reference.directive")
            elif DIRECTIVES[name].ids and not args:
                errors.add(
                    shown, line, f"'[[{name}]]' needs at least one id", "reference.directive"
                )
            for arg in args if name == "claims" else ():
                if arg not in claims:
                    errors.add(
                        shown, line, f"unknown claim '{arg}' in '[[claims]]'", "reference.claim"
                    )
        for text, line in scan.misplaced:
            errors.add(
                shown,
                line,
                f"'{text}' is neither a marker ([[claim-id]] or [[p1]] after a sentence) nor "
                "a directive on a paragraph of its own (an empty line before and after it)",
                "reference.directive",
            )
        for ref, line in scan.refs:
            if ref in claims or ref in citable:
                continue
            if line in scan.lone:
                errors.add(
                    shown,
                    line,
                    f"unknown directive '[[{ref}]]' (expected one of: {', '.join(DIRECTIVES)}; "
                    "or a marker after a sentence)",
                    "reference.directive",
                )
                continue
            errors.add(
                shown,
                line,
                f"unknown claim or paragraph '[[{ref}]]' (paragraphs "
                f"are {', '.join(sorted(citable))}; claims are in claims.yml)",
                "reference.claim",
            )


def cited_by(
    scans: list[PageScan], content: Content, lang: str
) -> dict[str, list[tuple[str, str]]]:
    """Return, for each block of the op-ed, the ``(link, label)`` of every place citing it.

    Links are Markdown paths with anchors (``risks.md#claim-too-early``), in page order:
    what each directive cites (:mod:`explainer.directives`), then each marker.
    """
    records = content.records
    found: dict[str, list[tuple[str, str]]] = {}

    def add(block: str, href: str, label: str) -> None:
        places = found.setdefault(block, [])
        if all(href != h for h, _ in places):
            places.append((href, label))

    for scan in scans:
        for name, args, _ in scan.directives:
            for block, anchor, label in DIRECTIVES[name].cites(content, args, lang):
                add(block, f"{scan.rel}#{anchor}", f"{scan.title}: {label}")
        for ref, _ in scan.refs:
            cited = records.claims.get(ref)
            add(cited.paragraph if cited else ref, scan.rel, scan.title)
    return found


def page_pairs(
    scans: dict[str, list[PageScan]], content: Content
) -> Iterator[tuple[PageScan, PageScan, str]]:
    """Yield each readable translated page's source page, the page, and its language.

    ``scans`` holds the readable pages of each language; a page without its counterpart
    is left out (reported as a missing counterpart, or unreadable).
    """
    originals = {scan.rel: scan for scan in scans.get(content.source.language, [])}
    for lang in content.source.translations:
        for scan in scans.get(lang, []):
            original = originals.get(scan.rel)
            if original is not None:
                yield original, scan, lang
