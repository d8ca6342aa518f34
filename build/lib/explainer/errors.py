"""Content errors that name a file and a line.

Every problem an editor can cause is reported as ``path:line: message``; nothing
that reaches an editor is a traceback. Loaders collect errors in an
:class:`ErrorList` so that all of them are reported in one run.

>>> errors = ErrorList()
>>> errors.add("docs/data/source.yml", 4, "unknown paragraph 'p9'")
>>> print(errors)
docs/data/source.yml:4: unknown paragraph 'p9'
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place of the content, and the rule it breaks.

    ``severity`` is ``error`` (the site cannot be built) or ``warning`` (it can, but
    something needs a person, such as a translation older than its source).
    """

    path: str
    line: int
    message: str
    rule: str = "content"
    col: int = 1
    severity: str = "error"

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"

    def for_editor(self) -> str:
        """Return the check command's line: ``path:line:col: severity: message [rule]``."""
        return f"{self.path}:{self.line}:{self.col}: {self.severity}: {self.message} [{self.rule}]"

    def for_github(self) -> str:
        """Return a GitHub Actions annotation, shown on the pull request's diff."""
        message = self.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return (
            f"::{self.severity} file={self.path},line={self.line},col={self.col},"
            f"title={self.rule}::{message}"
        )


@dataclass
class ErrorList:
    """Errors collected while loading, raised together by :meth:`raise_if_any`."""

    errors: list[ContentError] = field(default_factory=list)

    def add(
        self,
        path: str,
        line: int,
        message: str,
        rule: str = "content",
        severity: str = "error",
        col: int = 1,
    ) -> None:
        """Record a problem at ``path:line:col`` (counting from 1) breaking ``rule``."""
        self.errors.append(ContentError(str(path), line, message, rule, col, severity))

    def collect(self, load: Callable[[], T], fallback: T) -> T:
        """Return ``load()``, or keep its :class:`ContentInvalid` errors and return ``fallback``.

        One unreadable file then never hides the other files' errors.
        """
        try:
            return load()
        except ContentInvalid as exc:
            self.errors.extend(exc.errors)
            return fallback

    def raise_if_any(self) -> None:
        """Raise :class:`ContentInvalid` carrying every error, if there is one."""
        if any(e.severity == "error" for e in self.errors):
            raise ContentInvalid(sorted(set(self.errors)))

    def __iter__(self) -> Iterator[ContentError]:
        return iter(self.errors)

    def __bool__(self) -> bool:
        return bool(self.errors)

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


class ContentInvalid(Exception):
    """The content cannot be built; ``errors`` says where and why."""

    def __init__(self, errors: list[ContentError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def display_path(path: Path) -> str:
    """Return ``path`` relative to the working directory when it is inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return path.as_posix()
