"""The offline bundle, unzipped, in headless Chromium from file:// with the network blocked.

Every request that is not a file: URL is aborted and recorded (tests/browser.py), and
so is every console error (a Content-Security-Policy violation is one), uncaught
exception and failed file. The walk opens every page of both languages; then the
features a reader touches: the language switch, search in each language, provenance
markers, term tooltips, the self-hosted fonts. Last, the policy itself, on the bundle
and on the site served from 127.0.0.1: an unhashed inline script and an image from
another host are refused. Skipped without Chromium unless EXPLAINER_REQUIRE_BROWSER=1;
node_modules is not needed (the search shim is the engine's own).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

import pytest
from test_search_queries import MIN_RECALL, measure, report

from browser import (  # noqa: F401
    Recorder,
    Tab,
    chromium_fixture,
    csp_refusals,
    follow_language_link,
    open_tab,
    rendered_faces,
    run_search,
    served_site_fixture,
    tab_fixture,
)
from conftest import ROOT
from explainer.bundle import make_bundle
from explainer.content import load_content
from explainer.shim import Shim

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

ARABIC = re.compile(r"[\u0600-\u06ff]")
REPO_URL = "https://github.com/explainers/iraq-coalition"
SITE_URL = "https://explainers.github.io/iraq-coalition/"
# The walk checks what loads; feature tests do not fail for the same thing again.
FEATURE_SKIP = ("external",)


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundle as a reader has it: the archive unzipped into a folder of its own."""
    out = tmp_path_factory.mktemp("offline")
    report = make_bundle(ROOT / "mkdocs.yml", out / "dist")
    with zipfile.ZipFile(report.archive) as archive:
        archive.extractall(out / "unzipped")
    return out / "unzipped"


@pytest.fixture(scope="module")
def base(unzipped: Path) -> str:
    return unzipped.as_uri() + "/"


@pytest.fixture
def file_tab(chromium: Browser, base: str) -> Iterator[Tab]:
    """A fresh page on the unzipped bundle (desktop width), recording, closed after."""
    tab, close = open_tab(chromium, base, viewport={"width": 1280, "height": 900})
    yield tab
    close()


def bundle_file(root: Path, url: str) -> Path | None:
    """The file a file: URL opens, if it is inside the bundle; None otherwise."""
    parts = urlsplit(url)
    if parts.scheme != "file":
        return None
    path = Path(unquote(parts.path))
    return path if path.is_relative_to(root) else None


# --- (1) every page, both languages -------------------------------------------------


@dataclass
class Walk:
    recorder: Recorder
    pages: list[str] = field(default_factory=list)
    links: dict[str, list[tuple[str, str]]] = field(default_factory=dict, repr=False)
    ids: dict[str, set[str]] = field(default_factory=dict, repr=False)
    fonts: dict[str, list[str]] = field(default_factory=dict, repr=False)
    requests: list[tuple[str, str]] = field(default_factory=list, repr=False)


COLLECT = """() => ({
    links: [...document.querySelectorAll("a[href]")].map(a => [a.getAttribute("href"), a.href]),
    ids: [...document.querySelectorAll("[id], a[name]")].map(e => e.id || e.name),
    fonts: [...document.fonts].filter(f => f.status === "loaded").map(f => f.family),
    body: getComputedStyle(document.body).fontFamily,
})"""


@pytest.fixture(scope="module")
def walk(chromium: Browser, unzipped: Path, base: str) -> Iterator[Walk]:
    """Every page opened once from file://, in one recorded context."""
    tab, close = open_tab(chromium, base)
    result = Walk(tab.recorder)
    tab.page.context.on("request", lambda r: result.requests.append((r.resource_type, r.url)))
    pages = sorted(p for p in unzipped.rglob("*.html") if "assets" not in p.parts)
    for page in pages:
        path = page.relative_to(unzipped).as_posix()
        tab.page.goto(base + path, wait_until="networkidle")  # errors are recorded
        found = tab.page.evaluate(COLLECT)
        result.pages.append(path)
        result.links[path] = [tuple(pair) for pair in found["links"]]
        result.ids[tab.page.url.split("#")[0]] = set(found["ids"])
        result.fonts[path] = [*found["fonts"], "body: " + found["body"]]
    yield result
    close()


