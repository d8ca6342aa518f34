"""What every explainer extension shares: its configuration and small element helpers.

Each extension is configured with the content directory, the page's language and the
Markdown path of the page that holds the op-ed (links to ``source.md#p4`` are turned
into page-relative URLs by the engine, like any Markdown link)::

    markdown_extensions:
      - explainer.claims: {content: docs/data, lang: ar, source_page: source.md}

The MkDocs plugin also gives each page's own path (``page``), so that a page in a
folder links to ``../source.md#p4``: MkDocs reads a Markdown link from the page's folder.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from typing import Any

from markdown import Extension
from markdown.util import AtomicString

from ..content import Content, load_content
from ..languages import Record
from ..strings import t


class ExplainerExtension(Extension):
    """Base of the explainer's extensions: shared options and access to the content."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "content": ["docs/data", "Directory holding the op-ed and the record files"],
            "lang": ["", "Language of the page being rendered (a code from source.yml)"],
            "source_page": ["source.md", "Markdown path of the page showing the op-ed"],
            "terms_page": ["terms.md", "Markdown path of the page showing the glossary"],
            # not None: Python-Markdown turns a None-default option into a bool
            "loaded": ["", "The content, when the caller has loaded it already"],
            # for links that must hold in every edition, the offline ones too ([[offline]])
            "site_url": ["", "The published address of the site's root (every language)"],
            "slug": ["", "The name the offline editions share (explainer.editions.slug)"],
            "page": ["", "Markdown path of the page being rendered (set by the plugin)"],
        }
        super().__init__(**kwargs)

    @property
    def content(self) -> Content:
        """Return the validated content: as the caller loaded it, else from ``content``.

        The MkDocs plugin hands over what it loaded for the build, so the thousands of
        lookups a build makes do not each look at every file of the content again.
        """
        loaded = self.getConfig("loaded")
        return loaded if isinstance(loaded, Content) else load_content(self.getConfig("content"))

    @property
    def lang(self) -> str:
        """Return the page's language; raise ``ValueError`` if it is not a content language."""
        lang = str(self.getConfig("lang"))
        if lang not in self.content.languages:
            raise ValueError(
                f"{type(self).__name__}: 'lang' must be one of "
                f"{self.content.languages}, got {lang!r}"
            )
        return lang

    @property
    def language(self) -> Record:
        """Return the page's language record, with the site's own values applied."""
        return self.content.language(self.lang)

    def t(self, key: str, **values: object) -> str:
        """Return interface string ``key`` in the page's language."""
        return t(self.language, key, **values)

    def page_href(self, target: str) -> str:
        """Return the Markdown link to page ``target`` (a path in the docs folder) from this page.

        >>> ExplainerExtension(page="part-2/risks.md").page_href("source.md#p4")
        '../source.md#p4'
        >>> ExplainerExtension().page_href("source.md#p4")
        'source.md#p4'
        """
        folder = posixpath.dirname(str(self.getConfig("page")))
        path, hash_, anchor = target.partition("#")
        return (posixpath.relpath(path, folder) if folder else path) + hash_ + anchor

    def source_href(self, block_id: str) -> str:
        """Return the Markdown link to paragraph (or title) ``block_id`` of the op-ed."""
        return self.page_href(f"{self.getConfig('source_page')}#{block_id}")

    def terms_href(self, term_id: str) -> str:
        """Return the Markdown link to the glossary entry of ``term_id``."""
        return self.page_href(f"{self.getConfig('terms_page')}#term-{term_id}")


def direction(lang: str | Record) -> str:
    """Return the text direction of ``lang`` (``rtl`` or ``ltr``), from Babel's data.

    Any language Babel knows, with an engine record or not (a cited title in German).
    """
    return (lang if isinstance(lang, Record) else Record(lang.replace("-", "_"))).dir


def quoted(text: str, lang: str | Record) -> str:
    """Return ``text`` between the quotation marks of ``lang`` (« » in Arabic)."""
    return f"{t(lang, 'quote_open')}{text}{t(lang, 'quote_close')}"


def add_text(
    parent: etree.Element, tag: str, text: str, attrs: dict[str, str] | None = None, **more: str
) -> etree.Element:
    """Append ``<tag>`` holding ``text`` verbatim (no inline Markdown is applied to it).

    Attributes come as a mapping, or as keywords (``class_`` for ``class``).
    """
    merged = {**(attrs or {}), **{k.rstrip("_"): v for k, v in more.items()}}
    element = etree.SubElement(parent, tag, merged)
    element.text = AtomicString(text)
    return element
