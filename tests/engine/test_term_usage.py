"""The text index finds every text that uses a term, as the rule ``fidelity.term-usage`` sees use.

``fidelity.TermUsage`` tries each term only on the texts the index returns; a text the
index missed would be a use of a term left unchecked. These tests hold the index to
the rule's own test (``fidelity._uses``) on texts made to trip it, and on the site.
"""

from __future__ import annotations

import random

from conftest import ROOT
from explainer.content import load_content
from explainer.fidelity import _terms_of, _uses
from explainer.search import Rules
from explainer.term_usage import TextIndex

ARABIC = Rules((("ة", "ه"), ("أ", "ا"), ("إ", "ا")), stems_arabic=True)
WORDS = [
    "الانسحاب", "وانسحابها", "انسحاب", "الحكومة", "حكومتها", "الحكومات", "داعش", "بداعش",
    "عصابات", "ISIS", "isis", "CRISIS", "crisis", "Iraq", "IRAQI", "dams", "dam", "the",
    "(نسخة", "7)", "17", "«داعش»", "ترتيب", "أمني", "ثنائي",
]  # fmt: skip
FORMS = [
    "الانسحاب", "الحكومة", "داعش", "عصابات داعش", "ISIS", "iraq", "dam", "(نسخة 7) داعش",
    "ترتيب أمني ثنائي", "«داعش»", "7", "ـ", "x-y", "sis-da",
]  # fmt: skip


def missed(texts: list[str], forms: list[str], rules: Rules | None) -> list[tuple[str, str]]:
    """Return (form, text) for every use of a form that the index does not return."""
    index = TextIndex(texts, (lambda t: _terms_of(t, rules)) if rules else None)
    found = []
    for form in forms:
        candidates = index.candidates([form])
        found += [
            (form, text)
            for i, text in enumerate(texts)
            if _uses(text, (form,), rules) and i not in candidates
        ]
    return found


def test_every_use_of_a_made_up_form_is_found() -> None:
    rng = random.Random(7)
    separators = [" ", " ", "، ", ". ", "-", "«", "»"]
    # as written, not as search sees it: "sis-da" ends one word and starts the next
    texts = ["CRISIS-dams"] + [
        "".join(rng.choice(WORDS) + rng.choice(separators) for _ in range(rng.randint(1, 8)))
        for _ in range(600)
    ]
    for rules in (ARABIC, None):
        assert not missed(texts, FORMS, rules)
    # and it leaves most texts out: the point of it
    index = TextIndex(texts, lambda t: _terms_of(t, ARABIC))
    assert len(index.candidates(["ترتيب أمني ثنائي"])) < len(texts) // 2


def test_every_use_of_a_term_of_the_site_is_found() -> None:
    content = load_content(ROOT / "docs/data")
    source = content.source
    rules = content.search_rules[source.language]
    texts = [block[source.language] for block in (*source.head, *source.body)]
    texts += [claim.quote[source.language] for claim in content.records.claims.values()]
    forms = [form for term in content.records.terms for form in term.forms(source.language)]
    assert not missed(texts, forms, rules)
    assert not missed(texts, forms, None)
