"""Batch runs over many documents: one result record per input, in input order.

:func:`run_batch` takes :class:`~crowdskills.corpus.Document` objects and yields one plain
``dict`` per document, ready for JSONL or CSV. Documents stream through: memory stays flat
however many there are. ``jobs > 1`` spreads the work over processes, each loading the
taxonomy once; results come back in input order, so the output is the same as with one job.
``engine="dask"`` sends chunks of documents to a Dask cluster instead (``crowdskills[dask]``).
:func:`run_batch_lines` yields the records already written out as JSONL lines or CSV rows, by
the worker that made them: the parent process then only reads input and writes output, which
is what lets ``--jobs 2`` run nearly twice as fast as ``--jobs 1``.

Tasks:

- ``skills``: the skills each text shows (the JSON contract of ``crowdskills skills``).
- ``gaps``: what each profile misses for a role (``role``) or for the role named in a field of
  each record (``target_field``); with neither, for the closest role.
- ``recommend``: ``gaps`` plus the courses chosen to close them.
- ``rank``: the ``top_k`` best skills of the taxonomy for each text, with scores and evidence
  (:meth:`SkillMatcher.rank`; the JSON contract of ``crowdskills rank``).
"""

from __future__ import annotations

import csv
import functools
import io
import itertools
import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from json.encoder import encode_basestring
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .corpus import Document

if TYPE_CHECKING:
    from .matching.matcher import Reading

TASKS = ("skills", "gaps", "recommend", "rank")
ENGINES = ("local", "dask")
FORMATS = ("jsonl", "csv")

Pair = tuple[Document, "str | None"]
Line = tuple[str, "str | None"]
"""An output line (with its newline) and the record's error, if it failed."""


@dataclass(frozen=True)
class BatchSettings:
    """What to compute for each document; picklable, so that workers can rebuild the tools."""

    task: str = "skills"
    taxonomy: tuple[str, ...] | None = None
    """``--taxonomy`` values (None: the shipped taxonomy)."""
    catalogs: tuple[str, ...] | None = None
    role: str | None = None
    kind: str = "auto"
    min_score: float = 0.5
    filters: dict[str, Any] = field(default_factory=dict)
    """Course filters of ``recommend``: lang, max_hours, free_only, budget."""
    top_k: int = 5
    """``rank``: skills per document."""


