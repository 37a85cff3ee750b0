"""The sharded Dask engine: workers read and write shards, the client only plans (issue 19).

A scheduler and two workers run on 127.0.0.1 for the module.
"""

from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from crowdskills.batch import BatchSettings, run_batch_lines
from crowdskills.corpus import Fields, iter_documents
from crowdskills.shards import plan_shards, run_sharded

from .conftest import DATA, MINI, Result

distributed = pytest.importorskip("distributed")

TEXTS = [
    "I do data entry and image tagging on MTurk, and I follow labelling guidelines.",
    "I write Python scripts for clients and always meet deadlines.",
    "I tag images. I want to learn Python.",
    "",
    "I write proposals for bids and manage my time well.",
]


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as c:
        yield c


def _corpus(root: Path, docs_per_file: int = 300) -> list[str]:
    """Three JSONL files (ids missing on some lines, one broken line), a CSV file and a folder of texts."""
    root.mkdir(parents=True, exist_ok=True)
    inputs = []
    for k in range(3):
        path = root / f"posts-{k}.jsonl"
        with path.open("w", encoding="utf-8") as f:
            for i in range(docs_per_file):
                text = TEXTS[(i + k) % len(TEXTS)]
                f.write(json.dumps({"id": f"{k}-{i}", "text": text} if i % 40 else {"text": text}) + "\n")
            f.write("{not json\n")
        inputs.append(str(path))
    csv_path = root / "more.csv"
    csv_path.write_text("id,text\nc1,I tag images.\nc2,\"I write Python, and proposals.\"\n", encoding="utf-8")
    inputs.append(str(csv_path))
    folder = root / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("I do data entry.", encoding="utf-8")
    (folder / "sub" / "b.md").write_text("# Me\n\nI write Python scripts.", encoding="utf-8")
    inputs.append(str(folder))
    return inputs


def _local(inputs: list[str], settings: BatchSettings) -> bytes:
    return "".join(line for line, _ in run_batch_lines(iter_documents(inputs, Fields()), settings)).encode()


def _outputs(out: Path, fmt: str = "jsonl") -> bytes:
    return b"".join(p.read_bytes() for p in sorted(out.glob(f"part-*.{fmt}")))


SETTINGS = BatchSettings(task="skills", taxonomy=(str(MINI),))


