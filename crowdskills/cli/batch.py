"""``crowdskills batch``: skills, gaps or courses for many documents, streamed as JSONL or CSV."""

from __future__ import annotations

import enum
import sys
import time
from pathlib import Path
from typing import IO, TYPE_CHECKING, Annotated, Optional

import typer

from . import _output as out

if TYPE_CHECKING:
    from ..batch import BatchSettings
    from ..corpus import Fields

from ._common import (
    BudgetOption,
    CatalogOption,
    FreeOnlyOption,
    IdFieldOption,
    Kind,
    LangOption,
    MaxHoursOption,
    TaxonomyOption,
    TextFieldOption,
)


class Task(str, enum.Enum):
    skills = "skills"
    gaps = "gaps"
    recommend = "recommend"
    rank = "rank"


class BatchFormat(str, enum.Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Engine(str, enum.Enum):
    local = "local"
    dask = "dask"


def batch(
    inputs: Annotated[list[str], typer.Argument(
        metavar="INPUT...", help="Directories of .txt/.md/.html files, JSONL or CSV files, or - for stdin.")],
    task: Annotated[Task, typer.Option("--task", case_sensitive=False, help="What to compute per document.")]
    = Task.skills,
    role: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--role", help="gaps/recommend: the role to compare each profile with (else the closest role).")] = None,
    target_field: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--target-field", metavar="NAME", help="gaps/recommend: JSONL key or CSV column with each record's role id.",
    )] = None,
    format: Annotated[BatchFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")]
    = BatchFormat.jsonl,
    output: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--output", "-o", metavar="FILE", help="Write here instead of standard output.")] = None,
    output_dir: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--output-dir", metavar="DIR|URL", help="dask: sharded run; workers read the inputs and write one output "
        "shard per input shard here, with _manifest.json.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes to use (local engine).")] = 1,
    engine: Annotated[Engine, typer.Option("--engine", case_sensitive=False, help="local, or dask for a cluster.")]
    = Engine.local,
    scheduler: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--scheduler", metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (else a local cluster).",
    )] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Skip ids already in --output and append the rest.")]
    = False,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first record that fails.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    kind: Annotated[Kind, typer.Option("--kind", "-k", case_sensitive=False, help="skills: profile, job or auto.")]
    = Kind.auto,
    min_score: Annotated[float, typer.Option("--min-score", min=0.0, max=1.0, help="Hide matches below this.")]
    = 0.5,
    top_k: Annotated[int, typer.Option("--top-k", "-n", min=1, help="rank: skills per document.")] = 5,
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    catalog: CatalogOption = None,
    taxonomy: TaxonomyOption = None,
    max_bytes: Annotated[int, typer.Option(
        "--max-bytes", min=1, help="The most one record may hold (a file, a JSONL line, a CSV field); "
        "a longer one is an error record.")] = 5 * 1024 * 1024,
) -> None:
    """Run skills, rank, gaps or recommend over many documents: one output record per input.

    Records come out in input order, each with the input's id, streamed and flushed as they
    are done. A record that fails (empty text, undecodable bytes) gets an "error" field and
    the run goes on; the exit code is then 4. --jobs N uses N processes with the same output
    as --jobs 1. --resume skips ids already written to --output, so an interrupted run can go
    on where it stopped; a last line cut short by the interruption is dropped first.

    On a Dask cluster, --output-dir runs sharded: each input file (large JSONL files split by byte
    ranges) is read by a worker, which writes its own output shard; the client only plans shards
    and writes DIR/_manifest.json. Inputs may be globs or fsspec URLs (s3://...); --format
    parquet (crowdskills[parquet]) writes one row per skill, gap or course.

    Example: crowdskills batch profiles.jsonl --task gaps --role data-analyst -o gaps.jsonl --jobs 4

    Example: crowdskills batch 'posts/*.jsonl' --engine dask --scheduler tcp://10.0.0.5:8786 --output-dir out/
    """
    from ..batch import csv_header, run_batch_lines
    from ..corpus import Fields, iter_documents
    from ..errors import InputError

    if task in (Task.skills, Task.rank) and (role or target_field):
        raise typer.BadParameter("--role and --target-field go with --task gaps or recommend", param_hint="--role")
    if resume and output is None and output_dir is None:
        raise typer.BadParameter("--resume needs --output FILE", param_hint="--resume")
    if engine is Engine.local and scheduler:
        raise typer.BadParameter("--scheduler goes with --engine dask", param_hint="--scheduler")
    if output_dir is not None or format is BatchFormat.parquet:
        _sharded_checks(output_dir, output, engine)
        settings = _settings(task, taxonomy, catalog, role, kind, min_score, lang, max_hours, free_only, budget,
                             top_k=top_k)
        _run_sharded(inputs, settings, Fields(id=id_field, text=text_field, target=target_field), output_dir or "",
                     format.value, scheduler, jobs, resume, force, max_bytes)
        return

    done: set[str] = set()
    stream: IO[str]
    if output is not None:
        done, fresh, stream = _open_output(output, inputs, task=task.value, format=format.value,
                                           resume=resume, force=force)
    else:
        fresh = True
        stream = sys.stdout

    settings = _settings(task, taxonomy, catalog, role, kind, min_score, lang, max_hours, free_only, budget,
                         top_k=top_k)
    fields = Fields(id=id_field, text=text_field, target=target_field)
    documents = (d for d in iter_documents(inputs, fields, max_bytes=max_bytes) if d.id not in done)
    if format is BatchFormat.csv and fresh:
        import csv

        csv.writer(stream, lineterminator="\n").writerow(csv_header(task.value))
    failed = written = 0
    progress = _Progress() if sys.stderr.isatty() else None
    try:
        for line, error in run_batch_lines(
            documents, settings, format=format.value, jobs=jobs, engine=engine.value, scheduler=scheduler,
        ):
            try:
                stream.write(line)
                stream.flush()
            except OSError as exc:
                if isinstance(exc, BrokenPipeError):
                    raise
                raise InputError(f"cannot write {output or 'standard output'}: {exc.strerror or exc}. "
                                 f"{written} records were written; free some space and go on with --resume.") from None
            written += 1
            if progress is not None:
                progress.tick(written)
            if error is not None:
                failed += 1
                if fail_fast:
                    out.error(f"stopped at the first failed record: {error}")
                    raise typer.Exit(4)
                if failed <= SHOWN_ERRORS:  # the first few on stderr too; all are in the records
                    out.warn(error)
    finally:
        if progress is not None:
            progress.done()
        if stream is not sys.stdout:
            stream.close()
    skipped = f", {len(done)} already done" if done else ""
    out.note(f"{written} records written{skipped}, {failed} failed")
    if failed:
        raise typer.Exit(4)


