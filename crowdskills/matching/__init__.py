"""Skill detection in free text: phrase, fuzzy and TF-IDF matching with evidence."""

from __future__ import annotations

from .context import KindGuess, detect_kind, guess_kind
from .languages import detect_language
from .matcher import KINDS, NotFittedError, SkillMatcher

__all__ = ["KINDS", "KindGuess", "NotFittedError", "SkillMatcher", "detect_kind", "detect_language", "guess_kind"]
