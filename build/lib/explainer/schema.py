"""Declarative record schemas: each field is ``(default, validator)``.

A validator is a small pure function ``(value, ctx) -> parsed value`` that raises
:class:`Invalid` with a message saying what is wrong and what was expected. Loading a
list of records collects every problem as ``file:line: message`` and never stops at
the first one.

>>> fields = {"id": (REQUIRED, identifier), "year": (None, integer)}
>>> ctx = Context(languages=("ar", "en"))
>>> parse_record({"id": "x", "year": 2021}, fields, ctx)
{'id': 'x', 'year': 2021}
>>> parse_record({"year": "soon"}, fields, ctx)
Traceback (most recent call last):
...
explainer.schema.Invalid: missing required field 'id'
"""

from __future__ import annotations

import datetime
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.numbers import is_currency

from .l10n import parse_date

REQUIRED: Any = object()
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class Invalid(ValueError):
    """A value does not fit its field; ``key`` names the sub-field at fault, if any.

    ``path`` leads from the record to the value at fault, through nested mappings
    (``('source', 'url')``), so an error can name that value's line.
    """

    def __init__(
        self,
        message: str,
        key: str | None = None,
        rule: str = "schema",
        path: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.key = key
        self.rule = rule
        self.path = path or ((key,) if key else ())


@dataclass
class Context:
    """What validators may look up: the languages and the ids defined so far."""

    languages: tuple[str, ...]
    ids: dict[str, dict[str, int]] = field(default_factory=dict)
    #: kinds of record whose file could not be read: references to them are not
    #: checked, so that one missing file is one error, not one per reference
    unreadable: set[str] = field(default_factory=set)
    #: the site's vocabularies: for each, the words a record may use
    #: (:mod:`explainer.vocabularies`)
    vocabularies: dict[str, tuple[str, ...]] = field(default_factory=dict)


Validator = Callable[[Any, Context], Any]
Fields = Mapping[str, tuple[Any, Validator]]


def parse_record(data: Mapping[str, Any], fields: Fields, ctx: Context) -> dict[str, Any]:
    """Return the record's parsed fields; raise :class:`Invalid` on the first bad one.

    Unknown keys are refused: a misspelt field must not be silently ignored.
    """
    unknown = sorted(set(data) - set(fields))
    if unknown:
        raise Invalid(f"unknown field '{unknown[0]}' (expected: {', '.join(fields)})", unknown[0])
    parsed = {}
    for name, (default, validate) in fields.items():
        if name not in data or data[name] is None:
            if default is REQUIRED:
                raise Invalid(f"missing required field '{name}'")
            parsed[name] = default
            continue
        try:
            parsed[name] = validate(data[name], ctx)
        except Invalid as exc:
            raise Invalid(f"'{name}': {exc}", name, exc.rule, (name, *exc.path)) from None
    return parsed


def line_of(data: Any, path: tuple[str, ...], line: int) -> int:
    """Return the line of the value ``path`` leads to in ``data``, as near as it can.

    A mapping loaded by :mod:`explainer.yamlfile` knows its keys' lines; the walk stops
    where the path leaves such mappings, at the last line it knows (else ``line``).
    """
    for key in path:
        if not hasattr(data, "key_lines") or key not in data:
            break
        line = data.line_of(key)
        data = data[key]
    return line


def identifier(value: Any, ctx: Context) -> str:
    """Accept a lower-case, hyphenated id such as ``us-election``."""
    if not isinstance(value, str) or not _ID.match(value):
        raise Invalid(f"expected a lower-case id like 'us-election', got {value!r}")
    return value


def text(value: Any, ctx: Context) -> str:
    """Accept a non-empty string; inner whitespace (YAML folding) becomes single spaces."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid(f"expected text, got {value!r}")
    return " ".join(value.split())


def integer(value: Any, ctx: Context) -> int:
    """Accept a whole number."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise Invalid(f"expected a whole number, got {value!r}")
    return value


def boolean(value: Any, ctx: Context) -> bool:
    """Accept ``true`` or ``false``."""
    if not isinstance(value, bool):
        raise Invalid(f"expected true or false, got {value!r}")
    return value


def localized(value: Any, ctx: Context) -> dict[str, str]:
    """Accept a mapping with a text in every language of the site.

    >>> localized({"ar": "نص"}, Context(("ar", "en")))
    Traceback (most recent call last):
    ...
    explainer.schema.Invalid: has 'ar' but no 'en' (every language is required)
    """
    if not isinstance(value, Mapping):
        raise Invalid(f"expected a text per language ({', '.join(ctx.languages)})")
    have = [lang for lang in ctx.languages if lang in value]
    for lang in ctx.languages:
        if lang not in value:
            got = f"has '{have[0]}' but no '{lang}'" if have else f"no '{lang}'"
            raise Invalid(f"{got} (every language is required)")
    extra = sorted(set(value) - set(ctx.languages))
    if extra:
        raise Invalid(f"unknown language '{extra[0]}' (expected: {', '.join(ctx.languages)})")
    return {lang: text(value[lang], ctx) for lang in ctx.languages}


def one_of(*choices: str) -> Validator:
    """Return a validator accepting one of ``choices``."""

    def validate(value: Any, ctx: Context) -> str:
        if value not in choices:
            raise Invalid(f"expected one of {', '.join(choices)}, got {value!r}")
        return str(value)

    return validate


def word_of(vocabulary: str) -> Validator:
    """Return a validator accepting a word of the site's ``vocabulary``."""

    def validate(value: Any, ctx: Context) -> str:
        words = ctx.vocabularies.get(vocabulary, ())
        if value not in words:
            raise Invalid(
                f"expected one of {', '.join(words)}, got {value!r} "
                f"(a site declares its own under '{vocabulary}' in vocabularies.yml)"
            )
        return str(value)

    return validate


def ref(kind: str) -> Validator:
    """Return a validator accepting the id of an already defined ``kind`` record."""

    def validate(value: Any, ctx: Context) -> str:
        known = ctx.ids.get(kind, {})
        if not isinstance(value, str):
            raise Invalid(f"expected the id of a {kind}, got {value!r}")
        if value not in known and kind not in ctx.unreadable:
            shown = ", ".join(list(known)[:12]) + (" …" if len(known) > 12 else "")
            raise Invalid(f"unknown {kind} {value!r} (known: {shown or 'none'})", rule="reference")
        return str(value)

    return validate


def list_of(validate: Validator) -> Validator:
    """Return a validator accepting a non-empty list whose items pass ``validate``."""

    def validate_list(value: Any, ctx: Context) -> tuple[Any, ...]:
        if not isinstance(value, list) or not value:
            raise Invalid(f"expected a non-empty list, got {value!r}")
        return tuple(validate(item, ctx) for item in value)

    return validate_list


def mapping_of(validate: Validator) -> Validator:
    """Return a validator accepting a mapping from language code to ``validate``d values."""

    def validate_map(value: Any, ctx: Context) -> dict[str, Any]:
        if not isinstance(value, Mapping):
            raise Invalid("expected a mapping per language")
        unknown = sorted(set(value) - set(ctx.languages))
        if unknown:
            raise Invalid(f"unknown language '{unknown[0]}'")
        return {lang: validate(item, ctx) for lang, item in value.items()}

    return validate_map


def valid_date(spec: str) -> tuple[datetime.date, str]:
    """Return ``parse_date(spec)`` (the date and its precision), its error as :class:`Invalid`."""
    try:
        return parse_date(spec)
    except ValueError as exc:
        raise Invalid(str(exc)) from None


def iso_date(value: Any, ctx: Context) -> str:
    """Accept a date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (quoted or not); return it as text.

    >>> iso_date(datetime.date(2024, 3, 15), Context(())), iso_date(2024, Context(()))
    ('2024-03-15', '2024')
    """
    if isinstance(value, datetime.datetime):
        raise Invalid(f"expected a date without a time, got {value!r}")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise Invalid(f"expected a date YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    spec = str(value).strip()
    valid_date(spec)
    return spec


def number(value: Any, ctx: Context) -> int | Decimal:
    """Accept a whole or decimal number, as written (``2.5`` is kept to its digits).

    >>> number(2.5, Context(())), number(2500, Context(()))
    (Decimal('2.5'), 2500)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise Invalid(f"expected a number, got {value!r}")
    if isinstance(value, int):
        return value
    if not math.isfinite(value):
        raise Invalid(f"expected a number, got {value!r}")
    # str(), not Decimal(float): 2.5 read from YAML is the decimal 2.5, not its binary cousin
    return Decimal(str(value))


def language_tag(value: Any, ctx: Context) -> str:
    """Accept a language code Babel knows (``en``, ``ar``, ``pt-BR``), as written.

    >>> language_tag("en", Context(()))
    'en'
    >>> language_tag("english", Context(()))
    Traceback (most recent call last):
    ...
    explainer.schema.Invalid: expected a language code such as en or ar, got 'english'
    """
    try:
        Locale.parse(str(value).replace("-", "_"))
    except (ValueError, TypeError, UnknownLocaleError):
        raise Invalid(f"expected a language code such as en or ar, got {value!r}") from None
    return str(value)


def https_url(value: Any, ctx: Context) -> str:
    """Accept an ``https://`` address (a link readers may follow, never a resource loaded).

    >>> https_url("http://example.org/a", Context(()))
    Traceback (most recent call last):
    ...
    explainer.schema.Invalid: expected an https:// address, got 'http://example.org/a'
    """
    if isinstance(value, str):
        try:
            parts = urlsplit(value)
        except ValueError:
            parts = None
        if (
            parts is not None
            and parts.scheme == "https"
            and parts.hostname
            and not re.search(r"[\s\"'<>`\\]", value)
        ):
            return value
    raise Invalid(f"expected an https:// address, got {value!r}")


def currency(value: Any, ctx: Context) -> str:
    """Accept an ISO 4217 currency code that Babel knows (``USD``, ``EUR``, ``JPY`` …)."""
    if not isinstance(value, str) or not re.fullmatch("[A-Z]{3}", value) or not is_currency(value):
        raise Invalid(f"expected an ISO 4217 currency code such as USD or EUR, got {value!r}")
    return value


def sub_record(fields: Fields) -> Validator:
    """Return a validator accepting a mapping of ``fields`` (:func:`parse_record`)."""

    def validate(value: Any, ctx: Context) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise Invalid(f"expected a mapping with {', '.join(fields)}")
        return parse_record(value, fields, ctx)

    return validate
