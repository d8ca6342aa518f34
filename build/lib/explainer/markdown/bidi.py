"""Isolate Latin runs in right-to-left pages with ``<bdi>``, wherever they come from.

Records, dates, figures and prose all pass through this tree processor, so editors
write ``UNESCO`` plainly in an Arabic sentence and the page shows it in the right order::

    >>> import markdown
    >>> from explainer.new import STARTER
    >>> data = str(STARTER / "docs/data")
    >>> md = markdown.Markdown(extensions=[BidiExtension(content=data, lang="ar")])
    >>> md.convert("نقلت البلدية عن UNESCO أن 12 سدًا تكفي `code ok`")
    '<p>نقلت البلدية عن <bdi>UNESCO</bdi> أن 12 سدًا تكفي <code translate="no">code ok</code></p>'

Code, links' own text in another language (``lang`` set) and elements already isolated
are left alone. On every page, code is also marked ``translate="no"``: its words are
literal (a file, an anchor), and a reader's translation tool must leave them so.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from ..bidi import latin_runs
from .common import ExplainerExtension, direction

SKIP_TAGS = {"code", "pre", "bdi", "bdo", "kbd", "samp", "script", "style", "time"}


def _split(text: str) -> list[tuple[str, bool]]:
    """Return ``text`` as pieces, each marked True when it is a Latin run."""
    pieces: list[tuple[str, bool]] = []
    last = 0
    for start, end in latin_runs(text):
        pieces += [(text[last:start], False), (text[start:end], True)]
        last = end
    pieces.append((text[last:], False))
    return [(piece, latin) for piece, latin in pieces if piece]


def _bdi(text: str, atomic: bool) -> etree.Element:
    element = etree.Element("bdi")
    element.text = AtomicString(text) if atomic else text
    return element


class IsolateLatin(Treeprocessor):
    """Wrap every Latin run of a right-to-left page's text in ``<bdi>``."""

    def __init__(self, md: Markdown, extension: ExplainerExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        """Isolate the runs under ``root`` when the page reads right to left."""
        if direction(self.extension.lang) == "rtl":
            self.visit(root)

    def visit(self, element: etree.Element) -> None:
        """Isolate the runs in ``element``'s text, its children and their tails."""
        if element.tag in SKIP_TAGS or element.get("lang") or element.get("dir"):
            return
        if element.text:
            pieces = _split(element.text)
            if any(latin for _, latin in pieces):
                atomic = isinstance(element.text, AtomicString)
                element.text, new = self._build(pieces, atomic)
                for index, child in enumerate(new):
                    element.insert(index, child)
        for child in list(element):
            self.visit(child)
            if child.tail:
                pieces = _split(child.tail)
                if any(latin for _, latin in pieces):
                    atomic = isinstance(child.tail, AtomicString)
                    child.tail, new = self._build(pieces, atomic)
                    position = list(element).index(child) + 1
                    for offset, node in enumerate(new):
                        element.insert(position + offset, node)

    @staticmethod
    def _build(
        pieces: list[tuple[str, bool]], atomic: bool
    ) -> tuple[str | None, list[etree.Element]]:
        """Return the leading text and the ``<bdi>`` elements (with tails) for ``pieces``."""
        lead: str | None = None
        nodes: list[etree.Element] = []
        for piece, latin in pieces:
            if latin:
                nodes.append(_bdi(piece, atomic))
            elif nodes:
                nodes[-1].tail = piece
            else:
                lead = piece
        return lead, nodes


class KeepCode(Treeprocessor):
    """Mark every ``<code>`` as not to be translated."""

    def run(self, root: etree.Element) -> None:
        """Set ``translate="no"`` on the code elements under ``root``."""
        for code in root.iter("code"):
            code.set("translate", "no")


class BidiExtension(ExplainerExtension):
    """Register :class:`IsolateLatin` on right-to-left pages, and :class:`KeepCode`."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        """Register the tree processors ``explainer-bidi`` and ``explainer-code`` at 1.

        Priority 1 runs them after everything that adds text or code (inline 20, term
        links 12, sources 10, table of contents 5) so every run is found, and before
        MkDocs' link rewriting (0), which does not touch text.
        """
        md.treeprocessors.register(IsolateLatin(md, self), "explainer-bidi", 1)
        md.treeprocessors.register(KeepCode(md), "explainer-code", 1)


def makeExtension(**kwargs: Any) -> BidiExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.bidi'])``."""
    return BidiExtension(**kwargs)
