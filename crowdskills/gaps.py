"""Moved to :mod:`crowdskills.advice.gaps`; kept so that old imports work."""

from .advice.gaps import *  # noqa: F403
