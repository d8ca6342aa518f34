"""The offline bundle as files: the archive, its pages, the policy and fonts of both
variants, the command's report, and what bad input does (exact messages, no partial
archive). The bundle in a browser is tests/site/test_bundle_browser.py.

The bundle needs only the installed engine: its search shim is package data, and no
test here needs node_modules (``npm ci``).
"""

from __future__ import annotations

import io
import os
import re
import tomllib
import zipfile
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from fontTools.ttLib import TTFont

from conftest import ROOT, Site, cited_context
from explainer.bundle import BundleReport, make_bundle
from explainer.cli import main
from explainer.csp import POLICY, CspError, add_script_hashes, inline_scripts, policy, script_hash
from explainer.mkdocs_plugin import THEME
from explainer.shim import SHIPPED_AS, Shim, ShimError
from explainer.sizes import BUNDLE_BUDGET, PARTS

ARCHIVE = "iraq-coalition-offline.zip"
SINGLE_FILES = ["iraq-coalition.ar.html", "iraq-coalition.en.html"]
REPO_URL = "https://github.com/explainers/iraq-coalition"
#: The offline editions, published beside the site: [[offline]] links there (a link, never a load)
SITE_URL = "https://explainers.github.io/iraq-coalition/"
CSP_META = 'meta[http-equiv="Content-Security-Policy"]'


@dataclass
class Bundle:
    report: BundleReport
    root: Path  # the archive, unzipped

    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if "assets" not in p.parts)


def unzip(archive: Path, target: Path) -> Path:
    with zipfile.ZipFile(archive) as zipped:
        zipped.extractall(target)
    return target


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("bundle")
    report = make_bundle(ROOT / "mkdocs.yml", out / "dist")
    return Bundle(report, unzip(report.archive, out / "unzipped"))


# --- the archive --------------------------------------------------------------------


def test_one_archive_named_after_the_site_beside_the_single_files(bundle: Bundle) -> None:
    names = sorted(p.name for p in bundle.report.archive.parent.iterdir())
    assert names == [ARCHIVE, *SINGLE_FILES]  # tests/test_single_file.py reads those


def test_top_level_index_is_the_arabic_home(bundle: Bundle) -> None:
    html = BeautifulSoup((bundle.root / "index.html").read_text("utf-8"), "html.parser").html
    assert html is not None and (html["lang"], html["dir"]) == ("ar", "rtl")
    english = BeautifulSoup((bundle.root / "en/index.html").read_text("utf-8"), "html.parser")
    assert english.html is not None and english.html["lang"] == "en"


def test_every_page_is_there_in_both_languages_as_a_file(bundle: Bundle) -> None:
    arabic = {p.name for p in bundle.pages() if p.parent == bundle.root}
    english = {p.name for p in bundle.pages() if p.parent == bundle.root / "en"}
    assert arabic == english and "timeline.html" in arabic, (arabic, english)
    assert not [p for p in bundle.pages() if p.parent not in (bundle.root, bundle.root / "en")]


def test_what_nothing_reads_from_file_is_left_out(bundle: Bundle) -> None:
    names = {p.relative_to(bundle.root).as_posix() for p in bundle.root.rglob("*") if p.is_file()}
    assert not {n for n in names if n.rsplit("/", 1)[-1] in ("404.html", "sitemap.xml")}
    assert not {n for n in names if n.endswith((".map", ".json", ".gz"))}
    assert {"search/search_index.js", "en/search/search_index.js"} <= names
    assert not {n for n in names if "/lunr/" in n}, "Material's search languages the index skips"


def test_entries_are_sorted_with_fixed_times_and_modes(bundle: Bundle) -> None:
    with zipfile.ZipFile(bundle.report.archive) as zipped:
        infos = zipped.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}
    assert {i.external_attr >> 16 for i in infos} == {0o100644}


def test_two_builds_give_the_same_bytes(bundle: Bundle, tmp_path: Path) -> None:
    again = make_bundle(ROOT / "mkdocs.yml", tmp_path / "dist")
    assert again.archive.read_bytes() == bundle.report.archive.read_bytes()


def test_the_archive_keeps_to_its_budget(bundle: Bundle) -> None:
    over = {
        part: (packed, BUNDLE_BUDGET[part])
        for part, (_, packed) in bundle.report.parts().items()
        if packed > BUNDLE_BUDGET[part]
    }
    assert not over, f"over budget (bytes zipped, budget): {over}"
    assert bundle.report.size <= BUNDLE_BUDGET["total"]


# --- links, requests and the search shim ------------------------------------------


def local_references(page: Path) -> list[tuple[str, str]]:
    """Every address a page names, but a cited outside source (a link, never a load)."""
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    found = []
    for tag in soup.find_all(["a", "link", "script", "img"]):
        for attr in ("href", "src"):
            value = str(tag.get(attr) or "")
            if value and not value.startswith(("#", "data:", "mailto:")):
                if not cited_context(tag, value):
                    found.append((tag.name, value))
    return found


def test_every_reference_names_a_file_of_the_bundle(bundle: Bundle) -> None:
    broken = []
    for page in bundle.pages():
        for tag, url in local_references(page):
            if tag == "a" and url.startswith(REPO_URL):
                continue  # "Edit this page": a link to the repository, never a load
            if tag == "a" and url in [SITE_URL + name for name in [ARCHIVE, *SINGLE_FILES]]:
                continue  # [[offline]]: the editions as published, a link, never a load
            assert "://" not in url and not url.startswith("/"), f"{page}: <{tag}> {url}"
            target = (page.parent / url.split("#")[0].split("?")[0]).resolve()
            if not target.is_file() or not target.is_relative_to(bundle.root.resolve()):
                broken.append(f"{page.relative_to(bundle.root)}: <{tag}> {url}")
    assert not broken, "\n".join(broken)


def test_the_search_shim_is_the_engines_copy_before_materials_script(bundle: Bundle) -> None:
    shipped = Shim.load().source
    for page in bundle.pages():
        html = page.read_text("utf-8")
        scripts = re.findall(r'<script src="([^"]+)"', html)
        assert scripts[0] == SHIPPED_AS, (page, scripts)
        assert (page.parent / SHIPPED_AS).read_bytes() == shipped


def test_no_shim_is_named_on_a_cdn_or_any_other_host(bundle: Bundle) -> None:
    # Material's offline plugin names https://unpkg.com/iframe-worker/shim unless a
    # polyfill's address holds "iframe-worker"; nothing in the bundle may name a host.
    for page in bundle.pages():
        html = page.read_text("utf-8")
        assert "unpkg" not in html and "cdn" not in html.lower(), page
        scripts = re.findall(r"<script\b[^>]*\bsrc=[\"']?([^\"'\s>]+)", html)
        assert scripts and not [s for s in scripts if "//" in s], (page, scripts)
        assert [s for s in scripts if "iframe-worker" in s] == [SHIPPED_AS], (page, scripts)
    names = [p for p in bundle.root.rglob("*") if p.is_file()]
    assert not [p for p in names if p.name in ("iframe-worker.js", "iframe-worker.LICENSE.txt")]
    for shim in bundle.root.rglob(Path(SHIPPED_AS).name):
        text = shim.read_text("utf-8")
        assert not re.search(r"https?:|//[\w.-]+\.\w+/|unpkg|jsdelivr", text), shim


def test_the_online_site_has_no_shim(site: Site) -> None:
    for page in site.pages():
        assert "iframe-worker" not in page.read_text("utf-8"), page


# --- the Content-Security-Policy, on both variants --------------------------------


def policy_of(page: Path) -> dict[str, list[str]]:
    metas = BeautifulSoup(page.read_text("utf-8"), "html.parser").select(CSP_META)
    assert len(metas) == 1, f"{page}: {len(metas)} policies"
    directives = [d.split() for d in str(metas[0]["content"]).split(";") if d.strip()]
    return {d[0]: d[1:] for d in directives}


def assert_policy(page: Path, also: tuple[str, ...] | list[str] = ()) -> None:
    policy = policy_of(page)
    assert policy["default-src"] == ["'none'"], page
    for name, sources in POLICY.items():
        if name != "script-src":
            assert policy[name] == list(sources), (page, name)
    allowed = policy["script-src"]
    assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed, page
    scripts, blocked = inline_scripts(page.read_text("utf-8"))
    assert scripts and not blocked, page
    for text in [*scripts, *also]:
        assert script_hash(text) in allowed, f"{page}: inline script not allowed: {text[:60]}"


