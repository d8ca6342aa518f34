"""The benchmark's instruments: a local host like GitHub Pages, a phone in Chromium, Lighthouse.

Not run by itself; ``scripts/benchmark.py`` uses it. Besides timing commands as fresh
processes, alternately (:func:`paired`), three pieces:

- :class:`Host` serves a built site on 127.0.0.1 under its published path, gzipping
  text (html, css, js, json, svg, xml, txt) at level 6 as GitHub Pages does, or not at
  all (``gzip=False``, what ``python -m http.server`` sends). It logs every response
  with the body bytes it put on the wire, so workers' requests count too.
- :func:`load_page` opens one page in headless Chromium as a phone (412×823, DPR 2.6),
  optionally throttled (CPU ×4, slow 4G), blocks and lists requests to other hosts,
  waits for load and network idle with no interaction, and returns what was sent and
  the Cumulative Layout Shift (Layout Instability API, session windows).
- :func:`lighthouse` runs the pinned Lighthouse CLI against Debian's Chromium and keeps
  the four category scores and a few metrics from its JSON report;
  :func:`median_report` takes each figure's median over runs.
"""

from __future__ import annotations

import gzip
import http.server
import json
import mimetypes
import os
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Playwright, Route

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
TEXT_SUFFIXES = {".html", ".css", ".js", ".json", ".svg", ".xml", ".txt"}
GZIP_LEVEL = 6  # what GitHub Pages uses

# A mid-range phone (Lighthouse's mobile screen: Moto G Power) ...
PHONE: dict[str, Any] = {
    "viewport": {"width": 412, "height": 823},
    "device_scale_factor": 2.6,
    "is_mobile": True,
    "has_touch": True,
}
# ... on Lighthouse's slow 4G as DevTools applies it (RTT 150 ms × 3.75, 1.6 Mbit/s × 0.9).
SLOW_4G = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1024 * 1024 * 0.9 / 8,
    "uploadThroughput": 750 * 1024 * 0.9 / 8,
}
CPU_SLOWDOWN = 4


# --- this machine, and timing commands ----------------------------------------


def machine() -> str:
    """This machine, its cores and its load: a shared machine's timings drift."""
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    return f"{platform.node()}: {os.cpu_count()} cores, load average {load}"


def versions(python: Path | str, names: tuple[str, ...]) -> str:
    """The installed versions of ``names`` in ``python``'s environment, e.g. "mkdocs 1.6.1"."""
    code = "import importlib.metadata as m, sys; print(*(m.version(n) for n in sys.argv[1:]))"
    found = subprocess.run(
        [str(python), "-c", code, *names], capture_output=True, text=True, check=False
    ).stdout.split()
    return ", ".join(f"{n} {v}" for n, v in zip(names, found, strict=False)) or "none"


