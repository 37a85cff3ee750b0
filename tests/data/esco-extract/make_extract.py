"""Rebuild this small ESCO extract from the full ESCO files in ../shared/data/esco.

    python tests/data/esco-extract/make_extract.py

Writes, in ESCO's own CSV layout (v1.2.0 column names), a dozen skills and what they need:
skills_en.csv (alternative labels one per line, as ESCO ships them), skillGroups_en.csv,
broaderRelationsSkillPillar_en.csv, digitalSkillsCollection_en.csv, languageSkillsCollection_en.csv,
occupations_en.csv and occupationSkillRelations_en.csv. The occupation-skill relations are taken
from ../shared/data/esco/esco_occupation_skills_derived.jsonl (skill names matched to URIs).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
ESCO = HERE.parents[3] / "shared" / "data" / "esco"

SKILLS = [
    "use markup languages", "maintain data entry requirements", "supervise data entry",
    "type on electronic devices", "data mining", "computer programming", "business process modelling",
    "data science", "information structure", "manage schedule of tasks", "create storyboards",
    "think analytically", "English", "use spreadsheets software", "JavaScript",
]
OCCUPATIONS = ["artificial intelligence engineer", "3D animator"]
SKILL_COLUMNS = ["conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
                 "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme", "description"]


def rows(name: str) -> list[dict[str, str]]:
    with (ESCO / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def write(name: str, columns: list[str], data: list[dict[str, str]]) -> None:
    with (HERE / name).open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, columns, extrasaction="ignore")
        w.writeheader()
        w.writerows(data)


def main() -> None:
    merged = {r["preferredLabel"]: r for r in rows("skills_merged.csv") if r["preferredLabel"]}
    by_uri = {r["conceptUri"]: r for r in merged.values()}
    chosen = [merged[s] for s in SKILLS]
    uris = {r["conceptUri"] for r in chosen}
    skills = []
    for r in chosen:
        kind = r["skillType_v1_2_0_if_in_collection"] or ("knowledge" if "knowledge" in r["hierarchy_top_from_v1_1_1"]
                                                          else "skill/competence")
        text = r["labels_plus_description_text_v1_2_0"]
        alts = [a for a in r["altLabels"].split(" | ") if a]
        prefix = " ".join([r["preferredLabel"], *alts])
        skills.append({
            "conceptType": "KnowledgeSkillCompetence", "conceptUri": r["conceptUri"], "skillType": kind,
            "reuseLevel": r["reuseLevel_v1_2_0_if_in_collection"], "preferredLabel": r["preferredLabel"],
            "altLabels": "\n".join(alts), "hiddenLabels": "", "status": "released",
            "description": text[len(prefix):].strip() if text.startswith(prefix) else "",
        })
    write("skills_en.csv", SKILL_COLUMNS, skills)
    relations = [r for r in rows("broaderRelationsSkillPillar_en.csv") if r["conceptUri"] in uris]
    groups = {r["broaderUri"] for r in relations if r["broaderType"] == "SkillGroup"}
    # keep walking up so that every chosen skill reaches a top group with a code
    all_relations = rows("broaderRelationsSkillPillar_en.csv")
    frontier = set(groups)
    while frontier:
        step = [r for r in all_relations if r["conceptUri"] in frontier]
        relations += step
        frontier = {r["broaderUri"] for r in step} - groups
        groups |= frontier
    write("broaderRelationsSkillPillar_en.csv", ["conceptType", "conceptUri", "broaderType", "broaderUri"],
          [r for r in relations if r["broaderType"] == "SkillGroup" or r["broaderUri"] in uris])
    write("skillGroups_en.csv", ["conceptType", "conceptUri", "preferredLabel", "code"],
          [r for r in rows("skillGroups_en.csv") if r["conceptUri"] in groups])
    for name in ("digitalSkillsCollection_en.csv", "languageSkillsCollection_en.csv"):
        data = [r for r in rows(name) if r["conceptUri"] in uris]
        write(name, ["conceptType", "conceptUri", "preferredLabel"], data)
    occupations = [r for r in rows("occupations_en.csv") if r["preferredLabel"] in OCCUPATIONS]
    write("occupations_en.csv", ["conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels",
                                 "description"], occupations)
    links = []
    with (ESCO / "esco_occupation_skills_derived.jsonl").open(encoding="utf-8") as f:
        for line in f:
            occ = json.loads(line)
            if occ["occupation_name"] not in OCCUPATIONS:
                continue
            for relation in ("essential", "optional"):
                for name in occ[f"{relation}_skills"]:
                    if name in merged and merged[name]["conceptUri"] in uris:
                        links.append({"occupationUri": occ["occupation_uri"], "relationType": relation,
                                      "skillType": "", "skillUri": merged[name]["conceptUri"]})
    write("occupationSkillRelations_en.csv", ["occupationUri", "relationType", "skillType", "skillUri"], links)
    print(f"{len(skills)} skills, {len(groups)} groups, {len(occupations)} occupations, {len(links)} links;"
          f" {len(by_uri)} skills in the full table")


if __name__ == "__main__":
    main()
