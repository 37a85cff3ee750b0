"""Spanish and French profiles in `gaps`: the goal they state, the sentence quoted for it, the
reader's labels in the reasons, and `--kind auto` on Spanish and French posts (issue 16)."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from crowdskills import SkillMatcher, load_taxonomy
from crowdskills.advice import gap_report
from crowdskills.advice.evaluate import evaluate_targets, load_goal_cases
from crowdskills.advice.goals import read_goal
from crowdskills.advice.report import localise, report_text
from crowdskills.matching.languages import detect_kind_in, guess_text_kind
from crowdskills.matching.text import tokenize

from .conftest import Result

Cli = Callable[..., Result]
GOLD = Path(__file__).parent / "data" / "goals" / "perfiles-es-fr.yaml"


@lru_cache(maxsize=1)
def matcher() -> SkillMatcher:
    return SkillMatcher().fit(load_taxonomy())


def goal_of(text: str) -> tuple[str | None, str | None]:
    """The role a profile's goal names and the words quoted for it."""
    goal = read_goal(text, matcher().taxonomy_, matcher().match(text, kind="profile"))
    return (goal.role_id, goal.evidence[0].text) if goal else (None, None)


# --------------------------------------------------------------------------- goals stated in the language

@pytest.mark.parametrize(("text", "role", "quoted"), [
    ("Trabajo en Appen desde 2021 haciendo transcripción de audio y entrada de datos. Quiero trabajar como "
     "asistente virtual para clientes de España.", "virtual-assistant",
     "Quiero trabajar como asistente virtual para clientes de España"),
    ("Llevo tres años etiquetando imágenes en Remotasks. Mi objetivo es llegar a ser analista de datos.",
     "data-analyst", "Mi objetivo es llegar a ser analista de datos"),
    ("Hago encuestas en Prolific y categorización de productos. Me gustaría trabajar de redactora de "
     "contenidos para blogs.", "content-writer",
     "Me gustaría trabajar de redactora de contenidos para blogs"),
    ("Soy moderador de contenido en una empresa de outsourcing. Busco pasar a gestor de redes sociales.",
     "social-media-manager", "Busco pasar a gestor de redes sociales"),
    ("Je fais de la saisie de données sur Clickworker depuis deux ans. Je voudrais devenir assistante "
     "virtuelle.", "virtual-assistant", "Je voudrais devenir assistante virtuelle"),
    ("Modératrice de contenu depuis 2022. Mon objectif est de devenir gestionnaire de réseaux sociaux.",
     "social-media-manager", "Mon objectif est de devenir gestionnaire de réseaux sociaux"),
    ("Je transcris des interviews en français et en anglais. J'aimerais travailler comme traductrice "
     "indépendante.", "translator", "J'aimerais travailler comme traductrice indépendante"),
])
def test_a_spanish_or_french_goal_names_its_role(text: str, role: str, quoted: str) -> None:
    assert goal_of(text) == (role, quoted)


@pytest.mark.parametrize(("text", "role"), [
    # a past or declined wish is no goal; the present one is
    ("Antes quería ser traductora. Ahora quiero trabajar como asistente virtual.", "virtual-assistant"),
    ("Ya no quiero ser diseñadora gráfica. Mi meta es trabajar como desarrolladora web.", "web-developer"),
    ("Je ne veux plus être traductrice. Mon objectif est de devenir assistante virtuelle.", "virtual-assistant"),
    # someone else's wish is no goal
    ("Mi cliente quiere ser diseñador gráfico. Yo quiero trabajar como analista de datos.", "data-analyst"),
])
def test_a_past_declined_or_someone_elses_wish_is_not_the_goal(text: str, role: str) -> None:
    assert goal_of(text)[0] == role


@pytest.mark.parametrize(("text", "role"), [
    ("Quiero ser honesta: no tengo experiencia en atención al cliente. Me veo trabajando como asistente virtual.",
     "virtual-assistant"),
    ("Uso Excel para trabajar en equipo con mis compañeros de la gestoría. A futuro me veo como contable.",
     "bookkeeper"),
    ("J'utilise Excel pour travailler dans la comptabilité d'une association. Je me vois bien devenir "
     "assistante virtuelle.", "virtual-assistant"),
])
def test_a_copula_or_a_purpose_is_a_goal_only_when_it_names_a_role(text: str, role: str) -> None:
    """"Quiero ser honesta" and "pour travailler dans la comptabilité" are no wish for honesty or accounting."""
    goal = read_goal(text, matcher().taxonomy_, matcher().match(text, kind="profile"))
    assert goal is not None and goal.role_id == role
    assert goal.evidence[0].text.startswith(("Me veo", "A futuro", "Je me vois"))


