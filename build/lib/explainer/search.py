r"""Search terms: one normaliser for the index and the query, per language, Arabic first.

Material's search builds a lunr index in the reader's browser. For Arabic it does no
normalisation at all, so a reader who types ``الإنسحاب`` never finds ``الانسحاب``. This
module turns a word into the *term* the index stores and the query looks up; the same
rules run in the browser (``src/explainer/theme/assets/javascripts/search-terms.js``, a rule-for-
rule copy) on every word of the pages and of every query, and both implementations
pass the shared vectors in ``tests/engine/search_vectors.yml``.

The rules are built-ins; their parameters are data, in the language records
(``explainer/languages/<code>.yml``, ``search:``): which letters are folded into which
(``letters``) and whether Arabic-script words are stemmed (``stemmer``). :class:`Rules`
holds them for one index; without one, the functions use the Arabic record's.

A term is made in three steps, each a pure function:

:func:`normalise` (any text) drops what a reader may or may not type: invisible
direction marks, tatweel and diacritics; it folds the letters the rules name (in
Arabic, every alef with hamza or madda is a bare alef, taa marbuta is ha, alef maqsura
is ya), writes Arabic-Indic digits as Latin ones, and lower-cases Latin letters:

>>> normalise("الإنْسِحَـاب ١٥٣ UNESCO")
'الانسحاب 153 unesco'

:func:`stem` (one normalised word) strips proclitics (``و ف ب ك ل`` and the article,
also combined: ``وال بال لل``) and light suffixes (``ات ون ين ان ها هم يه ه ي``). It
strips as long as a rule applies and at least ``MIN_STEM`` letters remain, so the
result does not depend on how many clitics the word carried, and stemming a stem
changes nothing:

>>> [stem(normalise(w)) for w in ("الانسحاب", "بالانسحاب", "للانسحاب", "لانسحاب")]
['انسحاب', 'انسحاب', 'انسحاب', 'انسحاب']
>>> stem(normalise("المدنية")), stem(normalise("وإيران")), stem("و900")
('مدن', 'اير', '900')

:class:`Terms` adds the site's synonyms (``docs/data/synonyms.yml``, loaded by
:func:`load_synonyms`): every one-word spelling in a group becomes the group's term,
so ``ترمب`` and ``Trump`` find ``ترامب``; the group's term is its first one-word
spelling in the language being built. Groups with spellings of several words (``وول
ستريت جورنال``) cannot be one term: :meth:`Terms.query` adds their words to a query
that names the group.

>>> terms = Terms([{"ar": ["ترامب", "ترمب"], "en": ["Trump"]}], "ar")
>>> terms.key("Trump"), terms.key("وترمب"), terms.terms("الرئيس دونالد ترامب،")
('ترامب', 'ترامب', ['رءيس', 'دونالد', 'ترامب'])

Why index and query meet: Material appends ``*`` to each query word (a prefix
search), and lunr runs no pipeline on such words, while the index is built through
the pipeline. So the query is rewritten into terms *before* Material sees it
(:meth:`Terms.query`), and the index is built with :meth:`Terms.key` as its pipeline
(``src/explainer/theme/assets/javascripts/workers/explainer-search.js``). One word becomes
exactly one term, so Material's highlighting of the original text stays right.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import porter, yamlfile
from .errors import ErrorList
from .languages import Record, engine_record

#: Where Material's tokenizer splits the text of a page and a query into words (the
#: search plugin's ``separator`` in mkdocs.yml): white space and punctuation, Arabic
#: punctuation included, but not the comma or point inside a number (``2,500``).
SEPARATOR = r'[\s\-:;!?=\[\]()"“”«»/،؛؟…]+|[.,](?!\d)'
#: The fewest letters a stem keeps: a proclitic or suffix is stripped only if at
#: least this many letters remain.
MIN_STEM = 3
PROCLITICS = "وفبكل"
ARTICLE = "ال"
#: Light suffixes, longest first (written as :func:`normalise` writes them).
SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "يه", "ه", "ي")

# Marks a reader cannot see: soft hyphen, Arabic letter mark, zero-width characters and
# direction marks, embeddings and overrides, isolates, the byte-order mark; and tatweel.
_INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u0640]")
# Diacritics: harakat, tanween, shadda, sukun, superscript alef and Quranic marks.
_DIACRITICS = re.compile(
    "[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e4\u06e7\u06e8\u06ea-\u06ed]"
)
# Arabic-Indic digits (٠-٩) and Persian ones (۰-۹)
_DIGITS = {chr(zero + d): str(d) for zero in (0x0660, 0x06F0) for d in range(10)}
_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")
# A thousands separator (2,500 or ٢٬٥٠٠) and the Arabic decimal separator (٢٫٥)
_THOUSANDS = re.compile("(?<=[0-9])[,\u066c](?=[0-9]{3}(?![0-9]))")
_DECIMAL = re.compile("(?<=[0-9])\u066b(?=[0-9])")
# An Arabic letter, as normalise() leaves them (tatweel and marks are gone by then)
_ARABIC_WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u066e\u066f\u0671-\u06d3\u06fa-\u06fc]+")
_LATIN_WORD = re.compile("[a-z]+")
_SPLIT = re.compile(SEPARATOR)
# A query word's operators, which Material's query syntax reads: +must, -must not, prefix*
_QUERY_WORD = re.compile(r"^([+-]?)(.*?)(\*?)$", re.DOTALL)


@dataclass(frozen=True)
class Rules:
    """The search rules of one index: the letters it folds, whether it stems Arabic script.

    >>> Rules.of(engine_record("ckb")).stems_arabic, dict(Rules.of(engine_record("ckb")).letters)
    (False, {'ك': 'ک', 'ي': 'ی', 'ى': 'ی'})
    """

    letters: tuple[tuple[str, str], ...] = ()
    stems_arabic: bool = False

    @classmethod
    def of(cls, *records: Record) -> Rules:
        """Return the rules of the first record that writes in Arabic script.

        An index holds its own language and quotations of the source language: an
        English index of an Arabic-source site folds and stems the Arabic it quotes as
        the Arabic index does, so a word typed on either finds the same pages.
        """
        for rec in records:
            search = rec.search
            if search.get("normaliser") == "arabic-script":
                letters = tuple((str(k), str(v)) for k, v in (search.get("letters") or {}).items())
                return cls(letters, search.get("stemmer") == "arabic-light")
        return cls()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str] | None:
        """Return the pattern matching any letter these rules fold, or None."""
        return re.compile("[" + "".join(k for k, _ in self.letters) + "]") if self.letters else None

    def as_json(self) -> dict[str, Any]:
        """Return the rules as the browser's copy reads them (``search-terms.js``)."""
        return {"letters": dict(self.letters), "stem": self.stems_arabic}


