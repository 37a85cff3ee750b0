"""SkillMatcher: finds taxonomy skills in free text, with evidence and status.

Three methods feed one calibrated score per skill:

1. **phrase**: preferred, alternative and hidden labels matched on normalised tokens (case,
   punctuation, plurals and inflections, hyphen and spacing variants, "&"/"and"); the longest
   match wins and shorter overlapping ones are suppressed.
2. **fuzzy**: a word that is no known word but one edit away from a label word (SymSpell
   deletes, verified with rapidfuzz) stands in for it: "photoshp", "wordpres". Only label
   words sharing a delete are compared, so the cost does not grow with the taxonomy.
3. **tfidf**: each sentence is compared with every skill's labels and description (TF-IDF
   weights fitted with scikit-learn), catching paraphrases above a threshold tuned on the
   gold set.
"""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import accumulate, chain, compress
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from ..errors import CrowdskillsError
from ..models import Evidence, Match, Taxonomy
from .context import ContextReader, detect_kind_tokens
from .index import (
    ALT,
    CONTEXT_WINDOW,
    E_AMBIGUOUS,
    E_KIND,
    E_LABEL,
    E_SKILL,
    FALSE_FRIENDS,
    MIN_FUZZY_LEN,
    NEXT_WORD_VETO,
    PREF,
    CompiledIndex,
    LabelEntry,
    compile_index,
    deletes,
    label_forms,
    segment_terms,
    sentence_vector,
)
from .languages import MATCHED, detect_kind_in, english_cue_spans, language_segments
from .senses import (
    ADJECTIVE_ENDINGS,
    cue_positions,
    may_have_offer_heading,
    offer_sections,
    other_sense,
    other_sense_in_sentence,
    pattern_mentions,
    sense_cues,
    skill_other_sense,
    span_other_sense,
)
from .text import MAX_STEM_LEN, STOP_WORDS, Tokens, relang, respell, stem, tokenize

if TYPE_CHECKING:
    from .ranking import Ranked

KINDS = ("auto", "profile", "job")
#: From this many skills on, TF-IDF scoring runs on numpy arrays (ESCO's 13,900 skills).
LARGE_TAXONOMY = 2000


class NotFittedError(CrowdskillsError):
    """The matcher was used before :meth:`SkillMatcher.fit`."""


#: Score of a task phrase read from a skill's patterns ("transcribe the audio").
PATTERN_SCORE = 0.9


@dataclass(slots=True)
class _Mention:
    skill: int
    lo: int  # first token
    hi: int  # one past the last token
    score: float
    method: str
    start: int
    end: int


class Reading(NamedTuple):
    """What :meth:`SkillMatcher.read_many` found in a text: the matches, the document's main
    language as the matcher read it, and the kind (``job`` or ``profile``) it read it as."""

    matches: list[Match]
    language: str
    kind: str


