"""The site's vocabularies: the words its records may use where the engine needs a choice.

A site may declare them in ``vocabularies.yml`` beside its records; what it leaves out
keeps the engine's default. Today that is the actor groups (``group:`` in
``actors.yml``), whatever the op-ed's world: a ministry, a party, an army, a paper::

    # docs/data/vocabularies.yml
    actor_groups: [government, opposition, army, media, other]

``author`` (the op-ed's author) and ``explainer`` (this site's own inferences) are
always groups, because the engine treats them apart.

>>> load_vocabularies(Path("no-such-folder"), "docs/data", ErrorList())["actor_groups"]
('officials', 'organisations', 'media', 'other', 'author', 'explainer')
"""

from __future__ import annotations

import functools
from pathlib import Path

from . import yamlfile
from .errors import ErrorList

VOCABULARIES = "vocabularies.yml"
#: The engine's defaults, for a site that declares nothing.
DEFAULTS: dict[str, tuple[str, ...]] = {
    "actor_groups": ("officials", "organisations", "media", "other"),
}
#: Words every site has, whatever it declares: the engine gives them a meaning.
RESERVED: dict[str, tuple[str, ...]] = {"actor_groups": ("author", "explainer")}


def load_vocabularies(
    data_dir: Path, display_dir: str, errors: ErrorList
) -> dict[str, tuple[str, ...]]:
    """Return every vocabulary: the site's declaration where it has one, else the default.

    Problems (an unknown vocabulary, a word that is not a lower-case id) are added to
    ``errors`` with their line; the default then stands in.
    """
    path, shown = data_dir / VOCABULARIES, f"{display_dir}/{VOCABULARIES}"
    declared = (
        errors.collect(functools.partial(yamlfile.load, path, shown), None)
        if path.exists()
        else None
    )
    vocabularies = dict(DEFAULTS)
    if declared is None:
        pass
    elif not isinstance(declared, yamlfile.Mapping):
        errors.add(shown, 1, f"expected vocabularies by name: {', '.join(DEFAULTS)}", "schema")
    else:
        for name, words in declared.items():
            line = declared.line_of(name)
            if name not in DEFAULTS:
                known = ", ".join(DEFAULTS)
                errors.add(shown, line, f"unknown vocabulary '{name}' (known: {known})", "schema")
            elif not (
                isinstance(words, list)
                and words
                and all(isinstance(w, str) and w.replace("-", "").isalnum() for w in words)
            ):
                errors.add(shown, line, f"'{name}': expected a list of lower-case words", "schema")
            else:
                vocabularies[name] = tuple(words)
    return {
        name: tuple(dict.fromkeys((*words, *RESERVED.get(name, ()))))
        for name, words in vocabularies.items()
    }
