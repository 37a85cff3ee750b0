"""Word senses: every label that is also a common English word has a rule that decides its sense.

How common a word is comes from data, not from a list seen failing: wordfreq's frequency of the
word in ordinary English (Zipf scale; 4.0 is about once in 10,000 words). A one-word label that
common must count only in its skill sense, so it needs one of the matcher's rules: the ambiguous
words rule (right case and a related word nearby), the skill's own context words
(``contextRequires`` / ``contextExcludes`` in the taxonomy), or a reviewed reason below that its
everyday sense is the skill's sense.
"""

from __future__ import annotations

import pytest

from crowdskills import load_taxonomy
from crowdskills.matching.index import label_is_ambiguous
from crowdskills.matching.text import STOP_WORDS, TOKEN_RE, fold

#: Common words whose everyday sense is the skill's sense, with the reason (reviewed 2026-12-02).
REVIEWED = {
    "c++": "a programming language only",
    "english": "a language name: the language",
    "french": "a language name: the language",
    "russian": "a language name: the language",
    "chinese": "a language name: the language",
    "german": "a language name: the language",
    "japanese": "a language name: the language",
    "spanish": "a language name: the language",
    "italian": "a language name: the language",
    "portuguese": "a language name: the language",
    "arabic": "a language name: the language",
    "statistics": "the discipline; figures alone rarely appear as the bare word",
    "photography": "the craft itself",
    "photographer": "the worker of the craft",
    "seo": "an acronym with one sense",
    "privacy": "privacy of personal data is the skill's subject",
    "confidence": "a disposition; the adjective and 'in confidence' do not match (abstract-noun rule)",
    "independence": "a disposition; 'independent' does not match (abstract-noun rule)",
    "integrity": "a disposition; 'integration' does not match (abstract-noun rule)",
    "ethics": "work ethics, the skill's sense",
    "motivation": "self-motivation; 'motivation letter' is excluded by context",
    "imagination": "creativity",
    "creativity": "the disposition itself",
    "reasoning": "the thinking skill",
    "presenting": "presenting to an audience",
    "curious": "said of a person; 'curious team' falls to the adjective rule",
}
COMMON = 4.0


def test_every_common_one_word_label_has_a_sense_rule() -> None:
    wordfreq = pytest.importorskip("wordfreq")
    tax = load_taxonomy()
    missing = []
    for skill in tax:
        for label in skill.labels:
            words = [fold(m.group()) for m in TOKEN_RE.finditer(label)]
            words = [w for w in words if w not in STOP_WORDS]
            if len(words) != 1 or wordfreq.zipf_frequency(words[0], "en") < COMMON:
                continue
            ruled = (label_is_ambiguous(label) or skill.context_requires or skill.context_excludes
                     or words[0] in REVIEWED)
            if not ruled:
                missing.append(f"{skill.id}: {label!r} ({wordfreq.zipf_frequency(words[0], 'en'):.2f})")
    assert not missing, "common words without a sense rule: " + "; ".join(missing)


def test_reviewed_words_are_still_labels() -> None:
    """The reviewed list holds no stale entries."""
    tax = load_taxonomy()
    words = {fold(m.group()) for s in tax for label in s.labels for m in TOKEN_RE.finditer(label)}
    assert set(REVIEWED) <= words


# --------------------------------------------------------------------------- whole-post senses
# Sentences from real posts and task texts of tests/data/gold-real (SkillSpan, MIT; Toloka docs,
# Apache-2.0), cut short.

_SHIPPED = None


def _shipped_ids(text: str, kind: str = "job") -> set[str]:
    global _SHIPPED
    if _SHIPPED is None:
        from crowdskills.matching import SkillMatcher

        _SHIPPED = SkillMatcher().fit(load_taxonomy())
    return {m.skill_id for m in _SHIPPED.match(text, kind=kind)}


def test_what_a_post_offers_is_no_demand() -> None:
    post = ("Full-Stack Javascript Developer\nThe role\nYou'll need around 3 - 4 years of React experience.\n"
            "Salary\n- Based on ability and experience\nHours\n- Full time and the option to work from home\n"
            "Kit\n- 13\" Macbook Pro\n")
    found = _shipped_ids(post)
    assert "react" in found
    assert "remote-work-organisation" not in found
    flattened = ("Your Skills Experience with MySQL Teamplayer strong communication skills Job benefits: Free Fruits "
                 "Workshops Free choice of equipment After-work-events Flexibility Legendary Christmas-Parties "
                 "Company description: Working in an agile process with four development teams")
    found = _shipped_ids(flattened)
    assert "mysql" in found or "sql" in found
    assert not {"adaptability", "agile-scrum"} & found
    # the same words asked for are demands
    assert "adaptability" in _shipped_ids("Requirements:\n- Flexibility and a calm head under deadlines\n")


def test_a_title_line_is_read_with_the_sentence_under_it() -> None:
    task = ("Voice recording\nA task with a text block to read and a voice recorder button. Using the Toloka mobile "
            "app, Tolokers should tap the button and read the text aloud.")
    found = _shipped_ids(task)
    assert "voice-over" not in found and "data-collection-tasks" in found
    assert "voice-over" in _shipped_ids("Voice recording\nWe need a warm voice for a 10-minute explainer video.")


def test_a_disposition_named_by_an_ation_noun_is_not_its_bare_verb() -> None:
    # "Imagine what you could do here." opens a real SkillSpan post (tests/data/gold-real)
    assert "creativity" not in _shipped_ids("Job description\nImagine what you could do here. Skills: Java.")
    assert "self-motivation" not in _shipped_ids("Motivate your team to hit the monthly targets.")
    assert "self-motivation" in _shipped_ids("I am highly motivated and work without supervision.", kind="profile")
    assert "creativity" in _shipped_ids("I bring imagination to every brief.", kind="profile")
