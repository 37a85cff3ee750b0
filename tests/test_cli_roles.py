"""`crowdskills roles` and `crowdskills roles show`."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from .conftest import MINI, Result

Cli = Callable[..., Result]


def test_roles_lists_every_role(cli: Cli) -> None:
    r = cli("roles", "-t", str(MINI))
    assert r.code == 0 and "annotator" in r.out and "automation scripter" in r.out


def test_roles_json_is_stable_snake_case(cli: Cli) -> None:
    roles = json.loads(cli("roles", "-t", str(MINI), "--format", "json").out)
    assert [r["id"] for r in roles] == ["annotator", "scripter"]
    assert set(roles[0]) == {"id", "pref_label", "alt_labels", "hidden_labels", "work_type", "description", "skills",
                             "next_roles", "crosswalk", "translations"}
    assert roles[0]["skills"][0] == {"skill": "image-annotation", "relation": "essential",
                                     "level": 2, "importance": 5}


def test_roles_filter_by_work_type_and_csv(cli: Cli) -> None:
    out = cli("roles", "-t", str(MINI), "--work-type", "microwork", "--format", "csv").out
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["id"] for r in rows] == ["annotator"]
    assert rows[0]["essential"] == "3" and rows[0]["next_roles"] == "scripter"


def test_roles_bad_work_type_exits_1(cli: Cli) -> None:
    r = cli("roles", "-t", str(MINI), "--work-type", "gig")
    assert r.code == 1 and "--work-type must be one of" in r.err


def test_roles_bad_format_is_a_usage_error(cli: Cli) -> None:
    assert cli("roles", "--format", "xml").code == 2


def test_role_show_lists_essential_before_optional(cli: Cli) -> None:
    r = cli("roles", "show", "annotator", "-t", str(MINI))
    assert r.code == 0
    assert r.out.index("essential") < r.out.index("optional")
    assert "automation scripter (scripter)" in r.out


def test_role_show_json_has_skill_labels(cli: Cli) -> None:
    data = json.loads(cli("roles", "show", "scripter", "-t", str(MINI), "-f", "json").out)
    assert data["skills"][0]["label"] == "Python programming"
    assert data["skills"][0]["category"] == "technical"


def test_role_show_unknown_exits_1_with_suggestion(cli: Cli) -> None:
    r = cli("roles", "show", "anotator", "-t", str(MINI))
    assert r.code == 1 and "did you mean 'annotator'" in r.err
