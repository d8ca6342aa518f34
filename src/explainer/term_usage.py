"""Which texts may use a glossary term: an index, so a term is not tried on every text.

The fidelity rule ``fidelity.term-usage`` asks, of every block of the op-ed and every
claim's quotation, whether it uses each term in the source language
(:func:`explainer.fidelity.check_term_usage`): terms × texts, which grows with the square
of an explainer's size. A text uses a form (``fidelity._uses``) when it holds the form
as written, case aside, or the form's search terms in a row, each the start of the
text's. Either way the text holds certain words, which :class:`TextIndex` looks up:

- as written: each word of the form (a run of letters and digits) is a word of the
  text, or, at the form's edges, the end or start of one, or, for a form of one word,
  part of one;
- as search sees words: each search term of the form starts a search term of the text.

:meth:`TextIndex.candidates` returns the texts that hold them; the rule then checks
those texts as before, so it finds exactly what it found.

>>> index = TextIndex(["The DAMS held", "John Adams", "The river"], None)
>>> sorted(index.candidates(["dams"])), sorted(index.candidates(["river"]))
([0, 1], [2])
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterable

_WORD = re.compile(r"\w+")


class _Words:
    """Words and the texts holding them: by the word, its start, its end or any part."""

    def __init__(self) -> None:
        self.texts: dict[str, set[int]] = {}

    def add(self, word: str, text: int) -> None:
        self.texts.setdefault(word, set()).add(text)

    def freeze(self) -> None:
        self.sorted = sorted(self.texts)
        self.reversed = sorted(word[::-1] for word in self.texts)
        self.joined = "\n".join(self.sorted) + "\n"

    def exact(self, word: str) -> set[int]:
        return self.texts.get(word, set())

    def starting(self, start: str) -> set[int]:
        return self._union(_prefixed(self.sorted, start))

    def ending(self, end: str) -> set[int]:
        return self._union(word[::-1] for word in _prefixed(self.reversed, end[::-1]))

    def holding(self, part: str) -> set[int]:
        found, at = [], self.joined.find(part)
        while at >= 0:  # each word holding it, once (words are one to a line)
            line_start = self.joined.rfind("\n", 0, at) + 1
            line_end = self.joined.index("\n", at)
            found.append(self.joined[line_start:line_end])
            at = self.joined.find(part, line_end)
        return self._union(found)

    def _union(self, words: Iterable[str]) -> set[int]:
        found: set[int] = set()
        for word in words:
            found |= self.texts[word]
        return found


def _prefixed(ordered: list[str], start: str) -> list[str]:
    """Return the words of ``ordered`` (sorted) that start with ``start``."""
    first = bisect.bisect_left(ordered, start)
    last = first
    while last < len(ordered) and ordered[last].startswith(start):
        last += 1
    return ordered[first:last]


class TextIndex:
    """The words of some texts, as written (case aside) and as search sees them.

    ``terms_of(text)`` returns a text's search terms, as the rule compares them; without
    it, only texts that hold a form as written are found (as the rule does without rules).
    """

    def __init__(self, texts: list[str], terms_of: Callable[[str], tuple[str, ...]] | None) -> None:
        self.count = len(texts)
        self.terms_of = terms_of
        self.written, self.searched = _Words(), _Words()
        for i, text in enumerate(texts):
            for word in _WORD.findall(text.casefold()):
                self.written.add(word, i)
            for term in terms_of(text) if terms_of else ():
                self.searched.add(term, i)
        self.written.freeze()
        self.searched.freeze()

    def candidates(self, forms: Iterable[str]) -> set[int]:
        """Return the texts that may use one of ``forms``: every text that does, and few more."""
        found: set[int] = set()
        for form in forms:
            found |= self._as_written(form)
            if self.terms_of:
                found |= self._as_searched(self.terms_of(form))
        return found

    def _as_written(self, form: str) -> set[int]:
        folded = form.casefold()
        words = list(_WORD.finditer(folded))
        if not words:
            return set(range(self.count))
        found: set[int] | None = None
        for word in words:  # the letters beside a word of the form are beside it in the text
            text = word.group()
            closed_before, closed_after = word.start() > 0, word.end() < len(folded)
            if closed_before and closed_after:
                texts = self.written.exact(text)
            elif closed_after:
                texts = self.written.ending(text)
            elif closed_before:
                texts = self.written.starting(text)
            else:
                texts = self.written.holding(text)
            found = texts if found is None else found & texts
            if not found:
                break
        return found or set()

    def _as_searched(self, wanted: tuple[str, ...]) -> set[int]:
        found: set[int] | None = None
        for term in wanted:
            texts = self.searched.starting(term)
            found = texts if found is None else found & texts
            if not found:
                break
        return found or set()
