"""The single-file editions as files: one per language beside the zip, every page a section
made of the site's own bodies, ids merged without a collision, links between sections,
nothing loaded from anywhere, its own policy, its fonts inlined and its size in budget.
The files in a browser are tests/test_single_file_browser.py; the ids ``check`` reports
are at the end.
"""

from __future__ import annotations

import base64
import io
import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from fontTools.ttLib import TTFont

from conftest import ROOT, Site
from explainer.bundle import BundleReport, make_bundle
from explainer.cli import main
from explainer.csp import script_hash
from explainer.sections import TEMPLATE_IDS
from explainer.sizes import SINGLE_FILE_BUDGET

SLUG = "iraq-coalition"
SITE_URL = "https://explainers.github.io/iraq-coalition/"
NAV = ["index", "timeline", "positions", "risks", "source", "terms", "about"]
PARAGRAPHS = ["p1", "p2", "p3", "p4", "p5"]


@dataclass
class Editions:
    report: BundleReport
    dist: Path

    def html(self, lang: str) -> str:
        return (self.dist / f"{SLUG}.{lang}.html").read_text("utf-8")

    def soup(self, lang: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(lang), "html.parser")


@pytest.fixture(scope="module")
def editions(tmp_path_factory: pytest.TempPathFactory) -> Editions:
    dist = tmp_path_factory.mktemp("editions") / "dist"
    return Editions(make_bundle(ROOT / "mkdocs.yml", dist), dist)


def section(soup: BeautifulSoup, name: str) -> Tag:
    found = soup.select_one(f'main > section.sf-page[id="{name}"]')
    assert isinstance(found, Tag), name
    return found


# --- the files ----------------------------------------------------------------------


def test_one_file_per_language_beside_the_zip(editions: Editions) -> None:
    names = sorted(p.name for p in editions.dist.iterdir())
    assert names == [f"{SLUG}-offline.zip", f"{SLUG}.ar.html", f"{SLUG}.en.html"]
    assert [f.lang for f in editions.report.single] == ["ar", "en"]


def test_each_file_keeps_to_its_budget(editions: Editions) -> None:
    for edition in editions.report.single:
        assert edition.size == edition.path.stat().st_size
        assert sum(edition.parts.values()) == edition.size
        over = {
            part: (size, SINGLE_FILE_BUDGET[part])
            for part, size in [*edition.parts.items(), ("total", edition.size)]
            if size > SINGLE_FILE_BUDGET[part]
        }
        assert not over, f"{edition.lang}: over budget (bytes, budget): {over}"
        assert edition.gzipped < edition.size / 2


def test_each_file_is_in_its_language_and_direction(editions: Editions) -> None:
    for lang, direction, face in (("ar", "rtl", "naskh"), ("en", "ltr", "sans")):
        html = editions.soup(lang).html
        assert html is not None
        assert (html["lang"], html["dir"], html["data-ex-font"]) == (lang, direction, face)


# --- the same pages as the site ------------------------------------------------------


def test_every_page_is_a_section_in_the_order_of_the_navigation(editions: Editions) -> None:
    for lang in ("ar", "en"):
        soup = editions.soup(lang)
        sections = [s["id"] for s in soup.select("main > section.sf-page")]
        assert sections == NAV
        contents = [a["href"] for a in soup.select("#sf-nav a")]
        assert contents == [f"#{name}" for name in NAV]


TEXT = "p, li, h1, h2, h3, h4, dt, dd, figcaption, summary"


def texts(root: Tag) -> list[str]:
    """The text of each block, headings' permalinks aside, as a reader reads it."""
    for link in root.select("a.headerlink"):
        link.decompose()
    blocks = [" ".join(e.get_text(" ").split()) for e in root.select(TEXT)]
    return [block for block in blocks if block]


def test_each_section_is_the_sites_page_body(editions: Editions, site: Site) -> None:
    """Built from the same rendered bodies: block for block, the same text."""
    for lang, prefix in (("ar", ""), ("en", "en/")):
        soup = editions.soup(lang)
        for name in NAV:
            path = f"{prefix}{'' if name == 'index' else name + '/'}index.html"
            article = site.soup(path).select_one("article.md-content__inner")
            assert article is not None, path
            for notice in article.select(".ex-outdated, .ex-data-files"):
                notice.decompose()
            body = section(soup, name)
            for frame in body.select(".sf-back"):
                frame.decompose()
            assert texts(body) == texts(article), f"{lang}: {name}"


