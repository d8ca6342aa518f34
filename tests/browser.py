"""Helpers for the browser tests: a local server, headless Chromium, a request recorder.

Not a test module. Test modules import the fixtures they use by name::

    from browser import chromium_fixture, served_site_fixture, tab_fixture  # noqa: F401

and then ask for ``chromium``, ``served_site`` and ``tab`` as arguments (each fixture is
registered under its short name, so the import does not shadow the argument).

Without ``/usr/bin/chromium`` (or without Playwright) the browser tests are skipped
with the reason, unless ``EXPLAINER_REQUIRE_BROWSER=1`` is set (CI sets it): then
they fail. Playwright's own browser download is never used.
"""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import re
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn
from urllib.parse import urlsplit

import pytest

if TYPE_CHECKING:
    from playwright.sync_api import (
        Browser,
        BrowserContext,
        ConsoleMessage,
        Page,
        Playwright,
        Request,
        Response,
        Route,
        WebError,
    )

    from conftest import Site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REQUIRE_ENV = "EXPLAINER_REQUIRE_BROWSER"
# Not network requests: they never leave the page, whatever the origin.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


def browser_required() -> bool:
    """Whether a missing browser is a failure (CI) rather than a reason to skip."""
    return os.environ.get(REQUIRE_ENV, "") == "1"


def unavailable(reason: str) -> NoReturn:
    """Skip the browser tests for ``reason``, or fail them when a browser is required."""
    if browser_required():
        pytest.fail(f"{reason}, and {REQUIRE_ENV}=1 requires the browser tests to run")
    pytest.skip(f"{reason}: browser tests skipped (set {REQUIRE_ENV}=1 to fail instead)")


# --- serving a directory ----------------------------------------------------------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves ``directory`` under the URL path ``prefix``; anything else is a 404."""

    prefix = "/"

    def __init__(self, *args: Any, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def translate_path(self, path: str) -> str:
        bare = path.split("?", 1)[0].split("#", 1)[0]
        if self.prefix != "/" and bare == self.prefix.rstrip("/"):
            return str(self.directory)  # a directory: the handler redirects to the prefix
        if not bare.startswith(self.prefix):
            return os.path.join(self.directory, ".outside-the-served-prefix")  # a 404
        return super().translate_path(path[len(self.prefix) - 1 :])

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (a free port) under ``prefix``; yield its base URL.

    The base URL ends with ``/``. Requests outside ``prefix`` get a 404, as they would
    on the real host, so a link that forgets the prefix shows up as a failed request.
    """
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler = functools.partial(_QuietHandler, directory=str(directory), prefix=prefix)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def site_prefix(site: Site) -> str:
    """The URL path the site is published under, from the home page's canonical link."""
    html = (site.root / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link[^>]*rel="canonical"[^>]*href="([^"]+)"', html)
    return urlsplit(match.group(1)).path if match else "/"


# --- the browser ------------------------------------------------------------------


def launch_chromium(playwright: Playwright) -> Browser:
    """Headless Debian Chromium (never Playwright's download)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def origin_of(url: str) -> str:
    """``scheme://host:port`` of an http(s) URL, ``file:`` for a file URL."""
    parts = urlsplit(url)
    return "file:" if parts.scheme == "file" else f"{parts.scheme}://{parts.netloc}"


