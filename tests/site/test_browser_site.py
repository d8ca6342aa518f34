"""The built site in headless Chromium, served from 127.0.0.1 under its published path.

Every page loads without a request to another host, a console error, an uncaught
exception or a failed request; links resolve; and the features a reader touches work:
the language switch, search in each language, provenance markers, term tooltips and
the right-to-left layout. Skipped without Chromium unless EXPLAINER_REQUIRE_BROWSER=1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest

from browser import (  # noqa: F401
    Recorder,
    Tab,
    chromium_fixture,
    open_tab,
    rendered_faces,
    run_search,
    served_site_fixture,
    tab_fixture,
)
from conftest import Site
from explainer.l10n import plural_category
from explainer.strings import theme_strings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARABIC = re.compile(r"[\u0600-\u06ff]")
# The tests below check features; the walk checks what loads. Requests to another
# host are the walk's business, so a feature test does not fail for them as well.
FEATURE_SKIP = ("external",)


def url_path(site: Site, page: Path) -> str:
    """The address a reader opens for ``page``, relative to the site's base URL."""
    path = page.relative_to(site.root).as_posix()
    return path.removesuffix("index.html")


def normalize(text: str) -> str:
    return " ".join(text.split())


# --- (1) every page, both languages -------------------------------------------------


@dataclass
class Walk:
    recorder: Recorder
    base: str
    # page path: (href, absolute URL) of each of its links
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    # page URL: the ids in its DOM
    ids: dict[str, set[str]] = field(default_factory=dict, repr=False)


COLLECT = """() => ({
    links: [...document.querySelectorAll("a[href]")].map(a => [a.getAttribute("href"), a.href]),
    ids: [...document.querySelectorAll("[id], a[name]")].map(e => e.id || e.name),
})"""


@pytest.fixture(scope="module")
def walk(chromium: Browser, site: Site, served_site: str) -> Iterator[Walk]:
    """Every HTML page opened once, in one recorded context; its links and ids kept."""
    tab, close = open_tab(chromium, served_site)
    result = Walk(tab.recorder, served_site)
    pages = site.pages()
    assert any(p.parts[len(site.root.parts)] == "en" for p in pages), "no English pages"
    for page in pages:
        path = url_path(site, page)
        tab.page.goto(served_site + path, wait_until="networkidle")  # errors are recorded
        found = tab.page.evaluate(COLLECT)
        result.links[path] = [tuple(pair) for pair in found["links"]]
        result.ids[tab.page.url.split("#")[0]] = set(found["ids"])
    yield result
    close()


def test_every_page_loads_without_external_requests_or_errors(walk: Walk) -> None:
    assert len(walk.links) >= 2
    walk.recorder.assert_clean(f"{len(walk.links)} pages")


def internal_target(site: Site, base: str, url: str) -> Path | None:
    """The file an internal link opens, or None for a link to another site."""
    parts = urlsplit(url)
    base_parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or parts.netloc != base_parts.netloc:
        return None
    if not parts.path.startswith(base_parts.path):
        return site.root / "outside-the-site" / parts.path.lstrip("/")  # never exists
    target = site.root / unquote(parts.path[len(base_parts.path) :])
    return target / "index.html" if target.is_dir() else target


def test_every_internal_link_opens_a_file_of_the_site(walk: Walk, site: Site) -> None:
    broken = []
    checked = 0
    for page, links in walk.links.items():
        for href, url in links:
            if href.startswith("#"):
                continue
            target = internal_target(site, walk.base, url)
            if target is None:
                continue
            checked += 1
            if not target.is_file():
                broken.append(f"/{page}: {href} -> {url}")
    assert checked > len(walk.links), "hardly any internal links found"
    assert not broken, "links to nothing:\n" + "\n".join(broken)


def test_every_link_to_a_place_in_a_page_finds_it(walk: Walk) -> None:
    broken = []
    for page, links in walk.links.items():
        for href, url in links:
            address, _, fragment = url.partition("#")
            if not fragment or address not in walk.ids:
                continue  # no fragment, or a page the walk did not open (another site)
            if unquote(fragment) not in walk.ids[address]:
                broken.append(f"/{page}: {href} -> no id {unquote(fragment)!r} there")
    assert not broken, "fragments with no target:\n" + "\n".join(broken)


# --- (2) the language switch --------------------------------------------------------


