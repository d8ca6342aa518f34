"""The real site, built once: language, direction, the switch, hreflang, isolation."""

from __future__ import annotations

import json
import re
from urllib.parse import urlparse

from bs4 import NavigableString

from conftest import ROOT, Site
from explainer.mkdocs_plugin import THEME_JS
from explainer.search import Terms, load_synonyms

SITE_URL = "https://explainers.github.io/iraq-coalition/"


def lang_of(site: Site, page) -> str:
    return "en" if page.relative_to(site.root).parts[0] == "en" else "ar"


def test_both_languages_have_the_same_pages(site: Site) -> None:
    pages = {"ar": set(), "en": set()}
    for page in site.pages():
        pages[lang_of(site, page)].add(page.relative_to(site.root).as_posix().removeprefix("en/"))
    ar, en = pages["ar"], pages["en"]
    assert ar == en
    assert {"index.html", "source/index.html", "404.html"} <= ar


def test_every_page_declares_language_and_direction_on_html(site: Site) -> None:
    for page in site.pages():
        html = site.soup(page).html
        expected = {"ar": "rtl", "en": "ltr"}[lang_of(site, page)]
        assert (html.get("lang"), html.get("dir")) == (lang_of(site, page), expected), page


def test_theme_strings_are_in_the_page_language(site: Site) -> None:
    ar = site.soup("source/index.html").find("a", class_="md-skip")
    en = site.soup("en/source/index.html").find("a", class_="md-skip")
    assert ar.get_text(strip=True) == "انتقل إلى المحتوى"
    assert en.get_text(strip=True) == "Skip to content"


def test_language_switch_opens_the_same_page_in_the_other_language(site: Site) -> None:
    for page in site.pages():
        if page.name == "404.html":
            continue  # served at any path, so MkDocs links it from the site root: see below
        links = site.soup(page).select("a.ex-lang-switch")
        # two languages: one link, to the other one, named in it
        other = "ar" if page.parts[len(site.root.parts)] == "en" else "en"
        assert [(a["hreflang"], a.get_text()) for a in links] == [
            (other, {"ar": "العربية", "en": "English"}[other])
        ], page
        for link in links:
            href = link["href"]
            assert not urlparse(href).scheme and not href.startswith("/"), href
            target = site.resolve(page, href)
            rel = page.relative_to(site.root).as_posix().removeprefix("en/")
            expected = site.root / ("en/" if link["hreflang"] == "en" else "") / rel
            assert target == expected.resolve(), (page, href)
            assert target.is_file()


def test_not_found_pages_switch_to_each_other_from_the_site_root(site: Site) -> None:
    root = urlparse(SITE_URL).path
    for page, other in (("404.html", "en/404.html"), ("en/404.html", "404.html")):
        hrefs = {a["href"] for a in site.soup(page).select("a.ex-lang-switch")}
        assert root + other in hrefs


def test_hreflang_alternates_are_reciprocal_with_x_default(site: Site) -> None:
    def alternates(page) -> dict[str, str]:
        links = site.soup(page).select('link[rel="alternate"][hreflang]')
        return {link["hreflang"]: link["href"] for link in links}

    def file_of(url: str):
        assert url.startswith(SITE_URL), url
        path = site.root / url.removeprefix(SITE_URL)
        return path / "index.html" if not path.suffix else path

    for page in site.pages():
        if page.name == "404.html":
            continue  # not an indexable page; its alternates are checked by the switch test
        alts = alternates(page)
        assert set(alts) == {"ar", "en", "x-default"}, page
        assert alts["x-default"] == alts["ar"]
        own = alts[lang_of(site, page)]
        assert file_of(own) == page
        for url in alts.values():
            assert alternates(file_of(url))[lang_of(site, page)] == own


def test_each_language_has_its_own_search_index(site: Site) -> None:
    for prefix, lang in (("", "ar"), ("en/", "en")):
        index = json.loads((site.root / prefix / "search/search_index.json").read_text("utf-8"))
        assert index["docs"], lang
        arabic = re.compile("[\u0600-\u06ff]")
        for doc in index["docs"]:
            target = site.root / prefix / doc["location"].split("#")[0]
            target = target / "index.html" if target.is_dir() or not target.suffix else target
            assert lang_of(site, target) == lang, doc["location"]
        # the pages' own titles (the glossary's entries name each term in both languages)
        titles = " ".join(doc["title"] for doc in index["docs"] if "#" not in doc["location"])
        assert bool(arabic.search(titles)) == (lang == "ar")


def test_fonts_are_self_hosted_with_their_licences(site: Site) -> None:
    css = (site.root / "assets/stylesheets/explainer.css").read_text("utf-8")
    fonts = re.findall(r'url\("([^"]+\.woff2)"\)', css)
    assert any("naskh-arabic" in f for f in fonts) and any("noto-sans" in f for f in fonts)
    for font in fonts:
        assert (site.root / "assets/stylesheets" / font).resolve().is_file(), font
    licences = list((site.root / "assets/fonts").glob("OFL-*.txt"))
    assert len(licences) == 2
    assert all("SIL Open Font License" in p.read_text("utf-8") for p in licences)
    assert "fonts.googleapis" not in (site.root / "index.html").read_text("utf-8")


def linked_file(site: Site, page, href: str):
    """The file ``href`` on ``page`` opens; 404.html links from the site's path."""
    root_path = urlparse(SITE_URL).path
    if href.startswith(root_path):
        return site.root / href.removeprefix(root_path)
    return site.resolve(page, href)


def test_each_page_preloads_the_faces_its_own_text_is_drawn_with(site: Site) -> None:
    # the stylesheet's faces, by family: the files a page's own text can need
    css = (site.root / "assets/stylesheets/explainer.css").read_text("utf-8")
    families: dict[str, set[str]] = {}
    for rule in re.findall(r"@font-face\s*\{[^}]*\}", css):
        family = re.search(r'font-family:\s*"([^"]+)"', rule).group(1)
        families.setdefault(family, set()).add(re.search(r'url\("([^"]+)"\)', rule).group(1))
    for page in site.pages():
        soup = site.soup(page)
        preloaded = {link["href"] for link in soup.select('link[rel="preload"][as="font"]')}
        for href in preloaded:
            assert linked_file(site, page, href).is_file(), (page, href)
        # the page's family is the first of the stack its <html data-ex-font> picks
        family = "Noto Naskh Arabic" if soup.html["data-ex-font"] == "naskh" else "Noto Sans"
        wanted = {name.rsplit("/", 1)[-1] for name in families[family]}
        assert {href.rsplit("/", 1)[-1] for href in preloaded} == wanted, page


def test_no_script_holds_back_the_first_paint_and_search_comes_before_the_bundle(
    site: Site,
) -> None:
    """No script in <head>; search-on-demand.js runs before Material's bundle, the rest after.

    A script in <head> waits for the stylesheets and stops the parser meanwhile; the
    engine's other scripts only touch the parsed page, so they are deferred (fetched at
    low priority, run in order once the page is parsed).
    """
    for page in site.pages():
        soup = site.soup(page)
        assert not soup.head.select("script[src]"), page
        names = [s["src"].rsplit("/", 1)[-1] for s in soup.body.select("script[src]")]
        bundle = next(i for i, name in enumerate(names) if name.startswith("bundle."))
        assert names[bundle - 1] == "search-on-demand.js", (page, names)
        engine = soup.body.select("script[src]")[bundle + 1 :]
        assert {s["src"].rsplit("/", 1)[-1] for s in engine} >= {
            js.rsplit("/", 1)[-1] for js in THEME_JS
        }, (page, names)
        assert all(s.has_attr("defer") for s in engine), (page, names)


def test_pages_show_the_engines_small_icon(site: Site) -> None:
    for page in site.pages():
        (icon,) = site.soup(page).select('link[rel="icon"]')
        assert icon["href"].endswith(".svg") and linked_file(site, page, icon["href"]).is_file()


def test_arabic_headings_get_readable_anchors(site: Site) -> None:
    ids = [h.get("id", "") for h in site.soup("index.html").select("h1, h2, h3")]
    ids += [h.get("id", "") for h in site.soup("source/index.html").select("h2, h3")]
    assert ids and not [i for i in ids if re.fullmatch(r"_\d*", i)]
    assert any(re.search("[\u0600-\u06ff]", i) for i in ids)


def test_every_theme_and_starter_file_is_package_data() -> None:
    """An installed engine carries its theme and its starter: pyproject.toml declares all."""
    import fnmatch
    import tomllib

    from explainer.mkdocs_plugin import THEME
    from explainer.new import STARTER

    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    globs = setuptools["package-data"]["explainer"]
    files = [
        p.relative_to(THEME.parent).as_posix()
        for folder in (THEME, STARTER)
        for p in folder.rglob("*")
        if p.is_file()
    ]
    assert len(files) >= 25
    # setuptools' ** matches any depth; fnmatch's * already crosses folders
    assert [f for f in files if not any(fnmatch.fnmatch(f, g) for g in globs)] == []