def test_every_page_opens_from_file_without_a_request_elsewhere_or_an_error(
    walk: Walk, unzipped: Path
) -> None:
    assert "index.html" in walk.pages and "en/index.html" in walk.pages
    assert len(walk.pages) >= 10
    walk.recorder.assert_clean(f"{len(walk.pages)} pages from file://")
    outside = [url for _, url in walk.requests if bundle_file(unzipped, url) is None]
    assert not [u for u in outside if not u.startswith(("data:", "blob:", "about:"))], outside


def test_no_sitemap_is_asked_for(walk: Walk) -> None:
    # Material's script fetches sitemap.xml only for instant navigation and link
    # previews (off here; from file:// its request would fail with a console error).
    assert not [url for _, url in walk.requests if "sitemap" in url]


def cited_sources() -> set[str]:
    """The addresses of the outside sources the site's context records cite."""
    records = load_content(ROOT / "docs/data").records
    return {c.source.url for c in records.context.values() if c.source.url}


def test_every_link_opens_a_file_of_the_bundle(walk: Walk, unzipped: Path) -> None:
    broken, checked = [], 0
    for page, links in walk.links.items():
        for href, url in links:
            if href.startswith("#"):
                continue
            if url.startswith(REPO_URL):
                continue  # "Edit this page" and the data files: links, never loads
            if url.startswith(SITE_URL) and url.endswith((".html", ".zip")):
                continue  # [[offline]]: the editions as published, a link, never a load
            if url in cited_sources():
                continue  # the source of a context record: a link, never a load
            target = bundle_file(unzipped, url)
            checked += 1
            if target is None or not target.is_file():
                broken.append(f"{page}: {href} -> {url}")
    assert checked > 5 * len(walk.pages), "hardly any links found"
    assert not broken, "links to nothing:\n" + "\n".join(broken)


def test_every_link_to_a_place_in_a_page_finds_it(walk: Walk) -> None:
    broken = []
    for page, links in walk.links.items():
        for href, url in links:
            address, _, fragment = url.partition("#")
            if fragment and address in walk.ids and unquote(fragment) not in walk.ids[address]:
                broken.append(f"{page}: {href} -> no id {unquote(fragment)!r} there")
    assert not broken, "fragments with no target:\n" + "\n".join(broken)


def test_the_fonts_are_the_bundles_own(walk: Walk, unzipped: Path) -> None:
    fonts = [url for kind, url in walk.requests if kind == "font"]
    assert fonts, "no font was loaded"
    for url in fonts:
        path = bundle_file(unzipped, url)
        assert path and path.parent.name == "fonts" and path.suffix == ".woff2", url
    for page, loaded in walk.fonts.items():
        # Arabic is in Naskh on every page: the text of Arabic pages (with Naskh's Latin),
        # quotes on English ones (the Arabic-script face alone, digits from Noto Sans)
        naskh = "Noto Naskh Arabic Script" if page.startswith("en/") else "Noto Naskh Arabic"
        assert naskh in loaded, (page, loaded)
        if not page.startswith("en/"):
            assert loaded[-1].startswith('body: "Noto Naskh Arabic"'), (page, loaded)


@pytest.mark.parametrize(
    ("page", "face"), [("risks.html", "Noto Naskh Arabic"), ("en/risks.html", "Noto Sans")]
)
def test_the_text_is_drawn_in_the_bundles_faces_on_first_opening(
    file_tab: Tab, page: str, face: str
) -> None:
    """From file://, a fresh page draws its text in the engine's face, not a fallback."""
    opened = file_tab.goto(page)
    assert rendered_faces(opened, "article p") == [face]


