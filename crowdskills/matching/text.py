"""Tokens with offsets, normalised so that labels and free text meet.

Both labels and text go through :func:`tokenize`: case folded, British spellings mapped to
American ones (categorisation -> categorization), hyphenated words joined (e-mail -> email,
front-end also as front end and frontend), "&" read as "and", and every token stemmed with the Snowball English
stemmer (annotate, annotating, annotation -> annot). Stop words are kept in the stream but
flagged, so that phrases can skip them ("following the guidelines").
"""

from __future__ import annotations

import re
import sys
import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial
from itertools import accumulate, repeat
from typing import Any

# Possessive quantifiers (Python 3.11+) where there are: a token never gives letters back, so
# re need not remember where to (a fifth less time to split a text).
_P = "+" if sys.version_info >= (3, 11) else ""
TOKEN_RE = re.compile(rf"[^\W_]+{_P}(?:['\u2019][^\W_]+{_P})*{_P}[+#]*{_P}|&")
# The same tokens as one capturing group: re.split gives [gap, token, gap, token, ..., gap].
_SPLIT_RE = re.compile(f"({TOKEN_RE.pattern})")
# A segment boundary: phrases never cross it (sentence ends, semicolons, colons, new lines).
# (the lookbehind tries a run of marks once, from its start: "!!!...!x" was quadratic)
SEGMENT_RE = re.compile(r"(?<![.!?;:\u2022|])[.!?;:\u2022|]+(?=\s|$)|[;\u2022|]")
# A new line ends a segment before a bullet or a blank line, or after a short line (a list item
# or heading); a long line that wraps in the middle of a sentence does not.
NEWLINE_BREAK_RE = re.compile(r"\n(?=[ \t]*(?:[-*\u2022+]|\d+[.)])\s|[ \t]*\n|[ \t]*$)")
SHORT_LINE = 50

STOP_WORDS = frozenset(
    "a an the of for to in on with and or by at from via using as into my your our their his "
    "her its this that these those is are was were be been am i we you he she they me us also "
    "very some any such etc".split()
)

_BRITISH = (
    (re.compile(r"isation(s?)$"), r"ization\1"),
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|er|ers)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{2})ys(e|es|ed|ing)$"), r"yz\1"),
    (re.compile(r"(?<=[a-z]{2})our(s?)$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})ogue(s?)$"), r"og\1"),
    (re.compile(r"(?<=[a-z]{2})tre(s?)$"), r"ter\1"),
    (re.compile(r"ll(ing|ed|er|ers)$"), r"l\1"),
)
_NOT_BRITISH = frozenset(
    "advertise expertise exercise enterprise promise raise rise wise noise otherwise precise "
    "concise premise franchise merchandise compromise surprise revise supervise devise "
    "disguise improvise televise comprise chastise despise excise incise apprise our hour "
    "your four tour pour flour sour".split()
)

_STEM_CACHE: dict[str, str] = {}
MAX_STEM_LEN = 64
_stemmer = None


def stem(word: str) -> str:
    """The normalised stem of one lower-case word (cached)."""
    cached = _STEM_CACHE.get(word)
    if cached is not None:
        return cached
    global _stemmer
    if _stemmer is None:
        import snowballstemmer

        _stemmer = snowballstemmer.stemmer("english")
    w = word
    if w not in _NOT_BRITISH and 4 < len(w) <= MAX_STEM_LEN and w[-1] != "+" and w[-1] != "#":
        for pattern, repl in _BRITISH:
            w2 = pattern.sub(repl, w)
            if w2 != w:
                w = w2
                break
    # words longer than any real one are kept whole: the stemmer is slow on 100,000 letters
    out = w if (len(w) <= 3 or len(w) > MAX_STEM_LEN or not w.isalpha()) else _stemmer.stemWord(w)
    if len(_STEM_CACHE) < 500_000 and len(word) <= MAX_STEM_LEN:  # not a stream of unique long words
        _STEM_CACHE[word] = out
    return out