@dataclass
class Recorder:
    """Records what a clean page load must not produce, on every page of a context.

    ``allowed`` is the one origin the site may use: ``http://127.0.0.1:PORT`` or
    ``file:``. Requests anywhere else are aborted (nothing leaves the machine) and
    recorded; so are console errors, uncaught exceptions, failed requests and HTTP
    errors (>= 400) on the allowed origin.
    """

    allowed: str
    external: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.allowed = origin_of(self.allowed) if "://" in self.allowed else self.allowed

    def is_allowed(self, url: str) -> bool:
        return url.startswith(LOCAL_SCHEMES) or origin_of(url) == self.allowed

    def attach(self, context: BrowserContext) -> Recorder:
        """Route and listen on ``context`` (covers every page opened in it)."""
        context.route("**/*", self._route)
        context.on("console", self._console)
        context.on("weberror", self._web_error)
        context.on("requestfailed", self._request_failed)
        context.on("response", self._response)
        return self

    # the records, each with the page it happened on

    @staticmethod
    def _where(request: Request) -> str:
        try:
            return request.frame.url
        except Exception:  # a worker's request has no frame
            return "(worker)"

    def _route(self, route: Route) -> None:
        url = route.request.url
        if self.is_allowed(url):
            route.fallback()
        else:
            self.external.append(f"{url}  (from {self._where(route.request)})")
            route.abort("blockedbyclient")

    def _console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        location = message.location.get("url", "")
        if message.text.startswith("Failed to load resource") and not self.is_allowed(location):
            return  # the browser's echo of a request aborted above, already recorded
        page = message.page.url if message.page else "(worker)"
        self.console_errors.append(f"{message.text}  (at {location or '?'}, on {page})")

    def _web_error(self, error: WebError) -> None:
        page = error.page.url if error.page else "?"
        self.page_errors.append(f"{error.error}  (on {page})")

    def _request_failed(self, request: Request) -> None:
        if self.is_allowed(request.url) and not request.url.startswith(LOCAL_SCHEMES):
            self.failed.append(f"{request.url}: {request.failure}  (from {self._where(request)})")

    def _response(self, response: Response) -> None:
        if response.status >= 400 and self.is_allowed(response.url):
            where = self._where(response.request)
            self.http_errors.append(f"{response.status} {response.url}  (from {where})")

    # reading them

    TITLES = {
        "external": "requests outside {} (aborted)",
        "console": "console errors",
        "pageerror": "uncaught page errors",
        "failed": "failed requests on {}",
        "http": "HTTP errors (>= 400) on {}",
    }

    def __repr__(self) -> str:
        counts = ", ".join(f"{kind}={len(entries)}" for kind, entries in self.problems().items())
        return f"Recorder({self.allowed}: {counts})"

    def problems(self) -> dict[str, list[str]]:
        """Everything recorded, by kind (the keys of ``TITLES``)."""
        return {
            "external": self.external,
            "console": self.console_errors,
            "pageerror": self.page_errors,
            "failed": self.failed,
            "http": self.http_errors,
        }

    def report(self, skip: Iterable[str] = ()) -> str:
        lines = []
        for kind, entries in self.problems().items():
            if entries and kind not in skip:
                lines.append(f"{self.TITLES[kind].format(self.allowed)}: {len(entries)}")
                lines.extend(f"  - {entry}" for entry in entries)
        return "\n".join(lines) or "nothing recorded"

    def assert_clean(self, what: str = "the pages", skip: Iterable[str] = ()) -> None:
        """Fail, listing everything recorded, if anything was (``skip``: kinds to ignore)."""
        __tracebackhide__ = True
        if any(entries for kind, entries in self.problems().items() if kind not in skip):
            raise AssertionError(f"{what} did not load cleanly:\n{self.report(skip)}")

    def clear(self) -> None:
        for entries in self.problems().values():
            entries.clear()


# --- fixtures (import them into the test module by these function names) ----------


_SHARED: dict[str, Any] = {}


def _close_shared() -> None:
    _SHARED.pop("browser").close()
    _SHARED.pop("playwright").stop()


@pytest.fixture(scope="session", name="chromium")
def chromium_fixture() -> Iterator[Browser]:
    """One headless Chromium for the session; skipped (or failed, see above) without it.

    Test modules import this fixture, so pytest may set it up once per module; the
    browser itself is started once (a second sync Playwright in one process fails)
    and closed when the process exits.
    """
    if not Path(CHROMIUM).exists():
        unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("Playwright (the Python package) is not installed")
    if "browser" not in _SHARED:
        _SHARED["playwright"] = sync_playwright().start()
        _SHARED["browser"] = launch_chromium(_SHARED["playwright"])
        atexit.register(_close_shared)
    yield _SHARED["browser"]


