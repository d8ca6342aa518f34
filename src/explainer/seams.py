"""Material's internals the explainer relies on, named in one place.

Material for MkDocs is in maintenance mode and reaches end of life on 2027-05-05; what
it does not document may change in any release. Each internal the explainer uses is a
:class:`Seam` here: the Material file it lives in, what must still be found there, and
what to update if it is not. ``tests/engine/test_seams.py`` checks every seam against the
installed Material and fails with the seam's message, so an update of Material (or a
move to a fork) shows at once what to mend. A change that relies on another internal
adds its seam here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import material
import mkdocs

from .csp import script_hash

#: The installed theme's package, templates and assets.
PACKAGE = Path(material.__file__).parent
TEMPLATES = PACKAGE / "templates"
#: MkDocs itself, for the few internals of its own the engine relies on (``mkdocs:`` files)
MKDOCS = Path(mkdocs.__file__).parent
WORKER = "assets/javascripts/workers/search.*.min.js"
BUNDLE = "assets/javascripts/bundle.*.min.js"


def material_file(pattern: str) -> Path:
    """Return the one file of Material's templates that ``pattern`` (a glob) names."""
    found = sorted(TEMPLATES.glob(pattern))
    if len(found) != 1:
        raise LookupError(f"expected one Material file {pattern}, found {len(found)}")
    return found[0]


def material_search_worker() -> Path:
    """Return Material's search worker script (``workers/search.HASH.min.js``).

    It carries lunr.js, whose English stemmer :mod:`explainer.porter` reproduces.
    """
    return material_file(WORKER)


#: Where lunr's English stop words are listed in Material's search worker.
STOP_WORDS = re.compile(r"\.stopWordFilter=\w+\.generateStopWordFilter\(\[([^\]]*)\]\)")


def material_stop_words() -> frozenset[str]:
    """Return the words Material's search worker leaves out of its index (lunr's list).

    The site's index drops them (its pipeline is ``stopWordFilter``, then the terms), so
    the single-file edition's index does too, to find what the site finds.
    """
    text = material_search_worker().read_text(encoding="utf-8")
    found = STOP_WORDS.search(text)
    if found is None:
        raise LookupError(f"no stop words in Material's {material_search_worker().name}")
    return frozenset(re.findall(r'"([^"]*)"', found.group(1)))


@dataclass(frozen=True)
class Seam:
    """One internal of Material the explainer relies on."""

    name: str
    #: the file, relative to Material's templates (a glob), to its package (``../``), or
    #: to MkDocs' (``mkdocs:``)
    file: str
    #: a regular expression that must match the file's text while the seam holds
    holds: str
    #: what relies on it, and what to update when it no longer holds
    update: str

    def path(self) -> Path:
        """Return the file the seam lives in."""
        if self.file.startswith("../"):
            return PACKAGE / self.file.removeprefix("../")
        if self.file.startswith("mkdocs:"):
            return MKDOCS / self.file.removeprefix("mkdocs:")
        return material_file(self.file)

    def check(self) -> str | None:
        """Return why the seam no longer holds in the installed Material, or ``None``."""
        try:
            text = self.path().read_text(encoding="utf-8")
        except (OSError, LookupError) as exc:
            return f"{self.name}: {exc}; {self.update}"
        if re.search(self.holds, text, re.DOTALL):
            return None
        return f"{self.name}: no longer found in Material's {self.file}; {self.update}"


