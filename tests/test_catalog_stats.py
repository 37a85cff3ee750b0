"""`crowdskills catalog stats` and the fact shares of `catalog validate`: what the catalogs hold."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills import load_catalogs, load_taxonomy
from crowdskills.catalogs import catalog_stats, first_party

from .conftest import DATA, MINI, Result

TAX = load_taxonomy(MINI)
COURSES = load_catalogs(DATA / "mini_catalog", taxonomy=TAX)


@pytest.mark.parametrize(("url", "provider", "source", "expected"), [
    ("https://www.example.org/a", "Example", None, True),  # no factSource: the course page itself
    ("https://www.open.edu/openlearn/x", "OpenLearn", "https://www.open.edu/openlearn/x/content", True),
    ("https://learn.example.co.uk/a", "Example", "https://www.example.co.uk/catalogue", True),
    ("https://www.freecodecamp.org/learn/x", "freeCodeCamp",
     "https://github.com/freeCodeCamp/freeCodeCamp/blob/main/intro.json", True),  # the provider's organisation
    ("https://learn.microsoft.com/training/x", "Microsoft Learn",
     "https://github.com/MicrosoftDocs/powerbi-docs/blob/main/a.md", True),  # named after the course's site
    ("https://developer.mozilla.org/docs/x", "MDN Web Docs (Mozilla)",
     "https://github.com/mdn/content/blob/main/index.md", True),  # a word of the provider's name
    ("https://cs50.harvard.edu/x/", "Harvard University (CS50)", "https://github.com/someone/CS50", False),
    ("https://www.codecademy.com/learn/html", "Codecademy", "https://github.com/mdn/content/blob/main/x.md", False),
    ("https://cs50.harvard.edu/ai/", "Harvard University (CS50)", "https://github.com/topics/problem-sets", False),
    ("https://www.example.com/course", "Example", "https://pdfcoffee.com/example-course.pdf", False),  # a mirror
    ("https://www.example.com/course", "Example", "https://www.classcentral.com/course/example", False),
    ("https://github.com/microsoft/AI-For-Beginners", "Microsoft",
     "https://github.com/microsoft/AI-For-Beginners/blob/main/README.md", True),
    ("https://github.com/microsoft/AI-For-Beginners", "Microsoft", "https://github.com/fork/AI-For-Beginners", False),
])
def test_first_party_facts(url: str, provider: str, source: str | None, expected: bool) -> None:
    course = dataclasses.replace(COURSES[0], url=url, provider=provider, fact_source=source)
    assert first_party(course) is expected


def test_stats_count_what_the_catalog_holds() -> None:
    s = catalog_stats(COURSES, TAX)
    assert (s.resources, s.providers) == (len(COURSES), len({c.provider for c in COURSES}))
    assert s.price_models == {"free": 4, "paid": 1}
    assert s.languages == {"en": 4, "es": 2} and s.not_english == 2
    assert s.kinds == {"course": 5}
    assert s.facts["length"] == sum(c.hours is not None for c in COURSES)
    # essential (role, skill, level): annotator needs annotation-guidelines at 2, taught only at 1;
    # time management at 1 is taught only by a paid course
    e = s.essential
    assert e.needs == 6 and e.covered == 3 and e.covered_free == 2
    assert (e.skills, e.skills_taught) == (5, 5)  # every essential skill is taught at some level
    assert ("annotator", "annotation-guidelines", 2) in e.uncovered
    assert e.not_free == (("annotator", "time-management", 1),)


def test_cli_stats_table_and_json(cli: Callable[..., Result]) -> None:
    fix = ["-t", str(MINI), "-c", str(DATA / "mini_catalog")]
    table = cli("catalog", "stats", *fix)
    assert table.code == 0, table.err
    assert "5 resources from 3 providers" in table.out
    assert "price models: free 4, paid 1" in table.out
    assert "taught at the level the role needs: 3 of 6 (50%)" in table.out
    data = json.loads(cli("catalog", "stats", "-f", "json", *fix).out)
    assert data["resources"] == 5 and data["price_models"] == {"free": 4, "paid": 1}
    assert data["essential_coverage"]["covered_free"] == 2
    assert 0 <= data["first_party_share"] <= 1 and data["facts"]["length"]["resources"] == 5


MINE = """courses:
  - id: mine-data-entry
    name: Data entry at my centre
    provider: My Centre
    url: https://my-centre.example/data-entry
    description: Keying data.
    teaches: [{skill: data-entry, level: 1}]
    priceModel: free
    inLanguage: [en]
    lastVerified: 2026-12-01
"""


def test_validate_plus_file_lists_only_that_files_problems(
    cli: Callable[..., Result], write: Callable[..., Path]
) -> None:
    mine = write(MINE, "mine.yaml")
    r = cli("catalog", "validate", f"+{mine}")
    assert r.code == 0, r.err
    lines = r.out.splitlines()
    assert len(lines) == 1 and "mine.yaml" in lines[0] and "C205" in lines[0]  # no timeRequired
    assert "1 valid courses: 0 errors, 1 warnings" in r.err and "--all lists them" in r.err
    assert "Facts stated: length 0 (0%), price model 1 (100%)" in r.err
    every = cli("catalog", "validate", f"+{mine}", "--all")
    assert len(every.out.splitlines()) > 1 and any("mine.yaml" not in line for line in every.out.splitlines())



def test_old_module_paths_still_work() -> None:
    import crowdskills.catalogs as catalogs
    from crowdskills import catalog, coverage, export, importer

    assert catalog.load_catalogs is catalogs.load_catalogs and catalog.duration_hours("PT2H") == 2
    assert catalog.MAX_PRICE == catalogs.load.MAX_PRICE and catalog.COURSE_SPEC is catalogs.load.COURSE_SPEC
    assert importer.import_catalog is catalogs.import_catalog and importer.parse_duration("1 day") == "PT7H"
    assert export.catalog_jsonld is catalogs.catalog_jsonld
    assert coverage.catalog_coverage is catalogs.catalog_coverage
