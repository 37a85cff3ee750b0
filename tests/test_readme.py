"""The README's Python quick start runs as written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_python_quick_start_runs(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## Python quick start"):]
    code = re.search(r"```python\n(.*?)```", section, re.S)
    assert code is not None
    monkeypatch.chdir(ROOT)
    exec(compile(code.group(1), "README.md", "exec"), {})
    printed = capsys.readouterr().out
    assert "image-annotation claimed" in printed or "image-tagging claimed" in printed
    assert "profile-microworker.txt" in printed  # run_batch read the examples folder
    assert ('{"id": "profile-microworker.txt", "language": "en", "kind": "profile", "skills": [{"skill_id": '
            in printed)  # run_batch_lines too
