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
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, TextIO

from .errors import InputError
from .inputs import DEFAULT_MAX_BYTES, TEXT_SUFFIXES, check_regular, read_file

JSONL_SUFFIXES = (".jsonl", ".ndjson")
CSV_SUFFIXES = (".csv", ".tsv")


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
    inputs: Sequence[str], fields: Fields | None = None, *, stdin: BinaryIO | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Document]:
    """Documents of every input, in order.

    Args:
        inputs: paths of directories (searched recursively for .txt, .md and .html files),
            JSONL files, CSV/TSV files or single text files; ``-`` reads standard input, as JSONL
            when its first character is ``{`` and as one text otherwise.
        fields: the keys or columns to read from JSONL and CSV.
        max_bytes: the most a record may hold (a file, a JSONL line, a CSV field); a longer
            one becomes an error document, and is never read whole into memory.

    Raises:
        InputError: an input does not exist or is not a regular file (a device or a FIFO:
            pipe those into ``-``), or a CSV file lacks the text column. Problems with single
            records are reported in :attr:`Document.error` instead; so is a subfolder that
            cannot be read.
    """
    fields = fields or Fields()
    for arg in inputs:
        if arg == "-":
            yield from _stdin_documents(stdin if stdin is not None else sys.stdin.buffer, fields, max_bytes)
            continue
        path = Path(arg).expanduser()
        if path.is_dir():
            yield from _directory_documents(path, max_bytes)
            continue
        _check_regular(path, arg)
        if path.suffix.lower() in JSONL_SUFFIXES:
            with _open_text(path) as f:
                yield from _jsonl_documents(_capped_lines(f, max_bytes), str(path), fields, max_bytes)
        elif path.suffix.lower() in CSV_SUFFIXES:
            with _open_text(path) as f:
                delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
                yield from _csv_documents(f, str(path), fields, delimiter, max_bytes)
        else:
            yield _file_document(path, str(path), max_bytes)


def _check_regular(path: Path, arg: str) -> None:
    if not path.exists() and not path.is_symlink():
        raise InputError(f"{arg} does not exist. Give files, directories, JSONL or CSV files, or -.")
    check_regular(path, arg)


def _open_text(path: Path) -> TextIO:
    try:
        return path.open(encoding="utf-8-sig", errors="replace", newline="")
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None


