"""The glossary, and term tooltips wherever a term appears.

Syntax: a paragraph holding only ``[[terms]]`` renders the glossary of ``terms.yml``
(``#term-<id>``): each term in the page's language and the other, how it is used, and
the paragraph that first uses it. On every page the first occurrence of each term in
the prose becomes a link to its glossary entry whose ``title`` gives the term in the
other language (shown as a tooltip on hover and focus). The link is in that language
(``lang``), so is its title, and its text keeps the page's (``<span lang>``): an
Arabic page shows no Latin word it does not mark as English::

    >>> import markdown
    >>> from explainer.new import STARTER
    >>> ext = TermsExtension(content=str(STARTER / "docs/data"), lang="en")
    >>> html = markdown.Markdown(extensions=[ext]).convert("The dams, and the dams again.")
    >>> html.count('class="ex-term"'), 'href="terms.md#term-dams"' in html
    (1, True)

Arabic terms are also found behind a one-letter proclitic (``والسدود``).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from typing import Any

from markdown import Markdown
from markdown.treeprocessors import Treeprocessor

from ..records import Term
from .common import add_text, direction
from .directive import DirectiveExtension, DirectiveProcessor
from .term_index import page_keys, term_index, term_pattern

__all__ = ["TermLinks", "TermsExtension", "link_first", "makeExtension", "term_pattern"]

#: Elements whose text is never linked: links, code, headings, the op-ed itself.
SKIP_TAGS = {"a", "code", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "sup", "dt", "time"}
SKIP_CLASSES = {"ex-source", "ex-sources", "ex-terms"}


def link_first(
    element: etree.Element, pattern: re.Pattern[str], make: Callable[[str], etree.Element]
) -> bool:
    """Wrap the first match of ``pattern`` in ``element``'s text in ``make(match)``.

    Returns whether a match was wrapped; skipped elements are not searched.
    """
    if element.tag in SKIP_TAGS or SKIP_CLASSES & set(element.get("class", "").split()):
        return False
    if element.text and (m := pattern.search(element.text)):
        link = make(m.group(1))
        link.tail = element.text[m.end(1) :]
        element.text = element.text[: m.start(1)]
        element.insert(0, link)
        return True
    for index, child in enumerate(list(element)):
        if link_first(child, pattern, make):
            return True
        if child.tail and (m := pattern.search(child.tail)):
            link = make(m.group(1))
            link.tail = child.tail[m.end(1) :]
            child.tail = child.tail[: m.start(1)]
            element.insert(index + 1, link)
            return True
    return False


class TermLinks(Treeprocessor):
    """Link the first occurrence of each term on the page to its glossary entry."""

    def __init__(self, md: Markdown, extension: TermsExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        """Link terms in ``root``, longest forms first (``السدود الصغيرة`` before ``السدود``).

        Only the forms whose words the page holds are looked for (:mod:`.term_index`):
        a walk of the page for every term of the site grew with pages × terms.
        """
        ext = self.extension
        forms = term_index(ext.content, ext.lang).candidates(page_keys(root))
        linked: set[str] = set()
        for form in forms:
            term = form.term
            if term.id not in linked and link_first(root, form.pattern, self.maker(term)):
                linked.add(term.id)

    def maker(self, term: Term) -> Callable[[str], etree.Element]:
        """Return a function building the tooltip link of ``term`` around a text.

        The title holds the term in the other languages only: an attribute has one
        language, the element's. With one other language the link is marked as in it
        and its text as in the page's; with several, the title mixes them, unmarked.
        """
        ext = self.extension
        lang = ext.lang
        others = [lang_ for lang_ in ext.content.languages if lang_ != lang]
        attrs = {"class": "ex-term", "href": ext.terms_href(term.id)}
        attrs["title"] = " · ".join(term.text[o] for o in others)
        if len(others) == 1:
            attrs["lang"] = others[0]

        def make(text: str) -> etree.Element:
            link = etree.Element("a", attrs)
            if len(others) == 1:
                add_text(link, "span", text, lang=lang)
            else:
                link.text = text
            return link

        return make


class TermsProcessor(DirectiveProcessor):
    """Replace ``[[terms]]`` with the glossary."""

    name = "terms"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append the glossary, a section per term headed by it, the page's language first.

        Each term is a heading, not a ``<dt>``: a section of its own in the page's
        outline and table of contents, and in the search index, where a reader who
        types a term finds its entry by its title.
        """
        ext = self.extension
        lang = ext.lang
        order = [lang, *(other for other in ext.content.languages if other != lang)]
        glossary = etree.SubElement(parent, "div", {"class": "ex-terms"})
        for term in ext.content.records.terms:
            # the table of contents lists the term in the page's language only: a
            # label is plain text, and the other language's term would go unmarked
            heading = etree.SubElement(
                glossary,
                "h2",
                {
                    "class": "ex-term__title",
                    "id": f"term-{term.id}",
                    "data-toc-label": term.text[lang],
                },
            )
            for index, code in enumerate(order):
                add_text(
                    heading,
                    "span",
                    term.text[code],
                    lang=code,
                    dir=direction(code),
                    class_="ex-term__text",
                )
                if index < len(order) - 1:
                    heading[-1].tail = " — "
            note = add_text(glossary, "p", term.note[lang], class_="ex-term__note")
            self.provenance.marker(note, term.paragraph)


class TermsExtension(DirectiveExtension):
    """Register the ``[[terms]]`` glossary and the term links."""

    processor = TermsProcessor

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        """Register the glossary directive (see the base) and the term links (tree, 12).

        The links run at 12: after the inline pass (20) has produced the final text,
        before the sources list (10) is appended, so the list's quotations stay plain.
        """
        super().extendMarkdown(md)
        md.treeprocessors.register(TermLinks(md, self), "explainer-term-links", 12)


def makeExtension(**kwargs: Any) -> TermsExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.terms'])``."""
    return TermsExtension(**kwargs)
