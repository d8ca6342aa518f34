"""Localisation: dates, numbers, plurals and lists in Arabic and English, and their errors."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest

from explainer.l10n import (
    clean,
    format_amount,
    format_count,
    format_date,
    format_decimal,
    format_list,
    format_number,
    format_percent,
    format_within,
    format_within_years,
    locale_for,
    parse_date,
    plural_category,
)
from explainer.languages import Record

MARKS = "\u200e\u200f\u061c\u2066\u2067\u2068\u2069"

ATTACKS_AR = {
    "zero": "لا هجمات",
    "one": "هجوم واحد",
    "two": "هجومان",
    "few": "{n} هجمات",
    "many": "{n} هجومًا",
    "other": "{n} هجوم",
}
SOLDIERS_AR = {"one": "جندي واحد", "two": "جنديان", "few": "{n} جنود", "other": "{n} جندي"}
ATTACKS_EN = {"one": "{n} attack", "other": "{n} attacks"}


IRAQI = Record("ar", locale="ar_IQ")


def test_locales_come_from_the_records() -> None:
    assert [str(locale_for(code)) for code in ("ar", "en", "ckb", "fa")] == [
        "ar",
        "en",
        "ckb",
        "fa",
    ]
    assert str(locale_for(IRAQI)) == "ar_IQ"


@pytest.mark.parametrize("lang", ["xx", "ar_IQ", "AR", ""])
def test_locale_for_unknown_language(lang: str) -> None:
    message = f"no language record for {lang!r}: add one in the content's languages.yml"
    with pytest.raises(ValueError, match=f"^{re.escape(message)}$"):
        locale_for(lang)


def test_records_choose_digits_and_grouping() -> None:
    persian_digits = Record("fa", locale="fa", digits="arabext")
    assert format_number(12500, persian_digits) == "۱۲٬۵۰۰"
    assert format_number(2500, Record("en", min_grouping_digits=2)) == "2500"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("31\u200f/12\u200f/2021", "31/12/2021"),
        ("\u200eA\u061cB\u2066C\u2067D\u2068E\u2069", "ABCDE"),
        ("كانون الأول 2021", "كانون الأول 2021"),
        ("", ""),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021", (datetime.date(2021, 1, 1), "year")),
        ("2021-12", (datetime.date(2021, 12, 1), "month")),
        ("2021-12-31", (datetime.date(2021, 12, 31), "day")),
        ("2020-02-29", (datetime.date(2020, 2, 29), "day")),
    ],
)
def test_parse_date(value: str, expected: tuple[datetime.date, str]) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            "2021-02-30",
            "'2021-02-30' is not a valid date: day is out of range for month (2021-02 has 28 days)",
        ),
        (
            "2021-04-31",
            "'2021-04-31' is not a valid date: day is out of range for month (2021-04 has 30 days)",
        ),
        (
            "2021-12-00",
            "'2021-12-00' is not a valid date: day is out of range for month (2021-12 has 31 days)",
        ),
        ("2021-13", "'2021-13' is not a valid date: month must be between 01 and 12"),
        ("2021-00-10", "'2021-00-10' is not a valid date: month must be between 01 and 12"),
        ("0000", "'0000' is not a valid date: year must be between 0001 and 9999"),
        ("21", "'21' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021-1-5", "'2021-1-5' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021/12/31", "'2021/12/31' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        (" 2021", "' 2021' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("2021\n", "'2021\\n' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("٢٠٢١", "'٢٠٢١' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
        ("", "'' is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"),
    ],
)
def test_bad_dates(value: str, message: str) -> None:
    for parse in (parse_date, lambda v: format_date(v, IRAQI), lambda v: format_date(v, "en")):
        with pytest.raises(ValueError) as raised:
            parse(value)
        assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        ("2021", IRAQI, "2021"),
        ("2021-12", IRAQI, "كانون الأول 2021"),
        ("2021-12-31", IRAQI, "31 كانون الأول 2021"),
        ("2014-06", IRAQI, "حزيران 2014"),
        ("2014-06-10", IRAQI, "10 حزيران 2014"),
        ("2021", "en", "2021"),
        ("2021-12", "en", "December 2021"),
        ("2021-12-31", "en", "December 31, 2021"),
        ("2014-06-10", "en", "June 10, 2014"),
    ],
)
def test_format_date(value: str, lang: str, expected: str) -> None:
    assert format_date(value, lang) == expected


def test_format_date_unknown_language() -> None:
    with pytest.raises(ValueError, match="^no language record for 'xx'"):
        format_date("2021", "xx")


@pytest.mark.parametrize(
    ("value", "ar", "en"),
    [
        (0, "0", "0"),
        (7, "7", "7"),
        (153, "153", "153"),
        (900, "900", "900"),
        (2021, "2021", "2,021"),
        (2500, "2500", "2,500"),
        (9999, "9999", "9,999"),
        (10000, "10,000", "10,000"),
        (1234567, "1,234,567", "1,234,567"),
        (-2500, "-2500", "-2,500"),
        (-12000, "-12,000", "-12,000"),
    ],
)
def test_format_number(value: int, ar: str, en: str) -> None:
    assert format_number(value, "ar") == ar
    assert format_number(value, "en") == en


@pytest.mark.parametrize("value", [0, 1, 2, 153, 900, 2021, 2500, 9999, 10000, 1234567, -2500])
def test_figures_agree_across_languages(value: int) -> None:
    assert format_number(value, "ar").replace(",", "") == format_number(value, "en").replace(
        ",", ""
    )
    assert format_number(value, "ar").lstrip("-").replace(",", "").isascii()


@pytest.mark.parametrize(
    ("count", "lang", "expected"),
    [
        (0, "ar", "zero"),
        (1, "ar", "one"),
        (2, "ar", "two"),
        (3, "ar", "few"),
        (10, "ar", "few"),
        (103, "ar", "few"),
        (11, "ar", "many"),
        (99, "ar", "many"),
        (153, "ar", "many"),
        (100, "ar", "other"),
        (101, "ar", "other"),
        (900, "ar", "other"),
        (2500, "ar", "other"),
        (0, "en", "other"),
        (1, "en", "one"),
        (2, "en", "other"),
        (2500, "en", "other"),
    ],
)
def test_plural_category(count: int, lang: str, expected: str) -> None:
    assert plural_category(count, lang) == expected


@pytest.mark.parametrize(
    ("count", "forms", "lang", "expected"),
    [
        (0, ATTACKS_AR, "ar", "لا هجمات"),
        (1, ATTACKS_AR, "ar", "هجوم واحد"),
        (2, ATTACKS_AR, "ar", "هجومان"),
        (3, ATTACKS_AR, "ar", "3 هجمات"),
        (10, ATTACKS_AR, "ar", "10 هجمات"),
        (11, ATTACKS_AR, "ar", "11 هجومًا"),
        (153, ATTACKS_AR, "ar", "153 هجومًا"),
        (900, ATTACKS_AR, "ar", "900 هجوم"),
        (2500, ATTACKS_AR, "ar", "2500 هجوم"),
        (12000, ATTACKS_AR, "ar", "12,000 هجوم"),
        # No "zero" or "many" form: both fall back to "other".
        (0, SOLDIERS_AR, "ar", "0 جندي"),
        (153, SOLDIERS_AR, "ar", "153 جندي"),
        (2500, SOLDIERS_AR, "ar", "2500 جندي"),
        (0, ATTACKS_EN, "en", "0 attacks"),
        (1, ATTACKS_EN, "en", "1 attack"),
        (2, ATTACKS_EN, "en", "2 attacks"),
        (2500, ATTACKS_EN, "en", "2,500 attacks"),
        # A template is prose: braces other than {n} stay as they are.
        (2, {"other": "{n} {sic}"}, "en", "2 {sic}"),
    ],
)
def test_format_count(count: int, forms: dict[str, str], lang: str, expected: str) -> None:
    assert format_count(count, forms, lang) == expected


@pytest.mark.parametrize(
    ("count", "forms", "lang", "message"),
    [
        (2, {"one": "{n} attack"}, "en", "no 'other' form for 2 in 'en'"),
        (3, {"one": "هجوم واحد"}, "ar", "no 'few' or 'other' form for 3 in 'ar'"),
        (
            3,
            {"one": "x", "fwe": "y", "plural": "z"},
            "ar",
            "unknown plural categories ['fwe', 'plural'] in forms:"
            " expected zero, one, two, few, many, other",
        ),
        (
            1,
            {"other": "{n}"},
            "xx",
            "no language record for 'xx': add one in the content's languages.yml",
        ),
    ],
)
def test_format_count_errors(count: int, forms: dict[str, str], lang: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        format_count(count, forms, lang)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("years", "lang", "expected"),
    [
        (1, "ar", "خلال سنة واحدة"),
        (2, "ar", "خلال سنتين"),
        (3, "ar", "خلال 3 سنوات"),
        (10, "ar", "خلال 10 سنوات"),
        (11, "ar", "خلال 11 سنة"),
        (100, "ar", "خلال 100 سنة"),
        (1, "en", "within a year"),
        (2, "en", "within 2 years"),
        (11, "en", "within 11 years"),
    ],
)
def test_format_within_years(years: int, lang: str, expected: str) -> None:
    assert format_within_years(years, lang) == expected


@pytest.mark.parametrize(
    ("years", "lang", "message"),
    [
        (0, "ar", "years must be at least 1, got 0"),
        (-2, "en", "years must be at least 1, got -2"),
        (2, "xx", "no language record for 'xx': add one in the content's languages.yml"),
    ],
)
def test_format_within_years_errors(years: int, lang: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        format_within_years(years, lang)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("amount", "unit", "lang", "expected"),
    [
        (1, "day", "ar", "خلال يوم واحد"),
        (2, "day", "ar", "خلال يومين"),
        (3, "week", "ar", "خلال 3 أسابيع"),
        (11, "week", "ar", "خلال 11 أسبوعًا"),
        (12, "month", "ar", "خلال 12 شهرًا"),  # not "a year": the unit asked for is kept
        (100, "month", "ar", "خلال 100 شهر"),
        (7, "day", "ar", "خلال 7 أيام"),  # not "a week"
        (1, "day", "en", "within a day"),
        (7, "day", "en", "within 7 days"),
        (1, "week", "en", "within a week"),
        (12, "month", "en", "within 12 months"),
        (2, "year", "en", "within 2 years"),
    ],
)
def test_format_within(amount: int, unit: str, lang: str, expected: str) -> None:
    assert format_within(amount, unit, lang) == expected


@pytest.mark.parametrize(
    ("amount", "unit", "message"),
    [
        (0, "week", "weeks must be at least 1, got 0"),
        (2, "fortnight", "unknown unit 'fortnight': expected one of day, week, month, year"),
    ],
)
def test_format_within_errors(amount: int, unit: str, message: str) -> None:
    with pytest.raises(ValueError) as raised:
        format_within(amount, unit, "en")
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (Decimal("2.5"), "ar", "2.5"),
        (Decimal("2.5"), "en", "2.5"),
        (Decimal("2.50"), "en", "2.50"),  # the digits as written, never rounded
        (Decimal("0.05"), "en", "0.05"),
        (Decimal("12500.75"), "ar", "12,500.75"),
        (Decimal("2500.5"), "ar", "2500.5"),  # Arabic prose groups from 10000 only
        (Decimal("2500.5"), "en", "2,500.5"),
        (Decimal("-0.5"), "ar", "-0.5"),
        (153, "en", "153"),
    ],
)
def test_format_decimal(value: Decimal, lang: str, expected: str) -> None:
    assert format_decimal(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (35, "ar", "35%"),
        (35, "en", "35%"),
        (Decimal("2.5"), "ar", "2.5%"),
        (12000, "en", "12,000%"),
    ],
)
def test_format_percent(value: Decimal, lang: str, expected: str) -> None:
    assert format_percent(value, lang) == expected


@pytest.mark.parametrize(
    ("value", "currency", "forms", "lang", "expected"),
    [
        (2500, "USD", None, "en", "2,500 US dollars"),
        (1, "USD", None, "en", "1 US dollar"),
        (2500, "USD", None, "ar", "2500 دولار أمريكي"),
        (12000, "EUR", None, "ar", "12,000 يورو"),
        (Decimal("1.5"), "USD", {"other": "{n} billion"}, "en", "1.5 billion US dollars"),
        (Decimal("1.5"), "USD", {"other": "{n} مليار"}, "ar", "1.5 مليار دولار أمريكي"),
    ],
)
def test_format_amount(value, currency: str, forms, lang: str, expected: str) -> None:
    assert format_amount(value, currency, lang, forms) == expected


def test_format_amount_refuses_an_unknown_currency() -> None:
    with pytest.raises(ValueError) as raised:
        format_amount(5, "XYZ", "en")
    assert str(raised.value) == "unknown currency 'XYZ': expected an ISO 4217 code such as USD"


def test_decimal_counts_take_their_plural_form() -> None:
    people = {"one": "{n} million person", "other": "{n} million people"}
    assert format_count(Decimal("2.5"), people, "en") == "2.5 million people"
    assert plural_category(Decimal("2.5"), "ar") == "other"


@pytest.mark.parametrize(
    ("items", "lang", "expected"),
    [
        ([], "ar", ""),
        (["العراق"], "ar", "العراق"),
        (["العراق", "سوريا"], "ar", "العراق وسوريا"),
        (["العراق", "سوريا", "إيران"], "ar", "العراق وسوريا وإيران"),
        (["Iraq"], "en", "Iraq"),
        (["Iraq", "Syria"], "en", "Iraq and Syria"),
        (["Iraq", "Syria", "Iran"], "en", "Iraq, Syria, and Iran"),
    ],
)
def test_format_list(items: list[str], lang: str, expected: str) -> None:
    assert format_list(items, lang) == expected


def visible_outputs() -> list[str]:
    dates = ["2021", "2021-12", "2021-12-31"] + [f"2021-{m:02d}-01" for m in range(1, 13)]
    counts = [0, 1, 2, 3, 11, 100, 153, 900, 2500, 12000]
    outputs = []
    for lang, forms in (("ar", ATTACKS_AR), ("en", ATTACKS_EN)):
        outputs += [format_date(value, lang) for value in dates]
        outputs += [format_within_years(years, lang) for years in (1, 2, 3, 11, 100)]
        outputs += [format_count(count, forms, lang) for count in counts]
        outputs += [format_number(-count, lang) for count in counts]
        outputs += [format_percent(Decimal(v), lang) for v in ("35", "2.5", "-1.25")]
        outputs += [format_amount(v, "USD", lang) for v in (1, 2500, Decimal("0.5"))]
        outputs += [format_within(n, u, lang) for n in (1, 2, 11) for u in ("day", "week")]
    return outputs


@pytest.mark.parametrize("text", visible_outputs())
def test_no_invisible_marks(text: str) -> None:
    assert not set(text) & set(MARKS), ascii(text)
