"""What a profile says it aims at: the role it names, and the words that say so.

:func:`read_goal` finds goal sentences ("I'd like to move into data work", "I want to become a QA
reviewer", "my goal is to work as a virtual assistant") and looks in the words after the cue for
a role's name or one of the phrases people use for it (a role's ``prefLabel``, ``altLabels`` and
``hiddenLabels``, compared stem by stem, so "UX/UI design" finds the UX/UI designer and
"bookkeeping" the bookkeeper). A cue that looks back ("I used to want to be a translator") or is
denied ("I don't want to become ...") states no goal.

Spanish and French profiles are read with their own cues ("quiero trabajar como", "mi objetivo es
llegar a ser", "je voudrais devenir", "mon objectif est de devenir"), words that take a goal back
("ya no quiero", "je ne veux plus"), contrasts ("pero", "sino", "mais", "plutôt que") and the
roles' names in that language (the taxonomy's ``roleLabels``), besides the English ones: the
language is the one detected for the document.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from ..matching.languages import english_cues, text_language_and_kind
from ..matching.text import STOP_WORDS, label_variants, tokenize
from ..models import Evidence, Match, Taxonomy

_ARTICLE = r"(?:(?:an?|more|some|real|steady|paid|full[- ]time|part[- ]time|freelance|my\s+first|proper)\s+)*"
_FROM = r"(?:\s+(?:away\s+)?from\s+[^.!?\n]{1,60}?)?"
# A goal cue ends where the aim begins: "... move into | data work".
GOAL_CUE_RE = re.compile(
    r"\b(?:"
    # moving on: "move into", "transition from transcription to", "branch out into", "step up to"
    rf"(?:mov(?:e|ing)|get(?:ting)?|break(?:ing)?|transition(?:ing)?|switch(?:ing)?|pivot(?:ing)?|grow(?:ing)?|"
    rf"branch(?:ing)?\s+out|step(?:ping)?(?:\s+up)?|shift(?:ing)?|go(?:ing)?|mov(?:e|ing)\s+up){_FROM}"
    rf"\s+(?:in\s?to|to|towards?)\s+{_ARTICLE}"
    # an intent and what to do: "I'd like to work as a", "hoping to become", "want to offer"
    r"|(?:want|wanna|hope|hoping|plan|planning|would\s+like|'d\s+like|like|love|dream|aim|aiming|intend|"
    r"intending|trying|try|looking|keen|eager|ready|excited)\s+to\s+(?:become|be|work\s+as|work\s+in|do|"
    r"start\s+doing|work\s+on|offer|take\s+on|speciali[sz]e\s+in|focus\s+on|start\s+(?:a\s+career\s+)?as|"
    r"(?:earn|make)\s+[^.!?\n]{0,30}?\s(?:by|from|doing|with))"
    rf"\s+{_ARTICLE}"
    # work in view: "to get AI trainer jobs", "start landing copywriting gigs"
    r"|(?:to\s+(?:start\s+)?|start\s+)(?:get|land|find|win)(?:ting|ing)?\s+"
    r"(?=(?:[^\W_][\w/&+-]*\s+){0,4}(?:jobs?|gigs?|roles?|positions?|contracts?|clients?|projects?)\b)"
    rf"|becom(?:e|ing)\s+{_ARTICLE}"
    # a goal named as such: "my goal is to become a", "Goal: ", "next step: "
    r"|(?:(?:my|the)\s+(?:main\s+|long[- ]term\s+|next\s+|career\s+|real\s+|big\s+)?"
    r"(?:goal|aim|dream|target|ambition|objective)|next\s+step)\s*(?:is|:|would\s+be|-)?\s*"
    rf"(?:to\s+(?:become|be|work\s+as|do|get\s+into|move\s+into|start|find|land|work\s+in)\s+)?{_ARTICLE}"
    # a job in view: "land a job as", "get more clients in", "aiming for", "career in"
    r"|(?:land|get|find|win)(?:ing)?\s+" + _ARTICLE + r"(?:jobs?|roles?|positions?|gigs?|work|clients?|"
    r"contracts?|projects?)\s+(?:as|in)\s+" + _ARTICLE
    + r"|aim(?:ing)?\s+(?:for|at)\s+" + _ARTICLE + r"|apply(?:ing)?\s+for\s+" + _ARTICLE
    + r"|career\s+(?:as|in)\s+" + _ARTICLE
    + r")",
    re.IGNORECASE,
)
# Words just before a cue that take the goal back: past wishes, denials, other people's wishes.
_TAKEN_BACK_RE = re.compile(
    r"(?:\bused\s+to|\bno\s+longer|\bnever|n't|\bnot|\bstopped|\bgave\s+up|\bclients?\b|\bcustomers?\b|"
    r"\b(?:wanted|hoped|planned|meant|intended|tried|dreamed|dreamt)\s+(?:to|of)\b|\boffered|\basked|\bif\b|"
    r"\bwould\s+ever|\bsuggest|\btold\s+me|\bwhether|"
    r"\bhe\b|\bshe\b|\bthey\b|\bmy\s+(?:boss|client|friend|sister|brother|husband|wife|partner|team)\b)"
    r"[^.!?,;\n]{0,20}$",
    re.IGNORECASE,
)
# Spanish: an intent ("quiero", "me gustaría", "mi objetivo es", "busco") and a move or a job
# ("trabajar como", "llegar a ser", "pasar a", "dedicarme a"), or a move for a purpose ("para pasar al").
_ES_ARTICLE = (r"(?:(?:un|una|unos|unas|el|la|los|las|al|del|m[aá]s|mi\s+primer|mis\s+primeros|algo\s+de|"
               r"freelance|a\s+tiempo\s+completo)\s+)*")
_ES_STEP = (r"(?:trabajar|trabajo|empleo)\s+(?:como|de|en)|llegar\s+a\s+ser|convertirme\s+en|volverme|"
            r"dedicarme\s+(?:a|al)|pasar(?:me)?\s+(?:a|al)|cambiar(?:me)?\s+(?:a|al)|moverme\s+(?:a|al|hacia)|"
            r"dar\s+el\s+salto\s+(?:a|al)|evolucionar\s+hacia|crecer\s+hacia|orientarme\s+hacia|"
            r"especializarme\s+en|entrar\s+(?:a|al|en)|empezar\s+(?:a\s+trabajar\s+)?como|"
            r"(?:conseguir|encontrar|tener)\s+(?:m[aá]s\s+)?(?:trabajos?|clientes|proyectos|empleo|un\s+puesto|puestos)"
            r"\s+(?:como|de|en)")
_GOAL_CUE_ES_RE = re.compile(
    r"\b(?:"
    r"(?:quiero|quisiera|me\s+gustar[ií]a|me\s+encantar[ií]a|deseo|espero|busco|aspiro\s+a|pienso|planeo|"
    r"sue[ñn]o\s+con|tengo\s+(?:la\s+)?(?:meta|intenci[oó]n|idea)\s+de|"
    r"(?:mi|el)\s+(?:gran\s+|pr[oó]ximo\s+|verdadero\s+)?(?:objetivo|meta|sue[ñn]o|plan|prop[oó]sito|idea)"
    r"(?:\s+(?:profesional|a\s+(?:corto|medio|mediano|largo)\s+plazo))?\s*(?:es|ser[ií]a|:))"
    r"\s+(?:poder\s+|volver\s+a\s+|lograr\s+)?(?:" + _ES_STEP + r"|ser|hacerme|ofrecer)\s+" + _ES_ARTICLE
    + r"|para\s+(?:poder\s+)?(?:" + _ES_STEP + r")\s+" + _ES_ARTICLE
    + r"|(?:mi|el)\s+(?:objetivo|meta|pr[oó]ximo\s+paso)\s*(?::|es)\s*" + _ES_ARTICLE
    + r"|me\s+veo\s+(?:trabajando\s+)?(?:como|de)\s+" + _ES_ARTICLE
    + r")",
    re.IGNORECASE,
)
# French: "je voudrais devenir", "j'aimerais travailler comme", "mon objectif est de devenir",
# "évoluer vers", "pour passer à".
_FR_ARTICLE = (r"(?:(?:un|une|le|la|les|l['\u2019]|du|des|au|aux|plus\s+de|mon\s+premier|ma\s+premi[eè]re|"
               r"freelance|ind[eé]pendante?|[àa]\s+temps\s+plein)(?:\s+|(?<=['\u2019])))*")
_FR_STEP = (r"devenir|travailler\s+(?:comme|en\s+tant\s+que|dans|en|sur)|passer\s+(?:à|a|au|aux)|"
            r"[eé]voluer\s+(?:vers|comme)|aller\s+vers|m['\u2019](?:orienter|diriger)\s+vers|"
            r"me\s+(?:reconvertir|lancer|sp[eé]cialiser|mettre\s+à\s+mon\s+compte)\s+(?:comme|en\s+tant\s+que|en|dans)|"
            r"me\s+former\s+(?:à|a|au|aux|en)|faire\s+carri[eè]re\s+(?:dans|en|comme)|"
            r"(?:d[eé]crocher|trouver|obtenir|avoir)\s+(?:plus\s+de\s+|des\s+|un\s+)?(?:missions?|clients|contrats?|"
            r"postes?|emplois?|projets?|travail)\s+(?:de|d['\u2019]|en|comme|en\s+tant\s+que)")
_GOAL_CUE_FR_RE = re.compile(
    r"\b(?:"
    r"(?:je\s+voudrais|j['\u2019]aimerais|je\s+souhaite|je\s+souhaiterais|je\s+veux|j['\u2019]esp[eè]re|je\s+compte|"
    r"je\s+cherche\s+à|je\s+vise\s+à|je\s+r[eê]ve\s+de|j['\u2019]ai\s+(?:pour\s+objectif|envie)\s+de|"
    r"(?:mon|le)\s+(?:grand\s+|prochain\s+|vrai\s+)?(?:objectif|but|r[eê]ve|projet)"
    r"(?:\s+(?:professionnel|à\s+(?:court|moyen|long)\s+terme))?\s*(?:est|serait|:)\s*(?:de|d['\u2019])?)"
    r"\s*(?:pouvoir\s+|r[eé]ussir\s+à\s+)?(?:" + _FR_STEP + r"|[êe]tre|proposer)(?:\s+|(?<=['\u2019]))" + _FR_ARTICLE
    + r"|(?:pour|afin\s+de)\s+(?:pouvoir\s+)?(?:" + _FR_STEP + r")(?:\s+|(?<=['\u2019]))" + _FR_ARTICLE
    + r"|(?:mon|le)\s+(?:objectif|but|prochaine\s+[eé]tape)\s*(?::|est)\s*" + _FR_ARTICLE
    + r"|je\s+me\s+vois\s+(?:bien\s+)?(?:devenir\s+|travailler\s+comme\s+|comme\s+|en\s+)?" + _FR_ARTICLE
    + r")",
    re.IGNORECASE,
)
_TAKEN_BACK_ES_RE = re.compile(
    r"(?:\bno\b|\bnunca\b|\bjam[aá]s\b|\bya\s+no\b|\bantes\b|\bsol[ií]a\b|\bdej[eé]\s+de\b|\bquer[ií]a\b|\bquise\b|"
    r"\bpens[eé]\b|\bclientes?\b|\bsi\b|\bme\s+(?:pidi[oó]|dijo|dijeron|sugiri[oó]|ofreci[oó]|ofrecieron)\b|"
    r"\b(?:él|ella|ellos|ellas)\b|\bmi\s+(?:jefe|jefa|cliente|amig[oa]|herman[oa]|esposo|esposa|marido|mujer|pareja|equipo)\b)"
    r"[^.!?,;\n]{0,20}$",
    re.IGNORECASE,
)
_TAKEN_BACK_FR_RE = re.compile(
    r"(?:\bne\b|\bn['\u2019]|\bjamais\b|\bavant\b|\bautrefois\b|\bvoulais\b|\bj['\u2019]ai\s+(?:arr[eê]t[eé]|abandonn[eé])|"
    r"\bclients?\b|\bsi\b|\bs['\u2019]il\b|\bon\s+m['\u2019]a\b|\b(?:il|elle|ils|elles)\b|"
    r"\bmon\s+(?:patron|client|ami|fr[eè]re|mari|conjoint|[eé]quipe)\b|\bma\s+(?:patronne|cliente|amie|s[oœ]ur|femme|conjointe)\b)"
    r"[^.!?,;\n]{0,20}$",
    re.IGNORECASE,
)
_CLAUSE_BREAK_ES_RE = re.compile(
    r",\s*(?:pero|no|y\s+no|sino|en\s+lugar\s+de|en\s+vez\s+de|m[aá]s\s+que)\b|\bpero\b|\bsino\b|"
    r"\ben\s+lugar\s+de\b|\ben\s+vez\s+de\b|\bno\b|\bni\b|\baunque\b", re.IGNORECASE)
_CLAUSE_BREAK_FR_RE = re.compile(
    r",\s*(?:mais|pas|et\s+non|plut[oô]t\s+que|au\s+lieu\s+de|non)\b|\bmais\b|\bplut[oô]t\s+que\b|"
    r"\bau\s+lieu\s+de\b|\bpas\b|\bnon\b|\bni\b|\bsauf\b", re.IGNORECASE)


# Spanish and French cues that give a goal only when they name a role: a purpose ("uso Excel para
# trabajar en equipo", "pour travailler dans la comptabilité") and the bare copula ("quiero ser
# honesta", "je veux être claire"), whose words after are seldom skills wanted.
_ROLE_ONLY_RE = re.compile(r"(?:para|pour|afin)\b|.*\b(?:ser|[êe]tre)\b", re.IGNORECASE)


@dataclass(frozen=True)
class _Cues:
    """The goal cues of one language, the words before a cue that take it back, and contrasts."""

    goal: re.Pattern[str]
    taken_back: re.Pattern[str]
    clause_break: re.Pattern[str]


# A sentence ends at . ! ? before a space, at a blank line, or at a line break before a list item or
# after a short line (a heading or list item); a long line that wraps mid-sentence goes on.
_SENTENCE_END_RE = re.compile(r"[.!?](?=\s|$)|\n(?=[ \t]*(?:\n|[-*\u2022+]\s|\d+[.)]\s))|(?<=\n)(?=[ \t]*[-*\u2022])"
                              r"|(?m:^.{0,50}$\n)")


def _sentence(text: str, pos: int) -> tuple[int, int]:
    """Start and end of the sentence around ``pos``."""
    start = 0
    for m in _SENTENCE_END_RE.finditer(text, 0, pos):
        start = m.end()
    end_match = _SENTENCE_END_RE.search(text, pos)
    if end_match is None:
        return start, len(text)
    if len(end_match.group()) > 1:  # a short line (a wrapped sentence's last line): the sentence ends with it
        return start, end_match.end() - 1
    return start, end_match.start()


@dataclass(frozen=True)
class Goal:
    """The aim a profile states: a role (when it names one), the skills it names, and the words."""

    role_id: str | None
    evidence: tuple[Evidence, ...]
    skills: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {"role_id": self.role_id, "skills": list(self.skills),
                "evidence": [e.to_dict() for e in self.evidence]}


class RoleNames:
    """Every role's names and phrases as stem sequences, for finding them in a goal clause: the
    English ones, and those of another language (``roleLabels`` of the taxonomy's language
    files) when a clause in that language is read."""

    def __init__(self, taxonomy: Taxonomy) -> None:
        self.taxonomy = taxonomy
        self.by_stems: dict[tuple[str, ...], str] = {}
        for role in sorted(taxonomy.roles.values(), key=lambda r: r.id):
            for label in role.labels:
                for stems in label_variants(label):
                    self.by_stems.setdefault(stems, role.id)
        self.longest = max((len(s) for s in self.by_stems), default=0)
        self._local: dict[str, tuple[dict[tuple[str, ...], str], int]] = {}

    def _names_in(self, lang: str) -> tuple[dict[tuple[str, ...], str], int]:
        """The roles' names in ``lang`` as stem sequences of that language, and the longest."""
        if lang not in self._local:
            by_stems: dict[tuple[str, ...], str] = {}
            for role in sorted(self.taxonomy.roles.values(), key=lambda r: r.id):
                local = role.local(lang)
                for label in local.labels if local else ():
                    for stems in label_variants(label, lang):
                        by_stems.setdefault(stems, role.id)
            self._local[lang] = (by_stems, max((len(s) for s in by_stems), default=0))
        return self._local[lang]

    def find(self, text: str, start: int, end: int, lang: str = "en") -> tuple[str, int, int] | None:
        """The first (then longest) role name in ``text[start:end]``: role id and its span.

        In a clause of another language, its names and the English ones (loanwords such as
        "community manager") are both looked for; the one that starts first wins.
        """
        found = self._find(text, start, end, self.by_stems, self.longest, "en")
        if lang != "en":
            by_stems, longest = self._names_in(lang)
            local = self._find(text, start, end, by_stems, longest, lang)
            if local is not None and (found is None or local[1] <= found[1]):
                found = local
        return found

    @staticmethod
    def _find(text: str, start: int, end: int, by_stems: dict[tuple[str, ...], str], longest: int,
              lang: str) -> tuple[str, int, int] | None:
        t = tokenize(text[start:end], lang)
        if lang == "en":
            content = [i for i, stop in enumerate(t.stop) if not stop or t.stems[i] not in STOP_WORDS]
        else:
            content = [i for i, stop in enumerate(t.stop) if not stop]
        stems = [t.stems[i] for i in content]
        for a in range(len(stems)):
            for n in range(min(longest, len(stems) - a), 0, -1):
                role = by_stems.get(tuple(stems[a:a + n]))
                if role is not None:
                    first, last = content[a], content[a + n - 1]
                    return role, start + t.starts[first], start + t.ends[last]
        return None


