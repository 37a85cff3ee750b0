"""Which language a text or sentence is in: a small model of function words.

The taxonomy's labels and the status cues ("I want to learn", "nice to have") are English. A
sentence in another language can still name a tool ("Quiero aprender Excel y SQL"), but its cue
words cannot be read, so what the text says about the tool is unknown. The matcher leaves such
sentences out, and the command line warns when a whole text is not in English.

The model counts the most frequent function words of each language (articles, pronouns,
prepositions, conjunctions and a few verbs), which identify a language reliably from a sentence
of five or more words. Words that several languages share with English ("a", "in", "is") are
not counted for the other languages.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import compress

ENGLISH = "en"
_WORDS = {
    "en": "the and of to in is are was be been for with on that this these those you your we our "
          "it its at by from or an as not but have has had will would can could should i my me "
          "he she they them their what which who when where there here also very about into",
    "es": "el la los las del que y un una es son por con para como pero sus al lo se su este esta "
          "estos estoy soy tengo quiero aprender trabajo hola muy tambien mas donde cuando porque "
          "yo mi nosotros ustedes usted hay ser fue desde entre sobre sin hasta",
    "fr": "le la les des du et est un une pour avec dans sur que qui pas je suis nous vous ce cette "
          "au aux mais ou tres mon ma mes sont avoir etre faire leur bonjour votre chez aussi",
    "de": "der die das und ist ein eine zu mit fur auf den dem nicht ich sie wir von im auch sind "
          "bei oder aus wie mein meine ihr ihre haben habe werden kann hallo sehr uber nach noch",
    "pt": "os as do da dos das um uma para com em no na nao que por se eu sou tenho trabalho "
          "ola muito tambem voce meu minha seu sua sao ser foi como mas",
    "it": "il lo gli di del della un una per con che non sono ho anche mi ciao molto questo "
          "questa sono io mio mia nel nella delle degli come ma",
    "nl": "de het een en van op te dat voor met zijn niet ik je wij ook naar heb hebben bij maar "
          "deze dit",
    "da": "og er en et det den at pa til med for ikke jeg vi har af som de dette kan vil",
}
_ACCENTS = str.maketrans("áàâäãåéèêëíìîïóòôöõúùûüñçßæø", "aaaaaaeeeeiiiiooooouuuuncsao")


def _plain(word: str) -> str:
    return word.translate(_ACCENTS)


FUNCTION_WORDS: dict[str, frozenset[str]] = {"en": frozenset(_WORDS["en"].split())}
for _code, _text in _WORDS.items():
    if _code != ENGLISH:
        FUNCTION_WORDS[_code] = frozenset(_text.split()) - FUNCTION_WORDS[ENGLISH]
#: Function words of any language but English: a text with none of them is read as English.
FOREIGN_WORDS = frozenset().union(*(w for c, w in FUNCTION_WORDS.items() if c != ENGLISH))
#: Languages the model knows, as ISO 639-1 codes.
LANGUAGES = tuple(FUNCTION_WORDS)


def language_of_words(words: Sequence[str]) -> str:
    """The ISO 639-1 code of the language of lower-cased ``words`` (``en`` when unsure)."""
    plain = {w if w.isascii() else _plain(w) for w in words}
    if FOREIGN_WORDS.isdisjoint(plain):
        return ENGLISH
    counts = {code: len(plain & fw) for code, fw in FUNCTION_WORDS.items()}  # distinct words
    best = max(LANGUAGES, key=lambda c: (counts[c], c == ENGLISH))
    if best != ENGLISH and counts[best] >= 2 and counts[best] > counts[ENGLISH]:
        return best
    return ENGLISH


def detect_language(text: str) -> str:
    """The ISO 639-1 code of the language ``text`` is mostly written in (``en`` when unsure).

    >>> detect_language("Quiero aprender Excel y SQL")
    'es'
    >>> detect_language("I want to learn Excel and SQL")
    'en'
    """
    from .text import tokenize

    toks = tokenize(text)
    foreign = foreign_segments(toks.folded, toks.segments)
    if not foreign:
        return ENGLISH
    words: dict[str, int] = {}  # words per language, each sentence counted in its own
    by_segment: dict[int, list[str]] = {}
    for word, seg in zip(toks.folded, toks.segments):
        by_segment.setdefault(seg, []).append(word)
    for seg, seg_words in by_segment.items():
        code = language_of_words(seg_words) if seg in foreign else ENGLISH
        words[code] = words.get(code, 0) + len(seg_words)
    return max(words, key=lambda c: (words[c], c == ENGLISH))


def foreign_segments(folded: Sequence[str], segments: Sequence[int]) -> set[int]:
    """Segments (sentences) of a tokenised text that are not in English."""
    if FOREIGN_WORDS.isdisjoint(folded):  # most English texts stop here
        return set()
    hits: dict[int, set[str]] = {}
    for k in compress(range(len(folded)), map(FOREIGN_WORDS.__contains__, folded)):
        hits.setdefault(segments[k], set()).add(folded[k])
    flagged = {seg for seg, words in hits.items() if len(words) >= 2}  # one stray "de" is no language
    if not flagged:
        return set()
    by_segment: dict[int, list[str]] = {}
    for word, seg in zip(folded, segments):
        if seg in flagged:
            by_segment.setdefault(seg, []).append(word)
    return {seg for seg, words in by_segment.items() if language_of_words(words) != ENGLISH}
