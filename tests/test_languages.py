"""Spanish and French text: language detection, matching, status cues, and texts not read."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from crowdskills import SkillMatcher, load_taxonomy
from crowdskills.evaluate import evaluate, load_gold
from crowdskills.matching.languages import english_cues, guess_language, unread_languages
from crowdskills.models import Match

DATA = Path(__file__).parent / "data"


@lru_cache(maxsize=1)
def matcher() -> SkillMatcher:
    return SkillMatcher().fit(load_taxonomy())


def found(text: str, kind: str = "auto") -> dict[str, str]:
    return {m.skill_id: m.status for m in matcher().match(text, kind=kind)}


def one(text: str, skill: str) -> Match:
    (m,) = [m for m in matcher().match(text) if m.skill_id == skill]
    return m


@pytest.mark.parametrize(("text", "lang"), [
    ("I have been doing HITs on Amazon Mechanical Turk for two years, mostly image tagging.", "en"),
    ("Hola, soy de Maracaibo y trabajo en Clickworker desde hace tres años.", "es"),
    ("Je fais de la saisie de données sur Appen depuis deux ans, depuis Abidjan.", "fr"),
    ("Trabalho com transcrição de áudio e não tenho experiência com Python.", "pt"),
    ("Ich arbeite seit drei Jahren mit Datenerfassung und bin sehr genau.", "de"),
    ("Mimi ninafanya kazi ya kuingiza data kwa miaka mitatu.", "sw"),
])
def test_detect_language(text: str, lang: str) -> None:
    assert guess_language(text).lang == lang


def test_the_wrong_claims_of_issue_16_are_gone() -> None:
    # each of these was read as a claim (or a requirement) with English cues only
    assert found("Quiero aprender Excel y SQL.")["sql"] == "wanted"
    assert found("Me gustaría aprender a diseñar en Canva.")["canva"] == "wanted"
    assert found("Je voudrais apprendre WordPress.")["wordpress"] == "wanted"
    assert found("Développeur React recherché. Pas besoin de connaître Angular.", "job") == {"react": "required"}


@pytest.mark.parametrize(("text", "skill", "status"), [
    ("Mi objetivo es pasar al aprendizaje automático.", "machine-learning", "wanted"),
    ("No tengo experiencia en Python.", "python", "negated"),
    ("Nunca he usado herramientas de subtitulado.", "captioning-subtitling", "negated"),
    ("J'aimerais évoluer vers le montage vidéo.", "video-editing", "wanted"),
    ("Aucune expérience en comptabilité.", "accounting", "negated"),
    ("Je n'ai jamais utilisé Figma.", "figma", "negated"),
])
def test_profile_cues(text: str, skill: str, status: str) -> None:
    assert found(text, "profile")[skill] == status


def test_job_cues() -> None:
    es = found("Se necesita analista de datos. Imprescindible SQL. Se valora Python. "
               "No es necesario saber Angular.", "job")
    assert es["sql"] == "required" and es["python"] == "optional" and "vue-angular" not in es
    fr = found("Mission de saisie de données. Google Sheets requis. Canva souhaité. "
               "Une expérience en comptabilité serait un plus.", "job")
    assert fr["spreadsheets"] == "required" and fr["canva"] == "optional"
    assert fr["accounting"] == "optional"


def test_kind_is_told_in_spanish_and_french() -> None:
    assert matcher().match("Buscamos asistente virtual. Requisitos: gestión de agenda.")[0].status == "required"
    assert {m.status for m in matcher().match("Je fais de la saisie de données depuis deux ans.")} == {"claimed"}


def test_accents_are_folded_for_matching_and_kept_in_evidence() -> None:
    text = "Hago anotacion de imagenes y transcripción de audio."
    assert one(text, "image-annotation").evidence[0].text == "anotacion de imagenes"
    ev = one(text, "audio-transcription").evidence[0]
    assert ev.text == "transcripción de audio" and text[ev.start:ev.end] == ev.text


def test_french_elisions_and_loanwords() -> None:
    assert "image-annotation" in found("Je fais de l'annotation d'images.")
    assert "data-entry" in found("Je fais du data entry et des bounding boxes pour des clients.")
    assert "image-annotation" in found("Hago bounding boxes y data entry para clientes de Upwork.")


def test_mixed_english_and_spanish_text_is_read_sentence_by_sentence() -> None:
    text = "I do data entry on Appen. Quiero aprender SQL; no tengo experiencia en Python."
    got = found(text)
    assert got == {"data-entry": "claimed", "sql": "wanted", "python": "negated"}
    ev = one(text, "sql").evidence[0]
    assert text[ev.start:ev.end] == "SQL"


@pytest.mark.parametrize("text", [
    "Trabalho com transcrição de áudio e entrada de dados há dois anos. Não tenho experiência com "
    "Python, mas quero aprender SQL.",
    "Mimi ninafanya kazi ya kuingiza data na transcription kwa miaka mitatu. Sina uzoefu wa Python.",
])
def test_text_in_a_language_without_labels_gives_no_claims(text: str) -> None:
    assert matcher().match(text) == []
    assert unread_languages(text) in (["pt"], ["sw"])


def test_english_text_is_not_taken_for_another_language() -> None:
    for g in load_gold([DATA / "gold", DATA / "gold-heldout"]):
        assert unread_languages(g.text) == [], g.id


def test_english_cues_keep_every_offset() -> None:
    text = "Quiero aprender SQL.\nNo es necesario saber Angular; se valora Figma."
    out = english_cues(text, "es")
    assert len(out) == len(text) and out.index("SQL") == text.index("SQL")
    assert out.startswith("to learn") and "not needed" in out and "a plus" in out


def test_a_taxonomy_without_labels_in_a_language_does_not_read_it() -> None:
    tax = load_taxonomy(DATA / "mini")
    m = SkillMatcher().fit(tax)
    assert m.local_matcher("es") is None
    assert m.match("Quiero aprender Python y hago etiquetado de imágenes.") == []


@pytest.mark.parametrize("folder", ["gold-es", "gold-fr"])
def test_quality_on_the_spanish_and_french_gold_sets(folder: str) -> None:
    """Team-written tuning sets (see their README). Measured on 2026-12-02: es P 0.964 R 0.879,
    fr P 1.000 R 0.897, no negated or wanted skill reported as held. Floors: the issue's targets."""
    gold = load_gold([DATA / folder])
    assert len(gold) >= (40 if folder == "gold-es" else 30)
    known = set(matcher().taxonomy_.skills)
    assert all(set(g.skills) <= known for g in gold)
    report = evaluate(matcher(), gold)
    assert report.overall.precision >= 0.85, report.to_dict()
    assert report.overall.recall >= 0.75, report.to_dict()
    assert report.false_held == 0, report.to_dict()


