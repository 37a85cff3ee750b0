"""The languages of a text, and what matching needs to know of each language it reads.

:func:`detect_language` tells the language of a text from its function words (the commonest
words of each language, weighted by how many languages share them) and a few letters only one
language uses (ñ, ç, ã, ß). :func:`language_segments` does it per sentence, for the mixed
Spanish-English or French-English text many crowdworkers write; a sentence too short to tell
takes the language of the text around it.

Matching reads English, Spanish and French (:data:`MATCHED`): per language it has stop words,
a Snowball stemmer and accent folding (see :mod:`.text`), and its status cues. The cues of
Spanish and French are written over with the English cue words the context reader knows, in a
copy of the text of the same length (:func:`english_cues`), so that one reader serves every
language and every offset stays true. Text in another language (Portuguese, German, Swahili...)
is not read: :func:`unread_languages` names it for a warning.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress, repeat
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import KindGuess

#: Languages whose text is matched (English plus those with labels in the shipped taxonomy).
MATCHED = ("en", "es", "fr")

LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "fr": "French", "pt": "Portuguese", "de": "German",
    "it": "Italian", "nl": "Dutch", "sw": "Swahili", "da": "Danish",
}

#: Each language's commonest function words (folded to lower case, accents kept).
FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset(
        "a about all also am an and any are as at be been but by can could did do does for from "
        "had has have he her his how i i'm i've if in into is it its just like me more most my "
        "no not now of on one or our out over so some than that the their them then there these "
        "they this those to up us was we were what when which who will with would you your "
        "years experience looking need want work working lot per".split()),
    "es": frozenset(
        "el la los las de del y en un una unos unas es son con por para que se mi mis me yo "
        "soy estoy tengo hago trabajo como pero más muy también al lo su sus ya años desde "
        "experiencia quiero nunca sin sobre entre hasta donde cuando este esta estos nuestro "
        "nuestra buscamos necesitamos hablo aprender trabajar gustaría conocimientos he ha hemos "
        "usado utilizado trabajado hecho herramientas manejo".split()),
    "fr": frozenset(
        "le la les de des du et en un une est sont avec pour dans sur que qui je j'ai suis "
        "mon ma mes nous vous au aux ce cette ces pas ne plus aussi mais très chez depuis "
        "ans expérience je voudrais j'aimerais jamais sans être avoir fait faire recherchons "
        "cherchons votre notre leur apprendre travailler connaître ai utilisé fais travaille outils".split()),
    "pt": frozenset(
        "o a os as de do da dos das e em no na nos nas um uma é são com por para que se eu "
        "meu minha sou estou tenho faço trabalho como mas mais muito também ao não você "
        "experiência anos desde quero nunca sem isso esta este nosso nossa procuramos".split()),
    "de": frozenset(
        "der die das und ist ich mit für auf den dem des ein eine einen nicht zu im in von "
        "wir sie mein meine bin habe auch aber sehr als bei oder kein keine erfahrung".split()),
    "it": frozenset(
        "il lo la gli le di del della e è un una con per che sono ho mio mia non anche ma "
        "molto nel nella esperienza cerchiamo lavoro".split()),
    "nl": frozenset("de het een en van ik ben heb met voor niet ook maar zijn wij jij bij op te dat "
                    "naar hebben deze dit".split()),
    "da": frozenset("og er en et det den at på til med for ikke jeg vi har af som de dette kan vil".split()),
    "sw": frozenset(
        "na ya wa kwa ni za katika kama hii kuwa pia lakini sana au mimi nina nime kazi "
        "ninafanya tunatafuta uzoefu habari jina langu".split()),
}

#: Letters that only one of these languages writes (a small vote each).
_LETTERS = {"ñ": "es", "¿": "es", "¡": "es", "ç": "fr", "œ": "fr", "ê": "fr", "è": "fr",
            "ã": "pt", "õ": "pt", "ß": "de"}

_ACCENTED = re.compile("[áéíóúñ¿¡çàèêâîôûœãõäöüß]", re.IGNORECASE)
_WEIGHTS: dict[str, dict[str, float]] = {}
for _lang, _words in FUNCTION_WORDS.items():
    for _w in _words:  # as tokens are folded: "j'ai" is "jai"
        _WEIGHTS.setdefault(_w.replace("'", ""), {})[_lang] = 0.0
for _w, _langs in _WEIGHTS.items():
    for _lang in _langs:
        _langs[_lang] = 1.0 / len(_langs)
#: Words that may make a text not English: function words of other languages that English
#: does not use (nor writes as a token: "C++ plus", "e-commerce", "AI", "non-profit").
FOREIGN_WORDS = frozenset(w for w, langs in _WEIGHTS.items() if "en" not in langs) - {"plus", "e", "ai", "non"}

_WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)?")


@dataclass(frozen=True)
class LanguageGuess:
    """The language of a text and the evidence: weighted function-word votes per language."""

    lang: str
    scores: dict[str, float]

    @property
    def confident(self) -> bool:
        """Whether the winner had at least two votes and a clear lead."""
        ranked = sorted(self.scores.values(), reverse=True)
        return bool(ranked) and ranked[0] >= 2 and (len(ranked) == 1 or ranked[0] >= 1.5 * ranked[1])


def _scores(words: Iterable[str], text: str = "") -> dict[str, float]:
    scores: dict[str, float] = {}
    for w in words:
        langs = _WEIGHTS.get(w)
        if langs:
            for lang, weight in langs.items():
                scores[lang] = scores.get(lang, 0.0) + weight
    for ch, lang in _LETTERS.items():
        if ch in text:
            scores[lang] = scores.get(lang, 0.0) + 0.5
    return scores


def guess_language(text: str, *, default: str = "en") -> LanguageGuess:
    """The language of ``text`` (ISO 639-1) with the votes, ``default`` when nothing speaks for
    another: one guess for the whole text (see :func:`detect_language` for a text of mixed sentences)."""
    lowered = text.lower()
    scores = _scores([w.replace("'", "").replace("\u2019", "") for w in _WORD_RE.findall(lowered)], lowered)
    if not scores:
        return LanguageGuess(default, {})
    best = max(sorted(scores), key=scores.__getitem__)
    return LanguageGuess(best if scores[best] >= 1 else default, scores)


def language_segments(
    folded: Sequence[str], segments: Sequence[int], text: str = ""
) -> tuple[str, list[str]] | None:
    """The document's language and each segment's, from a text's folded tokens and segment
    numbers (see :class:`.text.Tokens`); ``None`` for a text that is plainly English.

    The cheap test comes first: a text with fewer than two non-English function words is English.
    A segment whose votes are too few or too close takes the document's language.
    """
    foreign = sum(map(FOREIGN_WORDS.__contains__, folded))
    if foreign < 2 and not (foreign and _ACCENTED.search(text)):
        return None
    hits = list(compress(range(len(folded)), map(_WEIGHTS.__contains__, folded)))
    doc = _scores([folded[k] for k in hits], text.lower())
    doc_lang = max(sorted(doc), key=doc.__getitem__)
    n_segments = (segments[-1] + 1) if segments else 0
    by_segment: list[set[str]] = [set() for _ in range(n_segments)]
    for k in hits:
        by_segment[segments[k]].add(folded[k])  # distinct words: "per video, per short" is no Italian
    langs = []
    for words in by_segment:
        lang = _segment_language(frozenset(words)) if words else None
        langs.append(lang or doc_lang)
    if all(lang == "en" for lang in langs):
        return None
    return doc_lang, langs


_SEGMENT_LANGUAGES: dict[frozenset[str], str | None] = {}


def _segment_language(words: frozenset[str]) -> str | None:
    """The language a sentence's distinct function words vote for, if the vote is clear (cached:
    the same few words recur sentence after sentence)."""
    found = _SEGMENT_LANGUAGES.get(words, "")
    if found != "":
        return found
    sc: dict[str, float] = {}
    for w in words:
        for lang, weight in _WEIGHTS[w].items():
            sc[lang] = sc.get(lang, 0.0) + weight
    best = max(sorted(sc), key=sc.__getitem__)
    second = max((v for k, v in sc.items() if k != best), default=0.0)
    found = best if sc[best] >= 1.5 and sc[best] > second else None
    if len(_SEGMENT_LANGUAGES) < 100_000:
        _SEGMENT_LANGUAGES[words] = found
    return found


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language most of ``text`` is written in (``en`` when unsure),
    sentence by sentence: "I want to learn SQL. Tengo experiencia con Excel." is English.

    >>> detect_language("Quiero aprender Excel y SQL")
    'es'
    """
    from .text import tokenize

    toks = tokenize(text)
    found = language_segments(toks.folded, toks.segments, text)
    if found is None:
        return "en"
    words: dict[str, int] = {}
    for seg in toks.segments:
        lang = found[1][seg]
        words[lang] = words.get(lang, 0) + 1
    return max(sorted(words), key=lambda c: (words[c], c == "en"))


