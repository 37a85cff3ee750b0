"""Catalogs over HTTP: pulling a partner's catalog, and checking every course link.

``pull_catalog`` fetches a catalog (https only unless allowed, also after redirects; a deadline
for the whole download; a 10 MB cap; see :mod:`crowdskills.net`), validates it before it
replaces anything, and remembers the file, ETag, Last-Modified date and sha256 in
``catalogs.lock`` beside it, so that the next pull sends a conditional request and a 304 changes
nothing. A catalog pinned with ``--sha256`` must keep that content: a changed download fails
loudly and the old file stays. A pull writes only the file the lock gives for its URL or a file
that does not exist yet; the lock is updated under an OS file lock, re-read first, and written
atomically. The lock file is not trusted: an entry naming a file outside the folder is refused.

``check_links`` checks course URLs concurrently (HEAD, falling back to GET) and reports dead and
redirected links.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import CrowdskillsError, InputError, ValidationError
from .inputs import atomic_write
from .models import Course, Taxonomy

PULL_MAX_BYTES = 10 * 1024 * 1024
PULL_TIMEOUT = 15.0
LOCK_NAME = "catalogs.lock"
#: The file that pulls into one folder lock while they update it (catalogs.lock itself is
#: replaced by a rename on each write, so it cannot carry the lock).
GUARD_NAME = ".catalogs.lock.guard"


class PullError(CrowdskillsError):
    """A remote catalog could not be fetched or does not match its pin."""


@dataclass
class PullResult:
    url: str
    path: Path
    status: str
    """``updated`` (new or changed content written), ``unchanged`` (same content) or ``not-modified`` (304)."""
    sha256: str
    courses: int = 0


def read_lock(folder: Path) -> dict[str, Any]:
    """The lock file's entries by URL (empty when there is none).

    Raises:
        InputError: the lock file is not valid JSON, or an entry is not an object, or names a
            file that is not a plain file name inside ``folder`` (the message gives its line).
    """
    path = folder / LOCK_NAME
    if not path.exists():
        return {}
    try:
        text = path.read_text(encoding="utf-8")
        data = json.loads(text)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not a readable lock file ({exc}). Fix or delete it, then pull again.") from None
    catalogs = data.get("catalogs") if isinstance(data, dict) else None
    if not isinstance(catalogs, dict):
        raise InputError(f"{path} is not a crowdskills lock file. Fix or delete it, then pull again.")
    for url, entry in catalogs.items():
        where = f"{path}:{_line_of(text, url)}"
        if not isinstance(entry, dict):
            raise InputError(f"{where}: the entry for {url} is not an object. Fix or remove it, then pull again.")
        for key, kind in (("file", str), ("sha256", str), ("etag", str), ("last_modified", str), ("pinned", bool)):
            if entry.get(key) is not None and not isinstance(entry[key], kind):
                raise InputError(f"{where}: {key!r} of the entry for {url} is not a {kind.__name__}. "
                                 "Fix or remove the entry, then pull again.")
        if entry.get("file") is not None and not _inside(folder, entry["file"]):
            raise InputError(f"{where}: the entry for {url} names file {entry['file']!r}, which is not a file "
                             f"name inside {folder}; a pull writes only there. Fix or remove the entry.")
    return catalogs


def _line_of(text: str, url: str) -> int:
    at = text.find(json.dumps(url, ensure_ascii=False))
    return text.count("\n", 0, at) + 1 if at >= 0 else 1


def _inside(folder: Path, name: str) -> bool:
    """Whether ``name`` is a plain file name whose file (links resolved) lies in ``folder``."""
    if not name or name in (".", "..") or Path(name).name != name or "\\" in name or name == LOCK_NAME:
        return False
    try:
        return (folder / name).resolve().parent == folder.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        return False


def _write_lock(folder: Path, catalogs: dict[str, Any]) -> None:
    data = {"version": 1, "catalogs": dict(sorted(catalogs.items()))}
    atomic_write(folder / LOCK_NAME, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


@contextmanager
def _locked(folder: Path) -> Iterator[None]:
    """Hold an exclusive OS lock on ``folder``'s lock guard file: one pull updates the folder at a time."""
    try:
        fd = os.open(folder / GUARD_NAME, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
    except OSError as exc:
        raise InputError(f"cannot lock {folder / LOCK_NAME}: {exc.strerror}.") from None
    try:
        _lock_fd(fd)
        yield
    finally:
        os.close(fd)  # closing releases the lock


if sys.platform == "win32":  # pragma: no cover - tested on POSIX
    import msvcrt

    def _lock_fd(fd: int) -> None:
        while True:
            try:
                msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for 10 s, then raises
                return
            except OSError:
                continue
else:
    import fcntl

    def _lock_fd(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)


def file_name_for(url: str) -> str:
    """The local file name for a catalog URL: its last path part if .yaml/.yml, else host.yaml."""
    parsed = urlparse(url)
    base = os.path.basename(parsed.path)
    if base.lower().endswith((".yaml", ".yml")) and _SAFE_NAME.fullmatch(base):
        return base
    return (parsed.hostname or "catalog").replace(":", "_") + ".yaml"


_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def distinct_name_for(url: str) -> str:
    """A longer file name for ``url`` when its plain name is taken: host and path, e.g.
    ``partner.example-catalogs-courses.yaml``, with a short hash of the URL when that is long."""
    parsed = urlparse(url)
    stem = re.sub(r"\.(ya?ml)$", "", f"{parsed.hostname or 'catalog'}{parsed.path}", flags=re.IGNORECASE)
    stem = re.sub(r"[^A-Za-z0-9.]+", "-", stem).strip("-.") or "catalog"
    if len(stem) > 80 or parsed.query or parsed.port:
        stem = f"{stem[:80].rstrip('-.')}-{hashlib.sha256(url.encode('utf-8')).hexdigest()[:8]}"
    return stem + ".yaml"


def _target_name(folder: Path, url: str, lock: dict[str, Any], name: str | None) -> str:
    """The file ``url`` is kept in: the one the lock gives, else a name no other file or entry uses."""
    entry = lock.get(url) or {}
    if name is not None:
        if not _inside(folder, name):
            raise PullError(f"{name!r} is not a plain file name; give a name such as partner.yaml.")
        chosen = name
    elif entry.get("file"):
        return str(entry["file"])
    else:
        chosen = file_name_for(url)
    taken = {e.get("file") for u, e in lock.items() if u != url}
    if chosen in taken or (chosen != entry.get("file") and os.path.lexists(folder / chosen)):
        if name is not None:
            raise PullError(f"{folder / name} is already there and was not pulled from {url}; "
                            "choose another name.")
        for candidate in (distinct_name_for(url), *(f"{distinct_name_for(url)[:-5]}-{i}.yaml" for i in range(2, 100))):
            if candidate not in taken and not os.path.lexists(folder / candidate):
                return candidate
        raise PullError(f"no free file name for {url} in {folder}; tidy the folder and pull again.")
    return chosen


def pull_catalog(
    url: str,
    folder: Path,
    taxonomy: Taxonomy,
    *,
    sha256: str | None = None,
    allow_http: bool = False,
    timeout: float = PULL_TIMEOUT,
    max_bytes: int = PULL_MAX_BYTES,
    name: str | None = None,
) -> PullResult:
    """Fetch the catalog at ``url`` into ``folder`` and record it in ``catalogs.lock``.

    The file is named after the URL's last path part; a name that another URL or a file not
    pulled already uses gets a longer name from the URL's host and path instead, so a pull
    only ever replaces a file it wrote itself. ``timeout`` bounds the whole download. Pulls into
    one folder at the same time take turns on the lock file, so none is lost.

    Raises:
        PullError: the URL is refused, the server fails or is too slow, the body is too large or
            differs from its pin. The old file is kept.
        ValidationError: the downloaded catalog has errors. The old file is kept.
        InputError: ``folder`` or its lock file cannot be used.
    """
    import httpx

    from .net import InsecureRedirect, fetch

    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise PullError(f"{url!r} is not an http(s) URL. Give the catalog's https address.")
    if parsed.scheme == "http" and not allow_http:
        raise PullError(f"{url} is plain http, which anyone on the way can alter. Use https, or --allow-http.")
    if sha256 is not None:
        sha256 = sha256.strip().lower()
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise PullError(f"--sha256 {sha256!r} is not a sha256 hex digest (64 hex characters).")
    if not folder.is_dir():
        raise InputError(f"folder {folder} does not exist. Create it, or choose another with --into.")
    lock = read_lock(folder)
    entry = dict(lock.get(url, {}))
    target = folder / _target_name(folder, url, lock, name)

    headers = {"Accept": "application/yaml, text/yaml, text/plain;q=0.9, */*;q=0.5"}
    if target.exists() and sha256 is None and entry.get("file") == target.name:
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
    try:
        got = fetch(url, deadline=timeout, allow_http=allow_http, headers=headers, max_bytes=max_bytes)
    except httpx.TooManyRedirects:
        raise PullError(f"{url} redirects too many times (a redirect loop?); nothing was changed.") from None
    except InsecureRedirect as exc:
        raise PullError(f"{url} redirected to plain http ({exc.target}); nothing was changed. "
                        "Use --allow-http to accept it.") from None
    except httpx.TimeoutException:
        raise PullError(
            f"{url} did not answer within {timeout:g} s; nothing was changed. Try again, or raise --timeout."
        ) from None
    except httpx.HTTPError as exc:
        raise PullError(f"cannot fetch {url}: {exc}; nothing was changed.") from None
    if got.status == 304:
        return PullResult(url, target, "not-modified", entry.get("sha256", ""))
    if got.status >= 400:
        raise PullError(f"{url} answered {got.status} {got.reason}; nothing was changed.")
    if got.too_large:
        raise PullError(f"{url} is over the {max_bytes:,}-byte limit; nothing was changed.")
    data = got.body

    digest = hashlib.sha256(data).hexdigest()
    _check_pin(url, digest, sha256 or (entry.get("sha256") if entry.get("pinned") else None))
    from .catalogs.load import check_catalog_text

    courses, problems = check_catalog_text(data, taxonomy, shown=url)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ValidationError(
            f"the catalog at {url} has {len(errors)} errors (first: {errors[0]}); kept the old file.", problems,
        )
    if not courses:
        raise ValidationError(f"the catalog at {url} holds no course; kept the old file.", problems)
    with _locked(folder):  # another pull may have written since: decide again on what is there now
        lock = read_lock(folder)
        entry = dict(lock.get(url, {}))
        _check_pin(url, digest, sha256 or (entry.get("sha256") if entry.get("pinned") else None))
        target = folder / _target_name(folder, url, lock, name)
        status = "unchanged" if target.exists() and target.read_bytes() == data else "updated"
        if status == "updated":
            atomic_write(target, data)
        entry.update({
            "file": target.name,
            "sha256": digest,
            "pinned": bool(sha256 or entry.get("pinned")),
            "etag": got.headers.get("etag"),
            "last_modified": got.headers.get("last-modified"),
            "fetched": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
        })
        lock[url] = entry
        _write_lock(folder, lock)
    return PullResult(url, target, status, digest, len(courses))


def _check_pin(url: str, digest: str, pinned: str | None) -> None:
    if pinned and digest != pinned:
        raise PullError(
            f"{url} changed: its sha256 is {digest}, but {pinned} is pinned; kept the old file. "
            "Check the new content with the partner, then pull with --sha256 NEW to pin it."
        )


# --------------------------------------------------------------------------- link checks
@dataclass
class LinkResult:
    course_id: str
    url: str
    status: str
    """``ok``, ``redirected`` or ``dead``."""
    code: int | None
    final_url: str | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "course_id": self.course_id, "url": self.url, "status": self.status, "code": self.code,
            "final_url": self.final_url, "error": self.error,
        }


