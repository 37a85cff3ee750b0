"""Catalogs out: schema.org ``Course`` JSON-LD for a provider's web pages, and CSV for spreadsheets.

The JSON-LD follows schema.org and what search engines ask of course markup: each course has
a ``provider`` Organization, ``offers`` following its price model (price 0 when free, price and
currency when paid, a second offer for the certificate of a free-to-audit course, only the
course page when the price is unknown), ``isAccessibleForFree`` only when that is known, a
``hasCourseInstance`` with the course mode and the workload per week (with a ``courseSchedule``)
or else the total length described as such, ``timeRequired``, ``inLanguage`` and ``teaches`` as
DefinedTerms in the crowdskills taxonomy's DefinedTermSet (with their ESCO URIs where known).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from typing import Any

from ..models import Course, Taxonomy
from .load import duration_hours

CSV_COLUMNS = (
    "id", "name", "provider", "url", "description", "teaches", "coursePrerequisites", "timeRequired",
    "hours", "inLanguage", "educationalLevel", "courseMode", "credential", "isAccessibleForFree",
    "price", "currency", "lastVerified", "factSource", "priceModel", "learningResourceType", "courseWorkload",
)
#: The skill taxonomy every ``teaches`` term belongs to (schema.org expects a DefinedTermSet or URL).
TERM_SET: dict[str, str] = {
    "@type": "DefinedTermSet",
    "@id": "https://github.com/crowdskills/crowdskills/tree/main/taxonomy",
    "name": "crowdskills skill taxonomy",
    "url": "https://github.com/crowdskills/crowdskills/tree/main/taxonomy",
}
#: schema.org Offer ``category`` for each price model, as search engines read it.
OFFER_CATEGORY = {"free": "Free", "free-to-audit": "Partially Free", "funded": "Partially Free", "paid": "Paid"}


def accessible_for_free(course: Course) -> bool | None:
    """``isAccessibleForFree`` as far as it is known: None for funded (free only for some) and unknown."""
    return {"free": True, "free-to-audit": True, "paid": False}.get(course.pricing)


def _offers(course: Course) -> list[dict[str, Any]]:
    """One offer per way to take the course; an offer of unknown price only points to the course page."""
    offer: dict[str, Any] = {"@type": "Offer", "url": course.url}
    model = course.pricing
    if model in OFFER_CATEGORY:
        offer["category"] = OFFER_CATEGORY[model]
    if course.is_free:
        offer["price"] = 0
        if course.currency:
            offer["priceCurrency"] = course.currency
    elif course.price is not None:
        offer["price"] = course.price
        offer["priceCurrency"] = course.currency
    offers = [offer]
    if model == "free-to-audit" and course.price:
        offers.append({"@type": "Offer", "url": course.url, "category": "Paid", "price": course.price,
                       "priceCurrency": course.currency, "description": "certificate"})
    return offers


def _instance(course: Course) -> dict[str, Any]:
    """The CourseInstance: mode, and the workload per week as stated, else the total length, so described."""
    instance: dict[str, Any] = {"@type": "CourseInstance", "courseMode": course.course_mode}
    if course.course_workload:
        instance["courseWorkload"] = course.course_workload
        duration, _, period = course.course_workload.partition(" per ")
        schedule: dict[str, Any] = {"@type": "Schedule", "duration": duration,
                                    "repeatFrequency": "P1W" if period == "week" else "P1M"}
        per = duration_hours(duration)
        if course.hours and per:
            schedule["repeatCount"] = math.ceil(course.hours / per - 1e-9)
        instance["courseSchedule"] = schedule
    elif course.time_required:
        instance["courseWorkload"] = f"{course.time_required} in total"
    return instance


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
        "learningResourceType": course.learning_resource_type,
    }
    free = accessible_for_free(course)
    if free is not None:
        node["isAccessibleForFree"] = free
    node["offers"] = _offers(course)
    if course.time_required:
        node["timeRequired"] = course.time_required
    node["hasCourseInstance"] = [_instance(course)]
    if course.educational_level:
        node["educationalLevel"] = course.educational_level
    if course.credential != "none":
        node["educationalCredentialAwarded"] = course.credential
    node["teaches"] = [_term(t.skill, taxonomy) for t in course.teaches]
    if course.prerequisites:
        node["coursePrerequisites"] = [_requirement(s, taxonomy) for s in course.prerequisites]
    if course.last_verified:
        node["dateModified"] = course.last_verified
    return node


def _term(skill_id: str, taxonomy: Taxonomy | None) -> dict[str, Any]:
    term: dict[str, Any] = {"@type": "DefinedTerm", "termCode": skill_id, "inDefinedTermSet": TERM_SET}
    skill = taxonomy.skills.get(skill_id) if taxonomy is not None else None
    if skill is None:
        term["name"] = skill_id
        return term
    term["name"] = skill.pref_label
    esco = [c.id for c in skill.crosswalk if c.scheme == "esco" and c.match in ("exact", "close")]
    if esco:
        term["sameAs"] = esco[0]
    return term


def _requirement(skill_id: str, taxonomy: Taxonomy | None) -> dict[str, Any]:
    """A prerequisite skill as an AlignmentObject (schema.org's range for coursePrerequisites)."""
    term = _term(skill_id, taxonomy)
    node: dict[str, Any] = {"@type": "AlignmentObject", "alignmentType": "requires", "targetName": term["name"],
                            "educationalFramework": TERM_SET["name"]}
    if "sameAs" in term:
        node["targetUrl"] = term["sameAs"]
    return node


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
            c.educational_level or "", c.course_mode, c.credential,
            {True: "true", False: "false", None: ""}[accessible_for_free(c)],
            "" if c.price is None else f"{c.price:g}", c.currency or "", c.last_verified or "", c.fact_source or "",
            c.pricing, c.learning_resource_type, c.course_workload or "",
        ])
    return buf.getvalue()
