"""Measure the site against its budgets and against the plain-Material reference, in one run.

    python scripts/benchmark.py [--runs N] [--peer DIR] [--quick | --lighthouse] [--serve]
                                [-f mkdocs.yml]

Every figure compares with the reference (``../shared/peer``: the same op-ed, MkDocs +
Material + mkdocs-static-i18n, nothing custom) measured in the same run, because
absolute times on a shared machine drift (``--peer``, alias ``--vs-reference``: the
reference's folder or the folder of its mkdocs.yml). It measures the code of the checkout
it lives in: its ``src/`` goes first on the path, here and in the builds it starts. What
it prints (1 KB = 1024 bytes):

1. **Build time, paired**: ``python -m explainer.cli build`` against the reference's
   ``mkdocs build`` (in ``/tmp/peer-venv``, created with the pinned versions if missing),
   both as fresh processes so imports count on both sides, alternating N times (default
   5) after one unmeasured warm-up each: both medians and the median of the per-pair
   ratios. Target ≤ 1.5×, goal 1.2×.
2. **Sizes**: every part of our site (bytes on disk) and of the offline bundle (bytes
   in the archive; built in-process N times, fastest and median time) against the
   budgets in ``explainer.sizes``.
3. **First load**: our Arabic home, English home and Arabic source page, and the
   reference's two homes, each served by a local host that gzips text at level 6 as
   GitHub Pages does, opened in headless Chromium as a phone with no interaction until
   load and network idle: the body bytes of every response (gzipped if text, raw
   otherwise; workers' requests included), the number of requests and the largest.
   Requests to other hosts (the reference's Google Fonts) are blocked and listed, not
   counted; whether the search index was fetched (raw and sent). Targets for our pages:
   ≤ 110 KB, no search index before a search.
4. **CLS**: Cumulative Layout Shift (Layout Instability API, largest session window) of
   every page of both languages, and the reference's homes, on a phone (412×823, DPR
   2.6) with CPU ×4 and slow 4G, and unthrottled ("fast", where a face can arrive just
   after the first paint); the worst of ``--cls-runs`` loads (default 3) each way, with
   the largest shift's elements. As the API defines it (shifts after recent input left
   out), then with every shift: the loads make no input, yet headless Chromium flags some
   shifts (seen: soon after the page is first shown) as if they followed one; Lighthouse
   counts them, and a reader's phone would.
   Target ≤ 0.02 on both counts.
5. **Lighthouse** (``--lighthouse``; the pinned npm devDependency, ``npm ci``): mobile,
   median of 3 (``--lighthouse-runs``) for each figure, the pages of (3) served with gzip
   and uncompressed (the same host without gzip, as ``python -m http.server`` sends),
   other hosts unresolvable: performance, accessibility, best practices, SEO, CLS, FCP,
   LCP. Targets: performance ≥ 98 with gzip, and under either server not below the
   reference's home in the same language (our source page against its Arabic home);
   the other three 100.

6. **Serve** (``--serve``): ``explainer serve`` on a copy of the site, from saving a
   prose edit (a page of the translation, then of the source language) to the rebuilt
   page served, median of 7 edits each (``scripts/serve_timing.py``, which also runs
   alone). Target ≤ 1.0 s.
7. **Scale** (``--scale``, after the others, ``--quick`` or not; about 2 minutes more):
   explainers generated with 1×, 10× and 100× this site's content, each built as a
   fresh process: build time, peak memory, output, pages and the largest page
   (``scripts/scale.py``, which also runs alone). Targets: time(10×) ≤ 10 × time(1×),
   time(100×) ≤ 100 × time(1×), and a page weighs what its own content does.

``--quick`` measures (1) and (2) only. Exits 1 if a budget or a target is missed.
"""

from __future__ import annotations

import argparse
import logging
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import measure

REPO = Path(__file__).resolve().parents[1]
# Measure this checkout's code, in this process and in the builds it starts, whatever
# copy of the package the virtual environment has installed (another worktree's, say).
sys.path.insert(0, str(REPO / "src"))
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])
)

import scale  # noqa: E402

