"""The site's languages: one record per language, and where each language's pages live.

A language is data, not code: ``explainer/languages/<code>.yml`` is the engine's record
for it (Babel locale, digits, grouping, face, search rules, every interface string, the
theme's included), and a site overrides any value or string in its content's
``languages.yml`` (:func:`load_site_records`). Names and directions come from Babel's
CLDR data, never from a hard-coded table.

The source language is built at the site root, every other language under a folder
named by its code, with the same slugs.

>>> ar, en = site_languages(("ar", "en"))
>>> (ar.name, ar.dir, ar.prefix), (en.name, en.dir, en.prefix)
(('العربية', 'rtl', ''), ('English', 'ltr', 'en/'))
>>> counterpart("source/", ar, en), counterpart("source/", en, ar)
('en/source/', 'source/')
>>> relative_href("en/source/", "source/"), relative_href("", "en/"), relative_href("en/", "")
('../../source/', 'en/', '../')
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from babel import Locale, UnknownLocaleError

from .. import yamlfile
from ..errors import ErrorList

#: The site's own values, beside its records.
SITE_FILE = "languages.yml"
#: The language whose record every other falls back to for a string it lacks.
FALLBACK = "en"
#: The built-in search rules a record may name (their code: :mod:`explainer.search`).
NORMALISERS = ("arabic-script", "latin")
STEMMERS = ("arabic-light", "porter", "none")
#: The numbering systems (CLDR names) the engine writes: explainer.l10n.DIGIT_ZERO
DIGITS = ("latn", "arab", "arabext")
#: The faces the engine ships, by the name a record gives, and the files a page in that
#: face draws its own text with (``theme/assets/fonts``; the stylesheet declares them
#: all). A Naskh page needs both halves: its numbers and Latin names are in the second.
FONTS = {
    "naskh": (
        "assets/fonts/noto-naskh-arabic-arabic-wght-normal.woff2",
        "assets/fonts/noto-naskh-arabic-latin-wght-normal.woff2",
    ),
    "sans": ("assets/fonts/noto-sans-latin-wght-normal.woff2",),
}
#: The values of a record, and what each must be.
VALUES: dict[str, type[Any]] = {
    "locale": str,
    "digits": str,
    "min_grouping_digits": int,
    "font": str,
    "search": dict,
    "typed": str,
    "within": dict,
    "lists": dict,
    "unreviewed": list,
    "strings": dict,
    "theme": dict,
}


@dataclass(frozen=True)
class Record:
    """What the engine knows about one language (see ``languages/ar.yml``)."""

    code: str
    locale: str = ""
    digits: str = "latn"
    min_grouping_digits: int = 1
    font: str = "sans"
    search: Mapping[str, Any] = field(default_factory=dict)
    typed: str = ""
    #: "within N units" by unit (day, week, month, year), by plural category, where
    #: CLDR's relative phrase is not the sources' or is missing for the language
    within: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    #: list patterns (two, middle, end: "{0} و {1}") where CLDR has none for the language
    lists: Mapping[str, str] = field(default_factory=dict)
    unreviewed: tuple[str, ...] = ()
    strings: Mapping[str, str] = field(default_factory=dict)
    theme: Mapping[str, str] = field(default_factory=dict)

    @property
    def babel(self) -> Locale:
        """Return the Babel locale for dates, numbers, plurals and lists."""
        return Locale.parse(self.locale or self.code)

    @property
    def name(self) -> str:
        """Return the language's name in itself (CLDR)."""
        locale = Locale.parse(self.code)
        return str(locale.get_display_name(locale) or self.code)

    @property
    def dir(self) -> str:
        """Return ``rtl`` or ``ltr`` (CLDR)."""
        return "rtl" if Locale.parse(self.code).text_direction == "rtl" else "ltr"

    def string(self, key: str) -> str | None:
        """Return interface string ``key``, or None when this record lacks it."""
        value = self.strings.get(key)
        return None if value is None else str(value)


@cache
def engine_record(code: str) -> Record | None:
    """Return the engine's record for ``code``, or None when it ships none.

    >>> engine_record("ar").font, engine_record("ckb").search["normaliser"]
    ('naskh', 'arabic-script')
    >>> engine_record("xx") is None
    True
    """
    try:
        text = resources.files(__package__).joinpath(f"{code}.yml").read_text("utf-8")
    except (FileNotFoundError, ValueError):
        return None
    data = yaml.safe_load(text) or {}
    return _record(code, data)