def _file_document(path: Path, doc_id: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    try:
        return Document(doc_id, read_file(path, max_bytes=max_bytes).text, str(path))
    except InputError as exc:
        return Document(doc_id, "", str(path), error=str(exc))


def _directory_documents(root: Path, max_bytes: int) -> Iterator[Document]:
    """The text files under ``root``, sorted; a subfolder that cannot be read is an error document."""
    files: list[Path] = []
    unreadable: list[OSError] = []
    for folder, dirs, names in os.walk(root, onerror=unreadable.append):
        dirs.sort()
        base = Path(folder)
        files.extend(p for p in (base / n for n in names) if p.suffix.lower() in TEXT_SUFFIXES and p.is_file())
    for exc in unreadable:
        where = Path(exc.filename or root)
        shown = where.relative_to(root).as_posix() if where != root and where.is_relative_to(root) else str(where)
        yield Document(shown + "/", "", str(where), error=f"folder {where} cannot be read ({exc.strerror}); "
                       "its files were skipped. Check its permissions.")
    for path in sorted(files):
        yield _file_document(path, path.relative_to(root).as_posix(), max_bytes)


def _stdin_documents(stream: BinaryIO, fields: Fields, max_bytes: int) -> Iterator[Document]:
    f = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    first = f.read(1)
    while first and first.isspace():
        first = f.read(1)
    if first == "{":
        yield from _jsonl_documents(_capped_lines(f, max_bytes, first), "standard input", fields, max_bytes)
        return
    text = first + f.read(max_bytes)
    if len(text) > max_bytes:
        error: str | None = (f"standard input is over the {max_bytes:,}-byte limit. "
                             "Split it, or raise the limit with --max-bytes.")
        text = ""
    else:
        error = None if text.strip() else "standard input is empty: there is no text to analyse."
    yield Document("1", text, "standard input", error=error)


def _capped_lines(f: TextIO, limit: int, first: str = "") -> Iterator[str | None]:
    """The lines of ``f`` (``first`` read already); None for a line over ``limit`` characters,
    skipped without holding it in memory."""
    readline = f.readline
    while True:
        line = first + readline(limit + 1 - len(first))
        first = ""
        if not line:
            return
        if len(line) > limit and line[-1] != "\n":
            while True:  # the rest of the long line, 64 KB at a time
                rest = readline(1 << 16)
                if not rest or rest[-1] == "\n":
                    break
            yield None
        else:
            yield line


def _jsonl_documents(
    lines: Iterable[str | None], name: str, fields: Fields, max_bytes: int = DEFAULT_MAX_BYTES, *,
    first_line: int = 1,
) -> Iterator[Document]:
    """Documents of JSONL lines (None for a line over ``max_bytes``, see :func:`_capped_lines`);
    ``first_line`` is the number of the first line (a shard may start mid-file)."""
    for number, line in enumerate(lines, start=first_line):
        where = f"{name}:{number}"
        if line is None:
            yield Document(str(number), "", where, error=f"{where}: the record is over the {max_bytes:,}-byte "
                           "limit; it was skipped. Split it, or raise the limit with --max-bytes.")
            continue
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            message = f"{where}: not valid JSON ({exc.msg}); fix or remove the line."
            yield Document(str(number), "", where, error=message)
            continue
        except RecursionError:
            message = f"{where}: JSON nested too deeply to read; fix or remove the line."
            yield Document(str(number), "", where, error=message)
            continue
        if not isinstance(record, dict):
            yield Document(str(number), "", where, error=f"{where}: a JSON object is expected, one per line.")
            continue
        yield _record_document(record, number, where, fields)


def _csv_documents(
    f: TextIO, name: str, fields: Fields, delimiter: str, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document]:
    quotes = [0]  # quote characters read since the last row: odd after a quote left open

    def lines() -> Iterator[str]:
        for line in _capped_lines(f, max_bytes):
            if line is None:
                line = _TOO_LONG + "\n"
            quotes[0] += line.count('"')
            yield line

    csv.field_size_limit(max_bytes)
    reader = csv.reader(lines(), delimiter=delimiter)
    try:
        columns = next(reader, [])
    except csv.Error as exc:
        raise InputError(f"{name}:1: the header row cannot be read ({exc}). Check the file is CSV.") from None
    if fields.text not in columns:
        shown = ", ".join(columns) or "none"
        raise InputError(
            f"{name}: no {fields.text!r} column (columns: {shown}). Name the text column with --text-field."
        )
    end = reader.line_num
    while True:
        start, quotes[0] = end + 1, 0
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:  # a field over the limit, mostly
            end = reader.line_num
            where = f"{name}:{end}"
            yield Document(str(end), "", where, error=f"{where}: the row cannot be read ({exc}); it was "
                           "skipped. Split long texts, or raise the limit with --max-bytes.")
            continue
        end = row = reader.line_num
        where = f"{name}:{row}"
        if any(_TOO_LONG in v for v in values):
            yield Document(str(row), "", where, error=f"{where}: the row is over the {max_bytes:,}-byte "
                           "limit; it was skipped. Split it, or raise the limit with --max-bytes.")
            continue
        if quotes[0] % 2 and row > start:
            yield Document(str(start), "", f"{name}:{start}", error=(
                f"{name}:{start}: a quote opened in this row is never closed, so lines {start}-{row} "
                "were read as one row; it was skipped. Close the quote."))
            continue
        if not any(v.strip() for v in values):
            continue  # an empty row
        record: dict[str, object] = dict(zip(columns, values))
        yield _record_document(record, row, where, fields)


_TOO_LONG = "\x00crowdskills: line over the limit\x00"


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
