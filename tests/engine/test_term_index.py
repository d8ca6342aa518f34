"""The term index looks for a term on a page only where it may be, and links the same.

Term links used to walk the page once per form of every term; the index
(``explainer.markdown.term_index``) skips the forms whose words the page lacks. These
tests hold it to the walk it replaced, on pages made to trip it: case, proclitics,
forms inside forms, words split by markup.
"""

from __future__ import annotations

import copy
import random
import re
import sys
import xml.etree.ElementTree as etree

from explainer.markdown.term_index import (
    _LIKE_ASCII,
    Form,
    TermIndex,
    form_keys,
    page_keys,
    term_pattern,
)
from explainer.markdown.terms import link_first
from explainer.records import Term

WORDS = [
    "ISIS", "isis", "ıSıS", "Isis", "crisis", "gangs", "GANGS", "the", "coalition",
    "داعش", "وداعش", "عصابات", "التحالف", "والتحالف", "الدولي", "و", "ب", "Überblick",
    "überblick", "2024", "نسخة", "7",
]  # fmt: skip
FORMS = [
    "ISIS", "ISIS gangs", "the coalition", "داعش", "عصابات داعش", "التحالف الدولي",
    "Überblick", "isis و", "(نسخة 7) داعش", "«داعش»", "7",
]  # fmt: skip


def linked(root: etree.Element, forms: list[Form]) -> str:
    """Link the first use of each form's term, as TermLinks does; return the page."""
    done: set[str] = set()
    for form in forms:
        make = _maker(form.term.id)
        if form.term.id not in done and link_first(root, form.pattern, make):
            done.add(form.term.id)
    return etree.tostring(root, encoding="unicode")


def _maker(term_id: str):  # type: ignore[no-untyped-def]
    def make(text: str) -> etree.Element:
        link = etree.Element("a", {"class": "ex-term", "href": f"#{term_id}"})
        link.text = text
        return link

    return make


def random_page(rng: random.Random) -> etree.Element:
    def text() -> str:
        separators = [" ", " ", "، ", ". ", " (", ") ", "«", "»"]
        return "".join(rng.choice(WORDS) + rng.choice(separators) for _ in range(rng.randint(0, 6)))

    root = etree.Element("div")
    root.text = text()
    for _ in range(rng.randint(0, 4)):
        child = etree.SubElement(root, rng.choice(["p", "b", "code", "span"]))
        child.text, child.tail = text(), text()
    return root


def test_the_index_links_every_page_as_a_walk_per_form_did() -> None:
    rng = random.Random(13)
    forms = [
        Form(text, Term(f"t{i}", {"x": text}, {}, "p1", {"x": ""}, 1), term_pattern(text), None)
        for i, text in enumerate(sorted(FORMS, key=lambda f: -len(f)))
    ]
    index = TermIndex([Form(f.text, f.term, f.pattern, form_keys(f.text)) for f in forms])
    differences, skipped = [], 0
    # linking التحالف الدولي leaves "ISIS و": the form "isis و" is then there to link
    made = [etree.fromstring("<p>ISIS والتحالف الدولي</p>")]
    for page in made + [random_page(rng) for _ in range(800)]:
        candidates = index.candidates(page_keys(page))
        skipped += len(forms) - len(candidates)
        if linked(copy.deepcopy(page), forms) != linked(copy.deepcopy(page), candidates):
            differences.append(etree.tostring(page, encoding="unicode"))
    assert not differences
    assert skipped > 800 * len(forms) // 2  # it does skip: most forms are not on a page


def test_forms_need_their_words_in_a_row() -> None:
    assert form_keys("(نسخة 7) داعش") == (("نسخة", "7"), ("7", "داعش"))
    assert form_keys("ISIS") == ("isis",)
    assert form_keys("Überblick") is None  # a cased letter beyond ASCII: always looked for
    keys = page_keys(etree.fromstring("<p>(نسخة 7) <b>وداعش</b></p>"))
    assert ("نسخة", "7") in keys and ("7", "داعش") not in keys
    assert "داعش" in keys and "و" in keys  # behind a proclitic, with and without it


def test_python_matches_these_letters_only_as_ascii_letters_regardless_of_case() -> None:
    """A seam: Python's case-blind matching, which the index folds ahead of it."""
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    found = {chr(c) for c in range(0x80, sys.maxunicode + 1) if ascii_letter.fullmatch(chr(c))}
    assert found == {chr(c) for c in _LIKE_ASCII}
