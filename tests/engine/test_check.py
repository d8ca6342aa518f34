"""``explainer check`` and ``explainer status``: every rule, its message, file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from explainer.cli import main


def run(project: Path, capsys, monkeypatch, *args: str) -> tuple[int, list[str], str]:
    monkeypatch.chdir(project)
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out.splitlines(), err


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), "utf-8")


def test_a_clean_project_checks_clean_without_building(project: Path, capsys, monkeypatch):
    code, out, err = run(project, capsys, monkeypatch, "check")
    assert (code, out) == (0, [])
    assert err.strip() == "explainer check: 0 error(s), 0 warning(s)"
    assert not (project / "site").exists()


def test_the_output_format_is_path_line_col_severity_message_rule(
    project: Path, capsys, monkeypatch
) -> None:
    edit(project / "docs/data/claims.yml", "speaker: municipality", "speaker: mayor")
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert code == 1
    assert out == [
        "docs/data/claims.yml:19:1: error: claim 'dam-plan': 'speaker': unknown actor 'mayor' "
        "(known: author, municipality, explainer) [reference]"
    ]


def test_on_github_actions_problems_are_also_annotations(project: Path, capsys, monkeypatch):
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    edit(project / "docs/data/claims.yml", "speaker: municipality", "speaker: mayor")
    _, out, _ = run(project, capsys, monkeypatch, "check")
    assert out[1] == (
        "::error file=docs/data/claims.yml,line=19,col=1,title=reference::claim 'dam-plan': "
        "'speaker': unknown actor 'mayor' (known: author, municipality, explainer)"
    )


UNSAFE = {
    "script": (
        "<script>alert(1)</script>",
        "error: HTML element <script> is not allowed in content (allowed: abbr, b, bdi, bdo, "
        "br, cite, code, del, dfn, em, i, ins, kbd, mark, q, s, small, span, strong, sub, sup, "
        "time, u, var, wbr) [safety.html]",
    ),
    "iframe": (
        '<iframe src="https://example.com/embed"></iframe>',
        "error: HTML element <iframe> is not allowed in content (allowed: abbr, b, bdi, bdo, "
        "br, cite, code, del, dfn, em, i, ins, kbd, mark, q, s, small, span, strong, sub, sup, "
        "time, u, var, wbr) [safety.html]",
    ),
    "event handler": (
        '<span onclick="steal()">x</span>',
        "error: event handler attribute 'onclick' is not allowed [safety.html]",
    ),
    "javascript link": (
        "[click](javascript:alert(1))",
        "error: 'javascript:' link 'javascript:alert(1)' is not allowed [safety.link]",
    ),
    "external image": (
        "![map](https://example.com/map.png)",
        "error: external image 'https://example.com/map.png' is not allowed: images must be "
        "files of the site (readers' privacy, offline use) [safety.embed]",
    ),
}


@pytest.mark.parametrize("case", list(UNSAFE))
def test_unsafe_content_is_refused(case: str, project: Path, capsys, monkeypatch) -> None:
    snippet, expected = UNSAFE[case]
    page = project / "docs/en/index.md"
    page.write_text(page.read_text("utf-8") + f"\nSee {snippet} here.\n", "utf-8")
    line = len(page.read_text("utf-8").splitlines())
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert code == 1
    assert f"docs/en/index.md:{line}:1: {expected}" in out


def test_safe_inline_html_passes(project: Path, capsys, monkeypatch) -> None:
    page = project / "docs/ar/index.md"
    page.write_text(page.read_text("utf-8") + '\nاسم <bdi lang="en">ISIS</bdi> هنا.\n', "utf-8")
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert [line for line in out if "error" in line] == []


def test_page_pairs_must_place_the_same_records(project: Path, capsys, monkeypatch) -> None:
    edit(project / "docs/en/index.md", "[[claims dam-plan]]", "[[claims trees]]")
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert code == 1
    assert out == [
        "docs/en/index.md:12:1: error: places different records than docs/ar/index.md: "
        "[[figures]], [[timeline]], [[claims trees]], [[terms]], [[source]] here, [[figures]], "
        "[[timeline]], [[claims dam-plan]], [[terms]], [[source]] there [parity.records]"
    ]


def test_internal_links_and_anchors_must_exist(project: Path, capsys, monkeypatch) -> None:
    page = project / "docs/en/index.md"
    page.write_text(
        page.read_text("utf-8") + "\n[a](missing.md) [b](#claim-nope) "
        "[c](#claim-dam-plan) [d](index.md#p2)\n",
        "utf-8",
    )
    line = len(page.read_text("utf-8").splitlines())
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert code == 1
    assert out == [
        f"docs/en/index.md:{line}:1: error: link to a page that does not exist: 'missing.md' "
        "[reference.link]",
        f"docs/en/index.md:{line}:1: error: link to an anchor that does not exist: "
        "'#claim-nope' [reference.anchor]",
    ]


def test_every_problem_in_every_file_is_reported_in_one_run(
    project: Path, capsys, monkeypatch
) -> None:
    edit(project / "docs/data/claims.yml", "speaker: municipality", "speaker: mayor")
    edit(project / "docs/data/timeline.yml", 'date: "2019"', 'date: "2019-13"')
    edit(project / "docs/ar/index.md", "# النص", "# النص <script>x()</script>")
    (project / "docs/en/extra.md").write_text("# Extra\n", "utf-8")
    code, out, err = run(project, capsys, monkeypatch, "check")
    assert code == 1
    assert [line.split(": ")[0] for line in out] == [
        "docs/ar/index.md:1:1",
        "docs/data/claims.yml:19:1",
        "docs/data/timeline.yml:32:1",
        "docs/en/extra.md:1:1",
    ]
    assert [line.rsplit("[", 1)[1] for line in out] == [
        "safety.html]",
        "reference]",
        "schema]",
        "parity.page]",
    ]
    assert err.strip() == "explainer check: 4 error(s), 0 warning(s)"


def test_a_changed_arabic_paragraph_makes_its_translation_stale_until_accepted(
    project: Path, capsys, monkeypatch
) -> None:
    edit(project / "docs/data/text.ar.txt", "حماية الضفاف.", "حماية الضفاف والجسور.")
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert code == 0  # a warning does not fail the check...
    assert out == [
        "docs/data/source.yml:32:1: warning: the 'en' translation of 'p1' was translated from "
        "an older source text; update it, then run: explainer status --accept "
        "docs/data/source.yml [translation.stale]"
    ]
    code, _, _ = run(project, capsys, monkeypatch, "check", "--strict")
    assert code == 1  # ...unless the check is strict
    _, out, _ = run(project, capsys, monkeypatch, "status")
    assert out[1].split() == ["stale", "en", "docs/data/source.yml", "p1"]
    assert out[-2:] == ["0 missing, 1 stale, 18 current", "interface strings: all reviewed"]

    # the English page showing the op-ed says it may lag, and links to the Arabic
    assert main(["build"]) == 0
    capsys.readouterr()
    notice = (project / "site/en/index.html").read_text("utf-8")
    assert 'class="admonition warning ex-outdated"' in notice
    # the source language is named, in the page's language (not assumed to be Arabic)
    assert 'href="../" hreflang="ar">Read the original, in Arabic</a>' in notice
    assert "may lag behind the original, in Arabic, which has changed" in notice

    code, out, _ = run(project, capsys, monkeypatch, "status", "--accept", "docs/data/source.yml")
    assert out == ["docs/data/source.yml: 1 record(s) marked current"]
    assert run(project, capsys, monkeypatch, "check", "--strict")[:2] == (0, [])
    assert main(["build"]) == 0
    assert "ex-outdated" not in (project / "site/en/index.html").read_text("utf-8")


def test_a_changed_arabic_page_makes_the_english_page_stale(
    project: Path, capsys, monkeypatch
) -> None:
    edit(project / "docs/ar/index.md", "لا تكفي.", "لا تكفي وحدها.")
    _, out, _ = run(project, capsys, monkeypatch, "check")
    assert out == [
        "docs/en/index.md:1:1: warning: the 'en' translation of page was translated from an "
        "older source text; update it, then run: explainer status --accept docs/en/index.md "
        "[translation.stale]"
    ]
    run(project, capsys, monkeypatch, "status", "--accept", "docs/en/index.md")
    assert run(project, capsys, monkeypatch, "check", "--strict")[:2] == (0, [])


def test_status_as_json_for_tools(project: Path, capsys, monkeypatch) -> None:
    _, out, _ = run(project, capsys, monkeypatch, "status", "--json")
    units = json.loads("\n".join(out))
    assert {u["status"] for u in units} == {"current"}
    claim = next(u for u in units if u["unit"] == "dam-plan")
    assert claim == {
        "path": "docs/data/claims.yml",
        "unit": "dam-plan",
        "lang": "en",
        "line": 17,
        "status": "current",
        "source_fingerprint": claim["recorded_fingerprint"],
        "recorded_fingerprint": claim["source_fingerprint"],
    }


def test_accepting_an_unknown_path_is_a_clear_error(project: Path, capsys, monkeypatch):
    code, _, err = run(project, capsys, monkeypatch, "status", "--accept", "docs/en/nope.md")
    assert code == 1
    assert err.splitlines()[0] == (
        "docs/en/nope.md:1:1: error: no translation is tracked at 'docs/en/nope.md' (expected a "
        "translated page or a data file) [translation]"
    )


def test_a_figure_in_one_language_only_is_marked_and_passes_every_rule(
    project: Path, capsys, monkeypatch
) -> None:
    """The mark is HTML the safety rules allow, and the figure inside is not compared."""
    sentence = "ترى الكاتبة أن السدود لا تكفي."
    edit(
        project / "docs/ar/index.md",
        sentence,
        sentence + ' كتبت <span class="one-language">2020</span>.',
    )
    code, out, err = run(project, capsys, monkeypatch, "check")
    assert (code, [line for line in out if "error" in line]) == (0, []), err
    assert main(["build"]) == 0
    page = (project / "site/index.html").read_text("utf-8")
    assert '<span class="one-language">2020</span>' in page


def test_prose_figures_compare_as_numbers_and_leave_out_what_is_not_prose(
    project: Path, capsys, monkeypatch
) -> None:
    """2,500 = ٢٬٥٠٠ and 12.5 % = ١٢٫٥٪; markers, links, code, lists, anchors are no figures."""
    edit(
        project / "docs/ar/index.md",
        "ترى الكاتبة أن السدود لا تكفي.[[trees]]",
        "ترى الكاتبة أن ٢٬٥٠٠ سد لا تكفي، أي ١٢٫٥٪ منها.[[trees]]\n\n"
        "1. انظر [الفقرة 3](#p3) و`v2`.\n\n## السدود {#dams-2019}",
    )
    edit(
        project / "docs/en/index.md",
        "The author holds that dams are not enough.[[trees]]",
        "The author holds that 2500 dams are not enough, 12.5 % of them.[[trees]]\n\n"
        "7. See [paragraph 3](#p3) and `v7` at <https://example.org/2019>.\n\n## Dams {#dams}",
    )
    code, out, _ = run(project, capsys, monkeypatch, "check")
    assert [line for line in out if "fidelity.figure" in line] == []
