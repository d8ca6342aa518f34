"""The site's languages: names, directions and where each language's pages live.

The source language is built at the site root, every other language under a folder
named by its code, with the same slugs. Names and directions come from Babel's CLDR
data, never from a hard-coded table.

>>> ar, en = site_languages(("ar", "en"))
>>> (ar.name, ar.dir, ar.prefix), (en.name, en.dir, en.prefix)
(('العربية', 'rtl', ''), ('English', 'ltr', 'en/'))
>>> counterpart("source/", ar, en), counterpart("source/", en, ar)
('en/source/', 'source/')
>>> relative_href("en/source/", "source/"), relative_href("", "en/"), relative_href("en/", "")
('../../source/', 'en/', '../')
"""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale


@dataclass(frozen=True)
class Language:
    """One language of the site."""

    code: str
    name: str
    dir: str
    prefix: str

    @property
    def is_source(self) -> bool:
        """Return whether this language is built at the site root."""
        return not self.prefix


def site_languages(codes: tuple[str, ...]) -> list[Language]:
    """Return the :class:`Language` of each code; the first one is the source language."""
    result = []
    for index, code in enumerate(codes):
        locale = Locale.parse(code)
        name = locale.get_display_name(locale) or code
        direction = "rtl" if locale.text_direction == "rtl" else "ltr"
        result.append(Language(code, name, direction, "" if index == 0 else f"{code}/"))
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


def set_html_dir(html: str, direction: str) -> str:
    r"""Return ``html`` with ``dir`` on its ``<html>`` element (added once, never twice).

    >>> set_html_dir('<!doctype html>\n<html lang="ar" class="no-js">', "rtl")
    '<!doctype html>\n<html dir="rtl" lang="ar" class="no-js">'
    """
    head, sep, rest = html.partition("<html ")
    if not sep or rest.startswith("dir="):
        return html
    return f'{head}<html dir="{direction}" {rest}'
