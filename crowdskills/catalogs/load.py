"""Course catalogs in YAML: loading and validation.

A catalog file has a ``courses`` list (and optional ``catalog`` metadata). Field names follow
schema.org Course; see docs/catalog-format.md. :func:`check_catalogs` returns the courses it
could build and every problem found; :func:`load_catalogs` raises :class:`ValidationError` on
errors. Problem codes (``C`` for catalog; the ``Y`` codes of :mod:`crowdskills.yamlio` cover the
YAML itself):

- C101 unknown field            - C201 course id defined twice
- C102 missing required field   - C202 unknown skill in ``teaches``
- C103 wrong type               - C203 unknown skill in ``coursePrerequisites``
- C104 value not allowed        - C204 price unknown: no ``offers`` and no ``isAccessibleForFree`` (warning)
- C105 invalid ISO 8601 duration  C205 no ``timeRequired``: length filters cannot use it (warning)
- C106 invalid URL              - C206 ``priceModel: paid`` without a price and currency in ``offers``
- C107 negative price           - C207 ``priceModel`` contradicts ``isAccessibleForFree`` or ``offers``
- C108 price without currency   - C208 ``courseWorkload`` not "<ISO 8601 duration> per week|month"
- C109 invalid BCP 47 language tag
- C110 malformed id
- C111 timeRequired of zero, or over :data:`MAX_COURSE_HOURS`
- C112 price not a finite number, or over :data:`MAX_PRICE`
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .. import models as m
from ..datafiles import env_paths, resolve_paths, shipped_dir, yaml_files
from ..errors import Problem, ValidationError
from ..spec import Field, Spec, check_record, json_schema
from ..suggest import did_you_mean
from ..taxonomy import ID_PATTERN
from ..yamlio import YamlDocument, YamlPath, display_path, load_yaml, loads_yaml

LEVELS = ("beginner", "intermediate", "advanced")
MODES = ("online", "blended", "onsite")
CREDENTIALS = ("none", "badge", "certificate", "micro-credential")
DURATION_RE = re.compile(
    r"P(?!$)(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?=\d)(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?"
)
LANGUAGE_RE = re.compile(r"[a-zA-Z]{2,3}(?:-[a-zA-Z]{4})?(?:-(?:[a-zA-Z]{2}|\d{3}))?(?:-[a-zA-Z\d]{5,8})*")
CURRENCY_RE = re.compile(r"[A-Z]{3}")
SCHEMA_URL = "https://crowdskills.dev/schema/catalog.schema.json"
#: Longest learning time a course may state (about five years of full-time study).
MAX_COURSE_HOURS = 10_000
#: Highest price a course may state, in any currency.
MAX_PRICE = 1_000_000

OFFER_SPEC = Spec("offer", {
    "price": Field("number", "Price of the course (0 for free).", required=True),
    "currency": Field("string", "ISO 4217 currency code, e.g. EUR.", pattern=r"[A-Z]{3}",
                      pattern_hint="use a three-letter ISO 4217 code such as EUR or USD"),
    "note": Field("string", "What the price covers, e.g. 'free to audit, certificate paid'."),
})

TEACHES_SPEC = Spec("taught skill", {
    "skill": Field("string", "A skill id of the taxonomy.", required=True),
    "level": Field("integer", "Level the course brings a learner to: 1 to 4.", minimum=1, maximum=4),
})

COURSE_SPEC = Spec("course", {
    "id": Field("string", "Stable slug, e.g. openlearn-digital-skills.", required=True,
                pattern=ID_PATTERN, code="110", pattern_hint="use lowercase letters, digits and single hyphens"),
    "name": Field("string", "The course title as the provider gives it.", required=True),
    "provider": Field("string", "Who offers the course.", required=True),
    "url": Field("string", "The course's landing page.", required=True),
    "description": Field("string", "One or two sentences in your own words.", required=True),
    "teaches": Field("objects", "Skills the course teaches.", required=True, min_items=1, spec=TEACHES_SPEC),
    "coursePrerequisites": Field("strings", "Skill ids a learner needs first."),
    "timeRequired": Field("string", "Total learning time, ISO 8601 duration, e.g. PT6H; leave it out "
                          "when the provider does not state it."),
    "offers": Field("object", "Price and currency.", spec=OFFER_SPEC),
    "isAccessibleForFree": Field("boolean", "Whether the course can be taken for free."),
    "courseWorkload": Field("string", "Study time per week (or month) as the provider states it: an ISO 8601 "
                            "duration and 'per week', e.g. 'PT3H per week'."),
    "priceModel": Field("string", "How it is paid for: free, free-to-audit (certificate paid), paid "
                        "(give offers), funded (free for some learners) or unknown.", enum=m.PRICE_MODELS),
    "inLanguage": Field("strings", "BCP 47 language tags, e.g. en, pt-BR.", required=True, min_items=1),
    "educationalLevel": Field("string", "Who it is for, as the provider states it.", enum=LEVELS),
    "courseMode": Field("string", "How it is delivered.", enum=MODES),
    "credential": Field("string", "What a learner gets at the end.", enum=CREDENTIALS),
    "learningResourceType": Field("string", "What kind of resource it is (schema.org learningResourceType): "
                                  "a course, a guide (such as a platform's help article), a tutorial or a "
                                  "certification. Default: course.", enum=m.RESOURCE_TYPES),
    "lastVerified": Field("date", "When the facts were last checked against the provider's page.",
                          required=True),
    "factSource": Field("string", "The page that confirmed the facts, if not the course URL."),
}, description="A real course (schema.org Course fields).")

CATALOG_META_SPEC = Spec("catalog metadata", {
    "name": Field("string", "Name of the catalog."),
    "publisher": Field("string", "Who curates it."),
    "url": Field("string", "Where it is published."),
    "license": Field("string", "Licence of this metadata file, e.g. CC0-1.0."),
})

FILE_SPEC = Spec("catalog file", {
    "catalog": Field("object", "About this catalog.", spec=CATALOG_META_SPEC),
    "courses": Field("objects", "The courses.", required=True, spec=COURSE_SPEC),
}, description="A crowdskills course catalog file.")


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema of catalog files."""
    return json_schema(FILE_SPEC, title="crowdskills course catalog", schema_id=SCHEMA_URL)


