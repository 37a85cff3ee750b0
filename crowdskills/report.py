"""Moved to :mod:`crowdskills.advice.report`; kept so that old imports work."""

from .advice.report import *  # noqa: F403
