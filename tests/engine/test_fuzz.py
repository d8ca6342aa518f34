"""Property-based fuzzing of everything that reads what an editor writes.

The record loader, the front-matter parser, the source-text loader, the directive and
marker parser and the search normaliser are fed random text and mutated copies of
valid files (the sample project's). Each either succeeds or raises
:class:`~explainer.errors.ContentInvalid` whose every error names the file and a line
inside it (``file:line``) -- never any other exception. And a page that the checks
pass renders: ``[[…]]`` the checks accept never makes a build fail with a traceback.

Two Hypothesis profiles, registered here:

- ``ci`` (the default): derandomized, a bounded number of examples, so the suite runs
  the same examples every time in seconds;
- ``deep``: twenty times the examples, freshly random on every run, for a longer hunt::

      EXPLAINER_FUZZ=deep python -m pytest tests/engine/test_fuzz.py

A falsifying example that Hypothesis prints becomes a minimal test at the end of this
file, which stays as a regression test once the engine is fixed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, Phase, event, given, settings
from hypothesis import strategies as st
from pymdownx.slugs import slugify

from explainer import content as content_module
from explainer import search, yamlfile
from explainer.content import Content, load_content
from explainer.errors import ContentError, ContentInvalid, ErrorList, display_path
from explainer.new import STARTER
from explainer.pagefile import PageFile, parse_page
from explainer.pages import check_references, scan_page
from explainer.source import load_source
from explainer.textfile import decode

# --- profiles --------------------------------------------------------------------------

CI_EXAMPLES = 100
COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow],
    # The explain phase traces every line run to say which ran only in failing cases:
    # minutes per failing loader test, for little that the shrunk example leaves unsaid.
    "phases": [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
}
# CI: the same examples on every run, the first failure of each test shrunk and shown.
settings.register_profile(
    "ci", derandomize=True, max_examples=CI_EXAMPLES, report_multiple_bugs=False, **COMMON
)
# Deep: fresh examples on every run, and every distinct failure of a test shown.
settings.register_profile("deep", derandomize=False, max_examples=CI_EXAMPLES * 20, **COMMON)
settings.load_profile("deep" if os.environ.get("EXPLAINER_FUZZ") == "deep" else "ci")

# --- the inputs ----------------------------------------------------------------------

TESTS = Path(__file__).resolve().parent
SAMPLE = STARTER / "docs"
SAMPLE_DATA = SAMPLE / "data"
#: The sample project has no synonym list: an example's is the valid one to mutate.
SYNONYMS = TESTS.parents[1] / "examples/market-hours/docs/data/synonyms.yml"
RECORD_FILES = (
    "actors.yml",
    "claims.yml",
    "timeline.yml",
    "figures.yml",
    "terms.yml",
    "source.yml",
    "synonyms.yml",
)
SOURCE_TEXT = "text.ar.txt"
ENABLED = {"source", "claims", "timeline", "figures", "terms", "positions"}
EXTENSIONS = ["source", "claims", "positions", "timeline", "figures", "terms", "bidi"]
LANGS = ("ar", "en")
PAGE = "docs/en/fuzz.md"


def seed_text(name: str) -> str:
    path = SYNONYMS if name == "synonyms.yml" else SAMPLE_DATA / name
    return path.read_text("utf-8")


PAGE_SEEDS = [
    *(p.read_text("utf-8") for p in sorted(SAMPLE.glob("*/index.md"))),
    *(p.read_text("utf-8") for p in sorted((TESTS / "golden").glob("*.md"))),
]

SYNTAX = "-:[]{}#*&!|>'\"\n\t ,%@`?~<.\\"
ARABIC = "".join(chr(c) for c in range(0x0621, 0x064B))
# harakat, tanween, shadda, sukun, superscript alef; tatweel
DIACRITICS = "".join(chr(c) for c in range(0x064B, 0x0653)) + "\u0670\u0640"
# direction and invisible marks, and what some readers count as a line break
MARKS = "\u200f\u200e\u061c\u200b\ufeff\u00ad\r\x85\u2028\u2029\x0b\x0c\0"
DIGITS = "0123456789٠١٢٣٤٥٦٧٨٩۰۹٬٫"

#: One character, weighted toward YAML and Markdown syntax and Arabic.
CHARS = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from(SYNTAX),
    st.sampled_from(ARABIC),
    st.sampled_from(DIACRITICS + MARKS),
    st.sampled_from(DIGITS),
    st.characters(codec="utf-8"),
)
#: Pieces of syntax that single characters rarely assemble: YAML tags, flow collections,
#: anchors, dates, escapes; directives and markers; ids of the sample's records.
TOKENS = [
    *("- ", ": ", "? ", "[", "]", "{", "}", "[]", "{}", "[p2]", "{ar: x, en: y}", "~"),
    *("null", "true", "no", "!!int ", "!!str ", "!!float ", "!!bool ", "!!timestamp "),
    *("!!binary ", "!!set ", "!!map ", "!!seq ", "!!omap ", "!!python/name:os.system "),
    *("&a ", "*a", "<<: ", "|", ">-", "'", '"', "# ", "%YAML 1.1", "---", "..."),
    *("2019", "2019-02-30", "2021-13", "2020-02-29", "0x1F", "1e400", ".nan", "-0"),
    *("\\0", '"a\\0b"', '"\\x00"', "\\u2028", "\t", "  ", "    ", "\n", "\n\n"),
    *("[[", "]]", "[[claims ", "[[source]]", "[[claims]]", "[[timeline]]", "[[terms]]"),
    *("[[figures]]", "[[positions]]", "[[nope]]", "[[p1]]", "[[title]]", "[[trees]]"),
    *("> ", "1. ", "* ", "```", "~~~", "<div>", "</div>", "# ", "{: #x}", "`", "\\"),
    *("dam-plan", "trees", "written-2020", "author", "municipality", "explainer"),
    *("p1", "p3", "p9", "title", "ar", "en", "fr", "id", "other", "Dams"),
    *("ال", "و", "ة", "\u064e", "\u200f", "٢٬٥٠٠"),
]
PIECE = st.one_of(st.sampled_from(TOKENS), st.text(CHARS, min_size=1, max_size=4))
#: Arbitrary text, mostly syntax: a line or a file's worth.
TEXT = st.text(CHARS, max_size=120)
SOUP = st.lists(st.one_of(PIECE, TEXT), max_size=25).map("".join)
INDENTS = ["", " ", "  ", "   ", "    ", "      ", "\t", "  \t"]

Draw = st.DrawFn


def _span(draw: Draw, text: str) -> tuple[int, int]:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, min(len(text), start + 8)))
    return start, end


def _insert(draw: Draw, text: str) -> str:
    at = draw(st.integers(0, len(text)))
    return f"{text[:at]}{draw(PIECE)}{text[at:]}"


def _delete(draw: Draw, text: str) -> str:
    start, end = _span(draw, text)
    return text[:start] + text[end:]


def _replace(draw: Draw, text: str) -> str:
    start, end = _span(draw, text)
    return f"{text[:start]}{draw(PIECE)}{text[end:]}"


def _line(draw: Draw, lines: list[str]) -> int:
    return draw(st.integers(0, len(lines) - 1))


def _insert_line(draw: Draw, lines: list[str]) -> None:
    new = draw(st.one_of(st.sampled_from(lines), PIECE, TEXT))
    lines.insert(draw(st.integers(0, len(lines))), new)


def _delete_line(draw: Draw, lines: list[str]) -> None:
    del lines[_line(draw, lines)]


def _replace_line(draw: Draw, lines: list[str]) -> None:
    lines[_line(draw, lines)] = draw(st.one_of(st.sampled_from(lines), PIECE, TEXT))


def _duplicate_line(draw: Draw, lines: list[str]) -> None:
    at = _line(draw, lines)
    lines.insert(at, lines[at])


def _swap_lines(draw: Draw, lines: list[str]) -> None:
    a, b = _line(draw, lines), _line(draw, lines)
    lines[a], lines[b] = lines[b], lines[a]


def _indent(draw: Draw, lines: list[str]) -> None:
    at = _line(draw, lines)
    lines[at] = draw(st.sampled_from(INDENTS)) + lines[at].lstrip(" \t")


def _value(draw: Draw, lines: list[str]) -> None:
    """Replace what follows a ``key:`` with a piece: valid YAML, a value of another type."""
    at = _line(draw, lines)
    key, colon, _ = lines[at].partition(":")
    lines[at] = f"{key}{colon or ':'} {draw(st.one_of(PIECE, SOUP))}"


CHAR_MUTATIONS = [_insert, _delete, _replace]
LINE_MUTATIONS = [
    _insert_line,
    _delete_line,
    _replace_line,
    _duplicate_line,
    _swap_lines,
    _indent,
    _value,
]


@st.composite
def mutated(draw: Draw, seeds: Sequence[str]) -> str:
    """Return one of ``seeds`` after one to eight random edits, of characters or lines."""
    text: str = draw(st.sampled_from(seeds))
    for _ in range(draw(st.integers(1, 8))):
        mutation = draw(st.sampled_from(CHAR_MUTATIONS + LINE_MUTATIONS))
        if mutation in CHAR_MUTATIONS:
            text = mutation(draw, text)
        else:
            lines = text.split("\n")
            mutation(draw, lines)
            text = "\n".join(lines)
    return text


def texts(seeds: Sequence[str]) -> st.SearchStrategy[str]:
    """Mutated valid files, most often; else syntax soup or arbitrary text."""
    return st.one_of(mutated(seeds), mutated(seeds), SOUP, st.text(CHARS, max_size=400))


@st.composite
def file_bytes(draw: Draw, seeds: Sequence[str]) -> bytes:
    """Return a file's bytes: mostly UTF-8, sometimes with a BOM, CRLF or another encoding."""
    text: str = draw(texts(seeds))
    how = draw(st.sampled_from(["utf-8"] * 6 + ["bom", "crlf", "cp1256", "utf-16", "garbage"]))
    if how == "bom":
        return b"\xef\xbb\xbf" + text.encode("utf-8")
    if how == "crlf":
        return text.replace("\n", "\r\n").encode("utf-8")
    if how in ("cp1256", "utf-16"):
        return text.encode(how, "replace")
    data = text.encode("utf-8")
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=3)) + data[at:]


