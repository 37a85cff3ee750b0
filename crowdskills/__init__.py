"""crowdskills: skills matching and just-in-time learning for online platform work.

The public Python API::

    import crowdskills

    taxonomy = crowdskills.load_taxonomy()          # the shipped taxonomy
    taxonomy.role("virtual-assistant").essential_skills
    crowdskills.search_skills(taxonomy, "photoshp")
"""

from __future__ import annotations

from .catalog import check_catalogs, load_catalogs
from .errors import (
    CrowdskillsError,
    ExitStatus,
    InputError,
    NotFoundError,
    Problem,
    ValidationError,
)
from .matching import SkillMatcher
from .models import CATEGORIES, Course, CourseSkill, Crosswalk, Evidence, Match, Role, RoleSkill, Skill, Taxonomy
from .search import SearchHit, search_skills, taxonomy_stats
from .taxonomy import check_taxonomy, load_taxonomy, shipped_taxonomy_dir, taxonomy_schema

__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "Course",
    "CourseSkill",
    "Crosswalk",
    "CrowdskillsError",
    "Evidence",
    "ExitStatus",
    "InputError",
    "Match",
    "NotFoundError",
    "Problem",
    "Role",
    "RoleSkill",
    "SearchHit",
    "Skill",
    "SkillMatcher",
    "Taxonomy",
    "ValidationError",
    "__version__",
    "check_catalogs",
    "check_taxonomy",
    "load_catalogs",
    "load_taxonomy",
    "search_skills",
    "shipped_taxonomy_dir",
    "taxonomy_schema",
    "taxonomy_stats",
]
