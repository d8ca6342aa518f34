"""The made-up explainers in ``examples/``, built and read end to end, and in Chromium.

- ``market-hours``: an English op-ed with its Arabic translation (any source
  language; Arabic, an inflecting target language, passes the term-usage rule);
- ``school-buses``: an Arabic op-ed with English and Central Kurdish (a third
  language the engine knows only from its record: ``ckb``, Sorani, right to left).

Each builds from its own folder (``explainer build`` there) and with ``-f`` from the
repository's root, the two the same; passes ``check --strict``; and its pages carry
every language: ``<html lang dir>``, the language switch (a menu with three languages,
one link with two), hreflang links and sitemaps, a search index per language with its
own rules, interface strings, dates and plural forms from Babel, and a notice on a stale
translation naming the source language. In Chromium every home page loads with nothing
from another host and no console error, and a Sorani word typed on an Arabic keyboard
finds its Kurdish page. Screenshots go to ``/tmp/example-shots/``, to look at.
"""

from __future__ import annotations

import io
import json
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from fontTools.ttLib import TTFont

from browser import chromium_fixture, open_tab, run_search, serve, site_prefix  # noqa: F401
from conftest import Site
from explainer.cli import main
from explainer.content import load_content
from explainer.l10n import (
    format_count,
    format_date,
    format_list,
    format_number,
    format_within_years,
)
from explainer.languages import Record, engine_record, language_name
from explainer.search import INDEX_KEY

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
SHOTS = Path("/tmp/example-shots")


@dataclass(frozen=True)
class Example:
    name: str
    languages: tuple[str, ...]  # the source language first
    url: str  # site_url in its mkdocs.yml

    @property
    def folder(self) -> Path:
        return EXAMPLES / self.name

    @property
    def source(self) -> str:
        return self.languages[0]

    def prefix(self, lang: str) -> str:
        return "" if lang == self.source else f"{lang}/"


MARKET = Example("market-hours", ("en", "ar"), "https://explainers.example.org/market-hours/")
BUSES = Example("school-buses", ("ar", "en", "ckb"), "https://explainers.example.org/school-buses/")
ALL = (MARKET, BUSES)
PAGES = ("", "timeline/", "source/", "terms/")
DIRECTION = {"ar": "rtl", "ckb": "rtl", "en": "ltr"}


def record_of(code: str) -> Record:
    """The engine's record of language ``code``."""
    record = engine_record(code)
    assert record is not None, code
    return record


def test_the_examples_folder_holds_these_examples() -> None:
    found = sorted(p.parent.name for p in EXAMPLES.glob("*/mkdocs.yml"))
    assert found == sorted(e.name for e in ALL)


# --- building: from the example's folder, and with -f from the repository root -------


