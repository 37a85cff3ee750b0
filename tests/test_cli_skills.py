"""`crowdskills skills` as a user runs it: formats, inputs, errors, and the index cache."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from .conftest import MINI, Result

Cli = Callable[..., Result]
TEXT = "I do image tagging and data entry. I want to learn Python. No experience with proposal writing."


def test_json_contract(cli: Cli) -> None:
    r = cli("skills", TEXT, "-t", str(MINI), "--format", "json")
    assert r.code == 0, r.err
    found = {m["skill_id"]: m for m in json.loads(r.out)}
    assert {k: v["status"] for k, v in found.items()} == {
        "image-annotation": "claimed", "data-entry": "claimed",
        "python-programming": "wanted", "proposal-writing": "negated",
    }
    m = found["image-annotation"]
    assert list(m) == ["skill_id", "label", "category", "score", "status", "methods", "evidence",
                       "kind", "kind_reason", "language"]
    assert (m["kind"], m["language"]) == ("profile", "en") and "first person" in m["kind_reason"]
    assert TEXT[m["evidence"][0]["start"]:m["evidence"][0]["end"]] == m["evidence"][0]["text"] == "image tagging"


def test_jsonl_csv_markdown_and_table(cli: Cli) -> None:
    lines = cli("skills", TEXT, "-t", str(MINI), "-f", "jsonl").out.splitlines()
    assert len(lines) == 4 and all(json.loads(line)["score"] <= 1 for line in lines)
    rows = list(csv.DictReader(io.StringIO(cli("skills", TEXT, "-t", str(MINI), "-f", "csv").out)))
    assert {r["skill_id"] for r in rows} == {json.loads(line)["skill_id"] for line in lines}
    md = cli("skills", TEXT, "-t", str(MINI), "-f", "markdown").out
    assert md.startswith("| skill | category | score | status | evidence |")
    table = cli("skills", TEXT, "-t", str(MINI)).out
    assert "image annotation" in table and "wanted" in table and "negated" in table


def test_kind_job_gives_required_and_optional(cli: Cli) -> None:
    out = cli("skills", "Data entry needed. Python is a plus.", "-t", str(MINI), "--kind", "job", "-f", "json").out
    assert {m["skill_id"]: m["status"] for m in json.loads(out)} == {
        "data-entry": "required", "python-programming": "optional"}


def test_file_and_stdin(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "profile.md"
    path.write_text("# Me\n- data entry\n- image tagging\n", encoding="utf-8")
    assert len(json.loads(cli("skills", str(path), "-t", str(MINI), "-f", "json").out)) == 2
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"data entry")))
    assert json.loads(cli("skills", "-", "-t", str(MINI), "-f", "json").out)[0]["skill_id"] == "data-entry"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "empty"), (b"\x00\x01\x02binary", "not a text file")],
)
def test_bad_files_exit_1_with_one_line(cli: Cli, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "in.txt"
    path.write_bytes(content)
    r = cli("skills", str(path), "-t", str(MINI))
    assert r.code == 1 and message in r.err and r.out == ""
    assert len(r.err.strip().splitlines()) == 1 and "Traceback" not in r.err


def test_max_bytes(cli: Cli, tmp_path: Path) -> None:
    path = tmp_path / "in.txt"
    path.write_text("data entry " * 50)
    assert cli("skills", str(path), "-t", str(MINI), "--max-bytes", "100").code == 1
    assert cli("skills", str(path), "-t", str(MINI), "--max-bytes", "1000").code == 0


def test_no_skills_found_is_not_an_error(cli: Cli) -> None:
    r = cli("skills", "The weather is nice today.", "-t", str(MINI))
    assert r.code == 0 and "No skills found" in r.err
    assert json.loads(cli("skills", "The weather is nice today.", "-t", str(MINI), "-f", "json").out) == []


def _run(args: list[str], cache: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CROWDSKILLS_CACHE_DIR": str(cache)}
    code = (
        "import sys\nfrom crowdskills.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit as e:\n    code = e.code\nelse:\n    code = 0\n"
        "print('SKLEARN' if 'sklearn' in sys.modules else 'NO-SKLEARN', file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)


def _compiled_then_cached(args: list[str], cache: Path) -> list[dict[str, Any]]:
    """Run twice: the first run compiles (imports scikit-learn), the second reads the cache (does
    not), and both print the same; the rows of the second."""
    first = _run(args, cache)
    assert first.returncode == 0 and "SKLEARN" in first.stderr.split()
    second = _run(args, cache)
    assert second.returncode == 0 and "NO-SKLEARN" in second.stderr
    rows: list[dict[str, Any]] = json.loads(second.stdout)
    assert json.loads(first.stdout) == rows
    return rows


def test_cached_index_skips_scikit_learn_and_is_rebuilt_when_taxonomy_changes(tmp_path: Path) -> None:
    import shutil

    tax = tmp_path / "tax"
    shutil.copytree(MINI, tax)
    cache = tmp_path / "cache"
    _compiled_then_cached(["skills", "data entry and pyhton scripting", "-t", str(tax), "-f", "json"], cache)
    # a changed taxonomy is compiled again, and the change shows
    skills = tax / "skills.yaml"
    skills.write_text(skills.read_text().replace("[data input, copy typing]", "[data input, copy typing, keying]"))
    third = _run(["skills", "keying", "-t", str(tax), "-f", "json"], cache)
    assert "SKLEARN" in third.stderr.split() and json.loads(third.stdout)[0]["skill_id"] == "data-entry"


def test_corrupt_or_unwritable_cache_is_ignored(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    args = ["skills", "data entry", "-t", str(MINI), "-f", "json"]
    assert _run(args, cache).returncode == 0
    for f in cache.glob("index-*.pickle"):
        f.write_bytes(b"not a pickle")
    r = _run(args, cache)
    assert r.returncode == 0 and json.loads(r.stdout)[0]["skill_id"] == "data-entry"
    blocker = tmp_path / "file-not-dir"
    blocker.write_text("x")
    r = _run(args, blocker / "cache")
    assert r.returncode == 0 and json.loads(r.stdout)[0]["skill_id"] == "data-entry"


def test_json_reports_the_kind_chosen_and_why(cli: Cli) -> None:
    post = "Senior Data Analyst (m/f/d)\nRequirements:\n- SQL\n- data entry\nNice to have: Python"
    found = json.loads(cli("skills", post, "-t", str(MINI), "-f", "json").out)
    assert {m["kind"] for m in found} == {"job"}
    assert "requirements" in found[0]["kind_reason"] and "(m/f/d)" in found[0]["kind_reason"]
    forced = json.loads(cli("skills", post, "-t", str(MINI), "-f", "jsonl", "--kind", "profile").out.splitlines()[0])
    assert (forced["kind"], forced["kind_reason"]) == ("profile", "--kind option")


def test_text_not_in_english_warns_and_claims_nothing(cli: Cli) -> None:
    # Spanish and French are read (issue 16); a language without labels is warned about
    r = cli("skills", "Quero aprender Excel e SQL, e também Python. Não tenho experiência.", "-f", "json")
    assert r.code == 0 and json.loads(r.out) == []
    assert "Portuguese" in r.err and "not read" in r.err
    r = cli("skills", "Quiero aprender Excel y SQL, y también Python.", "-f", "json")
    assert {m["skill_id"]: m["status"] for m in json.loads(r.out)} == {"sql": "wanted", "python": "wanted"}
    assert json.loads(r.out)[0]["language"] == "es" and r.err == ""


def test_senses_and_patterns_survive_the_index_cache(cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROWDSKILLS_CACHE_DIR", str(tmp_path / "cache"))
    post = "Qualifications:\n- Transcribe up to 35 seconds of media to text."
    for _ in range(2):  # compiled, then loaded from the cache
        found = {m["skill_id"] for m in json.loads(cli("skills", post, "-f", "json").out)}
        assert found == {"audio-transcription"}
    assert list((tmp_path / "cache").iterdir())


def test_spanish_text_reads_its_index_from_the_cache_too(tmp_path: Path) -> None:
    import shutil

    tax = tmp_path / "tax"
    shutil.copytree(MINI, tax)
    (tax / "es.yaml").write_text(
        "language: es\nskillLabels:\n- {id: data-entry, prefLabel: entrada de datos}\n", encoding="utf-8")
    args = ["skills", "Hago entrada de datos y quiero aprender Python.", "-t", str(tax), "-f", "json"]
    rows = _compiled_then_cached(args, tmp_path / "cache")
    found = {m["skill_id"]: (m["status"], m["label_local"]) for m in rows}
    assert found["data-entry"] == ("claimed", "entrada de datos")


def test_the_shipped_index_loads_back_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every class the shipped taxonomy is built of (task patterns too) may be read from the cache."""
    from crowdskills.matching import cache
    from crowdskills.matching import index as index_module

    monkeypatch.setenv("CROWDSKILLS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CROWDSKILLS_CONFIG_DIR", str(tmp_path / "config"))
    from crowdskills.datafiles import shipped_dir

    paths = [shipped_dir("taxonomy")]
    first = cache.load_compiled(paths)[1]
    compiled: list[int] = []
    real = index_module.compile_index
    monkeypatch.setattr(index_module, "compile_index", lambda *a, **k: compiled.append(1) or real(*a, **k))
    again = cache.load_compiled(paths)[1]
    assert compiled == [] and again.patterns == first.patterns and again.senses == first.senses
