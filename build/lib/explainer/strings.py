"""Interface strings, from each language's record (:mod:`explainer.languages`).

A string the record lacks falls back to English; a key no record has is a bug, and
fails loudly rather than leave a silent gap on the page.

>>> t("ar", "paragraph_link", number=3), t("en", "paragraph_link", number=3)
('الفقرة 3', 'Paragraph 3')
"""

from __future__ import annotations

from .languages import FALLBACK, Record, engine_record, record


def _english() -> Record:
    english = engine_record(FALLBACK)
    assert english is not None, "the engine ships an English record"
    return english


def t(lang: str | Record, key: str, **values: object) -> str:
    """Return the string ``key`` in ``lang`` (else English), formatted with ``values``.

    Raises :class:`KeyError` when no language has the key.
    """
    for table in (record(lang), _english()):
        found = table.string(key)
        if found is not None:
            return found.format(**values)
    raise KeyError(f"no interface string '{key}' for '{record(lang).code}' or '{FALLBACK}'")


def theme_strings(lang: str | Record) -> dict[str, str]:
    """Return the theme's strings in ``lang``, for the engine's ``language.html``.

    They are the record's strings for Material's keys, the engine's own
    (``explainer.*``, English filling any the record lacks), and the language's code
    and direction, from CLDR.

    >>> theme_strings("ar")["search"], theme_strings("ckb")["explainer.not_found"]
    ('ابحث', 'پەڕەکە نەدۆزرایەوە')
    >>> theme_strings("ckb")["direction"], theme_strings("en")["explainer.permalink"]
    ('rtl', 'Permanent link to this section')
    """
    rec = record(lang)
    own = {k: str(v) for k, v in _english().theme.items() if k.startswith("explainer.")}
    own.update({k: str(v) for k, v in rec.theme.items()})
    own.update({"language": rec.code, "direction": rec.dir})
    return own


def missing_strings(lang: str | Record) -> list[str]:
    """Return the keys of English strings ``lang``'s record lacks (English stands in).

    >>> missing_strings("ar"), missing_strings("en")
    ([], [])
    """
    rec = record(lang)
    english = _english()
    keys = [f"{k}" for k in english.strings if k not in rec.strings]
    keys += [f"theme.{k}" for k in english.theme if k not in rec.theme]
    return keys
