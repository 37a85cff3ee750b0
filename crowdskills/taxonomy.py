"""Loading and validating taxonomies (skills and roles in YAML).

:func:`check_taxonomy` reads every file, returns the :class:`Taxonomy` it could build and every
problem found (never raising on bad data); :func:`load_taxonomy` raises
:class:`ValidationError` when there are errors. Problem codes (``T`` for taxonomy; the ``Y``
codes of :mod:`crowdskills.yamlio` cover the YAML itself):

- T101 unknown field            - T201 id defined twice
- T102 missing required field   - T202 reference to an unknown skill
- T103 wrong type               - T203 reference to an unknown role
- T104 value not allowed        - T204 prerequisite cycle
- T105 malformed ESCO URI       - T205 label shared by two skills (warning)
- T106 malformed id             - T206 skill listed twice in one role
- T107 label too long           - T207 role with fewer than 5 or more than 15 skills (warning)
- T108 unknown language tag     - T208 cycle in broader skills
                                - T209 label given twice within one language (warning)

Labels in other languages live in language files (``language: es`` with ``skillLabels`` and
``roleLabels`` lists, e.g. ``taxonomy/i18n/es.yaml``): SKOS language-tagged labels, kept apart
from the English records so that each language can be reviewed and extended on its own.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import models as m
from .datafiles import env_paths, resolve_paths, shipped_dir, yaml_files
from .errors import Problem, ValidationError
from .spec import Field, Spec, check_record, json_schema
from .suggest import did_you_mean
from .yamlio import YamlDocument, YamlPath, display_path, load_yaml

ID_PATTERN = r"[a-z0-9]+(?:-[a-z0-9]+)*"
ESCO_URI_PATTERN = (
    r"http://data\.europa\.eu/esco/(?:skill|occupation)/"
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)
_ID_RE = re.compile(ID_PATTERN)
SCHEMA_URL = "https://crowdskills.dev/schema/taxonomy.schema.json"

_LABEL = Field("string", "A label, lowercase unless a proper noun.")
MAX_LABEL_WORDS = 32
MAX_LABEL_CHARS = 256
"""Labels longer than these are refused (T107): ESCO's longest has 25 words and 168 characters,
and a label's words are the depth of the matching index and the size of its typo table."""
_LABEL_KEYS = ("prefLabel", "altLabels", "hiddenLabels")


def _crosswalk_spec(schemes: tuple[str, ...], what: str) -> Spec:
    return Spec("crosswalk entry", {
        "scheme": Field("string", "The external framework.", required=True, enum=schemes),
        "id": Field("string", f"The concept's id in that framework ({what}).", required=True),
        "label": Field("string", "The external concept's own label, for reviewers."),
        "match": Field(
            "string", "How close the match is, in SKOS terms: 'broad' when the external "
            "concept is broader than this one.", required=True, enum=m.MATCH_TYPES,
        ),
    })


