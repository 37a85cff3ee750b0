"""SkillMatcher behaviour that holds for any taxonomy (checked on the mini fixture)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from crowdskills import load_taxonomy
from crowdskills.matching import NotFittedError, SkillMatcher
from crowdskills.matching.context import detect_kind

from .conftest import MINI

TAX = load_taxonomy(MINI)
MATCHER = SkillMatcher().fit(TAX)


def ids(text: str, **kw: str) -> dict[str, str]:
    return {m.skill_id: m.status for m in MATCHER.match(text, **kw)}


def test_fit_returns_self_and_sets_trailing_underscore_state() -> None:
    m = SkillMatcher(min_score=0.6)
    assert m.fit(TAX) is m
    assert m.index_.skill_ids == sorted(TAX.skills) and m.taxonomy_ is TAX
    assert m.min_score == 0.6


def test_using_an_unfitted_matcher_is_an_error() -> None:
    with pytest.raises(NotFittedError, match="fit"):
        SkillMatcher().match("data entry")


def test_unknown_kind_is_rejected() -> None:
    with pytest.raises(ValueError, match="kind"):
        MATCHER.match("data entry", kind="resume")


@pytest.mark.parametrize(
    "text",
    ["I do data entry", "DATA ENTRY", "data-entry", "Data  Entry.", "dataentry", "data entries"],
)
def test_case_punctuation_hyphens_and_plurals(text: str) -> None:
    assert "data-entry" in ids(text)


@pytest.mark.parametrize("text", ["image labeling", "labelling images? no: image labelling", "Image Labels"])
def test_inflections_and_spelling_variants(text: str) -> None:
    assert "image-annotation" in ids(text)


def test_evidence_points_into_the_original_text() -> None:
    text = "Hello!\n  I do Image-Labelling & DATA ENTRY every day."
    for m in MATCHER.match(text):
        for e in m.evidence:
            assert text[e.start:e.end] == e.text
    (img,) = [m for m in MATCHER.match(text) if m.skill_id == "image-annotation"]
    assert img.evidence[0].text == "Image-Labelling"
    assert img.methods == ("phrase",)


def test_longest_match_wins_over_shorter_overlaps() -> None:
    # "Python scripting" is one label; "Python" alone is another label of the same skill
    (m,) = MATCHER.match("I like Python scripting")
    assert m.evidence[0].text == "Python scripting"


def test_misspelling_is_found_by_the_fuzzy_method() -> None:
    (m,) = MATCHER.match("five years of pyhton scripting")
    assert m.skill_id == "python-programming" and m.methods == ("fuzzy",)
    assert m.score < 0.9


def test_fuzzy_can_be_turned_off() -> None:
    assert SkillMatcher(fuzzy=False).fit(TAX).match("pyhton scripting") == []


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("I have no experience with data entry.", "negated"),
        ("I have never done data entry", "negated"),
        ("I want to learn data entry", "wanted"),
        ("My goal is proposal writing for Upwork", "wanted"),
        ("I do data entry every day", "claimed"),
        ("I don't know Python, but I do data entry", None),
    ],
)
def test_profile_status(text: str, status: str | None) -> None:
    found = ids(text, kind="profile")
    if status is None:
        assert found == {"python-programming": "negated", "data-entry": "claimed"}
    else:
        assert list(found.values()) == [status]


def test_wanted_heading_applies_to_bullets_below() -> None:
    text = "I do image tagging.\n\nSkills I want to learn:\n- Python\n- proposal writing\n\nI also do data entry."
    assert ids(text, kind="profile") == {
        "image-annotation": "claimed", "python-programming": "wanted",
        "proposal-writing": "wanted", "data-entry": "claimed",
    }


def test_another_skill_is_no_cue() -> None:
    # "learning" inside a skill label must not make its neighbours "wanted"
    tax_text = "I want to learn Python"
    assert ids(tax_text, kind="profile") == {"python-programming": "wanted"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Requirements: data entry. Python is a plus.", {"data-entry": "required", "python-programming": "optional"}),
        ("Must have: time management\nNice to have:\n- Python\n- proposal writing",
         {"time-management": "required", "python-programming": "optional", "proposal-writing": "optional"}),
        ("Data entry (preferred)", {"data-entry": "optional"}),
    ],
)
def test_job_status(text: str, expected: dict[str, str]) -> None:
    assert ids(text, kind="job") == expected


def test_kind_is_detected() -> None:
    assert detect_kind("We are looking for a data entry clerk. Requirements: fast typing.") == "job"
    assert detect_kind("I am a data entry clerk and I love my work.") == "profile"
    assert detect_kind("In this HIT you will draw boxes. Reward: $0.10") == "job"


def test_results_sorted_by_score_then_id() -> None:
    matches = MATCHER.match("pyhton scripting, data entry, time management, image tagging")
    keys = [(-m.score, m.skill_id) for m in matches]
    assert keys == sorted(keys)


def test_min_score_filters() -> None:
    text = "pyhton scripting and data entry"
    assert {m.skill_id for m in SkillMatcher(min_score=0.85).fit(TAX).match(text)} == {"data-entry"}


def test_match_many_equals_match_one_by_one() -> None:
    texts = ["data entry", "", "I want to learn Python", "image labling and time management", "data entry"]
    results = MATCHER.match_many(texts)
    assert results == [MATCHER.match(t) for t in texts]
    results[0].clear()  # repeated texts get lists of their own
    assert results[4] == MATCHER.match("data entry")


def test_to_dict_is_the_documented_json_contract() -> None:
    (m,) = MATCHER.match("data entry")
    assert m.to_dict() == {
        "skill_id": "data-entry", "label": "data entry", "category": "technical",
        "score": m.score, "status": "claimed", "methods": ["phrase"],
        "evidence": [{"start": 0, "end": 10, "text": "data entry"}],
    }


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_never_raises_and_scores_are_in_range(text: str) -> None:
    matches = MATCHER.match(text)
    assert all(0.0 <= m.score <= 1.0 for m in matches)
    keys = [(-m.score, m.skill_id) for m in matches]
    assert keys == sorted(keys)
    for m in matches:
        for e in m.evidence:
            assert text[e.start:e.end] == e.text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(sorted(TAX.skills)), st.text(alphabet="abc ,.", max_size=20))
def test_a_sentence_with_a_preferred_label_finds_the_skill(skill_id: str, noise: str) -> None:
    label = TAX.skills[skill_id].pref_label
    found = ids(f"Experienced in {label} {noise}.", kind="profile")
    assert found.get(skill_id) == "claimed"


def test_large_taxonomy_scoring_gives_the_same_matches(monkeypatch: pytest.MonkeyPatch) -> None:
    """TF-IDF scoring on numpy arrays (used from LARGE_TAXONOMY skills on) finds exactly what the
    plain Python scoring finds, with the same scores."""
    from pathlib import Path

    from crowdskills.evaluate import load_gold
    from crowdskills.matching import matcher as module

    taxonomy = load_taxonomy()
    texts = [g.text for g in load_gold([Path(__file__).parent / "data" / "gold"])]
    plain = SkillMatcher().fit(taxonomy).match_many(texts)
    monkeypatch.setattr(module, "LARGE_TAXONOMY", 0)
    dense = SkillMatcher().fit(taxonomy).match_many(texts)
    assert dense == plain
    assert sum("tfidf" in m.methods for r in plain for m in r) > 0  # the paraphrase path was used


def test_rank_orders_every_skill_and_puts_named_skills_first() -> None:
    matcher = SkillMatcher().fit(load_taxonomy(MINI))
    ranked = matcher.rank("Looking for someone to do data entry from invoices.", top_k=6)
    assert len(ranked) == 6 == len({r.skill_id for r in ranked})  # every skill of the mini taxonomy
    assert ranked[0].skill_id == "data-entry" and ranked[0].detected > 0
    scores = [r.score for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(0 <= r.score <= 1 for r in ranked)
    assert len(matcher.rank("data entry", top_k=2)) == 2
    with pytest.raises(ValueError, match="top_k"):
        matcher.rank("data entry", top_k=0)
    with pytest.raises(NotFittedError):
        SkillMatcher().rank("data entry")


def test_rank_finds_a_paraphrase_below_the_detection_threshold() -> None:
    matcher = SkillMatcher().fit(load_taxonomy())
    text = "My work: boxes around cars in street photos for self-driving datasets"
    assert "image-annotation" not in {m.skill_id for m in matcher.match(text)}
    assert "image-annotation" in [r.skill_id for r in matcher.rank(text, top_k=3)]
