"""Vocabularies, dates of writing, figures, context and bylines, as readers see them.

Each test changes a copy of the sample project the way a site would, builds it, and
reads the pages: the site's own kinds with their labels, a dated piece with nothing
labelled an inference, relative dates in any unit, percentages and amounts, outside
context marked as such, the byline where the text has it, and the JSON-LD.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from explainer.build import build_site
from explainer.cli import main
from explainer.l10n import format_date

WRITTEN = (
    'written:\n  between: ["2019-06", "2022"]\n  claim: written-when\n  context: [plan-approved]\n'
)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def build(project: Path) -> dict[str, BeautifulSoup]:
    """Build ``project``; return its home page in each language."""
    site = build_site(project / "mkdocs.yml", project / "site")
    pages = {"ar": site / "index.html", "en": site / "en/index.html"}
    return {lang: BeautifulSoup(p.read_text("utf-8"), "html.parser") for lang, p in pages.items()}


def text(element) -> str:
    return " ".join(element.get_text().split())


def based_on(page: BeautifulSoup) -> dict:
    return json.loads(page.select_one('script[type="application/ld+json"]').string)["isBasedOn"]


@pytest.fixture
def data(project: Path) -> Path:
    return project / "docs/data"


def test_the_sites_own_kinds_are_shown_with_their_labels(project: Path, data: Path) -> None:
    (data / "vocabularies.yml").write_text(
        "claim_kinds:\n"
        "  - argument\n"
        '  - announcement: {ar: إعلان البلدية, en: "The municipality\'s announcement"}\n'
        "event_kinds:\n"
        "  - happened\n"
        "  - expected\n"
        "  - stated: {ar: قالت, en: Said}\n",  # an engine kind, said the site's way
        "utf-8",
    )
    edit(data / "claims.yml", "kind: statement", "kind: announcement")
    edit(data / "timeline.yml", "kind: announced", "kind: happened")
    pages = build(project)
    labels = {
        "ar": ("إعلان البلدية", "حدث", "قالت"),
        "en": ("The municipality's announcement", "Happened", "Said"),
    }
    for lang, page in pages.items():
        claim, plan, trees = labels[lang]
        card = page.select_one("#claim-dam-plan.ex-claim--announcement")
        assert text(card.select_one(".ex-kind")) == claim
        # the municipality is not the author: its name says whose claim it is
        assert card.select_one(".ex-claim__speaker")
        assert text(page.select_one("#event-plan .ex-kind")) == plan
        assert text(page.select_one("#event-trees .ex-kind")) == trees


def test_a_dated_piece_labels_no_date_an_inference(project: Path, data: Path) -> None:
    edit(data / "timeline.yml", WRITTEN, "written:\n  published: 2020-03-15\n")
    pages = build(project)
    expected = {
        "ar": f"(نُشر المقال في {format_date('2020-03-15', 'ar')})",
        "en": "(published March 15, 2020)",
    }
    for lang, page in pages.items():
        when = page.select_one("#event-trees .ex-event__when")
        assert when.select_one("time.ex-date")["datetime"] == "2020-03-15"
        assert text(when.select_one(".ex-date__published")) == expected[lang]
        assert not page.select(".ex-timeline .ex-date__inferred")
        assert based_on(page)["datePublished"] == "2020-03-15"
    assert "inference" not in text(pages["en"].select_one(".ex-timeline"))


def test_without_a_date_of_writing_no_year_is_claimed(project: Path, data: Path) -> None:
    edit(data / "timeline.yml", WRITTEN, "")
    pages = build(project)
    for lang, page in pages.items():
        when = page.select_one("#event-trees .ex-event__when")
        date = when.select_one(".ex-date")
        assert date.name == "span"
        assert text(date) == {"ar": "وقت كتابة المقال", "en": "At the time of writing"}[lang]
        assert not when.select(".ex-date__inferred, .ex-date__published, time")
        assert "datePublished" not in based_on(page)


def test_an_inferred_range_is_labelled_and_rests_on_cited_context(
    project: Path, data: Path
) -> None:
    for lang in ("ar", "en"):  # place the inference itself, as well as the timeline
        edit(
            project / f"docs/{lang}/index.md",
            "[[claims dam-plan]]",
            "[[claims dam-plan written-when]]",
        )
    pages = build(project)
    june = {lang: format_date("2019-06", lang) for lang in pages}
    expected = {
        "ar": f"(بين {june['ar']} و2022 بحسب استنتاج هذا الشرح)",
        "en": f"(between {june['en']} and 2022, this explainer's inference)",
    }
    for lang, page in pages.items():
        when = page.select_one("#event-trees .ex-event__when")
        assert when.select_one(".ex-date").name == "span"  # a range has no single datetime
        note = when.select_one(".ex-date__inferred")
        assert text(note).startswith(expected[lang])
        assert note.select_one("sup.ex-ref a.footnote-ref")
        # the context shows with the inference's card and with its entry in the sources
        card = page.select_one("#claim-written-when")
        sources = page.select_one(".ex-sources")
        for place in (card, sources):
            aside = place.select_one("aside.ex-context")
            assert (
                text(aside.select_one(".ex-context__label"))
                == {
                    "ar": "من خارج المقال: سياق يضيفه هذا الشرح",
                    "en": "Outside the op-ed: context this explainer adds",
                }[lang]
            )
            link = aside.select_one("a.ex-context__link")
            assert link["href"] == "https://example.org/council/dam-plan"
            assert {"external", "noopener", "noreferrer"} <= set(link["rel"])
            assert aside.select_one("time")["datetime"] == "2019-06-12"
        assert "datePublished" not in based_on(page)
    assert not pages["en"].select("#claim-dam-plan aside.ex-context")  # not the op-ed's claims


def test_relative_dates_in_weeks_and_months(project: Path, data: Path) -> None:
    edit(data / "timeline.yml", "date: at writing", "date: weeks before writing")
    edit(data / "timeline.yml", "date: within 3 years", "date: within 1 month")
    pages = build(project)
    expected = {
        "ar": ("منذ أسابيع حتى وقت كتابة المقال", "خلال شهر واحد من وقت كتابة المقال"),
        "en": ("For weeks, up to the time of writing", "Within a month of the time of writing"),
    }
    for lang, page in pages.items():
        before, within = expected[lang]
        assert text(page.select_one("#event-trees .ex-date")) == before
        assert text(page.select_one("#event-dams-built .ex-date")) == within


def test_percentages_amounts_with_decimals_and_horizons(
    project: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cost = {
        "ar": "بكلفة 2.5 مليون دولار، أي 40% من ميزانيتها",
        "en": "at a cost of 2.5 million dollars, 40% of its budget",
    }
    edit(data / "text.ar.txt", "خلال ثلاث سنوات.", f"خلال ثلاث سنوات {cost['ar']}.")
    edit(data / "source.yml", "within three years.", f"within three years, {cost['en']}.")
    with (data / "claims.yml").open("a", encoding="utf-8") as claims:
        claims.write(
            "- id: dam-cost\n  speaker: municipality\n  kind: statement\n  paragraph: p2\n"
            f'  quote: {{ar: "{cost["ar"]}", en: "{cost["en"]}"}}\n'
            f'  text: {{ar: "{cost["ar"]}.", en: "The plan costs 2.5 million dollars, 40% of '
            "the municipality's budget.\"}\n"
        )
    with (data / "figures.yml").open("a", encoding="utf-8") as figures:
        figures.write(
            "- id: cost\n  kind: amount\n  value: 2.5\n  currency: USD\n  claim: dam-cost\n"
            '  unit: {ar: {other: "{n} مليون"}, en: {other: "{n} million"}}\n'
            "  label: {ar: كلفة الخطة, en: the plan's cost}\n"
            "- id: share\n  kind: percent\n  value: 40\n  claim: dam-cost\n"
            "  label: {ar: من ميزانية البلدية, en: of the municipality's budget}\n"
            "- id: horizon\n  kind: within-months\n  value: 36\n  claim: dam-plan\n"
            "  label: {ar: موعد إنجاز السدود, en: when the dams are due}\n"
        )
    monkeypatch.chdir(project)
    accepted = ["docs/data/source.yml", "docs/data/claims.yml", "docs/data/figures.yml"]
    assert main(["status", "--accept", *accepted]) == 0  # the changed texts' translations
    assert main(["check", "--strict"]) == 0
    pages = build(project)
    expected = {"ar": "2.5 مليون دولار أمريكي", "en": "2.5 million US dollars"}
    for lang, page in pages.items():
        amount = page.select_one("#figure-cost dt")
        assert text(amount) == expected[lang]
        assert text(amount.select_one(".ex-figure__value")) == "2.5"
        assert text(page.select_one("#figure-share dt")) == "40%"
        horizon = {"ar": "خلال 36 شهرًا", "en": "within 36 months"}[lang]
        assert text(page.select_one("#figure-horizon dt")) == horizon


def test_a_byline_after_the_title(project: Path, data: Path) -> None:
    edit(
        data / "text.ar.txt",
        "سارة أحمد:\n\nالمدينة والنهر: هل تنجو الضفاف من الفيضان؟\n",
        "المدينة والنهر: هل تنجو الضفاف من الفيضان؟\n\nسارة أحمد:\n",
    )
    edit(data / "source.yml", "byline: before", "byline: after")
    pages = build(project)
    for page in pages.values():
        heads = page.select(".ex-source > .ex-source__title, .ex-source > .ex-source__byline")
        heads = [h for h in heads if "ex-original" not in h["class"]]  # the original, beside
        assert [h.name for h in heads] == ["h2", "p"]
        assert heads[0]["id"] == "title"
        assert based_on(page)["author"] == {"@type": "Person", "name": "سارة أحمد"}


def test_no_byline_and_an_organization_as_author(project: Path, data: Path) -> None:
    edit(data / "text.ar.txt", "سارة أحمد:\n\n", "")
    edit(data / "source.yml", "byline: before", "byline: none")
    edit(
        data / "source.yml",
        "jsonld: {type: OpinionNewsArticle, author_type: Person}",
        'jsonld: {type: NewsArticle, author_type: Organization, author_name: "The City Daily"}',
    )
    edit(
        data / "source.yml",
        "author:\n  translated_from: {en: '94bdf877'}\n  en: \"Sara Ahmed:\"\n",
        "",
    )
    pages = build(project)
    for page in pages.values():
        assert not page.select(".ex-source__byline")
        assert page.select_one(".ex-source > h2#title")
        assert based_on(page) | {"headline": ""} == {
            "@type": "NewsArticle",
            "author": {"@type": "Organization", "name": "The City Daily"},
            "headline": "",
            "inLanguage": "ar",
        }


def test_the_defaults_describe_an_opinion_piece_by_a_person(project: Path) -> None:
    for page in build(project).values():
        assert based_on(page) == {
            "@type": "OpinionNewsArticle",
            "author": {"@type": "Person", "name": "سارة أحمد"},
            "headline": "المدينة والنهر: هل تنجو الضفاف من الفيضان؟",
            "inLanguage": "ar",
        }
