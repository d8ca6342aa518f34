"""Golden tests: each extension's HTML for fixed input, compared with a file.

The expected files are the contract of the extensions' markup: a change shows as a
unified diff. ``--update-golden`` rewrites them from the current output.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import markdown
import pytest
import yaml

from explainer.new import STARTER

GOLDEN = Path(__file__).parent / "golden"
CONTENT = str(STARTER / "docs/data")
CASES = yaml.safe_load((GOLDEN / "cases.yml").read_text("utf-8"))


def render(name: str, lang: str) -> str:
    case = CASES[name]
    options = {"content": CONTENT, "lang": lang, "source_page": "source.md"}
    md = markdown.Markdown(
        extensions=[f"explainer.{ext}" for ext in case["extensions"]],
        extension_configs={f"explainer.{ext}": options for ext in case["extensions"]},
    )
    return md.convert((GOLDEN / f"{name}.md").read_text("utf-8")) + "\n"


@pytest.mark.parametrize(
    ("name", "lang"), [(name, lang) for name, case in CASES.items() for lang in case["langs"]]
)
def test_golden(name: str, lang: str, request: pytest.FixtureRequest) -> None:
    expected_file = GOLDEN / f"{name}.{lang}.html"
    actual = render(name, lang)
    if request.config.getoption("--update-golden"):
        expected_file.write_text(actual, "utf-8")
    assert expected_file.is_file(), f"{expected_file} is missing: run with --update-golden"
    expected = expected_file.read_text("utf-8")
    if actual != expected:
        diff = difflib.unified_diff(
            expected.splitlines(), actual.splitlines(), str(expected_file), "actual", lineterm=""
        )
        pytest.fail("\n".join(diff))