def run_timed(command: list[str]) -> float:
    """Seconds a command takes as a fresh process (output discarded; MkDocs' nag silenced)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def paired(ours: list[str], peer: list[str], runs: int) -> tuple[list[float], list[float]]:
    """Time two commands alternately ``runs`` times, after one unmeasured warm-up each."""
    run_timed(ours)
    run_timed(peer)
    ours_s, peer_s = [], []
    for _ in range(runs):
        ours_s.append(run_timed(ours))
        peer_s.append(run_timed(peer))
    return ours_s, peer_s


# --- a host like GitHub Pages ------------------------------------------------------


@dataclass(frozen=True)
class Sent:
    """One response: the path asked for, its status, the body bytes on the wire and on disk."""

    path: str
    status: int
    size: int
    gzipped: bool
    raw: int = 0


class Host:
    """Serve ``root`` on 127.0.0.1 under ``prefix``; optionally gzip text at level 6.

    Use as a context manager; ``url(path)`` gives a page's address. Responses are
    logged (:meth:`take`) and :meth:`wait_idle` waits until none has been sent for a
    while: the browser's own idle signal misses requests made by workers.
    """

    def __init__(self, root: Path, prefix: str = "/", *, gzip: bool = True) -> None:
        self.root = root.resolve()
        self.prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
        self.gzip = gzip
        self._log: list[Sent] = []
        self._lock = threading.Lock()
        self._busy = 0
        self._last = time.monotonic()
        self._packed: dict[Path, bytes] = {}

    # serving

    def __enter__(self) -> Host:
        host = self

        class Handler(_Handler):
            served = host

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}{self.prefix}"

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def body(self, file: Path, accept: str) -> tuple[bytes, bool]:
        """The bytes to send for ``file``, and whether they are gzipped."""
        data = file.read_bytes()
        if not (self.gzip and file.suffix in TEXT_SUFFIXES and "gzip" in accept):
            return data, False
        with self._lock:
            if file not in self._packed:
                self._packed[file] = gzip.compress(data, GZIP_LEVEL, mtime=0)
            return self._packed[file], True

    def resolve(self, url_path: str) -> Path | None:
        """The file (or directory) ``url_path`` names inside the site, if any."""
        if not url_path.startswith(self.prefix):
            return None
        inside = (self.root / unquote(url_path[len(self.prefix) :])).resolve()
        return inside if inside.is_relative_to(self.root) and inside.exists() else None

    # the log

    def began(self) -> None:
        with self._lock:
            self._busy += 1

    def ended(self, sent: Sent) -> None:
        with self._lock:
            self._busy -= 1
            self._last = time.monotonic()
            self._log.append(sent)

    def take(self) -> list[Sent]:
        """The responses sent since the last call."""
        with self._lock:
            log, self._log = self._log, []
            return log

    def wait_idle(self, quiet: float = 0.5, timeout: float = 20.0) -> None:
        """Wait until nothing has been sent or asked for ``quiet`` seconds."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                idle = self._busy == 0 and time.monotonic() - self._last >= quiet
            if idle:
                return
            time.sleep(0.05)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Say nothing of a browser closing a connection (Lighthouse does, between runs)."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _Handler(http.server.BaseHTTPRequestHandler):
    """GET and HEAD for :class:`Host`: files, directory index pages, its 404 page."""

    served: Host
    protocol_version = "HTTP/1.1"  # keep-alive, as a real host

    def do_HEAD(self) -> None:  # noqa: N802
        self.respond(head=True)

    def do_GET(self) -> None:  # noqa: N802
        self.respond(head=False)

    def respond(self, *, head: bool) -> None:
        host = self.served
        host.began()
        path = urlsplit(self.path).path
        found, status, sent, raw = host.resolve(path), 200, (b"", False), 0
        try:
            if found and found.is_dir() and not path.endswith("/"):
                status = 301
                self.send_response(status)
                self.send_header("Location", path + "/")
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if found and found.is_dir():
                found = found / "index.html" if (found / "index.html").is_file() else None
            if found is None:
                status, found = 404, host.root / "404.html"
            if found.is_file():
                sent = host.body(found, self.headers.get("Accept-Encoding", ""))
                raw = found.stat().st_size
            self.send_response(status)
            kind = mimetypes.guess_type(found.name)[0] or "application/octet-stream"
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(sent[0])))
            if sent[1]:
                self.send_header("Content-Encoding", "gzip")
            if host.gzip:
                self.send_header("Vary", "Accept-Encoding")
            self.end_headers()
            if not head:
                self.wfile.write(sent[0])
        finally:
            size = 0 if head else len(sent[0])
            host.ended(Sent(path, status, size, sent[1], raw))

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def published_prefix(site: Path) -> str:
    """The URL path a built site is published under, from its home page's canonical link."""
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link[^>]*rel="canonical"[^>]*href="([^"]+)"', html)
    return urlsplit(match.group(1)).path if match else "/"


def page_paths(site: Path) -> list[str]:
    """Every page of a built site, as paths relative to its root (``""`` is the home)."""
    skip = {"assets", "search"}
    pages = [
        p.parent.relative_to(site).as_posix()
        for p in site.rglob("index.html")
        if not skip & set(p.relative_to(site).parts)
    ]
    return sorted(("" if p == "." else p + "/") for p in pages)


# --- a phone in Chromium -----------------------------------------------------------


@dataclass
class PageLoad:
    """What one page load sent and did: responses, blocked requests, layout shifts."""

    url: str
    sent: list[Sent]
    blocked: list[str]
    shifts: list[dict[str, Any]] = field(default_factory=list)  # value, time, input, source

    @property
    def transferred(self) -> int:
        return sum(s.size for s in self.sent)

    @property
    def cls(self) -> float:
        """Cumulative Layout Shift as the API defines it: shifts after input left out."""
        return session_windows([s for s in self.shifts if not s["input"]])

    @property
    def cls_every_shift(self) -> float:
        """The same with every shift: no input is ever made, yet Chromium flags some as such.

        Headless, it flags some shifts as if they followed input (seen: those soon after
        the page is first shown); Lighthouse counts them, a reader's phone would too.
        """
        return session_windows(self.shifts)

    def largest_shift(self) -> dict[str, Any] | None:
        return max(self.shifts, key=lambda s: s["value"], default=None)


def session_windows(shifts: list[dict[str, Any]]) -> float:
    """The largest session window's sum (shifts < 1 s apart, a window ≤ 5 s long)."""
    best = current = 0.0
    start = last = -1e9
    for shift in sorted(shifts, key=lambda s: s["time"]):
        if shift["time"] - last > 1000 or shift["time"] - start > 5000:
            start, current = shift["time"], 0.0
        current += shift["value"]
        last = shift["time"]
        best = max(best, current)
    return best


# Layout shifts since navigation (buffered), each with Chromium's "recent input" flag.
LAYOUT_SHIFTS = """() => new Promise(resolve => {
    const shifts = [];
    const element = el => !el ? "?" : el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
        + (el.classList.length ? "." + [...el.classList].slice(0, 2).join(".") : "");
    const name = node => node && node.nodeType === Node.TEXT_NODE
        ? "text in " + element(node.parentElement) : element(node);
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) {
            shifts.push({value: entry.value, time: entry.startTime, input: entry.hadRecentInput,
                         source: (entry.sources || []).map(s => name(s.node)).join(" ")});
        }
    }).observe({type: "layout-shift", buffered: true});
    requestAnimationFrame(() => setTimeout(() => resolve(shifts), 200));
})"""


