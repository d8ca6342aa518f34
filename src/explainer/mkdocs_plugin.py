"""Thin MkDocs glue: everything a reader needs is computed in plain modules.

What it wires in, per language build:

- ``lang`` for every ``explainer.*`` Markdown extension, from ``theme.language``;
- the content, loaded and validated once before any page renders;
- ``extra.alternate`` for each page: the same page in every language (the language
  switch and the hreflang links), plus ``x-default``;
- ``dir`` on ``<html>`` (Material puts it on ``<body>`` only);
- the synonym list and the language into Material's search index, for the search
  worker (:mod:`explainer.search`);
- the theme's strings in the page's language, and the plural rules of its search
  result count (:mod:`explainer.plurals`);
- each page's rendered body, kept for the single-file edition
  (:mod:`explainer.single_file`), which is made of the same bodies as the site.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlparse

from jinja2 import Environment, TemplateNotFound
from mkdocs.config.config_options import ExtraScriptValue
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext
from pymdownx.slugs import slugify

from .cache import template_cache
from .check import ensure_pages_valid, stale_pages
from .content import Content, load_content
from .directives import DIRECTIVES
from .editions import slug
from .errors import ContentInvalid
from .htmlsafe import escape_all, plain
from .languages import (
    FONTS,
    Language,
    counterpart,
    language_name,
    relative_href,
    set_html_dir,
    site_languages,
)
from .metadata import page_metadata
from .pagefile import read_page
from .pages import scan_page
from .plurals import search_count_data
from .search import SEPARATOR, Rules, add_to_index
from .strings import t, theme_strings

EXTENSION_PREFIX = "explainer."
#: The Markdown extension that brings every explainer extension (explainer.markdown).
ALL_EXTENSIONS = "explainer"
#: The engine's theme layer on top of Material: templates, stylesheet, scripts, fonts.
THEME = Path(__file__).parent / "theme"
#: The engine's stylesheet and scripts, which every page loads.
THEME_CSS = ("assets/stylesheets/explainer.css",)
#: Material's default icon (a 1.8 KB PNG every first visit fetches), and the engine's
#: 0.3 KB drawing, used unless the site names its own (``theme.favicon``).
MATERIAL_FAVICON = "assets/images/favicon.png"
THEME_FAVICON = "assets/images/explainer-icon.svg"
THEME_JS = (
    "assets/javascripts/a11y.js",
    "assets/javascripts/search-box.js",
    "assets/javascripts/search-count.js",
)
#: Where a build without ``site_url`` (the offline bundle) finds the published address,
#: under ``extra``: the ``[[offline]]`` links point there from every edition.
PUBLISHED_AT = "explainer_site_url"
#: Settings of ``mkdocs.yml`` that Material prints as text, unescaped.
CONFIG_TEXT = ("site_name", "site_description", "site_author", "copyright", "repo_name")


def content_dir(config: MkDocsConfig) -> Path:
    """Return the ``content`` directory of the explainer extensions.

    It is resolved against the folder of ``mkdocs.yml``, as MkDocs resolves its own
    paths, so a command run from any folder reads the same content.
    """
    dirs = {
        str(options.get("content", "docs/data"))
        for name, options in config.mdx_configs.items()
        if is_explainer(name)
    } or {"docs/data" for name in config.markdown_extensions if is_explainer(name)}
    if len(dirs) != 1:
        raise PluginError(
            "mkdocs.yml: every explainer.* extension must name the same 'content' directory, "
            f"found {sorted(dirs) or 'none'}"
        )
    return Path(config.config_file_path or ".").parent / dirs.pop()


#: The Markdown extensions that read fenced code blocks (``` … ```)
FENCED_CODE = {"fenced_code", "markdown.extensions.fenced_code", "pymdownx.superfences"}


def reads_fences(config: MkDocsConfig) -> bool:
    """Return whether the site's Markdown reads fenced code blocks."""
    return bool(FENCED_CODE & {str(name) for name in config.markdown_extensions})


def is_explainer(name: object) -> bool:
    """Return whether ``name`` in ``markdown_extensions`` is an explainer extension."""
    return isinstance(name, str) and (name == ALL_EXTENSIONS or name.startswith(EXTENSION_PREFIX))


def enabled_directives(config: MkDocsConfig) -> set[str]:
    """Return the directives whose extension ``mkdocs.yml`` enables (all, with ``explainer``)."""
    names = {str(name) for name in config.markdown_extensions if is_explainer(name)}
    if ALL_EXTENSIONS in names:
        return set(DIRECTIVES) | {"bidi"}
    return {name.removeprefix(EXTENSION_PREFIX) for name in names}


def slugify_of(config: MkDocsConfig) -> Callable[[str, str], str]:
    """Return the heading slug function the site's table of contents uses."""
    configured = config.mdx_configs.get("toc", {}).get("slugify")
    slugify: Callable[[str, str], str] = configured if callable(configured) else HEADING_SLUGS
    return slugify