SKILL_SPEC = Spec("skill", {
    "id": Field("string", "Stable slug.", required=True, pattern=ID_PATTERN, code="106",
                pattern_hint="use lowercase letters, digits and single hyphens"),
    "prefLabel": Field("string", "The preferred label (SKOS prefLabel).", required=True),
    "altLabels": Field("strings", "Alternative labels used in job posts and profiles."),
    "hiddenLabels": Field("strings", "Labels that match but are not shown: misspellings, tool names."),
    "description": Field("string", "One sentence in your own words.", required=True),
    "outcome": Field("string", "What a learner can do once they have the skill, as a can-do statement "
                     "that completes 'By the end you can ...', e.g. 'write SQL queries that filter, join "
                     "and group a table'."),
    "contextRequires": Field("strings", "Words one of which must stand near a one-word mention "
                             "for it to count in this skill's sense (translate + language, text)."),
    "contextExcludes": Field("strings", "Words that, near a mention, show another sense "
                             "(translate + data, insights)."),
    "patterns": Field("objects", "Task wording: a verb followed by an object in the same clause.",
                      spec=Spec("pattern", {
                          "verb": Field("strings", "Verbs, e.g. transcribe, type.", required=True),
                          "object": Field("strings", "Objects, e.g. audio, recording.", required=True),
                      })),
    "category": Field("string", "CrowdLearn category.", required=True, enum=m.CATEGORIES),
    "subcategory": Field("string", "Finer grouping, e.g. an Upwork area.", pattern=ID_PATTERN,
                         pattern_hint="use lowercase letters, digits and single hyphens"),
    "workType": Field("string", "Where the skill is used.", required=True, enum=m.WORK_TYPES),
    "skillType": Field("string", "ESCO skill type.", enum=m.SKILL_TYPES),
    "broader": Field("strings", "Ids of broader skills."),
    "related": Field("strings", "Ids of related skills."),
    "prerequisites": Field("strings", "Ids of skills to learn first."),
    "crosswalk": Field("objects", "Links to ESCO, O*NET or DigComp concepts.",
                       spec=_crosswalk_spec(m.SKILL_SCHEMES, "an ESCO skill URI, an O*NET element "
                                            "id or a DigComp competence number")),
}, description="A skill or knowledge concept.")

ROLE_SKILL_SPEC = Spec("role skill", {
    "skill": Field("string", "A skill id.", required=True),
    "relation": Field("string", "Whether the role cannot do without it.", required=True,
                      enum=m.RELATIONS),
    "level": Field("integer", "1 foundation, 2 intermediate, 3 advanced, 4 specialised.",
                   required=True, minimum=1, maximum=4),
    "importance": Field("integer", "1 (nice to know) to 5 (the job depends on it).",
                        required=True, minimum=1, maximum=5),
})

ROLE_SPEC = Spec("role", {
    "id": Field("string", "Stable slug.", required=True, pattern=ID_PATTERN, code="106",
                pattern_hint="use lowercase letters, digits and single hyphens"),
    "prefLabel": Field("string", "The preferred label.", required=True),
    "altLabels": Field("strings", "Other names of the role."),
    "hiddenLabels": Field("strings", "Phrases people use for the role that are not shown as its names, "
                          "e.g. 'data work' or 'UX' (used to read a profile's stated goal)."),
    "workType": Field("string", "Microwork, freelancing or both.", required=True, enum=m.WORK_TYPES),
    "description": Field("string", "One or two sentences in your own words.", required=True),
    "skills": Field("objects", "The skills the role needs.", required=True, min_items=1,
                    spec=ROLE_SKILL_SPEC),
    "nextRoles": Field("strings", "Ids of roles this one realistically leads to."),
    "crosswalk": Field("objects", "Links to ESCO occupations, ISCO-08 or O*NET-SOC.",
                       spec=_crosswalk_spec(m.ROLE_SCHEMES, "an ESCO occupation URI, an ISCO-08 "
                                            "code or an O*NET-SOC code")),
}, description="A kind of platform work and the skills it needs.")

def _labels_spec(what: str) -> Spec:
    return Spec(f"{what} labels", {
        "id": Field("string", f"The id of a {what} defined in the taxonomy.", required=True,
                    pattern=ID_PATTERN, code="106",
                    pattern_hint="use lowercase letters, digits and single hyphens"),
        "prefLabel": Field("string", "The preferred label in this file's language.", required=True),
        "altLabels": Field("strings", "Other labels in this language, including the loanwords people use."),
        "hiddenLabels": Field("strings", "Labels in this language that match but are not shown."),
    }, description=f"A {what}'s labels in one language (SKOS language-tagged labels).")


FILE_SPEC = Spec("taxonomy file", {
    "skills": Field("objects", "Skills defined in this file.", spec=SKILL_SPEC),
    "roles": Field("objects", "Roles defined in this file.", spec=ROLE_SPEC),
    "language": Field("string", "For a language file: the ISO 639-1 tag of its labels, e.g. 'es'.",
                      pattern=r"[a-z]{2}", pattern_hint="write a two-letter language tag such as es or fr"),
    "skillLabels": Field("objects", "A language file's labels of skills.", spec=_labels_spec("skill")),
    "roleLabels": Field("objects", "A language file's labels of roles.", spec=_labels_spec("role")),
}, description="A crowdskills taxonomy file: skills and/or roles, or a language file of their labels.",
   extra={"anyOf": [{"required": ["skills"]}, {"required": ["roles"]}, {"required": ["language"]}]})


