"""The goal-reading gold set (tests/data/goals/profiles.yaml) is well-formed data."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from crowdskills import Taxonomy, load_taxonomy

PROFILES = Path(__file__).parent / "data" / "goals" / "profiles.yaml"
KINDS = {"named", "skills", "none", "trap"}


def _profiles() -> list[dict[str, Any]]:
    data = yaml.safe_load(PROFILES.read_text(encoding="utf-8"))
    profiles: list[dict[str, Any]] = data["profiles"]
    return profiles


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy()


def test_at_least_40_profiles_with_unique_ids_and_every_kind() -> None:
    profiles = _profiles()
    assert len(profiles) >= 40
    ids = Counter(p["id"] for p in profiles)
    assert [i for i, n in ids.items() if n > 1] == []
    kinds = Counter(p["kind"] for p in profiles)
    assert set(kinds) == KINDS, kinds
    assert kinds["named"] >= 20 and kinds["skills"] >= 8 and kinds["none"] >= 6, kinds


@pytest.mark.parametrize("profile", _profiles(), ids=lambda p: str(p["id"]))
def test_profile_is_well_formed(profile: dict[str, Any], tax: Taxonomy) -> None:
    assert set(profile) == {"id", "kind", "text", "target", "goal", "wanted", "why"}
    assert 60 <= len(profile["text"].split()) <= 200
    assert profile["target"] in tax.roles, f"unknown role {profile['target']!r}"
    goal = profile["goal"]
    assert goal is None or goal in profile["text"], f"goal {goal!r} is not words of the text"
    if profile["kind"] in ("named", "skills"):
        assert goal, "a profile that states an aim quotes it"
    if profile["kind"] == "none":
        assert goal is None and profile["wanted"] == []
    unknown = [s for s in profile["wanted"] if s not in tax.skills]
    assert unknown == [], f"unknown skill ids {unknown}"
    if profile["kind"] == "skills":
        assert profile["wanted"], "a skills profile lists the skills it wants"
    assert profile["why"].strip()
