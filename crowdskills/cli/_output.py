"""Rendering for the CLI. The only module that imports rich.

Machine formats (json, jsonl, csv) are written with plain ``sys.stdout.write``: rich would wrap
lines and eat ``[brackets]``. Tables and messages use rich, coloured only on a terminal.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any


def write_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def write_jsonl(rows: Iterable[Any]) -> None:
    for row in rows:
        sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["|".join(map(str, v)) if isinstance(v, (list, tuple)) else v for v in row])


def _console(stderr: bool = False) -> Any:
    """A rich console; when not writing to a terminal, lines are not wrapped at 80 columns."""
    import os

    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    width = None
    if not stream.isatty() and not os.environ.get("COLUMNS"):
        width = 160
    return Console(file=stream, highlight=False, soft_wrap=False, width=width)


def print_table(
    columns: Sequence[str], rows: Iterable[Sequence[Any]], *, title: str | None = None,
    caption: str | None = None,
) -> None:
    from rich.table import Table

    table = Table(title=title, caption=caption, title_justify="left", caption_justify="left")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(v) for v in row))
    _console().print(table)


def _cell(value: Any) -> Any:
    from rich.text import Text

    if isinstance(value, Text):
        return value
    if isinstance(value, (list, tuple)):
        value = ", ".join(map(str, value))
    if isinstance(value, float):
        value = f"{value:.2f}"
    return Text(str(value) if value is not None else "")


def print_text(text: str, *, style: str | None = None) -> None:
    """Plain text on stdout (no markup interpretation)."""
    from rich.text import Text

    _console().print(Text(text, style=style or ""))


def print_url(url: str, *, indent: str = "  ") -> None:
    """A URL on a line of its own, never wrapped (a terminal that is too narrow folds it itself)."""
    from rich.text import Text

    _console().print(Text(indent + url), soft_wrap=True, overflow="ignore", crop=False)


def print_record(title: str, fields: Sequence[tuple[str, Any]]) -> None:
    """A titled list of ``name: value`` lines on stdout."""
    from rich.text import Text

    console = _console()
    console.print(Text(title, style="bold"))
    for name, value in fields:
        if value in (None, "", [], ()):
            continue
        if isinstance(value, (list, tuple)):
            value = ", ".join(map(str, value))
        line = Text(f"  {name}: ", style="dim")
        line.append(str(value))
        console.print(line)


def error(message: str) -> None:
    """``Error: message`` on stderr, on one line."""
    sys.stderr.write(f"Error: {message}\n")


def warn(message: str) -> None:
    sys.stderr.write(f"Warning: {message}\n")


def note(message: str) -> None:
    """An informational line on stderr."""
    sys.stderr.write(message + "\n")


def snippet(text: str, start: int, end: int, width: int = 70) -> tuple[str, int, int]:
    """A one-line window of ``text`` around ``text[start:end]``; returns it and the span in it."""
    pad = max(0, (width - (end - start)) // 2)
    a = max(0, start - pad)
    b = min(len(text), end + pad)
    left = " ".join(text[a:start].split())
    mid = " ".join(text[start:end].split())
    right = " ".join(text[end:b].split())
    if text[a:start][-1:].isspace() and left:
        left += " "
    if text[end:b][:1].isspace() and right:
        right = " " + right
    prefix = "…" if a > 0 else ""
    suffix = "…" if b < len(text) else ""
    line = f"{prefix}{left}{mid}{right}{suffix}"
    s = len(prefix) + len(left)
    return line, s, s + len(mid)


def highlighted(text: str, start: int, end: int) -> Any:
    """A rich Text of a snippet around ``text[start:end]`` with those words in bold."""
    from rich.text import Text

    line, s, e = snippet(text, start, end)
    out = Text(line)
    out.stylize("bold reverse" if sys.stdout.isatty() else "bold", s, e)
    return out


def write_markdown_table(columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    def cell(v: Any) -> str:
        if isinstance(v, (list, tuple)):
            v = ", ".join(map(str, v))
        if isinstance(v, float):
            v = f"{v:.2f}"
        return str(v if v is not None else "").replace("|", "\\|").replace("\n", " ")

    sys.stdout.write("| " + " | ".join(columns) + " |\n")
    sys.stdout.write("|" + "---|" * len(columns) + "\n")
    for row in rows:
        sys.stdout.write("| " + " | ".join(cell(v) for v in row) + " |\n")


def write_text(text: str) -> None:
    sys.stdout.write(text)


def check_output_file(path: str, *, force: bool = False, inputs: Iterable[str | Path | None] = ()) -> None:
    """Refuse ``path`` when it is one of the ``inputs`` the command reads (even with force), or
    when it exists and ``force`` is not set."""
    import os

    from ..errors import InputError
    from ..inputs import check_not_input

    check_not_input(path, inputs)
    if os.path.exists(path) and not force:
        raise InputError(f"{path} already exists. Use --force to overwrite it.")


def write_file(path: str, text: str, *, force: bool = False, inputs: Iterable[str | Path | None] = ()) -> None:
    """Write ``text`` to ``path`` atomically (temp file + rename); refuse to overwrite one of the
    ``inputs``, or any file without force."""
    import os

    from ..errors import InputError
    from ..inputs import atomic_write

    check_output_file(path, force=force, inputs=inputs)
    target = os.path.abspath(path)
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        raise InputError(f"cannot write {path}: folder {folder} does not exist.")
    atomic_write(Path(target), text.encode("utf-8"), shown=path)


class _NoProgress:
    def __enter__(self) -> Any:
        return lambda: None

    def __exit__(self, *exc: object) -> None:
        return None


def progress(total: int, description: str) -> Any:
    """A context giving an ``advance()`` callable: a progress bar on stderr when it is a terminal."""
    if not sys.stderr.isatty():
        return _NoProgress()
    from contextlib import contextmanager

    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    @contextmanager
    def bar() -> Any:
        with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      console=_console(stderr=True), transient=True) as p:
            task = p.add_task(description, total=total)
            yield lambda: p.advance(task)

    return bar()
