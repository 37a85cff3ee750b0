"""ESCO skill extraction: crowdskills' ranking against a character TF-IDF baseline.

    python benchmarks/esco_benchmark.py [--bench ../shared/benchmarks/esco-skill-extraction] [--sweep]

Data: the TECH and HOUSE validation sentences of Decorte et al. (CC BY 4.0; ESCO labels (c)
European Union). A sentence's gold set is its annotated ESCO labels other than "LABEL NOT
PRESENT" and "UNDERSPECIFIED"; sentences with an empty gold set are skipped.

Candidates, for both rankers: the 13,896 ESCO v1.1.0 preferred labels of skills_en_label.txt.
crowdskills ranks them as a taxonomy built by ``import-esco`` logic from ../shared/data/esco
(alternative labels and descriptions where the label is found there) with
:meth:`SkillMatcher.rank`. The baseline, measured in the same run, ranks them by cosine
similarity of character 3-5-gram TF-IDF vectors over the preferred labels.

Metrics (as in Decorte et al. 2023 and WorkRB): RP@K = |top K ∩ gold| / min(K, |gold|) and MRR
of the first gold hit, averaged over sentences. Target (issue 7): RP@5 at least 10 points above
the baseline on both sets. ``--sweep`` also prints RP@5 for other fusion weights.
"""

from __future__ import annotations

import argparse
import csv
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SKIP = ("LABEL NOT PRESENT", "UNDERSPECIFIED")


def gold_sets(path: Path) -> list[tuple[str, set[str]]]:
    gold: dict[str, set[str]] = defaultdict(set)
    order: list[str] = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            if row["sentence"] not in gold:
                order.append(row["sentence"])
                gold[row["sentence"]]
            if row["label"] not in SKIP:
                gold[row["sentence"]].add(row["label"])
    return [(s, gold[s]) for s in order if gold[s]]


def metrics(ranked: list[list[str]], golds: list[set[str]]) -> dict[str, float]:
    out = {"RP@5": 0.0, "RP@10": 0.0, "MRR": 0.0}
    for top, gold in zip(ranked, golds):
        for k in (5, 10):
            out[f"RP@{k}"] += len(set(top[:k]) & gold) / min(k, len(gold))
        out["MRR"] += next((1 / (i + 1) for i, label in enumerate(top) if label in gold), 0.0)
    return {k: 100 * v / len(golds) for k, v in out.items()}


def build_taxonomy(labels: list[str], esco: Path, folder: Path) -> Path:
    """A merged-format table of the benchmark's labels, enriched from the ESCO files, imported."""
    from crowdskills.esco import import_esco

    known: dict[str, dict[str, str]] = {}
    merged = esco / "skills_merged.csv"
    if merged.exists():
        with merged.open(encoding="utf-8", newline="") as f:
            known = {r["preferredLabel"]: r for r in csv.DictReader(f) if r["preferredLabel"]}
    table = folder / "skills_merged.csv"
    columns = ["conceptUri", "preferredLabel", "altLabels", "hierarchy_levels_v1_1_1",
               "skillType_v1_2_0_if_in_collection", "labels_plus_description_text_v1_2_0"]
    with table.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns, extrasaction="ignore")
        w.writeheader()
        for i, label in enumerate(labels):
            row = dict(known.get(label, {}))
            row["preferredLabel"] = label
            row.setdefault("conceptUri", f"http://data.europa.eu/esco/skill/00000000-0000-0000-0000-{i:012d}")
            w.writerow(row)
    out = folder / "taxonomy"
    import_esco(table, out)
    return out


def baseline_ranker(labels: list[str]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(3, 5))
    matrix = vectorizer.fit_transform(labels)

    def rank(sentence: str, k: int) -> list[str]:
        sims = (vectorizer.transform([sentence]) @ matrix.T).toarray()[0]
        return [labels[i] for i in sims.argsort()[::-1][:k]]

    return rank


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=ROOT.parent / "shared" / "benchmarks" / "esco-skill-extraction")
    ap.add_argument("--esco", type=Path, default=ROOT.parent / "shared" / "data" / "esco")
    ap.add_argument("--sweep", action="store_true")
    args = ap.parse_args()
    if not args.bench.is_dir():
        sys.exit(f"{args.bench} does not exist: give the benchmark folder with --bench")
    import numpy as np

    from crowdskills.matching import SkillMatcher
    from crowdskills.matching.ranking import WEIGHTS, signals
    from crowdskills.taxonomy import load_taxonomy

    labels = (args.bench / "skills_en_label.txt").read_text(encoding="utf-8").splitlines()
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        taxonomy = load_taxonomy(build_taxonomy(labels, args.esco, Path(tmp)))
        matcher = SkillMatcher().fit(taxonomy)
        print(f"{len(taxonomy.skills):,} candidate skills; taxonomy and index built in {time.perf_counter() - t:.0f} s")
    baseline = baseline_ranker(labels)
    label_of = matcher.index_.pref_labels
    sweep = [WEIGHTS] + ([
        {"detected": d, "chars": c, "words": round(1 - d - c, 2)}
        for d in (0.0, 0.2, 0.35, 0.5) for c in (0.3, 0.45, 0.6, 0.8) if d + c <= 1
    ] if args.sweep else [])
    for name in ("tech", "house"):
        data = gold_sets(args.bench / f"{name}_validation_annotations.csv")
        golds = [g for _, g in data]
        base = metrics([baseline(s, 10) for s, _ in data], golds)
        t = time.perf_counter()
        parts = [signals(matcher, s) for s, _ in data]
        elapsed = time.perf_counter() - t
        results = []
        for w in sweep:
            ranked = []
            for detected, chars, words in parts:
                total = w["detected"] * detected + w["chars"] * chars + w["words"] * words
                ranked.append([label_of[i] for i in np.argsort(-total, kind="stable")[:10]])
            results.append((w, metrics(ranked, golds)))
        ours = results[0][1]
        print(f"\n{name.upper()} validation: {len(data)} sentences with gold labels "
              f"({len(data) / elapsed:.0f} sentences/s for crowdskills)")
        print(f"  {'':34} {'RP@5':>6} {'RP@10':>6} {'MRR':>6}")
        print(f"  {'char 3-5-gram TF-IDF baseline':34} {base['RP@5']:6.1f} {base['RP@10']:6.1f} {base['MRR']:6.1f}")
        print(f"  {'crowdskills SkillMatcher.rank':34} {ours['RP@5']:6.1f} {ours['RP@10']:6.1f} {ours['MRR']:6.1f}")
        print(f"  RP@5 gain over the baseline: {ours['RP@5'] - base['RP@5']:+.1f} points (target >= +10)")
        for w, m in results[1:]:
            print(f"    sweep {w}: RP@5 {m['RP@5']:.1f}, RP@10 {m['RP@10']:.1f}, MRR {m['MRR']:.1f}")


if __name__ == "__main__":
    main()
