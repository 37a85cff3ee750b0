"""Taxonomy loading and validation: each problem has its own code, position and test."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills import load_taxonomy
from crowdskills.errors import InputError, Problem, ValidationError
from crowdskills.taxonomy import check_taxonomy, resolve_taxonomy_paths, shipped_taxonomy_dir

from .conftest import MINI

SKILL = """
  - id: {id}
    prefLabel: {label}
    altLabels: [{label} work, {label} tasks]
    description: A test skill.
    category: technical
    workType: both
"""


def skills_yaml(*ids: str, extra: str = "") -> str:
    return "skills:" + "".join(SKILL.format(id=i, label=i.replace("-", " ")) for i in ids) + extra


def problems(path: Path | list[Path]) -> list[Problem]:
    return check_taxonomy(path if isinstance(path, list) else [path])[1]


def codes(path: Path | list[Path]) -> list[str]:
    return [p.code for p in problems(path)]


def test_mini_taxonomy_loads() -> None:
    tax = load_taxonomy(MINI)
    assert len(tax) == 6 and set(tax.roles) == {"annotator", "scripter"}
    skill = tax.skill("image-annotation")
    assert skill.pref_label == "image annotation"
    assert skill.prerequisites == ("annotation-guidelines",)
    assert "image labling" in skill.labels
    assert skill.source is not None and skill.source.endswith("skills.yaml:4")
    role = tax.role("annotator")
    assert [s.skill for s in role.essential_skills] == ["image-annotation", "annotation-guidelines", "time-management"]
    assert role.next_roles == ("scripter",)


def test_unknown_ids_name_close_matches() -> None:
    tax = load_taxonomy(MINI)
    with pytest.raises(Exception, match="did you mean 'image-annotation'"):
        tax.skill("image-anotation")
    with pytest.raises(Exception, match="did you mean 'scripter'"):
        tax.role("scriptr")


def test_syntax_error_has_line_and_column(write: Callable[..., Path]) -> None:
    (p,) = problems(write("skills:\n  - id: a\n    altLabels: [x\n"))
    assert p.code == "Y003" and p.line == 4 and p.path.endswith("t.yaml")
    assert str(p).startswith(f"{p.path}:4:1: error Y003 ")


def test_duplicate_keys_are_rejected(write: Callable[..., Path]) -> None:
    text = skills_yaml("a-b") + "    category: analytical\n"
    (p,) = problems(write(text))
    assert (p.code, p.line) == ("Y004", 8)


def test_skill_defined_twice_across_files(write: Callable[..., Path], tmp_path: Path) -> None:
    write(skills_yaml("alpha", "beta"), "one.yaml")
    write(skills_yaml("beta"), "two.yaml")
    (p,) = problems(tmp_path)
    assert p.code == "T201"
    assert p.path.endswith("two.yaml") and "'beta' is defined twice" in p.message
    assert "one.yaml:" in p.message


def test_unknown_field_suggests_the_right_one(write: Callable[..., Path]) -> None:
    (p,) = problems(write(skills_yaml("alpha") + "    altLabel: [x]\n"))
    assert p.code == "T101" and p.line == 8 and p.col == 5
    assert "did you mean 'altLabels'" in p.message


def test_missing_required_field(write: Callable[..., Path]) -> None:
    text = (
        "skills:\n  - id: alpha\n    prefLabel: alpha\n    altLabels: [a, b]\n"
        "    category: technical\n    workType: both\n"
    )
    (p,) = problems(write(text))
    assert p.code == "T102" and "missing required field 'description'" in p.message


@pytest.mark.parametrize(
    ("replace", "code", "needle"),
    [
        ("category: technical", "category: tecnical", "did you mean 'technical'"),
        ("workType: both", "workType: microworks", "allowed: microwork, freelancing, both"),
    ],
)
def test_wrong_enum_values(write: Callable[..., Path], replace: str, code: str, needle: str) -> None:
    (p,) = problems(write(skills_yaml("alpha").replace(replace, code)))
    assert p.code == "T104" and needle in p.message


def test_wrong_types(write: Callable[..., Path]) -> None:
    text = skills_yaml("alpha").replace("altLabels: [alpha work, alpha tasks]", "altLabels: alpha work")
    (p,) = problems(write(text))
    assert p.code == "T103" and "must be a list of strings, not a string" in p.message


def test_role_level_and_importance_ranges(write: Callable[..., Path]) -> None:
    text = skills_yaml("alpha", "beta") + """roles:
  - id: r
    prefLabel: r
    workType: microwork
    description: d.
    skills:
      - {skill: alpha, relation: essential, level: 5, importance: 0}
      - {skill: beta, relation: needed, level: 1, importance: 1}
