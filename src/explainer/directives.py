"""The directives a page places records with, each declared once.

A directive is a paragraph of its own, ``[[timeline]]`` or ``[[claims id …]]``. Each is
declared here with what it takes, the data files whose records it shows, the anchors
it adds to its page and the places of the op-ed it cites. The checks (arguments,
links to its anchors), the "cited in" lists of the original text and the pages' edit
links all read these declarations; the Markdown extension named like the directive
(``explainer.timeline``) renders it.

>>> DIRECTIVES["claims"].ids, DIRECTIVES["timeline"].data_files
(True, ('timeline.yml',))
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .content import Content

#: One place a directive cites: (the block of the op-ed, the anchor on the page, a label)
Citation = tuple[str, str, str]


@dataclass(frozen=True)
class Directive:
    """What one directive takes, shows, anchors and cites."""

    name: str
    #: whether it takes one or more record ids (``[[claims a b]]``) or nothing
    ids: bool
    #: the data files whose records it shows (for the "edit the records" links)
    data_files: tuple[str, ...]
    #: the anchors it adds to its page, given the content and its ids
    anchors: Callable[[Content, list[str]], list[str]]
    #: the places of the op-ed it cites, given the content, its ids and the language
    cites: Callable[[Content, list[str], str], Iterator[Citation]]


def _claims(content: Content, ids: list[str], lang: str) -> Iterator[Citation]:
    records = content.records
    for cid in ids:
        if cid in records.claims:
            claim = records.claims[cid]
            speaker = records.actors[claim.speaker].name[lang]
            yield claim.paragraph, f"claim-{cid}", speaker


def _timeline(content: Content, ids: list[str], lang: str) -> Iterator[Citation]:
    records = content.records
    for event in records.events:
        yield records.claims[event.claim].paragraph, f"event-{event.id}", event.text[lang]


def _positions(content: Content, ids: list[str], lang: str) -> Iterator[Citation]:
    records = content.records
    for claim in records.claims.values():
        for actor in (claim.speaker, *claim.about):
            if records.actors[actor].group != "explainer":
                yield claim.paragraph, f"actor-{actor}", records.actors[actor].name[lang]


def _figures(content: Content, ids: list[str], lang: str) -> Iterator[Citation]:
    records = content.records
    for figure in records.figures:
        yield records.claims[figure.claim].paragraph, f"figure-{figure.id}", figure.label[lang]


def _terms(content: Content, ids: list[str], lang: str) -> Iterator[Citation]:
    for term in content.records.terms:
        yield term.paragraph, f"term-{term.id}", term.text[lang]


def _nothing(content: Content, ids: list[str], lang: str) -> Iterator[Citation]:
    return iter(())


DIRECTIVES: dict[str, Directive] = {
    d.name: d
    for d in (
        Directive(
            "source",
            ids=False,
            data_files=("source.yml",),
            anchors=lambda c, ids: ["title", *c.source.paragraphs],
            cites=_nothing,  # it is what the others cite
        ),
        Directive(
            "timeline",
            ids=False,
            data_files=("timeline.yml",),
            anchors=lambda c, ids: [f"event-{e.id}" for e in c.records.events],
            cites=_timeline,
        ),
        Directive(
            "positions",
            ids=False,
            data_files=("actors.yml", "claims.yml"),
            anchors=lambda c, ids: [f"actor-{a}" for a in c.records.actors],
            cites=_positions,
        ),
        Directive(
            "figures",
            ids=False,
            data_files=("figures.yml",),
            anchors=lambda c, ids: [f"figure-{f.id}" for f in c.records.figures],
            cites=_figures,
        ),
        Directive(
            "terms",
            ids=False,
            data_files=("terms.yml",),
            anchors=lambda c, ids: [f"term-{t.id}" for t in c.records.terms],
            cites=_terms,
        ),
        Directive(
            "claims",
            ids=True,
            data_files=("claims.yml",),
            anchors=lambda c, ids: [f"claim-{i}" for i in ids],
            cites=_claims,
        ),
        Directive(
            "offline",
            ids=False,
            data_files=(),  # it shows files the bundle writes, not records
            anchors=lambda c, ids: [],
            cites=_nothing,
        ),
    )
}