def launch(playwright: Playwright) -> Browser:
    """Headless Debian Chromium (never Playwright's download)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)


def load_page(browser: Browser, host: Host, path: str, *, throttled: bool) -> PageLoad:
    """Open ``path`` on ``host`` as a phone, with no interaction, until all is quiet.

    Requests to any other host are aborted and listed, never counted. ``throttled``
    adds CPU ×4 and slow 4G (DevTools protocol), for layout shifts as a phone sees them.
    """
    url, blocked = host.url(path), []
    origin = url[: url.index("/", len("http://"))]

    def route(route: Route) -> None:
        if route.request.url.startswith((origin + "/", "data:", "blob:")):
            route.fallback()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    context = browser.new_context(**PHONE)
    try:
        context.route("**/*", route)
        page = context.new_page()
        if throttled:
            cdp = context.new_cdp_session(page)
            cdp.send("Network.enable")
            cdp.send("Network.emulateNetworkConditions", SLOW_4G)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        host.wait_idle()
        host.take()
        page.goto(url, wait_until="load", timeout=120_000)
        page.wait_for_load_state("networkidle", timeout=60_000)
        host.wait_idle()
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.wait_for_timeout(500)
        shifts = page.evaluate(LAYOUT_SHIFTS)
        host.wait_idle()
        return PageLoad(url, host.take(), blocked, shifts)
    finally:
        context.close()


# --- Lighthouse --------------------------------------------------------------------

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = ("cumulative-layout-shift", "first-contentful-paint", "largest-contentful-paint")


@dataclass
class Report:
    """The parts of one Lighthouse report the benchmark prints."""

    scores: dict[str, int]  # category -> 0..100
    metrics: dict[str, float]  # audit id -> numeric value (ms, or unitless for CLS)
    failing: dict[str, list[str]]  # category -> audits below full marks (not performance)
    external: list[str]  # requests to other hosts (unresolvable: Chromium's DNS is local)
    errors: list[str]  # audits Lighthouse could not run, with its reason
    version: str
    browser: str
    performance_runs: list[int] = field(default_factory=list)  # each run's, for a median


def lighthouse(binary: Path, url: str) -> Report:
    """One Lighthouse mobile run (its default form factor and simulated throttling)."""
    flags = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        # nothing leaves the machine: every other host fails to resolve, as offline
        '--host-resolver-rules="MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"',
    ]
    with tempfile.TemporaryDirectory(prefix="explainer-lighthouse-") as tmp:
        out = Path(tmp) / "report.json"
        command = [
            str(binary),
            url,
            f"--chrome-flags={' '.join(flags)}",
            "--only-categories=" + ",".join(CATEGORIES),
            "--output=json",
            f"--output-path={out}",
            "--quiet",
            "--no-enable-error-reporting",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM}
        for attempt in range(1, 4):  # a loaded machine makes a run fail now and then
            done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=300)
            if done.returncode == 0 and out.exists():
                return read_report(json.loads(out.read_text(encoding="utf-8")))
            print(f"  Lighthouse failed on {url} (attempt {attempt}): {done.stderr[-300:]}")
        raise RuntimeError(f"Lighthouse failed three times on {url}")


def read_report(data: dict[str, Any]) -> Report:
    audits = data["audits"]
    if data.get("runtimeError"):
        raise RuntimeError(f"Lighthouse: {data['runtimeError'].get('message')}")
    scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
    failing = {
        c: sorted(
            ref["id"]
            for ref in data["categories"][c]["auditRefs"]
            if ref.get("weight") and (audits[ref["id"]].get("score") or 0) < 1
        )
        for c in CATEGORIES
        if c != "performance"
    }
    requests = audits.get("network-requests", {}).get("details", {}).get("items", [])
    local = urlsplit(data["finalDisplayedUrl"]).netloc
    external = sorted({r["url"] for r in requests if urlsplit(r["url"]).netloc not in ("", local)})
    errors = sorted(
        f"{a['id']}: {a.get('errorMessage', '?')[:90]}"
        for a in audits.values()
        if a.get("scoreDisplayMode") == "error"
    )
    return Report(
        scores=scores,
        metrics={m: float(audits[m].get("numericValue") or 0) for m in METRICS},
        failing=failing,
        external=external,
        errors=errors,
        version=data["lighthouseVersion"],
        browser=data.get("environment", {}).get("hostUserAgent", ""),
    )


def median_report(reports: list[Report]) -> Report:
    """Each figure's median over the runs; failing audits and external requests of any run."""
    first = reports[0]
    return Report(
        scores={c: round(statistics.median(r.scores[c] for r in reports)) for c in CATEGORIES},
        metrics={m: statistics.median(r.metrics[m] for r in reports) for m in METRICS},
        failing={c: sorted({a for r in reports for a in r.failing[c]}) for c in first.failing},
        external=sorted({u for r in reports for u in r.external}),
        errors=sorted({e for r in reports for e in r.errors}),
        version=first.version,
        browser=first.browser,
        performance_runs=[r.scores["performance"] for r in reports],
    )