def shipped_catalogs_dir() -> Path:
    """Where the catalogs shipped with crowdskills live (installed wheel or source tree)."""
    return shipped_dir("catalogs")


def resolve_catalog_paths(specs: Sequence[str] | None) -> list[Path]:
    """``--catalog`` values as paths: a plain path replaces the shipped catalogs, +PATH adds to them."""
    return resolve_paths(specs, shipped_catalogs_dir())


def catalog_env_paths() -> list[str] | None:
    """``CROWDSKILLS_CATALOGS`` split on the path separator, or ``None`` when unset."""
    return env_paths("CROWDSKILLS_CATALOGS")


def duration_hours(value: str) -> float | None:
    """Hours in an ISO 8601 duration (days count 24 h, weeks 7 days); None if malformed.

    Years and months have no fixed length and are refused too: write learning time in hours.
    """
    match = DURATION_RE.fullmatch(value)
    if not match or match.group(1) or match.group(2):
        return None
    weeks, days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups()[2:])
    return (weeks * 7 + days) * 24 + hours + minutes / 60 + seconds / 3600


def valid_url(value: str) -> bool:
    parsed = urlparse(value)
    return parsed.scheme in ("http", "https") and bool(parsed.netloc) and " " not in value


def check_catalogs(
    paths: Path | Sequence[Path] | None = None, *, taxonomy: m.Taxonomy | None = None
) -> tuple[list[m.Course], list[Problem]]:
    """Read and validate catalogs against a taxonomy; never raises on bad data.

    Args:
        paths: files or directories; the shipped catalogs when ``None``.
        taxonomy: the skills ``teaches`` and ``coursePrerequisites`` may name; the shipped
            taxonomy when ``None``.
    """
    if taxonomy is None:
        from ..taxonomy import load_taxonomy

        taxonomy = load_taxonomy()
    if paths is None:
        paths = [shipped_catalogs_dir()]
    elif isinstance(paths, Path):
        paths = [paths]
    files = yaml_files(paths)
    problems: list[Problem] = []
    courses: list[m.Course] = []
    seen: dict[str, str] = {}
    for file in files:
        try:
            doc = load_yaml(file)
        except ValidationError as exc:
            problems.extend(exc.problems)
            continue
        found, own = check_catalog_document(doc, taxonomy, seen)
        courses.extend(found)
        problems.extend(own)
    order = {display_path(f): i for i, f in enumerate(files)}
    problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line, p.col, p.code, p.message))
    return courses, problems


def check_catalog_text(
    raw: bytes | str, taxonomy: m.Taxonomy, *, shown: str = "<catalog>"
) -> tuple[list[m.Course], list[Problem]]:
    """:func:`check_catalogs` for catalog YAML held in memory (a download, an import)."""
    try:
        doc = loads_yaml(raw, shown=shown)
    except ValidationError as exc:
        return [], list(exc.problems)
    courses, problems = check_catalog_document(doc, taxonomy, {})
    problems.sort(key=lambda p: (p.line, p.col, p.code, p.message))
    return courses, problems


