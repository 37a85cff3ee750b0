"""crowdskills: skills matching and just-in-time learning for online platform work.

The public Python API::

    import crowdskills

    taxonomy = crowdskills.load_taxonomy()          # the shipped taxonomy
    taxonomy.role("virtual-assistant").essential_skills
    crowdskills.search_skills(taxonomy, "photoshp")
    matcher = crowdskills.SkillMatcher().fit(taxonomy)
    report = crowdskills.gap_report(profile_text, matcher, crowdskills.load_catalogs(), role_id="data-analyst")
    for record in crowdskills.run_batch(crowdskills.iter_documents(["posts.jsonl"])): ...
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .advice import (
        GapReport,
        choose_courses,
        find_gaps,
        gap_report,
        held_skills,
        job_target,
        learning_plan,
        read_goal,
        recommend,
        role_target,
    )
    from .batch import BatchSettings, run_batch, run_batch_lines
    from .catalogs.load import check_catalogs, load_catalogs
    from .corpus import Document, Fields, iter_documents
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

# Names are imported on first use, so that `crowdskills --help` does not pay for YAML,
# rapidfuzz or scikit-learn.
_LAZY = {
    "BatchSettings": "batch",
    "run_batch": "batch",
    "run_batch_lines": "batch",
    "Document": "corpus",
    "Fields": "corpus",
    "iter_documents": "corpus",
    "find_gaps": "advice",
    "held_skills": "advice",
    "job_target": "advice",
    "role_target": "advice",
    "learning_plan": "advice",
    "recommend": "advice",
    "choose_courses": "advice",
    "read_goal": "advice",
    "GapReport": "advice",
    "gap_report": "advice",
    "check_catalogs": "catalogs.load",
    "load_catalogs": "catalogs.load",
    "CrowdskillsError": "errors",
    "ExitStatus": "errors",
    "InputError": "errors",
    "NotFoundError": "errors",
    "Problem": "errors",
    "ValidationError": "errors",
    "SkillMatcher": "matching",
    "CATEGORIES": "models",
    "Course": "models",
    "CourseSkill": "models",
    "Crosswalk": "models",
    "Evidence": "models",
    "Match": "models",
    "Role": "models",
    "RoleSkill": "models",
    "Skill": "models",
    "Taxonomy": "models",
    "SearchHit": "search",
    "search_skills": "search",
    "taxonomy_stats": "search",
    "check_taxonomy": "taxonomy",
    "load_taxonomy": "taxonomy",
    "shipped_taxonomy_dir": "taxonomy",
    "taxonomy_schema": "taxonomy",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'crowdskills' has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "CATEGORIES",
    "BatchSettings",
    "Course",
    "CourseSkill",
    "Crosswalk",
    "CrowdskillsError",
    "Document",
    "Evidence",
    "ExitStatus",
    "Fields",
    "GapReport",
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
    "choose_courses",
    "find_gaps",
    "gap_report",
    "held_skills",
    "iter_documents",
    "job_target",
    "learning_plan",
    "load_catalogs",
    "load_taxonomy",
    "read_goal",
    "recommend",
    "role_target",
    "run_batch",
    "run_batch_lines",
    "search_skills",
    "shipped_taxonomy_dir",
    "taxonomy_schema",
    "taxonomy_stats",
]
