"""What search engines and link previews read: OpenGraph, Twitter and JSON-LD.

Everything is computed here from the content and the page, in the page's language;
the template only prints it. The source the explainer is based on is described as
``source.yml``'s ``jsonld:`` says (an ``OpinionNewsArticle`` by a ``Person`` unless
the site says otherwise), with its publication date when the timeline gives one.
Text that mixes scripts is isolated with Unicode isolates, since markup cannot go
into a ``content`` attribute.

>>> og_locale("ar"), og_locale("en"), og_locale(Record("ar", locale="ar_IQ"))
('ar_EG', 'en_US', 'ar_IQ')
"""

from __future__ import annotations

import json
from typing import Any

from babel import Locale
from babel.core import get_global

from .bidi import isolate_text
from .content import Content
from .languages import Language, Record, record


def og_locale(lang: str | Record) -> str:
    """Return the OpenGraph locale (``language_TERRITORY``) of a site language.

    The site's own locale is used when it names a territory (``ar_IQ``); otherwise
    CLDR's most likely one.
    """
    locale = record(lang).babel
    if locale.territory:
        return f"{locale.language}_{locale.territory}"
    likely = Locale.parse(get_global("likely_subtags").get(locale.language, str(locale)))
    return f"{likely.language}_{likely.territory}"


def page_metadata(
    content: Content,
    here: Language,
    languages: list[Language],
    *,
    title: str,
    site_name: str,
    description: str,
    url: str | None,
    alternates: dict[str, str],
) -> dict[str, Any]:
    """Return the page's meta tags and JSON-LD.

    ``alternates`` maps each language code to the absolute URL of this page in it;
    ``url`` is the page's canonical URL (``None`` offline: no URLs are claimed then).
    """

    def iso(text: str) -> str:
        return isolate_text(text, here.dir)

    source = content.source
    tags = [
        ("og:type", "article"),
        ("og:site_name", iso(site_name)),
        ("og:title", iso(title)),
        ("og:description", iso(description)),
        ("og:locale", og_locale(here.record or here.code)),
        *(
            ("og:locale:alternate", og_locale(lang.record or lang.code))
            for lang in languages
            if lang != here
        ),
        ("twitter:card", "summary"),
        ("twitter:title", iso(title)),
        ("twitter:description", iso(description)),
    ]
    if url:
        tags.insert(3, ("og:url", url))
    based_on: dict[str, Any] = {
        "@type": source.jsonld.type,
        "headline": source.title[source.language],
        "inLanguage": source.language,
    }
    if source.author_name:
        based_on["author"] = {"@type": source.jsonld.author_type, "name": source.author_name}
    written = content.records.written
    if written is not None and not written.inferred:
        based_on["datePublished"] = written.start  # the source's own date, not an inference
    article: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": iso(title),
        "description": iso(description),
        "inLanguage": here.code,
        "author": {"@type": "Organization", "name": iso(site_name)},
        "isBasedOn": based_on,
    }
    if url:
        article["url"] = url
        original = alternates.get(source.language)
        if here.code == source.language:
            article["workTranslation"] = [
                {"@type": "Article", "@id": alternates[lang.code], "inLanguage": lang.code}
                for lang in languages
                if lang.code != source.language and lang.code in alternates
            ]
        elif original:
            article["translationOfWork"] = {
                "@type": "Article",
                "@id": original,
                "inLanguage": source.language,
            }
    # A "<" could end the script element early ("</script>") or change how it is parsed
    # ("<!--"); JSON reads the escape \\u003c as the same character.
    jsonld = json.dumps(article, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
    return {"tags": tags, "jsonld": jsonld, "title": iso(title), "description": iso(description)}