def test_english_text_is_in_noto_sans(walk: Walk) -> None:
    for page, loaded in walk.fonts.items():
        if page.startswith("en/"):
            assert loaded[-1].startswith('body: "Noto Sans"'), (page, loaded)


# --- (2) the language switch --------------------------------------------------------


def language_and_direction(page: Page) -> tuple[str, str]:
    html = page.evaluate("() => [document.documentElement.lang, document.documentElement.dir]")
    return html[0], html[1]


@pytest.mark.parametrize("name", ["index.html", "timeline.html"])
def test_language_switch_opens_the_same_page_in_the_other_language(
    file_tab: Tab, name: str
) -> None:
    page = file_tab.goto(name)
    assert language_and_direction(page) == ("ar", "rtl")
    follow_language_link(page, "en")
    assert file_tab.path() == f"en/{name}"
    assert language_and_direction(page) == ("en", "ltr")
    follow_language_link(page, "ar")
    assert file_tab.path() == name
    assert language_and_direction(page) == ("ar", "rtl")
    file_tab.recorder.assert_clean("switching languages", skip=FEATURE_SKIP)


# --- (3) search, each language on its own -------------------------------------------


def assert_results_open_pages(results: list[str], unzipped: Path) -> None:
    for url in results:
        target = bundle_file(unzipped, url.split("?")[0].split("#")[0])
        assert target and target.is_file(), url


def test_arabic_search_finds_arabic_pages(file_tab: Tab, unzipped: Path) -> None:
    file_tab.goto("index.html")
    results = run_search(file_tab, "داعش")
    assert results, "no result for داعش"
    english = [url for url in results if url.startswith(file_tab.base + "en/")]
    assert not english, english
    assert_results_open_pages(results, unzipped)
    file_tab.recorder.assert_clean("Arabic search from file://", skip=FEATURE_SKIP)


def test_english_search_finds_english_pages(file_tab: Tab, unzipped: Path) -> None:
    file_tab.goto("en/index.html")
    results = run_search(file_tab, "ISIS")
    assert results, "no result for ISIS"
    elsewhere = [url for url in results if not url.startswith(file_tab.base + "en/")]
    assert not elsewhere, elsewhere
    assert_results_open_pages(results, unzipped)
    file_tab.recorder.assert_clean("English search from file://", skip=FEATURE_SKIP)


# --- (4) provenance markers and term tooltips ---------------------------------------


def test_provenance_marker_opens_its_source(file_tab: Tab) -> None:
    page = file_tab.goto("risks.html")
    marker = page.locator("sup.ex-ref a.footnote-ref").first
    assert marker.get_attribute("href") == "#src-1"
    marker.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => location.hash === '#src-1'", timeout=5_000)
    entry = page.locator("#src-1")
    entry.wait_for(state="visible")
    assert ARABIC.search(entry.locator("[lang=ar]").first.inner_text())
    file_tab.recorder.assert_clean("following a provenance marker", skip=FEATURE_SKIP)


def test_provenance_marker_and_term_show_their_tooltips(file_tab: Tab) -> None:
    page = file_tab.goto("en/risks.html")
    marker = page.locator("sup.ex-ref a.footnote-ref").first
    target = (marker.get_attribute("href") or "").removeprefix("#")
    source = " ".join(page.locator(f"[id='{target}'] [lang=ar]").first.inner_text().split())
    marker.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert source in " ".join(tooltip.inner_text().split())
    page = file_tab.goto("en/index.html")
    term = page.locator("a.ex-term").first
    title = term.get_attribute("title") or ""
    assert ARABIC.search(title), title
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert ARABIC.search(tooltip.inner_text()), tooltip.inner_text()
    file_tab.recorder.assert_clean("tooltips from file://", skip=FEATURE_SKIP)


# --- (5) the policy is enforced, offline and online ---------------------------------


def assert_refused(page: Page) -> None:
    refused = csp_refusals(page)
    assert refused["ran"] is False, "an inline script the build did not hash ran"
    assert "script-src-elem" in refused["violated"], refused
    assert "img-src" in refused["violated"], refused


