"""The single-file edition: a language's whole explainer in one HTML file, for phones.

A reader who gets the explainer in a messaging app on a phone cannot easily unzip a
folder; a single HTML file opens with one tap. ``explainer bundle`` writes one per
language, ``<slug>.<lang>.html`` beside the zip (:mod:`explainer.editions`), from the
same build as the zip:

- every page of the language is a ``<section>`` of the file, its body exactly as the
  site renders it (the explainer plugin keeps each page's rendered body,
  :class:`~explainer.mkdocs_plugin.RenderedPage`), so the content cannot drift; only
  what merging needs changes: each page's ids are prefixed by its name (the op-ed's
  paragraphs keep ``#pN``, :mod:`explainer.sections`), links between pages become
  links between sections, links to another language lead to that language's file,
  and the headings' permalinks go;
- a slim template and stylesheet of the engine's own (``explainer/assets``), not
  Material's: the explainer's blocks keep the site's rules (``explainer.css``);
- search over an index made here with the site's terms (:mod:`explainer.single_file_search`),
  and glossary terms and source markers that open on a tap (``single-file.js``);
- the fonts the language's pages draw with, subset to the file's characters and
  inlined as ``data:`` URLs;
- its own Content-Security-Policy: the one ``<style>`` and the one ``<script>`` by
  their hashes, ``data:`` fonts and images, nothing else, so the file makes no request.

The same sources give the same bytes.
"""

from __future__ import annotations

import base64
import gzip
import json
import posixpath
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import jinja2
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import BuildError

from .content import Content
from .csp import script_hash
from .editions import Editions
from .fonts import (
    FONT_FACE,
    URL,
    cached_subset,
    declared_weights,
    page_characters,
    typed_characters,
)
from .htmlrewrite import Attrs, rewrite
from .htmlsafe import plain
from .l10n import DIGIT_ZERO
from .languages import Language, language_name
from .mkdocs_plugin import THEME, THEME_CSS, ExplainerPlugin, RenderedPage
from .pages import scan_language
from .seams import material_stop_words
from .search import Rules, Terms
from .sections import kept_ids, merged_id, section_id
from .single_file_search import build_index
from .strings import t

#: The families a page in each face draws with (explainer.css): its own text, and on a
#: Latin page the Arabic-script face of the originals it quotes. Only these are inlined.
FAMILIES = {"naskh": ("Noto Naskh Arabic",), "sans": ("Noto Sans", "Noto Naskh Arabic Script")}
#: Attributes that name other elements by id, each a list of ids.
IDREFS = ("aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "for", "headers")
#: What each part of the file is, for the report and the budget (:mod:`explainer.sizes`).
PARTS = ("HTML", "search index", "JS", "CSS", "fonts")
#: The interface strings the template and the script use, by the name they use.
STRINGS = {
    "skip": "single_skip",
    "search": "single_search",
    "search_label": "single_search_label",
    "results": "single_results",
    "none": "single_no_results",
    "close": "single_close",
    "glossary": "single_glossary",
    "contents": "single_contents",
    "top": "single_top",
    "edition": "single_edition",
    "online": "single_online",
}
#: The file's scripts, in the order they run: the site's search terms, the English
#: stemmer they need without lunr, the file's own.
SCRIPTS = ("search-terms.js", "porter.js", "single-file.js")
#: The images a page may show, inlined as data: URLs (img-src data:).
IMAGE_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}

_FAMILY = re.compile(r"""font-family:\s*(['"]?)([^;'"]+)\1""")
_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_DISPLAY = re.compile(r"font-display:\s*[\w-]+")
_HEADING_ID = re.compile(r"<h1\b[^>]*\bid=\"([^\"]+)\"")


class SingleFileError(BuildError):
    """The single-file edition cannot be made; the message names the page and why."""


@dataclass
class SingleFile:
    """One language's single file as written: its size, compressed and by part."""

    lang: str
    path: Path
    size: int = 0
    gzipped: int = 0
    parts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Site:
    """Every language's pages, to find where a link between pages leads."""

    languages: list[Language]
    pages: dict[str, list[RenderedPage]]
    names: Editions

    def page_at(self, path: str) -> tuple[Language, RenderedPage] | None:
        """Return the language and page at ``path`` (from the built site's root), if any.

        A folder means its ``index.html``, as it does to a browser.
        """
        prefixes = sorted(self.languages, key=lambda lang: len(lang.prefix), reverse=True)
        for candidate in (path, f"{path}/index.html".lstrip("/")):
            for lang in prefixes:
                if candidate.startswith(lang.prefix):
                    url = candidate.removeprefix(lang.prefix)
                    for page in self.pages[lang.code]:
                        if page.url == url:
                            return lang, page
                    break
        return None


