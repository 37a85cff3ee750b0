"""The ``crowdskills`` command: a thin typer layer over the library.

Only this package imports typer; only ``_output`` imports rich. Every library error is turned
into one ``Error: ...`` line on stderr and its exit code (see :class:`~crowdskills.ExitStatus`);
``--debug`` shows the traceback instead.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated, Optional

import typer

from .. import __version__
from ..errors import CrowdskillsError, ExitStatus
from . import batch, catalog, demand, gaps, plan, portfolio, rank, recommend, roles, skills, taxonomy

app = typer.Typer(
    name="crowdskills",
    help="Skills matching and just-in-time learning for online platform work.\n\n"
    "Find the skills a profile or job post shows, the gaps for a role, and short courses "
    "that close them.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.command(name="skills")(skills.skills)
app.command(name="rank")(rank.rank)
app.command(name="gaps")(gaps.gaps)
app.command(name="recommend")(recommend.recommend)
app.command(name="path")(gaps.path)
app.command(name="demand")(demand.demand)
app.command(name="batch")(batch.batch)
app.add_typer(taxonomy.app, name="taxonomy")
app.add_typer(roles.app, name="roles")
app.add_typer(catalog.app, name="catalog")
app.command(name="portfolio")(portfolio.portfolio)
app.add_typer(plan.app, name="plan")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"crowdskills {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        Optional[bool],  # noqa: UP045
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit."),
    ] = None,
    debug: Annotated[
        bool, typer.Option("--debug", help="Show a traceback when something fails.")
    ] = False,
) -> None:
    """Skills matching and just-in-time learning for online platform work."""


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``crowdskills`` command."""
    args = sys.argv[1:] if argv is None else argv
    debug = "--debug" in args or bool(os.environ.get("CROWDSKILLS_DEBUG"))
    from ._output import error

    try:
        app(args=args, prog_name="crowdskills", standalone_mode=True)
    except CrowdskillsError as exc:
        if debug:
            raise
        error(str(exc))
        sys.exit(int(exc.exit_code))
    except KeyboardInterrupt:
        sys.stderr.write("Interrupted.\n")
        sys.exit(int(ExitStatus.INTERRUPTED))
    except SystemExit as exc:
        if exc.code == ExitStatus.INTERRUPTED:  # typer turns Ctrl-C into a silent exit 130
            sys.stderr.write("Interrupted.\n")
        raise
    except BrokenPipeError:
        # the reader went away (e.g. `| head`): exit quietly, without a second error on flush
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(int(ExitStatus.OK))
