"""Accessibility, measured: axe-core on every page in both languages and both schemes,
and the keyboard path through the explainer's own controls.

axe-core is the npm package pinned in package.json (``npm ci`` installs it); it is
injected through the DevTools protocol, so the site's Content-Security-Policy (which
rightly refuses injected scripts) does not have to be weakened for the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from browser import (  # noqa: F401
    Tab,
    chromium_fixture,
    open_tab,
    served_site_fixture,
    unavailable,
)
from conftest import ROOT, Site

AXE = ROOT / "node_modules/axe-core/axe.min.js"


def pages(site: Site) -> list[str]:
    paths = []
    for page in site.pages():
        rel = page.relative_to(site.root).as_posix()
        paths.append(rel.removesuffix("index.html"))
    return paths


@pytest.fixture(scope="module", name="axe_source")
def axe_source_fixture() -> str:
    if not AXE.is_file():
        unavailable("axe-core is not installed: run npm ci")
    return AXE.read_text("utf-8")


@pytest.fixture(params=["light", "dark"], name="schemed_tab")
def schemed_tab_fixture(request, chromium, served_site) -> Iterator[Tab]:
    tab, close = open_tab(
        chromium,
        served_site,
        viewport={"width": 1280, "height": 900},
        color_scheme=request.param,
        reduced_motion="reduce",
    )
    yield tab
    close()


def violations(tab: Tab, axe_source: str) -> list[str]:
    tab.page.evaluate(axe_source)
    result = tab.page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.slice(0, 3)"
        ".map(n => n.target.join(' ')).join(' | ')}`)"
    )
    return list(result)


def test_axe_finds_no_violation_on_any_page(schemed_tab: Tab, site: Site, axe_source: str) -> None:
    found = {}
    for path in pages(site):
        schemed_tab.goto(path)
        problems = violations(schemed_tab, axe_source)
        if problems:
            found[path or "/"] = problems
    assert not found, "\n".join(f"{p}: {v}" for p, vs in found.items() for v in vs)


def test_a_provenance_marker_is_reached_and_operated_by_keyboard(
    schemed_tab: Tab, site: Site
) -> None:
    page = schemed_tab.goto("en/risks/")
    marker = page.locator("sup.ex-ref a.footnote-ref").first
    label = marker.get_attribute("aria-label")
    visible = marker.inner_text()
    where = (
        "the original's title" if visible == "title" else f"paragraph {visible[1:]} of the original"
    )
    assert label == f"{visible} — Reference: {where}"
    for _ in range(200):  # Tab from the top until the first marker has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('footnote-ref')"):
            break
    else:
        pytest.fail("the first provenance marker is never reached with Tab")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # visible focus
    page.keyboard.press("Enter")
    # following a link to a place in the page is a navigation: wait for it, briefly
    page.wait_for_function("location.hash === '#src-1'", timeout=5_000)
    assert page.url.endswith("#src-1")
    assert page.locator("#src-1 [lang=ar]").first.is_visible()


def test_the_skip_link_leads_to_the_content(schemed_tab: Tab) -> None:
    page = schemed_tab.goto("timeline/")
    page.keyboard.press("Tab")
    skip = page.evaluate("document.activeElement.className")
    assert "md-skip" in skip
    assert page.evaluate("document.activeElement.textContent.trim()") == "انتقل إلى المحتوى"


def test_pages_without_headings_still_have_a_skip_target(site: Site) -> None:
    # Material renders its skip link only when the page has a table of contents.
    for page in site.pages():
        soup = site.soup(page)
        if page.name != "404.html":
            assert soup.select_one("a.md-skip"), page


def test_axe_is_the_pinned_version() -> None:
    pinned = Path(ROOT / "package.json").read_text("utf-8")
    assert '"axe-core": "4.14.1"' in pinned


def test_print_keeps_the_text_and_its_sources_and_drops_the_chrome(schemed_tab: Tab) -> None:
    page = schemed_tab.goto("en/risks/")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries(
        ['.md-header', '.md-sidebar--primary', '.md-footer', 'article .ex-claim',
         'article .ex-sources'].map(s => [s, getComputedStyle(document.querySelector(s))
         .display !== 'none']))""")
    assert shown == {
        ".md-header": False,
        ".md-sidebar--primary": False,
        ".md-footer": False,
        "article .ex-claim": True,
        "article .ex-sources": True,
    }
    assert len(page.pdf()) > 10_000  # Chromium lays the page out for print