def material_language(config: MkDocsConfig, code: str) -> str:
    """Return ``code`` if Material ships strings for it, else ``en``.

    Material's ``partials/languages/<code>.html`` fills the keys the engine's record
    leaves out; a language Material lacks (``ckb``) gets the record over English. A
    seam: ``tests/engine/test_seams.py``.
    """
    loader = config.theme.get_env().loader
    assert loader is not None
    try:
        loader.get_source(config.theme.get_env(), f"partials/languages/{code}.html")
    except TemplateNotFound:
        return "en"
    return code


#: Heading anchors keep their letters, Arabic included (#الجواب-المختصر, not #_1).
HEADING_SLUGS: Callable[[str, str], str] = slugify(case="lower")


def add_engine_defaults(config: MkDocsConfig) -> None:
    """Give every site the engine's wiring, unless its ``mkdocs.yml`` says otherwise.

    Headings get permalinks and Unicode anchors (``toc``); search splits words where
    the engine's search terms do (:data:`explainer.search.SEPARATOR`); Material never
    asks Google for fonts (the engine's are self-hosted), shows the engine's small icon
    and prints no "Made with" link to another site. A site's ``mkdocs.yml`` then names
    its own values only.
    """
    if "toc" not in config.markdown_extensions:
        config.markdown_extensions.append("toc")
    toc = config.mdx_configs.setdefault("toc", {})
    toc.setdefault("permalink", True)
    toc.setdefault("slugify", HEADING_SLUGS)
    # MkDocs names Material's search plugin material/search
    for name in ("search", "material/search"):
        search = config.plugins.get(name)
        if search is not None and not search.config.get("separator"):
            search.config["separator"] = SEPARATOR
    config.theme["font"] = False  # self-hosted faces only: no request to another host
    if config.theme["favicon"] == MATERIAL_FAVICON:
        config.theme["favicon"] = THEME_FAVICON
    config.extra.setdefault("generator", False)


def add_engine_theme(config: MkDocsConfig) -> None:
    """Put the engine's theme layer between the site's ``custom_dir`` and Material.

    A site's own ``overrides/`` still wins over the engine, and the engine over
    Material; the engine's stylesheet and scripts are added to every page. MkDocs
    builds the template loader and the list of theme files from ``theme.dirs`` after
    the plugins' ``on_config`` (a seam: ``tests/engine/test_seams.py``).
    """
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        dirs.insert(1 if config.theme.custom_dir else 0, str(THEME))
    # first, so a site's own stylesheets (extra_css) come after it and win at equal
    # specificity, as its overrides/ wins over the engine's templates
    for index, css in enumerate(THEME_CSS):
        if css not in config.extra_css:
            config.extra_css.insert(index, css)
    scripts = {str(script) for script in config.extra_javascript}
    config.extra_javascript.extend(deferred(js) for js in THEME_JS if js not in scripts)


def deferred(path: str) -> ExtraScriptValue:
    """Return the engine script at ``path``, run once the page is parsed (``defer``).

    They only touch the parsed page, and a deferred script is fetched at low priority,
    so it never competes with the stylesheets, fonts and Material's bundle for the
    first paint (Lighthouse counts a high-priority script that starts before it).
    """
    script = ExtraScriptValue(path)
    script.defer = True
    return script


class Alternates:
    """The current page in every language, for the templates (``.links``).

    Deliberately not iterable. Material's ``base.html`` prints an iterable
    ``extra.alternate`` as ``<link rel="alternate">``, and Material's script then
    fetches ``sitemap.xml`` beside every such link, which for per-page links is a 404,
    or a request to the public host from any other copy of the site. Our templates
    print the switch and the hreflang links themselves.
    """

    def __init__(self, links: list[dict[str, Any]]) -> None:
        self.links = links

    def __bool__(self) -> bool:
        return bool(self.links)


@dataclass(frozen=True)
class RenderedPage:
    """One page as this build rendered it: what its single-file edition is made of."""

    #: its file, relative to the language's docs folder (``timeline.md``)
    src: str
    #: its address in this build, relative to the language's root (``timeline.html``)
    url: str
    #: its title, as escaped text
    title: str
    #: the page's body, the Markdown as rendered (MkDocs' ``page.content``)
    body: str
    #: the notice of a translation that may lag behind its source, if it may
    outdated: dict[str, str] | None = None