# --- the pages, merged -----------------------------------------------------------------


@dataclass
class Merging:
    """What merging one page needs: where it is, what it keeps, where its links lead."""

    site: Site
    lang: Language
    page: RenderedPage
    kept: dict[str, set[str]]
    site_dir: Path
    ids: list[str] = field(default_factory=list)

    def fail(self, message: str) -> SingleFileError:
        """Return the error ``message`` about this page."""
        return SingleFileError(f"{self.lang.code}/{self.page.src}: {message}")

    def anchor(self, page: RenderedPage, fragment: str) -> str:
        """Return the id a fragment of ``page`` has in the single file (its section if none)."""
        if not fragment:
            return section_id(page.src)
        return merged_id(page.src, unquote(fragment), self.kept)

    def href(self, href: str) -> str:
        """Return where the link ``href`` of this page leads in the single file."""
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or href.startswith("//"):
            return href  # another site: a link, never a load
        if not parts.path:
            return "#" + self.anchor(self.page, parts.fragment) if parts.fragment else href
        here = posixpath.dirname(self.lang.prefix + self.page.url)
        path = posixpath.normpath(posixpath.join(here, unquote(parts.path)))
        found = self.site.page_at("" if path == "." else path)
        if found is None:
            raise self.fail(f"a link to {href}, which is no page the single file can hold")
        lang, page = found
        target = "#" + self.anchor(page, parts.fragment)
        if lang == self.lang:
            return target
        return self.site.names.single[lang.code] + target

    def image(self, src: str) -> str:
        """Return the image at ``src`` (a file of the built site) as a ``data:`` URL."""
        parts = urlsplit(src)
        if parts.scheme == "data":
            return src
        if parts.scheme or parts.netloc:
            raise self.fail(f"an image from another site, {src}")
        here = (self.site_dir / self.lang.prefix / self.page.url).parent
        path = (here / unquote(parts.path)).resolve()
        if not path.is_file() or not path.is_relative_to(self.site_dir.resolve()):
            raise self.fail(f"an image that is not in the site, {src}")
        mime = IMAGE_TYPES.get(path.suffix.lower())
        if mime is None:
            raise self.fail(f"an image the single file cannot inline, {src}")
        return f"data:{mime};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"

    def visit(self, tag: str, attrs: Attrs) -> Attrs | None:
        """Return the attributes of one start tag as the merged document needs them."""
        if "headerlink" in (attrs.get("class") or "").split():
            return None  # a permalink: a file has no address to share
        for name in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(name):
                new = self.anchor(self.page, str(attrs[name]))
                attrs[name] = new
                self.ids.append(new)
        for name in IDREFS:
            if attrs.get(name):
                attrs[name] = " ".join(self.anchor(self.page, i) for i in str(attrs[name]).split())
        if tag == "a" and attrs.get("href") is not None:
            attrs["href"] = self.href(str(attrs["href"]))
        if tag == "img" and attrs.get("src"):
            attrs["src"] = self.image(str(attrs["src"]))
        elif attrs.get("src") or attrs.get("srcset"):
            raise self.fail(f"<{tag}> loads a file, which the single file cannot hold")
        return attrs

    def body(self) -> str:
        """Return the page's body, merged."""
        return rewrite(self.page.body, self.visit)


# --- the style: fonts, the site's blocks, the frame -----------------------------------


@dataclass(frozen=True)
class FontFace:
    """One ``@font-face`` rule of the stylesheet: its family, its file, where it sits."""

    rule: str
    family: str
    url: str
    start: int
    end: int


def font_faces(css: str) -> list[FontFace]:
    """Return the ``@font-face`` rules of ``css`` that load a local file."""
    faces = []
    for match in FONT_FACE.finditer(css):
        family = _FAMILY.search(match.group())
        url = URL.search(match.group())
        if family and url and not url.group(2).startswith(("data:", "http:", "https:", "//")):
            faces.append(
                FontFace(match.group(), family.group(2).strip(), url.group(2), *match.span())
            )
    return faces


def lean_css(css: str) -> str:
    """Return ``css`` without comments, indentation and empty lines (it means the same)."""
    lines = (line.strip() for line in _COMMENT.sub("", css).splitlines())
    return "\n".join(line for line in lines if line)


def lean_js(script: str) -> str:
    """Return ``script`` without lines that hold only a comment, and empty lines.

    Safe for the engine's own scripts, which hold no multi-line string.
    """
    lines = script.splitlines()
    return "\n".join(line for line in lines if line.strip() and not line.strip().startswith("//"))


