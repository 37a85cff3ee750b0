"""Fuzzy lookup of skills by label, and summary figures of a taxonomy."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .models import CATEGORIES, WORK_TYPES, Skill, Taxonomy


@dataclass(frozen=True)
class SearchHit:
    """A skill found by :func:`search_skills`: the label that matched best, and a score in [0, 1]."""

    skill: Skill
    label: str
    score: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill_id": self.skill.id,
            "label": self.skill.pref_label,
            "matched_label": self.label,
            "category": self.skill.category,
            "score": self.score,
        }


def search_skills(taxonomy: Taxonomy, query: str, *, limit: int = 10, min_score: float = 0.5) -> list[SearchHit]:
    """The skills whose labels (preferred, alternative or hidden) look most like ``query``.

    Scores come from rapidfuzz's WRatio on case-folded text, scaled to [0, 1]; ties are broken
    by skill id so results are deterministic.
    """
    from rapidfuzz import fuzz, process, utils

    labels: list[str] = []
    owners: list[Skill] = []
    for skill in taxonomy:
        for label in dict.fromkeys(skill.labels):
            labels.append(label)
            owners.append(skill)
    found = process.extract(
        query, labels, scorer=fuzz.WRatio, processor=utils.default_process,
        limit=None, score_cutoff=min_score * 100,
    )
    best: dict[str, SearchHit] = {}
    for label, score, index in found:
        skill = owners[index]
        hit = SearchHit(skill, label, round(score / 100, 4))
        old = best.get(skill.id)
        if old is None or hit.score > old.score:
            best[skill.id] = hit
    hits = sorted(best.values(), key=lambda h: (-h.score, h.skill.id))
    return hits[:limit]


def taxonomy_stats(taxonomy: Taxonomy) -> dict[str, Any]:
    """Counts of skills by category and work type, ESCO crosswalk coverage, roles by work type."""
    skills = list(taxonomy)
    by_category = {c: sum(s.category == c for s in skills) for c in CATEGORIES}
    by_work_type = {w: sum(s.work_type == w for s in skills) for w in WORK_TYPES}
    with_esco = sum(bool(s.esco_uris) for s in skills)
    roles = list(taxonomy.roles.values())
    return {
        "skills": len(skills),
        "roles": len(roles),
        "skills_by_category": by_category,
        "skills_by_work_type": by_work_type,
        "skills_with_esco": with_esco,
        "esco_share": round(with_esco / len(skills), 4) if skills else 0.0,
        "labels": sum(len(s.labels) for s in skills),
        "roles_by_work_type": {w: sum(r.work_type == w for r in roles) for w in WORK_TYPES},
    }


def resolve_skill(taxonomy: Taxonomy, text: str) -> Skill:
    """The skill ``text`` names: an id, a label (any case), or a clear fuzzy match.

    A fuzzy match counts when the text has at least 5 characters, scores at least 0.85 and
    leads the next skill by 0.05; short or ambiguous words ("data") are refused with
    suggestions instead of a guess.

    Raises:
        NotFoundError: nothing is close enough; the message names the closest skills.
    """
    from .errors import NotFoundError
    from .taxonomy import normalise_label

    if text in taxonomy.skills:
        return taxonomy.skills[text]
    wanted = normalise_label(text)
    for skill in taxonomy:
        if any(normalise_label(label) == wanted for label in skill.labels):
            return skill
    hits = search_skills(taxonomy, text, limit=3, min_score=0.5)
    clear_lead = len(hits) == 1 or (len(hits) > 1 and hits[0].score - hits[1].score >= 0.05)
    if hits and len(text.strip()) >= 5 and hits[0].score >= 0.85 and clear_lead:
        return hits[0].skill
    names = " or ".join(f"{h.skill.id!r} ({h.skill.pref_label})" for h in hits)
    hint = f" (did you mean {names}?)" if hits else ""
    raise NotFoundError(f"no skill matches {text!r}{hint}. Try `crowdskills taxonomy search`.")
