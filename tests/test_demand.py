"""`crowdskills demand`, `catalog coverage` and `catalog export`: what VET providers build next."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills import load_taxonomy
from crowdskills.catalogs.coverage import catalog_coverage, role_demand
from crowdskills.catalogs.export import catalog_csv, catalog_jsonld
from crowdskills.catalogs.load import load_catalogs
from crowdskills.corpus import Fields, iter_documents
from crowdskills.demand import period_of, skill_demand
from crowdskills.matching import SkillMatcher

from .conftest import DATA, MINI, Result

TAX = load_taxonomy(MINI)
JOBS = DATA / "jobs"
MINI_CATALOG = DATA / "mini_catalog"


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher().fit(TAX)


def test_documents_from_jsonl_csv_and_directories() -> None:
    docs = list(iter_documents([str(JOBS / "jobs.jsonl")], Fields(date="posted")))
    assert [d.id for d in docs] == ["j1", "j2", "j3", "j4", "j5", "j6", "j7", "8"]
    assert docs[0].date == "2026-01-12" and docs[0].source.endswith("jobs.jsonl:1")
    assert docs[5].error and "empty" in docs[5].error
    assert docs[7].error and "not valid JSON" in docs[7].error and "jobs.jsonl:8" in docs[7].error
    rows = list(iter_documents([str(JOBS / "jobs.csv")], Fields(text="body")))
    assert [(d.id, d.error) for d in rows] == [("c1", None), ("c2", None)]
    files = list(iter_documents([str(JOBS / "posts")]))
    assert [d.id for d in files] == ["a.txt", "b.md"]


def test_csv_without_the_text_column_is_a_clear_error() -> None:
    from crowdskills.errors import InputError

    with pytest.raises(InputError, match=r"no 'text' column.*--text-field"):
        list(iter_documents([str(JOBS / "jobs.csv")]))


def test_demand_counts_each_skill_once_per_post(matcher: SkillMatcher) -> None:
    report = skill_demand(iter_documents([str(JOBS / "jobs.jsonl")]), matcher)
    assert report.documents == 6 and len(report.failed) == 2
    by_id = {s.skill_id: s for s in report.skills}
    assert by_id["data-entry"].posts == 2 and by_id["data-entry"].share == round(2 / 6, 4)
    python = by_id["python-programming"]
    assert (python.posts, python.required, python.optional) == (3, 2, 1)
    assert report.skills[0].skill_id == "python-programming"  # most asked for first
    assert by_id["image-annotation"].posts == 2
    categories = {c.category: c.posts for c in report.categories}
    assert categories["technical"] == 6


def test_growth_between_first_and_last_period(matcher: SkillMatcher) -> None:
    docs = iter_documents([str(JOBS / "jobs.jsonl")], Fields(date="posted"))
    report = skill_demand(docs, matcher, period="quarter", sort="growth")
    assert report.periods == {"2026-Q1": 3, "2026-Q3": 2}
    assert report.undated == 1
    by_id = {s.skill_id: s for s in report.skills}
    assert by_id["python-programming"].by_period == {"2026-Q1": round(1 / 3, 4), "2026-Q3": 1.0}
    assert by_id["python-programming"].growth == round(100 * (1.0 - round(1 / 3, 4)), 2)
    assert by_id["data-entry"].growth == round(-100 * round(2 / 3, 4), 2)
    assert report.skills[0].skill_id == "python-programming"  # fastest growing first
    growths = [s.growth for s in report.skills]
    assert growths == sorted(growths, reverse=True)


@pytest.mark.parametrize(("date", "period", "key"), [
    ("2026-02-03", "month", "2026-02"), ("2026-02-03", "quarter", "2026-Q1"), ("2026-11-30T10:00:00Z", "quarter",
                                                                                 "2026-Q4"),
    ("2026", "year", "2026"), ("2026", "month", None), ("yesterday", "year", None), ("2026-13-01", "month", None),
])
def test_periods(date: str, period: str, key: str | None) -> None:
    assert period_of(date, period) == key


def test_cli_demand_json_and_exit_code(cli: Callable[..., Result]) -> None:
    r = cli("demand", str(JOBS / "jobs.jsonl"), "-t", str(MINI), "--date-field", "posted", "--format", "json")
    assert r.code == 4  # two records could not be read
    assert "jobs.jsonl:6" in r.err and "jobs.jsonl:8" in r.err and "1 posts have no readable 'posted'" in r.err
    data = json.loads(r.out)
    assert data["documents"] == 6 and data["failed"] == 2 and data["periods"] == {"2026-Q1": 3, "2026-Q3": 2}
    assert data["skills"][0]["skill_id"] == "python-programming" and data["skills"][0]["growth"] > 0


def test_cli_demand_reads_directories_and_csv(cli: Callable[..., Result]) -> None:
    r = cli("demand", str(JOBS / "posts"), str(JOBS / "jobs.csv"), "--text-field", "body", "-t", str(MINI),
            "-f", "csv", "--top", "2")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert [(row["skill_id"], row["posts"]) for row in rows] == [("data-entry", "2"), ("image-annotation", "2")]


def test_cli_demand_with_nothing_readable_fails(cli: Callable[..., Result], write: Callable[..., Path]) -> None:
    empty = write('{"id": 1, "text": ""}\n', name="e.jsonl")
    r = cli("demand", str(empty), "-t", str(MINI))
    assert r.code == 1 and "no job post could be read" in r.err


# --------------------------------------------------------------------------- coverage
def test_coverage_puts_uncovered_demand_first(matcher: SkillMatcher) -> None:
    courses = load_catalogs(MINI_CATALOG, taxonomy=TAX)
    weights = skill_demand(iter_documents([str(JOBS / "jobs.jsonl")]), matcher).weights()
    rows = catalog_coverage(TAX, courses, weights)
    by_id = {r.skill_id: r for r in rows}
    taught = {t.skill for c in courses for t in c.teaches}
    for r in rows:
        assert r.courses == sum(any(t.skill == r.skill_id for t in c.teaches) for c in courses)
        assert (r.status == "none") == (r.skill_id not in taught)
    assert rows[0].status != "good"
    assert [r.priority for r in rows] == sorted((r.priority for r in rows), reverse=True)
    assert by_id["python-programming"].shortest_hours == min(
        c.hours for c in courses if c.hours is not None and any(t.skill == "python-programming" for t in c.teaches))


def test_role_demand_weighs_essential_over_optional() -> None:
    weights = role_demand(TAX)
    assert weights["time-management"] == 1.0  # essential in both roles
    assert weights["data-entry"] == 0.5  # optional in both
    assert weights["proposal-writing"] == 0.75


def test_cli_coverage_with_demand_file(cli: Callable[..., Result], write: Callable[..., Path]) -> None:
    counts = write(json.dumps({"data-entry": 0.9, "python-programming": 0.1}), name="counts.json")
    r = cli("catalog", "coverage", "--demand-file", str(counts), "-c", str(MINI_CATALOG), "-t", str(MINI), "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [s["skill_id"] for s in data["skills"]] == ["data-entry", "python-programming"]
    assert data["skills"][0]["status"] == "none"
    bad = write("[1, 2]", name="bad.json")
    r = cli("catalog", "coverage", "--demand-file", str(bad), "-t", str(MINI), "-c", str(MINI_CATALOG))
    assert r.code == 1 and "not a demand file" in r.err


def test_cli_coverage_from_job_posts(cli: Callable[..., Result]) -> None:
    r = cli("catalog", "coverage", "--demand", str(JOBS / "jobs.csv"), "--text-field", "body",
            "-c", str(MINI_CATALOG), "-t", str(MINI), "-f", "csv")
    assert r.code == 0, r.err
    rows = list(csv.DictReader(io.StringIO(r.out)))
    assert {row["skill_id"] for row in rows} == {"data-entry", "image-annotation", "annotation-guidelines"}


def test_cli_coverage_demand_output_round_trips(cli: Callable[..., Result], tmp_path: Path) -> None:
    r = cli("demand", str(JOBS / "jobs.csv"), "--text-field", "body", "-t", str(MINI), "-f", "json")
    counts = tmp_path / "demand.json"
    counts.write_text(r.out, encoding="utf-8")
    r2 = cli("catalog", "coverage", "--demand-file", str(counts), "-c", str(MINI_CATALOG), "-t", str(MINI),
             "-f", "json")
    assert r2.code == 0, r2.err
    assert {s["skill_id"] for s in json.loads(r2.out)["skills"]} == {
        "data-entry", "image-annotation", "annotation-guidelines"}


# --------------------------------------------------------------------------- export
def test_jsonld_is_schema_org_course() -> None:
    courses = load_catalogs(MINI_CATALOG, taxonomy=TAX)
    doc = catalog_jsonld(courses, TAX)
    assert doc["@context"] == "https://schema.org"
    graph = doc["@graph"]
    assert len(graph) == len(courses)
    for node, course in zip(graph, courses):
        assert node["@type"] == "Course" and node["name"] == course.name and node["url"] == course.url
        assert node["provider"] == {"@type": "Organization", "name": course.provider}
        assert node["hasCourseInstance"][0]["@type"] == "CourseInstance"
        assert node["hasCourseInstance"][0]["courseMode"] == course.course_mode
        assert [t["termCode"] for t in node["teaches"]] == [t.skill for t in course.teaches]
        if course.time_required:
            assert node["timeRequired"] == course.time_required
            assert node["hasCourseInstance"][0]["courseWorkload"] == f"{course.time_required} in total"
        if course.price is not None:
            assert node["offers"][0]["price"] == course.price and node["offers"][0]["priceCurrency"] == course.currency
        elif course.is_free:
            assert node["offers"][0]["price"] == 0 and node["isAccessibleForFree"] is True
    python = next(n for n in graph if n["identifier"] == "python-long")
    assert python["teaches"][0]["sameAs"].startswith("http://data.europa.eu/esco/skill/")


def test_csv_export_has_one_row_per_course(cli: Callable[..., Result], tmp_path: Path) -> None:
    courses = load_catalogs(MINI_CATALOG, taxonomy=TAX)
    rows = list(csv.DictReader(io.StringIO(catalog_csv(courses))))
    assert [r["id"] for r in rows] == [c.id for c in courses]
    assert rows[1]["teaches"] == "image-annotation:2" and rows[1]["coursePrerequisites"] == "annotation-guidelines"
    out = tmp_path / "c.jsonld"
    r = cli("catalog", "export", "-c", str(MINI_CATALOG), "-t", str(MINI), "-o", str(out))
    assert r.code == 0 and json.loads(out.read_text(encoding="utf-8"))["@graph"]
    again = cli("catalog", "export", "-c", str(MINI_CATALOG), "-t", str(MINI), "-o", str(out))
    assert again.code == 1 and "--force" in again.err


def test_demand_reports_no_skill_from_a_heading_an_adjective_or_a_field_of_study(tmp_path: Path) -> None:
    """Sentences from real job posts (SkillSpan training split, see tests/data/gold-real)."""
    posts = [
        "Qualifications:\nA relevant master degree (MSc) or exam at similar level.\n"
        "Fluency in English and excellent communication skills.",
        "You have a University degree in relevant field of study (e.g. computer science engineering "
        "sciences) or a comparable qualification.\nExposure to Kotlin RxJava Dagger and GraphQL.",
        "With our learning culture we want to support your personal and professional growth.\n"
        "We are looking for team members that understand that simplicity and reliability are the key "
        "factors that need to be taken into account during decision-making.",
        "Work with our product team to understand their needs and translate these into technical "
        "back end work items. Build dashboards that drive decision-making.",
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("".join(json.dumps({"id": f"p{i}", "text": t}) + "\n" for i, t in enumerate(posts)),
                    encoding="utf-8")
    report = skill_demand(iter_documents([str(path)]), SkillMatcher().fit(load_taxonomy()))
    found = {s.skill_id for s in report.skills}
    assert report.documents == 4
    assert found.isdisjoint({"qualification-tests", "computer-basics", "professionalism", "reliability",
                             "decision-making", "translation"}), found
    assert {"english-spoken", "api-development", "android-dev"} <= found
