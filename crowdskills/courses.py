"""Moved to :mod:`crowdskills.advice.courses`; kept so that old imports work."""

from .advice.courses import *  # noqa: F403
