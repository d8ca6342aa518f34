"""How the build grows with the content: explainers with 1×, 10× and 100× this site's.

    python scripts/scale.py [--scales 1,10,100] [--runs 3] [-f mkdocs.yml]
    python scripts/benchmark.py --scale      # the same, after the benchmark's own sections

Each scale is generated from the real site (``mkdocs.yml`` and its docs folder) into a
temporary folder, never into the repository. Copy 1 is the site itself; copies 2 … N
repeat it with every id suffixed (``too-early-7``; paragraphs renumbered, ``p36`` …):
the op-ed's paragraphs and pull quotes, every record of every kind, each citing its own
copy's paragraphs, actors and claims, and every page, in a folder per copy
(``part-007/``) that is one nav section. A copy's texts end with "(copy 007)" in each
language, so no two are the same (caches keyed by text meet as many texts as a real
site's would), and its terms are "(copy 007) ISIS", listed after their paragraph, so
each glossary entry is distinct; fingerprints are the engine's own, so no translation
is stale and ``explainer check --strict`` passes. Where a page of the site places every
record of a kind, its copy places its own copy's claims instead (``[[timeline]]``
becomes the claims of the copy's events; the op-ed and the glossary are shown once,
at the root). Sections are grouped ten to a group, groups ten to a group above that,
and Material's ``navigation.prune`` is on: a page's nav lists at most ten items a level.

Each scale is built as ``python -m explainer.cli build`` in a fresh process, which runs
every check first, with the caches (font subsets, templates) the smaller scale left, as
a site's builds find them. Printed per scale: build time (median of ``--runs`` after a
warm-up; one run at 100×), the build's peak memory (max RSS), output bytes on disk,
pages, the search index, the largest page; then what pages that show the same records
at every scale weigh, and whether the largest page weighs what its records say.
Targets (issue 13): time(10×) ≤ 10 × time(1×), time(100×) ≤ 100 × time(1×); a page's
weight depends on its own content: each fixed page within 10 % of its first weight,
sent gzipped as a reader gets it (its raw bytes beside), and the largest page within
10 % of what its own records predict (its weight at 1× and 10×, extended linearly by
the records it shows).
"""

from __future__ import annotations

import argparse
import copy
import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
# this checkout's engine, here and in the builds it starts, whatever the venv holds (as
# in benchmark.py, which imports this module after putting it first itself)
if sys.path[0] != str(REPO / "src"):
    sys.path.insert(0, str(REPO / "src"))
    os.environ["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])
    )

from explainer.cache import CACHE_DIR  # noqa: E402
from explainer.directives import DIRECTIVES  # noqa: E402
from explainer.pagefile import parse_page  # noqa: E402
from explainer.source import split_blocks  # noqa: E402
from explainer.translation import FIELD, fingerprint, source_texts  # noqa: E402

SCALES = (1, 10, 100)
#: The word that marks a copy's texts, by language ("(copy 7)"); others use English.
COPY_WORD = {"ar": "نسخة", "en": "copy"}
#: A nav section's and a group's title, by language.
SECTION = {"ar": "الجزء {k}", "en": "Part {k}"}
GROUP = {"ar": "الأجزاء {a}–{b}", "en": "Parts {a}–{b}"}
#: Sections per group: beyond this many copies, sections are grouped, so the nav on a
#: page lists at most this many groups and this many sections besides its own.
PER_GROUP = 10
#: Per-language texts of each record kind that get the copy's mark (not quotes: they
#: are verbatim in the paragraph; not a term itself: its paragraph must use it).
MARKED = {
    "actors": ("name",),
    "context": ("text",),
    "claims": ("text",),
    "events": ("text",),
    "figures": ("label",),
    "terms": ("note",),
}
#: What a copy's page places instead of a directive that shows every record of a kind.
WHOLE = {"timeline", "figures", "positions", "terms", "source"}
#: How far a fixed page's weight may drift from its weight at 1×, and the largest
#: page's from what its records predict.
DRIFT = 0.10
KB = 1024


def mark(text: str, lang: str, k: int) -> str:
    """Return ``text`` marked as copy ``k``: "… (copy 007)".

    Three digits, so no copy's number starts another's ("7", "70"), as no word of a
    real site's terms is made of another's.
    """
    return f"{text} ({COPY_WORD.get(lang, COPY_WORD['en'])} {k:03d})"


