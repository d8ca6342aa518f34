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

import bisect
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, ContentInvalid
from .textfile import MAX_DATA_BYTES, read_text


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


class _Lines(yaml.constructor.SafeConstructor):
    """Safe construction whose containers keep their source lines (never ``unsafe_load``).

    Lines are counted as the rest of the engine counts them, at line feeds only:
    PyYAML's own count also breaks at U+0085, U+2028 and U+2029. Both parsers give a
    mark's index in characters.
    """

    def _count_lines(self, text: str, first_line: int) -> None:
        self.first_line = first_line
        self.breaks = [i for i, c in enumerate(text) if c == "\n"]

    def line_of(self, mark: yaml.Mark) -> int:
        """Return the 1-based line of ``mark`` in the file."""
        return self.first_line + bisect.bisect_left(self.breaks, mark.index)

    def column_of(self, mark: yaml.Mark) -> int:
        """Return the 1-based column of ``mark`` on its line."""
        line = bisect.bisect_left(self.breaks, mark.index)
        return mark.index - (self.breaks[line - 1] + 1 if line else 0) + 1

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # A value PyYAML cannot build (`!!int x`, an impossible date) raises plain
        # Python errors: give them the node's place, like any YAML error.
        try:
            return super().construct_object(node, deep=deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, AttributeError, KeyError, IndexError) as exc:
            kind = str(node.tag).rsplit(":", 1)[-1]
            what = f"'{node.value}'" if isinstance(node, yaml.ScalarNode) else "this value"
            raise yaml.MarkedYAMLError(
                problem=f"{what} is not a valid {kind} ({exc})", problem_mark=node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> Mapping:  # type: ignore[override]
        mapping = Mapping()
        mapping.line = self.line_of(node.start_mark)
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
            mapping.key_lines[key] = self.line_of(key_node.start_mark)
        return mapping

    def construct_sequence(self, node: yaml.SequenceNode, deep: bool = False) -> Sequence:
        sequence = Sequence(self.construct_object(child, deep=True) for child in node.value)
        sequence.line = self.line_of(node.start_mark)
        sequence.item_lines = [self.line_of(child.start_mark) for child in node.value]
        return sequence


class _LineLoader(yaml.SafeLoader, _Lines):
    """The pure-Python parser: slower, and the one whose messages and marks errors give.

    Aliases (``*name``) are refused: content never needs them, and a few nested ones
    make a small file expand into billions of values for every walk over the data.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        super().__init__(text)
        self._count_lines(text, first_line)

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        if self.check_event(yaml.AliasEvent):
            raise yaml.MarkedYAMLError(
                problem="aliases (*name) are not allowed in content files",
                problem_mark=self.peek_event().start_mark,  # type: ignore[no-untyped-call]
            )
        return super().compose_node(parent, index)


class _Unsure(Exception):
    """The C parser met something the Python parser must say (an error, an alias)."""


class _FastLoader(yaml.CSafeLoader, _Lines):
    """libyaml's parser (in PyYAML's wheels; a sixth of the time), for files that load cleanly.

    It composes an alias as the very node of its anchor, so a node built twice is an
    alias: left to the Python parser, which names where it is.
    """

    def __init__(self, text: str, first_line: int = 1) -> None:
        super().__init__(text)
        self._count_lines(text, first_line)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        if node in self.constructed_objects:
            raise _Unsure("an alias")
        return super().construct_object(node, deep=deep)


def _mapping(loader: _LineLoader | _FastLoader, node: yaml.MappingNode) -> Mapping:
    return loader.construct_mapping(node)


def _sequence(loader: _LineLoader | _FastLoader, node: yaml.SequenceNode) -> Sequence:
    return loader.construct_sequence(node)


for _loader in (_LineLoader, _FastLoader):
    _loader.add_constructor("tag:yaml.org,2002:map", _mapping)
    _loader.add_constructor("tag:yaml.org,2002:seq", _sequence)


def _load_fast(text: str, first_line: int) -> Any:
    """Return the data of ``text`` by libyaml; raise :class:`_Unsure` on any problem."""
    loader = _FastLoader(text, first_line)
    try:
        return loader.get_single_data()
    except Exception as exc:  # any error is reported by the Python parser, as ever
        raise _Unsure(str(exc)) from None
    finally:
        loader.dispose()


def loads(text: str, path: str, first_line: int = 1) -> Any:
    """Parse ``text`` (read from ``path``, starting at ``first_line``) with line marks.

    Raises :class:`ContentInvalid` with ``path:line`` on a YAML error.
    """
    try:
        return _load_fast(text, first_line)
    except (_Unsure, RecursionError):
        pass  # the Python parser says what is wrong, or finds nothing after all
    try:
        loader = _LineLoader(text, first_line)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere
        line = first_line + text.count("\n", 0, exc.position)
        message = f"invalid YAML: character U+{exc.character:04X} is not allowed"
        raise ContentInvalid([ContentError(path, line, message, "yaml")]) from None
    try:
        try:
            return loader.get_single_data()
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = loader.line_of(mark) if mark else first_line
        message = f"invalid YAML: {exc.problem}"
        if exc.context and exc.context_mark and loader.line_of(exc.context_mark) != line:
            # "expected ',' or ']'" is found a line late: name where the value began
            message += f" ({exc.context} that starts at line {loader.line_of(exc.context_mark)})"
        col = loader.column_of(mark) if mark else 1
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
    return loads(read_text(path, display, MAX_DATA_BYTES), display)
