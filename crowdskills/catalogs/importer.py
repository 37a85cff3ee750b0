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
import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..errors import InputError
from ..models import Taxonomy
from ..taxonomy import new_id
from .load import MAX_COURSE_HOURS, MAX_PRICE, duration_hours

FIELDS = (
    "id", "name", "provider", "url", "description", "duration", "price", "currency", "free",
    "language", "level", "credential", "mode", "teaches", "prerequisites",
)
HEADER_SYNONYMS: dict[str, tuple[str, ...]] = {
    "id": ("id", "course id", "code", "course code", "ref", "reference"),
    "name": ("name", "title", "course", "course name", "course title", "programme", "program",
             "título", "titulo", "nombre", "nombre del curso", "titre", "intitulé", "titel", "kursname", "nome",
             "curso", "cours", "kurs"),
    "provider": ("provider", "organisation", "organization", "institution", "publisher", "proveedor",
                 "institución", "fournisseur", "organisme", "anbieter", "fornecedor", "instituição"),
    "url": ("url", "link", "course url", "course link", "website", "web page", "page", "web", "enlace",
            "lien", "lien du cours", "página", "pagina"),
    "description": ("description", "summary", "about", "overview", "course description", "abstract", "blurb",
                    "short blurb", "short description", "descripción", "descripcion", "resumen", "résumé",
                    "beschreibung", "kurzbeschreibung", "descrição", "descricao", "resumo"),
    "duration": ("duration", "length", "hours", "time", "time required", "effort", "workload", "study time",
                 "duración", "duracion", "durée", "duree", "dauer", "umfang", "duração", "duracao", "horas",
                 "heures", "stunden"),
    "price": ("price", "cost", "fee", "fees", "tuition", "precio", "coste", "costo", "prix", "tarif", "coût",
              "preis", "kosten", "gebühr", "preço", "preco", "custo"),
    "currency": ("currency", "moneda", "divisa", "devise", "währung", "moeda"),
    "free": ("free", "is free", "free?", "gratis", "gratuit", "kostenlos", "gratuito"),
    "language": ("language", "languages", "lang", "in language", "idioma", "idiomas", "lengua", "langue",
                 "langues", "sprache", "sprachen", "língua", "lingua"),
    "level": ("level", "difficulty", "educational level", "nivel", "niveau", "stufe", "nível"),
    "credential": ("credential", "certificate", "certification", "award", "certificado", "certificat",
                   "zertifikat", "abschluss"),
    "mode": ("mode", "delivery", "format", "course mode", "modalidad", "modalité", "modalidade", "lernform"),
    "teaches": ("teaches", "skills", "skill ids", "skills taught", "habilidades", "competencias",
                "compétences", "kompetenzen", "fähigkeiten", "competências"),
    "prerequisites": ("prerequisites", "requires", "course prerequisites", "requisitos", "prérequis",
                      "prerequis", "voraussetzungen", "pré-requisitos"),
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
    # the names in Spanish, French, German and Portuguese
    "inglés": "en", "ingles": "en", "castellano": "es", "francés": "fr", "frances": "fr", "alemán": "de",
    "aleman": "de", "portugués": "pt", "anglais": "en", "espagnol": "es",
    "allemand": "de", "portugais": "pt", "italien": "it", "englisch": "en", "spanisch": "es",
    "französisch": "fr", "franzosisch": "fr", "portugiesisch": "pt", "italienisch": "it", "inglês": "en",
    "espanhol": "es", "francês": "fr", "alemão": "de", "alemao": "de", "brazilian portuguese": "pt-BR",
    "português do brasil": "pt-BR", "portugués de brasil": "pt-BR",
}
LEVEL_WORDS = {
    "beginner": "beginner", "beginners": "beginner", "introductory": "beginner", "intro": "beginner",
    "entry": "beginner", "entry level": "beginner", "basic": "beginner", "foundation": "beginner",
    "fundamentals": "beginner", "novice": "beginner", "intermediate": "intermediate",
    "advanced": "advanced", "expert": "advanced",
    "principiante": "beginner", "básico": "beginner", "basico": "beginner", "inicial": "beginner",
    "intermedio": "intermediate", "avanzado": "advanced", "débutant": "beginner", "debutant": "beginner",
    "initiation": "beginner", "intermédiaire": "intermediate", "intermediaire": "intermediate",
    "avancé": "advanced", "avance": "advanced", "anfänger": "beginner", "einsteiger": "beginner",
    "grundlagen": "beginner", "mittelstufe": "intermediate", "fortgeschritten": "advanced",
    "fortgeschrittene": "advanced", "experte": "advanced", "iniciante": "beginner",
    "intermediário": "intermediate", "intermediario": "intermediate", "avançado": "advanced",
    "avancado": "advanced",
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

#: Study hours in a day of a course: "1 day" is 7 h, "half a day" 3.5 h.
HOURS_PER_DAY = 7.0
_NUM = r"(\d+(?:[.,]\d+)?)"
_RANGE = rf"{_NUM}(?:\s*(?:-|–|to)\s*{_NUM})?"
_HOURS = r"(?:h|hr|hrs|hour|hours)"
_MINUTES = r"(?:m|min|mins|minute|minutes)"
_PER_WEEK = r"(?:/|per|a|each)\s*(?:wk|week)"
PER_WEEK_RE = re.compile(rf"{_RANGE}\s*weeks?\b.*?{_RANGE}\s*{_HOURS}\s*{_PER_WEEK}", re.IGNORECASE)
WEEKLY_FIRST_RE = re.compile(rf"{_RANGE}\s*{_HOURS}\s*{_PER_WEEK}\b.*?{_RANGE}\s*weeks?\b", re.IGNORECASE)
WEEKLY_ONLY_RE = re.compile(rf"^{_RANGE}\s*{_HOURS}\s*{_PER_WEEK}$", re.IGNORECASE)
HOURS_MINUTES_RE = re.compile(rf"^(?:{_RANGE}\s*{_HOURS})?\s*(?:,|and)?\s*(?:{_RANGE}\s*{_MINUTES})?$", re.IGNORECASE)
CLOCK_RE = re.compile(r"^(\d{1,3}):([0-5]\d)$")
DAYS_WEEKS_RE = re.compile(rf"^{_RANGE}\s*(day|days|week|weeks|wk|wks)$", re.IGNORECASE)
ISO_RE = re.compile(r"^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?)?$")
OPEN_ENDED = frozenset(
    {"self-paced", "self paced", "varies", "variable", "flexible", "ongoing", "n/a", "na", "-", "tbc", "tba",
     "a tu ritmo", "à votre rythme", "flexibel", "no seu ritmo", "varía", "varia", "variiert"})
#: The words for units and connectives in Spanish, French, German and Portuguese, as English.
UNIT_WORDS: tuple[tuple[str, str], ...] = (
    (r"medio d[ií]a|media jornada|demi[- ]journ[ée]e|halber tag|halbtags|halbtägig|meio[- ]dia|"
     r"meio per[ií]odo|half[- ]a[- ]day|half[- ]day", "0.5 days"),
    (r"un d[ií]a|une journ[ée]e|un jour|ein tag|eintägig|um dia|one day|a day", "1 day"),
    (r"horas?|heures?|stunden|stunde|std\.?", "hours"),
    (r"minutos?|minuten|min\.", "minutes"),
    (r"d[ií]as?|journ[ée]es?|jours?|tagen|tage|tag", "days"),
    (r"semanas?|semaines?|wochen|woche", "weeks"),
    (r"por|par|pro|je|à la|a la", "per"),
    (r"y|et|und|e", "and"),
    (r"aprox\.?|aproximadamente|environ|etwa|circa|cerca de|unos|unas|cerca", "about"),
)
_UNIT_RES = tuple((re.compile(rf"(?<![\w.])(?:{w})(?!\w)", re.IGNORECASE), en) for w, en in UNIT_WORDS)
CURRENCY_WORDS = {"euro": "EUR", "euros": "EUR", "dollar": "USD", "dollars": "USD", "pound": "GBP", "pounds": "GBP"}
PRICE_RE = re.compile(
    r"^([€$£¥₹])?\s*([A-Za-z]{3})?\s*([€$£¥₹])?\s*(\d[\d.,'\s]*)\s*([A-Za-z]{3}|[€$£¥₹])?$")
#: Words of a price cell for each price model ("funded": free for some learners).
PRICE_MODEL_WORDS = {
    "free": ("free", "gratis", "no cost", "free of charge", "gratuit", "gratuito", "gratuita", "kostenlos",
             "sin coste", "sin costo", "0", "0.00", "0,00"),
    "free-to-audit": ("free to audit", "free audit", "audit for free", "free (certificate paid)",
                      "free, certificate paid", "free; certificate paid"),
    "funded": ("funded", "fully funded", "subsidised", "subsidized", "financiado", "financé", "gefördert",
               "financiado pelo governo"),
    "unknown": ("varies", "variable", "varía", "varia", "variiert", "on request", "contact us", "tbc", "tba",
                "unknown", "n/a", "sur demande", "auf anfrage", "sob consulta", "a consultar"),
}


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
    unused_columns: list[str] = field(default_factory=list)
    """Columns of the sheet that no catalog field reads (name them with ``--map`` to use them)."""

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


class WeeksWithoutHours(ValueError):
    """A length in weeks that does not say how many hours a week: no study time can be read from it."""


def _english_units(text: str) -> str:
    """The unit words of a length in Spanish, French, German or Portuguese, written in English."""
    t = " ".join(text.strip().lower().split())
    for pattern, english in _UNIT_RES:
        t = pattern.sub(english, t)
    return t


def parse_duration(text: str) -> str | None:
    """An ISO 8601 duration (in hours) for a spreadsheet's length, or None when none is stated.

    "6 hours", "6 horas", "16 Stunden" and "6" (a bare number is hours) -> PT6H; "90 min", "1h 30m" and
    "1:30" -> PT1H30M; "2-4 hours" -> PT3H (a range's middle); "3 weeks, 2-4 hours/week" and
    "8 semanas, 3 horas por semana" -> the study time, PT9H and PT24H. A day of a course is
    :data:`HOURS_PER_DAY` (7) study hours: "1 day" -> PT7H, "half day" -> PT3H30M, "5 days" -> PT35H.

    Raises:
        ValueError: the text states a length this does not understand, or weeks without the hours per week.
    """
    t = _english_units(text)
    if not t or t in OPEN_ENDED:
        return None
    if ISO_RE.match(t.upper()):
        hours = _iso_study_hours(t.upper())
        if hours is None:
            _bounded(duration_hours(t.upper()) or 0.0, text)
            return t.upper()
        return _iso_hours(hours)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", t):  # a bare number, as in an "Hours" column
        return _iso_hours(_amount(t))
    m = PER_WEEK_RE.search(t)
    if m:
        weeks = _hours_from_range(m.group(1), m.group(2))
        return _iso_hours(weeks * _hours_from_range(m.group(3), m.group(4)))
    m = WEEKLY_FIRST_RE.search(t)
    if m:
        return _iso_hours(_hours_from_range(m.group(1), m.group(2)) * _hours_from_range(m.group(3), m.group(4)))
    if WEEKLY_ONLY_RE.match(t):
        return None  # a rate, no total: see parse_workload
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
        if m.group(3).startswith("d"):
            return _iso_hours(n * HOURS_PER_DAY)
        raise WeeksWithoutHours(text)
    raise ValueError(text)


def _iso_study_hours(iso: str) -> float | None:
    """Study hours of an ISO duration given in days (a day of study is 7 h); None when it has no days or weeks."""
    m = ISO_RE.match(iso)
    if m is None or not (m.group(1) or m.group(2)):
        return None
    if m.group(1):
        raise WeeksWithoutHours(iso)
    hours = int(m.group(2)[:-1]) * HOURS_PER_DAY
    hours += int(m.group(4)[:-1]) if m.group(4) else 0
    return hours + (int(m.group(5)[:-1]) / 60 if m.group(5) else 0)


def parse_workload(text: str) -> str | None:
    """The study time per week a length states ("3 weeks, 2-4 hours/week" -> "PT3H per week"), else None."""
    t = _english_units(text)
    for regex, first in ((PER_WEEK_RE, 3), (WEEKLY_FIRST_RE, 1), (WEEKLY_ONLY_RE, 1)):
        m = regex.search(t)
        if m:
            return f"{_iso_hours(_hours_from_range(m.group(first), m.group(first + 1)))} per week"
    return None


def _price_amount(text: str) -> float:
    """A price's number, with either decimal mark: "49,00" and "49.00" -> 49, "1.200,00" and "1,200.00" -> 1200.

    A comma or a point followed by exactly three digits, with no other mark after it, groups thousands.
    """
    t = re.sub(r"[\s'\u00a0\u202f]", "", text)
    last = max(t.rfind(","), t.rfind("."))
    if last < 0:
        return float(t)
    decimals = t[last + 1:]
    if (t.count(t[last]) == 1 and len(decimals) != 3) or ("," in t and "." in t):
        whole = re.sub(r"[.,]", "", t[:last])
        return float(f"{whole}.{decimals}")
    return float(re.sub(r"[.,]", "", t))


def parse_price(text: str, currency: str | None) -> tuple[float | None, str | None, bool]:
    """(price, currency, free) from a price cell such as "free", "0", "€49", "49,00 EUR", "€ 1.200,00"."""
    model, price, cur = parse_price_model(text, currency)
    return price, cur, model == "free"


def parse_price_model(text: str, currency: str | None) -> tuple[str | None, float | None, str | None]:
    """(price model, price, currency) of a price cell; the model is None for an empty cell.

    "free" -> free, "free to audit" -> free-to-audit, "funded" -> funded, "varies" -> unknown, and a
    price (with a currency symbol or code, either decimal mark and thousands separators) -> paid.

    Raises:
        ValueError: a cell that is none of these.
    """
    t = " ".join(text.strip().split())
    low = t.lower()
    if not t:
        return None, None, currency
    for model, words in PRICE_MODEL_WORDS.items():
        if low in words:
            return model, (0.0 if model == "free" else None), currency
    for word, code in CURRENCY_WORDS.items():
        low = re.sub(rf"\b{word}\b", code, low)
    m = PRICE_RE.match(low.upper() if not any(c in low for c in CURRENCY_SYMBOLS) else low)
    if not m:
        raise ValueError(text)
    symbol = m.group(1) or m.group(3) or (m.group(5) if m.group(5) in CURRENCY_SYMBOLS else None)
    code = (m.group(2) or (m.group(5) if m.group(5) not in CURRENCY_SYMBOLS else None) or "").upper()
    code = code or (CURRENCY_SYMBOLS[symbol] if symbol else "")
    try:
        amount = _price_amount(m.group(4))
    except ValueError:
        raise ValueError(text) from None
    if not amount <= MAX_PRICE:  # C112 of catalog validation
        raise ValueError(text)
    return ("free" if amount == 0 else "paid"), amount, code or currency


def normalise_language_tag(tag: str) -> str:
    """A BCP 47 tag in its usual case: "EN" -> "en", "pt-br" and "PT_BR" -> "pt-BR", "zh-hant" -> "zh-Hant"."""
    parts = re.split(r"[-_]", tag.strip())
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            out.append(part.title())
        elif (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            out.append(part.upper())
        else:
            out.append(part.lower())
    return "-".join(out)


def parse_languages(text: str) -> list[str]:
    """BCP 47 tags for "English", "en; es", "English / Español", "EN", "pt-br", "Inglés"."""
    out = []
    for part in re.split(r"[,;/|+]|\b(?:and|y|et|und|e)\b", text):
        p = part.strip().rstrip(".")
        if not p:
            continue
        tag = LANGUAGE_NAMES.get(p.lower())
        if tag is None:
            if not re.fullmatch(r"[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*", p):
                raise ValueError(part)
            tag = normalise_language_tag(p)
        if tag not in out:
            out.append(tag)
    return out


# --------------------------------------------------------------------------- reading
def read_table(path: Path) -> tuple[list[str], Iterator[tuple[int, list[str]]]]:
    """Headers and (row number, cells) of a CSV, TSV or XLSX file; row numbers as a spreadsheet shows them."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    from ..inputs import check_regular

    check_regular(path)
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
    for i, h in enumerate(header):
        names = (h.strip().lower(), _header_key(h))
        for fld, synonyms in HEADER_SYNONYMS.items():
            if any(n in synonyms for n in names) and fld not in out:
                out[fld] = i
                break
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


def _header_key(header: str) -> str:
    """A header as the synonyms are written: lower case, single spaces, no trailing dot or colon."""
    return " ".join(re.sub(r"[_.:*]+", " ", header.lower()).split())


def unused_columns(header: Sequence[str], columns: Mapping[str, int]) -> list[str]:
    """The named columns of a sheet that no field reads."""
    used = set(columns.values())
    return [h for i, h in enumerate(header) if i not in used and h.strip()]


def _url_key(url: str) -> str:
    """A URL as compared for duplicates: no scheme, www, fragment or trailing slash; host in lower case."""
    u = re.sub(r"^https?://", "", url.strip(), flags=re.IGNORECASE).split("#", 1)[0].rstrip("/")
    host, _, rest = u.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{rest}" if rest else host


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
    from .load import check_catalog_text

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
    seen_urls: dict[str, int] = {}
    seen_titles: dict[tuple[str, str], int] = {}
    for number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        values = {f: (cells[i].strip() if i < len(cells) else "") for f, i in columns.items()}
        url_key = _url_key(values.get("url", ""))
        if values.get("url") and url_key in seen_urls:
            problems.append(RowProblem(number, f"same URL as row {seen_urls[url_key]} ({values['url']}): a "
                                               "duplicate; left out (merge the two rows if they differ)"))
            continue
        title_key = (" ".join(values.get("name", "").casefold().split()),
                     " ".join((provider or values.get("provider", "")).casefold().split()))
        if title_key[0] and title_key in seen_titles:
            problems.append(RowProblem(number, f"same title and provider as row {seen_titles[title_key]} but another "
                                               "URL: imported; remove one if they are the same course", False))
        if matcher is None and not values.get("teaches"):
            from ..matching import SkillMatcher

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
        seen_urls.setdefault(url_key, number)
        seen_titles.setdefault(title_key, number)
    problems.sort(key=lambda p: p.row)
    return ImportResult(_document(blocks, source=path.name), len(blocks), problems, unused_columns(header, columns))


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
        from ..search import resolve_skill

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

    ascii_name = unicodedata.normalize("NFKD", v.get("id") or f"{prov}-{name}").encode("ascii", "ignore").decode()
    cid = new_id(ascii_name, used_ids, max_len=60, fallback="course")
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
        from ..search import resolve_skill

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
        iso = workload = None
        try:
            iso = parse_duration(v["duration"])
            workload = parse_workload(v["duration"])
        except WeeksWithoutHours:
            problems.append(RowProblem(
                row, f"duration {v['duration']!r} gives weeks but not the hours per week, so no study time; "
                "left out (kept as a comment)", False))
            comments.append(f"duration in the sheet: {v['duration']}")
        except ValueError:
            problems.append(RowProblem(
                row, f"duration {v['duration']!r} not understood; left out (kept as a comment)", False))
            comments.append(f"duration in the sheet: {v['duration']}")
        if iso:
            lines.append(f"  timeRequired: {iso}  # {_scalar(v['duration'])}")
        if workload:
            lines.append(f"  courseWorkload: {workload}")

    lines += _price_lines(v, row, currency, problems, comments)

    try:
        langs = parse_languages(v["language"]) if v.get("language") else [normalise_language_tag(language)]
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


def _price_lines(
    v: dict[str, str], row: int, currency: str | None, problems: list[RowProblem], comments: list[str]
) -> list[str]:
    """The priceModel, isAccessibleForFree and offers lines of a row's price and free cells."""
    free_cell = v.get("free", "").strip().lower()
    price_text = v.get("price", "")
    try:
        model, price, cur = parse_price_model(price_text, (v.get("currency") or currency or "").upper() or None)
    except ValueError:
        model, price, cur = None, None, None
        problems.append(RowProblem(row, f"price {price_text!r} not understood; left out (kept as a comment)", False))
        comments.append(f"price in the sheet: {price_text}")
    if free_cell in TRUE_WORDS and model in (None, "paid"):
        model = "free"
    if model in ("free", "free-to-audit"):
        return [f"  priceModel: {model}", "  isAccessibleForFree: true"]
    if model == "paid" and price is not None:
        if cur:
            return ["  priceModel: paid", f"  offers: {{price: {price:g}, currency: {cur}}}"]
        problems.append(RowProblem(
            row, f"price {price_text!r} has no currency; add a currency column or --currency", False))
        comments.append(f"price in the sheet (no currency): {price_text}")
    elif model in ("funded", "unknown"):
        if model == "unknown":
            comments.append(f"price in the sheet: {price_text}")
        return [f"  priceModel: {model}"]
    if free_cell in FALSE_WORDS:
        return ["  isAccessibleForFree: false"]
    return []


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