def term_mark(term: str, lang: str, k: int) -> str:
    """Return a copied term, mark first, so that no term holds another (ISIS, ISIS gangs)."""
    return f"({COPY_WORD.get(lang, COPY_WORD['en'])} {k:03d}) {term}"


class Dumper(yaml.SafeDumper):
    """Write YAML as the engine reads it: no aliases (content files refuse them)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump(data: Any) -> str:
    return yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100)


# --- the content, copied ------------------------------------------------------------


@dataclass
class Site:
    """The real site, read once: its mkdocs.yml, data files, text and pages."""

    config: dict[str, Any]
    config_dir: Path
    docs_root: Path
    data_dir: Path
    data: dict[str, Any]
    source: dict[str, Any]
    text_blocks: list[str]
    pages: dict[str, dict[str, str]]  # language -> page path -> text

    @classmethod
    def read(cls, config_file: Path) -> Site:
        config = yaml.safe_load(config_file.read_text(encoding="utf-8"))
        docs_root = (config_file.parent / config.get("docs_dir", "docs")).parent
        data_dir = docs_root / "data"
        for entry in config.get("markdown_extensions", []):
            if isinstance(entry, dict) and "explainer" in entry:
                data_dir = config_file.parent / entry["explainer"].get("content", "docs/data")
        data = {
            kind: yaml.safe_load((data_dir / f"{kind}.yml").read_text(encoding="utf-8"))
            for kind in ("actors", "context", "claims", "timeline", "figures", "terms")
            if (data_dir / f"{kind}.yml").exists()
        }
        source = yaml.safe_load((data_dir / "source.yml").read_text(encoding="utf-8"))
        text = (data_dir / source["file"]).read_text(encoding="utf-8")
        langs = [source["language"], *source["translations"]]
        pages = {
            lang: {
                p.relative_to(docs_root / lang).as_posix(): p.read_text(encoding="utf-8")
                for p in sorted((docs_root / lang).rglob("*.md"))
            }
            for lang in langs
        }
        return cls(
            config,
            config_file.parent,
            docs_root,
            data_dir,
            data,
            source,
            [block for _, block in split_blocks(text)],
            pages,
        )

    @property
    def languages(self) -> list[str]:
        return [self.source["language"], *self.source["translations"]]

    @property
    def paragraphs(self) -> int:
        return sum(1 for block in self.source["blocks"] if "id" in block)


class Copy:
    """Copy ``k`` of the site's content: its ids, its paragraphs, its marked texts."""

    def __init__(self, site: Site, k: int) -> None:
        self.site, self.k = site, k
        self.lang = site.languages[0]
        self.shift = site.paragraphs * (k - 1)
        events = site.data["timeline"]["events"]
        self.ids = {
            "actors": {a["id"] for a in site.data["actors"]},
            "context": {c["id"] for c in site.data.get("context") or []},
            "claims": {c["id"] for c in site.data["claims"]},
            "events": {e["id"] for e in events},
            "figures": {f["id"] for f in site.data["figures"]},
            "terms": {t["id"] for t in site.data["terms"]},
        }

    def id(self, value: str) -> str:
        return value if self.k == 1 else f"{value}-{self.k}"

    def paragraph(self, value: str) -> str:
        if value == "title" or self.k == 1:
            return value
        return f"p{int(value[1:]) + self.shift}"

    def record(self, kind: str, record: dict[str, Any]) -> dict[str, Any]:
        """Return ``record`` of ``kind`` (``events`` for the timeline's) in this copy."""
        if self.k == 1:
            return record
        new = copy.deepcopy(record)
        new["id"] = self.id(record["id"])
        for key in ("speaker", "claim"):
            if key in new:
                new[key] = self.id(new[key])
        for key in ("about", "actors", "context"):
            if key in new:
                new[key] = [self.id(v) for v in new[key]]
        if "paragraph" in new:
            new["paragraph"] = self.paragraph(new["paragraph"])
        for name in MARKED[kind]:
            new[name] = {lang: mark(text, lang, self.k) for lang, text in new[name].items()}
        if kind == "terms":  # the term itself, as its paragraph's mark lists it (blocks)
            new.pop("match", None)
            new["paragraph"] = self.term_paragraph(record["paragraph"])
            for lang in self.site.languages:
                new[lang] = term_mark(record[lang], lang, self.k)
        return self.fingerprinted(new)

    def term_paragraph(self, value: str) -> str:
        """Return the paragraph a copied term cites: its own, or the copy's first for the title."""
        return self.paragraph("p1" if value == "title" else value)

    def fingerprinted(self, entry: dict[str, Any]) -> dict[str, Any]:
        """Return ``entry`` with the fingerprint of its source texts in each translation."""
        current = fingerprint(*source_texts({k: v for k, v in entry.items()}, self.lang))
        # the engine reads the fingerprint back from where the record has it
        entry[FIELD] = {lang: current for lang in self.site.languages[1:]}
        return entry

    def blocks(self) -> Iterable[tuple[str, dict[str, Any]]]:
        """Yield each body block of the op-ed in this copy: its text, its source.yml entry."""
        heads = len(self.site.text_blocks) - len(self.site.source["blocks"])
        body = self.site.text_blocks[heads:]
        for text, entry in zip(body, self.site.source["blocks"], strict=True):
            if self.k == 1:
                yield text, entry
            elif "pullquote" in entry:  # a run of its paragraph, verbatim: unchanged
                yield text, {**entry, "pullquote": self.paragraph(entry["pullquote"])}
            else:
                new: dict[str, Any] = {"id": self.paragraph(entry["id"])}
                for lang in self.site.languages[1:]:
                    new[lang] = self.block(entry[lang], lang, entry["id"])
                marked = self.block(" ".join(text.split()), self.lang, entry["id"])
                new[FIELD] = {lang: fingerprint(marked) for lang in self.site.languages[1:]}
                yield marked, new

    def block(self, text: str, lang: str, paragraph: str) -> str:
        """Return a paragraph of this copy: marked, then each term citing it, marked.

        A copied term must be distinct (one glossary entry per term, as a real site
        has) and in use in its paragraph, in every language: its mark makes it both.
        """
        terms = [
            term_mark(t[lang], lang, self.k)
            for t in self.site.data["terms"]
            if self.term_paragraph(t["paragraph"]) == self.paragraph(paragraph)
        ]
        return " ".join([mark(text, lang, self.k), *terms])

    # pages

    def page(self, lang: str, text: str, translated_from: str | None) -> str:
        """Return a page of the site in this copy, in ``lang``."""
        if self.k == 1:
            return text
        front, body = ("", text)
        if text.startswith("---\n"):
            _, front, body = text.split("---\n", 2)
        meta = yaml.safe_load(front) or {}
        for key in ("title", "description"):
            if key in meta:
                meta[key] = mark(meta[key], lang, self.k)
        meta.pop(FIELD, None)
        if translated_from:
            meta[FIELD] = translated_from
        heading = re.compile(r"^# (.*)$", re.MULTILINE)
        body = heading.sub(lambda m: f"# {mark(m.group(1), lang, self.k)}", body, count=1)
        body = re.sub(r"\[\[([^\[\]]+)\]\]", self._marker, body)
        body = re.sub(r"\n{3,}", "\n\n", body)
        return f"---\n{dump(meta)}---\n{body}"

    def _marker(self, found: re.Match[str]) -> str:
        name, *args = found.group(1).split()
        if name == "claims":
            return f"[[claims {' '.join(self.id(a) for a in args)}]]"
        if name in WHOLE:
            shown = self.shown_by(name)
            return f"[[claims {' '.join(shown)}]]" if shown else ""
        if name in DIRECTIVES:
            return found.group()
        if name in self.ids["claims"]:
            return f"[[{self.id(name)}]]"
        return f"[[{self.paragraph(name)}]]"

    def shown_by(self, directive: str) -> list[str]:
        """Return this copy's claims that stand for a directive showing every record."""
        data = self.site.data
        claims: Iterable[str] = ()
        if directive == "timeline":
            claims = (e["claim"] for e in data["timeline"]["events"])
        elif directive == "figures":
            claims = (f["claim"] for f in data["figures"])
        elif directive == "positions":
            claims = (c["id"] for c in data["claims"])
        return [self.id(c) for c in dict.fromkeys(claims)]


