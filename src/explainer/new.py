"""``explainer new DIR [--source LANG] [--languages LANG,…]``: a starter that builds and checks.

The starter is a made-up op-ed, "The city and the river", with one record of each kind,
its pages, and what a newsroom's repository needs around them: a short ``mkdocs.yml``,
``CONTRIBUTING.md``, a pull-request workflow and ``.ci/run`` that install a pinned engine.
It holds no theme, script, stylesheet or font: the engine brings them.

Its content is written in Arabic with an English translation (``starter/``, which the
engine's own tests build as their sample project) and exists in Central Kurdish and
Persian too (``starter_texts/<code>.yml``, each text by its English): any of these can
be the source language, and any others its translations. The texts are reshaped for the
languages asked for, and every translation's fingerprint is recorded
(``explainer status --accept``), so the new project passes ``check --strict`` at once.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

import yaml

from .build import load_project
from .cache import CACHE_DIR
from .check import translation_units
from .translation import accept_page, accept_records

#: The starter as written: Arabic, translated into English.
STARTER = Path(__file__).parent / "starter"
#: The starter's texts in other languages, each by its English text.
TEXTS = Path(__file__).parent / "starter_texts"
#: The language the starter is written in, and the one it is translated into.
WRITTEN_IN, TRANSLATED_INTO = "ar", "en"
#: The engine's distribution, and where a starter's CI installs it from.
DISTRIBUTION = "explainer-site"
#: Language keys of the starter's records (``{ar: …, en: …}``).
_LANGUAGE_KEYS = (WRITTEN_IN, TRANSLATED_INTO)
_MARKERS = re.compile(r"((?:\[\[[^\]]+\]\])*)$")


class TargetNotEmpty(Exception):
    """The folder for a new explainer already holds files."""


class UnknownLanguage(ValueError):
    """A language the starter has no text in, or a source repeated as a translation."""


def starter_languages() -> tuple[str, ...]:
    """Return the languages the starter can be written in.

    >>> starter_languages()
    ('ar', 'en', 'ckb', 'fa')
    """
    return (*_LANGUAGE_KEYS, *sorted(p.stem for p in TEXTS.glob("*.yml")))


def write_starter(
    target: Path, source: str = WRITTEN_IN, languages: Sequence[str] = (TRANSLATED_INTO,)
) -> list[str]:
    """Write a starter explainer into ``target`` (new or empty); return its files.

    ``source`` is the op-ed's language, ``languages`` its translations. Raises
    :class:`TargetNotEmpty` rather than mix the starter with other files, and
    :class:`UnknownLanguage` for a language the starter has no text in.
    """
    languages = tuple(dict.fromkeys(languages))
    known = starter_languages()
    for code in (source, *languages):
        if code not in known:
            raise UnknownLanguage(
                f"the starter has no text in '{code}' (it has {', '.join(known)}); start "
                "from one of those and replace its texts"
            )
    if source in languages:
        raise UnknownLanguage(f"'{source}' is the source language: it cannot be a translation too")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmpty(f"{target} is not an empty folder: choose a new one")
    if (source, languages) == (WRITTEN_IN, (TRANSLATED_INTO,)):
        shutil.copytree(STARTER, target, dirs_exist_ok=True)
    else:
        _Reshaped(source, languages).write(target)
    _write_project_files(target, source, languages)
    _accept_translations(target / "mkdocs.yml")
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())


class _Reshaped:
    """The starter in another source language and other translations."""

    def __init__(self, source: str, languages: tuple[str, ...]) -> None:
        self.source = source
        self.languages = languages
        self.wanted = (source, *languages)
        self.memory = {code: _memory(code) for code in self.wanted if code not in _LANGUAGE_KEYS}
        self.arabic = self._arabic_by_english()

    def text(self, lang: str, english: str) -> str:
        """Return the starter's text ``english`` in ``lang``."""
        if lang == TRANSLATED_INTO:
            return english
        if lang == WRITTEN_IN:
            return self.arabic[english]
        return str(self.memory[lang]["texts"][english])

    def localized(self, lang: str, values: dict[str, Any]) -> Any:
        """Return a localised value (a text, or plural forms) of the starter in ``lang``."""
        if lang in values:
            return values[lang]
        english = values[TRANSLATED_INTO]
        if isinstance(english, dict):  # plural forms, by their "other" form
            return self.memory[lang]["units"][english["other"]]
        return self.text(lang, english)

    def write(self, target: Path) -> None:
        data = target / "docs/data"
        data.mkdir(parents=True)
        for path in sorted((STARTER / "docs/data").glob("*.yml")):
            if path.name == "source.yml":
                continue
            loaded = yaml.safe_load(path.read_text("utf-8"))
            _dump(data / path.name, _header(path), self.reshape(loaded))
        self.write_source(data)
        for lang in self.wanted:
            self.write_page(target / "docs" / lang / "index.md", lang)

    def reshape(self, value: Any) -> Any:
        """Return ``value`` with every localised field in the wanted languages only."""
        if isinstance(value, list):
            return [self.reshape(item) for item in value]
        if not isinstance(value, dict):
            return value
        if TRANSLATED_INTO in value and set(value) & set(_LANGUAGE_KEYS):
            # fingerprints are recorded afresh once written
            skip = (*_LANGUAGE_KEYS, "translated_from")
            rest = {k: self.reshape(v) for k, v in value.items() if k not in skip}
            texts = {lang: self.localized(lang, value) for lang in self.wanted}
            if "match" in rest:  # a term's other forms, in the languages kept only
                rest["match"] = {k: v for k, v in value["match"].items() if k in self.wanted}
                if not rest["match"]:
                    del rest["match"]
            if "id" in rest:  # a term: its text under each code, beside its fields
                return {"id": rest.pop("id"), **texts, **rest}
            return {**rest, **texts}
        return {k: self.reshape(v) for k, v in value.items() if k != "translated_from"}

    def blocks(self) -> list[tuple[dict[str, Any], str, str]]:
        """Return each block of the op-ed: its entry in source.yml, its Arabic, its English."""
        spec = yaml.safe_load((STARTER / "docs/data/source.yml").read_text("utf-8"))
        arabic = _paragraphs((STARTER / "docs/data" / spec["file"]).read_text("utf-8"))
        entries = [spec["author"], spec["title"], *spec["blocks"]]
        return [(e, a, e[TRANSLATED_INTO]) for e, a in zip(entries, arabic, strict=True)]

    def _arabic_by_english(self) -> dict[str, str]:
        """Return the starter's Arabic by its English: the op-ed, records, page, name."""
        found = {english: arabic for _, arabic, english in self.blocks()}

        def walk(value: Any) -> None:
            if isinstance(value, list):
                for item in value:
                    walk(item)
            elif isinstance(value, dict):
                if isinstance(value.get(WRITTEN_IN), str) and isinstance(
                    value.get(TRANSLATED_INTO), str
                ):
                    found[value[TRANSLATED_INTO]] = value[WRITTEN_IN]
                for item in value.values():
                    walk(item)

        for path in (STARTER / "docs/data").glob("*.yml"):
            walk(yaml.safe_load(path.read_text("utf-8")))
        pages = [_prose(STARTER / "docs" / lang / "index.md") for lang in _LANGUAGE_KEYS]
        found.update(zip(pages[1], pages[0], strict=True))
        return found

    def write_source(self, data: Path) -> None:
        """Write the op-ed in the source language, and source.yml with its translations."""
        texts, entries = [], []
        for entry, _, english in self.blocks():
            texts.append(self.text(self.source, english))
            kept = {k: v for k, v in entry.items() if k not in (*_LANGUAGE_KEYS, "translated_from")}
            entries.append({**kept, **{lang: self.text(lang, english) for lang in self.languages}})
        name = f"text.{self.source}.txt"
        (data / name).write_text("\n\n".join(texts) + "\n", "utf-8")
        spec = yaml.safe_load((STARTER / "docs/data/source.yml").read_text("utf-8"))
        spec.update(file=name, language=self.source, translations=list(self.languages))
        spec.update(author=entries[0], title=entries[1], blocks=entries[2:])
        _dump(data / "source.yml", _header(STARTER / "docs/data/source.yml"), spec)

    def write_page(self, path: Path, lang: str) -> None:
        """Write the home page in ``lang``: the English page, its prose in that language."""
        english = (STARTER / "docs" / TRANSLATED_INTO / "index.md").read_text("utf-8")
        body = english.split("---\n", 2)[2] if english.startswith("---\n") else english
        lines = []
        for line in body.split("\n"):
            if line and not line.startswith("[["):
                heading, words = re.match(r"(#* ?)(.*)", line).groups()  # type: ignore[union-attr]
                markers = _MARKERS.search(words)
                assert markers is not None  # the pattern matches any line
                line = heading + self.text(lang, words[: markers.start()]) + markers.group(1)
            lines.append(line)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(lines), "utf-8")