class _Worker:
    """The loaded taxonomy, matcher and catalogs of one process (built once)."""

    def __init__(self, settings: BatchSettings) -> None:
        from .matching import SkillMatcher
        from .matching.cache import load_compiled
        from .taxonomy import resolve_taxonomy_paths, taxonomy_env_paths

        self.settings = settings
        specs = list(settings.taxonomy) if settings.taxonomy else taxonomy_env_paths()
        taxonomy, index = load_compiled(resolve_taxonomy_paths(specs))
        self.matcher = SkillMatcher(min_score=settings.min_score).fit(taxonomy, index=index)
        self.taxonomy = taxonomy
        self._courses: list[Any] | None = None
        self._heads: dict[str, str] = {}  # skill id -> the start of its JSON object
        if settings.role is not None:
            taxonomy.role(settings.role)  # NotFoundError with the closest role ids

    @property
    def courses(self) -> list[Any]:
        if self._courses is None:
            from .catalogs.load import catalog_env_paths, load_catalogs, resolve_catalog_paths

            specs = list(self.settings.catalogs) if self.settings.catalogs else catalog_env_paths()
            self._courses = load_catalogs(resolve_catalog_paths(specs), taxonomy=self.taxonomy)
        return self._courses

    def process_chunk(self, chunk: list[Pair]) -> list[dict[str, Any]]:
        """Records for a chunk of documents; ``skills`` goes through :meth:`SkillMatcher.match_many`."""
        found = self._match_chunk(chunk)
        if found is None:
            return [self.process(doc, target) for doc, target in chunk]
        return [
            {"id": doc.id, "error": doc.error} if doc.error is not None
            else _skills_record(doc.id, next(found))
            for doc, _ in chunk
        ]

    def _match_chunk(self, chunk: list[Pair]) -> Iterator[Reading] | None:
        """The readings of a chunk's good documents, in order, for ``skills``; None to go one by one."""
        if self.settings.task != "skills":
            return None
        good = [doc.text for doc, _ in chunk if doc.error is None]
        try:
            return iter(self.matcher.read_many(good, kind=self.settings.kind))
        except Exception:  # one bad text must not fail its neighbours: fall back to one by one
            return None

    def encode_chunk(self, chunk: list[Pair], fmt: str) -> list[Line]:
        """:meth:`process_chunk`, each record written as a line of ``fmt`` (``jsonl`` or ``csv``)."""
        if fmt == "csv":
            encode = functools.partial(_csv_line, task=self.settings.task)
            return [(encode(r), r.get("error")) for r in self.process_chunk(chunk)]
        found = self._match_chunk(chunk)
        if found is None:  # another task, or a chunk that failed as a whole: one by one
            return [(_jsonl_line(r), r.get("error")) for r in (self.process(d, t) for d, t in chunk)]
        # skills as JSONL, the bulk of large runs: written straight from the matches
        out: list[Line] = []
        heads = self._heads
        for doc, _ in chunk:
            if doc.error is not None:
                out.append((_jsonl_line({"id": doc.id, "error": doc.error}), doc.error))
            else:
                r = next(found)
                out.append((f'{{"id": {_json_str(doc.id)}, "language": {_json_str(r.language)}, "kind": "{r.kind}", '
                            f'"skills": [{_matches_json(r.matches, heads)}]}}\n', None))
        return out

    def process(self, doc: Document, target: str | None = None) -> dict[str, Any]:
        record: dict[str, Any] = {"id": doc.id}
        if doc.error is not None:
            record["error"] = doc.error
            return record
        s = self.settings
        try:
            if s.task == "skills":
                return _skills_record(doc.id, self.matcher.read_many([doc.text], kind=s.kind)[0])
            if s.task == "rank":
                record["skills"] = [r.to_dict() for r in self.matcher.rank(doc.text, top_k=s.top_k)]
                return record
            from .advice import gap_report

            role = target or s.role
            if role is not None and role not in self.taxonomy.roles:
                record["error"] = f"{doc.source}: unknown role {role!r}"
                return record
            report = gap_report(
                doc.text, self.matcher, self.courses if s.task == "recommend" else [], role_id=role, **s.filters,
            )
            data = report.to_dict()
            if s.task == "gaps":
                record.update({"target": data["target"], "gaps": [
                    {k: v for k, v in g.items() if k != "courses"} for g in data["gaps"]]})
            else:
                record.update({"target": data["target"], "gaps": data["gaps"], "plan": data["plan"],
                               "total_hours": data["total_hours"]})
            return record
        except Exception as exc:  # one bad record must not stop a run of millions
            record["error"] = f"{doc.source}: {type(exc).__name__}: {exc}"
            return record


_WORKER: _Worker | None = None


def _init(settings: BatchSettings) -> None:
    global _WORKER
    _WORKER = _Worker(settings)


def _process_chunk(chunk: list[Pair], fmt: str | None = None) -> list[Any]:
    assert _WORKER is not None
    return _WORKER.process_chunk(chunk) if fmt is None else _WORKER.encode_chunk(chunk, fmt)


