"""Time ``explainer serve`` from saving a prose edit to the rebuilt page being served.

    python scripts/serve_timing.py [--edits N] [-f mkdocs.yml]

Copies the site (what ``serve`` watches: ``mkdocs.yml``, the docs, the theme folder)
to a temporary folder, so the repository's files are never touched, and starts
``python -m explainer.cli serve`` there on a free port, with this checkout's ``src/``
first on the path. Once it serves, for each case (a page of the first translation, then
the same page in the source language) it writes N edits, one at a time: a new made-up
word at the start of the page's first prose paragraph. It then asks for the page's
address until the answer holds the word, and counts from the moment the file was
written to that answer. Requests made while ``serve`` rebuilds wait for the rebuild
(MkDocs' server holds them), so the first answer with the word is the rebuilt page.

Prints each case's median and every figure, and what ``serve`` said it rebuilt and how
long the build took (the rest is noticing the change). Target ≤ 1.0 s; exits 1 on a
miss. ``scripts/benchmark.py --serve`` prints the same section.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import signal
import socket
import statistics
import string
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from explainer.build import load_project  # noqa: E402
from explainer.serve import watched_paths  # noqa: E402

TARGET = 1.0  # seconds, save → rebuilt page served
#: A rebuild's line on serve's stderr: what it rebuilt and how long that took.
REBUILT = re.compile(r"^explainer: built (.*) in ([0-9.]+) s")


@dataclass(frozen=True)
class Case:
    """An edit to time: which file, which address serves it."""

    label: str
    file: Path  # relative to the copy's folder
    url: str  # path on the server


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def copy_site(config: Path, target: Path) -> Path:
    """Copy what ``serve`` watches under ``target``; return the copy's mkdocs.yml."""
    base = config.parent
    for path in watched_paths(config):
        dest = target / path.relative_to(base)
        if path.is_dir():
            shutil.copytree(path, dest)
        else:
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, dest)
    return target / config.name


def cases(config: Path, page: str) -> list[Case]:
    """A page of the first translation, then the same page in the source language."""
    project = load_project(config)
    source, translation = project.languages[0], project.languages[1]
    docs = project.docs_root.relative_to(config.parent)
    address = "" if page == "index.md" else page.removesuffix(".md") + "/"
    return [
        Case(
            f"{translation.code} page (translation)",
            docs / translation.code / page,
            f"/{translation.prefix}{address}",
        ),
        Case(
            f"{source.code} page (source language)",
            docs / source.code / page,
            f"/{source.prefix}{address}",
        ),
    ]


def first_prose_line(lines: list[str]) -> int:
    """The index of the first line of the first prose paragraph after the front matter."""
    start = lines.index("---", 1) + 1 if lines and lines[0] == "---" else 0
    for index in range(start, len(lines)):
        line, before = lines[index], lines[index - 1] if index else ""
        if line[:1].isalpha() and not before.strip() and "[[" not in line:
            return index
    raise SystemExit("serve_timing: no prose paragraph to edit in the page")


def word() -> str:
    """A made-up word: letters only, so no figure or marker rule is touched."""
    return "edit" + "".join(random.choices(string.ascii_lowercase, k=8))


@dataclass
class Served:
    """A running ``explainer serve``: its address and what it printed."""

    url: str
    process: subprocess.Popen[str]
    said: list[str]

    def get(self, path: str) -> str:
        try:
            with urllib.request.urlopen(self.url + path, timeout=30) as answer:
                return str(answer.read().decode("utf-8"))
        except (urllib.error.URLError, ConnectionError):
            return ""


