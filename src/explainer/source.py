"""The op-ed: its verbatim text and its translations, block by block.

The source text is a plain file kept verbatim (author line, title, then paragraphs,
separated by blank lines). Beside it, ``source.yml`` names that file, its language,
the languages it is translated into, and one entry per block of the text, in order::

    file: text.ar.txt
    language: ar
    translations: [en]
    byline: before              # the author line comes before the title (the default),
                                # `after` it, or there is `none` (then no `author:`)
    jsonld: {type: OpinionNewsArticle, author_type: Person}   # how search engines see it
    author: {en: "Sara Ahmed:"}
    title: {en: "The city and the river: …"}
    blocks:
      - id: p1                  # a real paragraph: ids run p1, p2, … in order
        en: Many questions …
      - pullquote: p5           # a shortened repeat of a paragraph, shown as a pull quote
        en: The withdrawal …

The text itself is never copied into the YAML: it is read from the file and each
entry is paired with the block at the same position.

``jsonld`` (optional) says what the source is in schema.org's words, for the pages'
JSON-LD: its ``type`` (default ``OpinionNewsArticle``; one of :data:`SOURCE_TYPES`),
its author's ``author_type`` (``Person``, the default, or ``Organization``) and
``author_name`` (by default the byline in the source language, without its colon).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ErrorList
from .textfile import MAX_DATA_BYTES, read_text
from .translation import Unit, record_units

#: A pull quote must repeat at least this share of its characters, in one run,
#: from the paragraph it quotes (the op-ed shortens the sentence it pulls).
PULLQUOTE_MIN_SHARED = 0.6

_PARAGRAPH_ID = re.compile(r"^p([1-9][0-9]*)$")

#: Where the author line stands in the text file: before the title, after it, nowhere.
BYLINES = ("before", "after", "none")
#: The schema.org types a source may have: its creative works that a text can be.
SOURCE_TYPES = (
    "OpinionNewsArticle",
    "NewsArticle",
    "AnalysisNewsArticle",
    "BackgroundNewsArticle",
    "ReportageNewsArticle",
    "ReviewNewsArticle",
    "SatiricalArticle",
    "Article",
    "ScholarlyArticle",
    "Report",
    "BlogPosting",
    "SocialMediaPosting",
    "DiscussionForumPosting",
    "Review",
    "Legislation",
    "Book",
    "Chapter",
    "Thesis",
    "CreativeWork",
)
AUTHOR_TYPES = ("Person", "Organization")


@dataclass(frozen=True)
class JsonLd:
    """What the source is in schema.org's words (``source.yml``'s ``jsonld:``)."""

    type: str = "OpinionNewsArticle"
    author_type: str = "Person"
    #: the author's name when it is not the byline's (or there is no byline)
    author_name: str | None = None


@dataclass(frozen=True)
class Block:
    """One block of the op-ed in every language.

    ``kind`` is ``author`` (the byline), ``title``, ``paragraph`` or ``pullquote``; a paragraph has
    an ``id`` (``p1`` …) and ``number``; a pull quote names the paragraph it ``quotes``.
    """

    kind: str
    text: dict[str, str]
    line: int
    id: str | None = None
    number: int | None = None
    quotes: str | None = None

    def __getitem__(self, lang: str) -> str:
        """Return the block's text in ``lang``."""
        return self.text[lang]


@dataclass(frozen=True)
class Source:
    """The op-ed: its text file (``path``), its ``source.yml`` (``spec``), its blocks.

    ``author`` is the byline, ``None`` when the text has none; ``byline`` says where it
    stands (:data:`BYLINES`).
    """

    path: str
    language: str
    translations: tuple[str, ...]
    author: Block | None
    title: Block
    body: tuple[Block, ...]
    units: list[Unit]
    spec: str
    byline: str = "before"
    jsonld: JsonLd = JsonLd()
    paragraphs: dict[str, Block] = field(init=False)

    def __post_init__(self) -> None:
        paragraphs = {b.id: b for b in self.body if b.kind == "paragraph" and b.id}
        object.__setattr__(self, "paragraphs", paragraphs)

    @property
    def languages(self) -> tuple[str, ...]:
        """Return every language, the source language first."""
        return (self.language, *self.translations)

    @property
    def head(self) -> tuple[Block, ...]:
        """Return the blocks before the paragraphs, in the text's order: byline and title."""
        if self.author is None:
            return (self.title,)
        return (self.title, self.author) if self.byline == "after" else (self.author, self.title)

    @property
    def author_name(self) -> str | None:
        """Return the author's name in the source language, if the source gives one."""
        if self.jsonld.author_name:
            return self.jsonld.author_name
        if self.author is None:
            return None
        return self.author[self.language].rstrip(":： ").strip() or None