import explainer  # noqa: E402
from explainer.bundle import BundleReport, make_bundle  # noqa: E402
from explainer.sizes import BUNDLE_BUDGET, KB, SITE_BUDGET, by_part, human  # noqa: E402

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PEER_VENV = Path("/tmp/peer-venv")
PEER_PINS = ("mkdocs==1.6.1", "mkdocs-material==9.8.2", "mkdocs-static-i18n==1.3.1")
LIGHTHOUSE = REPO / "node_modules" / ".bin" / "lighthouse"

BUILD_RATIO_MAX, BUILD_RATIO_GOAL = 1.5, 1.2
FIRST_LOAD_MAX = 110 * KB
CLS_MAX = 0.02
PERFORMANCE_MIN = 98


@dataclass(frozen=True)
class Page:
    """A page to load: whose site, which language, its path under the site's root."""

    label: str
    ours: bool
    lang: str
    path: str


PAGES = (
    Page("ours ar home", True, "ar", ""),
    Page("ours en home", True, "en", "en/"),
    Page("ours ar source", True, "ar", "source/"),
    Page("reference ar home", False, "ar", ""),
    Page("reference en home", False, "en", "en/"),
)


class Misses(list[str]):
    """Budgets and targets missed, said once at the end."""

    def check(self, ok: bool, what: str) -> str:
        if not ok:
            self.append(what)
        return "" if ok else "  MISSED"


# --- the reference and the builds --------------------------------------------------


def peer_config(peer: Path) -> Path:
    """The reference's mkdocs.yml: ``--peer`` may name its folder or ``material/`` in it."""
    for candidate in (peer / "mkdocs.yml", peer / "material" / "mkdocs.yml"):
        if candidate.is_file():
            return candidate.resolve()
    sys.exit(f"benchmark: no mkdocs.yml in {peer} or {peer / 'material'} (see --peer)")


def ensure_peer_venv() -> str:
    """Create the reference's virtual environment with the pinned versions, if needed."""
    wanted = ", ".join(pin.replace("==", " ") for pin in PEER_PINS)
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        print(f"creating {PEER_VENV} for the reference ...", flush=True)
        subprocess.run([sys.executable, "-m", "venv", str(PEER_VENV)], check=True)
    names = tuple(pin.split("==")[0] for pin in PEER_PINS)
    if measure.versions(python, names) != wanted:
        print(f"installing {wanted} into {PEER_VENV} ...", flush=True)
        pip = [str(python), "-m", "pip", "install", "-q", *PEER_PINS]
        subprocess.run(pip, check=True)
    return measure.versions(python, names)


def print_builds(ours: list[float], peer: list[float], misses: Misses) -> None:
    ratios = [o / p for o, p in zip(ours, peer, strict=True)]
    ratio = statistics.median(ratios)
    print(f"\nbuild, paired ({len(ours)} alternating runs each, fresh processes)")
    print(f"  ours       median {statistics.median(ours):.2f} s  ({_figures(ours)})")
    print(f"  reference  median {statistics.median(peer):.2f} s  ({_figures(peer)})")
    mark = misses.check(ratio <= BUILD_RATIO_MAX, f"build {ratio:.2f}× the reference")
    goal = "goal met" if ratio <= BUILD_RATIO_GOAL else f"goal {BUILD_RATIO_GOAL}× not yet"
    print(f"  median of the per-pair ratios: {ratio:.2f}×  (pairs: {_figures(ratios)})")
    print(f"  target ≤ {BUILD_RATIO_MAX}×, {goal}{mark}")


