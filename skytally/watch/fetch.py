"""Reading the channel page for the watch: every network or page fault becomes one ``ChannelFault``.

The watch must never crash on the network, nor publish from a page it could not read. So each
failure (timeout, no connection, HTTP error, an oversized page, a page whose structure changed)
is caught here and turned into a fault with a ``kind``: the loop reports a fault once, and again
only when its kind changes, until a page is read again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from skytally.errors import SkytallyError
from skytally.reports.channel import ChannelPageError, ChannelPost, parse_channel_page

if TYPE_CHECKING:
    import httpx

# The channel page is ~20 posts, some 100 KB; anything far larger is not that page.
MAX_PAGE_BYTES = 5 * 1024 * 1024

FaultKind = Literal["timeout", "connection", "http", "too_large", "structure"]


class ChannelFault(SkytallyError):
    """The page could not be read: ``kind`` groups faults for reporting, the message says what happened."""

    def __init__(self, kind: FaultKind, message: str) -> None:
        super().__init__(message)
        self.kind: FaultKind = kind


def fetch_posts(client: httpx.Client, url: str) -> list[ChannelPost]:
    """Return the posts of the channel page at ``url``, oldest first.

    Raises:
        ChannelFault: the page could not be fetched or read (any network error, HTTP status of
            400 or more, a page over 5 MB, or no posts in Telegram's preview structure).
    """
    html = fetch_page(client, url)
    try:
        posts = parse_channel_page(html)
    except ChannelPageError as exc:
        raise ChannelFault("structure", f"the page at {url} changed structure: {exc.message}") from None
    return sorted(posts, key=lambda p: p.post_id)


def fetch_page(client: httpx.Client, url: str) -> str:
    """Return the page's text (the client carries the timeout); see :func:`fetch_posts` for faults."""
    import httpx

    try:
        with client.stream("GET", url) as response:
            if response.status_code >= 400:
                raise ChannelFault("http", f"HTTP {response.status_code} from {url}")
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    raise ChannelFault("too_large", f"the page at {url} is over {MAX_PAGE_BYTES // 2**20} MB")
                chunks.append(chunk)
            encoding = response.charset_encoding or "utf-8"
    except httpx.TimeoutException:
        timeout = client.timeout.read
        raise ChannelFault("timeout", f"timed out after {timeout:g} s reading {url}") from None
    except httpx.HTTPError as exc:
        raise ChannelFault("connection", f"cannot read {url}: {exc.__class__.__name__}: {exc}") from None
    try:
        return b"".join(chunks).decode(encoding, errors="replace")
    except LookupError:  # an unknown charset in the Content-Type header
        return b"".join(chunks).decode("utf-8", errors="replace")
