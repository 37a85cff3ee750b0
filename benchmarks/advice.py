"""Advice quality: does `gaps` aim at the role a careful adviser would choose, and are its plans honest?

    python benchmarks/advice.py                  # target accuracy on tests/data/goals (a tuning set
                                                 # written by the team), and plan figures over all roles
    python benchmarks/advice.py --errors         # list every profile whose target differs

Targets (issue 12): the gold target for >= 90% of the profiles.
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crowdskills import load_catalogs, load_taxonomy  # noqa: E402
from crowdskills.advice import gap_report  # noqa: E402
from crowdskills.advice.evaluate import evaluate_targets, load_goal_cases  # noqa: E402
from crowdskills.matching import SkillMatcher  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "goals" / "profiles.yaml")
    ap.add_argument("--errors", action="store_true", help="list every wrong target")
    args = ap.parse_args()

    taxonomy = load_taxonomy()
    matcher = SkillMatcher().fit(taxonomy)
    cases = load_goal_cases(args.gold)
    results = evaluate_targets(cases, matcher)
    right = sum(r.right for r in results)
    quoted = sum(r.goal_found for r in results)
    stated = [r for r in results if r.case.goal]
    print(f"goal gold set: {len(cases)} profiles ({len(stated)} state an aim in words) - a tuning set")
    print(f"target as the adviser chose: {right}/{len(results)} = {right / len(results):.1%} (target >= 90%)")
    print(f"stated aim quoted (or none quoted when none stated): {quoted}/{len(results)}")
    if args.errors:
        for r in results:
            if not r.right:
                print(f"  {r.case.id}: chose {r.chosen}, gold {r.case.target}; {r.reason}")

    courses = load_catalogs(taxonomy=taxonomy)
    first: collections.Counter[str] = collections.Counter()
    covered = partly = steps = unknown = guides = 0
    for rid in sorted(taxonomy.roles):
        report = gap_report("I am new to online work.", matcher, courses, role_id=rid)
        if report.plan:
            first[report.plan[0].name] += 1
        for g in report.gaps:
            recs = report.courses_for(g.skill_id)
            covered += bool(recs)
            partly += bool(recs) and all(r.partly(g.skill_id) for r in recs)
        steps += len(report.plan)
        unknown += report.unknown_length
        guides += sum(r.course.learning_resource_type == "guide" for r in report.recommendations)
    print(f"\nplans for all {len(taxonomy.roles)} roles from an empty profile:")
    print(f"  most frequent step 1: {first.most_common(1)[0][0]!r} in {first.most_common(1)[0][1]} plans")
    print(f"  covered gaps {covered}, of which only partly (course teaches a lower level) {partly}")
    print(f"  plan steps {steps}, of unknown length {unknown} ({unknown / max(steps, 1):.0%}), guides {guides}")


if __name__ == "__main__":
    main()
