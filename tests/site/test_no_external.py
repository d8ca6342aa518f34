"""Nothing the site ships refers to another host: no font service, CDN or script."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from conftest import ROOT, Site, cited_context

SITE_URL = "https://explainers.github.io/iraq-coalition/"
# The site's own repository: "Edit this page" links lead there (a link, never a load).
REPO_URL = "https://github.com/explainers/iraq-coalition"
URL_ATTRS = ("src", "href", "srcset", "action", "poster", "data", "formaction")

# Material's bundle holds loaders that fire only in a situation this site never
# creates; each is allowed with the condition, and a test below shows it is absent.
DORMANT_IN_MATERIAL = {
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver",
    "https://unpkg.com/mermaid@11/dist/mermaid.min.js": "only on pages with mermaid diagrams",
    "https://api.github.com/": "only when the header shows repository facts",
    "https://${e}/api/v4/projects/": "only when the header shows GitLab repository facts",
}


def external(url: str) -> bool:
    url = url.strip()
    if not url or url.startswith(("#", "data:", "mailto:")) or url.startswith(SITE_URL):
        return False
    parsed = urlparse(url)
    return bool(parsed.scheme or parsed.netloc or url.startswith("//"))


def test_html_refers_to_nothing_outside_the_site(site: Site) -> None:
    for page in site.root.rglob("*.html"):
        for tag in site.soup(page).find_all(True):
            for attr in URL_ATTRS:
                for value in str(tag.get(attr) or "").split(","):
                    url = value.split()[0] if value.split() else ""
                    if tag.name == "a" and url.startswith(REPO_URL):
                        continue
                    if cited_context(tag, url):
                        continue
                    assert not external(url), f"{page}: <{tag.name} {attr}={url}>"


def test_css_loads_nothing_from_outside(site: Site) -> None:
    for css in site.root.rglob("*.css"):
        text = css.read_text("utf-8")
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+)", text):
            assert not external(url), f"{css}: {url}"
        assert not re.search(r"@import\s+(url\()?['\"]?(https?:)?//", text), css


def test_javascript_holds_no_external_url_but_dormant_ones(site: Site) -> None:
    found = set()
    for js in site.root.rglob("*.js"):
        text = js.read_text("utf-8", errors="replace")
        # URL string literals: what code could request (comments and licences aside)
        for url in re.findall(r"[\"'`]((?:https?:)?//[^\"'`\s]+)", text):
            if url.startswith("//"):
                continue  # a comment opener inside a string, not a protocol-relative URL
            found.add(url)
    unexpected = {u for u in found if not any(u.startswith(d) for d in DORMANT_IN_MATERIAL)}
    assert not unexpected


def test_the_addresses_allowed_here_are_the_projects_own() -> None:
    config = (ROOT / "mkdocs.yml").read_text("utf-8")
    assert f"site_url: {SITE_URL}" in config and f"repo_url: {REPO_URL}" in config


def test_the_dormant_loaders_stay_dormant(site: Site) -> None:
    for page in site.pages():
        html = page.read_text("utf-8")
        assert 'class="mermaid"' not in html, page
        assert 'data-md-component="source"' not in html, page
