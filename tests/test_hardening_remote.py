"""Hostile and unlucky servers and lock files (issue 14, items 3, 4, 5, 7, 10 and 15 for pulls).

Every server runs on 127.0.0.1 inside the test and stops by itself within a few seconds, so a
regression shows as a failed time bound, not as a hung test run.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug.wrappers import Request, Response

from crowdskills import load_taxonomy
from crowdskills.errors import InputError
from crowdskills.remote import pull_catalog

from .conftest import MINI, Result
from .test_remote import CATALOG, links_catalog, lock

Cli = Callable[..., Result]
TAX = load_taxonomy(MINI)
OTHER = CATALOG.replace(b"guidelines-101", b"guidelines-201")


# --------------------------------------------------------------------------- servers that never finish
@contextmanager
def hostile_server(kind: str, *, step: float = 0.2, lasts: float = 8.0) -> Iterator[str]:
    """A raw HTTP server that answers every request one byte every ``step`` seconds, for at most
    ``lasts`` seconds: ``dribble`` sends its headers at once and then the body slowly,
    ``slow-headers`` never finishes its headers."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    port = listener.getsockname()[1]
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            try:
                conn.settimeout(lasts)
                conn.recv(65536)
                if kind == "dribble":
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 100000\r\n\r\n")
                    slow = b"x" * 100_000
                else:
                    slow = b"HTTP/1.1 200 OK\r\nX-Slow: " + b"a" * 100_000
                end = time.monotonic() + lasts
                for i in range(len(slow)):
                    if stop.is_set() or time.monotonic() > end:
                        return
                    conn.sendall(slow[i:i + 1])
                    time.sleep(step)
            except OSError:
                return

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=answer, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop.set()
        thread.join(2)
        listener.close()


@pytest.mark.parametrize("kind", ["dribble", "slow-headers"])
def test_pull_timeout_bounds_the_whole_download(cli: Cli, tmp_path: Path, kind: str) -> None:
    with hostile_server(kind) as base:
        start = time.monotonic()
        r = cli("catalog", "pull", f"{base}/c.yaml", "--into", str(tmp_path), "-t", str(MINI), "--allow-http",
                "--timeout", "1")
        took = time.monotonic() - start
    assert r.code == 1 and "did not answer within 1 s" in r.err and "nothing was changed" in r.err
    assert took < 3.5, took
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("kind", ["dribble", "slow-headers"])
def test_skills_url_timeout_bounds_the_whole_download(kind: str) -> None:
    from crowdskills.inputs import fetch_url

    with hostile_server(kind) as base:
        start = time.monotonic()
        with pytest.raises(InputError, match=r"did not answer within 1 s"):
            fetch_url(f"{base}/page", timeout=1.0)
        took = time.monotonic() - start
    assert took < 3.5, took


def test_check_links_timeout_bounds_slow_headers(cli: Cli, tmp_path: Path) -> None:
    with hostile_server("slow-headers") as base:
        path = links_catalog(tmp_path, {"slow": f"{base}/course", "slow2": f"{base}/other"})
        start = time.monotonic()
        r = cli("catalog", "check-links", "-c", str(path), "-t", str(MINI), "--timeout", "1", "-f", "json")
        took = time.monotonic() - start
    assert r.code == 3, r.err
    assert [row["error"] for row in json.loads(r.out)] == ["timed out", "timed out"]
    assert took < 4.5, took  # HEAD, then GET: each bounded by the 1 s deadline


