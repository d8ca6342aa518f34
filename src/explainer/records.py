"""Structured records: actors, claims, timeline events, figures and terms.

Each kind lives in one YAML file of the data directory, a list of records that carry
every language in one record (a missing translation is an error, not a gap)::

    - id: too-early                 # claims.yml
      speaker: author
      kind: argument
      paragraph: p4
      quote: {ar: "…verbatim Arabic…", en: "…the translation's words…"}
      text: {ar: "…", en: "…"}

Loading checks each record against its schema and resolves its references to the
records loaded before it (actors, then claims, then events, figures and terms).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from . import yamlfile
from .errors import ErrorList
from .l10n import PLURAL_CATEGORIES, parse_date
from .schema import (
    REQUIRED,
    Context,
    Fields,
    Invalid,
    boolean,
    identifier,
    integer,
    list_of,
    localized,
    mapping_of,
    one_of,
    parse_record,
    ref,
    text,
    word_of,
)
from .translation import Unit, record_units, source_texts

CLAIM_KINDS = ("account", "argument", "statement", "report", "inference")
EVENT_KINDS = ("announced", "decided", "negotiating", "reported", "stated", "expected")
FIGURE_KINDS = ("year", "count", "within-years")


@dataclass(frozen=True)
class Actor:
    """Someone the op-ed reports as saying or wanting something."""

    id: str
    group: str
    name: dict[str, str]
    paragraph: str | None
    line: int


@dataclass(frozen=True)
class Claim:
    """One statement of the explainer, whose it is, and the source sentence it rests on."""

    id: str
    speaker: str
    kind: str
    paragraph: str
    quote: dict[str, str]
    text: dict[str, str]
    quoted: bool
    about: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class EventDate:
    """A date as precise as the op-ed allows.

    ``anchor`` is ``calendar`` (``iso`` holds ``2021``, ``2021-12`` or ``2021-12-31``
    and ``precision`` says which), ``before`` (for months up to the time of writing),
    ``writing``, ``after`` (expected soon after) or ``within`` (``years`` after writing).
    """

    spec: str
    anchor: str
    iso: str | None = None
    precision: str | None = None
    years: int | None = None

    #: Order of anchors along the time line, for the "events are in order" check.
    ORDER = ("calendar", "before", "writing", "after", "within")

    def sort_key(self) -> tuple[int, str, int]:
        """Return a key that orders dates along the time line."""
        return (self.ORDER.index(self.anchor), self.iso or "", self.years or 0)


@dataclass(frozen=True)
class Event:
    """One entry of the timeline."""

    id: str
    date: EventDate
    kind: str
    actors: tuple[str, ...]
    claim: str
    text: dict[str, str]
    line: int


@dataclass(frozen=True)
class Written:
    """When the op-ed was written: always the explainer's inference, with its claim."""

    year: int
    claim: str


@dataclass(frozen=True)
class Figure:
    """A key figure: a number the op-ed states, with what it counts."""

    id: str
    kind: str
    value: int
    claim: str
    unit: dict[str, dict[str, str]] | None
    label: dict[str, str]
    line: int


@dataclass(frozen=True)
class Term:
    """A glossary entry: the agreed term in each language and the forms to recognise."""

    id: str
    text: dict[str, str]
    match: dict[str, tuple[str, ...]]
    paragraph: str
    note: dict[str, str]
    line: int

    def forms(self, lang: str) -> tuple[str, ...]:
        """Return every form of the term in ``lang``: the term, then its other forms."""
        return (self.text[lang], *self.match.get(lang, ()))


_WITHIN = re.compile(r"^within ([1-9][0-9]*) years?$")
_ANCHORS = {"months before writing": "before", "at writing": "writing", "after writing": "after"}


def event_date(value: Any, ctx: Context) -> EventDate:
    """Accept a calendar date (``YYYY[-MM[-DD]]``) or a date relative to the writing.

    Relative dates: ``months before writing``, ``at writing``, ``after writing``,
    ``within N years``.

    >>> event_date("2021-12", Context(())).precision
    'month'
    >>> event_date("within 2 years", Context(())).years
    2
    """
    spec = str(value).strip()
    if spec in _ANCHORS:
        return EventDate(spec, _ANCHORS[spec])
    within = _WITHIN.match(spec)
    if within:
        return EventDate(spec, "within", years=int(within.group(1)))
    if re.match(r"^\d", spec):
        try:
            _, precision = parse_date(spec)
        except ValueError as exc:
            raise Invalid(str(exc)) from None
        return EventDate(spec, "calendar", iso=spec, precision=precision)
    raise Invalid(
        f"invalid date {spec!r}: expected YYYY, YYYY-MM, YYYY-MM-DD, 'months before "
        "writing', 'at writing', 'after writing' or 'within N years'"
    )


def paragraph_ref(value: Any, ctx: Context) -> str:
    """Accept the id of a block of the op-ed that can be cited (``p1`` … or ``title``)."""
    known = ctx.ids.get("paragraph", {})
    if not isinstance(value, str):
        raise Invalid(f"expected a paragraph id such as 'p1', got {value!r}")
    if value not in known:
        raise Invalid(
            f"unknown paragraph {value!r} (the op-ed has {', '.join(known)})", rule="reference"
        )
    return str(value)


def plural_forms(value: Any, ctx: Context) -> dict[str, str]:
    """Accept a mapping from CLDR plural category to a text containing ``{n}`` or not."""
    if not isinstance(value, dict) or "other" not in value:
        raise Invalid("expected forms by plural category, including 'other'")
    unknown = sorted(set(value) - set(PLURAL_CATEGORIES))
    if unknown:
        raise Invalid(f"unknown plural category '{unknown[0]}'")
    return {category: text(form, ctx) for category, form in value.items()}


ACTOR: Fields = {
    "id": (REQUIRED, identifier),
    "group": (REQUIRED, word_of("actor_groups")),
    "name": (REQUIRED, localized),
    "paragraph": (None, paragraph_ref),
    "translated_from": ({}, mapping_of(text)),
}
CLAIM: Fields = {
    "id": (REQUIRED, identifier),
    "speaker": (REQUIRED, ref("actor")),
    "kind": (REQUIRED, one_of(*CLAIM_KINDS)),
    "about": ((), list_of(ref("actor"))),
    "paragraph": (REQUIRED, paragraph_ref),
    "quote": (REQUIRED, localized),
    "quoted": (False, boolean),
    "text": (REQUIRED, localized),
    "translated_from": ({}, mapping_of(text)),
}
EVENT: Fields = {
    "id": (REQUIRED, identifier),
    "date": (REQUIRED, event_date),
    "kind": (REQUIRED, one_of(*EVENT_KINDS)),
    "actors": (REQUIRED, list_of(ref("actor"))),
    "claim": (REQUIRED, ref("claim")),
    "text": (REQUIRED, localized),
    "translated_from": ({}, mapping_of(text)),
}
WRITTEN: Fields = {"year": (REQUIRED, integer), "claim": (REQUIRED, ref("claim"))}
FIGURE: Fields = {
    "id": (REQUIRED, identifier),
    "kind": (REQUIRED, one_of(*FIGURE_KINDS)),
    "value": (REQUIRED, integer),
    "claim": (REQUIRED, ref("claim")),
    "unit": (None, mapping_of(plural_forms)),
    "label": (REQUIRED, localized),
    "translated_from": ({}, mapping_of(text)),
}
TERM_FIELDS: Fields = {
    "id": (REQUIRED, identifier),
    "paragraph": (REQUIRED, paragraph_ref),
    "match": ({}, mapping_of(list_of(text))),
    "note": (REQUIRED, localized),
    "translated_from": ({}, mapping_of(text)),
}

R = TypeVar("R")


def load_list(
    items: Any,
    display: str,
    kind: str,
    fields: Fields,
    build: Callable[[dict[str, Any], int], R],
    ctx: Context,
    errors: ErrorList,
    units: list[Unit],
    line: int = 1,
) -> list[R]:
    """Parse a YAML list of ``kind`` records; register their ids in ``ctx``."""
    if not isinstance(items, yamlfile.Sequence):
        errors.add(display, line, f"expected a list of {kind} records", "schema")
        return []
    ids = ctx.ids.setdefault(kind, {})
    records = []
    for item, item_line in zip(items, items.item_lines, strict=True):
        if not isinstance(item, yamlfile.Mapping):
            errors.add(display, item_line, f"expected a {kind} record (a mapping)", "schema")
            continue
        name = f"{kind} '{item['id']}'" if isinstance(item.get("id"), str) else kind
        try:
            parsed = parse_record(item, fields, ctx)
        except Invalid as exc:
            line = item.line_of(exc.key) if exc.key else item.line
            errors.add(display, line, f"{name}: {exc}", exc.rule)
            if isinstance(item.get("id"), str):
                # known, though broken: records citing it must not report it as unknown
                ids.setdefault(item["id"], item.line)
            continue
        if parsed["id"] in ids:
            errors.add(
                display,
                item.line_of("id"),
                f"duplicate {kind} id '{parsed['id']}' (first defined at line {ids[parsed['id']]})",
                "schema.duplicate-id",
            )
            continue
        ids[parsed["id"]] = item.line
        parsed.pop("translated_from")  # read back from `item` by the translation status
        records.append(build(parsed, item.line))
        texts = source_texts(item, ctx.languages[0])
        units.extend(record_units(display, item, parsed["id"], ctx.languages[1:], texts))
    return records


