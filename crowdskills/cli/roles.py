"""``crowdskills roles``: list roles and show one."""

from __future__ import annotations

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
    help="List the roles (kinds of platform work) and the skills each needs.",
    invoke_without_command=True, rich_markup_mode=None,
)


@app.callback()
def list_roles(
    ctx: typer.Context,
    work_type: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--work-type", "-w", help="Only microwork, freelancing or both."),
    ] = None,
    format: ListFormatOption = ListFormat.table,
    taxonomy: TaxonomyOption = None,
) -> None:
    """List roles with their work type and skill counts.

    Example: crowdskills roles --work-type microwork
    """
    if ctx.invoked_subcommand is not None:
        return
    from ..errors import InputError
    from ..models import WORK_TYPES

    if work_type is not None and work_type not in WORK_TYPES:
        raise InputError(f"--work-type must be one of {', '.join(WORK_TYPES)}, not {work_type!r}.")
    tax = get_taxonomy(taxonomy)
    roles = sorted((r for r in tax.roles.values() if work_type in (None, r.work_type)), key=lambda r: r.id)
    if format is ListFormat.json:
        out.write_json([r.to_dict() for r in roles])
        return
    rows = [[r.id, r.pref_label, r.work_type, len(r.essential_skills), len(r.optional_skills),
             list(r.next_roles)] for r in roles]
    if format is ListFormat.csv:
        out.write_csv(["id", "label", "work_type", "essential", "optional", "next_roles"], rows)
    else:
        out.print_table(["id", "role", "work type", "essential", "optional", "next roles"], rows,
                        caption="Show one: crowdskills roles show ID")


@app.command()
def show(
    role_id: Annotated[str, typer.Argument(metavar="ID", help="A role id, e.g. virtual-assistant.")],
    format: RecordFormatOption = RecordFormat.table,
    taxonomy: TaxonomyOption = None,
) -> None:
    """Show one role with its essential and optional skills.

    Example: crowdskills roles show audio-transcriptionist
    """
    from ..models import LEVELS

    tax = get_taxonomy(taxonomy)
    role = tax.role(role_id)
    if format is RecordFormat.json:
        data = role.to_dict()
        for entry in data["skills"]:
            entry["label"] = tax.skills[entry["skill"]].pref_label
            entry["category"] = tax.skills[entry["skill"]].category
        out.write_json(data)
        return
    out.print_record(f"{role.pref_label} ({role.id})", [
        ("description", role.description),
        ("work type", role.work_type),
        ("also called", role.alt_labels),
        ("next roles", [f"{tax.roles[r].pref_label} ({r})" for r in role.next_roles]),
        ("crosswalk", [f"{c.scheme} {c.match}: {c.id}" + (f" ({c.label})" if c.label else "")
                       for c in role.crosswalk]),
    ])
    ordered = sorted(role.skills, key=lambda s: (not s.essential, -s.importance, s.skill))
    out.print_table(
        ["relation", "skill", "id", "category", "level", "importance"],
        [[s.relation, tax.skills[s.skill].pref_label, s.skill, tax.skills[s.skill].category,
          f"{s.level} {LEVELS[s.level]}", s.importance] for s in ordered],
    )