def generate(site: Site, n: int, folder: Path) -> Path:
    """Write an explainer with ``n`` copies of ``site``'s content into ``folder``."""
    copies = [Copy(site, k) for k in range(1, n + 1)]
    langs = site.languages
    data = folder / "docs" / "data"
    data.mkdir(parents=True)
    for name in ("actors", "context", "claims", "figures", "terms"):
        if name in site.data:
            records = [c.record(name, r) for r in site.data[name] or [] for c in copies]
            (data / f"{name}.yml").write_text(dump(records), encoding="utf-8")
    # the timeline in time order: each event's copies one after the other
    timeline = dict(site.data["timeline"])
    timeline["events"] = [
        c.record("events", e) for e in site.data["timeline"]["events"] for c in copies
    ]
    (data / "timeline.yml").write_text(dump(timeline), encoding="utf-8")
    for other in sorted(site.data_dir.glob("*.yml")):  # synonyms, vocabularies, languages
        if not (data / other.name).exists() and other.name != "source.yml":
            shutil.copy(other, data / other.name)
    heads = len(site.text_blocks) - len(site.source["blocks"])
    texts, blocks = list(site.text_blocks[:heads]), []
    for c in copies:
        for text, entry in c.blocks():
            texts.append(text)
            blocks.append(entry)
    (data / site.source["file"]).write_text("\n\n".join(texts) + "\n", encoding="utf-8")
    (data / "source.yml").write_text(dump({**site.source, "blocks": blocks}), encoding="utf-8")
    for c in copies:
        where = "" if c.k == 1 else f"{part(c.k)}/"
        for rel, text in site.pages[langs[0]].items():
            original = c.page(langs[0], text, None)
            body = parse_page(original, rel).body_lines()
            written = fingerprint(*(line for _, line in body))
            for lang in langs:
                translated = c.page(lang, site.pages[lang][rel], written)
                page = original if lang == langs[0] else translated
                target = folder / "docs" / lang / where / rel
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(page, encoding="utf-8")
    config = copy.deepcopy(site.config)
    config["docs_dir"] = f"docs/{langs[0]}"
    custom = (config.get("theme") or {}).get("custom_dir")
    if custom and (site.config_dir / custom).is_dir():
        shutil.copytree(site.config_dir / custom, folder / custom)
    features = config.setdefault("theme", {}).setdefault("features", [])
    if "navigation.prune" not in features:
        features.append("navigation.prune")
    pages = list(site.config.get("nav") or site.pages[langs[0]])
    config["nav"] = nav(pages, n, langs[0])
    i18n = config.setdefault("extra", {}).setdefault("i18n", {})
    for lang in langs[1:]:
        i18n.setdefault(lang, {})["nav"] = nav(pages, n, lang)
    (folder / "mkdocs.yml").write_text(dump(config), encoding="utf-8")
    return folder / "mkdocs.yml"


