"""The data model: frozen dataclasses with ESCO/SKOS field names (snake_case in Python).

YAML and JSON use the standards' camelCase names (``prefLabel``); Python attributes use
snake_case (``pref_label``); :meth:`Skill.to_dict` gives the stable snake_case JSON form.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

CATEGORIES: tuple[str, ...] = (
    "technical",
    "language",
    "platform",
    "learning",
    "freelance-business",
    "communication",
    "dispositions",
    "organisational",
    "analytical",
    "digital",
)
"""The ten categories of the CrowdLearn skills typology (Cedefop 2020)."""

CATEGORY_LABELS: dict[str, str] = {
    "technical": "technical/core skills",
    "language": "language skills",
    "platform": "obtaining work on the platform",
    "learning": "learning to learn",
    "freelance-business": "setting up as a freelancer",
    "communication": "communication skills",
    "dispositions": "personal dispositions",
    "organisational": "organisational skills",
    "analytical": "analytical skills",
    "digital": "computer literacy",
}

WORK_TYPES: tuple[str, ...] = ("microwork", "freelancing", "both")
SKILL_TYPES: tuple[str, ...] = ("skill", "knowledge")
MATCH_TYPES: tuple[str, ...] = ("exact", "close", "broad", "narrow", "related")
SKILL_SCHEMES: tuple[str, ...] = ("esco", "onet", "digcomp")
ROLE_SCHEMES: tuple[str, ...] = ("esco", "isco", "onet")
RELATIONS: tuple[str, ...] = ("essential", "optional")
LEVELS: dict[int, str] = {1: "foundation", 2: "intermediate", 3: "advanced", 4: "specialised"}
RESOURCE_TYPES: tuple[str, ...] = ("course", "guide", "tutorial", "certification")
PRICE_MODELS: tuple[str, ...] = ("free", "free-to-audit", "paid", "funded", "unknown")
"""How a resource is paid for: free; free to audit with a paid certificate; paid (with price and
currency); funded (free for some learners, e.g. by a public programme); unknown."""
"""Kinds of learning resource (schema.org ``learningResourceType``); a platform's help article is a guide."""

WorkType = Literal["microwork", "freelancing", "both"]

LANGUAGE_TAGS: frozenset[str] = frozenset(
    "bg cs da de el en es et fi fr ga hr hu is it lt lv mt nl no pl pt ro sk sl sv uk ar "
    "sw ha yo am zu af ru tr zh ja ko hi bn ur id ms tl vi th fa he ca eu gl".split()
)
"""Language tags (ISO 639-1) a taxonomy's labels may carry: ESCO's languages and the other main
languages of platform work. English labels are the untagged ``prefLabel`` and ``altLabels``."""


@dataclass(frozen=True)
class LocalLabels:
    """A skill's or role's labels in one language other than English (SKOS language-tagged labels)."""

    lang: str
    pref_label: str
    alt_labels: tuple[str, ...] = ()
    hidden_labels: tuple[str, ...] = ()

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)

    def to_dict(self) -> dict[str, Any]:
        return {"pref_label": self.pref_label, "alt_labels": list(self.alt_labels),
                "hidden_labels": list(self.hidden_labels)}


class _Translated:
    """Labels in the reader's language, for skills and roles."""

    pref_label: str
    translations: tuple[LocalLabels, ...]

    def local(self, lang: str) -> LocalLabels | None:
        """The labels in ``lang`` (a language tag such as ``es``), if the taxonomy has them."""
        lang = lang.split("-")[0].lower()
        return next((t for t in self.translations if t.lang == lang), None)

    def label_in(self, *langs: str) -> str:
        """The preferred label in the first of ``langs`` that has one; English otherwise."""
        for lang in langs:
            if lang.split("-")[0].lower() == "en":
                return self.pref_label
            found = self.local(lang)
            if found is not None:
                return found.pref_label
        return self.pref_label


@dataclass(frozen=True)
class Crosswalk:
    """A link from a skill or role to a concept in an external framework."""

    scheme: str
    id: str
    match: str
    label: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"scheme": self.scheme, "id": self.id, "match": self.match, "label": self.label}


@dataclass(frozen=True)
class Pattern:
    """Task wording that shows a skill: one of ``verbs`` followed, in the same clause, by one of
    ``objects`` ("transcribe the audio", "draw boxes around cars")."""

    verbs: tuple[str, ...]
    objects: tuple[str, ...]


