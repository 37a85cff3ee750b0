"""Measuring target choice against a gold set of profiles with the target an adviser would choose.

A gold file is YAML: ``profiles: [{id, text, target, goal, wanted, why}]``; ``goal`` is the exact
words of the text that state the aim (or null), ``target`` a role id.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError
from ..matching import SkillMatcher
from .report import gap_report


@dataclass(frozen=True)
class GoalCase:
    id: str
    text: str
    target: str
    goal: str | None
    wanted: tuple[str, ...] = ()


@dataclass(frozen=True)
class TargetResult:
    case: GoalCase
    chosen: str | None
    reason: str
    quoted: str | None

    @property
    def right(self) -> bool:
        return self.chosen == self.case.target

    @property
    def goal_found(self) -> bool:
        """The stated aim was quoted (it overlaps the gold goal words), or none was stated nor quoted."""
        if self.case.goal is None:
            return self.quoted is None
        return self.quoted is not None and (self.case.goal in self.quoted or self.quoted in self.case.goal)


def load_goal_cases(path: Path) -> list[GoalCase]:
    """Read a goal gold file; :class:`InputError` when it is not one."""
    from ..yamlio import load_yaml

    data = load_yaml(path).data
    if not isinstance(data, dict) or not isinstance(data.get("profiles"), list):
        raise InputError(f"{path}: expected a mapping with a 'profiles' list.")
    return [GoalCase(p["id"], p["text"], p["target"], p.get("goal"), tuple(p.get("wanted") or ()))
            for p in data["profiles"]]


def evaluate_targets(cases: Sequence[GoalCase], matcher: SkillMatcher) -> list[TargetResult]:
    """The target :func:`gap_report` chooses for each profile (no --role, no --job)."""
    out = []
    for case in cases:
        report = gap_report(case.text, matcher, [])
        quoted = report.target.goal_evidence[0].text if report.target.goal_evidence else None
        out.append(TargetResult(case, report.target.id, report.target.reason, quoted))
    return out