# --------------------------------------------------------------------------- command line

EXAMPLE_ES = Path(__file__).parent.parent / "examples" / "perfil-microtrabajadora.txt"


def test_skills_shows_labels_in_the_texts_language(cli: Any) -> None:
    r = cli("skills", "Hago etiquetado de imágenes y quiero aprender SQL.", "-f", "markdown")
    assert r.code == 0 and "anotación de imágenes (`image-annotation`)" in r.out
    rows = json.loads(cli("skills", "Je fais de la saisie de données.", "-f", "json").out)
    assert rows[0]["label"] == "data entry" and rows[0]["label_local"] == "saisie de données"
    rows = json.loads(cli("skills", "Je fais de la saisie de données.", "-f", "json", "--lang", "es").out)
    assert rows[0]["label_local"] == "entrada de datos"
    rows = json.loads(cli("skills", "I do data entry.", "-f", "json").out)
    assert "label_local" not in rows[0]  # English readers get the stable English form


def test_unknown_language_tag_is_a_usage_error(cli: Any) -> None:
    r = cli("skills", "I do data entry.", "--lang", "xx")
    assert r.code == 2 and "unknown language tag 'xx'" in r.err
    assert cli("gaps", str(EXAMPLE_ES), "--lang", "es,zz").code == 2


def test_text_without_labels_is_warned_about(cli: Any) -> None:
    r = cli("skills", "Trabalho com transcrição de áudio. Não tenho experiência com Python.", "-f", "json")
    assert r.code == 0 and json.loads(r.out) == []
    assert "Portuguese" in r.err and "not read" in r.err


def test_gaps_on_a_spanish_profile(cli: Any) -> None:
    data = json.loads(cli("gaps", str(EXAMPLE_ES), "-f", "json").out)
    assert data["target"]["id"] == "data-analyst"  # the goal it states
    assert data["target"]["label_local"] == "analista de datos" and data["lang"] == ["es"]
    gap = next(g for g in data["gaps"] if g["skill_id"] == "data-cleaning")
    assert gap["label"] == "data cleaning" and gap["label_local"] == "limpieza de datos"
    first = data["plan"][0]
    assert "Spanish" in first["name"]  # a course in Spanish comes first
    text = cli("gaps", str(EXAMPLE_ES), "-f", "text").out
    assert "You aim at: analista de datos" in text


def test_gaps_lang_list_filters_and_orders(cli: Any) -> None:
    es_only = json.loads(cli("gaps", str(EXAMPLE_ES), "-f", "json", "--lang", "es").out)
    courses = [c["course"] for g in es_only["gaps"] for c in g.get("courses", [])]
    assert courses and all(any(t.startswith("es") for t in c["in_language"]) for c in courses)
    both = json.loads(cli("gaps", str(EXAMPLE_ES), "-f", "json", "--lang", "es,en").out)
    assert len([c for g in both["gaps"] for c in g.get("courses", [])]) > len(courses)
    assert any("no course in Spanish" in w for w in both["warnings"])
