"""`crowdskills gaps` as a user runs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from .conftest import DATA, MINI, Result

Cli = Callable[..., Result]
FIX = ["-t", str(MINI), "-c", str(DATA / "mini_catalog")]


def test_json_contract(cli: Cli) -> None:
    r = cli("gaps", "I do data entry and want to learn image labelling.", "--role", "annotator", "-f", "json", *FIX)
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert set(data) >= {"target", "detected", "gaps", "plan"}
    assert data["target"] == {**data["target"], "kind": "role", "id": "annotator"}
    gap = next(g for g in data["gaps"] if g["skill_id"] == "image-annotation")
    assert gap["wanted"] is True and gap["covered"] is True
    assert gap["courses"][0]["course"]["id"] == "image-labelling"
    assert [s["course_id"] for s in data["plan"]][:2] == ["guidelines-101", "image-labelling"]
    assert set(data["plan"][0]["self_check"]) == {"plan", "do", "reflect"}


def test_table_shows_closest_roles_without_target(cli: Cli) -> None:
    r = cli("gaps", "I do image tagging.", *FIX)
    assert r.code == 0 and "You do: image data annotator" in r.out and "Learning plan" in r.out
    assert "states no aim" in r.out


def test_markdown_output_file_is_written_once(cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "plan.md"
    args = ["gaps", "I do data entry.", "--role", "annotator", "--output", str(out), *FIX]
    assert cli(*args).code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# My learning plan") and "Image labelling in practice" in text
    out.write_text("my notes")
    again = cli(*args)
    assert again.code == 1 and "--force" in again.err and out.read_text() == "my notes"
    assert cli(*args, "--force").code == 0 and out.read_text(encoding="utf-8") == text
    assert [p.name for p in tmp_path.iterdir()] == ["plan.md"]


def test_unknown_role_exits_1_with_close_ids(cli: Cli) -> None:
    r = cli("gaps", "data entry", "--role", "anotator", *FIX)
    assert r.code == 1 and "did you mean 'annotator'" in r.err


def test_job_post_from_a_file(cli: Cli, tmp_path: Path) -> None:
    job = tmp_path / "job.txt"
    job.write_text("Requirements: data entry and Python. Proposal writing is a plus.")
    data = json.loads(cli("gaps", "I do data entry.", "--job", str(job), "-f", "json", *FIX).out)
    assert data["target"]["kind"] == "job"
    assert [(g["skill_id"], g["relation"]) for g in data["gaps"]] == [
        ("python-programming", "essential"), ("proposal-writing", "optional")]


def test_nothing_detected_still_plans_with_a_warning(cli: Cli) -> None:
    r = cli("gaps", "Hello, I like cats.", "--role", "scripter", *FIX)
    assert r.code == 0 and "Warning: no skills were found" in r.err


def test_broken_catalog_stops_before_recommending(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text((DATA / "mini_catalog" / "courses.yaml").read_text().replace("PT2H", "two hours"))
    r = cli("gaps", "data entry", "--role", "annotator", "-t", str(MINI), "-c", str(bad))
    assert r.code == 3 and "C105" in r.err and r.out == ""


def test_role_and_job_together_is_an_error(cli: Cli) -> None:
    r = cli("gaps", "data entry", "--role", "annotator", "--job", "some job", *FIX)
    assert r.code == 1 and "not both" in r.err


def test_path_between_roles_uses_the_from_roles_essential_skills(cli: Cli) -> None:
    data = json.loads(cli("path", "--from", "annotator", "--to", "scripter", "-f", "json", *FIX).out)
    gaps = [g["skill_id"] for g in data["gaps"]]
    # time-management is essential for the annotator, so it is no gap on the way to scripter
    assert "time-management" not in gaps and "python-programming" in gaps
    assert data["target"]["id"] == "scripter"


def test_path_unknown_role_exits_1(cli: Cli) -> None:
    r = cli("path", "--from", "annotater", "--to", "scripter", *FIX)
    assert r.code == 1 and "did you mean 'annotator'" in r.err


def test_recommend_resolves_ids_labels_and_typos(cli: Cli) -> None:
    data = json.loads(cli("recommend", "image labelling", "annotation-guidelines", "-f", "json", *FIX).out)
    assert data["skills"] == ["image-annotation", "annotation-guidelines"]
    assert [c["course"]["id"] for c in data["courses"]] == ["guidelines-101", "image-labelling"]
    assert data["uncovered"] == []
    r = cli("recommend", "pyhtonn progamming", "-f", "json", *FIX)
    assert r.code == 0 and json.loads(r.out)["skills"] == ["python-programming"]


def test_recommend_unknown_skill_exits_1_with_suggestions(cli: Cli) -> None:
    r = cli("recommend", "zzzz qqqq", *FIX)
    assert r.code == 1 and "no skill matches 'zzzz qqqq'" in r.err
    r = cli("recommend", "data", *FIX)
    assert r.code == 1 and "did you mean" in r.err


@pytest.mark.parametrize(("args", "code", "words"), [
    (["--max-hours", "0"], 2, "--max-hours"),
    (["--max-hours", "-3"], 2, "--max-hours"),
    (["--budget", "ten"], 2, "--budget"),
    (["--role", "astronaut"], 1, "no role with id 'astronaut'"),
])
def test_bad_options_give_one_error_line_and_write_nothing(
    cli: Cli, tmp_path: Path, args: list[str], code: int, words: str,
) -> None:
    out = tmp_path / "plan.md"
    r = cli("gaps", "I do image tagging.", *FIX, *args, "--output", str(out))
    assert r.code == code and r.out == ""
    errors = [line for line in r.err.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and words in errors[0]
    assert not out.exists()


@pytest.mark.parametrize("command", ["gaps", "portfolio"])
def test_output_that_is_the_profile_is_refused_even_with_force(cli: Cli, tmp_path: Path, command: str) -> None:
    profile = tmp_path / "profile.md"
    profile.write_text("I do data entry.\n", encoding="utf-8")
    r = cli(command, str(profile), "--role", "annotator", *FIX, "--output", str(profile), "--force")
    assert r.code == 1 and r.out == "", r.err
    assert r.err.startswith(f"Error: {profile} is also an input ({profile})") and len(r.err.splitlines()) == 1
    assert profile.read_text(encoding="utf-8") == "I do data entry.\n"


def test_empty_profile_is_an_error_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    empty = tmp_path / "profile.txt"
    empty.write_text("   \n")
    out = tmp_path / "plan.md"
    r = cli("gaps", str(empty), *FIX, "--output", str(out))
    assert r.code == 1 and r.err.startswith("Error:") and "empty" in r.err and len(r.err.splitlines()) == 1
    assert not out.exists()


def test_json_says_target_reason_goal_evidence_and_hours(cli: Cli) -> None:
    text = "I tag images on MTurk. My goal is to work as an automation scripter."
    r = cli("gaps", text, *FIX, "--format", "json", "--max-hours", "10")
    data = json.loads(r.out)
    assert data["current_roles"][0]["role_id"] == "annotator"
    assert data["target"]["id"] == "scripter" and data["target"]["reason"].startswith("because you wrote")
    ev = data["target"]["goal_evidence"][0]
    assert text[ev["start"]:ev["end"]] == ev["text"] == "My goal is to work as an automation scripter"
    assert data["total_hours"] <= 10 and data["hours_summary"]
    assert all(s["hours"] is None or s["hours_text"] for s in data["plan"])
    assert {g["cover"] for g in data["gaps"]} <= {"full", "partly", "none", "over-budget"}


KINDS = """courses:
  - id: labelling-guide
    name: Labelling guide
    provider: Example Platform
    url: https://example.org/guide
    description: The platform's own guide to its labelling tasks.
    teaches: [{skill: image-annotation, level: 1}]
    timeRequired: PT1H
    priceModel: free
    inLanguage: [en]
    learningResourceType: guide
    lastVerified: 2026-12-01
  - id: guidelines-cert
    name: Guidelines certificate
    provider: Example Academy
    url: https://example.org/cert
    description: Reading annotation guidelines, with a certificate.
    teaches: [{skill: annotation-guidelines, level: 1}]
    timeRequired: PT2H
    priceModel: free-to-audit
    offers: {price: 49, currency: USD}
    inLanguage: [en]
    credential: certificate
    lastVerified: 2026-12-01
