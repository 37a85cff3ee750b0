"""Options shared by several commands, and loading what they need."""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..models import Course, Taxonomy

if TYPE_CHECKING:
    from ..matching import SkillMatcher


class ListFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"


class RecordFormat(str, enum.Enum):
    table = "table"
    json = "json"


class MatchFormat(str, enum.Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


class Kind(str, enum.Enum):
    auto = "auto"
    profile = "profile"
    job = "job"


CatalogOption = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--catalog", "-c", metavar="PATH", show_default=False,
                 help="Catalog file or directory instead of the shipped ones; +PATH adds to them. "
                 "Repeatable. [env: CROWDSKILLS_CATALOGS]"),
]
LangOption = Annotated[Optional[str], typer.Option(  # noqa: UP045
    "--lang", help="Languages of the courses and labels, in order of preference, e.g. es,en "
    "(courses in none of them are left out) [default: the profile's language first].")]
MaxHoursOption = Annotated[
    float | None, typer.Option("--max-hours", min=0.5, help="Most hours the whole plan may take (courses "
                                   "of unknown length are then left out unless --include-unknown-length).")
]
FreeOnlyOption = Annotated[bool, typer.Option("--free-only", help="Only free courses.")]
BudgetOption = Annotated[
    Optional[float], typer.Option("--budget", min=0, help="Most money the whole plan may cost.")  # noqa: UP045
]
IncludeUnknownOption = Annotated[bool, typer.Option(
    "--include-unknown-length", help="With --max-hours, also plan courses whose length is not stated.")]
HoursPerWeekOption = Annotated[float, typer.Option("--hours-per-week", min=0.5, help="Hours you can study each week.")]
OutputOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--output", "-o", metavar="FILE", help="Write the plan to FILE (markdown unless --format json)."),
]
OutputFileOption = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--output", "-o", metavar="FILE", help="Write to FILE instead of standard output."),
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")]

TaxonomyOption = Annotated[
    Optional[list[str]],  # noqa: UP045 - typer needs Optional on Python 3.10
    typer.Option(
        "--taxonomy", "-t", metavar="PATH",
        help="Taxonomy file or directory to use instead of the shipped one; write +PATH to add "
        "it on top of the shipped taxonomy. Repeatable. [env: CROWDSKILLS_TAXONOMY, "
        "paths separated by ':']",
        show_default=False,
    ),
]

ListFormatOption = Annotated[
    ListFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
RecordFormatOption = Annotated[
    RecordFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]


def get_taxonomy(specs: list[str] | None) -> Taxonomy:
    """The taxonomy named by ``--taxonomy`` values, ``CROWDSKILLS_TAXONOMY``, or the shipped one."""
    from ..taxonomy import load_taxonomy, resolve_taxonomy_paths, taxonomy_env_paths

    if not specs:
        specs = taxonomy_env_paths()
    return load_taxonomy(resolve_taxonomy_paths(specs))


def load_courses(specs: list[str] | None, taxonomy: Taxonomy) -> list[Course]:
    """The courses of the ``--catalog`` values, ``CROWDSKILLS_CATALOGS``, or the shipped catalogs."""
    from ..catalogs.load import catalog_env_paths, load_catalogs, resolve_catalog_paths

    return load_catalogs(resolve_catalog_paths(specs or catalog_env_paths()), taxonomy=taxonomy)


def data_files(taxonomy: list[str] | None, catalog: list[str] | None = None, *, catalogs: bool = True) -> list[Path]:
    """The taxonomy files (and catalog files, if ``catalogs``) a command reads, as ``--taxonomy``,
    ``--catalog`` or the environment choose them: an ``--output`` must not be one of them."""
    from ..catalogs.load import catalog_env_paths, resolve_catalog_paths
    from ..datafiles import yaml_files
    from ..taxonomy import resolve_taxonomy_paths, taxonomy_env_paths

    paths = resolve_taxonomy_paths(taxonomy or taxonomy_env_paths())
    if catalogs:
        paths += resolve_catalog_paths(catalog or catalog_env_paths())
    return yaml_files(paths)


def get_matcher(specs: list[str] | None, **settings: object) -> SkillMatcher:
    """A fitted matcher for the chosen taxonomy, compiled once and cached on disk."""
    from ..matching import SkillMatcher
    from ..matching.cache import load_compiled
    from ..taxonomy import resolve_taxonomy_paths, taxonomy_env_paths

    if not specs:
        specs = taxonomy_env_paths()
    paths = resolve_taxonomy_paths(specs)
    taxonomy, index = load_compiled(paths)
    matcher = SkillMatcher(**settings).fit(taxonomy, index=index)  # type: ignore[arg-type]
    from ..matching.cache import load_local_index

    matcher.index_loader_ = lambda lang: load_local_index(paths, taxonomy, lang)
    return matcher


def parse_lang_option(value: str | None) -> tuple[str, ...] | None:
    """``--lang es,en`` as ("es", "en"); an unknown tag is a usage error (exit 2)."""
    if value is None:
        return None
    from ..matching.languages import parse_languages

    try:
        return parse_languages(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--lang") from None


def warn_unread(text: str) -> None:
    """Warn when part of a text is in a language crowdskills cannot read."""
    from ..matching.languages import LANGUAGE_NAMES, unread_languages
    from . import _output as out

    for lang in unread_languages(text):
        name = LANGUAGE_NAMES.get(lang, lang)
        out.warn(f"part of the text looks {name}, which crowdskills has no labels for: it was not read, "
                 f"so skills named there are not reported (add {lang} labels to the taxonomy to read it)")


class TableFormat(str, enum.Enum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


TextFieldOption = Annotated[str, typer.Option(
    "--text-field", metavar="NAME", help="JSONL key or CSV column that holds the text.")]
IdFieldOption = Annotated[str, typer.Option(
    "--id-field", metavar="NAME", help="JSONL key or CSV column that holds the record id.")]


def emit_rows(
    format: TableFormat, columns: list[str], rows: list[list[object]], *, json_data: object,
    title: str | None = None, caption: str | None = None,
) -> None:
    """Write rows as a table, CSV or markdown, or ``json_data`` as JSON."""
    from . import _output as out

    if format is TableFormat.json:
        out.write_json(json_data)
    elif format is TableFormat.csv:
        out.write_csv(columns, rows)
    elif format is TableFormat.markdown:
        if title:
            out.write_text(f"### {title}\n\n")
        out.write_markdown_table(columns, rows)
        out.write_text("\n")
    else:
        out.print_table(columns, rows, title=title, caption=caption)