_LANG_INFO: dict[str, dict[str, tuple[str, str, bool]]] = {}
_LANG_STEMMERS: dict[str, Any] = {}


def fold_accents(word: str) -> str:
    """``word`` without diacritics: "anotación" -> "anotacion" (text keeps them; matching does not)."""
    if word.isascii():
        return word
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _lang_info(surface: str, lang: str) -> tuple[str, str, bool]:
    """(folded, stem, is stop word) of a token of Spanish or French text: elisions dropped
    ("d'images" is "images"), accents folded, stemmed with that language's Snowball stemmer
    (cached)."""
    cache = _LANG_INFO.setdefault(lang, {})
    info = cache.get(surface)
    if info is not None:
        return info
    from .languages import ELISION_RE, STEMMERS
    from .languages import STOP_WORDS as LANG_STOP

    s = surface.lower()
    if lang == "fr":
        s = ELISION_RE.sub("", s)
    s = fold_accents(s.replace("'", "").replace("\u2019", "").replace("-", ""))
    stemmer = _LANG_STEMMERS.get(lang)
    if stemmer is None:
        import snowballstemmer

        stemmer = _LANG_STEMMERS[lang] = snowballstemmer.stemmer(STEMMERS[lang])
    out = s if (len(s) <= 3 or not s.isalpha()) else stemmer.stemWord(s)
    info = (s, out, s in LANG_STOP[lang])
    if len(cache) < 500_000:
        cache[surface] = info
    return info


def stem_in(word: str, lang: str) -> str:
    """:func:`stem` for a word of ``lang`` (en, es, fr)."""
    return stem(word) if lang == "en" else _lang_info(word, lang)[1]


def fold(surface: str) -> str:
    """Lower-case form of a token with hyphens and apostrophes removed ("e-mail" -> "email")."""
    s = surface.lower()
    if s == "&":
        return "and"
    if "'" in s or "\u2019" in s:
        s = re.sub(r"['\u2019]s$", "", s).replace("'", "").replace("\u2019", "")
    return s.replace("-", "")


@dataclass(frozen=True)
class Tokens:
    """A text split into tokens: surface form, folded form, stem, offsets and segment."""

    text: str
    surfaces: Sequence[str]
    folded: Sequence[str]
    stems: Sequence[str]
    starts: Sequence[int]
    ends: Sequence[int]
    segments: Sequence[int]
    stop: Sequence[bool]
    joins: dict[int, list[tuple[str, int]]]
    """Hyphenated compounds: start index -> [(stem of the joined word, index after it)]."""
    gaps: Sequence[str] = ()
    """The text before each token, and after the last: ``gaps[i]`` precedes token ``i``."""

    def __len__(self) -> int:
        return len(self.stems)


_INFO: dict[str, tuple[str, str, bool]] = {}
_GAP_BOUNDARIES: dict[str, int] = {}


def _gap_boundaries(gap: str) -> int:
    """Segment boundaries in the text between two tokens (cached; a gap is followed by a token)."""
    n = len(SEGMENT_RE.findall(gap + "x"))
    if len(_GAP_BOUNDARIES) < 100_000 and len(gap) <= MAX_STEM_LEN:
        _GAP_BOUNDARIES[gap] = n
    return n


def _info(surface: str) -> tuple[str, str, bool]:
    """(folded, stem, is stop word) of a surface token, cached."""
    info = _INFO.get(surface)
    if info is None:
        f = fold(surface)
        info = (f, stem(f), f in STOP_WORDS)
        if len(_INFO) < 500_000 and len(surface) <= MAX_STEM_LEN:
            _INFO[surface] = info
    return info


def _line_breaks(text: str) -> list[int]:
    """Positions of the new lines that end a segment (see NEWLINE_BREAK_RE and SHORT_LINE)."""
    out = [m.start() for m in NEWLINE_BREAK_RE.finditer(text)]
    prev = 0
    pos = text.find("\n")
    while pos != -1:
        if len(text[prev:pos].strip()) < SHORT_LINE:
            out.append(pos)
        prev = pos + 1
        pos = text.find("\n", prev)
    return out