def inline_fonts(
    css: str, css_file: Path, font: str, characters: set[str], cache_dir: Path | None
) -> tuple[str, int]:
    """Return ``css`` with the faces this language draws with inlined, the others gone.

    Each kept face is subset to ``characters`` and becomes a ``data:`` URL. Returns
    the stylesheet and the bytes the fonts take in it.
    """
    families = FAMILIES.get(font, ())
    out, at, weight = [], 0, 0
    for face in font_faces(css):
        out.append(css[at : face.start])
        at = face.end
        if face.family not in families:
            continue
        source = (css_file.parent / face.url.split("?")[0].split("#")[0]).resolve()
        if not source.is_file():
            raise SingleFileError(f"{css_file.name}: font file not found: {face.url}")
        data = cached_subset(
            source.read_bytes(), characters, cache_dir, declared_weights(face.rule)
        )
        inlined = f"data:font/woff2;base64,{base64.b64encode(data).decode('ascii')}"
        weight += len(inlined)
        # the site's `optional` lets a face go if it is late; inlined, it is never late,
        # but decoding it on a slow phone can outlast optional's window: wait for it
        rule = _DISPLAY.sub("font-display: block", face.rule)
        out.append(rule.replace(face.url, inlined))
    out.append(css[at:])
    return "".join(out), weight


def asset(name: str) -> str:
    """Return the text of one of the engine's browser files (``explainer/assets``)."""
    return resources.files("explainer.assets").joinpath(name).read_text("utf-8")


def engine_script(name: str) -> str:
    """Return one of the file's scripts: the site's own search terms, or an asset."""
    if name == "search-terms.js":  # the very file the site's search worker loads
        return (THEME / "assets/javascripts/search-terms.js").read_text("utf-8")
    return asset(name)


