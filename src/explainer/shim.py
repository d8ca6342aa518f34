r"""The ``iframe-worker`` shim: Material's search worker, run from ``file://``.

Browsers start no Web Worker from a ``file:`` page, so Material's ``offline`` plugin
lists the npm package ``iframe-worker``'s shim in ``extra.polyfills``; the shim runs
the worker's script in a hidden frame instead. Unless a local copy is listed, the
plugin lists the copy on a CDN: the bundle ships the one ``npm ci`` installs
(``package-lock.json`` pins it), never fetched at build or read time.

The shim writes one inline script into its frame, and a frame written by a page
inherits that page's Content-Security-Policy: :meth:`Shim.frame_script` returns that
script, as the shim will write it for a given worker, so its hash can be allowed.

>>> text = 'function c(a){f(a)}x.write(`<script>p=${c};u="${e}"<\\/script>`)'
>>> Shim(Path("iframe-worker.js"), text).frame_script("w.js")
'p=function c(a){f(a)};u="w.js"'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from mkdocs.exceptions import BuildError

from .errors import display_path

#: Where ``npm ci`` puts the shim, relative to the project (the folder of mkdocs.yml).
SHIM = Path("node_modules/iframe-worker/shim/index.js")
PACKAGE = SHIM.parent.parent
#: The name the bundle gives it: Material's offline plugin recognises "iframe-worker".
SHIPPED_AS = "assets/javascripts/iframe-worker.js"
#: Material's page configuration, where the search worker's address is.
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
PLACEHOLDER = re.compile(r"\$\{(\w+)\}")


class ShimError(BuildError):
    """The shim is missing or is not the one this module knows how to read."""


@dataclass(frozen=True)
class Shim:
    """The shim's file and text."""

    path: Path
    text: str

    @classmethod
    def load(cls, project_dir: Path) -> Shim:
        """Return the shim ``npm ci`` installed in ``project_dir``; raise :class:`ShimError`."""
        path = project_dir / SHIM
        try:
            return cls(path, path.read_text(encoding="utf-8"))
        except OSError:
            raise ShimError(
                f"{display_path(path)} not found: run `npm ci` first "
                "(the offline bundle's search needs it)"
            ) from None

    @property
    def version(self) -> str:
        """Return the package's version, from its ``package.json``."""
        manifest = self.path.parent.parent / "package.json"
        try:
            return str(json.loads(manifest.read_text(encoding="utf-8"))["version"])
        except (OSError, ValueError, KeyError):
            return "unknown"

    def _function(self, name: str) -> str | None:
        """Return the source of ``function name(...) {...}``: what ``${name}`` prints."""
        start = self.text.find(f"function {name}(")
        if start < 0:
            return None
        depth = 0
        for end in range(self.text.index("{", start), len(self.text)):
            depth += {"{": 1, "}": -1}.get(self.text[end], 0)
            if depth == 0:
                return self.text[start : end + 1]
        return None

    def frame_script(self, worker: str) -> str:
        """Return the inline script the shim writes into its frame to run ``worker``.

        The shim builds the frame's document from a template literal: ``${f}`` for a
        function ``f`` prints the function's source, any other placeholder the
        worker's address. Raises :class:`ShimError` if the shim has another shape.
        """
        template = re.search(r"write\(`((?:[^`\\]|\\.)*)`\)", self.text)
        script = template and re.search(r"<script>(.*?)<\\/script>", template.group(1))
        if not script or "\\" in script.group(1).replace("\\/", ""):
            raise ShimError(
                f"{display_path(self.path)}: cannot find the script it writes into its "
                "frame; the Content-Security-Policy cannot allow it"
            )

        def fill(placeholder: re.Match[str]) -> str:
            return self._function(placeholder.group(1)) or worker

        return PLACEHOLDER.sub(fill, script.group(1).replace("\\/", "/"))

    def page_scripts(self, page: str) -> list[str]:
        """Return the inline scripts the shim will write on ``page`` (none without search)."""
        config = CONFIG.search(page)
        worker = json.loads(config.group(1)).get("search") if config else None
        return [self.frame_script(worker)] if worker else []
