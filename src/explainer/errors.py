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

from collections.abc import Iterator
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class ContentError:
    """One problem in one place of the content."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class ErrorList:
    """Errors collected while loading, raised together by :meth:`raise_if_any`."""

    errors: list[ContentError] = field(default_factory=list)

    def add(self, path: str, line: int, message: str) -> None:
        """Record a problem at ``path:line`` (lines count from 1)."""
        self.errors.append(ContentError(str(path), line, message))

    def raise_if_any(self) -> None:
        """Raise :class:`ContentInvalid` carrying every error, if there is one."""
        if self.errors:
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