def test_large_jsonl_files_are_split_on_line_boundaries(tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in")
    shards = plan_shards(inputs, split_bytes=4000)
    jsonl = [s for s in shards if s.kind == "jsonl"]
    assert len(jsonl) > 3 and [s.number for s in shards] == list(range(len(shards)))
    for path in inputs[:3]:
        ranges = [(s.start, s.end) for s in jsonl if s.input == path]
        assert ranges[0][0] == 0 and ranges[-1][1] == os.path.getsize(path)
        assert all(a[1] == b[0] for a, b in zip(ranges, ranges[1:]))


def test_sharded_output_is_the_local_engines_output(cluster: Any, tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in")
    out = tmp_path / "out"
    manifest = run_sharded(inputs, SETTINGS, out_dir=str(out), scheduler=cluster.scheduler_address, split_bytes=4000)
    assert _outputs(out) == _local(inputs, SETTINGS)
    data = json.loads((out / "_manifest.json").read_text())
    assert data["settings"]["task"] == "skills" and data["digests"]["taxonomy"] and data["crowdskills_version"]
    assert sum(s["records"] for s in data["shards"]) == 3 * 301 + 2 + 2 == manifest.records
    assert sum(s["failed"] for s in data["shards"]) == manifest.failed == 3 * (1 + 60)  # broken + empty lines
    for s in data["shards"]:
        assert hashlib.sha256((out / s["output"]).read_bytes()).hexdigest() == s["sha256"]
    assert not [p for p in out.iterdir() if p.name.startswith(".")]


def test_a_killed_worker_leaves_no_partial_output_and_resume_redoes_only_what_is_missing(
    cluster: Any, tmp_path: Path,
) -> None:
    inputs = _corpus(tmp_path / "in", docs_per_file=1500)
    out = tmp_path / "out"
    client = distributed.Client(cluster.scheduler_address)
    killed: list[int] = []

    def kill_a_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not list(out.glob("part-*")):
            time.sleep(0.05)
        pids = client.run(os.getpid)
        victim = sorted(pids.values())[0]
        os.kill(victim, signal.SIGKILL)
        killed.append(victim)

    thread = threading.Thread(target=kill_a_worker)
    thread.start()
    try:
        manifest = run_sharded(inputs, SETTINGS, out_dir=str(out), client=client, split_bytes=6000)
    finally:
        thread.join()
        client.close()
    assert killed, "no worker was killed"
    expected = _local(inputs, SETTINGS)
    assert not manifest.errors and _outputs(out) == expected  # every record once, in order
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]

    # lose one output, damage another: --resume redoes those two only
    parts = sorted(out.glob("part-*.jsonl"))
    parts[1].unlink()
    with parts[2].open("ab") as f:
        f.write(b"{}\n")
    kept = {p.name: p.stat().st_mtime_ns for p in parts if p not in parts[1:3]}
    manifest = run_sharded(inputs, SETTINGS, out_dir=str(out), scheduler=cluster.scheduler_address,
                           split_bytes=6000, resume=True)
    assert _outputs(out) == expected and not manifest.errors
    assert {p.name: p.stat().st_mtime_ns for p in out.glob("part-*.jsonl") if p.name in kept} == kept


def test_an_unreadable_shard_is_reported_and_the_others_complete(
    cluster: Any, cli: Callable[..., Result], tmp_path: Path,
) -> None:
    inputs = _corpus(tmp_path / "in", docs_per_file=20)
    bad = tmp_path / "in" / "bad.csv"
    bad.write_text("id,body\n1,no text column here\n", encoding="utf-8")
    out = tmp_path / "out"
    r = cli("batch", *inputs[:3], str(bad), "-t", str(MINI), "--engine", "dask", "--scheduler",
            cluster.scheduler_address, "--output-dir", str(out))
    assert r.code == 4
    data = json.loads((out / "_manifest.json").read_text())
    errors = [s for s in data["shards"] if s.get("error")]
    assert len(errors) == 1 and "no 'text' column" in errors[0]["error"] and errors[0]["input"] == str(bad)
    assert len([s for s in data["shards"] if s.get("output")]) == 3
    assert "shard 3 failed" in r.err and "Traceback" not in r.err


def test_an_output_folder_with_a_run_is_not_overwritten(cluster: Any, cli: Callable[..., Result],
                                                        tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", docs_per_file=10)
    out = tmp_path / "out"
    args = ["batch", inputs[0], "-t", str(MINI), "--engine", "dask", "--scheduler", cluster.scheduler_address,
            "--output-dir", str(out)]
    assert cli(*args).code == 4  # the broken and empty lines
    before = (out / "part-00000.jsonl").read_bytes()
    r = cli(*args)
    assert r.code == 1 and "already holds a run" in r.err and "--resume" in r.err
    assert (out / "part-00000.jsonl").read_bytes() == before
    assert cli(*args, "--output").code == 2  # --output needs a value; usage error, nothing run


def test_parquet_rows_per_skill_readable_by_pyarrow(cluster: Any, tmp_path: Path) -> None:
    pq = pytest.importorskip("pyarrow.parquet")
    inputs = _corpus(tmp_path / "in", docs_per_file=30)
    out = tmp_path / "out"
    manifest = run_sharded(inputs[:1], SETTINGS, out_dir=str(out), fmt="parquet",
                           scheduler=cluster.scheduler_address)
    table = pq.read_table(sorted(out.glob("part-*.parquet"))[0])
    assert table.column_names == ["id", "error", "skill_id", "label", "category", "status", "score",
                                  "evidence_start", "evidence_end"]
    rows = table.to_pylist()
    records = [json.loads(line) for line in _local(inputs[:1], SETTINGS).decode().splitlines()]
    assert len({r["id"] for r in rows}) == len(records) == manifest.records
    assert sum(len(r.get("skills", [])) for r in records) == sum(r["skill_id"] is not None for r in rows)
    text = TEXTS[0]
    first = next(r for r in rows if r["id"] == "0-1" or r["skill_id"])
    assert first["evidence_end"] > first["evidence_start"] >= 0 and len(text) > 0


def test_an_unknown_role_is_one_error_and_no_run(cluster: Any, cli: Callable[..., Result], tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", docs_per_file=5)
    out = tmp_path / "out"
    r = cli("batch", inputs[0], "-t", str(MINI), "--task", "gaps", "--role", "astronaut", "--engine", "dask",
            "--scheduler", cluster.scheduler_address, "--output-dir", str(out))
    assert r.code == 1 and "no role with id 'astronaut'" in r.err and len(r.err.strip().splitlines()) == 1
    assert not list(out.glob("part-*")) and not (out / "_manifest.json").exists()


def test_fsspec_urls_for_inputs_and_outputs(cluster: Any, tmp_path: Path) -> None:
    pytest.importorskip("fsspec")
    inputs = _corpus(tmp_path / "in", docs_per_file=50)
    out = tmp_path / "out"
    manifest = run_sharded([f"file://{tmp_path}/in/*.jsonl"], SETTINGS, out_dir=f"file://{out}",
                           scheduler=cluster.scheduler_address, split_bytes=2000)
    got = [json.loads(line) for line in _outputs(out).decode().splitlines()]
    want = [json.loads(line) for line in _local(inputs[:3], SETTINGS).decode().splitlines()]
    assert manifest.records == len(want) and not manifest.errors
    # the same records; error messages name the input as it was given (here the URL)
    assert [(r["id"], r.get("skills")) for r in got] == [(r["id"], r.get("skills")) for r in want]
    assert all(r["error"].startswith("file://") for r in got if "error" in r and "JSON" in r["error"])


def test_a_record_over_max_bytes_is_an_error_record_as_in_the_local_engine(cluster: Any, tmp_path: Path) -> None:
    inputs = _corpus(tmp_path / "in", docs_per_file=40)
    with open(inputs[0], "a", encoding="utf-8") as f:
        f.write(json.dumps({"id": "long", "text": "data entry " * 3000}) + "\n")
        f.write(json.dumps({"id": "after", "text": "I tag images."}) + "\n")
    out = tmp_path / "out"
    run_sharded(inputs[:1], SETTINGS, out_dir=str(out), scheduler=cluster.scheduler_address, split_bytes=1500,
                max_bytes=10_000)
    local = "".join(line for line, _ in run_batch_lines(
        iter_documents(inputs[:1], Fields(), max_bytes=10_000), SETTINGS)).encode()
    assert _outputs(out) == local
    records = [json.loads(line) for line in local.decode().splitlines()]
    assert "over the 10,000-byte limit" in records[-2]["error"] and records[-1]["id"] == "after"


def test_catalog_digest_covers_every_file_the_catalogs_load(tmp_path: Path) -> None:
    """A resumed run notices a change to a catalog in a subfolder or a .yml file (the digest once globbed *.yaml)."""
    from crowdskills.shards import run_digests

    nested = tmp_path / "partners" / "acme.yml"
    nested.parent.mkdir()
    nested.write_text((DATA / "mini_catalog" / "courses.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    settings = BatchSettings(task="recommend", taxonomy=(str(MINI),), catalogs=(str(tmp_path),))
    before = run_digests(settings)["catalogs"]
    nested.write_text(nested.read_text(encoding="utf-8") + "# reviewed\n", encoding="utf-8")
    assert run_digests(settings)["catalogs"] != before
