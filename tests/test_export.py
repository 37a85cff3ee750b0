"""schema.org JSON-LD export: what search engines accept, checked against the vocabulary itself."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from crowdskills import load_catalogs, load_taxonomy
from crowdskills.catalogs.export import catalog_csv, catalog_jsonld

from .conftest import MINI, Result
from .schemaorg import schema_org_problems

TAX = load_taxonomy(MINI)
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


def test_every_type_and_property_is_schema_org(graph: dict[str, dict[str, Any]]) -> None:
    shipped = catalog_jsonld(load_catalogs(), load_taxonomy())
    assert schema_org_problems(list(graph.values())) == []
    assert schema_org_problems(shipped) == []


def test_the_vocabulary_check_catches_what_schema_org_does_not_have() -> None:
    bad = {"@type": "Course", "courseWorkload": "PT3H", "name": 3,
           "teaches": {"@type": "DefinedTerm", "inDefinedTermSet": {"@type": "Offer"}},
           "coursePrerequisites": {"@type": "DefinedTerm", "termCode": "sql"}}
    assert schema_org_problems(bad) == [
        "$.courseWorkload: not a property of Course",  # it belongs to CourseInstance
        "$.name: 3 is not a Text",
        "$.teaches.inDefinedTermSet: {'@type': 'Offer'} is not a DefinedTermSet or URL",
        "$.coursePrerequisites: {'@type': 'DefinedTerm', 'termCode': 'sql'} is not a AlignmentObject or Course or Text",
    ]
    assert schema_org_problems({"@type": "Lesson"}) == ["$: unknown type Lesson"]


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


@pytest.mark.parametrize("format", ["jsonld", "csv"])
def test_cli_export_never_writes_over_a_catalog_it_reads(
    cli: Callable[..., Result], write: Callable[..., Path], tmp_path: Path, format: str
) -> None:
    mine = write(CATALOG, "mine.yaml")
    before = mine.read_bytes()
    for catalog in (str(mine), str(tmp_path)):
        r = cli("catalog", "export", "-f", format, "-c", catalog, "-t", str(MINI), "-o", str(mine), "--force")
        assert r.code == 1 and r.out == "", r.err
        assert r.err.startswith(f"Error: {mine} is also an input") and len(r.err.splitlines()) == 1
        assert mine.read_bytes() == before
    fine = cli("catalog", "export", "-f", format, "-c", str(mine), "-t", str(MINI), "-o", str(tmp_path / "out"))
    assert fine.code == 0, fine.err
