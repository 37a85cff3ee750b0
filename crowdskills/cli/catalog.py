"""``crowdskills catalog``: validate course catalogs and print their schema."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import _output as out
from ._common import (
    CatalogOption,
    ForceOption,
    OutputFileOption,
    RecordFormat,
    RecordFormatOption,
    TableFormat,
    TaxonomyOption,
    TextFieldOption,
    data_files,
    emit_rows,
    get_matcher,
    get_taxonomy,
    load_courses,
)

app = typer.Typer(help="Check and inspect course catalogs.", no_args_is_help=True, rich_markup_mode=None)


@app.command()
def validate(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="[PATH]...",
            help="Catalog files or directories (default: the shipped catalogs). Write +PATH to check "
            "your catalog together with the shipped ones.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as problems too.")] = False,
    show_all: Annotated[bool, typer.Option(
        "--all", help="With +PATH, list the shipped catalogs' problems too.")] = False,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Check catalog files and list every problem, one per line.

    Each problem reads PATH:LINE:COL: error|warning CODE message. Skill ids are checked against
    the taxonomy (--taxonomy). With +PATH, your files are checked together with the shipped
    catalogs (duplicate ids across them are found) but only your files' problems are listed,
    unless --all. Then the share of resources stating each fact (length, price model, level,
    credential, fact source, first-hand source) is printed. Exits 0 when valid, 3 when there
    are errors.

    Example: crowdskills catalog validate +my-courses.yaml
    """
    from ..catalogs import fact_counts
    from ..catalogs.load import check_catalogs, resolve_catalog_paths, shipped_catalogs_dir
    from ..datafiles import file_id, yaml_files
    from ..yamlio import display_path

    resolved = resolve_catalog_paths(paths)
    courses, problems = check_catalogs(resolved, taxonomy=get_taxonomy(taxonomy))
    shipped_files: set[str] = set()
    shipped = shipped_catalogs_dir()
    if len(resolved) > 1 and shipped in resolved:  # +PATH: list the user's files, even a shipped one
        own = {file_id(f) for f in yaml_files(p for p in resolved if p != shipped)}
        shipped_files = {display_path(f) for f in yaml_files([shipped]) if file_id(f) not in own}
        courses = [c for c in courses if (c.source or "").rsplit(":", 1)[0] not in shipped_files]
    shown = [p for p in problems if show_all or p.path not in shipped_files]
    for problem in shown:
        typer.echo(str(problem))
    errors = sum(p.is_error for p in shown)
    warnings = len(shown) - errors
    hidden = len(problems) - len(shown)
    out.note(f"{len(courses)} valid courses: {errors} errors, {warnings} warnings"
             + (f" ({hidden} problems of the shipped catalogs not listed: --all lists them)" if hidden else ""))
    if courses:
        facts = fact_counts(courses)
        out.note("Facts stated: " + ", ".join(
            f"{name.replace('_', ' ')} {n} ({n / len(courses):.0%})" for name, n in facts.items()))
    if any(p.is_error for p in problems) or (strict and warnings):
        raise typer.Exit(3)


