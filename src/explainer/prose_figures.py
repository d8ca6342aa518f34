r"""Figures in prose: a translated page writes the numbers its source page writes.

The records' figures are checked field by field (:mod:`explainer.fidelity`); this rule,
``fidelity.figure``, does the same for the prose of the pages. For each translated page
it compares the numbers written in digits with those of the source-language page of the
same name, as multisets: ``2,500`` = ``2500`` = ``٢٥٠٠`` = ``٢٬٥٠٠``; ``12.5`` = ``١٢٫٥``;
``%`` and ``٪`` stay with their number. Numbers written in words (``two years``,
``عامين``) are not compared.

Left out, because they are not the text's figures: markers and directives (``[[p4]]``),
addresses of links and images, code, HTML tags and entities (scripts and styles whole,
which the safety rules refuse anyway), attribute lists
(``{#anchor}``) and the numbers of ordered lists. A number that is deliberately in one
language only is marked so, with a class the safety rules allow::

    كتب المقال قبل انتخابات <span class="one-language">2024</span>.

>>> [n.value for n in figures_in([(3, "In 2021, 2,500 soldiers stayed.[[p2]]")])]
['2021', '2500']
>>> [n.value for n in figures_in([(3, "في عام ٢٠٢١ بقي ٢٬٥٠٠ جندي، أي ١٢٫٥٪.")])]
['2021', '2500', '12.5%']
>>> [n.value for n in figures_in([(1, '1. See [p. 4](source.md#p4) and `v2`.')])]
['4']
>>> figures_in([(7, 'Written before <span class="one-language">2024</span>.')])
[]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .content import Content
from .errors import ErrorList
from .pages import PageScan, page_pairs
from .safety import MARKDOWN_LINK

#: The mark for a number in one language only, as an editor writes it.
ONE_LANGUAGE = '<span class="one-language">…</span>'
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
#: A number in digits: groups of three after ``,`` or ``٬``, a decimal part after ``.`` or
#: ``٫``, and a percent sign (after a space or not). Matched once the digits are Latin.
_NUMBER = re.compile(r"(?<!\d)\d+(?:[,٬]\d{3})*(?:[.٫]\d+)?(?:[ \u00a0\u202f]?[%٪])?")
#: What is not the text's figures, each replaced by spaces before numbers are read.
_NOT_PROSE = [
    re.compile(r'<span\b[^>]*\bclass="(?:[^"]*\s)?one-language[\s"][^>]*>.*?</span>', re.DOTALL),
    re.compile(r"<!--.*?-->", re.DOTALL),
    re.compile(r"<(script|style)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE),  # not text
    re.compile(r"(`+)(?:(?!\n[ \t]*\n).)+?\1", re.DOTALL),  # code, within a paragraph
    re.compile(r"\[\[[^\[\]]*\]\]"),  # markers and directives
    re.compile(r"^[ \t]*\[[^\]\n]+\]:[^\n]*", re.MULTILINE),  # a link's definition
    re.compile(r"<(?:[a-z][a-z0-9+.-]*:|/)[^>\n]*>|<[a-z][^>\n]*>", re.IGNORECASE),  # tags
    re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)[^\s<>()]+", re.IGNORECASE),  # addresses
    re.compile(r"&#?\w+;"),  # entities
    re.compile(r"\{:?[ \t]*(?:[#.][\w-]|[\w-]+=)[^{}\n]*\}"),  # attribute lists
    re.compile(r"^(?:[ \t]*>)*[ \t]*\d+(?=[.)][ \t])", re.MULTILINE),  # list numbering
]


@dataclass(frozen=True)
class Figure:
    """A number as written in a page (``text``), its comparable ``value`` and place."""

    value: str
    text: str
    line: int
    col: int


def normalise(text: str) -> str:
    """Return the number ``text`` in one spelling: Latin digits, no grouping, ``.``, ``%``.

    >>> normalise("٢٬٥٠٠"), normalise("2,500"), normalise("١٢٫٥ ٪"), normalise("007")
    ('2500', '2500', '12.5%', '7')
    """
    text = text.translate(_DIGITS).replace(",", "").replace("٬", "").replace("٫", ".")
    percent = "%" if text[-1] in "%٪" else ""
    number = text.rstrip("%٪ \u00a0\u202f")
    whole, dot, fraction = number.partition(".")
    return f"{int(whole)}{dot}{fraction}{percent}"


def figures_in(lines: Iterable[tuple[int, str]]) -> list[Figure]:
    """Return the figures written in digits in ``lines`` (numbered), in order."""
    numbered = list(lines)
    text = "\n".join(line for _, line in numbered)
    masked = text
    for pattern in _NOT_PROSE:
        masked = pattern.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), masked)
    for link in MARKDOWN_LINK.finditer(masked):  # the address, not the link's text
        start, end = link.span(2)
        masked = masked[:start] + " " * (end - start) + masked[end:]
    starts = [0]
    for _, line in numbered:
        starts.append(starts[-1] + len(line) + 1)
    found = []
    for match in _NUMBER.finditer(masked.translate(_DIGITS)):
        index = next(i for i, start in enumerate(starts) if start > match.start()) - 1
        line_number = numbered[index][0]
        written = text[match.start() : match.end()]
        col = match.start() - starts[index] + 1
        found.append(Figure(normalise(written), written, line_number, col))
    return found


def check_prose_figures(
    scans: dict[str, list[PageScan]], content: Content, errors: ErrorList
) -> None:
    """Add a ``fidelity.figure`` error for every number one page of a pair lacks.

    ``scans`` holds the readable pages of each language. A number missing from the
    translation is reported where the source page writes it; a number the
    translation adds, where the translation writes it.
    """
    source = content.source.language
    for original, scan, lang in page_pairs(scans, content):
        theirs = figures_in(original.prose_lines())
        mine = figures_in(scan.prose_lines())
        for figure in _unmatched(theirs, mine):
            errors.add(
                original.page.shown,
                figure.line,
                f"the figure {figure.text} is not in the '{lang}' translation "
                f"{scan.page.shown}: write it there too, or mark it "
                f"{ONE_LANGUAGE} if it belongs to this language only",
                "fidelity.figure",
                col=figure.col,
            )
        for figure in _unmatched(mine, theirs):
            errors.add(
                scan.page.shown,
                figure.line,
                f"the figure {figure.text} is not in the '{source}' page "
                f"{original.page.shown}: correct it, or mark it {ONE_LANGUAGE} if it "
                "belongs to this language only",
                "fidelity.figure",
                col=figure.col,
            )


def _unmatched(figures: list[Figure], others: list[Figure]) -> list[Figure]:
    """Return the figures of ``figures`` beyond the count ``others`` has of each value.

    The first occurrences of a value pair up with the other page's; the later ones
    are reported.
    """
    left = Counter(figure.value for figure in others)
    unmatched = []
    for figure in figures:
        if left[figure.value]:
            left[figure.value] -= 1
        else:
            unmatched.append(figure)
    return unmatched
