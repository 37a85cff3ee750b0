"""``crowdskills gaps``: what a profile lacks for a role or job post, courses, and a plan."""

from __future__ import annotations

import enum
import json
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import _output as out
from ._common import (
    BudgetOption,
    CatalogOption,
    ForceOption,
    FreeOnlyOption,
    HoursPerWeekOption,
    LangOption,
    MaxHoursOption,
    OutputOption,
    TaxonomyOption,
    get_matcher,
    load_courses,
)

if TYPE_CHECKING:
    from ..report import GapReport


class GapsFormat(str, enum.Enum):
    table = "table"
    json = "json"
    markdown = "markdown"


GapsFormatOption = Annotated[
    GapsFormat, typer.Option("--format", "-f", case_sensitive=False, help="Output format.")
]


def gaps(
    profile: Annotated[str, typer.Argument(metavar="PROFILE", help="The profile: text, a file, - or a URL.")],
    role: Annotated[Optional[str], typer.Option("--role", "-r", help="Compare with this role id.")] = None,  # noqa: UP045
    job: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--job", "-j", metavar="FILE|URL|-", help="Compare with a job post.")] = None,
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    hours_per_week: HoursPerWeekOption = 5.0,
    format: GapsFormatOption = GapsFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Show what a profile lacks for a role or a job post, short courses for each gap, and a plan.

    With no --role and no --job, the three closest roles are shown and the best one is used.

    Example: crowdskills gaps profile.txt --role data-analyst --free-only
    """
    from ..errors import InputError
    from ..inputs import read_source
    from ..report import gap_report

    if role and job:
        raise InputError("give --role or --job, not both.")
    src = read_source(profile)
    for w in src.warnings:
        out.warn(w)
    job_text = read_source(job).text if job else None
    matcher = get_matcher(taxonomy)
    courses = load_courses(catalog, matcher.taxonomy_)
    report = gap_report(src.text, matcher, courses, role_id=role, job_text=job_text, lang=lang,
                        max_hours=max_hours, free_only=free_only, budget=budget, hours_per_week=hours_per_week)
    emit(report, format, output, force)


def emit(report: GapReport, format: GapsFormat, output: str | None, force: bool) -> None:
    """Print a gap report, or write it to ``output``."""
    from ..report import report_markdown

    for w in report.warnings:
        out.warn(w)
    if output:
        text = (json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"
                if format is GapsFormat.json else report_markdown(report))
        out.write_file(output, text, force=force)
        out.note(f"Wrote the plan to {output}.")
        return
    if format is GapsFormat.json:
        out.write_json(report.to_dict())
    elif format is GapsFormat.markdown:
        out.write_text(report_markdown(report))
    else:
        _table(report)


def path(
    from_role: Annotated[str, typer.Option("--from", metavar="ROLE", help="The role you do now.")],
    to_role: Annotated[str, typer.Option("--to", metavar="ROLE", help="The role you want.")],
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    hours_per_week: HoursPerWeekOption = 5.0,
    format: GapsFormatOption = GapsFormat.table,
    output: OutputOption = None,
    force: ForceOption = False,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Plan a move from one role to another: the skills to add, courses and a learning plan.

    The skills you have are taken to be the essential skills of --from.

    Example: crowdskills path --from image-data-annotator --to data-analyst
    """
    from ..report import transition_report

    matcher = get_matcher(taxonomy)
    courses = load_courses(catalog, matcher.taxonomy_)
    report = transition_report(from_role, to_role, matcher, courses, lang=lang, max_hours=max_hours,
                               free_only=free_only, budget=budget, hours_per_week=hours_per_week)
    emit(report, format, output, force)


def _table(report: GapReport) -> None:
    t = report.target
    title = f"{t.label} ({t.id})" if t.kind == "role" else "the job post"
    if report.closest_roles:
        out.print_table(["role", "fit", "why"], [[f"{f.label} ({f.role_id})", f.score, f.reason]
                                                for f in report.closest_roles], title="Closest roles")
    shown = [m.label for m in report.detected if m.status == "claimed"]
    out.print_text(f"Your profile shows: {', '.join(shown) or 'nothing we recognise'}.")
    out.print_table(
        ["gap", "relation", "importance", "you want it", "courses"],
        [[g.label, g.relation, g.importance, "yes" if g.wanted else "",
          "; ".join(f"{r.course.name} ({r.course.kind})" for r in report.courses_for(g.skill_id)) or "no course yet"]
         for g in report.gaps],
        title=f"What you lack for {title}: {len(report.gaps)} skills",
    )
    if report.plan:
        out.print_table(
            ["step", "week", "course", "hours", "why", "goal"],
            [[s.number, s.week, f"{s.name}\n{s.url}", f"{s.hours:g}" + ("" if s.hours_stated else " (est.)"),
              next(r.reason for r in report.recommendations if r.course.id == s.course_id), s.goal]
             for s in report.plan],
            title=f"Learning plan: {report.plan[-1].cumulative_hours:g} h",
            caption="Keep it: crowdskills gaps ... --format markdown --output plan.md",
        )
    if report.uncovered:
        out.print_text("No course covers yet: " + ", ".join(g.label for g in report.uncovered) + ".")