def taxonomy_schema() -> dict[str, Any]:
    """The JSON Schema of taxonomy files."""
    return json_schema(FILE_SPEC, title="crowdskills taxonomy file", schema_id=SCHEMA_URL)


# --------------------------------------------------------------------------- locating files

def shipped_taxonomy_dir() -> Path:
    """Where the taxonomy shipped with crowdskills lives (installed wheel or source tree)."""
    return shipped_dir("taxonomy")


def resolve_taxonomy_paths(specs: Sequence[str] | None) -> list[Path]:
    """``--taxonomy`` values as paths: a plain path replaces the shipped taxonomy, +PATH adds to it."""
    return resolve_paths(specs, shipped_taxonomy_dir())


def taxonomy_files(paths: Iterable[Path]) -> list[Path]:
    """Every YAML file named by ``paths`` (files as given, directories searched recursively)."""
    return yaml_files(paths)


# --------------------------------------------------------------------------- checking

@dataclass
class _Entry:
    doc: YamlDocument
    path: YamlPath
    raw: dict[str, Any]
    valid: bool = True


@dataclass
class _LabelEntry:
    """One record of a language file: a skill's or role's labels in ``lang``."""

    entry: _Entry
    lang: str
    kind: str  # "skill" or "role"


def check_taxonomy(paths: Path | Sequence[Path] | None = None) -> tuple[m.Taxonomy, list[Problem]]:
    """Read and validate a taxonomy; never raises on bad data.

    Args:
        paths: files or directories; the shipped taxonomy when ``None``.

    Returns:
        The taxonomy built from every record that passed its own checks, and all problems
        found (errors and warnings), sorted by file and position.

    Raises:
        InputError: a path does not exist or cannot be read.
    """
    if paths is None:
        paths = [shipped_taxonomy_dir()]
    elif isinstance(paths, Path):
        paths = [paths]
    problems: list[Problem] = []
    skills: dict[str, _Entry] = {}
    roles: dict[str, _Entry] = {}
    labels: list[_LabelEntry] = []
    files = taxonomy_files(paths)
    for file in files:
        try:
            doc = load_yaml(file)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(_check_file(doc, skills, roles, labels))

    translated, label_problems = _translations(labels, skills, roles)
    problems.extend(label_problems)
    taxonomy = m.Taxonomy(
        skills={sid: _build_skill(e, translated.get(("skill", sid), ())) for sid, e in skills.items() if e.valid},
        roles={rid: _build_role(e, translated.get(("role", rid), ())) for rid, e in roles.items() if e.valid},
        sources=tuple(display_path(f) for f in files),
    )
    problems.extend(_check_references(taxonomy, skills, roles))
    problems.extend(_check_cycles(taxonomy, skills, "prerequisites", "T204"))
    problems.extend(_check_cycles(taxonomy, skills, "broader", "T208"))
    problems.extend(_check_labels(taxonomy, skills))
    return taxonomy, sorted(set(problems), key=_problem_order(files))


def _problem_order(files: list[Path]) -> Any:
    rank = {display_path(f): i for i, f in enumerate(files)}
    return lambda p: (rank.get(p.path, len(rank)), p.line, p.col, p.code, p.message)


def new_id(text: str, taken: Collection[str] = (), *, max_len: int = 80, fallback: str = "item") -> str:
    """An id (see :data:`ID_PATTERN`) made from ``text`` ("Data entry, fast" -> "data-entry-fast"),
    with -2, -3... added while it is in ``taken``."""
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    base = re.sub(r"-{2,}", "-", s)[:max_len].strip("-") or fallback
    out, n = base, 2
    while out in taken:
        out, n = f"{base}-{n}", n + 1
    return out


