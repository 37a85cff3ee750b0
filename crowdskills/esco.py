"""ESCO as a crowdskills taxonomy: ``crowdskills taxonomy import-esco``.

Reads ESCO's CSV download (``skills_en.csv``, ``broaderRelationsSkillPillar_en.csv``,
``skillGroups_en.csv``, ``occupations_en.csv``, ``occupationSkillRelations_en.csv``, and the
collection files such as ``digitalSkillsCollection_en.csv``) or the merged skills table
(``skills_merged.csv``, alternative labels separated by " | "), and writes taxonomy YAML that
``crowdskills taxonomy validate`` accepts:

- every ESCO skill becomes a skill whose id is a slug of its preferred label, with its
  alternative and hidden labels, description, skill type and the ESCO URI as an exact crosswalk;
- ESCO's skill-to-skill broader relations become ``broader``;
- the category is read off the skill's place in the ESCO skills hierarchy (S1 communication,
  S4 management, S5 working with computers, L languages, T3 self-management...);
- occupations, when their skill relations are present, become roles with essential and
  optional skills.

ESCO is published by the European Commission under CC BY 4.0; the attribution is written at
the top of every file.
"""

from __future__ import annotations

import ast
import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .taxonomy import new_id

ATTRIBUTION = (
    "This service uses the ESCO classification of the European Commission. ESCO is available\n"
    "under the Creative Commons Attribution 4.0 International licence (CC BY 4.0):\n"
    "https://esco.ec.europa.eu/. Converted to crowdskills taxonomy YAML by `crowdskills taxonomy\n"
    "import-esco`; labels and descriptions are ESCO's own."
)
COLLECTIONS = ("digital", "digcomp", "green", "language", "research", "transversal")

#: ESCO skills-hierarchy top groups -> CrowdLearn categories.
GROUP_CATEGORY = {
    "S1": "communication",  # communication, collaboration and creativity
    "S2": "analytical",  # information skills
    "S3": "technical",  # assisting and caring
    "S4": "organisational",  # management skills
    "S5": "digital",  # working with computers
    "S6": "technical",  # handling and moving
    "S7": "technical",  # constructing
    "S8": "technical",  # working with machinery and specialised equipment
    "L": "language",  # language skills and knowledge
    "T1": "analytical",  # core skills and competences
    "T2": "analytical",  # thinking skills and competences
    "T3": "dispositions",  # self-management skills and competences
    "T4": "communication",  # social and communication skills and competences
    "T5": "technical",  # physical and manual skills
    "T6": "dispositions",  # life skills and competences
}


@dataclass
class EscoImport:
    """What an import read and wrote."""

    skills: int = 0
    roles: int = 0
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _split_labels(value: str | None, merged: bool) -> list[str]:
    if not value:
        return []
    parts = value.split(" | ") if merged else value.splitlines()
    out: list[str] = []
    for p in parts:
        p = " ".join(p.split())
        if p and p not in out:
            out.append(p)
    return out


