"""Safe YAML reading with a position for every value.

PyYAML's ``safe_load`` keeps the last of two duplicate keys, expands anchors without bound
and forgets where each value came from. :func:`load_yaml` composes the node tree itself so that
duplicate keys are rejected, alias expansion is bounded, and every value's line and column is
kept in a :class:`Locations` map keyed by its path (``("skills", 3, "altLabels")``).

Codes (shared by every YAML file crowdskills reads):

- Y001 file is not UTF-8
- Y002 file is empty
- Y003 YAML syntax error
- Y004 duplicate key
- Y005 anchors/aliases expand beyond the bound, or refer to themselves
- Y006 unsupported YAML tag
- Y007 a value its tag cannot hold: an impossible date (2026-02-30), an integer of more than
  4,300 digits, ``!!int abc``, ``!!bool maybe``
"""

from __future__ import annotations

import os
from collections.abc import Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Problem, Severity, ValidationError

try:  # the C parser is several times faster; fall back to pure Python where it is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: How many nodes aliases may add on top of the document's own nodes.
MAX_ALIAS_EXPANSION = 10_000

YamlPath = tuple[Hashable, ...]
#: Integers beyond Python's 4,300-digit limit cannot even be printed in a message.
_MAX_INT_BITS = 14_000


@dataclass
class Locations:
    """Line and column (1-based) of every value, and of every mapping key, by path."""

    values: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[YamlPath, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: YamlPath, *, key: bool = False) -> tuple[int, int]:
        """Where ``path`` is (its key when ``key``), or its nearest located ancestor."""
        if key and path in self.keys:
            return self.keys[path]
        p = tuple(path)
        while p:
            if p in self.values:
                return self.values[p]
            p = p[:-1]
        return self.values.get((), (1, 1))


@dataclass
class YamlDocument:
    """A loaded YAML file: its data, where each value is, and the path to show in messages."""

    path: str
    data: Any
    locations: Locations

    def problem(
        self, at: YamlPath, code: str, message: str, *, key: bool = False, warning: bool = False
    ) -> Problem:
        """A :class:`Problem` located at ``at`` in this document."""
        line, col = self.locations.of(at, key=key)
        severity = Severity.WARNING if warning else Severity.ERROR
        return Problem(self.path, line, col, code, message, severity)


def display_path(path: Path) -> str:
    """``path`` relative to the working directory when it is below it, else absolute."""
    path = Path(path)
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path.absolute()) if rel.startswith("..") else rel


def _line_col(text: bytes, offset: int) -> tuple[int, int]:
    before = text[:offset]
    line = before.count(b"\n") + 1
    col = offset - (before.rfind(b"\n") + 1) + 1
    return line, col