class SkillMatcher:
    """Find skills of a taxonomy in free text.

    Follows scikit-learn's conventions: settings in ``__init__``, :meth:`fit` learns from a
    taxonomy and returns ``self``, learned state lives in attributes ending in ``_``.

    Args:
        min_score: drop matches scoring below this (0 to 1).
        fuzzy: also match misspelt label words.
        tfidf: also match paraphrases by sentence-level TF-IDF similarity.
        tfidf_threshold: cosine similarity a sentence needs to count as a paraphrase.
        max_evidence: evidence spans kept per skill.
        lang: the language this matcher reads (``en``, ``es``, ``fr``). An English matcher
            tells the language of each sentence and hands Spanish and French ones to matchers
            of those languages (made when first needed, from the taxonomy's language labels);
            sentences in languages it cannot read are left unread.

    Example:
        >>> matcher = SkillMatcher().fit(load_taxonomy())
        >>> [m.skill_id for m in matcher.match("I do image tagging on MTurk")]
    """

    def __init__(
        self,
        *,
        min_score: float = 0.5,
        fuzzy: bool = True,
        tfidf: bool = True,
        tfidf_threshold: float = 0.3,
        max_evidence: int = 3,
        lang: str = "en",
    ) -> None:
        self.min_score = min_score
        self.fuzzy = fuzzy
        self.tfidf = tfidf
        self.tfidf_threshold = tfidf_threshold
        self.max_evidence = max_evidence
        self.lang = lang

    # ------------------------------------------------------------------ fitting
    def fit(self, taxonomy: Taxonomy, *, index: CompiledIndex | None = None) -> SkillMatcher:
        """Compile ``taxonomy`` (or take a ready ``index`` compiled from it); returns self."""
        self.taxonomy_ = taxonomy
        self.index_ = index if index is not None else compile_index(taxonomy)
        self._fuzzy_cache: dict[str, str | None] = {}
        self._fix_stems: dict[str, str | None] = {}  # word -> stem of the label word it misspells, or None
        self._typo_stems: dict[str, str] = {}  # the misspelt words among them
        self._dense: Any = None  # numpy views of the TF-IDF postings, for large taxonomies
        self._term_lists: list[tuple[tuple[int, ...], dict[int, float]]] | None = None  # the same, for small ones
        self._heaviest: dict[int, float] = {}  # skill -> its heaviest TF-IDF term weight
        self._label_vectors: Any = None  # character n-gram vectors of the labels, for rank()
        self._positions: dict[str, int] | None = None
        self._forms: dict[tuple[str, int], tuple[str, ...]] = {}  # (one-word label, skill) -> word forms it accepts
        self._local: dict[str, SkillMatcher | None] = {}  # matchers of other languages, made on demand
        self.index_loader_: Callable[[str], CompiledIndex] | None = None
        """Gives the index of another language (``get_matcher`` reads it from the disk cache)."""
        self._longest: int | None = None  # the longest word a typo fix is tried on
        return self

    def local_matcher(self, lang: str) -> SkillMatcher | None:
        """The matcher for text in ``lang``: this one for its own language, one built from the
        taxonomy's ``lang`` labels, or ``None`` when the taxonomy has none in that language."""
        if lang == self.lang:
            return self
        if lang in self._local:
            return self._local[lang]
        found: SkillMatcher | None = None
        if lang in MATCHED and any(s.local(lang) is not None for s in self.taxonomy_):
            index = self.index_loader_(lang) if self.index_loader_ is not None else None
            found = SkillMatcher(
                min_score=self.min_score, fuzzy=False, tfidf=self.tfidf,
                tfidf_threshold=self.tfidf_threshold, max_evidence=self.max_evidence, lang=lang,
            ).fit(self.taxonomy_, index=index if index is not None else compile_index(self.taxonomy_, lang=lang))
        self._local[lang] = found
        return found

    def _check_fitted(self) -> CompiledIndex:
        index: CompiledIndex | None = getattr(self, "index_", None)
        if index is None:
            raise NotFittedError(
                "this SkillMatcher is not fitted yet. Call fit(taxonomy) before match()."
            )
        return index

    # ------------------------------------------------------------------ matching
    def match(self, text: str, *, kind: str = "auto") -> list[Match]:
        """Skills found in ``text``, best first (ties by id).

        Args:
            text: any text: a profile, a job post, a task description.
            kind: ``profile`` (statuses claimed/wanted/negated), ``job`` (required/optional)
                or ``auto`` to tell from the text.
        """
        return self._match(text, kind)

    def rank(self, text: str, *, top_k: int = 10) -> list[Ranked]:
        """Every skill of the taxonomy ranked for ``text``, best first; the ``top_k`` first.

        Unlike :meth:`match`, this ranks skills the text does not clearly name too: it fuses
        the detection score with character n-gram and word TF-IDF similarity (see
        :mod:`crowdskills.matching.ranking`). Each :class:`Ranked` carries its evidence: the
        detected mention, else the window of words most like the skill's label. The first call
        loads the label vectors from the cache beside the index, or builds them (scikit-learn,
        ten seconds for ESCO) and caches them.
        """
        from .ranking import rank

        self._check_fitted()
        _check_top_k(top_k)
        return rank(self, text, top_k)

    def rank_many(self, texts: Iterable[str], *, top_k: int = 10) -> list[list[Ranked]]:
        """:meth:`rank` for each of many texts, in order (identical texts are ranked once)."""
        from .ranking import rank_many

        self._check_fitted()
        _check_top_k(top_k)
        return rank_many(self, texts, top_k)

    def match_many(self, texts: Iterable[str], *, kind: str = "auto") -> list[list[Match]]:
        """:meth:`match` for each of many texts, in order.

        Identical texts (reposted job ads, template profiles) are matched once, and the caches
        of stems and spelling corrections are shared across the batch. Python's cycle collector
        is paused meanwhile: matching makes no reference cycles, and scanning the growing list
        of results over and over would cost a tenth of the time.
        """
        self._check_fitted()
        return each_once(texts, lambda text: self._match(text, kind))

    def read_many(self, texts: Iterable[str], *, kind: str = "auto") -> list[Reading]:
        """:meth:`match_many` with, for each text, the language and kind the matcher read it
        with (found while matching, not by a second pass)."""
        self._check_fitted()

        def read(text: str) -> list[Reading]:
            note: list[tuple[str, str]] = []
            matches = self._match(text, kind, note=note)
            return [Reading(matches, *note[0])]

        # equal texts are read once: each gets its own list of matches, as from match_many
        return [Reading(list(r.matches), r.language, r.kind) for [r] in each_once(texts, read)]

    def _match(self, text: str, kind: str, *, by_language: bool = True, toks: Tokens | None = None,
               english: Tokens | None = None, note: list[tuple[str, str]] | None = None) -> list[Match]:
        index = self._check_fitted()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
        if not isinstance(text, str):
            raise TypeError(f"text must be str, not {type(text).__name__}")
        if toks is None:
            toks = tokenize(text) if self.lang == "en" else tokenize(text, self.lang)
        if by_language and self.lang == "en":
            found = language_segments(toks.folded, toks.segments, text)
            if found is not None:
                return self._match_languages(text, kind, toks, *found, note=note)
        if kind == "auto":
            kind = detect_kind_tokens(toks)
        if note is not None:
            note.append((self.lang, kind))
        vetoed: set[tuple[int, int]] = set()  # (segment, skill) a label named in another sense
        mentions = self._phrase_mentions(toks, index, vetoed)
        if index.patterns:
            starts, ends = toks.starts, toks.ends
            senses = index.senses
            mentions += [_Mention(skill, lo, hi, PATTERN_SCORE, "phrase", starts[lo], ends[hi - 1])
                         for skill, lo, hi in pattern_mentions(toks, index.patterns)
                         if skill not in senses or not other_sense(toks, lo, hi, senses[skill])]
        if self.tfidf:
            mentions += self._tfidf_mentions(toks, index, mentions, vetoed)
        if kind == "job" and mentions and may_have_offer_heading(toks):
            offers = offer_sections(text)  # "Benefits:", "What we offer": no demands there
            if offers:
                mentions = [m for m in mentions if not any(a <= m.start < b for a, b in offers)]
        if not mentions:
            return []
        masks = [(m.start, m.end) for m in mentions if m.method != "tfidf"]
        reader = (ContextReader(toks, kind, masks) if self.lang == "en"
                  else _CueReader(text, toks, kind, masks, self.lang, english))
        by_skill: dict[int, list[_Mention]] = {}
        for m in mentions:
            by_skill.setdefault(m.skill, []).append(m)
        held = "required" if kind == "job" else "claimed"
        min_score = self.min_score
        max_evidence = self.max_evidence
        status_of = reader.status
        skill_ids, labels, categories = index.skill_ids, index.pref_labels, index.categories
        out = []
        for skill, ms in by_skill.items():
            if len(ms) == 1:
                m = ms[0]
                if m.score < min_score:
                    continue
                one = status_of(m.lo, m.hi)
                if one == "negated" and kind == "job":
                    continue  # the post does not ask for it
                out.append(Match(
                    skill_ids[skill], labels[skill], categories[skill], m.score, one, _ONE_METHOD[m.method],
                    (Evidence(m.start, m.end, text[m.start:m.end]),),
                ))
                continue
            ms.sort(key=_by_score)
            miss = 1.0
            for m in ms[:3]:
                miss *= 1.0 - m.score
            score = round(min(1.0, 1.0 - miss), 4)
            if score < min_score:
                continue
            # the strongest status any mention gives: claimed > wanted > negated; required > optional
            status: str | None = None
            for m in ms:
                st = status_of(m.lo, m.hi)
                if st == held:
                    status = st
                    break
                if status is None or _RANK[st] < _RANK[status]:
                    status = st
            if status == "negated" and kind == "job":
                continue  # every mention says the post does not ask for it
            methods = tuple(sorted({m.method for m in ms}, key=_METHOD_ORDER.index))
            shown = sorted(ms[:max_evidence], key=_by_start)
            out.append(Match(
                skill_ids[skill], labels[skill], categories[skill], score, status or held, methods,
                tuple(Evidence(m.start, m.end, text[m.start:m.end]) for m in shown),
            ))
        out.sort(key=lambda m: (-m.score, m.skill_id))
        return out

    def _match_languages(self, text: str, kind: str, toks: Tokens, doc_lang: str, langs: list[str],
                         note: list[tuple[str, str]] | None = None) -> list[Match]:
        """Each language's sentences read by that language's matcher (the others blanked out,
        so offsets hold), and the findings merged skill by skill."""
        if kind == "auto":
            kind = detect_kind_in(toks.folded, doc_lang)
        if note is not None:
            note.append((doc_lang, kind))
        found: list[list[Match]] = []
        segments = toks.segments
        if len(set(langs)) == 1:  # one language throughout: its tokens from the same split
            matcher = self.local_matcher(langs[0])
            if matcher is None:
                return []  # a language without labels is not read: no claims from words it cannot read
            return matcher._match(text, kind, by_language=False, toks=relang(toks, langs[0]), english=toks)
        for lang in sorted(set(langs)):
            matcher = self.local_matcher(lang)
            if matcher is None:
                continue  # a language without labels is not read: no claims from words it cannot read
            chars = list(text)
            for i, seg in enumerate(segments):
                if langs[seg] != lang:
                    chars[toks.starts[i]:toks.ends[i]] = " " * (toks.ends[i] - toks.starts[i])
            found.append(matcher._match("".join(chars), kind, by_language=False))
        return _merge(found, kind, self.max_evidence)

    # ------------------------------------------------------------------ phrase + fuzzy
    def _correct(self, word: str, index: CompiledIndex) -> str | None:
        """The label word ``word`` is a typo of, if any (one edit; cached)."""
        cache = self._fuzzy_cache
        if word in cache:
            return cache[word]
        found: str | None = None
        if self._longest is None:  # one edit from the longest label word; longer words cost len^2
            self._longest = max(map(len, index.vocab), default=0) + 1
        if MIN_FUZZY_LEN <= len(word) <= self._longest and word.isalpha() and stem(word) not in index.known:
            from rapidfuzz.distance import OSA

            candidates: set[str] = set()
            for key in {word} | deletes(word):
                candidates.update(index.vocab.get(key, ()))
            best = sorted(
                c for c in candidates
                if c[0] == word[0] and not word.startswith(c) and OSA.distance(word, c) <= 1
            )
            found = best[0] if best else None
        if len(cache) < 200_000 and len(word) <= MAX_STEM_LEN:
            cache[word] = found
        return found

    def _fix_stem(self, word: str, index: CompiledIndex) -> str | None:
        """The stem of the label word a text word misspells, if it is no known word (cached)."""
        s = stem(word)
        fixed = None
        if s not in index.trie and s not in index.known and len(word) >= MIN_FUZZY_LEN and word not in STOP_WORDS:
            correct = self._correct(word, index)
            fixed = stem(correct) if correct is not None else None
        if len(self._fix_stems) < 200_000 and len(word) <= MAX_STEM_LEN:
            self._fix_stems[word] = fixed
        if fixed is not None:
            self._typo_stems[word] = fixed
        return fixed

    def _phrase_mentions(
        self, toks: Tokens, index: CompiledIndex, vetoed: set[tuple[int, int]] | None = None,
    ) -> list[_Mention]:
        n = len(toks)
        stems, stop, segs, folded = toks.stems, toks.stop, toks.segments, toks.folded
        trie = index.trie
        fixes: dict[int, str] = {}
        words = set(folded)
        if self.fuzzy:
            # decide once per distinct word (and once per batch: cached), not once per token
            for w in words.difference(self._fix_stems):
                self._fix_stem(w, index)
            typos = {w: self._typo_stems[w] for w in words.intersection(self._typo_stems)}
            if typos:
                fixes = {i: typos[w] for i, w in enumerate(folded) if w in typos}
        # (lo - hi, edits, kind, lo, skill, seq, hi, entry): sorted, the longest spans come first
        found: list[tuple[int, int, int, int, int, int, int, LabelEntry]] = []
        candidates = list(compress(range(n), map(trie.__contains__, stems)))
        joins = toks.joins
        # other readings of a token: its typo fix, hyphenated compounds joined from it
        extra: dict[int, list[tuple[str, int, int]]] = {}  # i -> [(stem, index after, edits)]
        for i, fix in fixes.items():
            extra[i] = [(fix, i + 1, 1)]
        for i, runs in joins.items():
            extra.setdefault(i, []).extend((joined, after, 0) for joined, after in runs)
        if extra:
            candidates = sorted({*candidates, *extra})
        for i in candidates:
            if stop[i]:
                continue
            # walk the trie along the token lattice: each token, its typo fix, joined compounds
            node = trie.get(stems[i])
            stack: list[tuple[Any, int, int]] = [(node, i + 1, 0)] if node is not None else []
            if extra and i in extra:
                for other, after, edits in extra[i]:
                    node = trie.get(other)
                    if node is not None:
                        stack.append((node, after, edits))
            while stack:
                node, j, edits = stack.pop()
                if type(node) is list:  # a leaf: its labels end here and none goes on
                    for entry in node:
                        found.append((i - j, edits, entry[E_KIND], i, entry[E_SKILL], len(found), j, entry))
                    continue
                entries = node.get(None)
                if entries is not None:
                    for entry in entries:
                        found.append((i - j, edits, entry[E_KIND], i, entry[E_SKILL], len(found), j, entry))
                    if len(node) == 1:
                        continue  # no longer label goes on from here
                # next content token in the same segment, past at most two stop words
                k = j
                while k < n and stop[k] and segs[k] == segs[i]:
                    k += 1
                if k >= n or segs[k] != segs[i] or k - j > 2:
                    continue
                nxt = node.get(stems[k])
                if nxt is not None:
                    stack.append((nxt, k + 1, edits))
                if extra and k in extra:
                    for other, after, more in extra[k]:
                        nxt = node.get(other)
                        if nxt is not None:
                            stack.append((nxt, after, edits + more))
        if not found:
            return []
        # longest match wins: take spans longest first, drop those overlapping a taken one
        found.sort()
        taken = [False] * n
        mentions: list[_Mention] = []
        chosen_span: dict[tuple[int, int], bool] = {}
        seen: set[tuple[int, int, int]] = set()
        scores = _PHRASE_SCORES
        starts, ends = toks.starts, toks.ends
        cues = sense_cues(words)  # sets: each test runs over the few cue words
        near_cue, study_after = cue_positions(folded, cues)
        senses = index.senses
        gaps, text = toks.gaps, toks.text
        for _, edits, _, lo, _, _, hi, entry in found:
            key = (entry[E_SKILL], lo, hi)
            if key in seen:
                continue
            span = (lo, hi)
            if hi - lo == 1 and not edits and not self._form_fits(entry, folded[lo]):
                continue  # "Excellent" is no Excel, "local" no localisation
            if span not in chosen_span:
                if taken[lo] if hi - lo == 1 else any(taken[lo:hi]):
                    continue
                if entry[E_AMBIGUOUS] and not self._confirmed(toks, lo, hi, entry, index):
                    continue
                # only a colon or a word right after it, or a cue word near it, can give the span
                # another sense: most spans need no call
                gap = gaps[hi]
                in_other_sense = (
                    (gap[:1] == ":" or hi in study_after
                     or bool(near_cue and not near_cue.isdisjoint(range(lo, hi)))
                     or (gap == " " and (folded[lo].endswith(ADJECTIVE_ENDINGS) if hi - lo == 1
                                         else "-" in text[starts[lo]:ends[hi - 1]])))
                    and span_other_sense(toks, lo, hi, cues))
                sense = senses.get(entry[E_SKILL])
                if in_other_sense or (sense is not None and skill_other_sense(toks, lo, hi, sense)):
                    if vetoed is not None:  # nor may TF-IDF read the sentence as that skill
                        vetoed.add((segs[lo], entry[E_SKILL]))
                    continue  # "Qualifications:", "decision-making dashboards", "translate data"
                chosen_span[span] = True
                taken[lo:hi] = _TRUES[: hi - lo] if hi - lo <= len(_TRUES) else [True] * (hi - lo)
            elif entry[E_AMBIGUOUS] and not self._confirmed(toks, lo, hi, entry, index):
                continue
            elif (sense := senses.get(entry[E_SKILL])) is not None and skill_other_sense(toks, lo, hi, sense):
                if vetoed is not None:
                    vetoed.add((segs[lo], entry[E_SKILL]))
                continue
            seen.add(key)
            score = scores.get((entry[E_KIND], entry[E_AMBIGUOUS], hi - lo >= 2, edits > 0))
            if score is None:
                score = _phrase_score(entry, hi - lo, edits)
            mentions.append(_Mention(
                entry[E_SKILL], lo, hi, score, "fuzzy" if edits else "phrase", starts[lo], ends[hi - 1],
            ))
        return mentions

    def _form_fits(self, entry: LabelEntry, word: str) -> bool:
        """Whether a text word that shares its stem with a one-word label may stand for it.

        Stems bring "annotating" to "annotation", but some labels need more of the word:
        names of tools, platforms and languages ("Excel" is not "excellent", "Solidity" not
        "solid", "Connects" not "connecting") match only as written or in the plural;
        abstract nouns ("localisation", "integrity", "independence"), which the stemmer cuts
        down to a common word ("local", "integration", "independent"), match only words with
        their own ending; and no label matches the few everyday words that share its stem
        but not its meaning ("accounts" for "accountant", see FALSE_FRIENDS).
        """
        label = entry[E_LABEL]
        key = (label, entry[E_SKILL])  # the forms depend on the skill's category too
        forms = self._forms.get(key)
        if forms is None:
            forms = label_forms(label)
            if (forms and forms[0] == "word" and forms[1].endswith("ation")
                    and self.index_.categories[entry[E_SKILL]] == "dispositions"):
                # a quality named by an -ation noun shows in the noun and its adjectives
                # ("imaginative", "motivated"); the bare verb is an act ("Imagine what you
                # could do", "motivate your team")
                forms = ("ending", *DISPOSITION_ENDINGS)
            self._forms[key] = forms
        if not forms:
            return True
        if forms[0] == "name":
            return word in forms[1:]
        if forms[0] == "word":
            return word not in FALSE_FRIENDS or word in forms[1:]
        return word.endswith(forms[1:])

    def _confirmed(self, toks: Tokens, lo: int, hi: int, entry: LabelEntry, index: CompiledIndex) -> bool:
        """Whether an ambiguous one-word label is meant as the skill here."""
        surface = toks.surfaces[lo]
        label = entry[E_LABEL].strip()
        if label[:1].isupper() and not surface[:1].isupper():
            return False  # "excel at", "swift response"
        if len(toks.folded[lo]) <= 2 and surface != label and surface.upper() != label.upper():
            return False
        if len(toks.folded[lo]) <= 2 and not surface[:1].isupper():
            return False
        veto = NEXT_WORD_VETO.get(toks.folded[lo])
        if veto and hi < len(toks) and toks.folded[hi] in veto:
            return False
        if hi - lo > 1 or (entry[E_KIND] == PREF and " " in label):
            return True
        context = index.context[entry[E_SKILL]]
        a, b = max(0, lo - CONTEXT_WINDOW), min(len(toks), hi + CONTEXT_WINDOW)
        stems = toks.stems
        return any(stems[k] in context for k in range(a, b) if k < lo or k >= hi)

    # ------------------------------------------------------------------ tf-idf
    def _similar(self, vec: dict[int, float], theta: float) -> list[tuple[int, float]]:
        """Skills whose TF-IDF cosine with a sentence vector reaches theta, sharing 2+ terms."""
        postings = self._term_lists
        if postings is None:  # plain tuples and dicts go faster than the index's compact arrays
            p = self.index_.postings
            pairs = [list(p[j]) for j in range(len(p))]
            postings = self._term_lists = [(tuple(s for s, _ in ps), dict(ps)) for ps in pairs]
            heaviest: dict[int, float] = {}
            for ps in pairs:
                for s, w in ps:
                    if w > heaviest.get(s, 0.0):
                        heaviest[s] = w
            self._heaviest = heaviest
        # count shared terms in C; only the few skills sharing two or more get a cosine, summed
        # term by term in the sentence's order, as a sparse dot product would
        shared = Counter(chain.from_iterable(postings[j][0] for j in vec))
        out = []
        # a skill sharing c terms scores at most its heaviest term weight times the sentence's c
        # heaviest weights: most skills sharing a common word or two fall short without a sum
        top = list(accumulate(sorted(vec.values(), reverse=True)))
        heaviest = self._heaviest
        reach = theta - 1e-9
        for skill, count in shared.items():
            if count >= 2 and heaviest[skill] * top[count - 1] >= reach:
                cos = 0.0
                for j, w in vec.items():
                    sw = postings[j][1].get(skill)
                    if sw is not None:
                        cos += w * sw
                if cos >= theta:
                    out.append((skill, cos))
        return out

    def _similar_large(self, vec: dict[int, float], theta: float) -> list[tuple[int, float]]:
        """:meth:`_similar` with numpy, for taxonomies as large as ESCO, whose common terms
        are shared by thousands of skills. The sums are the same, term by term."""
        if self._dense is None:
            import numpy as np

            p = self.index_.postings
            self._dense = (np, np.frombuffer(p.skills, dtype=np.intc), np.frombuffer(p.weights, dtype=np.float64))
        np, skills, weights = self._dense
        offsets = self.index_.postings.offsets
        scores = np.zeros(len(self.index_.skill_ids))
        shared = np.zeros(len(self.index_.skill_ids), dtype=np.intc)
        for j, w in vec.items():
            a, b = offsets[j], offsets[j + 1]
            at = skills[a:b]
            scores[at] += w * weights[a:b]
            shared[at] += 1
        hits = np.flatnonzero((shared >= 2) & (scores >= theta))
        return [(int(skill), float(scores[skill])) for skill in hits]

    def _tfidf_mentions(
        self, toks: Tokens, index: CompiledIndex, mentions: list[_Mention],
        vetoed: set[tuple[int, int]] | frozenset[tuple[int, int]] = frozenset(),
    ) -> list[_Mention]:
        out: list[_Mention] = []
        n = len(toks)
        if n == 0:
            return out
        segs = toks.segments
        have = {segs[m.lo] for m in mentions}  # segments that name skills
        have.update(seg for seg, _ in vetoed)  # or name one in another sense
        found_anywhere = {m.skill for m in mentions}
        lo = 0
        theta = self.tfidf_threshold
        senses = index.senses
        similar = self._similar_large if len(index.skill_ids) >= LARGE_TAXONOMY else self._similar
        while lo < n:
            hi = bisect_right(segs, segs[lo], lo)  # segment numbers never decrease
            if segs[lo] in have:  # a sentence that names skills is read by its names
                lo = hi
                continue
            terms, unigrams = segment_terms(toks, lo, hi, index.stop_stems)
            if unigrams >= 3:
                for skill, cos in similar(sentence_vector(terms, index), theta):
                    if skill in found_anywhere or other_sense_in_sentence(toks, lo, hi, senses.get(skill)):
                        continue
                    out.append(_Mention(
                        skill, lo, hi, _tfidf_score(cos, theta), "tfidf",
                        toks.starts[lo], toks.ends[hi - 1],
                    ))
            lo = hi
        return out


