"""Load the content once, validate it in one place, and hand out one typed model.

:func:`load_content` is what every consumer calls (the Markdown extensions, the MkDocs
glue, the command line). It reads the data directory, reports every problem it finds
as ``file:line: message`` in one :class:`~explainer.errors.ContentInvalid`, and caches
the model until a file in the directory changes, so a build that renders many pages
in two languages loads the content once.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from . import yamlfile
from .errors import ContentError, ContentInvalid, ErrorList, display_path
from .fidelity import check_fidelity
from .languages import Record, load_site_records
from .records import OPTIONAL_KINDS, RECORD_KINDS, Records, load_records
from .schema import Context
from .search import SYNONYMS, Rules, load_synonyms, merge_groups
from .source import Source, load_source
from .vocabularies import Vocabularies, load_vocabularies


@dataclass(frozen=True, eq=False)
class Content:
    """Everything the site says, in every language."""

    data_dir: Path
    source: Source
    records: Records
    synonyms: list[dict[str, list[str]]]
    vocabularies: Vocabularies
    language_records: dict[str, Record]

    @property
    def languages(self) -> tuple[str, ...]:
        """Return the site's languages, the source language first."""
        return self.source.languages

    def language(self, code: str) -> Record:
        """Return the record of language ``code``, with the site's ``languages.yml`` applied."""
        return self.language_records[code]

    @functools.cached_property
    def search_groups(self) -> list[dict[str, list[str]]]:
        """Return the words search treats as one: synonyms, glossary terms, actor names.

        Each glossary term and actor name joins its translations (and a term its other
        forms), so a reader's word in one language finds the pages of another
        (:func:`explainer.search.merge_groups`).
        """
        terms = [
            {lang: list(term.forms(lang)) for lang in self.languages} for term in self.records.terms
        ]
        actors = [dict(actor.name) for actor in self.records.actors.values()]
        return merge_groups(self.synonyms, terms, actors, rules=self.search_rules)

    @functools.cached_property
    def search_rules(self) -> dict[str, Rules]:
        """Return the search rules of each language (:meth:`explainer.search.Rules.of`)."""
        return search_rules(self.language_records, self.source.language)


def search_rules(records: dict[str, Record], source: str) -> dict[str, Rules]:
    """Return the search rules of each language of ``records`` (``source``: the op-ed's)."""
    return {code: Rules.of(rec, records[source]) for code, rec in records.items()}


#: By folder and how messages name it (from the working folder): the content's errors
#: and records carry the names.
_cache: dict[tuple[Path, str], tuple[tuple[tuple[str, int, int], ...], Content]] = {}


def signature(data_dir: Path) -> tuple[tuple[str, int, int], ...]:
    """Return the path, modification time and size of every file under ``data_dir``."""
    entries = []
    for dirpath, _, files in os.walk(data_dir):
        for name in files:
            stat = os.lstat(os.path.join(dirpath, name))
            entries.append((os.path.join(dirpath, name), stat.st_mtime_ns, stat.st_size))
    return tuple(sorted(entries))


def load_content(data_dir: str | Path) -> Content:
    """Return the validated content of ``data_dir``.

    Raises :class:`ContentInvalid` listing every problem found.
    """
    path = Path(data_dir).resolve()
    shown = display_path(Path(data_dir))
    if not path.is_dir():
        raise ContentInvalid([ContentError(shown, 1, "content directory not found")])
    current = signature(path)
    cached = _cache.get((path, shown))
    if cached and cached[0] == current:
        return cached[1]
    errors = ErrorList()
    source = load_source(path, shown, errors)
    if source is None:
        # Without the op-ed no record can be checked; still name every file that cannot
        # be read or parsed, so one run reports them all.
        for name in (f"{kind}.yml" for kind in RECORD_KINDS):
            if name.removesuffix(".yml") in OPTIONAL_KINDS and not (path / name).exists():
                continue
            errors.collect(functools.partial(yamlfile.load, path / name, f"{shown}/{name}"), 0)
        errors.raise_if_any()
    assert source is not None  # load_source returns None only after adding an error
    vocabularies = load_vocabularies(path, shown, source.languages, errors)
    ctx = Context(
        source.languages,
        {"paragraph": {"title": 1, **{p: 1 for p in source.paragraphs}}},
        vocabularies=vocabularies.words,
    )
    language_records = load_site_records(path, shown, source.languages, errors)
    records = load_records(path, shown, ctx, errors, units=[])
    rules = search_rules(language_records, source.language)
    synonyms: list[dict[str, list[str]]] = errors.collect(
        lambda: load_synonyms(path / SYNONYMS, f"{shown}/{SYNONYMS}", source.languages, rules),
        [],
    )
    if not errors:
        check_fidelity(source, records, errors, rules)
    errors.raise_if_any()
    content = Content(path, source, records, synonyms, vocabularies, language_records)
    _cache[(path, shown)] = (current, content)
    return content