def test_the_offline_links_are_the_sites_too(editions: Editions) -> None:
    soup = editions.soup("en")
    links = [a["href"] for a in section(soup, "index").select(".ex-offline a")]
    assert links == [f"{SITE_URL}{SLUG}.en.html", f"{SITE_URL}{SLUG}.ar.html",
                     f"{SITE_URL}{SLUG}-offline.zip"]  # fmt: skip


# --- ids and links -------------------------------------------------------------------


def test_ids_are_prefixed_by_their_page_and_the_paragraphs_keep_theirs(
    editions: Editions,
) -> None:
    for lang in ("ar", "en"):
        soup = editions.soup(lang)
        ids = [str(e["id"]) for e in soup.select("[id]")]
        assert len(ids) == len(set(ids)), "an id twice"
        outside = [i for i in ids if not soup.select_one(f'main [id="{i}"]')]
        assert set(outside) == set(TEMPLATE_IDS)
        for name in NAV:
            inner = [str(e["id"]) for e in section(soup, name).select("[id]")]
            kept = [i for i in inner if not i.startswith(f"{name}/")]
            assert kept == (PARAGRAPHS if name == "source" else []), (lang, name, kept)
        assert section(soup, "risks").select_one('[id="risks/sources"]')
        assert section(soup, "timeline").select_one('[id="timeline/sources"]')


def test_links_between_pages_are_links_between_sections(editions: Editions) -> None:
    for lang, other in (("ar", "en"), ("en", "ar")):
        soup = editions.soup(lang)
        ids = {str(e["id"]) for e in soup.select("[id]")}
        for link in soup.select("a[href]"):
            href = str(link["href"])
            if href.startswith("#"):
                assert href[1:] in ids, f"{lang}: {href} leads nowhere"
            elif "ex-context__link" in (link.get("class") or []):
                assert href.startswith("https://")  # a cited source: a link, never a load
            else:
                assert href.startswith((SITE_URL, f"{SLUG}.{other}.html")), f"{lang}: {href}"
        index = section(soup, "index")
        assert index.select_one('a[href="#source"]'), "the home page's link to the original"
        # a provenance marker leads to its page's list of sources, and back
        marker = section(soup, "risks").select_one("sup.ex-ref a")
        assert marker is not None and marker["href"] == "#risks/src-1"
        entry = soup.select_one('[id="risks/src-1"]')
        assert entry is not None
        original = entry.select_one(".ex-src__links a:not(.footnote-backref)")
        assert original is not None and re.fullmatch(r"#(p\d+|source/title)", str(original["href"]))
        back = entry.select_one("a.footnote-backref")
        assert back is not None and back["href"] == "#risks/ref-1"
        # a glossary term leads to its entry in the glossary's section
        term = index.select_one("a.ex-term")
        assert term is not None and str(term["href"]).startswith("#terms/term-")


def test_the_other_language_is_its_file_by_relative_name(editions: Editions) -> None:
    for lang, other in (("ar", "en"), ("en", "ar")):
        links = editions.soup(lang).select("a.sf-lang")
        assert [(a["href"], a["hreflang"], a["lang"]) for a in links] == [
            (f"{SLUG}.{other}.html", other, other)
        ]


def test_no_permalink_is_left(editions: Editions) -> None:
    assert not editions.soup("ar").select("a.headerlink")


# --- nothing loaded, and its own policy ----------------------------------------------


def policy_of(soup: BeautifulSoup) -> dict[str, list[str]]:
    meta = soup.select('meta[http-equiv="Content-Security-Policy"]')
    assert len(meta) == 1
    return {d.split()[0]: d.split()[1:] for d in str(meta[0]["content"]).split(";")}


def test_the_policy_allows_its_script_and_style_by_hash_and_nothing_else(
    editions: Editions,
) -> None:
    for lang in ("ar", "en"):
        soup = editions.soup(lang)
        scripts = [s for s in soup.find_all("script") if s.get("type") != "application/json"]
        styles = soup.find_all("style")
        assert len(scripts) == 1 and len(styles) == 1
        assert policy_of(soup) == {
            "default-src": ["'none'"],
            "script-src": [script_hash(scripts[0].string or "")],
            "style-src": [script_hash(styles[0].string or "")],
            "font-src": ["data:"],
            "img-src": ["data:"],
            "base-uri": ["'none'"],
            "form-action": ["'none'"],
        }
        html = editions.html(lang)
        assert html.index("Content-Security-Policy") < html.index("<style>")
        assert not soup.select("[style]"), "an inline style attribute the policy would block"
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)]


