"""Reading the text to analyse: a literal string, a file, standard input or a URL.

Files may be .txt, .md or .html, in UTF-8 (with or without BOM) or UTF-16 with BOM; other
bytes that are not UTF-8 are read as Windows-1252 with a warning. HTML is reduced to its text.
Binary files, empty input and input over ``max_bytes`` are refused with a clear
:class:`InputError`.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024
URL_MAX_BYTES = 2 * 1024 * 1024
URL_TIMEOUT = 10.0
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".text")


@dataclass
class Source:
    """A text to analyse and where it came from."""

    text: str
    name: str
    warnings: list[str] = field(default_factory=list)
    #: the person's name, when the source says it (a JSON Resume's ``basics.name``)
    person: str | None = None


def check_not_input(output: str | Path, inputs: Iterable[str | Path | None], *, option: str = "--output") -> None:
    """Refuse to write ``output`` when it is the same file as one of ``inputs`` (through links
    too): writing it would destroy what the run reads, ``--force`` or not. Inputs that name no
    file (a text, ``-``, a URL, ``None``) are passed over."""
    for arg in inputs:
        if arg is None or arg == "-":
            continue
        try:
            same = os.path.samefile(Path(output).expanduser(), Path(arg).expanduser())
        except (OSError, ValueError):  # either is missing, or no path at all
            continue
        if same:
            raise InputError(f"{output} is also an input ({arg}); writing it would destroy it. Give another {option}.")


def atomic_write(path: Path, data: bytes, *, shown: str | None = None) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename, so
    that readers see the old file or the new one, never half of one."""
    import os
    import tempfile

    if path.is_dir():
        raise InputError(f"cannot write {shown or path}: it is a folder. Give a file name.")
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".crowdskills-", dir=path.parent)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        # mkstemp makes the file private (0600); give it the mode a plain write would
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        os.replace(tmp, path)
    except OSError as exc:
        raise InputError(f"cannot write {shown or path}: {exc.strerror or exc}.") from None
    finally:
        if tmp is not None and os.path.exists(tmp):
            os.unlink(tmp)


