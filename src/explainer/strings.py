"""Interface strings, read from each language's record (``explainer/languages/<code>.yml``).

Lookup falls back to English, then fails loudly: a missing key is a bug, not a
silent gap on the page.

>>> t("ar", "paragraph_link", number=3), t("en", "paragraph_link", number=3)
('الفقرة 3', 'Paragraph 3')
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

FALLBACK = "en"


@cache
def _table(lang: str) -> dict[str, Any]:
    try:
        text = resources.files("explainer.languages").joinpath(f"{lang}.yml").read_text("utf-8")
    except FileNotFoundError:
        return {}
    return dict(yaml.safe_load(text) or {})


def theme_strings(lang: str) -> dict[str, str]:
    """Return the theme's strings in ``lang``, for Material's templates to read first.

    They are Material's keys the engine says its own way, and the engine's own
    (``explainer.*``), English filling any of these ``lang`` lacks.

    >>> theme_strings("ar")["search"], theme_strings("en")["explainer.not_found"]
    ('ابحث', 'Page not found')
    """
    english = _table(FALLBACK).get("theme") or {}
    own = _table(lang).get("theme") or {}
    keys = [k for k in english if k.startswith("explainer.")]
    return {**{k: str(english[k]) for k in keys}, **{k: str(v) for k, v in own.items()}}


def t(lang: str, key: str, **values: object) -> str:
    """Return the string ``key`` in ``lang`` (else English), formatted with ``values``.

    Raises :class:`KeyError` when no language has the key.
    """
    for table in (_table(lang).get("strings") or {}, _table(FALLBACK).get("strings") or {}):
        if key in table:
            return str(table[key]).format(**values)
    raise KeyError(f"no interface string '{key}' for '{lang}' or '{FALLBACK}'")