def part(k: int) -> str:
    return f"part-{k:03d}"


def nav(pages: list[str], n: int, lang: str) -> list[Any]:
    """Return the nav: the site's pages, then a section per copy, grouped ten to a group.

    Groups nest as deep as it takes, so that with ``navigation.prune`` a page's nav
    lists at most ten items at each level above it, whatever the number of copies.
    """
    title = SECTION.get(lang, SECTION["en"])
    items: list[tuple[int, int, Any]] = [
        (k, k, {title.format(k=k): [f"{part(k)}/{p}" for p in pages]}) for k in range(2, n + 1)
    ]
    while len(items) > PER_GROUP:
        grouped = []
        for start in range(0, len(items), PER_GROUP):
            chunk = items[start : start + PER_GROUP]
            first, last = chunk[0][0], chunk[-1][1]
            label = GROUP.get(lang, GROUP["en"]).format(a=first, b=last)
            grouped.append((first, last, {label: [item for *_, item in chunk]}))
        items = grouped
    return [*pages, *(item for *_, item in items)]


# --- building and weighing ----------------------------------------------------------


@dataclass
class Build:
    """One scale, built: its times, the child's peak memory, and its pages."""

    scale: int
    seconds: list[float]
    peak_kb: int
    site: Path

    @property
    def time(self) -> float:
        return statistics.median(self.seconds)

    def output_bytes(self) -> int:
        return sum(p.stat().st_size for p in self.site.rglob("*") if p.is_file())

    @functools.cached_property
    def pages(self) -> dict[str, int]:
        """Return each page's bytes, by its path under the site (the 404 pages left out)."""
        return {
            p.relative_to(self.site).as_posix(): p.stat().st_size
            for p in self.site.rglob("*.html")
            if p.name != "404.html"
        }

    def search_index(self) -> int:
        """Return the bytes of the largest language's search index (fetched on first use)."""
        return max(p.stat().st_size for p in self.site.rglob("search/search_index.json"))

    def gzipped(self, page: str) -> int:
        """Return what ``page`` weighs sent gzipped (level 6, as GitHub Pages sends it)."""
        return len(gzip.compress((self.site / page).read_bytes(), 6))

    def records(self, page: str) -> int:
        """Return how many records and paragraphs ``page`` shows (their anchors)."""
        return len(_RECORD_ANCHOR.findall((self.site / page).read_text(encoding="utf-8")))


