"""``explainer new DIR``: a starter explainer that builds and passes every check.

The starter is a made-up Arabic op-ed with its English translation: ``mkdocs.yml``,
the pages of both languages and one record of each kind, every translation in step.
It holds no theme, script, stylesheet or font: the engine brings them. The engine's
own tests build it too (it is their sample project), so it cannot fall out of step.
"""

from __future__ import annotations

import shutil
from pathlib import Path

#: The starter project, shipped as package data.
STARTER = Path(__file__).parent / "starter"


class TargetNotEmpty(Exception):
    """The folder for a new explainer already holds files."""


def write_starter(target: Path) -> list[str]:
    """Copy the starter into ``target`` (new or empty); return its files, relative to it.

    Raises :class:`TargetNotEmpty` rather than mix the starter with other files.
    """
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise TargetNotEmpty(f"{target} is not an empty folder: choose a new one")
    shutil.copytree(STARTER, target, dirs_exist_ok=True)
    return sorted(p.relative_to(target).as_posix() for p in target.rglob("*") if p.is_file())
