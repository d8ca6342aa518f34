"""CLDR plural rules as data, for the search-result count the browser writes.

Material's script knows three counts (none, one, other); Arabic has six plural forms.
The build hands each page its language's rules, taken from Babel, and the forms of
the count from the language record (``theme:`` strings ``explainer.search.result.*``);
``theme/assets/javascripts/search-count.js`` evaluates the rules and rewrites the count.
No rule is written by hand: the script only knows how to read Babel's syntax tree.

>>> data = search_count_data("ar", {"explainer.search.result.one": "نتيجة واحدة",
...                                 "explainer.search.result.other": "# نتيجة"})
>>> data["result"], [category for category, _ in data["rules"]]
({'one': 'نتيجة واحدة', 'other': '# نتيجة'}, ['few', 'many', 'one', 'two', 'zero'])
>>> search_count_data("en", {}) is None
True
"""

from __future__ import annotations

from typing import Any

from .l10n import PLURAL_CATEGORIES, locale_for

#: The nodes of Babel's plural syntax tree that search-count.js evaluates.
NODES = set("or and not is isnot relation in within mod value range_list".split())
#: The operands of a CLDR rule: for a whole number n, i is n and the others are 0.
OPERANDS = set("n i v w f t c e".split())
PREFIX = "explainer.search.result."


def plural_rules(lang: str) -> list[list[Any]]:
    """Return ``lang``'s plural rules as ``[category, syntax tree]`` pairs (JSON-ready).

    Raises ``ValueError`` for a tree holding a node search-count.js cannot evaluate.

    >>> plural_rules("ar")[-1]
    ['zero', ['relation', ['in', ['n', []], ['range_list', [[['value', [0]], ['value', [0]]]]]]]]
    """
    rules = [[category, _plain(tree)] for category, tree in locale_for(lang).plural_form.abstract]
    for category, tree in rules:
        unknown = _names(tree) - NODES - OPERANDS
        if unknown:
            raise ValueError(f"{lang} plural rule '{category}': unknown nodes {sorted(unknown)}")
    return rules


def search_count_data(lang: str, strings: dict[str, str]) -> dict[str, Any] | None:
    """Return the data search-count.js needs on a page in ``lang``, or ``None``.

    ``strings`` are the theme strings of ``lang``; ``None`` when they give no count
    forms (Material's own count then stands, as in English).
    """
    forms = {
        name: {
            category: strings[key]
            for category in PLURAL_CATEGORIES
            if (key := f"{PREFIX}{name}{category}") in strings
        }
        for name in ("", "more.")
    }
    if not forms[""]:
        return None
    return {"rules": plural_rules(lang), "result": forms[""], "more": forms["more."]}


def _plain(node: Any) -> Any:
    """Return Babel's tree (tuples) as lists, which is what JSON makes of it anyway."""
    return [_plain(item) for item in node] if isinstance(node, (list, tuple)) else node


def _names(node: Any) -> set[str]:
    """Return the names of the nodes in ``node``: the first item of each list."""
    if not isinstance(node, list) or not node:
        return set()
    own = {node[0]} if isinstance(node[0], str) else set()
    return own.union(*(_names(item) for item in node))
