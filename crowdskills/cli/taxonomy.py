"""``crowdskills taxonomy``: validate, show, search, stats, schema, import-esco."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from . import _output as out
from ._common import (
    ListFormat,
    ListFormatOption,
    RecordFormat,
    RecordFormatOption,
    TaxonomyOption,
    get_taxonomy,
)

app = typer.Typer(
    help="Inspect and check skill taxonomies.", no_args_is_help=True, rich_markup_mode=None
)


@app.command()
def validate(
    paths: Annotated[
        Optional[list[str]],  # noqa: UP045
        typer.Argument(
            metavar="[PATH]...",
            help="Taxonomy files or directories (default: the shipped taxonomy). Write +PATH to "
            "check your file on top of the shipped taxonomy.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[bool, typer.Option("--strict", help="Treat warnings as problems too.")] = False,
) -> None:
    """Check taxonomy files and list every problem, one per line.

    Each problem reads PATH:LINE:COL: error|warning CODE message. Exits 0 when valid, 3 when
    there are errors (or warnings, with --strict).

    Example: crowdskills taxonomy validate +my-skills.yaml
    """
    from ..taxonomy import check_taxonomy, resolve_taxonomy_paths

    taxonomy, problems = check_taxonomy(resolve_taxonomy_paths(paths))
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    n = len(taxonomy.sources)
    out.note(
        f"{n} file{'s' if n != 1 else ''}, {len(taxonomy.skills)} skills, "
        f"{len(taxonomy.roles)} roles: {errors} errors, {warnings} warnings"
    )
    if errors or (strict and warnings):
        raise typer.Exit(3)


@app.command()
def show(
    skill_id: Annotated[str, typer.Argument(metavar="ID", help="A skill id, e.g. image-annotation.")],
    format: RecordFormatOption = RecordFormat.table,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Show one skill: labels, description, category, links and crosswalk.

    Example: crowdskills taxonomy show audio-transcription
    """
    tax = get_taxonomy(taxonomy)
    skill = tax.skill(skill_id)
    if format is RecordFormat.json:
        out.write_json(skill.to_dict())
        return
    needed_by = sorted(r.id for r in tax.roles.values() if any(s.skill == skill.id for s in r.skills))
    out.print_record(f"{skill.pref_label} ({skill.id})", [
        ("description", skill.description),
        ("category", f"{skill.category}" + (f" / {skill.subcategory}" if skill.subcategory else "")),
        ("work type", skill.work_type),
        ("type", skill.skill_type),
        ("also called", skill.alt_labels),
        ("hidden labels", skill.hidden_labels),
        ("broader", skill.broader),
        ("related", skill.related),
        ("prerequisites", skill.prerequisites),
        ("crosswalk", [f"{c.scheme} {c.match}: {c.id}" + (f" ({c.label})" if c.label else "")
                       for c in skill.crosswalk]),
        ("needed by roles", needed_by),
        ("defined in", skill.source),
    ])


