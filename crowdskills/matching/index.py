"""The compiled matching index: everything :class:`SkillMatcher` needs, in plain Python.

Building it needs scikit-learn (for the TF-IDF weights); using it does not, so a compiled index
can be cached on disk and loaded in milliseconds (see :mod:`crowdskills.matching.cache`).
"""

from __future__ import annotations

import math
from array import array
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from operator import mul
from typing import Any, Final

from ..models import Skill, Taxonomy
from .text import STOP_WORDS, TOKEN_RE, Tokens, fold, label_variants, stem, stem_in, tokenize

INDEX_VERSION = 6

PREF, ALT, HIDDEN = 0, 1, 2

#: Single-word labels that are also everyday words or names: they need the right case and a
#: related word nearby before they count ("Excel" the program, not "excel at"; "Swift" the
#: language, not the bird; "Java" the language, not the island).
AMBIGUOUS_WORDS = frozenset(
    "excel word access swift java go rust ruby spark dart flutter unity maya blender premiere "
    "illustrator sketch drive meet teams slack zoom notion asana monday outlook pages numbers "
    "keynote sheets docs forms square stripe wave sage gusto react angular node express "
    "spring rails flask basic pascal shell bash perl scala julia hive pig kafka airflow git "
    "jenkins windows office chrome edge safari opera photos audition animate acrobat reader "
    "capture confluence intercom buffer moz divi genesis prolific outlier scale alexa siri "
    "canvas bootstrap jquery redux vue ember backbone meteor polymer mercury gatsby next nuxt "
    "remix solid svelte deno bun elixir crystal nim haskell clojure erlang lisp prolog "
    "fortran cobol ada delphi apex lua matlab stata spss sas excel hubspot loom calendly "
    "clickup airtable coda miro mural lucid frame jira trello basecamp harvest toggl clockify "
    "premiere final cut resolve davinci logic pro tools audacity vegas nuke fusion houdini "
    "cinema marvel invision zeplin principle origami framer proto webflow wix squarespace "
    "weebly ghost medium substack grammarly hemingway scrivener trados memoq wordfast "
    "smartcat quickbooks xero freshbooks wave zoho bill expensify gusto adp paychex ledger wise c "
    "r d".split()
)
NEXT_WORD_VETO = {
    "excel": frozenset({"at", "in", "when", "under"}),
    "go": frozenset({"to", "through", "above", "beyond", "back", "out", "ahead", "over", "for", "into", "the", "a"}),
    "swift": frozenset({"response", "responses", "turnaround", "delivery", "communication", "learner"}),
}
CONTEXT_WINDOW = 25
MIN_FUZZY_LEN = 6


LabelEntry = tuple[int, int, int, str, bool]
"""One label variant at a trie node: (skill, kind, length, label, ambiguous). A plain tuple, not
a class: a cached index of ESCO's 100,000 labels then unpickles in half the time."""
E_SKILL: Final = 0
E_KIND: Final = 1
E_LENGTH: Final = 2
E_LABEL: Final = 3
E_AMBIGUOUS: Final = 4


@dataclass
class CompiledIndex:
    """Tries, vocabularies and TF-IDF postings compiled from one taxonomy."""

    digest: str
    skill_ids: list[str]
    pref_labels: list[str]
    categories: list[str]
    trie: dict[Any, Any]
    context: list[frozenset[str]]
    vocab: dict[str, list[str]]
    known: frozenset[str]
    terms: dict[str, int]
    idf: list[float]
    postings: Postings
    stop_stems: frozenset[str] = frozenset()
    """Stems of common English words (scikit-learn's list) left out of TF-IDF terms."""
    senses: dict[int, tuple[frozenset[str], frozenset[str]]] = field(default_factory=dict)
    """Skill -> (stems one of which must be near a one-word mention, stems that veto any mention)."""
    patterns: dict[str, dict[str, tuple[int, ...]]] = field(default_factory=dict)
    """Verb stem -> object stem -> skills: task wording such as "transcribe the audio"."""
    version: int = INDEX_VERSION
    lang: str = "en"
    """The language of the text this index reads (its labels: that language's, then English)."""


