"""`crowdskills catalog import`: spreadsheets become catalog YAML that validates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from crowdskills import load_taxonomy
from crowdskills.catalogs.importer import import_catalog, parse_duration, parse_languages, parse_price
from crowdskills.catalogs.load import check_catalog_text, check_catalogs
from crowdskills.models import Course

from .conftest import DATA, MINI, Result

TAX = load_taxonomy(MINI)
MESSY = DATA / "import" / "messy.csv"


@pytest.mark.parametrize(("text", "iso"), [
    ("6 hours", "PT6H"),
    ("6 hrs", "PT6H"),
    ("1.5 hours", "PT1H30M"),
    ("90 min", "PT1H30M"),
    ("45 minutes", "PT45M"),
    ("1h 30m", "PT1H30M"),
    ("1 hour 15 minutes", "PT1H15M"),
    ("1:30", "PT1H30M"),
    ("2-4 hours", "PT3H"),
    ("about 45 minutes", "PT45M"),
    ("3 weeks, 2-4 hours/week", "PT9H"),
    ("4 weeks at 5 hours per week", "PT20H"),
    ("2 days", "PT14H"),  # a day of a course is 7 study hours, not 24
    ("PT2H", "PT2H"),
    ("self-paced", None),
    ("", None),
])
def test_durations_become_iso_8601(text: str, iso: str | None) -> None:
    assert parse_duration(text) == iso


@pytest.mark.parametrize("text", ["soon", "a while", "3 moons", "6 weeks", "8 semanas"])
def test_unreadable_durations_raise(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("Free", (0.0, None, True)),
    ("€25", (25.0, "EUR", False)),
    ("1,200 USD", (1200.0, "USD", False)),
    ("$19.99", (19.99, "USD", False)),
    ("9.99", (9.99, None, False)),
])
def test_prices(text: str, expected: tuple[float, str | None, bool]) -> None:
    assert parse_price(text, None) == expected


def test_languages_by_name_or_tag() -> None:
    assert parse_languages("English, Spanish") == ["en", "es"]
    assert parse_languages("en; pt-BR") == ["en", "pt-BR"]
    assert parse_languages("EN / pt-br / zh_hant") == ["en", "pt-BR", "zh-Hant"]
    assert parse_languages("Inglés y Español") == ["en", "es"]
    with pytest.raises(ValueError):
        parse_languages("Klingon language")


def test_messy_spreadsheet_imports_what_it_can(tmp_path: Path) -> None:
    result = import_catalog(MESSY, TAX, provider="Example VET", today="2026-12-01")
    rows = {p.row: p for p in result.problems}
    # the row without a link and the row with no skill are left out, with their row numbers
    assert rows[8].skipped and "no URL" in rows[8].message
    assert rows[7].skipped and "no skill found" in rows[7].message
    assert result.imported == 5 and result.skipped == 2
    # a price without a currency is kept out of the data but reported
    assert not rows[9].skipped and "no currency" in rows[9].message

    out = tmp_path / "example.yaml"
    out.write_text(result.yaml_text, encoding="utf-8")
    courses, problems = check_catalogs(out, taxonomy=TAX)
    assert [p for p in problems if p.is_error] == []
    by_name = {c.name: c for c in courses}
    labels = by_name["Image labelling: boxes, polygons"]
    assert labels.url == "https://example.org/labels"
    assert labels.time_required == "PT9H" and labels.hours == 9
    assert (labels.price, labels.currency) == (25.0, "EUR")
    assert labels.in_language == ("en", "es")
    assert labels.educational_level == "intermediate"
    assert {t.skill for t in labels.teaches} >= {"image-annotation", "annotation-guidelines"}
    assert {t.level for t in labels.teaches} == {2}
    entry = by_name["Data entry, fast and accurate"]
    assert entry.is_free and entry.time_required == "PT1H30M"
    assert [t.skill for t in entry.teaches] == ["data-entry"]
    # a skills column is read as ids or labels, not guessed
    assert [t.skill for t in by_name["Python scripting for microworkers"].teaches] == ["python-programming"]
    assert [t.skill for t in by_name["Winning bids"].teaches] == ["proposal-writing", "time-management"]
    assert by_name["Winning bids"].time_required is None


def test_suggested_skills_carry_their_score_as_a_comment() -> None:
    text = import_catalog(MESSY, TAX, provider="Example VET").yaml_text
    assert "- skill: data-entry  # suggested: score" in text
    assert "# imported from row 2" in text
    data = yaml.safe_load(text)
    assert all(c["provider"] == "Example VET" for c in data["courses"])


def test_min_score_filters_suggestions() -> None:
    result = import_catalog(MESSY, TAX, provider="Example VET", min_score=0.99)
    assert result.imported < 5


def test_cli_import_writes_atomically_and_refuses_to_overwrite(
    cli: Callable[..., Result], tmp_path: Path
) -> None:
    out = tmp_path / "mine.yaml"
    r = cli("catalog", "import", str(MESSY), "--provider", "Example VET", "-o", str(out), "-t", str(MINI))
    assert r.code == 4, r.err
    assert "row 7:" in r.err and "row 8:" in r.err
    assert "Wrote 5 courses" in r.err
    assert cli("catalog", "validate", str(out), "-t", str(MINI)).code == 0
    before = out.read_bytes()
    again = cli("catalog", "import", str(MESSY), "--provider", "X", "-o", str(out), "-t", str(MINI))
    assert again.code == 1 and "--force" in again.err
    assert out.read_bytes() == before
    forced = cli("catalog", "import", str(MESSY), "--provider", "X", "-o", str(out), "-t", str(MINI), "--force")
    assert forced.code == 4 and "provider: X" in out.read_text(encoding="utf-8")
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]  # no temp files left behind


@pytest.mark.parametrize("link", [False, True])
def test_cli_import_never_writes_over_its_sheet_even_with_force(
    cli: Callable[..., Result], tmp_path: Path, link: bool
) -> None:
    sheet = tmp_path / "courses.csv"
    sheet.write_bytes(MESSY.read_bytes())
    out = sheet
    if link:
        out = tmp_path / "alias.csv"
        out.symlink_to(sheet)
    for extra in ([], ["--force"]):
        r = cli("catalog", "import", str(sheet), "--provider", "X", "-o", str(out), "-t", str(MINI), *extra)
        assert r.code == 1 and r.out == "", r.err
        assert r.err.startswith(f"Error: {out} is also an input ({sheet})") and len(r.err.splitlines()) == 1
        assert sheet.read_bytes() == MESSY.read_bytes()


def test_cli_map_names_unusual_columns(cli: Callable[..., Result], write: Callable[..., Path], tmp_path: Path) -> None:
    sheet = write("Kurs;Adresse;Anbieter;Beschreibung\nData entry basics;https://example.org/a;Acme;Typing data.\n",
                  name="de.csv")
    out = tmp_path / "de.yaml"
    r = cli("catalog", "import", str(sheet), "-o", str(out), "-t", str(MINI),
            "--map", "Kurs=name", "--map", "Adresse=url", "--map", "Anbieter=provider",
            "--map", "Beschreibung=description")
    assert r.code == 0, r.err
    course = yaml.safe_load(out.read_text(encoding="utf-8"))["courses"][0]
    assert (course["name"], course["provider"], course["url"]) == ("Data entry basics", "Acme", "https://example.org/a")


def test_cli_missing_columns_and_bad_map_are_clear_errors(
    cli: Callable[..., Result], write: Callable[..., Path], tmp_path: Path
) -> None:
    sheet = write("Thing,Adresse\nA,https://example.org/a\n", name="x.csv")
    r = cli("catalog", "import", str(sheet), "-o", str(tmp_path / "o.yaml"), "-t", str(MINI))
    assert r.code == 1 and "no column for name, url, provider" in r.err and "--map" in r.err
    r = cli("catalog", "import", str(sheet), "-o", str(tmp_path / "o.yaml"), "--map", "Nope=name", "-t", str(MINI))
    assert r.code == 1 and "no column 'Nope'" in r.err
    assert not (tmp_path / "o.yaml").exists()


def test_xlsx_import(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Title", "URL", "Description", "Duration (hours)", "Price"])
    sheet.append(["Image tagging", "https://example.org/tag", "Draw bounding boxes on images.", 4, 0])
    sheet.append([None, None, None, None, None])
    sheet.append(["Proposal clinic", "https://example.org/p", "Proposal writing for bids.", "2 hours", 15])
    path = tmp_path / "courses.xlsx"
    book.save(path)
    result = import_catalog(path, TAX, provider="Sheet Co", column_map={"Duration (hours)": "duration"}, currency="EUR")
    data = yaml.safe_load(result.yaml_text)
    assert result.imported == 2 and result.problems == []
    first, second = data["courses"]
    assert first["isAccessibleForFree"] is True and first["teaches"][0]["skill"] == "image-annotation"
    assert second["offers"] == {"price": 15, "currency": "EUR"} and second["timeRequired"] == "PT2H"
    # a bare number of hours is read as hours
    assert first["timeRequired"] == "PT4H"


# --------------------------------------------------------------------------- a provider's 20-row sheet
SHEET = DATA / "import" / "provider-sheet.csv"


@pytest.fixture(scope="module")
def sheet() -> tuple[Any, dict[str, Course]]:
    result = import_catalog(SHEET, TAX, today="2026-12-02")
    courses, problems = check_catalog_text(result.yaml_text, TAX)
    assert [p for p in problems if p.is_error] == []
    return result, {c.url: c for c in courses}


@pytest.mark.parametrize(("url", "price", "currency"), [
    ("https://example.org/de", 49.0, "EUR"),  # 49,00 EUR: a decimal comma, not 4900
    ("https://example.org/annotation-workshop", 1200.0, "EUR"),  # € 1.200,00
    ("https://example.org/guidelines-clinic", 20.0, "GBP"),  # £20
    ("https://example.org/de/zeit", 99.9, "EUR"),  # 99,90 €
    ("https://example.org/bids", 1200.5, "USD"),  # 1,200.50 USD
    ("https://example.org/es/tiempo", 30.0, "USD"),  # $ 30
])
def test_prices_with_decimal_commas_and_thousands_separators(
    sheet: tuple[Any, dict[str, Course]], url: str, price: float, currency: str
) -> None:
    course = sheet[1][url]
    assert (course.price, course.currency, course.pricing) == (price, currency, "paid")


@pytest.mark.parametrize(("url", "model"), [
    ("https://example.org/proposals", "funded"),
    ("https://example.org/time", "unknown"),  # "varies"
    ("https://example.org/guidelines", "free-to-audit"),
    ("https://example.org/es/anotacion", "free"),  # "Gratis"
    ("https://example.org/de/python", "free"),  # "kostenlos"
])
def test_price_words_become_price_models(sheet: tuple[Any, dict[str, Course]], url: str, model: str) -> None:
    assert sheet[1][url].pricing == model
    assert sheet[1][url].price_model == model  # written as priceModel, not only derived


def test_price_words_are_understood_not_reported(sheet: tuple[Any, dict[str, Course]]) -> None:
    result, _ = sheet
    assert [p for p in result.problems if "price" in p.message] == []  # "varies", "funded", "kostenlos"...


@pytest.mark.parametrize(("url", "hours"), [
    ("https://example.org/de", 7.0),  # 1 day: 7 study hours, not 24
    ("https://example.org/annotation-workshop", 35.0),  # 5 days: not 120
    ("https://example.org/guidelines-clinic", 3.5),  # half day
    ("https://example.org/de/python", 16.0),  # 16 Stunden
    ("https://example.org/pt/dados", 24.0),  # 8 semanas, 3 horas por semana
    ("https://example.org/fr/temps", 14.0),  # 2 jours
    ("https://example.org/fr/propositions", 3.5),  # demi-journée
    ("https://example.org/de/zeit", 7.0),  # 1 Tag
    ("https://example.org/es/tiempo", 6.0),  # 6 horas
    ("https://example.org/es/digitacion", 2.5),  # 2 horas y 30 minutos
    ("https://example.org/de/qa", 1.5),  # 1 Stunde 30 Minuten
    ("https://example.org/ethics", 7.0),  # P1D: a day of study
])
def test_lengths_in_days_and_in_other_languages(
    sheet: tuple[Any, dict[str, Course]], url: str, hours: float
) -> None:
    assert sheet[1][url].hours == hours


def test_weeks_without_hours_are_named_not_guessed(sheet: tuple[Any, dict[str, Course]]) -> None:
    result, courses = sheet
    assert courses["https://example.org/es/anotacion"].hours is None  # 8 semanas
    (problem,) = [p for p in result.problems if p.row == 3]
    assert "'8 semanas' gives weeks but not the hours per week" in problem.message and not problem.skipped
    assert courses["https://example.org/pt/dados"].course_workload == "PT3H per week"
    assert courses["https://example.org/proposals"].course_workload == "PT2H per week"


def test_blurb_and_lang_columns_are_read_and_unused_columns_named(sheet: tuple[Any, dict[str, Course]]) -> None:
    result, courses = sheet
    spanish = courses["https://example.org/es/anotacion"]
    assert spanish.description.startswith("Etiquetar fotos")  # "Short blurb", not the title
    assert spanish.in_language == ("es",)  # "Lang." with "Español", not the default en
    assert spanish.educational_level == "intermediate"  # "Intermedio"
    assert result.unused_columns == ["Notes", "Internal code"]


@pytest.mark.parametrize(("url", "langs"), [
    ("https://example.org/de", ("en",)),  # EN
    ("https://example.org/pt/dados", ("pt-BR",)),  # pt-br
    ("https://example.org/guidelines-clinic", ("en-GB",)),  # en-gb
    ("https://example.org/python", ("en-US",)),  # EN-US
    ("https://example.org/de/zeit", ("de",)),  # Deutsch
    ("https://example.org/fr/temps", ("fr",)),  # Français
])
def test_language_tags_are_normalised(
    sheet: tuple[Any, dict[str, Course]], url: str, langs: tuple[str, ...]
) -> None:
    assert sheet[1][url].in_language == langs


def test_duplicates_are_flagged(sheet: tuple[Any, dict[str, Course]]) -> None:
    result, courses = sheet
    rows = {p.row: p for p in result.problems}
    # the same URL (with a trailing slash) as row 2: left out
    assert rows[9].skipped and "same URL as row 2" in rows[9].message
    # the same title and provider as row 4 at another URL: imported, with a warning
    assert not rows[10].skipped and "same title and provider as row 4" in rows[10].message
    assert "https://example.org/annotation-workshop-autumn" in courses
    assert result.imported == 19 and len(courses) == 19


def test_cli_import_warns_about_unused_columns_and_duplicates(cli: Callable[..., Result], tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    r = cli("catalog", "import", str(SHEET), "-o", str(out), "-t", str(MINI))
    assert r.code == 4, r.err  # one row left out
    assert "columns not used: Notes, Internal code" in r.err
    assert "row 9: same URL as row 2" in r.err
    assert "Wrote 19 courses" in r.err
