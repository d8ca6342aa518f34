"""Python-Markdown extensions that render the explainer's content.

Each module is one extension, usable by any engine that runs Python-Markdown; the
package itself is the extension that brings them all, with one configuration::

    markdown_extensions:
      - explainer: {content: docs/data}          # every explainer extension
      - explainer.timeline: {content: docs/data}  # or one of them

The MkDocs plugin sets ``lang`` per language build; elsewhere, give it.
"""

from __future__ import annotations

from typing import Any

from markdown import Markdown

from .bidi import BidiExtension
from .claims import ClaimsExtension
from .common import ExplainerExtension
from .figures import FiguresExtension
from .offline import OfflineExtension
from .positions import PositionsExtension
from .source import SourceExtension
from .terms import TermsExtension
from .timeline import TimelineExtension

#: Every extension the all-in-one brings, in the order they register.
EXTENSIONS = (
    SourceExtension,
    ClaimsExtension,
    PositionsExtension,
    TimelineExtension,
    FiguresExtension,
    TermsExtension,
    OfflineExtension,
    BidiExtension,  # last: it isolates the Latin runs of everything the others render
)


class AllExtensions(ExplainerExtension):
    """Every explainer extension, sharing this one's configuration."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's API name
        """Register every explainer extension with this configuration."""
        options = {key: self.getConfig(key) for key in self.config}
        md.registerExtensions([ext(**options) for ext in EXTENSIONS], {})


def makeExtension(**kwargs: Any) -> AllExtensions:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, as Python-Markdown asks a module for it by name."""
    return AllExtensions(**kwargs)