SEAMS = (
    Seam(
        "search worker messages",
        WORKER,
        r"case 0:.{0,80}\{type:1\}.{0,40}case 2:.{0,80}\{type:3,data:",
        "Material's search worker no longer answers SETUP (0) with READY (1) and QUERY (2) "
        "with RESULT (3): update SETUP, QUERY and RESULT in "
        "src/explainer/theme/assets/javascripts/workers/explainer-search.js",
    ),
    Seam(
        "search worker answers with the global postMessage",
        WORKER,
        r'addEventListener\("message",[^;]{0,80}postMessage\(',
        "explainer-search.js re-ranks results by wrapping the worker's global postMessage",
    ),
    Seam(
        "search results say which query terms each document holds",
        WORKER,
        r"score:[^,{}]{1,40},terms:",
        "explainer-search.js re-ranks pages by the terms their documents hold (rerank)",
    ),
    Seam(
        "lunr.js 2.3.9 as the worker's global lunr",
        WORKER,
        r'\.version="2\.3\.9".*self\.lunr=',
        "explainer-search.js fills lunr's stemmer slot and keeps lunr.stemmer for English; "
        "explainer.porter ports lunr 2.3.9's stemmer: run scripts/porter_vectors.py",
    ),
    Seam(
        "the worker drops pipeline functions its config does not list",
        WORKER,
        r'\["trimmer","stopWordFilter","stemmer"\],\w+\.pipeline\)',
        "explainer-search.js adds 'stemmer' to SETUP's config.pipeline to keep its terms",
    ),
    Seam(
        "the worker finds its lunr languages through parent.IFrameWorker",
        WORKER,
        r'"IFrameWorker"in parent',
        "the offline bundle's shim defines window.IFrameWorker (src/explainer/assets)",
    ),
    Seam(
        "the page configuration names the search worker",
        "base.html",
        r'\{% block config %\}.*"search": "assets/javascripts/workers/search\.',
        "the engine theme main.html (block config) points pages at workers/explainer-search.js",
    ),
    Seam(
        "Material prints extra.alternate only when it is iterable",
        "base.html",
        r"config\.extra\.alternate is iterable",
        "explainer.mkdocs_plugin.Alternates must not be iterable, or Material prints "
        "<link rel=alternate> and its script fetches a sitemap.xml beside each",
    ),
    Seam(
        "Material's script selects alternates with an exact [rel=alternate]",
        BUNDLE,
        r'M\("link\[rel=alternate\]"\)',
        'the engine theme main.html prints hreflang links as rel=" alternate" so that this '
        "selector skips them",
    ),
    Seam(
        "the blocks the engine theme main.html replaces",
        "base.html",
        r"block site_meta.*block htmltitle.*block extrahead.*block content.*block config",
        "the engine theme main.html extends these blocks of base.html",
    ),
    Seam(
        "the offline plugin keeps a polyfill named iframe-worker instead of its CDN copy",
        "../plugins/offline/plugin.py",
        r'"iframe-worker" in url for url in config\.extra\["polyfills"\]',
        "explainer.bundle lists the engine's shim as explainer-iframe-worker.js; without "
        "this rule the bundle would name a CDN",
    ),
    Seam(
        "MkDocs loads templates from theme.dirs when it builds, after on_config",
        "mkdocs:theme.py",
        r"FileSystemLoader\(self\.dirs\)",
        "explainer.mkdocs_plugin.add_engine_theme puts the engine's theme in theme.dirs",
    ),
    Seam(
        "MkDocs copies a theme's static files from every folder of theme.dirs",
        "mkdocs:structure/files.py",
        r"for dir in config\.theme\.dirs:",
        "the engine's stylesheet, scripts and fonts reach the site from theme.dirs",
    ),
    Seam(
        "MkDocs' live-reload server polls for changes as often as polling_interval says",
        "mkdocs:livereload/__init__.py",
        r"polling_interval: float = .*PollingObserver\(timeout=polling_interval\)",
        "explainer.serve.live_server passes POLL_SECONDS (MkDocs' 0.5 s default was half "
        "the time from a save to the rebuilt page); find where the interval is set now",
    ),
    Seam(
        "MkDocs' live-reload server holds requests until a rebuild has finished",
        "mkdocs:livereload/__init__.py",
        r"self\._wanted_epoch = _timestamp\(\).*self\.builder\(\).*"
        r"wait_for\(lambda: self\._visible_epoch == self\._wanted_epoch\)",
        "explainer.serve.Preview moves a rebuilt language's files into the served folder "
        "one by one, unseen only because requests wait meanwhile; without it, a request "
        "could find a page gone: hold requests another way",
    ),
    Seam(
        "the bundle fetches the search index with XMLHttpRequest, or as a script from file:",
        BUNDLE,
        r'new XMLHttpRequest;return \w\.open\("GET".*'
        r'location\.protocol==="file:"\?_t\(`\$\{new URL\("search/search_index\.js"'
        r'.{0,120}:ze\(new URL\("search/search_index\.json"',
        "search-on-demand.js holds back XMLHttpRequest.send for search_index.json and the "
        "<script> for search_index.js until the search box is first used",
    ),
    Seam(
        "the bundle loads a script by appending it to document.head",
        BUNDLE,
        r'function _t\(e\)\{let t=x\("script",\{src:e\}\);'
        r"return H\(\(\)=>\(document\.head\.appendChild\(t\)",
        "search-on-demand.js wraps document.head.appendChild to hold back search_index.js",
    ),
    Seam(
        "the bundle starts the search worker with new Worker and talks to it by events",
        BUNDLE,
        r"function \w+\(e,t=new Worker\(e\)\)",
        "search-on-demand.js replaces Worker for workers/ addresses with a stand-in that "
        "starts the real worker on first use",
    ),
    Seam(
        "the search box is input[data-md-component=search-query]",
        "partials/search.html",
        r'<input[^>]*data-md-component="search-query"',
        "search-on-demand.js releases the index and the worker on its first focus or key",
    ),
    Seam(
        "polyfills come before the bundle: block libs in <head>, block scripts at the end",
        "base.html",
        r"\{% block libs %\}.*config\.extra\.polyfills.*"
        r"\{% block scripts %\}\s*<script src=\"\{\{ 'assets/javascripts/bundle\.",
        "the engine theme main.html loads search-on-demand.js first in block scripts, "
        "after the offline bundle's worker shim and before Material's bundle",
    ),
    Seam(
        "search-result count: the meta line of Material's search results",
        "partials/search.html",
        r'<div class="md-search-result"[^>]*>\s*<div class="md-search-result__meta">',
        "search-count.js rewrites the count in .md-search-result__meta",
    ),
    Seam(
        "search-result count: Material writes it with none, one and other",
        BUNDLE,
        r"case 1:\w+\.textContent=\w+\(\"search\.result\.one\"\);break;default:let \w+=\w+\("
        r"\w+\.length\);\w+\.textContent=\w+\(\"search\.result\.other\",\w+\)",
        "search-count.js reads the number back from the text of search.result.one/other "
        "(and .none) and writes the page language's plural form instead",
    ),
    Seam(
        "search-result count: 'N more on this page' with more.one and more.other",
        BUNDLE,
        r'x\("details",\{class:"md-search-result__more"\},x\("summary",\{tabIndex:-1\},'
        r'x\("div",null,[^;]{0,60}\("search\.result\.more\.one"\):'
        r'\w+\("search\.result\.more\.other",\w+\.length\)',
        "search-count.js rewrites .md-search-result__more > summary > div",
    ),
    Seam(
        "search-result count: the number replaces the first '#' of the string",
        BUNDLE,
        r'translations\[\w+\]\.replace\("#",\w+\.toString\(\)\)',
        "search-count.js reads the number where '#' stands in Material's string",
    ),
    Seam(
        "search-result count: the page configuration carries Material's count strings",
        "base.html",
        r'"search\.result\.none": lang\.t\("search\.result\.none"\),\s*'
        r'"search\.result\.one": lang\.t\("search\.result\.one"\),\s*'
        r'"search\.result\.other": lang\.t\("search\.result\.other"\),\s*'
        r'"search\.result\.more\.one": lang\.t\("search\.result\.more\.one"\),\s*'
        r'"search\.result\.more\.other": lang\.t\("search\.result\.more\.other"\)',
        "search-count.js reads them from #__config to know what Material wrote",
    ),
    Seam(
        "tooltips: a title becomes a .md-tooltip2 in <body>, tied by aria-describedby",
        BUNDLE,
        r'\A(?=.*x\("div",\{class:"md-tooltip2",role:"tooltip"\})'
        r'(?=.*\.removeAttribute\("title"\),\w+\.append\(\w+\))'
        r'(?=.*:e\.setAttribute\("aria-describedby",\w+\))',
        "a11y.js gives each tooltip the lang of the element whose aria-describedby names it",
    ),
    Seam(
        "the worker's index leaves out lunr's English stop words",
        WORKER,
        STOP_WORDS.pattern,
        "explainer.single_file leaves the same words out of the single file's index "
        "(explainer.seams.material_stop_words)",
    ),
    Seam(
        "the search index's config names the pipeline of the language",
        "../plugins/search/plugin.py",
        r'"search\.config\.pipeline".*for key in \["lang", "separator", "pipeline", "fields"\]',
        "explainer.single_file.stop_words reads config.pipeline of each language's index to "
        "leave out stop words as the site does",
    ),
    Seam(
        "the worker ranks a page's own document above its sections (1 + g squared)",
        WORKER,
        r"let \w+=\+!\w+\.parent\+Object\.values\(\w+\)\.filter\(\w+=>\w+\)\.length/"
        r"Object\.keys\(\w+\)\.length;.{0,40}score:\w+\*\(1\+\w+\(\w+,2\)\)",
        "single-file.js (explainer/assets) ranks as the site does: update its weight()",
    ),
    Seam(
        "the search plugin leaves out sections whose heading has data-search-exclude",
        "../plugins/search/plugin.py",
        r'"data-search-exclude"',
        "explainer.markdown.provenance keeps each page's sources list out of the index",
    ),
    Seam(
        "the theme's default favicon is assets/images/favicon.png",
        "mkdocs_theme.yml",
        r"\nfavicon: assets/images/favicon\.png\n",
        "explainer.mkdocs_plugin replaces Material's default icon (MATERIAL_FAVICON) with "
        "the engine's small SVG unless the site names its own: update MATERIAL_FAVICON",
    ),
)

