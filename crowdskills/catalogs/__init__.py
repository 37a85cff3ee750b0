"""Course catalogs: what they hold (:mod:`.stats`), importing spreadsheets, publishing, and coverage of demand.

Loading and validation are in :mod:`crowdskills.catalog`; import, export and coverage in
:mod:`crowdskills.importer`, :mod:`crowdskills.export` and :mod:`crowdskills.coverage`
(re-exported here; they move into this package once concurrent work on them has landed).
"""

from __future__ import annotations

from ..coverage import SkillCoverage, catalog_coverage, read_demand_file, role_demand
from ..export import catalog_csv, catalog_jsonld, course_jsonld
from ..importer import ImportResult, RowProblem, import_catalog
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
