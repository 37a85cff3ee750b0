"""Advice: what a profile aims at, what it lacks, which courses close the gaps, and a plan.

- :mod:`.goals` reads the aim a profile states ("I'd like to move into data work").
- :mod:`.gaps` chooses the target role and lists the gaps.
- :mod:`.courses` chooses courses within the learner's hours and money, and writes the plan.
- :mod:`.report` puts it together (:func:`gap_report`) and renders it as text and Markdown.
"""

from __future__ import annotations

from .courses import CourseChoice, OverBudget, PlanStep, Recommendation, choose_courses, learning_plan, recommend
from .gaps import Gap, RoleFit, Target, choose_target, closest_roles, find_gaps, held_skills, job_target, role_target
from .goals import Goal, read_goal
from .report import GapReport, gap_report, report_markdown, report_text, transition_report

__all__ = [
    "CourseChoice",
    "Gap",
    "GapReport",
    "Goal",
    "OverBudget",
    "PlanStep",
    "Recommendation",
    "RoleFit",
    "Target",
    "choose_courses",
    "choose_target",
    "closest_roles",
    "find_gaps",
    "gap_report",
    "held_skills",
    "job_target",
    "learning_plan",
    "read_goal",
    "recommend",
    "report_markdown",
    "report_text",
    "role_target",
    "transition_report",
]