def _record(code: str, data: Mapping[str, Any], base: Record | None = None) -> Record:
    """Return ``base`` (or an empty record) with the values of ``data`` over it."""
    base = base or Record(code)
    values: dict[str, Any] = {}
    for key, value in data.items():
        if key in ("strings", "theme", "search"):
            values[key] = {**getattr(base, key), **{str(k): v for k, v in value.items()}}
        elif key == "unreviewed":
            values[key] = tuple(str(k) for k in value)
        else:
            values[key] = value
    return replace(base, **values)


def record(lang: str | Record) -> Record:
    """Return ``lang`` itself if it is a record, else the engine's record for the code.

    Raises ``ValueError`` for a language the engine has no record of.
    """
    if isinstance(lang, Record):
        return lang
    found = engine_record(lang)
    if found is None:
        raise ValueError(f"no language record for {lang!r}: add one in the content's {SITE_FILE}")
    return found


def load_site_records(
    data_dir: Path, display_dir: str, codes: Sequence[str], errors: ErrorList
) -> dict[str, Record]:
    """Return the record of each of the site's languages, its ``languages.yml`` applied.

    The file is optional; it maps a language code to the values it changes::

        ar:
          locale: ar_EG          # Egyptian month names
          strings: {cited_by: …} # any interface string, the theme's under `theme`

    A language the engine has no record of needs ``locale`` here; its strings fall
    back to English until the site gives them. Problems are added to ``errors`` with
    their line; the engine's values then stand in.
    """
    path, shown = data_dir / SITE_FILE, f"{display_dir}/{SITE_FILE}"
    given: Any = errors.collect(lambda: yamlfile.load(path, shown), None) if path.exists() else None
    if given is not None and not isinstance(given, yamlfile.Mapping):
        errors.add(shown, 1, "expected values by language code (ar: …)", "schema")
        given = None
    given = given or {}
    for code in given:
        if code not in codes:
            errors.add(
                shown,
                given.line_of(code),
                f"'{code}' is not a language of the site ({', '.join(codes)})",
                "schema",
            )
    result = {}
    for code in codes:
        base = engine_record(code)
        values = given.get(code)
        line = given.line_of(code) if code in given else 1
        if values is None:
            if base is None:
                errors.add(
                    shown,
                    line,
                    f"no language record for '{code}': give at least its locale",
                    "schema",
                )
            result[code] = base or Record(code)
            continue
        checked = _checked_values(values, shown, line, base, errors)
        result[code] = _record(code, checked, base)
    return result


def _checked_values(
    values: Any, shown: str, line: int, base: Record | None, errors: ErrorList
) -> dict[str, Any]:
    """Return the valid values of one language's entry; add an error for each other."""
    if not isinstance(values, yamlfile.Mapping):
        errors.add(shown, line, "expected values by name (locale: …, strings: …)", "schema")
        return {}
    english = engine_record(FALLBACK)
    known_strings = set(english.strings) if english else set()
    checked: dict[str, Any] = {}
    for key, value in values.items():
        at = values.line_of(key)
        wanted = VALUES.get(key)
        if wanted is None:
            errors.add(shown, at, f"unknown value '{key}' (known: {', '.join(VALUES)})", "schema")
        elif not isinstance(value, wanted) or isinstance(value, bool):
            errors.add(shown, at, f"'{key}': expected {wanted.__name__}", "schema")
        elif key == "locale" and not _is_locale(value):
            errors.add(shown, at, f"'{value}' is not a locale Babel knows", "schema")
        elif key == "digits" and value not in DIGITS:
            errors.add(
                shown, at, f"unknown digits '{value}' (known: {', '.join(DIGITS)})", "schema"
            )
        elif key == "font" and value not in FONTS:
            errors.add(shown, at, f"unknown font '{value}' (known: {', '.join(FONTS)})", "schema")
        elif key == "strings" and (unknown := sorted(set(value) - known_strings)):
            errors.add(shown, at, f"unknown strings: {', '.join(unknown)}", "schema")
        elif key in ("strings", "theme") and not all(isinstance(v, str) for v in value.values()):
            errors.add(shown, at, f"'{key}': every string must be text", "schema")
        elif key == "search" and (problem := _search_problem(value)):
            errors.add(shown, at, f"'search': {problem}", "schema")
        elif key == "within" and (problem := _within_problem(value)):
            errors.add(shown, at, f"'within': {problem}", "schema")
        elif key == "lists" and (problem := _lists_problem(value)):
            errors.add(shown, at, f"'lists': {problem}", "schema")
        else:
            checked[key] = value
    if base is None and "locale" not in checked:
        errors.add(
            shown, line, "a language the engine has no record of needs its 'locale'", "schema"
        )
    return checked


