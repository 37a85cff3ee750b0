"""How well course catalogs cover the skills in demand: what a provider should build next.

For each skill: how many courses teach it, how many are free, the shortest one, and a demand
weight. The weight is the share of job posts asking for the skill (from :mod:`.demand` or a
counts file), or, with no job posts at hand, the share of roles that need the skill (essential
counts 1, optional 0.5). Skills in demand with no course, or only weak coverage (a single course,
or no free one), come first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..models import Course, Taxonomy

STATUS_FACTOR = {"none": 1.0, "weak": 0.5, "good": 0.0}


@dataclass(frozen=True)
class SkillCoverage:
    skill_id: str
    label: str
    category: str
    courses: int
    free_courses: int
    shortest_hours: float | None
    demand: float
    status: str
    """``none`` (no course), ``weak`` (one course, or no free course) or ``good``."""
    priority: float
    """Demand times how badly coverage falls short (1 none, 0.5 weak, 0 good): build these first."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill_id": self.skill_id,
            "label": self.label,
            "category": self.category,
            "courses": self.courses,
            "free_courses": self.free_courses,
            "shortest_hours": self.shortest_hours,
            "demand": self.demand,
            "status": self.status,
            "priority": self.priority,
        }


def role_demand(taxonomy: Taxonomy) -> dict[str, float]:
    """Share of roles that need each skill (essential 1, optional 0.5)."""
    if not taxonomy.roles:
        return {}
    weights: dict[str, float] = {}
    for role in taxonomy.roles.values():
        for rs in role.skills:
            weights[rs.skill] = weights.get(rs.skill, 0.0) + (1.0 if rs.relation == "essential" else 0.5)
    n = len(taxonomy.roles)
    return {k: round(v / n, 4) for k, v in weights.items()}


def _weight(path: Path, skill: str, value: float) -> float:
    # JSON allows NaN, Infinity and integers of any length: none is a weight
    if not 0 <= value <= 1e15:
        shown = str(value) if len(str(value)) <= 20 else str(value)[:17] + "..."
        raise InputError(f"{path}: the weight of {skill!r} is {shown}; weights are numbers from 0 to 10^15. "
                         "Fix the file, or count the demand again with `crowdskills demand`.")
    return float(value)


def read_demand_file(path: Path, taxonomy: Taxonomy) -> dict[str, float]:
    """Demand weights from ``crowdskills demand --format json`` output or a ``{skill_id: weight}`` map."""
    from ..inputs import check_regular

    check_regular(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise InputError(
            f"{path} is not JSON ({exc}). Give the output of `crowdskills demand --format json` "
            "or an object of skill ids and weights."
        ) from None
    weights: dict[str, float] = {}
    if isinstance(data, dict) and isinstance(data.get("skills"), list):
        for row in data["skills"]:
            if isinstance(row, dict) and isinstance(row.get("skill_id"), str):
                value = row.get("share", row.get("posts"))
                if isinstance(value, (int, float)):
                    weights[row["skill_id"]] = _weight(path, row["skill_id"], value)
    elif isinstance(data, dict) and all(isinstance(v, (int, float)) for v in data.values()):
        weights = {str(k): _weight(path, str(k), v) for k, v in data.items()}
    else:
        raise InputError(
            f"{path} is not a demand file. Give the output of `crowdskills demand --format json` "
            'or an object such as {"data-entry": 0.4}.'
        )
    unknown = sorted(k for k in weights if k not in taxonomy.skills)
    if unknown and len(unknown) == len(weights):
        raise InputError(
            f"{path}: none of its skill ids are in the taxonomy (e.g. {unknown[0]!r}). "
            "Use the taxonomy the demand was counted with (--taxonomy)."
        )
    return {k: v for k, v in weights.items() if k in taxonomy.skills}


def catalog_coverage(
    taxonomy: Taxonomy,
    courses: Sequence[Course],
    demand: Mapping[str, float] | None = None,
    *,
    include_all: bool = False,
) -> list[SkillCoverage]:
    """Coverage of each skill in demand (or of every skill, with ``include_all``), most urgent first.

    Args:
        demand: skill id -> weight; the role-based weight of :func:`role_demand` when None.
    """
    weights = dict(demand) if demand is not None else role_demand(taxonomy)
    teaching: dict[str, list[Course]] = {}
    for course in courses:
        for t in course.teaches:
            teaching.setdefault(t.skill, []).append(course)
    rows = []
    for skill in taxonomy:
        weight = weights.get(skill.id, 0.0)
        if weight <= 0 and not include_all:
            continue
        found = teaching.get(skill.id, [])
        free = sum(c.is_free for c in found)
        hours = [c.hours for c in found if c.hours is not None]
        status = "none" if not found else "weak" if len(found) < 2 or free == 0 else "good"
        rows.append(SkillCoverage(
            skill.id, skill.pref_label, skill.category, len(found), free,
            min(hours) if hours else None, weight, status, round(weight * STATUS_FACTOR[status], 4),
        ))
    rows.sort(key=lambda r: (-r.priority, -r.demand, r.skill_id))
    return rows
