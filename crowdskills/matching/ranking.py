"""Ranking every skill of a taxonomy for a text, best first, even below the detection threshold.

:meth:`SkillMatcher.rank` fuses three signals, each in [0, 1]:

1. **detected**: the score :meth:`SkillMatcher.match` gives a skill the text names (phrase,
   fuzzy or paraphrase), else 0;
2. **chars**: character n-gram (2-5) TF-IDF cosine between the skill's labels and the text's best
   window of 1-6 words, blended with the whole text (0.3 window + 0.7 text); alternative labels
   count a little less than the preferred label;
3. **words**: the word TF-IDF cosine of the whole text with the skill's labels and description
   (the matcher's own index).

Character vectors need scikit-learn; they are built on the first call (a few seconds for ESCO's
100,000 labels) and kept. The weights were chosen on the ESCO skill-extraction validation
sentences (TECH and HOUSE) with ``benchmarks/esco_benchmark.py --sweep``, as the best of a
small grid on both sets; the test splits were not used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .index import sentence_vector, terms_of
from .text import tokenize

if TYPE_CHECKING:
    from .matcher import SkillMatcher

WEIGHTS = {"detected": 0.35, "chars": 0.3, "words": 0.35}
ALT_WEIGHT = 0.85
WINDOW_SHARE = 0.3
MAX_WINDOW = 6


@dataclass(frozen=True)
class Ranked:
    """A skill's place in a ranking and the signals behind its score."""

    skill_id: str
    label: str
    score: float
    detected: float
    chars: float
    words: float

    def to_dict(self) -> dict[str, Any]:
        return {"skill_id": self.skill_id, "label": self.label, "score": self.score,
                "detected": self.detected, "chars": self.chars, "words": self.words}


class LabelVectors:
    """Character n-gram TF-IDF vectors of every label, and which skill each belongs to."""

    def __init__(self, matcher: SkillMatcher) -> None:
        import numpy as np
        from sklearn.feature_extraction.text import TfidfVectorizer

        index = matcher.index_
        taxonomy = matcher.taxonomy_
        labels: list[str] = []
        owners: list[int] = []
        weights: list[float] = []
        for i, sid in enumerate(index.skill_ids):
            skill = taxonomy.skills[sid]
            for k, label in enumerate((skill.pref_label, *skill.alt_labels)):
                labels.append(label.lower())
                owners.append(i)
                weights.append(1.0 if k == 0 else ALT_WEIGHT)
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32)
        self.matrix = self.vectorizer.fit_transform(labels).T.tocsr()  # features x labels
        self.owners = np.asarray(owners)
        self.weights = np.asarray(weights, dtype=np.float32)
        self.n_skills = len(index.skill_ids)
        self.np = np

    def scores(self, text: str) -> Any:
        """Per skill, the best label's blend of window and whole-text similarity."""
        np = self.np
        words = text.lower().split()
        windows = [" ".join(words[a:b]) for a in range(len(words))
                   for b in range(a + 1, min(len(words), a + MAX_WINDOW) + 1)]
        queries = self.vectorizer.transform([text.lower(), *windows])
        sims = (queries @ self.matrix).toarray()  # (1 + windows) x labels
        whole = sims[0]
        best_window = sims[1:].max(axis=0) if len(windows) else whole
        per_label = ((1 - WINDOW_SHARE) * whole + WINDOW_SHARE * best_window) * self.weights
        out = np.zeros(self.n_skills, dtype=np.float32)
        np.maximum.at(out, self.owners, per_label)
        return out


def signals(matcher: SkillMatcher, text: str) -> tuple[Any, Any, Any]:
    """The three signals for every skill of the taxonomy, as arrays in index order."""
    import numpy as np

    index = matcher._check_fitted()
    if matcher._label_vectors is None:
        matcher._label_vectors = LabelVectors(matcher)
        matcher._positions = {sid: i for i, sid in enumerate(index.skill_ids)}
    position = matcher._positions
    assert position is not None
    n = len(index.skill_ids)
    detected = np.zeros(n)
    for m in matcher.match(text, kind="job"):
        detected[position[m.skill_id]] = m.score
    chars = matcher._label_vectors.scores(text)
    words = np.zeros(n)
    vec = sentence_vector(terms_of(tokenize(text), stop_stems=index.stop_stems), index)
    for j, w in vec.items():
        for skill, sw in index.postings[j]:
            words[skill] += w * sw
    return detected, chars, words


def rank(matcher: SkillMatcher, text: str, top_k: int = 10, weights: dict[str, float] | None = None) -> list[Ranked]:
    """The ``top_k`` skills of the matcher's taxonomy for ``text``, best first (ties by index order)."""
    import numpy as np

    w = weights or WEIGHTS
    detected, chars, words = signals(matcher, text)
    total = w["detected"] * detected + w["chars"] * chars + w["words"] * words
    top = np.argsort(-total, kind="stable")[:top_k]
    index = matcher.index_
    return [
        Ranked(index.skill_ids[i], index.pref_labels[i], round(float(total[i]), 4), round(float(detected[i]), 4),
               round(float(chars[i]), 4), round(float(words[i]), 4))
        for i in top
    ]
