"""Search terms: the shared vectors in Python and in the browser, the synonym list, the wiring.

``search_vectors.yml`` holds what :mod:`explainer.search` and its browser copy
(``src/explainer/theme/assets/javascripts/search-terms.js``) must both return; the browser copy
runs in headless Chromium, and both also turn every word of the built site into the
same terms. Then: ``docs/data/synonyms.yml`` loads, and each kind of bad entry stops the
build with its ``file:line``; the built site hands Material's worker our wrapper, the
separator and the synonyms. (The reader queries are in ``test_search_queries.py``.)
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import yaml

from browser import chromium_fixture, site_prefix  # noqa: F401
from conftest import Site
from explainer.cli import main
from explainer.content import load_content
from explainer.errors import ContentInvalid
from explainer.languages import engine_record
from explainer.mkdocs_plugin import THEME
from explainer.seams import material_search_worker
from explainer.search import (
    ARABIC,
    INDEX_KEY,
    SEPARATOR,
    Rules,
    Terms,
    load_synonyms,
    merge_groups,
    normalise,
    stem,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[2]
JS = THEME / "assets/javascripts/search-terms.js"
WRAPPER = THEME / "assets/javascripts/workers/explainer-search.js"
VECTORS: dict[str, Any] = yaml.safe_load(
    Path(__file__).with_name("search_vectors.yml").read_text(encoding="utf-8")
)
LANGS = ("ar", "en")
# The vectors are the Arabic record's rules, but for the Central Kurdish cases
VECTORS["rules"] = ARABIC.as_json()
KURDISH = Rules.of(engine_record("ckb"))  # type: ignore[arg-type]
VECTORS["kurdish_rules"] = KURDISH.as_json()
#: The site's content: the built-site tests read what to expect from it, so they hold
#: for any content (the engine's, whatever the explainer).
CONTENT = load_content(ROOT / "docs/data")
SITE_LANGS = CONTENT.languages


def pairs(kind: str) -> list[tuple[str, str]]:
    return [(str(a), str(b)) for a, b in VECTORS[kind]]


def per_lang(kind: str) -> list[tuple[str, str, str, list[str] | None]]:
    """(lang, input, expected, known) for each case of ``kind``."""
    return [
        (lang, str(case[0]), str(case[1]), [str(k) for k in case[2]] if len(case) > 2 else None)
        for lang in LANGS
        for case in VECTORS[kind].get(lang, [])
    ]


# --- the vectors, in Python ---------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), pairs("normalise"))
def test_normalise(text: str, expected: str) -> None:
    assert normalise(text) == expected
    assert normalise(expected) == expected  # normalising twice changes nothing


@pytest.mark.parametrize(("word", "expected"), pairs("stem"))
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected
    assert stem(expected) == expected  # the index's pipeline may see a term again


@pytest.mark.parametrize(("text", "expected"), pairs("kurdish"))
def test_kurdish_terms(text: str, expected: str) -> None:
    assert " ".join(Terms([], "ckb", KURDISH).terms(text)) == expected


@pytest.mark.parametrize(("lang", "text", "expected", "known"), per_lang("terms"))
def test_terms(lang: str, text: str, expected: str, known: None) -> None:
    terms = Terms(VECTORS["synonyms"], lang)
    assert " ".join(terms.terms(text)) == expected
    assert all(terms.key(t) == t for t in terms.terms(text))


@pytest.mark.parametrize(("lang", "query", "expected", "known"), per_lang("query"))
def test_query(lang: str, query: str, expected: str, known: list[str] | None) -> None:
    assert Terms(VECTORS["synonyms"], lang).query(query, known) == expected


# --- the vectors, in the browser ------------------------------------------------------

# Every case through search-terms.js, in the shape of the vectors file.
RUN_VECTORS = """v => {
    const T = ExplainerSearchTerms;
    const out = {separator: T.SEPARATOR, normalise: [], stem: [], terms: {}, query: {}};
    for (const [text] of v.normalise) out.normalise.push(T.normalise(String(text), v.rules));
    for (const [word] of v.stem) out.stem.push(T.stem(String(word), v.rules));
    out.kurdish = v.kurdish.map(([text]) =>
        new T.Terms([], "ckb", v.kurdish_rules).terms(String(text)).join(" "));
    for (const kind of ["terms", "query"])
        for (const [lang, cases] of Object.entries(v[kind])) {
            const terms = new T.Terms(v.synonyms, lang, v.rules);
            out[kind][lang] = cases.map(([text, , known]) => kind === "terms"
                ? terms.terms(String(text)).join(" ")
                : terms.query(String(text), known ? new Set(known.map(String)) : null));
        }
    return out;
}"""
# Every document of a built search index, through both: the terms of each
TERMS_OF = """([groups, lang, rules, texts]) => {
    const terms = new ExplainerSearchTerms.Terms(groups, lang, rules);
    return texts.map(text => terms.terms(text));
}"""


@pytest.fixture(scope="module")
def js_page(chromium: Browser) -> Any:
    """A page with the terms, and lunr's English stemmer as the search worker hands it over.

    Material's worker script is loaded into the page for its lunr.js (it also listens
    for messages to the page, which no test sends).
    """
    page = chromium.new_page()
    page.add_script_tag(path=str(material_search_worker()))
    page.add_script_tag(path=str(JS))
    page.evaluate("ExplainerSearchTerms.useEnglishStemmer(lunr.stemmer, lunr.Token)")
    yield page
    page.close()


def test_the_browser_copy_passes_the_shared_vectors(js_page: Any) -> None:
    out = js_page.evaluate(RUN_VECTORS, VECTORS)
    wrong = [
        f"{kind}({text!r}) = {got!r}, expected {expected!r}"
        for kind in ("normalise", "stem")
        for (text, expected), got in zip(pairs(kind), out[kind], strict=True)
        if got != expected
    ]
    for (text, expected), got in zip(pairs("kurdish"), out["kurdish"], strict=True):
        if got != expected:
            wrong.append(f"kurdish({text!r}) = {got!r}, expected {expected!r}")
    for kind in ("terms", "query"):
        for lang in LANGS:
            cases = VECTORS[kind].get(lang, [])
            for case, got in zip(cases, out[kind].get(lang, []), strict=True):
                if got != str(case[1]):
                    wrong.append(f"{kind}[{lang}]({case[0]!r}) = {got!r}, expected {case[1]!r}")
    assert not wrong, "\n".join(wrong)
    assert out["separator"] == SEPARATOR


def index_texts(index: dict[str, Any]) -> list[str]:
    """The title and text of every document, tags dropped as Material's tokenizer does."""
    return [
        html.unescape(re.sub(r"<[^>]+>", " ", f"{doc['title']} {doc['text']}"))
        for doc in index["docs"]
    ]


