"""Golden outputs of `crowdskills gaps` on the fixture taxonomy and catalog (reviewed like code)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest

from .conftest import DATA, MINI, Result

PROFILE = "I do data entry and image tagging.\nI want to learn Python."
ARGS = ["gaps", PROFILE, "--role", "annotator", "-t", str(MINI), "-c", str(DATA / "mini_catalog")]


@pytest.mark.parametrize("fmt", ["table", "text", "json", "markdown"])
def test_gaps_golden(cli: Callable[..., Result], golden: Callable[[str, str], None], fmt: str) -> None:
    r = cli(*ARGS, "--format", fmt)
    assert r.code == 0, r.err
    text = r.out
    if fmt == "json":  # stable key order and formatting for review
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    golden(f"gaps-annotator.{ {'table': 'txt', 'text': 'text', 'json': 'json', 'markdown': 'md'}[fmt] }", text)


GOAL_PROFILE = ("I tag images on MTurk: bounding boxes, following long labelling guidelines.\n"
                "I'd like to move into scripting work as an automation scripter, so I want to learn Python.")


@pytest.mark.parametrize("fmt", ["table", "text"])
def test_goal_profile_golden_at_80_columns(cli: Callable[..., Result], golden: Callable[[str, str], None],
                                           monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    """At 80 columns and piped, a profile that states a goal: every course URL whole on one line."""
    monkeypatch.setenv("COLUMNS", "80")
    r = cli("gaps", GOAL_PROFILE, "-t", str(MINI), "-c", str(DATA / "mini_catalog"), "--format", fmt)
    assert r.code == 0, r.err
    assert "You aim at: automation scripter, because you wrote" in r.out
    urls = set(re.findall(r"url: (\S+)", (DATA / "mini_catalog" / "courses.yaml").read_text()))
    shown = [u for u in urls if u in r.out]
    assert shown, "the plan shows no course URL"
    lines = r.out.splitlines()
    for u in shown:
        assert any(line.strip() == u for line in lines), f"{u} is not whole on a line of its own"
    golden(f"gaps-goal-80.{'txt' if fmt == 'table' else 'text'}", r.out)


def test_piped_output_defaults_to_plain_text(cli: Callable[..., Result]) -> None:
    r = cli("gaps", GOAL_PROFILE, "-t", str(MINI), "-c", str(DATA / "mini_catalog"))
    assert r.code == 0 and "\u2503" not in r.out and "\u2502" not in r.out  # no table borders
    assert "Learning plan:" in r.out and "Step 1 (" in r.out
