r"""Keep Latin names and numbers in the right order inside right-to-left text.

In an Arabic sentence, a run of Latin script followed by digits (``UNESCO 153``) is laid
out by the bidi algorithm as one left-to-right run and can come out in the wrong order.
Isolating each Latin run fixes it: in markup with ``<bdi>`` (see
:mod:`explainer.markdown.bidi`), and where markup is impossible (``<title>``, meta
descriptions, JSON-LD) with the Unicode isolates LRI … PDI:

>>> isolate_text("نقلت البلدية عن UNESCO أن 12 سدًا تكفي", "rtl")
'نقلت البلدية عن \u2066UNESCO\u2069 أن 12 سدًا تكفي'
>>> isolate_text("UNESCO and البلدية", "ltr")
'UNESCO and البلدية'
"""

from __future__ import annotations

import re

#: A run of Latin script: words, with the spaces, digits and punctuation inside a name
#: ("Wall Street Journal", "Jane Doe", "COVID-19"), but never leading or trailing them.
_LATIN = "A-Za-z\u00c0-\u024f"
LATIN_RUN = re.compile(rf"[{_LATIN}](?:[{_LATIN}0-9 .,'’&/-]*[{_LATIN}0-9])?")
LRI, PDI = "\u2066", "\u2069"
#: What is not text though it looks Latin: character references (``&para;``) and
#: Python-Markdown's placeholders for stashed HTML (``\x02wzxhzdk:0\x03``).
NOT_TEXT = re.compile(r"(?:&|\x02amp\x03)#?\w+;|\x02[^\x03]*\x03")


def latin_runs(text: str) -> list[tuple[int, int]]:
    """Return the ``(start, end)`` of each Latin run in ``text``.

    >>> latin_runs("قالت Wall Street Journal إن"), latin_runs("عنوان&para;")
    ([(5, 24)], [])
    """
    masked = NOT_TEXT.sub(lambda m: "\x00" * len(m.group()), text)
    return [m.span() for m in LATIN_RUN.finditer(masked)]


def isolate_text(text: str, direction: str) -> str:
    """Return ``text`` with each Latin run between LRI and PDI when ``direction`` is rtl."""
    if direction != "rtl":
        return text
    result, last = [], 0
    for start, end in latin_runs(text):
        result += [text[last:start], LRI, text[start:end], PDI]
        last = end
    return "".join([*result, text[last:]])