@app.command()
def stats(
    format: RecordFormatOption = RecordFormat.table,
    catalog: CatalogOption = None,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Count what the catalogs hold: resources, providers, stated lengths, price models, languages,
    kinds, credentials, first-hand facts, and coverage of the roles' essential skills.

    A fact is first-hand when its factSource is on the course's own site or in a repository of the
    provider's own organisation (or when there is no factSource: the course page itself). An
    essential skill is covered when a resource teaches it at the level the role needs.

    Example: crowdskills catalog stats --format json
    """
    from ..catalogs import catalog_stats

    tax = get_taxonomy(taxonomy)
    s = catalog_stats(load_courses(catalog, tax), tax)
    if format is RecordFormat.json:
        out.write_json(s.to_dict())
        return

    def share(n: int, of: int | None = None) -> str:
        total = s.resources if of is None else of
        return f"{n} of {total} ({n / total:.0%})" if total else "0"

    def counts(d: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in d.items())

    e = s.essential
    out.print_record(f"{s.resources} resources from {s.providers} providers", [
        ("stated length", share(s.facts["length"])),
        ("price models", counts(s.price_models)),
        ("languages", counts(s.languages)),
        ("in a language other than English", share(s.not_english)),
        ("kinds", counts(s.kinds)),
        ("credentials", counts(s.credentials)),
        ("first-hand facts", share(s.facts["first_party"])),
        ("facts stated", ", ".join(f"{k.replace('_', ' ')} {share(v)}" for k, v in s.facts.items())),
        ("essential skills of roles (role, skill) taught at the level the role needs", share(e.covered, e.needs)),
        ("... by a free resource", share(e.covered_free, e.needs)),
        ("essential skills taught at any level", share(e.skills_taught, e.skills)),
        ("most resources", ", ".join(f"{p} {n}" for p, n in s.top_providers[:5])),
    ])
    if e.uncovered:
        out.print_text("Not covered at the level needed: " + ", ".join(
            f"{skill} (level {level}, {role})" for role, skill, level in e.uncovered[:20])
            + (f" and {len(e.uncovered) - 20} more (--format json lists all)" if len(e.uncovered) > 20 else ""))


@app.command()
def schema() -> None:
    """Print the JSON Schema of catalog files, for editors and CI.

    Example: crowdskills catalog schema > catalog.schema.json
    """
    from ..catalogs.load import catalog_schema

    out.write_json(catalog_schema())


@app.command()
def coverage(
    demand: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--demand", metavar="JOBS",
        help="Job posts to weigh skills by (files, directories, JSONL, CSV or -). Repeatable.",
    )] = None,
    demand_file: Annotated[Optional[Path], typer.Option(  # noqa: UP045
        "--demand-file", metavar="FILE",
        help="Demand weights: the output of `crowdskills demand --format json`, or {skill_id: weight}.",
    )] = None,
    text_field: TextFieldOption = "text",
    top: Annotated[Optional[int], typer.Option("--top", "-n", min=1, help="Show the N most urgent skills.")] = None,  # noqa: UP045
    all_skills: Annotated[bool, typer.Option("--all", help="List every skill, not only those in demand.")] = False,
    format: Annotated[TableFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="Output format.")] = TableFormat.table,
    catalog: CatalogOption = None,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Show how well the catalogs cover the skills in demand: what to build next.

    For each skill: courses, free courses, the shortest course's hours, the demand weight and
    a status (none, weak: one course or no free one, good). Skills in demand with no or weak
    coverage come first. Demand is the share of job posts asking for a skill (--demand or
    --demand-file), or else the share of roles that need it.

    Example: crowdskills catalog coverage --demand jobs.jsonl --top 20
    """
    from ..catalogs.coverage import catalog_coverage, read_demand_file

    if demand and demand_file:
        raise typer.BadParameter("give --demand or --demand-file, not both", param_hint="--demand")
    matcher = get_matcher(taxonomy) if demand else None  # loads the taxonomy with its cached index
    tax = matcher.taxonomy_ if matcher is not None else get_taxonomy(taxonomy)
    courses = load_courses(catalog, tax)
    weights: dict[str, float] | None = None
    source = "share of roles needing the skill"
    if demand_file is not None:
        weights = read_demand_file(demand_file, tax)
        source = f"weights from {demand_file}"
    elif demand and matcher is not None:
        from ..corpus import Fields, iter_documents
        from ..demand import skill_demand

        report = skill_demand(iter_documents(demand, Fields(text=text_field)), matcher, period=None)
        if report.documents == 0:
            from ..errors import InputError

            raise InputError("no job post could be read from --demand. Check the files and --text-field.")
        weights = report.weights()
        source = f"share of {report.documents} job posts"
    rows = catalog_coverage(tax, courses, weights, include_all=all_skills)
    shown = rows[:top] if top else rows
    urgent = sum(r.status != "good" and r.demand > 0 for r in rows)
    emit_rows(
        format,
        ["skill", "skill_id", "category", "courses", "free", "shortest_h", "demand", "status", "priority"],
        [[r.label, r.skill_id, r.category, r.courses, r.free_courses, r.shortest_hours, r.demand, r.status,
          r.priority] for r in shown],
        json_data={"demand_source": source, "courses": len(courses), "skills": [r.to_dict() for r in shown]},
        title="Catalog coverage",
        caption=f"{len(courses)} courses; demand = {source}; {urgent} skills in demand have no or weak coverage",
    )


class ExportFormat(str, enum.Enum):
    jsonld = "jsonld"
    csv = "csv"


@app.command("import")
def import_(
    file: Annotated[Path, typer.Argument(metavar="FILE", help="A .csv, .tsv or .xlsx file, one course per row.")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="FILE", help="The catalog YAML to write.")],
    provider: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--provider", help="Provider of every course (else the sheet's provider column).")] = None,
    mapping: Annotated[Optional[list[str]], typer.Option(  # noqa: UP045
        "--map", metavar="COLUMN=FIELD",
        help="Read a column as a catalog field, e.g. --map 'Course title=name'. Repeatable.",
    )] = None,
    min_score: Annotated[float, typer.Option(
        "--min-score", min=0.0, max=1.0, help="Lowest score of a suggested skill.")] = 0.6,
    lang: Annotated[str, typer.Option("--lang", help="Language of rows that give none.")] = "en",
    currency: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--currency", help="Currency of prices that give none, e.g. EUR.")] = None,
    force: ForceOption = False,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Turn a spreadsheet of courses into catalog YAML.

    Columns are recognised by their usual headers, in English, Spanish, French, German or
    Portuguese (Title, Link, Blurb, Duration, Price, Lang., Idioma...); --map names the others, and
    every column left unused is named in a warning. Durations such as "6 hours", "90 min",
    "16 Stunden", "1 day" (7 study hours), "half day" or "3 weeks, 2-4 hours/week" become ISO 8601
    hours; prices may use a decimal comma ("49,00 EUR", "€ 1.200,00") or say free, funded or
    varies. A row with the URL of an earlier row is left out as a duplicate. Without a teaches/skills column, the skills
    are suggested from each title and description, with the score as a YAML comment to review.
    Rows that cannot be converted are reported with their row numbers and the rest are
    imported (exit 4). The file is written atomically, never overwritten without --force and
    never written over the sheet (exit 1).

    Example: crowdskills catalog import courses.csv --provider "Example VET" -o catalogs/example.yaml
    """
    from ..catalogs.importer import import_catalog
    from ..errors import InputError

    overrides: dict[str, str] = {}
    for item in mapping or []:
        column, sep, field = item.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise typer.BadParameter(f"{item!r} is not COLUMN=FIELD", param_hint="--map")
        overrides[column.strip()] = field.strip()
    if not file.exists():
        raise InputError(f"{file} does not exist. Give a .csv, .tsv or .xlsx file.")
    reads = [file, *data_files(taxonomy, catalogs=False)]
    out.check_output_file(output, force=force, inputs=reads)
    matcher = get_matcher(taxonomy)  # the cached index: no scikit-learn import on each run
    result = import_catalog(
        file, matcher.taxonomy_, provider=provider, column_map=overrides, min_score=min_score, language=lang,
        currency=currency.upper() if currency else None, matcher=matcher,
    )
    if result.unused_columns:
        out.warn(f"{file}: columns not used: {', '.join(result.unused_columns)}. Read one as a catalog field "
                 "with --map 'COLUMN=field', or leave it out of the sheet.")
    for problem in result.problems:
        (out.warn if problem.skipped else out.note)(f"{file}: {problem}")
    if result.imported == 0:
        raise InputError(f"{file}: no row could be imported, so nothing was written. Fix the rows above.")
    out.write_file(output, result.yaml_text, force=force, inputs=reads)
    out.note(f"Wrote {result.imported} courses to {output}; {result.skipped} rows skipped. "
             f"Review the suggested skills, then run: crowdskills catalog validate {output}")
    if result.skipped:
        raise typer.Exit(4)


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="jsonld (schema.org Course) or csv.")] = ExportFormat.jsonld,
    output: OutputFileOption = None,
    force: ForceOption = False,
    catalog: CatalogOption = None,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Export catalogs as schema.org Course JSON-LD for web pages, or as CSV for spreadsheets.

    --output is written atomically, never overwritten without --force and never written over a
    catalog or taxonomy file the export reads (exit 1).

    Example: crowdskills catalog export --catalog catalogs/mine.yaml --format jsonld -o courses.jsonld
    """
    import json

    from ..catalogs.export import catalog_csv, catalog_jsonld

    tax = get_taxonomy(taxonomy)
    courses = load_courses(catalog, tax)
    if format is ExportFormat.csv:
        text = catalog_csv(courses)
    else:
        text = json.dumps(catalog_jsonld(courses, tax), ensure_ascii=False, indent=2) + "\n"
    if output:
        out.write_file(output, text, force=force, inputs=data_files(taxonomy, catalog))
        out.note(f"Wrote {len(courses)} courses to {output}")
    else:
        out.write_text(text)


@app.command()
def pull(
    url: Annotated[str, typer.Argument(metavar="URL", help="The https address of a catalog YAML file.")],
    into: Annotated[Path, typer.Option(
        "--into", metavar="DIR", help="Folder to keep it in, with catalogs.lock.")] = Path("catalogs"),
    sha256: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--sha256", metavar="HEX", help="Pin the content: refuse anything whose sha256 differs, now and later.",
    )] = None,
    allow_http: Annotated[bool, typer.Option("--allow-http", help="Accept a plain http URL.")] = False,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds the whole download may take.")] = 15.0,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Fetch a partner's catalog, validate it, and keep it with its sha256 in catalogs.lock.

    https is required (also after redirects) unless --allow-http; bodies over 10 MB are
    refused. The content is validated before it replaces anything. The file is named after the
    URL; a name another URL or a file you wrote already uses gets a longer one from the URL's
    host and path, so a pull only replaces files it pulled. The next pull asks the server
    whether the file changed (ETag/Last-Modified): a 304 changes nothing. A catalog pinned with
    --sha256 whose content changes fails loudly and keeps the old file.

    Example: crowdskills catalog pull https://partner.example/courses.yaml --into catalogs
    """
    from ..errors import ValidationError
    from ..remote import pull_catalog

    tax = get_taxonomy(taxonomy)
    try:
        result = pull_catalog(url, into, tax, sha256=sha256, allow_http=allow_http, timeout=timeout)
    except ValidationError as exc:
        for problem in exc.problems:
            typer.echo(str(problem), err=True)
        raise
    if result.status == "not-modified":
        out.note(f"{result.path} is up to date (the server says not modified); nothing changed.")
    elif result.status == "unchanged":
        out.note(f"{result.path} is up to date ({result.courses} courses, same content); recorded in catalogs.lock.")
    else:
        out.note(f"Wrote {result.courses} courses to {result.path} (sha256 {result.sha256[:12]}…); "
                 "recorded in catalogs.lock.")


@app.command("check-links")
def check_links_(
    concurrency: Annotated[int, typer.Option("--concurrency", min=1, max=64, help="Links checked at once.")] = 8,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds each request may take in all.")] = 10.0,
    format: Annotated[TableFormat, typer.Option(
        "--format", "-f", case_sensitive=False, help="Output format.")] = TableFormat.table,
    show_all: Annotated[bool, typer.Option("--all", help="List working links too.")] = False,
    catalog: CatalogOption = None,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Check every course URL and report dead and redirected links.

    Each link is asked with HEAD, then GET if HEAD fails. Exit 3 if any link is dead.

    Example: crowdskills catalog check-links --catalog catalogs/mine.yaml
    """
    from ..remote import check_links

    courses = load_courses(catalog, get_taxonomy(taxonomy))
    with out.progress(len(courses), "checking links") as advance:
        report = check_links(courses, concurrency=concurrency, timeout=timeout, progress=lambda _r: advance())
    rows = [r for r in report.results if show_all or r.status != "ok"]
    emit_rows(
        format, ["course", "status", "code", "url", "now at / error"],
        [[r.course_id, r.status, r.code, r.url, r.final_url or r.error] for r in rows],
        json_data=[r.to_dict() for r in rows], title="Links",
        caption=f"{len(report.results)} links: {len(report.dead)} dead, {len(report.redirected)} redirected",
    )
    out.note(f"{len(report.results)} links checked: {len(report.dead)} dead, {len(report.redirected)} redirected")
    if report.dead:
        raise typer.Exit(3)
