"""Small inline cases for the Markdown extensions (the golden files hold whole outputs)."""

from __future__ import annotations

import copy

import markdown
import pytest

from explainer.new import STARTER

CONTENT = str(STARTER / "docs/data")


def render(text: str, lang: str = "en", *extensions: str) -> str:
    names = [f"explainer.{e}" for e in (extensions or ("claims", "terms"))]
    options = {"content": CONTENT, "lang": lang}
    md = markdown.Markdown(extensions=names, extension_configs=dict.fromkeys(names, options))
    return md.convert(text)


def test_markers_are_numbered_in_reading_order_across_blocks_and_prose() -> None:
    html = render("First.[[trees]]\n\n[[claims dam-plan]]\n\nLast.[[p1]]")
    assert html.index('href="#src-1"') < html.index('href="#src-2"') < html.index('href="#src-3"')
    assert html.count('<li id="src-') == 3


def test_a_repeated_source_has_one_entry_and_unique_marker_ids() -> None:
    html = render("One.[[trees]] Two.[[trees]]")
    assert 'id="ref-1"' in html and 'id="ref-1-2"' in html
    assert html.count('<li id="src-1">') == 1


def test_one_markdown_instance_renders_many_pages_independently() -> None:
    names = ["explainer.claims"]
    md = markdown.Markdown(
        extensions=names, extension_configs={"explainer.claims": {"content": CONTENT, "lang": "en"}}
    )
    first = md.convert("A.[[trees]]")
    md.reset()
    second = md.convert("B.[[p1]]")
    assert "src-2" not in second and "trees" not in second.split("<section")[0]
    assert first.count("<li") == second.count("<li") == 1


def test_an_unknown_reference_is_an_error_not_text() -> None:
    with pytest.raises(ValueError, match="unknown claim or paragraph 'nope'"):
        render("Text.[[nope]]")


def test_a_directive_in_code_stays_code() -> None:
    html = render("    [[claims trees]]\n\nInline `[[trees]]`.")
    assert "ex-claim" not in html and "[[trees]]" in html


def test_terms_are_linked_once_and_never_in_headings() -> None:
    html = render("# dams\n\ndams and dams")
    assert html.count('class="ex-term"') == 1
    assert "<h1>dams</h1>" in html


def test_arabic_terms_are_found_behind_a_proclitic() -> None:
    html = render("والسدود تحمي المدينة.", "ar")
    assert '><span lang="ar">السدود</span></a>' in html and html.startswith("<p>و<a")


def test_english_terms_match_whole_words_only() -> None:
    assert "ex-term" not in render("sandams, damsel, sandamsx")


def test_the_language_must_be_one_of_the_content() -> None:
    with pytest.raises(ValueError, match="'lang' must be one of"):
        render("[[claims trees]]", "fr")


def test_latin_runs_are_isolated_on_right_to_left_pages_only() -> None:
    ar = render("أعلن ISIS مسؤوليته عن 153 هجومًا، بحسب Wall Street Journal.", "ar", "bidi")
    assert ar == (
        "<p>أعلن <bdi>ISIS</bdi> مسؤوليته عن 153 هجومًا، بحسب <bdi>Wall Street Journal</bdi>.</p>"
    )
    assert "<bdi>" not in render("ISIS claimed 153 attacks.", "en", "bidi")


def test_isolation_leaves_code_and_entities_alone() -> None:
    html = render("`ISIS 153` &amp; &para; و ISIS", "ar", "bidi")
    assert html == '<p><code translate="no">ISIS 153</code> &amp; &para; و <bdi>ISIS</bdi></p>'


def test_every_directive_is_declared_once_and_rendered_by_its_extension() -> None:
    """explainer.directives declares what each explainer.<name> extension renders."""
    from importlib.metadata import entry_points

    from explainer.directives import DIRECTIVES
    from explainer.markdown.directive import DirectiveExtension

    rendered = {}
    for point in entry_points(group="markdown.extensions"):
        if point.name.startswith("explainer."):
            extension = point.load()
            if issubclass(extension, DirectiveExtension):
                rendered[point.name.removeprefix("explainer.")] = extension.processor.name
    assert rendered == {name: name for name in DIRECTIVES}


def test_one_entry_brings_every_extension_to_plain_python_markdown() -> None:
    """``explainer`` in any Python-Markdown run renders every directive, MkDocs or not."""
    import markdown as python_markdown

    from conftest import SAMPLE

    md = python_markdown.Markdown(
        extensions=["explainer"],
        extension_configs={
            "explainer": {
                "content": str(SAMPLE / "docs/data"),
                "lang": "en",
                "source_page": "index.md",
            }
        },
    )
    html = md.convert("[[timeline]]\n\n[[figures]]\n\n[[terms]]\n\n[[source]]")
    for rendered in ('class="ex-timeline"', 'class="ex-figures"', 'id="term-', 'id="p1"'):
        assert rendered in html, rendered
    assert "[[" not in html


def test_the_content_the_caller_loaded_is_the_one_the_extensions_use() -> None:
    # Python-Markdown turns an option whose default is None into a bool: the content
    # handed over came back as True, and every lookup loaded the content again
    from explainer.content import load_content
    from explainer.markdown import EXTENSIONS

    content = copy.copy(load_content(CONTENT))  # not the one load_content has cached
    for extension in EXTENSIONS:
        assert extension(content=CONTENT, lang="en", loaded=content).content is content
