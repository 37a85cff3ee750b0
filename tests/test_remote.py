"""`catalog pull` and `catalog check-links` against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from .conftest import MINI, Result

CATALOG = b"""courses:
  - id: guidelines-101
    name: Reading labelling guidelines
    provider: Partner Academy
    url: https://example.org/guidelines
    description: How to read and apply long labelling guidelines.
    teaches: [{skill: annotation-guidelines, level: 1}]
    timeRequired: PT2H
    isAccessibleForFree: true
    inLanguage: [en]
    lastVerified: 2026-11-24
"""
CHANGED = CATALOG.replace(b"PT2H", b"PT3H")


@pytest.fixture
def pull(cli: Callable[..., Result], tmp_path: Path) -> Callable[..., Result]:
    def run(url: str, *args: str) -> Result:
        return cli("catalog", "pull", url, "--into", str(tmp_path), "-t", str(MINI), "--allow-http", *args)

    return run


def lock(folder: Path) -> dict[str, dict[str, object]]:
    return json.loads((folder / "catalogs.lock").read_text(encoding="utf-8"))["catalogs"]


def test_pull_writes_validated_catalog_and_lock(httpserver: HTTPServer, pull: Callable[..., Result],
                                                tmp_path: Path, cli: Callable[..., Result]) -> None:
    httpserver.expect_request("/partner.yaml").respond_with_data(CATALOG, headers={"ETag": '"v1"'})
    url = httpserver.url_for("/partner.yaml")
    r = pull(url)
    assert r.code == 0, r.err
    assert (tmp_path / "partner.yaml").read_bytes() == CATALOG
    entry = lock(tmp_path)[url]
    assert entry["sha256"] == hashlib.sha256(CATALOG).hexdigest()
    assert entry["etag"] == '"v1"' and entry["file"] == "partner.yaml" and entry["pinned"] is False
    assert cli("catalog", "validate", str(tmp_path / "partner.yaml"), "-t", str(MINI)).code == 0


def test_not_modified_changes_nothing(httpserver: HTTPServer, pull: Callable[..., Result], tmp_path: Path) -> None:
    seen: list[str | None] = []

    def handler(request: Request) -> Response:
        seen.append(request.headers.get("If-None-Match"))
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(CATALOG, headers={"ETag": '"v1"', "Last-Modified": "Mon, 30 Nov 2026 10:00:00 GMT"})

    httpserver.expect_request("/c.yaml").respond_with_handler(handler)
    url = httpserver.url_for("/c.yaml")
    assert pull(url).code == 0
    before = (tmp_path / "c.yaml").stat().st_mtime_ns, (tmp_path / "catalogs.lock").read_bytes()
    r = pull(url)
    assert r.code == 0 and "up to date" in r.err
    assert seen == [None, '"v1"']
    assert ((tmp_path / "c.yaml").stat().st_mtime_ns, (tmp_path / "catalogs.lock").read_bytes()) == before


@pytest.mark.parametrize(("status", "shown"), [(404, "404 NOT FOUND"), (500, "500 INTERNAL SERVER ERROR")])
def test_server_errors_keep_the_old_file(httpserver: HTTPServer, pull: Callable[..., Result], tmp_path: Path,
                                         status: int, shown: str) -> None:
    (tmp_path / "c.yaml").write_bytes(CATALOG)
    httpserver.expect_request("/c.yaml").respond_with_data("nope", status=status)
    r = pull(httpserver.url_for("/c.yaml"))
    assert r.code == 1
    assert r.err.startswith("Error: ") and shown in r.err.upper() and "nothing was changed" in r.err
    assert len(r.err.strip().splitlines()) == 1
    assert (tmp_path / "c.yaml").read_bytes() == CATALOG
    assert not (tmp_path / "catalogs.lock").exists()


def test_slow_server_times_out(httpserver: HTTPServer, pull: Callable[..., Result]) -> None:
    def slow(request: Request) -> Response:
        time.sleep(1.5)
        return Response(CATALOG)

    httpserver.expect_request("/slow.yaml").respond_with_handler(slow)
    r = pull(httpserver.url_for("/slow.yaml"), "--timeout", "0.3")
    assert r.code == 1 and "did not answer within 0.3 s" in r.err


def test_oversized_body_is_refused(httpserver: HTTPServer, tmp_path: Path) -> None:
    from crowdskills import load_taxonomy
    from crowdskills.remote import PULL_MAX_BYTES, PullError, pull_catalog

    assert PULL_MAX_BYTES == 10 * 1024 * 1024
    httpserver.expect_request("/big.yaml").respond_with_data(CATALOG + b"#" * 5000)
    with pytest.raises(PullError, match="over the 1,000-byte limit"):
        pull_catalog(httpserver.url_for("/big.yaml"), tmp_path, load_taxonomy(MINI), allow_http=True, max_bytes=1000)
    assert list(tmp_path.iterdir()) == []


def test_oversized_stream_without_length_is_cut_off(httpserver: HTTPServer, tmp_path: Path) -> None:
    from crowdskills import load_taxonomy
    from crowdskills.remote import PullError, pull_catalog

    def chunks(request: Request) -> Response:
        return Response((b"#" * 1000 for _ in range(50)), direct_passthrough=True)

    httpserver.expect_request("/stream.yaml").respond_with_handler(chunks)
    with pytest.raises(PullError, match="over the 10,000-byte limit"):
        pull_catalog(httpserver.url_for("/stream.yaml"), tmp_path, load_taxonomy(MINI), allow_http=True,
                     max_bytes=10_000)
    assert list(tmp_path.iterdir()) == []


def test_bad_yaml_is_refused_and_old_file_kept(httpserver: HTTPServer, pull: Callable[..., Result],
                                               tmp_path: Path) -> None:
    (tmp_path / "c.yaml").write_bytes(CATALOG)
    httpserver.expect_request("/c.yaml").respond_with_data(b"courses: [\n  - id: x\n    name: [broken\n")
    r = pull(httpserver.url_for("/c.yaml"))
    assert r.code == 3 and "kept the old file" in r.err
    assert (tmp_path / "c.yaml").read_bytes() == CATALOG


def test_invalid_catalog_lists_its_problems(httpserver: HTTPServer, pull: Callable[..., Result],
                                            tmp_path: Path) -> None:
    httpserver.expect_request("/c.yaml").respond_with_data(CATALOG.replace(b"annotation-guidelines", b"no-such-skill"))
    r = pull(httpserver.url_for("/c.yaml"))
    assert r.code == 3 and "C202" in r.err
    assert not (tmp_path / "c.yaml").exists()


def test_redirect_loop(httpserver: HTTPServer, pull: Callable[..., Result]) -> None:
    httpserver.expect_request("/a.yaml").respond_with_data("", status=302, headers={"Location": "/b.yaml"})
    httpserver.expect_request("/b.yaml").respond_with_data("", status=302, headers={"Location": "/a.yaml"})
    r = pull(httpserver.url_for("/a.yaml"))
    assert r.code == 1 and "redirect loop" in r.err


def test_plain_http_needs_allow_http(httpserver: HTTPServer, cli: Callable[..., Result], tmp_path: Path) -> None:
    httpserver.expect_request("/c.yaml").respond_with_data(CATALOG)
    r = cli("catalog", "pull", httpserver.url_for("/c.yaml"), "--into", str(tmp_path), "-t", str(MINI))
    assert r.code == 1 and "--allow-http" in r.err
    assert list(tmp_path.iterdir()) == []
    assert httpserver.log == []  # refused before any request


def test_pinned_catalog_that_changes_fails_and_keeps_old_file(httpserver: HTTPServer, pull: Callable[..., Result],
                                                              tmp_path: Path) -> None:
    bodies = [CATALOG, CHANGED]
    httpserver.expect_request("/c.yaml").respond_with_handler(lambda request: Response(bodies[0]))
    url = httpserver.url_for("/c.yaml")
    wrong = pull(url, "--sha256", "0" * 64)
    assert wrong.code == 1 and "pinned" in wrong.err and not (tmp_path / "c.yaml").exists()
    assert pull(url, "--sha256", hashlib.sha256(CATALOG).hexdigest()).code == 0
    assert lock(tmp_path)[url]["pinned"] is True
    bodies.pop(0)  # the partner changes the file
    r = pull(url)
    assert r.code == 1 and "changed" in r.err and "kept the old file" in r.err
    assert (tmp_path / "c.yaml").read_bytes() == CATALOG
    # pinning the new content on purpose accepts it
    assert pull(url, "--sha256", hashlib.sha256(CHANGED).hexdigest()).code == 0
    assert (tmp_path / "c.yaml").read_bytes() == CHANGED


def test_unpinned_catalog_updates(httpserver: HTTPServer, pull: Callable[..., Result], tmp_path: Path) -> None:
    bodies = [CATALOG, CHANGED]
    httpserver.expect_request("/c.yaml").respond_with_handler(lambda request: Response(bodies[0]))
    url = httpserver.url_for("/c.yaml")
    assert pull(url).code == 0
    bodies.pop(0)
    r = pull(url)
    assert r.code == 0 and "Wrote 1 courses" in r.err
    assert (tmp_path / "c.yaml").read_bytes() == CHANGED
    assert lock(tmp_path)[url]["sha256"] == hashlib.sha256(CHANGED).hexdigest()


# --------------------------------------------------------------------------- check-links
def links_catalog(tmp_path: Path, urls: dict[str, str]) -> Path:
    courses = "\n".join(f"""  - id: {cid}
    name: Course {cid}
    provider: Example Academy
    url: {url}
    description: A course.
    teaches: [{{skill: data-entry, level: 1}}]
    isAccessibleForFree: true
    inLanguage: [en]
    lastVerified: 2026-11-24""" for cid, url in urls.items())
    path = tmp_path / "links.yaml"
    path.write_text("courses:\n" + courses + "\n", encoding="utf-8")
    return path


def test_check_links_reports_dead_and_redirected(httpserver: HTTPServer, cli: Callable[..., Result],
                                                 tmp_path: Path) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    httpserver.expect_request("/gone").respond_with_data("gone", status=404)
    httpserver.expect_request("/moved").respond_with_data("", status=301, headers={"Location": "/ok"})
    # a server that refuses HEAD but serves GET is alive
    httpserver.expect_request("/nohead", method="HEAD").respond_with_data("", status=405)
    httpserver.expect_request("/nohead", method="GET").respond_with_data("fine")
    httpserver.expect_request("/broken").respond_with_data("oops", status=500)
    path = links_catalog(tmp_path, {
        "ok": httpserver.url_for("/ok"), "gone": httpserver.url_for("/gone"),
        "moved": httpserver.url_for("/moved"), "nohead": httpserver.url_for("/nohead"),
        "broken": httpserver.url_for("/broken"), "refused": "http://127.0.0.1:9/x",
    })
    r = cli("catalog", "check-links", "-c", str(path), "-t", str(MINI), "--format", "json", "--all")
    assert r.code == 3, r.err
    by_id = {row["course_id"]: row for row in json.loads(r.out)}
    assert by_id["ok"]["status"] == "ok" and by_id["nohead"]["status"] == "ok"
    assert by_id["gone"]["status"] == "dead" and by_id["gone"]["code"] == 404
    assert by_id["broken"]["status"] == "dead" and by_id["broken"]["code"] == 500
    assert by_id["refused"]["status"] == "dead" and by_id["refused"]["error"]
    assert by_id["moved"]["status"] == "redirected" and by_id["moved"]["final_url"] == httpserver.url_for("/ok")
    assert [row["course_id"] for row in json.loads(r.out)] == ["ok", "gone", "moved", "nohead", "broken", "refused"]
    assert "6 links checked: 3 dead, 1 redirected" in r.err


def test_check_links_all_alive_exits_zero(httpserver: HTTPServer, cli: Callable[..., Result], tmp_path: Path) -> None:
    httpserver.expect_request("/ok").respond_with_data("fine")
    path = links_catalog(tmp_path, {"a": httpserver.url_for("/ok"), "b": httpserver.url_for("/ok")})
    r = cli("catalog", "check-links", "-c", str(path), "-t", str(MINI), "--concurrency", "1")
    assert r.code == 0 and "2 links checked: 0 dead, 0 redirected" in r.err


def test_check_links_times_out_slow_servers(httpserver: HTTPServer, cli: Callable[..., Result], tmp_path: Path) -> None:
    httpserver.expect_request("/slow").respond_with_handler(lambda request: (time.sleep(1.5), Response("late"))[1])
    path = links_catalog(tmp_path, {"slow": httpserver.url_for("/slow")})
    r = cli("catalog", "check-links", "-c", str(path), "-t", str(MINI), "--timeout", "0.3", "-f", "json")
    assert r.code == 3 and json.loads(r.out)[0]["error"] == "timed out"
