"""The ``[[name args]]`` placement syntax shared by the explainer's extensions.

A paragraph that holds nothing but ``[[name]]`` or ``[[name arg …]]`` is replaced by
the records it names, so prose pages place structured content by id::

    The original text follows.

    [[source]]
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor

from ..pages import DIRECTIVE
from .common import ExplainerExtension
from .provenance import Provenance


def parse(block: str) -> tuple[str, list[str]] | None:
    """Return ``(name, args)`` when ``block`` is a directive, else ``None``.

    >>> parse("[[source]]"), parse("[[claim c1 c2]]"), parse("text [[source]]")
    (('source', []), ('claim', ['c1', 'c2']), None)
    """
    match = DIRECTIVE.match(block.rstrip())  # indented: a code block, not a directive
    if not match:
        return None
    return match.group(1), match.group(2).split()


class DirectiveProcessor(BlockProcessor):
    """Replace a ``[[name …]]`` paragraph with what :meth:`render` builds."""

    #: The directive this processor answers to.
    name = ""

    def __init__(self, parser: Any, extension: ExplainerExtension, provenance: Provenance) -> None:
        super().__init__(parser)
        self.extension = extension
        self.provenance = provenance

    def test(self, parent: etree.Element, block: str) -> bool:
        """Return whether ``block`` is this processor's directive."""
        found = parse(block)
        return found is not None and found[0] == self.name

    def run(self, parent: etree.Element, blocks: list[str]) -> None:
        """Consume the directive block and append the rendered elements to ``parent``."""
        found = parse(blocks.pop(0))
        assert found is not None  # test() accepted this block
        self.render(parent, found[1])

    def render(self, parent: etree.Element, args: list[str]) -> Any:
        """Append the directive's elements to ``parent``."""
        raise NotImplementedError


class DirectiveExtension(ExplainerExtension):
    """An extension that places records with one directive (its ``processor``)."""

    processor: type[DirectiveProcessor]

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        """Register the processor as block processor ``explainer-<name>``, priority 95.

        95 runs it before the paragraph and list processors (and after ``empty``), so a
        directive's paragraph is claimed before anything else parses it. Every record
        extension shares the page's provenance markers and sources list.
        """
        provenance = Provenance.attach(md, self)
        processor = self.processor(md.parser, self, provenance)
        md.parser.blockprocessors.register(processor, f"explainer-{processor.name}", 95)
