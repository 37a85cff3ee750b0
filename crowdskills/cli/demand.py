"""``crowdskills demand``: the skills a corpus of job posts asks for."""

from __future__ import annotations

import enum
from typing import Annotated, Optional

import typer

from . import _output as out
from ._common import (
    IdFieldOption,
    TableFormat,
    TaxonomyOption,
    TextFieldOption,
    emit_rows,
    get_matcher,
)


class Period(str, enum.Enum):
    month = "month"
    quarter = "quarter"
    year = "year"


class SortBy(str, enum.Enum):
    share = "share"
    growth = "growth"


def demand(
    jobs: Annotated[list[str], typer.Argument(
        metavar="JOBS...", help="Job posts: text files, directories, JSONL or CSV files, or - for stdin.",
    )],
    top: Annotated[int, typer.Option("--top", "-n", min=1, help="Show the N most asked-for skills.")] = 25,
    format: Annotated[TableFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="Output format.")] = TableFormat.table,
    text_field: TextFieldOption = "text",
    id_field: IdFieldOption = "id",
    date_field: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--date-field", metavar="NAME",
        help="JSONL key or CSV column with each post's date (YYYY-MM-DD): adds shares per period and growth.",
    )] = None,
    period: Annotated[Period, typer.Option(
        "--period", case_sensitive=False, help="Period to group dated posts by.")] = Period.quarter,
    sort: Annotated[Optional[SortBy], typer.Option(  # noqa: UP045
        "--sort", case_sensitive=False,
        help="share (most asked for) or growth (fastest growing); growth when --date-field is given.",
    )] = None,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Count the skills that a corpus of job posts asks for.

    For each skill: the share of posts that ask for it (required or optional), and per category
    the share of posts asking for at least one of its skills. With --date-field, the share in
    each period and the growth from the first period to the last, in percentage points.
    Posts that cannot be read are reported and skipped (exit 4).

    Example: crowdskills demand jobs.csv --date-field posted --top 10
    """
    from ..corpus import Fields, iter_documents
    from ..demand import skill_demand

    matcher = get_matcher(taxonomy)
    fields = Fields(id=id_field, text=text_field, date=date_field)
    order = (sort or (SortBy.growth if date_field else SortBy.share)).value
    report = skill_demand(
        iter_documents(jobs, fields), matcher, period=period.value if date_field else None, sort=order,
    )
    for doc in report.failed[:20]:
        out.warn(f"skipped {doc.error}")
    if len(report.failed) > 20:
        out.warn(f"skipped {len(report.failed) - 20} more records that could not be read")
    if report.documents == 0:
        from ..errors import InputError

        raise InputError("no job post could be read from the input. Check the files and --text-field.")
    if date_field and report.undated:
        out.warn(f"{report.undated} posts have no readable {date_field!r} (YYYY-MM-DD); they count only overall")
    if date_field and len(report.periods) < 2:
        out.warn("growth needs posts from at least two periods; try a shorter --period")

    periods = list(report.periods)
    shown = report.skills[:top]
    columns = ["skill", "skill_id", "category", "posts", "share", "required", "optional"]
    if periods:
        columns += [f"share {p}" for p in periods] + ["growth (points)"]
    rows: list[list[object]] = []
    for s in shown:
        row: list[object] = [s.label, s.skill_id, s.category, s.posts, f"{100 * s.share:.1f}%", s.required, s.optional]
        if periods:
            row += [f"{100 * s.by_period.get(p, 0.0):.1f}%" for p in periods]
            row.append(f"{s.growth:+.1f}" if s.growth is not None else "")
        rows.append(row)
    caption = f"{report.documents} job posts" + (f", {len(report.failed)} skipped" if report.failed else "")
    if format is TableFormat.json:
        data = report.to_dict()
        data["skills"] = data["skills"][:top]
        out.write_json(data)
    elif format is TableFormat.csv:
        out.write_csv(columns, rows)
    else:
        emit_rows(format, columns, rows, json_data=None, title="Skills in demand", caption=caption)
        emit_rows(
            format, ["category", "posts", "share"],
            [[c.category, c.posts, f"{100 * c.share:.1f}%"] for c in report.categories],
            json_data=None, title="By category",
        )
    if report.failed:
        raise typer.Exit(4)