#: Material's partials that the engine's theme replaces with a copy of its own, and the SHA-256
#: of the original each copy was made from: when Material changes one, compare it with
#: the copy, carry the change over, then record the new hash here.
COPIED_PARTIALS = {
    "partials/alternate.html": (
        "572b1d4dae611aa5fd65107edec95e44331b6141abf86834ea4dc6c1ddd7241b",
        "the language switch, with page-relative links",
    ),
    "partials/source.html": (
        "6847616d67be4920d39c278c2799bf20222bbc02ee2a8393aca85e3eaa518752",
        "the repository link, without the GitHub API call",
    ),
    "partials/language.html": (
        "3a44516f305006ac794f51a45ad7b532cf270916d8e92e8c42784e58b2eff0a3",
        "the theme's strings, the engine's first",
    ),
    "404.html": (
        "80c93494b5432b1bcdf292caeb67a0653c45b37372f49e08ad4a70ca695a7495",
        "the not-found page, its heading in the page's language",
    ),
}


@dataclass(frozen=True)
class BrowserSeam:
    """One behaviour of the browser the single-file edition relies on, shown on a page.

    ``tests/test_seams.py`` opens ``page`` in Chromium and runs ``check`` (a JavaScript
    function returning whether the seam holds) through the DevTools protocol, where no
    policy of the page applies.
    """

    name: str
    page: str
    check: str
    #: what relies on it, and what to update when it no longer holds
    update: str