def test_every_page_of_the_site_carries_the_policy(site: Site) -> None:
    pages = list(site.root.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        assert_policy(page)


def test_every_page_of_the_bundle_carries_the_policy(bundle: Bundle) -> None:
    shim = Shim.load()
    for page in bundle.pages():
        frame = shim.page_scripts(page.read_text("utf-8"))
        assert frame == [shim.frame_script], f"{page}: no search worker for the shim to run"
        assert_policy(page, frame)


def test_the_frame_script_is_the_marked_function_of_the_shipped_shim(bundle: Bundle) -> None:
    """What the browser hashes: the shim writes `(${frameScript})()` into its frame."""
    shipped = (bundle.root / SHIPPED_AS).read_text("utf-8")
    begin = shipped.index("// frame script begins")
    source = shipped[shipped.index("function frameScript()", begin) :]
    source = source[: source.index("\n  }\n") + 4]
    assert Shim.load().frame_script == f"({source})()"
    assert "(${frameScript})()" in shipped


def test_a_frame_script_the_browser_could_not_run_stops_the_bundle() -> None:
    good = Shim.load().source.decode("utf-8")
    for bad, expected in [
        (good.replace("// frame script ends", "// the end"), "expected one line"),
        (
            good.replace("function frameScript()", "const x = 1; function frameScript()"),
            "only a function",
        ),
        (good.replace('"use strict"\n    // Material', '"<!--"\n    // Material'), "neither"),
    ]:
        assert bad != good
        with pytest.raises(ShimError, match=expected):
            Shim(bad.encode()).frame_script  # noqa: B018


def test_line_ends_do_not_change_the_frame_scripts_hash() -> None:
    # the HTML parser reads CRLF as LF before the browser hashes the frame's script
    shim = Shim.load()
    crlf = Shim(shim.source.replace(b"\n", b"\r\n"))
    assert crlf.frame_script == shim.frame_script


def test_the_policy_comes_before_every_script_and_stylesheet(site: Site) -> None:
    html = (site.root / "index.html").read_text("utf-8")
    meta = html.index("Content-Security-Policy")
    assert meta < html.index("<script") and meta < html.index('rel="stylesheet"')


# --- fonts --------------------------------------------------------------------------


def cmap(path: Path) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(path.read_bytes())).getBestCmap()}


def test_fonts_are_subset_and_keep_every_character_the_pages_show(site: Site) -> None:
    sources = THEME / "assets/fonts"
    fonts = sorted((site.root / "assets/fonts").glob("*.woff2"))
    # three faces, and Naskh's Arabic again at its regular weight alone, for quotations
    # in English pages (the stylesheet's "Noto Naskh Arabic Script")
    assert len(fonts) == 4
    for font in fonts:
        source = sources / font.name.replace(".400.", ".")
        assert font.stat().st_size < source.stat().st_size / 1.4, font.name
        assert TTFont(io.BytesIO(font.read_bytes())).flavor == "woff2"
        assert (site.root / "en/assets/fonts" / font.name).read_bytes() == font.read_bytes()
    arabic = cmap(site.root / "assets/fonts/noto-naskh-arabic-arabic-wght-normal.woff2")
    latin = cmap(site.root / "assets/fonts/noto-sans-latin-wght-normal.woff2")
    source_arabic = cmap(sources / "noto-naskh-arabic-arabic-wght-normal.woff2")
    source_latin = cmap(sources / "noto-sans-latin-wght-normal.woff2")
    shown = set()
    for page in site.pages():
        shown |= set(site.soup(page).get_text())
    assert {c for c in shown if c in source_arabic} <= arabic
    quoted = cmap(site.root / "assets/fonts/noto-naskh-arabic-arabic-wght-normal.400.woff2")
    assert quoted == arabic
    assert {c for c in shown if c in source_latin} <= latin
    assert set("ابتثجحخدذرزسشصضطظعغفقكلمنهوي") <= arabic, "letters a reader may type"


# --- the command, and bad input (on the small sample project) ---------------------


@pytest.fixture
def sample(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample project (no node_modules), as the working directory."""
    monkeypatch.chdir(project)
    return project


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def dist_files(project: Path) -> list[str]:
    dist = project / "dist"
    return sorted(p.name for p in dist.iterdir()) if dist.is_dir() else []


def test_the_command_reports_each_stage_and_each_part(sample: Path, capsys) -> None:
    code, out, err = run(capsys, "bundle")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "explainer: building the offline site (ar, en) ..."
    assert re.fullmatch(
        r"explainer: fonts subset to \d+ characters: [\d.]+ KB -> [\d.]+ KB "
        r"\(4 faces, 2 copies each\)",
        lines[1],
    )
    assert re.fullmatch(
        r"explainer: search from file://: the engine's own shim, [\d.]+ KB, "
        r"as assets/javascripts/explainer-iframe-worker\.js",
        lines[2],
    ), lines[2]
    assert re.fullmatch(
        r"explainer: writing dist/project-offline\.zip \(\d+ files\) \.\.\.", lines[3]
    )
    assert lines[4] == "explainer: writing the single-file editions (ar, en) ..."
    size = (sample / "dist/project-offline.zip").stat().st_size
    assert re.fullmatch(
        r"explainer: dist/project-offline\.zip: [\d.]+ KB \(\d+ files, [\d.]+ KB unzipped\)",
        lines[5],
    )
    assert f"{size / 1024:.1f} KB" in lines[5]
    for part, line in zip(PARTS, lines[6:12], strict=True):
        size_ = r"[\d.]+ (B|KB|MB)"
        assert re.fullmatch(rf"explainer:   {part} +{size_} zipped +{size_} unzipped", line), line
    # each single file's line: tests/test_single_file.py
    assert [line.split(":")[1] for line in lines[12:14]] == [
        " dist/project.ar.html",
        " dist/project.en.html",
    ]
    assert re.fullmatch(r"explainer: bundle written in [\d.]+ s", lines[-1])
    assert len(lines) == 15
    assert dist_files(sample) == ["project-offline.zip", "project.ar.html", "project.en.html"]


def site_overrides(sample: Path) -> Path:
    """Give the sample its own overrides/ (Material's custom_dir), which wins over the engine."""
    config = sample / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8").replace(
            "  language: ar\n", "  language: ar\n  custom_dir: overrides\n"
        ),
        "utf-8",
    )
    return sample / "overrides"


def test_a_missing_font_stops_with_its_stylesheet_line(sample: Path, capsys) -> None:
    # the site's own copy of the stylesheet names a face it does not have
    stylesheet = site_overrides(sample) / "assets/stylesheets/explainer.css"
    stylesheet.parent.mkdir(parents=True)
    css = (THEME / "assets/stylesheets/explainer.css").read_text("utf-8")
    css = css.replace("../fonts/noto-sans-latin-wght-normal.woff2", "../fonts/missing.woff2")
    stylesheet.write_text(css, "utf-8")
    line = css[: css.index("../fonts/missing.woff2")].count("\n") + 1
    expected = (
        f"explainer: overrides/assets/stylesheets/explainer.css:{line}: "
        "font file not found: ../fonts/missing.woff2\n"
    )
    code, _, err = run(capsys, "bundle")
    assert (code, err) == (1, expected)
    assert dist_files(sample) == []
    code, _, err = run(capsys, "build")  # the site stops the same way
    assert (code, err) == (1, expected)
    assert not (sample / "site").exists()
    assert not [p.name for p in sample.iterdir() if p.name.startswith(".site.")]


def test_a_font_that_cannot_be_subset_stops_with_its_name(sample: Path, capsys) -> None:
    font = site_overrides(sample) / "assets/fonts/noto-sans-latin-wght-normal.woff2"
    font.parent.mkdir(parents=True)
    font.write_bytes(b"not a font")  # the site's own copy of a face, broken
    code, _, err = run(capsys, "bundle")
    assert (code, err) == (
        1,
        "explainer: overrides/assets/fonts/noto-sans-latin-wght-normal.woff2: cannot subset: "
        "Not a TrueType or OpenType font (not enough data)\n",
    )
    assert dist_files(sample) == []


