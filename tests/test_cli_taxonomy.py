"""`crowdskills taxonomy ...` and the root command, as a user runs them."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills import __version__

from .conftest import MINI, Result

Cli = Callable[..., Result]


def test_version(cli: Cli) -> None:
    r = cli("--version")
    assert r.code == 0 and r.out.strip() == f"crowdskills {__version__}"


@pytest.mark.parametrize("args", [["--help"], ["--version"], ["taxonomy", "validate"]])
def test_fast_paths_do_not_import_scikit_learn(args: list[str]) -> None:
    code = (
        "import sys\nfrom crowdskills.cli import main\n"
        f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
        "assert 'sklearn' not in sys.modules, 'sklearn was imported'\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr


def test_help_lists_the_command_groups(cli: Cli) -> None:
    r = cli("--help")
    assert r.code == 0 and "taxonomy" in r.out and "roles" in r.out


def test_validate_valid_taxonomy_exits_0(cli: Cli) -> None:
    r = cli("taxonomy", "validate", str(MINI))
    assert r.code == 0 and r.out == ""
    assert "6 skills, 2 roles: 0 errors, 0 warnings" in r.err


def test_validate_lists_every_problem_and_exits_3(cli: Cli, write: Callable[..., Path], tmp_path: Path) -> None:
    write("skills: [\n", "a.yaml")
    write("skills:\n  - id: x\n    prefLabel: x\n", "b.yaml")
    r = cli("taxonomy", "validate", str(tmp_path))
    assert r.code == 3
    lines = r.out.splitlines()
    assert len(lines) == 4  # one syntax error, three missing fields (description, category, workType)
    for line in lines:
        path, ln, col, rest = line.split(":", 3)
        assert path.endswith(".yaml") and ln.isdigit() and col.isdigit()
        assert rest.startswith(" error ")
    assert "Traceback" not in r.err


def test_validate_warnings_exit_0_unless_strict(cli: Cli, write: Callable[..., Path]) -> None:
    text = (MINI / "skills.yaml").read_text().replace("copy typing", "image tagging")
    path = write(text)
    r = cli("taxonomy", "validate", str(path))
    assert r.code == 0 and " warning T205 " in r.out
    assert cli("taxonomy", "validate", "--strict", str(path)).code == 3


def test_validate_plus_checks_a_file_on_top_of_the_shipped_taxonomy(cli: Cli, write: Callable[..., Path]) -> None:
    from crowdskills import load_taxonomy

    shipped = next(iter(load_taxonomy()))
    mine = write(f"""
        skills:
          - id: my-special-skill
            prefLabel: my special skill
            altLabels: [special skill one, special skill two]
            description: A skill only my platform uses.
            category: technical
            workType: microwork
            broader: [{shipped.id}]
    """)
    assert cli("taxonomy", "validate", f"+{mine}").code == 0
    # alone, the reference to a shipped skill dangles
    r = cli("taxonomy", "validate", str(mine))
    assert r.code == 3 and "T202" in r.out


def test_validate_plus_a_shipped_file_checks_it_once(cli: Cli) -> None:
    from crowdskills.taxonomy import shipped_taxonomy_dir

    shipped = cli("taxonomy", "validate")
    r = cli("taxonomy", "validate", f"+{shipped_taxonomy_dir() / 'skills' / 'accounting.yaml'}")
    assert r.code == 0 and " T201 " not in r.out, r.out
    assert r.err == shipped.err  # same files, skills and roles: the file is read once


def test_validate_missing_path_exits_1(cli: Cli, tmp_path: Path) -> None:
    r = cli("taxonomy", "validate", str(tmp_path / "missing.yaml"))
    assert r.code == 1 and r.err.startswith("Error: ") and "does not exist" in r.err
    assert len(r.err.strip().splitlines()) == 1


def test_show_skill_table_and_json(cli: Cli) -> None:
    r = cli("taxonomy", "show", "image-annotation", "-t", str(MINI))
    assert r.code == 0
    assert "image annotation (image-annotation)" in r.out and "needed by roles: annotator" in r.out
    data = json.loads(cli("taxonomy", "show", "time-management", "-t", str(MINI), "--format", "json").out)
    assert data["id"] == "time-management" and data["category"] == "organisational"
    assert data["crosswalk"][0]["scheme"] == "esco"
    assert set(data) >= {"pref_label", "alt_labels", "hidden_labels", "work_type", "prerequisites"}


def test_show_unknown_skill_exits_1_with_suggestion(cli: Cli) -> None:
    r = cli("taxonomy", "show", "image-anotation", "-t", str(MINI))
    assert r.code == 1 and "did you mean 'image-annotation'" in r.err and r.out == ""


def test_search_is_fuzzy_and_returns_scores(cli: Cli) -> None:
    r = cli("taxonomy", "search", "imag labeling", "-t", str(MINI), "--format", "json")
    hits = json.loads(r.out)
    assert hits[0]["skill_id"] == "image-annotation"
    assert all(0 <= h["score"] <= 1 for h in hits)
    assert [h["score"] for h in hits] == sorted((h["score"] for h in hits), reverse=True)


def test_search_limits_to_ten_by_default(cli: Cli) -> None:
    hits = json.loads(cli("taxonomy", "search", "data", "--format", "json").out)
    assert 0 < len(hits) <= 10


def test_search_csv(cli: Cli) -> None:
    rows = list(csv.DictReader(io.StringIO(cli("taxonomy", "search", "pyton", "-t", str(MINI), "-f", "csv").out)))
    assert rows[0]["skill_id"] == "python-programming"


def test_stats_counts_by_category_and_work_type(cli: Cli) -> None:
    s = json.loads(cli("taxonomy", "stats", "-t", str(MINI), "--format", "json").out)
    assert s["skills"] == 6 and s["roles"] == 2
    assert s["skills_by_category"]["technical"] == 3 and s["skills_by_category"]["language"] == 0
    assert s["skills_by_work_type"] == {"microwork": 2, "freelancing": 2, "both": 2}
    assert s["skills_with_esco"] == 2
    table = cli("taxonomy", "stats", "-t", str(MINI))
    assert "6 skills, 2 roles" in table.out and "2 of 6 skills (33%)" in table.out


def test_schema_is_valid_json_schema_that_accepts_shipped_files(cli: Cli) -> None:
    import jsonschema
    import yaml

    from crowdskills import shipped_taxonomy_dir

    schema = json.loads(cli("taxonomy", "schema").out)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(shipped_taxonomy_dir().rglob("*.yaml")) + sorted(MINI.glob("*.yaml"))
    for path in files:
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert not errors, f"{path}: {errors[0].message}"
    bad = {"skills": [{"id": "x", "prefLabel": "x", "altLabels": ["a"], "description": "d",
                       "category": "cooking", "workType": "both"}]}
    assert list(validator.iter_errors(bad))


def test_taxonomy_env_var_replaces_the_shipped_taxonomy(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROWDSKILLS_TAXONOMY", str(MINI))
    s = json.loads(cli("taxonomy", "stats", "--format", "json").out)
    assert s["skills"] == 6


def test_taxonomy_plus_adds_skills_to_the_shipped_ones(cli: Cli, write: Callable[..., Path]) -> None:
    shipped = json.loads(cli("taxonomy", "stats", "--format", "json").out)["skills"]
    mine = write("""
        skills:
          - id: drone-footage-annotation
            prefLabel: drone footage annotation
            altLabels: [aerial video labelling, drone video tagging]
            description: Labelling objects seen in aerial drone video.
            category: technical
            workType: microwork
    """)
    s = json.loads(cli("taxonomy", "stats", "-t", f"+{mine}", "--format", "json").out)
    assert s["skills"] == shipped + 1
    r = cli("taxonomy", "show", "drone-footage-annotation", "-t", f"+{mine}")
    assert r.code == 0


def test_broken_user_taxonomy_exits_3_with_one_line_error(cli: Cli, write: Callable[..., Path]) -> None:
    r = cli("roles", "-t", str(write("skills:\n  - id: x\n")))
    assert r.code == 3
    assert r.err.startswith("Error: the taxonomy has errors: ") and len(r.err.strip().splitlines()) == 1


def test_installed_command_runs_from_another_directory(tmp_path: Path) -> None:
    env = {**os.environ, "CROWDSKILLS_TAXONOMY": ""}
    proc = subprocess.run(
        [sys.executable, "-m", "crowdskills", "taxonomy", "stats", "--format", "json"],
        capture_output=True, text=True, cwd=tmp_path, env=env,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["skills"] > 0
