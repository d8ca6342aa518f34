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


def weight_axis(data: bytes) -> tuple[float, float] | None:
    from io import BytesIO

    from fontTools.ttLib import TTFont

    font = TTFont(BytesIO(data))
    axes = [(a.minValue, a.maxValue) for a in font["fvar"].axes] if "fvar" in font else []
    return axes[0] if axes else None


def test_the_weight_axis_keeps_the_weights_a_rule_declares() -> None:
    data = FACE.read_bytes()
    assert weight_axis(data) == (100, 900)
    whole = fonts.subset_bytes(data, "abc")
    assert weight_axis(whole) == (100, 900)
    ranged = fonts.subset_bytes(data, "abc", (400, 700))
    assert weight_axis(ranged) == (400, 700) and len(ranged) < len(whole)
    regular = fonts.subset_bytes(data, "abc", (400, 400))
    assert weight_axis(regular) is None and len(regular) < len(ranged)  # a static face
    assert weight_axis(fonts.subset_bytes(data, "abc", (50, 1000))) == (100, 900)


def test_a_file_declared_with_two_weight_ranges_gets_a_copy_for_each(tmp_path: Path) -> None:
    (tmp_path / "fonts").mkdir()
    (tmp_path / "fonts/face.woff2").write_bytes(FACE.read_bytes())
    css = tmp_path / "css/site.css"
    css.parent.mkdir()
    rule = '@font-face {{ font-family: "{}"; font-weight: {}; src: url("../fonts/face.woff2"); }}'
    css.write_text("\n".join([rule.format("A", "400 700"), rule.format("B", "400")]), "utf-8")
    report = fonts.subset_fonts(tmp_path)
    text = css.read_text("utf-8")
    assert text.count('url("../fonts/face.woff2")') == 1
    assert 'font-family: "B"; font-weight: 400; src: url("../fonts/face.400.woff2")' in text
    assert weight_axis((tmp_path / "fonts/face.woff2").read_bytes()) == (400, 700)
    assert weight_axis((tmp_path / "fonts/face.400.woff2").read_bytes()) is None
    assert len(report.faces) == 2
