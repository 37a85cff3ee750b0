"""Locating data files: the shipped taxonomy and catalogs, and user paths that replace or extend them."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path

from .errors import InputError
from .yamlio import display_path


def shipped_dir(name: str) -> Path:
    """A folder of data shipped with crowdskills (``taxonomy`` or ``catalogs``), installed or in the source tree."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / name, here.parent / name):
        if candidate.is_dir():
            return candidate
    raise InputError(  # pragma: no cover - a broken install
        f"the shipped {name} folder is missing from this installation. Reinstall crowdskills."
    )


def resolve_paths(specs: Sequence[str] | None, shipped: Path) -> list[Path]:
    """Turn ``--taxonomy``/``--catalog`` values into paths.

    A plain path replaces the shipped data; a path written ``+PATH`` is added on top of it. The
    shipped data is used when no value is given or when every value starts with ``+``.
    """
    specs = [s for s in (specs or []) if s.strip()]
    replaced = any(not s.startswith("+") for s in specs)
    paths = [] if replaced else [shipped]
    paths.extend(Path(s[1:] if s.startswith("+") else s).expanduser() for s in specs)
    return paths


def env_paths(variable: str) -> list[str] | None:
    """An environment variable split on the path separator, or ``None`` when unset."""
    value = os.environ.get(variable, "").strip()
    return [v for v in value.split(os.pathsep) if v.strip()] if value else None


def file_id(path: Path) -> tuple[int, int]:
    """What makes a file itself whatever path reaches it (links, ``..``, a second spelling)."""
    st = path.stat()
    return st.st_dev, st.st_ino


def yaml_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file named by ``paths`` (files as given, directories searched recursively).

    A file reached twice (``+catalogs/x.yaml`` beside the shipped catalogs, a path given twice,
    a link) is listed once, where it is first met.
    """
    files: list[Path] = []
    seen: set[tuple[int, int]] = set()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
            if not found:
                raise InputError(f"{display_path(path)} has no .yaml or .yml files.")
        elif path.exists():
            found = [path]
        else:
            raise InputError(f"{display_path(path)} does not exist. Check the path.")
        for file in found:
            if (key := file_id(file)) not in seen:
                seen.add(key)
                files.append(file)
    return files
