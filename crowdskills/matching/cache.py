"""A compiled matcher cached on disk, so the interactive path skips scikit-learn and YAML.

The cache key is a hash of the taxonomy files' names and bytes, the crowdskills version and
the index format. A cache file that is missing, stale, corrupt or unreadable is ignored and
rebuilt; a cache directory that cannot be written is ignored too. Set
``CROWDSKILLS_CACHE_DIR`` to move the cache, or ``CROWDSKILLS_NO_CACHE=1`` to skip it.

Nothing a cache file holds is trusted. Each file is signed with a keyed BLAKE2b MAC under a
secret of this user's, kept outside the cache folder (``cache.key`` in the user config
folder, mode 0600), and the signature is checked before a byte is unpickled: a file planted
in a shared cache folder (a CI cache, a shared home) is ignored and rebuilt. The unpickler
then builds only the few classes an index is made of (:data:`ALLOWED`), so even a file signed
with a leaked key cannot call anything else. Without a usable key the cache is not used.
"""

from __future__ import annotations

import gc
import hashlib
import hmac
import io
import os
import pickle
import stat
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..models import Taxonomy
from .index import INDEX_VERSION, CompiledIndex

KEEP = 8
MAGIC = b"crowdskills-index-v1\n"
MAC_SIZE = 32
ALLOWED = frozenset({
    ("array", "_array_reconstructor"), ("array", "array"),
    ("crowdskills.matching.index", "CompiledIndex"), ("crowdskills.matching.index", "Postings"),
    ("crowdskills.models", "Crosswalk"), ("crowdskills.models", "LocalLabels"), ("crowdskills.models", "Pattern"),
    ("crowdskills.models", "Role"), ("crowdskills.models", "RoleSkill"), ("crowdskills.models", "Skill"),
    ("crowdskills.models", "Taxonomy"),
})
"""The only globals a cached index may name: the classes it is built of."""


def cache_dir() -> Path:
    """Where compiled indexes are kept (``CROWDSKILLS_CACHE_DIR`` or the user cache dir)."""
    env = os.environ.get("CROWDSKILLS_CACHE_DIR")
    if env:
        return Path(env)
    import platformdirs

    return Path(platformdirs.user_cache_dir("crowdskills", appauthor=False))


def key_path() -> Path:
    """Where this user's cache signing key lives (``CROWDSKILLS_CONFIG_DIR`` or the user config dir)."""
    env = os.environ.get("CROWDSKILLS_CONFIG_DIR")
    if env:
        return Path(env) / "cache.key"
    import platformdirs

    return Path(platformdirs.user_config_dir("crowdskills", appauthor=False)) / "cache.key"


def _secret(create: bool) -> bytes | None:
    """This user's signing key, made on first use (32 random bytes, mode 0600); None when it
    cannot be read or made, or when others could read or replace it."""
    path = key_path()
    try:
        if create and not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(os.urandom(32))
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as f:
            info = os.fstat(f.fileno())
            key = f.read(64)
    except OSError:
        return None
    if (not stat.S_ISREG(info.st_mode) or len(key) != 32
            or (hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077))):
        return None
    return key


def _mac(key: bytes, data: bytes | memoryview) -> bytes:
    return hashlib.blake2b(data, key=key, digest_size=MAC_SIZE).digest()


class _IndexUnpickler(pickle.Unpickler):
    """Builds only the classes of :data:`ALLOWED`; any other global is an error."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in ALLOWED:
            raise pickle.UnpicklingError(f"a cached index may not name {module}.{name}")
        return super().find_class(module, name)


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
    key = _secret(create=False)
    if key is None:
        return None
    try:
        data = path.read_bytes()
    except OSError:
        return None
    head = len(MAGIC) + MAC_SIZE
    if not (data.startswith(MAGIC) and hmac.compare_digest(data[len(MAGIC):head], _mac(key, memoryview(data)[head:]))):
        return None  # not signed with this user's key: never unpickled
    collecting = gc.isenabled()
    gc.disable()  # a large index is half a million small objects: collecting while loading costs 5x
    try:
        stream = io.BytesIO(data)  # shares the bytes, no copy
        stream.seek(head)
        payload: Any = _IndexUnpickler(stream).load()
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
    key = _secret(create=True)
    if key is None:
        return  # no key, no cache: only speed is lost
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        body = pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)
        fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(MAGIC + _mac(key, body))
                f.write(body)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        old = sorted(path.parent.glob("index-*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in old[3 * KEEP:]:  # an English index and one per other language
            stale.unlink(missing_ok=True)
    except OSError:
        pass  # an unwritable cache only costs speed
