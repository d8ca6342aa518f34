"""The site's vocabularies: the words its records may use where the engine needs a choice.

A site may declare them in ``vocabularies.yml`` beside its records; what it leaves out
keeps the engine's default. Each is a list, in the order the site wants::

    # docs/data/vocabularies.yml
    actor_groups: [government, opposition, army, media, other]   # actors.yml `group:`
    claim_kinds:                                                  # claims.yml `kind:`
      - argument                    # a kind of the engine: the engine's labels
      - statement
      - editorial: {ar: افتتاحية الصحيفة, en: The paper's editorial}   # the site's own
    event_kinds: [happened, announced, expected]                  # timeline.yml `kind:`
    figure_kinds: [year, count, percent]                          # figures.yml `kind:`

A kind is shown to readers, so a kind the engine does not know needs a label in every
language of the site; one the engine knows may be given labels to say it otherwise.
Figure kinds are the ways the engine writes a number, so a site chooses among them.
Actor groups are not shown: they are words only. Some words are always there, because
the engine gives them a meaning: the groups ``author`` (the op-ed's author) and
``explainer`` (this site's own inferences), and the claim kind ``inference``.

>>> vocabularies = load_vocabularies(Path("no-such-folder"), "docs/data", ("en",), ErrorList())
>>> vocabularies.words["actor_groups"]
('officials', 'organisations', 'media', 'other', 'author', 'explainer')
>>> vocabularies.label("event_kinds", "announced", "en")
'Announced'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import yamlfile
from .errors import ErrorList
from .languages import Record
from .strings import t

VOCABULARIES = "vocabularies.yml"

#: The engine's defaults, for a site that declares nothing: every word it knows.
DEFAULTS: dict[str, tuple[str, ...]] = {
    "actor_groups": ("officials", "organisations", "media", "other"),
    "claim_kinds": ("account", "argument", "statement", "report", "inference"),
    "event_kinds": (
        "happened",
        "announced",
        "decided",
        "published",
        "negotiating",
        "reported",
        "stated",
        "expected",
    ),
    "figure_kinds": (
        "year",
        "count",
        "percent",
        "amount",
        "within-days",
        "within-weeks",
        "within-months",
        "within-years",
    ),
}
#: Words every site has, whatever it declares: the engine gives them a meaning.
RESERVED: dict[str, tuple[str, ...]] = {
    "actor_groups": ("author", "explainer"),
    "claim_kinds": ("inference",),
}
#: For each vocabulary shown to readers, the prefix of its words' interface strings
#: (``kind_argument`` in a language record's ``strings:``).
LABELLED: dict[str, str] = {"claim_kinds": "kind_", "event_kinds": "event_"}
#: Vocabularies whose words must be the engine's: each word is a way to render.
ENGINE_ONLY = ("figure_kinds",)

_WORD = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Vocabularies:
    """Every vocabulary's words, and the labels a site gave its kinds."""

    words: dict[str, tuple[str, ...]]
    #: ``labels[vocabulary][word][lang]``: the site's labels, where it gave them
    labels: dict[str, dict[str, dict[str, str]]] = field(default_factory=dict)

    def label(self, vocabulary: str, word: str, lang: str | Record) -> str:
        """Return how ``word`` of ``vocabulary`` is shown in ``lang`` (a code or its record).

        The site's label first, else the language's string (``kind_<word>``,
        ``event_<word>``), which the site's ``languages.yml`` may set too.
        """
        own = self.labels.get(vocabulary, {}).get(word)
        code = lang.code if isinstance(lang, Record) else lang
        return own[code] if own else t(lang, f"{LABELLED[vocabulary]}{word}")


def engine_knows(vocabulary: str, word: str) -> bool:
    """Return whether the engine has a label (or, for figures, a rendering) for ``word``."""
    return word in DEFAULTS[vocabulary] or word in RESERVED.get(vocabulary, ())