@dataclass
class LinkReport:
    results: list[LinkResult] = field(default_factory=list)

    @property
    def dead(self) -> list[LinkResult]:
        return [r for r in self.results if r.status == "dead"]

    @property
    def redirected(self) -> list[LinkResult]:
        return [r for r in self.results if r.status == "redirected"]


def check_links(
    courses: Sequence[Course],
    *,
    concurrency: int = 8,
    timeout: float = 10.0,
    progress: Callable[[LinkResult], None] | None = None,
) -> LinkReport:
    """Check every course URL; results in catalog order. ``progress`` is called as each finishes.

    ``timeout`` bounds each request as a whole, however slowly a server sends its headers.
    """
    import asyncio

    from . import net

    async def one(http: Any, sem: asyncio.Semaphore, course: Course) -> LinkResult:
        async with sem:
            result = await _check_one(http, course, timeout)
        if progress is not None:
            progress(result)
        return result

    async def run() -> list[LinkResult]:
        sem = asyncio.Semaphore(max(1, concurrency))
        async with net.client(timeout=timeout, allow_http=True, max_redirects=10,
                              concurrency=max(1, concurrency)) as http:
            return list(await asyncio.gather(*(one(http, sem, c) for c in courses)))

    return LinkReport(net.run(run()))


async def _check_one(http: Any, course: Course, timeout: float) -> LinkResult:
    import httpx

    from .net import afetch

    try:
        got = await afetch(http, course.url, method="HEAD", deadline=timeout)
        if got.status >= 400:  # many servers refuse HEAD: ask again with GET (headers only)
            got = await afetch(http, course.url, deadline=timeout)
    except httpx.TooManyRedirects:
        return LinkResult(course.id, course.url, "dead", None, error="redirect loop")
    except httpx.TimeoutException:
        return LinkResult(course.id, course.url, "dead", None, error="timed out")
    except httpx.HTTPError as exc:
        return LinkResult(course.id, course.url, "dead", None, error=str(exc) or type(exc).__name__)
    if got.status >= 400:
        return LinkResult(course.id, course.url, "dead", got.status, got.url if got.url != course.url else None)
    if got.redirects and got.url.rstrip("/") != course.url.rstrip("/"):
        return LinkResult(course.id, course.url, "redirected", got.redirects[0], got.url)
    return LinkResult(course.id, course.url, "ok", got.status)