# --- the property: every error names the file and a line in it ------------------------


def lines_in(text: str) -> int:
    """Return the number of lines of ``text``, as the engine splits them (on ``\\n``)."""
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return len(lines)


def as_text(data: bytes) -> str:
    """Return ``data`` as the loaders see it (any bad byte replaced), line ends unified."""
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def assert_located(
    exc: ContentInvalid, texts_by_path: Callable[[str], str | None], first_line: int = 1
) -> None:
    """Assert ``exc`` holds errors, each naming a known file and a line inside it.

    ``texts_by_path`` returns the text of the file an error names, ``None`` when the
    file does not exist (then the error is about that: line 1); it fails the test for a
    path that is not a file the input could name.
    """
    assert exc.errors, "ContentInvalid without an error"
    for error in exc.errors:
        assert isinstance(error, ContentError), error
        text = texts_by_path(error.path)
        last = 1 if text is None else first_line + lines_in(text)
        assert first_line <= error.line <= last, (
            f"{error.for_editor()}: line {error.line} is outside {first_line}..{last}"
        )
        assert error.col >= 1, error.for_editor()
        assert error.severity in ("error", "warning"), error.for_editor()


def only(path: str, text: str) -> Callable[[str], str]:
    def lookup(shown: str) -> str:
        assert shown == path, f"error names {shown!r}, expected {path!r}"
        return text

    return lookup