def switch_language(page: Page, code: str) -> None:
    """Follow the header's link to the ``code`` version of this page, as a reader would."""
    link = page.locator(f"a.ex-lang-switch[hreflang={code}]")
    assert link.count() == 1, f"one language link to {code} expected on {page.url}"
    with page.expect_navigation(wait_until="networkidle"):
        link.evaluate("a => a.click()")  # it sits in a menu that opens on hover


def language_and_direction(page: Page) -> tuple[str, str]:
    html = page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
    return html[0], html[1]


def test_language_switch_opens_the_same_page_in_the_other_language(tab: Tab) -> None:
    page = tab.goto("timeline/")
    assert language_and_direction(page) == ("ar", "rtl")
    switch_language(page, "en")
    assert tab.path() == "en/timeline/"
    assert language_and_direction(page) == ("en", "ltr")
    switch_language(page, "ar")
    assert tab.path() == "timeline/"
    assert language_and_direction(page) == ("ar", "rtl")
    tab.recorder.assert_clean("switching languages", skip=FEATURE_SKIP)


# --- (3) search, each language on its own -------------------------------------------


def test_arabic_search_finds_arabic_pages_only(tab: Tab) -> None:
    tab.goto("")
    results = run_search(tab, "داعش")
    assert results, "no result for داعش"
    outside = [url for url in results if not url.startswith(tab.base)]
    english = [url for url in results if url.startswith(tab.base + "en/")]
    assert not outside and not english, (outside, english)
    tab.recorder.assert_clean("Arabic search", skip=FEATURE_SKIP)


def test_english_search_finds_english_pages_only(tab: Tab) -> None:
    tab.goto("en/")
    results = run_search(tab, "ISIS")
    assert results, "no result for ISIS"
    elsewhere = [url for url in results if not url.startswith(tab.base + "en/")]
    assert not elsewhere, elsewhere
    tab.recorder.assert_clean("English search", skip=FEATURE_SKIP)


@pytest.mark.parametrize("path", ["", "en/"])
def test_search_loads_on_first_use_and_answers_the_first_keystroke(tab: Tab, path: str) -> None:
    """No index and no worker with the page; both when the box is used; results at once."""
    seen: list[str] = []
    tab.page.on("request", lambda request: seen.append(request.url))
    page = tab.goto(path)
    page.wait_for_timeout(500)
    assert not [u for u in seen if re.search(r"search_index|/workers/", u)], seen
    results = run_search(tab, "داعش" if not path else "ISIS")  # focus, type, results
    assert results
    assert [u for u in seen if u.endswith("search/search_index.json")]
    assert [u for u in seen if "/workers/" in u]
    tab.recorder.assert_clean("search on first use", skip=FEATURE_SKIP)


@pytest.mark.parametrize(
    ("path", "face"), [("risks/", "Noto Naskh Arabic"), ("en/risks/", "Noto Sans")]
)
def test_the_text_is_drawn_in_the_sites_faces(tab: Tab, path: str, face: str) -> None:
    """Served, a first visit draws the text in the preloaded face of the page's language."""
    assert rendered_faces(tab.goto(path), "article p") == [face]


