"""The whole answer to "what do I lack and how do I learn it": target, gaps, courses, plan."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..matching import SkillMatcher
from ..models import Course, Match, Taxonomy
from .courses import OverBudget, PlanStep, Recommendation, choose_courses, hours_text, learning_plan, price_text
from .gaps import (
    Gap,
    RoleFit,
    Target,
    choose_target,
    closest_roles,
    find_gaps,
    held_skills,
    job_target,
    relabel,
    wanted_skills,
)
from .goals import Goal, read_goal, wish_evidence


@dataclass(frozen=True)
class GapReport:
    """A profile against a target: what it shows, what it lacks, courses and a plan."""

    target: Target
    detected: tuple[Match, ...]
    gaps: tuple[Gap, ...]
    recommendations: tuple[Recommendation, ...]
    uncovered: tuple[Gap, ...]
    plan: tuple[PlanStep, ...]
    current_roles: tuple[RoleFit, ...] = ()
    warnings: tuple[str, ...] = field(default=())
    over_budget: tuple[OverBudget, ...] = ()
    goal: Goal | None = None
    #: skills held because a completed step of the learning record taught them (not shown by the profile)
    learned: tuple[str, ...] = ()
    learned_labels: tuple[str, ...] = ()
    from_role: str | None = None
    """For a planned move between roles (``path``): the role whose essential skills are held."""

    @property
    def closest_roles(self) -> tuple[RoleFit, ...]:
        """The roles the profile fits best now (the same as ``current_roles``)."""
        return self.current_roles

    @property
    def total_hours(self) -> float:
        """Hours of the planned courses whose length is stated."""
        return self.plan[-1].cumulative_hours if self.plan else 0.0

    @property
    def unknown_length(self) -> int:
        """How many planned courses state no length."""
        return sum(not s.hours_stated for s in self.plan)

    def hours_summary(self) -> str:
        """'12 h', '12 h, plus 2 courses of unknown length'."""
        text = hours_text(self.total_hours) if self.total_hours else "0 h"
        n = self.unknown_length
        if n:
            text += f", plus {n} course{'s' if n != 1 else ''} of unknown length"
        return text

    def courses_for(self, skill_id: str) -> list[Recommendation]:
        return [r for r in self.recommendations if skill_id in r.covers]

    def cover_note(self, skill_id: str) -> str | None:
        """Why a gap is only partly covered, or is not planned; None when fully planned."""
        for r in self.courses_for(skill_id):
            note = r.partly(skill_id)
            if note:
                return note
        for o in self.over_budget:
            if o.gap.skill_id == skill_id:
                return f"not planned: {o.describe()}"
        return None

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: current_roles, target (with reason and goal_evidence), detected,
        gaps (with courses), plan, hours."""
        over = {o.gap.skill_id: o for o in self.over_budget}
        return {
            "current_roles": [f.to_dict() for f in self.current_roles],
            "target": self.target.to_dict(),
            "goal": self.goal.to_dict() if self.goal else None,
            "detected": [m.to_dict() for m in self.detected],
            "gaps": [
                {**g.to_dict(), "covered": bool(self.courses_for(g.skill_id)),
                 "cover": _cover(self, g), "cover_note": self.cover_note(g.skill_id),
                 "courses": [r.to_dict() for r in self.courses_for(g.skill_id)],
                 "over_budget": over[g.skill_id].to_dict() if g.skill_id in over else None}
                for g in self.gaps
            ],
            "prerequisite_courses": [r.to_dict() for r in self.recommendations if r.prerequisite_for],
            "plan": [s.to_dict() for s in self.plan],
            "total_hours": self.total_hours,
            "courses_of_unknown_length": self.unknown_length,
            "hours_summary": self.hours_summary(),
            "over_budget": [o.to_dict() for o in self.over_budget],
            "uncovered": [g.skill_id for g in self.uncovered],
            "warnings": list(self.warnings),
            "learned": list(self.learned),
        }


def _cover(report: GapReport, gap: Gap) -> str:
    if any(o.gap.skill_id == gap.skill_id for o in report.over_budget):
        return "over-budget"
    recs = report.courses_for(gap.skill_id)
    if not recs:
        return "none"
    return "partly" if all(r.partly(gap.skill_id) for r in recs) else "full"


