"""Options shared by several commands, and loading what they need."""

from __future__ import annotations

import enum
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from ..models import Taxonomy

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


def get_matcher(specs: list[str] | None, **settings: object) -> SkillMatcher:
    """A fitted matcher for the chosen taxonomy, compiled once and cached on disk."""
    from ..matching import SkillMatcher
    from ..matching.cache import load_compiled
    from ..taxonomy import resolve_taxonomy_paths, taxonomy_env_paths

    if not specs:
        specs = taxonomy_env_paths()
    taxonomy, index = load_compiled(resolve_taxonomy_paths(specs))
    return SkillMatcher(**settings).fit(taxonomy, index=index)  # type: ignore[arg-type]