def test_the_themes_arabic_is_correct_on_every_arabic_page(site: Site) -> None:
    """Material's Arabic misspells two imperatives and breaks number agreement; not here."""
    arabic = [p for p in site.pages() if not p.relative_to(site.root).parts[0] == "en"]
    assert len(arabic) >= 8
    for page in arabic:
        html = page.read_text("utf-8")
        for wrong in ("إبحث", "إختر", "نتائج البحث مستند", "أكثر من #", "Permanent link"):
            assert wrong not in html, (page, wrong)
    home = site.soup("index.html")
    labels = {tag["aria-label"] for tag in home.select("[aria-label]")}
    assert {"ابحث", "التنقل"} <= labels
    config = json.loads(home.find(id="__config").string)
    assert config["translations"]["search.result.other"] == "عدد النتائج: #"
    assert {a["title"] for a in home.select("a.headerlink")} == {"رابط دائم لهذا القسم"}
    assert site.soup("404.html").h1.get_text() == "الصفحة غير موجودة (404)"
    assert site.soup("en/404.html").h1.get_text() == "Page not found (404)"


#: Latin letters (basic and extended): on an Arabic page, a word a reader sees in Latin
#: script is either marked as foreign on purpose or an interface string left untranslated.
LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
#: What a reader sees or hears of an element besides its text.
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")


def marked_foreign(element, page_lang: str) -> bool:
    """Whether ``element`` or an ancestor says its words are not the page's language."""
    for node in (element, *element.parents):
        attrs = getattr(node, "attrs", None) or {}
        lang = attrs.get("lang", page_lang)
        if attrs.get("translate") == "no" or not lang.startswith(page_lang):
            return True
    return False


def shown_strings(soup):
    """Yield ``(element, where, string)`` for every string a reader sees or hears."""
    for text in soup.find_all(string=True):
        if type(text) is not NavigableString or text.parent.name in ("script", "style"):
            continue  # comments, the doctype, scripts and styles are not shown
        if text.strip():
            yield text.parent, "text", text.strip()
    for element in soup.find_all(True):
        for name in SHOWN_ATTRIBUTES:
            if element.get(name, "").strip():
                yield element, name, element[name].strip()


def test_every_latin_string_on_an_arabic_page_is_marked_foreign(site: Site) -> None:
    """Names, English terms and quotations carry lang="en", paths translate="no"; no
    other string a reader sees or hears on an Arabic page is in Latin script."""
    arabic = [p for p in site.pages() if lang_of(site, p) == "ar"]
    assert len(arabic) >= 8
    seen = 0
    unmarked = []
    for page in arabic:
        for element, where, string in shown_strings(site.soup(page)):
            seen += 1
            if LATIN.search(string) and not marked_foreign(element, "ar"):
                unmarked.append(
                    f"{page.relative_to(site.root)}: <{element.name}> {where}: {string!r}"
                )
    assert seen > 1000
    assert unmarked == []
    # the strings it lets through are marked, not missing
    home = site.soup("index.html")
    assert home.select_one('a.ex-term[lang="en"][title="ISIS"] > span[lang="ar"]')
    assert home.select_one('.md-source__repository[translate="no"]').get_text(strip=True)
    assert home.select_one('.ex-data-files a[translate="no"] code')
    assert site.soup("about/index.html").select_one('code[translate="no"]')


# --- the site's synonym list names what its readers type ------------------------------


def test_the_synonym_list_loads_and_names_what_readers_type() -> None:
    groups = load_synonyms(ROOT / "docs/data/synonyms.yml", "docs/data/synonyms.yml", ("ar", "en"))
    ar = Terms(groups, "ar")
    en = Terms(groups, "en")
    assert ar.key("ISIS") == ar.key("داعش") and en.key("داعش") == en.key("ISIS") == "isis"
    assert ar.key("ترمب") == ar.key("Trump") == ar.key("ترامب")
    assert ar.key("Biden") == ar.key("بايدن") and en.key("Biden") == "biden"
    assert len({ar.key(w) for w in ("أميركا", "أمريكا", "الأمريكية", "الأميركية")}) == 1
    assert ar.key("Iraq") == ar.key("العراق")
    assert "وول" in ar.query("WSJ").split() and "wall" in en.query("WSJ").split()
