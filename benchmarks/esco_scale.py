"""The matcher with the whole ESCO skills pillar as its taxonomy.

    python benchmarks/esco_scale.py [--esco ../shared/data/esco] [--docs 2000]

Imports ESCO (``taxonomy import-esco``) into a temporary folder, then prints, each measured in
a fresh process: the time to build the compiled index and its peak memory, the size of the
cached index, the time to load the cached index (median of 5), and ``match_many`` documents
per second on one core over job-ad documents of about 200 words (SkillSpan sentences).

Targets (issue 7): >= 500 docs/s per core; a cached index that loads in under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BUILD = """
import resource, sys, time
from pathlib import Path
from crowdskills.matching.cache import load_compiled
t = time.perf_counter()
taxonomy, index = load_compiled([Path(sys.argv[1])])
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, len(taxonomy.skills),
      sum(len(s.labels) for s in taxonomy))
"""
LOAD = """
import resource, sys, time
from pathlib import Path
from crowdskills.matching.cache import load_compiled
t = time.perf_counter()
load_compiled([Path(sys.argv[1])])
print(time.perf_counter() - t, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""
RATE = """
import os, sys, time
sys.path.insert(0, sys.argv[3])
from speed import job_ad_sentences, make_docs
from pathlib import Path
from crowdskills.matching import SkillMatcher
from crowdskills.matching.cache import load_compiled
if hasattr(os, "sched_setaffinity"):
    os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
taxonomy, index = load_compiled([Path(sys.argv[1])])
matcher = SkillMatcher().fit(taxonomy, index=index)
docs = make_docs(int(sys.argv[2]), sentences=job_ad_sentences())
matcher.match_many(docs[:100])
times = []
for _ in range(3):
    t = time.perf_counter()
    found = matcher.match_many(docs)
    times.append(time.perf_counter() - t)
e = sorted(times)[1]
print(len(docs) / e, sum(map(len, found)) / len(docs))
"""


def run(code: str, *args: str, env: dict[str, str]) -> list[float]:
    out = subprocess.run([sys.executable, "-c", code, *args], check=True, capture_output=True, text=True, env=env)
    return [float(x) for x in out.stdout.split()]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--esco", type=Path, default=ROOT.parent / "shared" / "data" / "esco")
    ap.add_argument("--docs", type=int, default=2000)
    args = ap.parse_args()
    if not args.esco.is_dir():
        sys.exit(f"{args.esco} does not exist: give the folder of the ESCO download with --esco")
    from crowdskills.esco import import_esco

    with tempfile.TemporaryDirectory() as tmp:
        taxonomy = Path(tmp) / "esco"
        t = time.perf_counter()
        result = import_esco(args.esco, taxonomy)
        print(f"import-esco: {result.skills:,} skills, {result.roles:,} roles in {time.perf_counter() - t:.1f} s")
        env = {**os.environ, "CROWDSKILLS_CACHE_DIR": str(Path(tmp) / "cache"), "OMP_NUM_THREADS": "1"}
        build, rss, skills, labels = run(BUILD, str(taxonomy), env=env)
        print(f"first load (YAML + index build): {build:.1f} s, peak memory {rss:,.0f} MB; "
              f"{skills:,.0f} skills, {labels:,.0f} labels")
        size = sum(p.stat().st_size for p in (Path(tmp) / "cache").glob("index-*.pickle"))
        print(f"cached index: {size / 1e6:.1f} MB")
        loads = [run(LOAD, str(taxonomy), env=env) for _ in range(5)]
        print(f"cached index load: {statistics.median(x[0] for x in loads):.2f} s (median of 5; target < 1 s), "
              f"process peak memory {statistics.median(x[1] for x in loads):,.0f} MB")
        rate, per_doc = run(RATE, str(taxonomy), str(args.docs), str(ROOT / "benchmarks"), env=env)
        print(f"match_many: {rate:,.0f} docs/s on one core, {args.docs:,} job-ad documents of about 200 words "
              f"({per_doc:.1f} skills per doc; target >= 500)")


if __name__ == "__main__":
    main()