def _memory(lang: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((TEXTS / f"{lang}.yml").read_text("utf-8"))
    return loaded


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip())]


def _prose(page: Path) -> list[str]:
    """Return the prose lines of a starter page, markers left off."""
    text = page.read_text("utf-8")
    body = text.split("---\n", 2)[2] if text.startswith("---\n") else text
    lines = [line.lstrip("# ") for line in body.split("\n") if line and not line.startswith("[[")]
    return [line[: _MARKERS.search(line).start()] for line in lines]  # type: ignore[union-attr]


def _header(path: Path) -> str:
    """Return the comment lines a starter data file opens with (its documentation)."""
    lines = path.read_text("utf-8").split("\n")
    head = []
    for line in lines:
        if not line.startswith("#") and line.strip():
            break
        head.append(line)
    return "\n".join(head).rstrip() + "\n"


def _dump(path: Path, header: str, data: Any) -> None:
    body = (
        "" if data is None else yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
    )
    path.write_text(header + body, "utf-8")


def _names(source: str, languages: Sequence[str]) -> dict[str, str]:
    """Return the starter site's name in each language."""
    english = "The city and the river"
    names = {WRITTEN_IN: "المدينة والنهر", TRANSLATED_INTO: english}
    for code in (source, *languages):
        if code not in names:
            names[code] = str(_memory(code)["site_name"])
    return names