def foreign_segments(folded: Sequence[str], segments: Sequence[int]) -> set[int]:
    """Segments (sentences) of a tokenised text that are not in English."""
    found = language_segments(folded, segments)
    return set() if found is None else {seg for seg, lang in enumerate(found[1]) if lang != "en"}


def text_language_and_kind(text: str) -> tuple[str, str]:
    """The main language of ``text`` and whether it is a ``job`` post or a ``profile``, read with
    the job and profile words of that language."""
    from .context import detect_kind_tokens
    from .text import tokenize

    toks = tokenize(text)
    found = language_segments(toks.folded, toks.segments, text)
    if found is None:
        return "en", detect_kind_tokens(toks)
    return found[0], detect_kind_in(toks.folded, found[0])


def parse_languages(spec: str) -> tuple[str, ...]:
    """``"es,en"`` as ``("es", "en")``, in order of preference; ValueError names an unknown tag."""
    from ..models import LANGUAGE_TAGS

    tags = tuple(t.strip() for t in spec.split(",") if t.strip())
    if not tags:
        raise ValueError("give at least one language tag, e.g. es or es,en")
    for tag in tags:
        if tag.split("-")[0].lower() not in LANGUAGE_TAGS:
            raise ValueError(f"unknown language tag {tag!r}; use ISO 639-1 tags such as en, es, fr, pt")
    return tags


