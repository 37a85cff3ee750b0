"""Courses for gaps, and a written learning plan.

:func:`choose_courses` takes the gaps in priority order (essential, then wanted, then
importance) and gives each the best course the learner's hours and money still allow:

- a course whose prerequisites the learner holds (or learns earlier in the plan) comes before
  one that needs a course first; a prerequisite course is added only when no such course
  exists, and a prerequisite that costs more hours than the course it serves is said so;
- a course that teaches the level the target needs comes before one that teaches less (the
  latter is kept as a partial cover, and said so);
- a platform's guide goes to people whose text names that platform, or when nothing else
  covers the gap; a learner who holds none of a gap's related skills gets beginners' courses
  first; then courses whose provider states their length, then most gap weight per hour, free
  before paid, and the id breaks ties.

A course whose provider states no length is never given invented hours: it is planned as
"length not stated" and counted apart, and with ``max_hours`` it is left out unless
``include_unknown_length`` is set. :func:`learning_plan` orders the courses so that
prerequisites come first and writes a goal from what each course teaches.
"""

from __future__ import annotations

import math
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import LEVELS, Course, Taxonomy
from .gaps import Gap, budget_priority, join_words


@dataclass(frozen=True)
class Recommendation:
    """A course chosen for some gaps (or for a prerequisite of another course), and why.

    ``levels`` gives, for each skill it covers, the level the course teaches and the level the
    target needs.
    """

    course: Course
    covers: tuple[str, ...]
    reason: str
    prerequisite_for: str | None = None
    levels: tuple[tuple[str, int, int], ...] = ()

    def partly(self, skill_id: str) -> str | None:
        """"partly: teaches level 1 of the 3 this role needs" when the course teaches less."""
        for sid, taught, needed in self.levels:
            if sid == skill_id and taught < needed:
                return f"partly: teaches level {taught} of the {needed} this role needs"
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"course": self.course.to_dict(), "covers": list(self.covers), "reason": self.reason,
                "prerequisite_for": self.prerequisite_for,
                "levels": [{"skill": s, "taught": t, "needed": n} for s, t, n in self.levels]}


@dataclass(frozen=True)
class OverBudget:
    """A gap that has a course, but not within the learner's hours or money."""

    gap: Gap
    course: Course
    hours: float | None
    price: float
    why: str

    def describe(self, *, link: str | None = None) -> str:
        """"'SQL for all' would add 40 h, over your 10 h for the plan"."""
        name = link or f"'{self.course.name}'"
        if self.hours is None:
            return f"{name} does not state its length (--include-unknown-length plans it)"
        cost = hours_text(self.hours) + (f" and {self.price:g} {self.course.currency or ''}".rstrip()
                                        if self.price else "")
        return f"{name} would add {cost}, {self.why}"

    def to_dict(self) -> dict[str, Any]:
        return {"skill_id": self.gap.skill_id, "label": self.gap.label, "course_id": self.course.id,
                "course": self.course.name, "url": self.course.url, "hours": self.hours, "price": self.price,
                "why": self.why}


@dataclass(frozen=True)
class CourseChoice:
    """The courses chosen for some gaps, the gaps left without a course, and those over budget."""

    recommendations: tuple[Recommendation, ...]
    uncovered: tuple[Gap, ...]
    over_budget: tuple[OverBudget, ...] = ()
    warnings: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class PlanStep:
    """One step of a learning plan. ``hours`` is None when the provider states no length."""

    number: int
    course_id: str
    name: str
    url: str
    skills: tuple[str, ...]
    hours: float | None
    cumulative_hours: float
    week: int
    end_week: int | None
    goal: str
    plan: str
    do: str
    reflect: str
    kind: str = "course"

    @property
    def hours_stated(self) -> bool:
        return self.hours is not None

    @property
    def weeks_text(self) -> str:
        """'week 2', 'weeks 2-3', or 'from week 2' for a course of unknown length."""
        if self.end_week is None:
            return f"from week {self.week}"
        if self.end_week == self.week:
            return f"week {self.week}"
        return f"weeks {self.week}-{self.end_week}"

    def to_dict(self) -> dict[str, Any]:
        return {"step": self.number, "course_id": self.course_id, "name": self.name, "url": self.url,
                "kind": self.kind, "skills": list(self.skills), "hours": self.hours,
                "hours_text": hours_text(self.hours), "hours_stated": self.hours_stated,
                "cumulative_hours": self.cumulative_hours, "week": self.week, "end_week": self.end_week,
                "goal": self.goal, "self_check": {"plan": self.plan, "do": self.do, "reflect": self.reflect}}


