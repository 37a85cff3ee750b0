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
    IncludeUnknownOption,
    LangOption,
    MaxHoursOption,
    OutputOption,
    TaxonomyOption,
    data_files,
    get_matcher,
    load_courses,
    parse_lang_option,
    warn_unread,
)
from .plan import DataDirOption, NoRecordOption, compute_report, read_record

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from ..advice import GapReport
    from ..models import Taxonomy


class GapsFormat(str, enum.Enum):
    table = "table"
    text = "text"
    json = "json"
    markdown = "markdown"
    html = "html"


GapsFormatOption = Annotated[
    Optional[GapsFormat],  # noqa: UP045
    typer.Option("--format", "-f", case_sensitive=False,
                 help="Output format [default: table on a terminal, text when piped]."),
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
    include_unknown_length: IncludeUnknownOption = False,
    hours_per_week: HoursPerWeekOption = 5.0,
    format: GapsFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
    no_record: NoRecordOption = False,
    data_dir: DataDirOption = None,
) -> None:
    """Show what a profile lacks for a role or a job post, short courses for each gap, and a plan.

    With no --role and no --job, the target is the role the profile says it aims at ("I'd like to
    move into data work"), else the role its wanted skills point to, else the closest role.
    Skills of the steps done in your learning record (`crowdskills plan`) count as held, as learned.

    Example: crowdskills gaps profile.txt --max-hours 20 --free-only
    """
    langs = parse_lang_option(lang)
    src, report, tax = compute_report(profile, role=role, job=job, lang=langs, max_hours=max_hours,
                                      free_only=free_only, budget=budget, hours_per_week=hours_per_week,
                                      include_unknown_length=include_unknown_length, taxonomy=taxonomy,
                                      catalog=catalog, record=read_record(data_dir, use=not no_record))
    from ..matching.languages import text_language_and_kind

    warn_unread(src.text)
    reader = langs or (text_language_and_kind(src.text)[0],)
    reads: list[str | Path | None] = []
    if output:
        from ..portfolio.record import record_path

        reads = [profile, job, record_path(data_dir), *data_files(taxonomy, catalog)]
    emit(report, format, output, force, taxonomy=tax if reader[0] != "en" else None, langs=reader, inputs=reads)


def emit(
    report: GapReport, format: GapsFormat | None, output: str | None, force: bool, *,
    taxonomy: Taxonomy | None = None, langs: Sequence[str] = (), inputs: Sequence[str | Path | None] = (),
) -> None:
    """Print a gap report, or write it to ``output`` (Markdown unless --format json or text),
    which must not be one of the ``inputs`` read.

    With a ``taxonomy``, skill and role labels are shown in the first of ``langs`` it has (JSON
    keeps the English labels and adds ``label_local``).
    """
    import sys

    from ..advice import report_markdown, report_text
    from ..advice.report import local_labels, localise
    from ..portfolio import plan_html

    for w in report.warnings:
        out.warn(w)
    data = report.to_dict()
    if taxonomy is not None:
        report = localise(report, taxonomy, langs)
        data = local_labels(data, taxonomy, langs, local=report)
    if output:
        if format is GapsFormat.json:
            text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        elif format is GapsFormat.html:
            text = plan_html(report)
        else:
            text = report_text(report) if format is GapsFormat.text else report_markdown(report)
        out.write_file(output, text, force=force, inputs=inputs)
        out.note(f"Wrote the plan to {output}.")
        return
    if format is None:
        format = GapsFormat.table if sys.stdout.isatty() else GapsFormat.text
    if format is GapsFormat.json:
        out.write_json(data)
    elif format is GapsFormat.markdown:
        out.write_text(report_markdown(report))
    elif format is GapsFormat.text:
        out.write_text(report_text(report))
    elif format is GapsFormat.html:
        out.write_text(plan_html(report))
    else:
        _table(report)


def path(
    from_role: Annotated[str, typer.Option("--from", metavar="ROLE", help="The role you do now.")],
    to_role: Annotated[str, typer.Option("--to", metavar="ROLE", help="The role you want.")],
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    include_unknown_length: IncludeUnknownOption = False,
    hours_per_week: HoursPerWeekOption = 5.0,
    format: GapsFormatOption = None,
    output: OutputOption = None,
    force: ForceOption = False,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Plan a move from one role to another: the skills to add, courses and a learning plan.

    The skills you have are taken to be the essential skills of --from.

    Example: crowdskills path --from image-data-annotator --to data-analyst
    """
    from ..advice import transition_report

    matcher = get_matcher(taxonomy)
    courses = load_courses(catalog, matcher.taxonomy_)
    report = transition_report(from_role, to_role, matcher, courses, lang=parse_lang_option(lang), max_hours=max_hours,
                               free_only=free_only, budget=budget, hours_per_week=hours_per_week,
                               include_unknown_length=include_unknown_length)
    emit(report, format, output, force, inputs=data_files(taxonomy, catalog) if output else [])


def _table(report: GapReport) -> None:
    """Tables for a terminal; URLs are never put in a cell (a cell wraps them), each has a line."""
    from ..advice.courses import hours_text, price_text
    from ..advice.report import aim_text

    t = report.target
    for line in aim_text(report):
        out.print_text(line)
    shown = [m for m in report.detected if m.status == "claimed"]
    if report.from_role:
        out.print_text(f"You hold the essential skills of {report.from_role}.")
    elif shown:
        out.print_table(["skill", "your words"],
                        [[m.label, " ".join(m.evidence[0].text.split()) if m.evidence else ""] for m in shown],
                        title="Your profile shows")
    else:
        out.print_text("Your profile shows nothing we recognise.")
    if report.learned:
        out.print_text(f"Learned (steps done in your learning record): {', '.join(report.learned_labels)}.")
    title = t.label if t.kind == "role" else "the job post"
    out.print_table(
        ["gap", "need", "course"],
        [[g.label,
          "your own goal" if g.own_goal else f"{g.relation}, level {g.level}" + (", wanted" if g.wanted else ""),
          "; ".join(r.course.name for r in report.courses_for(g.skill_id)) or report.cover_note(g.skill_id)
          or "no course yet"]
         for g in report.gaps],
        title=f"What you lack for {title}: {len(report.gaps)} skills",
    )
    out.print_text(f"Learning plan: {report.hours_summary()}", style="bold")
    for s in report.plan:
        rec = next(r for r in report.recommendations if r.course.id == s.course_id)
        c = rec.course
        out.print_text(f"Step {s.number} ({s.weeks_text}): {s.name}", style="bold")
        out.print_url(s.url)
        facts = ", ".join([c.learning_resource_type, hours_text(c.hours), price_text(c)]
                          + ([c.credential] if c.credential != "none" else []))
        out.print_text(f"  {facts}; {rec.reason}")
        for sid in rec.covers:
            note = rec.partly(sid)
            if note:
                out.print_text(f"  {note}")
        out.print_text(f"  Goal: {s.goal}")
    if report.over_budget:
        out.print_text("Not in the plan (over your limits):", style="bold")
        for o in report.over_budget:
            out.print_text(f"  {o.gap.label}: {o.describe()}")
            out.print_url(o.course.url, indent="    ")
    if report.uncovered:
        out.print_text("No course covers yet: " + ", ".join(g.label for g in report.uncovered) + ".")
    out.print_text("Keep it: crowdskills gaps ... --format markdown --output plan.md", style="dim")