@dataclass(frozen=True)
class Skill(_Translated):
    """A skill or knowledge concept of the taxonomy."""

    id: str
    pref_label: str
    alt_labels: tuple[str, ...]
    description: str
    category: str
    work_type: str
    hidden_labels: tuple[str, ...] = ()
    subcategory: str | None = None
    skill_type: str = "skill"
    broader: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    prerequisites: tuple[str, ...] = ()
    crosswalk: tuple[Crosswalk, ...] = ()
    outcome: str | None = None
    context_requires: tuple[str, ...] = ()
    context_excludes: tuple[str, ...] = ()
    patterns: tuple[Pattern, ...] = ()
    translations: tuple[LocalLabels, ...] = ()
    """Labels in other languages (from the taxonomy's language files, e.g. ``i18n/es.yaml``)."""
    source: str | None = field(default=None, compare=False)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every label that names this skill: preferred, alternative, then hidden."""
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)

    @property
    def esco_uris(self) -> tuple[str, ...]:
        return tuple(c.id for c in self.crosswalk if c.scheme == "esco")

    def to_dict(self) -> dict[str, Any]:
        """The stable snake_case JSON form."""
        return {
            "id": self.id,
            "pref_label": self.pref_label,
            "alt_labels": list(self.alt_labels),
            "hidden_labels": list(self.hidden_labels),
            "description": self.description,
            "category": self.category,
            "subcategory": self.subcategory,
            "work_type": self.work_type,
            "skill_type": self.skill_type,
            "broader": list(self.broader),
            "related": list(self.related),
            "prerequisites": list(self.prerequisites),
            "crosswalk": [c.to_dict() for c in self.crosswalk],
            "outcome": self.outcome,
            "translations": {t.lang: t.to_dict() for t in self.translations},
        }


@dataclass(frozen=True)
class RoleSkill:
    """A skill a role needs: essential or optional, at a level, with an importance."""

    skill: str
    relation: str
    level: int
    importance: int

    @property
    def essential(self) -> bool:
        return self.relation == "essential"

    def to_dict(self) -> dict[str, Any]:
        return {
            "skill": self.skill,
            "relation": self.relation,
            "level": self.level,
            "importance": self.importance,
        }


@dataclass(frozen=True)
class Role(_Translated):
    """A kind of platform work (an occupation profile) and the skills it needs."""

    id: str
    pref_label: str
    work_type: str
    description: str
    skills: tuple[RoleSkill, ...]
    alt_labels: tuple[str, ...] = ()
    next_roles: tuple[str, ...] = ()
    crosswalk: tuple[Crosswalk, ...] = ()
    hidden_labels: tuple[str, ...] = ()
    translations: tuple[LocalLabels, ...] = ()
    source: str | None = field(default=None, compare=False)

    @property
    def labels(self) -> tuple[str, ...]:
        """Every name and phrase that points at this role: preferred, alternative, then hidden."""
        return (self.pref_label, *self.alt_labels, *self.hidden_labels)

    @property
    def essential_skills(self) -> tuple[RoleSkill, ...]:
        return tuple(s for s in self.skills if s.essential)

    @property
    def optional_skills(self) -> tuple[RoleSkill, ...]:
        return tuple(s for s in self.skills if not s.essential)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "pref_label": self.pref_label,
            "alt_labels": list(self.alt_labels),
            "hidden_labels": list(self.hidden_labels),
            "work_type": self.work_type,
            "description": self.description,
            "skills": [s.to_dict() for s in self.skills],
            "next_roles": list(self.next_roles),
            "crosswalk": [c.to_dict() for c in self.crosswalk],
            "translations": {t.lang: t.to_dict() for t in self.translations},
        }


@dataclass(frozen=True)
class Taxonomy:
    """Skills and roles, indexed by id. Build one with :func:`crowdskills.load_taxonomy`."""

    skills: dict[str, Skill]
    roles: dict[str, Role]
    sources: tuple[str, ...] = ()

    def __iter__(self) -> Iterator[Skill]:
        return iter(self.skills.values())

    def __len__(self) -> int:
        return len(self.skills)

    def __contains__(self, skill_id: object) -> bool:
        return skill_id in self.skills

    def skill(self, skill_id: str) -> Skill:
        """The skill with this id; :class:`NotFoundError` naming close ids otherwise."""
        try:
            return self.skills[skill_id]
        except KeyError:
            from .errors import NotFoundError
            from .suggest import did_you_mean

            hint = did_you_mean(skill_id, self.skills)
            raise NotFoundError(
                f"no skill with id {skill_id!r}{hint}. "
                "Try `crowdskills taxonomy search` to find ids."
            ) from None

    def role(self, role_id: str) -> Role:
        """The role with this id; :class:`NotFoundError` naming close ids otherwise."""
        try:
            return self.roles[role_id]
        except KeyError:
            from .errors import NotFoundError
            from .suggest import did_you_mean

            hint = did_you_mean(role_id, self.roles)
            raise NotFoundError(
                f"no role with id {role_id!r}{hint}. Run `crowdskills roles` to list them."
            ) from None


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a text shows a skill: character offsets into the original text, and those words."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Match:
    """A skill found in a text.

    ``score`` is a calibrated confidence in [0, 1]; ``methods`` name what fired (``phrase``,
    ``fuzzy``, ``tfidf``); ``status`` is ``claimed``, ``wanted`` or ``negated`` for profiles
    and ``required`` or ``optional`` for job posts.
    """

    skill_id: str
    label: str
    category: str
    score: float
    status: str
    methods: tuple[str, ...]
    evidence: tuple[Evidence, ...]

    @property
    def held(self) -> bool:
        """Whether the text says its author has this skill."""
        return self.status == "claimed"

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form: skill_id, label, category, score, status, methods, evidence."""
        return {
            "skill_id": self.skill_id,
            "label": self.label,
            "category": self.category,
            "score": self.score,
            "status": self.status,
            "methods": list(self.methods),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True)
