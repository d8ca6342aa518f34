"""The original text: verbatim in Arabic, aligned and complete in English."""

from __future__ import annotations

import re

from conftest import ROOT, Site

OPED = ROOT / "docs/data/oped.ar.txt"


def squash(text: str) -> str:
    return " ".join(text.split())


def text_of(element) -> str:
    """The element's text without the theme's heading permalink (not content)."""
    for link in element.select("a.headerlink"):
        link.decompose()
    return squash(element.get_text())


def oped_blocks() -> list[str]:
    # Split independently of the engine: blank lines separate the blocks.
    return [squash(b) for b in re.split(r"\n\s*\n", OPED.read_text("utf-8")) if b.strip()]


def test_project_copy_matches_the_shared_source() -> None:
    shared = ROOT.parent / "shared/source/oped.ar.txt"
    if shared.is_file():  # a clone outside the workplace has no ../shared
        assert OPED.read_bytes() == shared.read_bytes()


def test_arabic_page_holds_the_oped_verbatim_block_by_block(site: Site) -> None:
    blocks = site.soup("source/index.html").select(".ex-source [data-block]")
    assert [text_of(b) for b in blocks] == oped_blocks()


def test_arabic_originals_on_the_english_page_are_verbatim(site: Site) -> None:
    originals = site.soup("en/source/index.html").select(".ex-source .ex-original")
    assert [squash(o.get_text()) for o in originals] == oped_blocks()
    assert all(o["lang"] == "ar" and o["dir"] == "rtl" for o in originals)


def paragraphs(site: Site, path: str) -> dict[str, str]:
    soup = site.soup(path)
    return {
        div["id"]: squash(div.select_one(".ex-para__text").get_text())
        for div in soup.select(".ex-source .ex-para")
    }


def test_paragraph_anchors_are_numbered_and_identical_in_both_languages(site: Site) -> None:
    ar, en = paragraphs(site, "source/index.html"), paragraphs(site, "en/source/index.html")
    assert list(ar) == list(en) == [f"p{n}" for n in range(1, len(ar) + 1)]
    # The pull quote repeats the last paragraph: five real paragraphs in eight blocks.
    assert len(ar) == len(oped_blocks()) - 3
    for n, pid in enumerate(ar, start=1):
        link = site.soup("source/index.html").select_one(f"#{pid} a.ex-para__num")
        assert link["href"] == f"#{pid}" and link.get_text() == str(n)


def test_pull_quote_is_a_pull_quote_not_a_paragraph(site: Site) -> None:
    for path in ("source/index.html", "en/source/index.html"):
        soup = site.soup(path)
        figures = soup.select(".ex-source figure.ex-pullquote")
        assert len(figures) == 1
        figure = figures[0]
        assert figure.blockquote and not figure.find_parent(class_="ex-para")
        assert figure.figcaption.a["href"] == "#p5"
        # it stands where the op-ed puts it: after paragraph 2, before paragraph 3
        previous = figure.find_previous_sibling(class_="ex-para")
        following = figure.find_next_sibling(class_="ex-para")
        assert (previous["id"], following["id"]) == ("p2", "p3")


def numbers(text: str) -> list[str]:
    return [n.replace(",", "") for n in re.findall(r"\d[\d,]*\d|\d", text)]


def test_english_keeps_every_figure_of_each_paragraph(site: Site) -> None:
    ar, en = paragraphs(site, "source/index.html"), paragraphs(site, "en/source/index.html")
    for pid in ar:
        assert numbers(ar[pid]) == numbers(en[pid]), pid


def test_english_translation_keeps_terms_and_hedges(site: Site) -> None:
    ar, en = paragraphs(site, "source/index.html"), paragraphs(site, "en/source/index.html")
    english = " ".join(en.values())
    # one English term for داعش, everywhere
    assert english.count("ISIS") == sum(p.count("داعش") for p in ar.values())
    assert not re.search(r"Daesh|ISIL|Islamic State", english)
    # a hedge stays a hedge: ربما is "may", never "will"
    for pid, text in ar.items():
        assert text.count("ربما") <= en[pid].count(" may "), pid
    # attributed quotations stay quotations, in the same number
    for pid, text in ar.items():
        assert text.count("“") == en[pid].count("“"), pid
