"""Fidelity rules: what the site says must be what the op-ed says.

- A quotation is a verbatim substring of the paragraph it cites, in every language
  (the source text itself, or its translation).
- Figures agree: every record states the same numbers in every language, and a key
  figure (a year, a count, a percentage, an amount) is a number its cited paragraph
  states, decimals included (``2.5`` is one number, not two).
- A term is cited from a paragraph that uses it, in every language, and a text that
  uses it in the source language uses it in every translation: inflected, as the
  language's search rules see words (Arabic ``الانسحاب`` in ``وانسحابها``).
- Timeline events are in order.

>>> numbers("2500 جندي و٩٠٠ في 2021"), numbers("2,500 soldiers and 900 in 2021")
([900, 2021, 2500], [900, 2021, 2500])
>>> numbers("35% و2.5 مليون"), numbers("35 per cent and ٢٫٥ million.")
([Decimal('2.5'), 35], [Decimal('2.5'), 35])
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from decimal import Decimal

from .errors import ErrorList
from .l10n import plural_category
from .records import Records, Term
from .search import Rules, Terms
from .source import Block, Source
from .term_usage import TextIndex

_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Groups of three after a comma (2,500); a fraction after a point or the Arabic decimal
# separator U+066B (2.5, ٢٫٥). A point that ends a sentence ("in 2021.") has no digit after.
_NUMBER = re.compile(r"\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?")


def squash(text: str) -> str:
    """Return ``text`` with runs of whitespace folded to one space."""
    return " ".join(text.split())


def numbers(text: str) -> list[int | Decimal]:
    """Return the numbers written in ``text`` (any digits, any grouping), sorted.

    Whole numbers are ``int``; a number with a fraction is a :class:`~decimal.Decimal`.
    """
    digits = text.translate(_ARABIC_INDIC)
    found: list[int | Decimal] = []
    for written in _NUMBER.findall(digits):
        plain = re.sub(r"[,٬]", "", written).replace("٫", ".")
        found.append(Decimal(plain) if "." in plain else int(plain))
    return sorted(found)


def cited_block(source: Source, block_id: str) -> Block:
    """Return the block a record cites: a paragraph, or the title."""
    return source.title if block_id == "title" else source.paragraphs[block_id]


def check_fidelity(
    source: Source,
    records: Records,
    errors: ErrorList,
    rules: Mapping[str, Rules] | None = None,
) -> None:
    """Add an error for every record that is not faithful to the op-ed.

    ``rules`` are the search rules of each language, by which a term is found in a
    text however the language inflects it; without them, only as written.
    """
    rules = rules or {}
    files = records.files
    langs = source.languages
    for claim in records.claims.values():
        block = cited_block(source, claim.paragraph)
        for lang in langs:
            if squash(claim.quote[lang]) not in squash(block[lang]):
                where = "the op-ed" if lang == source.language else f"its '{lang}' translation"
                errors.add(
                    files["claims"],
                    claim.line,
                    f"claim '{claim.id}': the '{lang}' quote is not verbatim in paragraph "
                    f"{claim.paragraph} of {where}",
                    "fidelity.quote",
                )
        for name in ("quote", "text"):
            _agree(
                errors,
                files["claims"],
                claim.line,
                f"claim '{claim.id}'",
                name,
                getattr(claim, name),
            )
    for event in records.events:
        _agree(errors, files["timeline"], event.line, f"event '{event.id}'", "text", event.text)
    for context in records.context.values():
        _agree(
            errors, files["context"], context.line, f"context '{context.id}'", "text", context.text
        )
    for previous, event in zip(records.events, records.events[1:], strict=False):
        if event.date.sort_key() < previous.date.sort_key():
            errors.add(
                files["timeline"],
                event.line,
                f"event '{event.id}' ({event.date.spec}) comes before event "
                f"'{previous.id}' ({previous.date.spec}): list events in time order",
                "timeline.order",
            )
    for figure in records.figures:
        _agree(
            errors, files["figures"], figure.line, f"figure '{figure.id}'", "label", figure.label
        )
        cited = records.claims.get(figure.claim)
        # a horizon is written in words ("within two years"), not digits
        if cited and figure.within_unit is None:
            for lang in langs:
                if figure.value not in numbers(cited.quote[lang]):
                    errors.add(
                        files["figures"],
                        figure.line,
                        f"figure '{figure.id}': {figure.value} is not in the '{lang}' "
                        f"quote of claim '{cited.id}' (figures must match the source)",
                        "fidelity.figures",
                    )
        for lang, forms in (figure.unit or {}).items():
            category = plural_category(figure.value, lang)
            if category not in forms:
                errors.add(
                    files["figures"],
                    figure.line,
                    f"figure '{figure.id}': the '{lang}' unit needs the '{category}' "
                    f"form for {figure.value}",
                    "schema.plural",
                )
    usage = TermUsage(source, records, rules)
    for term in records.terms:
        block = cited_block(source, term.paragraph)
        for lang in langs:
            if not _uses(block[lang], term.forms(lang), rules.get(lang)):
                errors.add(
                    files["terms"],
                    term.line,
                    f"term '{term.id}': '{term.text[lang]}' does not occur in paragraph "
                    f"{term.paragraph} ('{lang}'); cite a paragraph that uses it",
                    "fidelity.term",
                )
        usage.check(term, errors)


class TermUsage:
    """Where the op-ed's texts use a term, their translations must use it too.

    Checked in the op-ed's translation, block by block, and in the claims' quotations
    (which are verbatim, so the translation must be consistent there too). The texts
    are indexed once (:class:`~explainer.term_usage.TextIndex`), so each term is tried
    on the few texts that may use it, not on all: the same errors, in the same order.
    """

    def __init__(
        self, source: Source, records: Records, rules: Mapping[str, Rules] | None = None
    ) -> None:
        self.source = source
        self.rules = rules or {}
        self.texts: list[tuple[str, int, str, dict[str, str]]] = [
            (source.spec, block.line, f"the translation of {block.id or block.kind}", block.text)
            for block in (*source.head, *source.body)
        ]
        self.texts += [
            (records.files["claims"], claim.line, f"claim '{claim.id}' quote", claim.quote)
            for claim in records.claims.values()
        ]
        rule = self.rules.get(source.language)
        self.index = TextIndex(
            [text[source.language] for *_, text in self.texts],
            (lambda text: _terms_of(text, rule)) if rule else None,
        )

    def check(self, term: Term, errors: ErrorList) -> None:
        """Add an error where a text uses ``term`` but its translation does not."""
        original = self.source.language
        forms = term.forms(original)
        for i in sorted(self.index.candidates(forms)):
            path, line, what, text = self.texts[i]
            if not _uses(text[original], forms, self.rules.get(original)):
                continue
            for lang in self.source.translations:
                if not _uses(text[lang], term.forms(lang), self.rules.get(lang)):
                    errors.add(
                        path,
                        line,
                        f"{what} does not use the agreed term '{term.text[lang]}' "
                        f"for '{term.text[original]}' (see term '{term.id}')",
                        "fidelity.term-usage",
                    )


def _uses(text: str, forms: tuple[str, ...], rules: Rules | None = None) -> bool:
    """Return whether ``text`` holds one of ``forms``: as written, or inflected.

    Inflected means as search sees words with ``rules``: the form's terms in a row
    in the text, each the start of the text's term (a suffix may change the last
    letter of a stem, as taa marbuta does: ``الحكومة``, ``حكومتها``).

    >>> arabic = Rules((("ة", "ه"),), stems_arabic=True)
    >>> _uses("وانسحابها من المدينة", ("الانسحاب",), arabic), _uses("ترحيل", ("الانسحاب",), arabic)
    (True, False)
    >>> _uses("حكومتها", ("الحكومة",), arabic), _uses("the dams", ("dam",))
    (True, True)
    """
    if any(form.casefold() in text.casefold() for form in forms):
        return True
    if rules is None:
        return False
    found = _terms_of(text, rules)
    for form in forms:
        wanted = _terms_of(form, rules)
        for i in range(len(found) - len(wanted) + 1) if wanted else ():
            if all(found[i + j].startswith(w) for j, w in enumerate(wanted)):
                return True
    return False


@functools.lru_cache(maxsize=4096)
def _terms_of(text: str, rules: Rules) -> tuple[str, ...]:
    return tuple(Terms(rules=rules).terms(text))


def _agree(
    errors: ErrorList, path: str, line: int, record: str, field: str, texts: dict[str, str]
) -> None:
    """Add an error when the texts of one field state different numbers across languages."""
    langs = list(texts)
    first = numbers(texts[langs[0]])
    for lang in langs[1:]:
        other = numbers(texts[lang])
        if other != first:
            show = ", ".join(map(str, first)) or "none"
            errors.add(
                path,
                line,
                f"{record}: '{field}' states the figures {show} in '{langs[0]}' but "
                f"{', '.join(map(str, other)) or 'none'} in '{lang}' (figures must "
                "agree across languages)",
                "fidelity.figures",
            )