_STYLE = "p { color: rgb(1, 2, 3) }"
_SCRIPT = "window.ran = true"

BROWSER_SEAMS = (
    BrowserSeam(
        "a <meta> policy allows an inline <style> and <script> by hash, and no other",
        '<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="'
        f"default-src 'none'; script-src {script_hash(_SCRIPT)}; style-src {script_hash(_STYLE)}"
        f'"><style>{_STYLE}</style><p>x</p><script>{_SCRIPT}</script>',
        """() => new Promise(resolve => {
            const other = document.createElement("style");
            other.textContent = "p { color: rgb(9, 9, 9) }";
            document.head.append(other);
            setTimeout(() => resolve(window.ran === true &&
                getComputedStyle(document.querySelector("p")).color === "rgb(1, 2, 3)"), 200);
        })""",
        "explainer.single_file.policy allows the file's one <style> and one <script> by "
        "their SHA-256: without it the file needs 'unsafe-inline'",
    ),
    BrowserSeam(
        "a modal <dialog> is its own backdrop: a tap outside it lands on the <dialog>",
        "<!DOCTYPE html><dialog><p>x</p></dialog>",
        """() => {
            const dialog = document.querySelector("dialog");
            dialog.showModal();
            return document.elementFromPoint(2, 2) === dialog && dialog.open;
        }""",
        "single-file.js closes the sheet of a term or source when a click's target is the "
        "<dialog> itself (it has no padding): find another way to tell the backdrop",
    ),
)
