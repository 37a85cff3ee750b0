"""Language of a text: a function-word model, and no claims from sentences it cannot read."""

from __future__ import annotations

from pathlib import Path

import pytest

from crowdskills import SkillMatcher, load_taxonomy
from crowdskills.evaluate import load_gold
from crowdskills.matching import detect_language

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize(("text", "code"), [
    ("Quiero aprender Excel y SQL", "es"),
    ("Tengo tres años de experiencia en atención al cliente y soy muy organizada.", "es"),
    ("Je suis traductrice et je travaille avec SDL Trados depuis cinq ans.", "fr"),
    ("Ich suche einen Entwickler mit Erfahrung in Python und SQL.", "de"),
    ("Sou designer gráfica e tenho experiência com Photoshop e Canva.", "pt"),
    ("Sono un traduttore con esperienza in SDL Trados e sono molto preciso.", "it"),
    ("Ik ben een ervaren ontwikkelaar en ik werk met Python.", "nl"),
    ("Dette er et freelancejob på Worksome og vi har brug for en udvikler.", "da"),
    ("I want to learn Excel and SQL.", "en"),
    ("Python, SQL, Excel, Tableau", "en"),
    ("Experience with SQL is the de facto standard here, e.g. in La Liga data.", "en"),
])
def test_language_of_short_real_sentences(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_every_gold_text_reads_as_english() -> None:
    gold = load_gold([DATA / "gold", DATA / "gold-heldout", DATA / "gold-real"])
    assert [g.id for g in gold if detect_language(g.text) != "en"] == []


def test_a_text_mostly_in_english_with_a_foreign_note_is_english() -> None:
    text = ("Note: Dette er et freelancejob på Worksome - Danmarks største platform for professionelle "
            "konsulenter og freelancere.\nDocuments will be viewed through the Mobile App and stored on the "
            "server with all the details the user enters.")
    assert detect_language(text) == "en"


def test_no_claims_from_a_sentence_whose_cues_cannot_be_read() -> None:
    matcher = SkillMatcher().fit(load_taxonomy())
    # Spanish and French are read since issue 16 (tests/test_languages.py); Portuguese has no labels
    assert matcher.match("Quero aprender Excel e SQL, não tenho experiência com Python.") == []
    found = {m.skill_id: m.status for m in matcher.match(
        "I want to learn SQL. Tenho experiência com Python e não com Java, mas sou muito rápida.")}
    assert found == {"sql": "wanted"}
    assert {m.skill_id: m.status for m in matcher.match("Quiero aprender Excel y SQL")} == {"sql": "wanted"}
