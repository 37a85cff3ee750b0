"""Errors, exit codes and problem records.

The library never prints or exits: it raises :class:`CrowdskillsError` subclasses, each
carrying the exit code the CLI should use, and validation returns :class:`Problem` records.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class ExitStatus(enum.IntEnum):
    """Exit codes of the ``crowdskills`` command (documented in README)."""

    OK = 0
    ERROR = 1  # could not do the job: missing file, unknown id, bad input text
    USAGE = 2  # bad command line (typer/click's own code)
    INVALID = 3  # validation found problems
    PARTIAL = 4  # a batch finished with some records failed
    INTERRUPTED = 130


class CrowdskillsError(Exception):
    """Base class of every error the library raises on purpose.

    The message reads ``what happened. How to fix it.``; the CLI prints it on one line.
    """

    exit_code: ExitStatus = ExitStatus.ERROR


class InputError(CrowdskillsError):
    """A file or text given by the user cannot be used."""


class NotFoundError(CrowdskillsError):
    """An id (skill, role, course) is not known."""


class ValidationError(CrowdskillsError):
    """Data failed validation; ``problems`` holds every problem found."""

    exit_code = ExitStatus.INVALID

    def __init__(self, message: str, problems: list[Problem]) -> None:
        super().__init__(message)
        self.problems = problems


class Severity(str, enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    """One problem found in a data file, located by path, line and column (1-based)."""

    path: str
    line: int
    col: int
    code: str
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.severity.value} {self.code} {self.message}"

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR
