"""Rewrite the start tags of an HTML fragment, leaving every other byte as it was.

The single-file edition (:mod:`explainer.single_file`) takes each page's body as the
site renders it and changes only what merging the pages needs: ids, the links between
pages, an element or two dropped. :func:`rewrite` calls a function on each start tag,
which returns the tag's new attributes, or ``None`` to drop the element and all it
holds; text, comments and unchanged tags are copied as they are.

>>> def visit(tag, attrs):
...     if "headerlink" in (attrs.get("class") or ""):
...         return None
...     return {**attrs, "id": "page/" + attrs["id"]} if "id" in attrs else attrs
>>> rewrite('<h2 id="a">A &amp; B<a class="headerlink" href="#a">¶</a></h2><br/>', visit)
'<h2 id="page/a">A &amp; B</h2><br/>'
"""

from __future__ import annotations

import html
from collections.abc import Callable
from html.parser import HTMLParser

#: A tag's attributes: a value, or None for an attribute written without one.
Attrs = dict[str, str | None]
Visit = Callable[[str, Attrs], Attrs | None]
#: Elements that never have an end tag.
VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)  # fmt: skip


def start_tag(tag: str, attrs: Attrs, close: bool = False) -> str:
    """Return ``<tag …>`` with ``attrs`` quoted and escaped (``<tag …/>`` if ``close``).

    >>> start_tag("a", {"href": 'x"y', "download": None})
    '<a href="x&quot;y" download>'
    """
    parts = [tag]
    for name, value in attrs.items():
        parts.append(name if value is None else f'{name}="{html.escape(value, quote=True)}"')
    return "<" + " ".join(parts) + ("/>" if close else ">")


class _Rewriter(HTMLParser):
    def __init__(self, visit: Visit) -> None:
        super().__init__(convert_charrefs=False)
        self.visit = visit
        self.out: list[str] = []
        #: while an element is dropped: its tag, and how deep inside it the parser is
        self.dropping: tuple[str, int] | None = None

    def _start(self, tag: str, pairs: list[tuple[str, str | None]], close: bool) -> None:
        if self.dropping is not None:
            name, depth = self.dropping
            if tag == name and not close and tag not in VOID:
                self.dropping = (name, depth + 1)
            return
        attrs = dict(pairs)
        new = self.visit(tag, dict(attrs))
        if new is None:
            if not close and tag not in VOID:
                self.dropping = (tag, 1)
            return
        raw = self.get_starttag_text() or ""
        self.out.append(raw if new == attrs else start_tag(tag, new, close))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, close=False)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._start(tag, attrs, close=True)

    def handle_endtag(self, tag: str) -> None:
        if self.dropping is not None:
            name, depth = self.dropping
            if tag == name:
                self.dropping = (name, depth - 1) if depth > 1 else None
            return
        self.out.append(f"</{tag}>")

    def _keep(self, text: str) -> None:
        if self.dropping is None:
            self.out.append(text)

    def handle_data(self, data: str) -> None:
        self._keep(data)

    def handle_entityref(self, name: str) -> None:
        self._keep(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self._keep(f"&#{name};")

    def handle_comment(self, data: str) -> None:
        self._keep(f"<!--{data}-->")

    def handle_decl(self, decl: str) -> None:
        self._keep(f"<!{decl}>")

    def handle_pi(self, data: str) -> None:
        self._keep(f"<?{data}>")


def rewrite(fragment: str, visit: Visit) -> str:
    """Return ``fragment`` with each start tag as ``visit(tag, attrs)`` makes it.

    ``visit`` gets a copy of the attributes, decoded; it returns them changed (or not),
    or ``None`` to leave the element, with everything inside it, out.
    """
    parser = _Rewriter(visit)
    parser.feed(fragment)
    parser.close()
    return "".join(parser.out)
