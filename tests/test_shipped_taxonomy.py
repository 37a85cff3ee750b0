"""The shipped taxonomy: valid, and as broad and deep as the product promises."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import pytest

from crowdskills import CATEGORIES, Taxonomy, check_taxonomy, load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
ESCO_EXTRACT = Path(__file__).parent / "data" / "esco" / "cited.csv"
ESCO_FULL = ROOT.parent / "shared" / "data" / "esco"

UPWORK_AREAS = (
    "web-mobile-software", "data-science-analytics", "design-creative", "writing", "translation",
    "sales-marketing", "admin-support", "customer-service", "accounting-consulting", "legal",
    "engineering-architecture", "it-networking",
)
MICROWORK_SKILLS = (
    "image-annotation", "text-annotation", "audio-annotation", "video-annotation",
    "data-categorisation", "sentiment-rating", "search-relevance-evaluation", "content-moderation",
    "audio-transcription", "captioning-subtitling", "data-entry", "data-verification",
    "survey-participation", "llm-output-evaluation", "prompt-writing-ai-training",
    "annotation-guidelines", "annotation-tools",
)


@pytest.fixture(scope="module")
def tax() -> Taxonomy:
    return load_taxonomy()


def test_shipped_taxonomy_has_no_problems_at_all() -> None:
    _, problems = check_taxonomy()
    assert [str(p) for p in problems] == []


def test_at_least_250_skills_and_8_in_every_category(tax: Taxonomy) -> None:
    assert len(tax) >= 250
    counts = Counter(s.category for s in tax)
    thin = {c: counts[c] for c in CATEGORIES if counts[c] < 8}
    assert not thin, f"categories with fewer than 8 skills: {thin}"


def test_every_skill_is_complete(tax: Taxonomy) -> None:
    for s in tax:
        assert len(s.alt_labels) >= 2, f"{s.id}: needs at least 2 altLabels"
        assert s.description and s.category and s.work_type, s.id


def test_descriptions_are_one_sentence(tax: Taxonomy) -> None:
    for s in tax:
        assert s.description.endswith("."), f"{s.id}: description should end with a full stop"
        inner = re.findall(r"[.!?]\s+[A-Z]", s.description)
        assert not inner, f"{s.id}: description should be one sentence: {s.description!r}"


def test_microwork_is_covered_in_depth(tax: Taxonomy) -> None:
    missing = [sid for sid in MICROWORK_SKILLS if sid not in tax]
    assert not missing
    microwork = [s for s in tax if s.work_type in ("microwork", "both") and s.subcategory == "microwork"]
    assert len(microwork) >= 25


def test_every_upwork_area_has_technical_skills(tax: Taxonomy) -> None:
    counts = Counter(s.subcategory for s in tax if s.category == "technical")
    thin = {a: counts[a] for a in UPWORK_AREAS if counts[a] < 2}
    assert not thin, f"Upwork areas with fewer than 2 skills: {thin}"


def test_half_of_all_skills_have_an_esco_crosswalk(tax: Taxonomy) -> None:
    with_esco = sum(bool(s.esco_uris) for s in tax)
    assert with_esco / len(tax) >= 0.5


def _cited(tax: Taxonomy) -> set[str]:
    uris = {u for s in tax for u in s.esco_uris}
    uris |= {c.id for r in tax.roles.values() for c in r.crosswalk if c.scheme == "esco"}
    return uris


def test_every_cited_esco_uri_is_in_the_shipped_extract(tax: Taxonomy) -> None:
    with ESCO_EXTRACT.open(encoding="utf-8") as f:
        known = {row["conceptUri"] for row in csv.DictReader(f)}
    missing = sorted(_cited(tax) - known)
    assert not missing, f"run tests/data/esco/make_extract.py; not in the extract: {missing[:5]}"


@pytest.mark.skipif(not ESCO_FULL.is_dir(), reason="the full ESCO download is not beside this clone")
def test_every_cited_esco_uri_exists_in_esco_with_the_cited_label(tax: Taxonomy) -> None:
    labels: dict[str, str] = {}
    for name in ("skills_merged.csv", "occupations_en.csv"):
        with (ESCO_FULL / name).open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                labels[row["conceptUri"]] = row["preferredLabel"]
    links = [c for s in tax for c in s.crosswalk if c.scheme == "esco"]
    links += [c for r in tax.roles.values() for c in r.crosswalk if c.scheme == "esco"]
    for link in links:
        assert link.id in labels, f"{link.id} is not an ESCO v1.2.0 concept"
        if link.label:
            assert link.label == labels[link.id], f"{link.id} is {labels[link.id]!r}, not {link.label!r}"


def test_at_least_24_roles_8_microwork_16_freelancing(tax: Taxonomy) -> None:
    kinds = Counter(r.work_type for r in tax.roles.values())
    assert len(tax.roles) >= 24
    assert kinds["microwork"] >= 8
    assert kinds["freelancing"] >= 16


def test_roles_have_5_to_15_skills_including_platform_skills(tax: Taxonomy) -> None:
    for r in tax.roles.values():
        assert 5 <= len(r.skills) <= 15, r.id
        assert r.essential_skills, f"{r.id} has no essential skill"
        assert any(tax.skills[s.skill].category == "platform" for s in r.skills), (
            f"{r.id} lists no platform skill"
        )


def test_every_microwork_role_leads_into_freelancing(tax: Taxonomy) -> None:
    for r in tax.roles.values():
        if r.work_type != "microwork":
            continue
        paths = [tax.roles[n] for n in r.next_roles]
        assert any(p.work_type in ("freelancing", "both") for p in paths), (
            f"{r.id} has no next role in freelancing"
        )


def test_role_names_and_phrases_point_at_one_role_each(tax: Taxonomy) -> None:
    """A goal such as 'I want to become a QA reviewer' must name one role, not two."""
    owner: dict[str, str] = {}
    for r in tax.roles.values():
        assert r.alt_labels and r.hidden_labels, f"{r.id} needs altLabels and hiddenLabels"
        for label in r.labels:
            other = owner.setdefault(" ".join(label.casefold().split()), r.id)
            assert other == r.id, f"{label!r} is a label of both {other!r} and {r.id!r}"


def test_every_essential_skill_of_a_role_has_a_can_do_outcome(tax: Taxonomy) -> None:
    """Plan goals read 'By the end of week 2: <outcome>', so the outcome must fit that sentence."""
    essential = {s.skill for r in tax.roles.values() for s in r.essential_skills}
    for sid in sorted(essential):
        outcome = tax.skills[sid].outcome
        assert outcome, f"{sid}: an essential skill needs an outcome"
        assert outcome[0].islower() and not outcome.endswith("."), f"{sid}: {outcome!r}"
        assert len(outcome.split()) <= 18, f"{sid}: outcome too long: {outcome!r}"