def _open_output(
    output: Path, inputs: list[str], *, task: str, format: str, resume: bool, force: bool
) -> tuple[set[str], bool, IO[str]]:
    """Check ``--output`` and open it: the ids already done, whether it is fresh, the stream."""
    from ..batch import check_output, read_done_csv_ids, read_done_ids
    from ..errors import InputError
    from ..inputs import check_regular

    check_output(output, inputs)
    if output.is_dir():
        raise InputError(f"cannot write {output}: it is a folder. Give a file name.")
    done: set[str] = set()
    try:
        if output.exists() and resume:
            check_regular(output)  # /dev/zero would be read for ever
            done, good = read_done_ids(output, task) if format == "jsonl" else read_done_csv_ids(output, task)
            with output.open("r+b") as f:
                f.truncate(good)  # drop a last line cut short by an interruption
        elif output.exists() and not force:
            raise InputError(f"{output} already exists. Use --resume to go on with it, or --force to overwrite it.")
        elif not output.parent.is_dir():
            raise InputError(f"cannot write {output}: folder {output.parent} does not exist.")
        fresh = not (resume and output.exists() and output.stat().st_size > 0)
        stream = output.open("a" if resume else "w", encoding="utf-8", newline="")
    except OSError as exc:
        raise InputError(f"cannot write {output}: {exc.strerror or exc}.") from None
    return done, fresh, stream


SHOWN_ERRORS = 5


class _Progress:
    """"N docs, R docs/s" on stderr, redrawn at most twice a second."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()

    def tick(self, n: int) -> None:
        now = time.perf_counter()
        if now - self.last >= 0.5:
            self.last = now
            sys.stderr.write(f"\r{n:,} docs, {n / (now - self.start):,.0f} docs/s ")
            sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _settings(task: Task, taxonomy: list[str] | None, catalog: list[str] | None, role: str | None, kind: Kind,
              min_score: float, lang: str | None, max_hours: float | None, free_only: bool,
              budget: float | None, *, top_k: int = 5) -> BatchSettings:
    from ..batch import BatchSettings

    return BatchSettings(
        task=task.value, taxonomy=tuple(taxonomy) if taxonomy else None, catalogs=tuple(catalog) if catalog else None,
        role=role, kind=kind.value, min_score=min_score, top_k=top_k,
        filters={"lang": lang, "max_hours": max_hours, "free_only": free_only, "budget": budget}
        if task in (Task.gaps, Task.recommend) else {},
    )


def _sharded_checks(output_dir: str | None, output: Path | None, engine: Engine) -> None:
    if output_dir is None:
        raise typer.BadParameter("--format parquet writes shards: give --output-dir DIR (with --engine dask)",
                                 param_hint="--format")
    if output is not None:
        raise typer.BadParameter("give --output FILE or --output-dir DIR, not both", param_hint="--output-dir")
    if engine is not Engine.dask:
        raise typer.BadParameter("--output-dir goes with --engine dask", param_hint="--output-dir")


def _run_sharded(inputs: list[str], settings: BatchSettings, fields: Fields, output_dir: str, fmt: str,
                 scheduler: str | None, jobs: int, resume: bool, force: bool, max_bytes: int) -> None:
    """The sharded Dask run: progress per shard on a terminal, a summary line, exit 4 on failures."""
    from ..shards import ShardResult, run_sharded

    if "-" in inputs:
        raise typer.BadParameter("a sharded run reads files, not standard input", param_hint="INPUT")
    start = time.perf_counter()
    counts = {"shards": 0, "docs": 0}

    def on_shard(result: ShardResult) -> None:
        counts["shards"] += 1
        counts["docs"] += result.records
        if result.error:
            out.warn(f"shard {result.number} failed: {result.error}")
        if sys.stderr.isatty():
            rate = counts["docs"] / max(time.perf_counter() - start, 1e-9)
            sys.stderr.write(f"\r{counts['shards']} shards, {counts['docs']:,} docs, {rate:,.0f} docs/s ")
            sys.stderr.flush()

    manifest = run_sharded(inputs, settings, out_dir=output_dir, fmt=fmt, fields=fields, scheduler=scheduler,
                           jobs=jobs, resume=resume, force=force, max_bytes=max_bytes, on_shard=on_shard)
    if sys.stderr.isatty():
        sys.stderr.write("\r\033[K")
    errors = manifest.errors
    out.note(f"{manifest.records} records written to {len(manifest.shards) - len(errors)} shards in {output_dir}, "
             f"{manifest.failed} failed" + (f", {len(errors)} shards failed" if errors else ""))
    if manifest.failed or errors:
        raise typer.Exit(4)