@pytest.mark.parametrize(("text", "role"), [
    ("Quiero trabajar en algo creativo, pero no como traductora. Mi objetivo es llegar a ser diseñadora gráfica.",
     "graphic-designer"),
    ("Me gustaría dedicarme a algo con más futuro en lugar de traductora. Quiero trabajar como analista de datos.",
     "data-analyst"),
    ("Je voudrais travailler dans un domaine créatif plutôt que comme traductrice. Mon objectif est de "
     "devenir graphiste.", "graphic-designer"),
    ("J'aimerais évoluer vers autre chose, mais pas comme traductrice. Je voudrais devenir analyste de données.",
     "data-analyst"),
])
def test_a_contrast_ends_the_aim(text: str, role: str) -> None:
    """The role after "pero no", "en lugar de", "plutôt que", "mais pas" is what the person does not want."""
    assert goal_of(text)[0] == role


@pytest.mark.parametrize(("text", "role", "quoted"), [
    ("Soy entrenadora de IA: evalúo respuestas de chatbots y verifico los datos que da el modelo.\n"
     "Antes hice anotación de textos durante dos años. Mi objetivo es llegar a ser analista de\n"
     "datos.\n", "data-analyst", "Mi objetivo es llegar a ser analista de datos"),
    ("Modératrice de contenu pour un réseau social via un sous-traitant depuis trois ans.\n"
     "Je vérifie les publications signalées. J'aimerais travailler comme gestionnaire de\n"
     "réseaux sociaux.\n", "social-media-manager", "J'aimerais travailler comme gestionnaire de réseaux sociaux"),
    ("I have been doing image annotation on Remotasks for two years and requesters like my work.\n"
     "I want to become a QA\nreviewer.\n", "annotation-qa-lead", "I want to become a QA reviewer"),
])
def test_a_goal_wrapped_onto_a_short_last_line_is_read_whole(text: str, role: str, quoted: str) -> None:
    found, words = goal_of(text)
    assert (found, " ".join((words or "").split())) == (role, quoted)


# --------------------------------------------------------------------------- the sentence quoted

@pytest.mark.parametrize(("text", "quoted"), [
    ("Hago encuestas en Prolific y entrada de datos. No tengo experiencia en SQL. "
     "Quiero aprender SQL y tablas dinámicas.", "Quiero aprender SQL y tablas dinámicas"),
    ("Je fais des sondages sur Prolific. Je n'ai jamais utilisé SQL. "
     "J'aimerais apprendre SQL et les tableaux croisés dynamiques.",
     "J'aimerais apprendre SQL et les tableaux croisés dynamiques"),
    ("I do surveys on Prolific and data entry. I have no experience with SQL. "
     "I want to learn SQL and pivot tables.", "I want to learn SQL and pivot tables"),
])
def test_the_wish_is_quoted_not_the_sentence_that_denies_the_skill(text: str, quoted: str) -> None:
    report = gap_report(text, matcher(), [])
    assert report.target.id == "data-analyst"
    assert [e.text for e in report.target.goal_evidence] == [quoted]
    assert "experiencia" not in report.target.reason and "jamais" not in report.target.reason


# --------------------------------------------------------------------------- the reader's labels

def test_the_reason_names_skills_in_the_readers_language() -> None:
    text = ("Hago encuestas en Prolific y entrada de datos. Quiero aprender SQL y tablas dinámicas "
            "para conseguir trabajos mejor pagados.")
    report = gap_report(text, matcher(), [])
    assert "advanced spreadsheet analysis" in report.target.reason  # the library's form stays English
    local = localise(report, matcher().taxonomy_, ("es",))
    assert "análisis avanzado en hojas de cálculo" in local.target.reason
    assert "spreadsheet" not in local.target.reason
    assert "You aim at: analista de datos, because" in report_text(local)


def test_the_plan_names_skills_in_the_readers_language() -> None:
    from crowdskills import load_catalogs

    taxonomy = matcher().taxonomy_
    report = gap_report("Trabajo en Clickworker haciendo entrada de datos. Quiero trabajar como analista de datos.",
                        matcher(), load_catalogs(taxonomy=taxonomy))
    steps = localise(report, taxonomy, ("es",)).plan
    assert any("análisis de datos" in s.plan for s in steps)
    assert not any("data analysis" in s.plan for s in steps)


def test_gaps_json_keeps_the_english_reason_and_adds_the_local_one(cli: Cli) -> None:
    r = cli("gaps", "Hago entrada de datos en Clickworker. Quiero aprender SQL y tablas dinámicas.", "-f", "json")
    assert r.code == 0, r.err
    target = json.loads(r.out)["target"]
    assert target["id"] == "data-analyst" and target["label"] == "data analyst"
    assert target["label_local"] == "analista de datos"
    assert "advanced spreadsheet analysis" in target["reason"]
    assert "análisis avanzado en hojas de cálculo" in target["reason_local"]