def load_taxonomy(paths: Path | Sequence[Path] | None = None) -> m.Taxonomy:
    """Load a taxonomy, raising :class:`ValidationError` (all problems) if it has errors.

    Warnings (such as a label shared by two skills) do not stop loading.
    """
    taxonomy, problems = check_taxonomy(paths)
    errors = [p for p in problems if p.is_error]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ValidationError(
            f"the taxonomy has errors: {errors[0]}{more}. "
            "Run `crowdskills taxonomy validate` to list them.",
            problems,
        )
    return taxonomy


def _check_file(
    doc: YamlDocument, skills: dict[str, _Entry], roles: dict[str, _Entry], labels: list[_LabelEntry]
) -> list[Problem]:
    data = doc.data
    problems = check_record(doc, (), data, FILE_SPEC, prefix="T", deep=False)
    if not isinstance(data, dict):
        return problems
    if "language" in data or "skillLabels" in data or "roleLabels" in data:
        return problems + _check_language_file(doc, data, labels)
    if "skills" not in data and "roles" not in data:
        problems.append(doc.problem((), "T102", "taxonomy file needs a 'skills' or 'roles' list"))
    for kind, spec, seen in (("skills", SKILL_SPEC, skills), ("roles", ROLE_SPEC, roles)):
        records = data.get(kind)
        if not isinstance(records, list):
            continue
        for i, record in enumerate(records):
            path: YamlPath = (kind, i)
            own = check_record(doc, path, record, spec, prefix="T", within="taxonomy file")
            problems.extend(own)
            rid = record.get("id") if isinstance(record, dict) else None
            if not isinstance(rid, str) or not _ID_RE.fullmatch(rid):
                continue
            if rid in seen:
                first = seen[rid].doc.problem(seen[rid].path, "", "")
                problems.append(doc.problem(
                    (*path, "id"), "T201",
                    f"{spec.name} id {rid!r} is defined twice (first at {first.path}:{first.line}); "
                    "rename one or remove the copy",
                ))
                continue
            # a record with missing or mistyped fields is reported and kept known, but not built
            seen[rid] = _Entry(doc, path, record, all(p.code == "T101" for p in own))
    problems.extend(_check_crosswalk_ids(doc, data))
    problems.extend(_check_label_lengths(doc, data))
    return problems


def _check_language_file(doc: YamlDocument, data: dict[str, Any], labels: list[_LabelEntry]) -> list[Problem]:
    """Check a language file's records and collect them (their ids are checked once all is read)."""
    problems: list[Problem] = []
    lang = data.get("language")
    if not isinstance(lang, str):
        if "language" not in data:
            problems.append(doc.problem((), "T102", "a language file needs 'language', e.g. 'language: es'"))
        return problems
    if lang not in m.LANGUAGE_TAGS:
        problems.append(doc.problem(
            ("language",), "T108",
            f"unknown language tag {lang!r}; use an ISO 639-1 tag such as es, fr, de or pt"
            f"{did_you_mean(lang, sorted(m.LANGUAGE_TAGS))}",
        ))
        return problems
    if lang == "en":
        problems.append(doc.problem(
            ("language",), "T108",
            "English labels are the records' own prefLabel and altLabels; no 'en' language file is needed",
        ))
        return problems
    for key, kind in (("skillLabels", "skill"), ("roleLabels", "role")):
        records = data.get(key)
        for i, record in enumerate(records if isinstance(records, list) else ()):
            path: YamlPath = (key, i)
            own = check_record(doc, path, record, _labels_spec(kind), prefix="T", within="language file")
            problems.extend(own)
            if isinstance(record, dict) and isinstance(record.get("id"), str) and not any(
                p.code != "T101" for p in own
            ):
                labels.append(_LabelEntry(_Entry(doc, path, record), lang, kind))
    return problems


