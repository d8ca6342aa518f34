"""Translation status: whether each translation is still in step with its source.

Every translated unit records a fingerprint of the source text it was translated from:
a record of the data files in ``translated_from: {en: 3f2a91c0}``, an English page in
its front matter (``translated_from: 3f2a91c0``). When the source text changes, its
fingerprint no longer matches and the translation is *stale* until a translator
updates it and accepts it (``explainer status --accept PATH``), which writes the new
fingerprint in place; nobody edits hashes by hand.

>>> fingerprint("المدينة  والنهر ") == fingerprint("المدينة والنهر")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlfile
from .errors import ContentError, ContentInvalid, display_path
from .pagefile import parse_page, read_page
from .textfile import MAX_DATA_BYTES, read_text, replace_text

FIELD = "translated_from"


def fingerprint(*texts: str) -> str:
    """Return a short fingerprint of ``texts`` that ignores differences of whitespace."""
    joined = "\x1f".join(" ".join(text.split()) for text in texts)
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:8]


@dataclass(frozen=True)
class Unit:
    """One translated unit (a record or a page) in one language, and its status."""

    path: str
    key: str
    lang: str
    line: int
    current: str
    recorded: str | None
    exists: bool = True

    @property
    def status(self) -> str:
        """Return ``current``, ``stale`` (or never accepted) or ``missing``."""
        if not self.exists:
            return "missing"
        return "current" if self.recorded == self.current else "stale"


def source_texts(node: Any, source_lang: str, inside: bool = False) -> list[str]:
    """Return every source-language text in a YAML record, in document order."""
    if isinstance(node, str):
        return [node] if inside else []
    if isinstance(node, dict):
        texts = []
        for key, value in node.items():
            if key != FIELD:
                texts += source_texts(value, source_lang, inside or key == source_lang)
        return texts
    if isinstance(node, list):
        return [t for item in node for t in source_texts(item, source_lang, inside)]
    return [str(node)] if inside and node is not None else []


def record_units(
    path: str, mapping: yamlfile.Mapping, key: str, langs: Iterable[str], texts: list[str]
) -> list[Unit]:
    """Return the units of one record whose source texts are ``texts``."""
    found = mapping.get(FIELD)
    recorded: dict[str, Any] = found if isinstance(found, dict) else {}
    current = fingerprint(*texts)
    return [Unit(path, key, lang, mapping.line, current, recorded.get(lang)) for lang in langs]


def page_units(
    docs_root: Path, source_lang: str, langs: Iterable[str], skip_unreadable: bool = False
) -> list[Unit]:
    """Return a unit for every page of the source language in every translation.

    Raises :class:`~explainer.errors.ContentInvalid` when a page cannot be read, or
    with ``skip_unreadable`` leaves the pair out (the page rules report it).
    """
    units = []
    source_dir = docs_root / source_lang
    for page in sorted(source_dir.rglob("*.md")):
        rel = page.relative_to(source_dir).as_posix()
        try:
            current = fingerprint(*(line for _, line in read_page(page).body_lines()))
            targets = {lang: docs_root / lang / rel for lang in langs}
            meta = {lang: read_page(p).meta for lang, p in targets.items() if p.is_file()}
        except ContentInvalid:
            if skip_unreadable:
                continue
            raise
        for lang, target in targets.items():
            value = meta[lang].get(FIELD) if lang in meta else None
            recorded = None if value is None else str(value)
            units.append(
                Unit(display_path(target), rel, lang, 1, current, recorded, target.is_file())
            )
    return units


def _refuse(shown: str, line: int, why: str) -> ContentInvalid:
    return ContentInvalid(
        [
            ContentError(
                shown,
                line,
                f"cannot record the translation's fingerprint here: {why}; no file was changed",
                "translation.accept",
            )
        ]
    )


def accept_page(path: Path, current: str) -> None:
    """Record ``current`` as the fingerprint the page at ``path`` was translated from.

    The new front matter is parsed back before the file is replaced (atomically): it
    must hold the same values plus the fingerprint, and the body must be unchanged.
    Raises :class:`ContentInvalid` when the page cannot be read or edited that way.
    """
    page = read_page(path)
    entry = f"{FIELD}: '{current}'"  # quoted: an all-digit hash would read as a number
    lines = list(page.lines)
    if page.body_start == 1:
        lines = ["---", entry, "---", *lines]
    else:
        end = page.body_start - 2  # the closing '---'
        found = [i for i in range(1, end) if lines[i].startswith(f"{FIELD}:")]
        if found:
            lines[found[0]] = entry
        else:
            lines.insert(end, entry)
    text = "\n".join(lines) + "\n"
    try:
        edited = parse_page(text, page.shown)
    except ContentInvalid:
        edited = None
    expected = {**page.meta, FIELD: current}
    if edited is None or edited.meta != expected or edited.body != page.body:
        raise _refuse(page.shown, 1, "its front matter is not plain 'key: value' lines")
    replace_text(path, text)


def accept_records(path: Path, units: list[Unit], lines_of: dict[str, int]) -> int:
    """Write the current fingerprints of ``units`` into the YAML file at ``path``.

    ``lines_of`` maps a record key to the line of its mapping. Returns how many
    records changed. The edit is by line, so comments and layout stay as they are;
    the result is parsed back and must hold the same data plus the new fingerprints,
    or nothing is written (:class:`ContentInvalid` names the record's line). A record
    in flow style (``- {id: …}``) is refused: there is no line of its own to add.
    """
    shown = display_path(path)
    original = read_text(path, shown, MAX_DATA_BYTES)
    lines = original.split("\n")
    by_key: dict[str, dict[str, str]] = {}
    recorded: dict[str, dict[str, str | None]] = {}
    for unit in units:
        by_key.setdefault(unit.key, {})[unit.lang] = unit.current
        recorded.setdefault(unit.key, {})[unit.lang] = unit.recorded
    changed: dict[int, dict[str, str]] = {}
    # bottom-up, so inserting a line never moves a record still to be edited
    for key in sorted(by_key, key=lambda k: lines_of[k], reverse=True):
        if all(recorded[key][lang] == value for lang, value in by_key[key].items()):
            continue
        changed[lines_of[key]] = dict(sorted(by_key[key].items()))
        start = lines_of[key] - 1
        first = lines[start]
        item = first.lstrip().startswith("- ")
        if first.lstrip().removeprefix("- ").lstrip().startswith("{"):
            raise _refuse(shown, lines_of[key], f"record '{key}' is written in flow style")
        indent = len(first) - len(first.lstrip()) + (2 if item else 0)
        flow = ", ".join(f"{lang}: '{value}'" for lang, value in changed[lines_of[key]].items())
        entry = f"{' ' * indent}{FIELD}: {{{flow}}}"
        end = _record_end(lines, start, indent, item)
        existing = [
            i
            for i in range(start, end)
            if lines[i].strip().startswith(f"{FIELD}:")
            and len(lines[i]) - len(lines[i].lstrip()) == indent
        ]
        if existing:
            lines[existing[0]] = entry
        elif item:
            lines.insert(start + 1, entry)
        else:
            lines.insert(start, entry)
    if not changed:
        return 0
    text = "\n".join(lines)
    before = yamlfile.loads(original, shown)
    try:
        after = yamlfile.loads(text, shown)
    except ContentInvalid:
        after = None
    if after is None or not _same_but_fingerprints(before, after, _records_at(before, changed)):
        raise _refuse(shown, min(changed), "the file's layout is not the usual block style")
    replace_text(path, text)
    return len(changed)


def _records_at(data: Any, wanted: dict[int, dict[str, str]]) -> dict[int, dict[str, str]]:
    """Return ``wanted`` keyed by the identity of the outermost mapping on each line."""
    found: dict[int, dict[str, str]] = {}
    lines_done: set[int] = set()

    def walk(node: Any) -> None:
        if isinstance(node, yamlfile.Mapping):
            if node.line in wanted and node.line not in lines_done:
                found[id(node)] = wanted[node.line]
                lines_done.add(node.line)
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def _same_but_fingerprints(old: Any, new: Any, wanted: dict[int, dict[str, str]]) -> bool:
    """Return whether ``new`` is ``old`` with exactly the fingerprints in ``wanted`` set."""
    if isinstance(old, dict):
        if not isinstance(new, dict) or set(old) - {FIELD} != set(new) - {FIELD}:
            return False
        if new.get(FIELD) != wanted.get(id(old), old.get(FIELD)):
            return False
        return all(_same_but_fingerprints(old[k], new[k], wanted) for k in old if k != FIELD)
    if isinstance(old, list):
        return (
            isinstance(new, list)
            and len(old) == len(new)
            and all(_same_but_fingerprints(o, n, wanted) for o, n in zip(old, new, strict=True))
        )
    return bool(old == new and type(old) is type(new))


def _record_end(lines: list[str], start: int, indent: int, item: bool) -> int:
    """Return the index just past the record that starts at line index ``start``."""
    end = start + 1
    while end < len(lines):
        line = lines[end]
        depth = len(line) - len(line.lstrip())
        if line.strip() and (depth < indent or (depth == indent - 2 and item)):
            break
        end += 1
    return end