def in_folder(folder: Path) -> Callable[[str], str | None]:
    """Look up an error's file, which must be in ``folder`` (shown as the loader shows it)."""
    shown_folder = display_path(folder)

    def lookup(shown: str) -> str | None:
        name = shown.removeprefix(f"{shown_folder}/")
        assert name != shown and "/" not in name, f"error names {shown!r}, not a file of {folder}"
        path = folder / name
        return as_text(path.read_bytes()) if path.is_file() else None

    return lookup


# --- textfile.decode -------------------------------------------------------------------


@given(
    st.one_of(
        st.binary(max_size=300),
        file_bytes(PAGE_SEEDS + [seed_text(SOURCE_TEXT)]),
        st.text(ARABIC + " \n", max_size=80).map(lambda t: t.encode("cp1256", "replace")),
    )
)
def test_decode_returns_text_or_names_the_line_of_the_first_bad_byte(data: bytes) -> None:
    shown = "docs/ar/fuzz.md"
    body = data.removeprefix(b"\xef\xbb\xbf")
    try:
        expected: str | None = body.decode("utf-8")
    except UnicodeDecodeError:
        expected = None
    if expected is not None and "\0" in expected:
        expected = None
    try:
        text = decode(data, shown)
    except ContentInvalid as exc:
        assert expected is None, f"valid UTF-8 text refused: {exc}"
        assert_located(exc, only(shown, as_text(data)))
        assert [e.rule for e in exc.errors] == ["file.encoding"]
        return
    assert expected is not None, "bytes that are not UTF-8 text accepted"
    assert text == expected.replace("\r\n", "\n").replace("\r", "\n")


