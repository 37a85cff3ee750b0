"""``crowdskills portfolio``: a page (or JSON Resume, or JSON-LD) of your skills, goal, plan and learning."""

from __future__ import annotations

import enum
import json
from typing import Annotated, Optional

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
    OutputFileOption,
    TaxonomyOption,
    data_files,
)
from .plan import DataDirOption, JobOption, NoRecordOption, RoleOption, compute_report, read_record


class PortfolioFormat(str, enum.Enum):
    html = "html"
    jsonresume = "jsonresume"
    jsonld = "jsonld"


def portfolio(
    profile: Annotated[str, typer.Argument(
        metavar="PROFILE", help="The profile: text, a .txt/.md/.html file, a JSON Resume (.json), - or a URL.")],
    role: RoleOption = None,
    job: JobOption = None,
    format: Annotated[PortfolioFormat, typer.Option(
        "--format", "-f", case_sensitive=False,
        help="html: a page to keep, print and send; jsonresume: JSON Resume skills; jsonld: schema.org Person.",
    )] = PortfolioFormat.html,
    output: OutputFileOption = None,
    force: ForceOption = False,
    name: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--name", help="Your name on the page (a JSON Resume's basics.name by default).")] = None,
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    include_unknown_length: IncludeUnknownOption = False,
    hours_per_week: HoursPerWeekOption = 5.0,
    no_record: NoRecordOption = False,
    data_dir: DataDirOption = None,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Make a portfolio of a profile: skills with evidence and ESCO links, goal, gaps, plan and learning done.

    The page is one HTML file with everything inside (no script, nothing fetched): open it from
    disk, print it, or send it.

    Example: crowdskills portfolio profile.txt --role data-analyst -o portfolio.html
    """
    import datetime as dt

    from ..portfolio import person_jsonld, portfolio_html, to_jsonresume

    record = read_record(data_dir, use=not no_record)
    src, report, tax = compute_report(profile, role=role, job=job, lang=lang, max_hours=max_hours,
                                      free_only=free_only, budget=budget, hours_per_week=hours_per_week,
                                      include_unknown_length=include_unknown_length, taxonomy=taxonomy,
                                      catalog=catalog, record=record)
    for w in report.warnings:
        out.warn(w)
    person = name or src.person
    if format is PortfolioFormat.html:
        text = portfolio_html(report, text=src.text, taxonomy=tax, record=record, person=person,
                              source=src.name if src.name != "text" else None, today=dt.date.today())
    else:
        doc = (to_jsonresume if format is PortfolioFormat.jsonresume else person_jsonld)(
            report, taxonomy=tax, record=record, person=person)
        text = json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
    if output:
        from ..portfolio.record import record_path

        reads = [profile, job, record_path(data_dir), *data_files(taxonomy, catalog)]
        out.write_file(output, text, force=force, inputs=reads)
        out.note(f"Wrote the portfolio to {output}.")
    else:
        out.write_text(text)