def read_goal(text: str, taxonomy: Taxonomy, matches: Sequence[Match] = (), *,
              names: RoleNames | None = None, lang: str | None = None) -> Goal | None:
    """The goal a profile states, or None when it states none.

    ``lang`` is the language of the text (detected when None): the goal cues of English and of
    that language are read.

    The first goal sentence that names a role wins; without one, the first goal sentence that
    names skills gives those skills (the matches that fall inside it), and no role.
    """
    names = names or RoleNames(taxonomy)
    if lang is None:
        lang = text_language_and_kind(text)[0]
    cue_sets = [("en", CUES["en"])] + ([(lang, CUES[lang])] if lang in CUES and lang != "en" else [])
    found_cues = sorted(((cue, code, cues) for code, cues in cue_sets for cue in cues.goal.finditer(text)),
                        key=lambda c: (c[0].start(), c[1] == "en"))
    skill_goal: Goal | None = None
    for cue, code, cues in found_cues:
        sentence_start, end = _sentence(text, cue.start())
        end = max(end, cue.end())
        before = text[sentence_start:cue.start()]
        if cues.taken_back.search(before):
            continue
        clause_end = _clause_end(text, cue.end(), end, cues.clause_break)
        found = names.find(text, cue.end(), clause_end, code)
        evidence = _span(text, sentence_start, end)
        if found is not None:
            role_id, _, _ = found
            skills = tuple(m.skill_id for m in matches if any(cue.end() <= e.start < clause_end for e in m.evidence))
            return Goal(role_id, (evidence,), skills)
        if skill_goal is None and not (code != "en" and _ROLE_ONLY_RE.match(cue.group())):
            skills = tuple(dict.fromkeys(
                m.skill_id for m in matches if any(cue.end() <= e.start < clause_end for e in m.evidence)))
            if skills:
                skill_goal = Goal(None, (evidence,), skills)
    return skill_goal


