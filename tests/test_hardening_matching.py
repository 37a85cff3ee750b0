"""Bounded time and memory in matching (issue 14): long words, long labels, random input."""

from __future__ import annotations

import gc
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crowdskills import SkillMatcher
from crowdskills.matching.index import compile_index
from crowdskills.models import Skill, Taxonomy
from crowdskills.taxonomy import check_taxonomy

from .conftest import Result

_MATCHERS: dict[tuple[str, ...], SkillMatcher] = {}


def _matcher(labels: tuple[str, ...]) -> SkillMatcher:
    """A matcher of a taxonomy of one skill per label (no validation: the labels may be anything)."""
    if labels not in _MATCHERS:
        skills = {
            f"s{i}": Skill(id=f"s{i}", pref_label=label, alt_labels=(), description=f"Skill {label}.",
                           category="technical", work_type="both")
            for i, label in enumerate(labels)
        }
        _MATCHERS[labels] = SkillMatcher().fit(Taxonomy(skills=skills, roles={}))
    return _MATCHERS[labels]


def _best_time(matcher: SkillMatcher, text: str, runs: int = 3) -> float:
    """The best of a few runs, without the cycle collector (whose passes come at uneven times).
    Each run's text differs by a character, so that no cache of the last run answers."""
    best = float("inf")
    gc.collect()
    gc.disable()
    try:
        for run in range(runs):
            matcher._fuzzy_cache.clear()  # each run pays for its words, as a fresh text would
            matcher._fix_stems.clear()
            varied = text[:-1] + text[-2] * run + text[-1]
            start = time.perf_counter()
            matcher.match(varied)
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def _peak_memory(matcher: SkillMatcher, text: str) -> int:
    matcher._fuzzy_cache.clear()
    matcher._fix_stems.clear()
    tracemalloc.start()
    try:
        matcher.match(text)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_one_long_word_costs_linear_time() -> None:
    matcher = _matcher(("data entry", "spreadsheet formulas", "photoshop"))
    short, long = "x" * 25_000 + "y", "x" * 100_000 + "y"  # once 1.5 GB and minutes: each fuzzy delete
    t1, t4 = _best_time(matcher, "data entry " + short), _best_time(matcher, "data entry " + long)
    assert t4 < 8 * t1 + 0.05, (t1, t4)
    assert _peak_memory(matcher, long) < 20 * len(long) + 2_000_000


@pytest.mark.parametrize("pattern", ["a-b-", "!", "!?;", "\n ", "e-"])
def test_long_runs_cost_linear_time(pattern: str) -> None:
    """Hyphenated runs (every joined sub-run: cubic) and runs of marks not followed by a space
    (the segment pattern backtracked from each mark: quadratic)."""
    matcher = _matcher(("front end", "e mail", "end to end testing"))
    t1 = _best_time(matcher, "data entry " + pattern * (8_000 // len(pattern)) + "x")
    t4 = _best_time(matcher, "data entry " + pattern * (32_000 // len(pattern)) + "x")
    assert t4 < 8 * t1 + 0.05, (t1, t4)


WORD = st.text(alphabet="abcdeyz-'.!;1é\n", min_size=1, max_size=30)
LABEL = st.lists(st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=20), min_size=1,
                 max_size=32).map(" ".join).filter(lambda label: len(label) <= 256)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(labels=st.lists(LABEL, min_size=1, max_size=4, unique=True).map(tuple),
       pattern=WORD, n=st.integers(min_value=5_000, max_value=25_000))
def test_random_words_and_labels_cost_linear_time_and_memory(labels: tuple[str, ...], pattern: str, n: int) -> None:
    """Random words of up to 100,000 characters against random (valid) labels: time for 4n
    characters stays within a linear bound of time for n, and memory within a fixed factor."""
    matcher = _matcher(labels)
    small = (pattern * (n // len(pattern) + 1))[:n] + "x"
    large = small[:-1] * 4 + "x"
    t1, t4 = _best_time(matcher, small, runs=2), _best_time(matcher, large, runs=2)
    assert t4 < 8 * t1 + 0.1, (t1, t4)
    assert _peak_memory(matcher, large) < 2_000 * len(large) + 5_000_000


# ---------------------------------------------------------------- 9. long labels
def test_label_of_500_words_is_a_validation_error(write: Callable[..., Path], cli: Callable[..., Result]) -> None:
    words = " ".join(f"word{i}" for i in range(500))
    path = write(f"""
        skills:
          - id: long-one
            prefLabel: long one
            altLabels: [fine, "{words}"]
            description: A skill with one label far too long.
            category: technical
            workType: both
        """)
    _, problems = check_taxonomy([path])
    assert [(p.code, p.line) for p in problems if p.is_error] == [("T107", 4)]
    assert "500 words" in str(problems[0])
    r = cli("taxonomy", "validate", str(path))
    assert r.code == 3 and "T107" in r.out + r.err


def test_index_of_a_very_long_label_compiles_without_recursion() -> None:
    label = " ".join(f"w{i}" for i in range(5_000))  # deeper than Python's recursion limit
    skills = {"a": Skill(id="a", pref_label=label, alt_labels=("data entry",), description="Long.",
                         category="technical", work_type="both")}
    index = compile_index(Taxonomy(skills=skills, roles={}))
    node = index.trie["w0"]
    depth = 1
    while isinstance(node, dict):
        node = node[f"w{depth}"]
        depth += 1
    assert depth == 5_000 and node[0][3] == label


def test_unique_long_words_are_not_kept_in_caches() -> None:
    """A stream of documents, each with a new long word, must not grow the process: the word
    caches keep only words of a real length."""
    matcher = _matcher(("data entry", "photoshop"))
    matcher.match("warm up")
    tracemalloc.start()
    try:
        for i in range(40):
            matcher.match(f"data entry {chr(97 + i % 26) * 20_000}{i}x{'q' * 20_000} {'!' * 10_000 + str(i)}.")
        kept = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert kept < 500_000  # forty words of 40,000 letters each would be 1.6 MB at least