def _chunks(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while True:
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield chunk


def run_batch(
    documents: Iterable[Document],
    settings: BatchSettings | None = None,
    *,
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 256,
) -> Iterator[dict[str, Any]]:
    """Process documents and yield one record per document, in input order.

    Args:
        documents: what to read (see :func:`crowdskills.corpus.iter_documents`).
        settings: the task and its options.
        jobs: processes to use (with ``engine="dask"`` and no scheduler: workers of a local cluster).
        engine: ``local`` or ``dask``.
        scheduler: a Dask scheduler address (``tcp://host:8786``); a local cluster when None.
        chunk_size: documents sent to a worker at a time. Each chunk costs the parent process
            about 1.5 ms, so with ``jobs > 1`` much smaller chunks slow the run down.

    Each record has ``id`` and either the task's result or ``error``. For ``gaps`` and
    ``recommend``, a document's ``target`` (a role id) overrides ``settings.role``.
    """
    for results in _run_chunks(documents, settings, None, jobs, engine, scheduler, chunk_size):
        yield from results


def run_batch_lines(
    documents: Iterable[Document],
    settings: BatchSettings | None = None,
    *,
    format: str = "jsonl",
    jobs: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    chunk_size: int = 256,
) -> Iterator[Line]:
    """:func:`run_batch`, each record written out by its worker: ``(line, error)`` pairs.

    ``line`` is the record as one JSONL line (``json.dumps(record, ensure_ascii=False)``) or
    one CSV row (:func:`csv_row`), newline included; ``error`` is the record's error or None.
    """
    if format not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {format!r}")
    for lines in _run_chunks(documents, settings, format, jobs, engine, scheduler, chunk_size):
        yield from lines


def _run_chunks(
    documents: Iterable[Document],
    settings: BatchSettings | None,
    fmt: str | None,
    jobs: int,
    engine: str,
    scheduler: str | None,
    chunk_size: int,
) -> Iterator[list[Any]]:
    """Results chunk by chunk, in input order: records, or lines of ``fmt`` when it is set."""
    settings = settings or BatchSettings()
    if settings.task not in TASKS:
        raise ValueError(f"task must be one of {', '.join(TASKS)}, not {settings.task!r}")
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    pairs: Iterable[Pair] = ((d, d.target) for d in documents)
    if engine == "dask":
        yield from _run_dask(pairs, settings, fmt, scheduler, jobs, chunk_size=max(chunk_size, 256))
        return
    if jobs <= 1:
        worker = _Worker(settings)
        for chunk in _chunks(pairs, chunk_size):
            yield worker.process_chunk(chunk) if fmt is None else worker.encode_chunk(chunk, fmt)
        return
    _Worker(settings)  # fail here, in the parent, on a bad taxonomy or role
    yield from _run_pool(pairs, settings, fmt, jobs, chunk_size)


def _run_pool(
    pairs: Iterable[Pair], settings: BatchSettings, fmt: str | None, jobs: int, chunk_size: int
) -> Iterator[list[Any]]:
    """Chunks through ``jobs`` worker processes, a few chunks ahead, in input order. A worker
    that dies (killed by the system for memory, say) stops the run with an error, never a hang."""
    import multiprocessing as mp
    from collections import deque
    from concurrent.futures import Future, ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    from .errors import CrowdskillsError

    ctx = mp.get_context("spawn" if mp.get_start_method(allow_none=True) == "spawn" else None)
    task = functools.partial(_process_chunk, fmt=fmt)
    window: deque[tuple[Future[list[Any]], str]] = deque()
    with ProcessPoolExecutor(jobs, mp_context=ctx, initializer=_init, initargs=(settings,)) as pool:
        try:
            for chunk in _chunks(pairs, chunk_size):
                window.append((pool.submit(task, chunk), chunk[0][0].source))
                while len(window) > 2 * jobs:
                    yield window[0][0].result()
                    window.popleft()
            while window:
                yield window[0][0].result()
                window.popleft()
        except BrokenProcessPool:
            raise CrowdskillsError(
                f"a worker process died (killed by the system, perhaps for lack of memory) on the records "
                f"from {window[0][1]} on; the records before them were written. Go on with --resume, "
                "with fewer --jobs or a smaller --max-bytes."
            ) from None
        finally:
            for future, _ in window:
                future.cancel()


def _run_dask(
    pairs: Iterable[Pair], settings: BatchSettings, fmt: str | None, scheduler: str | None, jobs: int,
    chunk_size: int,
) -> Iterator[list[Any]]:
    try:
        from distributed import Client  # type: ignore[import-not-found,unused-ignore]

        make_client: Any = Client
    except ImportError:
        from .errors import InputError

        raise InputError(
            "the dask engine needs Dask: pip install 'crowdskills[dask]'"
        ) from None
    from collections import deque

    if scheduler:
        client = make_client(scheduler)
    else:  # a cluster on this machine, one single-threaded worker process per job
        client = make_client(processes=True, n_workers=max(1, jobs), threads_per_worker=1, dashboard_address=None)
    try:
        window: deque[Any] = deque()
        limit = 4 * max(1, len(client.scheduler_info().get("workers", {})) or 1)
        for chunk in _chunks(pairs, chunk_size):
            window.append(client.submit(_dask_chunk, settings, chunk, fmt, pure=False))
            while len(window) >= limit:
                yield _dask_result(window.popleft())
        while window:
            yield _dask_result(window.popleft())
    finally:
        client.close()


def _dask_result(future: Any) -> list[Any]:
    """A chunk's results; a chunk whose workers kept dying is an error, not a traceback."""
    try:
        result: list[Any] = future.result()
    except Exception as exc:
        if type(exc).__name__ != "KilledWorker":
            raise
        from .errors import CrowdskillsError

        raise CrowdskillsError(
            "Dask workers died on a chunk of records (killed for memory, perhaps); the records before "
            "it were written. Go on with --resume, with a smaller --max-bytes."
        ) from None
    return result


def _dask_chunk(settings: BatchSettings, chunk: list[Pair], fmt: str | None = None) -> list[Any]:
    """Runs on a Dask worker: the taxonomy is loaded once per worker process and settings."""
    global _WORKER
    if _WORKER is None or _WORKER.settings != settings:
        _WORKER = _Worker(settings)
    return _process_chunk(chunk, fmt)


RECORD_KEYS = {
    "skills": frozenset({"id", "language", "kind", "skills", "error"}),
    "rank": frozenset({"id", "skills", "error"}),
    "gaps": frozenset({"id", "target", "gaps", "error"}),
    "recommend": frozenset({"id", "target", "gaps", "plan", "total_hours", "error"}),
}
"""The keys a record of each task may have."""


def check_output(output: Path, inputs: Sequence[str]) -> None:
    """Refuse an output that is one of the inputs (after links), or a text file inside an input
    folder: writing it would empty the input before it is read, ``--force`` or not."""
    from .errors import InputError
    from .inputs import TEXT_SUFFIXES, check_not_input

    check_not_input(output, inputs)
    target = output.expanduser().resolve()
    for arg in inputs:
        if arg == "-":
            continue
        source = Path(arg).expanduser()
        if source.is_dir() and target.suffix.lower() in TEXT_SUFFIXES and target.is_relative_to(source.resolve()):
            raise InputError(
                f"{output} is inside the input folder {arg}, where it would be read as an input. "
                "Give another --output."
            )


def read_done_ids(path: Path, task: str | None = None) -> tuple[set[str], int]:
    """Ids already written to a JSONL output, and the byte length of its complete lines.

    A last line cut short by an interruption (no newline at its end) is not counted: the caller
    truncates it away. Any other line that is not a record of this tool (of ``task``, when
    given) raises :class:`InputError`, naming the line: nothing else is ever cut.
    """
    from .errors import InputError

    allowed = RECORD_KEYS.get(task or "", frozenset().union(*RECORD_KEYS.values()))
    done: set[str] = set()
    good = 0
    with path.open("rb") as f:
        for number, line in enumerate(f, start=1):
            if not line.endswith(b"\n") and (line.startswith(_HEAD) or _HEAD.startswith(line)):
                break  # the start of a record, cut short
            try:
                record = json.loads(line) if line.endswith(b"\n") else None
            except (ValueError, RecursionError):
                record = None
            if not (isinstance(record, dict) and "id" in record and record.keys() <= allowed):
                what = f"records of --task {task}" if task else "batch records"
                raise InputError(
                    f"{path}:{number}: not one of crowdskills' {what}, so --resume cannot go on with "
                    f"{path}. Give the output of an earlier batch run with the same --task, or another --output."
                )
            done.add(str(record["id"]))
            good += len(line)
    return done, good


def read_done_csv_ids(path: Path, task: str) -> tuple[set[str], int]:
    """:func:`read_done_ids` for a CSV output: ids in its first column, checked against the
    header of ``task``; a last line without its newline is not counted."""
    from .errors import InputError

    raw = path.read_bytes()
    good = raw.rfind(b"\n") + 1
    rows = csv.reader(io.StringIO(raw[:good].decode("utf-8", errors="replace"), newline=""))
    header = list(csv_header(task))
    done: set[str] = set()
    for row in rows:
        if rows.line_num == 1 and row != header:
            raise InputError(
                f"{path}:1: not the header of a crowdskills batch CSV of --task {task} ({','.join(header)}), "
                f"so --resume cannot go on with {path}. Give another --output."
            )
        if rows.line_num > 1 and row:
            if len(row) != len(header):
                raise InputError(
                    f"{path}:{rows.line_num}: not a row of crowdskills' batch CSV ({len(row)} columns, not "
                    f"{len(header)}), so --resume cannot go on with {path}. Give another --output."
                )
            done.add(row[0])
    if good == 0 and raw and not (",".join(header) + "\n").encode().startswith(raw):
        raise InputError(f"{path}:1: not the header of a crowdskills batch CSV of --task {task}, so --resume "
                         f"cannot go on with {path}. Give another --output.")
    return done, good


_HEAD = b'{"id": '
"""How every JSONL record starts."""


def csv_row(record: dict[str, Any], task: str) -> list[Any]:
    """A flat CSV row for a record: id, error, then a summary of the task's result (see :func:`csv_header`)."""
    if task == "skills":
        skills = record.get("skills", [])
        statuses = {s["status"] for s in skills}
        kind = "job" if statuses & {"required", "optional"} else ("profile" if statuses else "")
        top = sorted(skills, key=lambda s: -s["score"])[:TOP_SKILLS]
        return [record["id"], record.get("error", ""), kind, len(skills), "|".join(s["label"] for s in top),
                "|".join(s["skill_id"] for s in skills), "|".join(s["status"] for s in skills)]
    if task == "rank":
        ranked = record.get("skills", [])
        return [record["id"], record.get("error", ""), "|".join(s["skill_id"] for s in ranked),
                "|".join(str(s["score"]) for s in ranked)]
    target = record.get("target") or {}
    gaps = record.get("gaps", [])
    fit = target.get("fit")
    row = [record["id"], record.get("error", ""), target.get("id", ""), "" if fit is None else fit, len(gaps),
           "|".join(g["skill_id"] for g in gaps)]
    if task == "recommend":
        plan = record.get("plan", [])
        row += [record.get("total_hours", ""), sum(not s.get("hours_stated", True) for s in plan), len(plan),
                "|".join(step["course_id"] for step in plan)]
    return row


#: Skills named in the ``top_skills`` column of a skills CSV (by score).
TOP_SKILLS = 5


def csv_header(task: str) -> Sequence[str]:
    """Columns of the CSV summary: for skills, the kind the statuses show (profile or job), the
    number of skills and the top ones by score; for gaps, the target, the profile's fit to it and
    the number of gaps; for recommend also the plan's stated hours, courses of unknown length,
    number of courses and their ids."""
    if task == "skills":
        return ("id", "error", "kind", "n_skills", "top_skills", "skills", "statuses")
    if task == "rank":
        return ("id", "error", "skills", "scores")
    return ("id", "error", "target", "fit", "n_gaps", "gaps",
            *(("total_hours", "unknown_length", "n_courses", "courses") if task == "recommend" else ()))


# ---------------------------------------------------------------------- output lines
def _skills_record(doc_id: Any, reading: Any) -> dict[str, Any]:
    """A ``skills`` record: the id, the language and kind the matcher read the text with, the skills."""
    return {"id": doc_id, "language": reading.language, "kind": reading.kind,
            "skills": [m.to_dict() for m in reading.matches]}


def _jsonl_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"


def _csv_line(record: dict[str, Any], task: str) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(csv_row(record, task))
    return buf.getvalue()


def _json_str(value: Any) -> str:
    return encode_basestring(value) if type(value) is str else json.dumps(value, ensure_ascii=False)


def _matches_json(matches: list[Any], heads: dict[str, str]) -> str:
    """``Match.to_dict()`` of each match, as ``json.dumps(..., ensure_ascii=False)`` writes a
    list of them, without building the dicts: a tenth of a batch's time went to those."""
    parts = []
    for m in matches:
        head = heads.get(m.skill_id)
        if head is None:
            head = heads[m.skill_id] = json.dumps(
                {"skill_id": m.skill_id, "label": m.label, "category": m.category}, ensure_ascii=False)[:-1]
        evidence = ", ".join(
            f'{{"start": {e.start}, "end": {e.end}, "text": {encode_basestring(e.text)}}}' for e in m.evidence)
        methods = ", ".join(f'"{x}"' for x in m.methods)
        parts.append(f'{head}, "score": {m.score!r}, "status": "{m.status}", '
                     f'"methods": [{methods}], "evidence": [{evidence}]}}')
    return ", ".join(parts)