MKDOCS = """\
# The site: its own values only; the explainer plugin brings the theme, the languages
# and the engine's defaults (REFERENCE.md, mkdocs.yml). Each language's pages are in
# docs/<code>/; the source language is built at the site root, the others under /<code>/.
site_name: {name}
docs_dir: docs/{source}
theme:
  name: material
  language: {source}
{i18n}plugins:
  - search
  - explainer
markdown_extensions:
  - explainer:
      content: docs/data
      source_page: index.md
      terms_page: index.md
"""


def mkdocs_yml(source: str, languages: Sequence[str]) -> str:
    """Return the starter's ``mkdocs.yml`` for ``source`` and its translations."""
    names = _names(source, languages)
    i18n = "".join(f"    {code}:\n      site_name: {_quoted(names[code])}\n" for code in languages)
    return MKDOCS.format(
        name=_quoted(names[source]),
        source=source,
        i18n=f"extra:\n  i18n:\n{i18n}" if i18n else "",
    )


def _quoted(text: str) -> str:
    """Return ``text`` as a YAML scalar: plain where YAML allows it, quoted otherwise."""
    return yaml.safe_dump(text, allow_unicode=True).removesuffix("\n...\n").strip()


def engine_requirement() -> str:
    """Return the pip requirement for this engine, pinned: its release tag on its repository.

    The repository is the engine's ``Source`` project URL (``pyproject.toml``); the tag
    is ``v`` and the installed version, so a starter builds with the engine it was made by.
    """
    meta = metadata.metadata(DISTRIBUTION)
    urls = dict(url.split(", ", 1) for url in meta.get_all("Project-URL") or [])
    repository = urls.get("Source", "")
    version = meta["Version"]
    if not repository:
        return f"{DISTRIBUTION}=={version}"
    return f"{DISTRIBUTION} @ git+{repository}@v{version}"


