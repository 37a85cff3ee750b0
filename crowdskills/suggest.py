"""Close-match suggestions for unknown ids and field names."""

from __future__ import annotations

from collections.abc import Iterable


def close_matches(word: str, choices: Iterable[str], *, limit: int = 3, cutoff: float = 70) -> list[str]:
    """Up to ``limit`` choices that look like ``word``, best first (ties by name)."""
    from rapidfuzz import fuzz, process, utils

    scored = process.extract(
        word, list(choices), scorer=fuzz.WRatio, processor=utils.default_process,
        limit=None, score_cutoff=cutoff,
    )
    scored.sort(key=lambda m: (-m[1], m[0]))
    return [m[0] for m in scored[:limit]]


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``" (did you mean 'a' or 'b'?)"`` or an empty string."""
    found = close_matches(word, choices)
    if not found:
        return ""
    quoted = [repr(f) for f in found]
    joined = quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]
    return f" (did you mean {joined}?)"
