"""The single-file edition's search index: each section of each page, as search terms.

The site's search builds a lunr index in the reader's browser from a JSON index it
downloads; the single file cannot start a worker from ``file://`` and should not make
a phone build an index, so it carries an index made here. The terms are the site's
own (:class:`explainer.search.Terms`, with the same synonyms and rules), and the
browser turns a query into terms with the same rules (``search-terms.js``), so a word
finds in the single file what it finds on the site.

Each heading starts a document, as on the site; text before the first heading belongs
to the page itself. A section whose heading carries ``data-search-exclude`` is left
out, as Material's search leaves it out (each page's list of sources). The index maps
each term to the documents holding it:

>>> from explainer.search import Terms
>>> index = build_index([("river", "The river", '<h1 id="river/the-river">The river</h1>'
...     '<p>Dams on the rivers.</p><h2 id="river/sources" data-search-exclude>Sources</h2>'
...     '<p>Quoted dams.</p>')], Terms(), {})
>>> index["docs"], index["terms"]
([[0, 'river/the-river', 'The river', 6]], {'dam': [0], 'on': [0], 'river': [0, 0], 'the': [0, 0]})
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from .search import Terms, words

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
#: Text that is no part of what a reader searches: the markers' paragraph numbers.
SKIP_CLASSES = frozenset({"ex-ref"})


@dataclass
class Document:
    """One section of a page: its anchor, its heading's text and the text under it."""

    anchor: str
    title: str = ""
    text: list[str] = field(default_factory=list)
    excluded: bool = False


class _Documents(HTMLParser):
    """Splits one page's body into documents at its headings."""

    def __init__(self, section: str) -> None:
        super().__init__(convert_charrefs=True)
        self.documents = [Document(section)]
        self.heading: str | None = None
        self.skipping: list[str] = []  # the open elements whose text is skipped

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        if self.skipping:
            self.skipping.append(tag)
            return
        if SKIP_CLASSES & set((named.get("class") or "").split()) or tag in ("script", "style"):
            self.skipping.append(tag)
        elif tag in HEADINGS:
            anchor = named.get("id") or self.documents[-1].anchor
            self.documents.append(Document(anchor, excluded="data-search-exclude" in named))
            self.heading = tag

    def handle_endtag(self, tag: str) -> None:
        if self.skipping:
            self.skipping.pop()
        elif tag == self.heading:
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        document = self.documents[-1]
        if self.heading:
            document.title += data
        else:
            document.text.append(data)


def page_documents(section: str, body: str) -> list[Document]:
    """Return the documents of one page's body, whose section id is ``section``."""
    parser = _Documents(section)
    parser.feed(body)
    parser.close()
    found = []
    for document in parser.documents:
        document.title = " ".join(document.title.split())
        if not document.excluded and (document.title or "".join(document.text).strip()):
            found.append(document)
    return found


def build_index(
    pages: list[tuple[str, str, str]],
    terms: Terms,
    settings: dict[str, Any],
    stop: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Return the index of ``pages`` (``(section id, title, body)``, in order).

    ``settings`` go into the index as they are, for the browser (the language, its
    rules, the search groups, the section showing the op-ed). ``docs`` lists each
    document as ``[page, anchor, title, number of terms]``; ``terms`` maps each term to
    the documents holding it, in order, a document once for each time it holds the
    term (what ranking needs: how often, in how long a text).
    """
    docs: list[list[Any]] = []
    postings: dict[str, list[int]] = {}
    for number, (section, _, body) in enumerate(pages):
        for document in page_documents(section, body):
            index = len(docs)
            text = f"{document.title} {' '.join(document.text)}"
            found = [terms.key(w) for w in words(text) if w.lower() not in stop]
            found = [term for term in found if term]
            docs.append([number, document.anchor, document.title, len(found)])
            for term in found:
                postings.setdefault(term, []).append(index)
    return {
        **settings,
        "pages": [[section, title] for section, title, _ in pages],
        "docs": docs,
        "terms": dict(sorted(postings.items())),
    }
