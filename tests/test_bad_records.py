"""Bad records stop the build: each with its exact ``file:line: message``.

Each case breaks one rule in a copy of the sample project, runs ``explainer build``
and reads what an editor would read. The previous site is never touched.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.cli import main


def edit(project: Path, name: str, old: str, new: str) -> None:
    path = project / "docs/data" / name
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


CASES = {
    "malformed YAML": (
        "claims.yml",
        "  kind: argument\n",
        "  kind: [argument\n",
        "docs/data/claims.yml:16: invalid YAML: expected ',' or ']', but got ':' (while parsing "
        "a flow sequence that starts at line 15)",
    ),
    "missing required field": (
        "claims.yml",
        "  paragraph: p3\n",
        "",
        "docs/data/claims.yml:12: claim 'trees': missing required field 'paragraph'",
    ),
    "Arabic but no English": (
        "timeline.yml",
        "      en: The municipality announces the dam plan.\n",
        "",
        "docs/data/timeline.yml:11: event 'plan': 'text': has 'ar' but no 'en' "
        "(every language is required)",
    ),
    "duplicate id": (
        "claims.yml",
        "- id: trees\n",
        "- id: dam-plan\n",
        "docs/data/claims.yml:12: duplicate claim id 'dam-plan' (first defined at line 1)",
    ),
    "unknown paragraph": (
        "claims.yml",
        "  paragraph: p3\n",
        "  paragraph: p9\n",
        "docs/data/claims.yml:16: claim 'trees': 'paragraph': unknown paragraph 'p9' "
        "(the op-ed has title, p1, p2, p3)",
    ),
    "unknown actor": (
        "claims.yml",
        "  speaker: municipality\n",
        "  speaker: mayor\n",
        "docs/data/claims.yml:3: claim 'dam-plan': 'speaker': unknown actor 'mayor' "
        "(known: author, municipality, explainer)",
    ),
    "unknown claim": (
        "timeline.yml",
        "    claim: dam-plan\n",
        "    claim: dam-plans\n",
        "docs/data/timeline.yml:10: event 'plan': 'claim': unknown claim 'dam-plans' "
        "(known: dam-plan, trees, written-2020)",
    ),
    "impossible date": (
        "timeline.yml",
        'date: "2019"',
        'date: "2019-02-30"',
        "docs/data/timeline.yml:7: event 'plan': 'date': '2019-02-30' is not a valid date: "
        "day is out of range for month (2019-02 has 28 days)",
    ),
    "invalid date": (
        "timeline.yml",
        'date: "2019"',
        "date: next spring",
        "docs/data/timeline.yml:7: event 'plan': 'date': invalid date 'next spring': expected "
        "YYYY, YYYY-MM, YYYY-MM-DD, 'months before writing', 'at writing', 'after writing' or "
        "'within N years'",
    ),
    "quotation not in the paragraph": (
        "claims.yml",
        "    ar: بل يجب زراعة الأشجار على الضفاف\n",
        "    ar: يجب زراعة الأشجار على كل الضفاف\n",
        "docs/data/claims.yml:12: claim 'trees': the 'ar' quote is not verbatim in paragraph "
        "p3 of the op-ed",
    ),
    "figure differs between languages": (
        "claims.yml",
        "    en: In 2019 the municipality announced a plan to build 12 small dams.\n",
        "    en: In 2019 the municipality announced a plan to build 21 small dams.\n",
        "docs/data/claims.yml:1: claim 'dam-plan': 'text' states the figures 12, 2019 in 'ar' "
        "but 21, 2019 in 'en' (figures must agree across languages)",
    ),
    "figure not in the source": (
        "figures.yml",
        "  value: 12\n",
        "  value: 13\n",
        "docs/data/figures.yml:1: figure 'dams': 13 is not in the 'ar' quote of claim "
        "'dam-plan' (figures must match the source)",
    ),
    "term not used in the translation": (
        "source.yml", "whether the dams can", "whether the barriers can",
        "docs/data/source.yml:12: the translation of p1 does not use the agreed term 'dams' for "
        "'السدود' (see term 'dams')",
    ),
    "unknown claim in a page": (
        "../ar/index.md",
        "[[claims dam-plan]]",
        "[[claims dam-plan dam-plans]]",
        "docs/ar/index.md:9: unknown claim 'dam-plans' in '[[claims]]'",
    ),
    "unknown reference in prose": (
        "../en/index.md",
        "enough.[[trees]]",
        "enough.[[tree]]",
        "docs/en/index.md:6: unknown claim or paragraph '[[tree]]' (paragraphs are p1, p2, "
        "p3, title; claims are in claims.yml)",
    ),
}


@pytest.fixture
def built(project: Path, capsys, monkeypatch) -> Path:
    monkeypatch.chdir(project)
    assert main(["build"]) == 0, capsys.readouterr().err
    capsys.readouterr()
    return project


@pytest.mark.parametrize("case", list(CASES))
def test_bad_record_stops_the_build_with_its_location(
    case: str, built: Path, capsys, monkeypatch
) -> None:
    name, old, new, message = CASES[case]
    before = (built / "site/index.html").read_bytes()
    edit(built, name, old, new)
    assert main(["build"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert message in err
    assert err[-1].startswith("explainer: ") and "Traceback" not in "\n".join(err)
    assert (built / "site/index.html").read_bytes() == before


def test_every_problem_is_reported_in_one_run(built: Path, capsys) -> None:
    edit(built, "claims.yml", "  speaker: municipality\n", "  speaker: mayor\n")
    edit(built, "timeline.yml", 'date: "2019"', 'date: "2019-13"')
    edit(built, "terms.yml", "  paragraph: p1\n", "  paragraph: p7\n")
    assert main(["build"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err == [
        "docs/data/claims.yml:3: claim 'dam-plan': 'speaker': unknown actor 'mayor' "
        "(known: author, municipality, explainer)",
        "docs/data/terms.yml:5: term 'dams': 'paragraph': unknown paragraph 'p7' "
        "(the op-ed has title, p1, p2, p3)",
        "docs/data/timeline.yml:7: event 'plan': 'date': '2019-13' is not a valid date: "
        "month must be between 01 and 12",
        "explainer: 3 error(s); nothing was built",
    ]
