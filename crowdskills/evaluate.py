"""Measuring a matcher against a gold set of annotated texts.

A gold file is YAML: ``texts: [{id, kind, text, skills: {skill_id: status}}]``. :func:`evaluate`
gives micro precision, recall and F1 of detected skills (any status), the same per category,
the accuracy of statuses on correctly found skills, and how often a skill the text negates or
only wants was reported as held.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import InputError
from .matching import SkillMatcher
from .matching.context import JOB_STATUSES, PROFILE_STATUSES


@dataclass(frozen=True)
class GoldText:
    id: str
    kind: str
    text: str
    skills: dict[str, str]


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Report:
    overall: Counts = field(default_factory=Counts)
    by_category: dict[str, Counts] = field(default_factory=dict)
    status_right: int = 0
    status_total: int = 0
    false_held: int = 0
    errors: list[tuple[str, str, str]] = field(default_factory=list)  # (text id, skill, fp|fn|status)

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.status_total if self.status_total else 1.0

    def to_dict(self) -> dict[str, Any]:
        return {
            "overall": self.overall.to_dict(),
            "by_category": {c: k.to_dict() for c, k in sorted(self.by_category.items())},
            "status_accuracy": round(self.status_accuracy, 4),
            "false_held": self.false_held,
        }


def load_gold(paths: Iterable[Path]) -> list[GoldText]:
    """Read gold texts from YAML files (or every ``*.yaml`` in directories)."""
    from .yamlio import load_yaml

    out: list[GoldText] = []
    seen: set[str] = set()
    for path in paths:
        files = sorted(path.glob("*.yaml")) if path.is_dir() else [path]
        for file in files:
            doc = load_yaml(file)
            for i, item in enumerate(doc.data.get("texts", [])):
                gid, kind = item.get("id"), item.get("kind")
                statuses = JOB_STATUSES if kind == "job" else PROFILE_STATUSES
                where = f"{file}:{doc.locations.of(('texts', i))[0]}"
                if gid in seen:
                    raise InputError(f"{where}: gold text id {gid!r} is used twice.")
                if kind not in ("profile", "job"):
                    raise InputError(f"{where}: kind must be profile or job, not {kind!r}.")
                skills = item.get("skills") or {}
                bad = {s: st for s, st in skills.items() if st not in statuses}
                if bad:
                    raise InputError(f"{where}: statuses {bad} are not allowed for a {kind}.")
                seen.add(gid)
                out.append(GoldText(gid, kind, item["text"], dict(skills)))
    return out


def evaluate(matcher: SkillMatcher, gold: Sequence[GoldText]) -> Report:
    """Compare what ``matcher`` finds in each gold text with the gold annotations."""
    taxonomy = matcher.taxonomy_
    report = Report()

    def counts(category: str) -> Counts:
        return report.by_category.setdefault(category, Counts())

    for g in gold:
        found = {m.skill_id: m.status for m in matcher.match(g.text, kind=g.kind)}
        for sid, status in found.items():
            cat = taxonomy.skills[sid].category
            if sid in g.skills:
                report.overall.tp += 1
                counts(cat).tp += 1
                report.status_total += 1
                if status == g.skills[sid]:
                    report.status_right += 1
                else:
                    report.errors.append((g.id, sid, f"status {status} (gold {g.skills[sid]})"))
                    if status == "claimed" and g.skills[sid] in ("negated", "wanted"):
                        report.false_held += 1
            else:
                report.overall.fp += 1
                counts(cat).fp += 1
                report.errors.append((g.id, sid, "fp"))
        for sid in g.skills:
            if sid not in found:
                report.overall.fn += 1
                cat = taxonomy.skills[sid].category if sid in taxonomy.skills else "unknown"
                counts(cat).fn += 1
                report.errors.append((g.id, sid, "fn"))
    return report
