"""The portfolio page in a real browser: headless Chromium, from disk, with the network off.

Skipped where Chromium is not installed, except under CI (``.ci/run`` installs it and sets
``CROWDSKILLS_REQUIRE_BROWSER``). ``pytest --update-golden`` also refreshes the README's
screenshots in docs/.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from .browser import BROWSER_OWN_HOSTS, chromium_path, contrast, framed, png_size, probe, run

ROOT = Path(__file__).parent.parent
EXAMPLE = ROOT / "examples" / "profile-microworker.txt"


def _crowdskills(*args: str, data_dir: Path) -> None:
    env = {**os.environ, "CROWDSKILLS_DATA_DIR": str(data_dir),
           "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-m", "crowdskills", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chromium_path()  # skip (or fail under CI) before doing any work
    return tmp_path_factory.mktemp("browser")


@pytest.fixture(scope="module")
def page(workdir: Path) -> Path:
    """The example profile's portfolio, with a saved plan whose first step is done."""
    data = workdir / "data"
    _crowdskills("plan", "save", str(EXAMPLE), "--role", "data-entry-clerk", data_dir=data)
    _crowdskills("plan", "done", "1", "--note", "I can now use keyboard shortcuts for every form field.",
                 data_dir=data)
    out = workdir / "portfolio.html"
    _crowdskills("portfolio", str(EXAMPLE), "--role", "data-entry-clerk", "--name", "Amina", "-o", str(out),
                 data_dir=data)
    return out


@pytest.fixture(scope="module")
def proxy() -> Iterator[HTTPServer]:
    """A stand-in for the network: Chromium sends every request here, and it logs them."""
    server = HTTPServer(host="127.0.0.1", port=0)
    server.expect_request(re.compile(".*")).respond_with_data("", status=404)
    server.start()
    yield server
    server.clear()
    server.stop()


@pytest.fixture(scope="module")
def wide(page: Path, workdir: Path, proxy: HTTPServer) -> dict[str, Any]:
    proxy.clear_log()
    measured = probe(page, workdir, width=1280, proxy=proxy.url_for("/").rstrip("/"))[0]
    measured["requests"] = page_requests(proxy)
    return measured


def page_requests(proxy: HTTPServer) -> list[str]:
    """The requests that reached the stand-in network, but those Chromium makes for itself."""
    return [f"{req.method} {req.url}" for req, _ in proxy.log
            if req.host.rsplit(":", 1)[0] not in BROWSER_OWN_HOSTS]


@pytest.fixture(scope="module")
def narrow(page: Path, workdir: Path) -> dict[str, Any]:
    return probe(page, workdir, width=360)[0]