def wish_evidence(text: str, matches: Sequence[Match], skills: Collection[str], *,
                  limit: int = 2, lang: str | None = None) -> tuple[Evidence, ...]:
    """The sentences in which a profile says it wants ``skills`` (the first ``limit``, in text order).

    A wanted skill named in several sentences ("No tengo experiencia en SQL. Quiero aprender
    SQL.") is quoted from the one that states the wish, not from the first that names it.
    ``lang`` is the language of the text (detected when None): its cues are read as English ones.
    """
    if lang is None:
        lang = text_language_and_kind(text)[0]
    cued = english_cues(text, lang)
    starts = sorted(_wish_start(cued, m.evidence) for m in matches
                    if m.status == "wanted" and m.skill_id in skills and m.evidence)
    out: list[Evidence] = []
    for pos in starts:
        if any(e.start <= pos < e.end for e in out):
            continue
        out.append(_span(text, *_sentence(text, pos)))
        if len(out) == limit:
            break
    return tuple(out)


# Words that state a wish (English, or the English cue words :func:`english_cues` writes over
# Spanish and French ones: "quiero aprender" -> "to learn", "me gustaría" -> "goal").
_WISH_RE = re.compile(r"\b(?:want|wanna|learn|learning|studying|like\s+to|love\s+to|hop(?:e|ing)|plan(?:ning)?|"
                      r"goal|aim(?:ing)?|interested|keen|eager|wish|would\s+like|'d\s+like|improve)\b", re.IGNORECASE)
