r"""The search shim: Material's search worker, run from ``file://``, needing no npm package.

Browsers start no Web Worker from a ``file:`` page. The engine ships its own stand-in,
``explainer/assets/explainer-iframe-worker.js`` (package data, so an installed engine
has it): from ``file://`` it runs the worker's script in a hidden frame. The bundle
copies it to :data:`SHIPPED_AS` and lists it in ``extra.polyfills``; Material's
``offline`` plugin adds a CDN copy of the npm package ``iframe-worker`` unless a listed
address contains "iframe-worker", hence the file's name.

The shim writes one inline script into its frame, and the frame inherits the page's
Content-Security-Policy. That script is the function between the shim's two marker
lines, written as ``(SOURCE)()``: JavaScript gives back a function's source exactly as
it stands in the file, so :attr:`Shim.frame_script` builds the same text from the same
lines, and its hash is what the browser computes. Nothing page-specific goes into it
(the worker's address is a separate ``<script src>``), so it is the same on every page.

>>> text = "a()\n  // frame script begins\n  function f() {\n    g()\n  }\n  // frame script ends\n"
>>> Shim(text.encode()).frame_script
'(function f() {\n    g()\n  })()'
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources

from mkdocs.exceptions import BuildError

#: The shim inside the installed package.
RESOURCE = ("explainer.assets", "explainer-iframe-worker.js")
NAME = "explainer/assets/explainer-iframe-worker.js"  # in messages
#: The name the bundle gives it: Material's offline plugin recognises "iframe-worker".
SHIPPED_AS = "assets/javascripts/explainer-iframe-worker.js"
BEGIN = "// frame script begins"
END = "// frame script ends"
#: Material's page configuration, where the search worker's address is.
CONFIG = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.DOTALL)
#: What would end the frame's inline script early, or change how it is parsed.
NOT_IN_A_SCRIPT = re.compile(r"</script|<!--", re.IGNORECASE)


class ShimError(BuildError):
    """The shim is missing from the package, or its frame script cannot be found."""


@dataclass(frozen=True)
class Shim:
    """The shim's bytes, shipped as they are."""

    source: bytes

    @classmethod
    def load(cls) -> Shim:
        """Return the shim this installed engine carries, checked; raise :class:`ShimError`."""
        package, name = RESOURCE
        try:
            shim = cls(resources.files(package).joinpath(name).read_bytes())
        except (OSError, ModuleNotFoundError):
            raise ShimError(f"{NAME} is missing from the installed engine: reinstall it") from None
        shim.frame_script  # noqa: B018 (checked now rather than after the build)
        return shim

    @property
    def frame_script(self) -> str:
        r"""Return the inline script the shim writes into its frame, as the browser reads it.

        The HTML parser turns every line end into ``\n`` before the browser hashes a
        script, so this does too. Raises :class:`ShimError` if the markers or the
        function between them are not where they should be.
        """
        text = self.source.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        lines = text.split("\n")
        marked = [i for i, line in enumerate(lines) if line.strip() in (BEGIN, END)]
        if [lines[i].strip() for i in marked] != [BEGIN, END]:
            raise ShimError(f"{NAME}: expected one line '{BEGIN}', then one '{END}'")
        function = "\n".join(lines[marked[0] + 1 : marked[1]]).strip()
        if not (function.startswith("function ") and function.endswith("}")):
            raise ShimError(f"{NAME}: only a function may stand between '{BEGIN}' and '{END}'")
        if NOT_IN_A_SCRIPT.search(function):
            raise ShimError(f"{NAME}: the frame script may hold neither '</script' nor '<!--'")
        return f"({function})()"

    def page_scripts(self, page: str) -> list[str]:
        """Return the inline scripts the shim will write on ``page`` (none without search)."""
        config = CONFIG.search(page)
        worker = json.loads(config.group(1)).get("search") if config else None
        return [self.frame_script] if worker else []
