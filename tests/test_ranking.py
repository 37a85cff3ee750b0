"""SkillMatcher.rank: candidates first, then the exact fused score; label vectors cached as .npz."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from crowdskills.matching import SkillMatcher, ranking
from crowdskills.matching.cache import load_compiled
from crowdskills.matching.ranking_cache import labels_path
from crowdskills.taxonomy import load_taxonomy

from .conftest import DATA

SENTENCES = (DATA / "esco-ranking" / "validation_sentences.txt").read_text(encoding="utf-8").splitlines()
TIE = 1e-4


@pytest.fixture(scope="module")
def matcher() -> SkillMatcher:
    taxonomy = load_taxonomy()
    m = SkillMatcher().fit(taxonomy)
    assert len(taxonomy.skills) > ranking.CANDIDATES  # the candidate path is the one under test
    return m


def _assert_same_top(matcher: SkillMatcher, text: str, top_k: int = 10) -> None:
    """The same scores place by place (scores are rounded to 4 places); the same skill at each
    place unless its score ties with another's."""
    fast = matcher.rank(text, top_k=top_k)
    exact = ranking.rank_reference(matcher, text, top_k + 1)
    scores = [s for _, s in exact]
    assert [r.score for r in fast] == pytest.approx(scores[:top_k], abs=TIE)
    for place, r in enumerate(fast):
        tied = any(abs(scores[place] - scores[other]) <= TIE for other in (place - 1, place + 1) if other >= 0)
        if not tied:
            assert r.skill_id == exact[place][0], (text, place)


@pytest.mark.parametrize("text", SENTENCES)
def test_rank_top10_agrees_with_scoring_every_skill_exactly(matcher: SkillMatcher, text: str) -> None:
    _assert_same_top(matcher, text)


def test_rank_agrees_with_exact_scoring_even_with_few_candidates(
    matcher: SkillMatcher, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ranking, "CANDIDATES", 60)
    for text in SENTENCES:
        _assert_same_top(matcher, text)


def test_text_vectors_are_those_of_scikit_learn(matcher: SkillMatcher) -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectors = ranking.label_vectors(matcher)
    taxonomy = matcher.taxonomy_
    labels = [label.lower() for sid in matcher.index_.skill_ids
              for label in (taxonomy.skills[sid].pref_label, *taxonomy.skills[sid].alt_labels)]
    sk = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, dtype=np.float32).fit(labels)
    for text in ["banana bandana nanny", "I do data entry, Excel & SQL (advanced)", "a", "Ünïcödé  résumé\tC++",
                 *SENTENCES[:5]]:
        words = text.lower().split()
        windows = [" ".join(words[a:b]) for a in range(len(words))
                   for b in range(a + 1, min(len(words), a + ranking.MAX_WINDOW) + 1)]
        expected = sk.transform([text.lower(), *windows]).toarray()
        got = vectors.queries(words).toarray()
        assert got.shape == expected.shape
        assert np.allclose(got, expected, atol=1e-6), text


def test_rank_many_is_rank_for_each_text_in_order(matcher: SkillMatcher) -> None:
    texts = [SENTENCES[0], SENTENCES[1], SENTENCES[0], "data entry"]
    assert matcher.rank_many(texts, top_k=3) == [matcher.rank(t, top_k=3) for t in texts]
    with pytest.raises(ValueError, match="top_k"):
        matcher.rank_many(texts, top_k=0)


def test_rank_evidence_is_the_words_of_the_text_that_show_the_skill(matcher: SkillMatcher) -> None:
    text = "We need someone for transcribing podcasts and tagging images quickly."
    ranked = matcher.rank(text, top_k=10)
    assert any(r.evidence for r in ranked)
    for r in ranked:
        assert text[r.start:r.end] == r.evidence
        assert r.to_dict()["evidence"] == {"start": r.start, "end": r.end, "text": r.evidence}


def test_rank_of_an_empty_text_scores_nothing(matcher: SkillMatcher) -> None:
    ranked = matcher.rank("   ", top_k=3)
    assert len(ranked) == 3 and all(r.score == 0 for r in ranked)


def test_label_vectors_are_cached_as_plain_arrays_beside_the_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("CROWDSKILLS_CACHE_DIR", str(tmp_path))
    taxonomy, index = load_compiled([DATA / "mini"])
    first = SkillMatcher().fit(taxonomy, index=index).rank("data entry from invoices", top_k=3)
    path = labels_path(index.digest)
    assert path.parent == tmp_path and path.exists()
    assert list(tmp_path.glob("index-*"))  # the index cache sits in the same folder
    with np.load(path, allow_pickle=False) as data:  # numbers and strings only: nothing to unpickle
        assert all(data[k].dtype != object for k in data.files)

    def no_build(matcher: SkillMatcher) -> ranking.LabelVectors:
        raise AssertionError("the cached label vectors were not used")

    monkeypatch.setattr(ranking.LabelVectors, "build", classmethod(lambda cls, m: no_build(m)))
    again = SkillMatcher().fit(taxonomy, index=index).rank("data entry from invoices", top_k=3)
    assert again == first


def test_a_corrupt_label_cache_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CROWDSKILLS_CACHE_DIR", str(tmp_path))
    taxonomy, index = load_compiled([DATA / "mini"])
    path = labels_path(index.digest)
    path.write_bytes(b"not a zip file")
    ranked = SkillMatcher().fit(taxonomy, index=index).rank("data entry", top_k=2)
    assert ranked[0].skill_id == "data-entry"
    with np.load(path, allow_pickle=False) as data:
        assert "terms" in data.files


def test_an_unwritable_label_cache_only_costs_speed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    taxonomy, index = load_compiled([DATA / "mini"])
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    monkeypatch.setenv("CROWDSKILLS_CACHE_DIR", str(blocker))
    ranked = SkillMatcher().fit(taxonomy, index=index).rank("data entry", top_k=2)
    assert ranked[0].skill_id == "data-entry"
    assert blocker.read_text(encoding="utf-8").startswith("a file")


def test_rank_of_a_long_document_is_exact_too(matcher: SkillMatcher, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ranking, "_MAX_CELLS", 5000)  # score the labels in many small blocks
    text = " ".join(SENTENCES[:12])
    _assert_same_top(matcher, text)
