r"""Dates, numbers, plurals and lists in the site's languages, formatted by Babel.

Every function takes the language explicitly: its code (the engine's record) or its
:class:`~explainer.languages.Record` with the site's own values (``content.language``).
Nothing here reads the system locale, so a build gives the same text on any machine.
The record chooses the Babel locale, the digits and the grouping; the invisible direction
marks Babel puts in some Arabic patterns are removed. The examples show results as
``repr``, so a stray mark would appear as ``\u200f``:

>>> format_date("2021-12-31", "ar"), format_date("2021-12", "en")
('31 ديسمبر 2021', 'December 2021')
>>> format_date("2021-12", Record("ar", locale="ar_IQ"))  # a site's own choice of locale
'كانون الأول 2021'
>>> format_count(153, {"one": "هجوم واحد", "other": "{n} هجومًا"}, "ar")
'153 هجومًا'
>>> format_number(2500, "ar"), format_number(2500, "en")
('2500', '2,500')
>>> format_within_years(2, "ar"), format_list(["Lisbon", "Porto"], "en")
('خلال سنتين', 'Lisbon and Porto')
"""

from __future__ import annotations

import calendar
import datetime
import re
from decimal import Decimal
from typing import Literal, cast

from babel import Locale
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

from .languages import Record, record

PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")

# Left-to-right, right-to-left and Arabic letter marks, and the four isolates. Babel puts
# U+200F between the parts of medium and short Arabic dates; the site's text sets its own
# direction, and marks in it break copying, searching and comparing.
_INVISIBLE = dict.fromkeys(map(ord, "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"))

# [0-9], not \d: \d also matches Arabic-Indic digits, which the sources never use in dates.
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")

#: The numbering systems a language record may choose (CLDR's names), by their zero:
#: Babel has no digit data, and every system here writes its digits in Unicode order.
DIGIT_ZERO = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0"}

# Babel counts a year as 365 days, so this many days is exactly that many years to it.
_DAYS_PER_YEAR = 365


def locale_for(lang: str | Record) -> Locale:
    """Return the Babel locale of ``lang``'s record.

    Raises ``ValueError`` for a language the engine has no record of.

    >>> str(locale_for("ar")), str(locale_for("ckb"))
    ('ar', 'ckb')
    """
    return record(lang).babel


def clean(text: str) -> str:
    r"""Return ``text`` without invisible direction marks (U+200E, U+200F, U+061C, U+2066–9).

    >>> clean("31\u200f/12\u200f/2021")
    '31/12/2021'
    """
    return text.translate(_INVISIBLE)


