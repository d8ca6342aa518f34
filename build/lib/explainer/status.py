"""``explainer status``: which translations are current, stale or missing.

A table for people, JSON for tools, and ``--accept PATH`` for a translator who has
brought a translation in step with its source: it writes the current fingerprints
into that file (a page, or a data file with all its records; ``PATH#id`` for one
record), so nobody edits hashes by hand.

The interface strings of each site language are listed too, where a reader may meet
an unchecked one: strings its record marks as not yet reviewed by a speaker, and
strings it lacks, which English stands in for.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ContentError, ContentInvalid
from .languages import Record
from .strings import missing_strings
from .translation import Unit, accept_page, accept_records


def string_notes(records: list[Record]) -> list[dict[str, str]]:
    """Return each interface string a speaker has yet to check: unreviewed or missing.

    ``theme`` in a record's ``unreviewed`` stands for all its theme strings.

    >>> from explainer.languages import engine_record
    >>> notes = string_notes([engine_record("ar"), engine_record("ckb")])
    >>> {n["lang"] for n in notes}, notes[0]
    ({'ckb'}, {'lang': 'ckb', 'string': 'within.day', 'status': 'unreviewed'})
    """
    notes = []
    for rec in records:
        for key in rec.unreviewed:  # `theme`, `within` and `lists` stand for all of theirs
            keys = {
                "theme": [f"theme.{k}" for k in rec.theme],
                "within": [f"within.{k}" for k in rec.within],
                "lists": ["lists"] if rec.lists else [],
            }.get(key, [key])
            notes += [{"lang": rec.code, "string": k, "status": "unreviewed"} for k in keys]
        notes += [
            {"lang": rec.code, "string": k, "status": "missing"} for k in missing_strings(rec)
        ]
    return notes


def strings_table(notes: list[dict[str, str]]) -> str:
    """Return the interface strings to check, one line per language and status."""
    if not notes:
        return "interface strings: all reviewed"
    lines = ["interface strings a speaker has yet to check (languages/<code>.yml):"]
    groups: dict[tuple[str, str], list[str]] = {}
    for note in notes:
        groups.setdefault((note["lang"], note["status"]), []).append(note["string"])
    for (lang, status), keys in groups.items():
        reason = "not reviewed" if status == "unreviewed" else "missing, English shown"
        lines.append(f"  {lang}: {len(keys)} {reason}: {', '.join(keys)}")
    return "\n".join(lines)


def table(units: list[Unit]) -> str:
    """Return the units as an aligned text table, stale and missing first."""
    order = {"missing": 0, "stale": 1, "current": 2}
    rows = sorted(units, key=lambda u: (order[u.status], u.path, u.line))
    width = max((len(u.path) for u in rows), default=4)
    lines = [f"{'status':8}  {'lang':4}  {'file':{width}}  unit"]
    lines += [f"{u.status:8}  {u.lang:4}  {u.path:{width}}  {u.key}" for u in rows]
    counts = {s: sum(u.status == s for u in units) for s in order}
    lines.append(", ".join(f"{n} {s}" for s, n in counts.items()))
    return "\n".join(lines)


def as_json(units: list[Unit]) -> str:
    """Return the units as JSON: one object per unit with its status and fingerprints."""
    return json.dumps(
        [
            {
                "path": u.path,
                "unit": u.key,
                "lang": u.lang,
                "line": u.line,
                "status": u.status,
                "source_fingerprint": u.current,
                "recorded_fingerprint": u.recorded,
            }
            for u in units
        ],
        ensure_ascii=False,
        indent=2,
    )


def accept(target: str, units: list[Unit]) -> list[str]:
    """Mark the translation in ``target`` (``PATH`` or ``PATH#id``) as current.

    Returns a line per file changed. Raises :class:`ContentInvalid` when nothing
    tracked lives at ``target``.
    """
    path, _, key = target.partition("#")
    shown = Path(path).as_posix().removeprefix("./")
    chosen = [u for u in units if u.path == shown and (not key or u.key == key) and u.exists]
    if not chosen:
        raise ContentInvalid(
            [
                ContentError(
                    shown,
                    1,
                    f"no translation is tracked at '{target}' "
                    "(expected a translated page or a data file)",
                    "translation",
                )
            ]
        )
    if shown.endswith(".md"):
        accept_page(Path(path), chosen[0].current)
        return [f"{shown}: marked current"]
    changed = accept_records(Path(path), chosen, {u.key: u.line for u in chosen})
    return [f"{shown}: {changed} record(s) marked current"]
