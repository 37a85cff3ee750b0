"""Golden outputs of `crowdskills gaps` on the fixture taxonomy and catalog (reviewed like code)."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from .conftest import DATA, MINI, Result

PROFILE = "I do data entry and image tagging.\nI want to learn Python."
ARGS = ["gaps", PROFILE, "--role", "annotator", "-t", str(MINI), "-c", str(DATA / "mini_catalog")]


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_gaps_golden(cli: Callable[..., Result], golden: Callable[[str, str], None], fmt: str) -> None:
    r = cli(*ARGS, "--format", fmt)
    assert r.code == 0, r.err
    text = r.out
    if fmt == "json":  # stable key order and formatting for review
        text = json.dumps(json.loads(text), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    golden(f"gaps-annotator.{ {'table': 'txt', 'json': 'json', 'markdown': 'md'}[fmt] }", text)