def test_gaps_on_a_french_profile_aims_at_the_role_its_goal_names(cli: Cli) -> None:
    r = cli("gaps", "Je fais de la transcription audio sur TranscribeMe depuis 2021. Mon objectif est de "
            "devenir traductrice indépendante.", "-f", "json")
    assert r.code == 0, r.err
    data = json.loads(r.out)
    assert data["goal"]["role_id"] == "translator"
    assert data["goal"]["evidence"][0]["text"] == "Mon objectif est de devenir traductrice indépendante"
    assert (data["target"]["id"], data["target"]["label_local"]) == ("translator", "traducteur")


# --------------------------------------------------------------------------- --kind auto

@pytest.mark.parametrize(("text", "kind"), [
    ("Se busca transcriptor de audio en español. Tarifa: 1 USD por minuto de audio. Dedicación flexible, "
     "trabajo 100% remoto.", "job"),
    ("Proyecto de etiquetado de imágenes. Dibujarás cajas alrededor de peatones y vehículos. "
     "Responsabilidades: revisar cada imagen y marcar las dudosas.", "job"),
    ("Necesito un editor de video para mi canal de cocina. No hace falta experiencia previa.", "job"),
    ("Saisie de données depuis des factures scannées vers Google Sheets. Vous serez payé à la facture.", "job"),
    ("Profil recherché : traducteur anglais-français pour des fiches produits de cosmétiques.", "job"),
    ("Évaluatrice de recherche sur Appen : je note des résultats de recherche et des publicités.", "profile"),
])
def test_kind_auto_reads_spanish_and_french_job_wording(text: str, kind: str) -> None:
    lang, guess = guess_text_kind(text)
    assert lang in ("es", "fr") and guess.kind == kind, guess.reason
    assert detect_kind_in(tokenize(text).folded, lang) == kind


@pytest.mark.parametrize(("post", "profile"), [
    ("Se busca transcriptora de entrevistas. Tarifa: 0,50 USD por minuto de audio.",
     "Soy diseñadora freelance. Mi tarifa es de 15 USD por hora. Ofrezco logos y flyers para pequeñas empresas."),
    ("Se busca asistente virtual bilingüe para una inmobiliaria. Tarifa: 10 USD por hora.",
     "Asistente virtual bilingüe. Gestiono correos, agendas y facturación. Tarifa: 10 USD por hora, negociable."),
    ("Nous avons besoin d'un monteur pour 10 vidéos YouTube. Tarif : 40 euros par vidéo, livraison sous deux "
     "semaines.",
     "Je suis graphiste indépendante. Mon tarif est de 30 euros de l'heure. Je réalise des logos et des affiches."),
])
def test_a_rate_makes_a_job_post_unless_it_is_the_workers_own(post: str, profile: str) -> None:
    assert guess_text_kind(post)[1].kind == "job"
    assert guess_text_kind(profile)[1].kind == "profile"


def test_skills_cli_says_which_spanish_words_made_it_a_job_post(cli: Cli) -> None:
    r = cli("skills", "Se busca transcriptor de audio en español. Tarifa: 1 USD por minuto de audio.", "-f", "json")
    assert r.code == 0, r.err
    found = json.loads(r.out)
    assert found and found[0]["kind"] == "job" and found[0]["language"] == "es"
    assert "se busca" in found[0]["kind_reason"] and "tarifa" in found[0]["kind_reason"]


# --------------------------------------------------------------------------- the Spanish and French goal set

def _gold() -> list[dict[str, Any]]:
    profiles: list[dict[str, Any]] = yaml.safe_load(GOLD.read_text(encoding="utf-8"))["profiles"]
    return profiles


@pytest.mark.parametrize("profile", _gold(), ids=lambda p: str(p["id"]))
def test_goal_set_profile_is_well_formed(profile: dict[str, Any]) -> None:
    tax = matcher().taxonomy_
    assert set(profile) == {"id", "kind", "text", "target", "goal", "wanted", "why"}
    assert profile["kind"] in {"named", "skills", "none", "trap"}
    assert 45 <= len(profile["text"].split()) <= 200
    assert profile["target"] in tax.roles
    assert profile["goal"] is None or profile["goal"] in profile["text"]
    assert (profile["goal"] is None) == (profile["kind"] == "none")
    assert [s for s in profile["wanted"] if s not in tax.skills] == []


def test_gaps_aims_at_the_goal_spanish_and_french_profiles_state() -> None:
    """A tuning set (written with the cues): before them, 18 of 23 targets and 16 of 23 aims quoted."""
    results = evaluate_targets(load_goal_cases(GOLD), matcher())
    assert len(results) >= 20 and {r.case.id[:3] for r in results} == {"es-", "fr-"}
    wrong = [f"{r.case.id}: {r.chosen}" for r in results if not r.right]
    assert len(wrong) / len(results) <= 0.10, wrong
    unquoted = [r.case.id for r in results if not r.goal_found]
    assert len(unquoted) / len(results) <= 0.15, unquoted
