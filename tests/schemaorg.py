"""Checking JSON-LD against the schema.org vocabulary (tests/data/schemaorg/vocabulary.json)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

VOCAB = json.loads((Path(__file__).parent / "data" / "schemaorg" / "vocabulary.json").read_text(encoding="utf-8"))
#: Ranges a JSON string stands for: text-like data types, and Duration, which JSON-LD writes as ISO 8601.
STRING_RANGES = frozenset({"Text", "URL", "Date", "DateTime", "Time", "Duration"})


def supertypes(name: str) -> set[str]:
    """A type and every type it is a subtype of."""
    seen: set[str] = set()
    stack = [name]
    while stack:
        t = stack.pop()
        if t not in seen:
            seen.add(t)
            stack.extend(VOCAB["types"].get(t, []))
    return seen


def _fits(value: Any, ranges: set[str]) -> bool:
    if isinstance(value, dict):
        kind = value.get("@type")
        return kind is None or bool(supertypes(kind) & ranges)  # a bare {"@id": ...} reference fits any
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, int) and "Integer" in ranges:
        return True
    if isinstance(value, (int, float)):
        return "Number" in ranges
    return isinstance(value, str) and bool(STRING_RANGES & supertypes_of_all(ranges))


def supertypes_of_all(names: set[str]) -> set[str]:
    out: set[str] = set()
    for n in names:
        out |= supertypes(n)
    return out


def schema_org_problems(node: Any, path: str = "$") -> list[str]:
    """Every type that is not schema.org's, every property not defined for its node's type, every
    superseded property, and every value outside its property's range."""
    problems: list[str] = []
    if isinstance(node, list):
        for i, item in enumerate(node):
            problems += schema_org_problems(item, f"{path}[{i}]")
        return problems
    if not isinstance(node, dict):
        return problems
    kind = node.get("@type")
    if kind is not None and kind not in VOCAB["types"]:
        problems.append(f"{path}: unknown type {kind}")
    allowed = supertypes(kind) if kind else set()
    for key, value in node.items():
        if key.startswith("@"):
            continue
        domains = VOCAB["properties"].get(key)
        if domains is None:
            problems.append(f"{path}.{key}: not a schema.org property")
            continue
        if kind and not allowed & set(domains):
            problems.append(f"{path}.{key}: not a property of {kind}")
        if key in VOCAB["superseded"]:
            problems.append(f"{path}.{key}: superseded in schema.org")
        ranges = set(VOCAB["ranges"][key])
        for item in value if isinstance(value, list) else [value]:
            if not _fits(item, ranges):
                problems.append(f"{path}.{key}: {item!r} is not a {' or '.join(sorted(ranges))}")
        problems += schema_org_problems(value, f"{path}.{key}")
    return problems
