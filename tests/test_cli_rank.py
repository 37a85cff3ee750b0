"""`crowdskills rank` and `crowdskills batch --task rank`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills.matching import SkillMatcher
from crowdskills.taxonomy import load_taxonomy

from .conftest import DATA, Result

TEXT = "Experience with React and REST APIs. You will tag images for our clients.\nData entry from invoices"


def test_rank_gives_the_best_skills_of_each_sentence_with_evidence(cli: Callable[..., Result]) -> None:
    r = cli("rank", TEXT, "--top-k", "3", "--format", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert [d["text"] for d in data] == ["Experience with React and REST APIs.", "You will tag images for our clients.",
                                         "Data entry from invoices"]
    assert [d["sentence"] for d in data] == [1, 2, 3]
    firsts = [d["skills"][0]["skill_id"] for d in data]
    assert firsts[1:] == ["image-annotation", "data-entry"]
    assert "react" in [s["skill_id"] for s in data[0]["skills"]]
    matcher = SkillMatcher().fit(load_taxonomy())
    for d in data:  # the library's ranking of the sentence, and its evidence is in the sentence
        assert d["skills"] == [x.to_dict() for x in matcher.rank(d["text"], top_k=3)]
        for s in d["skills"]:
            ev = s["evidence"]
            assert d["text"][ev["start"]:ev["end"]] == ev["text"]
            assert 0 <= s["score"] <= 1


def test_rank_jsonl_and_csv_carry_the_same_ranking(cli: Callable[..., Result], tmp_path: Path) -> None:
    path = tmp_path / "ads.txt"
    path.write_text(TEXT, encoding="utf-8")
    lines = cli("rank", str(path), "-n", "2", "-f", "jsonl")
    assert lines.code == 0 and lines.err == ""
    records = [json.loads(x) for x in lines.out.splitlines()]
    rows = list(csv.DictReader(io.StringIO(cli("rank", str(path), "-n", "2", "-f", "csv").out)))
    assert [(int(r["sentence"]), int(r["rank"]), r["skill_id"], float(r["score"])) for r in rows] == [
        (rec["sentence"], k, s["skill_id"], s["score"]) for rec in records for k, s in enumerate(rec["skills"], 1)]
    table = cli("rank", str(path), "-n", "2")
    assert table.code == 0 and "image annotation" in table.out and "3 sentences" in table.out


def test_rank_reads_stdin(cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"data entry from invoices\n")))
    r = cli("rank", "-", "-n", "1", "-f", "jsonl")
    assert r.code == 0 and json.loads(r.out)["skills"][0]["skill_id"] == "data-entry"


def test_rank_bad_input(cli: Callable[..., Result], tmp_path: Path) -> None:
    empty = cli("rank", "   ")
    assert empty.code == 1 and empty.out == "" and empty.err.startswith("Error: ") and "empty" in empty.err
    no_words = tmp_path / "blank.txt"
    no_words.write_text("\n\n  \n", encoding="utf-8")
    blank = cli("rank", str(no_words))
    assert blank.code == 1 and "Error:" in blank.err and blank.out == ""
    unknown = cli("rank", "data entry", "--taxonomy", str(tmp_path / "nowhere"))
    assert unknown.code == 1 and "nowhere" in unknown.err and "does not exist" in unknown.err
    assert "Traceback" not in unknown.err
    zero = cli("rank", "data entry", "--top-k", "0")
    assert zero.code == 2 and "--top-k" in zero.err and zero.out == ""


def test_batch_rank_records_are_the_rank_of_each_text_in_order(cli: Callable[..., Result], tmp_path: Path) -> None:
    texts = (DATA / "esco-ranking" / "validation_sentences.txt").read_text(encoding="utf-8").splitlines()
    corpus = tmp_path / "sentences.jsonl"
    rows = [{"id": f"s{i}", "text": t} for i, t in enumerate(texts[:40])]
    rows.insert(5, {"id": "empty", "text": " "})
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    r1 = cli("batch", str(corpus), "--task", "rank", "--top-k", "3", "-o", str(one))
    r2 = cli("batch", str(corpus), "--task", "rank", "--top-k", "3", "-o", str(two), "--jobs", "2")
    assert r1.code == r2.code == 4  # the empty record failed, the others were done
    assert one.read_bytes() == two.read_bytes()
    records = [json.loads(x) for x in one.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [r["id"] for r in rows]
    assert "error" in records[5]
    matcher = SkillMatcher().fit(load_taxonomy())
    for row, rec in zip(rows, records):
        if row["id"] != "empty":
            assert rec["skills"] == [x.to_dict() for x in matcher.rank(row["text"], top_k=3)]


def test_batch_rank_csv_and_top_k_zero(cli: Callable[..., Result], tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a", "text": "data entry from invoices"}\n', encoding="utf-8")
    r = cli("batch", str(corpus), "--task", "rank", "-n", "2", "-f", "csv")
    assert r.code == 0
    row = next(csv.DictReader(io.StringIO(r.out)))
    assert row["id"] == "a" and row["skills"].split("|")[0] == "data-entry" and len(row["scores"].split("|")) == 2
    assert cli("batch", str(corpus), "--task", "rank", "--top-k", "0").code == 2
    assert cli("batch", str(corpus), "--task", "rank", "--role", "data-analyst").code == 2