def _arabic() -> Rules:
    arabic = engine_record("ar")
    assert arabic is not None, "the engine ships an Arabic record"
    return Rules.of(arabic)


#: The rules when none are given: the Arabic record's.
ARABIC = _arabic()


def normalise(text: str, rules: Rules = ARABIC) -> str:
    """Return ``text`` as search compares it: the same letters, one way of writing each.

    >>> normalise("التَّحالُف الـدولي")
    'التحالف الدولي'
    >>> normalise("مستوى الأمن في آذار: ٢٬٥٠٠ جندي، و۹۰۰")
    'مستوي الامن في اذار: 2500 جندي، و900'
    >>> normalise("\u200fThe Wall Street Journal\u200f")
    'the wall street journal'
    """
    text = _INVISIBLE.sub("", text)
    text = _DIACRITICS.sub("", text)
    if rules.pattern is not None:
        letters = dict(rules.letters)
        text = rules.pattern.sub(lambda m: letters[m.group()], text)
    text = _DIGIT.sub(lambda m: _DIGITS[m.group()], text)
    text = _THOUSANDS.sub("", text)
    text = _DECIMAL.sub(".", text)
    return text.lower()


def stem(word: str, rules: Rules = ARABIC) -> str:
    """Return the stem of one normalised word, by its script, whatever the site's language.

    An Arabic word loses its proclitics and light suffixes; an English (Latin) word is
    stemmed as lunr.js stems it (:mod:`explainer.porter`), so ``elections`` typed on
    the Arabic site meets ``election``; anything else is returned as it is, but a
    proclitic written onto a number or a Latin word comes off (``و900``, ``وUNESCO``).
    The stem of a name can lose a letter taken for a proclitic (``بايدن``); the
    :class:`Terms` of a site keep its names whole.

    >>> [stem(w) for w in ("والتحالف", "القوات", "الاميركيين", "واشنطن", "بايدن", "ف2")]
    ['تحالف', 'قوات', 'اميرك', 'اشنطن', 'ايدن', '2']
    >>> stem("withdrawal"), stem("elections"), stem("بلد"), stem(stem("الدوليه"))
    ('withdraw', 'elect', 'بلد', 'دول')

    Rules that do not stem Arabic script leave its words whole (Central Kurdish has
    no proclitic و or article ال): ``stem("والتحالف", Rules())`` is ``والتحالف``.
    """
    if not rules.stems_arabic:
        return porter.stem(word) if _LATIN_WORD.fullmatch(word) else word
    if len(word) > 1 and word[0] in PROCLITICS and not _ARABIC_WORD.match(word[1]):
        word = word[1:]
        return porter.stem(word) if _LATIN_WORD.fullmatch(word) else word
    if _LATIN_WORD.fullmatch(word):
        return porter.stem(word)
    if not _ARABIC_WORD.fullmatch(word):
        return word
    word = clitic_forms(word)[-1]
    stripped = True
    while stripped:
        stripped = False
        for suffix in SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
                word = word[: -len(suffix)]
                stripped = True
                break
    return word


