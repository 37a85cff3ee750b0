"""Gaps between what a profile shows and what a role or job post needs.

:func:`held_skills` turns a profile's matches into the skills it holds (a skill held through a
narrower one counts as held), :func:`closest_roles` ranks roles by the share of their essential
skills a profile holds, and :func:`find_gaps` lists the target's skills the profile lacks.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from ..models import Evidence, Match, Role, RoleSkill, Taxonomy
from .goals import Goal

#: Importance given to a job post's required and optional skills.
JOB_IMPORTANCE = {"required": 4, "optional": 2}


@dataclass(frozen=True)
class Target:
    """What a profile is compared with: a role of the taxonomy or a job post."""

    kind: str  # "role" or "job"
    id: str | None
    label: str
    skills: tuple[RoleSkill, ...]
    reason: str = ""
    goal_evidence: tuple[Evidence, ...] = ()
    fit: float | None = None
    """For a role: how close the profile is to it (see :func:`closest_roles`)."""
    reason_skills: tuple[str, ...] = ()
    """The skills ``reason`` names, in its order (so that a reader's language can name them)."""

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "label": self.label, "reason": self.reason, "fit": self.fit,
                "goal_evidence": [e.to_dict() for e in self.goal_evidence],
                "skills": [s.to_dict() for s in self.skills]}


@dataclass(frozen=True)
class Gap:
    """A skill the target needs and the profile does not show."""

    skill_id: str
    label: str
    category: str
    relation: str  # essential | optional | goal (wanted by the person, not needed by the target)
    importance: int
    level: int
    wanted: bool

    @property
    def essential(self) -> bool:
        return self.relation == "essential"

    @property
    def own_goal(self) -> bool:
        """A skill the person wants that the target does not need."""
        return self.relation == "goal"

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


def closest_roles(held: set[str], taxonomy: Taxonomy, *, limit: int | None = 3) -> list[RoleFit]:
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
    """The target's skills the profile does not hold, then the wanted skills the target does not need.

    Order: wanted skills the target needs (a skill built on a wanted one counts as wanted), then
    essential, then by importance; the person's own goals (wanted skills the target does not
    need, relation ``goal``) come last.
    """
    def wanted_here(sid: str) -> bool:
        """Wanted itself, or built on a wanted skill ('I want Python' wants Python for data analysis)."""
        skill = taxonomy.skills[sid]
        return sid in wanted or bool(wanted & (set(skill.broader) | set(skill.prerequisites)))

    gaps = [
        Gap(
            skill_id=s.skill,
            label=taxonomy.skills[s.skill].pref_label,
            category=taxonomy.skills[s.skill].category,
            relation=s.relation,
            importance=s.importance,
            level=s.level,
            wanted=wanted_here(s.skill),
        )
        for s in target.skills
        if s.skill not in held and s.skill in taxonomy.skills
    ]
    needed = {s.skill for s in target.skills}
    gaps += [
        Gap(sid, taxonomy.skills[sid].pref_label, taxonomy.skills[sid].category, "goal", OWN_GOAL_IMPORTANCE,
            OWN_GOAL_LEVEL, True)
        for sid in sorted(wanted - needed - held) if sid in taxonomy.skills
    ]
    gaps.sort(key=lambda g: (g.own_goal, not g.wanted, not g.essential, -g.importance, g.skill_id))
    return gaps


def budget_priority(gap: Gap) -> tuple[bool, bool, int, str]:
    """The order in which gaps get the learner's hours and money: essential, then wanted, then importance."""
    return (not gap.essential, not gap.wanted, -gap.importance, gap.skill_id)


#: Importance and level given to a skill the person wants that the target does not need.
OWN_GOAL_IMPORTANCE = 3
OWN_GOAL_LEVEL = 2