class _CueReader:
    """The context reader over a copy of a Spanish or French text whose status cues are written
    in English (see :func:`.languages.english_cues`); answers for the text's own tokens."""

    def __init__(self, text: str, toks: Tokens, kind: str, masks: list[tuple[int, int]], lang: str,
                 english: Tokens | None = None) -> None:
        self.toks = toks
        cued, spans = english_cue_spans(text, lang)
        # the English tokens of the text, where given, with the cues spliced in: no second split
        cue_toks = None if english is None else respell(english, cued, spans) if spans else english
        self.cue_toks = tokenize(cued) if cue_toks is None else cue_toks
        self.reader = ContextReader(self.cue_toks, kind, masks)

    def status(self, lo: int, hi: int) -> str:
        starts = self.cue_toks.starts
        a = max(0, bisect_right(starts, self.toks.starts[lo]) - 1)
        b = max(a + 1, bisect_left(starts, self.toks.ends[hi - 1]))
        return self.reader.status(a, b)


def _merge(found: list[list[Match]], kind: str, max_evidence: int) -> list[Match]:
    """One match per skill from the matches of several languages' sentences."""
    if len(found) == 1:
        return found[0]
    held = "required" if kind == "job" else "claimed"
    by_skill: dict[str, list[Match]] = {}
    for matches in found:
        for m in matches:
            by_skill.setdefault(m.skill_id, []).append(m)
    out = []
    for ms in by_skill.values():
        if len(ms) == 1:
            out.append(ms[0])
            continue
        best = max(ms, key=lambda m: m.score)
        status = held if any(m.status == held for m in ms) else min((m.status for m in ms), key=_RANK.__getitem__)
        evidence = sorted({e for m in ms for e in m.evidence}, key=lambda e: e.start)[:max_evidence]
        methods = tuple(sorted({x for m in ms for x in m.methods}, key=_METHOD_ORDER.index))
        out.append(Match(best.skill_id, best.label, best.category, best.score, status, methods, tuple(evidence)))
    out.sort(key=lambda m: (-m.score, m.skill_id))
    return out


