"""Declarative field specs for YAML records: one table drives validation and JSON Schema.

A :class:`Spec` lists the fields of one kind of record (a skill, a role, a crosswalk entry).
:func:`check_record` returns every problem of a record at once; :func:`json_schema` turns the
same table into a JSON Schema (draft 2020-12) for editors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .errors import Problem
from .suggest import did_you_mean
from .yamlio import YamlDocument, YamlPath

# Stable problem codes shared by every record kind.
UNKNOWN_FIELD = "101"
MISSING_FIELD = "102"
WRONG_TYPE = "103"
BAD_VALUE = "104"


@dataclass(frozen=True)
class Field:
    """One field: its kind, whether it is required, and the values it may take.

    ``kind`` is one of ``string``, ``integer``, ``boolean``, ``strings`` (a list of strings),
    ``object`` (a nested :class:`Spec`) or ``objects`` (a list of them).
    """

    kind: str
    description: str
    required: bool = False
    enum: tuple[Any, ...] | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    minimum: int | None = None
    maximum: int | None = None
    min_items: int | None = None
    spec: Spec | None = None
    code: str = BAD_VALUE
    """The code (without prefix) for a value that is not allowed."""


@dataclass(frozen=True)
class Spec:
    """The fields of one kind of record."""

    name: str
    fields: dict[str, Field]
    description: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


_TYPE_NAMES = {
    "date": "a date (YYYY-MM-DD)",
    "number": "a number",
    "string": "a string",
    "integer": "an integer",
    "boolean": "true or false",
    "strings": "a list of strings",
    "object": "a mapping",
    "objects": "a list of mappings",
}


def _type_of(value: Any) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int):
        return "an integer"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def check_record(
    doc: YamlDocument, path: YamlPath, record: Any, spec: Spec, *, prefix: str, within: str = "",
    deep: bool = True,
) -> list[Problem]:
    """Every problem of ``record`` against ``spec``; codes are ``prefix`` + a stable number.

    ``within`` names the enclosing record in messages about nested records. With
    ``deep=False`` the items of list-of-record fields are not checked (the caller checks each).
    """
    label = _record_label(record, spec, within)
    if not isinstance(record, dict):
        return [doc.problem(path, prefix + WRONG_TYPE, f"{label} must be a mapping, not {_type_of(record)}")]
    problems: list[Problem] = []
    for key in record:
        if key not in spec.fields:
            hint = did_you_mean(str(key), spec.fields)
            if not hint:
                hint = f" (allowed: {', '.join(spec.fields)})"
            problems.append(doc.problem(
                (*path, key), prefix + UNKNOWN_FIELD,
                f"unknown field {key!r} in {label}{hint}", key=True,
            ))
    for name, f in spec.fields.items():
        if name not in record or record[name] is None:
            if f.required:
                problems.append(doc.problem(
                    path, prefix + MISSING_FIELD, f"{label} is missing required field {name!r}",
                ))
            continue
        problems.extend(_check_value(doc, (*path, name), record[name], f, label, name, prefix, deep))
    return problems


def _record_label(record: Any, spec: Spec, within: str) -> str:
    rid = record.get("id") if isinstance(record, dict) else None
    if isinstance(rid, str):
        return f"{spec.name} {rid!r}"
    return f"{spec.name} of {within}" if within else spec.name


def _check_value(
    doc: YamlDocument, at: YamlPath, value: Any, f: Field, label: str, name: str, prefix: str,
    deep: bool = True,
) -> list[Problem]:
    def wrong() -> list[Problem]:
        return [doc.problem(
            at, prefix + WRONG_TYPE,
            f"field {name!r} of {label} must be {_TYPE_NAMES[f.kind]}, not {_type_of(value)}",
        )]

    if f.kind == "string":
        if not isinstance(value, str):
            return wrong()
        return _check_scalar(doc, at, value, f, label, name, prefix)
    if f.kind == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return wrong()
        return _check_scalar(doc, at, value, f, label, name, prefix)
    if f.kind == "boolean":
        return [] if isinstance(value, bool) else wrong()
    if f.kind == "number":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return wrong()
        return _check_scalar(doc, at, value, f, label, name, prefix)
    if f.kind == "date":
        import datetime

        if isinstance(value, datetime.date):
            return []
        if isinstance(value, str):
            try:
                datetime.date.fromisoformat(value)
                return []
            except ValueError:
                pass
        return wrong()
    if f.kind == "strings":
        if isinstance(value, str) and f.enum is None:
            return wrong()
        if not isinstance(value, list):
            return wrong()
        out: list[Problem] = []
        if f.min_items is not None and len(value) < f.min_items:
            out.append(doc.problem(
                at, prefix + BAD_VALUE,
                f"field {name!r} of {label} needs at least {f.min_items} items, has {len(value)}",
            ))
        for i, item in enumerate(value):
            if not isinstance(item, str):
                out.append(doc.problem(
                    (*at, i), prefix + WRONG_TYPE,
                    f"item {i + 1} of {name!r} in {label} must be a string, not {_type_of(item)}",
                ))
            else:
                out.extend(_check_scalar(doc, (*at, i), item, f, label, name, prefix))
        return out
    if f.kind == "object":
        assert f.spec is not None
        return check_record(doc, at, value, f.spec, prefix=prefix, within=label)
    if f.kind == "objects":
        assert f.spec is not None
        if not isinstance(value, list):
            return wrong()
        out = []
        if f.min_items is not None and len(value) < f.min_items:
            out.append(doc.problem(
                at, prefix + BAD_VALUE,
                f"field {name!r} of {label} needs at least {f.min_items} items, has {len(value)}",
            ))
        if deep:
            for i, item in enumerate(value):
                out.extend(check_record(doc, (*at, i), item, f.spec, prefix=prefix, within=label))
        return out
    raise AssertionError(f"unknown field kind {f.kind}")  # pragma: no cover


def _check_scalar(
    doc: YamlDocument, at: YamlPath, value: Any, f: Field, label: str, name: str, prefix: str
) -> list[Problem]:
    if isinstance(value, str) and not value.strip():
        return [doc.problem(at, prefix + BAD_VALUE, f"field {name!r} of {label} is empty")]
    if f.enum is not None and value not in f.enum:
        hint = did_you_mean(str(value), [str(e) for e in f.enum]) if isinstance(value, str) else ""
        allowed = ", ".join(str(e) for e in f.enum)
        return [doc.problem(
            at, prefix + BAD_VALUE,
            f"{name!r} of {label} is {value!r}{hint}; allowed: {allowed}",
        )]
    if (f.minimum is not None and value < f.minimum) or (f.maximum is not None and value > f.maximum):
        return [doc.problem(
            at, prefix + BAD_VALUE,
            f"{name!r} of {label} is {value}; it must be from {f.minimum} to {f.maximum}",
        )]
    if f.pattern is not None and not re.fullmatch(f.pattern, value):
        return [doc.problem(
            at, prefix + f.code, f"{name!r} of {label} is {value!r}; {f.pattern_hint}",
        )]
    return []


def json_schema(spec: Spec, *, title: str, schema_id: str | None = None) -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) for files whose top level is ``spec``."""
    out: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if schema_id:
        out["$id"] = schema_id
    out["title"] = title
    out.update(_object_schema(spec))
    return out