@pytest.fixture(scope="session", name="served_site")
def served_site_fixture(site: Site) -> Iterator[str]:
    """The built site on 127.0.0.1 under its published path; the base URL, ending in /."""
    with serve(site.root, site_prefix(site)) as base:
        yield base


@dataclass
class Tab:
    """One page in a fresh context, with its recorder and the site's base URL."""

    page: Page
    recorder: Recorder
    base: str

    def goto(self, path: str) -> Page:
        """Open ``path`` (relative to the site's base URL) and wait for the network to idle."""
        self.page.goto(self.base + path.lstrip("/"), wait_until="networkidle")
        return self.page

    def path(self) -> str:
        """The current URL's path relative to the base URL, with its hash."""
        url = self.page.url
        return url[len(self.base) :] if url.startswith(self.base) else url


def open_tab(browser: Browser, base: str, **context_options: Any) -> tuple[Tab, Callable[[], None]]:
    """A new context and page on ``base``, recorded; and the function that closes them."""
    context = browser.new_context(**context_options)
    recorder = Recorder(base if base.startswith("http") else "file:").attach(context)
    page = context.new_page()
    return Tab(page, recorder, base), context.close


@pytest.fixture(name="tab")
def tab_fixture(chromium: Browser, served_site: str) -> Iterator[Tab]:
    """A fresh page on the served site (desktop width), closed after the test."""
    tab, close = open_tab(chromium, served_site, viewport={"width": 1280, "height": 900})
    yield tab
    close()


# --- what a reader does, and what the page's policy allows -------------------------


def follow_language_link(page: Page, code: str) -> None:
    """Follow the header's link to the ``code`` version of this page, as a reader would."""
    link = page.locator(f"a.ex-lang-switch[hreflang={code}]")
    assert link.count() == 1, f"one language link to {code} expected on {page.url}"
    with page.expect_navigation(wait_until="networkidle"):
        link.evaluate("a => a.click()")  # it sits in a menu that opens on hover


def run_search(tab: Tab, query: str) -> list[str]:
    """Open the header's search, type ``query`` and return the result links (absolute)."""
    page = tab.page
    box = page.locator("input.md-search__input")
    opener = page.locator('label[for="__search"]').first
    # phones open search with the header's button; wider screens show the box itself
    (opener if opener.is_visible() else box).click()
    box.wait_for(state="visible")
    assert box.evaluate("el => el === document.activeElement"), "search box not focused"
    box.press_sequentially(query, delay=20)
    # Material searches on keyup; Playwright inserts text it has no key for (Arabic)
    # without key events, so end with the key a reader's last keystroke would release.
    box.press("End")
    page.locator(".md-search-result__item").first.wait_for(state="visible", timeout=10_000)
    return page.eval_on_selector_all(
        ".md-search-result__item a[href]", "links => links.map(a => a.href)"
    )


# An inline script the build did not hash, and an image from another host: the page's
# Content-Security-Policy must refuse both (the image before any request is made).
CSP_PROBE = """() => new Promise(resolve => {
    const violated = [];
    document.addEventListener("securitypolicyviolation", e => violated.push(e.effectiveDirective));
    const script = document.createElement("script");
    script.textContent = "window.__explainerProbe = true";
    document.head.append(script);
    const image = new Image();
    image.src = "https://example.org/probe.png";
    setTimeout(() => resolve({ran: window.__explainerProbe === true, violated}), 300);
})"""


def csp_refusals(page: Page) -> dict[str, Any]:
    """Try what the policy must refuse; return whether the script ran and what was violated."""
    result: dict[str, Any] = page.evaluate(CSP_PROBE)
    return result


def rendered_faces(page: Page, selector: str) -> list[str]:
    """The faces Chromium drew the first ``selector`` element's text in (custom ones only).

    What the page asked for is not what was drawn: a face that came too late for its
    font-display is left out, and this says so.
    """
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    cdp.detach()
    return [font["familyName"] for font in fonts if font["isCustomFont"]]