JOIN_PARTS = 4
"""The most words of a hyphenated run joined into one ("end-to-end" is three)."""


def tokenize(text: str, lang: str = "en") -> Tokens:
    """Split ``text`` into :class:`Tokens`; offsets index into ``text`` itself.

    ``lang`` (en, es, fr) chooses the stop words, the stemmer and, for Spanish and French,
    accent folding and French elisions.
    """
    # Every per-token step below runs in C (split, accumulate, map, zip): tokenising is
    # on the hot path of batch runs.
    parts = _SPLIT_RE.split(text)
    surfaces = parts[1::2]
    offsets = list(accumulate(map(len, parts)))
    starts = offsets[0:-1:2]
    ends = offsets[1::2]
    infos = list(map(_INFO.get if lang == "en" else _LANG_INFO.setdefault(lang, {}).get, surfaces))
    if None in infos:
        make = _info if lang == "en" else partial(_lang_info, lang=lang)
        infos = [make(s) if i is None else i for s, i in zip(surfaces, infos)]
    if infos:
        folded, stems, stop = zip(*infos)
    else:
        folded, stems, stop = (), (), ()
    gaps = parts[0::2]  # the text before each token (and after the last)
    segments: Sequence[int]
    if "\n" in text:  # line breaks depend on whole lines: find boundaries in the text
        boundaries = sorted({m.start() for m in SEGMENT_RE.finditer(text)} | set(_line_breaks(text)))
        segments = list(map(bisect_left, repeat(boundaries), starts)) if boundaries else [0] * len(starts)
    else:  # a token's segment is the number of boundaries in the gaps before it
        cached = list(map(_GAP_BOUNDARIES.get, gaps[:-1]))
        counts: list[int] = (
            [_gap_boundaries(g) if c is None else c for g, c in zip(gaps, cached)] if None in cached
            else cached  # type: ignore[assignment]
        )
        segments = list(accumulate(counts))
    joins: dict[int, list[tuple[str, int]]] = {}
    if "-" in text:
        n = len(starts)
        # hyphen: the j such that tokens j and j + 1 are one hyphenated word ("front-end")
        hyphen: set[int] = set()
        g = 0
        while True:
            try:
                g = gaps.index("-", g + 1, n)  # gaps[g] lies between tokens g - 1 and g
            except ValueError:
                break
            if surfaces[g - 1][-1].isalnum() and surfaces[g][0].isalnum():
                hyphen.add(g - 1)
        for i in sorted(hyphen):
            if i - 1 in hyphen:
                continue  # inside a run already offered
            j = i  # tokens i..j form one hyphenated word: offer each joined run
            while j in hyphen:
                j += 1
            for a in range(i, j):  # runs of at most JOIN_PARTS: a long run costs its length cubed
                for b in range(a + 1, min(j, a + JOIN_PARTS - 1) + 1):
                    joins.setdefault(a, []).append((stem_in("".join(folded[a:b + 1]), lang), b + 1))
    return Tokens(text, surfaces, folded, stems, starts, ends, segments, stop, joins, gaps)


def relang(toks: Tokens, lang: str) -> Tokens:
    """The tokens of the same text read in ``lang``: the split, offsets and segments are kept,
    the folded words, stems and stop words are those of ``lang`` (cheaper than :func:`tokenize`)."""
    infos = list(map(_LANG_INFO.setdefault(lang, {}).get, toks.surfaces))  # cached: at C speed
    if None in infos:
        infos = [_lang_info(s, lang) if i is None else i for s, i in zip(toks.surfaces, infos)]
    folded, stems, stop = zip(*infos) if infos else ((), (), ())
    joins = {a: [(stem_in("".join(folded[a:after]), lang), after) for _, after in runs]
             for a, runs in toks.joins.items()}
    return Tokens(toks.text, toks.surfaces, folded, stems, toks.starts, toks.ends, toks.segments, stop,
                  joins, toks.gaps)