def unread_languages(text: str) -> list[str]:
    """Languages of ``text`` that matching does not read (names for a warning), largest first."""
    from .text import tokenize

    toks = tokenize(text)
    found = language_segments(toks.folded, toks.segments, text)
    if found is None:
        return []
    counts: dict[str, int] = {}
    for lang in found[1]:
        if lang not in MATCHED:
            counts[lang] = counts.get(lang, 0) + 1
    return sorted(counts, key=lambda k: -counts[k])


# --------------------------------------------------------------------------- per-language data

STOP_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset(
        "a al ante con contra de del desde durante e el en entre hacia hasta la las lo los mediante "
        "para por segun sin sobre tras u un una unos unas y o mi mis tu tus su sus nuestro nuestra "
        "nuestros nuestras este esta estos estas ese esa esos esas que como muy tambien etc".split()),
    "fr": frozenset(
        "a au aux avec de des du en et la le les l d un une par pour sur dans chez sans sous vers "
        "mon ma mes ton ta tes son sa ses notre nos votre vos leur leurs ce cet cette ces ou que "
        "qui tres aussi etc".split()),
}
"""Words skipped inside labels and phrases, accent-folded ("según" is "segun")."""

STEMMERS = {"es": "spanish", "fr": "french"}

#: French elided articles and pronouns ("d'images", "l'annotation", "j'ai").
ELISION_RE = re.compile(r"^(?:l|d|j|n|m|t|s|c|qu|jusqu|lorsqu|puisqu)['\u2019]")