@app.command()
def search(
    query: Annotated[str, typer.Argument(help="Words to look for, typos welcome.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="How many skills to show.")] = 10,
    format: ListFormatOption = ListFormat.table,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Find skills by fuzzy match over all their labels; prints the best 10 with scores.

    Example: crowdskills taxonomy search "photoshp"
    """
    from ..search import search_skills

    hits = search_skills(get_taxonomy(taxonomy), query, limit=limit)
    if format is ListFormat.json:
        out.write_json([h.to_dict() for h in hits])
    elif format is ListFormat.csv:
        out.write_csv(["skill_id", "label", "matched_label", "category", "score"],
                      [[h.skill.id, h.skill.pref_label, h.label, h.skill.category, h.score] for h in hits])
    elif not hits:
        out.note(f"No skill looks like {query!r}.")
    else:
        out.print_table(["score", "id", "label", "matched label", "category"],
                        [[h.score, h.skill.id, h.skill.pref_label, h.label, h.skill.category] for h in hits])


@app.command()
def stats(format: ListFormatOption = ListFormat.table, taxonomy: TaxonomyOption = None) -> None:
    """Count skills by category and work type, and skills with an ESCO crosswalk.

    Example: crowdskills taxonomy stats --format json
    """
    from ..models import CATEGORY_LABELS
    from ..search import taxonomy_stats

    s = taxonomy_stats(get_taxonomy(taxonomy))
    if format is ListFormat.json:
        out.write_json(s)
        return
    rows = [["category", c, n] for c, n in s["skills_by_category"].items()]
    rows += [["work_type", w, n] for w, n in s["skills_by_work_type"].items()]
    rows += [["esco", "skills with an ESCO crosswalk", s["skills_with_esco"]],
             ["total", "skills", s["skills"]], ["total", "roles", s["roles"]],
             ["total", "labels", s["labels"]]]
    rows += [["roles_by_work_type", w, n] for w, n in s["roles_by_work_type"].items()]
    if format is ListFormat.csv:
        out.write_csv(["group", "name", "count"], rows)
        return
    out.print_table(["category", "", "skills"],
                    [[c, CATEGORY_LABELS[c], n] for c, n in s["skills_by_category"].items()],
                    title=f"{s['skills']} skills, {s['roles']} roles")
    out.print_table(["work type", "skills", "roles"],
                    [[w, n, s["roles_by_work_type"][w]] for w, n in s["skills_by_work_type"].items()])
    out.print_text(
        f"{s['skills_with_esco']} of {s['skills']} skills ({s['esco_share']:.0%}) have an ESCO "
        f"crosswalk; {s['labels']} labels in all."
    )


@app.command()
def schema() -> None:
    """Print the JSON Schema of taxonomy files, for editors and CI.

    Save it and point your editor at it with a first line in your YAML file:
    # yaml-language-server: $schema=taxonomy.schema.json

    Example: crowdskills taxonomy schema > taxonomy.schema.json
    """
    from ..taxonomy import taxonomy_schema

    out.write_json(taxonomy_schema())


@app.command("import-esco")
def import_esco(
    path: Annotated[Path, typer.Argument(
        metavar="PATH", help="The folder of ESCO's CSV download, or its skills CSV (skills_en.csv, skills_merged.csv).",
    )],
    output: Annotated[Path, typer.Option("--output", "-o", metavar="DIR", help="Folder to write the taxonomy into.")],
    lang: Annotated[str, typer.Option("--lang", help="Also write ESCO's labels in this language (from "
                                      "skills_LANG.csv, in ESCO's layout or conceptUri,preferredLabel,altLabels, "
                                      "beside the English files or in LANG/) to i18n/LANG.yaml.")] = "en",
    collection: Annotated[Optional[str], typer.Option(  # noqa: UP045
        "--collection", help="Only one ESCO collection: digital, digcomp, green, language, research or transversal.",
    )] = None,
    force: Annotated[bool, typer.Option("--force", help="Write into DIR even if it holds files.")] = False,
) -> None:
    """Convert ESCO's skills (and occupations) into a crowdskills taxonomy.

    Each ESCO skill keeps its labels, description, skill type and URI (as an exact crosswalk);
    skill-to-skill broader relations are kept, and the category comes from the skill's place
    in the ESCO hierarchy. Occupations become roles when occupations_LANG.csv and
    occupationSkillRelations_LANG.csv are beside the skills. The result passes `taxonomy
    validate`; use it with --taxonomy DIR.

    With --lang es, ESCO's Spanish labels go to i18n/es.yaml, so that Spanish text is read too.

    Example: crowdskills taxonomy import-esco ESCO-dataset-v1.2.0/ -o esco-taxonomy/ --collection digital
    """
    from ..esco import import_esco as run
    from ..models import LANGUAGE_TAGS

    if lang not in LANGUAGE_TAGS:
        raise typer.BadParameter(f"unknown language tag {lang!r}; use ISO 639-1 tags such as en, es, fr",
                                 param_hint="--lang")
    result = run(path, output, lang=lang, collection=collection, force=force)
    out.note(f"Wrote {result.skills:,} skills and {result.roles:,} roles to {output} "
             f"({len(result.files)} files). Check them with: crowdskills taxonomy validate {output}")