def _translations(
    labels: list[_LabelEntry], skills: dict[str, _Entry], roles: dict[str, _Entry]
) -> tuple[dict[tuple[str, str], tuple[m.LocalLabels, ...]], list[Problem]]:
    """The language files' labels by (kind, id), and their problems: unknown ids (T202, T203),
    the same label twice within one language (T209)."""
    out: dict[tuple[str, str], list[m.LocalLabels]] = {}
    problems: list[Problem] = []
    owner: dict[tuple[str, str, str], str] = {}  # (kind, lang, label) -> id
    for le in labels:
        e, raw = le.entry, le.entry.raw
        rid = raw["id"]
        known = skills if le.kind == "skill" else roles
        if rid not in known:
            problems.append(e.doc.problem(
                (*e.path, "id"), "T202" if le.kind == "skill" else "T203",
                f"{le.lang} labels for unknown {le.kind} {rid!r}{did_you_mean(rid, known)}",
            ))
            continue
        have = out.setdefault((le.kind, rid), [])
        if any(t.lang == le.lang for t in have):
            problems.append(e.doc.problem(
                (*e.path, "id"), "T209",
                f"{le.kind} {rid!r} has {le.lang} labels twice; merge the two records", warning=True,
            ))
            continue
        for key in ("prefLabel", "altLabels", "hiddenLabels"):
            value = raw.get(key)
            items = [(None, value)] if isinstance(value, str) else list(enumerate(value or ()))
            for j, label in items:
                if not isinstance(label, str):
                    continue
                other = owner.setdefault((le.kind, le.lang, normalise_label(label)), rid)
                if other != rid:
                    at = (*e.path, key) if j is None else (*e.path, key, j)
                    problems.append(e.doc.problem(
                        at, "T209",
                        f"{le.lang} label {label!r} of {le.kind} {rid!r} is also a {le.lang} label of "
                        f"{other!r}; text that says it cannot tell them apart", warning=True,
                    ))
        have.append(m.LocalLabels(
            lang=le.lang, pref_label=raw["prefLabel"],
            alt_labels=tuple(dict.fromkeys(_strings(raw, "altLabels"))),
            hidden_labels=_strings(raw, "hiddenLabels"),
        ))
    return {k: tuple(sorted(v, key=lambda t: t.lang)) for k, v in out.items()}, problems


def _check_label_lengths(doc: YamlDocument, data: dict[str, Any]) -> list[Problem]:
    out = []
    for kind in ("skills", "roles"):
        records = data.get(kind)
        for i, record in enumerate(records if isinstance(records, list) else ()):
            if not isinstance(record, dict):
                continue
            for key in _LABEL_KEYS:
                value = record.get(key)
                labels: list[tuple[int | None, Any]] = [(None, value)] if isinstance(value, str) else []
                if isinstance(value, list):
                    labels = list(enumerate(value))
                for j, label in labels:
                    if not isinstance(label, str):
                        continue
                    words = len(label.split())
                    if words > MAX_LABEL_WORDS or len(label) > MAX_LABEL_CHARS:
                        path: YamlPath = (kind, i, key) if j is None else (kind, i, key, j)
                        out.append(doc.problem(
                            path, "T107",
                            f"label of {words:,} words and {len(label):,} characters in "
                            f"{record.get('id', kind[:-1])!r}: at most {MAX_LABEL_WORDS} words and "
                            f"{MAX_LABEL_CHARS} characters; shorten it, or move the text to the description",
                        ))
    return out


def _check_crosswalk_ids(doc: YamlDocument, data: dict[str, Any]) -> list[Problem]:
    esco = re.compile(ESCO_URI_PATTERN)
    out = []
    for kind in ("skills", "roles"):
        records = data.get(kind)
        if not isinstance(records, list):
            continue
        for i, record in enumerate(records):
            links = record.get("crosswalk") if isinstance(record, dict) else None
            if not isinstance(links, list):
                continue
            for j, link in enumerate(links):
                if not isinstance(link, dict) or link.get("scheme") != "esco":
                    continue
                uri = link.get("id")
                if isinstance(uri, str) and not esco.fullmatch(uri):
                    out.append(doc.problem(
                        (kind, i, "crosswalk", j, "id"), "T105",
                        f"malformed ESCO URI {uri!r} in {record.get('id', kind[:-1])!r}; expected "
                        "http://data.europa.eu/esco/skill/<uuid> or .../occupation/<uuid>",
                    ))
    return out


