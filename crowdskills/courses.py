"""Courses for gaps, and a written learning plan.

:func:`recommend` picks a set of courses that covers the gaps in few hours (greedy weighted set
cover: each round takes the course with the most gap weight per hour), respecting language,
length and cost filters, and adds a course for each prerequisite the learner lacks.
:func:`learning_plan` orders the courses so that prerequisites come first and writes a goal and
plan-do-reflect prompts for each step.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .gaps import Gap
from .models import Course, Taxonomy

#: Hours assumed for a course whose provider states no length.
UNKNOWN_HOURS = 5.0


@dataclass(frozen=True)
class Recommendation:
    """A course chosen for some gaps (or for a prerequisite of another course), and why."""

    course: Course
    covers: tuple[str, ...]
    reason: str
    prerequisite_for: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"course": self.course.to_dict(), "covers": list(self.covers), "reason": self.reason,
                "prerequisite_for": self.prerequisite_for}


@dataclass(frozen=True)
class PlanStep:
    """One step of a learning plan."""

    number: int
    course_id: str
    name: str
    url: str
    skills: tuple[str, ...]
    hours: float
    hours_stated: bool
    cumulative_hours: float
    week: int
    goal: str
    plan: str
    do: str
    reflect: str

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.number, "course_id": self.course_id, "name": self.name, "url": self.url,
                "skills": list(self.skills), "hours": self.hours, "hours_stated": self.hours_stated,
                "cumulative_hours": self.cumulative_hours, "week": self.week, "goal": self.goal,
                "self_check": {"plan": self.plan, "do": self.do, "reflect": self.reflect}}


def _eligible(course: Course, *, lang: str | None, max_hours: float | None, free_only: bool,
              budget: float | None) -> bool:
    if lang and not any(t.lower() == lang.lower() or t.lower().startswith(lang.lower() + "-")
                        for t in course.in_language):
        return False
    if max_hours is not None and course.hours is not None and course.hours > max_hours:
        return False
    if free_only and not course.is_free:
        return False
    return budget is None or (course.cost is not None and course.cost <= budget)


def _hours(course: Course) -> float:
    return course.hours if course.hours is not None else UNKNOWN_HOURS


def _cost_text(course: Course) -> str:
    price = f"{course.price:g} {course.currency or ''}".strip() if course.price else ""
    if course.pricing == "free":
        return "free"
    if course.pricing == "free-to-audit":
        return "free to audit" + (f", certificate {price}" if price else ", certificate paid")
    if course.pricing == "funded":
        return "funded for some learners" + (f", else {price}" if price else "")
    return price or "price not stated"


def recommend(
    gaps: Sequence[Gap],
    courses: Sequence[Course],
    *,
    held: set[str],
    taxonomy: Taxonomy,
    lang: str | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
) -> tuple[list[Recommendation], list[Gap]]:
    """Courses that cover ``gaps`` in few hours, and the gaps no eligible course covers.

    Args:
        gaps: from :func:`crowdskills.gaps.find_gaps`.
        courses: the catalog.
        held: skills the learner already has (prerequisites met).
        lang: BCP 47 language the learner wants (``en`` also accepts ``en-GB``).
        max_hours: leave out courses longer than this (courses of unstated length stay in).
        free_only: only free courses.
        budget: total spend allowed on paid courses.
    """
    pool = sorted(
        (c for c in courses if _eligible(c, lang=lang, max_hours=max_hours, free_only=free_only, budget=budget)),
        key=lambda c: c.id,
    )
    weight = {g.skill_id: g.importance * (2 if g.essential else 1) for g in gaps}
    remaining = dict(weight)
    chosen: list[Recommendation] = []
    chosen_ids: set[str] = set()
    spent = 0.0
    n_essential = sum(g.essential for g in gaps)
    essential_ids = {g.skill_id for g in gaps if g.essential}

    def affordable(c: Course) -> bool:
        return budget is None or (c.cost is not None and spent + c.cost <= budget)

    while remaining:
        best: tuple[float, str] | None = None
        best_course: Course | None = None
        for c in pool:
            if c.id in chosen_ids or not affordable(c):
                continue
            gain = sum(remaining.get(t.skill, 0) for t in c.teaches)
            if gain <= 0:
                continue
            key = (gain / _hours(c), c.id)
            if best is None or key[0] > best[0] or (key[0] == best[0] and key[1] < best[1]):
                best, best_course = key, c
        if best_course is None:
            break
        covers = tuple(t.skill for t in best_course.teaches if t.skill in remaining)
        for sid in covers:
            remaining.pop(sid, None)
        chosen_ids.add(best_course.id)
        spent += best_course.cost or 0
        chosen.append(Recommendation(best_course, covers, _reason(best_course, covers, essential_ids, n_essential)))

    # essential gaps are learnt first: order the chosen courses by the weight of essential gaps they cover
    rank = {r.course.id: i for i, r in enumerate(chosen)}
    chosen.sort(key=lambda r: (-sum(weight[s] for s in r.covers if s in essential_ids),
                               -sum(weight[s] for s in r.covers), rank[r.course.id]))

    # a course that needs a skill the learner lacks brings a course for that skill first
    known = set(held) | {t.skill for r in chosen for t in r.course.teaches}
    queue = list(chosen)
    extra: list[Recommendation] = []
    while queue:
        rec = queue.pop(0)
        for need in rec.course.prerequisites:
            if need in known:
                continue
            options = [c for c in pool if c.id not in chosen_ids and affordable(c)
                       and any(t.skill == need for t in c.teaches)]
            known.add(need)
            if not options:
                continue
            c = min(options, key=lambda c: (_hours(c), c.id))
            label = taxonomy.skills[need].pref_label if need in taxonomy.skills else need
            new = Recommendation(
                c, (need,), f"teaches {label}, which '{rec.course.name}' expects, in {_hours_text(c)}, "
                f"{_cost_text(c)}", prerequisite_for=rec.course.id,
            )
            chosen_ids.add(c.id)
            spent += c.cost or 0
            known.update(t.skill for t in c.teaches)
            extra.append(new)
            queue.append(new)
    uncovered = [g for g in gaps if g.skill_id in remaining]
    return extra + chosen, uncovered


def _hours_text(course: Course) -> str:
    if course.hours is None:
        return "a length the provider does not state"
    return f"{course.hours:g} h"


def _reason(course: Course, covers: Sequence[str], essential_ids: set[str], n_essential: int) -> str:
    ess = sum(s in essential_ids for s in covers)
    opt = len(covers) - ess
    parts = []
    if ess:
        parts.append(f"{ess} of your {n_essential} essential gaps")
    if opt:
        parts.append(f"{opt} optional gap{'s' if opt != 1 else ''}")
    return f"covers {' and '.join(parts)} in {_hours_text(course)}, {_cost_text(course)}"


def learning_plan(
    recommendations: Sequence[Recommendation], taxonomy: Taxonomy, *, hours_per_week: float = 5.0
) -> list[PlanStep]:
    """The courses in an order where prerequisites come first, with hours and weeks.

    A course comes after every chosen course that teaches a skill it requires; otherwise the
    order of ``recommendations`` is kept. Weeks count from 1 at ``hours_per_week``; a course of
    unstated length is counted as :data:`UNKNOWN_HOURS`.
    """
    recs = list(recommendations)
    teaches = {r.course.id: {t.skill for t in r.course.teaches} for r in recs}
    before: dict[str, set[str]] = {r.course.id: set() for r in recs}
    for r in recs:
        for other in recs:
            if other is not r and teaches[other.course.id] & set(r.course.prerequisites):
                before[r.course.id].add(other.course.id)
    order: list[Recommendation] = []
    placed: set[str] = set()
    while len(order) < len(recs):
        ready = [r for r in recs if r.course.id not in placed and before[r.course.id] <= placed]
        if not ready:  # a cycle among prerequisites: keep the given order for the rest
            ready = [r for r in recs if r.course.id not in placed]
        order.append(ready[0])
        placed.add(ready[0].course.id)
    steps = []
    total = 0.0
    per_week = max(hours_per_week, 0.1)
    for i, r in enumerate(order, 1):
        hours = _hours(r.course)
        start_week = int(total // per_week) + 1
        total += hours
        labels = [taxonomy.skills[s].pref_label if s in taxonomy.skills else s for s in r.covers]
        what = ", ".join(labels) if labels else r.course.name
        steps.append(PlanStep(
            number=i, course_id=r.course.id, name=r.course.name, url=r.course.url, skills=r.covers,
            hours=hours, hours_stated=r.course.hours is not None, cumulative_hours=round(total, 2),
            week=start_week,
            goal=f"By the end of week {math.ceil(total / per_week)}, be able to use {what} in real work.",
            plan=f"Block {hours:g} h in your calendar and pick one task where you will use {what}.",
            do=f"Work through '{r.course.name}' and try {what} on a small piece of real or practice work.",
            reflect=f"What can you do now with {what} that you could not before? Note one thing to practise next.",
        ))
    return steps
