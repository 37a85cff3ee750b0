"""A non-editable install carries the shipped taxonomy and finds it from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
         "--wheel-dir", str(out), str(ROOT)],
        capture_output=True, text=True,
    )
    if proc.returncode != 0 and "No module named 'hatchling'" in proc.stderr:
        pytest.skip("hatchling is not installed (pip install -e '.[test]' brings it)")
    assert proc.returncode == 0, proc.stderr
    (found,) = out.glob("crowdskills-*.whl")
    return found


def test_wheel_contains_the_taxonomy_catalogs_and_type_marker(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(
        p.relative_to(ROOT).as_posix() for folder in ("taxonomy", "catalogs") for p in (ROOT / folder).rglob("*.yaml")
    )
    assert any(s.startswith("taxonomy/") for s in shipped) and any(s.startswith("catalogs/") for s in shipped)
    for rel in shipped:
        assert f"crowdskills/_data/{rel}" in names
    assert "crowdskills/py.typed" in names
    assert not any(n.startswith("tests/") for n in names)


def test_installed_wheel_runs_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    env = {**os.environ, "PYTHONPATH": str(target), "CROWDSKILLS_TAXONOMY": ""}
    proc = subprocess.run(
        [sys.executable, "-c",
         "import crowdskills, sys; print(crowdskills.__file__); "
         "from crowdskills import load_catalogs; print(len(load_catalogs())); "
         "from crowdskills.cli import main; main(['taxonomy', 'stats', '--format', 'json'])"],
        capture_output=True, text=True, cwd=workdir, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    first, n_courses, rest = proc.stdout.split("\n", 2)
    assert first.startswith(str(target)), "the installed copy, not the source tree, was imported"
    assert int(n_courses) > 0
    stats = json.loads(rest)
    n_shipped = sum(1 for _ in (ROOT / "taxonomy").rglob("*.yaml"))
    assert stats["skills"] > 0 and n_shipped > 0
