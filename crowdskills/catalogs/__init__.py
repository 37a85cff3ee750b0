"""Course catalogs: what they hold (:mod:`.stats`).

Loading, validation, import and export still live in :mod:`crowdskills.catalog`,
:mod:`crowdskills.importer` and :mod:`crowdskills.export`.
"""

from __future__ import annotations

from .stats import CatalogStats, EssentialCoverage, catalog_stats, fact_counts, first_party

__all__ = ["CatalogStats", "EssentialCoverage", "catalog_stats", "fact_counts", "first_party"]