_RECORD_ANCHOR = re.compile(r'\bid="(?:claim|event|figure|term|actor)-[^"]+"|\bid="p\d+"')


def build(scale: int, config: Path, site: Path, runs: int) -> Build:
    """Build ``config`` ``runs`` times as fresh processes (after a warm-up if ``runs`` > 1).

    The warm-up fills the caches beside mkdocs.yml (font subsets, compiled templates),
    as the repository's own builds find them.
    """
    command = [sys.executable, "-m", "explainer.cli", "-f", str(config), "build"]
    command += ["--site-dir", str(site)]
    seconds, peak = [], 0
    for run in range(runs + (runs > 1)):
        took, rss = run_child(command)
        peak = max(peak, rss)
        if run or runs == 1:
            seconds.append(took)
    return Build(scale, seconds, peak, site)


def run_child(command: list[str]) -> tuple[float, int]:
    """Run ``command``; return its seconds and its peak resident memory in KB (Linux)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    started = time.perf_counter()
    child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)  # this child's usage, not every child's
    took = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        sys.exit(f"scale: {' '.join(command)} failed ({child.returncode})")
    return took, usage.ru_maxrss


# --- the report ---------------------------------------------------------------------


def fixed_pages(site: Site) -> list[str]:
    """Return the built paths of the site's pages that show no whole kind of record.

    What they show is the same at every scale, so what they weigh must be too; each is
    also followed by its copy in ``part-002/``, from the first scale that has one.
    """
    found = []
    for lang in site.languages:
        prefix = "" if lang == site.languages[0] else f"{lang}/"
        for rel, text in site.pages[lang].items():
            names = {m.group(1) for m in re.finditer(r"\[\[([a-z]+)[\] ]", text)}
            if not names & WHOLE and rel != "index.md":
                found.append(f"{prefix}{rel.removesuffix('.md')}/index.html")
    return found + [f"{part(2)}/{page}" for page in found]


def record_count(site: Site) -> int:
    """Return the records of every kind in the site's content (copy 1)."""
    kinds = ("actors", "context", "claims", "figures", "terms")
    return sum(len(site.data.get(k) or []) for k in kinds) + len(site.data["timeline"]["events"])


def print_builds(site: Site, builds: list[Build], misses: Any) -> None:
    """Print each scale's build against the targets: time(N×) ≤ N × time(1×)."""
    base = builds[0]
    print(
        f"\n  {'scale':>5} {'paras':>6} {'records':>7} {'pages':>5} {'build':>8} {'runs':>4}"
        f" {'× 1×':>7} {'target':>6} {'peak RSS':>8} {'output':>9} {'search':>9}  largest page"
    )
    for b in builds:
        largest = max(b.pages, key=lambda p: b.pages[p])
        ratio = b.time / base.time
        mark = misses.check(ratio <= b.scale, f"{b.scale}× builds in {ratio:.1f}× the time of 1×")
        print(
            f"  {b.scale:>4}× {site.paragraphs * b.scale:>6} {record_count(site) * b.scale:>7}"
            f" {len(b.pages):>5} {b.time:>6.2f} s {len(b.seconds):>4} {ratio:>6.2f}×"
            f" {'≤ ' + str(b.scale):>6} {b.peak_kb / KB:>5.0f} MB"
            f" {b.output_bytes() / KB**2:>6.1f} MB {b.search_index() / KB:>6,.0f} KB"
            f"  {largest} {b.pages[largest] / KB:,.0f} KB"
            f" ({b.records(largest):,} records){mark}"
        )
    print("  time: median of the runs after a warm-up; peak RSS: the build's own, at its largest;")
    print("  output: bytes on disk; search: the largest language's index, fetched on first use")