def run(where: Path, *args: str) -> tuple[int, str, str]:
    """Run ``explainer ARGS`` in folder ``where``; return the code, stdout and stderr."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(where)
        out, err = io.StringIO(), io.StringIO()
        patch.setattr("sys.stdout", out)
        patch.setattr("sys.stderr", err)
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


@dataclass
class Built:
    here: Site  # `explainer build` in the example's folder
    from_root: Site  # `explainer build -f examples/<name>/mkdocs.yml` from the root


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Built]:
    """Each example built both ways, once for the module."""
    result = {}
    for example in ALL:
        target = tmp_path_factory.mktemp(example.name) / "site"
        code, out, err = run(example.folder, "build", "--site-dir", str(target))
        assert code == 0, err
        assert out.startswith("explainer: site built in")
        # the default site_dir, next to mkdocs.yml: git ignores it (examples/.gitignore)
        code, _, err = run(ROOT, "build", "-f", f"examples/{example.name}/mkdocs.yml")
        assert code == 0, err
        result[example.name] = Built(Site(target), Site(example.folder / "site"))
    return result


@pytest.fixture(scope="module")
def sites(built: dict[str, Built]) -> dict[str, Site]:
    return {name: b.here for name, b in built.items()}


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.name)
def test_each_example_passes_check_strict(example: Example) -> None:
    code, out, err = run(example.folder, "check", "--strict")
    assert (code, out, err) == (0, "", "explainer check: 0 error(s), 0 warning(s)\n")
    code, _, err = run(ROOT, "check", "--strict", "-f", f"examples/{example.name}/mkdocs.yml")
    assert (code, err) == (0, "explainer check: 0 error(s), 0 warning(s)\n")


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.name)
def test_both_ways_build_the_same_site(example: Example, built: dict[str, Built]) -> None:
    here, from_root = built[example.name].here, built[example.name].from_root

    def files(site: Site) -> list[str]:
        return sorted(p.relative_to(site.root).as_posix() for p in site.root.rglob("*"))

    assert files(here) == files(from_root)
    for page in here.pages():
        twin = from_root.root / page.relative_to(here.root)
        assert page.read_bytes() == twin.read_bytes(), page


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.name)
def test_every_page_is_in_its_language_and_direction(
    example: Example, sites: dict[str, Site]
) -> None:
    site = sites[example.name]
    for lang in example.languages:
        for path in [f"{path}index.html" for path in PAGES] + ["404.html"]:
            html = site.soup(f"{example.prefix(lang)}{path}").html
            assert html is not None
            assert (html["lang"], html["dir"]) == (lang, DIRECTION[lang]), (lang, path)
    # every page is one of these: no page lacks a counterpart
    assert len(site.pages()) == len(example.languages) * (len(PAGES) + 1)  # and 404.html


# --- the language switch, hreflang links and sitemaps -------------------------------


def test_three_languages_make_a_menu_listing_each(sites: dict[str, Site]) -> None:
    site = sites[BUSES.name]
    for lang in BUSES.languages:
        soup = site.soup(f"{BUSES.prefix(lang)}timeline/index.html")
        assert not soup.select("a.ex-lang-switch--single")
        links = soup.select(".md-select__list a.md-select__link.ex-lang-switch")
        assert [a["hreflang"] for a in links] == list(BUSES.languages)
        assert [a.get_text(strip=True) for a in links] == [
            record_of(code).name for code in BUSES.languages
        ]
        assert [a["dir"] for a in links] == [DIRECTION[c] for c in BUSES.languages]
        current = [a["hreflang"] for a in links if a.get("aria-current") == "page"]
        assert current == [lang]
        # each link opens the same page in its language
        for a in links:
            target = site.resolve(site.root / BUSES.prefix(lang) / "timeline/index.html", a["href"])
            assert target == (site.root / BUSES.prefix(a["hreflang"]) / "timeline/index.html")
    # the menu names Central Kurdish in Sorani
    assert record_of("ckb").name == "کوردیی ناوەندی"


def test_two_languages_keep_a_single_switch_link(sites: dict[str, Site]) -> None:
    site = sites[MARKET.name]
    for lang, other in (("en", "ar"), ("ar", "en")):
        soup = site.soup(f"{MARKET.prefix(lang)}terms/index.html")
        assert not soup.select(".md-select__list")
        (link,) = soup.select("a.ex-lang-switch")
        assert "ex-lang-switch--single" in link["class"]
        assert (link["hreflang"], link["dir"]) == (other, DIRECTION[other])
        assert link.get_text(strip=True) == record_of(other).name


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.name)
def test_hreflang_links_and_sitemaps_name_every_language(
    example: Example, sites: dict[str, Site]
) -> None:
    site = sites[example.name]
    wanted = {lang: f"{example.url}{example.prefix(lang)}timeline/" for lang in example.languages}
    wanted["x-default"] = wanted[example.source]
    for lang in example.languages:
        soup = site.soup(f"{example.prefix(lang)}timeline/index.html")
        links = soup.find_all("link", hreflang=True)
        assert {link["hreflang"]: link["href"] for link in links} == wanted
        canonical = soup.find("link", rel="canonical")
        assert canonical is not None and canonical["href"] == wanted[lang]
        sitemap = (site.root / example.prefix(lang) / "sitemap.xml").read_text("utf-8")
        entries = re.findall(r"<url>(.*?)</url>", sitemap, re.DOTALL)
        assert len(entries) == len(PAGES)
        entry = next(e for e in entries if f"<loc>{wanted[lang]}</loc>" in e)
        found = dict(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
        assert found == wanted


# --- search: one index per language, with its rules ----------------------------------


def index_config(site: Site, example: Example, lang: str) -> dict[str, Any]:
    path = site.root / example.prefix(lang) / "search/search_index.json"
    config: dict[str, Any] = json.loads(path.read_text("utf-8"))["config"]
    return config


def test_each_language_has_its_search_index_and_rules(sites: dict[str, Site]) -> None:
    site = sites[BUSES.name]
    arabic = {
        "letters": record_of("ar").search["letters"],
        "stem": True,
    }
    kurdish = index_config(site, BUSES, "ckb")[INDEX_KEY]
    assert isinstance(kurdish, dict)
    assert kurdish["lang"] == "ckb"
    # the Kurdish normaliser: Arabic keyboard letters folded into Sorani ones, no stemming
    assert kurdish["rules"] == {"letters": {"ك": "ک", "ي": "ی", "ى": "ی"}, "stem": False}
    for lang in ("ar", "en"):  # the English index folds the Arabic it quotes as Arabic does
        assert index_config(site, BUSES, lang)[INDEX_KEY]["rules"] == arabic
    # Sorani forms of one word are listed each, for an index that does not stem
    groups = kurdish["synonyms"]
    assert {"ckb": ["قوتابی", "قوتابییان", "قوتابییەکان"]}.items() <= next(
        g for g in groups if "قوتابی" in g.get("ckb", ())
    ).items()
    # the English-source site: the Arabic index stems Arabic; the English one has no
    # Arabic-script language to fold for
    market = sites[MARKET.name]
    assert index_config(market, MARKET, "ar")[INDEX_KEY]["rules"] == arabic
    assert index_config(market, MARKET, "en")[INDEX_KEY]["rules"] == {
        "letters": {},
        "stem": False,
    }


# --- interface strings ---------------------------------------------------------------


def test_kurdish_interface_strings_come_from_the_ckb_record(sites: dict[str, Site]) -> None:
    record = record_of("ckb")
    soup = sites[BUSES.name].soup("ckb/index.html")
    box = soup.select_one("input.md-search__input")
    assert box is not None and box["placeholder"] == record.theme["search.placeholder"]
    assert box["aria-label"] == record.theme["search"]
    markers = [a.get_text(strip=True) for a in soup.select("sup.ex-ref a")]
    assert markers[0] == record.strings["title_marker"] and "ب2" in markers  # بڕگەی 2
    sources = soup.find(id="sources")
    assert sources is not None and str(sources.contents[0]).strip() == record.strings["sources"]


def test_status_lists_the_kurdish_strings_no_speaker_has_reviewed() -> None:
    record = record_of("ckb")
    assert record.unreviewed
    code, out, _ = run(BUSES.folder, "status")
    assert code == 0
    (line,) = [line for line in out.splitlines() if line.lstrip().startswith("ckb:")]
    listed = line.split(": ", 2)[2].split(", ")
    # `theme` in the record's list stands for every theme string
    strings = {key for key in record.unreviewed if key not in ("theme", "within")}
    theme = {f"theme.{key}" for key in record.theme}
    assert strings | theme | {f"within.{unit}" for unit in record.within} == set(listed)
    assert not any(line.lstrip().startswith(("ar:", "en:")) for line in out.splitlines())
    code, out, _ = run(MARKET.folder, "status")
    assert (code, out.splitlines()[-1]) == (0, "interface strings: all reviewed")


def test_a_site_overrides_an_engine_string_from_its_content(sites: dict[str, Site]) -> None:
    # the op-eds' authors are women: each site's languages.yml says so in Arabic
    for example in ALL:
        text = sites[example.name].soup(f"{example.prefix('ar')}index.html").get_text()
        assert "رأي الكاتبة" in text and "رأي الكاتب " not in text


# --- dates, numbers and plurals, by Babel ---------------------------------------------


FIGURES = {
    # example: {lang: (a date of the timeline, the figures as the pages write them)}
    "market-hours": {
        "en": ("March 2024", ["140 stalls", "210 stalls", "85,000 pounds a year"]),
        "ar": ("مارس 2024", ["140 بسطةً", "210 بسطات", "85,000 جنيه في السنة"]),
    },
    "school-buses": {
        "ar": ("سبتمبر 2023", ["40 خطًا", "1200 تلميذ", "5 كيلومترات"]),
        "en": ("September 2023", ["40 bus routes", "1,200 pupils", "5 kilometres"]),
        "ckb": ("2023 ئەیلوول", ["40 هێڵی پاس", "1,200 قوتابی", "5 کیلۆمەتر"]),
    },
}


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.name)
def test_dates_numbers_and_plural_forms_come_from_babel(
    example: Example, sites: dict[str, Site]
) -> None:
    site = sites[example.name]
    content = load_content(example.folder / "docs/data")
    calendar = next(e for e in content.records.events if e.date.anchor == "calendar")
    assert calendar.date.iso is not None
    for lang, (date, figures) in FIGURES[example.name].items():
        record = content.language(lang)
        assert format_date(calendar.date.iso, record) == date
        timeline = site.soup(f"{example.prefix(lang)}timeline/index.html").get_text(" ")
        assert date in timeline
        home = " ".join(site.soup(f"{example.prefix(lang)}index.html").get_text(" ").split())
        written = [format_count(f.value, f.unit[lang], record) for f in content.records.figures]
        assert written == figures
        for figure in figures:
            assert figure in home, (lang, figure)
    # the Arabic forms are three categories: many (140, 40), few (210, 5), other
    assert format_number(85000, "ar") == "85,000" and format_number(1200, "ar") == "1200"


def test_a_kurdish_horizon_in_years_is_written_in_sorani() -> None:
    # CLDR has no Sorani durations (Babel would write "+2 y"): the ckb record gives them
    assert format_within_years(2, "ckb") == "لە ماوەی 2 ساڵدا"


def test_a_kurdish_list_is_joined_as_sorani_writes_it() -> None:
    # CLDR has no Sorani list patterns (Babel would join with ", " alone): the record has
    assert format_list(["دایکان", "باوکان"], "ckb") == "دایکان و باوکان"


# --- a translation behind its source -------------------------------------------------


def copy_example(example: Example, target: Path) -> Path:
    shutil.copytree(example.folder, target, ignore=shutil.ignore_patterns("site", ".*"))
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def outdated_notice(site: Path, page: str) -> tuple[str, str, str] | None:
    soup = Site(site).soup(page)
    notice = soup.select_one("aside.ex-outdated")
    if notice is None:
        return None
    link = notice.find("a")
    assert link is not None
    return " ".join(notice.get_text(" ").split()), link["hreflang"], link["href"]


def test_a_stale_arabic_page_of_an_english_source_names_english(tmp_path: Path) -> None:
    project = copy_example(MARKET, tmp_path / "market")
    edit(project / "docs/en/index.md", "in a few short pages.", "in a few short pages, quickly.")
    code, out, _ = run(project, "check", "--strict")
    assert code == 1 and "docs/ar/index.md:1:1: warning: the 'ar' translation of page" in out
    assert run(project, "build")[0] == 0
    text, lang, href = outdated_notice(project / "site", "ar/index.html")
    english = language_name("en", "ar")
    assert english == "الإنجليزية"
    assert f"({english})" in text and language_name("ar", "ar") not in text
    assert (lang, href) == ("en", "../")
    assert outdated_notice(project / "site", "ar/timeline/index.html") is None


def test_staleness_is_per_language(tmp_path: Path) -> None:
    project = copy_example(BUSES, tmp_path / "buses")
    edit(
        project / "docs/ar/timeline.md", "الأحداث التي يذكرها المقال", "الأحداث التي يرويها المقال"
    )
    code, out, _ = run(project, "check", "--strict")
    assert code == 1
    assert {line.split(": warning: ")[0] for line in out.splitlines()} == {
        "docs/en/timeline.md:1:1",
        "docs/ckb/timeline.md:1:1",
    }
    # the English translator catches up; the Kurdish page stays behind
    assert run(project, "status", "--accept", "docs/en/timeline.md")[0] == 0
    code, out, _ = run(project, "check", "--strict")
    assert code == 1 and out.splitlines()[0].startswith(
        "docs/ckb/timeline.md:1:1: warning: the 'ckb'"
    )
    assert run(project, "build")[0] == 0
    assert outdated_notice(project / "site", "en/timeline/index.html") is None
    text, lang, href = outdated_notice(project / "site", "ckb/timeline/index.html")
    assert f"({language_name('ar', 'ckb')})" in text  # عەرەبی, the source language
    assert (lang, href) == ("ar", "../../timeline/")


# --- the term-usage rule in an inflecting target language -----------------------------


def test_arabic_inflects_the_agreed_terms_and_the_rule_still_holds(tmp_path: Path) -> None:
    data = MARKET.folder / "docs/data"
    source = (data / "source.yml").read_text("utf-8")
    # the agreed terms السوق المسقوف and التجارة المسائية, as Arabic writes them in a
    # sentence: after ل (the article's alef gone), with a possessive, with و and a suffix
    for inflected in ("للسوق المسقوف", "سوقنا المسقوف", "وتجارته المسائية"):
        assert inflected in source
    # and the rule is on: another word for the term is refused
    project = copy_example(MARKET, tmp_path / "market")
    edit(project / "docs/data/source.yml", "الحي، وتجارته المسائية", "الحي، ومبيعاته المسائية")
    code, out, _ = run(project, "check")
    assert code == 1
    assert (
        "does not use the agreed term 'التجارة المسائية' for 'evening trade' "
        "(see term 'evening-trade') [fidelity.term-usage]"
    ) in out


# --- in Chromium -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(sites: dict[str, Site]) -> Iterator[dict[str, str]]:
    """Each example's site on 127.0.0.1 under its published path; the base URLs."""
    with (
        serve(sites[MARKET.name].root, site_prefix(sites[MARKET.name])) as market,
        serve(sites[BUSES.name].root, site_prefix(sites[BUSES.name])) as buses,
    ):
        yield {MARKET.name: market, BUSES.name: buses}


