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