def clitic_forms(word: str, rules: Rules = ARABIC) -> list[str]:
    """Return the normalised ``word``, then each form left as its proclitics come off.

    Arabic writes them in one order: a conjunction, a preposition, the article
    (``و`` + ``ب`` + ``ال`` + ``انسحاب``), so nothing comes off after the article
    (``الفقرات`` is not ``ال`` + ``ف`` + ``قرات``). A one-letter proclitic comes off
    only if the article follows it or four letters remain: three-letter roots that
    begin with one of its letters stay whole (``وزير``, ``فقرة``, ``وجود``).

    >>> clitic_forms("وبالانسحاب"), clitic_forms("بايدن"), clitic_forms("و900")
    (['وبالانسحاب', 'بالانسحاب', 'الانسحاب', 'انسحاب'], ['بايدن', 'ايدن'], ['و900', '900'])
    >>> clitic_forms("الفقرات"), clitic_forms("فقره"), clitic_forms("للانسحاب")
    (['الفقرات', 'فقرات'], ['فقره'], ['للانسحاب', 'انسحاب'])
    """
    forms = [word]
    if not rules.stems_arabic:
        return forms
    if len(word) > 1 and word[0] in PROCLITICS and not _ARABIC_WORD.match(word[1]):
        return [word, word[1:]]
    if not _ARABIC_WORD.fullmatch(word):
        return forms
    while True:
        if word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_STEM:
            forms.append(word[len(ARTICLE) :])
            return forms
        if word.startswith("لل") and len(word) - 2 >= MIN_STEM:
            forms.append(word[2:])  # ل + ال, written without the alef
            return forms
        rest = word[1:]
        if word[0] in PROCLITICS and (
            len(rest) > MIN_STEM or (rest.startswith(ARTICLE) and len(rest) > len(ARTICLE))
        ):
            word = rest
            forms.append(word)
        else:
            return forms


def words(text: str) -> list[str]:
    """Return the words of ``text`` as Material's tokenizer splits them (``SEPARATOR``).

    >>> words("«المدينة، والنهر» (2,500 سد).")
    ['المدينة', 'والنهر', '2,500', 'سد']
    """
    return [w for w in _SPLIT.split(text) if w]


#: Synonym groups: each maps a language code to a spelling or a list of spellings.
Groups = Sequence[Mapping[str, str | Sequence[str]]]


