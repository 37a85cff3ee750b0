"""`crowdskills taxonomy import-esco`: ESCO's CSV download becomes a valid taxonomy."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

import pytest

from crowdskills import load_taxonomy
from crowdskills.esco import import_esco
from crowdskills.matching import SkillMatcher
from crowdskills.taxonomy import check_taxonomy

from .conftest import DATA, Result

EXTRACT = DATA / "esco-extract"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("esco") / "taxonomy"
    import_esco(EXTRACT, out)
    return out


def esco_rows() -> list[dict[str, str]]:
    with (EXTRACT / "skills_en.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_every_skill_is_imported_with_its_labels_and_uri(imported: Path) -> None:
    taxonomy, problems = check_taxonomy(imported)
    assert [p for p in problems if p.is_error] == []
    rows = esco_rows()
    assert len(taxonomy.skills) == len(rows) == 15
    by_uri = {c.id: s for s in taxonomy for c in s.crosswalk if c.scheme == "esco"}
    for row in rows:
        skill = by_uri[row["conceptUri"]]
        assert skill.pref_label == row["preferredLabel"]
        assert list(skill.alt_labels) == [a for a in row["altLabels"].splitlines() if a]
        assert skill.crosswalk[0].match == "exact"
        assert skill.skill_type == ("knowledge" if row["skillType"] == "knowledge" else "skill")
        if row["description"]:
            assert skill.description == " ".join(row["description"].split())


def test_categories_follow_the_esco_hierarchy(imported: Path) -> None:
    taxonomy = load_taxonomy(imported)
    assert taxonomy.skills["use-markup-languages"].category == "digital"  # S5 working with computers
    assert taxonomy.skills["english"].category == "language"  # the language collection
    assert taxonomy.skills["think-analytically"].category == "analytical"  # T2 thinking skills
    assert taxonomy.skills["manage-schedule-of-tasks"].category == "organisational"  # S4 management
    assert taxonomy.skills["use-markup-languages"].subcategory == "esco-s5"


def test_occupations_become_roles(imported: Path) -> None:
    taxonomy = load_taxonomy(imported)
    role = taxonomy.roles["3d-animator"]
    assert {rs.skill for rs in role.skills} == {"create-storyboards", "manage-schedule-of-tasks"}
    assert all(rs.relation == "optional" for rs in role.skills)
    assert role.crosswalk[0].id.startswith("http://data.europa.eu/esco/occupation/")


def test_attribution_in_every_file(imported: Path) -> None:
    files = sorted(imported.rglob("*.yaml"))
    assert len(files) >= 3
    for f in files:
        head = f.read_text(encoding="utf-8")[:400]
        assert "ESCO classification of the European Commission" in head and "CC BY 4.0" in head


def test_imported_taxonomy_drives_the_matcher(imported: Path) -> None:
    matcher = SkillMatcher().fit(load_taxonomy(imported))
    found = {m.skill_id for m in matcher.match("We need someone who writes JavaScript and uses HTML daily.")}
    assert {"javascript", "use-markup-languages"} <= found


def test_collection_filter(tmp_path: Path) -> None:
    result = import_esco(EXTRACT, tmp_path / "digital", collection="digital")
    with (EXTRACT / "digitalSkillsCollection_en.csv").open(encoding="utf-8", newline="") as f:
        digital = {r["conceptUri"] for r in csv.DictReader(f)}
    taxonomy = load_taxonomy(tmp_path / "digital")
    assert result.skills == len(taxonomy.skills) == len(digital)
    assert {s.crosswalk[0].id for s in taxonomy} == digital


def test_merged_table_with_pipe_separated_labels(tmp_path: Path) -> None:
    merged = tmp_path / "skills_merged.csv"
    with merged.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["conceptUri", "preferredLabel", "altLabels", "hierarchy_levels_v1_1_1",
                    "skillType_v1_2_0_if_in_collection", "labels_plus_description_text_v1_2_0"])
        w.writerow(["http://data.europa.eu/esco/skill/0af062de-eb43-41e9-9b96-249e2cd22d26", "use markup languages",
                    "use XHTML | use mark-up languages | use HTML", "[['S', 'S5', 'S5.6', 'S5.6.1']]",
                    "skill/competence",
                    "use markup languages use XHTML use mark-up languages use HTML Utilise markup languages."])
        w.writerow(["http://data.europa.eu/esco/skill/88564d2d-2dc9-4789-864a-f9cb73f389ec", "data entry rules", "",
                    "[['S', 'S2', 'S2.4', 'S2.4.2']]", "", ""])
    import_esco(merged, tmp_path / "out")
    taxonomy = load_taxonomy(tmp_path / "out")
    markup = taxonomy.skills["use-markup-languages"]
    assert list(markup.alt_labels) == ["use XHTML", "use mark-up languages", "use HTML"]
    assert markup.description == "Utilise markup languages." and markup.category == "digital"
    assert taxonomy.skills["data-entry-rules"].category == "analytical"


def test_broader_skills_are_kept(tmp_path: Path) -> None:
    src = tmp_path / "esco"
    src.mkdir()
    (src / "skills_en.csv").write_text(
        "conceptType,conceptUri,skillType,preferredLabel,altLabels,description\n"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001,"
        "knowledge,programming,,Writing programs.\n"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000002,"
        "knowledge,Python,\"Python 3\npython coding\",A programming language.\n",
        encoding="utf-8",
    )
    (src / "broaderRelationsSkillPillar_en.csv").write_text(
        "conceptType,conceptUri,broaderType,broaderUri\n"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000002,"
        "KnowledgeSkillCompetence,http://data.europa.eu/esco/skill/aaaaaaaa-0000-0000-0000-000000000001\n",
        encoding="utf-8",
    )
    import_esco(src, tmp_path / "out")
    taxonomy = load_taxonomy(tmp_path / "out")
    assert taxonomy.skills["python"].broader == ("programming",)
    assert taxonomy.skills["python"].alt_labels == ("Python 3", "python coding")


def test_cli_import_and_its_errors(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "esco"
    r = cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(out))
    assert r.code == 0, r.err
    assert "Wrote 15 skills and 1 roles" in r.err
    assert cli("taxonomy", "validate", str(out)).code == 0
    again = cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(out))
    assert again.code == 1 and "--force" in again.err
    assert cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(out), "--force").code == 0
    missing = cli("taxonomy", "import-esco", str(tmp_path / "nope"), "-o", str(tmp_path / "x"))
    assert missing.code == 1 and "does not exist" in missing.err
    bad = cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(tmp_path / "y"), "--collection", "green")
    assert bad.code == 1 and "greenSkillsCollection_en.csv" in bad.err
    unknown = cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(tmp_path / "z"), "--collection", "purple")
    assert unknown.code == 1 and "unknown collection" in unknown.err


@pytest.mark.parametrize(("lang", "label"), [
    ("es", "utilizar lenguajes de marcado"),  # the shared three-column form, in es/
    ("fr", "utiliser des langages de balisage"),  # ESCO's own layout, beside the English files
])
def test_import_with_lang_writes_a_language_file(tmp_path: Path, lang: str, label: str) -> None:
    out = tmp_path / "taxonomy"
    result = import_esco(EXTRACT, out, lang=lang)
    assert out / "i18n" / f"{lang}.yaml" in result.files
    taxonomy, problems = check_taxonomy(out)
    assert [p for p in problems if p.is_error] == []
    markup = taxonomy.skills["use-markup-languages"]
    assert markup.pref_label == "use markup languages"  # the records stay English
    assert markup.label_in(lang) == label
    assert sum(s.local(lang) is not None for s in taxonomy) == 14  # one skill has no label in ESCO v1.0
    if lang == "es":
        assert taxonomy.roles["3d-animator"].local("es") is not None
        found = {m.skill_id: m.status for m in SkillMatcher().fit(taxonomy).match(
            "Quiero aprender a utilizar lenguajes de marcado.")}
        assert found == {"use-markup-languages": "wanted"}


def test_import_with_an_unknown_language_is_a_usage_error(cli: Callable[..., Result], tmp_path: Path) -> None:
    assert cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(tmp_path / "t"), "--lang", "qq").code == 2
    r = cli("taxonomy", "import-esco", str(EXTRACT), "-o", str(tmp_path / "t"), "--lang", "de")
    assert r.code == 1 and "skills_de.csv" in r.err