def _rows(path: Path) -> Iterator[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            yield from csv.DictReader(f)
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    except (csv.Error, UnicodeDecodeError) as exc:
        raise InputError(f"{path} is not a readable CSV file ({exc}).") from None


def _find(folder: Path, *names: str) -> Path | None:
    for name in names:
        if (folder / name).is_file():
            return folder / name
    return None


def _top_code(levels: str) -> str | None:
    """The top group (S4, T3, L...) from the merged table's hierarchy column."""
    try:
        paths = ast.literal_eval(levels) if levels else []
    except (ValueError, SyntaxError):
        return None
    for p in paths:
        if isinstance(p, list) and p:
            if p[0] in ("L", "K") or len(p) < 2 or p[1] is None:
                return str(p[0])
            return str(p[1])
    return None


def _code_group(code: str) -> str:
    """S4.5.0 -> S4, T3 -> T3, L1 -> L, 0611 (ISCED knowledge code) -> K."""
    if code[:1] in ("S", "T") and len(code) >= 2:
        return code[:2]
    if code[:1] == "L":
        return "L"
    return "K"


def import_esco(
    path: Path, out_dir: Path, *, lang: str = "en", collection: str | None = None, force: bool = False
) -> EscoImport:
    """Convert an ESCO download (a folder or its skills CSV) into taxonomy YAML in ``out_dir``.

    With ``lang`` other than ``en`` and the English files in the folder, the records keep ESCO's
    English labels and ``i18n/LANG.yaml`` gets the labels in ``lang`` (see :func:`_local_labels`);
    without the English files, the records are read from ``skills_LANG.csv`` itself.

    Raises:
        InputError: the input is missing or not an ESCO skills table, or ``out_dir`` holds files
            and ``force`` is not set.
    """
    folder = path if path.is_dir() else path.parent
    local: dict[str, tuple[str, list[str]]] = {}
    if lang != "en" and path.is_dir() and _find(folder, "skills_en.csv", "skills_merged.csv") is not None:
        # English records (the taxonomy's own labels) and a language file of the other labels
        local = _local_labels(folder, lang)
        lang_of_records, lang = lang, "en"
        if not local:
            raise InputError(
                f"{path} holds no skills_{lang_of_records}.csv (nor {lang_of_records}/skills_{lang_of_records}.csv): "
                f"add ESCO's {lang_of_records} download, or the three-column form conceptUri,preferredLabel,altLabels."
            )
    if path.is_dir():
        skills_csv = _find(folder, f"skills_{lang}.csv", "skills_merged.csv")
        if skills_csv is None:
            raise InputError(
                f"{path} holds no skills_{lang}.csv (nor skills_merged.csv). Give the folder of ESCO's "
                "CSV download, or the skills CSV itself."
            )
    elif path.is_file():
        skills_csv = path
    else:
        raise InputError(f"{path} does not exist. Give the folder of ESCO's CSV download, or its skills CSV.")
    if out_dir.exists() and any(out_dir.iterdir()) and not force:
        raise InputError(f"{out_dir} is not empty. Choose a new folder, or use --force to write into it.")

    keep: set[str] | None = None
    if collection is not None:
        if collection not in COLLECTIONS:
            raise InputError(f"unknown collection {collection!r}; choose one of {', '.join(COLLECTIONS)}.")
        name = "digCompSkillsCollection" if collection == "digcomp" else f"{collection}SkillsCollection"
        coll = _find(folder, f"{name}_{lang}.csv")
        if coll is None:
            raise InputError(f"--collection {collection} needs {name}_{lang}.csv beside {skills_csv.name}.")
        keep = {r["conceptUri"] for r in _rows(coll) if r.get("conceptUri")}
    language_uris: set[str] = set()
    lang_coll = _find(folder, f"languageSkillsCollection_{lang}.csv")
    if lang_coll is not None:
        language_uris = {r["conceptUri"] for r in _rows(lang_coll) if r.get("conceptUri")}

    # the skills hierarchy: skill -> broader skills, and skill -> its top group code
    broader_skills: dict[str, list[str]] = {}
    broader_groups: dict[str, list[str]] = {}
    relations = _find(folder, f"broaderRelationsSkillPillar_{lang}.csv")
    if relations is not None:
        for r in _rows(relations):
            target = broader_skills if r.get("broaderType") == "KnowledgeSkillCompetence" else broader_groups
            target.setdefault(r["conceptUri"], []).append(r["broaderUri"])
    group_code: dict[str, str] = {}
    groups_csv = _find(folder, f"skillGroups_{lang}.csv")
    if groups_csv is not None:
        group_code = {r["conceptUri"]: r.get("code", "") for r in _rows(groups_csv) if r.get("code")}

    def top_group(uri: str, seen: frozenset[str] = frozenset()) -> str | None:
        for g in broader_groups.get(uri, []):
            if g in group_code:
                return _code_group(group_code[g])
            found = top_group(g, seen | {uri}) if g not in seen else None
            if found:
                return found
        for b in broader_skills.get(uri, []):
            if b not in seen:
                found = top_group(b, seen | {uri})
                if found:
                    return found
        return None

    result = EscoImport()
    records: list[dict[str, Any]] = []
    id_of: dict[str, str] = {}
    used: set[str] = set()
    merged = False
    for row in _rows(skills_csv):
        uri = row.get("conceptUri", "")
        label = " ".join((row.get("preferredLabel") or "").split())
        if not uri or not label:
            continue
        merged = merged or "labels_plus_description_text_v1_2_0" in row
        if row.get("conceptType") and row["conceptType"] != "KnowledgeSkillCompetence":
            continue
        if keep is not None and uri not in keep:
            continue
        alts = [a for a in _split_labels(row.get("altLabels"), merged) if a != label]
        hidden = [h for h in _split_labels(row.get("hiddenLabels"), merged) if h != label and h not in alts]
        description = " ".join((row.get("description") or row.get("description_v1_2_0_if_in_collection") or "").split())
        if not description and merged:
            text = " ".join((row.get("labels_plus_description_text_v1_2_0") or "").split())
            prefix = " ".join([label, *alts])
            if text.startswith(prefix):
                description = text[len(prefix):].strip()
        kind = (row.get("skillType") or row.get("skillType_v1_2_0_if_in_collection")
                or row.get("hierarchy_top_from_v1_1_1") or "")
        code = _top_code(row.get("hierarchy_levels_v1_1_1", "")) if merged else top_group(uri)
        if uri in language_uris:
            code = "L"
        category = GROUP_CATEGORY.get(code or "", "technical")
        sid = new_id(label, used, fallback="skill")
        used.add(sid)
        id_of[uri] = sid
        record: dict[str, Any] = {"id": sid, "prefLabel": label}
        if alts:
            record["altLabels"] = alts
        if hidden:
            record["hiddenLabels"] = hidden
        record["description"] = description or f"ESCO {'knowledge' if 'knowledge' in kind else 'skill'}: {label}."
        record["category"] = category
        if code:
            record["subcategory"] = f"esco-{code.lower()}"
        record["workType"] = "both"
        record["skillType"] = "knowledge" if "knowledge" in kind else "skill"
        record["crosswalk"] = [{"scheme": "esco", "id": uri, "label": label, "match": "exact"}]
        record["_uri"] = uri
        records.append(record)
    if not records:
        raise InputError(
            f"{skills_csv} has no ESCO skills (conceptUri and preferredLabel columns with rows)"
            + (f" in the {collection} collection" if collection else "") + "."
        )
    for record in records:
        uri = record.pop("_uri")
        broader = [id_of[b] for b in broader_skills.get(uri, []) if b in id_of]
        if broader:
            record["broader"] = broader

    roles = _roles(folder, lang, id_of, result)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        (out_dir / "skills").mkdir(exist_ok=True)
        if roles:
            (out_dir / "roles").mkdir(exist_ok=True)
        if local:
            (out_dir / "i18n").mkdir(exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot write to {out_dir}: {exc.strerror or exc}. Give another --output folder.") from None
    if local:
        from .inputs import atomic_write as write

        labels = _language_file(lang_of_records, records, roles, local)
        file = out_dir / "i18n" / f"{lang_of_records}.yaml"
        header = "".join(f"# {line}\n" for line in ATTRIBUTION.splitlines())
        write(file, (header + _dump(labels)).encode("utf-8"))
        result.files.append(file)
    by_category: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_category.setdefault(record["category"], []).append(record)
    from .inputs import atomic_write

    header = "".join(f"# {line}\n" for line in ATTRIBUTION.splitlines())
    for category, items in sorted(by_category.items()):
        file = out_dir / "skills" / f"esco-{category}.yaml"
        atomic_write(file, (header + _dump({"skills": items})).encode("utf-8"))
        result.files.append(file)
    if roles:
        file = out_dir / "roles" / "esco-occupations.yaml"
        atomic_write(file, (header + _dump({"roles": roles})).encode("utf-8"))
        result.files.append(file)
    result.skills = len(records)
    result.roles = len(roles)
    return result


def _local_labels(folder: Path, lang: str) -> dict[str, tuple[str, list[str]]]:
    """ESCO URI -> (preferred label, alternative labels) in ``lang``, from ``skills_LANG.csv`` and
    ``occupations_LANG.csv`` beside the English files or in a ``LANG/`` folder: ESCO's own layout
    (alternative labels one per line) or the three-column form (conceptUri, preferredLabel,
    altLabels joined with " | ")."""
    out: dict[str, tuple[str, list[str]]] = {}
    for name in (f"skills_{lang}.csv", f"occupations_{lang}.csv"):
        file = _find(folder, name) or _find(folder / lang, name)
        if file is None:
            continue
        for r in _rows(file):
            uri, label = r.get("conceptUri", ""), " ".join((r.get("preferredLabel") or "").split())
            if uri and label:
                alts = r.get("altLabels") or ""
                out[uri] = (label, [a for a in _split_labels(alts, merged="\n" not in alts) if a != label])
    return out


def _language_file(
    lang: str, skills: list[dict[str, Any]], roles: list[dict[str, Any]], local: dict[str, tuple[str, list[str]]]
) -> dict[str, Any]:
    """A taxonomy language file (see docs/taxonomy-format.md) of the imported skills and roles;
    a label already given to another skill or role in this language is left out."""
    out: dict[str, Any] = {"language": lang}
    for key, records in (("skillLabels", skills), ("roleLabels", roles)):
        taken: set[str] = set()
        items = []
        for record in records:
            uri = record["crosswalk"][0]["id"]
            if uri not in local:
                continue
            pref, alts = local[uri]
            if pref.casefold() in taken:
                continue
            taken.add(pref.casefold())
            fresh = [a for a in alts if a.casefold() not in taken]
            taken.update(a.casefold() for a in fresh)
            items.append({"id": record["id"], "prefLabel": pref, **({"altLabels": fresh} if fresh else {})})
        if items:
            out[key] = items
    return out


def _roles(folder: Path, lang: str, id_of: dict[str, str], result: EscoImport) -> list[dict[str, Any]]:
    occupations = _find(folder, f"occupations_{lang}.csv")
    relations = _find(folder, f"occupationSkillRelations_{lang}.csv")
    if occupations is None or relations is None:
        return []
    needs: dict[str, list[tuple[str, str]]] = {}
    for r in _rows(relations):
        skill = id_of.get(r.get("skillUri", ""))
        if skill is not None and r.get("relationType") in ("essential", "optional"):
            needs.setdefault(r["occupationUri"], []).append((skill, r["relationType"]))
    roles: list[dict[str, Any]] = []
    used: set[str] = set()
    for r in _rows(occupations):
        uri = r.get("conceptUri", "")
        label = " ".join((r.get("preferredLabel") or "").split())
        skills = needs.get(uri)
        if not uri or not label or not skills:
            continue
        rid = new_id(label, used, fallback="role")
        used.add(rid)
        seen: set[str] = set()
        entries = []
        for skill, relation in sorted(skills, key=lambda s: (s[1] != "essential", s[0])):
            if skill in seen:
                continue
            seen.add(skill)
            essential = relation == "essential"
            entries.append({"skill": skill, "relation": relation, "level": 2 if essential else 1,
                            "importance": 4 if essential else 2})
        role: dict[str, Any] = {"id": rid, "prefLabel": label}
        alts = [a for a in _split_labels(r.get("altLabels"), merged=False) if a != label]
        if alts:
            role["altLabels"] = alts
        role["workType"] = "both"
        role["description"] = " ".join((r.get("description") or "").split()) or f"ESCO occupation: {label}."
        role["skills"] = entries
        crosswalk = [{"scheme": "esco", "id": uri, "label": label, "match": "exact"}]
        isco = (r.get("iscoGroup") or "").strip()
        if re.fullmatch(r"\d{4}", isco):
            crosswalk.append({"scheme": "isco", "id": isco, "match": "broad"})
        role["crosswalk"] = crosswalk
        roles.append(role)
    return roles


def _dump(data: dict[str, Any]) -> str:
    dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(data, Dumper=dumper, sort_keys=False, allow_unicode=True, width=100))

