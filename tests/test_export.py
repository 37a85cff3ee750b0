"""schema.org JSON-LD export: what search engines accept, checked against the vocabulary itself."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crowdskills import load_catalogs, load_taxonomy
from crowdskills.export import catalog_csv, catalog_jsonld

from .conftest import DATA, MINI

TAX = load_taxonomy(MINI)
S = "https://schema.org/"
VOCAB = DATA / "schemaorg"
# strings stand for these: data types, and Duration, which JSON-LD writes as an ISO 8601 string
STRING_RANGES = {"Text", "URL", "Date", "DateTime", "Duration"}

CATALOG = """courses:
  - id: free-one
    name: Free one
    provider: Example Academy
    url: https://example.org/free
    description: Free course.
    teaches: [{skill: data-entry, level: 1}]
    timeRequired: PT6H
    courseWorkload: PT2H per week
    priceModel: free
    inLanguage: [en]
    credential: certificate
    lastVerified: 2026-12-01
  - id: audit-one
    name: Audit one
    provider: Example University
    url: https://example.org/audit
    description: Free to audit, certificate paid.
    teaches: [{skill: python-programming, level: 2}]
    coursePrerequisites: [data-entry]
    priceModel: free-to-audit
    offers: {price: 49, currency: USD, note: certificate}
    inLanguage: [en, es]
    educationalLevel: intermediate
    lastVerified: 2026-12-01
  - id: paid-one
    name: Paid one
    provider: Example VET
    url: https://example.org/paid
    description: Paid course.
    teaches: [{skill: proposal-writing, level: 1}]
    timeRequired: PT3H
    priceModel: paid
    offers: {price: 1200, currency: EUR}
    inLanguage: [de]
    learningResourceType: certification
    lastVerified: 2026-12-01
  - id: funded-one
    name: Funded one
    provider: Example Agency
    url: https://example.org/funded
    description: Funded for residents.
    teaches: [{skill: time-management, level: 1}]
    priceModel: funded
    inLanguage: [fr]
    lastVerified: 2026-12-01
  - id: unknown-one
    name: Unknown one
    provider: Example Platform
    url: https://example.org/guide
    description: A platform guide.
    teaches: [{skill: data-entry, level: 1}]
    inLanguage: [pt-BR]
    learningResourceType: guide
    lastVerified: 2026-12-01
