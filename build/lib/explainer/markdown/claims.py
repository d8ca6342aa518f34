"""Claims: what the op-ed says, whose claim it is, and where it says so.

Syntax: a paragraph holding only ``[[claims id …]]`` places those claims, in order::

    ## The sceptical reading

    [[claims pretext mission-incomplete]]

Each claim renders as a card: whose claim it is (its kind, from the site's
``claim_kinds``: the author's account or argument, an official's statement, a report,
this explainer's inference …, and the speaker's name unless it is the author or the
explainer, whom the kind already names), the claim in the page's language with its
provenance marker, and the speaker's own words when the op-ed quotes them. An
inference is followed by the outside context it rests on, marked as such
(:mod:`explainer.markdown.context`). The card's anchor is ``#claim-<id>``.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from ..records import Claim
from .common import ExplainerExtension, add_text, quoted
from .context import render_context
from .directive import DirectiveExtension, DirectiveProcessor
from .provenance import Provenance

#: Speakers a card does not name: the kind says whose claim it is ("the author's
#: argument", "this explainer's inference").
SELF_NAMED = ("author", "explainer")


def render_claim(
    parent: etree.Element,
    claim: Claim,
    ext: ExplainerExtension,
    provenance: Provenance,
    anchor: bool = True,
    speaker: bool = True,
) -> etree.Element:
    """Append the card of ``claim`` to ``parent`` and return it.

    ``anchor`` gives it the id ``claim-<id>`` (once per page); ``speaker`` names who
    makes the claim (the positions page already says so in its heading).
    """
    lang = ext.lang
    content = ext.content
    attrs = {"class": f"ex-claim ex-claim--{claim.kind}"}
    if anchor:
        attrs["id"] = f"claim-{claim.id}"
    card = etree.SubElement(parent, "div", attrs)
    who = etree.SubElement(card, "p", {"class": "ex-claim__who"})
    kind = content.vocabularies.label("claim_kinds", claim.kind, ext.language)
    add_text(who, "span", kind, class_="ex-kind")
    actor = content.records.actors[claim.speaker]
    if speaker and actor.group not in SELF_NAMED:
        who[-1].tail = " · "
        add_text(who, "span", actor.name[lang], class_="ex-claim__speaker")
    body = add_text(card, "p", claim.text[lang], class_="ex-claim__text")
    provenance.marker(body, claim.id)
    if claim.quoted:
        quote = etree.SubElement(card, "blockquote", {"class": "ex-claim__quote"})
        add_text(quote, "p", quoted(claim.quote[lang], ext.language))
        add_text(quote, "p", ext.t("kind_quoted"), class_="ex-claim__quoted")
    render_context(card, content.records.context_of(claim.id), ext)
    return card


class ClaimsProcessor(DirectiveProcessor):
    """Replace ``[[claims id …]]`` with the cards of those claims."""

    name = "claims"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append a list of claim cards."""
        claims = self.extension.content.records.claims
        unknown = [a for a in args if a not in claims]
        if not args or unknown:
            raise ValueError(f"[[claims]]: unknown or missing claim ids {unknown}")
        group = etree.SubElement(parent, "div", {"class": "ex-claims"})
        for claim_id in args:
            render_claim(group, claims[claim_id], self.extension, self.provenance)


class ClaimsExtension(DirectiveExtension):
    """Register the ``[[claims …]]`` directive and the provenance markers."""

    processor = ClaimsProcessor


def makeExtension(**kwargs: Any) -> ClaimsExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.claims'])``."""
    return ClaimsExtension(**kwargs)
