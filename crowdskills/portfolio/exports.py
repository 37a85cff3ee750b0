"""A person's skills in standard formats: JSON Resume and schema.org ``Person`` JSON-LD.

JSON Resume (https://jsonresume.org/schema): one entry per skill in ``skills``, with ``name``
(the skill's label), ``level`` (``shown in profile`` or ``learned``), ``keywords`` (the words of
the profile that show it, and its category) and the extension field ``x-crowdskills``:
``{"id": skill id, "category": CrowdLearn category, "esco": [ESCO skill URIs]}``. The schema
allows extra fields, so the document stays valid.

JSON-LD: a schema.org ``Person`` whose ``skills`` are ``DefinedTerm``s of the crowdskills
taxonomy (``sameAs`` the ESCO URI where one is close), and whose ``hasOccupation`` lists the
roles the profile shows as ``Occupation``s with the skills of each role the person holds.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..advice.gaps import held_skills
from ..catalogs.export import _term
from ..models import CATEGORY_LABELS, Taxonomy
from .html import portfolio_skills, shown_roles
from .record import LearningRecord

if TYPE_CHECKING:
    from ..advice import GapReport

JSONRESUME_SCHEMA = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"


def _esco(skill_id: str, taxonomy: Taxonomy) -> list[str]:
    skill = taxonomy.skills.get(skill_id)
    return [c.id for c in skill.crosswalk if c.scheme == "esco"] if skill else []


def to_jsonresume(report: GapReport, *, taxonomy: Taxonomy, record: LearningRecord | None = None,
               person: str | None = None) -> dict[str, Any]:
    """The skills of a report (and of the learning record) as a JSON Resume document."""
    learned = sorted(record.learned_skills()) if record else []
    matches = {m.skill_id: m for m in report.detected if m.status == "claimed"}
    skills = []
    for sid, category in portfolio_skills(report, taxonomy, learned):
        m = matches.get(sid)
        words = list(dict.fromkeys(" ".join(e.text.split()) for e in m.evidence)) if m else []
        skills.append({
            "name": m.label if m else taxonomy.skills[sid].pref_label,
            "level": "shown in profile" if m else "learned",
            "keywords": [*words, CATEGORY_LABELS.get(category, category)],
            "x-crowdskills": {"id": sid, "category": category, "esco": _esco(sid, taxonomy)},
        })
    doc: dict[str, Any] = {"$schema": JSONRESUME_SCHEMA}
    if person:
        doc["basics"] = {"name": person}
    doc["skills"] = skills
    return doc


def person_jsonld(report: GapReport, *, taxonomy: Taxonomy, record: LearningRecord | None = None,
                  person: str | None = None) -> dict[str, Any]:
    """A schema.org ``Person`` with ``skills`` and ``hasOccupation``, as a JSON-LD document."""
    learned = sorted(record.learned_skills()) if record else []
    skills = [sid for sid, _ in portfolio_skills(report, taxonomy, learned)]
    held = held_skills(report.detected, taxonomy) | set(learned)
    node: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person"}
    if person:
        node["name"] = person
    node["skills"] = [_term(sid, taxonomy) for sid in skills]
    occupations = []
    for rid, label in shown_roles(report):
        role = taxonomy.roles[rid]
        occ: dict[str, Any] = {"@type": "Occupation", "name": label, "identifier": rid,
                               "skills": [_term(s.skill, taxonomy) for s in role.skills if s.skill in held]}
        esco = [c.id for c in role.crosswalk if c.scheme == "esco"]
        if esco:
            occ["sameAs"] = esco[0]
        occupations.append(occ)
    if occupations:
        node["hasOccupation"] = occupations
    return node

