"""Quality of skill detection on the gold set: precision, recall, F1, status accuracy.

    python benchmarks/quality.py                 # the shipped taxonomy on tests/data/gold (tuning set)
    python benchmarks/quality.py --gold tests/data/gold-heldout   # the held-out set, never tuned on
    python benchmarks/quality.py --sweep         # also P/R/F1 for a range of TF-IDF thresholds
    python benchmarks/quality.py --errors        # list every false positive, miss and wrong status
    python benchmarks/quality.py --gold tests/data/gold-real   # real job posts and task texts (issue 13)

Targets (issue 3): precision >= 0.90 and recall >= 0.80.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crowdskills import load_taxonomy  # noqa: E402
from crowdskills.evaluate import evaluate, load_gold  # noqa: E402
from crowdskills.matching import SkillMatcher  # noqa: E402
from crowdskills.matching.context import guess_kind  # noqa: E402
from crowdskills.matching.index import compile_index  # noqa: E402
from crowdskills.matching.languages import guess_text_kind  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, nargs="*", default=[ROOT / "tests" / "data" / "gold"])
    ap.add_argument("--sweep", action="store_true", help="try TF-IDF thresholds from 0.25 to 0.70")
    ap.add_argument("--errors", action="store_true", help="list every error")
    args = ap.parse_args()

    taxonomy = load_taxonomy()
    index = compile_index(taxonomy)
    gold = load_gold(args.gold)
    n_skills = sum(len(g.skills) for g in gold)
    print(f"gold: {len(gold)} texts ({sum(g.kind == 'job' for g in gold)} job posts), {n_skills} tagged skills")
    print(f"taxonomy: {len(taxonomy)} skills\n")

    matcher = SkillMatcher().fit(taxonomy, index=index)
    report = evaluate(matcher, gold)
    o = report.overall
    print(f"overall   precision {o.precision:.3f}  recall {o.recall:.3f}  F1 {o.f1:.3f}  "
          f"(tp {o.tp}, fp {o.fp}, fn {o.fn})")
    print(f"status accuracy {report.status_accuracy:.3f} on {report.status_total} found skills; "
          f"reported as held but negated or only wanted: {report.false_held}")
    right = sum(guess_text_kind(g.text)[1].kind == g.kind for g in gold)  # as the CLI reads it
    english = sum(guess_kind(g.text).kind == g.kind for g in gold)
    print(f"--kind auto right on {right}/{len(gold)} texts ({right / max(1, len(gold)):.3f}); "
          f"with English words only: {english}/{len(gold)}\n")
    print(f"{'category':<20} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}")
    for cat, c in sorted(report.by_category.items()):
        print(f"{cat:<20} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f} {c.tp:5d} {c.fp:5d} {c.fn:5d}")

    if args.sweep:
        print(f"\n{'tfidf threshold':<16} {'P':>6} {'R':>6} {'F1':>6}")
        variants = [("off", SkillMatcher(tfidf=False))]
        variants += [(f"{t:.2f}", SkillMatcher(tfidf_threshold=t)) for t in
                     (0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)]
        for name, m in variants:
            c = evaluate(m.fit(taxonomy, index=index), gold).overall
            print(f"{name:<16} {c.precision:6.3f} {c.recall:6.3f} {c.f1:6.3f}")

    if args.errors:
        print()
        for gid, sid, what in report.errors:
            print(f"{gid:<14} {sid:<36} {what}")


if __name__ == "__main__":
    main()
