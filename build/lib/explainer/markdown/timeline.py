"""The timeline: events and expectations in order, each dated honestly.

Syntax: a paragraph holding only ``[[timeline]]``. It renders an ordered list
(``<ol class="ex-timeline">``), one item per event of ``timeline.yml`` (``#event-<id>``)
with its date, its kind, the event with its provenance marker, and the actors.

A date says what the op-ed lets it say. A calendar date is a ``<time datetime>``. A date
relative to the writing ("at the time of writing", "for months, up to the time of
writing", "within two years of it") is shown against ``written:`` when the timeline has
one: the source's publication date, plainly; or an inferred year or range, labelled
as this explainer's inference with the marker of the claim that explains it. Without
``written:`` it says "the time of writing" and claims no year. Only a date HTML can
state gets ``<time>`` (the publication date, an inferred year); a range or a span
("within two years": durations stop at weeks, and P2Y is not one) is a ``<span>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from ..l10n import format_date, format_list, format_within
from ..records import Event
from ..writing import EventDate, Written
from .common import add_text
from .directive import DirectiveExtension, DirectiveProcessor


class TimelineProcessor(DirectiveProcessor):
    """Replace ``[[timeline]]`` with the ordered list of events."""

    name = "timeline"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append the timeline."""
        ext = self.extension
        timeline = etree.SubElement(parent, "ol", {"class": "ex-timeline"})
        for event in ext.content.records.events:
            self.event(timeline, event)

    def event(self, parent: etree.Element, event: Event) -> None:
        """Append one event: when, what kind, what, who."""
        ext = self.extension
        lang = ext.lang
        content = ext.content
        records = content.records
        item = etree.SubElement(
            parent, "li", {"class": f"ex-event ex-event--{event.kind}", "id": f"event-{event.id}"}
        )
        when = etree.SubElement(item, "p", {"class": "ex-event__when"})
        self.date(when, event.date)
        kind = content.vocabularies.label("event_kinds", event.kind, ext.language)
        add_text(when, "span", kind, class_="ex-kind")
        text = add_text(item, "p", event.text[lang], class_="ex-event__text")
        self.provenance.marker(text, event.claim)
        actors = etree.SubElement(item, "p", {"class": "ex-event__actors"})
        add_text(actors, "span", ext.t("actors"), class_="ex-event__label")
        actors[-1].tail = " "
        names = [records.actors[a].name[lang] for a in event.actors]
        add_text(actors, "span", format_list(names, ext.language))

    def date(self, parent: etree.Element, date: EventDate) -> None:
        """Append the event's date, as precise as the op-ed allows and no more."""
        ext = self.extension
        written = ext.content.records.written
        if date.anchor == "calendar" and date.iso:
            add_text(
                parent,
                "time",
                format_date(date.iso, ext.language),
                datetime=date.iso,
                class_="ex-date",
            )
        elif date.anchor == "within" and date.amount and date.unit:
            phrase = ext.t(
                "figure_within", phrase=format_within(date.amount, date.unit, ext.language)
            )
            add_text(parent, "span", phrase[:1].upper() + phrase[1:], class_="ex-date")
        else:
            # Months keep the key they always had; the other units were added beside it.
            key = "date_before" if date.unit in (None, "month") else f"date_before_{date.unit}s"
            label = ext.t(key if date.anchor == "before" else f"date_{date.anchor}")
            if date.anchor == "writing" and written is not None and written.start == written.end:
                add_text(parent, "time", label, datetime=written.start, class_="ex-date")
            else:
                add_text(parent, "span", label, class_="ex-date")
            if written is not None:
                parent[-1].tail = " "
                self.written(parent, written)
        parent[-1].tail = " "

    def written(self, parent: etree.Element, written: Written) -> None:
        """Append when the op-ed was written: its own date, or this explainer's inference."""
        ext = self.extension
        if not written.inferred:
            note = ext.t("date_published", date=format_date(written.start, ext.language))
            add_text(parent, "span", note, class_="ex-date__published")
            return
        if written.form == "year":
            note = ext.t("date_inferred", year=format_date(written.start, ext.language))
        else:
            start, end = (
                format_date(written.start, ext.language),
                format_date(written.end, ext.language),
            )
            note = ext.t("date_inferred_range", start=start, end=end)
        element = add_text(parent, "span", note, class_="ex-date__inferred")
        assert written.claim is not None  # an inferred date always has its claim
        self.provenance.marker(element, written.claim)


class TimelineExtension(DirectiveExtension):
    """Register the ``[[timeline]]`` directive."""

    processor = TimelineProcessor


def makeExtension(**kwargs: Any) -> TimelineExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.timeline'])``."""
    return TimelineExtension(**kwargs)