# Every shift counts: the test makes no input, yet headless Chromium flags shifts soon
# after the first paint as if they followed some (hadRecentInput), and Lighthouse and
# a reader's phone count them all.
LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) total += entry.value;
    }).observe({type: "layout-shift", buffered: true});
    setTimeout(() => resolve(total), 1000);
})"""


@pytest.mark.parametrize("fonts", ["at once", "1.5 s late"])
@pytest.mark.parametrize("path", ["", "timeline/", "source/", "en/", "en/timeline/", "en/source/"])
def test_pages_do_not_shift_when_their_fonts_arrive(
    chromium: Browser, served_site: str, path: str, fonts: str
) -> None:
    """Cumulative Layout Shift at most 0.02 on a phone, whenever the faces arrive.

    Late: the fonts are held back (CDP's Fetch domain) until the text has been drawn in
    the fallback face, and a face swapped in then would move the text. At once: a face
    not preloaded came just after the first paint and was swapped in (0.035 on the
    Arabic pages, when only the Arabic half of Naskh was preloaded).
    """
    context = chromium.new_context(
        viewport={"width": 412, "height": 823}, device_scale_factor=2.6, is_mobile=True
    )
    page = context.new_page()
    held: list[str] = []
    if fonts != "at once":
        cdp = context.new_cdp_session(page)
        cdp.on("Fetch.requestPaused", lambda event: held.append(event["requestId"]))
        pattern = {"urlPattern": "*.woff2", "requestStage": "Request"}
        cdp.send("Fetch.enable", {"patterns": [pattern]})
    page.goto(served_site + path, wait_until="domcontentloaded")
    if fonts != "at once":
        page.wait_for_timeout(1500)
        assert held, "no font was asked for"
        for request in held:
            cdp.send("Fetch.continueRequest", {"requestId": request})
        cdp.send("Fetch.disable")  # any face asked for since goes through at once
    page.wait_for_load_state("networkidle")
    shift = page.evaluate(LAYOUT_SHIFT)
    context.close()
    assert shift <= 0.02, f"/{path}: CLS {shift:.3f}"


# --- (3b) the count of results, in the page language's plural forms ---------------

# What the page shows for the search it ran: the count, and each "N more" summary with
# the number of results it folds.
SHOWN_COUNTS = """() => ({
    meta: document.querySelector(".md-search-result__meta").textContent.trim(),
    items: document.querySelectorAll(".md-search-result__item").length,
    more: [...document.querySelectorAll(".md-search-result__more")].map(details =>
        [details.querySelector("summary").textContent.trim(), details.children.length - 1]),
})"""

# Material writing its count as it does after a search ("#" replaced by the number), then
# what the page shows once the page's scripts have run.
MATERIAL_WRITES = """([selector, text]) => new Promise(resolve => {
    const element = document.querySelector(selector)
    element.textContent = text
    setTimeout(() => resolve(element.textContent), 100)
})"""


def arabic_count(n: int, more: bool = False) -> str:
    """The count as the Arabic language record words it for ``n``, in its CLDR form."""
    key = "explainer.search.result." + ("more." if more else "")
    return theme_strings("ar")[key + plural_category(n, "ar")].replace("#", str(n))


def test_arabic_search_counts_take_all_six_plural_forms(tab: Tab) -> None:
    tab.goto("")
    assert run_search(tab, "الانسحاب")
    shown = tab.page.evaluate(SHOWN_COUNTS)
    assert shown["meta"] == arabic_count(shown["items"]), shown
    assert shown["more"], "no folded results to count"
    for summary, folded in shown["more"]:
        assert summary == arabic_count(folded, more=True), shown
    # Material's own strings for every count, as its script would write them
    config = json.loads(tab.page.locator("#__config").text_content() or "{}")
    strings = config["translations"]
    for n in (0, 1, 2, 3, 10, 11, 99, 100, 102):
        material = (
            strings["search.result.none"]
            if n == 0
            else strings["search.result.one"]
            if n == 1
            else strings["search.result.other"].replace("#", str(n))
        )
        assert tab.page.evaluate(MATERIAL_WRITES, [".md-search-result__meta", material]) == (
            arabic_count(n)
        ), n
    summary = ".md-search-result__more > summary > div"
    for n in (2, 3, 11, 100):
        material = strings["search.result.more.other"].replace("#", str(n))
        assert tab.page.evaluate(MATERIAL_WRITES, [summary, material]) == (
            arabic_count(n, more=True)
        ), n
    categories = {plural_category(n, "ar") for n in (0, 1, 2, 3, 11, 100)}
    assert categories == {"zero", "one", "two", "few", "many", "other"}
    tab.recorder.assert_clean("Arabic search counts", skip=FEATURE_SKIP)


# Every string a reader sees or hears in the live page (scripts have run) that is in Latin
# script and not inside an element marked as foreign (lang="en") or literal (translate="no").
# (Search results quote the pages' own text, whose markup the index does not keep: the
# static test reads those strings where they are marked, on the pages.)
UNMARKED_LATIN = """() => {
    const latin = /[A-Za-z\u00c0-\u024f]/
    const page = document.documentElement.lang
    const foreign = element =>
        element.closest(`[translate="no"], [lang]:not([lang|="${page}"])`) !== null ||
        element.closest(".md-search-result__article") !== null
    const found = []
    const walker = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT)
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const element = node.parentElement
        if (element.closest("script, style, template")) continue
        if (latin.test(node.data) && !foreign(element))
            found.push(`<${element.localName}> ${node.data.trim()}`)
    }
    for (const element of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]"))
        for (const name of ["title", "aria-label", "placeholder", "alt"]) {
            const value = element.getAttribute(name)
            if (value && latin.test(value) && !foreign(element))
                found.push(`<${element.localName} ${name}> ${value}`)
        }
    return found
}"""


@pytest.mark.parametrize("path", ["", "risks/", "terms/", "about/", "source/", "404.html"])
def test_arabic_pages_show_no_unmarked_latin_once_scripts_have_run(tab: Tab, path: str) -> None:
    page = tab.goto(path)
    assert page.evaluate(UNMARKED_LATIN) == []
    if path == "":
        # a term's tooltip (Material's, in <body>) is in the language of its English term
        page.locator("a.ex-term").first.hover()
        tooltip = page.locator(".md-tooltip2--active")
        tooltip.wait_for()
        assert (tooltip.get_attribute("lang"), tooltip.inner_text().strip()) == ("en", "ISIS")
        assert page.evaluate(UNMARKED_LATIN) == []
        assert run_search(tab, "داعش")
        page.locator(".md-search-result__more summary").first.wait_for()
        assert page.evaluate(UNMARKED_LATIN) == []
    tab.recorder.assert_clean("an Arabic page", skip=FEATURE_SKIP)


def test_english_search_count_is_materials_own(tab: Tab) -> None:
    tab.goto("en/")
    assert run_search(tab, "withdrawal")
    shown = tab.page.evaluate(SHOWN_COUNTS)
    n = shown["items"]
    assert shown["meta"] == ("1 matching document" if n == 1 else f"{n} matching documents")
    assert tab.page.locator("#explainer-plurals").count() == 0
    tab.recorder.assert_clean("English search count", skip=FEATURE_SKIP)


# --- (4) provenance markers ---------------------------------------------------------


def test_provenance_marker_opens_its_source_with_the_keyboard(tab: Tab) -> None:
    page = tab.goto("risks/")
    marker = page.locator("sup.ex-ref a.footnote-ref").first
    assert marker.get_attribute("href") == "#src-1"
    marker.focus()
    assert marker.evaluate("a => a === document.activeElement")
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#src-1'", timeout=5_000)
    entry = page.locator("#src-1")
    entry.wait_for(state="visible")
    page.wait_for_function(
        """() => {
            const r = document.getElementById("src-1").getBoundingClientRect();
            return r.top >= 0 && r.top < innerHeight;
        }""",
        timeout=5_000,
    )
    quote = entry.locator("[lang=ar]").first
    assert ARABIC.search(quote.inner_text()), quote.inner_text()
    # not only in the viewport but seen: the sticky header does not cover its first line
    covered = quote.evaluate(
        """q => {
            const r = q.getBoundingClientRect();
            const hit = document.elementFromPoint(r.left + r.width / 2, r.top + 4);
            return hit && !q.contains(hit) ? hit.outerHTML.slice(0, 120) : null;
        }"""
    )
    assert covered is None, f"the source's first line is under {covered}"
    tab.recorder.assert_clean("following a provenance marker", skip=FEATURE_SKIP)


def test_provenance_marker_shows_its_source_on_hover(tab: Tab) -> None:
    page = tab.goto("en/risks/")
    marker = page.locator("sup.ex-ref a.footnote-ref").first
    target = (marker.get_attribute("href") or "").removeprefix("#")
    source = normalize(page.locator(f"[id='{target}'] [lang=ar]").first.inner_text())
    assert ARABIC.search(source), source
    marker.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert source in normalize(tooltip.inner_text())
    tab.recorder.assert_clean("hovering a provenance marker", skip=FEATURE_SKIP)


# --- (5) terms ----------------------------------------------------------------------


def test_term_link_carries_the_arabic_term_in_its_title(tab: Tab) -> None:
    page = tab.goto("en/")
    title = page.locator("a.ex-term").first.get_attribute("title") or ""
    assert title.strip(), "the first term link has no title"
    assert ARABIC.search(title), title


# --- right to left, without screenshots ---------------------------------------------


def timeline_borders(tab: Tab, path: str) -> tuple[str, str]:
    page = tab.goto(path)
    widths = page.locator("ol.ex-timeline").first.evaluate(
        "el => [getComputedStyle(el).borderRightWidth, getComputedStyle(el).borderLeftWidth]"
    )
    return widths[0], widths[1]


def test_timeline_rule_is_on_the_reading_start_side(tab: Tab) -> None:
    right, left = timeline_borders(tab, "timeline/")
    assert left == "0px" and right != "0px", f"Arabic: right {right}, left {left}"
    right, left = timeline_borders(tab, "en/timeline/")
    assert right == "0px" and left != "0px", f"English: right {right}, left {left}"
