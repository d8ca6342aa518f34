"""The explainer sections of the real site, read from the built HTML."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT, Site

DATA = ROOT / "docs/data"
SECTIONS = ("", "timeline/", "positions/", "risks/", "terms/", "about/", "source/")


def squash(text: str) -> str:
    return " ".join(text.split())


def load(name: str):
    return yaml.safe_load((DATA / name).read_text("utf-8"))


@pytest.mark.parametrize("section", SECTIONS)
def test_every_section_exists_at_the_same_slug_in_both_languages(site: Site, section) -> None:
    assert (site.root / section / "index.html").is_file()
    assert (site.root / "en" / section / "index.html").is_file()


def test_home_shows_the_key_figures_from_the_source(site: Site) -> None:
    for prefix, expected in (
        # the op-ed's «خلال عامين»: the site's languages.yml words Arabic durations
        ("", ["2021", "2500", "900", "153", "خلال عامين"]),
        ("en/", ["2021", "2,500", "900", "153", "within 2 years"]),
    ):
        values = [
            squash(v.get_text())
            for v in site.soup(f"{prefix}index.html").select(".ex-figures .ex-figure__value")
        ]
        assert values == expected
    ar = site.soup("index.html").select_one("#figure-attacks dt").get_text()
    en = site.soup("en/index.html").select_one("#figure-attacks dt").get_text()
    assert squash(ar) == "153 هجومًا" and squash(en) == "153 attacks"


def test_timeline_is_an_ordered_list_with_honest_dates(site: Site) -> None:
    timeline = load("timeline.yml")
    events, written = timeline["events"], timeline.get("written") or {}
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}timeline/index.html")
        items = soup.select("ol.ex-timeline > li.ex-event")
        assert [li["id"] for li in items] == [f"event-{e['id']}" for e in events]
        for item, event in zip(items, events, strict=True):
            time = item.select_one("time")
            if re.fullmatch(r"\d{4}(-\d\d){0,2}", str(event["date"])):
                assert time["datetime"] == str(event["date"])
            elif str(event["date"]).startswith("within"):
                # a span of years has no valid HTML datetime (P2Y is not one): no <time>
                assert time is None
                assert item.select_one("span.ex-date").get_text() in (
                    "خلال عامين من وقت كتابة المقال",
                    "Within 2 years of the time of writing",
                )
            elif event["date"] in ("at writing", "after writing"):
                # dated against the writing, as the timeline knows it: only "at writing"
                # of a known year or day is a <time>; an inference says so with its marker
                if event["date"] == "at writing" and set(written) & {"year", "published"}:
                    when = written.get("published") or written.get("year")
                    assert time["datetime"] == str(when)
                else:
                    assert time is None
                if set(written) & {"year", "between"}:
                    assert item.select_one(".ex-date__inferred sup.ex-ref")
            assert item.select_one(".ex-event__text sup.ex-ref a.footnote-ref")
            assert item.select_one(".ex-event__actors")
    arabic_dates = [t.get_text() for t in site.soup("timeline/index.html").select(".ex-date")]
    assert not any(ch in "".join(arabic_dates) for ch in "\u200e\u200f\u061c")


def test_every_claim_is_attributed_and_marked_with_its_source(site: Site) -> None:
    claims = {c["id"]: c for c in load("claims.yml")}
    seen = 0
    for prefix, lang in (("", "ar"), ("en/", "en")):
        for section in ("risks/", "positions/"):
            soup = site.soup(f"{prefix}{section}index.html")
            for card in soup.select(".ex-claim"):
                seen += 1
                assert card.select_one(".ex-claim__who .ex-kind").get_text(strip=True)
                marker = card.select_one(".ex-claim__text sup.ex-ref a.footnote-ref")
                entry = soup.select_one(marker["href"])
                link = entry.select_one(".ex-src__links a")
                assert re.fullmatch(r"\.\./source/#(p\d|title)", link["href"]), link["href"]
                quote = squash(entry.select_one(".ex-src__quote").get_text()).strip("«»")
                pid = link["href"].split("#")[1]
                paragraph = squash(
                    site.soup("source/index.html")
                    .select_one(f"#{pid} .ex-para__text" if pid != "title" else "#title")
                    .get_text()
                )
                assert quote in paragraph  # verbatim, in the built page
                if lang == "en":
                    assert entry.select_one(".ex-src__translation")
            for card in soup.select(".ex-claim[id]"):
                claim = claims[card["id"].removeprefix("claim-")]
                text = squash(card.select_one(".ex-claim__text").get_text())
                assert text.startswith(claim["text"][lang][:20])
    assert seen > 40


def test_quoted_words_are_shown_as_quotations(site: Site) -> None:
    quoted = [c for c in load("claims.yml") if c.get("quoted")]
    soup = site.soup("en/risks/index.html")
    shown = [squash(q.p.get_text()) for q in soup.select(".ex-claim__quote")]
    assert shown == [f"“{c['quote']['en']}”" for c in quoted]


def test_positions_cover_the_actors_the_issue_names(site: Site) -> None:
    ids = {s["id"] for s in site.soup("en/positions/index.html").select("section.ex-actor")}
    for actor in (
        "white-house",
        "state-department",
        "military-officials",
        "regional-military-leaders",
        "iraqi-government",
        "author",
    ):
        assert f"actor-{actor}" in ids


def test_inferences_are_marked_as_the_explainers(site: Site) -> None:
    inferences = [c for c in load("claims.yml") if c["kind"] == "inference"]
    assert inferences
    for prefix, lang, label in (
        ("", "ar", "استنتاج هذا الشرح"),
        ("en/", "en", "This explainer's inference"),
    ):
        timeline = site.soup(f"{prefix}timeline/index.html")
        for claim in inferences:
            card = timeline.select_one(f"#claim-{claim['id']}")
            assert card and "ex-claim--inference" in card["class"]
            assert card.select_one(".ex-kind").get_text().startswith(label)
            assert squash(card.select_one(".ex-claim__text").get_text()).startswith(
                claim["text"][lang][:30]
            )
        # the time of writing: a range, no single year, and the outside facts it rests
        # on shown with its claim, marked and sourced
        note = timeline.select_one(".ex-date__inferred")
        assert "2022" in note.get_text() and "2024" in note.get_text()
        assert label.split()[-1] in note.get_text()
        context = timeline.select_one("#claim-written-range aside.ex-context")
        assert len(context.select("li.ex-context__item")) == 2
        links = [a["href"] for a in context.select("a.ex-context__link")]
        assert all(link.startswith("https://en.wikipedia.org/wiki/") for link in links), links


def test_terms_give_tooltips_and_link_to_the_glossary(site: Site) -> None:
    terms = {t["id"]: t for t in load("terms.yml")}
    glossary = site.soup("en/terms/index.html")
    entries = glossary.select("h2.ex-term__title")
    assert {e["id"] for e in entries} == {f"term-{t}" for t in terms}
    # each term heads its own section: its note follows it
    assert all(e.find_next_sibling().get("class") == ["ex-term__note"] for e in entries)
    link = site.soup("en/index.html").select_one("a.ex-term")
    term = terms[link["href"].split("#term-")[1]]
    target = site.resolve(site.root / "en/index.html", link["href"])
    assert target == (site.root / "en/terms/index.html").resolve()
    assert term["ar"] in link["title"]
    ar_link = site.soup("index.html").select_one("a.ex-term")
    assert terms[ar_link["href"].split("#term-")[1]]["en"] in ar_link["title"]


def test_source_paragraphs_list_the_parts_that_cite_them(site: Site) -> None:
    for prefix in ("", "en/"):
        soup = site.soup(f"{prefix}source/index.html")
        for pid in ("p1", "p2", "p3", "p4", "p5"):
            links = soup.select(f"#{pid} details.ex-citedby a")
            assert links, (prefix, pid)
            for link in links:
                target = site.resolve(site.root / prefix / "source/index.html", link["href"])
                assert target.is_file(), link["href"]
                anchor = link["href"].partition("#")[2]
                if anchor:
                    assert site.soup(target).find(id=anchor), link["href"]


def test_figures_agree_between_the_two_languages_on_every_page(site: Site) -> None:
    def numbers(soup) -> list[int]:
        for hidden in soup.select(".ex-original, .ex-sources, nav, header, footer"):
            hidden.decompose()
        text = soup.select_one("article").get_text(" ")
        return sorted(
            int(n.replace(",", ""))
            for n in re.findall(r"\d[\d,]*\d|\d", text)
            if n.replace(",", "").isdigit()
        )

    for section in SECTIONS[:-1]:
        ar = numbers(site.soup(f"{section}index.html"))
        en = numbers(site.soup(f"en/{section}index.html"))
        big = [n for n in ar if n >= 100]
        assert big == [n for n in en if n >= 100], section


def test_latin_inside_arabic_is_isolated_and_english_pages_are_untouched(site: Site) -> None:
    about = site.soup("about/index.html")
    assert "Markdown" in [b.get_text() for b in about.select("article bdi")]
    for prefix in ("", "en/"):
        for page in ("index.html", "terms/index.html", "risks/index.html"):
            soup = site.soup(f"{prefix}{page}")
            assert not soup.select("code bdi, bdi bdi")
            if prefix:
                assert not soup.select("article bdi")
