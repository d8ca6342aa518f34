"""Translation status: whether each translation is still in step with its source.

Every translated unit records a fingerprint of the source text it was translated from:
a record of the data files in ``translated_from: {en: 3f2a91c0}``, an English page in
its front matter (``translated_from: 3f2a91c0``). When the source text changes, its
fingerprint no longer matches and the translation is *stale* until a translator
updates it and accepts it (``explainer status --accept PATH``), which writes the new
fingerprint in place; nobody edits hashes by hand.

>>> fingerprint("العراق  بلا تحالف ") == fingerprint("العراق بلا تحالف")
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import yamlfile
from .errors import display_path

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


def front_matter(text: str) -> tuple[list[str], list[str]]:
    """Split a page into its front matter lines (without the ``---``) and its body lines."""
    lines = text.splitlines()
    if lines and lines[0].strip() == "---":
        for end, line in enumerate(lines[1:], 1):
            if line.strip() == "---":
                return lines[1:end], lines[end + 1 :]
    return [], lines


def page_units(docs_root: Path, source_lang: str, langs: Iterable[str]) -> list[Unit]:
    """Return a unit for every page of the source language in every translation."""
    units = []
    source_dir = docs_root / source_lang
    for page in sorted(source_dir.rglob("*.md")):
        rel = page.relative_to(source_dir).as_posix()
        current = fingerprint(*front_matter(page.read_text("utf-8"))[1])
        for lang in langs:
            target = docs_root / lang / rel
            recorded = None
            if target.is_file():
                for line in front_matter(target.read_text("utf-8"))[0]:
                    if line.startswith(f"{FIELD}:"):
                        recorded = line.partition(":")[2].strip().strip("\"'")
            units.append(
                Unit(display_path(target), rel, lang, 1, current, recorded, target.is_file())
            )
    return units


def accept_page(path: Path, current: str) -> None:
    """Record ``current`` as the fingerprint the page at ``path`` was translated from."""
    lines = path.read_text("utf-8").splitlines()
    entry = f"{FIELD}: '{current}'"  # quoted: an all-digit hash would read as a number
    if not lines or lines[0].strip() != "---":
        lines = ["---", entry, "---", *lines]
    else:
        end = next(i for i, line in enumerate(lines[1:], 1) if line.strip() == "---")
        found = [i for i in range(1, end) if lines[i].startswith(f"{FIELD}:")]
        if found:
            lines[found[0]] = entry
        else:
            lines.insert(end, entry)
    path.write_text("\n".join(lines) + "\n", "utf-8")


def accept_records(path: Path, units: list[Unit], lines_of: dict[str, int]) -> int:
    """Write the current fingerprints of ``units`` into the YAML file at ``path``.

    ``lines_of`` maps a record key to the line of its mapping. Returns how many
    records changed. The edit is by line, so comments and layout stay as they are.
    """
    lines = path.read_text("utf-8").splitlines()
    by_key: dict[str, dict[str, str]] = {}
    recorded: dict[str, dict[str, str | None]] = {}
    for unit in units:
        by_key.setdefault(unit.key, {})[unit.lang] = unit.current
        recorded.setdefault(unit.key, {})[unit.lang] = unit.recorded
    changed = 0
    # bottom-up, so inserting a line never moves a record still to be edited
    for key in sorted(by_key, key=lambda k: lines_of[k], reverse=True):
        if all(recorded[key][lang] == value for lang, value in by_key[key].items()):
            continue
        changed += 1
        start = lines_of[key] - 1
        first = lines[start]
        item = first.lstrip().startswith("- ")
        indent = len(first) - len(first.lstrip()) + (2 if item else 0)
        flow = ", ".join(f"{lang}: '{value}'" for lang, value in sorted(by_key[key].items()))
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
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return changed


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
