"""The learning record: `crowdskills plan save|done|show|export|import`, and `gaps` counting what was learned."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills.portfolio.record import LearningRecord, RecordStep, progress

from .conftest import DATA, MINI, Result

Cli = Callable[..., Result]
FIX = ["-t", str(MINI), "-c", str(DATA / "mini_catalog")]
PROFILE = "I do data entry on MTurk."


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("CROWDSKILLS_DATA_DIR", str(folder))
    return folder


def record_file(data_dir: Path) -> Path:
    return data_dir / "learning-record.json"


def test_save_keeps_the_plan_gaps_computes(cli: Cli, data_dir: Path) -> None:
    r = cli("plan", "save", PROFILE, "--role", "annotator", "--hours-per-week", "2", *FIX)
    assert r.code == 0, r.err
    saved = json.loads(record_file(data_dir).read_text(encoding="utf-8"))
    plan = json.loads(cli("gaps", PROFILE, "--role", "annotator", "--hours-per-week", "2", "-f", "json", *FIX).out)
    assert saved["crowdskills_learning_record"] == 1 and saved["hours_per_week"] == 2 and saved["profile"] == "text"
    assert saved["target"] == {"kind": "role", "id": "annotator", "label": plan["target"]["label"]}
    assert [s["course_id"] for s in saved["steps"]] == [s["course_id"] for s in plan["plan"]]
    assert [s["week"] for s in saved["steps"]] == [s["week"] for s in plan["plan"]]
    assert all(s["done"] is None for s in saved["steps"])


def test_save_refuses_to_replace_a_plan_without_force(cli: Cli, data_dir: Path) -> None:
    assert cli("plan", "save", PROFILE, "--role", "annotator", *FIX).code == 0
    assert cli("plan", "done", "1", "--note", "ok").code == 0
    before = record_file(data_dir).read_bytes()
    r = cli("plan", "save", PROFILE, "--role", "scripter", *FIX)
    assert r.code == 1 and "--force" in r.err and record_file(data_dir).read_bytes() == before
    assert cli("plan", "save", PROFILE, "--role", "scripter", "--force", *FIX).code == 0
    assert json.loads(record_file(data_dir).read_text())["target"]["id"] == "scripter"


def test_done_records_the_reflection_and_gaps_counts_the_skill_as_learned(cli: Cli, data_dir: Path) -> None:
    assert cli("plan", "save", PROFILE, "--role", "annotator", *FIX).code == 0
    first = json.loads(record_file(data_dir).read_text())["steps"][0]
    assert first["course_id"] == "guidelines-101" and first["skills"] == ["annotation-guidelines"]
    r = cli("plan", "done", "1", "--note", "I can follow a 20-page guideline now")
    assert r.code == 0 and "Step 1 done" in r.err
    step = json.loads(record_file(data_dir).read_text())["steps"][0]
    assert step["done"] == {"date": dt.date.today().isoformat(), "note": "I can follow a 20-page guideline now"}
    gaps = json.loads(cli("gaps", PROFILE, "--role", "annotator", "-f", "json", *FIX).out)
    assert gaps["learned"] == ["annotation-guidelines"]
    assert "annotation-guidelines" not in {g["skill_id"] for g in gaps["gaps"]}
    assert "annotation-guidelines" not in {m["skill_id"] for m in gaps["detected"]}  # learned, not shown
    table = cli("gaps", PROFILE, "--role", "annotator", *FIX)
    assert "Learned (steps done in your learning record): following annotation guidelines" in table.out
    ignored = json.loads(cli("gaps", PROFILE, "--role", "annotator", "-f", "json", "--no-record", *FIX).out)
    assert ignored["learned"] == [] and "annotation-guidelines" in {g["skill_id"] for g in ignored["gaps"]}
    page = cli("portfolio", PROFILE, "--role", "annotator", *FIX).out
    assert "I can follow a 20-page guideline now" in page and '<span class="tag">learned</span>' in page


def test_show_reports_progress(cli: Cli, data_dir: Path) -> None:
    assert cli("plan", "save", PROFILE, "--role", "annotator", *FIX).code == 0
    assert cli("plan", "done", "1").code == 0
    data = json.loads(cli("plan", "show", "-f", "json").out)
    p = data["progress"]
    assert (p["steps_done"], p["hours_done"], p["next_step"]["number"], p["status"]) == (1, 2.0, 2, "on schedule")
    table = cli("plan", "show")
    assert table.code == 0 and "1 of" in table.out and "Next: step 2" in table.out


def _record(saved: dt.date, weeks: list[int], done: int) -> LearningRecord:
    from crowdskills.portfolio.record import Done

    steps = tuple(RecordStep(number=i, course_id=f"c{i}", name=f"Course {i}", url="https://example.org", skills=(),
                             hours=None if i == 2 else 3.0, week=w, done=Done("2026-01-01", "") if i <= done else None)
                  for i, w in enumerate(weeks, 1))
    return LearningRecord(saved=saved.isoformat(), profile="p", target={}, hours_per_week=3.0, steps=steps)


@pytest.mark.parametrize(("days", "done", "status"), [
    (0, 0, "on schedule"),       # week 1, step 1 is planned for week 1
    (15, 1, "1 week behind"),    # week 3, step 2 was planned for week 2
    (22, 0, "3 weeks behind"),   # week 4, step 1 was planned for week 1
    (0, 2, "2 weeks ahead"),     # week 1, step 3 is planned for week 3
    (0, 3, "all done"),
])
def test_progress_counts_weeks_from_the_day_the_plan_was_saved(days: int, done: int, status: str) -> None:
    today = dt.date(2026, 12, 2)
    p = progress(_record(today - dt.timedelta(days=days), [1, 2, 3], done), today=today)
    assert p.status == status
    assert p.hours_total == 6.0 and p.unknown_length_total == 1  # step 2's length is not stated: not counted


def test_unknown_step_is_one_error_line(cli: Cli, data_dir: Path) -> None:
    assert cli("plan", "save", PROFILE, "--role", "annotator", *FIX).code == 0
    before = record_file(data_dir).read_bytes()
    r = cli("plan", "done", "99")
    assert r.code == 1 and r.err.startswith("Error:") and "no step 99" in r.err and r.err.count("\n") == 1
    assert record_file(data_dir).read_bytes() == before


def test_no_saved_plan_says_how_to_save_one(cli: Cli, data_dir: Path) -> None:
    r = cli("plan", "show")
    assert r.code == 1 and "plan save" in r.err


@pytest.mark.parametrize("damage", [b"{not json", b'{"crowdskills_learning_record": 1, "steps": []}',
                                    b"\xff\xfe\x00binary", b'["a list"]'])
def test_damaged_record_is_an_error_and_is_never_overwritten(cli: Cli, data_dir: Path, damage: bytes) -> None:
    data_dir.mkdir(parents=True)
    record_file(data_dir).write_bytes(damage)
    for args in (["plan", "show"], ["plan", "done", "1"], ["gaps", PROFILE, *FIX],
                 ["plan", "save", PROFILE, "--role", "annotator", *FIX]):
        r = cli(*args)
        assert r.code == 1, args
        assert r.err.startswith("Error:") and "learning-record.json" in r.err and r.err.count("\n") == 1, r.err
        assert record_file(data_dir).read_bytes() == damage
    assert cli("gaps", PROFILE, "--no-record", *FIX).code == 0
    assert cli("plan", "save", PROFILE, "--role", "annotator", "--force", *FIX).code == 0
    assert json.loads(record_file(data_dir).read_text())["crowdskills_learning_record"] == 1


def test_export_and_import_move_the_record(cli: Cli, data_dir: Path, tmp_path: Path) -> None:
    assert cli("plan", "save", PROFILE, "--role", "annotator", *FIX).code == 0
    assert cli("plan", "done", "1", "--note", "done").code == 0
    copy = tmp_path / "copy.json"
    assert cli("plan", "export", str(copy)).code == 0
    assert cli("plan", "export", str(copy)).code == 1  # not overwritten without --force
    other = tmp_path / "other"
    r = cli("plan", "import", str(copy), "--data-dir", str(other))
    assert r.code == 0, r.err
    assert (other / "learning-record.json").read_bytes() == record_file(data_dir).read_bytes()
    assert cli("plan", "import", str(copy), "--data-dir", str(other)).code == 1
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    r = cli("plan", "import", str(bad), "--data-dir", str(other), "--force")
    assert r.code == 1 and "not a crowdskills learning record" in r.err
    assert (other / "learning-record.json").read_bytes() == record_file(data_dir).read_bytes()


def test_record_is_written_atomically(cli: Cli, data_dir: Path) -> None:
    assert cli("plan", "save", PROFILE, "--role", "annotator", *FIX).code == 0
    assert cli("plan", "done", "2").code == 0
    assert [p.name for p in data_dir.iterdir()] == ["learning-record.json"]  # no temporary file left behind