def print_fixed(site: Site, builds: list[Build], misses: Any) -> None:
    """Print what the fixed pages weigh at each scale: the same, within DRIFT."""
    heads = "".join(f"{str(b.scale) + '×':>16}" for b in builds)
    print(f"\n  a page's weight, gzip KB (raw KB){'':<6}{heads}   drift  target")
    for page in fixed_pages(site):
        shown = [b for b in builds if page in b.pages]
        if len(shown) < 2:
            continue
        cells = "".join(
            f"{b.gzipped(page) / KB:>8.1f} ({b.pages[page] / KB:>5.1f})" if page in b.pages
            else f"{'–':>16}"
            for b in builds
        )  # fmt: skip
        first = shown[0].gzipped(page)
        drift = max(b.gzipped(page) for b in shown) / first - 1
        mark = misses.check(drift <= DRIFT, f"{page} weighs {drift:+.0%} at a larger scale")
        print(f"  {page:<40}{cells}  {drift:>+5.1%}  ≤ {DRIFT:.0%}{mark}")
    print(
        "  these pages show the same records at every scale; their nav lists at most ten"
        " items a level"
    )


def print_largest(builds: list[Build], misses: Any) -> None:
    """Print whether the largest page weighs what its own records say it should."""
    last = builds[-1]
    page = max(last.pages, key=lambda p: last.pages[p])
    points = [(b, b.pages[page], b.records(page)) for b in builds if page in b.pages]
    print(f"\n  the largest page at {last.scale}×, {page}, by the records it shows:")
    for b, size, count in points:
        each = f"  {size / count / KB:.2f} KB a record" if count else ""
        print(f"  {b.scale:>6}×  {size / KB:>9,.1f} KB  {count:>6,} records{each}")
    if len(points) < 3 or points[-2][2] == points[0][2]:
        return
    (first, b1, r1), (second, b2, r2), (_, bn, rn) = points[0], points[-2], points[-1]
    predicted = b1 + (rn - r1) * (b2 - b1) / (r2 - r1)
    drift = bn / predicted - 1
    mark = misses.check(abs(drift) <= DRIFT, f"{page} weighs {drift:+.0%} off its own records")
    print(
        f"  from {first.scale}× and {second.scale}×, its records predict"
        f" {predicted / KB:,.1f} KB at {last.scale}×: actual {drift:+.1%}"
        f" (target within ±{DRIFT:.0%}){mark}"
    )


def run(config_file: Path, scales: tuple[int, ...], runs: int, misses: Any) -> None:
    """Generate, build and weigh each scale of the site of ``config_file``; print the tables."""
    site = Site.read(config_file.resolve())
    print("\nscale: explainers with N× this site's content, each built as a fresh process")
    builds: list[Build] = []
    with tempfile.TemporaryDirectory(prefix="explainer-scale-") as tmp:
        for n in scales:
            started = time.perf_counter()
            config = generate(site, n, Path(tmp) / f"x{n}")
            made = time.perf_counter() - started
            if builds:  # the font subsets and templates the smaller scale kept, as a site has
                previous = Path(tmp) / f"x{builds[-1].scale}" / CACHE_DIR
                shutil.copytree(previous, config.parent / CACHE_DIR, dirs_exist_ok=True)
            times = 1 if n >= 100 else runs  # one long build says enough
            print(f"  {n}×: generated in {made:.1f} s; building {times}×", flush=True)
            builds.append(build(n, config, Path(tmp) / f"site{n}", times))
        print_builds(site, builds, misses)
        print_fixed(site, builds, misses)
        print_largest(builds, misses)


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", type=Path, default=REPO / "mkdocs.yml")
    parser.add_argument("--scales", default=",".join(map(str, SCALES)), help="default 1,10,100")
    parser.add_argument("--runs", type=int, default=3, help="builds per scale below 100× (3)")
    return parser.parse_args()


def main() -> int:
    from benchmark import Misses  # the benchmark's, so both report misses alike

    args = arguments()
    misses = Misses()
    run(args.config_file, tuple(int(s) for s in args.scales.split(",")), args.runs, misses)
    if misses:
        print(f"\n{len(misses)} target(s) missed:")
        print("\n".join(f"  - {miss}" for miss in misses))
        return 1
    print("\nevery scale target met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
