"""Moved to :mod:`crowdskills.catalogs.load`; kept so that old imports work."""

from .catalogs.load import *  # noqa: F403