def policy(script: str, style: str) -> str:
    """Return the file's Content-Security-Policy: its script and style by hash, data: fonts.

    >>> policy("a()", "p{}").split("; ")[0]
    "default-src 'none'"
    """
    return "; ".join(
        [
            "default-src 'none'",
            f"script-src {script_hash(script)}",
            f"style-src {script_hash(style)}",  # the same SHA-256 source form for styles
            "font-src data:",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


def inline_safe(text: str, element: str) -> str:
    """Return ``text`` if it cannot end its ``<script>`` or ``<style>`` element early."""
    if re.search(rf"</{element}", text, re.IGNORECASE):
        raise SingleFileError(f"the inlined {element} holds '</{element}', which would end it")
    return text


# --- one language's file -----------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    """One page of the language, as a section of the file."""

    id: str
    title: str
    #: the id of its first heading, which names the section, if it has one
    heading: str
    body: Markup
    #: the notice of a translation that may lag behind, with its link, if it may
    outdated: dict[str, str] | None


def merge_pages(
    site: Site, lang: Language, kept: dict[str, set[str]], site_dir: Path
) -> list[Section]:
    """Return the pages of ``lang`` as sections, merged; raise if an id would be held twice."""
    sections: list[Section] = []
    ids = Counter[str]()
    for page in site.pages[lang.code]:
        merging = Merging(site, lang, page, kept, site_dir)
        body = merging.body()
        ids.update([section_id(page.src), *merging.ids])
        heading = _HEADING_ID.search(body)
        outdated = None
        if page.outdated:  # the notice's link leads to the source language's file
            source = site.names.single[page.outdated["lang"]]
            outdated = {**page.outdated, "href": f"{source}#{section_id(page.src)}"}
        sections.append(
            Section(
                section_id(page.src),
                plain(page.title),
                heading.group(1) if heading else "",
                Markup(body),
                outdated,
            )
        )
    twice = sorted(i for i, n in ids.items() if n > 1)
    if twice:
        raise SingleFileError(
            f"{lang.code}: the single file would hold these ids twice: {', '.join(twice)} "
            "(explainer check names the pages)"
        )
    return sections


def search_index(
    sections: list[Section],
    content: Content,
    lang: str,
    kept: dict[str, set[str]],
    strings: dict[str, str],
    stop: frozenset[str],
) -> str:
    """Return the file's search index as JSON, safe inside a ``<script>``."""
    record = content.language(lang)
    rules = Rules.of(record, content.language(content.source.language))
    original = next(iter(kept), "")
    zero = ord(DIGIT_ZERO.get(record.digits, "0"))
    index = build_index(
        [(section.id, section.title, str(section.body)) for section in sections],
        Terms(content.search_groups, lang, rules),
        {
            "lang": lang,
            "rules": rules.as_json(),
            "synonyms": content.search_groups,
            "original": section_id(original) if original else "",
            "strings": {k: strings[k] for k in ("results", "none", "glossary")},
            "digits": "".join(chr(zero + d) for d in range(10)),  # the record's digits
        },
        stop=stop,
    )
    text = json.dumps(index, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return inline_safe(text.replace("</", "<\\/"), "script")


def build_file(
    site: Site,
    lang: Language,
    config: MkDocsConfig,
    site_dir: Path,
    docs_root: Path,
    published: str,
    cache_dir: Path | None,
) -> tuple[str, dict[str, int]]:
    """Return the single file of ``lang``, and the bytes each of its parts takes."""
    plugin = config.plugins["explainer"]
    assert isinstance(plugin, ExplainerPlugin)
    content = plugin.content
    record = content.language(lang.code)
    kept = kept_ids(scan_language(docs_root / lang.code), content)
    sections = merge_pages(site, lang, kept, site_dir)
    # {count} stays for the script to fill
    strings = {name: t(record, key, count="{count}") for name, key in STRINGS.items()}
    stop = stop_words(site_dir / lang.prefix)
    index_json = search_index(sections, content, lang.code, kept, strings, stop)
    # one script: ";" between the files, which end without one (each an IIFE)
    script = inline_safe("\n;".join(lean_js(engine_script(name)) for name in SCRIPTS), "script")
    others = [
        {
            "code": other.code,
            "dir": other.dir,
            "name": language_name(other.code, other.code),
            "href": site.names.single[other.code],
        }
        for other in site.languages
        if other != lang
    ]
    context: dict[str, Any] = {
        "lang": lang.code,
        "dir": lang.dir,
        "font": record.font,
        "site_name": plain(config.site_name),
        "description": plain(config.site_description or ""),
        "strings": strings,
        "others": others,
        "sections": sections,
        "online": f"{published.rstrip('/')}/{lang.prefix}" if published else "",
        "index": Markup(index_json),
        "script": Markup(script),
    }
    # the characters the file shows, or a reader types into its search box
    draft = template().render(**context, csp="", style="")
    characters = page_characters(draft) | typed_characters(record.typed)
    css_file = site_dir / lang.prefix / THEME_CSS[0]  # the site's, a site's own if it has one
    css, font_bytes = inline_fonts(
        css_file.read_text("utf-8"), css_file, record.font, characters, cache_dir
    )
    style = inline_safe(lean_css(css) + "\n" + lean_css(asset("single-file.css")), "style")
    html = template().render(**context, csp=policy(script, style), style=Markup(style))
    parts = {
        "search index": len(index_json.encode("utf-8")),
        "JS": len(script.encode("utf-8")),
        "CSS": len(style.encode("utf-8")) - font_bytes,
        "fonts": font_bytes,
    }
    return html, {"HTML": len(html.encode("utf-8")) - sum(parts.values()), **parts}


def stop_words(site_dir: Path) -> frozenset[str]:
    """Return the words the site's search index for this language leaves out.

    Material's search leaves out lunr's English stop words when its index's pipeline
    for the language lists ``stopWordFilter`` (English does, Arabic does not).
    """
    index = site_dir / "search" / "search_index.json"
    if not index.is_file():
        return frozenset()
    pipeline = json.loads(index.read_text("utf-8")).get("config", {}).get("pipeline") or []
    return material_stop_words() if "stopWordFilter" in pipeline else frozenset()


_TEMPLATE: list[jinja2.Template] = []


def template() -> jinja2.Template:
    """Return the single file's template (``explainer/assets/single-file.html``), loaded once."""
    if not _TEMPLATE:
        env = jinja2.Environment(
            autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True
        )
        _TEMPLATE.append(env.from_string(asset("single-file.html")))
    return _TEMPLATE[0]


def write_single_files(
    configs: list[MkDocsConfig],
    languages: list[Language],
    site_dir: Path,
    docs_root: Path,
    names: Editions,
    targets: dict[str, Path],
    published: str,
    cache_dir: Path | None = None,
) -> list[SingleFile]:
    """Write each language's single file to ``targets[code]``; return what was written.

    ``configs`` are the languages' configurations as the offline build left them (its
    ``explainer`` plugin holds the rendered pages), ``site_dir`` that build,
    ``published`` the site's public address (its root). Raises
    :class:`SingleFileError` naming the page and the problem.
    """
    pages = {}
    for lang, config in zip(languages, configs, strict=True):
        plugin = config.plugins["explainer"]
        assert isinstance(plugin, ExplainerPlugin)
        pages[lang.code] = plugin.rendered()
    site = Site(languages, pages, names)
    written = []
    for lang, config in zip(languages, configs, strict=True):
        html, parts = build_file(site, lang, config, site_dir, docs_root, published, cache_dir)
        data = html.encode("utf-8")
        targets[lang.code].write_bytes(data)
        packed = len(gzip.compress(data, compresslevel=9, mtime=0))
        written.append(SingleFile(lang.code, targets[lang.code], len(data), packed, parts))
    return written