#: Words of job posts and of profiles, per language (added to the English ones for --kind auto).
JOB_WORDS = {
    "es": frozenset(
        "buscamos necesitamos requisitos requisito requiere requerido requerida requeridos imprescindible "
        "imprescindibles ofrecemos oferta vacante vacantes candidato candidata candidatos candidatas funciones "
        "responsabilidades salario sueldo tarifa presupuesto remuneración valora valorará valorarán deseable "
        "deseables postúlate postula postular postulación envíanos interesados interesadas debes "
        "dedicación contratamos contratación incorporación tarea obligatorio obligatoria "
        # the future of "tú": a post tells its worker what they will do ("calificarás")
        "serás tendrás deberás podrás harás trabajarás calificarás evaluarás revisarás etiquetarás "
        "anotarás dibujarás clasificarás transcribirás traducirás redactarás escribirás editarás "
        "diseñarás desarrollarás gestionarás atenderás responderás moderarás realizarás apoyarás "
        "colaborarás recibirás contarás formarás".split()),
    "fr": frozenset(
        "recherchons cherchons requis requise requises exigé exigée exigés indispensable indispensables "
        "poste candidat candidate candidats candidature postuler tâches rémunération rémunéré "
        "budget tarif souhaité souhaitée souhaités nécessaire livraison livrables atout rejoignez "
        "recrutons recrute embauche tâche obligatoire obligatoires".split()),
}
#: Word pairs of job posts (besides the English ones): "se busca", "nous recherchons", "vous serez".
JOB_PAIRS_LOCAL = {
    "es": frozenset({
        ("se", "busca"), ("se", "buscan"), ("se", "valora"), ("se", "requiere"), ("se", "necesita"),
        ("se", "ofrece"), ("hace", "falta"), ("es", "necesario"), ("necesito", "un"), ("necesito", "una"),
        ("necesito", "alguien"), ("horas", "semanales"), ("tus", "tareas"), ("tu", "perfil"),
        ("nuestro", "equipo"), ("nuestra", "empresa"), ("nuestro", "cliente"), ("nuestros", "clientes"),
        ("un", "plus"), ("una", "ventaja"),
    }),
    "fr": frozenset({
        ("nous", "recherchons"), ("on", "recherche"), ("recherche", "un"), ("recherche", "une"),
        ("profil", "recherché"), ("vous", "serez"), ("vous", "devrez"), ("vous", "aurez"), ("vous", "êtes"),
        ("vous", "maîtrisez"), ("vous", "avez"), ("votre", "mission"), ("vos", "missions"), ("votre", "profil"),
        ("vos", "tâches"), ("votre", "rôle"), ("un", "plus"), ("un", "atout"), ("missions", "principales"),
        ("notre", "équipe"), ("notre", "client"), ("nos", "clients"), ("notre", "entreprise"),
        ("pas", "nécessaire"), ("pas", "besoin"), ("besoin", "dun"), ("besoin", "dune"),
    }),
}
ME_WORDS = {
    "es": frozenset("yo soy estoy tengo hago mi mis me trabajo quiero he llevo trabajé hice manejo domino "
                    "hablo estudio estudié aprendí conmigo busco gestiono ofrezco realizo ayudo reviso "
                    "traduzco redacto edito programo organizo atiendo colaboro cuento".split()),
    "fr": frozenset("je jai suis mon ma mes moi voudrais jaimerais fais travaille parle maîtrise".split()),
}
#: A worker's own rate or budget ("mi tarifa", "mon tarif") is no job post's.
_MINE = frozenset((p, w) for p in ("mi", "mis", "mon", "ma", "mes") for w in (
    "tarifa", "tarifas", "tarif", "tarifs", "presupuesto", "budget", "salario", "rémunération", "missions"))
_KIND_WORDS: dict[str, tuple[frozenset[str], dict[tuple[str, str], int], frozenset[str]]] = {}


def _kind_words(lang: str) -> tuple[frozenset[str], dict[tuple[str, str], int], frozenset[str]]:
    """The job words, the word pairs that count for a job post (1) or against a job word (-1:
    "mi tarifa"), and the first-person words of English and ``lang``."""
    if lang not in _KIND_WORDS:
        from .context import JOB_PAIRS
        from .context import JOB_WORDS as EN_JOB
        from .context import ME_WORDS as EN_ME

        job_words = EN_JOB | JOB_WORDS.get(lang, frozenset())
        pairs = dict.fromkeys(JOB_PAIRS | JOB_PAIRS_LOCAL.get(lang, frozenset()), 1)
        pairs.update((p, -1) for p in _MINE if p[1] in job_words)
        _KIND_WORDS[lang] = (job_words, pairs, EN_ME | ME_WORDS.get(lang, frozenset()))
    return _KIND_WORDS[lang]


def _is_job(job: int, me: int) -> bool:
    return (job >= 2 and job * 2 >= me) or (job >= 1 and me == 0)


def detect_kind_in(folded: Sequence[str], lang: str) -> str:
    """Job post or profile, by counting job and first-person words of English and ``lang``
    (the counts of :func:`guess_kind_in`, in C loops)."""
    job_words, pairs, me_words = _kind_words(lang)
    job = sum(map(job_words.__contains__, folded)) + sum(map(pairs.get, zip(folded, folded[1:]), repeat(0)))
    return "job" if _is_job(job, sum(map(me_words.__contains__, folded))) else "profile"