def hours_text(hours: float | None) -> str:
    """Hours as people say them: '20 min' below an hour, else to the half hour ('3.5 h')."""
    if hours is None:
        return "length not stated"
    if hours < 1:
        return f"{max(1, round(hours * 60))} min"
    return f"{round(hours * 2) / 2:g} h"


def price_text(course: Course) -> str:
    """What a course costs, by its price model: "free", "free to audit, certificate 49 USD", "30 EUR"."""
    price = f"{course.price:g} {course.currency or ''}".strip() if course.price else ""
    if course.pricing == "free":
        return "free"
    if course.pricing == "free-to-audit":
        return "free to audit" + (f", certificate {price}" if price else ", certificate paid")
    if course.pricing == "funded":
        return "funded for some learners" + (f", else {price}" if price else "")
    return price or "price not stated"


def _in_lang(course: Course, lang: str) -> bool:
    return any(t.lower() == lang.lower() or t.lower().startswith(lang.lower() + "-") for t in course.in_language)


def _lang_ok(course: Course, lang: str | Sequence[str] | None) -> bool:
    if not lang:
        return True
    return any(_in_lang(course, x) for x in ((lang,) if isinstance(lang, str) else lang))


def lang_rank(course: Course, prefer: Sequence[str]) -> int:
    """Where the course's language comes in the learner's order of preference (after all: not in it)."""
    return next((i for i, x in enumerate(prefer) if _in_lang(course, x)), len(prefer))


def _price(course: Course) -> float:
    """What learning costs (0 when free or free to audit); callers have left out unknown costs under a budget."""
    return course.cost or 0.0


def _names_platform(course: Course, text: str) -> bool:
    """Whether ``text`` names the provider of a guide (its first word or the whole name)."""
    if not text:
        return False
    words = re.findall(r"[^\W_]+", course.provider)
    names = {course.provider.lower(), *(w.lower() for w in words[:1])}
    low = text.lower()
    return any(re.search(rf"(?<![^\W_]){re.escape(n)}(?![^\W_])", low) for n in names if len(n) > 2)


