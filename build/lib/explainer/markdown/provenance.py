"""Provenance markers: every statement points at the words of the op-ed it rests on.

In prose, ``[[claim-id]]`` or ``[[p4]]`` (a paragraph, or ``title``) after a sentence
places a marker; the record extensions place one after every claim they render::

    The author thinks it is too early to tell.[[too-early]]

A marker is a small link (``¶4``) to an entry of the page's list of passages cited
from the original, which holds the original Arabic sentence, its translation on
translated pages, and a link to the paragraph in the original (``source.md#p4``).
The entries reuse the footnote markup (``footnote-ref``), so the theme can show them
as tooltips on hover and focus; without scripts the marker still jumps to its entry.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor

from ..fidelity import cited_block
from ..pages import REF
from .common import ExplainerExtension, add_text, direction, quoted
from .context import render_context


class Provenance:
    """One document's source references, collected in order like footnotes."""

    def __init__(self, extension: ExplainerExtension) -> None:
        self.extension = extension
        self.reset()

    def reset(self) -> None:
        """Forget the previous document's references (one Markdown renders many pages)."""
        self.refs: set[str] = set()

    @classmethod
    def attach(cls, md: Markdown, extension: ExplainerExtension) -> Provenance:
        """Return the document's registry, registering it with ``md`` on first use.

        Every record extension calls this, so the markers work whichever of them a
        site enables, and the sources list is built once.
        """
        registry: Provenance | None = getattr(md, "explainer_provenance", None)
        if registry is None:
            registry = cls(extension)
            md.explainer_provenance = registry
            md.registerExtension(registry)
            # 175: before links (160) and reference links (170), which would read
            # "[[p4]]" as brackets; after backticks (190), so code stays literal.
            md.inlinePatterns.register(RefInline(REF, md, registry), "explainer-ref", 175)
            # 10: after the inline pass (20) has placed the prose markers, before the
            # table of contents (5) collects headings, so "Sources" is listed there.
            md.treeprocessors.register(SourcesList(md, registry), "explainer-sources", 10)
        return registry

    def exists(self, ref: str) -> bool:
        """Return whether ``ref`` names a claim or a citable block of the op-ed."""
        content = self.extension.content
        return ref in content.records.claims or ref == "title" or ref in content.source.paragraphs

    def block_of(self, ref: str) -> str:
        """Return the id of the op-ed block that ``ref`` rests on."""
        claim = self.extension.content.records.claims.get(ref)
        return claim.paragraph if claim else ref

    def marker(self, parent: etree.Element, ref: str) -> etree.Element:
        """Append a marker for ``ref`` to ``parent`` and return it.

        Raises ``ValueError`` for an unknown reference (the page checks report these
        with their file and line before any page is rendered).
        """
        if not self.exists(ref):
            raise ValueError(f"unknown claim or paragraph '{ref}'")
        self.refs.add(ref)
        block = self.block_of(ref)
        ext = self.extension
        if block == "title":
            label, aria = ext.t("title_marker"), ext.t("title_marker_label")
        else:
            n = ext.content.source.paragraphs[block].number
            label, aria = ext.t("marker", number=n), ext.t("marker_label", number=n)
        sup = etree.SubElement(parent, "sup", {"class": "ex-ref"})
        # numbered by SourcesList once the page is complete, in reading order
        # the accessible name starts with the visible label, as speech input expects
        add_text(
            sup,
            "a",
            label,
            {"class": "footnote-ref", "aria-label": f"{label} — {aria}", "data-ref": ref},
        )
        return sup

    def number(self, root: etree.Element) -> list[str]:
        """Give the markers under ``root`` numbers in reading order; return their refs.

        Markers are placed by block processors before the inline ones, so numbering
        waits for the whole page. The first marker of a source gets ``ref-N``, the
        others ``ref-N-2`` …, all pointing at entry ``src-N``.
        """
        order: list[str] = []
        uses: dict[str, int] = {}
        for link in root.iter("a"):
            ref = link.attrib.pop("data-ref", None)
            if ref is None:
                continue
            if ref not in uses:
                order.append(ref)
            uses[ref] = uses.get(ref, 0) + 1
            number = order.index(ref) + 1
            link.set("href", f"#src-{number}")
            link.set("id", f"ref-{number}" + (f"-{uses[ref]}" if uses[ref] > 1 else ""))
        return order


class RefInline(InlineProcessor):
    """Turn ``[[ref]]`` in prose into a provenance marker."""

    def __init__(self, pattern: str, md: Markdown, registry: Provenance) -> None:
        super().__init__(pattern, md)
        self.registry = registry

    def handleMatch(  # noqa: N802 - Python-Markdown's API name
        self, m: re.Match[str], data: str
    ) -> tuple[etree.Element | None, int | None, int | None]:
        """Return the marker for the matched reference."""
        holder = etree.Element("span")
        marker = self.registry.marker(holder, m.group(1))
        return marker, m.start(0), m.end(0)


class SourcesList(Treeprocessor):
    """Append the page's list of cited passages, one entry per source referenced."""

    def __init__(self, md: Markdown, registry: Provenance) -> None:
        super().__init__(md)
        self.registry = registry

    def run(self, root: etree.Element) -> None:
        """Append the list to ``root`` when the page referenced any source."""
        entries = list(enumerate(self.registry.number(root), start=1))
        if not entries:
            return
        ext = self.registry.extension
        content, lang = ext.content, ext.lang
        source = content.source
        section = etree.SubElement(root, "section", {"class": "ex-sources footnote"})
        # Out of the search index: the list repeats sentences of the op-ed, whose own page
        # is where search should lead, and every page citing a sentence would rank for it
        # (Material's data-search-exclude leaves the heading's section out).
        heading = add_text(section, "h2", ext.t("sources"), id="sources")
        heading.set("data-search-exclude", "")
        items = etree.SubElement(section, "ol")
        original = source.language
        for number, ref in entries:
            item = etree.SubElement(items, "li", {"id": f"src-{number}"})
            claim = content.records.claims.get(ref)
            block_id = self.registry.block_of(ref)
            texts: dict[str, str] = claim.quote if claim else cited_block(source, block_id).text
            add_text(
                item,
                "p",
                quoted(texts[original], content.language(original)),
                class_="ex-src__quote",
                lang=original,
                dir=direction(original),
            )
            if lang != original:
                add_text(
                    item,
                    "p",
                    quoted(texts[lang], content.language(lang)),
                    class_="ex-src__translation",
                )
            if claim:  # an inference shows the outside context it rests on, marked as such
                render_context(item, content.records.context_of(claim.id), ext)
            links = etree.SubElement(item, "p", {"class": "ex-src__links"})
            if block_id == "title":
                label = ext.t("title_link")
            else:
                label = ext.t("source_link", number=source.paragraphs[block_id].number)
            add_text(links, "a", label, href=ext.source_href(block_id))
            links[-1].tail = " "
            add_text(
                links,
                "a",
                "↩",
                {
                    "class": "footnote-backref",
                    "href": f"#ref-{number}",
                    "aria-label": ext.t("back_to_text"),
                },
            )
