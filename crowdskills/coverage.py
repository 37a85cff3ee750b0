"""Moved to :mod:`crowdskills.catalogs.coverage`; kept so that old imports work."""

from .catalogs.coverage import *  # noqa: F403
