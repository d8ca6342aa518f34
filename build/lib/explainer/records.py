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
records loaded before it (actors, outside context, then claims, then events, figures
and terms). The kinds a record may have are the site's (:mod:`explainer.vocabularies`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

from . import yamlfile
from .errors import ErrorList
from .l10n import PLURAL_CATEGORIES
from .schema import (
    REQUIRED,
    Context,
    Fields,
    Invalid,
    boolean,
    currency,
    https_url,
    identifier,
    iso_date,
    language_tag,
    line_of,
    list_of,
    localized,
    mapping_of,
    number,
    parse_record,
    ref,
    sub_record,
    text,
    word_of,
)
from .translation import Unit, record_units, source_texts
from .writing import EventDate, Written, event_date, parse_written

#: The claim kind of this explainer's own inferences: the only claims that may rest on
#: outside context, and the kind the inferred date of writing must have.
INFERENCE = "inference"


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
    context: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class ContextSource:
    """Where a fact from outside the op-ed was published: a title, an address, a date."""

    title: str
    url: str | None
    date: str | None
    #: the language the title is written in (marked on it), when known
    lang: str | None = None


@dataclass(frozen=True)
class ContextRecord:
    """A fact from outside the op-ed that an inference rests on, with its source."""

    id: str
    text: dict[str, str]
    source: ContextSource
    line: int


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
class Figure:
    """A key figure: a number the op-ed states, with what it counts.

    ``value`` is a whole number, or a :class:`~decimal.Decimal` written as the op-ed
    writes it (``2.5``); an ``amount`` has its ``currency`` (ISO 4217).
    """

    id: str
    kind: str
    value: int | Decimal
    claim: str
    unit: dict[str, dict[str, str]] | None
    currency: str | None
    label: dict[str, str]
    line: int

    @property
    def within_unit(self) -> str | None:
        """Return the unit of a ``within-<unit>s`` figure (``year``), else ``None``."""
        return self.kind[len("within-") : -1] if self.kind.startswith("within-") else None


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
CONTEXT_SOURCE: Fields = {
    "title": (REQUIRED, text),
    "url": (None, https_url),
    "date": (None, iso_date),
    "lang": (None, language_tag),  # the title's language, when not the page's
}
CONTEXT: Fields = {
    "id": (REQUIRED, identifier),
    "text": (REQUIRED, localized),
    "source": (REQUIRED, sub_record(CONTEXT_SOURCE)),
    "translated_from": ({}, mapping_of(text)),
}
CLAIM: Fields = {
    "id": (REQUIRED, identifier),
    "speaker": (REQUIRED, ref("actor")),
    "kind": (REQUIRED, word_of("claim_kinds")),
    "about": ((), list_of(ref("actor"))),
    "paragraph": (REQUIRED, paragraph_ref),
    "quote": (REQUIRED, localized),
    "quoted": (False, boolean),
    "text": (REQUIRED, localized),
    "context": ((), list_of(ref("context"))),
    "translated_from": ({}, mapping_of(text)),
}
EVENT: Fields = {
    "id": (REQUIRED, identifier),
    "date": (REQUIRED, event_date),
    "kind": (REQUIRED, word_of("event_kinds")),
    "actors": (REQUIRED, list_of(ref("actor"))),
    "claim": (REQUIRED, ref("claim")),
    "text": (REQUIRED, localized),
    "translated_from": ({}, mapping_of(text)),
}
FIGURE: Fields = {
    "id": (REQUIRED, identifier),
    "kind": (REQUIRED, word_of("figure_kinds")),
    "value": (REQUIRED, number),
    "currency": (None, currency),
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


def check_claim(p: dict[str, Any], ctx: Context) -> None:
    """Refuse outside context on a claim that is not this explainer's inference."""
    if p["context"] and p["kind"] != INFERENCE:
        raise Invalid(
            f"'context': only an inference (kind: {INFERENCE}) may rest on outside context; "
            f"a claim of kind '{p['kind']}' rests on the op-ed alone",
            "context",
        )


#: Figure kinds written with a unit around the number (others are written alone).
UNIT_KINDS = ("count", "amount")


def check_figure(p: dict[str, Any], ctx: Context) -> None:
    """Refuse a value, currency or unit that the figure's kind cannot have."""
    kind, value = p["kind"], p["value"]
    if (kind == "year" or kind.startswith("within-")) and not isinstance(value, int):
        raise Invalid(f"'value': a '{kind}' figure is a whole number, got {value}", "value")
    if kind.startswith("within-") and value < 1:
        raise Invalid(f"'value': a '{kind}' figure is at least 1, got {value}", "value")
    if kind in UNIT_KINDS and value < 0:
        raise Invalid(f"'value': a '{kind}' figure cannot be negative, got {value}", "value")
    if kind == "amount" and p["currency"] is None:
        raise Invalid("missing required field 'currency' (an amount's ISO 4217 code, such as USD)")
    if kind != "amount" and p["currency"] is not None:
        raise Invalid(
            f"'currency': only an 'amount' figure has a currency, not a '{kind}'", "currency"
        )
    if kind not in UNIT_KINDS and p["unit"] is not None:
        raise Invalid(
            f"'unit': only {' and '.join(UNIT_KINDS)} figures have a unit, not a '{kind}'",
            "unit",
        )


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
    check: Callable[[dict[str, Any], Context], None] | None = None,
) -> list[R]:
    """Parse a YAML list of ``kind`` records; register their ids in ``ctx``.

    ``check`` sees each parsed record and raises :class:`Invalid` for what its fields
    cannot say one by one (a value its kind cannot have).
    """
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
            if check:
                check(parsed, ctx)
        except Invalid as exc:
            errors.add(display, line_of(item, exc.path, item.line), f"{name}: {exc}", exc.rule)
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
    context: dict[str, ContextRecord]
    claims: dict[str, Claim]
    events: list[Event]
    written: Written | None
    figures: list[Figure]
    terms: list[Term]
    files: dict[str, str]
    units: list[Unit]

    def context_of(self, claim_id: str) -> list[ContextRecord]:
        """Return the outside context ``claim_id`` rests on, in order.

        The inference that dates the writing also rests on the context of ``written``.
        """
        claim = self.claims[claim_id]
        ids = list(claim.context)
        if self.written is not None and self.written.claim == claim_id:
            ids += self.written.context
        return [self.context[i] for i in dict.fromkeys(ids) if i in self.context]