"""
    found = problems(write(text))
    assert [p.code for p in found if p.is_error] == ["T104", "T104", "T104"]
    assert "from 1 to 4" in found[0].message and "from 1 to 5" in found[1].message


def test_malformed_id(write: Callable[..., Path]) -> None:
    found = problems(write(skills_yaml("alpha").replace("id: alpha", "id: Alpha Skill")))
    assert [p.code for p in found] == ["T106"]


@pytest.mark.parametrize("field", ["broader", "related", "prerequisites"])
def test_unknown_skill_reference_suggests(write: Callable[..., Path], field: str) -> None:
    (p,) = problems(write(skills_yaml("alpha", "beta-skill", extra=f"    {field}: [beta-skil]\n")))
    assert p.code == "T202" and "unknown skill 'beta-skil'" in p.message
    assert "did you mean 'beta-skill'" in p.message


def test_unknown_role_and_role_skill_references(write: Callable[..., Path]) -> None:
    text = skills_yaml("alpha") + """roles:
  - id: role-one
    prefLabel: r
    workType: microwork
    description: d.
    skills:
      - {skill: alpa, relation: essential, level: 1, importance: 1}
    nextRoles: [role-on]
"""
    found = [p for p in problems(write(text)) if p.is_error]
    assert [p.code for p in found] == ["T202", "T203"]
    assert "did you mean 'alpha'" in found[0].message
    assert "did you mean 'role-one'" in found[1].message


def test_prerequisite_cycle_is_printed(write: Callable[..., Path]) -> None:
    text = skills_yaml("a-one", "b-two", "c-three")
    text = text.replace("id: a-one\n", "id: a-one\n    prerequisites: [b-two]\n")
    text = text.replace("id: b-two\n", "id: b-two\n    prerequisites: [c-three]\n")
    text = text.replace("id: c-three\n", "id: c-three\n    prerequisites: [a-one]\n")
    (p,) = problems(write(text))
    assert p.code == "T204"
    assert "a-one -> b-two -> c-three -> a-one" in p.message


def test_self_prerequisite_is_a_cycle(write: Callable[..., Path]) -> None:
    (p,) = problems(write(skills_yaml("alpha", extra="    prerequisites: [alpha]\n")))
    assert p.code == "T204"


def test_broader_cycle(write: Callable[..., Path]) -> None:
    text = skills_yaml("a-one", "b-two")
    text = text.replace("id: a-one\n", "id: a-one\n    broader: [b-two]\n")
    text = text.replace("id: b-two\n", "id: b-two\n    broader: [a-one]\n")
    assert codes(write(text)) == ["T208"]


def test_shared_label_is_a_warning_that_does_not_stop_loading(write: Callable[..., Path]) -> None:
    text = skills_yaml("alpha", "beta").replace("[beta work, beta tasks]", "[beta work, Alpha  Tasks]")
    path = write(text)
    (p,) = problems(path)
    assert p.code == "T205" and not p.is_error and str(p).split(": ")[1].startswith("warning T205")
    assert len(load_taxonomy(path)) == 2


def test_malformed_esco_uri(write: Callable[..., Path]) -> None:
    extra = "    crosswalk:\n      - {scheme: esco, id: 'esco:skill/123', match: close}\n"
    (p,) = problems(write(skills_yaml("alpha", extra=extra)))
    assert p.code == "T105" and "esco:skill/123" in p.message


def test_well_formed_esco_uri_passes(write: Callable[..., Path]) -> None:
    uri = "http://data.europa.eu/esco/skill/d9013e0e-e937-43d5-ab71-0e917ee882b8"
    extra = f"    crosswalk:\n      - {{scheme: esco, id: '{uri}', match: close}}\n"
    assert problems(write(skills_yaml("alpha", extra=extra))) == []


def test_non_utf8_file(write: Callable[..., Path]) -> None:
    path = write(skills_yaml("alpha").replace("A test skill.", "Caf\u00e9 skill.").encode("cp1252"))
    (p,) = problems(path)
    assert p.code == "Y001" and p.line == 5


def test_alias_bomb(write: Callable[..., Path]) -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdef", "bcdefg"):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 10) + "]")
    assert codes(write("\n".join(lines) + "\n")) == ["Y005"]


def test_empty_file(write: Callable[..., Path]) -> None:
    assert codes(write("# nothing yet\n")) == ["Y002"]


def test_file_without_skills_or_roles(write: Callable[..., Path]) -> None:
    assert codes(write("courses: []\n")) == ["T101", "T102"]


def test_every_problem_is_reported_at_once(write: Callable[..., Path], tmp_path: Path) -> None:
    write("skills: [\n", "broken.yaml")
    write(skills_yaml("alpha", extra="    prerequisites: [nope]\n    colour: red\n"), "other.yaml")
    assert sorted(codes(tmp_path)) == ["T101", "T202", "Y003"]


def test_load_taxonomy_raises_with_all_problems(write: Callable[..., Path]) -> None:
    with pytest.raises(ValidationError) as info:
        load_taxonomy(write(skills_yaml("alpha", extra="    prerequisites: [nope, nada]\n")))
    assert [p.code for p in info.value.problems] == ["T202", "T202"]
    assert "crowdskills taxonomy validate" in str(info.value)


def test_missing_path_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        check_taxonomy([tmp_path / "nope"])


def test_plus_adds_to_the_shipped_taxonomy_and_plain_path_replaces_it() -> None:
    shipped = shipped_taxonomy_dir()
    assert resolve_taxonomy_paths(None) == [shipped]
    assert resolve_taxonomy_paths(["mine.yaml"]) == [Path("mine.yaml")]
    assert resolve_taxonomy_paths(["+mine.yaml"]) == [shipped, Path("mine.yaml")]
    assert resolve_taxonomy_paths(["a", "+b"]) == [Path("a"), Path("b")]


ROLE = """roles:
  - id: r
    prefLabel: r
    workType: microwork
    description: d.
    skills:
"""


def test_skill_listed_twice_in_a_role(write: Callable[..., Path]) -> None:
    entries = "".join(f"      - {{skill: {s}, relation: optional, level: 1, importance: 1}}\n"
                      for s in ["s1", "s2", "s3", "s4", "s5", "s2"])
    text = skills_yaml("s1", "s2", "s3", "s4", "s5") + ROLE + entries
    (p,) = problems(write(text))
    last_line = len(text.splitlines())
    assert p.code == "T206" and "lists skill 's2' twice" in p.message and p.line == last_line


def test_role_with_too_few_skills_is_a_warning(write: Callable[..., Path]) -> None:
    entries = "      - {skill: s1, relation: essential, level: 1, importance: 1}\n"
    (p,) = problems(write(skills_yaml("s1") + ROLE + entries))
    assert p.code == "T207" and not p.is_error and "has 1 skills" in p.message


# --------------------------------------------------------------------------- language files

ES_LABELS = """
language: es
skillLabels:
- {id: image-annotation, prefLabel: anotación de imágenes, altLabels: [etiquetado de imágenes, bounding boxes]}
- {id: data-entry, prefLabel: entrada de datos, altLabels: [captura de datos]}
roleLabels:
- {id: annotator, prefLabel: anotador de datos}
"""


def test_language_file_gives_labels_in_that_language(write: Callable[..., Path]) -> None:
    tax = load_taxonomy([MINI, write(ES_LABELS, "i18n/es.yaml")])
    skill = tax.skill("image-annotation")
    local = skill.local("es")
    assert local is not None and local.alt_labels == ("etiquetado de imágenes", "bounding boxes")
    assert skill.label_in("es") == "anotación de imágenes"
    assert skill.label_in("es-MX") == "anotación de imágenes"
    assert skill.label_in("fr", "es") == "anotación de imágenes"  # no French: the next choice
    assert skill.label_in("fr") == skill.label_in("en") == "image annotation"
    assert skill.pref_label == "image annotation"  # English labels stay the plain strings
    assert tax.role("annotator").label_in("es") == "anotador de datos"
    assert tax.skill("time-management").label_in("es") == "time management"  # no label: English
    assert skill.to_dict()["translations"]["es"]["pref_label"] == "anotación de imágenes"


def test_unknown_language_tag_is_T108(write: Callable[..., Path]) -> None:
    path = write(ES_LABELS.replace("language: es", "language: xx"), "i18n/xx.yaml")
    (p,) = [p for p in problems([MINI, path]) if p.code == "T108"]
    assert p.is_error and p.line == 1 and "'xx'" in p.message


def test_english_language_file_is_T108(write: Callable[..., Path]) -> None:
    path = write(ES_LABELS.replace("language: es", "language: en"), "i18n/en.yaml")
    assert "T108" in codes([MINI, path])


def test_duplicate_label_within_a_language_is_T209(write: Callable[..., Path]) -> None:
    text = ES_LABELS.replace("altLabels: [captura de datos]", "altLabels: [Etiquetado de  imágenes]")
    (p,) = problems([MINI, write(text, "i18n/es.yaml")])
    assert p.code == "T209" and not p.is_error and p.line == 4
    assert "'image-annotation'" in p.message and "'data-entry'" in p.message


def test_same_label_in_two_languages_is_fine(write: Callable[..., Path]) -> None:
    fr = ES_LABELS.replace("language: es", "language: fr")
    assert problems([MINI, write(ES_LABELS, "i18n/es.yaml"), write(fr, "i18n/fr.yaml")]) == []


def test_labels_for_unknown_ids_and_bad_fields(write: Callable[..., Path]) -> None:
    text = ES_LABELS + "- {id: annotatr, prefLabel: x}\n- {id: data-entry, label: x}\n"
    found = problems([MINI, write(text, "i18n/es.yaml")])
    by_code = {p.code: p for p in found}
    assert "did you mean 'annotator'" in by_code["T203"].message
    assert {"T101", "T102"} <= set(by_code)  # 'label' is no field; prefLabel is missing


def test_shipped_taxonomy_has_spanish_and_french_labels_for_everything() -> None:
    tax = load_taxonomy()
    for lang in ("es", "fr"):
        assert all(s.local(lang) is not None for s in tax), lang
        assert all(r.local(lang) is not None for r in tax.roles.values()), lang
    assert tax.skill("data-entry").label_in("es") == "entrada de datos"
    assert tax.skill("content-moderation").label_in("fr") == "modération de contenu"
    # crowdworkers' English loanwords are labels too
    assert "bounding boxes" in tax.skill("image-annotation").local("es").alt_labels  # type: ignore[union-attr]