PROJECT_FILES: dict[str, Callable[[str, Sequence[str]], str]] = {}


def _project_file(name: str) -> Callable[[Callable[[str, Sequence[str]], str]], Any]:
    def register(make: Callable[[str, Sequence[str]], str]) -> Any:
        PROJECT_FILES[name] = make
        return make

    return register


@_project_file("mkdocs.yml")
def _mkdocs(source: str, languages: Sequence[str]) -> str:
    return mkdocs_yml(source, languages)


@_project_file("requirements.txt")
def _requirements(source: str, languages: Sequence[str]) -> str:
    return (
        "# The engine, pinned to the release this explainer was started with: upgrade it\n"
        "# on purpose, in a pull request of its own.\n"
        f"{engine_requirement()}\n"
    )


@_project_file(".gitignore")
def _gitignore(source: str, languages: Sequence[str]) -> str:
    return f"/site/\n/dist/\n/{CACHE_DIR}/\n"


@_project_file(".ci/run")
def _ci_run(source: str, languages: Sequence[str]) -> str:
    return (
        "#!/usr/bin/env bash\n"
        "# What CI runs, on a fresh machine: install the pinned engine, check every rule\n"
        "# (warnings too), build the site and the offline bundle.\n"
        "set -euo pipefail\n"
        'cd "$(dirname "$0")/.."\n'
        "python3 -m venv .venv\n"
        ". .venv/bin/activate\n"
        "python -m pip install -q -r requirements.txt\n"
        "explainer check --strict\n"
        "explainer build\n"
        "explainer bundle\n"
    )


@_project_file(".github/workflows/check.yml")
def _workflow(source: str, languages: Sequence[str]) -> str:
    return (
        "# Every pull request: the checks tell editors, by file and line, what to fix.\n"
        "name: check\n"
        "on:\n"
        "  pull_request:\n"
        "  push:\n"
        "    branches: [main]\n"
        "permissions:\n"
        "  contents: read\n"
        "jobs:\n"
        "  check:\n"
        "    runs-on: ubuntu-24.04\n"
        "    steps:\n"
        "      - uses: actions/checkout@v6\n"
        "      - uses: actions/setup-python@v6\n"
        "        with:\n"
        '          python-version: "3.11"\n'
        "      - run: bash .ci/run\n"
    )


@_project_file("CONTRIBUTING.md")
def _contributing(source: str, languages: Sequence[str]) -> str:
    from .languages import language_name

    names = ", ".join(language_name(code, "en") for code in languages)
    return (
        "# Contributing\n\n"
        f"The op-ed is in {language_name(source, 'en')} (`docs/data/text.{source}.txt`, "
        "verbatim: never edit it to fix the site); it is translated into "
        f"{names}.\n\n"
        "- Records (`docs/data/*.yml`) cite the paragraph they come from; quotations are "
        "verbatim; figures are the same in every language.\n"
        "- Pages are `docs/<language>/*.md`, the same file names in every language.\n"
        "- `explainer check` names every problem as `file:line:col: message [rule]`; "
        "`explainer serve` previews the site as you edit.\n"
        "- After updating a translation, `explainer status --accept FILE` records that it "
        "is in step with its source again.\n\n"
        "Every pull request runs `bash .ci/run`: the checks, the site and the offline "
        "bundle.\n"
    )


def _write_project_files(target: Path, source: str, languages: Sequence[str]) -> None:
    for name, make in PROJECT_FILES.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(source, languages), "utf-8")
    (target / ".ci/run").chmod(0o755)


def _accept_translations(config_file: Path) -> None:
    """Record the fingerprint of every translation, as ``status --accept`` does."""
    project = load_project(config_file)
    units = [u for u in translation_units(project.docs_root, project.content) if u.exists]
    by_path: dict[str, list[Any]] = {}
    for unit in units:
        by_path.setdefault(unit.path, []).append(unit)
    for path, chosen in by_path.items():
        if path.endswith(".md"):
            accept_page(Path(path), chosen[0].current)
        else:
            accept_records(Path(path), chosen, {u.key: u.line for u in chosen})
