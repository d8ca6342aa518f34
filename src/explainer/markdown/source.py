"""Render the op-ed, paragraph by paragraph, with stable anchors.

Syntax: a paragraph holding only ``[[source]]``. On a page in the source language it
renders the text verbatim (byline and title in the text's order, numbered paragraphs
``#p1`` …, pull quotes);
on a translated page each block shows the translation with the original beside it::

    >>> import markdown
    >>> from explainer.new import STARTER
    >>> extension = SourceExtension(content=str(STARTER / "docs/data"), lang="en")
    >>> md = markdown.Markdown(extensions=[extension])
    >>> html = md.convert("[[source]]")
    >>> 'id="p1"' in html and 'dir="rtl" lang="ar"' in html
    True
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from ..pages import cited_by, scan_language
from ..source import Block, Source
from .common import add_text, direction
from .directive import DirectiveExtension, DirectiveProcessor


class SourceProcessor(DirectiveProcessor):
    """Replace ``[[source]]`` with the op-ed in the page's language."""

    name = "source"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append the whole op-ed to ``parent``."""
        ext = self.extension
        lang = ext.lang
        content = ext.content
        source = content.source
        pages = Path(ext.getConfig("content")).parent / lang
        self.citations = cited_by(scan_language(pages), content, lang) if pages.is_dir() else {}
        section = etree.SubElement(parent, "div", {"class": "ex-source"})
        for head in source.head:  # the byline where the text has it: before, after, none
            if head.kind == "title":
                self.block(section, source, head, lang, "h2", "ex-source__title", id="title")
            else:
                self.block(section, source, head, lang, "p", "ex-source__byline")
        for block in source.body:
            if block.kind == "pullquote":
                self.pullquote(section, source, block, lang)
            else:
                self.paragraph(section, source, block, lang)

    def block(
        self,
        parent: etree.Element,
        source: Source,
        block: Block,
        lang: str,
        tag: str,
        cls: str,
        **attrs: str,
    ) -> etree.Element:
        """Append ``block`` in ``lang``, followed by the original on a translated page."""
        element = add_text(
            parent, tag, block[lang], {"class": cls, "data-block": block.kind, **attrs}
        )
        if lang != source.language:
            self.original(parent, source, block, f"{cls} ex-original")
        return element

    def original(self, parent: etree.Element, source: Source, block: Block, cls: str) -> None:
        """Append the source-language text of ``block``, marked with its language."""
        code = source.language
        add_text(parent, "p", block[code], {"class": cls, "lang": code, "dir": direction(code)})

    def paragraph(self, parent: etree.Element, source: Source, block: Block, lang: str) -> None:
        """Append a numbered paragraph whose anchor is its id."""
        assert block.id is not None and block.number is not None
        wrapper = etree.SubElement(parent, "div", {"class": "ex-para", "id": block.id})
        label = self.extension.t("paragraph_link", number=block.number)
        add_text(
            wrapper,
            "a",
            str(block.number),
            {"class": "ex-para__num", "href": f"#{block.id}", "aria-label": label},
        )
        body = etree.SubElement(wrapper, "div", {"class": "ex-para__body"})
        add_text(body, "p", block[lang], {"class": "ex-para__text", "data-block": block.id})
        if lang != source.language:
            self.original(body, source, block, "ex-para__orig ex-original")
        self.cited(body, block.id)

    def cited(self, parent: etree.Element, block_id: str) -> None:
        """Append the places of the explainer that cite ``block_id``, if any."""
        places = self.citations.get(block_id)
        if not places:
            return
        details = etree.SubElement(parent, "details", {"class": "ex-citedby"})
        summary = f"{self.extension.t('cited_by')} ({len(places)})"
        add_text(details, "summary", summary, {})
        items = etree.SubElement(details, "ul")
        for href, label in places:
            link = {"href": self.extension.page_href(href)}
            add_text(etree.SubElement(items, "li"), "a", label, link)

    def pullquote(self, parent: etree.Element, source: Source, block: Block, lang: str) -> None:
        """Append a pull quote, visibly not a paragraph, linked to the one it repeats."""
        figure = etree.SubElement(parent, "figure", {"class": "ex-pullquote"})
        quote = etree.SubElement(figure, "blockquote")
        add_text(quote, "p", block[lang], {"data-block": "pullquote"})
        if lang != source.language:
            self.original(quote, source, block, "ex-original")
        target = source.paragraphs[block.quotes or ""]
        caption = etree.SubElement(figure, "figcaption")
        label = self.extension.t("pullquote_of", number=target.number)
        add_text(caption, "a", label, {"href": f"#{target.id}"})


class SourceExtension(DirectiveExtension):
    """Register the ``[[source]]`` directive."""

    processor = SourceProcessor


def makeExtension(**kwargs: Any) -> SourceExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.source'])``."""
    return SourceExtension(**kwargs)
