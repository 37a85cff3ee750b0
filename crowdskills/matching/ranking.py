"""Ranking every skill of a taxonomy for a text, best first, even below the detection threshold.

:meth:`SkillMatcher.rank` fuses four signals, each in [0, 1]:

1. **detected**: the score :meth:`SkillMatcher.match` gives a skill the text names (phrase,
   fuzzy or paraphrase), else 0;
2. **chars**: character n-gram (2-5) TF-IDF cosine between the skill's labels and the text's best
   window of 1-6 words, blended with the whole text (0.3 window + 0.7 text); alternative labels
   count a little less than the preferred label;
3. **words**: the word TF-IDF cosine of the whole text with the skill's labels and description
   (the matcher's own index);
4. **labels**: word TF-IDF (content stems, sublinear tf, fitted on the labels) of the skill's best
   label, preferred or alternative alike: the geometric mean of its cosine with the text and of
   the share of the label's weight the text holds, so that a long sentence naming a label in
   full counts as much as the label alone.

and then a **co-occurrence boost** (``related``): the RELATED_TOP best skills by the signals
other than characters (those known exactly for every skill at little cost) gain up to
RELATED_WEIGHT times the best score, by how much the roles of the taxonomy (ESCO's occupations,
when imported) need each of them together with the others, weighted by their scores: skills a
job ad names together are often those an occupation needs together.

The weights of the first three signals were chosen on the ESCO skill-extraction validation
sentences (TECH and HOUSE) with ``benchmarks/esco_benchmark.py --sweep``; the label-word weight
(0.2 beside 0.35/0.3/0.35) and the boost (30 skills, 0.05) were chosen on TECH validation and
confirmed on HOUSE validation. The test splits were not used.

**Candidates first.** Scoring every label of ESCO (94,563 of them) against every window of a
sentence costs about 80 ms. :func:`rank` therefore scores every skill cheaply first: the
detection and word signals and the boost exactly (they are sparse), the character signal by a
proxy from the rarer n-grams only (those found in at most :data:`PROXY_MAX_DF` labels), kept per
skill: the most any of its labels gets from each n-gram towards its cosine with the text and
towards the share of its weight the text holds. The :data:`CANDIDATES` best skills by the fused
proxy, and every detected or boosted skill, are then scored exactly as above: their labels'
whole-text cosines first, then the windows, label by label in order of an upper bound (a best
window of 1), until no label left can reach the top ``k``. So the top ``k`` of the candidates is
exact; a skill the proxy leaves out of the candidates is the only way to differ from
:func:`rank_reference`, which scores every skill exactly. The tests check that both agree on the
top 10 of validation sentences.

Character and label-word vectors, and the skills x roles matrix, need scikit-learn to build
(ten seconds for ESCO); they are then kept as arrays in a ``.npz`` file beside the cached index
(see :mod:`crowdskills.matching.ranking_cache`) and load in a fraction of a second.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .index import sentence_vector, terms_of
from .text import tokenize

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .matcher import SkillMatcher

RAW_WEIGHTS = {"detected": 0.35, "chars": 0.3, "words": 0.35, "labels": 0.2}
WEIGHTS = {k: v / sum(RAW_WEIGHTS.values()) for k, v in RAW_WEIGHTS.items()}  # scores in [0, 1]
#: The co-occurrence rerank: each of the RELATED_TOP best skills gains up to RELATED_WEIGHT times
#: the best score, by how often the roles of the taxonomy need it together with the others.
RELATED_TOP = 30
RELATED_WEIGHT = 0.05
ALT_WEIGHT = 0.85
WINDOW_SHARE = 0.3
MAX_WINDOW = 6
NGRAMS = (2, 5)
#: Skills scored exactly per text, beside every detected skill.
CANDIDATES = 75
#: The character proxy uses the n-grams of at least PROXY_MIN_N characters found in at most
#: PROXY_MAX_DF labels: the common ones would be most of its cost and tell little apart.
PROXY_MIN_N = 2
PROXY_MAX_DF = 3000
_WORD_CACHE = 100_000
_MAX_CELLS = 2_000_000  # label x window similarities held at once
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Ranked:
    """A skill's place in a ranking, the signals behind its score, and the words that show it.

    ``evidence`` is the detected mention, else the window of 1-6 words most like the skill's
    best label (``start``/``end`` are character offsets in the text); empty when no window
    shares a character n-gram with the skill's labels.
    """

    skill_id: str
    label: str
    score: float
    detected: float
    chars: float
    words: float
    evidence: str = ""
    start: int = 0
    end: int = 0
    labels: float = 0.0
    related: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"skill_id": self.skill_id, "label": self.label, "score": self.score,
                "detected": self.detected, "chars": self.chars, "words": self.words,
                "labels": self.labels, "related": self.related,
                "evidence": {"start": self.start, "end": self.end, "text": self.evidence}}


class LabelVectors:
    """Character n-gram TF-IDF vectors of every label, and which skill each belongs to.

    The arrays (see :meth:`to_arrays`) are all it needs: vectorising a text is done here, word by
    word, exactly as scikit-learn's ``TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
    sublinear_tf=True)`` would (``char_wb`` n-grams never cross a space, so a window's counts are
    the sum of its words' counts).
    """

    def __init__(self, arrays: dict[str, Any]) -> None:
        import numpy as np
        import scipy.sparse as sp

        self.np = np
        self.sp = sp
        self.terms: list[str] = arrays["terms"].tolist()
        self.vocabulary = dict(zip(self.terms, range(len(self.terms))))
        self.idf = arrays["idf"]
        self.owners = arrays["owners"]
        self.weights = arrays["weights"]
        n_labels, n_features = len(self.owners), len(self.terms)
        self.matrix = sp.csr_matrix(  # labels x features, rows l2-normalised
            (arrays["data"], arrays["indices"], arrays["indptr"]), shape=(n_labels, n_features))
        self.n_skills = int(arrays["n_skills"])
        self.starts = np.searchsorted(self.owners, np.arange(self.n_skills + 1))  # skill -> its labels
        # features x skills, rarer n-grams only: per skill, the most any of its labels gets from
        # the n-gram towards its cosine with a text (times the text's weight) and towards the
        # share of the label's weight the text holds
        self.proxy_indptr = arrays["proxy_indptr"]
        self.proxy_skills = arrays["proxy_skills"]
        self.proxy_whole = arrays["proxy_whole"]
        self.proxy_share = arrays["proxy_share"]
        # word TF-IDF of each label (stems, sublinear tf), as postings: term -> labels
        self.word_terms: dict[str, int] = dict(zip(arrays["word_terms"].tolist(), range(len(arrays["word_terms"]))))
        self.word_idf = arrays["word_idf"]
        self.word_indptr = arrays["word_indptr"]
        self.word_labels = arrays["word_labels"]
        self.word_data = arrays["word_data"]
        self._word_weights = self.word_data.astype(np.float64)
        self._word_squares = self._word_weights * self._word_weights
        # skills x roles of the taxonomy (essential 1, optional 0.5; idf-weighted, rows l2-normalised)
        self.roles = sp.csr_matrix((arrays["role_data"], arrays["role_ids"], arrays["role_indptr"]),
                                   shape=(self.n_skills, int(arrays["n_roles"])))
        self._words: dict[str, tuple[Any, Any]] = {}
        self._windows: dict[int, Any] = {}

    @classmethod
    def build(cls, matcher: SkillMatcher) -> LabelVectors:
        """Fit the vectors on the labels of the matcher's taxonomy (imports scikit-learn)."""
        import numpy as np
        import scipy.sparse as sp
        from sklearn.feature_extraction.text import TfidfVectorizer

        index = matcher.index_
        taxonomy = matcher.taxonomy_
        labels: list[str] = []
        raw: list[str] = []
        owners: list[int] = []
        weights: list[float] = []
        for i, sid in enumerate(index.skill_ids):
            skill = taxonomy.skills[sid]
            for k, label in enumerate((skill.pref_label, *skill.alt_labels)):
                raw.append(label)
                labels.append(label.lower())
                owners.append(i)
                weights.append(1.0 if k == 0 else ALT_WEIGHT)
        vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True, dtype=np.float32)
        matrix = vectorizer.fit_transform(labels).tocsr()
        matrix.sort_indices()
        terms = np.empty(len(vectorizer.vocabulary_), dtype=object)
        for term, j in vectorizer.vocabulary_.items():
            terms[j] = term
        lengths = np.fromiter(map(len, terms), dtype=np.int64, count=len(terms))
        df = np.bincount(matrix.indices, minlength=len(terms))
        rare = (lengths >= PROXY_MIN_N) & (df <= PROXY_MAX_DF)
        kept = matrix.multiply(rare[None, :].astype(np.float32)).tocoo()
        kept.eliminate_zeros()
        owner = np.asarray(owners, dtype=np.int32)
        label_weight = np.asarray(weights, dtype=np.float32)
        mass = np.bincount(kept.row, weights=kept.data, minlength=len(labels))
        whole = kept.data * (1 - WINDOW_SHARE) * label_weight[kept.row]
        share = kept.data * WINDOW_SHARE * label_weight[kept.row] / np.maximum(mass[kept.row], 1e-9)
        skill, feature = owner[kept.row], kept.col
        order = np.lexsort((skill, feature))
        skill, feature, whole, share = skill[order], feature[order], whole[order], share[order]
        first = np.flatnonzero(np.diff(feature, prepend=-1) | np.diff(skill, prepend=-1))
        words = TfidfVectorizer(analyzer=label_words, sublinear_tf=True, dtype=np.float32)
        try:
            postings = words.fit_transform(raw).T.tocsr()  # terms x labels
            vocabulary, word_idf = words.vocabulary_, words.idf_
        except ValueError:  # no label has a content word
            postings, vocabulary, word_idf = sp.csr_matrix((0, len(raw)), dtype=np.float32), {}, np.zeros(0)
        postings.sort_indices()
        word_terms = np.empty(len(vocabulary), dtype=object)
        for term, j in vocabulary.items():
            word_terms[j] = term
        return cls({
            **_role_arrays(matcher),
            "word_terms": word_terms.astype(str), "word_idf": word_idf.astype(np.float32),
            "word_indptr": postings.indptr.astype(np.int64), "word_labels": postings.indices.astype(np.int32),
            "word_data": postings.data.astype(np.float32),
            "terms": terms.astype(str), "idf": vectorizer.idf_.astype(np.float32),
            "data": matrix.data, "indices": matrix.indices, "indptr": matrix.indptr,
            "owners": owner, "weights": label_weight, "n_skills": np.int64(len(index.skill_ids)),
            "proxy_indptr": np.searchsorted(feature[first], np.arange(len(terms) + 1)).astype(np.int64),
            "proxy_skills": skill[first].astype(np.int32),
            "proxy_whole": np.maximum.reduceat(whole, first).astype(np.float32),
            "proxy_share": np.maximum.reduceat(share, first).astype(np.float32),
        })

    def to_arrays(self) -> dict[str, Any]:
        """Everything :meth:`__init__` needs, as plain numpy arrays (no Python objects)."""
        np = self.np
        return {
            "terms": np.asarray(self.terms, dtype=str), "idf": self.idf,
            "data": self.matrix.data, "indices": self.matrix.indices, "indptr": self.matrix.indptr,
            "owners": self.owners, "weights": self.weights, "n_skills": np.int64(self.n_skills),
            "proxy_indptr": self.proxy_indptr, "proxy_skills": self.proxy_skills,
            "proxy_whole": self.proxy_whole, "proxy_share": self.proxy_share,
            "word_terms": np.asarray(list(self.word_terms), dtype=str), "word_idf": self.word_idf,
            "word_indptr": self.word_indptr, "word_labels": self.word_labels, "word_data": self.word_data,
            "role_data": self.roles.data, "role_ids": self.roles.indices, "role_indptr": self.roles.indptr,
            "n_roles": np.int64(self.roles.shape[1]),
        }

    # ------------------------------------------------------------------ text side
    def _word(self, word: str) -> tuple[Any, Any]:
        """The feature ids and counts of one lower-case word's padded n-grams."""
        found = self._words.get(word)
        if found is None:
            padded = f" {word} "
            counts: dict[int, float] = {}
            vocabulary = self.vocabulary
            lo, hi = NGRAMS
            for n in range(lo, hi + 1):
                last = max(len(padded) - n, 0)
                for off in range(last + 1):
                    j = vocabulary.get(padded[off:off + n])
                    if j is not None:
                        counts[j] = counts.get(j, 0.0) + 1.0
                if last == 0:  # a word shorter than n counts once, as scikit-learn does
                    break
            np = self.np
            found = (np.fromiter(counts.keys(), dtype=np.int32, count=len(counts)),
                     np.fromiter(counts.values(), dtype=np.float32, count=len(counts)))
            if len(self._words) >= _WORD_CACHE:
                self._words.clear()  # memory stays flat over a corpus of any size
            self._words[word] = found
        return found

    def _window_matrix(self, n: int) -> Any:
        """Which of ``n`` words each query row sums: the whole text, then every window of 1-6 words."""
        found = self._windows.get(n)
        if found is None:
            np = self.np
            rows, cols = [0] * n, list(range(n))
            r = 1
            for a in range(n):
                for b in range(a + 1, min(n, a + MAX_WINDOW) + 1):
                    rows.extend([r] * (b - a))
                    cols.extend(range(a, b))
                    r += 1
            found = self.sp.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(r, n))
            if n <= 200:
                self._windows[n] = found
        return found

    def queries(self, words: list[str]) -> Any:
        """TF-IDF rows (l2-normalised) of the whole text, then of each window of 1-6 words."""
        np, sp = self.np, self.sp
        feats = [self._word(w) for w in words]
        n = len(words)
        if n == 0:
            return sp.csr_matrix((1, len(self.terms)), dtype=np.float32)
        ptr = np.zeros(n + 1, dtype=np.int64)
        ptr[1:] = np.cumsum([len(f[0]) for f in feats])
        counts = sp.csr_matrix((np.concatenate([f[1] for f in feats]), np.concatenate([f[0] for f in feats]), ptr),
                               shape=(n, len(self.terms)))
        q = (self._window_matrix(n) @ counts).tocsr()
        q.data = (1 + np.log(q.data)) * self.idf[q.indices]
        per_row = np.diff(q.indptr)
        norms = np.sqrt(np.bincount(np.repeat(np.arange(q.shape[0]), per_row), weights=q.data * q.data,
                                    minlength=q.shape[0])).astype(np.float32)
        norms[norms == 0] = 1
        q.data /= np.repeat(norms, per_row)
        return q

    # ------------------------------------------------------------------ label side
    def label_scores(self, qt: Any, labels: Any) -> tuple[Any, Any]:
        """For the given labels and the text's rows ``qt`` (:meth:`queries`, transposed to CSR):
        the weighted blend of window and whole-text similarity, and the best window's row (0 when
        no window shares an n-gram with the label)."""
        np = self.np
        step = max(1, _MAX_CELLS // qt.shape[1])
        if len(labels) > step:  # a long text has many windows: keep the dense block small
            parts = [self.label_scores(qt, labels[i:i + step]) for i in range(0, len(labels), step)]
            return np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts])
        data, indices, indptr = self._rows(labels)
        rows = self.sp.csr_matrix((data, indices, indptr), shape=(len(labels), len(self.terms)))
        sims = (rows @ qt).toarray()  # labels x (1 + windows)
        whole = sims[:, 0]
        if sims.shape[1] > 1:
            best_row = sims[:, 1:].argmax(axis=1)
            best = sims[np.arange(len(whole)), best_row + 1]
            best_row = np.where(best > 0, best_row + 1, 0)
        else:
            best, best_row = whole, np.zeros(len(whole), dtype=np.int64)
        return ((1 - WINDOW_SHARE) * whole + WINDOW_SHARE * best) * self.weights[labels], best_row

    def whole_scores(self, q: Any, labels: Any) -> Any:
        """The whole text's cosine with each of the given labels."""
        np = self.np
        text = np.zeros(len(self.terms), dtype=np.float32)
        end = q.indptr[1]
        text[q.indices[:end]] = q.data[:end]
        data, indices, indptr = self._rows(labels)
        nnz = len(data)
        if nnz == 0:
            return np.zeros(len(labels))
        sums = np.add.reduceat(data * text[indices], np.minimum(indptr[:-1], nnz - 1))
        return np.where(np.diff(indptr) > 0, sums, 0.0)

    def _rows(self, labels: Any) -> tuple[Any, Any, Any]:
        """The CSR arrays of the given labels' rows (as ``matrix[labels]``, without its overhead)."""
        np = self.np
        ptr = self.matrix.indptr
        sizes = ptr[labels + 1] - ptr[labels]
        indptr = np.zeros(len(labels) + 1, dtype=np.int64)
        np.cumsum(sizes, out=indptr[1:])
        at = np.repeat(ptr[labels] - indptr[:-1], sizes) + np.arange(int(indptr[-1]))
        return self.matrix.data[at], self.matrix.indices[at], indptr

    def scores(self, text: str) -> Any:
        """Per skill, the best label's blend of window and whole-text similarity: every label scored."""
        np = self.np
        per_label, _ = self.label_scores(self.queries(text.lower().split()).T.tocsr(), np.arange(len(self.owners)))
        return np.maximum.reduceat(per_label, self.starts[:-1])

    def proxy_scores(self, q: Any) -> Any:
        """Per skill, a cheap stand-in for its character score from the text's rarer n-grams."""
        np = self.np
        end = q.indptr[1]
        features, text_weights = q.indices[:end], q.data[:end]
        ptr = self.proxy_indptr
        lo, sizes = ptr[features], ptr[features + 1] - ptr[features]
        total = int(sizes.sum())
        if total == 0:
            return np.zeros(self.n_skills)
        at = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(total)  # every posting entry
        blend = self.proxy_whole[at] * np.repeat(text_weights, sizes) + self.proxy_share[at]
        return np.bincount(self.proxy_skills[at], weights=blend, minlength=self.n_skills)


    def label_words_scores(self, terms: list[str]) -> Any:
        """Per skill, its best label's word score: the geometric mean of the label's cosine with
        the text and the share of the label's squared weight the text holds (so a long text that
        names a short label in full scores as well as a text that is only that label)."""
        np = self.np
        scores = np.zeros(self.n_skills)
        counts: dict[int, int] = {}
        vocabulary = self.word_terms
        for t in terms:
            j = vocabulary.get(t)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            return scores
        features = np.fromiter(counts.keys(), dtype=np.int64, count=len(counts))
        q = (1 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts)))) * self.word_idf[features]
        q /= np.sqrt((q * q).sum())
        ptr = self.word_indptr
        lo, sizes = ptr[features], ptr[features + 1] - ptr[features]
        total = int(sizes.sum())
        at = np.repeat(lo - np.cumsum(sizes) + sizes, sizes) + np.arange(total)
        labels = self.word_labels[at]
        n_labels = len(self.owners)
        cosine = np.bincount(labels, weights=self._word_weights[at] * np.repeat(q, sizes), minlength=n_labels)
        share = np.bincount(labels, weights=self._word_squares[at], minlength=n_labels)
        np.maximum.at(scores, self.owners[labels], np.sqrt(cosine[labels] * share[labels]))
        return scores

    def related_boost(self, top: Any, scores: Any, weight: float = RELATED_WEIGHT) -> Any:
        """The co-occurrence boost of each of the ``top`` skills (scores ``scores``, best first):
        how much the roles of the taxonomy need it together with the others, weighted by their
        scores, relative to the most any of them gets, times RELATED_WEIGHT and the best score."""
        np = self.np
        if len(top) < 2 or self.roles.nnz == 0:
            return np.zeros(len(top))
        ptr = self.roles.indptr
        sizes = ptr[top + 1] - ptr[top]
        at = np.repeat(ptr[top] - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
        roles, column = np.unique(self.roles.indices[at], return_inverse=True)
        block = np.zeros((len(top), len(roles)))  # the skills x the roles that need any of them
        block[np.repeat(np.arange(len(top)), sizes), column] = self.roles.data[at]
        together = block @ block.T
        np.fill_diagonal(together, 0)
        prior = together @ scores
        most = prior.max()
        if most <= 0:
            return np.zeros(len(top))
        return weight * prior / most * scores.max()


def label_words(text: str) -> list[str]:
    """The words of a label or a text for the label-word signal: content stems of two or more
    characters (the matcher's tokenizer and stemmer)."""
    return _label_terms(tokenize(text))


def _role_arrays(matcher: SkillMatcher) -> dict[str, Any]:
    """Skills x roles of the matcher's taxonomy (essential 1, optional 0.5), each role weighted
    by ``log(1 + skills / skills it needs)``, each skill's row l2-normalised."""
    import numpy as np
    import scipy.sparse as sp

    index = matcher.index_
    position = {sid: i for i, sid in enumerate(index.skill_ids)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    roles = list(matcher.taxonomy_.roles.values())
    for r, role in enumerate(roles):
        for need in role.skills:
            i = position.get(need.skill)
            if i is not None:
                rows.append(i)
                cols.append(r)
                vals.append(1.0 if need.relation == "essential" else 0.5)
    n = len(index.skill_ids)
    m = sp.csr_matrix((np.asarray(vals, dtype=np.float32), (rows, cols)), shape=(n, len(roles)))
    m.sum_duplicates()
    m.data = np.minimum(m.data, 1)
    needs = np.bincount(m.indices, minlength=len(roles))
    m = (m @ sp.diags(np.log(1 + n / np.maximum(needs, 1)).astype(np.float32))).tocsr()
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    m = (sp.diags((1 / norms).astype(np.float32)) @ m).tocsr()
    m.sort_indices()
    return {"role_data": m.data.astype(np.float32), "role_ids": m.indices.astype(np.int32),
            "role_indptr": m.indptr.astype(np.int64), "n_roles": np.int64(len(roles))}


def label_vectors(matcher: SkillMatcher) -> LabelVectors:
    """The matcher's label vectors: kept on the matcher, else from the cache, else built (and cached)."""
    if matcher._label_vectors is None:
        from .ranking_cache import load_label_vectors

        matcher._label_vectors = load_label_vectors(matcher)
    vectors: LabelVectors = matcher._label_vectors
    return vectors


def _detected(matcher: SkillMatcher, text: str) -> tuple[Any, dict[int, tuple[int, int, str]]]:
    import numpy as np

    index = matcher.index_
    if matcher._positions is None:
        matcher._positions = {sid: i for i, sid in enumerate(index.skill_ids)}
    position = matcher._positions
    detected = np.zeros(len(index.skill_ids))
    evidence: dict[int, tuple[int, int, str]] = {}
    for m in matcher.match(text, kind="job"):
        i = position[m.skill_id]
        detected[i] = m.score
        if m.evidence:
            e = m.evidence[0]
            evidence[i] = (e.start, e.end, e.text)
    return detected, evidence


def _words(matcher: SkillMatcher, tokens: Any) -> Any:
    """The word TF-IDF cosine of a text (its ``tokens``) with every skill, from the index's postings."""
    import numpy as np

    index = matcher.index_
    words = np.zeros(len(index.skill_ids))
    vec = sentence_vector(terms_of(tokens, stop_stems=index.stop_stems), index)
    if vec:
        postings = index.postings
        skills = np.frombuffer(postings.skills, dtype=np.int32)
        weights = np.frombuffer(postings.weights, dtype=np.float64)
        offsets = postings.offsets
        spans = [(offsets[j], offsets[j + 1], w) for j, w in vec.items()]
        idx = np.concatenate([skills[a:b] for a, b, _ in spans])
        val = np.concatenate([weights[a:b] * w for a, b, w in spans])
        words += np.bincount(idx, weights=val, minlength=len(words))
    return words


def _label_terms(tokens: Any) -> list[str]:
    return [s for s, stop in zip(tokens.stems, tokens.stop) if not stop and len(s) > 1]


def signals(matcher: SkillMatcher, text: str) -> dict[str, Any]:
    """The four signals for every skill of the taxonomy, exactly, as arrays in index order."""
    matcher._check_fitted()
    vectors = label_vectors(matcher)
    detected, _ = _detected(matcher, text)
    tokens = tokenize(text)
    return {"detected": detected, "chars": vectors.scores(text), "words": _words(matcher, tokens),
            "labels": vectors.label_words_scores(_label_terms(tokens))}


def fuse(
    vectors: LabelVectors, parts: dict[str, Any], weights: dict[str, float] | None = None,
    related: float = RELATED_WEIGHT,
) -> Any:
    """The final score of every skill from its exact signals (:func:`signals`): the weighted sum,
    plus the co-occurrence boost of the RELATED_TOP best by the signals other than characters
    (those above 0; ties by index order), over ``1 + RELATED_WEIGHT`` so that scores stay in
    [0, 1]."""
    w = weights or WEIGHTS
    known = w["detected"] * parts["detected"] + w["words"] * parts["words"] + w["labels"] * parts["labels"]
    pool = _pool(known)
    boost = vectors.np.zeros(len(known))
    boost[pool] = vectors.related_boost(pool, known[pool], related)
    return (known + boost + w["chars"] * parts["chars"]) / (1 + related)


def _pool(known: Any) -> Any:
    """The RELATED_TOP skills of highest ``known`` score above 0, best first, ties by index."""
    import numpy as np

    some = np.flatnonzero(known > 0)
    if len(some) > RELATED_TOP:
        kth = -np.partition(-known[some], RELATED_TOP - 1)[RELATED_TOP - 1]
        some = some[known[some] >= kth]
    return some[np.lexsort((some, -known[some]))][:RELATED_TOP]


def rank_reference(
    matcher: SkillMatcher, text: str, top_k: int = 10, weights: dict[str, float] | None = None,
) -> list[tuple[str, float]]:
    """``(skill id, score)`` of the ``top_k`` best skills with every skill scored exactly (slow:
    the yardstick :func:`rank` is tested against)."""
    import numpy as np

    total = fuse(label_vectors(matcher), signals(matcher, text), weights)
    ids = matcher.index_.skill_ids
    return [(ids[i], float(total[i])) for i in np.argsort(-total, kind="stable")[:top_k]]


def rank(matcher: SkillMatcher, text: str, top_k: int = 10, weights: dict[str, float] | None = None) -> list[Ranked]:
    """The ``top_k`` skills of the matcher's taxonomy for ``text``, best first (ties by index order)."""
    import numpy as np

    index = matcher._check_fitted()
    vectors = label_vectors(matcher)
    w = weights or WEIGHTS
    spans = [(m.start(), m.end()) for m in _WORDS.finditer(text)]
    q = vectors.queries([text[a:b].lower() for a, b in spans])
    detected, evidence = _detected(matcher, text)
    tokens = tokenize(text)
    words = _words(matcher, tokens)
    label_scores = vectors.label_words_scores(_label_terms(tokens))
    known = w["detected"] * detected + w["words"] * words + w["labels"] * label_scores
    n = vectors.n_skills
    # the co-occurrence boost goes to the RELATED_TOP best by the signals known exactly (which
    # are then candidates too)
    pool = _pool(known)
    boost = np.zeros(n)
    boost[pool] = vectors.related_boost(pool, known[pool])
    known = known + boost
    if n > CANDIDATES:
        proxy = known + w["chars"] * vectors.proxy_scores(q)
        cand = np.unique(np.concatenate((np.argpartition(-proxy, CANDIDATES)[:CANDIDATES],
                                         np.flatnonzero(detected), pool)))
    else:
        cand = np.arange(n)
    labels, owner, whole = _candidate_labels(vectors, q, cand)
    top, chars, best_row = _exact_top(vectors, q, cand, known, w["chars"], top_k, labels, owner, whole)
    total = (known[top] + w["chars"] * chars) / (1 + RELATED_WEIGHT)
    windows = [(a, b) for a in range(len(spans)) for b in range(a + 1, min(len(spans), a + MAX_WINDOW) + 1)]
    out = []
    for k, i in enumerate(top.tolist()):
        if i in evidence:
            start, end, shown = evidence[i]
        else:
            row = int(best_row[k])
            if row == 0:
                start = end = 0
            else:
                a, b = windows[row - 1]
                start, end = spans[a][0], spans[b - 1][1]
            shown = text[start:end]
        out.append(Ranked(index.skill_ids[i], index.pref_labels[i], round(float(total[k]), 4),
                          round(float(detected[i]), 4), round(float(chars[k]), 4), round(float(words[i]), 4),
                          shown, start, end, round(float(label_scores[i]), 4),
                          round(float(boost[i] / (1 + RELATED_WEIGHT)), 4)))
    return out


def _candidate_labels(vectors: LabelVectors, q: Any, cand: Any) -> tuple[Any, Any, Any]:
    """The labels of the candidate skills (grouped by skill, in ``cand`` order), their owners,
    and each label's whole-text cosine with the text."""
    import numpy as np

    starts = vectors.starts
    sizes = starts[cand + 1] - starts[cand]
    labels = np.repeat(starts[cand] - np.cumsum(sizes) + sizes, sizes) + np.arange(int(sizes.sum()))
    return labels, np.repeat(cand, sizes), vectors.whole_scores(q, labels)


def _exact_top(
    vectors: LabelVectors, q: Any, cand: Any, known: Any, w_chars: float, top_k: int,
    labels: Any, owner: Any, whole: Any,
) -> tuple[Any, Any, Any]:
    """The ``top_k`` best of the candidate skills by the exact fused score: their indexes, best
    label's character score and that label's best window row, best first (ties by index).

    Windows cost the most, so labels are scored exactly in order of an upper bound (the
    whole-text similarity, and a best window of 1), until no label left can reach the top.
    """
    import numpy as np

    qt = q.T.tocsr()
    base = known[owner]
    bound = base + w_chars * vectors.weights[labels] * ((1 - WINDOW_SHARE) * whole + WINDOW_SHARE) + 1e-6
    order = np.argsort(-bound, kind="stable")
    exact = np.full(len(labels), -1.0)
    per_label = np.zeros(len(labels), dtype=np.float32)
    rows = np.zeros(len(labels), dtype=np.int64)
    best = np.full(vectors.n_skills, -1.0)
    ranked_bounds = -bound[order]  # ascending
    done, step = 0, 2 * top_k + 8
    while done < len(order) and step > 0:
        take = order[done:done + step]
        done += len(take)
        per_label[take], rows[take] = vectors.label_scores(qt, labels[take])
        exact[take] = base[take] + w_chars * per_label[take]
        np.maximum.at(best, owner[take], exact[take])
        scored = best[cand]
        if (scored >= 0).sum() < top_k:
            step *= 2
            continue
        kth = np.partition(-scored, top_k - 1)[top_k - 1]  # minus the k-th best score so far
        # the labels left whose bound reaches it; once they are scored, no label left can
        step = int(np.searchsorted(ranked_bounds, kth, side="right")) - done
    scored = best[cand]
    pick = np.lexsort((cand, -scored))[:min(top_k, int((scored >= 0).sum()))]
    top = cand[pick]
    chars = np.empty(len(top), dtype=np.float32)
    best_row = np.empty(len(top), dtype=np.int64)
    for k, i in enumerate(top.tolist()):
        mine = np.flatnonzero((owner == i) & (exact >= 0))
        j = mine[np.argmax(exact[mine])]
        chars[k], best_row[k] = per_label[j], rows[j]
    return top, chars, best_row


def rank_many(matcher: SkillMatcher, texts: Iterable[str], top_k: int = 10) -> list[list[Ranked]]:
    """:func:`rank` for each text, in order; repeated texts are ranked once, and Python's cycle
    collector is paused meanwhile, as in :meth:`SkillMatcher.match_many`."""
    from .matcher import each_once

    return each_once(texts, lambda text: rank(matcher, text, top_k))


_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[•*\-]?[A-Z0-9])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``: lines, cut after ``.``, ``!`` or ``?``
    where the next word starts with a capital or a digit; blank pieces are left out."""
    out = []
    start = 0
    for m in [*_SENTENCE_END.finditer(text), None]:
        end = m.start() if m is not None else len(text)
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + lead, start + len(piece.rstrip())))
        if m is not None:
            start = m.end()
    return out