def load_terms(
    items: Any, display: str, ctx: Context, errors: ErrorList, units: list[Unit]
) -> list[Term]:
    """Parse ``terms.yml``: the term itself is written under each language code."""
    fields = dict(TERM_FIELDS)
    for lang in ctx.languages:
        fields[lang] = (REQUIRED, text)

    def build(p: dict[str, Any], line: int) -> Term:
        texts = {lang: p[lang] for lang in ctx.languages}
        return Term(p["id"], texts, dict(p["match"]), p["paragraph"], p["note"], line)

    return load_list(items, display, "term", fields, build, ctx, errors, units)


@dataclass(frozen=True)
class Records:
    """Every structured record of the explainer, by kind, in file order."""

    actors: dict[str, Actor]
    claims: dict[str, Claim]
    events: list[Event]
    written: Written | None
    figures: list[Figure]
    terms: list[Term]
    files: dict[str, str]
    units: list[Unit]


#: The record files, ``<kind>.yml``, in the order they load (later ones cite earlier ones).
RECORD_KINDS = ("actors", "claims", "timeline", "figures", "terms")
#: What a record file that cannot be read loads as (its error is reported on its own).
UNREADABLE = object()


def load_records(
    data_dir: Path, display_dir: str, ctx: Context, errors: ErrorList, units: list[Unit]
) -> Records:
    """Load every record file of ``data_dir`` in dependency order.

    ``ctx`` must already know the paragraph ids; problems are added to ``errors``.
    """
    files = {kind: f"{display_dir}/{kind}.yml" for kind in RECORD_KINDS}

    def read(kind: str) -> Any:
        """Return the file's data, or ``UNREADABLE`` (its error kept)."""
        path = data_dir / f"{kind}.yml"
        return errors.collect(lambda: yamlfile.load(path, files[kind]), UNREADABLE)

    def load(
        kind: str,
        record: str,
        fields: Fields,
        build: Callable[..., R],
        items: Any = None,
        line: int = 1,
    ) -> list[R]:
        items = read(kind) if items is None else items
        if items is UNREADABLE:
            ctx.unreadable.add(record)
            return []
        return load_list(
            items,
            files[kind],
            record,
            fields,
            lambda p, at: build(line=at, **p),
            ctx,
            errors,
            units,
            line,
        )

    actors = load("actors", "actor", ACTOR, Actor)
    claims = load("claims", "claim", CLAIM, Claim)
    timeline = read("timeline")
    written = None
    events: list[Event] = []
    if timeline is UNREADABLE:
        ctx.unreadable.add("event")
    elif not isinstance(timeline, yamlfile.Mapping) or "events" not in timeline:
        errors.add(files["timeline"], 1, "expected a mapping with 'written' and 'events'", "schema")
    else:
        try:
            written = Written(**parse_record(timeline.get("written") or {}, WRITTEN, ctx))
        except Invalid as exc:
            errors.add(files["timeline"], timeline.line_of("written"), f"written: {exc}", exc.rule)
        events = load(
            "timeline", "event", EVENT, Event, timeline["events"], timeline.line_of("events")
        )
    figures = load("figures", "figure", FIGURE, Figure)
    terms_data = read("terms")
    terms = (
        []
        if terms_data is UNREADABLE
        else load_terms(terms_data, files["terms"], ctx, errors, units)
    )
    return Records(
        {a.id: a for a in actors},
        {c.id: c for c in claims},
        events,
        written,
        figures,
        terms,
        files,
        units,
    )
