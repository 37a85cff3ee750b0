"""Matcher cases on the shipped taxonomy, kept as data in tests/data/match_cases.yaml.

Each case has a text, the skills that must be found (with their status), skills that must
not be found, and an explanation of what it guards. Each case fails on its own.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from crowdskills import SkillMatcher, load_taxonomy

CASES_FILE = Path(__file__).parent / "data" / "match_cases.yaml"
CASES: list[dict[str, Any]] = yaml.safe_load(CASES_FILE.read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    return SkillMatcher().fit(load_taxonomy())


def test_cases_name_existing_skills() -> None:
    tax = load_taxonomy()
    for case in CASES:
        for sid in [*case.get("expect", {}), *case.get("reject", [])]:
            assert sid in tax.skills, f"{case['name']}: unknown skill {sid}"
        assert case.get("explanation"), case["name"]


def _param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["xfail"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=case["name"], marks=marks)


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_case(matcher: SkillMatcher, case: dict[str, Any]) -> None:
    found = {m.skill_id: m.status for m in matcher.match(case["text"], kind=case.get("kind", "auto"))}
    for sid, status in (case.get("expect") or {}).items():
        assert sid in found, f"{sid} not found ({case['explanation']}); found {found}"
        assert found[sid] == status, f"{sid} is {found[sid]}, expected {status} ({case['explanation']})"
    for sid in case.get("reject") or []:
        assert sid not in found, f"{sid} should not be found ({case['explanation']})"
