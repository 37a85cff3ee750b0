"""Hostile and unlucky input to `batch`, `demand` and the readers (issue 14): no data loss, no
unbounded reads, no hang, no traceback."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills.corpus import Fields, iter_documents
from crowdskills.errors import InputError
from crowdskills.inputs import read_file, read_source

from .conftest import DATA, MINI, Result

ROOT = Path(__file__).parent.parent
RECORDS = [{"id": f"r{i}", "text": f"I do data entry and image tagging, job {i}."} for i in range(6)]


def _jsonl(path: Path, records: list[dict[str, str]] = RECORDS) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


# ---------------------------------------------------------------- 1. the output is the input
@pytest.mark.parametrize("link", [False, True])
def test_output_that_is_the_input_is_refused_even_with_force(
    cli: Callable[..., Result], tmp_path: Path, link: bool
) -> None:
    data = _jsonl(tmp_path / "in.jsonl")
    before = data.read_bytes()
    out = data
    if link:
        out = tmp_path / "alias.jsonl"
        out.symlink_to(data)
    for extra in ([], ["--force"], ["--resume"]):
        r = cli("batch", str(data), "-o", str(out), "-t", str(MINI), *extra)
        assert r.code == 1 and "also an input" in r.err, r.err
        assert data.read_bytes() == before


def test_output_inside_an_input_folder_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("I do data entry.", encoding="utf-8")
    r = cli("batch", str(tmp_path), "-o", str(tmp_path / "out.txt"), "-t", str(MINI))
    assert r.code == 1 and "inside the input folder" in r.err
    assert not (tmp_path / "out.txt").exists()


# ---------------------------------------------------------------- 2. --resume onto other files
def test_resume_refuses_a_file_that_is_not_batch_output(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "in.jsonl")
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\nsecond line, no newline at the end", encoding="utf-8")
    before = notes.read_bytes()
    r = cli("batch", str(data), "-o", str(notes), "--resume", "-t", str(MINI))
    assert r.code == 1 and f"{notes}:1: not one of crowdskills'" in r.err
    assert notes.read_bytes() == before


def test_resume_never_cuts_good_lines_after_a_corrupt_one(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = _jsonl(tmp_path / "in.jsonl")
    out = tmp_path / "out.jsonl"
    assert cli("batch", str(data), "-o", str(out), "-t", str(MINI)).code == 0
    lines = out.read_bytes().splitlines(keepends=True)
    corrupt = b"".join(lines[:2]) + b"garbage\n" + b"".join(lines[2:4])
    out.write_bytes(corrupt)
    r = cli("batch", str(data), "-o", str(out), "--resume", "-t", str(MINI))
    assert r.code == 1 and f"{out}:3:" in r.err
    assert out.read_bytes() == corrupt


def test_resume_onto_a_device_is_refused(cli: Callable[..., Result], tmp_path: Path) -> None:
    r = cli("batch", str(_jsonl(tmp_path / "in.jsonl")), "-o", "/dev/zero", "--resume", "-t", str(MINI))
    assert r.code == 1 and "not a regular file" in r.err


def test_resume_refuses_records_of_another_task(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    out.write_text('{"id": "r0", "target": {"id": "annotator"}, "gaps": []}\n', encoding="utf-8")
    r = cli("batch", str(_jsonl(tmp_path / "in.jsonl")), "-o", str(out), "--resume", "-t", str(MINI))
    assert r.code == 1 and "--task skills" in r.err


def test_resume_csv_checks_the_header_and_cuts_only_a_partial_last_row(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    data = _jsonl(tmp_path / "in.jsonl")
    full, part = tmp_path / "full.csv", tmp_path / "part.csv"
    assert cli("batch", str(data), "-o", str(full), "-f", "csv", "-t", str(MINI)).code == 0
    rows = full.read_bytes().splitlines(keepends=True)
    part.write_bytes(b"".join(rows[:3]) + rows[3][:4])
    assert cli("batch", str(data), "-o", str(part), "-f", "csv", "--resume", "-t", str(MINI)).code == 0
    assert part.read_bytes() == full.read_bytes()
    other = tmp_path / "other.csv"
    other.write_text("name,email\nann,a@example.org\n", encoding="utf-8")
    r = cli("batch", str(data), "-o", str(other), "-f", "csv", "--resume", "-t", str(MINI))
    assert r.code == 1 and "not the header" in r.err
    assert other.read_text(encoding="utf-8") == "name,email\nann,a@example.org\n"


# ---------------------------------------------------------------- 12. special files
@pytest.mark.parametrize("special", ["/dev/zero", "fifo"])
def test_special_files_are_refused_not_read_forever(
    cli: Callable[..., Result], tmp_path: Path, special: str
) -> None:
    path = special
    if special == "fifo":
        path = str(tmp_path / "posts.jsonl")
        os.mkfifo(path)  # nobody writes to it: opening it for reading would block forever
    for command in ("batch", "demand"):
        r = cli(command, path, "-t", str(MINI))
        assert r.code == 1 and "not a regular file" in r.err, (command, r.err)
    with pytest.raises(InputError, match="not a regular file"):
        read_source(path)  # `skills FIFO` said "does not exist"


# ---------------------------------------------------------------- 13. and 17. records over limits
def test_jsonl_record_over_max_bytes_is_an_error_record(cli: Callable[..., Result], tmp_path: Path) -> None:
    big = {"id": "big", "text": "data entry " * 2000}
    data = _jsonl(tmp_path / "in.jsonl", [RECORDS[0], big, RECORDS[1]])
    r = cli("batch", str(data), "--max-bytes", "10000", "-t", str(MINI))
    records = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 4
    assert [rec["id"] for rec in records] == ["r0", "2", "r1"]
    assert "over the 10,000-byte limit" in records[1]["error"] and "skills" in records[2]


def test_over_long_lines_are_skipped_without_being_read_whole(tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps({"id": "a", "text": "x" * 3_000_000}) + "\n" + json.dumps(RECORDS[0]) + "\n")
    import tracemalloc

    tracemalloc.start()
    docs = list(iter_documents([str(data)], max_bytes=1000))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert [d.error is not None for d in docs] == [True, False]
    assert peak < 2_000_000  # the 3 MB line was never held


def test_deeply_nested_jsonl_line_is_an_error_record(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = tmp_path / "in.jsonl"
    data.write_text(json.dumps(RECORDS[0]) + "\n" + "[" * 200_000 + "\n" + json.dumps(RECORDS[1]) + "\n")
    r = cli("batch", str(data), "-t", str(MINI))
    records = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 4 and [rec["id"] for rec in records] == ["r0", "2", "r1"]
    assert "nested too deeply" in records[1]["error"]


def test_csv_field_over_the_limit_is_an_error_record(cli: Callable[..., Result], tmp_path: Path) -> None:
    data = tmp_path / "in.csv"
    data.write_text("id,text\na,I do data entry.\nb," + "x" * 200_000 + "\nc,I tag images.\n")
    r = cli("batch", str(data), "--max-bytes", "100000", "-t", str(MINI))
    records = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 4
    assert [rec.get("error") is None for rec in records] == [True, False, True]
    assert records[2]["id"] == "c" and "--max-bytes" in records[1]["error"]
    # the same field over many short lines: past the csv module's field limit
    data.write_text('id,text\na,I do data entry.\nb,"' + "xxxxxxxxx\n" * 20_000 + '"\nc,I tag images.\n')
    r = cli("batch", str(data), "--max-bytes", "100000", "-t", str(MINI))
    records = [json.loads(line) for line in r.out.splitlines()]
    assert r.code == 4 and records[0]["id"] == "a" and "skills" in records[0]
    assert "field larger than field limit" in records[1]["error"]


def test_unterminated_csv_quote_is_reported_with_its_line(tmp_path: Path) -> None:
    data = tmp_path / "in.csv"
    data.write_text('id,text\na,I do data entry.\nb,"I tag images.\nc,I transcribe audio.\nd,more\n')
    docs = list(iter_documents([str(data)]))
    assert [d.id for d in docs] == ["a", "3"]
    assert docs[1].error is not None and "in.csv:3: a quote opened in this row is never closed" in docs[1].error
    # a quoted field over several lines, closed, is one good record
    data.write_text('id,text\na,"line one\nline ""two"""\nb,x\n')
    assert [(d.id, d.error) for d in iter_documents([str(data)])] == [("a", None), ("b", None)]


