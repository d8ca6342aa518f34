r"""The one way content files are read: UTF-8 text, checked, with a ``file:line:col`` error.

Every page, record file, source text and synonym list goes through :func:`read_text`.
A byte-order mark and Windows line ends are accepted (and dropped); anything that is
not UTF-8 text is refused at the line and column of its first bad byte, with a hint
when the file looks like Arabic saved as Windows-1256 by an editor's tool:

>>> try:
...     decode("title: ok\n".encode() + "سلام".encode("cp1256"), "docs/ar/x.md")
... except ContentInvalid as exc:
...     print(exc.errors[0].for_editor())  # doctest: +NORMALIZE_WHITESPACE
docs/ar/x.md:2:1: error: not UTF-8 (byte 0xD3) — save the file as UTF-8;
    it looks like Windows-1256 (Arabic) [file.encoding]
>>> decode(b"\xef\xbb\xbfa\r\nb\r\n", "ok.md")
'a\nb\n'
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from .errors import ContentError, ContentInvalid

#: The largest page (or mkdocs.yml) read, in bytes: a page is far smaller, and a larger
#: one is a pasted binary or a mistake that would slow every build.
MAX_BYTES = 1_000_000
#: The largest file of the content folder read: a record file holds every record of its
#: kind, and an explainer a hundred times this repository's passes 1 MB of claims
#: (scripts/scale.py); 4 MB still refuses a pasted binary or a runaway file.
MAX_DATA_BYTES = 4_000_000
_BOM = b"\xef\xbb\xbf"
_ARABIC = range(0x0600, 0x0700)
_HINT_LETTERS = 3


def _fail(display: str, message: str, rule: str, line: int = 1, col: int = 1) -> ContentInvalid:
    return ContentInvalid([ContentError(display, line, message, rule, col)])


def decode(data: bytes, display: str) -> str:
    """Return ``data`` as text with Unix line ends, or raise :class:`ContentInvalid`.

    A NUL byte counts as not text: valid UTF-8 never needs it in a page or record.
    """
    data = data.removeprefix(_BOM)
    try:
        text = data.decode("utf-8")
        bad = text.find("\0")
        if bad < 0:
            return text.replace("\r\n", "\n").replace("\r", "\n")
        start = len(text[:bad].encode("utf-8"))
    except UnicodeDecodeError as exc:
        start = exc.start
    line_start = data.rfind(b"\n", 0, start) + 1
    line = data.count(b"\n", 0, start) + 1
    col = len(data[line_start:start].decode("utf-8", "replace")) + 1
    message = f"not UTF-8 (byte 0x{data[start]:02X}) — save the file as UTF-8"
    if _looks_like_cp1256(data):
        message += "; it looks like Windows-1256 (Arabic)"
    raise _fail(display, message, "file.encoding", line, col)


def _looks_like_cp1256(data: bytes) -> bool:
    """Return whether most non-ASCII bytes of ``data`` are Arabic letters in Windows-1256.

    It takes a few such letters (a word) to say so: one stray byte proves nothing.
    """
    # Windows-1256 is one byte per character, so bytes and characters pair up
    high = [c for b, c in zip(data, data.decode("cp1256", "replace"), strict=True) if b >= 0x80]
    arabic = sum(ord(c) in _ARABIC and c.isalpha() for c in high)
    return arabic >= _HINT_LETTERS and arabic * 2 > len(high)


def read_text(path: Path, display: str, limit: int = MAX_BYTES) -> str:
    """Return the text of the content file at ``path``; ``display`` names it in errors.

    Raises :class:`ContentInvalid` (rule ``file``, ``file.size`` or ``file.encoding``)
    when the file is missing, not a regular file, over ``limit`` bytes (a page's
    :data:`MAX_BYTES` unless told: :data:`MAX_DATA_BYTES` for the content folder's
    files), or not UTF-8.
    """
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise _fail(display, "is a directory, not a file", "file")
        if not stat.S_ISREG(info.st_mode):
            raise _fail(display, "is not a regular file", "file")
        if info.st_size > limit:
            raise _fail(
                display,
                f"file is {info.st_size:,} bytes, over the limit of {limit:,} bytes "
                "for a content file",
                "file.size",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise _fail(display, "file not found", "file") from None
    except OSError as exc:
        raise _fail(display, f"cannot read: {exc.strerror}", "file") from None
    except ValueError:  # a NUL in the name: no file can have it
        raise _fail(display, "file not found", "file") from None
    return decode(data, display)


def replace_text(path: Path, text: str) -> None:
    """Replace the file at ``path`` with ``text`` atomically, in the file's own conventions.

    A byte-order mark and Windows line ends, where the file had them, are kept, and so
    are its permissions; the file is swapped in whole, so a crash never leaves half of it.
    """
    old = path.read_bytes()
    if b"\r\n" in old:
        text = text.replace("\n", "\r\n")
    data = (_BOM if old.startswith(_BOM) else b"") + text.encode("utf-8")
    handle, temp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.chmod(temp, stat.S_IMODE(path.stat().st_mode))
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise
