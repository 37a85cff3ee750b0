"""``crowdskills plan``: keep a learning plan, mark steps done with a reflection, see progress."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Optional

import typer

from . import _output as out
from ._common import (
    BudgetOption,
    CatalogOption,
    FreeOnlyOption,
    HoursPerWeekOption,
    IncludeUnknownOption,
    LangOption,
    MaxHoursOption,
    RecordFormat,
    RecordFormatOption,
    TaxonomyOption,
    get_matcher,
    load_courses,
)

if TYPE_CHECKING:
    from ..advice import GapReport
    from ..inputs import Source
    from ..models import Taxonomy
    from ..portfolio.record import LearningRecord

app = typer.Typer(
    help="Your learning record: save a plan, mark steps done with a reflection, see your progress.",
    no_args_is_help=True, rich_markup_mode=None,
)

DataDirOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--data-dir", metavar="DIR", show_default=False,
                 help="Folder of the learning record instead of your user data folder. [env: CROWDSKILLS_DATA_DIR]"),
]
NoRecordOption = Annotated[
    bool, typer.Option("--no-record", help="Do not count the skills of steps done in your learning record."),
]
RoleOption = Annotated[Optional[str], typer.Option("--role", "-r", help="Compare with this role id.")]  # noqa: UP045
JobOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--job", "-j", metavar="FILE|URL|-", help="Compare with a job post.")]


def read_record(data_dir: str | None, *, use: bool = True) -> LearningRecord | None:
    """The learning record, or None when there is none (or ``use`` is false)."""
    from ..portfolio.record import load_record, record_path

    return load_record(record_path(data_dir)) if use else None


def compute_report(
    profile: str, *, role: str | None, job: str | None, lang: str | tuple[str, ...] | None, max_hours: float | None,
    free_only: bool, budget: float | None, hours_per_week: float, include_unknown_length: bool = False,
    taxonomy: list[str] | None,
    catalog: list[str] | None, record: LearningRecord | None,
) -> tuple[Source, GapReport, Taxonomy]:
    """Read the profile and compute the report ``gaps`` would, counting the record's learned skills;
    also return the taxonomy used."""
    from ..advice import gap_report
    from ..errors import InputError
    from ..inputs import read_source

    if role and job:
        raise InputError("give --role or --job, not both.")
    src = read_source(profile)
    for w in src.warnings:
        out.warn(w)
    job_text = read_source(job).text if job else None
    matcher = get_matcher(taxonomy)
    courses = load_courses(catalog, matcher.taxonomy_)
    report = gap_report(src.text, matcher, courses, role_id=role, job_text=job_text, lang=lang,
                        max_hours=max_hours, free_only=free_only, budget=budget, hours_per_week=hours_per_week,
                        include_unknown_length=include_unknown_length,
                        learned=record.learned_skills() if record else ())
    return src, report, matcher.taxonomy_


@app.command()
def save(
    profile: Annotated[str, typer.Argument(metavar="PROFILE", help="The profile: text, a file, - or a URL.")],
    role: RoleOption = None,
    job: JobOption = None,
    lang: LangOption = None,
    max_hours: MaxHoursOption = None,
    free_only: FreeOnlyOption = False,
    budget: BudgetOption = None,
    include_unknown_length: IncludeUnknownOption = False,
    hours_per_week: HoursPerWeekOption = 5.0,
    force: Annotated[bool, typer.Option("--force", help="Replace the saved plan (and its progress).")] = False,
    data_dir: DataDirOption = None,
    taxonomy: TaxonomyOption = None,
    catalog: CatalogOption = None,
) -> None:
    """Compute the plan as `gaps` does and keep it in your learning record.

    Example: crowdskills plan save profile.txt --role data-analyst --hours-per-week 3
    """
    from ..errors import InputError
    from ..portfolio.record import RecordError, record_from_report, record_path, save_record

    path = record_path(data_dir)
    if path.exists() and not force:
        try:
            read_record(data_dir)
        except RecordError as exc:
            raise RecordError(f"{exc} Nothing was written.") from None
        raise InputError(f"a plan is already saved in {path}. Use --force to replace it and its progress, "
                         "or `crowdskills plan export FILE` to keep a copy first.")
    src, report, _ = compute_report(profile, role=role, job=job, lang=lang, max_hours=max_hours, free_only=free_only,
                                    budget=budget, hours_per_week=hours_per_week,
                                    include_unknown_length=include_unknown_length, taxonomy=taxonomy,
                                    catalog=catalog, record=None)
    record = record_from_report(report, profile=src.name, hours_per_week=hours_per_week)
    save_record(record, path)
    out.note(f"Saved a plan of {len(record.steps)} steps for {report.target.label} in {path}.")


@app.command()
def done(
    step: Annotated[int, typer.Argument(metavar="STEP", help="The step number (see `plan show`).")],
    note: Annotated[str, typer.Option("--note", "-n", help="What you learned, and what to practise next.")] = "",
    data_dir: DataDirOption = None,
) -> None:
    """Mark a step of the saved plan done, with a reflection.

    Example: crowdskills plan done 1 --note "I can now build a pivot table; next: charts"
    """
    from ..portfolio.record import mark_done, record_path, save_record

    record = _require(data_dir)
    updated = mark_done(record, step, note=note)
    save_record(updated, record_path(data_dir))
    name = next(s.name for s in updated.steps if s.number == step)
    out.note(f"Step {step} done: {name}.")


@app.command()
def show(
    format: RecordFormatOption = RecordFormat.table,
    data_dir: DataDirOption = None,
) -> None:
    """Show the saved plan and your progress: hours done, the next step, weeks ahead or behind.

    Example: crowdskills plan show
    """
    from ..portfolio.record import progress

    record = _require(data_dir)
    p = progress(record)
    if format is RecordFormat.json:
        out.write_json({"record": record.to_dict(), "progress": p.to_dict()})
        return
    out.print_table(
        ["step", "week", "course", "length", "done"],
        [[s.number, s.week, f"{s.name}\n{s.url}", "length not stated" if s.hours is None else f"{s.hours:g} h",
          f"{s.done.date}: {s.done.note}" if s.done else ""] for s in record.steps],
        title=f"Learning plan for {record.target.get('label', '')} (saved {record.saved})",
    )
    hours = f"{p.hours_done:g} of {p.hours_total:g} h done"
    if p.unknown_length_total:
        hours += f" (not counting {p.unknown_length_total} steps of length not stated)"
    nxt = f"Next: step {p.next_step.number}, {p.next_step.name}." if p.next_step else "Every step is done."
    out.print_text(f"{p.steps_done} of {p.steps_total} steps done; {hours}. "
                   f"Week {p.current_week} of the plan: {p.status}. {nxt}")


@app.command("export")
def export_record(
    file: Annotated[str, typer.Argument(metavar="FILE", help="Where to write a copy of the record.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Copy your learning record to FILE, to move it to another machine.

    Example: crowdskills plan export my-record.json
    """
    import json

    record = _require(data_dir)
    out.write_file(file, json.dumps(record.to_dict(), ensure_ascii=False, indent=2) + "\n", force=force)
    out.note(f"Wrote the learning record to {file}.")


@app.command("import")
def import_record(
    file: Annotated[str, typer.Argument(metavar="FILE", help="A record written by `plan export`.")],
    force: Annotated[bool, typer.Option("--force", help="Replace the record kept here.")] = False,
    data_dir: DataDirOption = None,
) -> None:
    """Make a record written by `plan export` your learning record.

    Example: crowdskills plan import my-record.json
    """
    from pathlib import Path

    from ..errors import InputError
    from ..portfolio.record import parse_record, record_path, save_record

    try:
        raw = Path(file).read_bytes()
    except OSError as exc:
        raise InputError(f"{file} cannot be read: {exc.strerror}.") from None
    record = parse_record(raw, file)
    path = record_path(data_dir)
    if path.exists() and not force:
        raise InputError(f"a learning record is already kept in {path}. Use --force to replace it.")
    save_record(record, path)
    out.note(f"Imported the learning record ({len(record.steps)} steps) into {path}.")


def _require(data_dir: str | None) -> LearningRecord:
    from ..errors import NotFoundError
    from ..portfolio.record import record_path

    record = read_record(data_dir)
    if record is None:
        raise NotFoundError(f"no plan is saved yet (looked in {record_path(data_dir)}). "
                            "Save one with `crowdskills plan save PROFILE`.")
    return record
