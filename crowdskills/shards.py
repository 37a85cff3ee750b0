"""Sharded batch runs: workers read input shards and write output shards; the client only plans.

``crowdskills batch 'posts/*.jsonl' --engine dask --output-dir out/`` plans one shard per input
file (large JSONL files split into byte ranges on line boundaries, text-file folders into groups
of files), from file sizes alone. Each shard is a Dask task: the worker reads its byte range,
runs the batch task on every document (the same :class:`~crowdskills.batch._Worker` as the
local engine, so a shard's JSONL is byte-identical to the local engine's output for the same
documents) and writes ``out/part-NNNNN.jsonl`` (or ``.csv`` or ``.parquet``) under a temporary
name, renamed when complete. The client never reads a document: it submits shards, records each
finished shard in ``out/_manifest.json`` (input, byte range, output, records, failed records,
sha256 of the output) with the run's settings, crowdskills version and the digests of the
taxonomy and catalogs, and with ``resume`` skips shards whose output matches the manifest.

Inputs are local paths, globs, or fsspec URLs (``s3://bucket/posts/*.jsonl`` with the matching
fsspec extra installed); outputs go to a local folder or an fsspec URL.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import PurePosixPath
from typing import IO, Any

from .batch import BatchSettings
from .corpus import CSV_SUFFIXES, JSONL_SUFFIXES, Document, Fields
from .errors import InputError
from .inputs import DEFAULT_MAX_BYTES, TEXT_SUFFIXES

#: Bytes of JSONL per shard: a larger file is split into ranges of about this size.
SPLIT_BYTES = 32 * 1024 * 1024
#: Text files per shard when the input is a folder of text files.
FILES_PER_SHARD = 2000
MANIFEST = "_manifest.json"
#: Seconds between writes of the manifest while shards finish (a shard finished but not yet
#: recorded when the client dies is redone by --resume: its output is replaced, never doubled).
MANIFEST_EVERY = 1.0
OUTPUT_FORMATS = ("jsonl", "csv", "parquet")


@dataclass(frozen=True)
class Shard:
    """A part of the input one task reads: a byte range of a JSONL file, a whole CSV or text
    file, or a group of text files of a folder (``files``, relative to ``input``)."""

    number: int
    input: str
    kind: str  # jsonl | csv | text | folder
    start: int = 0
    end: int | None = None
    files: tuple[str, ...] = ()

    def output_name(self, fmt: str) -> str:
        return f"part-{self.number:05d}.{fmt}"

    def key(self) -> dict[str, Any]:
        """What identifies the shard's input in the manifest."""
        return {"input": self.input, "kind": self.kind, "start": self.start, "end": self.end,
                "files": list(self.files)}


@dataclass(frozen=True)
class ShardResult:
    """What a worker reports for a shard: output name, records, failed records, sha256, or an error."""

    number: int
    output: str | None
    records: int = 0
    failed: int = 0
    sha256: str | None = None
    bytes: int = 0
    error: str | None = None


@dataclass
class Manifest:
    """``_manifest.json``: the run's settings and, for each finished shard, what it holds."""

    settings: dict[str, Any]
    version: str
    digests: dict[str, str]
    format: str
    shards: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps({"crowdskills_version": self.version, "format": self.format, "settings": self.settings,
                           "digests": self.digests,
                           "shards": [self.shards[k] for k in sorted(self.shards, key=int)]},
                          ensure_ascii=False, indent=2) + "\n"

    @property
    def records(self) -> int:
        return sum(s.get("records", 0) for s in self.shards.values())

    @property
    def failed(self) -> int:
        return sum(s.get("failed", 0) for s in self.shards.values())

    @property
    def errors(self) -> list[str]:
        return [s["error"] for s in self.shards.values() if s.get("error")]


# ----------------------------------------------------------------------------- files: local or fsspec
def _is_url(path: str) -> bool:
    return "://" in path