class CourseSkill:
    """A skill a course teaches, and the level it brings a learner to (1-4)."""

    skill: str
    level: int = 1

    def to_dict(self) -> dict[str, Any]:
        return {"skill": self.skill, "level": self.level}


@dataclass(frozen=True)
class Course:
    """A real course from a catalog: schema.org Course fields plus EU micro-credential elements."""

    id: str
    name: str
    provider: str
    url: str
    description: str
    teaches: tuple[CourseSkill, ...]
    time_required: str | None
    hours: float | None
    in_language: tuple[str, ...]
    educational_level: str | None
    course_mode: str = "online"
    credential: str = "none"
    price: float | None = None
    currency: str | None = None
    free: bool | None = None
    prerequisites: tuple[str, ...] = ()
    last_verified: str | None = None
    fact_source: str | None = None
    learning_resource_type: str = "course"
    price_model: str | None = None
    course_workload: str | None = None
    """Study time per week as the provider states it, e.g. ``PT3H per week``."""
    source: str | None = field(default=None, compare=False)

    @property
    def pricing(self) -> str:
        """The price model: as the catalog states it, else derived from ``isAccessibleForFree``
        and ``offers`` (free when accessible for free or priced 0, paid when priced or marked
        not free), else ``unknown``."""
        if self.price_model:
            return self.price_model
        if self.free or self.price == 0:
            return "free"
        if self.free is False or (self.price is not None and self.price > 0):
            return "paid"
        return "unknown"

    @property
    def is_free(self) -> bool:
        """Free to learn: free, or free to audit (only the certificate is paid). Funded and
        unknown are not free: a learner cannot count on them costing nothing."""
        return self.pricing in ("free", "free-to-audit")

    @property
    def kind(self) -> str:
        """The kind of resource and the credential it gives, for people: "guide", "course, certificate"."""
        return self.learning_resource_type + (f", {self.credential}" if self.credential != "none" else "")

    @property
    def cost(self) -> float | None:
        """What learning costs: 0 when free to learn, the price of a paid course, else None."""
        if self.is_free:
            return 0.0
        return self.price if self.pricing in ("paid", "funded") else None

    def to_dict(self) -> dict[str, Any]:
        """The stable snake_case JSON form."""
        return {
            "id": self.id,
            "name": self.name,
            "provider": self.provider,
            "url": self.url,
            "description": self.description,
            "teaches": [t.to_dict() for t in self.teaches],
            "course_prerequisites": list(self.prerequisites),
            "time_required": self.time_required,
            "hours": self.hours,
            "in_language": list(self.in_language),
            "educational_level": self.educational_level,
            "course_mode": self.course_mode,
            "credential": self.credential,
            "price": self.price,
            "currency": self.currency,
            "is_accessible_for_free": self.is_free,
            "last_verified": self.last_verified,
            "fact_source": self.fact_source,
            "learning_resource_type": self.learning_resource_type,
            "price_model": self.pricing,
            "course_workload": self.course_workload,
        }
