"""Properties that hold for any input: bad files never crash, labels find their skill."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crowdskills import load_taxonomy, search_skills
from crowdskills.errors import ValidationError
from crowdskills.taxonomy import check_taxonomy
from crowdskills.yamlio import loads_yaml

from .conftest import MINI

YAML_BITS = st.sampled_from([
    "skills:", "roles:", "\n", "  - ", "id: ", "a", "&x ", "*x", "[", "]", "{", "}", ": ", "- ",
    "'", '"', "#", "\t", "prefLabel", "altLabels", "\u00e9", "!!str ", "?", "|", ">", ",", "---",
])


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_any_bytes_load_or_give_a_located_problem(raw: bytes) -> None:
    try:
        loads_yaml(raw, shown="x.yaml")
    except ValidationError as exc:
        assert exc.problems and all(p.line >= 1 and p.col >= 1 and p.path == "x.yaml" for p in exc.problems)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(YAML_BITS, max_size=40).map("".join))
def test_any_yaml_like_text_validates_without_crashing(tmp_path: Path, text: str) -> None:
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    _, problems = check_taxonomy([path])
    for p in problems:
        assert str(p).startswith(f"{p.path}:{p.line}:{p.col}: ")


def test_every_label_of_every_shipped_skill_finds_that_skill() -> None:
    for tax in (load_taxonomy(MINI), load_taxonomy()):
        for skill in tax:
            for label in skill.labels:
                hits = search_skills(tax, label, limit=10)
                top = [h for h in hits if h.score == hits[0].score]
                assert skill.id in {h.skill.id for h in top} or any(
                    h.skill.id == skill.id and h.score >= 0.9 for h in hits
                ), f"{label!r} does not find {skill.id}"
