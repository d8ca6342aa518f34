"""Reader queries, in a real browser: each must find its page (recall at least 98 %).

The queries and the page each must find are in ``search_queries.yml``. They run in
headless Chromium against the built site served on 127.0.0.1, through Material's own
search box, one language at a time in one page: type the query, wait until Material
has rendered the results of *that* query, read the pages it lists. A query finds its
page when the page is among the first ``RANK`` results. The recall (found / total)
is printed, with every query that missed and what came instead.

:func:`measure` takes the address of each language's home page, so the same queries
can run against any copy of the site (another base URL, or ``file://`` for the
offline bundle): ``measure(browser, {"ar": ".../index.html", "en": ".../en/index.html"})``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit, urlunsplit

import pytest
import yaml

from browser import chromium_fixture, open_tab, served_site_fixture  # noqa: F401
from explainer.content import load_content
from explainer.languages import site_languages

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ROOT = Path(__file__).resolve().parents[2]
QUERIES = Path(__file__).with_name("search_queries.yml")
RANK = 3  # a page found further down than this is not what a reader calls found
MIN_RECALL = 0.98


@dataclass(frozen=True)
class Query:
    lang: str
    text: str
    page: str  # the page's file under docs/<lang>/
    why: str


@dataclass(frozen=True)
class Outcome:
    query: Query
    results: list[str]  # the pages listed, best first (file names under docs/<lang>/)

    @property
    def rank(self) -> int | None:
        """The query's page's place in the results (1 is first), or None."""
        try:
            return self.results.index(self.query.page) + 1
        except ValueError:
            return None

    @property
    def found(self) -> bool:
        return self.rank is not None and self.rank <= RANK


def load_queries(path: Path = QUERIES) -> list[Query]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        Query(lang, str(item["query"]), item["page"], item.get("why", ""))
        for lang, items in data.items()
        for item in items
    ]


def home_pages(base: str) -> dict[str, str]:
    """The home page of each language under ``base`` (a served site, ending in /)."""
    languages = site_languages(load_content(ROOT / "docs/data").languages)
    return {lang.code: base + lang.prefix for lang in languages}


def page_name(url: str, home: str) -> str:
    """The file under docs/<lang>/ of the page at ``url`` (``timeline/`` -> ``timeline.md``).

    Works for directory URLs (``timeline/``) and file URLs (``timeline.html``, the
    offline bundle's); a URL outside ``home``'s folder is returned as it is.
    """
    parts = urlsplit(url)
    address = urlunsplit(parts._replace(query="", fragment=""))
    folder = home.removesuffix("index.html")
    if not address.startswith(folder):
        return url
    rel = address[len(folder) :].removesuffix("index.html").removesuffix(".html").rstrip("/")
    return f"{rel or 'index'}.md"


# What the page does for each query. Material renders a result by emptying the list and
# appending the new items in one go, so a marker left in the list is gone exactly when
# the results of the next query are in (the results of an earlier keystroke cannot be
# mistaken for them: the whole query is set at once, then one keyup sends it).
MARK_STALE = """() => {
    const li = document.createElement("li");
    li.className = "ex-test-stale";
    li.hidden = true;
    document.querySelector(".md-search-result__list").appendChild(li);
}"""
RESULTS_IN = "() => !document.querySelector('.md-search-result__list .ex-test-stale')"
READ_RESULTS = """() => [...document.querySelectorAll(".md-search-result__item")].map(
    item => item.querySelector("a.md-search-result__link").href)"""
# The worker is ready and has answered the empty query when Material shows its
# placeholder ("Type to start searching", in the page's language).
READY = """() => {
    const config = JSON.parse(document.getElementById("__config").textContent);
    const meta = document.querySelector(".md-search-result__meta");
    return meta && meta.textContent.trim() === config.translations["search.result.placeholder"];
}"""


def open_search(page: Page) -> None:
    box = page.locator("input.md-search__input")
    opener = page.locator('label[for="__search"]').first
    (opener if opener.is_visible() else box).click()
    box.wait_for(state="visible")
    page.wait_for_function(READY, timeout=10_000)


def run_queries(page: Page, home: str, queries: list[Query]) -> list[Outcome]:
    """Open ``home``, then search each query in turn; return what each one listed."""
    page.goto(home, wait_until="load")
    open_search(page)
    box = page.locator("input.md-search__input")
    outcomes = []
    for query in queries:
        page.evaluate(MARK_STALE)
        box.fill(query.text)
        box.press("End")  # Material searches on keyup
        page.wait_for_function(RESULTS_IN, timeout=10_000)
        urls = page.evaluate(READ_RESULTS)
        outcomes.append(Outcome(query, [page_name(url, home) for url in urls]))
    return outcomes


def measure(
    browser: Browser, homes: dict[str, str], queries: list[Query] | None = None
) -> list[Outcome]:
    """Run ``queries`` (default: all of search_queries.yml) on the site at ``homes``."""
    queries = load_queries() if queries is None else queries
    outcomes = []
    for lang, home in homes.items():
        tab, close = open_tab(browser, home, viewport={"width": 1280, "height": 900})
        try:
            outcomes += run_queries(tab.page, home, [q for q in queries if q.lang == lang])
            tab.recorder.assert_clean(f"searching the {lang} site", skip=("external",))
        finally:
            close()
    return outcomes


def report(outcomes: list[Outcome]) -> str:
    found = sum(o.found for o in outcomes)
    lines = [f"search recall: {found}/{len(outcomes)} = {found / len(outcomes):.0%} (top {RANK})"]
    for lang in dict.fromkeys(o.query.lang for o in outcomes):
        mine = [o for o in outcomes if o.query.lang == lang]
        lines.append(f"  {lang}: {sum(o.found for o in mine)}/{len(mine)}")
    for o in outcomes:
        if not o.found:
            where = f"rank {o.rank}" if o.rank else "not listed"
            lines.append(
                f"  missed [{o.query.lang}] {o.query.text!r} -> {o.query.page} ({where}; "
                f"listed {', '.join(o.results[:RANK]) or 'nothing'}): {o.query.why}"
            )
    return "\n".join(lines)


@pytest.fixture(scope="module")
def outcomes(chromium: Browser, served_site: str) -> Iterator[list[Outcome]]:
    yield measure(chromium, home_pages(served_site))


def test_every_query_is_unique_in_its_language_and_names_a_page() -> None:
    queries = load_queries()
    assert len(queries) >= 40
    seen: set[tuple[str, str]] = set()
    for q in queries:
        assert (q.lang, q.text) not in seen, f"{q.text!r} twice in {q.lang}"
        seen.add((q.lang, q.text))
        assert (ROOT / "docs" / q.lang / q.page).is_file(), f"{q.text!r}: no page {q.page}"


def test_reader_queries_find_their_pages(
    outcomes: list[Outcome], capsys: pytest.CaptureFixture[str]
) -> None:
    summary = report(outcomes)
    with capsys.disabled():
        print("\n" + summary)
    found = sum(o.found for o in outcomes)
    assert found >= MIN_RECALL * len(outcomes), summary