#: Word endings that show a disposition named by an -ation noun (see ``_form_fits``).
DISPOSITION_ENDINGS = ("ation", "ations", "ated", "ative", "ive")

_PHRASE_SCORES: dict[tuple[int, bool, bool, bool], float] = {}
_TRUES = [True] * 16


_T = TypeVar("_T")


def each_once(texts: Iterable[str], work: Callable[[str], list[_T]]) -> list[list[_T]]:
    """``work(text)`` for each text, in order, each distinct text done once (the first 10,000
    kept), with Python's cycle collector paused: the work makes no reference cycles, and
    scanning the growing list of results (or a freshly compiled index) over and over would
    cost a tenth of the time or more."""
    done: dict[str, list[_T]] = {}
    out = []
    collecting = gc.isenabled()
    gc.disable()
    try:
        for text in texts:
            found = done.get(text) if isinstance(text, str) else None
            if found is None:
                found = work(text)
                if len(done) < 10_000:
                    done[text] = found
            out.append(list(found))
    finally:
        if collecting:
            gc.enable()
    return out


def _check_top_k(top_k: int) -> None:
    if top_k < 1:
        raise ValueError(f"top_k must be at least 1, not {top_k}")


def _phrase_score(entry: LabelEntry, length: int, edits: int) -> float:
    key = (entry[E_KIND], entry[E_AMBIGUOUS], length >= 2, edits > 0)
    score = _PHRASE_SCORES.get(key)
    if score is None:
        score = _PHRASE_SCORES[key] = _score_phrase(entry, length, edits)
    return score


def _score_phrase(entry: LabelEntry, length: int, edits: int) -> float:
    if entry[E_KIND] == PREF:
        score = 0.95
    elif entry[E_KIND] == ALT:
        score = 0.92
    else:
        score = 0.85
    if length >= 2:
        score += 0.03
    if entry[E_AMBIGUOUS]:
        score -= 0.1
    if edits:
        score -= 0.17 if length >= 2 else 0.22
    return round(score, 4)


def _tfidf_score(cos: float, theta: float) -> float:
    # theta maps to 0.55, a perfect match to 0.8: a paraphrase never outranks a named skill
    return round(min(0.8, 0.55 + 0.25 * (cos - theta) / max(1e-9, 1.0 - theta)), 4)


_METHOD_ORDER = ("phrase", "fuzzy", "tfidf")
_ONE_METHOD = {m: (m,) for m in _METHOD_ORDER}
_RANK = {"claimed": 0, "wanted": 1, "negated": 2, "required": 0, "optional": 1}
# in a job post, "negated" ranks after "optional": a skill the post also asks for stays


def _by_score(m: _Mention) -> tuple[float, int]:
    return (-m.score, m.start)


def _by_start(m: _Mention) -> int:
    return m.start
