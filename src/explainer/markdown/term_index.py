"""Which glossary terms a page may hold, found from its words instead of a walk per term.

:class:`~explainer.markdown.terms.TermLinks` links the first use of each term's forms on
a page. Walking the page once per form costs pages × terms: quadratic as a site grows.
A form can only match where its words stand in a row in one text of the page, so the
page's words and pairs of neighbouring words are gathered once (:func:`page_keys`), and
only the forms whose words are all there (:meth:`TermIndex.candidates`) are looked for.
The look is the same as before, so the page is linked exactly as it was.

>>> from xml.etree.ElementTree import fromstring
>>> keys = page_keys(fromstring("<p>The SMALL dams <b>and</b> the river</p>"))
>>> ("small", "dams") in keys, ("dams", "and") in keys, "river" in keys
(True, False, True)
>>> form_keys("Small dams"), form_keys("Überblick"), form_keys("«»")
((('small', 'dams'),), None, None)
"""

from __future__ import annotations

import re
import weakref
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass

from ..content import Content
from ..records import Term

_WORD = re.compile(r"\w+")
#: The one-letter Arabic proclitics a term may follow (``والسدود``): see term_pattern.
PROCLITICS = "وفبلك"
#: The characters other than ASCII letters that Python's case-insensitive matching takes
#: for one (tests/engine/test_term_index.py holds Python to it).
_LIKE_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})

#: A key: a word, or two words standing next to each other in one text.
Key = str | tuple[str, str]


def fold(word: str) -> str:
    """Return ``word`` as case-insensitive matching sees ASCII letters: one way.

    >>> fold("DAMS"), fold("D\u0131MS"), fold("السدود")
    ('dams', 'dims', 'السدود')
    """
    return word.translate(_LIKE_ASCII).lower()


def form_keys(form: str) -> tuple[Key, ...] | None:
    """Return what a page must hold for ``form`` to match in it, or ``None`` if unknown.

    A form of one word needs the word; of several, each pair of neighbours. ``None``
    for a form without a word, or with a cased letter beyond ASCII, whose case-blind
    matches folding cannot tell: such a form is always looked for.
    """
    words = _WORD.findall(form)
    if not words or any(not c.isascii() and c.lower() + c.upper() != c + c for c in form):
        return None
    folded = [fold(w) for w in words]
    if len(folded) == 1:
        return (folded[0],)
    return tuple(zip(folded, folded[1:], strict=False))


def _texts(root: etree.Element) -> Iterator[str]:
    for element in root.iter():
        if element.text:
            yield element.text
        if element.tail and element is not root:
            yield element.tail


def page_keys(root: etree.Element) -> set[Key]:
    """Return the words of every text under ``root``, and each pair of neighbours.

    A word after a proclitic counts with and without it, and so does the proclitic on
    its own, last in its text: linking a term behind one leaves the proclitic as the end
    of a text (``و`` of ``والسدود``), where a form may then end.
    """
    keys: set[Key] = set()
    for text in _texts(root):
        previous: list[str] = []
        for word in _WORD.findall(text):
            folded = fold(word)
            current = [folded]
            if folded[0] in PROCLITICS and len(folded) > 1:
                current.append(folded[1:])
                keys.add(folded[0])
                keys.update((p, folded[0]) for p in previous)
            keys.update(current)
            keys.update((p, c) for p in previous for c in current)
            previous = current
    return keys


@dataclass(frozen=True)
class Form:
    """One form of a term, as the page links it."""

    text: str
    term: Term
    pattern: re.Pattern[str]
    keys: tuple[Key, ...] | None


class TermIndex:
    """Every form of every term in one language, longest first, by what it needs."""

    def __init__(self, forms: list[Form]) -> None:
        self.forms = forms
        self.always = [i for i, form in enumerate(forms) if form.keys is None]
        self.by_key: dict[Key, list[int]] = {}
        for i, form in enumerate(forms):
            if form.keys is not None:  # one key is enough to find it; the rest are checked
                self.by_key.setdefault(form.keys[-1], []).append(i)

    def candidates(self, keys: set[Key]) -> list[Form]:
        """Return the forms a page holding ``keys`` may match, in the index's order."""
        found = set(self.always)
        for key in keys:
            found.update(self.by_key.get(key, ()))
        forms = (self.forms[i] for i in sorted(found))
        return [f for f in forms if f.keys is None or all(k in keys for k in f.keys)]


_indexes: weakref.WeakKeyDictionary[Content, dict[str, TermIndex]] = weakref.WeakKeyDictionary()


def term_pattern(form: str) -> re.Pattern[str]:
    """Return a pattern finding ``form`` as a whole word, after an optional proclitic.

    >>> bool(term_pattern("ضفة النهر").search("وضفة النهر")), bool(
    ...     term_pattern("river").search("riverside"))
    (True, False)
    """
    proclitic = f"[{PROCLITICS}]?" if re.match("[\u0600-\u06ff]", form) else ""
    return re.compile(rf"(?<!\w){proclitic}({re.escape(form)})(?!\w)", re.IGNORECASE)


def term_index(content: Content, lang: str) -> TermIndex:
    """Return the index of ``content``'s terms in ``lang``, made once per content."""
    by_lang = _indexes.setdefault(content, {})
    if lang not in by_lang:
        forms = sorted(
            ((form, term) for term in content.records.terms for form in term.forms(lang)),
            key=lambda ft: -len(ft[0]),
        )
        by_lang[lang] = TermIndex(
            [Form(form, term, term_pattern(form), form_keys(form)) for form, term in forms]
        )
    return by_lang[lang]
