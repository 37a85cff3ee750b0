"""Course catalogs: what they hold, importing spreadsheets, publishing, and coverage of demand.

- :mod:`.stats`: ``catalog stats`` and the fact shares of ``catalog validate``;
- :mod:`.importer`: spreadsheets in (``catalog import``);
- :mod:`.export`: schema.org JSON-LD and CSV out (``catalog export``);
- :mod:`.coverage`: how well catalogs cover the skills in demand (``catalog coverage``).

Loading and validation are in :mod:`crowdskills.catalog`. The old module paths
``crowdskills.importer``, ``crowdskills.export`` and ``crowdskills.coverage`` still work.
"""

from __future__ import annotations

from .coverage import SkillCoverage, catalog_coverage, read_demand_file, role_demand
from .export import catalog_csv, catalog_jsonld, course_jsonld
from .importer import ImportResult, RowProblem, import_catalog
from .stats import CatalogStats, EssentialCoverage, catalog_stats, fact_counts, first_party

__all__ = [
    "CatalogStats",
    "EssentialCoverage",
    "ImportResult",
    "RowProblem",
    "SkillCoverage",
    "catalog_coverage",
    "catalog_csv",
    "catalog_jsonld",
    "catalog_stats",
    "course_jsonld",
    "fact_counts",
    "first_party",
    "import_catalog",
    "read_demand_file",
    "role_demand",
]