def choose_courses(
    gaps: Sequence[Gap],
    courses: Sequence[Course],
    *,
    held: Collection[str],
    taxonomy: Taxonomy,
    lang: str | Sequence[str] | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
    include_unknown_length: bool = False,
    context: str = "",
    prefer: Sequence[str] = (),
) -> CourseChoice:
    """Courses for ``gaps`` within the learner's hours and money; see the module docstring.

    Args:
        gaps: from :func:`crowdskills.find_gaps`.
        courses: the catalog.
        held: skills the learner already has (prerequisites met).
        lang: BCP 47 language(s) the learner reads (``en`` also accepts ``en-GB``); others are left out.
        prefer: languages in order of preference: a course in an earlier one comes first.
        max_hours: hours the whole plan may take (prerequisite courses included).
        free_only: only free courses.
        budget: money the whole plan may cost.
        include_unknown_length: with ``max_hours``, also plan courses whose length is not stated.
        context: the learner's own text; a platform guide is preferred when it names the platform.
    """
    if max_hours is not None and max_hours <= 0:
        raise ValueError("max_hours must be positive")
    pool = [c for c in sorted(courses, key=lambda c: c.id)
            if _lang_ok(c, lang) and not (free_only and not c.is_free)
            and not (budget is not None and c.cost is None)]
    by_skill: dict[str, list[Course]] = {}
    for c in pool:
        for t in c.teaches:
            by_skill.setdefault(t.skill, []).append(c)
    needed = {g.skill_id: g.level for g in gaps}
    weight = {g.skill_id: g.importance * (2 if g.essential else 1) for g in gaps}
    known = set(held)
    covered: set[str] = set()
    chosen: dict[str, Recommendation] = {}
    order: list[str] = []
    over: list[OverBudget] = []
    uncovered: list[Gap] = []
    warnings: list[str] = []
    unknown_left_out: set[str] = set()
    hours_used = 0.0
    spent = 0.0

    def hours_ok(h: float) -> bool:
        return max_hours is None or hours_used + h <= max_hours + 1e-9

    def money_ok(p: float) -> bool:
        return budget is None or spent + p <= budget + 1e-9

    def rank(c: Course, gap: Gap) -> tuple[Any, ...]:
        taught = max(t.level for t in c.teaches if t.skill == gap.skill_id)
        gain = sum(weight.get(t.skill, 0) * min(1.0, t.level / max(1, needed.get(t.skill, 1)))
                   for t in c.teaches if t.skill not in covered)
        skill = taxonomy.skills.get(gap.skill_id)
        related = set(skill.related) | set(skill.broader) | set(skill.prerequisites) if skill else set()
        novice = not (related & known)
        return (
            lang_rank(c, prefer),
            c.learning_resource_type == "guide" and not _names_platform(c, context),
            not set(c.prerequisites) <= known,
            taught < gap.level,
            novice and c.educational_level not in (None, "beginner"),
            c.hours is None,
            -(gain / c.hours) if c.hours else -gain,
            _price(c),
            c.id,
        )

    def prerequisite_chain(c: Course) -> list[Course]:
        """Courses that teach what ``c`` expects and the learner lacks (one each, shortest first)."""
        chain: list[Course] = []
        have = set(known)
        for need in c.prerequisites:
            if need in have:
                continue
            options = [o for o in by_skill.get(need, []) if o.id not in chosen and o.id != c.id
                       and set(o.prerequisites) <= have]
            if not options:
                continue
            best = min(options, key=lambda o: (o.hours is None, o.hours or 0.0, _price(o), o.id))
            chain.append(best)
            have.update(t.skill for t in best.teaches)
        return chain

    def add(c: Course, covers: tuple[str, ...], reason: str, prerequisite_for: str | None = None) -> None:
        nonlocal hours_used, spent
        levels = tuple((s, max(t.level for t in c.teaches if t.skill == s), needed.get(s, 1)) for s in covers)
        chosen[c.id] = Recommendation(c, covers, reason, prerequisite_for, levels)
        order.append(c.id)
        hours_used += c.hours or 0.0
        spent += _price(c)
        known.update(t.skill for t in c.teaches)
        covered.update(covers)

    for gap in sorted(gaps, key=budget_priority):
        if gap.skill_id in covered:
            continue
        options = [c for c in by_skill.get(gap.skill_id, []) if c.id not in chosen]
        if not options:
            uncovered.append(gap)
            continue
        ranked = sorted(options, key=lambda c: rank(c, gap))
        picked: tuple[Course, list[Course]] | None = None
        first_fail: tuple[Course, float | None, float, str] | None = None
        for c in ranked:
            chain = prerequisite_chain(c)
            lengths = [x.hours for x in (c, *chain)]
            h = sum(x or 0.0 for x in lengths)
            p = _price(c) + sum(_price(x) for x in chain)
            if max_hours is not None and None in lengths and not include_unknown_length:
                unknown_left_out.add(c.id)
                why = "its length is not stated (--include-unknown-length plans it)"
            elif hours_ok(h) and money_ok(p):
                picked = (c, chain)
                break
            else:
                why = (f"over your {max_hours:g} h for the plan" if not hours_ok(h)
                       else f"over your budget of {budget:g}")
                if chain:
                    why += " with the courses it expects first"
            if first_fail is None:
                first_fail = (c, None if None in lengths else h, p, why)
        if picked is None:
            assert first_fail is not None  # ranked is never empty
            c, h_, p, why = first_fail
            over.append(OverBudget(gap, c, h_, p, why))
            continue
        c, chain = picked
        covers = tuple(t.skill for t in c.teaches if t.skill in needed and t.skill not in covered)
        for pre in chain:
            need = next(s for s in c.prerequisites if any(t.skill == s for t in pre.teaches))
            label = taxonomy.skills[need].pref_label if need in taxonomy.skills else need
            add(pre, tuple(t.skill for t in pre.teaches if t.skill in needed and t.skill not in covered),
                f"teaches {label}, which '{c.name}' expects ({hours_text(pre.hours)}, {price_text(pre)})",
                prerequisite_for=c.id)
        if chain:
            chain_hours = [x.hours for x in chain]
            if c.hours is None or None in chain_hours or sum(x or 0.0 for x in chain_hours) > c.hours:
                warnings.append(
                    f"'{c.name}' expects {_join_names(chain)} first, which "
                    + ("takes longer than the course itself" if c.hours is not None and None not in chain_hours
                       else "may take longer than the course itself (a length is not stated)"))
        add(c, covers, _reason(c, covers, gaps))
    if unknown_left_out:
        n = len(unknown_left_out)
        warnings.append(f"{n} course{'s' if n != 1 else ''} of unknown length left out to keep the plan within "
                        "--max-hours; --include-unknown-length plans them")
    n_unknown = sum(chosen[i].course.hours is None for i in order)
    if max_hours is not None and include_unknown_length and n_unknown:
        warnings.append(f"{n_unknown} planned course{'s' if n_unknown != 1 else ''} of unknown length may take the "
                        f"plan over {max_hours:g} h")
    recs = tuple(chosen[i] for i in order)
    # a gap passed over for its own course may be covered by a course chosen later for another
    return CourseChoice(recs, tuple(g for g in uncovered if g.skill_id not in covered),
                        tuple(o for o in over if o.gap.skill_id not in covered), tuple(warnings))


