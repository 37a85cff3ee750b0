"""Reading texts: files in several encodings, stdin, URLs, and every way input can be bad."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from crowdskills.errors import InputError
from crowdskills.inputs import html_to_text, read_source

TEXT = "I do data entry and café reviews."


@pytest.mark.parametrize(
    ("encoded", "warns"),
    [
        (TEXT.encode("utf-8"), False),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), False),
        (TEXT.encode("utf-16"), False),  # with BOM
        (TEXT.encode("cp1252"), True),
    ],
)
def test_file_encodings(tmp_path: Path, encoded: bytes, warns: bool) -> None:
    path = tmp_path / "p.txt"
    path.write_bytes(encoded)
    src = read_source(str(path))
    assert src.text == TEXT
    assert bool(src.warnings) is warns


def test_binary_file_is_not_a_text_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="not a text file"):
        read_source(str(path))


@pytest.mark.parametrize("content", [b"", b"   \n\t\n"])
def test_empty_input_is_an_error(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match="empty"):
        read_source(str(path))


def test_file_over_the_limit_is_refused_unless_raised(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("data entry " * 100)
    with pytest.raises(InputError, match="--max-bytes"):
        read_source(str(path), max_bytes=500)
    assert read_source(str(path), max_bytes=5000).text.startswith("data entry")


def test_missing_file_looking_path_is_an_error_not_text() -> None:
    with pytest.raises(InputError, match="does not exist"):
        read_source("profiles/amina.txt")


def test_plain_words_are_the_text_itself() -> None:
    assert read_source("data entry and SQL").text == "data entry and SQL"


def test_stdin() -> None:
    assert read_source("-", stdin=io.BytesIO(TEXT.encode())).text == TEXT
    with pytest.raises(InputError, match="empty"):
        read_source("-", stdin=io.BytesIO(b""))


def test_html_file_is_reduced_to_text(tmp_path: Path) -> None:
    path = tmp_path / "job.html"
    path.write_text(
        "<html><head><title>t</title><style>p{}</style></head><body><h1>Job</h1>"
        "<script>var data_entry=1</script><ul><li>Data entry</li><li>Excel &amp; Sheets</li></ul></body></html>"
    )
    text = read_source(str(path)).text
    assert "Data entry" in text and "Excel & Sheets" in text
    assert "var" not in text and "p{}" not in text


def test_html_to_text_keeps_blocks_on_lines() -> None:
    assert html_to_text("<p>one</p><p>two</p>") == "one\n\ntwo"


def test_url_is_fetched_and_html_reduced(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/job").respond_with_data(
        "<html><body><p>We need data entry.</p></body></html>", content_type="text/html; charset=utf-8"
    )
    src = read_source(httpserver.url_for("/job"))
    assert src.text == "We need data entry."


def test_url_404_is_a_clear_error(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/gone").respond_with_data("nope", status=404)
    with pytest.raises(InputError, match="404"):
        read_source(httpserver.url_for("/gone"))


def test_url_over_the_size_limit_is_refused(httpserver: HTTPServer) -> None:
    from crowdskills.inputs import fetch_url

    httpserver.expect_request("/huge").respond_with_data("data entry " * 100, content_type="text/plain")
    with pytest.raises(InputError, match="over the 500-byte limit for pages"):
        fetch_url(httpserver.url_for("/huge"), max_bytes=500)
    assert "data entry" in fetch_url(httpserver.url_for("/huge"), max_bytes=5000).text


def test_url_that_is_not_text_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/img").respond_with_data(b"\x89PNG", content_type="image/png")
    with pytest.raises(InputError, match="not a text page"):
        read_source(httpserver.url_for("/img"))


def test_url_over_two_megabytes_is_refused(httpserver: HTTPServer) -> None:
    httpserver.expect_request("/big").respond_with_data("a " * (1024 * 1024 + 10), content_type="text/plain")
    with pytest.raises(InputError, match="limit"):
        read_source(httpserver.url_for("/big"))


def test_url_timeout_is_a_clear_error(httpserver: HTTPServer) -> None:
    import time

    from crowdskills.inputs import fetch_url

    def slow(request):  # type: ignore[no-untyped-def]
        time.sleep(1.0)
        from werkzeug import Response

        return Response("late", content_type="text/plain")

    httpserver.expect_request("/slow").respond_with_handler(slow)
    with pytest.raises(InputError, match="did not answer"):
        fetch_url(httpserver.url_for("/slow"), timeout=0.2)


def test_unreachable_url_is_a_clear_error() -> None:
    with pytest.raises(InputError, match="cannot fetch"):
        read_source("http://127.0.0.1:9/profile")
