"""Moved to :mod:`crowdskills.catalogs.export`; kept so that old imports work."""

from .catalogs.export import *  # noqa: F403
