"""Hostile values in YAML files (issue 14, items 15 and 16): located problems, never a traceback."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills import load_taxonomy
from crowdskills.catalogs.load import MAX_COURSE_HOURS, MAX_PRICE, check_catalogs
from crowdskills.errors import ValidationError
from crowdskills.yamlio import loads_yaml

from .conftest import DATA, MINI, Result
from .test_catalog import COURSE

Cli = Callable[..., Result]
TAX = load_taxonomy(MINI)


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("2026-13-45", "month must be in 1..12"),
        ("2026-02-30", "day is out of range"),
        ("1" * 4400, "more than 4,300 digits"),
        ("0x" + "f" * 4000, "more than 4,300 digits"),
        ("!!timestamp garbage", "cannot be read as a date"),
        ("!!int abc", "cannot be read as a integer"),
        ("!!float abc", "cannot be read as a float"),
        ("!!bool maybe", "cannot be read as a boolean"),
    ],
)
def test_values_pyyaml_cannot_construct_are_located_problems(value: str, says: str) -> None:
    with pytest.raises(ValidationError) as info:
        loads_yaml(f"a: 1\nlastVerified: {value}\n".encode(), shown="c.yaml")
    (p,) = info.value.problems
    assert (p.path, p.line, p.col, p.code) == ("c.yaml", 2, 15, "Y007")
    assert says in p.message and len(p.message) < 200


@pytest.mark.parametrize("value", ["2026-02-30", "!!int abc", "!!bool maybe", "9" * 5000])
def test_catalog_validate_reports_bad_values_with_exit_3(cli: Cli, write: Callable[..., Path], value: str) -> None:
    path = write(COURSE.format(id="intro").replace("lastVerified: 2026-11-24", f"lastVerified: {value}"))
    r = cli("catalog", "validate", str(path), "-t", str(MINI))
    assert r.code == 3, r.err
    assert f"{path.name}:13:19: error Y007" in r.out.replace(str(path.parent) + "/", "")
    assert "Traceback" not in r.err


def test_taxonomy_with_a_bad_date_is_a_validation_error(cli: Cli, write: Callable[..., Path]) -> None:
    text = (MINI / "skills.yaml").read_text(encoding="utf-8").replace(
        "    workType: microwork\n", "    workType: microwork\n    x: 2026-13-45\n", 1)
    folder = write(text, "tax/skills.yaml").parent
    (folder / "roles.yaml").write_text((MINI / "roles.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    r = cli("taxonomy", "validate", str(folder))
    assert r.code == 3 and "Y007" in r.out + r.err and "Traceback" not in r.err


# --------------------------------------------------------------------------- item 16: values that validate, then crash
@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("timeRequired: PT3H", "timeRequired: PT0H", "C111"),
        ("timeRequired: PT3H", "timeRequired: P0D", "C111"),
        ("timeRequired: PT3H", "timeRequired: PT" + "9" * 400 + "H", "C111"),
        ("timeRequired: PT3H", f"timeRequired: PT{MAX_COURSE_HOURS + 1}H", "C111"),
        ("isAccessibleForFree: true", "offers: {price: " + "9" * 400 + ", currency: EUR}", "C112"),
        ("isAccessibleForFree: true", f"offers: {{price: {MAX_PRICE + 1}, currency: EUR}}", "C112"),
        ("isAccessibleForFree: true", "offers: {price: .nan, currency: EUR}", "C112"),
        ("isAccessibleForFree: true", "offers: {price: .inf, currency: EUR}", "C112"),
    ],
)
def test_out_of_bounds_lengths_and_prices_are_errors(write: Callable[..., Path], old: str, new: str,
                                                     code: str) -> None:
    text = COURSE.format(id="intro")
    assert old in text
    courses, problems = check_catalogs([write(text.replace(old, new))], taxonomy=TAX)
    assert [p.code for p in problems if p.is_error] == [code]
    assert courses == [] or code == "C101"


def test_largest_allowed_length_and_price_are_valid(write: Callable[..., Path]) -> None:
    text = COURSE.format(id="intro").replace("timeRequired: PT3H", f"timeRequired: PT{MAX_COURSE_HOURS}H").replace(
        "isAccessibleForFree: true", f"offers: {{price: {MAX_PRICE}, currency: EUR}}")
    courses, problems = check_catalogs([write(text)], taxonomy=TAX)
    assert [p for p in problems if p.is_error] == [] and courses[0].hours == MAX_COURSE_HOURS


@pytest.mark.parametrize(
    ("old", "new"),
    [("timeRequired: PT3H", "timeRequired: PT0H"),
     ("isAccessibleForFree: true", "offers: {price: " + "9" * 400 + ", currency: EUR}"),
     ("isAccessibleForFree: true", "offers: {price: .nan, currency: EUR}")],
)
@pytest.mark.parametrize("command", [
    ["recommend", "data-entry", "-f", "json"], ["catalog", "export", "-f", "csv"],
    ["gaps", "I do image tagging.", "--role", "annotator", "-f", "json"],
    ["path", "--from", "annotator", "--to", "scripter", "-f", "json"],
])
def test_commands_refuse_such_catalogs_cleanly(cli: Cli, write: Callable[..., Path], old: str, new: str,
                                              command: list[str]) -> None:
    path = write(COURSE.format(id="intro").replace(old, new))
    r = cli(*command, "-t", str(MINI), "-c", str(path))
    assert r.code == 3, (r.code, r.err)
    assert r.err.startswith("Error: ") and ("C111" in r.err or "C112" in r.err)
    assert r.out == ""


def test_recommend_never_divides_by_a_zero_length() -> None:
    """A library caller may build courses by hand, without validation."""
    from crowdskills.courses import recommend
    from crowdskills.gaps import Gap

    course = check_catalogs([DATA / "mini_catalog"], taxonomy=TAX)[0][0]
    zero = dataclasses.replace(course, hours=0.0)
    skill = zero.teaches[0].skill
    gap = Gap(skill_id=skill, label=skill, category="technical", relation="essential", importance=3, level=1,
              wanted=False)
    recs, uncovered = recommend([gap], [zero], held=set(), taxonomy=TAX)
    assert [r.course.id for r in recs] == [zero.id] and uncovered == []
    json.dumps([r.to_dict() for r in recs], allow_nan=False)


# --------------------------------------------------------------------------- the same bounds when importing a sheet
@pytest.mark.parametrize("text", ["0", "PT0H", "0.001", "9" * 400, "9" * 400 + " hours", "9" * 400 + " days",
                                  "PT" + "9" * 400 + "H", f"{MAX_COURSE_HOURS + 1} hours", "500 weeks"])
def test_import_leaves_out_lengths_validation_would_refuse(text: str) -> None:
    from crowdskills.catalogs.importer import parse_duration

    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize("text", ["9" * 400 + " EUR", f"€{MAX_PRICE + 1}"])
def test_import_leaves_out_prices_validation_would_refuse(text: str) -> None:
    from crowdskills.catalogs.importer import parse_price

    with pytest.raises(ValueError):
        parse_price(text, None)


def test_import_of_a_sheet_with_huge_values_writes_a_valid_catalog(cli: Cli, tmp_path: Path) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Title,Link,Description,Duration,Price,Language,Skills\n"
        f"Data entry basics,https://example.org/de,Typing data accurately.,{'9' * 400} hours,"
        f"{'9' * 400} EUR,English,data-entry\n", encoding="utf-8")
    out = tmp_path / "out.yaml"
    r = cli("catalog", "import", str(sheet), "--provider", "Example VET", "-o", str(out), "-t", str(MINI))
    assert r.code == 0, r.err
    assert "duration" in r.err and "price" in r.err and "not understood" in r.err
    v = cli("catalog", "validate", str(out), "-t", str(MINI))
    assert v.code == 0, v.out


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-1", "9" * 400])
def test_demand_file_weights_must_be_finite_numbers(cli: Cli, tmp_path: Path, value: str) -> None:
    path = tmp_path / "demand.json"
    path.write_text('{"data-entry": 0.5, "image-annotation": ' + value + "}", encoding="utf-8")
    r = cli("catalog", "coverage", "--demand-file", str(path), "-t", str(MINI), "-c", str(DATA / "mini_catalog"),
            "-f", "json")
    assert r.code == 1 and r.err.startswith("Error: ") and "'image-annotation'" in r.err and r.out == ""


@pytest.mark.parametrize(("field", "value"), [("hours", "NaN"), ("hours", "Infinity"), ("hours", "1" + "0" * 400),
                                              ("hours_per_week", "-5"), ("hours_per_week", "1" + "0" * 400)])
def test_imported_learning_record_with_impossible_hours_is_refused(cli: Cli, tmp_path: Path, field: str,
                                                                   value: str) -> None:
    """A record file from another machine is untrusted input: no traceback, no NaN in JSON output."""
    step = {"number": 1, "course_id": "c", "name": "C", "url": "https://example.org/c", "skills": ["data-entry"],
            "hours": 2.0, "week": 1}
    record = {"crowdskills_learning_record": 1, "saved": "2026-12-01", "profile": "p.txt",
              "target": {"kind": "role", "id": "annotator", "label": "annotator"}, "hours_per_week": 5.0,
              "steps": [step]}
    good = tmp_path / "good.json"
    good.write_text(json.dumps(record), encoding="utf-8")
    assert cli("plan", "import", str(good), "--data-dir", str(tmp_path / "a")).code == 0
    text = json.dumps(record).replace(f'"{field}": {2.0 if field == "hours" else 5.0}', f'"{field}": {value}')
    assert value in text
    bad = tmp_path / "bad.json"
    bad.write_text(text, encoding="utf-8")
    r = cli("plan", "import", str(bad), "--data-dir", str(tmp_path / "b"))
    assert r.code == 1 and r.err.startswith("Error: ") and "damaged" in r.err and "Traceback" not in r.err
    assert not (tmp_path / "b").exists()
