"""Write tests/engine/porter_vectors.yml: English words and their stems, from lunr.js itself.

    python scripts/porter_vectors.py

The stems come from the lunr.js inside the installed Material's search worker (run in
Node), so the Python port in ``explainer.porter`` is checked against the very code
that stems the index in the reader's browser. The words are every English word of
this repository's prose and content, the cases the Porter algorithm treats
specially, and seeded made-up words ending in each suffix its rules look at. Run it
again after a Material update; ``tests/engine/test_seams.py`` checks the file was made from
the lunr.js installed now.
"""

from __future__ import annotations

import json
import random
import re
import subprocess
from pathlib import Path

from explainer import porter
from explainer.seams import material_search_worker

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests/engine/porter_vectors.yml"
SOURCES = ["README.md", "CONTRIBUTING.md", "docs/en", "docs/data", "tests/site/search_queries.yml"]
# Each rule of the algorithm, its exceptions and a leading y (Porter's own examples)
SPECIAL = """
caresses ponies ties caress cats feed agreed plastered bled motoring sing conflated
troubled sized hopping tanned falling hissing fizzed failing filing happy sky
relational conditional rational valenci hesitanci digitizer conformabli radicalli
differentli vileli analogousli vietnamization predication operator feudalism
decisiveness hopefulness callousness formaliti sensitiviti sensibiliti triplicate
formative formalize electriciti electrical hopeful goodness revival allowance
inference airliner gyroscopic adjustable defensible irritant replacement adjustment
dependent adoption homologou communism activate angulariti homologous effective
bowdlerize probate rate cease controll roll yes yelled yielding you youth try lay
dying lying tying idly gently ugly early only singly news howe atlas cosmos bias
andes inning outing canning herring earring proceed exceed succeed skis skies
"""
NODE = """
const fs = require("fs"), vm = require("vm")
const sandbox = { addEventListener() {}, postMessage() {}, console }
sandbox.self = sandbox
vm.createContext(sandbox)
vm.runInContext(fs.readFileSync(process.argv[1], "utf8"), sandbox)
const lunr = sandbox.lunr
const words = JSON.parse(fs.readFileSync(0, "utf8"))
const stems = words.map(w => lunr.stemmer(new lunr.Token(w)).toString())
process.stdout.write(JSON.stringify({ version: lunr.version, stems }))
"""


def made_up_words(count: int = 600) -> set[str]:
    """Return ``count`` seeded random words, ending in the suffixes the rules look at."""
    rng = random.Random(2_3_9)
    steps = [*porter.STEP2, *porter.STEP3, *porter.STEP4]
    suffixes = sorted({*steps, "s", "es", "ies", "ed", "ing", "eed", "y", "e", "ll", "ion"})
    letters = "aeiouy" + "bcdfghjklmnprstvwxz" * 2
    words = set()
    while len(words) < count:
        stem = "".join(rng.choice(letters) for _ in range(rng.randint(1, 7)))
        words.add(stem + rng.choice(suffixes))
    return words


def english_words() -> list[str]:
    """Return the distinct lower-case English words of the sources, sorted."""
    words = set(SPECIAL.split()) | made_up_words()
    for name in SOURCES:
        path = ROOT / name
        for file in sorted(path.rglob("*")) if path.is_dir() else [path]:
            if file.suffix in (".md", ".yml", ".txt"):
                text = file.read_text("utf-8").lower()
                words.update(re.findall(r"(?<![a-z])[a-z]{3,}(?![a-z])", text))
    return sorted(words)


def main() -> None:
    worker = material_search_worker()
    words = english_words()
    result = subprocess.run(
        ["node", "-e", NODE, str(worker)],
        input=json.dumps(words),
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(result.stdout)
    lines = [
        "# English words and their stems from lunr.js (scripts/porter_vectors.py writes this",
        f"# file; do not edit it): lunr {data['version']}, in Material's {worker.name}.",
        f"lunr: {data['version']}",
        f"worker: {worker.name}",
        "stems:",
        # quoted: YAML would read yes, no, on, off as booleans
        *(f"  {json.dumps(w)}: {json.dumps(s)}" for w, s in zip(words, data["stems"], strict=True)),
    ]
    OUT.write_text("\n".join(lines) + "\n", "utf-8")
    print(f"{OUT.relative_to(ROOT)}: {len(words)} words, lunr {data['version']}")


if __name__ == "__main__":
    main()