def _figures(values: list[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


# --- sizes against the budgets -----------------------------------------------------


def timed(action: Callable[[], object], runs: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def table(title: str, sizes: dict[str, int], budget: dict[str, int], misses: Misses) -> None:
    """Print sizes against the budget, noting each part over it."""
    print(f"\n{title}")
    print(f"  {'part':<13} {'size':>10} {'budget':>10}  {'used':>5}")
    for part, size in sizes.items():
        limit = budget[part]
        mark = misses.check(size <= limit, f"{title.split()[0]} {part} over budget")
        print(f"  {part:<13} {human(size):>10} {human(limit):>10}  {size / limit:>5.0%}{mark}")


def print_sizes(site_dir: Path, config: str, runs: int, misses: Misses) -> None:
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    site = by_part((p.relative_to(site_dir).as_posix(), p.stat().st_size) for p in files)
    with tempfile.TemporaryDirectory(prefix="explainer-benchmark-") as tmp:
        bundle_times, report = timed(lambda: make_bundle(config, Path(tmp)), runs)
    assert isinstance(report, BundleReport)
    bundle = {part: packed for part, (_, packed) in report.parts().items()}
    bundle["total"] = report.size  # the archive itself, headers and directory included
    print(
        f"\nbundle build (in-process, {runs} runs): fastest {min(bundle_times):.2f} s, "
        f"median {statistics.median(bundle_times):.2f} s"
    )
    print(
        f"fonts: site {human(site['fonts'])}, bundle {human(report.fonts.after)} "
        f"(from {human(report.fonts.before)} before subsetting)"
    )
    table("site (bytes on disk, both languages)", site, SITE_BUDGET, misses)
    table(f"bundle ({report.archive.name}, bytes in the archive)", bundle, BUNDLE_BUDGET, misses)


# --- in the browser ----------------------------------------------------------------


@dataclass
class Hosts:
    """Our site and the reference's, each served with gzip or without."""

    ours: measure.Host
    peer: measure.Host

    def of(self, page: Page) -> measure.Host:
        return self.ours if page.ours else self.peer


def short(path: str) -> str:
    """A response's file name; "page" for the page itself (a directory's index.html)."""
    return "page" if path.endswith("/") else path.rsplit("/", 1)[-1]


def print_first_loads(browser: Browser, hosts: Hosts, misses: Misses) -> None:
    print("\nfirst load (phone, unthrottled; gzip level 6 host; until network idle)")
    print(f"  {'page':<18} {'transferred':>11} {'requests':>8}")
    for page in PAGES:
        load = measure.load_page(browser, hosts.of(page), page.path, throttled=False)
        ok = not page.ours or load.transferred <= FIRST_LOAD_MAX
        mark = misses.check(ok, f"first load of {page.label} {human(load.transferred)}")
        print(f"  {page.label:<18} {human(load.transferred):>11} {len(load.sent):>8}{mark}")
        largest = sorted(load.sent, key=lambda s: -s.size)[:5]
        print("      largest: " + ", ".join(f"{short(s.path)} {human(s.size)}" for s in largest))
        for url in load.blocked:
            print(f"      blocked, not counted: {url}")
        print(f"      {search_index(load, page, misses)}")
    print(f"  target ≤ {human(FIRST_LOAD_MAX)} for our pages; search index on first use only")


def search_index(load: measure.PageLoad, page: Page, misses: Misses) -> str:
    """Whether the page fetched its search index with no search made, and its weight."""
    index = [s for s in load.sent if "/search/search_index." in s.path]
    mark = misses.check(not (index and page.ours), f"{page.label} fetches the search index")
    if not index:
        return "search index: not fetched on load"
    weight = ", ".join(f"{human(s.raw)} raw, {human(s.size)} sent" for s in index)
    return f"search index fetched on load: {weight}{mark}"


def print_layout_shifts(
    browser: Browser, hosts: Hosts, pages: list[Page], runs: int, misses: Misses
) -> None:
    print(f"\nCLS (phone; the worst of {runs} load(s) each way)")
    print(f"  {'':<20} {'as the API counts':>17}   {'every shift':>13}")
    print(f"  {'page':<20} {'slow 4G':>8} {'fast':>8}   {'slow 4G':>7} {'fast':>5}")
    for page in pages:
        slow, fast = (
            [load(browser, hosts, page, throttled) for _ in range(runs)]
            for throttled in (True, False)
        )
        api = [max(x.cls for x in way) for way in (slow, fast)]
        every = [max(x.cls_every_shift for x in way) for way in (slow, fast)]
        mark = misses.check(
            not page.ours or max(every) <= CLS_MAX, f"CLS of {page.label} {max(every):.3f}"
        )
        shifted = max(slow + fast, key=lambda x: x.cls_every_shift).largest_shift()
        print(
            f"  {page.label:<20} {api[0]:>8.3f} {api[1]:>8.3f}   {every[0]:>7.3f} {every[1]:>5.3f}"
            f"{mark}{why(shifted)}"
        )
    print(f"  slow 4G: CPU ×4 and slow 4G; fast: unthrottled. Target ≤ {CLS_MAX} on every page of")
    print("  ours, every shift counted: the loads make no input, so none follows a reader's")


def load(browser: Browser, hosts: Hosts, page: Page, throttled: bool) -> measure.PageLoad:
    return measure.load_page(browser, hosts.of(page), page.path, throttled=throttled)


def why(shift: dict[str, Any] | None) -> str:
    """The largest layout shift of a load: its size, when, and the elements that moved."""
    if not shift:
        return ""
    flagged = " (flagged as input)" if shift["input"] else ""
    at = f"{shift['time'] / 1000:.1f} s{flagged}"
    return f"  largest {shift['value']:.3f} at {at}: {shift['source']}"


def browser_pages(site: Path) -> list[Page]:
    """Every page of our site, Arabic then English, then the reference's homes."""
    ours = []
    for path in sorted(measure.page_paths(site), key=lambda p: (p.startswith("en/"), p)):
        lang = "en" if path.startswith("en/") else "ar"
        name = path.removeprefix("en/").strip("/") or "home"
        ours.append(Page(f"ours {lang} {name}", True, lang, path))
    return ours + [page for page in PAGES if not page.ours]


def measure_in_browser(ours: Path, peer: Path, cls_runs: int, misses: Misses) -> None:
    if not Path(measure.CHROMIUM).exists():
        print(f"\nfirst load and CLS not measured: {measure.CHROMIUM} is missing")
        return
    from playwright.sync_api import sync_playwright

    with (
        sync_playwright() as playwright,
        measure.Host(ours, measure.published_prefix(ours)) as our_host,
        measure.Host(peer, measure.published_prefix(peer)) as peer_host,
    ):
        browser = measure.launch(playwright)
        print(f"\nChromium {browser.version}")
        hosts = Hosts(our_host, peer_host)
        print_first_loads(browser, hosts, misses)
        print_layout_shifts(browser, hosts, browser_pages(ours), cls_runs, misses)
        browser.close()


# --- Lighthouse --------------------------------------------------------------------


def run_lighthouse(ours: Path, peer: Path, runs: int) -> dict[tuple[str, str], measure.Report]:
    """Median reports by (server, page label); the runs interleave pages and servers."""
    found: dict[tuple[str, str], list[measure.Report]] = {}
    with (
        measure.Host(ours, measure.published_prefix(ours)) as ours_gz,
        measure.Host(peer, measure.published_prefix(peer)) as peer_gz,
        measure.Host(ours, measure.published_prefix(ours), gzip=False) as ours_raw,
        measure.Host(peer, measure.published_prefix(peer), gzip=False) as peer_raw,
    ):
        servers = {"gzip": Hosts(ours_gz, peer_gz), "uncompressed": Hosts(ours_raw, peer_raw)}
        for run in range(1, runs + 1):
            print(f"  Lighthouse round {run} of {runs} ...", flush=True)
            for server, hosts in servers.items():
                for page in PAGES:
                    report = measure.lighthouse(LIGHTHOUSE, hosts.of(page).url(page.path))
                    found.setdefault((server, page.label), []).append(report)
    return {key: measure.median_report(reports) for key, reports in found.items()}


def print_lighthouse(results: dict[tuple[str, str], measure.Report], misses: Misses) -> None:
    any_report = next(iter(results.values()))
    print(f"\nLighthouse {any_report.version} mobile, median of each figure ({any_report.browser})")
    for server in ("gzip", "uncompressed"):
        print(f"\n  served {'with gzip (level 6)' if server == 'gzip' else 'uncompressed'}")
        print(f"  {'page':<18} perf a11y   bp  seo    CLS    FCP    LCP  perf by run")
        for page in PAGES:
            report = results[(server, page.label)]
            reference = results[(server, f"reference {page.lang} home")].scores["performance"]
            marks = [
                misses.check(ok, f"Lighthouse {what} of {page.label} ({server})")
                for ok, what in lighthouse_targets(page, server, report.scores, reference)
            ]
            print(f"  {page.label:<18} {lighthouse_row(report)}{max(marks, default='')}".rstrip())
            for category, audits in report.failing.items():
                if audits and page.ours:
                    print(f"      {category} below 100 on: {', '.join(audits)}")
            for url in report.external if server == "gzip" else []:
                print(f"      other host, unresolved: {url}")
    print(
        f"\n  targets for ours: performance ≥ {PERFORMANCE_MIN} with gzip, never below the"
        " reference's home in the same language under the same server; the rest 100"
    )
    errors = sorted({e for report in results.values() for e in report.errors})
    for error in errors:
        print(f"  an audit Lighthouse could not run (unscored): {error}")


def lighthouse_row(report: measure.Report) -> str:
    scores = " ".join(f"{report.scores[c]:>4}" for c in measure.CATEGORIES)
    cls, fcp, lcp = (report.metrics[m] for m in measure.METRICS)
    runs = " ".join(str(score) for score in report.performance_runs)
    return f"{scores}  {cls:.3f} {fcp / 1000:>5.1f}s {lcp / 1000:>5.1f}s  {runs:<12}"


def lighthouse_targets(
    page: Page, server: str, scores: dict[str, int], reference: int
) -> list[tuple[bool, str]]:
    """(met, what) for each target of ``page`` under ``server``; none for the reference."""
    if not page.ours:
        return []
    performance = scores["performance"]
    checks = [(performance >= reference, f"performance {performance} < reference {reference}")]
    if server == "gzip":
        checks.append((performance >= PERFORMANCE_MIN, f"performance {performance}"))
    checks += [(scores[c] == 100, f"{c} {scores[c]}") for c in measure.CATEGORIES[1:]]
    return checks


# --- the run -----------------------------------------------------------------------


def commit() -> str:
    described = subprocess.run(
        ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
        capture_output=True,
        text=True,
        check=False,
    )
    return described.stdout.strip() or "?"


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="paired builds (default 5)")
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    parser.add_argument(
        "--peer",
        "--vs-reference",
        type=Path,
        default=REPO.parent / "shared" / "peer",
        help="the reference: its folder or its mkdocs.yml's folder (default ../shared/peer)",
    )
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--quick", action="store_true", help="builds and sizes only")
    what.add_argument("--lighthouse", action="store_true", help="add Lighthouse (slow)")
    parser.add_argument("--lighthouse-runs", type=int, default=3)
    parser.add_argument("--cls-runs", type=int, default=3)
    parser.add_argument("--serve", action="store_true", help="add save → page served by serve")
    parser.add_argument("--scale", action="store_true", help="add 1×, 10× and 100× the content")
    return parser.parse_args()


def main() -> int:
    args = arguments()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    config = str(Path(args.config_file).resolve())
    reference = peer_config(args.peer)
    ours_versions = measure.versions(sys.executable, ("mkdocs", "mkdocs-material"))
    print(f"explainer {commit()} ({Path(explainer.__file__).parent}): {ours_versions}")
    print(f"reference {reference}: {ensure_peer_venv()}")
    print(f"machine {measure.machine()}")
    misses = Misses()
    with tempfile.TemporaryDirectory(prefix="explainer-benchmark-") as tmp:
        ours, peer = Path(tmp) / "ours", Path(tmp) / "reference"
        ours_build = [sys.executable, "-m", "explainer.cli", "-f", config, "build"]
        peer_build = [str(PEER_VENV / "bin" / "mkdocs"), "build", "-q", "-f", str(reference)]
        times = measure.paired(
            [*ours_build, "--site-dir", str(ours)], [*peer_build, "-d", str(peer)], args.runs
        )
        print_builds(*times, misses)
        print_sizes(ours, config, args.runs, misses)
        if args.serve:
            import serve_timing

            misses += serve_timing.print_serve(Path(config))
        if not args.quick:
            measure_in_browser(ours, peer, args.cls_runs, misses)
        if args.lighthouse and not LIGHTHOUSE.exists():
            print(f"\nLighthouse not measured: {LIGHTHOUSE} is missing (run `npm ci`)")
        elif args.lighthouse:
            print(f"\nLighthouse: {args.lighthouse_runs} rounds of {2 * len(PAGES)} runs ...")
            results = run_lighthouse(ours, peer, args.lighthouse_runs)
            print_lighthouse(results, misses)
    if args.scale:
        scale.run(Path(config), scale.SCALES, args.runs, misses)
    print(f"\nmachine after the run: {measure.machine()}")
    if misses:
        print(f"\n{len(misses)} budget(s) or target(s) missed:")
        print("\n".join(f"  - {miss}" for miss in misses))
        return 1
    print("\nevery budget and target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