class _Outline(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: dict[str, str] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append((tag, a))
        self._open.append(a.get("id") or "")

    def handle_endtag(self, tag: str) -> None:
        if self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for i in self._open:
            if i:
                self.text[i] = self.text.get(i, "") + data


def outline(dom: str) -> _Outline:
    parser = _Outline()
    parser.feed(dom)
    return parser


def test_every_section_is_there_and_nothing_is_fetched(wide: dict[str, Any], page: Path) -> None:
    doc = outline(wide["dom"])
    assert ("html", {"lang": "en"}) in doc.tags
    sections = [a.get("id") for t, a in doc.tags if t == "section"]
    assert sections == ["skills", "goal", "plan", "learning"]
    assert "keyboard shortcuts for every form field" in doc.text["learning"]
    assert "ESCO" in doc.text["skills"] and "Week" in doc.text["plan"] and "data entry clerk" in doc.text["goal"]
    assert wide["resources"] == [] and wide["requests"] == [], "the page loaded something"
    assert "<script" not in page.read_text(encoding="utf-8")


def test_a_request_would_be_caught(workdir: Path, proxy: HTTPServer) -> None:
    """The control for the test above: a page that loads an image from the web is caught."""
    leaky = workdir / "leaky.html"
    leaky.write_text('<!DOCTYPE html><html lang="en"><head><title>t</title></head><body>'
                     '<img src="http://example.org/pixel.png" alt="a pixel"></body></html>')
    proxy.clear_log()
    probe(leaky, workdir, width=1280, proxy=proxy.url_for("/").rstrip("/"))
    assert page_requests(proxy) == ["GET http://example.org/pixel.png"]


def test_nothing_overflows_a_360_px_screen(narrow: dict[str, Any]) -> None:
    assert narrow["innerWidth"] == 360
    assert narrow["scrollWidth"] <= narrow["clientWidth"]
    assert narrow["overflow"] == []


def test_text_contrast_meets_wcag_aa(narrow: dict[str, Any], wide: dict[str, Any]) -> None:
    for measured in (narrow, wide):
        assert len(measured["pairs"]) > 50
        low = []
        for p in measured["pairs"]:
            large = p["size"] >= 24 or (p["size"] >= 18.66 and p["weight"] >= 700)
            ratio = contrast(p["color"], p["background"])
            if ratio < (3.0 if large else 4.5):
                low.append((p["text"], round(ratio, 2)))
        assert low == []


def test_headings_are_in_order_and_the_chart_has_a_text_alternative(wide: dict[str, Any]) -> None:
    doc = outline(wide["dom"])
    levels = [int(t[1]) for t, _ in doc.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
    svgs = [a for t, a in doc.tags if t == "svg"]
    assert len(svgs) == 1 and svgs[0]["role"] == "img"
    names = [doc.text.get(i, "").strip() for i in (svgs[0]["aria-labelledby"] or "").split()]
    assert names and all(names) and "technical/core skills" in " ".join(names)
    assert all(a.get("alt") for t, a in doc.tags if t == "img")


def test_screenshots_at_1280_and_360(page: Path, workdir: Path, request: pytest.FixtureRequest) -> None:
    shots = {1280: workdir / "portfolio-1280.png", 360: workdir / "portfolio-360.png"}
    run(page, workdir, f"--screenshot={shots[1280]}", width=1280, height=1000)
    phone = framed(page.read_text(encoding="utf-8"), workdir, width=360, height=1400)
    run(phone, workdir, f"--screenshot={shots[360]}", width=360, height=1400)
    assert png_size(shots[1280]) == (1280, 1000) and png_size(shots[360]) == (360, 1400)
    if request.config.getoption("--update-golden"):
        for width, shot in shots.items():
            shutil.copyfile(shot, ROOT / "docs" / f"portfolio-{width}.png")


def test_prints_on_a4(page: Path, workdir: Path) -> None:
    pdf = workdir / "portfolio.pdf"
    run(page, workdir, f"--print-to-pdf={pdf}", "--no-pdf-header-footer")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    assert boxes, "no page size found"
    for w, h in boxes:  # A4 is 595.28 x 841.89 points
        assert abs(float(w) - 595.28) < 2 and abs(float(h) - 841.89) < 2, (w, h)
    assert len(boxes) >= 2  # the example's portfolio takes more than one page


def test_plan_page_of_gaps_fits_a_phone(workdir: Path) -> None:
    out = workdir / "plan.html"
    _crowdskills("gaps", str(EXAMPLE), "--role", "data-analyst", "-f", "html", "-o", str(out),
                 data_dir=workdir / "no-record")
    measured = probe(out, workdir, width=360)[0]
    assert measured["innerWidth"] == 360 and measured["overflow"] == []
    assert measured["scrollWidth"] <= measured["clientWidth"]
    doc = outline(measured["dom"])
    assert [a.get("id") for t, a in doc.tags if t == "section"] == ["goal", "plan"]
    levels = [int(t[1]) for t, _ in doc.tags if re.fullmatch(r"h[1-6]", t)]
    assert levels[0] == 1 and all(b <= a + 1 for a, b in zip(levels, levels[1:])), levels
