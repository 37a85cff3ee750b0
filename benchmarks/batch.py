"""Throughput and memory of ``crowdskills batch --task skills``.

    python benchmarks/batch.py [--docs 100000 1000000] [--jobs 1 2]

Builds synthetic JSONL corpora (documents of about 200 words drawn with a fixed seed from the
gold texts' sentences), runs the real command on each with each --jobs value, and prints
documents per second (whole process, start-up included) and the peak resident memory of the
largest process. Memory should stay flat as the corpus grows: records stream through. As a
yardstick of the machine's speed it also prints how long importing scikit-learn's text module
takes here (about 1.1 s on the machine the targets were set on).

Targets (issue 6): >= 2,000 docs/s per core, near-linear gain from 1 to 2 jobs, flat memory.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from speed import gold_sentences, make_docs, median_time  # noqa: E402


def write_corpus(path: Path, n: int) -> None:
    pool = make_docs(2000, sentences=gold_sentences())
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"id": f"d{i}", "text": pool[(i * 7919) % len(pool)]}) + "\n")


def run(corpus: Path, jobs: int) -> tuple[float, float]:
    """(seconds, peak RSS in MB of the largest process) of one batch run, in a fresh child."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "t = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=False, stdout=subprocess.DEVNULL)\n"
        "e = time.perf_counter() - t\n"
        "print(e, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    cmd = [sys.executable, "-c", probe, sys.executable, "-m", "crowdskills", "batch", str(corpus),
           "--task", "skills", "--jobs", str(jobs)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]) / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="+", default=[100_000, 1_000_000])
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    print(f"cores available: {len(os.sched_getaffinity(0)) if hasattr(os, 'sched_getaffinity') else os.cpu_count()}")
    sk = [sys.executable, "-c", "import sklearn.feature_extraction.text"]
    print(f"yardstick: python -c 'import sklearn.feature_extraction.text' takes "
          f"{median_time(sk, 5) * 1000:,.0f} ms here (median of 5)")
    # build the cached index first, so that no measured run pays for compiling it
    subprocess.run([sys.executable, "-m", "crowdskills", "skills", "warm up"], check=True, capture_output=True)
    with tempfile.TemporaryDirectory() as tmp:
        base: float | None = None
        for n in args.docs:
            corpus = Path(tmp) / f"corpus-{n}.jsonl"
            write_corpus(corpus, n)
            for jobs in args.jobs:
                seconds, rss = run(corpus, jobs)
                rate = n / seconds
                if jobs == args.jobs[0]:
                    base = rate
                gain = f", {rate / base:.2f}x the --jobs {args.jobs[0]} rate" if base and jobs != args.jobs[0] else ""
                print(f"{n:>9,} docs, --jobs {jobs}: {seconds:8.1f} s = {rate:7,.0f} docs/s "
                      f"({rate / jobs:,.0f} per process){gain}; peak RSS {rss:,.0f} MB")
            corpus.unlink()


if __name__ == "__main__":
    start = time.perf_counter()
    main()
    print(f"(benchmark took {time.perf_counter() - start:.0f} s)")