def _fs(path: str) -> tuple[Any, str]:
    """An fsspec filesystem and the path within it (only for URLs)."""
    try:
        import fsspec
    except ImportError:
        raise InputError(f"{path}: reading URLs needs fsspec: pip install 'crowdskills[dask]'") from None
    try:
        fs, inner = fsspec.core.url_to_fs(path)
    except (ImportError, ValueError) as exc:
        raise InputError(f"{path}: {exc}. Install the fsspec extra for this kind of URL (s3fs, gcsfs, ...).") from None
    return fs, inner


def _open(path: str, mode: str) -> IO[Any]:
    if _is_url(path):
        fs, inner = _fs(path)
        return fs.open(inner, mode)  # type: ignore[no-any-return]
    return open(path, mode)


def _join(folder: str, name: str) -> str:
    return folder.rstrip("/") + "/" + name if _is_url(folder) else os.path.join(folder, name)


def _exists(path: str) -> bool:
    if _is_url(path):
        fs, inner = _fs(path)
        return bool(fs.exists(inner))
    return os.path.exists(path)


def _replace(src: str, dst: str) -> None:
    if _is_url(src):
        fs, inner = _fs(src)
        fs.mv(inner, _fs(dst)[1])
    else:
        os.replace(src, dst)


def _remove(path: str) -> None:
    try:
        if _is_url(path):
            fs, inner = _fs(path)
            fs.rm(inner)
        else:
            os.remove(path)
    except (OSError, FileNotFoundError):
        pass


# ----------------------------------------------------------------------------- planning (client side)
def expand_inputs(inputs: Sequence[str]) -> list[tuple[str, int, bool]]:
    """Every input file or folder as ``(path, size, is_folder)``, globs expanded, sorted per pattern.

    Only file metadata is read. :class:`InputError` when a pattern matches nothing.
    """
    out: list[tuple[str, int, bool]] = []
    for pattern in inputs:
        if _is_url(pattern):
            fs, inner = _fs(pattern)
            protocol = pattern.split("://", 1)[0]
            names = sorted(fs.glob(inner)) if glob.has_magic(inner) else [inner]
            found = []
            for name in names:
                try:
                    info = fs.info(name)
                except FileNotFoundError:
                    continue
                url = name if "://" in name else f"{protocol}://{name}"
                found.append((url, int(info.get("size") or 0), info.get("type") == "directory"))
        else:
            names = sorted(glob.glob(os.path.expanduser(pattern))) if glob.has_magic(pattern) else [pattern]
            found = [(n, os.path.getsize(n) if os.path.isfile(n) else 0, os.path.isdir(n))
                     for n in names if os.path.exists(n)]
        if not found:
            raise InputError(f"{pattern} matches no file. Give JSONL, CSV or text files, folders, or globs of them.")
        out.extend(found)
    return out