"""


def test_recommend_and_gaps_show_kind_and_credential(cli: Cli, write: Callable[..., Path]) -> None:
    fix = ["-t", str(MINI), "-c", str(write(KINDS))]
    skills = ("image labelling", "annotation-guidelines")
    table = cli("recommend", *skills, *fix)
    assert table.code == 0, table.err
    assert "guide" in table.out and "course, certificate" in table.out and "kind" in table.out
    rows = cli("recommend", *skills, "-f", "csv", *fix).out.splitlines()
    assert rows[0].startswith("course,provider,kind,credential,")
    assert "Labelling guide,Example Platform,guide,none," in rows[1] + rows[2]
    assert "Guidelines certificate,Example Academy,course,certificate," in rows[1] + rows[2]
    data = json.loads(cli("recommend", *skills, "-f", "json", *fix).out)
    kinds = {c["course"]["id"]: (c["course"]["learning_resource_type"], c["course"]["credential"],
                                 c["course"]["price_model"]) for c in data["courses"]}
    assert kinds == {"labelling-guide": ("guide", "none", "free"),
                     "guidelines-cert": ("course", "certificate", "free-to-audit")}
    # free to audit counts as free: --free-only keeps it, and the reason says the certificate costs
    assert "free to audit, certificate 49 USD" in cli("recommend", *skills, "--free-only", "-f", "csv", *fix).out

    gaps = ["gaps", "I type records.", "--role", "annotator", *fix]
    text = cli(*gaps).out
    assert "Labelling guide (guide, 1 h, free)" in text
    assert "Guidelines certificate (course, 2 h, free to audit, certificate 49 USD, certificate)" in text
    assert "[Guidelines certificate](https://example.org/cert) (course, 2 h, free to audit, certificate 49 USD, " \
        "certificate)" in cli(*gaps, "-f", "markdown").out
    table = cli(*gaps, "-f", "table").out
    assert "guide, 1 h, free;" in table and "certificate 49 USD, certificate;" in table
    data = json.loads(cli(*gaps, "-f", "json").out)
    course = next(c["course"] for g in data["gaps"] for c in g["courses"])
    assert {"learning_resource_type", "credential", "price_model"} <= set(course)


def test_path_says_what_is_held_instead_of_a_profile(cli: Cli) -> None:
    r = cli("path", "--from", "annotator", "--to", "scripter", *FIX, "--format", "text")
    assert r.code == 0 and "You hold the essential skills of image data annotator." in r.out
    assert "Your profile shows" not in r.out


def test_recommend_table_prints_each_url_whole_on_its_own_line(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("recommend", "python", "image tagging", *FIX)
    assert r.code == 0
    lines = [line.strip() for line in r.out.splitlines()]
    assert "https://example.org/python-long" in lines and "https://example.org/images" in lines
