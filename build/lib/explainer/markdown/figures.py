"""Key figures: the numbers of the op-ed, in every language from the same value.

Syntax: a paragraph holding only ``[[figures]]``. Each figure of ``figures.yml``
renders as a term/description pair (``#figure-<id>``): the number, then what it counts
and its provenance marker. The number is written once, in the data, so it cannot
differ by language; Babel writes it in each. By kind:

- ``year``: as it is (``2021``);
- ``count``: a whole or decimal number with its unit in the right plural form (Arabic
  has six): ``2,500 soldiers``, ``2.5 million people``;
- ``percent``: ``35%``, in the language's percent pattern;
- ``amount``: a number of a ``currency`` (ISO 4217), the currency named as CLDR names
  it (``2,500 US dollars``), or with the site's ``unit`` words (``1.5 billion``);
- ``within-days`` … ``within-years``: a horizon, ``within 2 years``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from ..l10n import format_amount, format_count, format_decimal, format_percent, format_within
from ..records import Figure
from .common import add_text
from .directive import DirectiveExtension, DirectiveProcessor


class FiguresProcessor(DirectiveProcessor):
    """Replace ``[[figures]]`` with the key figures."""

    name = "figures"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append the figures as a description list."""
        figures = etree.SubElement(parent, "dl", {"class": "ex-figures"})
        for figure in self.extension.content.records.figures:
            group = etree.SubElement(
                figures, "div", {"class": "ex-figure", "id": f"figure-{figure.id}"}
            )
            self.value(etree.SubElement(group, "dt"), figure)
            label = add_text(group, "dd", figure.label[self.extension.lang])
            self.provenance.marker(label, figure.claim)

    def value(self, parent: etree.Element, figure: Figure) -> None:
        """Fill ``parent`` with the figure's number and unit, the number emphasised."""
        lang = self.extension.lang
        language = self.extension.language  # the record, with the site's own values
        unit = figure.within_unit
        if figure.kind == "year":
            phrase = str(figure.value)
        elif unit is not None:
            phrase = format_within(int(figure.value), unit, language)
        elif figure.kind == "percent":
            phrase = format_percent(figure.value, language)
        else:
            forms = (figure.unit or {}).get(lang)
            if figure.kind == "amount" and figure.currency:
                phrase = format_amount(figure.value, figure.currency, language, forms)
            else:
                phrase = format_count(figure.value, forms or {"other": "{n}"}, language)
            number = format_decimal(figure.value, language)
            before, found, after = phrase.partition(number)
            if found:  # a form without {n} ("هجومان"): the words carry the number
                parent.text = before or None
                add_text(parent, "span", number, class_="ex-figure__value")
                parent[-1].tail = after or None
                return
        add_text(parent, "span", phrase, class_="ex-figure__value")


class FiguresExtension(DirectiveExtension):
    """Register the ``[[figures]]`` directive."""

    processor = FiguresProcessor


def makeExtension(**kwargs: Any) -> FiguresExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.figures'])``."""
    return FiguresExtension(**kwargs)