def load_vocabularies(
    data_dir: Path, display_dir: str, languages: tuple[str, ...], errors: ErrorList
) -> Vocabularies:
    """Return every vocabulary: the site's declaration where it has one, else the default.

    Problems (an unknown vocabulary, a word that is not a lower-case id, a new kind
    without a label in each of ``languages``) are added to ``errors`` with their line;
    the default then stands in.
    """
    path, shown = data_dir / VOCABULARIES, f"{display_dir}/{VOCABULARIES}"
    declared = (
        errors.collect(functools.partial(yamlfile.load, path, shown), None)
        if path.exists()
        else None
    )
    words = dict(DEFAULTS)
    labels: dict[str, dict[str, dict[str, str]]] = {}
    if declared is None:
        pass
    elif not isinstance(declared, yamlfile.Mapping):
        errors.add(shown, 1, f"expected vocabularies by name: {', '.join(DEFAULTS)}", "schema")
    else:
        for name, items in declared.items():
            line = declared.line_of(name)
            if name not in DEFAULTS:
                known = ", ".join(DEFAULTS)
                errors.add(shown, line, f"unknown vocabulary '{name}' (known: {known})", "schema")
                continue
            parsed = _parse(name, items, line, languages, shown, errors)
            if parsed is not None:
                words[name] = tuple(parsed)
                labels[name] = {w: lab for w, lab in parsed.items() if lab}
    return Vocabularies(
        {name: tuple(dict.fromkeys((*ws, *RESERVED.get(name, ())))) for name, ws in words.items()},
        labels,
    )


def _parse(
    name: str,
    items: Any,
    line: int,
    languages: tuple[str, ...],
    shown: str,
    errors: ErrorList,
) -> dict[str, dict[str, str]] | None:
    """Return one vocabulary's words with their labels (``{}`` for none), or ``None``."""
    labelled = name in LABELLED
    expected = f"'{name}': expected a list of lower-case words" + (
        ", or of 'word: {labels by language}'" if labelled else ""
    )
    if not isinstance(items, yamlfile.Sequence) or not items:
        errors.add(shown, line, expected, "schema")
        return None
    parsed: dict[str, dict[str, str]] = {}
    ok = True
    for item, at in zip(items, items.item_lines, strict=True):
        word, label = item, None
        if labelled and isinstance(item, yamlfile.Mapping) and len(item) == 1:
            word, label = next(iter(item.items()))
        if not (isinstance(word, str) and _WORD.match(word)):
            errors.add(shown, at, f"{expected}, got {item!r}", "schema")
            ok = False
            continue
        if word in parsed:
            errors.add(shown, at, f"'{name}': '{word}' is listed twice", "schema")
            ok = False
        elif name in ENGINE_ONLY and not engine_knows(name, word):
            known = ", ".join(DEFAULTS[name])
            errors.add(
                shown,
                at,
                f"'{name}': unknown figure kind '{word}' (the engine writes {known})",
                "schema",
            )
            ok = False
        elif labelled and label is None and not engine_knows(name, word):
            errors.add(
                shown,
                at,
                f"'{name}': '{word}' is not a kind the engine knows: give its label in each "
                f"language ('- {word}: {{{', '.join(f'{lang}: …' for lang in languages)}}}')",
                "schema",
            )
            ok = False
        elif label is not None:
            text = _labels(label, languages)
            if isinstance(text, str):
                errors.add(shown, at, f"'{name}': '{word}': {text}", "schema")
                ok = False
            else:
                parsed[word] = text
        else:
            parsed[word] = {}
    return parsed if ok else None


def _labels(value: Any, languages: tuple[str, ...]) -> dict[str, str] | str:
    """Return a label per language, or what is wrong with ``value``."""
    if not isinstance(value, dict):
        return f"expected a label per language ({', '.join(languages)})"
    missing = [lang for lang in languages if lang not in value]
    extra = sorted(set(value) - set(languages))
    if missing:
        return f"no '{missing[0]}' label (every language is required)"
    if extra:
        return f"unknown language '{extra[0]}' (expected: {', '.join(languages)})"
    bad = [lang for lang in languages if not (isinstance(value[lang], str) and value[lang].strip())]
    if bad:
        return f"the '{bad[0]}' label must be text"
    return {lang: " ".join(str(value[lang]).split()) for lang in languages}
