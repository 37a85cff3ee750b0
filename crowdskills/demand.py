"""Skill demand in a corpus of job posts: the share of posts that ask for each skill.

Each post is read as a job post (:meth:`SkillMatcher.match` with ``kind="job"``); a skill counts
once per post, as required or optional. With dates, posts are grouped into periods (month,
quarter or year) and each skill's share is compared between the first and the last period: the
"fastest-growing skills" list that freelancing platforms publish.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .corpus import Document
from .matching import SkillMatcher

PERIODS = ("month", "quarter", "year")
DATE_RE = re.compile(r"^\s*(\d{4})(?:-(\d{1,2}))?(?:-\d{1,2})?(?:[T ].*)?\s*$")


@dataclass(frozen=True)
class SkillDemand:
    """How many posts ask for one skill, overall and per period."""

    skill_id: str
    label: str
    category: str
    posts: int
    required: int
    optional: int
    share: float
    by_period: dict[str, float] = field(default_factory=dict)
    """Share of each period's posts that ask for the skill."""
    growth: float | None = None
    """Share in the last period minus share in the first, in percentage points."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill_id": self.skill_id,
            "label": self.label,
            "category": self.category,
            "posts": self.posts,
            "required": self.required,
            "optional": self.optional,
            "share": self.share,
            "by_period": self.by_period,
            "growth": self.growth,
        }


@dataclass(frozen=True)
class CategoryDemand:
    category: str
    posts: int
    share: float

    def to_dict(self) -> dict[str, Any]:
        return {"category": self.category, "posts": self.posts, "share": self.share}


@dataclass(frozen=True)
class DemandReport:
    """Demand over a corpus. ``skills`` is sorted by share (or growth), then id."""

    documents: int
    skills: list[SkillDemand]
    categories: list[CategoryDemand]
    periods: dict[str, int] = field(default_factory=dict)
    """Posts per period, oldest first (empty without dates)."""
    failed: list[Document] = field(default_factory=list)
    undated: int = 0

    def weights(self) -> dict[str, float]:
        """Skill id -> share of posts: the demand weight ``catalog coverage`` uses."""
        return {s.skill_id: s.share for s in self.skills}

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "failed": len(self.failed),
            "periods": self.periods,
            "undated": self.undated,
            "skills": [s.to_dict() for s in self.skills],
            "categories": [c.to_dict() for c in self.categories],
        }


def period_of(date: str | None, period: str) -> str | None:
    """The period a date falls in: ``2026-03``, ``2026-Q1`` or ``2026``; None if unreadable."""
    if not date:
        return None
    m = DATE_RE.match(date)
    if not m:
        return None
    year = m.group(1)
    if period == "year":
        return year
    if m.group(2) is None:
        return None
    month = int(m.group(2))
    if not 1 <= month <= 12:
        return None
    if period == "quarter":
        return f"{year}-Q{(month - 1) // 3 + 1}"
    return f"{year}-{month:02d}"


def skill_demand(
    documents: Iterable[Document],
    matcher: SkillMatcher,
    *,
    period: str | None = None,
    sort: str = "share",
) -> DemandReport:
    """Count the skills each post asks for.

    Args:
        documents: job posts; documents with ``error`` set are counted as failed and skipped.
        matcher: a fitted :class:`SkillMatcher`.
        period: ``month``, ``quarter`` or ``year`` to group posts by their ``date``; None for
            no grouping.
        sort: ``share`` (most asked first) or ``growth`` (fastest growing first).
    """
    if period is not None and period not in PERIODS:
        raise ValueError(f"period must be one of {', '.join(PERIODS)}, not {period!r}")
    index = matcher._check_fitted()
    total = 0
    required: Counter[str] = Counter()
    optional: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    period_posts: Counter[str] = Counter()
    period_skills: dict[str, Counter[str]] = {}
    failed: list[Document] = []
    undated = 0
    category_of = dict(zip(index.skill_ids, index.categories))
    label_of = dict(zip(index.skill_ids, index.pref_labels))
    for doc in documents:
        if doc.error is not None:
            failed.append(doc)
            continue
        total += 1
        matches = matcher.match(doc.text, kind="job")
        for m in matches:
            (required if m.status == "required" else optional)[m.skill_id] += 1
        for category in {m.category for m in matches}:
            by_category[category] += 1
        if period is not None:
            key = period_of(doc.date, period)
            if key is None:
                undated += 1
                continue
            period_posts[key] += 1
            period_skills.setdefault(key, Counter()).update(m.skill_id for m in matches)

    periods = dict(sorted(period_posts.items()))
    keys = list(periods)
    rows = []
    for skill_id in set(required) | set(optional):
        posts = required[skill_id] + optional[skill_id]
        shares = {k: round(period_skills[k][skill_id] / periods[k], 4) for k in keys}
        growth = round(100 * (shares[keys[-1]] - shares[keys[0]]), 2) if len(keys) >= 2 else None
        rows.append(SkillDemand(
            skill_id, label_of[skill_id], category_of[skill_id], posts,
            required[skill_id], optional[skill_id], round(posts / total, 4), shares, growth,
        ))
    if sort == "growth":
        rows.sort(key=lambda r: (-(r.growth if r.growth is not None else float("-inf")), -r.posts, r.skill_id))
    else:
        rows.sort(key=lambda r: (-r.posts, r.skill_id))
    categories = sorted(
        (CategoryDemand(c, n, round(n / total, 4)) for c, n in by_category.items()),
        key=lambda c: (-c.posts, c.category),
    )
    return DemandReport(total, rows, categories, periods, failed, undated)