def gap_report(
    profile_text: str,
    matcher: SkillMatcher,
    courses: Sequence[Course],
    *,
    role_id: str | None = None,
    job_text: str | None = None,
    lang: str | Sequence[str] | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
    hours_per_week: float = 5.0,
    include_unknown_length: bool = False,
    learned: Iterable[str] = (),
) -> GapReport:
    """Compare a profile with a role (``role_id``), a job post (``job_text``) or, with neither,
    the role the profile aims at (see :func:`crowdskills.advice.gaps.choose_target`); choose
    courses for the gaps and write a plan.

    ``learned`` skills (from completed steps of a learning record) count as held, as learned.
    ``lang`` is the learner's languages in order of preference (courses in none are left out);
    without it, courses in the profile's language come first when it is not English.

    Raises:
        NotFoundError: ``role_id`` is not a role of the taxonomy.
    """
    taxonomy = matcher.taxonomy_
    detected = matcher.match(profile_text, kind="profile")
    held = held_skills(detected, taxonomy)
    learned_ids = tuple(sorted(s for s in set(learned) if s in taxonomy.skills and s not in held))
    held |= _with_broader(learned_ids, taxonomy)
    wanted = wanted_skills(detected)
    warnings = []
    if not any(m.status == "claimed" for m in detected):
        warnings.append("no skills were found in the profile, so every skill of the target is a gap")
    all_fits = closest_roles(held, taxonomy, limit=None)
    fits = all_fits[:3]
    from ..matching.languages import text_language_and_kind

    profile_lang = text_language_and_kind(profile_text)[0]
    goal = read_goal(profile_text, taxonomy, detected, lang=profile_lang)
    if role_id is not None:
        role = taxonomy.role(role_id)
        target = Target("role", role.id, role.pref_label, role.skills, reason="you chose it with --role")
    elif job_text is not None:
        target = job_target(matcher.match(job_text, kind="job"))
        target = Target(target.kind, target.id, target.label, target.skills, reason="you gave the job post with --job")
        if not target.skills:
            warnings.append("no skills were found in the job post, so there is nothing to compare with")
    else:
        target = choose_target(held, wanted, goal, taxonomy, fits,
                               wishes=lambda skills: wish_evidence(profile_text, detected, skills, lang=profile_lang))
    if target.kind == "role":
        fit = next((f.score for f in all_fits if f.role_id == target.id), None)
        target = replace(target, fit=fit)
    if lang is None:
        prefer: tuple[str, ...] = (profile_lang,) if profile_lang != "en" else ()
    else:
        prefer = (lang,) if isinstance(lang, str) else tuple(lang)
    report = _report(target, held, wanted, detected, courses, matcher, fits=fits, warnings=warnings, lang=lang,
                     max_hours=max_hours, free_only=free_only, budget=budget, hours_per_week=hours_per_week,
                     include_unknown_length=include_unknown_length, goal=goal, context=profile_text, prefer=prefer)
    if not learned_ids:
        return report
    return replace(report, learned=learned_ids,
                   learned_labels=tuple(taxonomy.skills[s].pref_label for s in learned_ids))


def transition_report(
    from_role: str,
    to_role: str,
    matcher: SkillMatcher,
    courses: Sequence[Course],
    *,
    lang: str | Sequence[str] | None = None,
    max_hours: float | None = None,
    free_only: bool = False,
    budget: float | None = None,
    hours_per_week: float = 5.0,
    include_unknown_length: bool = False,
) -> GapReport:
    """The gaps, courses and plan to move from one role to another.

    The skills held are the from-role's essential skills (and their broader skills).

    Raises:
        NotFoundError: a role id is not in the taxonomy.
    """
    taxonomy = matcher.taxonomy_
    start = taxonomy.role(from_role)
    end = taxonomy.role(to_role)
    target = Target("role", end.id, end.pref_label, end.skills, reason=f"you plan a move from {start.pref_label}")
    held = _with_broader([s.skill for s in start.essential_skills], taxonomy)
    report = _report(target, held, set(), [], courses, matcher, lang=lang, max_hours=max_hours,
                     free_only=free_only, budget=budget, hours_per_week=hours_per_week,
                     include_unknown_length=include_unknown_length)
    return replace(report, from_role=start.pref_label)


