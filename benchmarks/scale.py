"""Scale-out of ``crowdskills batch --task skills``: local engine, streaming Dask, sharded Dask.

    python benchmarks/scale.py [--docs 100000] [--files 16]

Writes a corpus of short profiles (one to three sentences drawn with a fixed seed from the gold
texts) as ``--files`` JSONL files, then, in one run:

- the local engine with ``--jobs 1`` and ``--jobs 2`` (output to a file, as a user would);
- an external Dask scheduler and workers started by this script on 127.0.0.1 (``dask scheduler``
  and ``dask worker --nthreads 1``), and on it: today's streaming engine (the client reads every
  document, sends chunks, receives and writes every line) with 2 workers, and the sharded engine
  (``--output-dir``: workers read and write shards; the client only plans) with 1 worker, then 2.

It prints documents per second, the client's CPU time per document (user + system time of the
process running the client, from connecting to the end of the run), the scaling from 1 to 2
workers, and an extrapolation to 100 workers: the sharded client's cost per shard and per
document, measured here, against a worker's throughput, measured here. As a yardstick of the
machine's speed it prints how long importing scikit-learn's text module takes.

Targets (issue 19): sharded client CPU <= 1 us per document; 1 -> 2 workers >= 1.8x.
Note: this machine has two cores, so the scheduler, the client and two workers share them.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed import gold_sentences, median_time  # noqa: E402


def write_corpus(folder: Path, n: int, files: int) -> list[str]:
    rng = random.Random(11)
    pool = gold_sentences()
    paths = [folder / f"profiles-{k:02d}.jsonl" for k in range(files)]
    handles = [p.open("w", encoding="utf-8") for p in paths]
    for i in range(n):
        text = " ".join(rng.choice(pool) for _ in range(rng.randint(1, 3)))
        handles[i * files // n].write(json.dumps({"id": f"p{i}", "text": text}) + "\n")
    for h in handles:
        h.close()
    return [str(p) for p in paths]


def cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


class Cluster:
    """An external scheduler and workers on 127.0.0.1, as separate processes."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.file = tmp / "scheduler.json"
        self.procs: list[subprocess.Popen[bytes]] = []
        self.procs.append(self._start(["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                                       "--scheduler-file", str(self.file)]))
        deadline = time.monotonic() + 60
        while not self.file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        self.address = json.loads(self.file.read_text())["address"]

    def _start(self, args: list[str]) -> subprocess.Popen[bytes]:
        dask = shutil.which("dask") or str(Path(sys.executable).parent / "dask")
        return subprocess.Popen([dask, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)

    def add_worker(self, client: Any) -> None:
        n = len(client.scheduler_info()["workers"])
        self.procs.append(self._start(["worker", self.address, "--nthreads", "1", "--nworkers", "1",
                                       "--no-dashboard", "--no-nanny", "--host", "127.0.0.1"]))
        client.wait_for_workers(n + 1, timeout=120)

    def close(self) -> None:
        for p in reversed(self.procs):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(p.pid, signal.SIGTERM)
        for p in self.procs:
            p.wait(timeout=30)


def local_run(inputs: list[str], jobs: int, out: Path) -> float:
    from crowdskills.batch import BatchSettings, run_batch_lines
    from crowdskills.corpus import iter_documents

    t = time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for line, _ in run_batch_lines(iter_documents(inputs), BatchSettings(), jobs=jobs):
            f.write(line)
    return time.perf_counter() - t


def streaming_run(inputs: list[str], address: str, out: Path) -> tuple[float, float]:
    from crowdskills.batch import BatchSettings, run_batch_lines
    from crowdskills.corpus import iter_documents

    c0, t = cpu(), time.perf_counter()
    with out.open("w", encoding="utf-8") as f:
        for line, _ in run_batch_lines(iter_documents(inputs), BatchSettings(), engine="dask", scheduler=address):
            f.write(line)
    return time.perf_counter() - t, cpu() - c0


def sharded_run(inputs: list[str], client: Any, out: Path) -> tuple[float, float, int]:
    from crowdskills.batch import BatchSettings
    from crowdskills.shards import run_sharded

    shutil.rmtree(out, ignore_errors=True)
    c0, t = cpu(), time.perf_counter()
    manifest = run_sharded(inputs, BatchSettings(), out_dir=str(out), client=client, split_bytes=4 * 1024 * 1024)
    return time.perf_counter() - t, cpu() - c0, len(manifest.shards)


def warm(client: Any) -> None:
    """Load the taxonomy on every worker before timing (a worker does it once per process)."""
    from crowdskills.batch import BatchSettings
    from crowdskills.shards import _client  # noqa: F401  (the module the workers import)

    def load() -> int:
        from crowdskills import batch

        if batch._WORKER is None:
            batch._WORKER = batch._Worker(BatchSettings())
        return 1

    client.run(load)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--files", type=int, default=16)
    args = ap.parse_args()
    from distributed import Client

    yard = median_time([sys.executable, "-c", "import sklearn.feature_extraction.text"], 3)
    print(f"yardstick: importing sklearn.feature_extraction.text takes {yard * 1000:.0f} ms here "
          "(about 1100 ms where the targets were set)")
    n = args.docs
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        (tmp / "in").mkdir()
        inputs = write_corpus(tmp / "in", n, args.files)
        print(f"corpus: {n:,} short profiles in {args.files} JSONL files\n")
        from crowdskills.matching.cache import load_compiled
        from crowdskills.taxonomy import resolve_taxonomy_paths

        load_compiled(resolve_taxonomy_paths(None))  # the cached index, built once before timing
        rows = []
        for jobs in (1, 2):
            secs = local_run(inputs, jobs, tmp / f"local{jobs}.jsonl")
            rows.append((f"local --jobs {jobs}", n / secs, None))
        cluster = Cluster(tmp)
        try:
            client = Client(cluster.address)
            cluster.add_worker(client)
            warm(client)
            secs1, cpu1, shards = sharded_run(inputs, client, tmp / "out1")
            cluster.add_worker(client)
            warm(client)
            secs2, cpu2, _ = sharded_run(inputs, client, tmp / "out2")
            stream_secs, stream_cpu = streaming_run(inputs, cluster.address, tmp / "stream.jsonl")
            client.close()
        finally:
            cluster.close()
        same = b"".join(p.read_bytes() for p in sorted((tmp / "out2").glob("part-*.jsonl"))) == \
            (tmp / "local1.jsonl").read_bytes()
    rows += [("dask streaming, 2 workers", n / stream_secs, stream_cpu / n),
             ("dask sharded, 1 worker", n / secs1, cpu1 / n),
             ("dask sharded, 2 workers", n / secs2, cpu2 / n)]
    print(f"{'engine':<28}{'docs/s':>10}{'client CPU per doc':>22}")
    for name, rate, per_doc in rows:
        shown = f"{per_doc * 1e6:.2f} us" if per_doc is not None else "-"
        print(f"{name:<28}{rate:>10,.0f}{shown:>22}")
    print(f"\nsharded output byte-identical to the local engine's: {same}")
    print(f"scaling 1 -> 2 workers (sharded): {secs1 / secs2:.2f}x (target >= 1.8x)")
    per_shard = cpu2 / shards
    worker_rate = n / secs1
    print(f"sharded client: {cpu2:.3f} s CPU for {shards} shards = {per_shard * 1000:.1f} ms per shard, "
          f"{cpu2 / n * 1e6:.2f} us per document (target <= 1 us)")
    # 100 workers: each shard costs the client per_shard seconds of CPU and a worker worker_rate docs/s;
    # with shards of D documents the client keeps up while per_shard < D / (100 * worker_rate).
    docs_per_shard = n / shards
    client_limit = docs_per_shard / per_shard
    print(f"extrapolation to 100 workers: {100 * worker_rate:,.0f} docs/s of workers; the client plans "
          f"{1 / per_shard:,.0f} shards/s, i.e. up to {client_limit:,.0f} docs/s with shards of "
          f"{docs_per_shard:,.0f} docs (larger shards raise it), so the client is "
          f"{'not ' if client_limit > 100 * worker_rate else ''}the bottleneck")


if __name__ == "__main__":
    main()
