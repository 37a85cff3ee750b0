"""`crowdskills gaps` as a user runs it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

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
    assert r.code == 0 and "Closest roles" in r.out and "Learning plan" in r.out


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
    assert "Labelling guide (guide)" in cli(*gaps).out
    assert "[Guidelines certificate](https://example.org/cert) (course, certificate)" in cli(
        *gaps, "-f", "markdown").out
    data = json.loads(cli(*gaps, "-f", "json").out)
    course = next(c["course"] for g in data["gaps"] for c in g["courses"])
    assert {"learning_resource_type", "credential", "price_model"} <= set(course)
