"""Ids when a language's pages merge into its single-file edition: what ``check`` reports
(the rule ``single-file.id``, explainer.sections), on the sample project. The catalogue
(bad_input.yml) has a page named like a paragraph and an id given twice on a page; these
are the cases that need more than one page or the edition's own ids.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.build import check_project
from explainer.sections import TEMPLATE_IDS, merged_id, section_id

PAGE = {"ar": "# صفحة\n\nنص.\n", "en": "# A page\n\nText.\n"}


def add_page(project: Path, rel: str) -> None:
    for lang, text in PAGE.items():
        path = project / "docs" / lang / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")


@pytest.fixture(autouse=True)
def inside(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(project)  # messages name files as an editor there sees them


def collisions(project: Path) -> list[str]:
    problems, _ = check_project(project / "mkdocs.yml")
    return [p.for_editor() for p in problems if p.rule == "single-file.id"]


def test_the_sample_merges_without_a_collision(project: Path) -> None:
    assert collisions(project) == []


def test_a_page_in_a_folder_named_like_an_anchor_of_the_page_beside_it(project: Path) -> None:
    add_page(project, "index/sources.md")  # index.md has a list of sources, #sources
    assert collisions(project) == [
        f"docs/{lang}/index/sources.md:1:1: error: in the single-file edition this page's "
        "section would have the id 'index/sources', as would the list of sources at line "
        f"{line} of docs/{lang}/index.md: rename the page [single-file.id]"
        for lang, line in (("ar", 3), ("en", 6))  # the first marker's line
    ]


def test_a_page_named_like_the_editions_own_ids(project: Path) -> None:
    add_page(project, "sf-nav.md")
    assert collisions(project) == [
        f"docs/{lang}/sf-nav.md:1:1: error: in the single-file edition this page's section "
        "would have the id 'sf-nav', which the edition's table of contents uses: rename the "
        "page [single-file.id]"
        for lang in ("ar", "en")
    ]


def test_a_page_in_a_folder_named_like_a_marker(project: Path) -> None:
    add_page(project, "index/ref-1.md")
    found = collisions(project)
    assert len(found) == 2 and "as would a source marker of docs/ar/index.md" in found[0]


@pytest.mark.parametrize(
    ("rel", "anchor", "merged"),
    [
        ("timeline.md", "event-x", "timeline/event-x"),
        ("guide/faq.md", "sources", "guide/faq/sources"),
        ("source.md", "p3", "p3"),
        ("risks.md", "p3", "risks/p3"),  # only the page showing the op-ed keeps them
    ],
)
def test_merged_ids(rel: str, anchor: str, merged: str) -> None:
    assert merged_id(rel, anchor, {"source.md": {"p3"}}) == merged


def test_the_template_ids_are_no_page_name() -> None:
    assert all("/" not in name and section_id(f"{name}.md") == name for name in TEMPLATE_IDS)
