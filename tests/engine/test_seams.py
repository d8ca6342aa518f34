"""Canaries: every internal of Material the explainer relies on still holds, and every
behaviour of the browser the single-file edition relies on.

Each seam is declared once in :mod:`explainer.seams`; these tests read the installed
Material and fail with the seam's own message, naming what to update.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
import yaml

from browser import chromium_fixture  # noqa: F401
from explainer.mkdocs_plugin import THEME
from explainer.seams import (
    BROWSER_SEAMS,
    COPIED_PARTIALS,
    SEAMS,
    TEMPLATES,
    BrowserSeam,
    Seam,
    material_search_worker,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("seam", SEAMS, ids=[s.name for s in SEAMS])
def test_the_seam_holds(seam: Seam) -> None:
    assert seam.check() is None, seam.check()


def test_a_broken_seam_says_what_to_update() -> None:
    seam = Seam("a made-up seam", "base.html", r"no such text \d{40}", "update nothing")
    assert seam.check() == (
        "a made-up seam: no longer found in Material's base.html; update nothing"
    )


@pytest.mark.parametrize("partial", sorted(COPIED_PARTIALS))
def test_a_copied_partial_matches_the_original_it_was_made_from(partial: str) -> None:
    digest, what = COPIED_PARTIALS[partial]
    original = hashlib.sha256((TEMPLATES / partial).read_bytes()).hexdigest()
    assert original == digest, (
        f"Material changed {partial} ({what}): compare it with the engine's theme/{partial}, carry "
        "the change over, then record its new SHA-256 in explainer.seams.COPIED_PARTIALS"
    )
    assert (THEME / partial).is_file()


def test_every_copied_partial_is_declared() -> None:
    # main.html is Material's extension point, meant to be replaced: not a copy
    copies = {
        p.relative_to(THEME).as_posix()
        for p in THEME.rglob("*.html")
        if (TEMPLATES / p.relative_to(THEME)).is_file()
    }
    assert copies - {"main.html"} == set(COPIED_PARTIALS)


def test_the_porter_vectors_come_from_the_installed_lunr() -> None:
    vectors = yaml.safe_load((ROOT / "tests/engine/porter_vectors.yml").read_text("utf-8"))
    assert vectors["worker"] == material_search_worker().name, (
        "Material's search worker changed: run scripts/porter_vectors.py to take the "
        "stems from its lunr.js again"
    )


def test_the_wrapper_names_the_message_types_the_worker_uses() -> None:
    wrapper = (THEME / "assets/javascripts/workers/explainer-search.js").read_text()
    declared = dict(re.findall(r"const (SETUP|QUERY|RESULT) = (\d)", wrapper))
    assert declared == {"SETUP": "0", "QUERY": "2", "RESULT": "3"}


# --- the browser's, for the single-file edition ----------------------------------------


@pytest.mark.parametrize("seam", BROWSER_SEAMS, ids=[s.name for s in BROWSER_SEAMS])
def test_the_browser_seam_holds(seam: BrowserSeam, chromium) -> None:
    page = chromium.new_page()
    try:
        page.set_content(seam.page)
        assert page.evaluate(seam.check) is True, f"{seam.name}: {seam.update}"
    finally:
        page.close()
