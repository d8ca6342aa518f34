"""Every content rule in one place: what ``explainer check`` reports and the build enforces.

Rules, by id (the id ends each message, so an editor can look it up):

- ``file``, ``yaml``, ``source``, ``schema*``: files are readable, YAML is valid, records
  have the fields they need and ids are unique;
- ``reference*``: paragraphs, claims, actors, directives and internal links resolve;
- ``parity.*``: every page exists in every language and places the same records;
- ``fidelity.*``, ``timeline.order``: quotations, figures and terms agree with the op-ed,
  and a translated page's prose writes the figures of its source page
  (:mod:`explainer.prose_figures`);
- ``safety.*``: no script, frame, event handler, ``javascript:`` or external embed;
- ``single-file.id``: no id would be held twice when a language's pages merge into
  its single-file edition (:mod:`explainer.sections`);
- ``translation.stale`` (a warning): a translation is older than its source.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml

from .content import Content, signature
from .directives import DIRECTIVES
from .errors import ContentError, ErrorList, display_path
from .pagefile import markup_in
from .pages import (
    PageScan,
    check_counterparts,
    check_references,
    page_pairs,
    page_paths,
    scan_language,
)
from .prose_figures import check_prose_figures
from .safety import MARKDOWN_LINK, scan_html, scan_links
from .sections import check_single_file_ids
from .translation import Unit, page_units

_PAGE_NAME = re.compile(r"[\w.-]+(?:/[\w.-]+)*")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)[^}]*\})?\s*#*\s*$")


def check_safety(scan: PageScan, errors: ErrorList) -> None:
    """Add an error for unsafe HTML or links on the scanned page."""
    page = scan.page
    lines = scan.prose_lines()
    text = "\n".join(line for _, line in lines)
    numbers = [number for number, _ in lines]
    for index, message, rule in scan_html(text):
        errors.add(page.shown, numbers[min(index, len(numbers)) - 1], message, rule)
    for number, line in lines:
        for at, message, rule, severity in scan_links(number, line):
            errors.add(page.shown, at, message, rule, severity)


def anchors(scan: PageScan, content: Content, slugify: Callable[[str, str], str]) -> set[str]:
    """Return the anchors the page will have: headings, ``{#id}``s and placed records."""
    found = {"sources"} if scan.refs or scan.directives else set()
    for _, line in scan.prose_lines():
        heading = _HEADING.match(line)
        if heading:
            found.add(heading.group(3) or slugify(heading.group(2), "-"))
    for name, args, _ in scan.directives:
        found.update(DIRECTIVES[name].anchors(content, args))
    return found


def check_links(
    scans: list[PageScan],
    content: Content,
    slugify: Callable[[str, str], str],
    errors: ErrorList,
) -> None:
    """Add an error for every internal Markdown link to a missing page or anchor."""
    by_rel = {scan.rel: scan for scan in scans}
    known = {rel: anchors(scan, content, slugify) for rel, scan in by_rel.items()}
    for scan in scans:
        shown = scan.page.shown
        for number, line in scan.prose_lines():
            for image, url in MARKDOWN_LINK.findall(line):
                if image:
                    continue
                if re.match(r"^[a-z][a-z0-9+.-]*:|^//", url, re.IGNORECASE):
                    continue  # external: the safety rules speak of those
                target, _, anchor = url.partition("#")
                if target:
                    rel = (Path(scan.rel).parent / target).as_posix()
                    rel = re.sub(r"(^|/)\./", r"\1", rel)
                    if rel not in by_rel:
                        errors.add(
                            shown,
                            number,
                            f"link to a page that does not exist: '{url}'",
                            "reference.link",
                        )
                        continue
                else:
                    rel = scan.rel
                if anchor and anchor not in known[rel]:
                    errors.add(
                        shown,
                        number,
                        f"link to an anchor that does not exist: '{url}'",
                        "reference.anchor",
                    )


def check_parity(scans: dict[str, list[PageScan]], content: Content, errors: ErrorList) -> None:
    """Add an error where a page pair does not place and cite the same records.

    ``scans`` holds the readable pages of each language.
    """
    for original, scan, _ in page_pairs(scans, content):
        shown, other = scan.page.shown, original.page.shown
        mine = [(name, args) for name, args, _ in scan.directives]
        theirs = [(name, args) for name, args, _ in original.directives]
        if mine != theirs:
            line = next(
                (d[2] for d, o in zip(scan.directives, theirs, strict=False) if (d[0], d[1]) != o),
                (scan.directives or [("", [], 1)])[-1][2],
            )
            errors.add(
                shown,
                line,
                "places different records than "
                + other
                + ": "
                + _describe(mine)
                + " here, "
                + _describe(theirs)
                + " there",
                "parity.records",
            )
        missing = Counter(r for r, _ in original.refs) - Counter(r for r, _ in scan.refs)
        extra = Counter(r for r, _ in scan.refs) - Counter(r for r, _ in original.refs)
        if missing or extra:
            line = next((n for r, n in scan.refs if r in extra), 1)
            parts = [f"missing {', '.join(f'[[{r}]]' for r in sorted(missing))}"] * bool(
                missing
            ) + [f"extra {', '.join(f'[[{r}]]' for r in sorted(extra))}"] * bool(extra)
            errors.add(
                shown,
                line,
                f"cites different sources than {other}: " + "; ".join(parts),
                "parity.sources",
            )


def _describe(directives: list[tuple[str, list[str]]]) -> str:
    return ", ".join(f"[[{' '.join([name, *args])}]]" for name, args in directives) or "none"


_valid_pages: dict[tuple[Path, int], tuple[tuple[str, int, int], ...]] = {}


def mark_pages_valid(docs_root: Path, content: Content) -> None:
    """Remember that the pages under ``docs_root`` passed every rule with ``content``."""
    root = docs_root.resolve()
    _valid_pages[(root, id(content))] = signature(root)


def ensure_pages_valid(
    docs_root: Path,
    content: Content,
    enabled: set[str],
    slugify: Callable[[str, str], str],
    fences: bool = False,
    published: bool = True,
) -> None:
    """Raise :class:`~explainer.errors.ContentInvalid` on a page error.

    A build checks its pages once, not once per language: a success is remembered
    until a file under ``docs_root`` changes.
    """
    root = docs_root.resolve()
    if _valid_pages.get((root, id(content))) == signature(root):
        return
    errors = ErrorList()
    check_pages(docs_root, content, content.languages, enabled, slugify, errors, fences, published)
    errors.raise_if_any()
    mark_pages_valid(docs_root, content)


def check_pages(
    docs_root: Path,
    content: Content | None,
    languages: tuple[str, ...],
    enabled: set[str],
    slugify: Callable[[str, str], str],
    errors: ErrorList,
    fences: bool = False,
    published: bool = True,
) -> None:
    """Add every page-level problem to ``errors`` (content rules need ``content``).

    ``enabled`` names the directives whose extensions the site enables, ``fences``
    whether it reads fenced code blocks, ``published`` whether ``mkdocs.yml`` gives the
    site's address (``site_url``), which ``[[offline]]`` links to. A page that cannot
    be read is one error, and the other pages are still checked.
    """
    check_links_out(docs_root, errors)
    check_counterparts(docs_root, languages, errors)
    for lang in languages:
        for rel in sorted(page_paths(docs_root / lang)):
            if not _PAGE_NAME.fullmatch(rel):
                errors.add(
                    display_path(docs_root / lang / rel),
                    1,
                    "a page's file name may hold only letters, digits, '-', '_' and '.' "
                    "(it becomes the page's address)",
                    "safety.filename",
                )
    scans = {lang: scan_language(docs_root / lang, errors, fences) for lang in languages}
    for lang_scans in scans.values():
        for scan in lang_scans:
            check_safety(scan, errors)
            for name, _, line in scan.directives if not published else ():
                if name == "offline":
                    errors.add(
                        scan.page.shown,
                        line,
                        "'[[offline]]' links to the offline files published with the site: "
                        "give the site's address as site_url in mkdocs.yml",
                        "reference.directive",
                    )
    if content is None:
        return
    for lang_scans in scans.values():
        check_references(lang_scans, content, enabled, errors)
        check_links(lang_scans, content, slugify, errors)
        check_single_file_ids(lang_scans, content, slugify, errors)
    check_parity(scans, content, errors)
    check_prose_figures(scans, content, errors)


def check_links_out(docs_root: Path, errors: ErrorList) -> None:
    """Add an error for every symbolic link under ``docs_root`` that leads outside it.

    Content must live in the repository: a link to another folder would publish
    whatever it points at, and reads differently on every machine.
    """
    project = docs_root.resolve().parent
    for dirpath, dirnames, filenames in os.walk(docs_root):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            if path.is_symlink() and not path.resolve().is_relative_to(project):
                errors.add(
                    display_path(path),
                    1,
                    f"links to {os.readlink(path)}, outside the project: "
                    "content must be a file in the repository",
                    "file.symlink",
                )


def translation_units(
    docs_root: Path, content: Content, skip_unreadable: bool = False
) -> list[Unit]:
    """Return every translated unit of the site: the records, then the pages.

    ``skip_unreadable`` leaves out pages that cannot be read (the page rules report
    them); otherwise they raise :class:`~explainer.errors.ContentInvalid`.
    """
    pages = page_units(
        docs_root, content.source.language, content.source.translations, skip_unreadable
    )
    return [*content.source.units, *content.records.units, *pages]


def check_translations(units: list[Unit], errors: ErrorList) -> None:
    """Add a warning for every translation older than its source.

    Missing pages are errors of their own, reported by the page rules.
    """
    for unit in units:
        if unit.status == "stale":
            what = "page" if unit.key.endswith(".md") else f"'{unit.key}'"
            reason = (
                "has no recorded fingerprint"
                if unit.recorded is None
                else "was translated from an older source text"
            )
            errors.add(
                unit.path,
                unit.line,
                f"the '{unit.lang}' translation of {what} {reason}; "
                f"update it, then run: explainer status --accept {unit.path}",
                "translation.stale",
                "warning",
            )


def stale_pages(docs_root: Path, content: Content, lang: str) -> set[str]:
    """Return the pages of ``lang`` that may lag behind the source language.

    A page lags when its own text is stale, or when it shows a record whose
    translation is stale (by id, or through a directive showing that record's file).
    """
    units = translation_units(docs_root, content)
    stale = [u for u in units if u.lang == lang and u.status == "stale"]
    pages = {u.key for u in stale if u.key.endswith(".md")}
    records = {u.key for u in stale if not u.key.endswith(".md")}
    files = {Path(u.path).name for u in stale if not u.key.endswith(".md")}
    for scan in scan_language(docs_root / lang):
        shown = {r for r, _ in scan.refs} | {a for _, args, _ in scan.directives for a in args}
        used = {f for name, _, _ in scan.directives for f in DIRECTIVES[name].data_files}
        if shown & records or (used - {"claims.yml"}) & files:
            pages.add(scan.rel)
    return pages


#: Settings of ``mkdocs.yml`` that name something: shown as text, they must hold no markup.
CONFIG_NAMES = ("site_name", "repo_name")
#: Settings Material prints into attributes or scripts as they are (addresses, and the
#: theme's own ``extra`` values): no character there may end an attribute or a tag.
CONFIG_RAW = ("site_url", "repo_url", "edit_uri")
_RAW_UNSAFE = re.compile(r"[\"'<>`\\]")


def check_config(shown: str, text: str, errors: ErrorList) -> None:
    """Add an error for every value of ``mkdocs.yml`` (``text``) unsafe in a page.

    Names (the site's and the repository's, per language under ``extra.i18n``, and the
    titles of ``nav``) must hold no markup: they are escaped where printed anyway, and
    this tells the editor. Addresses and the theme's ``extra`` values are printed into
    attributes and scripts as they are, so they may hold no quote or bracket at all.
    """
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)  # nodes only: any tag is fine
    except yaml.YAMLError:
        return  # reported when MkDocs reads the file
    if not isinstance(root, yaml.MappingNode):
        return

    def named(node: yaml.MappingNode, keys: tuple[str, ...]) -> Iterator[yaml.Node]:
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value in keys:
                yield value

    def nav_titles(node: yaml.Node) -> Iterator[yaml.ScalarNode]:
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from nav_titles(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    yield key
                yield from nav_titles(value)

    def scalars(node: yaml.Node, skip: tuple[str, ...] = ()) -> Iterator[yaml.ScalarNode]:
        if isinstance(node, yaml.ScalarNode):
            yield node
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                yield from scalars(item, skip)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if not (isinstance(key, yaml.ScalarNode) and key.value in skip):
                    yield from scalars(value, skip)

    names: list[yaml.Node] = list(named(root, CONFIG_NAMES))
    raw: list[yaml.Node] = list(named(root, CONFIG_RAW))
    for extra in named(root, ("extra",)):
        raw += scalars(extra, skip=("i18n",))
        for i18n in named(extra, ("i18n",)) if isinstance(extra, yaml.MappingNode) else ():
            for _, values in i18n.value if isinstance(i18n, yaml.MappingNode) else ():
                if isinstance(values, yaml.MappingNode):
                    names += named(values, CONFIG_NAMES)
                    raw += named(values, CONFIG_RAW)
    for nav in named(root, ("nav",)):
        names += nav_titles(nav)
    for node in names:
        if isinstance(node, yaml.ScalarNode) and markup_in(node.value):
            errors.add(
                shown,
                node.start_mark.line + 1,
                f"'{node.value}' must be plain text, without '<' or '>'",
                "safety.title",
                col=node.start_mark.column + 1,
            )
    for node in raw:
        if isinstance(node, yaml.ScalarNode) and _RAW_UNSAFE.search(node.value):
            errors.add(
                shown,
                node.start_mark.line + 1,
                f"'{node.value}' must not hold quotes, '<', '>', '`' or '\\': "
                "the theme prints it into the page as it is",
                "safety.config",
                col=node.start_mark.column + 1,
            )


def findings(errors: ErrorList) -> list[ContentError]:
    """Return the errors and warnings in file order, each once."""
    return sorted(set(errors))
