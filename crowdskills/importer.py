"""Spreadsheet in, catalog YAML out: ``crowdskills catalog import``.

A provider's spreadsheet (CSV, TSV or XLSX) becomes a catalog that passes ``catalog validate``.
Columns are recognised by their usual headers (Title, Link, Duration, Price...) or mapped with
``column=field``. Durations such as "6 hours", "90 min" or "3 weeks, 2-4 hours/week" become
ISO 8601 hours; prices, languages and levels are normalised. The skills a course teaches come
from a ``teaches``/``skills`` column, or are suggested by the matcher from the title and
description, with each suggestion's score left as a YAML comment for a human to review.

Rows that cannot become a valid course are reported with their row number and left out; the
others are still imported.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .catalog import MAX_COURSE_HOURS, MAX_PRICE, duration_hours
from .errors import InputError
from .models import Taxonomy
from .taxonomy import new_id

FIELDS = (
    "id", "name", "provider", "url", "description", "duration", "price", "currency", "free",
    "language", "level", "credential", "mode", "teaches", "prerequisites",
)
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "course id", "code", "course code", "ref", "reference"),
    "name": ("name", "title", "course", "course name", "course title", "programme", "program"),
    "provider": ("provider", "organisation", "organization", "institution", "publisher"),
    "url": ("url", "link", "course url", "course link", "website", "web page", "page"),
    "description": ("description", "summary", "about", "overview", "course description", "abstract"),
    "duration": ("duration", "length", "hours", "time", "time required", "effort", "workload", "study time"),
    "price": ("price", "cost", "fee", "fees", "tuition"),
    "currency": ("currency",),
    "free": ("free", "is free", "free?"),
    "language": ("language", "languages", "lang", "in language"),
    "level": ("level", "difficulty", "educational level"),
    "credential": ("credential", "certificate", "certification", "award"),
    "mode": ("mode", "delivery", "format", "course mode"),
    "teaches": ("teaches", "skills", "skill ids", "skills taught"),
    "prerequisites": ("prerequisites", "requires", "course prerequisites"),
}
FIELD_ALIASES = {
    "timeRequired": "duration", "inLanguage": "language", "educationalLevel": "level",
    "courseMode": "mode", "coursePrerequisites": "prerequisites", "isAccessibleForFree": "free",
    "title": "name",
}
LANGUAGE_NAMES = {
    "english": "en", "spanish": "es", "espanol": "es", "español": "es", "french": "fr", "français": "fr",
    "francais": "fr", "german": "de", "deutsch": "de", "italian": "it", "italiano": "it",
    "portuguese": "pt", "português": "pt", "portugues": "pt", "dutch": "nl", "polish": "pl",
    "romanian": "ro", "greek": "el", "czech": "cs", "hungarian": "hu", "swedish": "sv", "danish": "da",
    "finnish": "fi", "bulgarian": "bg", "croatian": "hr", "slovak": "sk", "slovenian": "sl",
    "lithuanian": "lt", "latvian": "lv", "estonian": "et", "irish": "ga", "maltese": "mt",
    "arabic": "ar", "chinese": "zh", "japanese": "ja", "korean": "ko", "hindi": "hi", "russian": "ru",
    "ukrainian": "uk", "turkish": "tr", "indonesian": "id", "vietnamese": "vi", "tagalog": "tl",
    "filipino": "fil", "bengali": "bn", "urdu": "ur", "swahili": "sw",
}
LEVEL_WORDS = {
    "beginner": "beginner", "beginners": "beginner", "introductory": "beginner", "intro": "beginner",
    "entry": "beginner", "entry level": "beginner", "basic": "beginner", "foundation": "beginner",
    "fundamentals": "beginner", "novice": "beginner", "intermediate": "intermediate",
    "advanced": "advanced", "expert": "advanced",
}
LEVEL_NUMBER = {"beginner": 1, "intermediate": 2, "advanced": 3}
CREDENTIAL_WORDS = {
    "certificate": "certificate", "certification": "certificate", "yes": "certificate",
    "badge": "badge", "digital badge": "badge", "open badge": "badge", "micro-credential": "micro-credential",
    "microcredential": "micro-credential", "micro credential": "micro-credential", "none": "none", "no": "none",
}
CURRENCY_SYMBOLS = {"€": "EUR", "$": "USD", "£": "GBP", "¥": "JPY", "₹": "INR"}
TRUE_WORDS = frozenset({"yes", "y", "true", "1", "free", "x"})
FALSE_WORDS = frozenset({"no", "n", "false", "0", "paid"})

_NUM = r"(\d+(?:[.,]\d+)?)"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?"
_HOURS = r"(?:h|hr|hrs|hour|hours)"
_MINUTES = r"(?:m|min|mins|minute|minutes)"
PER_WEEK_RE = re.compile(
    rf"{_RANGE}\s*weeks?\b.*?{_RANGE}\s*{_HOURS}\s*(?:/|per|a|each)\s*(?:wk|week)", re.IGNORECASE)
HOURS_MINUTES_RE = re.compile(rf"^(?:{_RANGE}\s*{_HOURS})?\s*(?:,|and)?\s*(?:{_RANGE}\s*{_MINUTES})?$", re.IGNORECASE)
CLOCK_RE = re.compile(r"^(\d{1,3}):([0-5]\d)$")
DAYS_WEEKS_RE = re.compile(rf"^{_RANGE}\s*(day|days|week|weeks|wk|wks)$", re.IGNORECASE)
ISO_RE = re.compile(r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$")
OPEN_ENDED = frozenset(
    {"self-paced", "self paced", "varies", "variable", "flexible", "ongoing", "n/a", "na", "-", "tbc", "tba"})
PRICE_RE = re.compile(r"^([€$£¥₹])?\s*([A-Za-z]{3})?\s*([€$£¥₹])?\s*(\d[\d,]*(?:\.\d+)?)\s*([A-Za-z]{3})?$")


@dataclass
class RowProblem:
    """A row that was left out (``skipped``) or imported with a field dropped."""

    row: int
    message: str
    skipped: bool = True

    def __str__(self) -> str:
        return f"row {self.row}: {self.message}"


@dataclass
class ImportResult:
    yaml_text: str
    imported: int
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return sum(p.skipped for p in self.problems)


# --------------------------------------------------------------------------- values
def _amount(text: str) -> float:
    return float(text.replace(",", "."))


def _hours_from_range(a: str, b: str | None) -> float:
    return (_amount(a) + _amount(b)) / 2 if b else _amount(a)


def _bounded(hours: float, text: str) -> float:
    """``hours`` if a course can take that long (C111 of catalog validation), else ValueError."""
    if not 0 < hours <= MAX_COURSE_HOURS:
        raise ValueError(text)
    return hours


def _iso_hours(hours: float) -> str:
    minutes = round(_bounded(hours, str(hours)) * 60)
    if not minutes:  # under half a minute: not a course length
        raise ValueError(str(hours))
    h, m = divmod(minutes, 60)
    return "PT" + (f"{h}H" if h else "") + (f"{m}M" if m else "")


def parse_duration(text: str) -> str | None:
    """An ISO 8601 duration for a spreadsheet's length, or None when none is stated.

    "6 hours" and "6" (a bare number is hours) -> PT6H, "90 min", "1h 30m" and "1:30" -> PT1H30M,
    "2-4 hours" -> PT3H (a range's middle), "3 weeks, 2-4 hours/week" -> PT9H (the study time), "2 days" -> P2D.

    Raises:
        ValueError: the text states a length this does not understand.
    """
    t = " ".join(text.strip().lower().split())
    if not t or t in OPEN_ENDED:
        return None
    if ISO_RE.match(t.upper()):
        _bounded(duration_hours(t.upper()) or 0.0, text)
        return t.upper()
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):  # a bare number, as in an "Hours" column
        return _iso_hours(_amount(t))
    m = PER_WEEK_RE.search(t)
    if m:
        weeks = _hours_from_range(m.group(1), m.group(2))
        return _iso_hours(weeks * _hours_from_range(m.group(3), m.group(4)))
    m = CLOCK_RE.match(t)
    if m:
        return _iso_hours(int(m.group(1)) + int(m.group(2)) / 60)
    t2 = re.sub(r"^(?:about|approx\.?|approximately|around|ca\.?|~|up to)\s*", "", t)
    m = HOURS_MINUTES_RE.match(t2)
    if m and (m.group(1) or m.group(3)):
        hours = _hours_from_range(m.group(1), m.group(2)) if m.group(1) else 0.0
        if m.group(3):
            hours += _hours_from_range(m.group(3), m.group(4)) / 60
        return _iso_hours(hours)
    m = DAYS_WEEKS_RE.match(t2)
    if m:
        n = _hours_from_range(m.group(1), m.group(2))
        days = m.group(3).startswith("d")
        if n != int(_bounded(n * (24 if days else 168), text) and n):
            raise ValueError(text)
        return f"P{int(n)}{'D' if days else 'W'}"
    raise ValueError(text)


def parse_price(text: str, currency: str | None) -> tuple[float | None, str | None, bool]:
    """(price, currency, free) from a price cell such as "free", "0", "€49", "49.99 USD"."""
    t = text.strip()
    if not t:
        return None, currency, False
    if t.lower() in ("free", "gratis", "no cost", "free of charge", "0", "0.00"):
        return 0.0, currency, True
    m = PRICE_RE.match(t)
    if not m:
        raise ValueError(text)
    symbol = m.group(1) or m.group(3)
    code = (m.group(2) or m.group(5) or "").upper() or (CURRENCY_SYMBOLS.get(symbol, "") if symbol else "")
    amount = float(m.group(4).replace(",", ""))
    if not amount <= MAX_PRICE:  # C112 of catalog validation
        raise ValueError(text)
    return amount, code or currency, amount == 0


def parse_languages(text: str) -> list[str]:
    """BCP 47 tags for "English", "en; es", "English / Español"."""
    out = []
    for part in re.split(r"[,;/|]|\band\b", text):
        p = part.strip()
        if not p:
            continue
        tag = LANGUAGE_NAMES.get(p.lower())
        if tag is None:
            if not re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", p):
                raise ValueError(part)
            tag = p
        if tag not in out:
            out.append(tag)
    return out


# --------------------------------------------------------------------------- reading
def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Headers and (row number, cells) of a CSV, TSV or XLSX file; row numbers as a spreadsheet shows them."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"{path} cannot be read: {exc.strerror}.") from None
    if raw.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise InputError(f"{path} is a spreadsheet file, not CSV. Save it as .xlsx or CSV (UTF-8).")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
    delimiter = "\t" if suffix == ".tsv" else _sniff(text)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(rows, None)
    if not header:
        raise InputError(f"{path} is empty: a header row and one row per course are expected.")

    def body() -> Iterator[tuple[int, list[str]]]:
        for cells in rows:
            yield rows.line_num, cells

    return [h.strip() for h in header], body()


def _sniff(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _read_xlsx(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    try:
        import openpyxl  # type: ignore[import-untyped]
    except ImportError:
        raise InputError(
            f"{path}: reading .xlsx needs openpyxl. Install it with `pip install 'crowdskills[xlsx]'`, "
            "or save the sheet as CSV."
        ) from None
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise InputError(f"{path} is not a readable .xlsx file ({exc}). Save it again, or as CSV.") from None
    sheet = book.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows, None)
    if not header:
        raise InputError(f"{path} is empty: a header row and one row per course are expected.")

    def cell(v: Any) -> str:
        if v is None:
            return ""
        if isinstance(v, float) and v.is_integer():
            return str(int(v))
        if isinstance(v, (datetime.datetime, datetime.date)):
            return v.isoformat()[:10]
        return str(v)

    def body() -> Iterator[tuple[int, list[str]]]:
        for number, values in enumerate(rows, start=2):
            yield number, [cell(v) for v in values]

    return [cell(h).strip() for h in header], body()


def map_columns(header: Sequence[str], overrides: Mapping[str, str]) -> dict[str, int]:
    """Field -> column index, from the usual headers and ``column=field`` overrides.

    Raises:
        InputError: an override names a column or field that does not exist.
    """
    lowered = {h.strip().lower(): i for i, h in enumerate(header)}
    out: dict[str, int] = {}
    for name, idx in lowered.items():
        for fld, synonyms in HEADER_SYNONYMS.items():
            if name in synonyms and fld not in out:
                out[fld] = idx
    for column, fld in overrides.items():
        fld = FIELD_ALIASES.get(fld, fld)
        if fld not in FIELDS:
            raise InputError(f"--map {column}={fld}: unknown field {fld!r}. Fields: {', '.join(FIELDS)}.")
        found = lowered.get(column.strip().lower())
        if found is None:
            raise InputError(f"--map {column}={fld}: no column {column!r} (columns: {', '.join(header)}).")
        for k, v in list(out.items()):
            if v == found:
                del out[k]
        out[fld] = found
    return out


# --------------------------------------------------------------------------- converting
def import_catalog(
    path: Path,
    taxonomy: Taxonomy,
    *,
    provider: str | None = None,
    column_map: Mapping[str, str] | None = None,
    min_score: float = 0.6,
    language: str = "en",
    currency: str | None = None,
    matcher: Any = None,
    today: str | None = None,
) -> ImportResult:
    """Convert a spreadsheet of courses into catalog YAML.

    Args:
        provider: the provider of every course (else a provider column is needed).
        column_map: spreadsheet column -> catalog field, for headers not recognised.
        min_score: lowest matcher score for a suggested skill.
        language: language of courses whose row gives none.
        currency: currency of prices whose cell gives none.
        matcher: a fitted :class:`SkillMatcher` for suggestions (built when None).

    Raises:
        InputError: the file cannot be read, or a required column is missing.
    """
    from .catalog import check_catalog_text

    header, rows = read_table(path)
    columns = map_columns(header, column_map or {})
    missing = [f for f in ("name", "url") if f not in columns]
    if provider is None and "provider" not in columns:
        missing.append("provider")
    if missing:
        raise InputError(
            f"{path}: no column for {', '.join(missing)} (columns: {', '.join(header)}). "
            "Map one with --map 'Column=field'" + (" or give --provider" if "provider" in missing else "") + "."
        )
    today = today or datetime.date.today().isoformat()
    problems: list[RowProblem] = []
    blocks: list[str] = []
    used_ids: set[str] = set()
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        values = {f: (cells[i].strip() if i < len(cells) else "") for f, i in columns.items()}
        if matcher is None and not values.get("teaches"):
            from .matching import SkillMatcher

            matcher = SkillMatcher().fit(taxonomy)
        try:
            block = _course_block(values, number, taxonomy, provider, min_score, language, currency,
                                  matcher, today, used_ids, problems)
        except _RowError as exc:
            problems.append(RowProblem(number, str(exc)))
            continue
        _, found = check_catalog_text(_document([block.text]), taxonomy, shown=f"row {number}")
        errors = [p for p in found if p.is_error]
        if errors:
            problems.append(RowProblem(number, errors[0].message))
            continue
        used_ids.add(block.id)
        blocks.append(block.text)
    problems.sort(key=lambda p: p.row)
    return ImportResult(_document(blocks, source=path.name), len(blocks), problems)


class _RowError(ValueError):
    pass


@dataclass
class _Block:
    id: str
    text: str


def _scalar(value: Any) -> str:
    dumped = yaml.safe_dump({"k": value}, allow_unicode=True, width=10**6, default_flow_style=False)
    return dumped[3:].rstrip("\n")


def _course_block(
    v: dict[str, str], row: int, taxonomy: Taxonomy, provider: str | None, min_score: float,
    language: str, currency: str | None, matcher: Any, today: str, used_ids: set[str],
    problems: list[RowProblem],
) -> _Block:
    name = v.get("name", "")
    url = v.get("url", "")
    prov = provider or v.get("provider", "")
    if not name:
        raise _RowError("no course name; fill in the title or leave the row out")
    if not url:
        raise _RowError(f"course {name!r} has no URL; add its link")
    if not re.match(r"^https?://", url, re.IGNORECASE):
        if re.match(r"^[\w-]+(\.[\w-]+)+(/|$)", url):
            url = "https://" + url
        else:
            raise _RowError(f"{url!r} is not a web address; give the course's http(s) link")
    if not prov:
        raise _RowError("no provider; fill in the provider column or give --provider")
    description = " ".join(v.get("description", "").split()) or name
    lines: list[str] = []
    comments: list[str] = []

    # the skills taught: a column of ids or labels, or the matcher's suggestions
    teaches: list[tuple[str, int, str]] = []
    level = LEVEL_WORDS.get(v.get("level", "").strip().lower()) if v.get("level") else None
    skill_level = LEVEL_NUMBER.get(level or "", 1)
    if v.get("teaches"):
        from .search import resolve_skill

        for part in re.split(r"[,;|\n]", v["teaches"]):
            if not part.strip():
                continue
            try:
                skill = resolve_skill(taxonomy, part.strip())
            except Exception as exc:  # NotFoundError: name the word and move on
                raise _RowError(f"teaches: {exc}") from None
            if skill.id not in [t[0] for t in teaches]:
                teaches.append((skill.id, skill_level, ""))
    else:
        text = f"{name}.\n{description}"
        for m in matcher.match(text, kind="profile"):
            if m.score >= min_score and m.status != "negated":
                words = m.evidence[0].text if m.evidence else ""
                teaches.append((m.skill_id, skill_level, f"suggested: score {m.score:.2f}, {m.methods[0]} {words!r}"))
        if not teaches:
            raise _RowError(
                f"no skill found in the title or description of {name!r}; add a teaches column "
                "(skill ids or labels) or lower --min-score"
            )

    cid = new_id(v.get("id") or f"{prov}-{name}", used_ids, max_len=60, fallback="course")
    lines.append(f"- id: {_scalar(cid)}")
    lines.append(f"  name: {_scalar(name)}")
    lines.append(f"  provider: {_scalar(prov)}")
    lines.append(f"  url: {_scalar(url)}")
    lines.append(f"  description: {_scalar(description)}")
    lines.append("  teaches:")
    for skill_id, lvl, comment in teaches:
        lines.append(f"  - skill: {skill_id}" + (f"  # {comment}" if comment else ""))
        lines.append(f"    level: {lvl}")
    if v.get("prerequisites"):
        from .search import resolve_skill

        ids = []
        for part in re.split(r"[,;|]", v["prerequisites"]):
            if part.strip():
                try:
                    ids.append(resolve_skill(taxonomy, part.strip()).id)
                except Exception:
                    problems.append(RowProblem(
                        row, f"prerequisite {part.strip()!r} is not a known skill; left out", False))
        if ids:
            lines.append("  coursePrerequisites:")
            lines += [f"  - {i}" for i in ids]

    if v.get("duration"):
        try:
            iso = parse_duration(v["duration"])
        except ValueError:
            iso = None
            problems.append(RowProblem(
                row, f"duration {v['duration']!r} not understood; left out (kept as a comment)", False))
            comments.append(f"duration in the sheet: {v['duration']}")
        if iso:
            lines.append(f"  timeRequired: {iso}  # {_scalar(v['duration'])}")

    free_cell = v.get("free", "").strip().lower()
    price_text = v.get("price", "")
    try:
        price, cur, free = parse_price(price_text, (v.get("currency") or currency or "").upper() or None)
    except ValueError:
        price, cur, free = None, None, False
        problems.append(RowProblem(row, f"price {price_text!r} not understood; left out (kept as a comment)", False))
        comments.append(f"price in the sheet: {price_text}")
    if free_cell in TRUE_WORDS or free:
        lines.append("  isAccessibleForFree: true")
    elif price is not None and price > 0:
        if cur:
            lines.append(f"  offers: {{price: {price:g}, currency: {cur}}}")
        else:
            problems.append(RowProblem(
                row, f"price {price_text!r} has no currency; add a currency column or --currency", False))
            comments.append(f"price in the sheet (no currency): {price_text}")
    elif free_cell in FALSE_WORDS:
        lines.append("  isAccessibleForFree: false")

    try:
        langs = parse_languages(v["language"]) if v.get("language") else [language]
    except ValueError as exc:
        problems.append(RowProblem(row, f"language {str(exc).strip()!r} not understood; used {language}", False))
        langs = [language]
    lines.append("  inLanguage:")
    lines += [f"  - {_scalar(t)}" for t in langs]
    if level:
        lines.append(f"  educationalLevel: {level}")
    elif v.get("level"):
        comments.append(f"level in the sheet: {v['level']}")
    mode = v.get("mode", "").strip().lower()
    lines.append(f"  courseMode: {mode if mode in ('online', 'blended', 'onsite') else 'online'}")
    credential = CREDENTIAL_WORDS.get(v.get("credential", "").strip().lower())
    if credential:
        lines.append(f"  credential: {credential}")
    lines.append(f"  lastVerified: '{today}'")
    lines.append(f"  # imported from row {row}" + "".join(f"; {c}" for c in comments))
    return _Block(cid, "\n".join(lines))


def _document(blocks: Sequence[str], source: str | None = None) -> str:
    head = ""
    if source:
        head = (
            f"# Imported from {source} by `crowdskills catalog import`. Review the suggested skills\n"
            "# (marked 'suggested') and each description, then run `crowdskills catalog validate`.\n"
        )
    if not blocks:
        return head + "courses: []\n"
    return head + "courses:\n" + "\n".join(blocks) + "\n"
