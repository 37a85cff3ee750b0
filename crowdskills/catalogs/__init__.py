"""Course catalogs: loading and validation, what they hold, spreadsheets in, JSON-LD out, coverage.

- :mod:`.load`: read and validate catalog YAML (``catalog validate``, ``--catalog``);
- :mod:`.stats`: ``catalog stats`` and the fact shares of ``catalog validate``;
- :mod:`.importer`: spreadsheets in (``catalog import``);
- :mod:`.export`: schema.org JSON-LD and CSV out (``catalog export``);
- :mod:`.coverage`: how well catalogs cover the skills in demand (``catalog coverage``).

The old module paths ``crowdskills.catalog``, ``crowdskills.importer``, ``crowdskills.export``
and ``crowdskills.coverage`` still import.
"""

from __future__ import annotations

from .coverage import SkillCoverage, catalog_coverage, read_demand_file, role_demand
from .export import catalog_csv, catalog_jsonld, course_jsonld
from .importer import ImportResult, RowProblem, import_catalog
from .load import catalog_schema, check_catalog_text, check_catalogs, load_catalogs, shipped_catalogs_dir
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
    "catalog_schema",
    "catalog_stats",
    "check_catalog_text",
    "check_catalogs",
    "course_jsonld",
    "fact_counts",
    "first_party",
    "import_catalog",
    "load_catalogs",
    "read_demand_file",
    "role_demand",
    "shipped_catalogs_dir",
]
