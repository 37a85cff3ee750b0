"""``crowdskills catalog``: validate course catalogs and print their schema."""

from __future__ import annotations

from typing import Annotated, Optional

import typer

from . import _output as out
from ._common import TaxonomyOption, get_taxonomy

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
    taxonomy: TaxonomyOption = None,
) -> None:
    """Check catalog files and list every problem, one per line.

    Each problem reads PATH:LINE:COL: error|warning CODE message. Skill ids are checked against
    the taxonomy (--taxonomy). Exits 0 when valid, 3 when there are errors.

    Example: crowdskills catalog validate my-courses.yaml
    """
    from ..catalog import check_catalogs, resolve_catalog_paths

    courses, problems = check_catalogs(resolve_catalog_paths(paths), taxonomy=get_taxonomy(taxonomy))
    for problem in problems:
        typer.echo(str(problem))
    errors = sum(p.is_error for p in problems)
    warnings = len(problems) - errors
    out.note(f"{len(courses)} valid courses: {errors} errors, {warnings} warnings")
    if errors or (strict and warnings):
        raise typer.Exit(3)


@app.command()
def schema() -> None:
    """Print the JSON Schema of catalog files, for editors and CI.

    Example: crowdskills catalog schema > catalog.schema.json
    """
    from ..catalog import catalog_schema

    out.write_json(catalog_schema())