class Postings:
    """Each TF-IDF term's skills and weights, stored as flat arrays (CSR): a cached index of
    ESCO's 160,000 terms loads in milliseconds instead of rebuilding half a million tuples."""

    __slots__ = ("offsets", "skills", "weights")

    def __init__(self, offsets: array[int], skills: array[int], weights: array[float]) -> None:
        self.offsets = offsets
        self.skills = skills
        self.weights = weights

    @classmethod
    def from_lists(cls, by_term: list[list[tuple[int, float]]]) -> Postings:
        offsets, skills, weights = array("q", [0]), array("i"), array("d")
        for entries in by_term:
            skills.extend(s for s, _ in entries)
            weights.extend(w for _, w in entries)
            offsets.append(len(skills))
        return cls(offsets, skills, weights)

    def __getitem__(self, term: int) -> zip[tuple[int, float]]:
        """(skill, weight) pairs of one term."""
        a, b = self.offsets[term], self.offsets[term + 1]
        return zip(self.skills[a:b], self.weights[a:b])

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __reduce__(self) -> tuple[Any, ...]:
        return (Postings, (self.offsets, self.skills, self.weights))


def _compact(node: dict[Any, Any]) -> dict[Any, Any] | list[LabelEntry]:
    """The trie with each leaf ({None: entries} and nothing more) replaced by its entries list:
    half as many dicts to build when a large cached index loads. Iterative: a label of
    thousands of words must not exhaust the stack."""
    if len(node) == 1 and None in node:
        return list(node[None])
    top: dict[Any, Any] = {}
    stack = [(node, top)]
    while stack:
        source, target = stack.pop()
        for k, v in source.items():
            if k is None:
                target[k] = v
            elif len(v) == 1 and None in v:
                target[k] = list(v[None])
            else:
                child: dict[Any, Any] = {}
                target[k] = child
                stack.append((v, child))
    return top


def label_is_ambiguous(label: str) -> bool:
    words = [fold(m.group()) for m in TOKEN_RE.finditer(label)]
    words = [w for w in words if w not in STOP_WORDS]
    return len(words) == 1 and (len(words[0]) <= 2 or words[0] in AMBIGUOUS_WORDS)


#: Endings of abstract nouns the stemmer cuts back to a word of another meaning, and the
#: endings a text word then needs to stand for such a label (British and American spellings
#: alike; "-isation" also takes its verb: "prioritising", "localize").
_ISE = ("ise", "ize", "ises", "izes", "ised", "ized", "ising", "izing")
ABSTRACT_ENDINGS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("isation", "ization", "isations", "izations"), ("isation", "ization", "isations", "izations", *_ISE)),
    (("ity", "ities"), ("ity", "ities")),
    (("ence", "ences"), ("ence", "ences")),
    (("ance", "ances"), ("ance", "ances")),
    (("ness",), ("ness",)),
)


#: Everyday words that share their stem with a one-word label but seldom mean that skill:
#: "social media accounts" is no accounting (nor "accountant"), "a fixed price" no pricing,
#: "for this reason" no reasoning. They still match a label that is the word itself.
FALSE_FRIENDS = frozenset(
    "account accounts price prices priced reason reasons bill bills interpret interprets "
    "present presents".split()
)


def label_forms(label: str) -> tuple[str, ...]:
    """What a one-word label accepts beyond its stem: ``("name", form, ...)`` for a name
    (written with a capital), ``("ending", ending, ...)`` for an abstract noun, else
    ``("word", word, plural)``: any word of its stem but the FALSE_FRIENDS, unless it is one
    of those two. ``()`` for a label of several words."""
    words = [m.group() for m in TOKEN_RE.finditer(label)]
    content = [w for w in words if fold(w) not in STOP_WORDS]
    if len(content) != 1:
        return ()
    surface = content[0]
    word = fold(surface)
    if any(c.isupper() for c in surface):
        forms = {word, word + "s", word + "es"}
        if word.endswith("s"):
            forms.add(word[:-1])
        return ("name", *sorted(forms))
    for endings, accepted in ABSTRACT_ENDINGS:
        if word.endswith(endings):
            return ("ending", *accepted)
    return ("word", word, word + "s")


def deletes(word: str) -> set[str]:
    """The word with any one character removed (SymSpell's distance-1 neighbourhood)."""
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def terms_of(
    tokens: Tokens, lo: int = 0, hi: int | None = None, stop_stems: frozenset[str] = frozenset()
) -> list[str]:
    """TF-IDF terms of tokens[lo:hi]: content stems and adjacent content-stem bigrams."""
    hi = len(tokens) if hi is None else hi
    out: list[str] = []
    prev: str | None = None
    prev_seg = -1
    stems, stop, segs = tokens.stems, tokens.stop, tokens.segments
    for i in range(lo, hi):
        if stop[i]:
            continue
        s = stems[i]
        if s in stop_stems:
            prev = None
            continue
        if len(s) < 2 and not s.isdigit():
            prev = None
            continue
        out.append(s)
        if prev is not None and segs[i] == prev_seg:
            out.append(prev + " " + s)
        prev, prev_seg = s, segs[i]
    return out