# --------------------------------------------------------------------------- https -> http
@pytest.fixture
def https_server(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Iterator[HTTPServer]:
    """A pytest-httpserver over TLS with a throwaway self-signed certificate that httpx trusts."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
         "-days", "2", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True, capture_output=True, timeout=60,
    )
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    try:
        yield server
    finally:
        server.clear()
        if server.is_running():
            server.stop()


def test_skills_url_refuses_https_to_http_redirect(https_server: HTTPServer, httpserver: HTTPServer) -> None:
    from crowdskills.inputs import fetch_url

    httpserver.expect_request("/job").respond_with_data("I need data entry.", content_type="text/plain")
    https_server.expect_request("/job").respond_with_data(
        "", status=302, headers={"Location": httpserver.url_for("/job")})
    https_server.expect_request("/ok").respond_with_data("I need data entry.", content_type="text/plain")
    url = https_server.url_for("/job")
    assert url.startswith("https://")
    assert "data entry" in fetch_url(https_server.url_for("/ok")).text  # the certificate is trusted
    with pytest.raises(InputError, match="redirected to plain http"):
        fetch_url(url)
    assert httpserver.log == []  # refused before the http request was sent
    # an http address the user gives on purpose is still fetched
    assert "data entry" in fetch_url(httpserver.url_for("/job")).text


def test_pull_refuses_https_to_http_redirect_before_sending(https_server: HTTPServer, httpserver: HTTPServer,
                                                            cli: Cli, tmp_path: Path) -> None:
    httpserver.expect_request("/c.yaml").respond_with_data(CATALOG)
    https_server.expect_request("/c.yaml").respond_with_data(
        "", status=301, headers={"Location": httpserver.url_for("/c.yaml")})
    r = cli("catalog", "pull", https_server.url_for("/c.yaml"), "--into", str(tmp_path), "-t", str(MINI))
    assert r.code == 1 and "redirected to plain http" in r.err and "--allow-http" in r.err
    assert httpserver.log == [] and list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- file names (item 3)
def test_same_named_catalogs_from_two_partners_are_both_kept(httpserver: HTTPServer, cli: Cli,
                                                             tmp_path: Path) -> None:
    httpserver.expect_request("/a/courses.yaml").respond_with_data(CATALOG)
    httpserver.expect_request("/b/courses.yaml").respond_with_data(OTHER)
    a, b = httpserver.url_for("/a/courses.yaml"), httpserver.url_for("/b/courses.yaml")
    pull = ("--into", str(tmp_path), "-t", str(MINI), "--allow-http")
    assert cli("catalog", "pull", a, *pull, "--sha256", hashlib.sha256(CATALOG).hexdigest()).code == 0
    r = cli("catalog", "pull", b, *pull)
    assert r.code == 0, r.err
    entries = lock(tmp_path)
    assert entries[a]["file"] == "courses.yaml" and entries[a]["pinned"] is True
    second = entries[b]["file"]
    assert second != "courses.yaml" and str(second).startswith("localhost-b-courses")
    assert (tmp_path / "courses.yaml").read_bytes() == CATALOG  # the pinned catalog is untouched
    assert (tmp_path / str(second)).read_bytes() == OTHER and str(second) in r.err
    # pulling again updates each in its own file
    assert cli("catalog", "pull", b, *pull).code == 0 and lock(tmp_path)[b]["file"] == second
    assert sorted(p.name for p in tmp_path.glob("*.yaml")) == sorted(["courses.yaml", str(second)])


def test_pull_never_replaces_a_file_it_did_not_write(httpserver: HTTPServer, cli: Cli, tmp_path: Path) -> None:
    mine = b"# my own catalog, written by hand\n" + OTHER
    (tmp_path / "mine.yaml").write_bytes(mine)
    httpserver.expect_request("/mine.yaml").respond_with_data(CATALOG)
    url = httpserver.url_for("/mine.yaml")
    r = cli("catalog", "pull", url, "--into", str(tmp_path), "-t", str(MINI), "--allow-http")
    assert r.code == 0, r.err
    assert (tmp_path / "mine.yaml").read_bytes() == mine
    kept = lock(tmp_path)[url]["file"]
    assert kept != "mine.yaml" and (tmp_path / str(kept)).read_bytes() == CATALOG


def test_file_names_from_urls_are_distinct_and_safe() -> None:
    from crowdskills.remote import distinct_name_for, file_name_for

    assert file_name_for("https://a.example/x/courses.yaml") == "courses.yaml"
    assert distinct_name_for("https://a.example/x/courses.yaml") == "a.example-x-courses.yaml"
    assert distinct_name_for("https://b.example/x/courses.yaml") == "b.example-x-courses.yaml"
    long = distinct_name_for("https://a.example/" + "d/" * 100 + "c.yaml?v=1")
    assert len(long) < 100 and long.endswith(".yaml") and "/" not in long
    assert long != distinct_name_for("https://a.example/" + "d/" * 100 + "c.yaml?v=2")


# --------------------------------------------------------------------------- concurrent pulls (item 4)
def test_concurrent_pulls_into_one_folder_keep_every_entry(tmp_path: Path) -> None:
    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        def slow(body: bytes) -> Callable[[Request], Response]:
            def handler(request: Request) -> Response:
                time.sleep(0.5)  # every pull reads the lock before any writes it
                return Response(body)
            return handler

        urls = []
        for i in range(4):
            body = CATALOG.replace(b"guidelines-101", f"guidelines-{i}".encode())
            server.expect_request(f"/p{i}/courses.yaml").respond_with_handler(slow(body))
            urls.append(server.url_for(f"/p{i}/courses.yaml"))
        errors: list[BaseException] = []

        def pull(url: str) -> None:
            try:
                pull_catalog(url, tmp_path, TAX, allow_http=True)
            except BaseException as exc:  # reported below
                errors.append(exc)

        threads = [threading.Thread(target=pull, args=(u,)) for u in urls]
        for t in threads:
            t.start()
        for t in threads:
            t.join(20)
    finally:
        server.clear()
        server.stop()
    assert errors == []
    entries = lock(tmp_path)
    assert sorted(entries) == sorted(urls)
    files = [str(entries[u]["file"]) for u in urls]
    assert len(set(files)) == 4
    for i, name in enumerate(files):
        assert f"guidelines-{i}".encode() in (tmp_path / name).read_bytes()


def test_two_pull_processes_at_once_both_keep_their_entry(tmp_path: Path) -> None:
    import os
    import sys

    server = HTTPServer(host="127.0.0.1", port=0, threaded=True)
    server.start()
    try:
        def slow(request: Request) -> Response:
            time.sleep(1.0)  # both processes have read the lock before either writes
            return Response(CATALOG.replace(b"guidelines-101", request.path.split("/")[1].encode()))

        urls = [server.url_for(f"/{name}/courses.yaml") for name in ("first", "second")]
        for url in urls:
            server.expect_request(url.split(str(server.port))[1]).respond_with_handler(slow)
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)}
        procs = [subprocess.Popen([sys.executable, "-m", "crowdskills", "catalog", "pull", url, "--into",
                                   str(tmp_path), "-t", str(MINI), "--allow-http"], env=env,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for url in urls]
        results = [p.communicate(timeout=60) for p in procs]
    finally:
        server.clear()
        server.stop()
    assert [p.returncode for p in procs] == [0, 0], results
    assert all("recorded in catalogs.lock" in err for _, err in results)
    entries = lock(tmp_path)
    assert sorted(entries) == sorted(urls)
    assert b"second" in (tmp_path / str(entries[urls[1]]["file"])).read_bytes()
    assert b"first" in (tmp_path / str(entries[urls[0]]["file"])).read_bytes()


def test_fetching_works_inside_a_running_event_loop(httpserver: HTTPServer) -> None:
    """A notebook runs an event loop: fetch_url then runs its request in a thread of its own."""
    import asyncio

    from crowdskills.inputs import fetch_url

    httpserver.expect_request("/job").respond_with_data("We need data entry.", content_type="text/plain")

    async def main() -> str:
        return fetch_url(httpserver.url_for("/job")).text

    assert asyncio.run(main()) == "We need data entry."


# --------------------------------------------------------------------------- hostile lock files (item 5)
@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ({"file": "../x.yaml"}, "not a file name inside"),
        ({"file": "/tmp/x.yaml"}, "not a file name inside"),
        ({"file": "sub/x.yaml"}, "not a file name inside"),
        ({"file": "catalogs.lock"}, "not a file name inside"),
        ({"file": 42}, "'file' of the entry"),
        ({"sha256": ["a"]}, "'sha256' of the entry"),
        ("x.yaml", "is not an object"),
        (None, "is not an object"),
    ],
)
def test_hostile_lock_entries_are_errors_naming_the_line(httpserver: HTTPServer, cli: Cli, tmp_path: Path,
                                                         entry: object, says: str) -> None:
    folder = tmp_path / "into"
    folder.mkdir()
    httpserver.expect_request("/x.yaml").respond_with_data(CATALOG)
    url = httpserver.url_for("/x.yaml")
    text = json.dumps({"version": 1, "catalogs": {"https://other.example/o.yaml": {"file": "o.yaml"}, url: entry}},
                      indent=2)
    (folder / "catalogs.lock").write_text(text, encoding="utf-8")
    r = cli("catalog", "pull", url, "--into", str(folder), "-t", str(MINI), "--allow-http")
    assert r.code == 1 and "Traceback" not in r.err
    assert r.err.startswith(f"Error: {folder / 'catalogs.lock'}:7: ") and says in r.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["catalogs.lock", "into"]
    assert httpserver.log == []


def test_lock_entry_through_a_symlink_out_of_the_folder_is_refused(httpserver: HTTPServer, cli: Cli,
                                                                  tmp_path: Path) -> None:
    folder, outside = tmp_path / "into", tmp_path / "outside.yaml"
    folder.mkdir()
    outside.write_bytes(b"precious")
    (folder / "link.yaml").symlink_to(outside)
    httpserver.expect_request("/x.yaml").respond_with_data(CATALOG)
    url = httpserver.url_for("/x.yaml")
    (folder / "catalogs.lock").write_text(json.dumps({"version": 1, "catalogs": {url: {"file": "link.yaml"}}}),
                                          encoding="utf-8")
    r = cli("catalog", "pull", url, "--into", str(folder), "-t", str(MINI), "--allow-http")
    assert r.code == 1 and "not a file name inside" in r.err
    assert outside.read_bytes() == b"precious"


# --------------------------------------------------------------------------- untrusted values (item 15)
@pytest.mark.parametrize("value", ["2026-02-30", "!!bool maybe", "!!timestamp garbage", "9" * 5000])
def test_pulled_catalog_with_unreadable_values_is_a_located_problem(httpserver: HTTPServer, cli: Cli,
                                                                    tmp_path: Path, value: str) -> None:
    httpserver.expect_request("/c.yaml").respond_with_data(
        CATALOG.replace(b"lastVerified: 2026-11-24", f"lastVerified: {value}".encode()))
    url = httpserver.url_for("/c.yaml")
    r = cli("catalog", "pull", url, "--into", str(tmp_path), "-t", str(MINI), "--allow-http")
    assert r.code == 3 and f"{url}:11:19: error Y007" in r.err and "Traceback" not in r.err
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- hostile pages (item 11)
@pytest.mark.parametrize("page", ["<a" * 1_000_000, "<a " * 700_000, "<a\n" * 700_000, "<a x='" * 350_000,
                                  "<!--" * 500_000, "<p>" + "<a" * 1_000_000 + "-->"])
def test_html_that_never_closes_its_tags_is_read_in_linear_time(page: str) -> None:
    """The standard parser rescans to the end for each unfinished tag: 200 KB of <a took 33 s.
    Run in a child process so that a regression fails at the time limit instead of hanging."""
    import sys

    code = ("import sys, time; from crowdskills.inputs import html_to_text; page = sys.stdin.read(); "
            "t = time.perf_counter(); text = html_to_text(page); print(time.perf_counter() - t, len(text))")
    done = subprocess.run([sys.executable, "-c", code], input=page, capture_output=True, text=True, timeout=20,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr
    took, length = done.stdout.split()
    assert float(took) < 2.0, took  # about 0.3 s here; quadratic would be hours
    assert int(length) > 0


def test_defusing_tags_keeps_the_visible_text() -> None:
    from crowdskills.inputs import html_to_text

    page = ("<html><head><title>Job</title></head><body><!-- a <b>hidden</b> note -->"
            "<p>Use x<y and <b>Python</b> &amp; SQL</p><script>if (a<b && c>d) {}</script>"
            "<ul><li>data entry<li>labelling</ul><p>a \uffff b</p><p>unfinished <a</body></html>")
    assert html_to_text(page).splitlines() == [
        "Use x<y and Python & SQL", "", "- data entry", "- labelling", "", "a b", "", "unfinished <a",
    ]


def test_pull_does_not_write_through_planted_symlinks(httpserver: HTTPServer, cli: Cli, tmp_path: Path) -> None:
    """A dangling link named like the catalog, or a link in place of the lock guard, leads nowhere."""
    folder, outside = tmp_path / "into", tmp_path / "outside"
    folder.mkdir()
    outside.mkdir()
    (folder / "c.yaml").symlink_to(outside / "c.yaml")  # dangling
    (folder / ".catalogs.lock.guard").symlink_to(outside / "guard")
    httpserver.expect_request("/c.yaml").respond_with_data(CATALOG)
    r = cli("catalog", "pull", httpserver.url_for("/c.yaml"), "--into", str(folder), "-t", str(MINI), "--allow-http")
    assert r.code == 1 and "cannot lock" in r.err
    assert list(outside.iterdir()) == []
    (folder / ".catalogs.lock.guard").unlink()
    r = cli("catalog", "pull", httpserver.url_for("/c.yaml"), "--into", str(folder), "-t", str(MINI), "--allow-http")
    assert r.code == 0, r.err
    assert list(outside.iterdir()) == [] and (folder / "c.yaml").is_symlink()
    assert (folder / str(lock(folder)[httpserver.url_for("/c.yaml")]["file"])).read_bytes() == CATALOG