#: The record files, ``<kind>.yml``, in the order they load (later ones cite earlier ones).
RECORD_KINDS = ("actors", "context", "claims", "timeline", "figures", "terms")
#: Record files a site may leave out: it then has no records of that kind.
OPTIONAL_KINDS = ("context",)
#: What a record file that cannot be read loads as (its error is reported on its own).
UNREADABLE = object()


def _context_record(line: int, source: dict[str, Any], **fields: Any) -> ContextRecord:
    return ContextRecord(source=ContextSource(**source), line=line, **fields)


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
        if kind in OPTIONAL_KINDS and not path.exists() and not path.is_symlink():
            return yamlfile.loads("[]", files[kind])
        return errors.collect(lambda: yamlfile.load(path, files[kind]), UNREADABLE)

    def load(
        kind: str,
        record: str,
        fields: Fields,
        build: Callable[..., R],
        items: Any = None,
        line: int = 1,
        check: Callable[[dict[str, Any], Context], None] | None = None,
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
            check,
        )

    actors = load("actors", "actor", ACTOR, Actor)
    context = load("context", "context", CONTEXT, _context_record)
    claims = {c.id: c for c in load("claims", "claim", CLAIM, Claim, check=check_claim)}
    timeline = read("timeline")
    written = None
    events: list[Event] = []
    if timeline is UNREADABLE:
        ctx.unreadable.add("event")
    elif not isinstance(timeline, yamlfile.Mapping) or "events" not in timeline:
        errors.add(
            files["timeline"],
            1,
            "expected a mapping with 'events' (and 'written', if known)",
            "schema",
        )
    else:
        if timeline.get("written") is not None:
            written = _written(timeline, claims, ctx, errors, files["timeline"])
        unknown = sorted(set(timeline) - {"written", "events"})
        if unknown:
            errors.add(
                files["timeline"],
                timeline.line_of(unknown[0]),
                f"unknown field '{unknown[0]}' (expected: written, events)",
                "schema",
            )
        events = load(
            "timeline", "event", EVENT, Event, timeline["events"], timeline.line_of("events")
        )
    figures = load("figures", "figure", FIGURE, Figure, check=check_figure)
    terms_data = read("terms")
    terms = (
        []
        if terms_data is UNREADABLE
        else load_terms(terms_data, files["terms"], ctx, errors, units)
    )
    return Records(
        {a.id: a for a in actors},
        {c.id: c for c in context},
        claims,
        events,
        written,
        figures,
        terms,
        files,
        units,
    )


def _written(
    timeline: yamlfile.Mapping,
    claims: dict[str, Claim],
    ctx: Context,
    errors: ErrorList,
    display: str,
) -> Written | None:
    """Return the date of writing, or ``None`` with its error added to ``errors``."""
    data = timeline["written"]
    try:
        written = parse_written(data, ctx)
        claim = claims.get(written.claim or "")
        if claim is not None and claim.kind != INFERENCE:
            raise Invalid(
                f"'claim': claim '{claim.id}' is of kind '{claim.kind}': an inferred date "
                f"rests on this explainer's inference (kind: {INFERENCE})",
                "claim",
            )
        return written
    except Invalid as exc:
        at = line_of(data, exc.path, timeline.line_of("written"))
        errors.add(display, at, f"written: {exc}", exc.rule)
        return None