def _with_broader(skill_ids: Iterable[str], taxonomy: Taxonomy) -> set[str]:
    """The skills, and every broader skill of them, that the taxonomy knows."""
    held: set[str] = set()
    stack = list(skill_ids)
    while stack:
        sid = stack.pop()
        if sid not in held and sid in taxonomy.skills:
            held.add(sid)
            stack.extend(taxonomy.skills[sid].broader)
    return held


def _report(
    target: Target, held: set[str], wanted: set[str], detected: Sequence[Match], courses: Sequence[Course],
    matcher: SkillMatcher, *, fits: Sequence[RoleFit] = (), warnings: Sequence[str] = (),
    lang: str | Sequence[str] | None, max_hours: float | None, free_only: bool, budget: float | None,
    hours_per_week: float, include_unknown_length: bool = False, goal: Goal | None = None, context: str = "",
    prefer: Sequence[str] = (),
) -> GapReport:
    taxonomy = matcher.taxonomy_
    gaps = find_gaps(target, held, wanted, taxonomy)
    choice = choose_courses(gaps, courses, held=held, taxonomy=taxonomy, lang=lang, max_hours=max_hours,
                            free_only=free_only, budget=budget, include_unknown_length=include_unknown_length,
                            context=context, prefer=prefer)
    plan = learning_plan(choice.recommendations, taxonomy, hours_per_week=hours_per_week)
    notes = _language_note(gaps, choice.recommendations, prefer, taxonomy)
    return GapReport(target, tuple(detected), tuple(gaps), choice.recommendations, choice.uncovered, tuple(plan),
                     tuple(fits), (*warnings, *choice.warnings, *notes), choice.over_budget, goal)


def _language_note(
    gaps: Sequence[Gap], recommendations: Sequence[Recommendation], prefer: Sequence[str], taxonomy: Taxonomy
) -> list[str]:
    """A note naming the gaps planned with courses in a later language than the first preferred."""
    if not prefer:
        return []
    from ..matching.languages import LANGUAGE_NAMES
    from .courses import lang_rank

    later = [taxonomy.skills[g.skill_id].label_in(*prefer) for g in gaps
             if (recs := [r for r in recommendations if g.skill_id in r.covers])
             and all(lang_rank(r.course, prefer[:1]) > 0 for r in recs)]
    if not later:
        return []
    name = LANGUAGE_NAMES.get(prefer[0], prefer[0])
    return [f"no course in {name} for {', '.join(later)}: courses in other languages are planned instead"]


def localise(report: GapReport, taxonomy: Taxonomy, langs: Sequence[str]) -> GapReport:
    """The report with skill and role labels in the first of ``langs`` the taxonomy has (for
    reading; the JSON form keeps English labels and adds ``label_local``, see :func:`local_labels`)."""
    def skill(sid: str, label: str) -> str:
        found = taxonomy.skills.get(sid)
        return found.label_in(*langs) if found else label

    def role(rid: str | None, label: str) -> str:
        found = taxonomy.roles.get(rid or "")
        return found.label_in(*langs) if found else label

    def step(s: PlanStep) -> PlanStep:
        goal = s.goal
        for sid in s.skills:  # a skill without a can-do statement is named in its goal
            goal = relabel(goal, (sid,), taxonomy, langs)
        return replace(s, plan=relabel(s.plan, s.skills, taxonomy, langs), goal=goal)

    target = report.target
    from_role = next((r for r in taxonomy.roles.values() if r.pref_label == report.from_role), None)
    reason = relabel(target.reason, target.reason_skills, taxonomy, langs)
    if from_role is not None and reason == f"you plan a move from {from_role.pref_label}":
        reason = f"you plan a move from {from_role.label_in(*langs)}"
    return replace(
        report,
        target=replace(target, label=role(target.id, target.label), reason=reason)
        if target.kind == "role" else target,
        plan=tuple(step(s) for s in report.plan),
        from_role=from_role.label_in(*langs) if from_role is not None else report.from_role,
        learned_labels=tuple(skill(s, label) for s, label in zip(report.learned, report.learned_labels)),
        detected=tuple(replace(m, label=skill(m.skill_id, m.label)) for m in report.detected),
        gaps=tuple(replace(g, label=skill(g.skill_id, g.label)) for g in report.gaps),
        uncovered=tuple(replace(g, label=skill(g.skill_id, g.label)) for g in report.uncovered),
        current_roles=tuple(replace(f, label=role(f.role_id, f.label)) for f in report.current_roles),
    )