def _strings(raw: dict[str, Any], key: str) -> tuple[str, ...]:
    value = raw.get(key)
    return tuple(v for v in value if isinstance(v, str)) if isinstance(value, list) else ()


def _crosswalks(raw: dict[str, Any]) -> tuple[m.Crosswalk, ...]:
    return tuple(
        m.Crosswalk(scheme=c["scheme"], id=str(c["id"]), match=c["match"], label=c.get("label"))
        for c in raw.get("crosswalk") or ()
    )


def _source(e: _Entry) -> str:
    line, _ = e.doc.locations.of(e.path)
    return f"{e.doc.path}:{line}"


def _build_skill(e: _Entry, translations: tuple[m.LocalLabels, ...] = ()) -> m.Skill:
    r = e.raw
    return m.Skill(
        id=r["id"], pref_label=r["prefLabel"], alt_labels=_strings(r, "altLabels"),
        hidden_labels=_strings(r, "hiddenLabels"), description=" ".join(r["description"].split()),
        category=r["category"], subcategory=r.get("subcategory"), work_type=r["workType"],
        skill_type=r.get("skillType") or "skill", broader=_strings(r, "broader"),
        related=_strings(r, "related"), prerequisites=_strings(r, "prerequisites"),
        crosswalk=_crosswalks(r), outcome=" ".join(r["outcome"].split()) if r.get("outcome") else None,
        context_requires=_strings(r, "contextRequires"), context_excludes=_strings(r, "contextExcludes"),
        patterns=tuple(m.Pattern(tuple(p["verb"]), tuple(p["object"])) for p in r.get("patterns") or ()),
        translations=translations, source=_source(e),
    )


def _build_role(e: _Entry, translations: tuple[m.LocalLabels, ...] = ()) -> m.Role:
    r = e.raw
    return m.Role(
        id=r["id"], pref_label=r["prefLabel"], work_type=r["workType"],
        description=" ".join(r["description"].split()),
        skills=tuple(
            m.RoleSkill(skill=s["skill"], relation=s["relation"], level=s["level"],
                        importance=s["importance"])
            for s in r["skills"]
        ),
        alt_labels=_strings(r, "altLabels"), hidden_labels=_strings(r, "hiddenLabels"),
        next_roles=_strings(r, "nextRoles"),
        crosswalk=_crosswalks(r), translations=translations, source=_source(e),
    )


def _check_references(
    taxonomy: m.Taxonomy, skills: dict[str, _Entry], roles: dict[str, _Entry]
) -> list[Problem]:
    out: list[Problem] = []
    for sid, e in skills.items():
        for key in ("broader", "related", "prerequisites"):
            for j, ref in enumerate(_strings(e.raw, key)):
                if ref not in skills:
                    out.append(e.doc.problem(
                        (*e.path, key, j), "T202",
                        f"skill {sid!r} lists unknown skill {ref!r} in {key}"
                        f"{did_you_mean(ref, skills)}",
                    ))
                elif ref == sid and key != "related":
                    out.append(e.doc.problem(
                        (*e.path, key, j), "T204" if key == "prerequisites" else "T208",
                        f"cycle in {key}: skill {sid!r} lists itself",
                    ))
    for rid, e in roles.items():
        held: dict[str, int] = {}
        entries = e.raw.get("skills")
        for j, entry in enumerate(entries if isinstance(entries, list) else ()):
            need = entry.get("skill") if isinstance(entry, dict) else None
            if not isinstance(need, str):
                continue
            if need not in skills:
                out.append(e.doc.problem(
                    (*e.path, "skills", j, "skill"), "T202",
                    f"role {rid!r} needs unknown skill {need!r}{did_you_mean(need, skills)}",
                ))
            elif need in held:
                out.append(e.doc.problem(
                    (*e.path, "skills", j, "skill"), "T206",
                    f"role {rid!r} lists skill {need!r} twice (also item {held[need] + 1}); keep one",
                ))
            held.setdefault(need, j)
        n = len(entries) if isinstance(entries, list) else 0
        if e.valid and not 5 <= n <= 15:
            out.append(e.doc.problem(
                (*e.path, "skills"), "T207",
                f"role {rid!r} has {n} skills; 5 to 15 keep gaps and plans readable",
                warning=True,
            ))
        for j, ref in enumerate(_strings(e.raw, "nextRoles")):
            if ref not in roles:
                out.append(e.doc.problem(
                    (*e.path, "nextRoles", j), "T203",
                    f"role {rid!r} lists unknown role {ref!r} in nextRoles{did_you_mean(ref, roles)}",
                ))
    return out


