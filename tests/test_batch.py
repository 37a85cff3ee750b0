"""`crowdskills batch` and `run_batch`: streaming, order, parallel jobs, resume, failures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills.batch import BatchSettings, run_batch, run_batch_lines
from crowdskills.corpus import Document, Fields, iter_documents
from crowdskills.evaluate import load_gold

from .conftest import DATA, MINI, Result

JOBS = DATA / "jobs"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The gold texts as JSONL, with two broken records in the middle."""
    path = tmp_path_factory.mktemp("batch") / "texts.jsonl"
    gold = load_gold([DATA / "gold"])
    lines = [json.dumps({"id": f"t{i}", "text": g.text}) for i, g in enumerate(gold)]
    lines.insert(10, json.dumps({"id": "empty", "text": "   "}))
    lines.insert(20, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_parallel_output_is_byte_identical(cli: Callable[..., Result], corpus: Path, tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = cli("batch", str(corpus), "-o", str(one))
    r2 = cli("batch", str(corpus), "-o", str(two), "--jobs", "2")
    assert r1.code == r2.code == 4  # two records failed, the rest were done
    assert one.read_bytes() == two.read_bytes()
    records = [json.loads(line) for line in one.read_text(encoding="utf-8").splitlines()]
    gold = load_gold([DATA / "gold"])
    assert len(records) == len(gold) + 2
    assert records[10] == {"id": "empty", "error": records[10]["error"]} and "empty" in records[10]["error"]
    assert "not valid JSON" in records[20]["error"] and records[20]["id"] == "21"  # its line number
    ok = [r for r in records if "error" not in r]
    assert [r["id"] for r in ok] == [f"t{i}" for i in range(len(gold))]  # input order
    assert all(isinstance(r["skills"], list) for r in ok) and sum(len(r["skills"]) for r in ok) > 200
    assert f"{len(records)} records written, 2 failed" in r1.err


def test_records_match_the_skills_command(cli: Callable[..., Result], tmp_path: Path) -> None:
    text = "I do data entry and image tagging. I want to learn Python."
    (tmp_path / "p.txt").write_text(text, encoding="utf-8")
    batch = cli("batch", str(tmp_path / "p.txt"), "--kind", "profile")
    single = cli("skills", text, "--kind", "profile", "--format", "json")
    assert batch.code == 0
    about = {"kind": "profile", "kind_reason": "--kind option", "language": "en"}  # per text, not per match
    matches = json.loads(single.out)
    assert all({k: m.pop(k) for k in about} == about for m in matches)
    assert json.loads(batch.out)["skills"] == matches


def test_resume_skips_done_ids_and_drops_a_cut_line(cli: Callable[..., Result], corpus: Path, tmp_path: Path) -> None:
    full = tmp_path / "full.jsonl"
    cli("batch", str(corpus), "-o", str(full))
    lines = full.read_bytes().splitlines(keepends=True)
    part = tmp_path / "part.jsonl"
    part.write_bytes(b"".join(lines[:30]) + lines[30][:25])  # interrupted in the middle of line 31
    r = cli("batch", str(corpus), "-o", str(part), "--resume")
    assert r.code == 0  # the two failed records were among the 30 done before
    assert part.read_bytes() == full.read_bytes()
    assert "30 already done" in r.err


def test_output_is_not_overwritten_without_force(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    out.write_text("precious\n", encoding="utf-8")
    r = cli("batch", str(JOBS / "posts"), "-o", str(out))
    assert r.code == 1 and "--resume" in r.err and "--force" in r.err
    assert out.read_text(encoding="utf-8") == "precious\n"
    assert cli("batch", str(JOBS / "posts"), "-o", str(out), "--force").code == 0
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == ["a.txt", "b.md"]


def test_fail_fast_stops_at_the_first_failure(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "o.jsonl"
    r = cli("batch", str(JOBS / "jobs.jsonl"), "-o", str(out), "--fail-fast", "-t", str(MINI))
    assert r.code == 4 and "stopped at the first failed record" in r.err
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()]
    assert ids == ["j1", "j2", "j3", "j4", "j5", "j6"]


def test_csv_output_and_gaps_with_target_field(cli: Callable[..., Result], write: Callable[..., Path]) -> None:
    profiles = write(
        "id,role,text\n"
        "p1,annotator,I do image annotation and follow labelling guidelines.\n"
        "p2,scripter,I write Python scripts and meet deadlines.\n"
        "p3,astronaut,I tag images.\n",
        name="profiles.csv",
    )
    r = cli("batch", str(profiles), "--task", "gaps", "--target-field", "role", "-f", "csv", "-t", str(MINI))
    assert r.code == 4, r.err
    rows = [line.split(",") for line in r.out.splitlines()]
    assert rows[0] == ["id", "error", "target", "fit", "n_gaps", "gaps"]
    assert rows[1][:3] == ["p1", "", "annotator"] and "image-annotation" not in rows[1][5]
    assert "time-management" in rows[1][5] and int(rows[1][4]) == len(rows[1][5].split("|"))
    assert 0 < float(rows[1][3]) <= 1  # the profile's fit to its target
    assert rows[2][:3] == ["p2", "", "scripter"] and "python-programming" not in rows[2][5]
    assert rows[3][0] == "p3" and "unknown role 'astronaut'" in rows[3][1]


def test_recommend_task_carries_courses_and_plan(cli: Callable[..., Result], write: Callable[..., Path]) -> None:
    profiles = write('{"id": "a", "text": "I tag images on MTurk."}\n', name="p.jsonl")
    r = cli("batch", str(profiles), "--task", "recommend", "--role", "annotator", "-t", str(MINI),
            "-c", str(DATA / "mini_catalog"))
    assert r.code == 0, r.err
    record = json.loads(r.out)
    assert record["target"]["id"] == "annotator"
    assert record["plan"] and all(step["course_id"] for step in record["plan"])
    assert {g["skill_id"] for g in record["gaps"]} >= {"annotation-guidelines", "time-management"}


def test_unknown_role_fails_before_any_work(cli: Callable[..., Result]) -> None:
    r = cli("batch", str(JOBS / "posts"), "--task", "gaps", "--role", "annotatr", "-t", str(MINI))
    assert r.code == 1 and "annotator" in r.err and r.out == ""


def test_run_batch_api_streams_in_order() -> None:
    docs = (Document(str(i), f"I do data entry number {i}.", "mem") for i in range(300))
    settings = BatchSettings(task="skills", taxonomy=(str(MINI),))
    records = run_batch(docs, settings, jobs=2, chunk_size=7)
    assert next(records)["id"] == "0"  # a generator: results come before the input is used up
    rest = list(records)
    assert [r["id"] for r in rest] == [str(i) for i in range(1, 300)]
    assert all(r["skills"][0]["skill_id"] == "data-entry" for r in rest)


def test_stdin_jsonl(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    import io
    import sys

    data = b'{"id": "x", "text": "data entry"}\n{"id": "y", "text": "image tagging"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    r = cli("batch", "-", "-t", str(MINI))
    assert r.code == 0
    assert [json.loads(line)["id"] for line in r.out.splitlines()] == ["x", "y"]


def test_target_field_is_read_from_jsonl() -> None:
    docs = list(iter_documents([str(JOBS / "jobs.jsonl")], Fields(target="posted")))
    assert docs[0].target == "2026-01-12"


def test_dask_engine_gives_the_same_output(cli: Callable[..., Result], corpus: Path, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    from distributed import LocalCluster

    local, dask = tmp_path / "local.jsonl", tmp_path / "dask.jsonl"
    cli("batch", str(corpus), "-o", str(local), "--task", "gaps")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        r = cli("batch", str(corpus), "-o", str(dask), "--task", "gaps", "--engine", "dask",
                "--scheduler", cluster.scheduler_address)
    assert r.code == 4, r.err
    assert dask.read_bytes() == local.read_bytes()


def test_lines_are_the_records_as_json_dumps_writes_them() -> None:
    """The JSONL lines of `batch` are written straight from the matches; they must be exactly
    what json.dumps makes of the records of run_batch, odd characters included."""
    gold = load_gold([DATA / "gold"])
    texts = [g.text for g in gold] + [
        'She said "data entry" \\ and\tC++ \u2014 image tagging \U0001F600, Excel\u00a0macros.\nPython\x07.',
        "",
    ]
    docs = [Document(f"id-{i}-\u00e9\"", t, "mem", error=None if t else "empty") for i, t in enumerate(texts)]
    settings = BatchSettings(task="skills")
    records = list(run_batch(docs, settings, chunk_size=16))
    lines = list(run_batch_lines(docs, settings, chunk_size=16))
    assert [line for line, _ in lines] == [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
    assert [error for _, error in lines] == [r.get("error") for r in records]
    assert sum(len(r.get("skills", ())) for r in records) > 300  # the fast path was exercised
    csv_lines = list(run_batch_lines(docs, settings, format="csv", chunk_size=16))
    assert csv_lines[0][0].startswith('"id-0-\u00e9""",,') and csv_lines[-1][1] == "empty"


def test_lines_from_parallel_workers_come_in_input_order() -> None:
    docs = [Document(str(i), f"I do data entry number {i}, and image tagging.", "mem") for i in range(200)]
    settings = BatchSettings(task="skills", taxonomy=(str(MINI),))
    one = list(run_batch_lines(docs, settings, chunk_size=7))
    two = list(run_batch_lines(docs, settings, jobs=2, chunk_size=7))
    assert two == one
    assert [json.loads(line)["id"] for line, _ in two] == [str(i) for i in range(200)]


LANGUAGE_TEXTS = {
    "pt": "Procuramos um desenvolvedor com experiência em Python e bancos de dados. Você vai trabalhar com a nossa equipe.",
    "sw": "Tunatafuta mhandisi wa programu mwenye uzoefu wa Python na hifadhidata. Utafanya kazi na timu yetu.",
    "job": "We are hiring a data analyst. Requirements: 3+ years of SQL and Python. You will work with our team.",
    "profile": "I am a data analyst with 5 years of experience in SQL and Python. I built dashboards in Tableau.",
}


def _language_records(tmp_path: Path, cli: Callable[..., Result], *args: str) -> dict[str, dict]:
    path = tmp_path / "texts.jsonl"
    path.write_text("".join(json.dumps({"id": k, "text": t}) + "\n" for k, t in LANGUAGE_TEXTS.items()),
                    encoding="utf-8")
    r = cli("batch", str(path), *args)
    assert r.code == 0, r.err
    return {rec["id"]: rec for rec in map(json.loads, r.out.splitlines())}


def test_records_say_the_language_read(cli: Callable[..., Result], tmp_path: Path) -> None:
    """A text in a language without labels is not read: its record says which one, so an empty
    list of skills is not taken for a text with no skills."""
    records = _language_records(tmp_path, cli)
    assert {k: (r["language"], r["skills"]) for k, r in records.items() if k in ("pt", "sw")} == {
        "pt": ("pt", []), "sw": ("sw", [])}
    assert records["job"]["language"] == records["profile"]["language"] == "en"
    assert list(records["job"]) == ["id", "language", "kind", "skills"]


def test_records_say_the_kind_read(cli: Callable[..., Result], tmp_path: Path) -> None:
    records = _language_records(tmp_path, cli)
    assert (records["job"]["kind"], records["profile"]["kind"]) == ("job", "profile")
    assert {s["status"] for s in records["job"]["skills"]} <= {"required", "optional"}
    forced = _language_records(tmp_path, cli, "--kind", "job")
    assert {r["kind"] for r in forced.values()} == {"job"}


def test_one_by_one_records_say_the_language_and_kind() -> None:
    """The slow path (one document at a time) writes the same keys as the fast one."""
    from crowdskills.batch import BatchSettings as Settings, _Worker

    worker = _Worker(Settings(task="skills"))
    doc = Document("p", LANGUAGE_TEXTS["profile"], "mem")
    assert worker.process(doc) == worker.process_chunk([(doc, None)])[0]
    assert worker.process(doc)["kind"] == "profile"
