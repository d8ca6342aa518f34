"""``explainer status``: which translations are current, stale or missing.

A table for people, JSON for tools, and ``--accept PATH`` for a translator who has
brought a translation in step with its source: it writes the current fingerprints
into that file (a page, or a data file with all its records; ``PATH#id`` for one
record), so nobody edits hashes by hand.
"""

from __future__ import annotations

import json
from pathlib import Path

from .errors import ContentError, ContentInvalid
from .translation import Unit, accept_page, accept_records


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
