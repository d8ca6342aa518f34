"""A site whose pages live in folders, grouped in nav sections with ``navigation.prune``.

Built once from the starter, with two pages in ``guide/`` in each language and a nav
section holding them; every link the engine writes must reach its target from there.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from conftest import Site, copy_sample
from explainer.build import build_site

PAGES = {
    "ar": {
        "guide/faq.md": "# أسئلة\n\nيسأل السكان عن السدود.[[p1]]\n",
        "guide/more.md": "# المزيد\n\nالمزيد عن الخطة.[[dam-plan]]\n",
    },
    "en": {
        "guide/faq.md": "# Questions\n\nThe residents ask about the dams.[[p1]]\n",
        "guide/more.md": "# More\n\nMore on the plan.[[dam-plan]]\n",
    },
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = copy_sample(tmp_path_factory.mktemp("nested") / "project")
    for lang, pages in PAGES.items():
        for rel, text in pages.items():
            (project / "docs" / lang / rel).parent.mkdir(parents=True, exist_ok=True)
            (project / "docs" / lang / rel).write_text(text, encoding="utf-8")
    config = yaml.safe_load((project / "mkdocs.yml").read_text(encoding="utf-8"))
    config["theme"]["features"] = ["navigation.prune", "navigation.footer"]
    config["nav"] = ["index.md", {"الدليل": list(PAGES["ar"])}]
    config["extra"]["i18n"]["en"]["nav"] = ["index.md", {"Guide": list(PAGES["en"])}]
    (project / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return Site(build_site(project / "mkdocs.yml", project / "site"))


def target(site: Site, page: str, href: str) -> tuple[Path, str]:
    """Return the file a link on ``page`` opens, and the anchor it names."""
    return site.resolve(site.root / page, href), href.partition("#")[2]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_markers_and_terms_in_a_folder_link_to_the_source_and_glossary(
    site: Site, prefix: str
) -> None:
    page = f"{prefix}guide/faq/index.html"
    soup = site.soup(page)
    home = site.root / prefix / "index.html"
    links = [a["href"] for a in soup.select(".ex-sources a[href*='#p1'], a.ex-term")]
    assert len(links) == 2, links
    for href in links:
        found, anchor = target(site, page, href)
        assert found == home, href
        assert site.soup(found).find(id=anchor), href


def test_the_original_lists_a_page_in_a_folder_among_those_citing_it(site: Site) -> None:
    cited = site.soup("index.html").select_one("#p1 .ex-citedby, #p1 ~ .ex-citedby")
    assert cited is not None
    pages = {target(site, "index.html", a["href"])[0] for a in cited.select("a")}
    assert site.root / "guide/faq/index.html" in pages


def test_the_language_switch_of_a_page_in_a_folder_opens_its_counterpart(site: Site) -> None:
    soup = site.soup("guide/faq/index.html")
    switch = [a["href"] for a in soup.select("a[hreflang='en']")]
    assert switch
    assert {target(site, "guide/faq/index.html", h)[0] for h in switch} == {
        site.root / "en/guide/faq/index.html"
    }


def test_a_pruned_nav_lists_the_open_section_only(site: Site) -> None:
    def listed(page: str) -> set[Path]:
        nav = site.soup(page).select_one("nav.md-nav--primary")
        return {target(site, page, a["href"])[0] for a in nav.select("a.md-nav__link")}

    faq, more = (site.root / f"guide/{name}/index.html" for name in ("faq", "more"))
    assert faq in listed("index.html") and more not in listed("index.html")
    assert {faq, more} <= listed("guide/faq/index.html")


def test_the_footer_and_the_search_index_follow_the_nav(site: Site) -> None:
    nxt = site.soup("index.html").select_one("a.md-footer__link--next")["href"]
    assert target(site, "index.html", nxt)[0] == site.root / "guide/faq/index.html"
    index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    assert {"guide/faq/", "guide/more/"} <= {doc["location"] for doc in index["docs"]}
