"""Speed of skill detection.

    python benchmarks/speed.py [--docs 5000]

Prints:
1. ``match_many`` throughput in documents per second on one core, over documents of about 200
   words built (with a fixed seed) from (a) the gold texts' sentences, which are dense in skills,
   and (b) real job-ad sentences of the SkillSpan/ESCO benchmark in ../shared, when present,
   and (c) the Spanish and French tuning sets' sentences, with their rate as a share of the
   English gold-set rate (issue 16's target: >= 0.70). Times are CPU seconds of this process,
   the corpora timed in turn, so that other work on a shared machine weighs on them alike.
2. The whole-process time of ``crowdskills skills examples/<profile>`` against the time of
   ``python -c "import sklearn.feature_extraction.text"``, medians of several runs measured in
   this same run, and their ratio.

Targets (issue 3): >= 2,000 docs/s, and a ratio <= 0.5; Spanish and French >= 0.70 of English.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crowdskills import load_taxonomy  # noqa: E402
from crowdskills.evaluate import load_gold  # noqa: E402
from crowdskills.matching import SkillMatcher  # noqa: E402

ESCO_BENCH = ROOT.parent / "shared" / "benchmarks" / "esco-skill-extraction"


#: Spanish and French tuning sets: their documents are timed beside the English ones (issue 16).
FOREIGN = [("Spanish", "gold-es"), ("French", "gold-fr")]


def gold_sentences(folder: str = "gold") -> list[str]:
    gold = load_gold([ROOT / "tests" / "data" / folder])
    return [s.strip() for g in gold for s in re.split(r"(?<=[.!?])\s+|\n+", g.text) if len(s.split()) >= 4]


def job_ad_sentences() -> list[str]:
    import csv

    out: set[str] = set()
    for name in ("tech_validation_annotations.csv", "house_validation_annotations.csv"):
        path = ESCO_BENCH / name
        if path.exists():
            with path.open(encoding="utf-8") as f:
                out.update(row["sentence"] for row in csv.DictReader(f))
    return sorted(out)


def make_docs(n: int, words: int = 200, seed: int = 7, sentences: list[str] | None = None) -> list[str]:
    sentences = sentences if sentences is not None else gold_sentences()
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        parts: list[str] = []
        count = 0
        while count < words:
            s = rng.choice(sentences)
            parts.append(s)
            count += len(s.split())
        docs.append(" ".join(parts))
    return docs


def median_time(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--profile", type=Path, default=ROOT / "examples" / "profile-microworker.txt")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core

    taxonomy = load_taxonomy()
    matcher = SkillMatcher().fit(taxonomy)
    corpora = [("gold-set sentences", gold_sentences())]
    ads = job_ad_sentences()
    if ads:
        corpora.append(("SkillSpan job-ad sentences", ads))
    corpora += [(f"{name} gold-set sentences", gold_sentences(folder)) for name, folder in FOREIGN]
    docs_of = {name: make_docs(args.docs, sentences=sentences) for name, sentences in corpora}
    for docs in docs_of.values():
        matcher.match_many(docs[:200])  # warm caches the way a long batch would
    times: dict[str, list[float]] = {name: [] for name in docs_of}
    results: dict[str, list] = {}
    for _ in range(3):  # a shared machine is noisy: the median of three passes, corpora in turn
        for name, docs in docs_of.items():
            t = time.process_time()
            results[name] = matcher.match_many(docs)
            times[name].append(time.process_time() - t)
    rate: dict[str, float] = {}
    for name, docs in docs_of.items():
        elapsed = statistics.median(times[name])
        rate[name] = len(docs) / elapsed
        words = sum(len(d.split()) for d in docs) / len(docs)
        found = sum(len(r) for r in results[name])
        share = f"; {rate[name] / rate['gold-set sentences']:.2f} of the English rate" if name.endswith(
            "gold-set sentences") and name != "gold-set sentences" else ""
        print(f"match_many, {name}: {len(docs)} docs of {words:.0f} words in {elapsed:.2f} s CPU (median of 3) = "
              f"{rate[name]:,.0f} docs/s on one core ({found / len(docs):.1f} skills per doc{share})")

    exe = [sys.executable, "-m", "crowdskills", "skills", str(args.profile), "--format", "json"]
    subprocess.run(exe, check=True, stdout=subprocess.DEVNULL)  # build the cached index once
    cli = median_time(exe, args.runs)
    sk = median_time([sys.executable, "-c", "import sklearn.feature_extraction.text"], args.runs)
    print(f"crowdskills skills {args.profile.relative_to(ROOT)}: {cli * 1000:.0f} ms (median of {args.runs})")
    print(f"python -c 'import sklearn.feature_extraction.text': {sk * 1000:.0f} ms (median of {args.runs})")
    print(f"ratio: {cli / sk:.2f} (target <= 0.5)")


if __name__ == "__main__":
    main()
