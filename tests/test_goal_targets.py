"""The target `gaps` chooses on the goal gold set (tests/data/goals, written by the team: a tuning set)."""

from __future__ import annotations

from pathlib import Path

import pytest

from crowdskills import load_taxonomy
from crowdskills.advice.evaluate import evaluate_targets, load_goal_cases
from crowdskills.matching import SkillMatcher

GOLD = Path(__file__).parent / "data" / "goals" / "profiles.yaml"


@pytest.fixture(scope="module")
def results() -> list:  # type: ignore[type-arg]
    return evaluate_targets(load_goal_cases(GOLD), SkillMatcher().fit(load_taxonomy()))


def test_the_target_is_the_advisers_for_at_least_90_percent(results: list) -> None:  # type: ignore[type-arg]
    wrong = [f"{r.case.id}: {r.chosen} (gold {r.case.target})" for r in results if not r.right]
    assert len(results) >= 40
    assert 1 - len(wrong) / len(results) >= 0.90, wrong


def test_a_stated_aim_is_quoted_and_no_aim_is_invented(results: list) -> None:  # type: ignore[type-arg]
    stated = [r for r in results if r.case.goal]
    unstated = [r for r in results if not r.case.goal]
    assert sum(r.goal_found for r in stated) / len(stated) >= 0.85, [r.case.id for r in stated if not r.goal_found]
    assert sum(r.quoted is None for r in unstated) / len(unstated) >= 0.85
