"""What search engines and link previews read, and the bytes a build gives."""

from __future__ import annotations

import filecmp
import json
import re
import xml.etree.ElementTree as ET

import yaml

from conftest import ROOT, Site
from explainer.build import build_site

SITE_URL = "https://explainers.github.io/iraq-coalition/"
SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


def jsonld(site: Site, path: str) -> dict:
    script = site.soup(path).select_one('script[type="application/ld+json"]')
    return json.loads(script.string)


def test_every_page_has_a_canonical_url_and_opengraph_in_its_language(site: Site) -> None:
    for page in site.pages():
        if page.name == "404.html":
            continue
        soup = site.soup(page)
        lang = soup.html["lang"]
        canonical = soup.select_one('link[rel="canonical"]')["href"]
        assert canonical.startswith(SITE_URL)
        og = {m["property"]: m["content"] for m in soup.select('meta[property^="og:"]')}
        assert og["og:url"] == canonical
        assert og["og:locale"] == {"ar": "ar_IQ", "en": "en_US"}[lang]
        arabic = bool(re.search("[\u0600-\u06ff]", og["og:title"]))
        assert arabic == (lang == "ar"), page
        assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary"


def test_json_ld_article_links_each_page_to_its_translation_and_the_oped(site: Site) -> None:
    ar, en = jsonld(site, "risks/index.html"), jsonld(site, "en/risks/index.html")
    assert (ar["@type"], ar["inLanguage"], en["inLanguage"]) == ("Article", "ar", "en")
    assert ar["workTranslation"][0]["@id"] == en["url"]
    assert en["translationOfWork"]["@id"] == ar["url"]
    for article in (ar, en):
        based_on = article["isBasedOn"]
        assert based_on["author"]["name"] == "محمد حسن الساعدي"
        assert based_on["headline"].startswith("العراق بلا تحالف دولي")
        assert article["author"]["name"]


def test_mixed_script_metadata_is_isolated(site: Site) -> None:
    # An Arabic description naming ISIS would need isolates; ours checks the mechanism
    # on every Arabic page: any Latin run in title or description sits between LRI/PDI.
    for page in site.pages():
        soup = site.soup(page)
        if soup.html["lang"] != "ar":
            continue
        texts = [soup.title.string or ""] + [
            m["content"] for m in soup.select('meta[name="description"], meta[property="og:title"]')
        ]
        for text in texts:
            for run in re.findall(r"[A-Za-z][A-Za-z .-]*[A-Za-z]", text.replace("\u2066", "")):
                assert f"\u2066{run}\u2069" in text, (page, run)


def test_sitemaps_list_every_page_with_its_alternates(site: Site) -> None:
    for prefix in ("", "en/"):
        tree = ET.parse(site.root / prefix / "sitemap.xml")
        urls = tree.getroot().findall(f"{SM}url")
        assert len(urls) == 7
        for url in urls:
            loc = url.find(f"{SM}loc").text
            links = {x.get("hreflang"): x.get("href") for x in url.findall(f"{XHTML}link")}
            assert set(links) == {"ar", "en", "x-default"}
            assert loc in links.values() and links["x-default"] == links["ar"]


def test_the_same_sources_give_the_same_bytes(site: Site, tmp_path) -> None:
    again = build_site(ROOT / "mkdocs.yml", tmp_path / "again")
    comparison = filecmp.dircmp(site.root, again)

    def differences(cmp) -> list[str]:
        found = cmp.diff_files + cmp.left_only + cmp.right_only
        for sub in cmp.subdirs.values():
            found += differences(sub)
        return found

    # dircmp compares shallowly (size and mtime); compare contents too
    assert differences(comparison) == []
    for path in site.root.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (again / path.relative_to(site.root)).read_bytes()


def test_the_english_home_description_is_one_valid_attribute(site: Site) -> None:
    """Its description holds a double-quoted title and an apostrophe."""
    front = (ROOT / "docs/en/index.md").read_text("utf-8").split("---\n")[1]
    written = yaml.safe_load(front)["description"]
    assert '"' in written and "'" in written
    soup = site.soup("en/index.html")
    tags = soup.find_all("meta", attrs={"name": "description"})
    assert [tag["content"] for tag in tags] == [written]