@pytest.mark.parametrize("lang", SITE_LANGS)
def test_python_and_the_browser_make_the_same_terms_of_every_page(
    js_page: Any, site: Site, lang: str
) -> None:
    index = search_index(site, lang)
    settings = index["config"][INDEX_KEY]
    groups, rules = settings["synonyms"], settings["rules"]
    texts = index_texts(index)
    python_rules = Rules(tuple(rules["letters"].items()), rules["stem"])
    python = [Terms(groups, lang, python_rules).terms(t) for t in texts]
    browser = js_page.evaluate(TERMS_OF, [groups, lang, rules, texts])
    assert sum(map(len, python)) > 300
    differ = [(p, b) for p, b in zip(python, browser, strict=True) if p != b]
    assert not differ, differ[:3]


# --- the synonym list -----------------------------------------------------------------


BAD_SYNONYMS = {
    "unknown language": (
        "- {ar: داعش, fr: EI}\n",
        ["1: unknown language 'fr' (the site's: ar, en)"],
    ),
    "a group of one": (
        "- {ar: [ترامب, ترمب]}\n- en: ISIS\n",
        ["2: a synonym group needs two spellings or more"],
    ),
    "a spelling in two groups": (
        "- {ar: [ترامب, ترمب], en: Trump}\n- en:\n    - Donald\n    - trump\n",
        ["4: 'trump' is searched as 'trump', like 'Trump' at line 1: list it once"],
    ),
    "the same spelling once normalised": (
        "- ar: [أميركا, اميركا, وأميركا]\n",
        [
            "1: 'اميركا' is searched as 'اميركا', like 'أميركا' at line 1: list it once",
            "1: 'وأميركا' is searched as 'اميركا', like 'أميركا' at line 1: list it once",
        ],
    ),
    "not a group": (
        "- ISIS\n",
        [
            "1: a synonym group maps language codes to spellings, e.g. "
            "{ar: [ترامب, ترمب], en: Trump}; found 'ISIS'"
        ],
    ),
    "an empty spelling": (
        '- ar: [داعش, ""]\n  en: [ISIS, 153]\n',
        ["1: 'ar': expected a spelling, found nothing", "2: 'en': expected a spelling, found 153"],
    ),
    "a spelling with nothing to search": (
        "- {ar: [داعش, ـــ], en: ISIS}\n",
        ["1: 'ar': 'ـــ' has nothing to search for"],
    ),
    "not a list": (
        "ar: داعش\n",
        ["1: expected a list of synonym groups"],
    ),
    "bad YAML": (
        "- {ar: [داعش, en: ISIS}\n",
        ["1: invalid YAML: expected ',' or ']', but got '}'"],
    ),
}


@pytest.mark.parametrize("case", list(BAD_SYNONYMS))
def test_a_bad_synonym_entry_is_reported_with_its_line(case: str, tmp_path: Path) -> None:
    text, messages = BAD_SYNONYMS[case]
    path = tmp_path / "synonyms.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentInvalid) as raised:
        load_synonyms(path, "docs/data/synonyms.yml", LANGS)
    assert [str(e) for e in raised.value.errors] == [
        f"docs/data/synonyms.yml:{m}" for m in messages
    ]


def test_no_synonym_list_means_no_synonyms(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path / "synonyms.yml", "synonyms.yml", LANGS) == []
    (tmp_path / "synonyms.yml").write_text("# nothing yet\n", encoding="utf-8")
    assert load_synonyms(tmp_path / "synonyms.yml", "synonyms.yml", LANGS) == []