def implied_role(wanted: set[str], taxonomy: Taxonomy, *, fits: Sequence[RoleFit] = ()) -> str | None:
    """The role whose essential skills best cover the skills a person wants, or None.

    Each wanted skill counts by how few roles need it (a skill every role lists says little),
    in full when the role's essential skills include it and half when it is optional; roles
    that realistically follow the roles the person fits now (``nextRoles``) count a fifth more,
    and the fit itself breaks near ties. A role must need at least one wanted skill as essential.
    """
    if not wanted:
        return None
    roles = sorted(taxonomy.roles.values(), key=lambda r: r.id)
    df: dict[str, int] = {}
    for role in roles:
        for rs in role.skills:
            df[rs.skill] = df.get(rs.skill, 0) + 1
    n = len(roles)
    fit_of = {f.role_id: f.score for f in fits}
    next_roles = {nr for f in fits[:2] if f.role_id in taxonomy.roles for nr in taxonomy.roles[f.role_id].next_roles}
    best: tuple[float, str] | None = None
    for role in roles:
        essential = {s.skill for s in role.essential_skills}
        if not essential & wanted:
            continue
        optional = {s.skill for s in role.optional_skills}
        score = sum(math.log(1 + n / df[s]) * (1.0 if s in essential else 0.5)
                    for s in wanted if s in essential or s in optional)
        if role.id in next_roles:
            score *= 1.2
        score += 0.1 * fit_of.get(role.id, 0.0)
        if best is None or score > best[0]:
            best = (score, role.id)
    return best[1] if best else None


def choose_target(
    held: set[str], wanted: set[str], goal: Goal | None, taxonomy: Taxonomy, fits: Sequence[RoleFit],
    *, wishes: Callable[[Collection[str]], tuple[Evidence, ...]] | None = None,
) -> Target:
    """The role a profile aims at, and why: the role its goal names, else the role its wanted
    skills imply, else the closest role.

    ``wishes`` gives the sentences that state given wanted skills: they are quoted when the
    wanted skills choose the role.
    """
    quote = f"you wrote '{_one_line(goal.evidence[0].text)}'" if goal and goal.evidence else ""
    wants = sorted(wanted - held, key=lambda s: taxonomy.skills[s].pref_label.lower() if s in taxonomy.skills else s)
    want_text = join_words([taxonomy.skills[s].pref_label for s in wants if s in taxonomy.skills])
    if goal is not None and goal.role_id is not None and goal.role_id in taxonomy.roles:
        why = quote + (f" and want {want_text}" if want_text else "")
        return _aimed(taxonomy.roles[goal.role_id], why, goal.evidence,
                      tuple(s for s in wants if s in taxonomy.skills))
    wished = (wanted | set(goal.skills if goal else ())) - held
    role_id = implied_role(wished, taxonomy, fits=fits)
    if role_id is not None:
        role = taxonomy.roles[role_id]
        needs = {s.skill for s in role.skills}
        named_ids = tuple(s for s in sorted(wished & needs) if s in taxonomy.skills)
        named = join_words([taxonomy.skills[s].pref_label for s in named_ids])
        evidence = wishes(wished & needs) if wishes else ()
        if not evidence and goal is not None:
            evidence = goal.evidence
        if evidence:
            quote = "you wrote " + " and ".join(f"'{_one_line(e.text)}'" for e in evidence)
        why = (quote + ": " if quote else "") + f"you want {named}, which it needs"
        return _aimed(role, why, evidence, named_ids)
    top = fits[0]
    role = taxonomy.roles[top.role_id]
    return Target("role", role.id, role.pref_label, role.skills,
                  reason=f"your profile states no aim, and it is the closest role: {top.reason}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _aimed(role: Role, why: str, evidence: Sequence[Evidence], named: tuple[str, ...] = ()) -> Target:
    return Target("role", role.id, role.pref_label, role.skills, reason=f"because {why}",
                  goal_evidence=tuple(evidence), reason_skills=named)


def relabel(sentence: str, skill_ids: Sequence[str], taxonomy: Taxonomy, langs: Sequence[str]) -> str:
    """``sentence`` with the English labels it names for ``skill_ids`` (joined as by
    :func:`join_words`, the last such phrase) in the first of ``langs`` that has them."""
    known = [s for s in skill_ids if s in taxonomy.skills]
    if not known:
        return sentence
    english = join_words([taxonomy.skills[s].pref_label for s in known])
    local = join_words([taxonomy.skills[s].label_in(*langs) for s in known])
    at = sentence.rfind(english)
    return sentence if at < 0 else sentence[:at] + local + sentence[at + len(english):]


def join_words(items: Sequence[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]
