"""Screenshot pages of a built site in headless Chromium, for a person to look at.

    python scripts/screenshots.py [--site site] [--out screenshots] [PAGE ...]

PAGE is a path under the site (default: every index.html); each is shot at phone
(360 px) and desktop (1280 px) widths, served from 127.0.0.1.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
WIDTHS = {"phone": (360, 780), "desktop": (1280, 900)}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--site", default="site")
    parser.add_argument("--out", default="screenshots")
    parser.add_argument("--full", action="store_true", help="whole page, not the first screen")
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args()
    site, out = Path(args.site), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    pages = args.pages or sorted(
        p.parent.relative_to(site).as_posix() + "/"
        for p in site.rglob("index.html")
        if "assets" not in p.parts
    )
    handler = functools.partial(QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, (width, height) in WIDTHS.items():
            page = browser.new_page(viewport={"width": width, "height": height})
            for path in pages:
                url = base + path.removeprefix("./").lstrip("/")
                page.goto(url)
                page.wait_for_load_state("networkidle")
                slug = path.strip("/").replace("/", "_").replace(".", "") or "home"
                page.screenshot(path=out / f"{slug}-{name}.png", full_page=args.full)
                print(out / f"{slug}-{name}.png")
        browser.close()
    server.shutdown()


if __name__ == "__main__":
    main()
