"""Reading many documents: a directory of text files, JSONL, CSV, or standard input.

Every document comes out as a :class:`Document` in input order, one at a time, so a corpus of
millions of records streams through in flat memory. A record that cannot be used (empty text,
bytes that are not text, a broken JSON line) becomes a document with ``error`` set instead of
stopping the run: the caller decides whether to skip it, report it or stop.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InputError
from .inputs import DEFAULT_MAX_BYTES, TEXT_SUFFIXES, read_file

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")

csv.field_size_limit(DEFAULT_MAX_BYTES)


@dataclass(frozen=True)
class Document:
    """One text of a corpus, where it came from, and what went wrong with it, if anything."""

    id: str
    text: str
    source: str
    """File name and, for JSONL and CSV, the line or row: ``jobs.csv:12``."""
    date: str | None = None
    error: str | None = None
    target: str | None = None
    """The value of the target field (a role id for ``batch --target-field``), if asked for."""


@dataclass(frozen=True)
class Fields:
    """Which JSONL keys or CSV columns hold the id, the text and (optionally) date and target."""

    id: str = "id"
    text: str = "text"
    date: str | None = None
    target: str | None = None


def iter_documents(
    inputs: Sequence[str], fields: Fields | None = None, *, stdin: BinaryIO | None = None
) -> Iterator[Document]:
    """Documents of every input, in order.

    Args:
        inputs: paths of directories (searched recursively for .txt, .md and .html files),
            JSONL files, CSV/TSV files or single text files; ``-`` reads standard input, as JSONL
            when its first character is ``{`` and as one text otherwise.
        fields: the keys or columns to read from JSONL and CSV.

    Raises:
        InputError: an input does not exist, or a CSV file lacks the text column. Problems
            with single records are reported in :attr:`Document.error` instead.
    """
    fields = fields or Fields()
    for arg in inputs:
        if arg == "-":
            yield from _stdin_documents(stdin if stdin is not None else sys.stdin.buffer, fields)
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            yield from _directory_documents(path)
        elif not path.exists():
            raise InputError(f"{arg} does not exist. Give files, directories, JSONL or CSV files, or -.")
        elif path.suffix.lower() in JSONL_SUFFIXES:
            with _open_text(path) as f:
                yield from _jsonl_documents(f, str(path), fields)
        elif path.suffix.lower() in CSV_SUFFIXES:
            with _open_text(path) as f:
                yield from _csv_documents(f, str(path), fields, "\t" if path.suffix.lower() == ".tsv" else ",")
        else:
            yield _file_document(path, str(path))


def _open_text(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None


def _file_document(path: Path, doc_id: str) -> Document:
    try:
        return Document(doc_id, read_file(path).text, str(path))
    except InputError as exc:
        return Document(doc_id, "", str(path), error=str(exc))


def _directory_documents(root: Path) -> Iterator[Document]:
    files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix.lower() in TEXT_SUFFIXES)
    for path in files:
        yield _file_document(path, path.relative_to(root).as_posix())


def _stdin_documents(stream: BinaryIO, fields: Fields) -> Iterator[Document]:
    f = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    first = f.read(1)
    while first and first.isspace():
        first = f.read(1)
    if first == "{":
        yield from _jsonl_documents(_prepend(first, f), "standard input", fields)
        return
    text = first + f.read(DEFAULT_MAX_BYTES)
    error = None if text.strip() else "standard input is empty: there is no text to analyse."
    yield Document("1", text, "standard input", error=error)


def _prepend(first: str, f: TextIO) -> Iterator[str]:
    line = first + f.readline()
    yield line
    yield from f


def _jsonl_documents(
    lines: Iterator[str] | TextIO, name: str, fields: Fields, *, first: int = 1
) -> Iterator[Document]:
    """Documents of JSONL lines; ``first`` is the number of the first line (a shard starts mid-file)."""
    for number, line in enumerate(lines, start=first):
        if not line.strip():
            continue
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            message = f"{where}: not valid JSON ({exc.msg}); fix or remove the line."
            yield Document(str(number), "", where, error=message)
            continue
        if not isinstance(record, dict):
            yield Document(str(number), "", where, error=f"{where}: a JSON object is expected, one per line.")
            continue
        yield _record_document(record, number, where, fields)


def _csv_documents(f: TextIO, name: str, fields: Fields, delimiter: str) -> Iterator[Document]:
    reader = csv.DictReader(f, delimiter=delimiter)
    columns = reader.fieldnames or []
    if fields.text not in columns:
        shown = ", ".join(columns) or "none"
        raise InputError(
            f"{name}: no {fields.text!r} column (columns: {shown}). Name the text column with --text-field."
        )
    for record in reader:
        row = reader.line_num
        if not any((v or "").strip() for v in record.values() if isinstance(v, str)):
            continue  # an empty row
        yield _record_document(record, row, f"{name}:{row}", fields)


def _record_document(record: dict[str, object], number: int, where: str, fields: Fields) -> Document:
    raw_id = record.get(fields.id)
    doc_id = str(raw_id) if raw_id not in (None, "") else str(number)
    text = record.get(fields.text)
    date = record.get(fields.date) if fields.date else None
    date_text = str(date) if date not in (None, "") else None
    raw_target = record.get(fields.target) if fields.target else None
    target = str(raw_target) if raw_target not in (None, "") else None
    if not isinstance(text, str):
        missing = "missing" if text is None else f"not text ({type(text).__name__})"
        return Document(doc_id, "", where, date_text, f"{where}: field {fields.text!r} is {missing}.", target)
    if not text.strip():
        return Document(doc_id, "", where, date_text, f"{where}: field {fields.text!r} is empty.", target)
    return Document(doc_id, text, where, date_text, None, target)
