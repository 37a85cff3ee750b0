"""Word senses and task wording: when a label in the text is not the skill, and when task
wording without any label is.

A label that is also an everyday word or phrase counts only in its skill sense. Four general
rules say it is used in another sense:

- a **heading**: the mention is a whole line that ends with a colon ("Qualifications:",
  "Skills:"), so it names what follows, not a skill;
- a **field of study**: the mention names a degree subject ("a degree in Computer Science",
  "Computer Science degree", "Master of Science in Finance");
- an **adjective of another noun**: a hyphenated or adjectival form directly before a noun that
  is not a word for a skill ("decision-making dashboards", "professional reports"; but
  "decision-making skills", "detail-oriented person" keep the skill);
- a job post's **offer**: what the employer offers or tells of itself ("Benefits:", "What we
  offer", "Hours", "Company description:") is no demand (:func:`offer_sections`);
- the skill's own **context** in the taxonomy (``contextRequires`` / ``contextExcludes``): a
  one-word mention needs one of the required words in its sentence ("translate" + language,
  text, document), and any excluded word near a mention vetoes it ("translate" + data,
  insights).

Task wording ("Listen and type what you hear", "Draw boxes around the cars") is read from the
skills' ``patterns``: a verb followed, within a few words of the same clause, by an object.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator, Sequence
from itertools import compress

from .text import STOP_WORDS, Tokens

#: Words that, right after a mention, show it names a subject of study.
STUDY_AFTER = frozenset("degree degrees science sciences studies major graduate graduates diploma".split())
#: Words that, a few words before a mention, introduce a subject of study.
STUDY_BEFORE = frozenset("degree degrees bachelor bachelors master masters msc bsc ba bs phd diploma major".split())
#: How far back "a degree in ..." may stand from a subject it names.
STUDY_REACH = 12
#: Words that end a list of subjects of study ("a degree in CS and 3 years of experience with").
STUDY_STOP = frozenset("experience years year skills skill knowledge proficiency plus using with including "
                       "and able ability".split())
#: Idioms around a label word: word -> (words one of which comes before it, words one of which
#: comes after it); an empty set asks nothing.
IDIOMS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "order": (frozenset({"in"}), frozenset({"to", "for"})),  # "in order to"
    "type": (frozenset(), frozenset({"of"})),  # "a type of data"
    "types": (frozenset(), frozenset({"of"})),
    "dependent": (frozenset(), frozenset({"on", "upon"})),  # "depending on", not dependable
    "depending": (frozenset(), frozenset({"on", "upon"})),
    "depends": (frozenset(), frozenset({"on", "upon"})),
}
IDIOM_WORDS = frozenset(IDIOMS)
STUDY_WORDS = STUDY_BEFORE | STUDY_AFTER
#: Field names of a post's metadata whose values are not skills asked for.
METADATA_FIELDS = frozenset({"industry", "industries", "sector"})
#: Nouns after a modifier that still name the skill ("decision-making skills").
SKILL_HEADS = frozenset(
    "skill skills ability abilities experience expertise knowledge proficiency capability capabilities "
    "background competence competency competencies aptitude mindset attitude approach person people "
    "individual individuals candidate candidates player worker workers professional professionals "
    "specialist specialists expert experts tasks task work services service course courses".split()
)
#: Endings of adjectives derived from a skill's noun ("professional" from professionalism).
ADJECTIVE_ENDINGS = ("al", "ive", "able", "ible", "ous", "ent", "ant", "ic", "ical")
#: How far (in tokens) a required context word may stand from a one-word mention.
SENSE_REACH = 12
#: A line of at most this many words is a title, whose sense the next sentence shows.
TITLE_WORDS = 4
#: How many words (not counting stop words) may stand between a pattern's verb and its object.
PATTERN_REACH = 4
#: Characters between two words that end the clause a pattern is read in.
CLAUSE_BREAK = frozenset(",;:()-\u2013\u2014/")


#: Words of the headings under which a job post says what it offers, not what it asks.
OFFER_WORDS = frozenset("benefits perks offer hours holiday holidays kit description compensation".split())
_OFFER_HEAD = (r"(?:job\s+)?(?:benefits|perks|what\s+we\s+offer|we\s+offer|our\s+offer|company\s+description"
               r"|about\s+the\s+company|hours|holidays?|kit|compensation(?:\s+and\s+benefits)?)")
#: A line that is only such a heading ("Benefits", "What we offer:", "## Perks").
_OFFER_LINE_RE = re.compile(rf"^[ \t#*_-]*{_OFFER_HEAD}[ \t*_]*:?[ \t]*$", re.IGNORECASE | re.MULTILINE)
#: Such a heading as a label inside a line ("... Job benefits: Free fruit ...").
_OFFER_LABEL_RE = re.compile(rf"\b{_OFFER_HEAD}\s*:", re.IGNORECASE)
#: The next label of a flattened post ("Company description:", "Your Skills:").
_NEXT_LABEL_RE = re.compile(r"\b[A-Z][A-Za-z]+(?:[ \t]+[A-Za-z]+){0,2}[ \t]*:")
#: A line that starts another section: short, not a list item, no sentence end.
_HEADING_LINE_RE = re.compile(r"^[ \t#*_]*[A-Z][^\n.!?;,]{0,40}$", re.MULTILINE)


def may_have_offer_heading(toks: Tokens) -> bool:
    """Whether an offer word ends a line or comes before a colon ("Benefits", "What we offer:"):
    the cheap test before :func:`offer_sections` reads the text."""
    gaps = toks.gaps
    return any(":" in gaps[k + 1] or "\n" in gaps[k + 1] or k + 2 == len(gaps)
               for k in compress(range(len(toks.folded)), map(OFFER_WORDS.__contains__, toks.folded)))


def offer_sections(text: str) -> list[tuple[int, int]]:
    """Character spans of a job post under an offer heading ("Benefits", "What we offer",
    "Hours", "Company description:"): up to the next heading line, or for a label inside a
    line, up to the next label of that line."""
    out: list[tuple[int, int]] = []
    for m in _OFFER_LINE_RE.finditer(text):
        start = m.end() + 1
        nxt = _HEADING_LINE_RE.search(text, start)
        while nxt is not None and len(nxt.group().split()) > 5:
            nxt = _HEADING_LINE_RE.search(text, nxt.end() + 1)
        out.append((start, nxt.start() if nxt is not None else len(text)))
    for m in _OFFER_LABEL_RE.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        nxt = _NEXT_LABEL_RE.search(text, m.end(), line_end)
        out.append((m.end(), nxt.start() if nxt is not None else line_end))
    return out


def sense_cues(folded: Collection[str]) -> tuple[bool, bool, bool]:
    """Whether a text holds any idiom word, metadata field or degree word at all: the checks of
    :func:`other_sense` that need them are skipped for the many texts without."""
    return (not IDIOM_WORDS.isdisjoint(folded), not METADATA_FIELDS.isdisjoint(folded),
            not STUDY_WORDS.isdisjoint(folded))


CUE_WORDS = IDIOM_WORDS | METADATA_FIELDS | STUDY_WORDS


def cue_positions(folded: Sequence[str], cues: tuple[bool, bool, bool]) -> tuple[set[int], set[int]]:
    """Where the cue-word checks of :func:`span_other_sense` can apply: (tokens an idiom word,
    metadata field or degree word may govern a mention from, or stands on; tokens a subject of
    study may follow). A span that touches neither and has no colon or adjective form needs no check."""
    idioms, metadata, study = cues
    near: set[int] = set()
    after: set[int] = set()
    if not (idioms or metadata or study):
        return near, after
    n = len(folded)
    for k in compress(range(n), map(CUE_WORDS.__contains__, folded)):  # the few cue words, found in C
        word = folded[k]
        if idioms and word in IDIOM_WORDS:
            near.add(k)
        if metadata and word in METADATA_FIELDS:
            near.update(range(k + 1, min(n, k + 9)))
        if study:
            if word in STUDY_BEFORE:
                near.update(range(k + 1, min(n, k + STUDY_REACH)))
            if word in STUDY_AFTER:
                after.add(k)
    return near, after


def other_sense(toks: Tokens, lo: int, hi: int, sense: tuple[frozenset[str], frozenset[str]] | None,
                cues: tuple[bool, bool, bool] = (True, True, True)) -> bool:
    """Whether the mention ``toks[lo:hi]`` uses its label in another sense than the skill's
    (``cues`` from :func:`sense_cues` lets checks that cannot apply be skipped)."""
    return span_other_sense(toks, lo, hi, cues) or (sense is not None and skill_other_sense(toks, lo, hi, sense))


def span_other_sense(toks: Tokens, lo: int, hi: int, cues: tuple[bool, bool, bool] = (True, True, True)) -> bool:
    """The checks of :func:`other_sense` that hold for any label on the span (heading, idiom,
    metadata field, field of study, adjective of another noun): the matcher asks them once per
    span, however many labels end there."""
    idioms, metadata, study = cues
    text, starts, ends, segs, folded = toks.text, toks.starts, toks.ends, toks.segments, toks.folded
    n = len(folded)
    start, end = starts[lo], ends[hi - 1]
    # a heading line: the mention and a colon make up the whole line
    if (text.startswith(":", end) and not text[end + 1: text.find("\n", end) % (len(text) + 1)].strip()
            and not text[text.rfind("\n", 0, start) + 1: start].strip(" \t#*-")):
        return True
    # an idiom that holds a label word ("in order to", "a type of")
    for k in range(lo, hi) if idioms else ():
        idiom = IDIOMS.get(folded[k])
        if idiom is not None:
            before, after = idiom
            if ((not before or (k > 0 and folded[k - 1] in before))
                    and (not after or (k + 1 < n and folded[k + 1] in after))):
                return True
    # a field label of a post's metadata ("Industry: Email Marketing")
    for k in range(max(0, lo - 8), lo) if metadata else ():
        if folded[k] in METADATA_FIELDS and text[ends[k]:ends[k] + 1] == ":":
            return True
    # a field of study
    if study and hi < n and folded[hi] in STUDY_AFTER and segs[hi] == segs[hi - 1]:
        return True
    for k in range(lo - 1, max(-1, lo - STUDY_REACH), -1) if study else ():
        if segs[k] != segs[lo] or folded[k] in STUDY_STOP:
            break
        if folded[k] in STUDY_BEFORE and k + 1 < lo and folded[k + 1] in ("in", "within", "of"):
            return True
    # an adjective of another noun
    if (hi < n and ((hi - lo == 1 and folded[lo].endswith(ADJECTIVE_ENDINGS)) or "-" in text[start:end])
            and starts[hi] == end + 1 and text.startswith(" ", end) and segs[hi] == segs[hi - 1]):
        word = toks.surfaces[hi]
        if word.isalpha() and word.islower() and folded[hi] not in STOP_WORDS and folded[hi] not in SKILL_HEADS:
            return True
    return False


def skill_other_sense(toks: Tokens, lo: int, hi: int, sense: tuple[frozenset[str], frozenset[str]]) -> bool:
    """The check of :func:`other_sense` that is the skill's own: its excluded words near the
    mention, or none of its required ones (a one-word mention)."""
    stems, segs = toks.stems, toks.segments
    seg = segs[lo]
    # the words within reach in the mention's segment (segment numbers never go down)
    a = bisect_left(segs, seg, max(0, lo - SENSE_REACH), lo)
    b = bisect_right(segs, seg, hi, min(len(stems), hi + SENSE_REACH))
    near = [*stems[a:lo], *stems[hi:b]]
    if b < len(stems) and b - a <= TITLE_WORDS and "\n" in toks.gaps[b] and segs[a] == seg and (
            a == 0 or "\n" in toks.gaps[a]):
        # a title line ("Voice recording") is read with the sentence under it
        near += stems[b:bisect_right(segs, segs[b], b, min(len(stems), b + SENSE_REACH))]
    requires, excludes = sense
    if excludes and not excludes.isdisjoint(near):
        return True
    return bool(requires) and hi - lo == 1 and requires.isdisjoint(near)


def other_sense_in_sentence(toks: Tokens, lo: int, hi: int,
                            sense: tuple[frozenset[str], frozenset[str]] | None) -> bool:
    """Whether a sentence read by TF-IDF (``toks[lo:hi]``) holds a skill's excluded words, or
    none of its required ones: the sentence then speaks of something else."""
    if sense is None:
        return False
    requires, excludes = sense
    stems = set(toks.stems[lo:hi])
    return bool(excludes and not excludes.isdisjoint(stems)) or bool(requires and requires.isdisjoint(stems))


def pattern_mentions(
    toks: Tokens, patterns: dict[str, dict[str, tuple[int, ...]]],
) -> Iterator[tuple[int, int, int]]:
    """(skill, first token, one past the object) for each task phrase of a skill's patterns."""
    stems, segs, stop, gaps = toks.stems, toks.segments, toks.stop, toks.gaps
    n = len(stems)
    for i in compress(range(n), map(patterns.__contains__, stems)):
        by_object = patterns[stems[i]]
        if by_object.keys().isdisjoint(stems[i + 1: i + 3 * PATTERN_REACH]):
            continue  # no object near enough: most verbs of the text, at C speed
        done: set[int] = set()
        words = 0
        for k in range(i + 1, n):
            gap = gaps[k]
            if segs[k] != segs[i] or (gap != " " and not CLAUSE_BREAK.isdisjoint(gap)):
                break  # the object must stand in the verb's clause
            for skill in by_object.get(stems[k], ()):
                if skill not in done:  # the nearest object makes the phrase
                    done.add(skill)
                    yield skill, i, k + 1
            words += not stop[k]
            if words >= PATTERN_REACH:
                break