def segment_terms(tokens: Tokens, lo: int, hi: int, stop_stems: frozenset[str]) -> tuple[list[str], int]:
    """:func:`terms_of` for the tokens lo..hi-1 of one segment, and how many are unigrams."""
    out: list[str] = []
    unigrams = 0
    prev: str | None = None
    for s, skip in zip(tokens.stems[lo:hi], tokens.stop[lo:hi]):
        if skip:
            continue
        if s in stop_stems or (len(s) < 2 and not s.isdigit()):
            prev = None
            continue
        out.append(s)
        unigrams += 1
        if prev is not None:
            out.append(prev + " " + s)
        prev = s
    return out, unigrams


def skill_document(skill: Any, lang: str = "en") -> str:
    if lang != "en":  # the descriptions are English: a text in another language meets the labels
        return ". ".join(label for label, _ in _labelled(skill, lang))
    return ". ".join([skill.pref_label, *skill.alt_labels, *skill.hidden_labels, skill.description])


def _labelled(skill: Any, lang: str) -> list[tuple[str, int]]:
    """(label, kind) of every label text in ``lang`` may use: in another language than English,
    its own labels, then the English ones (names and loanwords: "SQL", "data entry")."""
    english = [(skill.pref_label, PREF)] + [(a, ALT) for a in skill.alt_labels]
    english += [(h, HIDDEN) for h in skill.hidden_labels]
    if lang == "en":
        return english
    local = skill.local(lang)
    if local is None:
        return [(label, ALT if kind == PREF else kind) for label, kind in english]
    own = [(local.pref_label, PREF)] + [(a, ALT) for a in local.alt_labels]
    own += [(h, HIDDEN) for h in local.hidden_labels]
    return own + [(label, ALT if kind == PREF else kind) for label, kind in english]