# ---------------------------------------------------------------- 14. a worker that dies
def test_a_killed_worker_stops_the_run_with_an_error_not_a_hang() -> None:
    script = textwrap.dedent(f"""
        import multiprocessing as mp, os, signal
        from crowdskills.batch import BatchSettings, run_batch_lines
        from crowdskills.corpus import Document
        from crowdskills.errors import CrowdskillsError
        docs = (Document(str(i), f"I do data entry {{i}}.", f"in.jsonl:{{i}}") for i in range(100_000))
        n = 0
        try:
            for line, _ in run_batch_lines(docs, BatchSettings(taxonomy=({str(MINI)!r},)), jobs=2, chunk_size=50):
                n += 1
                if n == 1:
                    for child in mp.active_children():
                        os.kill(child.pid, signal.SIGKILL)
        except CrowdskillsError as exc:
            print(n, exc)
    """)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert "a worker process died" in done.stdout, done.stderr
    assert "--resume" in done.stdout
    assert int(done.stdout.split()[0]) < 100_000


# ---------------------------------------------------------------- 18. output paths
@pytest.mark.parametrize("target", ["folder", "/proc/crowdskills-x"])
def test_unwritable_outputs_are_one_error_line(cli: Callable[..., Result], tmp_path: Path, target: str) -> None:
    out = str(tmp_path) if target == "folder" else target
    profile = tmp_path / "p.txt"
    profile.write_text("I do data entry and image tagging.", encoding="utf-8")
    runs = [("batch", str(profile), "-o", out, "--force", "-t", str(MINI)),
            ("gaps", str(profile), "--role", "annotator", "--output", out + ".md" if target != "folder" else out,
             "--force", "-t", str(MINI), "-c", str(DATA / "mini_catalog"))]
    for args in runs:
        r = cli(*args)
        assert r.code == 1 and r.err.startswith("Error: cannot write"), (args, r.err)
        assert len(r.err.strip().splitlines()) == 1