class Terms:
    """The term of every word, with the site's synonyms, for one language's index.

    ``groups`` are synonym groups as :func:`load_synonyms` returns them (each maps a
    language code to a spelling or a list of spellings); ``lang`` is the language of
    the index being built, and ``rules`` its search rules.
    """

    def __init__(self, groups: Groups = (), lang: str = "", rules: Rules = ARABIC) -> None:
        self.rules = rules
        #: each one-word spelling, as written without the article: its group's term
        self.names: dict[str, str] = {}
        #: the stem of each one-word spelling: the term of its group, where the stem
        #: only lost a suffix (a name whose first letter reads as a proclitic keeps it)
        self.synonyms: dict[str, str] = {}
        ordered = [_in_order(group, lang) for group in groups]
        for spellings in ordered:
            single = [normalise(w[0], rules) for w in map(words, spellings) if len(w) == 1]
            named = [(spelling, _bare(spelling, rules)) for spelling in single if spelling]
            for spelling, name in named:
                self.names.setdefault(name, named[0][1])
                base = stem(spelling, rules)
                if base and name.startswith(base):
                    self.synonyms.setdefault(base, named[0][1])
        #: (the terms a query names a group by, the terms it then adds), for groups
        #: with a spelling of several words
        self.expansions: list[tuple[tuple[str, ...], tuple[str, ...]]] = []
        for group, spellings in zip(groups, ordered, strict=True):
            names = [tuple(self.terms(s)) for s in spellings]
            if all(len(name) <= 1 for name in names):
                continue  # one-word spellings only: they share one term already
            here = _spellings(group.get(lang, ()))
            adds = tuple(dict.fromkeys(t for s in here for t in self.terms(s)))
            self.expansions += [(name, adds) for name in names if name]

    def key(self, word: str) -> str:
        """Return the term of one word of a page or a query ('' if nothing is left).

        >>> Terms().key("الـتّحالف"), Terms().key("ـ")
        ('تحالف', '')
        """
        word = normalise(word, self.rules)
        for form in clitic_forms(word, self.rules):
            if form in self.names:
                return self.names[form]
        base = stem(word, self.rules)
        return self.synonyms.get(base, base)

    def terms(self, text: str) -> list[str]:
        """Return the terms of ``text``, word by word, as the index stores them."""
        return [t for t in (self.key(w) for w in words(text)) if t]

    def query(self, text: str, known: Collection[str] | None = None) -> str:
        """Return the search query ``text`` rewritten in terms, for Material to run.

        Material's own syntax survives: a leading ``+`` or ``-``, a trailing ``*``.
        A query that names a synonym group with a spelling of several words gets
        the terms of the group's spellings in this index's language added, so ``WSJ``
        finds ``وول ستريت جورنال`` (one-word spellings need nothing: they share a term).

        ``known``, the terms of the index, if given, keeps out added terms the index
        lacks and drops a term that named a group but starts no term of the index:
        it could find nothing, and Material would list it as missing from every result.

        >>> Terms().query("  +الإنسحاب والتّحالف -الفيضان* ")
        '+انسحاب تحالف -فيض*'
        >>> wsj = Terms([{"ar": ["وول ستريت جورنال"], "en": ["WSJ"]}], "ar")
        >>> wsj.query("WSJ 153"), wsj.query("وول ستريت جورنال")
        ('wsj 153 وول ستريت جورنال', 'وول ستريت جورنال')
        >>> wsj.query("WSJ 153", known={"153", "وول", "ستريت"})
        '153 وول ستريت'
        """
        parts: list[tuple[str, str]] = []  # (the word as Material gets it, its term)
        for chunk in text.split():
            match = _QUERY_WORD.match(chunk)
            assert match is not None  # the pattern matches any string
            before, core, after = match.groups()
            parts += [(before + term + after, term) for term in self.terms(core)]
        found = [term for _, term in parts]
        naming: set[str] = set()
        for name, adds in self.expansions:
            if _contains(found, name):
                naming.update(name)
                for term in adds:
                    if term not in found and (known is None or term in known):
                        parts.append((term, term))
                        found.append(term)
        if known is not None:
            parts = [p for p in parts if p[1] not in naming or _starts_any(p[1], known)]
        return " ".join(word for word, _ in parts)