def test_synonyms_are_compared_by_the_rules_of_their_own_language(tmp_path: Path) -> None:
    # Sorani is not stemmed: two forms of a word are two spellings there, which the
    # Arabic rules would see as one (and report, or merge away)
    path = tmp_path / "synonyms.yml"
    path.write_text("- ar: تلميذ\n  ckb: [قوتابی, قوتابییان]\n", encoding="utf-8")
    with pytest.raises(ContentInvalid):
        load_synonyms(path, "synonyms.yml", ("ar", "ckb"))  # the Arabic rules for all
    rules = {"ar": ARABIC, "ckb": KURDISH}
    groups = load_synonyms(path, "synonyms.yml", ("ar", "ckb"), rules)
    assert groups == [{"ar": ["تلميذ"], "ckb": ["قوتابی", "قوتابییان"]}]
    assert merge_groups(groups, rules=rules) == groups
    terms = Terms(merge_groups(groups, rules=rules), "ckb", KURDISH)
    assert terms.key("قوتابییان") == terms.key("قوتابی") == "قوتابی"


@pytest.mark.parametrize("code", ["ckb", "fa"])
def test_the_letters_a_language_folds_are_letters_its_readers_type(code: str) -> None:
    # Sorani and Persian fold the Arabic keyboard's ك ي into ک ی: a reader types them,
    # so the fonts keep them (explainer.fonts), on a site with no Arabic page too
    record = engine_record(code)
    assert record is not None
    assert set(record.search["letters"]) <= set(record.typed)


def test_a_bad_synonym_stops_the_build_with_its_location(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "docs/data/synonyms.yml").write_text(
        "- ar: [نهر, النهر]\n  de: Fluss\n", encoding="utf-8"
    )
    assert main(["build"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "docs/data/synonyms.yml:1:1: error: 'النهر' is searched as 'نهر', like 'نهر' at line 1: "
        "list it once [search.synonyms]",
        "docs/data/synonyms.yml:2:1: error: unknown language 'de' (the site's: ar, en) "
        "[search.synonyms]",
        "explainer: 2 error(s); nothing was built",
    ]
    assert "Traceback" not in err
    assert not (project / "site").exists()


# --- the built site -------------------------------------------------------------------


def search_index(site: Site, lang: str) -> dict[str, Any]:
    prefix = "" if lang == CONTENT.source.language else f"{lang}/"
    path = site.root / prefix / "search/search_index.json"
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@pytest.mark.parametrize("lang", SITE_LANGS)
def test_the_search_index_carries_the_language_separator_and_synonyms(
    site: Site, lang: str
) -> None:
    config = search_index(site, lang)["config"]
    assert config["separator"] == SEPARATOR  # the engine's, for Material's tokenizer
    content, source = CONTENT, CONTENT.source.language
    rules = Rules.of(content.language(lang), content.language(source))
    assert config[INDEX_KEY] == {
        "lang": lang,
        "rules": rules.as_json(),  # the source's, in an index of another script
        "original": "source/",  # the page holding [[source]], ranked after the sections
        "synonyms": content.search_groups,
    }
    groups = config[INDEX_KEY]["synonyms"]
    # every spelling of the synonym list is in, and so is every glossary term and actor
    # name, with its translations in its group
    synonyms = content.synonyms
    listed = {s for group in groups for spellings in group.values() for s in spellings}
    assert {s for g in synonyms for spellings in g.values() for s in spellings} <= listed
    other = content.source.translations[0]
    for term in content.records.terms:
        group = next(g for g in groups if term.text[source] in g.get(source, ()))
        assert term.text[other] in group[other]
    for actor in content.records.actors.values():
        group = next(g for g in groups if actor.name[source] in g.get(source, ()))
        assert actor.name[other] in group[other]


CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)


def test_every_page_hands_material_the_wrapper_of_its_own_worker(site: Site) -> None:
    pages = site.pages()
    assert len(pages) > 4
    for page in pages:
        match = CONFIG.search(page.read_text(encoding="utf-8"))
        assert match, f"{page}: no Material configuration"
        address = json.loads(match.group(1))["search"]
        wrapper, _, worker = address.partition("?")
        assert wrapper.endswith("assets/javascripts/workers/explainer-search.js"), address
        assert re.fullmatch(r"search\.[0-9a-f]+\.min\.js", worker), address
        if wrapper.startswith("/"):  # 404.html: served at any address, so from the root
            folder = (site.root / wrapper.removeprefix(site_prefix(site))).parent
        else:
            folder = site.resolve(page, wrapper).parent
        assert (folder / worker).is_file(), f"{page}: Material's worker {worker} is missing"
        assert (folder / wrapper.rsplit("/", 1)[-1]).is_file()
        assert (folder.parent / "search-terms.js").is_file()
        assert (folder.parent / "search-box.js").is_file()


def test_the_wrapper_loads_the_terms_it_is_shipped_beside() -> None:
    text = WRAPPER.read_text(encoding="utf-8")
    assert '"../search-terms.js"' in text
    assert "lunr.stemmer = termOf" in text