def local_labels(data: dict[str, Any], taxonomy: Taxonomy, langs: Sequence[str], *,
                 local: GapReport | None = None) -> dict[str, Any]:
    """A report's JSON form with ``label_local`` beside each English skill and role label, and,
    given the ``local`` report (see :func:`localise`), ``reason_local`` beside the target's reason."""
    if local is not None and isinstance(data.get("target"), dict):
        data["target"]["reason_local"] = local.target.reason
    for key in ("detected", "gaps"):
        for item in data.get(key, ()):
            sid = item.get("skill_id")
            if sid in taxonomy.skills:
                item["label_local"] = taxonomy.skills[sid].label_in(*langs)
    for item in [data.get("target") or {}, *data.get("current_roles", ())]:
        rid = item.get("id") or item.get("role_id")
        if rid in taxonomy.roles:
            item["label_local"] = taxonomy.roles[rid].label_in(*langs)
    data["lang"] = list(langs)
    return data


def aim_text(report: GapReport) -> list[str]:
    """'You do: survey panelist (fit 0.40).' and 'You aim at: data analyst, because ...'."""
    lines = []
    if report.current_roles:
        top = report.current_roles[0]
        lines.append(f"You do: {top.label} (fit {top.score:.2f}).")
    t = report.target
    if t.kind == "role":
        lines.append(f"You aim at: {t.label}, {t.reason}." if t.reason.startswith("because")
                     else f"Compared with: {t.label} ({t.reason}).")
    else:
        lines.append("Compared with: the job post.")
    return lines


def report_text(report: GapReport) -> str:
    """The whole report as plain lines: every URL whole on a line of its own."""
    lines = [*aim_text(report), ""]
    shown = [m for m in report.detected if m.status == "claimed"]
    if report.from_role:
        lines.append(f"You hold the essential skills of {report.from_role}.")
    else:
        lines.append("Your profile shows:" if shown else "Your profile shows nothing we recognise.")
    lines += [f"  - {m.label}: \"{' '.join(m.evidence[0].text.split())}\"" if m.evidence else f"  - {m.label}"
              for m in shown]
    if report.learned:
        lines.append(f"Learned (steps done in your learning record): {', '.join(report.learned_labels)}.")
    wanted = [m.label for m in report.detected if m.status == "wanted"]
    if wanted:
        lines.append("You want to learn: " + ", ".join(wanted) + ".")
    lines += ["", _lack_title(report)]
    for g in report.gaps:
        lines.append(f"  - {g.label} ({_need(g)})")
        for r in report.courses_for(g.skill_id):
            lines.append(f"      {_course_line(r.course)}")
            lines.append(f"      {r.course.url}")
        note = report.cover_note(g.skill_id)
        if note:
            lines.append(f"      {note}")
        if not report.courses_for(g.skill_id) and not note:
            lines.append("      no course in the catalogs yet")
    lines += ["", f"Learning plan: {report.hours_summary()}"]
    if not report.plan:
        lines.append("  No course to plan.")
    for s in report.plan:
        rec = next(r for r in report.recommendations if r.course.id == s.course_id)
        lines += [
            "",
            f"Step {s.number} ({s.weeks_text}): {s.name}",
            f"  {s.url}",
            f"  {_course_line(rec.course, name=False)}; {rec.reason}",
            f"  Goal: {s.goal}",
            f"  Plan: {s.plan}",
            f"  Do: {s.do}",
            f"  Reflect: {s.reflect}",
        ]
    if report.over_budget:
        lines += ["", "Not in the plan (over your limits):"]
        for o in report.over_budget:
            lines += [f"  - {o.gap.label}: {o.describe()}", f"      {o.course.url}"]
    if report.uncovered:
        lines += ["", "No course covers yet: " + ", ".join(g.label for g in report.uncovered) + "."]
    return "\n".join(lines).rstrip() + "\n"