def _bare(word: str, rules: Rules) -> str:
    """Return the normalised one-word spelling ``word`` without the article, if any."""
    if rules.stems_arabic and word.startswith(ARTICLE) and len(word) - len(ARTICLE) >= MIN_STEM:
        return word[len(ARTICLE) :]
    return word


def _spellings(value: str | Sequence[str]) -> list[str]:
    """Return a group's spellings in one language: a spelling, or a list of them."""
    return [value] if isinstance(value, str) else list(value)


def _in_order(group: Mapping[str, str | Sequence[str]], lang: str) -> list[str]:
    """Return the spellings of ``group``, those in ``lang`` first."""
    first = _spellings(group.get(lang, ()))
    rest = [s for code, value in group.items() if code != lang for s in _spellings(value)]
    return first + rest


def _starts_any(prefix: str, terms: Collection[str]) -> bool:
    """Return whether any of ``terms`` starts with ``prefix``."""
    return any(term.startswith(prefix) for term in terms)


def _contains(items: Sequence[str], part: Sequence[str]) -> bool:
    """Return whether ``part`` occurs in ``items`` as a contiguous run."""
    n = len(part)
    return any(tuple(items[i : i + n]) == tuple(part) for i in range(len(items) - n + 1))


# --- the synonym list ----------------------------------------------------------------

SYNONYMS = "synonyms.yml"


def load_synonyms(
    path: Path,
    display: str,
    languages: Sequence[str],
    rules: Mapping[str, Rules] | None = None,
) -> list[dict[str, list[str]]]:
    """Read the synonym groups in ``path`` (``display`` names it in errors).

    The file is a list of groups; a group maps language codes (of ``languages``) to a
    spelling or a list of spellings. A missing file means no synonyms. Raises
    :class:`~explainer.errors.ContentInvalid` with ``file:line`` for every bad entry.
    Two spellings are the same when search sees them as the same, by the ``rules`` of
    their language (by default, the Arabic record's): Central Kurdish does not stem,
    so ``قوتابی`` and ``قوتابییان`` are two spellings there.
    """
    if not path.exists():
        return []
    data = yamlfile.load(path, display)
    errors = ErrorList()
    groups = _check_groups(data, display, tuple(languages), errors, rules or {})
    errors.raise_if_any()
    return groups


def _check_groups(
    data: Any,
    display: str,
    languages: tuple[str, ...],
    errors: ErrorList,
    rules: Mapping[str, Rules],
) -> list[dict[str, list[str]]]:
    def add(line: int, message: str) -> None:
        errors.add(display, line, message, "search.synonyms")

    known = ", ".join(languages)
    if data is None:
        return []
    if not isinstance(data, yamlfile.Sequence):
        add(getattr(data, "line", 1), "expected a list of synonym groups")
        return []
    groups: list[dict[str, list[str]]] = []
    owner: dict[tuple[str, ...], tuple[str, int]] = {}  # terms: (spelling, line)
    for item, line in zip(data, data.item_lines, strict=True):
        if not isinstance(item, yamlfile.Mapping):
            add(
                line,
                "a synonym group maps language codes to spellings, "
                f"e.g. {{ar: [ترامب, ترمب], en: Trump}}; found {_kind(item)}",
            )
            continue
        group: dict[str, list[str]] = {}
        for code, value in item.items():
            where = item.line_of(code)
            if code not in languages:
                add(where, f"unknown language '{code}' (the site's: {known})")
                continue
            values = value if isinstance(value, list) else [value]
            lines = value.item_lines if isinstance(value, yamlfile.Sequence) else [where]
            for spelling, at in zip(values, lines, strict=True):
                if not isinstance(spelling, str) or not spelling.strip():
                    found = _kind(spelling)
                    add(at, f"'{code}': expected a spelling, found {found}")
                    continue
                terms = tuple(Terms(rules=rules.get(code, ARABIC)).terms(spelling))
                if not terms:
                    add(at, f"'{code}': '{spelling}' has nothing to search for")
                    continue
                if terms in owner:
                    other, other_line = owner[terms]
                    add(
                        at,
                        f"'{spelling}' is searched as '{' '.join(terms)}', "
                        f"like '{other}' at line {other_line}: list it once",
                    )
                    continue
                owner[terms] = (spelling, at)
                group.setdefault(code, []).append(spelling)
        written = sum(len(v) if isinstance(v, list) else 1 for v in item.values())
        if written < 2:
            add(item.line, "a synonym group needs two spellings or more")
        if group:
            groups.append(group)
    return groups