def check_catalog_document(
    doc: YamlDocument, taxonomy: m.Taxonomy, seen: dict[str, str]
) -> tuple[list[m.Course], list[Problem]]:
    """Validate one parsed catalog file; ``seen`` maps course ids met so far to their place."""
    problems = list(check_record(doc, (), doc.data, FILE_SPEC, prefix="C", deep=False))
    courses: list[m.Course] = []
    records = doc.data.get("courses") if isinstance(doc.data, dict) else None
    if not isinstance(records, list):
        return courses, problems
    for i, record in enumerate(records):
        path: YamlPath = ("courses", i)
        own = check_record(doc, path, record, COURSE_SPEC, prefix="C", within="catalog file")
        if isinstance(record, dict):
            own += _check_course(doc, path, record, taxonomy)
        problems.extend(own)
        cid = record.get("id") if isinstance(record, dict) else None
        if not isinstance(cid, str):
            continue
        if cid in seen:
            problems.append(doc.problem(
                (*path, "id"), "C201",
                f"course id {cid!r} is defined twice (first at {seen[cid]}); rename one or remove the copy",
            ))
            continue
        seen[cid] = f"{doc.path}:{doc.locations.of(path)[0]}"
        if all(not p.is_error or p.code == "C101" for p in own):
            courses.append(_build(doc, path, record))
    return courses, problems


def load_catalogs(
    paths: Path | Sequence[Path] | None = None, *, taxonomy: m.Taxonomy | None = None
) -> list[m.Course]:
    """Load catalogs, raising :class:`ValidationError` (all problems) if they have errors."""
    courses, problems = check_catalogs(paths, taxonomy=taxonomy)
    errors = [p for p in problems if p.is_error]
    if errors:
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ValidationError(
            f"the catalogs have errors: {errors[0]}{more}. Run `crowdskills catalog validate` to list them.",
            problems,
        )
    return courses


def _check_course(doc: YamlDocument, path: YamlPath, r: dict[str, Any], taxonomy: m.Taxonomy) -> list[Problem]:
    out: list[Problem] = []
    cid = r.get("id", "?")
    duration = r.get("timeRequired")
    if duration is None:
        out.append(doc.problem(path, "C205", f"course {cid!r} has no timeRequired; --max-hours cannot "
                                             "judge it, so add it when the provider states it", warning=True))
    hours = duration_hours(duration) if isinstance(duration, str) else None
    if isinstance(duration, str) and hours is None:
        out.append(doc.problem(
            (*path, "timeRequired"), "C105",
            f"timeRequired of course {cid!r} is {duration!r}, not an ISO 8601 duration in hours, days "
            "or weeks; write e.g. PT6H or PT1H30M",
        ))
    elif isinstance(duration, str) and hours is not None and not 0 < hours <= MAX_COURSE_HOURS:
        shown = duration if len(duration) <= 30 else duration[:27] + "..."
        out.append(doc.problem(
            (*path, "timeRequired"), "C111",
            f"timeRequired of course {cid!r} is {shown!r}, {'zero' if hours == 0 else 'too long'}; a course "
            f"takes more than 0 and at most {MAX_COURSE_HOURS:,} hours (leave it out when the provider "
            "does not state it)",
        ))
    for key in ("url", "factSource"):
        url = r.get(key)
        if isinstance(url, str) and not valid_url(url):
            out.append(doc.problem((*path, key), "C106", f"{key} of course {cid!r} is {url!r}, not an http(s) URL"))
    offers = r.get("offers")
    if isinstance(offers, dict):
        price = offers.get("price")
        if isinstance(price, (int, float)) and not isinstance(price, bool):
            if price < 0:
                out.append(doc.problem((*path, "offers", "price"), "C107",
                                       f"price of course {cid!r} is {price}; prices cannot be negative"))
            elif not price <= MAX_PRICE:  # also catches .nan and .inf; never converts a huge int to float
                shown = str(price) if len(str(price)) <= 20 else str(price)[:17] + "..."
                out.append(doc.problem((*path, "offers", "price"), "C112",
                                       f"price of course {cid!r} is {shown}; a price is a number from 0 to "
                                       f"{MAX_PRICE:,}"))
        if "price" in offers and not offers.get("currency"):
            out.append(doc.problem((*path, "offers"), "C108",
                                   f"course {cid!r} has a price but no currency; add currency: EUR (or USD, GBP...)"))
    elif offers is None and "isAccessibleForFree" not in r and r.get("priceModel") in (None, "unknown"):
        said = "states its price as unknown" if r.get("priceModel") else "says nothing about price"
        out.append(doc.problem(path, "C204", f"course {cid!r} {said}; add priceModel (with offers when paid) "
                                             "when the provider states it", warning=True))
    out += _check_price_model(doc, path, r)
    workload = r.get("courseWorkload")
    if isinstance(workload, str) and not _valid_workload(workload):
        out.append(doc.problem((*path, "courseWorkload"), "C208",
                               f"courseWorkload of course {cid!r} is {workload!r}; write an ISO 8601 duration and "
                               "the period, e.g. 'PT3H per week'"))
    langs = r.get("inLanguage")
    for j, tag in enumerate(langs if isinstance(langs, list) else ()):
        if isinstance(tag, str) and not LANGUAGE_RE.fullmatch(tag):
            out.append(doc.problem((*path, "inLanguage", j), "C109",
                                   f"{tag!r} in course {cid!r} is not a BCP 47 language tag; write e.g. en, es, pt-BR"))
    teaches = r.get("teaches")
    for j, t in enumerate(teaches if isinstance(teaches, list) else ()):
        sid = t.get("skill") if isinstance(t, dict) else None
        if isinstance(sid, str) and sid not in taxonomy.skills:
            out.append(doc.problem((*path, "teaches", j, "skill"), "C202",
                                   f"course {cid!r} teaches unknown skill {sid!r}{did_you_mean(sid, taxonomy.skills)}"))
    prereqs = r.get("coursePrerequisites")
    for j, sid in enumerate(prereqs if isinstance(prereqs, list) else ()):
        if isinstance(sid, str) and sid not in taxonomy.skills:
            hint = did_you_mean(sid, taxonomy.skills)
            out.append(doc.problem((*path, "coursePrerequisites", j), "C203",
                                   f"course {cid!r} requires unknown skill {sid!r}{hint}"))
    return out