def _object_schema(spec: Spec) -> dict[str, Any]:
    props = {name: _field_schema(f) for name, f in spec.fields.items()}
    out: dict[str, Any] = {"type": "object"}
    if spec.description:
        out["description"] = spec.description
    out["properties"] = props
    required = [n for n, f in spec.fields.items() if f.required]
    if required:
        out["required"] = required
    out["additionalProperties"] = False
    out.update(spec.extra)
    return out


def _field_schema(f: Field) -> dict[str, Any]:
    item: dict[str, Any]
    if f.kind in ("string", "strings"):
        item = {"type": "string", "minLength": 1}
        if f.pattern:
            item["pattern"] = f"^(?:{f.pattern})$"
    elif f.kind == "integer":
        item = {"type": "integer"}
        if f.minimum is not None:
            item["minimum"] = f.minimum
        if f.maximum is not None:
            item["maximum"] = f.maximum
    elif f.kind == "boolean":
        item = {"type": "boolean"}
    elif f.kind == "number":
        item = {"type": "number"}
        if f.minimum is not None:
            item["minimum"] = f.minimum
    elif f.kind == "date":
        item = {"type": "string", "format": "date"}
    else:
        assert f.spec is not None
        item = _object_schema(f.spec)
    if f.enum is not None:
        item["enum"] = list(f.enum)
    if f.kind in ("strings", "objects"):
        out: dict[str, Any] = {"type": "array", "items": item}
        if f.min_items is not None:
            out["minItems"] = f.min_items
    else:
        out = item
    out["description"] = f.description
    return out