def read_source(arg: str, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> Source:
    """Read ``arg``: ``-`` for standard input, an http(s) URL, a file path, or the text itself."""
    if arg == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        raw = stream.read(max_bytes + 1)
        _check_size(raw, "standard input", max_bytes)
        return _finish(_decode(raw, "standard input"), "standard input", html=_looks_like_html(raw))
    if re.match(r"^https?://", arg, re.IGNORECASE):
        return fetch_url(arg)
    path = Path(arg).expanduser()
    exists = False
    if len(arg) < 4096 and "\n" not in arg:
        try:
            exists = path.exists()  # a file, a folder, or a device or FIFO (refused by read_file)
        except OSError:
            exists = False
    if exists and path.is_dir():
        raise InputError(f"{arg} is a directory. Give a text file, a URL, - or the text itself.")
    if exists:
        return read_file(path, max_bytes=max_bytes)
    if "\n" not in arg and " " not in arg.strip() and (
        path.suffix.lower() in TEXT_SUFFIXES or "/" in arg or "\\" in arg
    ):
        raise InputError(f"{arg} does not exist. Check the path, or quote the text you meant.")
    return _finish(arg, "text")


def check_regular(path: Path, shown: str | None = None) -> os.stat_result:
    """The file's status; :class:`InputError` unless it is a regular file. A device
    (/dev/zero) never ends and a FIFO blocks until someone writes to it: neither is opened."""
    name = shown or str(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise InputError(f"{name} does not exist. Check the path.") from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror}.") from None
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            raise InputError(f"{name} is a directory. Give a file.")
        raise InputError(
            f"{name} is not a regular file (a device, FIFO or socket). Save it to a file, or pipe it into -."
        )
    return info


def read_file(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Source:
    """Read a text file of at most ``max_bytes``; devices, FIFOs and sockets are refused."""
    name = str(path)
    info = check_regular(path)
    try:
        if info.st_size > max_bytes:
            raise InputError(
                f"{name} is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit. "
                "Split it, or raise the limit with --max-bytes."
            )
        with path.open("rb") as f:
            raw = f.read(max_bytes + 1)  # a file that grew since stat() is still capped
        _check_size(raw, name, max_bytes)
    except PermissionError:
        raise InputError(f"{name} cannot be read: permission denied.") from None
    except OSError as exc:
        raise InputError(f"{name} cannot be read: {exc.strerror}.") from None
    source = _decode_source(raw, name)
    html = path.suffix.lower() in (".html", ".htm") or _looks_like_html(raw)
    return _finish(source.text, name, html=html, warnings=source.warnings)


def _check_size(raw: bytes, name: str, max_bytes: int) -> None:
    if len(raw) > max_bytes:
        raise InputError(
            f"{name} is over the {max_bytes:,}-byte limit. Split it, or raise the limit with --max-bytes."
        )


def _decode_source(raw: bytes, name: str) -> Source:
    warnings: list[str] = []
    text = _decode(raw, name, warnings)
    return Source(text, name, warnings)


def _decode(raw: bytes, name: str, warnings: list[str] | None = None) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{name} claims to be UTF-16 but is not. Save it as UTF-8.") from None
    zero = raw.find(b"\x00")
    if zero >= 0:  # anywhere in the file, not only in its first block
        raise InputError(
            f"{name} is not a text file (binary data at byte {zero:,}). Give a .txt, .md or .html file."
        )
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        try:
            text, encoding = raw.decode("cp1252"), "Windows-1252"
        except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90 or 0x9D: Latin-1 has them all
            text, encoding = raw.decode("latin-1"), "Latin-1"
        if warnings is not None:
            warnings.append(f"{name} is not UTF-8; read it as {encoding}. Save it as UTF-8 to be sure.")
        return text


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:1024].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in raw[:4096].lower()


def _finish(text: str, name: str, *, html: bool = False, warnings: list[str] | None = None) -> Source:
    person = None
    if html:
        text = html_to_text(text)
    elif text.lstrip().startswith("{") or name.lower().endswith(".json"):
        text, person = jsonresume_text(text, name)
    if not text.strip():
        raise InputError(f"{name} is empty: there is no text to analyse.")
    return Source(text, name, warnings or [], person)


#: Sections of a JSON Resume whose presence marks a JSON document as a resume.
JSONRESUME_KEYS = frozenset({"basics", "work", "skills", "volunteer", "projects", "education"})


def jsonresume_text(text: str, name: str) -> tuple[str, str | None]:
    """The text of a JSON Resume (https://jsonresume.org) to read skills from, and the person's name.

    The label and summary of ``basics``, each ``work`` and ``volunteer`` entry's position,
    summary and highlights, each project's description and highlights, and each skill with its
    keywords, one per line. Text that is not JSON comes back as it is, unless ``name`` ends in
    ``.json``; JSON that is not a resume is refused.
    """
    import json

    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        if not name.lower().endswith(".json"):
            return text, None
        raise InputError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg}). "
                         "Fix the file, or save the profile as a .txt file.") from None
    if not isinstance(data, dict) or not JSONRESUME_KEYS & set(data):
        raise InputError(f"{name} is JSON but not a JSON Resume (no basics, work or skills). "
                         "Give a JSON Resume or a text file.")

    def strings(value: object) -> list[str]:
        if isinstance(value, str):
            return [value] if value.strip() else []
        if isinstance(value, list):
            return [x for v in value for x in strings(v)]
        return []

    def entries(key: str) -> list[dict[str, object]]:
        value = data.get(key)
        return [e for e in value if isinstance(e, dict)] if isinstance(value, list) else []

    basics: dict[str, object] = data["basics"] if isinstance(data.get("basics"), dict) else {}
    lines = strings(basics.get("label")) + strings(basics.get("summary"))
    for entry in entries("work") + entries("volunteer"):
        lines += [f"{x}." for x in strings(entry.get("position"))]
        lines += strings(entry.get("summary")) + strings(entry.get("highlights"))
    for entry in entries("projects"):
        lines += strings(entry.get("description")) + strings(entry.get("highlights"))
    for entry in entries("skills"):
        skill = ", ".join(strings(entry.get("name")) + strings(entry.get("keywords")))
        if skill:
            lines.append(f"Skills: {skill}.")
    person = basics.get("name")
    return "\n".join(lines), person.strip() if isinstance(person, str) and person.strip() else None


