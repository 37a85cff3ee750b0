"""Gaps between what a profile shows and what a role or job post needs.

:func:`held_skills` turns a profile's matches into the skills it holds (a skill held through a
narrower one counts as held), :func:`closest_roles` ranks roles by the share of their essential
skills a profile holds, and :func:`find_gaps` lists the target's skills the profile lacks.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .models import Match, Role, RoleSkill, Taxonomy

#: Importance given to a job post's required and optional skills.
JOB_IMPORTANCE = {"required": 4, "optional": 2}


@dataclass(frozen=True)
class Target:
    """What a profile is compared with: a role of the taxonomy or a job post."""

    kind: str  # "role" or "job"
    id: str | None
    label: str
    skills: tuple[RoleSkill, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "label": self.label,
                "skills": [s.to_dict() for s in self.skills]}


@dataclass(frozen=True)
class Gap:
    """A skill the target needs and the profile does not show."""

    skill_id: str
    label: str
    category: str
    relation: str  # essential | optional
    importance: int
    level: int
    wanted: bool

    @property
    def essential(self) -> bool:
        return self.relation == "essential"

    def to_dict(self) -> dict[str, Any]:
        return {"skill_id": self.skill_id, "label": self.label, "category": self.category,
                "relation": self.relation, "importance": self.importance, "level": self.level,
                "wanted": self.wanted}


@dataclass(frozen=True)
class RoleFit:
    """How close a profile is to a role."""

    role_id: str
    label: str
    score: float
    essential_held: int
    essential_total: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"role_id": self.role_id, "label": self.label, "score": self.score,
                "essential_held": self.essential_held, "essential_total": self.essential_total,
                "reason": self.reason}


def held_skills(matches: Iterable[Match], taxonomy: Taxonomy) -> set[str]:
    """Skills the text claims, plus every broader skill of those (held through a narrower one)."""
    held: set[str] = set()
    stack = [m.skill_id for m in matches if m.status == "claimed"]
    while stack:
        sid = stack.pop()
        if sid in held or sid not in taxonomy.skills:
            continue
        held.add(sid)
        stack.extend(taxonomy.skills[sid].broader)
    return held


def wanted_skills(matches: Iterable[Match]) -> set[str]:
    """Skills the text says its author wants to learn."""
    return {m.skill_id for m in matches if m.status == "wanted"}


def role_target(role: Role) -> Target:
    return Target("role", role.id, role.pref_label, role.skills)


def job_target(matches: Sequence[Match], *, label: str = "job post") -> Target:
    """A target made of a job post's skills: required ones essential, optional ones optional."""
    skills = tuple(
        RoleSkill(m.skill_id, "essential" if m.status == "required" else "optional", 2,
                  JOB_IMPORTANCE.get(m.status, 2))
        for m in sorted(matches, key=lambda m: m.skill_id)
        if m.status in JOB_IMPORTANCE
    )
    return Target("job", None, label, skills)


def closest_roles(held: set[str], taxonomy: Taxonomy, *, limit: int = 3) -> list[RoleFit]:
    """Roles ranked by the importance-weighted share of their essential skills the profile holds.

    Optional skills held add a quarter as much; ties go to the role id.
    """
    fits = []
    for role in taxonomy.roles.values():
        essential = role.essential_skills
        optional = role.optional_skills
        ess_w = sum(s.importance for s in essential) or 1
        opt_w = sum(s.importance for s in optional) or 1
        ess_held = [s for s in essential if s.skill in held]
        share = sum(s.importance for s in ess_held) / ess_w
        extra = sum(s.importance for s in optional if s.skill in held) / opt_w
        score = round((share + 0.25 * extra) / 1.25, 4)
        reason = f"you show {len(ess_held)} of its {len(essential)} essential skills"
        if optional:
            n_opt = sum(s.skill in held for s in optional)
            reason += f" and {n_opt} of {len(optional)} optional ones"
        fits.append(RoleFit(role.id, role.pref_label, score, len(ess_held), len(essential), reason))
    fits.sort(key=lambda f: (-f.score, f.role_id))
    return fits[:limit]


def find_gaps(target: Target, held: set[str], wanted: set[str], taxonomy: Taxonomy) -> list[Gap]:
    """The target's skills the profile does not hold: essential first, then by importance."""
    gaps = [
        Gap(
            skill_id=s.skill,
            label=taxonomy.skills[s.skill].pref_label,
            category=taxonomy.skills[s.skill].category,
            relation=s.relation,
            importance=s.importance,
            level=s.level,
            wanted=s.skill in wanted,
        )
        for s in target.skills
        if s.skill not in held and s.skill in taxonomy.skills
    ]
    gaps.sort(key=lambda g: (not g.essential, -g.importance, g.skill_id))
    return gaps
