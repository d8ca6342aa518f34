"""A second build reuses what the first left in ``.explainer-cache/`` and writes the same site."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from explainer import fonts
from explainer.build import build_site


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_second_build_compiles_and_subsets_nothing_and_is_byte_identical(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = tree(build_site(project / "mkdocs.yml", tmp_path / "first"))
    cache = project / ".explainer-cache"
    assert list(cache.glob("templates-jinja-*/*.cache")), "no template was kept"
    assert list(cache.glob("fonts/*.font")), "no subset was kept"

    compile_template = jinja2.Environment.compile

    def compiled(env: jinja2.Environment, *args: object, **kwargs: object) -> object:
        # Material's search plugin reads its settings from a template of its own making
        assert env.bytecode_cache is None, "a template was compiled again"
        return compile_template(env, *args, **kwargs)

    def subset(*args: object) -> bytes:
        raise AssertionError("a font was subset again")

    monkeypatch.setattr(jinja2.Environment, "compile", compiled)
    monkeypatch.setattr(fonts, "subset_bytes", subset)
    assert tree(build_site(project / "mkdocs.yml", tmp_path / "second")) == first


def test_a_template_changed_since_is_compiled_again(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace("theme:\n", "theme:\n  custom_dir: overrides\n", 1),
        "utf-8",
    )
    template = project / "overrides/partials/copyright.html"
    template.parent.mkdir(parents=True)
    for word in ("first", "second"):
        template.write_text(f'<p id="{word}"></p>', "utf-8")
        html = (build_site(config, tmp_path / word) / "index.html").read_text("utf-8")
        assert f'<p id="{word}">' in html
