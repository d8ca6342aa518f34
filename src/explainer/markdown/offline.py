"""Links to the offline editions, for readers who will read with no connection.

Syntax: a paragraph holding only ``[[offline]]``. It lists the files ``explainer
bundle`` writes and the site publishes beside its pages (:mod:`explainer.editions`):
the single file of the page's language, then those of the other languages, then the
zip of the whole site, each with what it is for, in the page's language::

    >>> import markdown
    >>> from explainer.new import STARTER
    >>> ext = OfflineExtension(content=str(STARTER / "docs/data"), lang="en",
    ...                        site_url="https://example.org/dams/", slug="dams")
    >>> html = markdown.Markdown(extensions=[ext]).convert("[[offline]]")
    >>> html.count("<li"), html.count("<a "), 'href="https://example.org/dams/dams.en.html"' in html
    (2, 3, True)

The links are the files' addresses on the published site (``site_url``), so they hold
in every edition, the zip and the single files too (a link there is never a load).
Nothing is printed that only the files could tell (a size, a date, a checksum): the
site builds without them, and the same every time.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Any

from markdown.util import AtomicString

from ..editions import names
from ..languages import language_name
from .common import add_text
from .directive import DirectiveExtension, DirectiveProcessor


class OfflineProcessor(DirectiveProcessor):
    """Replace ``[[offline]]`` with the list of offline editions."""

    name = "offline"

    def render(self, parent: etree.Element, args: list[str]) -> None:
        """Append the single files, one link per language, then the zip; each says what for."""
        ext = self.extension
        lang = ext.lang
        others = [code for code in ext.content.languages if code != lang]
        files = names(str(ext.getConfig("slug")), [lang, *others])
        items = etree.SubElement(parent, "ul", {"class": "ex-offline"})
        single = etree.SubElement(items, "li")
        line = add_text(single, "p", f"{ext.t('offline_file')}:", {"class": "ex-offline__file"})
        for code, name in files.single.items():
            self.link(line, name, language_name(code, lang), code)
        add_text(single, "p", ext.t("offline_file_about"), {"class": "ex-offline__about"})
        archive = etree.SubElement(items, "li")
        line = etree.SubElement(archive, "p", {"class": "ex-offline__file"})
        self.link(line, files.archive, ext.t("offline_zip"))
        # the file to open is named as it is, in code: the sentence is split around it
        before, _, after = ext.t("offline_zip_about", index="\0").partition("\0")
        about = add_text(archive, "p", before, {"class": "ex-offline__about"})
        add_text(about, "code", "index.html", {"dir": "ltr"}).tail = AtomicString(after)

    def link(self, line: etree.Element, name: str, label: str, lang: str = "") -> None:
        """Append to ``line`` the link to file ``name``, then the name itself.

        ``lang`` is the language the file is in, if it is in one. Links after the
        first are set apart by a middle dot.
        """
        site = str(self.extension.getConfig("site_url"))
        attrs = {"href": f"{site.rstrip('/')}/{name}" if site else name, "download": name}
        if lang and lang != self.extension.lang:
            attrs["hreflang"] = lang
        if len(line):
            line[-1].tail = (line[-1].tail or "") + " · "
        elif line.text:
            line.text += " "
        add_text(line, "a", label, attrs)
        line[-1].tail = " "
        add_text(line, "code", name, {"dir": "ltr"})


class OfflineExtension(DirectiveExtension):
    """Register the ``[[offline]]`` directive."""

    processor = OfflineProcessor


def makeExtension(**kwargs: Any) -> OfflineExtension:  # noqa: N802 - Python-Markdown's API name
    """Return the extension, for ``markdown.Markdown(extensions=['explainer.offline'])``."""
    return OfflineExtension(**kwargs)
