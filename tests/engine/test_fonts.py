"""Font subsets: cut to the site's characters, and kept between builds by content hash."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer import fonts
from explainer.mkdocs_plugin import THEME

FACE = THEME / "assets/fonts/noto-sans-latin-wght-normal.woff2"


def test_a_subset_is_made_once_then_read_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = FACE.read_bytes()
    first = fonts.cached_subset(data, "abc", tmp_path)
    assert 0 < len(first) < len(data) // 4
    assert len(list(tmp_path.iterdir())) == 1

    def no_subsetting(*_: object) -> bytes:
        raise AssertionError("subset again: the cache was not used")

    monkeypatch.setattr(fonts, "subset_bytes", no_subsetting)
    assert fonts.cached_subset(data, "cba", tmp_path) == first  # same characters, any order
    with pytest.raises(AssertionError, match="cache was not used"):
        fonts.cached_subset(data, "abcd", tmp_path)  # other characters: another subset


def test_an_unwritable_cache_still_gives_the_subset(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    data = FACE.read_bytes()
    assert fonts.cached_subset(data, "abc", blocked / "fonts") == fonts.subset_bytes(data, "abc")
