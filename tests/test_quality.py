"""Regression guard on the gold set: the matcher must not fall below its agreed quality.

Targets are precision >= 0.90 and recall >= 0.80 (see benchmarks/quality.py for the figures);
this test fails below 0.85 and 0.75, and when a skill the text negates or only wants is
reported as held in more than 2% of found skills.
"""

from __future__ import annotations

from pathlib import Path

from crowdskills import SkillMatcher, load_taxonomy
from crowdskills.evaluate import evaluate, load_gold

GOLD = Path(__file__).parent / "data" / "gold"


def test_gold_set_has_at_least_80_texts_of_both_kinds() -> None:
    gold = load_gold([GOLD])
    assert len(gold) >= 80
    assert sum(g.kind == "job" for g in gold) >= 20 and sum(g.kind == "profile" for g in gold) >= 40
    tax = load_taxonomy()
    for g in gold:
        assert set(g.skills) <= set(tax.skills), g.id


def test_precision_and_recall_on_the_gold_set() -> None:
    report = evaluate(SkillMatcher().fit(load_taxonomy()), load_gold([GOLD]))
    assert report.overall.precision >= 0.85, report.to_dict()
    assert report.overall.recall >= 0.75, report.to_dict()
    assert report.status_accuracy >= 0.90, report.to_dict()
    assert report.false_held <= 0.02 * report.status_total, report.to_dict()


HELDOUT = Path(__file__).parent / "data" / "gold-heldout"


def test_held_out_gold_set_does_not_regress() -> None:
    """The held-out set was annotated independently and is never used for tuning.

    Measured on 2026-11-24: precision 0.742, recall 0.711, status accuracy 0.895, 14 skills
    reported as held that the text negates or only wants. These floors guard against falling
    further; the targets (0.90/0.80, none held wrongly) are not met on this set yet.
    """
    gold = load_gold([HELDOUT])
    tax = load_taxonomy()
    assert len(gold) >= 40 and all(set(g.skills) <= set(tax.skills) for g in gold)
    report = evaluate(SkillMatcher().fit(tax), gold)
    assert report.overall.precision >= 0.70, report.to_dict()
    assert report.overall.recall >= 0.68, report.to_dict()
    assert report.status_accuracy >= 0.85, report.to_dict()


REAL = Path(__file__).parent / "data" / "gold-real"


def test_real_text_set_records_its_sources() -> None:
    """At least 150 real texts, each with the repository, path, commit and licence it came from."""
    from crowdskills.yamlio import load_yaml

    texts = [t for f in sorted(REAL.glob("*.yaml")) for t in load_yaml(f).data["texts"]]
    assert len(texts) >= 150
    for t in texts:
        src = t["source"]
        assert src["repo"] and src["path"] and len(src["commit"]) == 40 and src["licence"], t["id"]
    assert set(load_taxonomy().skills) >= {s for g in load_gold([REAL]) for s in g.skills}


def test_real_text_set_quality_and_kind() -> None:
    """Measured on 2026-12-02 (a tuning set, see its README): precision 0.920, recall 0.860,
    --kind auto right on 150 of 151. Floors at the issue's targets."""
    from crowdskills.matching import detect_kind

    gold = load_gold([REAL])
    report = evaluate(SkillMatcher().fit(load_taxonomy()), gold)
    assert report.overall.precision >= 0.88, report.to_dict()
    assert report.overall.recall >= 0.75, report.to_dict()
    assert report.false_held == 0
    right = sum(detect_kind(g.text) == g.kind for g in gold)
    assert right >= 0.95 * len(gold)


def test_kind_auto_on_the_team_written_sets() -> None:
    gold = load_gold([GOLD, HELDOUT])
    from crowdskills.matching import detect_kind

    wrong = [g.id for g in gold if detect_kind(g.text) != g.kind]
    assert len(wrong) <= 0.05 * len(gold), wrong
