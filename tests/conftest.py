from __future__ import annotations

import textwrap
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from crowdskills.cli import main

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini"


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Callable[..., Result]:
    """Run the crowdskills command in-process; returns exit code, stdout and stderr."""
    monkeypatch.delenv("CROWDSKILLS_TAXONOMY", raising=False)
    monkeypatch.setenv("COLUMNS", "200")

    def run(*args: str) -> Result:
        capsys.readouterr()
        try:
            main(list(args))
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write a dedented YAML text (or raw bytes) to a file under tmp_path and return its path."""

    def _write(content: str | bytes, name: str = "t.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep compiled indexes out of the user's real cache directory."""
    import os

    os.environ["CROWDSKILLS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    # and no test reads or writes the user's own learning record
    os.environ["CROWDSKILLS_DATA_DIR"] = str(tmp_path_factory.mktemp("data"))
    os.environ["CROWDSKILLS_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))  # the cache signing key


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from current output")


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare text with tests/golden/NAME; with --update-golden, write it instead."""
    update = request.config.getoption("--update-golden")

    def check(name: str, text: str) -> None:
        path = Path(__file__).parent / "golden" / name
        if update:
            path.write_text(text, encoding="utf-8")
            return
        assert path.exists(), f"{path} is missing: run pytest --update-golden and review it"
        assert text == path.read_text(encoding="utf-8"), f"output differs from {path}; review, then --update-golden"

    return check