def compile_index(taxonomy: Taxonomy, digest: str = "", *, lang: str = "en") -> CompiledIndex:
    """Compile ``taxonomy`` into a :class:`CompiledIndex` for text in ``lang`` (imports scikit-learn)."""
    skills = sorted(taxonomy, key=lambda s: s.id)
    trie: dict[Any, Any] = {}
    label_limits: dict[str, tuple[str, ...]] = {}

    def limits_of(label: str) -> tuple[str, ...]:
        """A name's or abstract noun's word forms; () for any other label."""
        found = label_limits.get(label)
        if found is None:
            forms = label_forms(label)
            found = label_limits[label] = forms if forms and forms[0] != "word" else ()
        return found

    vocab_words: set[str] = set()
    for i, skill in enumerate(skills):
        for label, kind in _labelled(skill, lang):
            ambiguous = label_is_ambiguous(label)
            for variant in label_variants(label, lang):
                node = trie
                for s in variant:
                    node = node.setdefault(s, {})
                entries = node.setdefault(None, [])
                entry: LabelEntry = (i, kind, len(variant), label, ambiguous)
                # one entry per skill and key, the best kind of label winning; but "reliable"
                # stays beside "reliability", which accepts fewer word forms (see label_forms).
                # Hidden labels, mostly misspellings ("excell"), never add an entry of their own.
                limits = limits_of(label)
                for k, old in enumerate(entries):
                    if old[E_SKILL] == i and (kind == HIDDEN or limits_of(old[E_LABEL]) == limits):
                        if (kind, ambiguous) < (old[E_KIND], old[E_AMBIGUOUS]):
                            entries[k] = entry
                        break
                else:
                    entries.append(entry)
            for m in TOKEN_RE.finditer(label):
                w = fold(m.group())
                if w not in STOP_WORDS and len(w) >= MIN_FUZZY_LEN - 1 and w.isalpha():
                    vocab_words.add(w)

    # words near an ambiguous label that confirm it: labels of skills in the same area
    def labels_of(skill: Any) -> list[str]:
        return [label for label, _ in _labelled(skill, lang)]

    by_area: dict[str, set[str]] = {}
    for skill in skills:
        area = skill.subcategory or skill.category
        bag = by_area.setdefault(area, set())
        for label in labels_of(skill):
            toks = tokenize(label, lang)
            bag.update(s for s, f, stop in zip(toks.stems, toks.folded, toks.stop) if not stop and len(f) > 2)
    context: list[frozenset[str]] = []
    for skill in skills:
        own = {stem_in(fold(m.group()), lang) for label in labels_of(skill) if label_is_ambiguous(label)
               for m in TOKEN_RE.finditer(label)}
        if not own:  # only ambiguous labels are checked against their context
            context.append(frozenset())
            continue
        words = set(by_area.get(skill.subcategory or skill.category, set()))
        if lang == "en":
            words |= {t for t in tokenize(skill.description).stems if len(t) > 3}
        for rid in (*skill.related, *skill.broader):
            if rid in taxonomy.skills:
                for label in labels_of(taxonomy.skills[rid]):
                    words |= set(tokenize(label, lang).stems)
        context.append(frozenset(words - own - STOP_WORDS))

    vocab: dict[str, list[str]] = {}
    for w in sorted(vocab_words):
        for key in {w} | deletes(w):
            vocab.setdefault(key, []).append(w)

    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    if lang == "en":
        stop_stems = frozenset(stem(w) for w in ENGLISH_STOP_WORDS) - {stem(w) for w in vocab_words}
    else:
        from .languages import FUNCTION_WORDS

        stop_stems = frozenset(tokenize(" ".join(FUNCTION_WORDS[lang]), lang).stems)
    docs = [terms_of(tokenize(skill_document(s, lang), lang), stop_stems=stop_stems) for s in skills]

    vectorizer = TfidfVectorizer(analyzer=_identity, sublinear_tf=True, norm="l2")
    matrix = vectorizer.fit_transform(docs).tocsr()
    terms = {t: int(j) for t, j in vectorizer.vocabulary_.items()}
    by_term: list[list[tuple[int, float]]] = [[] for _ in terms]
    for i in range(matrix.shape[0]):
        row = matrix.getrow(i)
        for j, w in zip(row.indices, row.data):
            by_term[int(j)].append((i, float(w)))
    postings = Postings.from_lists(by_term)
    known = frozenset(t for d in docs for t in d if " " not in t)
    # senses and task patterns are English words: an index for another language does without them
    senses, patterns = _senses_and_patterns(skills) if lang == "en" else ({}, {})
    return CompiledIndex(
        digest=digest,
        skill_ids=[s.id for s in skills],
        pref_labels=[s.pref_label for s in skills],
        categories=[s.category for s in skills],
        trie={k: _compact(v) for k, v in trie.items()},  # the root is never a leaf
        context=context,
        vocab=vocab,
        known=known,
        terms=terms,
        idf=[float(x) for x in vectorizer.idf_],
        postings=postings,
        stop_stems=stop_stems,
        senses=senses,
        patterns=patterns,
        lang=lang,
    )


def _stems(words: Iterable[str]) -> frozenset[str]:
    return frozenset(t for w in words for t in tokenize(w).stems)


def _senses_and_patterns(
    skills: Sequence[Skill],
) -> tuple[dict[int, tuple[frozenset[str], frozenset[str]]], dict[str, dict[str, tuple[int, ...]]]]:
    senses = {i: (_stems(s.context_requires), _stems(s.context_excludes))
              for i, s in enumerate(skills) if s.context_requires or s.context_excludes}
    patterns: dict[str, dict[str, tuple[int, ...]]] = {}
    for i, s in enumerate(skills):
        for p in s.patterns:
            for verb in _stems(p.verbs):
                by_object = patterns.setdefault(verb, {})
                for obj in _stems(p.objects):
                    if i not in by_object.get(obj, ()):
                        by_object[obj] = (*by_object.get(obj, ()), i)
    return senses, patterns


def _identity(doc: list[str]) -> list[str]:
    return doc


def sentence_vector(terms: list[str], index: CompiledIndex) -> dict[int, float]:
    """The l2-normalised sublinear TF-IDF vector of a sentence, as sklearn computes it."""
    # counted in C; terms the taxonomy does not use count as None, and are dropped
    counts: Counter[int] = Counter(map(index.terms.get, terms))  # type: ignore[arg-type]
    counts.pop(None, None)  # type: ignore[call-overload]
    if not counts:
        return {}
    idf = index.idf
    vec = {j: idf[j] if c == 1 else (1.0 + math.log(c)) * idf[j] for j, c in counts.items()}
    values = list(vec.values())
    norm = math.sqrt(sum(map(mul, values, values)))
    return {j: v / norm for j, v in vec.items()}