def guess_kind_in(folded: Sequence[str], lang: str) -> KindGuess:
    """:func:`detect_kind_in` with the reason: the words that decided it."""
    from .context import KindGuess

    job_words, pairs, me_words = _kind_words(lang)
    found = [w for w in folded if w in job_words]
    for pair in zip(folded, folded[1:]):
        weight = pairs.get(pair)
        if weight == 1:
            found.append(" ".join(pair))
        elif weight == -1:
            found.remove(pair[1])
    me = sum(map(me_words.__contains__, folded))
    job = len(found)
    name = LANGUAGE_NAMES.get(lang, lang)
    if _is_job(job, me):
        return KindGuess("job", f"job-post wording of {name} ({job}): {', '.join(dict.fromkeys(found[:4]))}")
    if me:
        return KindGuess("profile", f"first person in {name} ({me} times) outweighs job-post wording ({job})")
    return KindGuess("profile", f"no job-post wording of {name}")


def guess_text_kind(text: str) -> tuple[str, KindGuess]:
    """The main language of ``text`` and the kind ``--kind auto`` reads it as, with the reason:
    English text by :func:`.context.guess_kind`, other text by the words of its language."""
    from .context import guess_kind_tokens
    from .text import tokenize

    toks = tokenize(text)
    found = language_segments(toks.folded, toks.segments, text)
    if found is None:
        return "en", guess_kind_tokens(toks)
    return found[0], guess_kind_in(toks.folded, found[0])

# (pattern, English cue): each match is written over with the English words, padded with spaces
# to the same length (so every pattern's matches must be at least as long as its English cue:
# the shortest English words the reader knows are used).
_CUES: dict[str, list[tuple[str, str]]] = {
    "es": [
        # wanted
        (r"quiero aprender|quisiera aprender|me gustar[ií]a aprender|me encantar[ií]a aprender"
         r"|deseo aprender|tengo ganas de aprender|quiero especializarme en|quiero formarme en",
         "to learn"),
        (r"me gustar[ií]a|me encantar[ií]a|quisiera|quiero|deseo|espero|planeo|pienso", "goal"),
        (r"mi objetivo es|mi meta es|mi sueño es|mi objetivo|mi meta", "my goal"),
        (r"estoy aprendiendo|aprendiendo|estoy estudiando|estudiando|me estoy formando en", "learning"),
        (r"estoy haciendo un curso de|estoy tomando un curso de|hago un curso de|curso de", "studying"),
        # negated
        (r"no tengo experiencia (?:en|con)|no tengo conocimientos de|sin experiencia (?:en|con)"
         r"|nunca he (?:usado|utilizado|trabajado con|hecho)|nunca he|no s[eé] usar|no manejo|no conozco",
         "no"),
        (r"\bnunca\b", "never"),
        (r"\bsin\b", "no "),
        (r"\bni\b", "no"),
        # ruled out in a job post (before the optional cues: "no es necesario" is no "necesario")
        (r"no es necesario|no es imprescindible|no hace falta|no se requiere|no necesitas"
         r"|no se necesita", "not needed"),
        # optional / required in a job post
        (r"se valorar[aá]n?|se valora|valorable|es un plus|ser[aá] un plus|un plus|deseable|deseables"
         r"|idealmente|preferiblemente|es una ventaja|ser[aá] una ventaja", "a plus"),
        (r"imprescindible|imprescindibles|obligatorio|obligatoria|requisitos|requisito"
         r"|se requiere|requerido|requerida|necesario|necesaria", "must"),
        # clause breaks
        (r"\bpero\b|\bsin embargo\b|\baunque\b", "but"),
    ],
    "fr": [
        (r"je voudrais apprendre|j['\u2019]aimerais apprendre|je souhaite apprendre|je veux apprendre"
         r"|je voudrais me former (?:à|au|aux|en)|j['\u2019]aimerais me former (?:à|au|aux|en)"
         r"|je souhaite me former (?:à|au|aux|en)|me former (?:à|au|aux|en)", "to learn"),
        (r"je voudrais|j['\u2019]aimerais|je souhaite|je veux|j['\u2019]esp[eè]re|je compte"
         r"|aimerais|voudrais", "goal"),
        (r"mon objectif est|mon but est|mon objectif|mon but", "my goal"),
        (r"j['\u2019]apprends|en train d['\u2019]apprendre|j['\u2019][eé]tudie|je suis une formation en"
         r"|je suis une formation", "learning"),
        (r"aucune exp[eé]rience (?:en|de|avec|sur)|aucune exp[eé]rience|pas d['\u2019]exp[eé]rience"
         r"(?: (?:en|de|avec|sur))?|je n['\u2019]ai jamais (?:utilis[eé]|fait|travaill[eé])"
         r"|je n['\u2019]ai jamais|je ne connais pas|je ne ma[iî]trise pas|je ne sais pas", "no"),
        (r"\bjamais\b", "never"),
        (r"\bsans\b", "no  "),
        (r"pas besoin (?:de|d['\u2019])|pas besoin|n['\u2019]est pas n[eé]cessaire|n['\u2019]est pas requis"
         r"|non requis|pas n[eé]cessaire|pas obligatoire", "not needed"),
        (r"ne", "no"),
        (r"n['\u2019]\w+", "no"),  # "n'utilise" (the verb goes too: "no" must stand alone)
        (r"est un plus|serait un plus|seraient un plus|un plus|est un atout|un atout|appr[eé]ci[eé]e?s?"
         r"|souhait[eé]e?s?|id[eé]alement|de pr[eé]f[eé]rence|serait appr[eé]ci[eé]", "a plus"),
        (r"indispensables?|obligatoires?|exig[eé]e?s?|requis|requise|requises|pr[eé]requis"
         r"|n[eé]cessaires?", "must"),
        (r"\bmais\b|\bcependant\b|\bpourtant\b|\bsauf\b", "but"),
    ],
}
def _compile_cues(cues: list[tuple[str, str]]) -> tuple[re.Pattern[str], list[str]]:
    """One pattern of every cue (a group each, tried in order) and the English words of each group.
    A cue may wrap onto the next line ("est un\\nplus")."""
    groups = [f"((?:{p.replace(' ', chr(92) + 's+')})(?!\\w))" for p, _ in cues]
    first = _first_letters(p for p, _ in cues)
    ahead = f"(?=[{''.join(sorted(first))}])" if first else ""  # re skips most word starts at once
    return re.compile(r"\b" + ahead + "(?:" + "|".join(groups) + ")"), [english for _, english in cues]