def test_the_bundles_policy_refuses_inline_scripts_and_other_hosts(file_tab: Tab) -> None:
    assert_refused(file_tab.goto("index.html"))
    assert not file_tab.recorder.external, "the policy refuses before any request"


def test_the_sites_policy_refuses_inline_scripts_and_other_hosts(tab: Tab) -> None:
    assert_refused(tab.goto("en/"))
    assert not tab.recorder.external, "the policy refuses before any request"


def test_from_file_self_is_any_local_file(file_tab: Tab, tmp_path: Path) -> None:
    """What README says of 'self' from file:// (Chromium): it matches any file: URL."""
    outside = tmp_path / "outside.js"
    outside.write_text("window.__outside = true;\n", "utf-8")
    page = file_tab.goto("index.html")
    loaded = page.evaluate(
        """url => new Promise(resolve => {
            const script = document.createElement("script");
            script.src = url;
            script.onload = () => resolve(window.__outside === true);
            script.onerror = () => resolve(false);
            document.head.append(script);
        })""",
        outside.as_uri(),
    )
    assert loaded, "Chromium now refuses other local files: update README (CSP limits)"


# --- (6) the search shim itself, on a worker of its own -----------------------------

SHIM_PAGE = '<!DOCTYPE html><meta charset="utf-8"><title>s</title><script src="shim.js"></script>'
# Registers its listener at once, as Material's worker and explainer-search.js do, and
# loads a script from its own folder (not the page's) before it answers.
SHIM_WORKER = """
const loaded = Promise.resolve(importScripts("double.js"))
addEventListener("message", async event => {
  await loaded
  event.data.seen = true
  self.postMessage({ twice: double(event.data.n), seen: event.data.seen })
})
"""
SHIM_USE = """async () => {
    const worker = new Worker("workers/worker.js")
    const sent = { n: 21 }
    const heard = []
    worker.onmessage = event => heard.push(event.data)
    const answer = new Promise(resolve =>
        worker.addEventListener("message", event => resolve(event.data)))
    worker.postMessage(sent)
    const data = await answer
    worker.terminate()
    worker.postMessage({ n: 1 })  // to nobody: no error, no answer
    await new Promise(resolve => setTimeout(resolve, 300))
    return {
        data, heard, copied: !("seen" in sent), standIn: Worker === window.IFrameWorker,
        frames: document.querySelectorAll("iframe").length,
    }
}"""


def test_the_shim_does_what_a_worker_does_from_file(chromium: Browser, tmp_path: Path) -> None:
    """What Material and explainer-search.js use of a Worker, and importScripts in it."""
    (tmp_path / "shim.js").write_bytes(Shim.load().source)
    (tmp_path / "index.html").write_text(SHIM_PAGE, "utf-8")
    (tmp_path / "workers").mkdir()
    (tmp_path / "workers/worker.js").write_text(SHIM_WORKER, "utf-8")
    (tmp_path / "workers/double.js").write_text("self.double = n => 2 * n\n", "utf-8")
    tab, close = open_tab(chromium, tmp_path.as_uri() + "/")
    try:
        result = tab.goto("index.html").evaluate(SHIM_USE)
        assert result == {
            "data": {"twice": 42, "seen": True},
            "heard": [{"twice": 42, "seen": True}],  # onmessage too, once
            "copied": True,  # the worker changed its copy, not the page's object
            "standIn": True,
            "frames": 0,  # terminate() removed the frame
        }
        tab.recorder.assert_clean("a worker run by the shim")
    finally:
        close()


def test_reader_queries_find_their_pages_from_file(
    chromium: Browser, base: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same reader queries as online, in the bundle opened from file://."""
    outcomes = measure(chromium, {"ar": base + "index.html", "en": base + "en/index.html"})
    summary = report(outcomes)
    with capsys.disabled():
        print("\nfrom file://, " + summary)
    assert sum(o.found for o in outcomes) >= MIN_RECALL * len(outcomes), summary
