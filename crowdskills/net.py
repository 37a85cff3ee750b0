"""HTTP requests with a total deadline, a size cap and no silent https -> http downgrade.

httpx's timeouts apply to each network read, so a server that sends one byte every few seconds
(in its headers or its body) would hold a request forever. Every request here runs under
``asyncio.wait_for``: the whole exchange, headers and body together, ends by the deadline, and
cancelling it closes the connection. Bodies are read in chunks and given up as soon as they
pass ``max_bytes``. Unless ``allow_http``, a redirect to a plain http address is refused before
it is followed.

This module imports httpx; import it lazily, where a request is made.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

USER_AGENT = "crowdskills (+https://github.com/crowdskills/crowdskills)"

T = TypeVar("T")


class DeadlineExceeded(httpx.TimeoutException):
    """The whole request took longer than its deadline (however fast each read was)."""


class InsecureRedirect(httpx.HTTPError):
    """An https request was redirected to plain http."""

    def __init__(self, target: str) -> None:
        super().__init__(f"redirected to plain http ({target})")
        self.target = target


@dataclass
class Fetched:
    """A finished response: where it ended up, its status and headers, and its body."""

    url: str
    status: int
    reason: str
    headers: httpx.Headers
    body: bytes = b""
    too_large: bool = False
    """The body (declared or read) passed ``max_bytes``; ``body`` is then empty."""
    redirects: list[int] = field(default_factory=list)
    """Status codes of the redirects followed, in order."""
    charset: str | None = None
    """The body's encoding as the Content-Type header gives it."""


def client(
    *, timeout: float, allow_http: bool = False, max_redirects: int = 5, concurrency: int | None = None,
) -> httpx.AsyncClient:
    """An async client that follows redirects and, unless ``allow_http``, refuses any plain http hop."""

    async def refuse_http(request: httpx.Request) -> None:
        if request.url.scheme == "http":
            raise InsecureRedirect(str(request.url))

    limits = httpx.Limits(max_connections=concurrency) if concurrency else httpx.Limits()
    return httpx.AsyncClient(
        timeout=timeout, follow_redirects=True, max_redirects=max_redirects, limits=limits,
        headers={"User-Agent": USER_AGENT}, event_hooks={"request": [] if allow_http else [refuse_http]},
    )


async def afetch(
    http: httpx.AsyncClient, url: str, *, deadline: float, method: str = "GET",
    headers: Mapping[str, str] | None = None, max_bytes: int | None = None,
) -> Fetched:
    """One request through ``http``, finished (body included) within ``deadline`` seconds.

    The body is read only when ``max_bytes`` is given, and given up past it.

    Raises:
        DeadlineExceeded: the deadline passed.
        InsecureRedirect: an http hop was refused (see :func:`client`).
        httpx.HTTPError: any other failure (connection, protocol, too many redirects).
    """

    async def exchange() -> Fetched:
        async with http.stream(method, url, headers=dict(headers or {})) as response:
            got = Fetched(str(response.url), response.status_code, response.reason_phrase, response.headers,
                          redirects=[r.status_code for r in response.history], charset=response.charset_encoding)
            if max_bytes is None or response.status_code in (204, 304) or method == "HEAD":
                return got
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                got.too_large = True
                return got
            body = bytearray()
            async for chunk in response.aiter_bytes():
                body += chunk
                if len(body) > max_bytes:  # a hostile or endless body is never read whole
                    got.too_large = True
                    return got
            got.body = bytes(body)
            return got

    try:
        return await asyncio.wait_for(exchange(), deadline)
    except asyncio.TimeoutError:
        raise DeadlineExceeded(f"no complete answer within {deadline:g} s") from None


def fetch(
    url: str, *, deadline: float, allow_http: bool = False, max_redirects: int = 5,
    headers: Mapping[str, str] | None = None, max_bytes: int,
) -> Fetched:
    """:func:`afetch` for synchronous callers, with a client of its own."""

    async def one() -> Fetched:
        async with client(timeout=deadline, allow_http=allow_http, max_redirects=max_redirects) as http:
            return await afetch(http, url, deadline=deadline, headers=headers, max_bytes=max_bytes)

    return run(one())


def run(coro: Coroutine[Any, Any, T]) -> T:
    """Run ``coro`` to the end from synchronous code, also where an event loop is already running
    (a notebook): then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()