def plan_shards(inputs: Sequence[str], *, split_bytes: int = SPLIT_BYTES,
                files_per_shard: int = FILES_PER_SHARD) -> list[Shard]:
    """The shards of a run, in input order, from file sizes and folder listings only."""
    shards: list[Shard] = []
    for path, size, is_folder in expand_inputs(inputs):
        suffix = PurePosixPath(path).suffix.lower()
        if is_folder:
            files = _folder_files(path)
            for i in range(0, len(files), files_per_shard):
                shards.append(Shard(len(shards), path, "folder", files=tuple(files[i:i + files_per_shard])))
        elif suffix in JSONL_SUFFIXES and size > split_bytes:
            parts = -(-size // split_bytes)
            bounds = [size * i // parts for i in range(parts + 1)]
            for a, b in zip(bounds, bounds[1:]):
                shards.append(Shard(len(shards), path, "jsonl", a, b))
        elif suffix in JSONL_SUFFIXES:
            shards.append(Shard(len(shards), path, "jsonl", 0, None))
        elif suffix in CSV_SUFFIXES:
            shards.append(Shard(len(shards), path, "csv"))
        else:
            shards.append(Shard(len(shards), path, "text"))
    return shards


def _folder_files(folder: str) -> list[str]:
    if _is_url(folder):
        fs, inner = _fs(folder)
        names = [n for n in fs.find(inner) if PurePosixPath(n).suffix.lower() in TEXT_SUFFIXES]
        root = inner.rstrip("/") + "/"
        return sorted(n[len(root):] for n in names)
    names = []
    for dirpath, _, filenames in os.walk(folder):
        for name in filenames:
            if os.path.splitext(name)[1].lower() in TEXT_SUFFIXES:
                names.append(os.path.relpath(os.path.join(dirpath, name), folder).replace(os.sep, "/"))
    return sorted(names)


# ----------------------------------------------------------------------------- reading (worker side)
def shard_documents(shard: Shard, fields: Fields, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Document]:
    """The documents of a shard, with the same ids, sources and errors as the local engine gives."""
    from .corpus import _jsonl_documents, iter_documents

    if shard.kind == "jsonl":
        lines, first = _jsonl_range(shard, max_bytes)
        yield from _jsonl_documents(lines, shard.input, fields, max_bytes, first_line=first)
        return
    if shard.kind == "folder":
        for rel in shard.files:
            yield _text_document(_join(shard.input, rel), rel, max_bytes)
        return
    if _is_url(shard.input):
        name = PurePosixPath(shard.input).name
        if shard.kind == "text":
            yield _text_document(shard.input, shard.input, max_bytes)
            return
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:  # csv: read whole, as the local engine does
            local = os.path.join(tmp, name)
            with _open(shard.input, "rb") as src, open(local, "wb") as dst:
                while chunk := src.read(1 << 20):
                    dst.write(chunk)
            for doc in iter_documents([local], fields, max_bytes=max_bytes):
                yield Document(doc.id, doc.text, doc.source.replace(local, shard.input), doc.date,
                               doc.error.replace(local, shard.input) if doc.error else None, doc.target)
        return
    yield from iter_documents([shard.input], fields, max_bytes=max_bytes)


def _jsonl_range(shard: Shard, max_bytes: int) -> tuple[Iterator[str | None], int]:
    """The lines of a byte range (a line belongs to the range its first byte is in), None for a
    line over ``max_bytes`` (skipped without holding it), and the number of the first line."""
    f = _open(shard.input, "rb")
    first_line = 1
    if shard.start > 0:
        # count the lines before the range (fast: bytes.count), then skip to the next line start
        remaining = shard.start - 1
        while remaining > 0:
            block = f.read(min(remaining, 1 << 22))
            if not block:
                break
            first_line += block.count(b"\n")
            remaining -= len(block)
        while True:  # the rest of the line the range starts in
            rest = f.readline(1 << 16)
            if not rest or rest.endswith(b"\n"):
                first_line += bool(rest)
                break

    def lines() -> Iterator[str | None]:
        try:
            pos = f.tell()
            first = shard.start == 0
            while shard.end is None or pos < shard.end:
                raw = f.readline(max_bytes + 1)
                if not raw:
                    return
                pos += len(raw)
                if len(raw) > max_bytes and not raw.endswith(b"\n"):
                    while True:  # the rest of the long line, 64 KB at a time
                        rest = f.readline(1 << 16)
                        pos += len(rest)
                        if not rest or rest.endswith(b"\n"):
                            break
                    first = False
                    yield None
                    continue
                if first and raw.startswith(b"\xef\xbb\xbf"):
                    raw = raw[3:]
                first = False
                yield raw.decode("utf-8", errors="replace")
        finally:
            f.close()

    return lines(), first_line


def _text_document(path: str, doc_id: str, max_bytes: int) -> Document:
    """A text file as the local engine reads it (size cap, encodings, HTML), from a path or URL."""
    from .corpus import _file_document

    if not _is_url(path):
        from pathlib import Path

        return _file_document(Path(path), doc_id, max_bytes)
    from .inputs import _check_size, _decode_source, _finish, _looks_like_html

    try:
        with _open(path, "rb") as f:
            raw = f.read(max_bytes + 1)
        _check_size(raw, path, max_bytes)
        source = _decode_source(raw, path)
        html = PurePosixPath(path).suffix.lower() in (".html", ".htm") or _looks_like_html(raw)
        return Document(doc_id, _finish(source.text, path, html=html, warnings=source.warnings).text, path)
    except InputError as exc:
        return Document(doc_id, "", path, error=str(exc))
    except OSError as exc:
        return Document(doc_id, "", path, error=f"{path} cannot be read: {exc}.")


# ----------------------------------------------------------------------------- one shard (worker side)
def run_shard(shard: Shard, settings: BatchSettings, fields: Fields, fmt: str, out_dir: str,
              max_bytes: int = DEFAULT_MAX_BYTES) -> ShardResult:
    """Process one shard and write its output under a temporary name, renamed when complete."""
    worker = check_settings(settings)
    final = _join(out_dir, shard.output_name(fmt))
    tmp = _join(out_dir, f".{shard.output_name(fmt)}.{uuid.uuid4().hex}.tmp")
    records = failed = 0
    try:
        docs = shard_documents(shard, fields, max_bytes=max_bytes)
        with _open(tmp, "wb") as raw:
            sink = _HashingWriter(raw)
            if fmt == "parquet":
                from .parquet import write_parquet

                records, failed = write_parquet(sink, _records(worker, docs), task=settings.task)
            else:
                if fmt == "csv":
                    from .batch import csv_header

                    sink.write(_csv_encode(list(csv_header(settings.task))))
                for chunk in _chunks(docs, 256):
                    for line, error in worker.encode_chunk([(d, d.target) for d in chunk], fmt):
                        sink.write(line.encode("utf-8"))
                        records += 1
                        failed += error is not None
        _replace(tmp, final)
    except (InputError, OSError, UnicodeError, ValueError) as exc:
        _remove(tmp)
        message = str(exc) if isinstance(exc, InputError) else f"{shard.input}: {type(exc).__name__}: {exc}"
        return ShardResult(shard.number, None, error=message)
    except BaseException:
        _remove(tmp)
        raise
    return ShardResult(shard.number, shard.output_name(fmt), records, failed, sink.sha256.hexdigest(), sink.size)


def _records(worker: Any, docs: Iterator[Document]) -> Iterator[dict[str, Any]]:
    for chunk in _chunks(docs, 256):
        yield from worker.process_chunk([(d, d.target) for d in chunk])


def _chunks(docs: Iterator[Document], size: int) -> Iterator[list[Document]]:
    import itertools

    while chunk := list(itertools.islice(docs, size)):
        yield chunk


def _csv_encode(row: list[Any]) -> bytes:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow(row)
    return buf.getvalue().encode("utf-8")


class _HashingWriter:
    """A binary file that keeps the sha256 and size of what goes through it."""

    def __init__(self, raw: IO[bytes]) -> None:
        self.raw = raw
        self.sha256 = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.sha256.update(data)
        self.size += len(data)
        return self.raw.write(data)

    def flush(self) -> None:
        self.raw.flush()

    def tell(self) -> int:
        return self.size

    @property
    def closed(self) -> bool:
        return False


def file_sha256(path: str) -> str | None:
    """sha256 of a file, or None when it cannot be read."""
    h = hashlib.sha256()
    try:
        with _open(path, "rb") as f:
            while block := f.read(1 << 20):
                h.update(block)
    except (OSError, FileNotFoundError):
        return None
    return h.hexdigest()


# ----------------------------------------------------------------------------- the run (client side)
def run_sharded(
    inputs: Sequence[str],
    settings: BatchSettings,
    *,
    out_dir: str,
    fmt: str = "jsonl",
    fields: Fields | None = None,
    scheduler: str | None = None,
    jobs: int = 1,
    resume: bool = False,
    force: bool = False,
    split_bytes: int = SPLIT_BYTES,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_shard: Callable[[ShardResult], None] | None = None,
    client: Any = None,
) -> Manifest:
    """Run ``settings`` over the shards of ``inputs`` on a Dask cluster, outputs in ``out_dir``.

    Args:
        inputs: paths, globs or fsspec URLs of JSONL, CSV or text files and folders.
        out_dir: the output folder (created); it must be empty of outputs unless ``resume`` or ``force``.
        fmt: ``jsonl``, ``csv`` or ``parquet`` (``crowdskills[parquet]``).
        scheduler: a Dask scheduler address; a local cluster of ``jobs`` workers when None.
        resume: skip shards whose output matches the manifest; redo the rest.
        max_bytes: the most one record may hold (a file, a JSONL line); a longer one is an error record.
        force: start afresh over a folder that holds an earlier run.
        on_shard: called in the client with each finished shard (for progress).
        client: an existing ``distributed.Client`` to use instead.

    Returns:
        The manifest, also written to ``out_dir/_manifest.json`` after every shard.
    """
    if fmt not in OUTPUT_FORMATS:
        raise ValueError(f"format must be one of {', '.join(OUTPUT_FORMATS)}, not {fmt!r}")
    if fmt == "parquet":
        from .parquet import require_pyarrow

        require_pyarrow()
    fields = fields or Fields()
    shards = plan_shards(inputs, split_bytes=split_bytes)
    manifest_path = _join(out_dir, MANIFEST)
    _prepare_out_dir(out_dir, manifest_path, resume=resume, force=force)
    manifest = Manifest({**_settings_dict(settings, fields), "max_bytes": max_bytes}, _version(),
                        run_digests(settings), fmt)
    todo = shards
    if resume and _exists(manifest_path):
        todo = _still_to_do(shards, manifest, manifest_path, out_dir)
    if not todo:
        _write_manifest(manifest, manifest_path, shards)
        return manifest
    own_client = client is None
    if client is None:
        client = _client(scheduler, jobs)
    try:
        from distributed import as_completed

        # a bad taxonomy or role fails once, here, with its own error (checked on a worker: the
        # client does not load the taxonomy)
        client.submit(_check_only, settings, pure=False).result()
        _write_manifest(manifest, manifest_path, shards)
        futures = {client.submit(run_shard, s, settings, fields, fmt, out_dir, max_bytes, pure=False, retries=2): s
                   for s in todo}
        next_write = time.monotonic() + MANIFEST_EVERY
        for future in as_completed(futures):  # type: ignore[no-untyped-call]
            shard = futures[future]
            try:
                result = future.result()
            except Exception as exc:  # the task failed after its retries (a worker died, say)
                result = ShardResult(shard.number, None, error=f"{shard.input}: {type(exc).__name__}: {exc}")
            manifest.shards[str(shard.number)] = {**shard.key(), "number": shard.number, **{
                k: v for k, v in asdict(result).items() if k != "number"}}
            if time.monotonic() >= next_write:  # at most once a second, and once at the end
                _write_manifest(manifest, manifest_path, shards)
                next_write = time.monotonic() + MANIFEST_EVERY
            if on_shard is not None:
                on_shard(result)
        _write_manifest(manifest, manifest_path, shards)
    finally:
        if own_client:
            client.close()
    _clean_temporary(out_dir)
    return manifest


def _clean_temporary(out_dir: str) -> None:
    """Remove what workers that died mid-shard left: their outputs never got their final name."""
    if _is_url(out_dir):
        fs, inner = _fs(out_dir)
        names = [PurePosixPath(n).name for n in fs.ls(inner, detail=False)]
    else:
        names = os.listdir(out_dir)
    for name in names:
        if name.startswith(".part-") and name.endswith(".tmp"):
            _remove(_join(out_dir, name))


def check_settings(settings: BatchSettings) -> Any:
    """The process's batch worker for ``settings`` (taxonomy and role loaded once); raises what
    loading raises. Run on a Dask worker."""
    from . import batch

    if batch._WORKER is None or batch._WORKER.settings != settings:
        batch._WORKER = batch._Worker(settings)
    return batch._WORKER


def _check_only(settings: BatchSettings) -> None:
    check_settings(settings)


def _client(scheduler: str | None, jobs: int) -> Any:
    try:
        from distributed import Client
    except ImportError:
        raise InputError("the dask engine needs Dask: pip install 'crowdskills[dask]'") from None
    if scheduler:
        return Client(scheduler)  # type: ignore[no-untyped-call]
    return Client(processes=True, n_workers=max(1, jobs), threads_per_worker=1,  # type: ignore[no-untyped-call]
                  dashboard_address=None)


def _prepare_out_dir(out_dir: str, manifest_path: str, *, resume: bool, force: bool) -> None:
    if _is_url(out_dir):
        fs, inner = _fs(out_dir)
        fs.makedirs(inner, exist_ok=True)
        names = [PurePosixPath(n).name for n in fs.ls(inner, detail=False)]
    else:
        if os.path.exists(out_dir) and not os.path.isdir(out_dir):
            raise InputError(f"{out_dir} is a file; --output-dir needs a folder.")
        try:
            os.makedirs(out_dir, exist_ok=True)
        except OSError as exc:
            raise InputError(f"cannot create {out_dir}: {exc.strerror}.") from None
        names = os.listdir(out_dir)
    ours = [n for n in names if n == MANIFEST or (n.startswith("part-") and n.split(".")[-1] in OUTPUT_FORMATS)]
    if ours and not (resume or force):
        raise InputError(f"{out_dir} already holds a run ({len(ours)} files). Use --resume to go on with it, "
                         "or --force to start afresh.")
    if force and not resume:
        for n in ours:
            _remove(_join(out_dir, n))


def _still_to_do(shards: list[Shard], manifest: Manifest, manifest_path: str, out_dir: str) -> list[Shard]:
    """Shards that are not done: kept are those whose input, settings and output sha256 match."""
    try:
        with _open(manifest_path, "rb") as f:
            old = json.loads(f.read())
    except (OSError, ValueError) as exc:
        raise InputError(f"{manifest_path} cannot be read ({exc}); start afresh with --force.") from None
    if not isinstance(old, dict) or old.get("settings") != manifest.settings or old.get("format") != manifest.format:
        raise InputError(f"{manifest_path} is of a run with other settings; start afresh with --force, "
                         "or give the same options.")
    if old.get("digests") != manifest.digests:
        raise InputError(f"{manifest_path} is of a run with another taxonomy or catalogs; start afresh with --force.")
    done = {}
    for entry in old.get("shards", []):
        if isinstance(entry, dict) and not entry.get("error") and entry.get("output") and entry.get("sha256"):
            done[str(entry.get("number"))] = entry
    todo = []
    for shard in shards:
        entry = done.get(str(shard.number))
        if (entry is not None and all(entry.get(k) == v for k, v in shard.key().items())
                and file_sha256(_join(out_dir, entry["output"])) == entry["sha256"]):
            manifest.shards[str(shard.number)] = entry
        else:
            todo.append(shard)
    return todo


def _write_manifest(manifest: Manifest, path: str, shards: Sequence[Shard]) -> None:
    data = manifest.to_json().encode("utf-8")
    if _is_url(path):
        with _open(path, "wb") as f:
            f.write(data)
        return
    tmp = f"{path}.{uuid.uuid4().hex}.tmp"
    with open(tmp, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def _settings_dict(settings: BatchSettings, fields: Fields) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(json.dumps({**asdict(settings), "fields": asdict(fields)}))
    return data  # as the manifest holds it: tuples become lists


def _version() -> str:
    from . import __version__

    return __version__


def run_digests(settings: BatchSettings) -> dict[str, str]:
    """sha256 over the taxonomy files and the catalog files the run uses."""
    from .catalogs.load import catalog_env_paths, resolve_catalog_paths
    from .datafiles import yaml_files
    from .taxonomy import resolve_taxonomy_paths, taxonomy_env_paths, taxonomy_files

    def digest(files: Sequence[Any]) -> str:
        h = hashlib.sha256()
        for f in sorted(str(p) for p in files):
            h.update(os.path.basename(f).encode() + b"\0")
            with open(f, "rb") as fh:
                h.update(fh.read())
        return h.hexdigest()

    specs = list(settings.taxonomy) if settings.taxonomy else taxonomy_env_paths()
    out = {"taxonomy": digest(taxonomy_files(resolve_taxonomy_paths(specs)))}
    if settings.task == "recommend":
        cat_specs = list(settings.catalogs) if settings.catalogs else catalog_env_paths()
        out["catalogs"] = digest(yaml_files(resolve_catalog_paths(cat_specs)))  # the files load_catalogs reads
    return out
