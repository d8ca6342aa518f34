"""Key figures: the numbers of the op-ed, in both languages from the same value.

Syntax: a paragraph holding only ``[[figures]]``. Each figure of ``figures.yml``
renders as a term/description pair (``#figure-<id>``): the number with its unit in
the right plural form (Arabic has six), then what it counts and its provenance
marker. The number is written once, in the data, so it cannot differ by language.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from ..l10n import format_count, format_number, format_within_years
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
        if figure.kind == "year":
            add_text(parent, "span", str(figure.value), class_="ex-figure__value")
            return
        if figure.kind == "within-years":
            phrase = format_within_years(figure.value, self.extension.language)
            add_text(parent, "span", phrase, class_="ex-figure__value")
            return
        forms = (figure.unit or {}).get(lang, {"other": "{n}"})
        phrase = format_count(figure.value, forms, self.extension.language)
        number = format_number(figure.value, self.extension.language)
        before, found, after = phrase.partition(number)
        if not found:  # a form without {n} ("هجومان"): the words carry the number
            add_text(parent, "span", phrase, class_="ex-figure__value")
            return
        parent.text = before or None
        add_text(parent, "span", number, class_="ex-figure__value")
        parent[-1].tail = after or None


class FiguresExtension(DirectiveExtension):
    """Register the ``[[figures]]`` directive."""

    processor = FiguresProcessor


def makeExtension(**kwargs: Any) -> FiguresExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.figures'])``."""
    return FiguresExtension(**kwargs)
