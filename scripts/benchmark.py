"""Time the builds and weigh what they ship, part by part, against the size budget.

    python scripts/benchmark.py [--runs N] [-f mkdocs.yml]

Builds the site and the offline bundle N times each (default 3) into a temporary
folder, prints the fastest and the median build time of each, then the size of every
part (HTML, search index, JS, CSS, fonts, other) against its budget: bytes on disk
for the site, bytes in the archive for the bundle. The budgets live in
``explainer.sizes``; README ("Benchmarks") records the figures measured. Exits 1 if
a part is over its budget.
"""

from __future__ import annotations

import argparse
import logging
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from explainer.build import build_site
from explainer.bundle import BundleReport, make_bundle
from explainer.sizes import BUNDLE_BUDGET, SITE_BUDGET, by_part, human


def timed(action: Callable[[], object], runs: int) -> tuple[list[float], object]:
    seconds, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = action()
        seconds.append(time.perf_counter() - started)
    return seconds, result


def table(title: str, sizes: dict[str, int], budget: dict[str, int]) -> bool:
    """Print sizes against the budget; return whether every part is within it."""
    print(f"\n{title}")
    print(f"  {'part':<13} {'size':>10} {'budget':>10}  {'used':>5}")
    within = True
    for part, size in sizes.items():
        limit = budget[part]
        over = size > limit
        within &= not over
        mark = "  OVER" if over else ""
        print(f"  {part:<13} {human(size):>10} {human(limit):>10}  {size / limit:>5.0%}{mark}")
    return within


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("-f", "--config-file", default="mkdocs.yml")
    args = parser.parse_args()
    logging.getLogger("mkdocs").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory(prefix="explainer-benchmark-") as tmp:
        site_dir = Path(tmp) / "site"
        site_times, _ = timed(lambda: build_site(args.config_file, site_dir), args.runs)
        bundle_times, report = timed(
            lambda: make_bundle(args.config_file, Path(tmp) / "dist"), args.runs
        )
        assert isinstance(report, BundleReport)
        files = [p for p in site_dir.rglob("*") if p.is_file()]
        site = by_part((p.relative_to(site_dir).as_posix(), p.stat().st_size) for p in files)
        bundle = {part: packed for part, (_, packed) in report.parts().items()}
        bundle["total"] = report.size  # the archive itself, headers and directory included

    print(f"build times over {args.runs} runs (fastest / median):")
    for name, times in (("site", site_times), ("bundle", bundle_times)):
        print(f"  {name:<7} {min(times):.2f} s / {statistics.median(times):.2f} s")
    print(
        f"\nfonts: site {human(site['fonts'])}, bundle {human(report.fonts.after)} "
        f"(from {human(report.fonts.before)} before subsetting)"
    )
    ok = table("site (bytes on disk, both languages)", site, SITE_BUDGET)
    ok &= table(f"bundle ({report.archive.name}, bytes in the archive)", bundle, BUNDLE_BUDGET)
    print("\nwithin budget" if ok else "\nOVER BUDGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