# ---------------------------------------------------------------- 19. minor
def test_unreadable_subfolder_is_named_not_skipped_silently(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.txt").write_text("I do data entry.", encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.txt").write_text("I tag images.", encoding="utf-8")
    scandir = os.scandir

    def refuse(path: str) -> object:  # what chmod 0 does, also when the tests run as root
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    docs = list(iter_documents([str(tmp_path)]))
    assert [d.id for d in docs] == ["locked/", "ok.txt"]
    assert docs[0].error is not None and f"folder {locked} cannot be read (Permission denied)" in docs[0].error


def test_an_existing_folder_name_is_a_path_not_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "profiles").mkdir()
    monkeypatch.chdir(tmp_path)
    with pytest.raises(InputError, match="is a directory"):
        read_source("profiles")


def test_binary_data_after_the_first_block_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(b"data entry " * 2000 + b"\x00\x01\x02")
    with pytest.raises(InputError, match="binary data at byte 22,000"):
        read_file(path)


def test_latin1_bytes_outside_windows_1252_are_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes("Caf\xe9 data entry \x81 and \x8d".encode("latin-1"))
    source = read_file(path)
    assert source.text.startswith("Café data entry") and "Latin-1" in source.warnings[0]


def test_stdin_text_over_the_limit_is_an_error_not_cut(tmp_path: Path) -> None:
    import io

    docs = list(iter_documents(["-"], Fields(), stdin=io.BytesIO(b"data entry " * 100), max_bytes=500))
    assert len(docs) == 1 and docs[0].error is not None and "over the 500-byte limit" in docs[0].error


def test_ctrl_c_prints_a_message_and_exits_130() -> None:
    proc = subprocess.Popen([sys.executable, "-m", "crowdskills", "skills", "-"], stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
    try:
        import time

        time.sleep(5)  # let it start and wait on standard input
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=30)
    finally:
        proc.kill()
    assert proc.returncode == 130 and b"Interrupted" in err


def test_import_esco_into_an_unwritable_folder_is_one_error_line(cli: Callable[..., Result]) -> None:
    r = cli("taxonomy", "import-esco", str(DATA / "esco-extract"), "-o", "/proc/crowdskills-x")
    assert r.code == 1 and r.err.startswith("Error: cannot write to /proc/crowdskills-x")
    assert len(r.err.strip().splitlines()) == 1


def test_other_readers_refuse_devices(cli: Callable[..., Result], tmp_path: Path) -> None:
    fifo = tmp_path / "skills.yaml"
    os.mkfifo(fifo)
    runs = [("taxonomy", "validate", str(fifo)), ("catalog", "validate", "/dev/zero"),
            ("catalog", "import", "/dev/zero", "-o", str(tmp_path / "c.yaml")),
            ("catalog", "coverage", "--demand", "/dev/zero", "-t", str(MINI), "-c", str(DATA / "mini_catalog"))]
    for args in runs:
        r = cli(*args)
        assert r.code == 1 and "not a regular file" in r.err, (args, r.err)