class ExplainerPlugin(BasePlugin):  # type: ignore[type-arg,no-untyped-call]
    """Wire the explainer's content and languages into one MkDocs build."""

    content: Content
    here: Language
    languages: list[Language]
    #: the pages in the order of the navigation, then any the navigation leaves out
    order: list[str]
    bodies: dict[str, RenderedPage]

    def rendered(self) -> list[RenderedPage]:
        """Return every page this build rendered, in the order of the navigation."""
        known = [src for src in self.order if src in self.bodies]
        rest = sorted(set(self.bodies) - set(known))
        return [self.bodies[src] for src in [*known, *rest]]

    # before the search plugin (0), which reads search settings from language.html
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Add the engine's theme; load the content, pick the language, set up extensions."""
        add_engine_defaults(config)
        add_engine_theme(config)
        try:
            data_dir = content_dir(config)
            self.content = load_content(data_dir)
            ensure_pages_valid(
                Path(config.docs_dir).parent,
                self.content,
                enabled_directives(config),
                slugify_of(config),
                reads_fences(config),
                published=bool(config.site_url or config.extra.get(PUBLISHED_AT)),
            )
        except ContentInvalid as exc:
            raise PluginError(str(exc)) from None
        self.languages = site_languages(self.content.languages, self.content.language_records)
        code = config.theme["language"]
        matches = [lang for lang in self.languages if lang.code == code]
        if not matches:
            raise PluginError(f"mkdocs.yml: theme.language '{code}' is not a content language")
        self.here = matches[0]
        docs_root = Path(config.docs_dir).parent
        self.stale = (
            set()
            if self.here.code == self.content.source.language
            else stale_pages(docs_root, self.content, self.here.code)
        )
        for key in CONFIG_TEXT:
            config[key] = escape_all(config[key])
        config_dir = Path(config.config_file_path or ".").parent
        self.data_dir = Path(os.path.relpath(data_dir, config_dir)).as_posix()
        root = (config.site_url or "").removesuffix(self.here.prefix)
        if root:  # for the sitemap: each language's root, and x-default
            sites = [{"lang": lang.code, "root": root + lang.prefix} for lang in self.languages]
            config.extra["explainer_sites"] = [*sites, {"lang": "x-default", "root": root}]
        # the theme's strings in this language, from its record: the engine's
        # language.html reads them before Material's own (which may have none)
        record = self.content.language(code)
        self.font = record.font
        if config.site_url:  # the published site; the offline bundle has no site_url
            config.extra["explainer_preload"] = FONTS.get(record.font, ())
        strings = theme_strings(record)
        config.extra["explainer_theme_strings"] = strings
        config.extra["explainer_material_language"] = material_language(config, code)
        # the plural rules and forms search-count.js writes the result count with
        config.extra["explainer_plurals"] = search_count_data(code, strings)
        if "toc" in config.mdx_configs:  # headings' permalink tooltip, in the page's language
            config.mdx_configs["toc"]["permalink_title"] = strings["explainer.permalink"]
        # the published root: the offline builds have no site_url, and link to it all the same
        published = str(config.extra.get(PUBLISHED_AT) or root)
        folder = config_dir.resolve().name
        editions = slug(published, config.repo_url, config.repo_name, folder)
        for name in config.markdown_extensions:
            if is_explainer(name):
                options = config.mdx_configs.setdefault(str(name), {})
                options["lang"] = code
                options["content"] = str(data_dir)
                options["loaded"] = self.content
                options["site_url"] = published
                options["slug"] = editions
        return config

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Escape the titles ``nav:`` in ``mkdocs.yml`` gives, which Material prints as is.

        Titles taken from a page are escaped when its front matter is read, or are
        already HTML (a rendered heading).
        """
        for item in nav.items + [p for p in nav.pages if p not in nav.items]:
            self._escape_titles(item)
        self.order = [page.file.src_uri for page in nav.pages]
        self.bodies = {}
        return nav

    def _escape_titles(self, item: Any) -> None:
        if isinstance(item, Page):
            if "title" in vars(item):  # set from mkdocs.yml (MkDocs' overridable property)
                item.title = escape_all(item.title)
            return
        item.title = escape_all(item.title)  # a section or a link
        for child in getattr(item, "children", None) or ():
            self._escape_titles(child)

    def _alternates(
        self, page_url: str, config: MkDocsConfig, from_root: bool = False
    ) -> list[dict[str, Any]]:
        """Return this page in every language: ``href`` for the switch, ``link`` for hreflang.

        ``from_root`` makes ``href`` start at the site's path, for pages served at any
        address (404.html); otherwise it is relative to the page.
        """
        # site_url is this language's root; hreflang wants absolute URLs when we have them
        root = (config.site_url or "").removesuffix(self.here.prefix)
        here = counterpart(page_url, self.here, self.here)
        alternates: list[dict[str, Any]] = []
        for lang in self.languages:
            there = counterpart(page_url, self.here, lang)
            href = relative_href(here, there)
            if from_root:
                href = (urlparse(root).path or "/") + there
            link = urljoin(root, there) if root else href
            alternates.append(
                {
                    "name": lang.name,
                    "lang": lang.code,
                    "dir": lang.dir,
                    "href": href,
                    "link": link,
                    "current": lang == self.here,
                }
            )
        alternates.append({"lang": "x-default", "link": alternates[0]["link"]})
        return alternates

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Note the address of the page showing the op-ed, for the search worker."""
        pages = {
            str(options.get("source_page", "source.md"))
            for name, options in config.mdx_configs.items()
            if is_explainer(name)
        }
        found = [files.get_file_from_path(page) for page in sorted(pages)]
        self.original = next((f.url for f in found if f is not None), "")
        return files

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Escape the front matter; say if the page may lag behind, where its records live.

        Also names the page to its Markdown extensions, so a page in a folder links to
        the op-ed and the glossary from there.

        Material prints front matter values unescaped (:mod:`explainer.htmlsafe`).
        """
        page.meta = escape_all(page.meta)
        # MkDocs makes the page's Markdown extensions from these options after this
        # event: they link to other pages from this page's folder
        for name in config.markdown_extensions:
            if is_explainer(name):
                config.mdx_configs[str(name)]["page"] = page.file.src_uri
        lang = self.here.code
        if page.file.src_uri in self.stale:
            source = language_name(self.content.source.language, lang)  # not assumed Arabic
            page.meta["explainer_outdated"] = {
                "lang": self.content.source.language,
                "text": t(self.here.record or lang, "translation_outdated", source=source),
                "link": t(self.here.record or lang, "outdated_link", source=source),
            }
        if config.repo_url and config.edit_uri:
            scan = scan_page(read_page(Path(page.file.abs_src_path or "")), page.file.src_uri)
            names = [f for name, _, _ in scan.directives for f in DIRECTIVES[name].data_files]
            docs = Path(config.docs_dir).relative_to(Path(config.config_file_path).parent)
            base = config.edit_uri.removesuffix(f"{docs.as_posix()}/")
            edit = urljoin(config.repo_url.rstrip("/") + "/", base)
            paths = [f"{self.data_dir}/{name}" for name in dict.fromkeys(names)]
            if paths:
                page.meta["explainer_data"] = {
                    "label": t(self.here.record or lang, "data_files"),
                    "files": [{"path": p, "url": urljoin(edit, p)} for p in paths],
                }
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Keep the rendered body, unchanged, for the single-file edition."""
        outdated = page.meta.get("explainer_outdated")
        self.bodies[page.file.src_uri] = RenderedPage(
            page.file.src_uri, page.url, str(page.title or ""), html, outdated
        )
        return html

    def on_page_context(
        self, context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """Point the language switch and hreflang links at this page's counterparts."""
        links = self._alternates(page.url, config)
        config.extra["alternate"] = Alternates(links)
        # escaped text (front matter, settings) or HTML (a title from a heading): as text
        title = plain(page.meta.get("title") or page.title or config.site_name)
        description = plain(page.meta.get("description") or config.site_description or "")
        absolute = {alt["lang"]: alt["link"] for alt in links if "://" in alt["link"]}
        meta = page_metadata(
            self.content,
            self.here,
            self.languages,
            title=title,
            site_name=plain(config.site_name),
            description=description,
            url=page.canonical_url,
            alternates=absolute,
        )
        page.meta["explainer_meta"] = meta
        if description:
            page.meta["description"] = escape_all(meta["description"])
        # Material prints these addresses into href="…" as they are
        for name in ("edit_url", "canonical_url"):
            if getattr(page, name, None):
                setattr(page, name, escape_all(getattr(page, name)))
        return context

    def on_template_context(
        self, context: TemplateContext, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """Give theme pages (404.html) their counterparts too."""
        links = self._alternates(template_name, config, from_root=True)
        config.extra["alternate"] = Alternates(links)
        return context

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        """Keep the theme's compiled templates for the next language and the next build."""
        if config.config_file_path and env.bytecode_cache is None:
            env.bytecode_cache = template_cache(config.config_file_path)
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Put ``dir`` on ``<html>``, where the bidi algorithm and assistive tech look."""
        return set_html_dir(output, self.here.dir, self.font)

    def on_post_template(
        self, output_content: str, *, template_name: str, config: MkDocsConfig
    ) -> str:
        """Put ``dir`` on ``<html>`` of theme pages."""
        if template_name.endswith(".html"):
            return set_html_dir(output_content, self.here.dir, self.font)
        return output_content

    # after the search plugin writes its index (0), before `offline` copies it (-100)
    @event_priority(-50)
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Give the search worker this language, its rules and the search groups, in the index."""
        source = self.content.language(self.content.source.language)
        rules = Rules.of(self.content.language(self.here.code), source)
        add_to_index(
            Path(config.site_dir), self.content.search_groups, self.here.code, self.original, rules
        )
