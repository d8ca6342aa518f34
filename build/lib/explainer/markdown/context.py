"""Outside context: facts from beyond the op-ed, shown as such, each with its source.

An inference of this explainer (a claim of kind ``inference``) may rest on records of
``context.yml``; wherever the inference is shown (its card, its entry in the page's
sources) they follow it in an ``<aside class="ex-context">`` labelled as outside the
op-ed, each with a link to where it was published. A link is not a request: nothing
is loaded from the other site, and the reader decides whether to follow it.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from ..l10n import format_date
from ..records import ContextRecord
from .common import ExplainerExtension, add_text, direction

#: A link away from the site: no referrer is sent, and the new page cannot reach back.
LINK_REL = "external noopener noreferrer"


def render_context(
    parent: etree.Element, records: list[ContextRecord], ext: ExplainerExtension
) -> etree.Element | None:
    """Append the outside context ``records`` to ``parent``; return the aside, if any."""
    if not records:
        return None
    lang = ext.lang
    aside = etree.SubElement(parent, "aside", {"class": "ex-context"})
    add_text(aside, "p", ext.t("context_label"), class_="ex-context__label")
    items = etree.SubElement(aside, "ul")
    for record in records:
        item = etree.SubElement(items, "li", {"class": "ex-context__item"})
        add_text(item, "p", record.text[lang], class_="ex-context__text")
        cite = etree.SubElement(item, "p", {"class": "ex-context__source"})
        add_text(cite, "span", ext.t("context_source"))
        cite[-1].tail = " "
        source = record.source
        # a title in another language is marked as such (lang, dir): read and isolated right
        marks = {"lang": source.lang, "dir": direction(source.lang)} if source.lang else {}
        if source.url:
            attrs = {"href": source.url, "rel": LINK_REL, "class": "ex-context__link", **marks}
            title = add_text(cite, "a", source.title, attrs)
        else:
            title = add_text(cite, "cite", source.title, marks)
        if source.date:
            title.tail = " ("
            date = format_date(source.date, ext.language)
            add_text(cite, "time", date, datetime=source.date).tail = ")"
    return aside