LOADED_FACES = """() => document.fonts.ready.then(() =>
    [...document.fonts].filter(f => f.status === "loaded").map(f => f.family.replace(/"/g, "")))"""


@pytest.mark.parametrize(
    ("example", "lang"),
    [(e, lang) for e in ALL for lang in e.languages],
    ids=lambda v: v.name if isinstance(v, Example) else v,
)
def test_every_home_page_opens_cleanly_in_chromium(
    chromium: Browser, served: dict[str, str], example: Example, lang: str
) -> None:
    base = served[example.name]
    assert base.endswith(f"/{example.name}/")
    tab, close = open_tab(chromium, base, viewport={"width": 1280, "height": 900})
    try:
        page = tab.goto(example.prefix(lang))
        html = page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
        assert html == [lang, DIRECTION[lang]]
        faces = page.evaluate(LOADED_FACES)
        if DIRECTION[lang] == "rtl":
            assert "Noto Naskh Arabic" in faces, faces
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{example.name}-{lang}.png"), full_page=True)
        tab.recorder.assert_clean(f"{example.name} /{example.prefix(lang)}")
    finally:
        close()


def test_the_language_menu_opens_the_kurdish_page(
    chromium: Browser, served: dict[str, str]
) -> None:
    tab, close = open_tab(chromium, served[BUSES.name], viewport={"width": 1280, "height": 900})
    try:
        page = tab.goto("en/timeline/")
        page.locator(".md-select").hover()
        menu = page.locator(".md-select__list")
        menu.wait_for(state="visible")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / "school-buses-en-menu.png"))
        names = menu.locator("a.ex-lang-switch").all_inner_texts()
        assert [n.strip() for n in names] == ["العربية", "English", "کوردیی ناوەندی"]
        with page.expect_navigation(wait_until="networkidle"):
            menu.locator("a[hreflang=ckb]").click()
        assert tab.path() == "ckb/timeline/"
        tab.recorder.assert_clean("the language menu")
    finally:
        close()


