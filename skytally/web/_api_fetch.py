"""Fetch an article for the check endpoint: public http(s) addresses only, bounded in time and size.

A server that fetches any URL it is sent can be made to read its own network (a cloud's metadata
address, an admin page on localhost). So every address the name resolves to must be a public
one, redirects are followed by hand (each hop checked the same way, at most MAX_REDIRECTS), and
the body is read in chunks and refused past MAX_FETCH_BYTES. The resolver and httpx transport
are parameters: the one I/O seam tests replace.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urljoin, urlsplit

from skytally.errors import DataError
from skytally.web._errors import ApiError

MAX_FETCH_BYTES = 2_000_000
MAX_REDIRECTS = 3
TIMEOUT_SECONDS = 10.0
# A page sent a byte at a time never trips the per-read timeout: the whole fetch has a deadline too.
DEADLINE_SECONDS = 20.0

Resolver = Callable[[str, int], list[str]]


def resolve_host(host: str, port: int) -> list[str]:
    """Return the IP addresses a host name resolves to."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError) as exc:
        raise DataError(f"cannot resolve {host!r}: {exc}", field="url") from None
    return [str(info[4][0]) for info in infos]


def check_public_url(url: str, resolve: Resolver = resolve_host) -> None:
    """Refuse a URL that is not http(s) or whose host has a non-public address.

    Raises:
        DataError: another scheme, no host, or an address that is private, loopback, link-local,
            multicast or reserved.
    """
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise DataError(f"not an http(s) address: {url!r}", field="url")
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        raise DataError(f"not a valid port in {url!r}", field="url") from None
    for address in resolve(parts.hostname, port):
        if not ipaddress.ip_address(address.split("%", 1)[0]).is_global:
            raise DataError(
                f"refusing to fetch {parts.hostname!r}: it resolves to a non-public address ({address})",
                field="url",
                hint="give the article's public address, or paste its text",
            )


def fetch_article(url: str, *, transport: Any = None, resolve: Resolver = resolve_host) -> bytes:
    """Return the body of a public web page, at most MAX_FETCH_BYTES, within TIMEOUT_SECONDS per step.

    Raises:
        DataError: a refused address, a network failure or an HTTP error status (422: the request
            named something the server cannot check).
        ApiError: the page is over MAX_FETCH_BYTES (413).
    """
    import httpx

    deadline = time.monotonic() + DEADLINE_SECONDS
    with httpx.Client(transport=transport, timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_public_url(url, resolve)
            try:
                with client.stream("GET", url, headers={"User-Agent": "skytally-check"}) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise DataError(f"fetching {url} answered HTTP {response.status_code}", field="url")
                    return _read_bounded(response, url, deadline)
            except httpx.HTTPError as exc:
                raise DataError(f"cannot fetch {url}: {exc.__class__.__name__}: {exc}", field="url") from None
    raise DataError(f"too many redirects (over {MAX_REDIRECTS}) from {url}", field="url")


def _read_bounded(response: Any, url: str, deadline: float) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_FETCH_BYTES:
        raise ApiError(413, f"the page at {url} is {int(declared):,} bytes, over {MAX_FETCH_BYTES:,} bytes")
    data = bytearray()
    for chunk in response.iter_bytes():
        data += chunk
        if len(data) > MAX_FETCH_BYTES:
            raise ApiError(413, f"the page at {url} is over {MAX_FETCH_BYTES:,} bytes")
        if time.monotonic() > deadline:
            raise DataError(f"fetching {url} took over {DEADLINE_SECONDS:.0f} s", field="url")
    return bytes(data)