def split_blocks(text: str) -> list[tuple[int, str]]:
    r"""Split a plain text into blank-line separated blocks, each with its first line.

    >>> split_blocks("a\n\nb c\nd\n\n\ne\n")
    [(1, 'a'), (3, 'b c\nd'), (7, 'e')]
    """
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            if not current:
                start = number
            current.append(line.strip())
        elif current:
            blocks.append((start, "\n".join(current)))
            current = []
    if current:
        blocks.append((start, "\n".join(current)))
    return blocks


def load_source(data_dir: Path, display_dir: str, errors: ErrorList) -> Source | None:
    """Load ``source.yml`` and the text it names from ``data_dir``.

    Problems are added to ``errors`` (``display_dir`` prefixes their paths); returns
    ``None`` when the source cannot be assembled at all.
    """
    yml = f"{display_dir}/source.yml"
    unreadable = object()
    spec = errors.collect(lambda: yamlfile.load(data_dir / "source.yml", yml), unreadable)
    if spec is unreadable:
        return None
    if not isinstance(spec, yamlfile.Mapping):
        errors.add(
            yml, 1, "expected a mapping with 'file', 'language', 'translations', 'blocks'", "source"
        )
        return None

    def required(key: str, kind: type) -> object:
        if key not in spec:
            errors.add(yml, spec.line, f"missing required field '{key}'", "source")
            return None
        if not isinstance(spec[key], kind):
            errors.add(yml, spec.line_of(key), f"'{key}' must be a {kind.__name__}", "source")
            return None
        return spec[key]

    file = required("file", str)
    language = required("language", str)
    translations = required("translations", list)
    blocks = required("blocks", list)
    unknown = sorted(set(spec) - set(FIELDS))
    if unknown:
        errors.add(
            yml,
            spec.line_of(unknown[0]),
            f"unknown field '{unknown[0]}' (expected: {', '.join(FIELDS)})",
            "source",
        )
    byline = spec.get("byline", "before")
    if byline not in BYLINES:
        errors.add(
            yml,
            spec.line_of("byline"),
            f"'byline' must be one of {', '.join(BYLINES)} (where the author line stands "
            f"in the text), got {byline!r}",
            "source",
        )
        byline = "before"
    if byline == "none" and "author" in spec:
        errors.add(
            yml,
            spec.line_of("author"),
            "'author' translates the byline, but 'byline: none' says the text has none: "
            "remove 'author', or say where the byline stands",
            "source",
        )
    jsonld = _jsonld(spec, yml, errors)
    if not (isinstance(file, str) and isinstance(language, str) and translations is not None):
        return None  # without them no record can be read: every one would be an error
    if Path(file).name != file or file in ("", ".", "..") or "\0" in file:
        errors.add(
            yml, spec.line_of("file"), f"'file' must name a file in {display_dir}/", "source"
        )
        return None
    langs = tuple(str(t) for t in translations) if isinstance(translations, list) else ()
    txt = f"{display_dir}/{file}"
    text = errors.collect(lambda: read_text(data_dir / file, txt, MAX_DATA_BYTES), None)
    if text is None:
        return None
    text_blocks = split_blocks(text)
    heads = HEADS[byline]
    if len(text_blocks) < len(heads):
        errors.add(txt, 1, f"expected {HEAD_NAMES[byline]} before the paragraphs", "source")
        return None

    def translated(entry: object, line: int, what: str) -> dict[str, str]:
        texts: dict[str, str] = {}
        if not isinstance(entry, yamlfile.Mapping):
            errors.add(yml, line, f"{what}: expected a mapping with {', '.join(langs)}", "source")
            return texts
        for lang in langs:
            value = entry.get(lang)
            if not isinstance(value, str) or not value.strip():
                errors.add(yml, entry.line, f"{what}: missing '{lang}' translation", "source")
            else:
                texts[lang] = " ".join(value.split())
        return texts

    units: list[Unit] = []

    def block(kind: str, at: int, entry: object, line: int, **ids: object) -> Block:
        what = f"{kind} {ids.get('id') or ''}".strip()
        texts = {language: text_blocks[at][1], **translated(entry, line, what)}
        if isinstance(entry, yamlfile.Mapping):
            # a pull quote's key counts the blocks from the title, whatever the byline
            number = at - len(heads) + 1
            key = str(ids.get("id") or (f"pullquote-{number}" if kind == "pullquote" else kind))
            units.extend(record_units(yml, entry, key, langs, [text_blocks[at][1]]))
        return Block(kind=kind, text=texts, line=line, **ids)  # type: ignore[arg-type]

    author = (
        block("author", heads.index("author"), spec.get("author"), spec.line_of("author"))
        if "author" in heads
        else None
    )
    title = block("title", heads.index("title"), spec.get("title"), spec.line_of("title"))
    entries = blocks if isinstance(blocks, yamlfile.Sequence) else yamlfile.Sequence()
    body_text = text_blocks[len(heads) :]
    if isinstance(blocks, list) and len(entries) != len(body_text):
        errors.add(
            yml,
            spec.line_of("blocks"),
            f"'blocks' has {len(entries)} entries but {txt} has {len(body_text)} blocks "
            f"after the {' and '.join(heads).replace('author', 'author line')}; expected one "
            "entry per block, in order",
            "source",
        )
    body = []
    for index, (entry, line) in enumerate(zip(entries, entries.item_lines, strict=False)):
        if index >= len(body_text):
            break
        at = index + len(heads)
        if isinstance(entry, yamlfile.Mapping) and "pullquote" in entry:
            body.append(block("pullquote", at, entry, line, quotes=str(entry["pullquote"])))
            continue
        pid = entry.get("id") if isinstance(entry, yamlfile.Mapping) else None
        number = sum(1 for b in body if b.kind == "paragraph") + 1
        if pid != f"p{number}":
            errors.add(
                yml,
                line,
                f"block {index + 1}: expected 'id: p{number}' (paragraphs are "
                f"numbered in order) or 'pullquote: <paragraph id>', got {pid!r}",
                "source",
            )
        body.append(block("paragraph", at, entry, line, id=f"p{number}", number=number))

    source = Source(txt, language, langs, author, title, tuple(body), units, yml, byline, jsonld)
    for quote in (b for b in source.body if b.kind == "pullquote"):
        target = source.paragraphs.get(quote.quotes or "")
        if target is None:
            errors.add(
                yml, quote.line, f"pull quote repeats unknown paragraph '{quote.quotes}'", "source"
            )
        elif shared_share(quote[language], target[language]) < PULLQUOTE_MIN_SHARED:
            errors.add(
                yml,
                quote.line,
                f"pull quote does not repeat paragraph '{quote.quotes}': expected at least "
                f"{PULLQUOTE_MIN_SHARED:.0%} of its text in one run of that paragraph",
                "source",
            )
    return source


