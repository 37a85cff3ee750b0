"""Catalogs over HTTP: pulling a partner's catalog, and checking every course link.

``pull_catalog`` fetches a catalog with httpx (https only unless allowed, a timeout, a 10 MB
cap), validates it before it replaces anything, and remembers the ETag, Last-Modified date and
sha256 in ``catalogs.lock`` beside it, so that the next pull sends a conditional request and a
304 changes nothing. A catalog pinned with ``--sha256`` must keep that content: a changed
download fails loudly and the old file stays.

``check_links`` checks course URLs concurrently (HEAD, falling back to GET) and reports dead and
redirected links.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from .errors import CrowdskillsError, InputError, ValidationError
from .inputs import atomic_write, read_capped
from .models import Course, Taxonomy

PULL_MAX_BYTES = 10 * 1024 * 1024
PULL_TIMEOUT = 15.0
LOCK_NAME = "catalogs.lock"
USER_AGENT = "crowdskills (+https://github.com/crowdskills/crowdskills)"


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
    """The lock file's entries by URL (empty when there is none)."""
    path = folder / LOCK_NAME
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise InputError(f"{path} is not a readable lock file ({exc}). Fix or delete it, then pull again.") from None
    catalogs = data.get("catalogs") if isinstance(data, dict) else None
    if not isinstance(catalogs, dict):
        raise InputError(f"{path} is not a crowdskills lock file. Fix or delete it, then pull again.")
    return catalogs


def _write_lock(folder: Path, catalogs: dict[str, Any]) -> None:
    data = {"version": 1, "catalogs": dict(sorted(catalogs.items()))}
    atomic_write(folder / LOCK_NAME, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))


def file_name_for(url: str) -> str:
    """The local file name for a catalog URL: its last path part if .yaml/.yml, else host.yaml."""
    parsed = urlparse(url)
    base = os.path.basename(parsed.path)
    if base.lower().endswith((".yaml", ".yml")):
        return base
    return (parsed.hostname or "catalog").replace(":", "_") + ".yaml"


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

    Raises:
        PullError: the URL is refused, the server fails, the body is too large or differs from
            its pin. The old file is kept.
        ValidationError: the downloaded catalog has errors. The old file is kept.
    """
    import httpx

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
    target = folder / (name or entry.get("file") or file_name_for(url))
    pinned = sha256 or (entry.get("sha256") if entry.get("pinned") else None)

    headers = {"User-Agent": USER_AGENT, "Accept": "application/yaml, text/yaml, text/plain;q=0.9, */*;q=0.5"}
    if target.exists() and sha256 is None:
        if entry.get("etag"):
            headers["If-None-Match"] = entry["etag"]
        if entry.get("last_modified"):
            headers["If-Modified-Since"] = entry["last_modified"]
    try:
        with httpx.Client(timeout=timeout, follow_redirects=True, max_redirects=5) as client, \
                client.stream("GET", url, headers=headers) as response:
            if response.status_code == 304:
                return PullResult(url, target, "not-modified", entry.get("sha256", ""))
            if response.status_code >= 400:
                raise PullError(f"{url} answered {response.status_code} {response.reason_phrase}; nothing was changed.")
            if response.url.scheme == "http" and not allow_http:
                raise PullError(f"{url} redirected to plain http ({response.url}); nothing was changed. "
                                "Use --allow-http to accept it.")
            declared = response.headers.get("content-length")
            if declared and declared.isdigit() and int(declared) > max_bytes:
                raise PullError(
                    f"{url} is {int(declared):,} bytes, over the {max_bytes:,}-byte limit; nothing was changed.")
            capped = read_capped(response, max_bytes)
            if capped is None:
                raise PullError(f"{url} is over the {max_bytes:,}-byte limit; nothing was changed.")
            data = capped
            etag = response.headers.get("etag")
            last_modified = response.headers.get("last-modified")
    except httpx.TooManyRedirects:
        raise PullError(f"{url} redirects too many times (a redirect loop?); nothing was changed.") from None
    except httpx.TimeoutException:
        raise PullError(
            f"{url} did not answer within {timeout:g} s; nothing was changed. Try again, or raise --timeout."
        ) from None
    except httpx.HTTPError as exc:
        raise PullError(f"cannot fetch {url}: {exc}; nothing was changed.") from None

    digest = hashlib.sha256(data).hexdigest()
    if pinned and digest != pinned:
        raise PullError(
            f"{url} changed: its sha256 is {digest}, but {pinned} is pinned; kept the old file. "
            "Check the new content with the partner, then pull with --sha256 NEW to pin it."
        )
    from .catalog import check_catalog_text

    courses, problems = check_catalog_text(data, taxonomy, shown=url)
    errors = [p for p in problems if p.is_error]
    if errors:
        raise ValidationError(
            f"the catalog at {url} has {len(errors)} errors (first: {errors[0]}); kept the old file.", problems,
        )
    if not courses:
        raise ValidationError(f"the catalog at {url} holds no course; kept the old file.", problems)
    status = "unchanged" if target.exists() and target.read_bytes() == data else "updated"
    if status == "updated":
        atomic_write(target, data)
    entry.update({
        "file": target.name,
        "sha256": digest,
        "pinned": bool(pinned),
        "etag": etag,
        "last_modified": last_modified,
        "fetched": datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat(),
    })
    lock[url] = entry
    _write_lock(folder, lock)
    return PullResult(url, target, status, digest, len(courses))


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
    """Check every course URL; results in catalog order. ``progress`` is called as each finishes."""
    import asyncio

    import httpx

    async def one(client: httpx.AsyncClient, sem: asyncio.Semaphore, course: Course) -> LinkResult:
        async with sem:
            result = await _check_one(client, course)
        if progress is not None:
            progress(result)
        return result

    async def run() -> list[LinkResult]:
        sem = asyncio.Semaphore(max(1, concurrency))
        limits = httpx.Limits(max_connections=max(1, concurrency))
        async with httpx.AsyncClient(
            timeout=timeout, follow_redirects=True, max_redirects=10, limits=limits,
            headers={"User-Agent": USER_AGENT},
        ) as client:
            return list(await asyncio.gather(*(one(client, sem, c) for c in courses)))

    return LinkReport(asyncio.run(run()))


async def _check_one(client: Any, course: Course) -> LinkResult:
    import httpx

    try:
        response = await client.head(course.url)
        if response.status_code >= 400:  # many servers refuse HEAD: ask again with GET
            async with client.stream("GET", course.url) as got:
                response = got
    except httpx.TooManyRedirects:
        return LinkResult(course.id, course.url, "dead", None, error="redirect loop")
    except httpx.TimeoutException:
        return LinkResult(course.id, course.url, "dead", None, error="timed out")
    except httpx.HTTPError as exc:
        return LinkResult(course.id, course.url, "dead", None, error=str(exc) or type(exc).__name__)
    final = str(response.url)
    if response.status_code >= 400:
        return LinkResult(course.id, course.url, "dead", response.status_code, final if final != course.url else None)
    if response.history and final.rstrip("/") != course.url.rstrip("/"):
        return LinkResult(course.id, course.url, "redirected", response.history[0].status_code, final)
    return LinkResult(course.id, course.url, "ok", response.status_code)