def _check_cycles(taxonomy: m.Taxonomy, skills: dict[str, _Entry], key: str, code: str) -> list[Problem]:
    """One problem per cycle (strongly connected component), shown from its smallest id."""
    graph = {
        sid: sorted({r for r in _strings(e.raw, key) if r in skills and r != sid})
        for sid, e in skills.items()
    }
    out = []
    for component in _strongly_connected(graph):
        if len(component) < 2:
            continue
        start = min(component)
        cycle = _cycle_through(graph, start, set(component))
        e = skills[start]
        nxt = cycle[1]
        j = list(_strings(e.raw, key)).index(nxt)
        out.append(e.doc.problem(
            (*e.path, key, j), code,
            f"cycle in {key}: {' -> '.join(cycle)}; remove one of these links",
        ))
    return out


def _strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm, iterative so deep chains cannot overflow the stack."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    result: list[list[str]] = []
    counter = 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            recurse = False
            children = graph[node]
            while i < len(children):
                child = children[i]
                i += 1
                if child not in index:
                    work.append((node, i))
                    work.append((child, 0))
                    recurse = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if recurse:
                continue
            if low[node] == index[node]:
                component = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    component.append(w)
                    if w == node:
                        break
                result.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return result


def _cycle_through(graph: dict[str, list[str]], start: str, component: set[str]) -> list[str]:
    """The shortest path start -> ... -> start inside one component (breadth first)."""
    from collections import deque

    parents: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for child in graph[node]:
            if child not in component:
                continue
            if child == start:
                path = [node]
                while path[-1] != start:
                    path.append(parents[path[-1]])
                return [*reversed(path), start]
            if child not in parents:
                parents[child] = node
                queue.append(child)
    return [start, start]  # pragma: no cover - a component always has a cycle


def normalise_label(label: str) -> str:
    """The form under which two labels count as the same: case and spacing folded."""
    return " ".join(label.casefold().split())


def _check_labels(taxonomy: m.Taxonomy, skills: dict[str, _Entry]) -> list[Problem]:
    owner: dict[str, str] = {}
    out = []
    for sid, e in skills.items():
        for key in ("prefLabel", "altLabels", "hiddenLabels"):
            value = e.raw.get(key)
            items = [(None, value)] if isinstance(value, str) else list(enumerate(value or ()))
            for j, label in items:
                if not isinstance(label, str):
                    continue
                norm = normalise_label(label)
                other = owner.setdefault(norm, sid)
                if other != sid:
                    at = (*e.path, key) if j is None else (*e.path, key, j)
                    out.append(e.doc.problem(
                        at, "T205",
                        f"label {label!r} of skill {sid!r} is also a label of {other!r}; "
                        "text that says it cannot tell them apart",
                        warning=True,
                    ))
    return out


def taxonomy_env_paths() -> list[str] | None:
    """``CROWDSKILLS_TAXONOMY`` split on the path separator, or ``None`` when unset."""
    return env_paths("CROWDSKILLS_TAXONOMY")
