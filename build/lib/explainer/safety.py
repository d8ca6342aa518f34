"""What raw HTML and links a page may contain.

Editors write Markdown; a little inline HTML is allowed for what Markdown cannot say
(``<bdi>``, ``<abbr>``, ``<span lang="en">``…). Everything that runs code, embeds
another site or loads from one is refused, with the page and line:

>>> findings = list(scan_html('<span lang="en">UNESCO</span> <iframe src="x"></iframe>'))
>>> [(line, rule) for line, _, rule in findings]
[(1, 'safety.html')]
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urlparse

ALLOWED_TAGS = {
    "abbr",
    "b",
    "bdi",
    "bdo",
    "br",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "small",
    "span",
    "strong",
    "sub",
    "sup",
    "time",
    "u",
    "var",
    "wbr",
}
ALLOWED_ATTRIBUTES = {"class", "dir", "lang", "title", "datetime", "id"}
_INLINE_CODE = re.compile(r"`+[^`]*`+")
#: A Markdown link or image, and its URL (which may hold balanced parentheses, as in
#: Markdown itself: ``[x](javascript:alert(1))`` is the whole call).
MARKDOWN_LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?((?:[^()\s>]|\([^()\s]*\))+)")


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        if tag not in ALLOWED_TAGS:
            self.found.append(
                (
                    line,
                    f"HTML element <{tag}> is not allowed in content "
                    f"(allowed: {', '.join(sorted(ALLOWED_TAGS))})",
                )
            )
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((line, f"event handler attribute '{name}' is not allowed"))
            elif name not in ALLOWED_ATTRIBUTES and tag in ALLOWED_TAGS:
                self.found.append((line, f"attribute '{name}' on <{tag}> is not allowed"))
            elif value and value.strip().lower().startswith("javascript:"):
                self.found.append((line, f"'javascript:' in attribute '{name}' is not allowed"))


def scan_html(text: str) -> Iterator[tuple[int, str, str]]:
    """Yield ``(line, message, rule)`` for every unsafe HTML element or attribute."""
    collector = _Collector()
    collector.feed(_INLINE_CODE.sub(lambda m: " " * len(m.group()), text))
    collector.close()
    for line, message in collector.found:
        yield line, message, "safety.html"


def scan_links(line_number: int, line: str) -> Iterator[tuple[int, str, str, str]]:
    """Yield ``(line, message, rule, severity)`` for unsafe or external Markdown links."""
    for image, url in MARKDOWN_LINK.findall(_INLINE_CODE.sub("", line)):
        scheme = urlparse(url).scheme.lower()
        if scheme == "javascript":
            yield line_number, f"'javascript:' link '{url}' is not allowed", "safety.link", "error"
        elif scheme or url.startswith("//"):
            if image:
                yield (
                    line_number,
                    f"external image '{url}' is not allowed: images must be "
                    "files of the site (readers' privacy, offline use)",
                    "safety.embed",
                    "error",
                )
            elif scheme in ("http", "https"):
                yield (
                    line_number,
                    f"external link '{url}': offline readers cannot follow it; "
                    "cite it as marked context",
                    "safety.external-link",
                    "warning",
                )
