"""The whole answer to "what do I lack and how do I learn it": target, gaps, courses, plan."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from .courses import PlanStep, Recommendation, learning_plan, recommend
from .gaps import Gap, RoleFit, Target, closest_roles, find_gaps, held_skills, job_target, role_target, wanted_skills
from .matching import SkillMatcher
from .models import Course, Match


@dataclass(frozen=True)
class GapReport:
    """A profile against a target: what it shows, what it lacks, courses and a plan."""

    target: Target
    detected: tuple[Match, ...]
    gaps: tuple[Gap, ...]
    recommendations: tuple[Recommendation, ...]
    uncovered: tuple[Gap, ...]
    plan: tuple[PlanStep, ...]
    closest_roles: tuple[RoleFit, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def courses_for(self, skill_id: str) -> list[Recommendation]:
        return [r for r in self.recommendations if skill_id in r.covers]

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: target, closest_roles, detected, gaps (with courses), plan."""
        return {
            "target": self.target.to_dict(),
            "closest_roles": [f.to_dict() for f in self.closest_roles],
            "detected": [m.to_dict() for m in self.detected],
            "gaps": [
                {**g.to_dict(), "covered": g not in self.uncovered,
                 "courses": [r.to_dict() for r in self.courses_for(g.skill_id)]}
                for g in self.gaps
            ],
            "prerequisite_courses": [r.to_dict() for r in self.recommendations if r.prerequisite_for],
            "plan": [s.to_dict() for s in self.plan],
            "total_hours": self.plan[-1].cumulative_hours if self.plan else 0.0,
            "warnings": list(self.warnings),
        }


def gap_report(
    profile_text: str,
    matcher: SkillMatcher,
    courses: Sequence[Course],
    *,
    role_id: str | None = None,
    job_text: str | None = None,
    lang: str | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
    hours_per_week: float = 5.0,
) -> GapReport:
    """Compare a profile with a role (``role_id``), a job post (``job_text``) or, with neither,
    the closest role of the taxonomy; choose courses for the gaps and write a plan.

    Raises:
        NotFoundError: ``role_id`` is not a role of the taxonomy.
    """
    taxonomy = matcher.taxonomy_
    detected = matcher.match(profile_text, kind="profile")
    held = held_skills(detected, taxonomy)
    wanted = wanted_skills(detected)
    warnings = []
    if not any(m.status == "claimed" for m in detected):
        warnings.append("no skills were found in the profile, so every skill of the target is a gap")
    fits: list[RoleFit] = []
    if role_id is not None:
        target = role_target(taxonomy.role(role_id))
    elif job_text is not None:
        target = job_target(matcher.match(job_text, kind="job"))
        if not target.skills:
            warnings.append("no skills were found in the job post, so there is nothing to compare with")
    else:
        fits = closest_roles(held, taxonomy)
        target = role_target(taxonomy.role(fits[0].role_id))
    return _report(target, held, wanted, detected, courses, matcher, fits=fits, warnings=warnings, lang=lang,
                   max_hours=max_hours, free_only=free_only, budget=budget, hours_per_week=hours_per_week)


def transition_report(
    from_role: str,
    to_role: str,
    matcher: SkillMatcher,
    courses: Sequence[Course],
    *,
    lang: str | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
    hours_per_week: float = 5.0,
) -> GapReport:
    """The gaps, courses and plan to move from one role to another.

    The skills held are the from-role's essential skills (and their broader skills).

    Raises:
        NotFoundError: a role id is not in the taxonomy.
    """
    taxonomy = matcher.taxonomy_
    start = taxonomy.role(from_role)
    target = role_target(taxonomy.role(to_role))
    held: set[str] = set()
    stack = [s.skill for s in start.essential_skills]
    while stack:
        sid = stack.pop()
        if sid not in held and sid in taxonomy.skills:
            held.add(sid)
            stack.extend(taxonomy.skills[sid].broader)
    return _report(target, held, set(), [], courses, matcher, lang=lang, max_hours=max_hours,
                   free_only=free_only, budget=budget, hours_per_week=hours_per_week)


def _report(
    target: Target, held: set[str], wanted: set[str], detected: Sequence[Match], courses: Sequence[Course],
    matcher: SkillMatcher, *, fits: Sequence[RoleFit] = (), warnings: Sequence[str] = (),
    lang: str | None, max_hours: float | None, free_only: bool, budget: float | None, hours_per_week: float,
) -> GapReport:
    taxonomy = matcher.taxonomy_
    gaps = find_gaps(target, held, wanted, taxonomy)
    recs, uncovered = recommend(gaps, courses, held=held, taxonomy=taxonomy, lang=lang, max_hours=max_hours,
                                free_only=free_only, budget=budget)
    plan = learning_plan(recs, taxonomy, hours_per_week=hours_per_week)
    return GapReport(target, tuple(detected), tuple(gaps), tuple(recs), tuple(uncovered), tuple(plan),
                     tuple(fits), tuple(warnings))


def report_markdown(report: GapReport) -> str:
    """A learning plan a worker can keep, as Markdown."""
    t = report.target
    what = f"the role **{t.label}** (`{t.id}`)" if t.kind == "role" else "the **job post**"
    lines = ["# My learning plan", "", f"Compared with {what}.", ""]
    for w in report.warnings:
        lines += [f"> Note: {w}.", ""]
    if report.closest_roles:
        lines += ["## Closest roles", ""]
        lines += [f"- **{f.label}** (`{f.role_id}`): {f.reason}." for f in report.closest_roles]
        lines.append("")
    shown = [m for m in report.detected if m.status == "claimed"]
    lines += ["## What my profile shows", ""]
    lines += [f"- {m.label}" for m in shown] or ["- (nothing detected)"]
    wanted = [m for m in report.detected if m.status == "wanted"]
    if wanted:
        lines += ["", "I want to learn: " + ", ".join(m.label for m in wanted) + "."]
    lines += ["", "## What I lack", ""]
    if not report.gaps:
        lines.append("Nothing: my profile shows every skill of the target.")
    for g in report.gaps:
        courses = report.courses_for(g.skill_id)
        how = "; ".join(f"[{r.course.name}]({r.course.url}) ({r.course.kind})" for r in courses) or \
            "no course in the catalogs yet"
        flag = " (I want to learn this)" if g.wanted else ""
        lines.append(f"- **{g.label}**, {g.relation}, importance {g.importance}/5{flag}: {how}")
    lines += ["", "## Plan", ""]
    if not report.plan:
        lines.append("No course to plan.")
    for s in report.plan:
        length = f"{s.hours:g} h" if s.hours_stated else f"about {s.hours:g} h (length not stated)"
        lines += [
            f"### Step {s.number} (week {s.week}): [{s.name}]({s.url})",
            "",
            f"- Goal: {s.goal}",
            f"- Time: {length}; {s.cumulative_hours:g} h in all so far.",
            f"- Plan: {s.plan}",
            f"- Do: {s.do}",
            f"- Reflect: {s.reflect}",
            "",
        ]
    if report.uncovered:
        lines += ["## Gaps no course covers yet", ""]
        lines += [f"- {g.label} ({g.relation})" for g in report.uncovered]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