def _search_problem(search: dict[str, Any]) -> str | None:
    """Return what is wrong with a record's ``search`` rules, or None."""
    unknown = sorted(set(search) - {"normaliser", "stemmer", "letters"})
    if unknown:
        return f"unknown rule {unknown[0]!r} (known: normaliser, stemmer, letters)"
    if search.get("normaliser", NORMALISERS[0]) not in NORMALISERS:
        return f"unknown normaliser (known: {', '.join(NORMALISERS)})"
    if search.get("stemmer", STEMMERS[0]) not in STEMMERS:
        return f"unknown stemmer (known: {', '.join(STEMMERS)})"
    letters = search.get("letters", {})
    if not isinstance(letters, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and len(k) == 1 and len(v) <= 1
        for k, v in letters.items()
    ):
        return "'letters' maps one letter to one letter (or to nothing)"
    return None


def _within_problem(within: dict[str, Any]) -> str | None:
    """Return what is wrong with a record's "within N units" forms, or None."""
    for unit, forms in within.items():
        if unit not in ("day", "week", "month", "year"):
            return f"unknown unit {unit!r} (known: day, week, month, year)"
        if not isinstance(forms, dict) or not isinstance(forms.get("other"), str):
            return f"'{unit}' needs its plural forms, 'other' at least ({{other: …{{n}}…}})"
    return None


def _lists_problem(lists: dict[str, Any]) -> str | None:
    """Return what is wrong with a record's list patterns, or None."""
    for part in ("two", "middle", "end"):
        pattern = lists.get(part)
        if not isinstance(pattern, str) or "{0}" not in pattern or "{1}" not in pattern:
            return f"'{part}' must be a pattern holding {{0}} and {{1}} (two, middle and end)"
    return None


def _is_locale(value: str) -> bool:
    try:
        Locale.parse(value)
    except (ValueError, UnknownLocaleError):
        return False
    return True


@dataclass(frozen=True)
class Language:
    """One language of the site: its record, and where its pages are built."""

    code: str
    name: str
    dir: str
    prefix: str
    record: Record | None = field(default=None, compare=False, repr=False)

    @property
    def is_source(self) -> bool:
        """Return whether this language is built at the site root."""
        return not self.prefix


def site_languages(
    codes: Sequence[str], records: Mapping[str, Record] | None = None
) -> list[Language]:
    """Return the :class:`Language` of each code; the first one is the source language."""
    result = []
    for index, code in enumerate(codes):
        rec = (records or {}).get(code) or engine_record(code) or Record(code)
        result.append(Language(code, rec.name, rec.dir, "" if index == 0 else f"{code}/", rec))
    return result


def language_name(code: str, in_lang: str) -> str:
    """Return the name of language ``code`` as ``in_lang`` writes it (CLDR, by Babel).

    >>> language_name("ar", "en"), language_name("en", "ar"), language_name("ckb", "en")
    ('Arabic', 'الإنجليزية', 'Central Kurdish')
    """
    return str(Locale.parse(in_lang).languages.get(code) or code)


def counterpart(page_url: str, here: Language, there: Language) -> str:
    """Return the site-root path of the page that is ``page_url`` in ``here``, in ``there``.

    ``page_url`` is relative to ``here``'s root, as MkDocs gives it in each build.
    """
    return f"{there.prefix}{page_url}"


def relative_href(from_url: str, to_url: str) -> str:
    """Return a link from page ``from_url`` to ``to_url`` (both relative to the site root).

    The result is relative, so it works from a web server and from ``file://``.
    """
    base = from_url.rsplit("/", 1)[0].split("/") if "/" in from_url else []
    target = to_url.split("/")
    common = 0
    while common < min(len(base), len(target) - 1) and base[common] == target[common]:
        common += 1
    return "../" * (len(base) - common) + "/".join(target[common:]) or "./"


def set_html_dir(html: str, direction: str, font: str = "") -> str:
    r"""Return ``html`` with ``dir`` (and the face, ``data-ex-font``) on its ``<html>``.

    Added once, never twice. The stylesheet picks the page's face from ``data-ex-font``.

    >>> set_html_dir('<!doctype html>\n<html lang="ar" class="no-js">', "rtl", "naskh")
    '<!doctype html>\n<html dir="rtl" data-ex-font="naskh" lang="ar" class="no-js">'
    """
    head, sep, rest = html.partition("<html ")
    if not sep or rest.startswith("dir="):
        return html
    face = f' data-ex-font="{font}"' if font else ""
    return f'{head}<html dir="{direction}"{face} {rest}'