_NEGATION_RE = re.compile(r"\b(?:no|not|never|without|dont|lack)\b|n't", re.IGNORECASE)


def _wish_start(cued: str, evidence: Sequence[Evidence]) -> int:
    """Where the mention of a wanted skill in the sentence that wants it starts: the first
    mention in a sentence with a wish word, else in one without a negation, else the first."""
    sentences = [(e, *_sentence(cued, e.start)) for e in evidence]
    for e, a, b in sentences:
        if _WISH_RE.search(cued, a, b):
            return e.start
    for e, a, b in sentences:
        if not _NEGATION_RE.search(cued, a, b):
            return e.start
    return evidence[0].start


def _span(text: str, start: int, end: int) -> Evidence:
    """The words of ``text[start:end]`` without leading list marks and surrounding spaces."""
    while start < end and (text[start].isspace() or text[start] in "-*\u2022"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;."):
        end -= 1
    return Evidence(start, end, text[start:end])


_CLAUSE_BREAK_RE = re.compile(r",\s*(?:but|not|and\s+not|rather\s+than|instead\s+of)\b|\bbut\b|\binstead\s+of\b"
                              r"|\brather\s+than\b|\bnot\b", re.IGNORECASE)


def _clause_end(text: str, start: int, end: int, breaks: re.Pattern[str] = _CLAUSE_BREAK_RE) -> int:
    """Where the aim after a cue ends: at a contrast ("..., not graphic design", "..., pero no ...")."""
    m = breaks.search(text, start, end)
    return m.start() if m else end


#: The goal cues of each language read (see :func:`read_goal`).
CUES = {
    "en": _Cues(GOAL_CUE_RE, _TAKEN_BACK_RE, _CLAUSE_BREAK_RE),
    "es": _Cues(_GOAL_CUE_ES_RE, _TAKEN_BACK_ES_RE, _CLAUSE_BREAK_ES_RE),
    "fr": _Cues(_GOAL_CUE_FR_RE, _TAKEN_BACK_FR_RE, _CLAUSE_BREAK_FR_RE),
}
