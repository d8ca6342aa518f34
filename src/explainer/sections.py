"""Ids when every page of a language becomes one section of a single document.

On the site each page has ids of its own, and two pages often share one (each has
``#sources``, ``#ref-1``, a heading of the same name). The single-file edition
(:mod:`explainer.single_file`) merges the pages of a language into one document, so
there each page is a ``<section>`` whose id is the page's name, and every id of the
page is prefixed by that name and a slash; the op-ed's paragraphs keep ``#p1`` …
``#pN``, the addresses readers cite:

>>> section_id("timeline.md"), section_id("guide/index.md")
('timeline', 'guide/index')
>>> merged_id("risks.md", "sources", {}), merged_id("source.md", "p1", {"source.md": {"p1"}})
('risks/sources', 'p1')

Why a slash: the ids a page is given (heading slugs, ``{#id}``, the records' anchors,
the markers' ``ref-N`` and ``src-N``) never hold one, and a page's file name holds one
only between folders. So a prefixed id ``X/a`` can only meet the section of a page
``X/a.md``, and nothing else can meet a kept paragraph id or an id of the edition's
own template but a page named like it. :func:`check_single_file_ids` reports those
cases, and an id given twice on one page, with their file and line; the build checks
the ids it actually wrote as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from .content import Content
from .directives import DIRECTIVES
from .errors import ErrorList
from .pages import PageScan

SEPARATOR = "/"
#: The ids the edition's own template uses (``explainer/assets/single-file.html``).
TEMPLATE_IDS = {
    "sf-main": "the edition's main content",
    "sf-nav": "the edition's table of contents",
    "sf-search": "the edition's search box",
    "sf-results": "the edition's search results",
    "sf-sheet": "the edition's pop-up for terms and sources",
    "sf-sheet-title": "the edition's pop-up for terms and sources",
    "sf-index": "the edition's search index",
}
#: The numbered ids the provenance markers add to a page (explainer.markdown.provenance).
NUMBERED = re.compile(r"(ref|src)-\d+(-\d+)?")
RULE = "single-file.id"

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)[^}]*\})?\s*#*\s*$")


def section_id(rel: str) -> str:
    """Return the id of the section holding page ``rel`` (its path without ``.md``)."""
    return rel.removesuffix(".md")


def merged_id(rel: str, anchor: str, kept: Mapping[str, set[str]]) -> str:
    """Return the id that ``anchor`` of page ``rel`` has in the single file.

    ``kept`` maps a page to the ids it keeps as they are: the paragraphs of the op-ed
    on the page that shows it.
    """
    if anchor in kept.get(rel, ()):
        return anchor
    return f"{section_id(rel)}{SEPARATOR}{anchor}"


def kept_ids(scans: list[PageScan], content: Content) -> dict[str, set[str]]:
    """Return the ids each page keeps: the op-ed's paragraph ids on a page placing it."""
    paragraphs = set(content.source.paragraphs)
    return {
        scan.rel: paragraphs for scan in scans if any(d[0] == "source" for d in scan.directives)
    }


def page_anchors(
    scan: PageScan, content: Content, slugify: Callable[[str, str], str]
) -> list[tuple[str, int, str, bool]]:
    """Return ``(id, line, what, explicit)`` for each id the page will have, in page order.

    ``explicit`` is False for a heading's slug: the table of contents makes it unique on
    the page (a suffix), so only ``{#id}``s and the records' anchors can repeat.
    """
    found: list[tuple[str, int, str, bool]] = []
    for number, line in scan.prose_lines():
        heading = _HEADING.match(line)
        if heading:
            what = f"heading '{heading.group(2)}'"
            explicit = heading.group(3)
            found.append((explicit or slugify(heading.group(2), "-"), number, what, bool(explicit)))
    for name, args, number in scan.directives:
        for anchor in DIRECTIVES[name].anchors(content, args):
            found.append((anchor, number, f"'[[{name}]]'", True))
    cited = sorted([line for _, line in scan.refs] + [line for *_, line in scan.directives])
    if cited:  # the list of sources follows the first marker (explainer.markdown.provenance)
        found.append(("sources", cited[0], "the list of sources", True))
    return sorted(found, key=lambda place: place[1])


def check_single_file_ids(
    scans: list[PageScan],
    content: Content,
    slugify: Callable[[str, str], str],
    errors: ErrorList,
) -> None:
    """Add an error for every id the single file of this language would hold twice.

    ``scans`` are the pages of one language. See the module docstring for why these
    are the only cases.
    """
    kept = kept_ids(scans, content)
    paragraphs = {block_id: block.number for block_id, block in content.source.paragraphs.items()}
    anchors = {scan.rel: page_anchors(scan, content, slugify) for scan in scans}
    by_rel = {scan.rel: scan for scan in scans}
    for scan in scans:
        shown = scan.page.shown
        own = section_id(scan.rel)
        problem = ""
        if kept and own in paragraphs:
            problem = f"which paragraph {paragraphs[own]} of the original keeps"
        elif own in TEMPLATE_IDS:
            problem = f"which {TEMPLATE_IDS[own]} uses"
        elif SEPARATOR in own:
            parent, _, tail = own.rpartition(SEPARATOR)
            above = by_rel.get(f"{parent}.md")
            if above is not None:
                for anchor, line, what, _ in anchors[above.rel]:
                    if anchor == tail:
                        problem = f"as would {what} at line {line} of {above.page.shown}"
                        break
                else:
                    if NUMBERED.fullmatch(tail):
                        problem = f"as would a source marker of {above.page.shown}"
        if problem:
            errors.add(
                shown,
                1,
                f"in the single-file edition this page's section would have the id '{own}', "
                f"{problem}: rename the page",
                RULE,
            )
        seen: dict[str, int] = {}
        for anchor, line, what, explicit in anchors[scan.rel]:
            if not explicit:
                continue
            if anchor in seen and seen[anchor] != line:
                errors.add(
                    shown,
                    line,
                    f"{what} has the id '{anchor}', like line {seen[anchor]} of this page: "
                    "links can reach only one of them, on the site and in the single-file "
                    "edition",
                    RULE,
                )
            seen.setdefault(anchor, line)