def respell(toks: Tokens, text: str, spans: Sequence[tuple[int, int]]) -> Tokens | None:
    """The English tokens of ``text``, which is ``toks.text`` with the character ``spans``
    written over by words of the same length (see :func:`.languages.english_cues`), spliced from
    ``toks`` instead of tokenising the whole text again; None where a span does not cover whole
    tokens of one segment, or holds a line break or hyphen (then :func:`tokenize` it)."""
    old = toks.text
    starts, ends, segs = toks.starts, toks.ends, toks.segments
    if len(text) != len(old):
        return None
    joins = toks.joins
    surfaces, folded, stems, stop = list(toks.surfaces), list(toks.folded), list(toks.stems), list(toks.stop)
    new_starts, new_ends, new_segs, gaps = list(starts), list(ends), list(segs), list(toks.gaps)
    for a, b in reversed(spans):  # from the end: earlier indices stay true
        i0, i1 = bisect_left(starts, a), bisect_left(starts, b)
        if (i0 >= i1 or starts[i0] != a or ends[i1 - 1] != b or segs[i0] != segs[i1 - 1]
                or "\n" in old[a:b] or "\n" in text[a:b] or "-" in old[a:b]):
            return None
        sub = tokenize(text[a:b])
        if not sub.stems or sub.joins or sub.gaps[0] or len(set(sub.segments)) != 1:
            return None
        k = len(sub.stems)
        surfaces[i0:i1], folded[i0:i1], stems[i0:i1], stop[i0:i1] = sub.surfaces, sub.folded, sub.stems, sub.stop
        new_starts[i0:i1] = [a + x for x in sub.starts]
        new_ends[i0:i1] = [a + x for x in sub.ends]
        new_segs[i0:i1] = [segs[i0]] * k
        gaps[i0 + 1:i1 + 1] = [*sub.gaps[1:-1], sub.gaps[-1] + gaps[i1]]
        if joins and k != i1 - i0:  # hyphenated words after the span move with it
            shift = k - i1 + i0
            joins = {(j + shift if j >= i1 else j): ([(w, after + shift) for w, after in runs] if j >= i1 else runs)
                     for j, runs in joins.items()}
    return Tokens(text, surfaces, folded, stems, new_starts, new_ends, new_segs, stop, joins, gaps)


JOIN_LABEL_WORDS = 32
"""Labels of more content words than this are not offered with their word pairs joined."""


def label_variants(label: str, lang: str = "en") -> list[tuple[str, ...]]:
    """Stem sequences under which a label may appear in text of ``lang``.

    The label's own content stems (hyphens split words: "front-end" is "front end"), and
    each adjacent pair of words joined ("front end" also as "frontend", "e-mail" as "email").
    Text offers hyphenated compounds joined as well, so all spellings meet.
    """
    if lang == "en":
        content = [f for f in (fold(m.group()) for m in TOKEN_RE.finditer(label)) if f not in STOP_WORDS]
    else:
        content = [f for f, _, stop in (_lang_info(m.group(), lang) for m in TOKEN_RE.finditer(label)) if not stop]
    out = {tuple(stem_in(w, lang) for w in content)}
    # each pair joined gives as many variants as words, each as long as the label: a label far
    # longer than any real one (ESCO's longest has 25 words) would cost its length squared
    for i in range(len(content) - 1 if len(content) <= JOIN_LABEL_WORDS else 0):
        joined = [*content[:i], content[i] + content[i + 1], *content[i + 2:]]
        if lang != "en" and stem_in(joined[i], lang) in (stem_in(content[i], lang), stem_in(content[i + 1], lang)):
            continue  # the stemmer cut the second word off again ("rechercheux" -> "recherch")
        out.add(tuple(stem_in(w, lang) for w in joined))
    return sorted(v for v in out if v)


def content_stems(text: str) -> list[str]:
    """The stems of a text's non-stop-word tokens (the TF-IDF terms' raw material)."""
    t = tokenize(text)
    return [s for s, st in zip(t.stems, t.stop) if not st]
