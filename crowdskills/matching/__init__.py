"""Skill detection in free text: phrase, fuzzy and TF-IDF matching with evidence."""

from __future__ import annotations

from .context import detect_kind
from .matcher import KINDS, NotFittedError, SkillMatcher

__all__ = ["KINDS", "NotFittedError", "SkillMatcher", "detect_kind"]