# --- the front matter parser and the YAML loader ---------------------------------------

PAGE_TEXT = st.one_of(
    texts(PAGE_SEEDS),
    st.builds(lambda head, body: f"---\n{head}\n---\n{body}", SOUP, SOUP),
    st.builds(lambda head: f"---\n{head}", SOUP),
)


def from_file(text: str) -> str:
    """Return ``text`` as :func:`~explainer.textfile.read_text` hands it on: ``\\n`` ends."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@given(PAGE_TEXT.map(from_file))
def test_front_matter_parser_returns_a_page_or_names_its_lines(text: str) -> None:
    try:
        page = parse_page(text, PAGE)
    except ContentInvalid as exc:
        assert_located(exc, only(PAGE, text))
        return
    assert isinstance(page, PageFile)
    assert isinstance(page.meta, yamlfile.Mapping)
    assert 1 <= page.body_start <= lines_in(text) + 1
    assert any(line.strip() for _, line in page.body_lines())


YAML_SEEDS = [seed_text(name) for name in RECORD_FILES]


@given(texts(YAML_SEEDS).map(from_file), st.integers(1, 40))
def test_yaml_loader_returns_data_or_names_its_line(text: str, first_line: int) -> None:
    try:
        yamlfile.loads(text, "docs/data/fuzz.yml", first_line)
    except ContentInvalid as exc:
        assert_located(exc, only("docs/data/fuzz.yml", text), first_line)


def marks(data: object) -> object:
    """The lines a loaded value keeps, as plain values to compare."""
    if isinstance(data, yamlfile.Mapping):
        return (data.line, data.key_lines, {key: marks(value) for key, value in data.items()})
    if isinstance(data, yamlfile.Sequence):
        return (data.line, data.item_lines, [marks(item) for item in data])
    return None


@given(texts(YAML_SEEDS).map(from_file))
def test_libyaml_reads_what_the_python_parser_reads_or_leaves_it_to_it(text: str) -> None:
    # the fast path must never accept a file the Python parser refuses, nor read it
    # otherwise: the same values, the same lines
    try:
        fast = yamlfile._load_fast(text, 3)
    except yamlfile._Unsure:
        return
    loader = yamlfile._LineLoader(text, 3)
    try:
        slow = loader.get_single_data()
    finally:
        loader.dispose()
    assert fast == slow
    assert marks(fast) == marks(slow)


# --- the record loader and the source text loader --------------------------------------


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A copy of the sample's data folder; each example edits one file, then restores it."""
    target = tmp_path_factory.mktemp("fuzz") / "data"
    shutil.copytree(SAMPLE_DATA, target)
    yield target


def with_file(folder: Path, name: str, data: bytes, check: Callable[[], None]) -> None:
    """Run ``check`` with ``folder/name`` holding ``data``; put the file back afterwards."""
    path = folder / name
    before = path.read_bytes() if path.exists() else None
    path.write_bytes(data)
    try:
        content_module._cache.clear()  # the loader caches by mtime and size: load afresh
        check()
    finally:
        if before is None:
            path.unlink()
        else:
            path.write_bytes(before)
        content_module._cache.clear()


def assert_loads_or_names_lines(folder: Path) -> None:
    try:
        result = load_content(folder)
    except ContentInvalid as exc:
        event("refused")
        assert_located(exc, in_folder(folder))
        return
    event("loaded")
    assert isinstance(result, Content)


@pytest.mark.parametrize("name", RECORD_FILES)
@given(data=st.data())
def test_record_loader_loads_or_names_file_and_line(
    name: str, data: st.DataObject, data_dir: Path
) -> None:
    raw = data.draw(file_bytes([seed_text(name)]), label=name)
    with_file(data_dir, name, raw, lambda: assert_loads_or_names_lines(data_dir))