def _lack_title(report: GapReport) -> str:
    t = report.target
    what = t.label if t.kind == "role" else "the job post"
    n = sum(not g.own_goal for g in report.gaps)
    own = len(report.gaps) - n
    extra = f", and {own} skill{'s' if own != 1 else ''} you want for yourself" if own else ""
    return f"What you lack for {what}: {n} skill{'s' if n != 1 else ''}{extra}"


def _need(g: Gap) -> str:
    if g.own_goal:
        return "your own goal"
    return f"{g.relation}, level {g.level}, importance {g.importance}/5" + ("; you want it" if g.wanted else "")


def _course_line(c: Course, *, name: bool = True) -> str:
    facts = [c.learning_resource_type, hours_text(c.hours), price_text(c)]
    if c.credential and c.credential != "none":
        facts.append(c.credential)
    return (f"{c.name} ({', '.join(facts)})" if name else ", ".join(facts))


def report_markdown(report: GapReport) -> str:
    """A learning plan a worker can keep, as Markdown."""
    lines = ["# My learning plan", ""]
    lines += [*aim_text(report), ""]
    if report.target.goal_evidence:
        lines += [f"> {' '.join(e.text.split())}" for e in report.target.goal_evidence] + [""]
    for w in report.warnings:
        lines += [f"> Note: {w}.", ""]
    if report.current_roles:
        lines += ["## Roles I fit now", ""]
        lines += [f"- **{f.label}** (`{f.role_id}`, fit {f.score:.2f}): {f.reason}." for f in report.current_roles]
        lines.append("")
    shown = [m for m in report.detected if m.status == "claimed"]
    lines += ["## What I hold" if report.from_role else "## What my profile shows", ""]
    if report.from_role:
        lines.append(f"- the essential skills of {report.from_role}")
    lines += [f"- {m.label}: \u201c{' '.join(m.evidence[0].text.split())}\u201d" if m.evidence else f"- {m.label}"
              for m in shown] or ([] if report.from_role else ["- (nothing detected)"])
    wanted = [m for m in report.detected if m.status == "wanted"]
    if wanted:
        lines += ["", "I want to learn: " + ", ".join(m.label for m in wanted) + "."]
    if report.learned:
        lines += ["", "Learned (steps done in my learning record): " + ", ".join(report.learned_labels) + "."]
    lines += ["", "## What I lack", ""]
    if not report.gaps:
        lines.append("Nothing: my profile shows every skill of the target.")
    for g in report.gaps:
        courses = report.courses_for(g.skill_id)
        how = "; ".join(f"[{r.course.name}]({r.course.url}) ({_course_line(r.course, name=False)})"
                        for r in courses) or "no course in the catalogs yet"
        note = report.cover_note(g.skill_id)
        lines.append(f"- **{g.label}** ({_need(g)}): {how}" + (f"; {note}" if note else ""))
    lines += ["", f"## Plan: {report.hours_summary()}", ""]
    if not report.plan:
        lines.append("No course to plan.")
    for s in report.plan:
        rec = next(r for r in report.recommendations if r.course.id == s.course_id)
        lines += [
            f"### Step {s.number} ({s.weeks_text}): [{s.name}]({s.url})",
            "",
            f"- What: {_course_line(rec.course, name=False)}; {rec.reason}.",
            f"- Time: {hours_text(s.hours)}; {hours_text(s.cumulative_hours) if s.cumulative_hours else '0 h'}"
            " of stated hours in all so far.",
            f"- Goal: {s.goal}",
            f"- Plan: {s.plan}",
            f"- Do: {s.do}",
            f"- Reflect: {s.reflect}",
            "",
        ]
    if report.over_budget:
        lines += ["## Not in the plan: over my limits", ""]
        lines += [f"- {o.gap.label}: {o.describe(link=f'[{o.course.name}]({o.course.url})')}"
                  for o in report.over_budget]
        lines.append("")
    if report.uncovered:
        lines += ["## Gaps no course covers yet", ""]
        lines += [f"- {g.label} ({g.relation})" for g in report.uncovered]
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"
