"""Moved to :mod:`crowdskills.catalogs.importer`; kept so that old imports work."""

from .catalogs.importer import *  # noqa: F403