def test_nothing_is_loaded_from_a_file_or_another_site(editions: Editions) -> None:
    for lang in ("ar", "en"):
        soup = editions.soup(lang)
        assert not soup.select("script[src], link[rel=stylesheet], iframe, object, embed")
        assert [str(link["href"]) for link in soup.select("link[href]")] == ["data:,"]
        for tag in soup.select("[src], [srcset]"):
            assert str(tag.get("src", "")).startswith("data:"), tag
        style = str(soup.style.string if soup.style else "")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", style)
        assert urls and all(url.startswith("data:") for url in urls), urls
        assert "@import" not in style


# --- fonts ---------------------------------------------------------------------------


def faces(html: str) -> dict[str, list[TTFont]]:
    found: dict[str, list[TTFont]] = {}
    style = html[html.index("<style>") : html.index("</style>")]
    for rule in re.findall(r"@font-face\s*\{[^}]*\}", style):
        family = re.search(r'font-family:\s*"([^"]+)"', rule)
        data = re.search(r"url\(\"?data:font/woff2;base64,([A-Za-z0-9+/=]+)", rule)
        assert family and data, rule[:80]
        font = TTFont(io.BytesIO(base64.b64decode(data.group(1))))
        found.setdefault(family.group(1), []).append(font)
    return found


def test_the_fonts_are_the_languages_own_subset_to_the_file(editions: Editions) -> None:
    arabic, english = faces(editions.html("ar")), faces(editions.html("en"))
    assert {f: len(v) for f, v in arabic.items()} == {"Noto Naskh Arabic": 2}
    assert {f: len(v) for f, v in english.items()} == {
        "Noto Naskh Arabic Script": 1,
        "Noto Sans": 1,
    }
    soup = editions.soup("ar")
    shown = set(soup.get_text()) - set(" \n\t")
    covered = set()
    for font in arabic["Noto Naskh Arabic"]:
        assert font.flavor == "woff2"
        covered |= {chr(c) for c in font.getBestCmap()}
    missing = {c for c in shown if c not in covered and c.isalpha()}
    assert not missing, f"letters the file shows that its fonts lack: {sorted(missing)}"
    assert set("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") <= covered, "letters a reader may type"


# --- search ---------------------------------------------------------------------------


