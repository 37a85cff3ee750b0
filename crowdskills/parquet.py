"""Batch results as Parquet tables for analysts (pandas, DuckDB, Spark): ``crowdskills[parquet]``.

One row per detected skill (``--task skills``), per gap (``gaps``) or per gap and course
(``recommend``). A document with no skill, no gap or an error still has one row, with the
per-skill columns empty, so that every input id appears. Columns (all nullable):

- skills: ``id``, ``error``, ``skill_id``, ``label``, ``category``, ``status``, ``score`` (float),
  ``evidence_start``, ``evidence_end`` (int, character offsets of the first evidence).
- gaps: ``id``, ``error``, ``target``, ``skill_id``, ``label``, ``relation``, ``level``,
  ``importance`` (int), ``wanted`` (bool), ``cover``.
- recommend: the gaps columns, then ``course_id``, ``course``, ``url``, ``hours`` (float, null
  when the provider states no length).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from .errors import InputError

ROWS_PER_GROUP = 50_000

_GAP_COLUMNS: list[tuple[str, str]] = [
    ("id", "string"), ("error", "string"), ("target", "string"), ("skill_id", "string"), ("label", "string"),
    ("relation", "string"), ("level", "int32"), ("importance", "int32"), ("wanted", "bool"), ("cover", "string"),
]
COLUMNS: dict[str, list[tuple[str, str]]] = {
    "skills": [("id", "string"), ("error", "string"), ("skill_id", "string"), ("label", "string"),
               ("category", "string"), ("status", "string"), ("score", "float64"), ("evidence_start", "int64"),
               ("evidence_end", "int64")],
    "gaps": _GAP_COLUMNS,
    "recommend": [*_GAP_COLUMNS, ("course_id", "string"), ("course", "string"), ("url", "string"),
                  ("hours", "float64")],
}


def require_pyarrow() -> Any:
    try:
        import pyarrow
    except ImportError:
        raise InputError("Parquet output needs pyarrow: pip install 'crowdskills[parquet]'") from None
    return pyarrow


def rows(record: dict[str, Any], task: str) -> Iterator[dict[str, Any]]:
    """The table rows of one batch record."""
    base = {"id": record["id"], "error": record.get("error")}
    if task == "skills":
        skills = record.get("skills") or []
        if not skills:
            yield base
        for s in skills:
            ev = (s.get("evidence") or [{}])[0]
            yield {**base, "skill_id": s["skill_id"], "label": s["label"], "category": s["category"],
                   "status": s["status"], "score": s["score"], "evidence_start": ev.get("start"),
                   "evidence_end": ev.get("end")}
        return
    target = (record.get("target") or {}).get("id")
    gaps = record.get("gaps") or []
    if not gaps:
        yield {**base, "target": target}
    for g in gaps:
        row = {**base, "target": target, "skill_id": g["skill_id"], "label": g["label"], "relation": g["relation"],
               "level": g["level"], "importance": g["importance"], "wanted": g["wanted"], "cover": g.get("cover")}
        courses = g.get("courses") or [] if task == "recommend" else []
        if not courses:
            yield row
        for c in courses:
            course = c["course"]
            yield {**row, "course_id": course["id"], "course": course["name"], "url": course["url"],
                   "hours": course.get("hours")}


def schema(task: str) -> Any:
    pa = require_pyarrow()
    return pa.schema([(name, getattr(pa, kind)()) for name, kind in COLUMNS[task]])


def write_parquet(sink: Any, records: Iterable[dict[str, Any]], *, task: str) -> tuple[int, int]:
    """Write the rows of ``records`` to ``sink`` (a binary file), in row groups; returns records and failed."""
    require_pyarrow()
    import pyarrow.parquet as pq

    table_schema = schema(task)
    names = [n for n, _ in COLUMNS[task]]
    n_records = n_failed = 0
    batch: list[dict[str, Any]] = []
    with pq.ParquetWriter(sink, table_schema) as writer:
        for record in records:
            n_records += 1
            n_failed += "error" in record
            batch.extend(rows(record, task))
            if len(batch) >= ROWS_PER_GROUP:
                writer.write_table(_table(batch, names, table_schema))
                batch = []
        if batch or n_records == 0:
            writer.write_table(_table(batch, names, table_schema))
    return n_records, n_failed


def _table(batch: list[dict[str, Any]], names: list[str], table_schema: Any) -> Any:
    import pyarrow as pa

    return pa.Table.from_pydict({n: [r.get(n) for r in batch] for n in names}, schema=table_schema)