WORKLOAD_RE = re.compile(r"(\S+) per (week|month)")


def _valid_workload(value: str) -> bool:
    match = WORKLOAD_RE.fullmatch(value)
    return match is not None and duration_hours(match.group(1)) is not None


def _check_price_model(doc: YamlDocument, path: YamlPath, r: dict[str, Any]) -> list[Problem]:
    """C206/C207: a stated price model agrees with ``offers`` and ``isAccessibleForFree``."""
    model = r.get("priceModel")
    if model not in m.PRICE_MODELS:
        return []
    cid = r.get("id", "?")
    offers = r.get("offers")
    if not isinstance(offers, dict):
        offers = {}
    price = offers.get("price")
    price = price if isinstance(price, (int, float)) and not isinstance(price, bool) else None
    free = r.get("isAccessibleForFree")
    where = (*path, "priceModel")
    if model == "paid" and (price is None or price <= 0 or not offers.get("currency")):
        return [doc.problem(where, "C206", f"course {cid!r} is paid but gives no price and currency; add "
                                          "offers: {price: 49, currency: EUR} as the provider states it, "
                                          "or write priceModel: unknown")]
    clash = None
    if model in ("free", "free-to-audit") and free is False:
        clash = "isAccessibleForFree: false"
    elif model == "free" and price is not None and price > 0:
        clash = f"a price of {price:g}"
    elif model == "paid" and free is True:
        clash = "isAccessibleForFree: true"
    elif model == "unknown" and (free is not None or price is not None):
        clash = "isAccessibleForFree" if free is not None else "a price"
    if clash is None:
        return []
    return [doc.problem(where, "C207", f"course {cid!r} has priceModel {model!r} but {clash}; make them agree "
                                      "(free-to-audit takes the certificate's price in offers)")]


def _build(doc: YamlDocument, path: YamlPath, r: dict[str, Any]) -> m.Course:
    offers = r.get("offers") or {}
    last = r.get("lastVerified")
    if isinstance(last, datetime.date):
        last = last.isoformat()
    return m.Course(
        id=r["id"], name=r["name"], provider=r["provider"], url=r["url"],
        description=" ".join(r["description"].split()),
        teaches=tuple(m.CourseSkill(t["skill"], t.get("level", 1)) for t in r["teaches"]),
        time_required=r.get("timeRequired"),
        hours=duration_hours(r["timeRequired"]) if r.get("timeRequired") else None,
        in_language=tuple(r["inLanguage"]), educational_level=r.get("educationalLevel"),
        course_mode=r.get("courseMode", "online"), credential=r.get("credential", "none"),
        price=offers.get("price"), currency=offers.get("currency"), free=r.get("isAccessibleForFree"),
        prerequisites=tuple(r.get("coursePrerequisites") or ()), last_verified=last,
        fact_source=r.get("factSource"), learning_resource_type=r.get("learningResourceType", "course"),
        price_model=r.get("priceModel"), course_workload=r.get("courseWorkload"),
        source=f"{doc.path}:{doc.locations.of(path)[0]}",
    )
