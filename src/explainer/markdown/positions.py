"""Positions: each actor with what the op-ed says they say or want.

Syntax: a paragraph holding only ``[[positions]]``. Every actor that speaks or is
spoken of in a claim gets a section (``#actor-<id>``), in the order of
``actors.yml``, listing those claims with their provenance markers; the speaker's own
words are quoted where the op-ed quotes them.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from .claims import render_claim
from .common import add_text
from .directive import DirectiveExtension, DirectiveProcessor


class PositionsProcessor(DirectiveProcessor):
    """Replace ``[[positions]]`` with one section per actor."""

    name = "positions"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append every actor's section."""
        ext = self.extension
        records = ext.content.records
        for actor in records.actors.values():
            claims = [
                c for c in records.claims.values() if c.speaker == actor.id or actor.id in c.about
            ]
            if not claims or actor.group == "explainer":
                continue
            section = etree.SubElement(
                parent, "section", {"class": "ex-actor", "id": f"actor-{actor.id}"}
            )
            # names are written as they read mid-sentence ("the White House"); a
            # heading opens with a capital (scripts without case are unchanged)
            name = actor.name[ext.lang]
            add_text(section, "h2", name[:1].upper() + name[1:])
            for claim in claims:
                render_claim(
                    section,
                    claim,
                    ext,
                    self.provenance,
                    anchor=False,
                    speaker=claim.speaker != actor.id,
                )


class PositionsExtension(DirectiveExtension):
    """Register the ``[[positions]]`` directive."""

    processor = PositionsProcessor


def makeExtension(**kwargs: Any) -> PositionsExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.positions'])``."""
    return PositionsExtension(**kwargs)
