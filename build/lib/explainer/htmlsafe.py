"""Values from content and configuration, made safe for templates that do not escape.

MkDocs renders themes with Jinja's autoescaping off, and Material prints front matter
and ``mkdocs.yml`` values as they are (``content="{{ page.meta.description }}"``).
Rather than copy Material's templates to add ``| e``, the plugin hands them escaped
text: a :class:`markupsafe.Markup`, which prints as is and which ``| e`` leaves alone,
so it is escaped exactly once wherever it is printed.

>>> safe = escape_all({"description": 'A "vacuum" <meta>', "hide": ["toc"], "n": 3})
>>> print(safe["description"]), safe["hide"] == ["toc"], safe["n"]
A &#34;vacuum&#34; &lt;meta&gt;
(None, True, 3)
>>> plain(safe["description"])
'A "vacuum" <meta>'
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup, escape


def escape_all(value: Any) -> Any:
    """Return ``value`` with every string in it (in lists and mappings too) escaped once."""
    if isinstance(value, str):
        return escape(value)  # a Markup is returned unchanged: never escaped twice
    if isinstance(value, dict):
        return {key: escape_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [escape_all(item) for item in value]
    return value


def plain(value: Any) -> str:
    """Return the text a reader sees of ``value``, escaped (:class:`Markup`) or not."""
    return str(value.unescape()) if isinstance(value, Markup) else str(value)
