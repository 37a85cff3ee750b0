"""`crowdskills portfolio`, `gaps --format html`, the JSON Resume and JSON-LD exports, and JSON Resume profiles."""

from __future__ import annotations

import json
import re
import textwrap
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crowdskills.taxonomy import load_taxonomy

from .conftest import DATA, MINI, Result
from .schemaorg import schema_org_problems

Cli = Callable[..., Result]
FIX = ["-t", str(MINI), "-c", str(DATA / "mini_catalog")]
RESUME = DATA / "jsonresume"
PROFILE = "I do data entry and image annotation on MTurk. I want to learn Python."


class _Tags(HTMLParser):
    """Start tags with their attributes, in document order."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


# --------------------------------------------------------------------------- the page
def test_page_is_self_contained_and_shows_every_part(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    r = cli("portfolio", PROFILE, "--role", "annotator", "-o", str(out), *FIX)
    assert r.code == 0, r.err
    page = out.read_text(encoding="utf-8")
    found = tags(page)
    names = [t for t, _ in found]
    assert "script" not in names and "link" not in names and "img" not in names and "iframe" not in names
    assert not any(a.get("src") for _, a in found) and "url(" not in page and "@import" not in page
    assert ('html', {"lang": "en"}) in found
    assert [a["id"] for t, a in found if t == "section"] == ["skills", "goal", "plan", "learning"]
    # evidence quoted from the profile, the gaps and the plan's courses with their links and facts
    assert "<mark>data entry</mark>" in page and "<mark>image annotation</mark>" in page
    assert 'href="https://example.org/guidelines"' in page and "2 h" in page
    assert "Reading labelling guidelines" in page and "Wants to learn: Python programming." in page
    assert "No completed learning recorded yet" in page


def test_unknown_course_length_is_never_guessed(cli: Cli, write: Callable[..., Path], tmp_path: Path) -> None:
    cat = write("""
        courses:
          - id: time-basics
            name: Time basics
            provider: Example Academy
            url: https://example.org/time
            description: Planning a working week.
            teaches: [{skill: time-management, level: 1}]
            isAccessibleForFree: true
            inLanguage: [en]
            lastVerified: 2026-11-24
        """, "extra.yaml")
    out = tmp_path / "page.html"
    r = cli("portfolio", PROFILE, "--role", "annotator", "-o", str(out), "-t", str(MINI), "-c", str(cat))
    assert r.code == 0, r.err
    page = out.read_text(encoding="utf-8")
    step = re.search(r'<li><a href="https://example.org/time">Time basics</a><dl>(.*?)</dl>', page)
    assert step, page
    assert "<dt>Length</dt><dd>length not stated</dd>" in step.group(1)
    assert re.search(r"\d h", page) is None and "est." not in page  # no hours anywhere: none is stated


def test_page_without_skills_says_so_instead_of_an_empty_chart(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    r = cli("portfolio", "I like long walks and my cat.", "--role", "annotator", "-o", str(out), *FIX)
    assert r.code == 0, r.err
    page = out.read_text(encoding="utf-8")
    assert "No skills were found in this profile" in page and "<svg" not in page


def test_chart_counts_skills_per_category_with_a_text_alternative(cli: Cli) -> None:
    r = cli("portfolio", PROFILE, "--role", "annotator", *FIX)
    assert r.code == 0, r.err
    svg = re.search(r"<svg.*?</svg>", r.out, re.DOTALL)
    assert svg
    attrs = dict(tags(svg.group(0))[0][1])
    assert attrs["role"] == "img"
    ids = (attrs["aria-labelledby"] or "").split()
    for i in ids:
        assert re.search(rf'id="{i}">[^<]+<', svg.group(0)), i
    # data entry and image annotation are technical in the mini taxonomy
    assert "technical/core skills: 2" in svg.group(0)


def test_portfolio_is_not_overwritten_without_force(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "page.html"
    out.write_text("mine")
    r = cli("portfolio", PROFILE, "--role", "annotator", "-o", str(out), *FIX)
    assert r.code == 1 and "--force" in r.err and out.read_text() == "mine"


def test_missing_profile_is_one_error_line(cli: Cli, tmp_path: Path) -> None:
    r = cli("portfolio", str(tmp_path / "nope.txt"), *FIX)
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("Error:") and r.err.count("\n") == 1 and "nope.txt" in r.err


def test_gaps_html_is_the_plan_alone(cli: Cli, tmp_path: Path) -> None:
    r = cli("gaps", PROFILE, "--role", "annotator", "-f", "html", *FIX)
    assert r.code == 0, r.err
    ids = [a["id"] for t, a in tags(r.out) if t == "section"]
    assert ids == ["goal", "plan"] and "<h1>My learning plan</h1>" in r.out
    out = tmp_path / "plan.html"
    assert cli("gaps", PROFILE, "--role", "annotator", "-f", "html", "-o", str(out), *FIX).code == 0
    assert out.read_text(encoding="utf-8") == r.out


# --------------------------------------------------------------------------- JSON Resume
def test_jsonresume_export_validates_and_carries_esco_uris(cli: Cli) -> None:
    r = cli("portfolio", "I do data entry, time management and Python scripting.", "-f", "jsonresume",
            "--name", "Ana", *FIX)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    schema = json.loads((RESUME / "schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    assert doc["basics"] == {"name": "Ana"}
    by_id = {s["x-crowdskills"]["id"]: s for s in doc["skills"]}
    assert set(by_id) == {"data-entry", "time-management", "python-programming"}
    assert by_id["time-management"]["x-crowdskills"]["esco"] == [
        "http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8"]
    assert by_id["data-entry"]["level"] == "shown in profile" and "data entry" in by_id["data-entry"]["keywords"]


def test_schema_catches_a_broken_resume() -> None:
    """The shipped schema is strict enough to tell: skills must be a list of objects."""
    schema = json.loads((RESUME / "schema.json").read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft7Validator(schema).validate({"skills": [{"name": "x", "keywords": "not a list"}]})


def test_json_resume_is_read_as_a_profile(cli: Cli, tmp_path: Path) -> None:
    resume = tmp_path / "me.json"
    resume.write_text(json.dumps({
        "basics": {"name": "Ana Diaz", "label": "Data annotator", "summary": "I do data entry every day."},
        "work": [{"name": "Appen", "position": "Rater", "highlights": ["Image annotation of street scenes"]}],
        "skills": [{"name": "Programming", "keywords": ["Python"]}],
    }), encoding="utf-8")
    r = cli("skills", str(resume), "-f", "json", "-t", str(MINI))
    assert r.code == 0, r.err
    assert {m["skill_id"] for m in json.loads(r.out)} >= {"data-entry", "image-annotation", "python-programming"}
    page = cli("portfolio", str(resume), "--role", "annotator", *FIX)
    assert page.code == 0 and "<h1>Skills portfolio of Ana Diaz</h1>" in page.out
    gaps = json.loads(cli("gaps", str(resume), "--role", "annotator", "-f", "json", *FIX).out)
    assert "image-annotation" not in {g["skill_id"] for g in gaps["gaps"]}


def test_json_resume_sample_reads() -> None:
    from crowdskills.inputs import read_source

    src = read_source(str(RESUME / "sample.resume.json"))
    assert src.person == "Richard Hendriks"
    assert "Skills: Web Development, HTML, CSS, Javascript." in src.text and '"basics"' not in src.text


@pytest.mark.parametrize(("content", "message"), [
    ('{"basics": {"name": "x"', "not valid JSON"),
    ('{"colour": "blue"}', "not a JSON Resume"),
])
def test_bad_json_profile_is_one_error_line(cli: Cli, tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "me.json"
    path.write_text(content, encoding="utf-8")
    r = cli("gaps", str(path), *FIX)
    assert r.code == 1 and r.err.startswith("Error:") and message in r.err and r.err.count("\n") == 1


# --------------------------------------------------------------------------- JSON-LD
def test_vocabulary_check_catches_made_up_terms() -> None:
    assert schema_org_problems({"@type": "Person", "skills": [], "hasOccupation": []}) == []
    assert schema_org_problems({"@type": "Person", "teaches": []}) == ["$.teaches: not a property of Person"]
    assert schema_org_problems({"@type": "Persona", "skillz": 1}) == [
        "$: unknown type Persona", "$.skillz: not a schema.org property"]


def test_jsonld_person_uses_only_schema_org_terms(cli: Cli) -> None:
    r = cli("portfolio", "I do image annotation and data entry, follow annotation guidelines and manage my time.",
            "-f", "jsonld", "--name", "Ana", *FIX)
    assert r.code == 0, r.err
    doc = json.loads(r.out)
    assert doc["@context"] == "https://schema.org" and doc["@type"] == "Person" and doc["name"] == "Ana"
    assert schema_org_problems(doc) == []
    terms = {t["termCode"]: t for t in doc["skills"]}
    assert all(t["@type"] == "DefinedTerm" for t in terms.values())
    assert terms["time-management"]["sameAs"].startswith("http://data.europa.eu/esco/skill/")
    occupation = doc["hasOccupation"][0]
    assert occupation["@type"] == "Occupation" and occupation["identifier"] == "annotator"
    assert {t["termCode"] for t in occupation["skills"]} >= {"image-annotation", "annotation-guidelines"}


def test_jsonresume_text_keeps_only_resume_words() -> None:
    from crowdskills.inputs import jsonresume_text

    text, person = jsonresume_text(textwrap.dedent("""
        {"basics": {"name": " ", "email": "a@b.c"}, "work": [{"position": "Tagger", "startDate": "2020-01"}],
         "skills": [{"name": "Excel"}]}"""), "cv.json")
    assert person is None and text == "Tagger.\nSkills: Excel."


def test_page_names_the_roles_the_profile_shows(cli: Cli) -> None:
    text = "I do image annotation and follow annotation guidelines closely."
    r = cli("portfolio", text, "--role", "scripter", *FIX)
    assert r.code == 0, r.err
    label = load_taxonomy(MINI).roles["annotator"].pref_label
    assert f"<p>Roles this profile shows: {label}.</p>" in r.out
    assert "Goal: the role <strong>" in r.out


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["basics", "work", "skills", "name", "summary", "highlights", "keywords", "label",
                         "position", "projects", "description", "x"]), inner, max_size=5),
    max_leaves=20,
)


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_any_json_profile_is_read_or_refused_cleanly(value: object) -> None:
    """Whatever shape a .json profile has, it is read as text or refused with an InputError, never a crash."""
    from crowdskills.errors import InputError
    from crowdskills.inputs import jsonresume_text

    try:
        text, person = jsonresume_text(json.dumps(value), "me.json")
    except InputError as exc:
        assert "me.json" in str(exc)
        return
    assert isinstance(text, str) and (person is None or isinstance(person, str))
