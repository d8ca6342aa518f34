"""Dates relative to the writing, and the date of writing itself.

An op-ed often dates things by its own time: "for months", "this year", "within two
years". A timeline event's ``date`` may say so (:func:`event_date`), and
``timeline.yml``'s ``written:`` says when the writing was, as far as anyone can say
(:func:`parse_written`)::

    written:
      between: ["2022-11", "2024-11"]   # or  published: 2024-03-15  or  year: 2024
      claim: written-range              # the inference that explains it (not for published)
      context: [candidacy]              # outside context it rests on (optional)

A publication date is the source's own: nothing dated by it is an inference. A year
or a range is this explainer's inference, and is shown as such.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .l10n import DURATION_UNITS, parse_date
from .schema import (
    Context,
    Fields,
    Invalid,
    integer,
    iso_date,
    list_of,
    parse_record,
    ref,
    valid_date,
)


@dataclass(frozen=True)
class EventDate:
    """A date as precise as the op-ed allows.

    ``anchor`` is ``calendar`` (``iso`` holds ``2021``, ``2021-12`` or ``2021-12-31``
    and ``precision`` says which), ``before`` (for some ``unit``s up to the time of
    writing), ``writing``, ``after`` (expected soon after) or ``within`` (``amount``
    ``unit``s of the time of writing); a unit is a day, week, month or year.
    """

    spec: str
    anchor: str
    iso: str | None = None
    precision: str | None = None
    amount: int | None = None
    unit: str | None = None

    #: Order of anchors along the time line, for the "events are in order" check.
    ORDER = ("calendar", "before", "writing", "after", "within")

    def sort_key(self) -> tuple[int, str, int]:
        """Return a key that orders dates along the time line.

        Before the writing, the longer process began first ("for years" before "for
        months"); after it, the nearer horizon comes first.
        """
        days = DURATION_UNITS[self.unit] * (self.amount or 1) if self.unit else 0
        length = -days if self.anchor == "before" else days
        return (self.ORDER.index(self.anchor), self.iso or "", length)


@dataclass(frozen=True)
class Written:
    """When the op-ed was written, as far as anyone can say.

    ``form`` is ``published`` (the source's own date: a fact, no inference), ``year``
    (an inferred year) or ``between`` (an inferred range). ``start`` and ``end`` are ISO
    dates (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), the same but for a range. An
    inference has the ``claim`` that explains it and may rest on ``context`` records.
    """

    form: str
    start: str
    end: str
    claim: str | None
    context: tuple[str, ...]

    @property
    def inferred(self) -> bool:
        """Return whether the date is this explainer's inference, not the source's."""
        return self.form != "published"


_UNITS = "|".join(DURATION_UNITS)
_WITHIN = re.compile(rf"^within ([1-9][0-9]*) ({_UNITS})s?$")
_BEFORE = re.compile(rf"^({_UNITS})s before writing$")
_ANCHORS = {"at writing": "writing", "after writing": "after"}
_DATE_FORMS = (
    "YYYY, YYYY-MM, YYYY-MM-DD, 'days|weeks|months|years before writing', 'at writing', "
    "'after writing' or 'within N days|weeks|months|years'"
)


def event_date(value: Any, ctx: Context) -> EventDate:
    """Accept a calendar date (``YYYY[-MM[-DD]]``) or a date relative to the writing.

    Relative dates: ``months before writing`` (for months, up to the writing; also
    ``days``, ``weeks``, ``years``), ``at writing``, ``after writing``, ``within N
    years`` (also ``days``, ``weeks``, ``months``; ``within 1 year`` in the singular).

    >>> event_date("2021-12", Context(())).precision
    'month'
    >>> event_date("within 2 years", Context(())).amount
    2
    >>> event_date("weeks before writing", Context(())).unit
    'week'
    """
    spec = " ".join(str(value).split())
    if spec in _ANCHORS:
        return EventDate(spec, _ANCHORS[spec])
    before = _BEFORE.match(spec)
    if before:
        return EventDate(spec, "before", unit=before.group(1))
    within = _WITHIN.match(spec)
    if within:
        return EventDate(spec, "within", amount=int(within.group(1)), unit=within.group(2))
    if re.match(r"^\d", spec):
        return EventDate(spec, "calendar", iso=spec, precision=valid_date(spec)[1])
    raise Invalid(f"invalid date {spec!r}: expected {_DATE_FORMS}")


def date_range(value: Any, ctx: Context) -> tuple[str, str]:
    """Accept ``[start, end]``, two dates (:func:`iso_date`), the start the earlier."""
    if not isinstance(value, list) or len(value) != 2:
        raise Invalid(
            f"expected [start, end], two dates YYYY, YYYY-MM or YYYY-MM-DD; got {value!r}"
        )
    start, end = (iso_date(item, ctx) for item in value)
    if parse_date(start)[0] >= parse_date(end)[0]:
        raise Invalid(f"the range must start before it ends, got {start} to {end}")
    return start, end


WRITTEN: Fields = {
    "published": (None, iso_date),
    "year": (None, integer),
    "between": (None, date_range),
    "claim": (None, ref("claim")),
    "context": ((), list_of(ref("context"))),
}
#: The forms a date of writing takes: the source's own date, or an inference.
WRITTEN_FORMS = ("published", "year", "between")


def parse_written(data: Any, ctx: Context) -> Written:
    """Return the date of writing of ``timeline.yml``'s ``written:`` mapping.

    Raises :class:`Invalid` (``key`` naming the field at fault) unless it has exactly
    one form, and an inferred date its claim while a publication date has none.
    """
    if not isinstance(data, dict):
        raise Invalid(f"expected a mapping with one of {', '.join(WRITTEN_FORMS)}")
    p = parse_record(data, WRITTEN, ctx)
    forms = [form for form in WRITTEN_FORMS if p[form] is not None]
    if not forms:
        raise Invalid(
            "give one of 'published' (the source's own date), 'year' or 'between' "
            "(an inferred year or range)"
        )
    if len(forms) > 1:
        raise Invalid(
            f"give only one of 'published', 'year' and 'between', not "
            f"'{forms[0]}' and '{forms[1]}'",
            forms[1],
        )
    form = forms[0]
    if form == "published":
        for key in ("claim", "context"):
            if p[key]:
                raise Invalid(
                    f"'{key}': a publication date is the source's own, not an inference: "
                    f"remove '{key}'",
                    key,
                )
    elif p["claim"] is None:
        raise Invalid(
            f"missing required field 'claim' (the inference that explains the inferred '{form}')"
        )
    if form == "year":
        if not 1 <= p["year"] <= 9999:
            raise Invalid(f"'year': expected a year between 1 and 9999, got {p['year']}", "year")
        start = end = f"{p['year']:04d}"
    elif form == "between":
        start, end = p["between"]
    else:
        start = end = p["published"]
    return Written(form, start, end, p["claim"], p["context"])