def parse_date(value: str) -> tuple[datetime.date, str]:
    """Return the first day of the period ``value`` names, and its precision.

    ``value`` is ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; the precision is ``"year"``,
    ``"month"`` or ``"day"``. Raises ``ValueError`` saying what is wrong with ``value``.

    >>> parse_date("2021-12")
    (datetime.date(2021, 12, 1), 'month')
    >>> parse_date("2021-13")
    Traceback (most recent call last):
    ...
    ValueError: '2021-13' is not a valid date: month must be between 01 and 12
    """
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise ValueError(f"{value!r} is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    # The messages are our own, not datetime's: they are part of the contract, and
    # datetime's wording changes between Python versions.
    year, month, day = int(year_text), int(month_text or 1), int(day_text or 1)
    if year < datetime.MINYEAR:
        raise ValueError(f"{value!r} is not a valid date: year must be between 0001 and 9999")
    if not 1 <= month <= 12:
        raise ValueError(f"{value!r} is not a valid date: month must be between 01 and 12")
    days = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days:
        raise ValueError(
            f"{value!r} is not a valid date: day is out of range for month"
            f" ({year_text}-{month:02d} has {days} days)"
        )
    precision = "day" if day_text else "month" if month_text else "year"
    return datetime.date(year, month, day), precision


def format_date(value: str, lang: str | Record) -> str:
    """Return ISO date ``value`` written out in ``lang``, to the precision it has.

    Raises ``ValueError`` for a malformed or impossible date, or an unknown language.

    >>> [format_date(v, "ar") for v in ("2021", "2021-12", "2021-12-31")]
    ['2021', 'ديسمبر 2021', '31 ديسمبر 2021']
    >>> [format_date(v, "en") for v in ("2021", "2021-12", "2021-12-31")]
    ['2021', 'December 2021', 'December 31, 2021']
    """
    date, precision = parse_date(value)
    locale = locale_for(lang)
    if precision == "day":
        text = babel_dates.format_date(date, "long", locale=locale)
    else:
        # Skeletons, not patterns: each locale orders month and year its own way.
        skeleton = "yMMMM" if precision == "month" else "y"
        text = babel_dates.format_skeleton(skeleton, date, locale=locale)
    return clean(text)


def format_number(value: int, lang: str | Record) -> str:
    """Return ``value`` in the digits and grouping of ``lang``'s record.

    ``min_grouping_digits`` is CLDR's: with 2, as Arabic prose writes numbers, a
    separator appears only from five digits on (``2500``, ``12,000``); with 1, from four.

    >>> format_number(2500, "ar"), format_number(2500, "en"), format_number(12000, "ar")
    ('2500', '2,500', '12,000')
    """
    rec = record(lang)
    grouped = len(str(abs(int(value)))) >= 3 + rec.min_grouping_digits
    # The digits are the record's choice, never CLDR's default for the locale, which
    # for some Arabic locales is Arabic-Indic while the sources print Latin figures.
    # Babel formats the symbols of a numbering system but always writes Latin digits.
    text = babel_numbers.format_decimal(
        value, locale=rec.babel, group_separator=grouped, numbering_system=rec.digits
    )
    return clean(text).translate(digit_table(rec.digits))


def digit_table(system: str) -> dict[int, str]:
    """Return the translation of Latin digits into those of numbering ``system``.

    >>> "2025".translate(digit_table("arab")), "2025".translate(digit_table("latn"))
    ('٢٠٢٥', '2025')
    """
    zero = ord(DIGIT_ZERO[system])
    return {ord("0") + d: chr(zero + d) for d in range(10)}


def plural_category(count: int | Decimal, lang: str | Record) -> str:
    """Return the CLDR plural category of ``count`` in ``lang`` (``"zero"`` … ``"other"``).

    >>> [plural_category(n, "ar") for n in (0, 1, 2, 3, 11, 100)]
    ['zero', 'one', 'two', 'few', 'many', 'other']
    >>> plural_category(1, "en"), plural_category(2, "en")
    ('one', 'other')
    """
    category: str = locale_for(lang).plural_form(count)
    return category


def format_count(count: int | Decimal, forms: dict[str, str], lang: str | Record) -> str:
    """Return the form for ``count``'s plural category, with ``{n}`` replaced by the number.

    ``forms`` maps plural categories to templates; a missing category falls back to
    ``"other"``. Raises ``ValueError`` for a key that is not a plural category, or when
    neither the category nor ``"other"`` is in ``forms``.

    >>> attacks = {"zero": "لا هجمات", "one": "هجوم واحد", "two": "هجومان",
    ...            "few": "{n} هجمات", "many": "{n} هجومًا", "other": "{n} هجوم"}
    >>> [format_count(n, attacks, "ar") for n in (0, 1, 2, 3, 153, 2500)]
    ['لا هجمات', 'هجوم واحد', 'هجومان', '3 هجمات', '153 هجومًا', '2500 هجوم']
    >>> [format_count(n, {"one": "{n} attack", "other": "{n} attacks"}, "en") for n in (1, 2500)]
    ['1 attack', '2,500 attacks']
    """
    unknown = sorted(set(forms) - set(PLURAL_CATEGORIES))
    if unknown:
        raise ValueError(
            f"unknown plural categories {unknown} in forms: expected {', '.join(PLURAL_CATEGORIES)}"
        )
    category = plural_category(count, lang)
    template = forms.get(category, forms.get("other"))
    if template is None:
        wanted = "'other'" if category == "other" else f"{category!r} or 'other'"
        raise ValueError(f"no {wanted} form for {count} in {record(lang).code!r}")
    # replace, not str.format: the templates are prose, and a brace in them is just a brace.
    return template.replace("{n}", format_decimal(count, lang))


#: The lengths of time a relative date may count in, with their length in days as Babel
#: counts them (a month is 30 days, a year 365).
DURATION_UNITS: dict[str, int] = {"day": 1, "week": 7, "month": 30, "year": _DAYS_PER_YEAR}


def format_within(amount: int, unit: str, lang: str | Record) -> str:
    """Return "within ``amount`` ``unit``s" in ``lang``; ``unit`` is day, week, month or year.

    Raises ``ValueError`` unless ``amount`` is at least 1 and ``unit`` is known.

    >>> [format_within(n, "week", "ar") for n in (1, 2, 3, 11)]
    ['خلال أسبوع واحد', 'خلال أسبوعين', 'خلال 3 أسابيع', 'خلال 11 أسبوعًا']
    >>> format_within(1, "month", "en"), format_within(12, "month", "en")
    ('within a month', 'within 12 months')
    """
    if unit not in DURATION_UNITS:
        raise ValueError(f"unknown unit {unit!r}: expected one of {', '.join(DURATION_UNITS)}")
    if amount < 1:
        raise ValueError(f"{unit}s must be at least 1, got {amount}")
    own = record(lang).within.get(unit)
    if own:  # the record's words: CLDR's are not what sources say ("in 2 years"), or absent
        return format_count(amount, dict(own), lang)
    locale = locale_for(lang)
    # Babel picks the dual and plural forms (سنتين, 3 سنوات, 11 سنة) and writes the number with
    # str(), Latin and ungrouped: the same as format_number below 10000. An infinite threshold
    # keeps the unit asked for: 12 months stay 12 months, not "a year".
    delta = datetime.timedelta(days=DURATION_UNITS[unit] * amount)
    granularity = cast(Literal["day", "week", "month", "year"], unit)
    text = babel_dates.format_timedelta(
        delta, granularity=granularity, threshold=float("inf"), add_direction=True, locale=locale
    )
    return clean(text)


def format_within_years(years: int, lang: str | Record) -> str:
    """Return "within ``years`` years" in ``lang`` (:func:`format_within` in years).

    Raises ``ValueError`` unless ``years`` is at least 1.

    >>> [format_within_years(n, "ar") for n in (1, 2, 3, 11)]
    ['خلال سنة واحدة', 'خلال سنتين', 'خلال 3 سنوات', 'خلال 11 سنة']
    >>> format_within_years(1, "en"), format_within_years(2, "en")
    ('within a year', 'within 2 years')
    """
    return format_within(years, "year", lang)


def format_decimal(value: int | Decimal, lang: str | Record) -> str:
    """Return ``value`` as :func:`format_number` writes numbers, with the decimals it has.

    The fraction keeps the digits it was written with (``2.50`` stays ``2.50``): a figure
    must read as its source writes it, not rounded.

    >>> format_decimal(Decimal("2.5"), "ar"), format_decimal(Decimal("12500.75"), "en")
    ('2.5', '12,500.75')
    >>> format_decimal(Decimal("-0.5"), "en"), format_decimal(153, "ar")
    ('-0.5', '153')
    """
    sign, digits, exponent = Decimal(value).as_tuple()
    if not isinstance(exponent, int) or exponent >= 0:
        return format_number(int(value), lang)
    locale = locale_for(lang)
    whole = format_number(int(abs(Decimal(value))), lang)
    # each fraction digit through format_number: the site's digits, whatever they are
    fraction = "".join(format_number(d, lang) for d in digits[exponent:])
    fraction = fraction.rjust(-exponent, format_number(0, lang))
    system = record(lang).digits
    symbol = babel_numbers.get_decimal_symbol(locale, numbering_system=system)
    minus = babel_numbers.get_minus_sign_symbol(locale, numbering_system=system)
    return clean(f"{minus if sign else ''}{whole}{symbol}{fraction}")


def format_percent(value: int | Decimal, lang: str | Record) -> str:
    """Return ``value`` per cent (``35`` is 35 %) in ``lang``'s percent pattern.

    >>> format_percent(35, "en"), format_percent(Decimal("2.5"), "ar")
    ('35%', '2.5%')
    """
    locale = locale_for(lang)
    pattern = babel_numbers.parse_pattern(locale.percent_formats[None].pattern)
    symbols = locale.number_symbols
    sign = (symbols.get(record(lang).digits) or symbols["latn"])["percentSign"]
    number = format_decimal(value, lang)
    return clean((pattern.prefix[0] + number + pattern.suffix[0]).replace("%", sign))


def format_amount(
    value: int | Decimal, currency: str, lang: str | Record, forms: dict[str, str] | None = None
) -> str:
    """Return an amount of ``currency`` (ISO 4217) in ``lang``, the currency named in words.

    The number is written as the site writes numbers (:func:`format_decimal`) and the
    currency named as CLDR names it for that count. ``forms`` (by plural category, with
    ``{n}``) replace the number with the source's words for it, such as a scale.
    Raises ``ValueError`` for a currency Babel does not know.

    >>> format_amount(2500, "USD", "en"), format_amount(1, "EUR", "en")
    ('2,500 US dollars', '1 euro')
    >>> format_amount(Decimal("1.5"), "USD", "en", {"other": "{n} billion"})
    '1.5 billion US dollars'
    >>> format_amount(2500, "USD", "ar")
    '2500 دولار أمريكي'
    """
    if not babel_numbers.is_currency(currency):
        raise ValueError(f"unknown currency {currency!r}: expected an ISO 4217 code such as USD")
    locale = locale_for(lang)
    number = format_count(value, forms, lang) if forms else format_decimal(value, lang)
    name = babel_numbers.get_currency_name(currency, value, locale)
    pattern = babel_numbers.get_currency_unit_pattern(currency, value, locale)
    return clean(pattern.replace("{0}", number).replace("{1}", name))


def format_list(items: list[str], lang: str | Record) -> str:
    """Return ``items`` joined as a list in ``lang`` ("A, B, and C"); ``""`` for no items.

    >>> format_list(["المدينة", "النهر"], "ar"), format_list(["Lisbon", "Porto", "Faro"], "en")
    ('المدينة والنهر', 'Lisbon, Porto, and Faro')
    """
    patterns = record(lang).lists
    if patterns and len(items) > 1:  # the record's, where CLDR has none for the language
        joined = patterns["end"].format(items[-2], items[-1]) if len(items) > 2 else ""
        if len(items) == 2:
            return patterns["two"].format(*items)
        for item in reversed(items[:-2]):
            joined = patterns["middle"].format(item, joined)
        return joined
    # The standard style: Arabic's "unit" style repeats the last item.
    return clean(babel_lists.format_list(items, style="standard", locale=locale_for(lang)))
