"""What a set of catalogs holds: ``crowdskills catalog stats`` and the fact shares of ``catalog validate``.

Counts of resources, providers, price models, languages, kinds and credentials; how many state
each fact (length, price model, level, credential, fact source); how many take their facts
first-hand (from the provider's own site, or from a repository of the provider's own GitHub or
GitLab organisation); and whether every essential skill of every role is taught at the level the
role needs, and by a free resource.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from ..models import Course, Taxonomy

#: Hosts of source repositories, where the first path segment names the organisation.
CODE_HOSTS = frozenset({"github.com", "raw.githubusercontent.com", "gitlab.com"})
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "gob", "gouv"})


def _site(url: str) -> tuple[str, str]:
    """(registrable domain, organisation) of a URL: ("open.edu", ""), ("github.com", "freecodecamp")."""
    parsed = urlparse(url)
    host = (parsed.hostname or "").lower().removeprefix("www.")
    if host in CODE_HOSTS:
        org = parsed.path.strip("/").split("/", 1)[0].lower()
        return "github.com" if host != "gitlab.com" else host, org
    labels = host.split(".")
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:]), ""


def _squash(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


#: Words of provider names too common to identify an organisation.
_COMMON_WORDS = frozenset({
    "the", "and", "of", "for", "university", "learning", "learn", "academy", "team", "web", "docs", "open",
    "source", "school", "institute", "online", "free", "course", "courses", "training", "foundation",
})


def first_party(course: Course) -> bool:
    """Whether a resource's facts come first-hand: no ``factSource`` (the course page itself), a
    source on the course's own site, or a repository of the provider's own organisation: one named
    like the provider (freeCodeCamp, LinkedInLearning), a word of its name (mdn for "MDN Web Docs")
    or the course's site (MicrosoftDocs for learn.microsoft.com)."""
    if not course.fact_source:
        return True
    src_site, org = _site(course.fact_source)
    url_site, url_org = _site(course.url)
    if not org:
        return src_site == url_site
    if src_site == url_site and url_org:
        return org == url_org
    org = _squash(org)
    words = {w for w in re.findall(r"[a-z0-9]+", course.provider.lower()) if len(w) >= 3} - _COMMON_WORDS
    names = {_squash(course.provider), _squash(url_site.split(".", 1)[0]), *words}
    return any(org == n or (len(n) >= 4 and org.startswith(n)) or (len(org) >= 3 and n.startswith(org))
               for n in names if n)


def fact_counts(courses: Sequence[Course]) -> dict[str, int]:
    """How many resources state each fact that is not required of every one."""
    return {
        "length": sum(c.hours is not None for c in courses),
        "price_model": sum(c.pricing != "unknown" for c in courses),
        "level": sum(c.educational_level is not None for c in courses),
        "credential": sum(c.credential != "none" for c in courses),
        "fact_source": sum(c.fact_source is not None for c in courses),
        "first_party": sum(first_party(c) for c in courses),
    }


@dataclass(frozen=True)
class EssentialCoverage:
    """The essential skills of the roles (role, skill, level) and which resources teach them at that level."""

    needs: int
    covered: int
    covered_free: int
    uncovered: tuple[tuple[str, str, int], ...] = ()
    not_free: tuple[tuple[str, str, int], ...] = ()
    skills: int = 0
    """Distinct skills some role marks essential."""
    skills_taught: int = 0
    """... of them taught by some resource, at any level."""

    def to_dict(self) -> dict[str, Any]:
        def rows(xs: tuple[tuple[str, str, int], ...]) -> list[dict[str, Any]]:
            return [{"role": r, "skill": s, "level": lv} for r, s, lv in xs]

        return {"needs": self.needs, "covered": self.covered, "covered_free": self.covered_free,
                "skills": self.skills, "skills_taught": self.skills_taught,
                "uncovered": rows(self.uncovered), "covered_only_by_paid_or_unknown": rows(self.not_free)}


@dataclass(frozen=True)
class CatalogStats:
    """What a set of catalogs holds."""

    resources: int
    providers: int
    price_models: dict[str, int]
    languages: dict[str, int]
    """Resources per language (primary subtag: pt-BR counts as pt); one in two languages counts twice."""
    not_english: int
    """Resources in some language other than English."""
    kinds: dict[str, int]
    credentials: dict[str, int]
    facts: dict[str, int]
    essential: EssentialCoverage
    top_providers: tuple[tuple[str, int], ...] = field(default=())

    def share(self, n: int) -> float:
        return round(n / self.resources, 4) if self.resources else 0.0

    def to_dict(self) -> dict[str, Any]:
        """The stable JSON form; shares are in [0, 1]."""
        return {
            "resources": self.resources,
            "providers": self.providers,
            "stated_length": self.facts["length"],
            "stated_length_share": self.share(self.facts["length"]),
            "price_models": self.price_models,
            "languages": self.languages,
            "not_english": self.not_english,
            "kinds": self.kinds,
            "credentials": self.credentials,
            "first_party": self.facts["first_party"],
            "first_party_share": self.share(self.facts["first_party"]),
            "facts": {k: {"resources": v, "share": self.share(v)} for k, v in self.facts.items()},
            "essential_coverage": self.essential.to_dict(),
            "top_providers": [{"provider": p, "resources": n} for p, n in self.top_providers],
        }


def _essential(taxonomy: Taxonomy, courses: Sequence[Course]) -> EssentialCoverage:
    best: dict[str, int] = {}
    best_free: dict[str, int] = {}
    for c in courses:
        for t in c.teaches:
            best[t.skill] = max(best.get(t.skill, 0), t.level)
            if c.is_free:
                best_free[t.skill] = max(best_free.get(t.skill, 0), t.level)
    needs = sorted((role.id, rs.skill, rs.level) for role in taxonomy.roles.values() for rs in role.essential_skills)
    uncovered = tuple(n for n in needs if best.get(n[1], 0) < n[2])
    not_free = tuple(n for n in needs if best.get(n[1], 0) >= n[2] > best_free.get(n[1], 0))
    skills = {n[1] for n in needs}
    return EssentialCoverage(len(needs), len(needs) - len(uncovered),
                             len(needs) - len(uncovered) - len(not_free), uncovered, not_free,
                             len(skills), sum(s in best for s in skills))


def _counts(values: Sequence[str], order: Sequence[str] = ()) -> dict[str, int]:
    counts = Counter(values)
    first = {k: counts[k] for k in order if counts[k]}
    return first | {k: n for k, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])) if k not in first}


def catalog_stats(courses: Sequence[Course], taxonomy: Taxonomy) -> CatalogStats:
    """Count what ``courses`` hold, and how they cover the essential skills of ``taxonomy``'s roles."""
    from ..models import PRICE_MODELS, RESOURCE_TYPES

    languages = [t.split("-")[0].lower() for c in courses for t in dict.fromkeys(c.in_language)]
    providers = Counter(c.provider for c in courses)
    return CatalogStats(
        resources=len(courses),
        providers=len(providers),
        price_models=_counts([c.pricing for c in courses], PRICE_MODELS),
        languages=_counts(languages),
        not_english=sum(any(not t.lower().startswith("en") for t in c.in_language) for c in courses),
        kinds=_counts([c.learning_resource_type for c in courses], RESOURCE_TYPES),
        credentials=_counts([c.credential for c in courses]),
        facts=fact_counts(courses),
        essential=_essential(taxonomy, courses),
        top_providers=tuple(sorted(providers.items(), key=lambda kv: (-kv[1], kv[0]))[:10]),
    )