def index_of(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="sf-index">(.*?)</script>', html, re.S)
    assert found
    data: dict = json.loads(found.group(1))
    return data


def test_the_index_holds_the_sites_terms_and_leaves_the_sources_out(editions: Editions) -> None:
    arabic, english = index_of(editions.html("ar")), index_of(editions.html("en"))
    assert "انسحاب" in arabic["terms"] and "withdrawal" in english["terms"]  # a search group
    assert "the" not in english["terms"], "lunr's English stop words, as the site's index"
    for index in (arabic, english):
        anchors = [doc[1] for doc in index["docs"]]
        assert not [a for a in anchors if a.endswith("/sources")]
        assert index["original"] == "source"
        assert [page for page, _ in index["pages"]] == NAV
        assert all(0 <= d < len(index["docs"]) for docs in index["terms"].values() for d in docs)
    assert arabic["rules"]["stem"] is True and arabic["lang"] == "ar"


# --- the command, the set, the same bytes --------------------------------------------


def test_the_same_sources_give_the_same_bytes(editions: Editions, tmp_path: Path) -> None:
    make_bundle(ROOT / "mkdocs.yml", tmp_path / "dist")
    for name in (f"{SLUG}.ar.html", f"{SLUG}.en.html", f"{SLUG}-offline.zip"):
        assert (tmp_path / "dist" / name).read_bytes() == (editions.dist / name).read_bytes()


@pytest.fixture
def sample(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(project)
    return project


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def dist_files(project: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((project / "dist").iterdir())}


def test_the_command_reports_each_single_file(sample: Path, capsys) -> None:
    code, out, err = run(capsys, "bundle")
    assert code == 0, err
    lines = out.splitlines()
    assert "explainer: writing the single-file editions (ar, en) ..." in lines
    for lang in ("ar", "en"):
        size = (sample / f"dist/project.{lang}.html").stat().st_size
        line = next(x for x in lines if x.startswith(f"explainer: dist/project.{lang}.html: "))
        assert re.fullmatch(
            rf"explainer: dist/project\.{lang}\.html: [\d.]+ KB \([\d.]+ KB gzipped\): "
            r"HTML [\d.]+ KB, search index [\d.]+ KB, JS [\d.]+ KB, CSS [\d.]+ KB, "
            r"fonts [\d.]+ KB",
            line,
        ), line
        assert f"{size / 1024:.1f} KB" in line
    assert list(dist_files(sample)) == ["project-offline.zip", "project.ar.html", "project.en.html"]


def test_a_failure_in_a_single_file_leaves_the_earlier_set(
    sample: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "bundle")[0] == 0
    earlier = dist_files(sample)
    (sample / "docs/ar/index.md").write_text(
        (sample / "docs/ar/index.md").read_text("utf-8") + "\nفقرة جديدة.\n", "utf-8"
    )
    import explainer.single_file as single_file

    def broken(*args, **kwargs):
        raise single_file.SingleFileError("en/index.md: made to fail")

    real = single_file.build_file
    calls = []

    def second_fails(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs) if len(calls) == 1 else broken()

    monkeypatch.setattr(single_file, "build_file", second_fails)
    code, _, err = run(capsys, "bundle")
    assert (code, err) == (1, "explainer: en/index.md: made to fail\n")
    assert dist_files(sample) == earlier, "the earlier zip and single files are as they were"
    monkeypatch.undo()
    monkeypatch.chdir(sample)
    assert run(capsys, "bundle")[0] == 0
    now = dist_files(sample)
    assert set(now) == set(earlier) and all(now[name] != earlier[name] for name in now)


def test_a_stale_translation_carries_its_notice(sample: Path, capsys) -> None:
    page = sample / "docs/ar/index.md"
    page.write_text(page.read_text("utf-8").replace("لا تكفي", "لا تكفي وحدها"), "utf-8")
    assert run(capsys, "bundle")[0] == 0
    soup = BeautifulSoup((sample / "dist/project.en.html").read_text("utf-8"), "html.parser")
    notice = soup.select_one('section[id="index"] > aside.ex-outdated')
    assert notice is not None
    link = notice.select_one("a")
    assert link is not None and (link["href"], link["hreflang"]) == ("project.ar.html#index", "ar")
    arabic = BeautifulSoup((sample / "dist/project.ar.html").read_text("utf-8"), "html.parser")
    assert not arabic.select(".ex-outdated")


def test_three_languages_three_files_each_linking_the_others(tmp_path: Path) -> None:
    example = ROOT / "examples/school-buses"
    report = make_bundle(example / "mkdocs.yml", tmp_path / "dist")
    assert [f.lang for f in report.single] == ["ar", "en", "ckb"]
    for edition in report.single:
        soup = BeautifulSoup(edition.path.read_text("utf-8"), "html.parser")
        others = [a["hreflang"] for a in soup.select("a.sf-lang")]
        assert others == [code for code in ("ar", "en", "ckb") if code != edition.lang]
        assert edition.size <= SINGLE_FILE_BUDGET["total"]
    kurdish = BeautifulSoup(report.single[2].path.read_text("utf-8"), "html.parser")
    assert kurdish.html is not None and kurdish.html["dir"] == "rtl"
    with zipfile.ZipFile(report.archive) as archive:
        assert "ckb/index.html" in archive.namelist()


# --- the site links to them ------------------------------------------------------------

FILES = [f"{SLUG}.ar.html", f"{SLUG}.en.html", f"{SLUG}-offline.zip"]


@pytest.mark.parametrize("lang", ["ar", "en"])
@pytest.mark.parametrize("page", ["index.html", "about/index.html"])
def test_home_and_about_link_the_three_files_saying_what_each_is_for(
    site: Site, lang: str, page: str
) -> None:
    soup = site.soup(("" if lang == "ar" else "en/") + page)
    block = soup.select_one(".ex-offline")
    assert block is not None
    links = [a for a in block.select("a[href]")]
    own = [f"{SLUG}.{lang}.html"]
    order = own + [f for f in FILES if f not in own]
    assert [a["href"] for a in links] == [SITE_URL + name for name in order]
    assert [a["download"] for a in links] == order
    assert [a.get("hreflang") for a in links] == [None, "en" if lang == "ar" else "ar", None]
    about = [" ".join(p.get_text(" ").split()) for p in block.select(".ex-offline__about")]
    assert len(about) == 2 and all(len(text) > 40 for text in about)
    text = block.get_text(" ")
    if lang == "ar":
        assert "ملف واحد" in text and "ملف مضغوط" in text and "بلا اتصال" in text
    else:
        assert "one file" in text and "zip archive" in text and "no connection" in text
    # nothing that only the files could tell: the site builds without them
    assert not re.search(r"\d+(\.\d+)?\s*(KB|MB|ك\.?ب)|sha-?256|\b20\d\d-\d\d-\d\d\b", text, re.I)


def test_the_site_is_built_without_the_editions(site: Site) -> None:
    for name in FILES:
        assert not (site.root / name).exists(), "the site build does not depend on the bundle"
