"""The cached index runs no code from the cache (issue 14): only files signed with this user's
key are unpickled, and only the index's own classes are built."""

from __future__ import annotations

import os
import pickle
import stat
from pathlib import Path

import pytest

from crowdskills.matching import cache
from crowdskills.matching.cache import key_path, load_compiled, taxonomy_digest
from crowdskills.taxonomy import taxonomy_files

from .conftest import MINI


class _Boom:
    """Unpickling this calls os.system: what a planted pickle would do."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (os.system, (f"touch {self.marker}",))


@pytest.fixture
def dirs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("CROWDSKILLS_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("CROWDSKILLS_CONFIG_DIR", str(tmp_path / "config"))
    return tmp_path / "cache", tmp_path / "config"


def _target(cache_dir: Path) -> Path:
    return cache_dir / f"index-{taxonomy_digest(taxonomy_files([MINI]))[:40]}.pickle"


def test_cache_round_trip_signs_with_a_private_key(dirs: tuple[Path, Path]) -> None:
    cache_dir, _ = dirs
    taxonomy, index = load_compiled([MINI])
    assert _target(cache_dir).read_bytes().startswith(cache.MAGIC)
    mode = key_path().stat().st_mode
    assert stat.S_IMODE(mode) == 0o600 and key_path().parent != cache_dir
    again, index2 = load_compiled([MINI])
    assert again == taxonomy and index2.skill_ids == index.skill_ids and index2 is not index


def test_a_planted_pickle_is_never_run(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    cache_dir, _ = dirs
    load_compiled([MINI])  # makes the key and a genuine cache file
    target = _target(cache_dir)
    marker = tmp_path / "pwned"
    evil = pickle.dumps({"digest": "x", "taxonomy": _Boom(marker), "index": None})
    target.write_bytes(evil)  # an old-style plain pickle, as a planted file would be
    taxonomy, _ = load_compiled([MINI])
    assert not marker.exists() and len(taxonomy) > 0
    # signed with another key, or with the right magic and a wrong signature: not run either
    target.write_bytes(cache.MAGIC + cache._mac(b"k" * 32, evil) + evil)
    load_compiled([MINI])
    assert not marker.exists()


def test_even_a_correctly_signed_pickle_builds_only_index_classes(dirs: tuple[Path, Path], tmp_path: Path) -> None:
    cache_dir, _ = dirs
    load_compiled([MINI])
    key = cache._secret(create=False)
    assert key is not None
    marker = tmp_path / "pwned"
    evil = pickle.dumps({"digest": "x", "taxonomy": _Boom(marker), "index": None})
    _target(cache_dir).write_bytes(cache.MAGIC + cache._mac(key, evil) + evil)  # as if the key leaked
    taxonomy, _ = load_compiled([MINI])
    assert not marker.exists() and len(taxonomy) > 0


def test_a_key_others_can_read_is_not_used(dirs: tuple[Path, Path]) -> None:
    cache_dir, _ = dirs
    load_compiled([MINI])
    key_path().chmod(0o644)
    assert cache._secret(create=False) is None
    target = _target(cache_dir)
    target.unlink()
    load_compiled([MINI])
    assert not target.exists()  # no usable key: no cache written (nor read)