def _first_letters(patterns: Iterable[str]) -> set[str] | None:
    """The letters a match of any of ``patterns`` can start with; None where that is not plain
    (an alternative opening with a group or an escape other than ``\\b``)."""
    out: set[str] = set()
    for pattern in patterns:
        depth, alt, alts = 0, "", []
        for ch in pattern:  # split on the top-level |
            depth += (ch in "([") - (ch in ")]")
            if ch == "|" and depth == 0:
                alts.append(alt)
                alt = ""
            else:
                alt += ch
        alts.append(alt)
        for alt in alts:
            alt = alt.removeprefix("\\b")
            if alt[:1].isalpha():
                out.add(alt[0])
            elif alt[:1] == "[" and "]" in alt and all(c.isalpha() for c in alt[1:alt.index("]")]):
                out.update(alt[1:alt.index("]")])
            else:
                return None
    return out


_CUE_RES = {lang: _compile_cues(cues) for lang, cues in _CUES.items()}


def english_cues(text: str, lang: str) -> str:
    """``text`` with the status cues of ``lang`` written over with English cue words, padded
    with spaces to the same length: "quiero aprender SQL" -> "want to learn   SQL"."""
    return english_cue_spans(text, lang)[0]


def english_cue_spans(text: str, lang: str) -> tuple[str, list[tuple[int, int]]]:
    """:func:`english_cues`, and the character spans it wrote over."""
    compiled = _CUE_RES.get(lang)
    spans: list[tuple[int, int]] = []
    if compiled is None:
        return text, spans
    pattern, english = compiled
    lowered = text.lower()  # the patterns are lower case: faster than matching ignoring case
    if len(lowered) != len(text):  # a letter whose lower case is longer ("İ"): fold it alone
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    parts = []
    pos = 0
    for m in pattern.finditer(lowered):
        a, b = m.span()
        words = english[m.lastindex - 1]  # type: ignore[operator]
        if b - a >= len(words):
            parts += [text[pos:a], words.ljust(b - a)]
            spans.append((a, b))
            pos = b
    if not parts:
        return text, spans
    parts.append(text[pos:])
    return "".join(parts), spans