def _kind(value: Any) -> str:
    if value is None or value == "":
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return repr(value)


def merge_groups(
    *sources: Groups, rules: Mapping[str, Rules] | None = None
) -> list[dict[str, list[str]]]:
    """Return the groups of ``sources`` with every two groups that share a word made one.

    The site's search groups are its synonyms, then one group per glossary term (the
    term in each language and its other forms) and per actor (the name in each
    language): a reader's word in either language then finds the pages of the other,
    through the translations the content already agrees on. Groups that share a
    spelling, as search compares spellings (by the ``rules`` of their language, the
    Arabic record's by default), become one, in the order they came; a spelling
    already in the group is not repeated.

    >>> merge_groups(
    ...     [{"ar": ["السدود"], "en": ["dams", "barrages"]}, {"ar": "النهر", "en": "river"}],
    ...     [{"ar": "والسدود", "en": "weirs"}, {"ar": "ضفة النهر", "en": "riverbank"}],
    ... )  # doctest: +NORMALIZE_WHITESPACE
    [{'ar': ['السدود'], 'en': ['dams', 'barrages', 'weirs']}, {'ar': ['النهر'], 'en': ['river']},
     {'ar': ['ضفة النهر'], 'en': ['riverbank']}]
    """
    plain = {code: Terms(rules=r) for code, r in (rules or {}).items()}
    groups = [
        [
            (code, s, tuple(plain.get(code, Terms()).terms(s)))
            for code, v in group.items()
            for s in _spellings(v)
        ]
        for source in sources
        for group in source
    ]
    parent = list(range(len(groups)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i] = parent[parent[i]]
        return i

    first: dict[tuple[str, ...], int] = {}
    for i, spellings in enumerate(groups):
        for _, _, key in spellings:
            if key in first:
                a, b = root(i), root(first[key])
                parent[max(a, b)] = min(a, b)
            elif key:
                first[key] = i
    merged: dict[int, dict[str, list[str]]] = {}
    seen: dict[int, set[tuple[str, ...]]] = {}
    for i, spellings in enumerate(groups):
        top = root(i)
        target, keys = merged.setdefault(top, {}), seen.setdefault(top, set())
        for code, spelling, key in spellings:
            if key and key not in keys:
                keys.add(key)
                target.setdefault(code, []).append(spelling)
    return [g for g in merged.values() if sum(map(len, g.values())) > 1]


# --- the built index -----------------------------------------------------------------

#: The key under the search index's ``config`` where the worker finds its settings.
INDEX_KEY = "explainer"


def add_to_index(
    site_dir: Path, groups: Groups, lang: str, original: str = "", rules: Rules = ARABIC
) -> bool:
    """Put the search groups, the language and its rules into ``site_dir``'s search index.

    ``original`` is the address of the page showing the op-ed, which the worker ranks
    after the explainer's own sections when both hold the query (see the README).
    Material hands the index's ``config`` to its search worker, which is where the
    worker wrapper reads them. Returns False when there is no index (search is off).
    """
    path = site_dir / "search" / "search_index.json"
    if not path.is_file():
        return False
    index = json.loads(path.read_text(encoding="utf-8"))
    index.setdefault("config", {})[INDEX_KEY] = {
        "lang": lang,
        "rules": rules.as_json(),
        "original": original,
        "synonyms": [{code: list(s) for code, s in g.items()} for g in groups],
    }
    # UTF-8 as it is: with \uXXXX escapes every Arabic letter would weigh six bytes
    path.write_text(json.dumps(index, separators=(",", ":"), ensure_ascii=False), "utf-8")
    return True
