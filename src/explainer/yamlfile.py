r"""Safe YAML loading that remembers where every value came from.

Mappings load as :class:`Mapping` and sequences as :class:`Sequence`; both are the
ordinary ``dict`` and ``list`` with a ``line`` attribute (1-based), and a mapping
also knows the line of each of its keys, so a validator can say ``file:line``.

>>> data = loads("a: 1\nb:\n  - x\n  - y\n", "demo.yml")
>>> data.line, data.line_of("b"), data["b"].line
(1, 2, 3)

A syntax error becomes a :class:`~explainer.errors.ContentInvalid`:

>>> try:
...     loads("a: 1\nb: c: d\n", "bad.yml")
... except ContentInvalid as exc:
...     print(exc)
bad.yml:2: invalid YAML: mapping values are not allowed here
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, ContentInvalid
from .textfile import read_text


class Mapping(dict[str, Any]):
    """A YAML mapping with the line of the mapping and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """Return the line of ``key``, or of the mapping itself when the key is absent."""
        return self.key_lines.get(key, self.line)


class Sequence(list[Any]):
    """A YAML sequence with its line and the line of each item."""

    line: int = 0
    item_lines: list[int]


class _LineLoader(yaml.SafeLoader):
    """SafeLoader whose containers keep their source lines (never ``unsafe_load``).

    Aliases (``*name``) are refused: content never needs them, and a few nested ones
    make a small file expand into billions of values for every walk over the data.
    """

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in content files",
                problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        return super().compose_node(parent, index)

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:  # type: ignore[override]
        mapping = Mapping()
        mapping.line = node.start_mark.line + 1
        mapping.key_lines = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                key = str(key)
            if key in mapping:
                raise yaml.MarkedYAMLError(
                    problem=f"duplicate key '{key}'", problem_mark=key_node.start_mark
                )
            mapping[key] = self.construct_object(value_node, deep=True)
            mapping.key_lines[key] = key_node.start_mark.line + 1
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        sequence = Sequence(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = node.start_mark.line + 1
        sequence.item_lines = [child.start_mark.line + 1 for child in node.value]
        return sequence


_LineLoader.add_constructor("tag:yaml.org,2002:map", _LineLoader.construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:seq", _LineLoader.construct_sequence)


def loads(text: str, path: str, first_line: int = 1) -> Any:
    """Parse ``text`` (read from ``path``, starting at ``first_line``) with line marks.

    Raises :class:`ContentInvalid` with ``path:line`` on a YAML error.
    """
    offset = first_line - 1
    try:
        loader = _LineLoader(text)
        loader.line = offset  # marks, and so every line kept, count from first_line
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else first_line
        message = f"invalid YAML: {exc.problem}"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            # "expected ',' or ']'" is found a line late: name where the value began
            message += f" ({exc.context} that starts at line {exc.context_mark.line + 1})"
        col = mark.column + 1 if mark else 1
        raise ContentInvalid([ContentError(path, line, message, "yaml", col)]) from None
    except yaml.YAMLError as exc:
        raise ContentInvalid(
            [ContentError(path, first_line, f"invalid YAML: {exc}", "yaml")]
        ) from None
    except RecursionError:
        message = "invalid YAML: nested too deeply"
        raise ContentInvalid([ContentError(path, first_line, message, "yaml")]) from None


def load(path: Path, display: str) -> Any:
    """Read and parse the YAML file at ``path``; ``display`` is the name used in errors."""
    return loads(read_text(path, display), display)
