"""The timeline: events and expectations in order, each dated honestly.

Syntax: a paragraph holding only ``[[timeline]]``. It renders an ordered list
(``<ol class="ex-timeline">``), one item per event of ``timeline.yml`` (``#event-<id>``)
with its date (``<time datetime>`` where the date can be stated: ``2021``, the inferred
year of writing; a ``<span>`` where HTML has no valid value for it, as for "within two
years"), its kind, the event with its provenance marker, and the actors. Dates that
rest on the inferred year of writing say so and carry the marker of the inference.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from ..l10n import format_date, format_list, format_within_years
from ..records import Event
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
        records = ext.content.records
        item = etree.SubElement(
            parent, "li", {"class": f"ex-event ex-event--{event.kind}", "id": f"event-{event.id}"}
        )
        when = etree.SubElement(item, "p", {"class": "ex-event__when"})
        self.date(when, event)
        add_text(when, "span", ext.t(f"event_{event.kind}"), class_="ex-kind")
        text = add_text(item, "p", event.text[lang], class_="ex-event__text")
        self.provenance.marker(text, event.claim)
        actors = etree.SubElement(item, "p", {"class": "ex-event__actors"})
        add_text(actors, "span", ext.t("actors"), class_="ex-event__label")
        actors[-1].tail = " "
        names = [records.actors[a].name[lang] for a in event.actors]
        add_text(actors, "span", format_list(names, ext.language))

    def date(self, parent: etree.Element, event: Event) -> None:
        """Append the event's date, as precise as the op-ed allows and no more."""
        ext = self.extension
        date = event.date
        written = ext.content.records.written
        if date.anchor == "calendar" and date.iso:
            add_text(
                parent,
                "time",
                format_date(date.iso, ext.language),
                datetime=date.iso,
                class_="ex-date",
            )
        elif date.anchor == "within" and date.years:
            # A span of years has no valid HTML datetime (durations stop at weeks, and
            # P2Y is not one), and <time> without it must hold a date: so a <span>.
            phrase = ext.t("figure_within", phrase=format_within_years(date.years, ext.language))
            add_text(parent, "span", phrase[:1].upper() + phrase[1:], class_="ex-date")
        else:
            label = ext.t(f"date_{date.anchor}")
            if date.anchor == "before" or written is None:
                add_text(parent, "span", label, class_="ex-date")
            else:
                add_text(parent, "time", label, datetime=str(written.year), class_="ex-date")
            if written is not None:
                parent[-1].tail = " "
                note = add_text(
                    parent,
                    "span",
                    ext.t("date_inferred", year=written.year),
                    class_="ex-date__inferred",
                )
                self.provenance.marker(note, written.claim)
        parent[-1].tail = " "


class TimelineExtension(DirectiveExtension):
    """Register the ``[[timeline]]`` directive."""

    processor = TimelineProcessor


def makeExtension(**kwargs: Any) -> TimelineExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.timeline'])``."""
    return TimelineExtension(**kwargs)
