"""Catalogs out: schema.org ``Course`` JSON-LD for a provider's web pages, and CSV for spreadsheets.

The JSON-LD follows schema.org and what search engines ask of course markup: each course has
a ``provider`` Organization, ``offers`` (price and currency, or a free offer), a
``hasCourseInstance`` with the course mode and workload, ``timeRequired``, ``inLanguage`` and
``teaches`` as DefinedTerms of the crowdskills taxonomy (with their ESCO URIs where known).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from .models import Course, Taxonomy

CSV_COLUMNS = (
    "id", "name", "provider", "url", "description", "teaches", "coursePrerequisites", "timeRequired",
    "hours", "inLanguage", "educationalLevel", "courseMode", "credential", "isAccessibleForFree",
    "price", "currency", "lastVerified", "factSource",
)


def course_jsonld(course: Course, taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """One course as a schema.org ``Course`` object (without ``@context``)."""
    node: dict[str, Any] = {
        "@type": "Course",
        "@id": course.url,
        "identifier": course.id,
        "name": course.name,
        "description": course.description,
        "url": course.url,
        "provider": {"@type": "Organization", "name": course.provider},
        "inLanguage": list(course.in_language) if len(course.in_language) > 1 else course.in_language[0],
        "isAccessibleForFree": course.is_free,
    }
    offer: dict[str, Any] = {"@type": "Offer", "category": "Free" if course.is_free else "Paid"}
    if course.price is not None:
        offer["price"] = course.price
        offer["priceCurrency"] = course.currency
    elif course.is_free:
        offer["price"] = 0
    if course.is_free or course.price is not None:
        node["offers"] = [offer]
    instance: dict[str, Any] = {"@type": "CourseInstance", "courseMode": course.course_mode}
    if course.time_required:
        node["timeRequired"] = course.time_required
        instance["courseWorkload"] = course.time_required
    node["hasCourseInstance"] = [instance]
    if course.educational_level:
        node["educationalLevel"] = course.educational_level
    if course.credential != "none":
        node["educationalCredentialAwarded"] = course.credential
    node["teaches"] = [_term(t.skill, taxonomy) for t in course.teaches]
    if course.prerequisites:
        node["coursePrerequisites"] = [_term(s, taxonomy) for s in course.prerequisites]
    if course.last_verified:
        node["dateModified"] = course.last_verified
    return node


def _term(skill_id: str, taxonomy: Taxonomy | None) -> dict[str, Any]:
    term: dict[str, Any] = {"@type": "DefinedTerm", "termCode": skill_id, "inDefinedTermSet": "crowdskills taxonomy"}
    skill = taxonomy.skills.get(skill_id) if taxonomy is not None else None
    if skill is None:
        term["name"] = skill_id
        return term
    term["name"] = skill.pref_label
    esco = [c.id for c in skill.crosswalk if c.scheme == "esco" and c.match in ("exact", "close")]
    if esco:
        term["sameAs"] = esco[0]
    return term


def catalog_jsonld(courses: Sequence[Course], taxonomy: Taxonomy | None = None) -> dict[str, Any]:
    """A JSON-LD document with every course in an ``@graph``."""
    return {"@context": "https://schema.org", "@graph": [course_jsonld(c, taxonomy) for c in courses]}


def catalog_csv(courses: Sequence[Course]) -> str:
    """The courses as CSV (lists joined with ``|``), one row per course, in catalog field names."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for c in courses:
        writer.writerow([
            c.id, c.name, c.provider, c.url, c.description,
            "|".join(f"{t.skill}:{t.level}" for t in c.teaches), "|".join(c.prerequisites),
            c.time_required or "", "" if c.hours is None else f"{c.hours:g}", "|".join(c.in_language),
            c.educational_level or "", c.course_mode, c.credential, "true" if c.is_free else "false",
            "" if c.price is None else f"{c.price:g}", c.currency or "", c.last_verified or "", c.fact_source or "",
        ])
    return buf.getvalue()
