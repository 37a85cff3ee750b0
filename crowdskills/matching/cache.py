"""A compiled matcher cached on disk, so the interactive path skips scikit-learn and YAML.

The cache key is a hash of the taxonomy files' names and bytes, the crowdskills version and
the index format. A cache file that is missing, stale, corrupt or unreadable is ignored and
rebuilt; a cache directory that cannot be written is ignored too. Set
``CROWDSKILLS_CACHE_DIR`` to move the cache, or ``CROWDSKILLS_NO_CACHE=1`` to skip it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..models import Taxonomy
from .index import INDEX_VERSION, CompiledIndex

KEEP = 8


def cache_dir() -> Path:
    """Where compiled indexes are kept (``CROWDSKILLS_CACHE_DIR`` or the user cache dir)."""
    env = os.environ.get("CROWDSKILLS_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("crowdskills", appauthor=False))


def taxonomy_digest(files: Sequence[Path]) -> str:
    from .. import __version__

    h = hashlib.sha256(f"crowdskills {__version__} index {INDEX_VERSION}\n".encode())
    for f in files:
        data = f.read_bytes()
        h.update(f"{f.name}\0{len(data)}\0".encode())
        h.update(data)
    return h.hexdigest()


def load_compiled(paths: Sequence[Path], *, use_cache: bool = True) -> tuple[Taxonomy, CompiledIndex]:
    """The taxonomy at ``paths`` and its compiled index, from the cache when it is fresh.

    Loading from the cache calls :func:`gc.freeze`: the objects alive at that moment (the index
    among them) are left out of later cycle collections, which would otherwise walk the whole
    index each time. Load indexes early in a long-running program.
    """
    from ..taxonomy import load_taxonomy, taxonomy_files

    use_cache = use_cache and not os.environ.get("CROWDSKILLS_NO_CACHE")
    files = taxonomy_files(paths)
    digest = taxonomy_digest(files)
    target = cache_dir() / f"index-{digest[:40]}.pickle"
    if use_cache:
        cached = _read(target, digest)
        if cached is not None:
            return cached
    taxonomy = load_taxonomy(list(paths))
    from .index import compile_index

    index = compile_index(taxonomy, digest)
    if use_cache:
        _write(target, {"digest": digest, "taxonomy": taxonomy, "index": index})
    return taxonomy, index


def load_local_index(paths: Sequence[Path], taxonomy: Taxonomy, lang: str, *, use_cache: bool = True) -> CompiledIndex:
    """The index that reads text in ``lang`` (see :meth:`SkillMatcher.local_matcher`), cached on
    disk beside the English one so that a Spanish profile does not import scikit-learn either."""
    from ..taxonomy import taxonomy_files
    from .index import compile_index

    use_cache = use_cache and not os.environ.get("CROWDSKILLS_NO_CACHE")
    digest = taxonomy_digest(taxonomy_files(paths))
    target = cache_dir() / f"index-{digest[:40]}-{lang}.pickle"
    if use_cache:
        cached = _read(target, digest)
        if cached is not None and cached[1].lang == lang:
            return cached[1]
    index = compile_index(taxonomy, digest, lang=lang)
    if use_cache:
        _write(target, {"digest": digest, "taxonomy": taxonomy, "index": index})
    return index


def _read(path: Path, digest: str) -> tuple[Taxonomy, CompiledIndex] | None:
    collecting = gc.isenabled()
    gc.disable()  # a large index is half a million small objects: collecting while loading costs 5x
    try:
        with path.open("rb") as f:
            payload: Any = pickle.load(f)
        if (
            isinstance(payload, dict) and payload.get("digest") == digest
            and isinstance(payload.get("taxonomy"), Taxonomy)
            and isinstance(payload.get("index"), CompiledIndex)
            and payload["index"].version == INDEX_VERSION
        ):
            return payload["taxonomy"], payload["index"]
    except Exception:
        return None
    finally:
        # The index lives as long as the process and holds no cycles: move it out of the
        # collector's sight, or the first collection after loading a large index (ESCO's
        # half a million objects) would walk all of it, and again and again after that.
        gc.freeze()
        if collecting:
            gc.enable()
    return None


def _write(path: Path, payload: dict[str, Any]) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(payload, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        old = sorted(path.parent.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[3 * KEEP:]:  # an English index and one per other language
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only costs speed