#: The keys ``source.yml`` may have.
FIELDS = ("file", "language", "translations", "byline", "jsonld", "author", "title", "blocks")
#: The blocks before the paragraphs, in the text's order, for each place of the byline.
HEADS: dict[str, tuple[str, ...]] = {
    "before": ("author", "title"),
    "after": ("title", "author"),
    "none": ("title",),
}
HEAD_NAMES = {
    "before": "an author line and a title",
    "after": "a title and an author line",
    "none": "a title",
}


def _jsonld(spec: yamlfile.Mapping, yml: str, errors: ErrorList) -> JsonLd:
    """Return ``source.yml``'s ``jsonld:`` settings; add an error for each bad one."""
    value = spec.get("jsonld")
    if value is None:
        return JsonLd()
    if not isinstance(value, yamlfile.Mapping):
        errors.add(
            yml,
            spec.line_of("jsonld"),
            "'jsonld' must be a mapping with 'type', 'author_type' or 'author_name'",
            "source",
        )
        return JsonLd()
    settings: dict[str, str] = {}
    choices = {"type": SOURCE_TYPES, "author_type": AUTHOR_TYPES}
    for key, item in value.items():
        line = value.line_of(key)
        if key in choices and item not in choices[key]:
            errors.add(
                yml,
                line,
                f"'jsonld': '{key}' must be one of {', '.join(choices[key])} "
                f"(schema.org types), got {item!r}",
                "source",
            )
        elif key == "author_name" and not (isinstance(item, str) and item.strip()):
            errors.add(yml, line, "'jsonld': 'author_name' must be text", "source")
        elif key not in (*choices, "author_name"):
            errors.add(
                yml,
                line,
                f"'jsonld': unknown field '{key}' (expected: type, author_type, author_name)",
                "source",
            )
        else:
            settings[key] = " ".join(str(item).split())
    return JsonLd(**settings)


def shared_share(quote: str, paragraph: str) -> float:
    """Return the share of ``quote`` found in one unbroken run of ``paragraph``.

    >>> shared_share("the cat sat", "yesterday the cat sat down")
    1.0
    >>> shared_share("dog", "the cat sat")
    0.0
    """
    matcher = difflib.SequenceMatcher(None, quote, paragraph, autojunk=False)
    match = matcher.find_longest_match(0, len(quote), 0, len(paragraph))
    return match.size / max(len(quote), 1)
