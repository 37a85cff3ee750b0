"""The label vectors of :mod:`crowdskills.matching.ranking`, cached on disk as plain arrays.

They live in ``labels-<digest>.npz`` beside the cached index (same folder, same taxonomy digest:
see :mod:`crowdskills.matching.cache`), written atomically, and read with
``allow_pickle=False``: the file holds numbers and strings only, so reading it cannot run code.
A file that is missing, from another version, or unreadable is rebuilt; a cache folder that
cannot be written only costs the build (ten seconds for ESCO) on the next run. A matcher whose
index was compiled without a digest (``SkillMatcher().fit(taxonomy)``) builds its vectors in
memory only. ``CROWDSKILLS_NO_CACHE=1`` skips the cache.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cache import KEEP, cache_dir

if TYPE_CHECKING:
    from .matcher import SkillMatcher
    from .ranking import LabelVectors

#: Bump when the arrays or their meaning change.
LABELS_VERSION = 2
KEYS = ("terms", "idf", "data", "indices", "indptr", "owners", "weights", "n_skills",
        "proxy_indptr", "proxy_skills", "proxy_whole", "proxy_share",
        "word_terms", "word_idf", "word_indptr", "word_labels", "word_data",
        "role_data", "role_ids", "role_indptr", "n_roles")


def labels_path(digest: str) -> Path:
    """Where the label vectors of the taxonomy with this digest are kept."""
    return cache_dir() / f"labels-{digest[:40]}-v{LABELS_VERSION}.npz"


def load_label_vectors(matcher: SkillMatcher) -> LabelVectors:
    """The matcher's label vectors from the cache, or built (and then cached)."""
    from .ranking import LabelVectors

    digest = matcher.index_.digest
    use_cache = bool(digest) and not os.environ.get("CROWDSKILLS_NO_CACHE")
    path = labels_path(digest) if use_cache else None
    if path is not None:
        arrays = _read(path, len(matcher.index_.skill_ids))
        if arrays is not None:
            return LabelVectors(arrays)
    vectors = LabelVectors.build(matcher)
    if path is not None:
        _write(path, vectors.to_arrays())
    return vectors


def _read(path: Path, n_skills: int) -> dict[str, Any] | None:
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {k: data[k] for k in KEYS}
    except Exception:  # missing, cut short, or not ours: rebuild
        return None
    if int(arrays["n_skills"]) != n_skills or {arrays["terms"].dtype.kind, arrays["word_terms"].dtype.kind} != {"U"}:
        return None
    return arrays


def _write(path: Path, arrays: dict[str, Any]) -> None:
    import io

    import numpy as np

    from ..errors import InputError
    from ..inputs import atomic_write

    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, buffer.getvalue())
        old = sorted(path.parent.glob("labels-*.npz"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[KEEP:]:
            stale.unlink(missing_ok=True)
    except (OSError, InputError):
        pass  # an unwritable cache only costs speed
