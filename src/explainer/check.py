"""Every content rule in one place: what ``explainer check`` reports and the build enforces.

Rules, by id (the id ends each message, so an editor can look it up):

- ``file``, ``yaml``, ``source``, ``schema*``: files are readable, YAML is valid, records
  have the fields they need and ids are unique;
- ``reference*``: paragraphs, claims, actors, directives and internal links resolve;
- ``parity.*``: every page exists in every language and places the same records;
- ``fidelity.*``, ``timeline.order``: quotations, figures and terms agree with the op-ed;
- ``safety.*``: no script, frame, event handler, ``javascript:`` or external embed;
- ``translation.stale`` (a warning): a translation is older than its source.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from .content import Content, signature
from .errors import ContentError, ErrorList, display_path
from .pages import (
    DATA_FILES,
    PageScan,
    check_counterparts,
    check_references,
    page_paths,
    scan_language,
)
from .safety import scan_html, scan_links
from .translation import Unit, front_matter, page_units

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{\s*#([\w-]+)[^}]*\})?\s*#*\s*$")
_LINK = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)")
_FENCE = ("```", "~~~")
#: The anchors each directive adds to its page, and the records they are named after.
RECORD_ANCHORS: dict[str, Callable[[Content], list[str]]] = {
    "timeline": lambda c: [f"event-{e.id}" for e in c.records.events],
    "positions": lambda c: [f"actor-{a}" for a in c.records.actors],
    "figures": lambda c: [f"figure-{f.id}" for f in c.records.figures],
    "terms": lambda c: [f"term-{t.id}" for t in c.records.terms],
    "source": lambda c: ["title", *c.source.paragraphs],
}


def prose_lines(path: Path) -> list[tuple[int, str]]:
    """Return the page's lines outside front matter and fenced code, with their numbers."""
    lines = path.read_text("utf-8").splitlines()
    meta, _ = front_matter("\n".join(lines))
    start = len(meta) + 2 if meta or (lines and lines[0].strip() == "---") else 0
    result, fenced = [], False
    for number, line in enumerate(lines[start:], start=start + 1):
        if line.lstrip().startswith(_FENCE):
            fenced = not fenced
        elif not fenced:
            result.append((number, line))
    return result


def check_safety(path: Path, errors: ErrorList) -> None:
    """Add an error for unsafe HTML or links on the page at ``path``."""
    shown = display_path(path)
    lines = prose_lines(path)
    text = "\n".join(line for _, line in lines)
    numbers = [number for number, _ in lines]
    for index, message, rule in scan_html(text):
        errors.add(shown, numbers[min(index, len(numbers)) - 1], message, rule)
    for number, line in lines:
        for at, message, rule, severity in scan_links(number, line):
            errors.add(shown, at, message, rule, severity)


def anchors(scan: PageScan, content: Content, slugify: Callable[[str, str], str]) -> set[str]:
    """Return the anchors the page will have: headings, ``{#id}``s and placed records."""
    found = {"sources"} if scan.refs or scan.directives else set()
    for _, line in prose_lines(scan.path):
        heading = _HEADING.match(line)
        if heading:
            found.add(heading.group(3) or slugify(heading.group(2), "-"))
    for name, args, _ in scan.directives:
        if name == "claims":
            found.update(f"claim-{a}" for a in args)
        elif name in RECORD_ANCHORS:
            found.update(RECORD_ANCHORS[name](content))
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
        shown = display_path(scan.path)
        for number, line in prose_lines(scan.path):
            for url in _LINK.findall(line):
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


def check_parity(docs_root: Path, content: Content, errors: ErrorList) -> None:
    """Add an error where a page pair does not place and cite the same records."""
    source = content.source.language
    originals = {scan.rel: scan for scan in scan_language(docs_root / source)}
    for lang in content.source.translations:
        for scan in scan_language(docs_root / lang):
            original = originals.get(scan.rel)
            if original is None:
                continue  # reported as a missing counterpart
            shown, other = display_path(scan.path), display_path(original.path)
            mine = [(name, args) for name, args, _ in scan.directives]
            theirs = [(name, args) for name, args, _ in original.directives]
            if mine != theirs:
                line = next(
                    (
                        d[2]
                        for d, o in zip(scan.directives, theirs, strict=False)
                        if (d[0], d[1]) != o
                    ),
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
    docs_root: Path, content: Content, slugify: Callable[[str, str], str]
) -> None:
    """Raise :class:`~explainer.errors.ContentInvalid` on a page error.

    A build checks its pages once, not once per language: a success is remembered
    until a file under ``docs_root`` changes.
    """
    root = docs_root.resolve()
    if _valid_pages.get((root, id(content))) == signature(root):
        return
    errors = ErrorList()
    check_pages(docs_root, content, content.languages, slugify, errors)
    errors.raise_if_any()
    mark_pages_valid(docs_root, content)


def check_pages(
    docs_root: Path,
    content: Content | None,
    languages: tuple[str, ...],
    slugify: Callable[[str, str], str],
    errors: ErrorList,
) -> None:
    """Add every page-level problem to ``errors`` (content rules need ``content``)."""
    check_counterparts(docs_root, languages, errors)
    for lang in languages:
        for rel in sorted(page_paths(docs_root / lang)):
            check_safety(docs_root / lang / rel, errors)
    if content is None:
        return
    for lang in languages:
        scans = scan_language(docs_root / lang)
        check_references(scans, content, errors)
        check_links(scans, content, slugify, errors)
    check_parity(docs_root, content, errors)


def translation_units(docs_root: Path, content: Content) -> list[Unit]:
    """Return every translated unit of the site: the records, then the pages."""
    pages = page_units(docs_root, content.source.language, content.source.translations)
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
        used = {f for name, _, _ in scan.directives for f in DATA_FILES.get(name, ())}
        if shown & records or (used - {"claims.yml"}) & files:
            pages.add(scan.rel)
    return pages


def findings(errors: ErrorList) -> list[ContentError]:
    """Return the errors and warnings in file order, each once."""
    return sorted(set(errors))
