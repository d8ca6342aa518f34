"""The Content-Security-Policy of every published page, as a ``<meta>`` element.

GitHub Pages sets no response headers, so the policy travels in the page:
``theme/main.html`` (the engine's) writes ``<meta http-equiv="Content-Security-Policy">`` with
the policy the build hands it in ``extra.csp`` (:func:`policy`). Material writes a
few small inline scripts, and the offline bundle's search shim writes one more into a
frame; after MkDocs has written the pages, :func:`add_script_hashes` adds the SHA-256
of each to that page's ``script-src``, so ``'unsafe-inline'`` is never needed.

>>> policy().split("; ")[:3]
["default-src 'none'", "script-src 'self'", "style-src 'self'"]
>>> script_hash("alert(1)")
"'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
>>> with_hashes("default-src 'none'; script-src 'self'", ["'sha256-x='"])
"default-src 'none'; script-src 'self' 'sha256-x='"
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import BuildError

#: Each directive and why it allows what it allows. Everything comes from the site's
#: own origin (``'self'``, which Chromium also matches for ``file:`` pages).
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),  # frames, objects, media, manifests: none
    "script-src": ("'self'",),  # plus, per page, the hash of each inline script
    "style-src": ("'self'",),  # no inline styles; scripts set styles through the CSSOM
    "img-src": ("'self'", "data:"),  # Material's icons are data: SVGs in its stylesheet
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # the search index, fetched by Material online
    "worker-src": ("'self'",),  # Material's search worker
    # base-uri and form-action do not fall back to default-src
    "base-uri": ("'none'",),
    "form-action": ("'none'",),  # the search form is never submitted; scripts answer it
}

META = re.compile(r'(<meta http-equiv="Content-Security-Policy" content=")([^"]*)(")')
#: Types a browser executes; any other ``type`` (JSON, JSON-LD) is a data block.
SCRIPT_TYPES = ("", "module", "text/javascript", "application/javascript")


class CspError(BuildError):
    """A page cannot carry the policy; the message names the page and the reason."""


def policy(directives: dict[str, tuple[str, ...]] = POLICY) -> str:
    """Return the policy as the ``content`` of the ``<meta>`` (no script hashes yet)."""
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def script_hash(text: str) -> str:
    """Return the CSP source that allows the inline script ``text`` (its UTF-8 SHA-256)."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def with_hashes(content: str, hashes: Iterable[str]) -> str:
    """Return the policy ``content`` with ``hashes`` added to ``script-src``, each once."""
    directives = [part.strip() for part in content.split(";") if part.strip()]
    for index, directive in enumerate(directives):
        if directive.split()[0] == "script-src":
            sources = directive.split()
            sources += [h for h in dict.fromkeys(hashes) if h not in sources]
            directives[index] = " ".join(sources)
    return "; ".join(directives)


class _Scripts(HTMLParser):
    """Collects a page's inline scripts, and markup any policy without hashes blocks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inline: list[str] = []
        self.blocked: list[str] = []
        self._current: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        named = dict(attrs)
        for name, value in attrs:
            if name.startswith("on") or name == "style":
                self.blocked.append(f"line {self.getpos()[0]}: <{tag} {name}=...>")
            if name in ("href", "src") and (value or "").strip().startswith("javascript:"):
                self.blocked.append(f"line {self.getpos()[0]}: <{tag} {name}=javascript:...>")
        if tag == "style":
            self.blocked.append(f"line {self.getpos()[0]}: <style>")
        kind = (named.get("type") or "").strip().lower()
        if tag == "script" and "src" not in named and kind in SCRIPT_TYPES:
            self._current = []

    def handle_data(self, data: str) -> None:
        if self._current is not None:
            self._current.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._current is not None:
            self.inline.append("".join(self._current))
            self._current = None


def inline_scripts(page: str) -> tuple[list[str], list[str]]:
    """Return the page's inline scripts, and what in it only ``'unsafe-inline'`` would allow.

    >>> inline_scripts('<script>a()</script><script type="application/json">{}</script>')
    (['a()'], [])
    >>> inline_scripts('<p style="color: red" onclick="a()">')[1]
    ['line 1: <p style=...>', 'line 1: <p onclick=...>']
    """
    parser = _Scripts()
    parser.feed(page)
    parser.close()
    return parser.inline, parser.blocked


def add_script_hashes(site_dir: Path, also: Callable[[str], Iterable[str]] | None = None) -> int:
    """Allow each page's inline scripts in its policy; return how many pages were done.

    ``also(page)`` returns the text of inline scripts the page's own scripts will write
    (the offline search shim's frame). Raises :class:`CspError` for a page without the
    policy ``<meta>``, with more than one, or with markup the policy would block
    (inline styles, event handler attributes, ``javascript:`` links).
    """
    done = 0
    for path in sorted(site_dir.rglob("*.html")):
        name = path.relative_to(site_dir).as_posix()
        page = path.read_text(encoding="utf-8")
        metas = list(META.finditer(page))
        if len(metas) != 1:
            found = "no" if not metas else str(len(metas))
            raise CspError(
                f"{name}: {found} Content-Security-Policy <meta> elements, expected one "
                "(the engine's theme/main.html writes it from extra.csp)"
            )
        scripts, blocked = inline_scripts(page)
        if blocked:
            raise CspError(f"{name}: {blocked[0]} would be blocked by the Content-Security-Policy")
        hashes = [script_hash(text) for text in [*scripts, *(also(page) if also else ())]]
        start, end = metas[0].span(2)
        page = page[:start] + with_hashes(page[start:end], hashes) + page[end:]
        path.write_text(page, encoding="utf-8")
        done += 1
    return done