def recommend(
    gaps: Sequence[Gap],
    courses: Sequence[Course],
    *,
    held: Collection[str],
    taxonomy: Taxonomy,
    lang: str | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
    include_unknown_length: bool = False,
) -> tuple[list[Recommendation], list[Gap]]:
    """Courses that cover ``gaps``, and the gaps no course covers within the limits.

    The short form of :func:`choose_courses`: gaps over budget count as uncovered here.
    """
    choice = choose_courses(gaps, courses, held=held, taxonomy=taxonomy, lang=lang, max_hours=max_hours,
                            free_only=free_only, budget=budget, include_unknown_length=include_unknown_length)
    return list(choice.recommendations), [*choice.uncovered, *(o.gap for o in choice.over_budget)]


def _join_names(courses: Sequence[Course]) -> str:
    return ", ".join(f"'{c.name}' ({hours_text(c.hours)})" for c in courses)


def _reason(course: Course, covers: Sequence[str], gaps: Sequence[Gap]) -> str:
    by_id = {g.skill_id: g for g in gaps}
    n_essential = sum(g.essential for g in gaps)
    ess = sum(by_id[s].essential for s in covers if s in by_id)
    own = sum(by_id[s].own_goal for s in covers if s in by_id)
    opt = len(covers) - ess - own
    parts = []
    if ess:
        parts.append(f"{ess} of your {n_essential} essential gaps")
    if opt:
        parts.append(f"{opt} optional gap{'s' if opt != 1 else ''}")
    if own:
        parts.append(f"{own} skill{'s' if own != 1 else ''} you want")
    kind = "" if course.learning_resource_type == "course" else f"a {course.learning_resource_type}: "
    length = f"in {hours_text(course.hours)}" if course.hours is not None else "(length not stated)"
    return f"{kind}covers {' and '.join(parts) or 'a skill you lack'} {length}, {price_text(course)}"


def learning_plan(
    recommendations: Sequence[Recommendation], taxonomy: Taxonomy, *, hours_per_week: float = 5.0
) -> list[PlanStep]:
    """The courses in an order where prerequisites come first, with hours, weeks and goals.

    A course comes after every chosen course that teaches a skill it requires; otherwise the
    order of ``recommendations`` is kept. Weeks count from 1 at ``hours_per_week``; a course of
    unstated length adds no hours and is shown as such.
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
        c = r.course
        hours = c.hours
        start_week = int(total // per_week) + 1
        end_week: int | None = None
        if hours is not None:
            total += hours
            end_week = max(start_week, math.ceil(round(total / per_week, 6)))
        skills = r.covers or tuple(t.skill for t in c.teaches)
        labels = [taxonomy.skills[s].pref_label if s in taxonomy.skills else s for s in skills]
        what = join_words(labels) if labels else c.name
        can = _outcomes(r, skills, taxonomy)
        first = _outcomes(r, skills[:1], taxonomy, partial_note=False)
        when = f"By the end of week {end_week}" if end_week is not None else "When you finish it"
        span = f"week {start_week}" if end_week == start_week else f"weeks {start_week}-{end_week}"
        time = (f"Set aside {hours_text(hours)} in {span}" if hours is not None
                else "Check the course page for its length and set the time aside")
        steps.append(PlanStep(
            number=i, course_id=c.id, name=c.name, url=c.url, skills=skills, hours=hours,
            cumulative_hours=round(total, 2), week=start_week, end_week=end_week,
            goal=f"{when}: {can}.",
            plan=f"{time}, and pick one real or practice task that needs {what}.",
            do=f"Work through '{c.name}', then try it on that task: {first}.",
            reflect=f"Can you now {first} without help? Note where you got stuck and what to practise next.",
            kind=c.learning_resource_type,
        ))
    return steps


def _outcomes(r: Recommendation, skills: Sequence[str], taxonomy: Taxonomy, *, partial_note: bool = True) -> str:
    """What the learner can do after the course: the skills' can-do statements, or their labels;
    a skill the course teaches below the needed level says so."""
    parts = []
    for sid in skills:
        skill = taxonomy.skills.get(sid)
        if skill is None:
            continue
        text = skill.outcome or f"use {skill.pref_label} in a small piece of real work"
        taught = next((t for s, t, _ in r.levels if s == sid), None)
        if partial_note and taught is not None and r.partly(sid):
            text += f" (a first step: the course teaches the {LEVELS[taught]} level)"
        parts.append(text)
    return "; and ".join(parts) if parts else f"use what '{r.course.name}' teaches"