class _TextExtractor(HTMLParser):
    SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    BLOCK = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                       "tr", "td", "th", "section", "article", "header", "footer", "dt", "dd",
                       "blockquote", "pre", "table", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCK:
            self.parts.append("\n- " if tag == "li" else "\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP and self.skipping:
            self.skipping -= 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


# A "<" that starts a tag (a letter, !, / or ?) but meets no ">" before the next tag start.
_BROKEN_TAG = re.compile(r"<(?=[A-Za-z!/?](?:[^<>]|<(?![A-Za-z!/?]))*(?:<[A-Za-z!/?]|\Z))")
_COMMENT_OR_BROKEN_TAG = re.compile(r"(<!--.*?-->)|" + _BROKEN_TAG.pattern, re.DOTALL)
_HELD = "\uffff"  # a Unicode noncharacter: stands for a defused "<" while parsing


def _defuse_tags(html: str) -> str:
    """``html`` with every ``<`` that cannot start a finished tag replaced by :data:`_HELD`.

    The standard library's parser rescans to the end of the page for each tag it cannot finish,
    so ``<a<a<a...`` costs time quadratic in its length (200 KB took 33 s). A tag here is finished
    when a ``>`` comes before the next tag start; a comment when a ``-->`` follows (comments may
    hold tags). Each search ends at the next tag start, so the whole is linear. The price: a tag
    whose quoted attribute holds a tag start (``<img alt='a<b'>``) is read as text.
    """
    html = html.replace(_HELD, "")
    last = html.rfind("-->")
    end = last + 3 if last >= 0 else 0  # past the last "-->", no comment can close
    head = _COMMENT_OR_BROKEN_TAG.sub(lambda m: m.group(1) or _HELD, html[:end]) if end else ""
    return head + _BROKEN_TAG.sub(_HELD, html[end:])


def html_to_text(html: str) -> str:
    """The visible text of an HTML page, one block per line."""
    parser = _TextExtractor()
    parser.feed(_defuse_tags(html))
    parser.close()
    text = "".join(parser.parts).replace(_HELD, "<")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def fetch_url(url: str, *, timeout: float = URL_TIMEOUT, max_bytes: int = URL_MAX_BYTES) -> Source:
    """GET ``url`` (following redirects, but never from https to plain http) and return its text;
    HTML is reduced to text. ``timeout`` bounds the whole download."""
    import httpx

    from .net import InsecureRedirect, fetch

    try:
        got = fetch(url, deadline=timeout, allow_http=url.lower().startswith("http:"), max_bytes=max_bytes)
    except InsecureRedirect as exc:
        raise InputError(f"{url} redirected to plain http ({exc.target}), which anyone on the way can alter; "
                         "refused. Give the http address yourself if you trust it.") from None
    except httpx.TimeoutException:
        raise InputError(
            f"{url} did not answer within {timeout:g} s. Try again later, or save the page and give the file."
        ) from None
    except httpx.HTTPError as exc:
        raise InputError(f"cannot fetch {url}: {exc}. Check the address and your connection.") from None
    if got.status >= 400:
        raise InputError(f"{url} answered {got.status} {got.reason}. Check the address.")
    ctype = got.headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype and not (ctype.startswith("text/") or ctype in ("application/xhtml+xml", "application/json")):
        raise InputError(f"{url} is not a text page (content type {ctype}). Give a web page or a text file.")
    if got.too_large:
        raise InputError(f"{url} is over the {max_bytes:,}-byte limit for pages. Save the text and give the file.")
    raw, encoding = got.body, got.charset
    if encoding:
        try:
            text = raw.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            text = _decode(raw, url)
    else:
        text = _decode(raw, url)
    html = ctype in ("text/html", "application/xhtml+xml") or _looks_like_html(raw)
    return _finish(text, url, html=html)