def test_an_unwritable_dist_stops_before_building(sample: Path, capsys) -> None:
    (sample / "dist").write_text("a file where the folder should be\n", "utf-8")
    code, out, err = run(capsys, "bundle")
    assert (code, err) == (1, "explainer: cannot write the bundle to dist/: not a directory\n")
    assert out == "", "nothing is built when nothing can be written"


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_dist_stops_before_building(sample: Path, capsys) -> None:
    (sample / "dist").mkdir(mode=0o555)
    code, out, err = run(capsys, "bundle")
    assert (code, err) == (1, "explainer: cannot write the bundle to dist/: permission denied\n")
    assert out == ""


def test_the_bundle_needs_no_node_modules(project: Path, monkeypatch, capsys) -> None:
    """Only the pip install: a project with no node_modules, the environment unchanged."""
    assert not (project / "node_modules").exists()
    assert not (project / "package.json").exists()
    monkeypatch.chdir(project)
    code, out, err = run(capsys, "bundle")
    assert (code, err) == (0, ""), err
    assert "npm" not in out and "node_modules" not in out
    assert dist_files(project) == ["project-offline.zip", "project.ar.html", "project.en.html"]
    with zipfile.ZipFile(project / "dist/project-offline.zip") as zipped:
        names = set(zipped.namelist())
        assert {SHIPPED_AS, f"en/{SHIPPED_AS}"} <= names
        assert zipped.read(SHIPPED_AS) == Shim.load().source
        index = zipped.read("index.html").decode("utf-8")
    assert f'<script src="{SHIPPED_AS}"' in index


def test_the_shim_is_package_data_not_a_project_file(project: Path) -> None:
    """An installed engine carries the shim: pyproject.toml declares it, no project holds it."""
    package = resources.files("explainer.assets")
    assert package.joinpath("explainer-iframe-worker.js").read_bytes() == Shim.load().source
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    assert "*.js" in setuptools["package-data"]["explainer.assets"]
    assert not list(project.rglob("*iframe-worker*"))
    assert not list((ROOT / "overrides").rglob("*iframe-worker*"))
    assert not list(THEME.rglob("*iframe-worker*"))


def test_a_failure_while_writing_leaves_the_earlier_archive(
    sample: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run(capsys, "bundle")[0] == 0
    earlier = {p.name: p.read_bytes() for p in (sample / "dist").iterdir()}
    written = []
    real = zipfile.ZipFile.writestr

    def disk_full(self: zipfile.ZipFile, info, data, *args, **kwargs) -> None:
        if len(written) == 5:
            raise OSError(28, "No space left on device")
        written.append(info)
        real(self, info, data, *args, **kwargs)

    monkeypatch.setattr(zipfile.ZipFile, "writestr", disk_full)
    code, _, err = run(capsys, "bundle")
    assert (code, err) == (
        1,
        "explainer: cannot write dist/project-offline.zip: no space left on device\n",
    )
    assert dist_files(sample) == sorted(earlier), "no temporary file is left"
    assert {p.name: p.read_bytes() for p in (sample / "dist").iterdir()} == earlier


# --- what the policy step refuses (on a hand-made site) ---------------------------


def test_a_page_without_the_policy_meta_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<html><head></head></html>\n", "utf-8")
    with pytest.raises(CspError) as caught:
        add_script_hashes(tmp_path)
    assert str(caught.value) == (
        "index.html: no Content-Security-Policy <meta> elements, expected one "
        "(the engine's theme/main.html writes it from extra.csp)"
    )


def test_markup_the_policy_would_block_stops_the_build(tmp_path: Path) -> None:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
    (tmp_path / "en").mkdir()
    (tmp_path / "en/about.html").write_text(
        f'<html><head>{meta}</head>\n<body>\n<p onclick="go()">x</p></body></html>\n', "utf-8"
    )
    with pytest.raises(CspError) as caught:
        add_script_hashes(tmp_path)
    assert str(caught.value) == (
        "en/about.html: line 3: <p onclick=...> would be blocked by the Content-Security-Policy"
    )


def test_each_page_gets_the_hashes_of_its_own_scripts(tmp_path: Path) -> None:
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy()}">'
    page = tmp_path / "index.html"
    page.write_text(f"<head>{meta}<script>a()</script></head>", "utf-8")
    assert add_script_hashes(tmp_path, also=lambda html: ["b()"]) == 1
    assert f"script-src 'self' {script_hash('a()')} {script_hash('b()')};" in page.read_text()