def test_the_language_menu_names_each_language_in_its_own_face(
    chromium: Browser, served: dict[str, str]
) -> None:
    tab, close = open_tab(chromium, served[BUSES.name], viewport={"width": 1280, "height": 900})
    try:
        page = tab.goto("en/")
        faces = page.eval_on_selector_all(
            ".md-select__link.ex-lang-switch",
            "links => links.map(a => [a.hreflang, getComputedStyle(a).fontFamily])",
        )
        for lang, face in faces:
            wanted = '"Noto Naskh Arabic' if DIRECTION[lang] == "rtl" else '"Noto Sans"'
            assert face.startswith(wanted), (lang, face)
    finally:
        close()


def test_a_kurdish_word_typed_with_arabic_letters_finds_its_kurdish_page(
    chromium: Browser, served: dict[str, str]
) -> None:
    base = served[BUSES.name]
    tab, close = open_tab(chromium, base, viewport={"width": 1280, "height": 900})
    try:
        tab.goto("ckb/")
        # کیلۆمەتر as an Arabic keyboard types it: ك for ک, ي for ی
        typed = "كيلۆمەتر"
        assert typed != "کیلۆمەتر"
        results = run_search(tab, typed)
        SHOTS.mkdir(exist_ok=True)
        tab.page.screenshot(path=str(SHOTS / "school-buses-ckb-search.png"))
        assert results, "no result"
        assert all(url.startswith(base + "ckb/") for url in results), results
        assert any(url.startswith(base + "ckb/source/") for url in results), results
        # the word is highlighted as the page writes it, with the Sorani letters
        marks = tab.page.locator(".md-search-result mark").all_inner_texts()
        assert "کیلۆمەتر" in marks, marks
        tab.recorder.assert_clean("Kurdish search")
    finally:
        close()


def cmap(path: Path) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(path.read_bytes())).getBestCmap()}


def test_the_naskh_face_keeps_every_sorani_letter(sites: dict[str, Site]) -> None:
    site = sites[BUSES.name]
    naskh = cmap(site.root / "assets/fonts/noto-naskh-arabic-arabic-wght-normal.woff2")
    assert set("ڕڵۆێەکگیپچژ") <= naskh
    # and what a Kurdish reader may type, though no page holds it: Arabic keyboard
    # letters the Kurdish search folds (ك ي ى) included
    record = record_of("ckb")
    assert set(record.typed) <= naskh
    shown = set()
    for page in site.pages():
        shown |= set(site.soup(page).get_text())
    assert {c for c in shown if "\u0600" <= c <= "\u06ff"} <= naskh