"""


@pytest.fixture
def graph(write: Callable[..., Path]) -> dict[str, dict[str, Any]]:
    courses = load_catalogs(write(CATALOG), taxonomy=TAX)
    return {n["identifier"]: n for n in catalog_jsonld(courses, TAX)["@graph"]}


def _rows(name: str) -> dict[str, dict[str, str]]:
    with open(VOCAB / name, encoding="utf-8", newline="") as f:
        return {r["label"]: r for r in csv.DictReader(f)}


def _ids(cell: str) -> set[str]:
    return {x.strip().removeprefix(S) for x in cell.split(",") if x.strip()}


TYPES = _rows("types.csv")
PROPERTIES = _rows("properties.csv")


def _ancestors(name: str) -> set[str]:
    out, stack = set(), [name]
    while stack:
        t = stack.pop()
        if t not in out and t in TYPES:
            out.add(t)
            stack.extend(_ids(TYPES[t]["subTypeOf"]))
    return out


def _value_fits(value: Any, ranges: set[str]) -> bool:
    if isinstance(value, dict):
        return bool(_ancestors(value["@type"]) & ranges)
    if isinstance(value, bool):
        return "Boolean" in ranges
    if isinstance(value, int) and "Integer" in ranges:
        return True
    if isinstance(value, (int, float)):
        return "Number" in ranges
    return isinstance(value, str) and bool(STRING_RANGES & ranges)


def _problems(node: dict[str, Any], where: str) -> Iterator[str]:
    kind = node["@type"]
    if kind not in TYPES:
        yield f"{where}: type {kind} is not in the schema.org vocabulary"
        return
    types = _ancestors(kind)
    for key, value in node.items():
        if key.startswith("@"):
            continue
        prop = PROPERTIES.get(key)
        if prop is None:
            yield f"{where}: property {key} is not in the schema.org vocabulary"
            continue
        if prop["supersededBy"]:
            yield f"{where}: {key} is superseded by {prop['supersededBy']}"
        if not _ids(prop["domainIncludes"]) & types:
            yield f"{where}: {key} is not a property of {kind}"
        for i, v in enumerate(value if isinstance(value, list) else [value]):
            if not _value_fits(v, _ids(prop["rangeIncludes"])):
                yield f"{where}.{key}[{i}]: {v!r} is not one of {prop['rangeIncludes']}"
            if isinstance(v, dict):
                yield from _problems(v, f"{where}.{key}[{i}]")


def test_every_type_and_property_is_schema_org(graph: dict[str, dict[str, Any]]) -> None:
    shipped = catalog_jsonld(load_catalogs(), load_taxonomy())["@graph"]
    nodes = [*graph.values(), *shipped]
    assert [p for i, n in enumerate(nodes) for p in _problems(n, f"course {i}")] == []


def test_the_vocabulary_check_catches_what_schema_org_does_not_have() -> None:
    bad = {"@type": "Course", "courseWorkload": "PT3H", "inDefinedTermSet": "crowdskills taxonomy",
           "offers": {"@type": "Offer", "price": "free"}, "name": 3}
    found = list(_problems(bad, "c"))
    assert any("courseWorkload is not a property of Course" in p for p in found)
    assert any("inDefinedTermSet is not a property of Course" in p for p in found)
    assert any(p.startswith("c.name[0]") for p in found)
    assert list(_problems({"@type": "Lesson"}, "c")) == ["c: type Lesson is not in the schema.org vocabulary"]


def test_offers_follow_the_price_model(graph: dict[str, dict[str, Any]]) -> None:
    assert all(n["offers"] for n in graph.values())  # every course has offers
    free = graph["free-one"]
    assert free["isAccessibleForFree"] is True
    assert free["offers"] == [{"@type": "Offer", "url": "https://example.org/free", "category": "Free", "price": 0}]
    audit = graph["audit-one"]
    assert audit["isAccessibleForFree"] is True
    assert [(o["category"], o["price"]) for o in audit["offers"]] == [("Partially Free", 0), ("Paid", 49)]
    assert audit["offers"][1]["priceCurrency"] == "USD"
    paid = graph["paid-one"]
    assert paid["isAccessibleForFree"] is False
    assert paid["offers"][0] | {} == {"@type": "Offer", "url": "https://example.org/paid", "category": "Paid",
                                      "price": 1200, "priceCurrency": "EUR"}
    # funded (free for some learners) and unknown: isAccessibleForFree is not known, so not said
    assert "isAccessibleForFree" not in graph["funded-one"] and "isAccessibleForFree" not in graph["unknown-one"]
    assert graph["funded-one"]["offers"][0]["category"] == "Partially Free"
    assert graph["unknown-one"]["offers"] == [{"@type": "Offer", "url": "https://example.org/guide"}]


def test_course_instance_has_workload_per_week_or_total_described_as_such(
    graph: dict[str, dict[str, Any]],
) -> None:
    (weekly,) = graph["free-one"]["hasCourseInstance"]
    assert weekly["courseMode"] == "online" and weekly["courseWorkload"] == "PT2H per week"
    assert weekly["courseSchedule"] == {"@type": "Schedule", "duration": "PT2H", "repeatFrequency": "P1W",
                                        "repeatCount": 3}
    (total,) = graph["paid-one"]["hasCourseInstance"]
    assert total["courseWorkload"] == "PT3H in total" and "courseSchedule" not in total
    # a course whose provider states no length gets no invented workload
    assert "courseWorkload" not in graph["funded-one"]["hasCourseInstance"][0]


def test_taught_skills_are_terms_of_a_defined_term_set_with_a_url(graph: dict[str, dict[str, Any]]) -> None:
    term = graph["audit-one"]["teaches"][0]
    assert term["termCode"] == "python-programming"
    assert term["inDefinedTermSet"]["@type"] == "DefinedTermSet"
    assert term["inDefinedTermSet"]["url"].startswith("https://")
    # schema.org's coursePrerequisites takes an AlignmentObject, Course or Text, not a DefinedTerm
    assert graph["audit-one"]["coursePrerequisites"] == [{
        "@type": "AlignmentObject", "alignmentType": "requires", "targetName": "data entry",
        "educationalFramework": "crowdskills skill taxonomy"}]
    assert graph["paid-one"]["learningResourceType"] == "certification"
    assert graph["unknown-one"]["inLanguage"] == "pt-BR"


def test_csv_follows_the_price_model(write: Callable[..., Path]) -> None:
    rows = {r["id"]: r for r in csv.DictReader(catalog_csv(load_catalogs(write(CATALOG), taxonomy=TAX)).splitlines())}
    assert [rows[i]["isAccessibleForFree"] for i in ("free-one", "audit-one", "paid-one", "funded-one",
                                                     "unknown-one")] == ["true", "true", "false", "", ""]
    assert rows["audit-one"]["priceModel"] == "free-to-audit" and rows["audit-one"]["price"] == "49"
    assert rows["unknown-one"]["learningResourceType"] == "guide"
    assert rows["free-one"]["courseWorkload"] == "PT2H per week"
