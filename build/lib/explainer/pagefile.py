r"""The one way a Markdown page is read: checked text, and front matter parsed as YAML.

A page may open with front matter between two ``---`` lines; it is loaded with the
same line-keeping YAML loader as the records, so every problem has its line::

    ---
    title: الجدول الزمني
    description: ما حدث وما يُتوقع
    ---
    # …

:func:`read_page` refuses, with ``file:line``, what would break or mislead a build: a
file that is not UTF-8 text, front matter that is never closed or is not YAML key:value
pairs, a title holding markup, and a page with no content.

>>> page = parse_page("---\ntitle: Hello\n---\n\n# Hello\n", "docs/en/x.md")
>>> page.meta["title"], page.body_start, page.body_lines()[-1]
('Hello', 4, (5, '# Hello'))
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile
from .errors import ContentError, ContentInvalid, ErrorList, display_path
from .textfile import read_text

#: Front matter keys whose value is a name shown as text: markup in them is refused.
TITLE_KEYS = ("title",)
_FENCES = ("```", "~~~")


@dataclass(frozen=True)
class PageFile:
    """A page's text split into its front matter (parsed) and its body lines."""

    path: Path
    shown: str
    meta: yamlfile.Mapping
    lines: list[str]
    #: 1-based number of the first body line (1 when there is no front matter)
    body_start: int

    def body_lines(self) -> list[tuple[int, str]]:
        """Return the body's lines with their line numbers in the file."""
        return list(enumerate(self.lines[self.body_start - 1 :], start=self.body_start))

    def prose_lines(self, fences: bool = False) -> list[tuple[int, str]]:
        """Return the body's lines with their numbers, fenced code left out if ``fences``.

        ``fences`` says whether the site's Markdown reads fenced code blocks (with the
        ``fenced_code`` or ``pymdownx.superfences`` extension); without one, a fence is
        text like any other, and so is what it holds.
        """
        if not fences:
            return self.body_lines()
        result, fenced = [], False
        for number, line in self.body_lines():
            if line.lstrip().startswith(_FENCES):
                fenced = not fenced
            elif not fenced:
                result.append((number, line))
        return result

    @property
    def body(self) -> str:
        """Return the page's Markdown without its front matter."""
        return "\n".join(line for _, line in self.body_lines())


def markup_in(value: str) -> bool:
    """Return whether ``value`` holds characters that would be markup in HTML."""
    return "<" in value or ">" in value


def parse_page(text: str, shown: str, path: Path | None = None) -> PageFile:
    """Split and check the page ``text``; ``shown`` names it in errors.

    Raises :class:`ContentInvalid` listing every problem of the page.
    """
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    errors = ErrorList()
    meta = yamlfile.Mapping()
    body_start = 1
    if lines and lines[0].rstrip() == "---":
        end = next((i for i, line in enumerate(lines[1:], 1) if line.rstrip() in ("---", "...")), 0)
        if not end:
            raise ContentInvalid(
                [
                    ContentError(
                        shown,
                        1,
                        "front matter opened here is never closed: add a line '---' after it",
                        "page.front-matter",
                    )
                ]
            )
        body_start = end + 2
        data = errors.collect(lambda: yamlfile.loads("\n".join(lines[1:end]), shown, 2), None)
        if isinstance(data, yamlfile.Mapping):
            meta = data
        elif data is not None:
            errors.add(shown, 2, "front matter must be 'key: value' lines", "page.front-matter")
    for key in TITLE_KEYS:
        value = meta.get(key)
        if key in meta and not isinstance(value, str):
            errors.add(shown, meta.line_of(key), f"'{key}' must be text", "page.front-matter")
        elif isinstance(value, str) and markup_in(value):
            errors.add(
                shown,
                meta.line_of(key),
                f"'{key}' must be plain text, without '<' or '>'",
                "safety.title",
            )
    if not any(line.strip() for line in lines[body_start - 1 :]):
        errors.add(shown, max(len(lines), 1), "page has no content", "page.empty")
    errors.raise_if_any()
    return PageFile(path or Path(shown), shown, meta, lines, body_start)


_cache: dict[tuple[Path, str], tuple[tuple[int, int], PageFile]] = {}


def read_page(path: Path) -> PageFile:
    """Return the checked page at ``path``, read once until the file changes.

    Raises :class:`ContentInvalid` naming the page and line of each problem. The page
    is kept by where it is and how messages name it (from the working folder).
    """
    shown = display_path(path)
    key = (path.resolve(), shown)
    try:
        info = os.stat(key[0])
        stamp = (info.st_mtime_ns, info.st_size)
    except OSError:
        stamp = (0, -1)  # read_text says what is wrong
    cached = _cache.get(key)
    if cached and cached[0] == stamp:
        return cached[1]
    page = parse_page(read_text(path, shown), shown, path)
    _cache[key] = (stamp, page)
    return page