@given(raw=file_bytes([seed_text(SOURCE_TEXT)]))
def test_source_text_loader_loads_or_names_file_and_line(raw: bytes, data_dir: Path) -> None:
    def check() -> None:
        errors = ErrorList()
        source = load_source(data_dir, display_path(data_dir), errors)
        if source is None:
            assert any(e.severity == "error" for e in errors), "no source and no error"
        if errors:
            assert_located(ContentInvalid(errors.errors), in_folder(data_dir))
        assert_loads_or_names_lines(data_dir)

    with_file(data_dir, SOURCE_TEXT, raw, check)


# --- the directive and marker parser, and the pages it passes ------------------------


def render(body: str, lang: str) -> str:
    """Render a page body as the site does: the explainer's extensions, the sample content."""
    names = [f"explainer.{e}" for e in EXTENSIONS]
    options = {
        "content": str(SAMPLE_DATA),
        "lang": lang,
        "source_page": "index.md",
        "terms_page": "index.md",
    }
    md = markdown.Markdown(
        extensions=["toc", "attr_list", *names],
        extension_configs={"toc": {"slugify": slugify(case="lower")}}
        | dict.fromkeys(names, options),
    )
    return md.convert(body)


def check_page(text: str, content: Content) -> PageFile | None:
    """Return the page if ``parse_page`` and ``check_references`` find no error in it."""
    try:
        page = parse_page(text, PAGE)
    except ContentInvalid as exc:
        assert_located(exc, only(PAGE, text))
        return None
    scan = scan_page(page, "fuzz.md")
    for _, _, line in scan.directives:
        assert page.body_start <= line <= lines_in(text)
    errors = ErrorList()
    check_references([scan], content, ENABLED, errors)
    if errors:
        assert_located(ContentInvalid(errors.errors), only(PAGE, text))
        return None
    return page


@given(text=PAGE_TEXT.map(from_file))
def test_a_page_the_checks_pass_renders_in_every_language(text: str) -> None:
    page = check_page(text, load_content(SAMPLE_DATA))  # loaded once, then cached
    event("refused" if page is None else "checked and rendered")
    if page is None:
        return
    for lang in LANGS:
        html = render(page.body, lang)
        assert isinstance(html, str)


# --- the search normaliser -------------------------------------------------------------


@given(st.one_of(st.text(CHARS, max_size=200), SOUP, st.text()))
def test_search_normaliser_never_raises(text: str) -> None:
    normal = search.normalise(text)
    assert isinstance(normal, str)
    found = search.words(text)
    assert isinstance(found, list)
    assert all(isinstance(w, str) and w for w in found)
    for word in [*search.words(normal), text, normal]:
        assert isinstance(search.stem(word), str)
    terms = search.Terms()
    assert all(isinstance(t, str) and t for t in terms.terms(text))
    assert isinstance(terms.query(text), str)


# --- what the fuzzing found, shrunk by hand -----------------------------------------------
# Each failed before its fix (a traceback instead of file:line); they stay as regressions.


@pytest.fixture
def sample_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(SAMPLE_DATA, target)
    return target


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), "utf-8")


# Found: yamlfile.loads turns only yaml.YAMLError into ContentInvalid, but PyYAML's safe
# constructors raise plain ValueError, IndexError, AttributeError, KeyError or TypeError
# for a date that does not exist (an unquoted 2019-02-30 is read as a timestamp) and for
# an explicit tag whose value cannot be built: a traceback instead of file:line.
@pytest.mark.parametrize(
    "text",
    [
        "date: 2019-02-30\n",  # ValueError: day is out of range for month
        "value: !!int\n",  # IndexError (found by the fuzzing, in figures.yml)
        "value: !!int 08\n",  # ValueError: invalid literal for int() with base 8
        "value: !!float ;\n",  # ValueError: could not convert string to float
        "date: !!timestamp soon\n",  # AttributeError: 'NoneType' … 'groupdict'
        "quoted: !!bool maybe\n",  # KeyError: 'maybe'
        "name: !!map [x]\n",  # TypeError: cannot unpack non-iterable ScalarNode
        "actors: !!seq {a: 1}\n",  # AttributeError: 'tuple' object has no attribute 'tag'
        "paragraph: !!set p1\n",  # ValueError: not enough values to unpack
    ],
)
def test_found_yaml_value_that_cannot_be_constructed(text: str) -> None:
    with pytest.raises(ContentInvalid) as info:
        yamlfile.loads(text, "docs/data/figures.yml")
    assert_located(info.value, only("docs/data/figures.yml", text))