def decode_utf8(raw: bytes, shown: str) -> str:
    """Decode UTF-8 (with or without BOM) or raise a located Y001 problem."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line, col = _line_col(raw, exc.start)
        problem = Problem(
            shown, line, col, "Y001",
            f"file is not UTF-8 (byte 0x{raw[exc.start]:02x}); save it as UTF-8",
        )
        raise ValidationError(str(problem), [problem]) from None


def load_yaml(path: Path, *, shown: str | None = None) -> YamlDocument:
    """Read one YAML file.

    Raises:
        InputError: the file cannot be read.
        ValidationError: the file is not UTF-8, empty, not valid YAML, has duplicate keys,
            or expands aliases beyond :data:`MAX_ALIAS_EXPANSION` (one problem, located).
    """
    shown = shown if shown is not None else display_path(path)
    try:
        from .inputs import check_regular

        if path.exists() and not path.is_dir():
            check_regular(path, shown)  # not a device or FIFO: those never end
        raw = path.read_bytes()
    except IsADirectoryError:
        raise InputError(f"{shown} is a directory, not a YAML file.") from None
    except FileNotFoundError:
        raise InputError(f"{shown} does not exist. Check the path.") from None
    except OSError as exc:
        raise InputError(f"cannot read {shown}: {exc.strerror}.") from None
    return loads_yaml(raw, shown=shown)


def loads_yaml(raw: bytes | str, *, shown: str = "<string>") -> YamlDocument:
    """Like :func:`load_yaml`, for bytes or text already in memory."""
    text = decode_utf8(raw, shown) if isinstance(raw, bytes) else raw

    def fail(line: int, col: int, code: str, message: str) -> ValidationError:
        problem = Problem(shown, line, col, code, message)
        return ValidationError(str(problem), [problem])

    if not text.strip() or all(
        not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()
    ):
        raise fail(1, 1, "Y002", "file is empty; add content or remove the file")

    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        what = exc.problem or "invalid YAML"
        if exc.context:
            what = f"{exc.context}: {what}" if "found" in what else f"{what} ({exc.context})"
        raise fail(line, col, "Y003", f"YAML syntax error: {what}") from None
    except yaml.YAMLError as exc:
        raise fail(1, 1, "Y003", f"YAML syntax error: {exc}") from None
    except RecursionError:
        raise fail(1, 1, "Y003", "YAML nesting is too deep") from None
    finally:
        loader.dispose()
    if node is None or (
        isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null" and not node.value
    ):
        raise fail(1, 1, "Y002", "file is empty; add content or remove the file")

    builder = _Builder(shown)
    try:
        data = builder.build(node, ())
    except RecursionError:
        raise fail(1, 1, "Y003", "YAML nesting is too deep") from None
    return YamlDocument(shown, data, builder.locations)


def _bad_value(node: yaml.ScalarNode, exc: Exception) -> str:
    tag = node.tag.rsplit(":", 1)[-1]
    kind = {"int": "integer", "bool": "boolean (true or false)", "timestamp": "date"}.get(tag, tag)
    shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
    if isinstance(exc, ValueError) and "digits" in str(exc):
        why = "it has more than 4,300 digits"
    elif isinstance(exc, ValueError) and tag == "timestamp":
        why = str(exc)
    else:
        why = "it is not one"
    return f"{shown!r} cannot be read as a {kind}: {why}; fix the value, or quote it to keep it as text"


class _Builder:
    """Turns a composed node tree into plain Python values, recording positions."""

    def __init__(self, shown: str) -> None:
        self.shown = shown
        self.locations = Locations()
        self.constructor = yaml.constructor.SafeConstructor()
        self.seen: set[int] = set()
        self.built = 0
        self.active: set[int] = set()

    def error(self, node: yaml.Node, code: str, message: str) -> ValidationError:
        m = node.start_mark
        problem = Problem(self.shown, m.line + 1, m.column + 1, code, message)
        return ValidationError(str(problem), [problem])

    def build(self, node: yaml.Node, path: YamlPath) -> Any:
        if id(node) in self.active:
            raise self.error(node, "Y005", "an alias refers to the node that contains it")
        self.built += 1
        self.seen.add(id(node))
        if self.built - len(self.seen) > MAX_ALIAS_EXPANSION:
            raise self.error(
                node, "Y005",
                f"anchors and aliases expand to more than {MAX_ALIAS_EXPANSION} extra nodes; "
                "write the values out instead",
            )
        m = node.start_mark
        self.locations.values[path] = (m.line + 1, m.column + 1)
        if isinstance(node, yaml.ScalarNode):
            try:
                value = self.constructor.construct_object(node, deep=True)
                if isinstance(value, int) and value.bit_length() > _MAX_INT_BITS:  # 0x... escapes the digit limit
                    raise ValueError("Exceeds the limit (4300 digits)")
                return value
            except yaml.constructor.ConstructorError:
                raise self.error(node, "Y006", f"unsupported YAML tag {node.tag!r}") from None
            except (ValueError, OverflowError, KeyError, AttributeError, TypeError) as exc:
                # PyYAML's constructors raise these for values that look like their type but are
                # not one: 2026-02-30, a 5,000-digit integer, !!bool maybe
                raise self.error(node, "Y007", _bad_value(node, exc)) from None
        self.active.add(id(node))
        try:
            if isinstance(node, yaml.SequenceNode):
                if node.tag != "tag:yaml.org,2002:seq":
                    raise self.error(node, "Y006", f"unsupported YAML tag {node.tag!r}")
                return [self.build(child, (*path, i)) for i, child in enumerate(node.value)]
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
        finally:
            self.active.discard(id(node))
        raise self.error(node, "Y006", f"unsupported YAML node {node.tag!r}")  # pragma: no cover

    def _mapping(self, node: yaml.MappingNode, path: YamlPath) -> dict[Any, Any]:
        if node.tag not in ("tag:yaml.org,2002:map",):
            raise self.error(node, "Y006", f"unsupported YAML tag {node.tag!r}")
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise self.error(key_node, "Y006", "merge keys (<<) are not supported; write the fields out")
            if not isinstance(key_node, yaml.ScalarNode):
                raise self.error(key_node, "Y006", "mapping keys must be plain scalars")
            key = self.build(key_node, (*path, "\0key"))
            del self.locations.values[(*path, "\0key")]
            if not isinstance(key, Hashable):  # pragma: no cover - scalars are hashable
                raise self.error(key_node, "Y006", "mapping keys must be plain scalars")
            if key in out:
                raise self.error(
                    key_node, "Y004",
                    f"duplicate key {key!r}; YAML keeps only one of them: remove or rename one",
                )
            km = key_node.start_mark
            self.locations.keys[(*path, key)] = (km.line + 1, km.column + 1)
            out[key] = self.build(value_node, (*path, key))
        return out