@contextmanager
def serving(config: Path) -> Iterator[Served]:
    """Start ``explainer serve`` on a free port; wait until it answers; stop it after."""
    port = free_port()
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(filter(None, [str(REPO / "src"), os.environ.get("PYTHONPATH")])),
    )
    command = [
        sys.executable,
        "-m",
        "explainer.cli",
        "-f",
        str(config),
        "serve",
        "-a",
        f"127.0.0.1:{port}",
    ]
    process = subprocess.Popen(
        command,
        cwd=config.parent,
        env=env,
        stderr=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        text=True,
    )
    said: list[str] = []
    assert process.stderr is not None
    stderr = process.stderr
    reader = threading.Thread(target=lambda: said.extend(stderr), daemon=True)
    reader.start()
    served = Served(f"http://127.0.0.1:{port}", process, said)
    try:
        deadline = time.monotonic() + 120
        while not served.get("/"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("serve_timing: serve did not start:\n" + "".join(said))
            time.sleep(0.1)
        yield served
    finally:
        process.send_signal(signal.SIGINT)  # Ctrl+C: serve removes its folder
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def time_edit(served: Served, path: Path, url: str) -> float:
    """Write one edit to ``path``; return the seconds until ``url`` serves it."""
    lines = path.read_text("utf-8").split("\n")
    index = first_prose_line(lines)
    new = word()
    lines[index] = re.sub(r"^edit[a-z]{8} ", "", lines[index])
    lines[index] = f"{new} {lines[index]}"
    text = "\n".join(lines).encode("utf-8")
    with open(path, "wb") as stream:
        stream.write(text)
    written = time.perf_counter()
    deadline = written + 30
    while new not in served.get(url):
        if time.perf_counter() > deadline:
            raise SystemExit(f"serve_timing: {url} never showed the edit:\n" + "".join(served.said))
        time.sleep(0.005)
    return time.perf_counter() - written


def rebuilds(said: list[str]) -> list[tuple[str, float]]:
    found = [REBUILT.match(line) for line in said]
    return [(m.group(1), float(m.group(2))) for m in found if m]


def print_serve(config: Path, edits: int = 7, page: str = "index.md") -> list[str]:
    """Time ``edits`` edits of each case; print the figures; return the targets missed."""
    misses = []
    print(
        f"\nserve: save → rebuilt page served ({edits} edits a case, median; target ≤ "
        f"{TARGET:.1f} s)"
    )
    with tempfile.TemporaryDirectory(prefix="explainer-serve-timing-") as tmp:
        copy = copy_site(config.resolve(), Path(tmp))
        with serving(copy) as served:
            for case in cases(copy, page):
                seconds, built = [], []
                for _ in range(edits):
                    # a moment to save that owes nothing to the watcher's polling cycle
                    time.sleep(random.uniform(0.6, 1.6))
                    before = len(served.said)
                    seconds.append(time_edit(served, copy.parent / case.file, case.url))
                    time.sleep(0.2)  # its line on stderr
                    built += rebuilds(served.said[before:])
                median = statistics.median(seconds)
                ok = median <= TARGET
                if not ok:
                    misses.append(f"serve: {case.label} edit served in {median:.2f} s")
                figures = " ".join(f"{s:.2f}" for s in seconds)
                mark = "" if ok else "  MISSED"
                print(f"  {case.label:<28} median {median:.2f} s  ({figures}){mark}")
                took = [s for _, s in built]
                if took:
                    what = ", ".join(f"{w} ×{n}" for w, n in Counter(w for w, _ in built).items())
                    print(
                        f"    {'':<26} built {what}: median {statistics.median(took):.2f} s "
                        "(checks included), the rest noticing the save"
                    )
    return misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-f", "--config-file", default=str(REPO / "mkdocs.yml"))
    parser.add_argument("--edits", type=int, default=7, help="edits per case (default 7)")
    parser.add_argument("--page", default="index.md", help="the page to edit (default index.md)")
    args = parser.parse_args()
    misses = print_serve(Path(args.config_file), args.edits, args.page)
    if misses:
        print(f"\n{len(misses)} target(s) missed:")
        print("\n".join(f"  - {miss}" for miss in misses))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