# Found: the same, through the front matter parser: a page's date that does not exist.
def test_found_front_matter_date_that_does_not_exist() -> None:
    text = "---\ntitle: Page\ndate: 2021-02-30\n---\n# Page\n"
    with pytest.raises(ContentInvalid) as info:
        parse_page(text, PAGE)
    assert_located(info.value, only(PAGE, text))


# Found: an empty source.yml (or one holding only comments or `~`) loads as None, which
# is also the fallback errors.collect returns for an unreadable file, so load_source
# returns None without adding an error and load_content fails its own assertion
# (src/explainer/content.py:75 "assert source is not None") instead of saying file:line.
@pytest.mark.parametrize("text", ["", "# nothing yet\n", "~\n"])
def test_found_empty_source_yml(sample_data: Path, text: str) -> None:
    (sample_data / "source.yml").write_text(text, "utf-8")
    with pytest.raises(ContentInvalid) as info:
        load_content(sample_data)
    assert_located(info.value, in_folder(sample_data))


# Found: source.yml may name its text file with a NUL (a YAML "\0" escape); read_text
# catches OSError only, and Path.stat raises ValueError("embedded null byte").
def test_found_source_file_name_with_a_nul(sample_data: Path) -> None:
    edit(sample_data / "source.yml", "file: text.ar.txt", 'file: "text\\0.txt"')
    with pytest.raises(ContentInvalid) as info:
        load_content(sample_data)
    assert_located(info.value, in_folder(sample_data))


# Found: the reference validators (schema.ref, records.paragraph_ref) test `value in
# known` on a dict: a list or mapping where an id belongs raises TypeError (unhashable).
@pytest.mark.parametrize(
    ("old", "new"),
    [("paragraph: p2", "paragraph: [p2]"), ("speaker: author", "speaker: {id: author}")],
)
def test_found_list_or_mapping_where_a_record_id_belongs(
    sample_data: Path, old: str, new: str
) -> None:
    edit(sample_data / "claims.yml", old, new)
    with pytest.raises(ContentInvalid) as info:
        load_content(sample_data)
    assert_located(info.value, in_folder(sample_data))


# Found: PyYAML counts U+2028, U+2029 and U+0085 as line breaks, the engine (and
# decode) only \n: an error after one points at a line past the end of the file.
@pytest.mark.parametrize("text", ["a: 1\u2028b: [\n", "a: 1\x85b: [\n"])
def test_found_yaml_line_after_a_unicode_line_separator(text: str) -> None:
    with pytest.raises(ContentInvalid) as info:
        yamlfile.loads(text, "docs/data/claims.yml")
    assert_located(info.value, only("docs/data/claims.yml", text))


# Found: scan_page reads directives and markers line by line (skipping ``` fences), the
# renderer reads Markdown blocks (and the site enables no fenced code): check_references
# passes these pages, and rendering them raises ValueError.
@pytest.mark.parametrize(
    "text",
    [
        # found by the fuzzing: a directive line without a blank line before or after
        # joins the paragraph, and its name is read as a marker ('unknown … figures')
        "Text.\n[[figures]]\n",
        # a directive in a quote or a list item is rendered but never checked
        "> [[claims nope]]\n",
        "- [[claims nope]]\n",
        # a directive's ids on the next line are a directive to Markdown, not to the checks
        "[[claims\nnope]]\n",
        # without a fenced-code extension, a paragraph between ``` lines is prose
        "```\n\n[[nope]]\n\n```\n",
    ],
    ids=["directive-in-paragraph", "quote", "list", "two-lines", "fence"],
)
def test_found_page_the_checks_pass_does_not_render(text: str) -> None:
    page = check_page(text, load_content(SAMPLE_DATA))
    if page is not None:  # refusing the page with file:line is a fix too
        for lang in LANGS:
            render(page.body, lang)
