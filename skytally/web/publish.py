"""The web site as static files: `skytally publish DIR` renders the app in-process and writes what it serves.

The publisher asks the same FastAPI app `skytally serve` runs (through httpx's ASGI transport, no
socket), so a static page is byte for byte the live page, links aside. It starts from the known
URLs (every page, every attack's page and JSON, the feeds, the downloads) and follows every
internal link the pages hold, so nothing a page links to is missing. Links are then rewritten to
the files written (web/_linkcheck.py): a static host needs ``attacks/2025-08-21/index.html``,
``api/attacks/2025-08-21.json``, and no query strings.

Only the check page needs the live server: its static copy says so in place of the form.
Writes are atomic per file, and a file whose bytes did not change is not touched, so a CDN or
rsync sees only what changed; ``only=[ids]`` (the morning watch) re-renders those attacks and the
pages that list attacks, and fetches anything else only if it is not yet on disk.
"""

from __future__ import annotations

import asyncio
import os
import re
import tempfile
import time
import zlib
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from skytally.web._linkcheck import SiteUrl, file_of, find_links, href_of, normalise_query, rewrite_links
from skytally.web.feeds import LANGS, attack_path

# Pages and documents that exist once per site (the app's routes; the crawl finds any others).
SITE_URLS = (
    "/",
    "/attacks",
    "/explore",
    "/data",
    "/check",
    *(f"/feed.{lang}.xml" for lang in LANGS),
    "/api/attacks",
    "/api/about",
    "/api/events",
    "/api/diff",
    "/api/openapi.json",
)
# Per attack: its page and its JSON document (4 MB for the whole ledger). Its context and bulletins
# as JSON are published when a page links to them, or for every attack with ``full_api=True``: the
# context documents alone weigh 270 MB for the whole ledger (255 kB each: every rank's evidence).
ATTACK_URLS = ("{page}", "/api{page}")
FULL_API_URLS = ("/api{page}/context", *(f"/api{{page}}/bulletin?lang={lang}" for lang in LANGS))
# What changes for every attack when one is added: the lists, the home page, the feeds, the downloads.
LISTING_PREFIXES = ("/explore", "/api/attacks", "/data", "/feed.")
# The pages whose query links (pagination, sort, download of the page shown) are published, and at
# most how many variants of one path: see _Crawl._follow_query.
LISTING_PAGES = ("/", "/attacks", "/explore", "/data")
MAX_VARIANTS = 200
# Never published: a kept check result lives in the server's memory; the form posts to the server.
SKIPPED = re.compile(r"^/check/.+|^/api/(reports|corrections|check)$")
CHECK_PATH = "/check"
CHECK_NOTICE = (
    '<p class="notice" role="note">This is a static copy of skytally: checking an article needs the live '
    "server (<code>skytally serve</code>). The command <code>skytally check ARTICLE</code> gives the same "
    "verdicts.</p>"
)
POST_FORM = re.compile(r"<form\b[^>]*\bmethod=\"post\"[^>]*>.*?</form>", re.IGNORECASE | re.DOTALL)
# A bound on how many URLs one publish may fetch: a template that generated endless distinct links
# (a sort link carrying its own query forward, say) stops the crawl with a message, not a full disk.
MAX_URLS = 20_000


@dataclass
class PublishResult:
    """What a publish did: files by kind, bytes, time, and the URLs that failed (status, url)."""

    pages: int = 0
    files: int = 0
    written: int = 0
    unchanged: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failed: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Fetched:
    url: SiteUrl
    file: str
    content_type: str
    body: bytes  # zlib-compressed for pages (rewritten at the end), raw for everything else

    @property
    def is_page(self) -> bool:
        """Whether this is an HTML page (its links are rewritten before it is written)."""
        return self.file.endswith("index.html")


def publish(
    db_path_or_site: Any,
    out_dir: str | Path,
    *,
    base_url: str = "",
    only: list[str] | None = None,
    full_api: bool = False,
) -> PublishResult:
    """Write the site as static files into ``out_dir`` and return what was written.

    ``db_path_or_site``: the store's path, or a ``skytally.web.site.Site`` (its caches are reused,
    and its ``base_url`` is the site's: a different ``base_url`` is refused). ``base_url``: the public address the
    folder will be served from (``https://example.org/skytally``); links are root-relative without it.
    ``only``: attack ids to re-render into an existing folder, with the home page, the lists, the
    feeds and the downloads; other files are fetched only if missing. ``full_api``: also every
    attack's context and bulletins as JSON (about 310 MB more for the whole ledger).
    """
    from skytally.web.app import create_app
    from skytally.web.site import Site

    started = time.perf_counter()
    if isinstance(db_path_or_site, Site):
        site = db_path_or_site
        if base_url and base_url.rstrip("/") != site.base_url:
            from skytally.errors import DataError

            raise DataError(
                f"base_url {base_url!r} differs from the site's {site.base_url!r}",
                hint="pass the store's path instead of the Site, or leave base_url out",
            )
        base_url = site.base_url
        app = create_app(site.db_path, base_url=base_url)
        app.state.site = site
    else:
        base_url = base_url.rstrip("/")
        app = create_app(db_path_or_site, base_url=base_url)
        site = app.state.site
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    crawl = _Crawl(app, out, base_url, incremental=only is not None)
    seeds = _seeds(site, only, ATTACK_URLS + (FULL_API_URLS if full_api else ()))
    # The pages hide what needs the live server (the check form, the API links) while they are copied.
    was_static, site.static = getattr(site, "static", False), True
    try:
        result = _run(crawl.run(seeds))
    finally:
        site.static = was_static
    result.seconds = time.perf_counter() - started
    return result


def _seeds(site: Any, only: list[str] | None, per_attack: tuple[str, ...]) -> list[str]:
    attacks = site.attacks()
    if only is None:
        chosen = [a.id for a in attacks]
    else:
        known = {a.id: i for i, a in enumerate(attacks)}
        chosen = []
        for key in only:
            attack = site.attack(key)
            chosen.append(attack.id)
            # The attack before it links to it as "next": its page changes too.
            position = known.get(attack.id)
            if position:
                chosen.append(attacks[position - 1].id)
    urls = list(SITE_URLS)
    for attack_id in dict.fromkeys(chosen):
        urls.extend(t.format(page=attack_path(attack_id)) for t in per_attack)
    return urls


def _run(coroutine: Any) -> PublishResult:
    """Run the crawl's event loop; in a thread when the caller is already inside one (a server)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


class _Crawl:
    """One publish: the URLs to fetch, what was fetched, and the files written."""

    def __init__(self, app: Any, out: Path, base: str, *, incremental: bool) -> None:
        self.app = app
        self.out = out
        self.base = base
        self.incremental = incremental
        self.result = PublishResult()
        self.variants: dict[str, int] = {}
        self.on_disk: dict[SiteUrl, str] = {}

    async def run(self, seeds: Iterable[str]) -> PublishResult:
        import httpx

        queue = list(dict.fromkeys(_parse(s) for s in seeds))
        seen: set[SiteUrl] = set(queue)
        fetched: dict[SiteUrl, _Fetched] = {}
        # An exception in a page is a failed URL in the result (the app's 500), not the end of the publish.
        transport = httpx.ASGITransport(app=self.app, raise_app_exceptions=False)
        async with httpx.AsyncClient(transport=transport, base_url="http://skytally.publish") as client:
            while queue:
                url = queue.pop(0)
                got = await self._fetch(client, url)
                if got is None:
                    continue
                fetched[url] = got
                if not got.is_page:
                    # Written now and dropped: only pages wait for the crawl's end (their links).
                    self._write(got, {})
                    got.body = b""
                for link in self._links(got):
                    if link in seen or SKIPPED.match(link.path) or not self._wanted(link):
                        continue
                    if link.query and not self._follow_query(got.url, link):
                        continue
                    if len(seen) >= MAX_URLS:
                        raise RuntimeError(f"the site links to over {MAX_URLS:,} URLs; is a template looping?")
                    seen.add(link)
                    queue.append(link)
        hrefs = {**self.on_disk, **{url: href_of(got.file, url) for url, got in fetched.items()}}
        for got in fetched.values():
            if got.is_page:
                self._write(got, hrefs)
        return self.result

    def _follow_query(self, page: SiteUrl, link: SiteUrl) -> bool:
        """Whether to publish a query variant of a page: only those the listing pages link to, bounded.

        A static host ignores query strings, so each variant published is one more file; the
        evidence links of the attack pages alone name some 17,000 distinct Explore queries. A
        variant left out is linked as its page with the query string kept (rewrite_links).
        """
        if page.path not in LISTING_PAGES:
            return False
        count = self.variants.get(link.path, 0)
        if count >= MAX_VARIANTS:
            return False
        self.variants[link.path] = count + 1
        return True

    def _wanted(self, link: SiteUrl) -> bool:
        """In an incremental publish, follow a link only if its file may have changed or is missing."""
        if not self.incremental or link.path.startswith(LISTING_PREFIXES):
            return True
        guess = file_of(link, "text/html" if not link.path.startswith("/api/") else "application/json")
        if (self.out / guess).is_file():
            # Published before and not changed by the new attacks: linked, not fetched again.
            self.on_disk[link] = href_of(guess, link)
            return False
        return True

    async def _fetch(self, client: Any, url: SiteUrl) -> _Fetched | None:
        response = await client.get(url.request_target)
        if response.status_code != 200:
            self.result.failed.append((response.status_code, url.request_target))
            return None
        content_type = response.headers.get("content-type", "application/octet-stream")
        file = file_of(url, content_type)
        body = response.content
        if file.endswith("index.html"):
            text = body.decode("utf-8")
            if url.path == CHECK_PATH and not url.query:
                text = _static_check_page(text)
            return _Fetched(url, file, content_type, zlib.compress(text.encode("utf-8"), 1))
        return _Fetched(url, file, content_type, body)

    def _links(self, got: _Fetched) -> list[SiteUrl]:
        if got.is_page:
            return find_links(zlib.decompress(got.body).decode("utf-8"), got.url, self.base)
        if got.content_type.startswith("text/css"):
            return find_links(got.body.decode("utf-8", errors="replace"), got.url, self.base, css=True)
        return []

    def _write(self, got: _Fetched, hrefs: dict[SiteUrl, str]) -> None:
        body = got.body
        if got.is_page:
            text = zlib.decompress(body).decode("utf-8")
            body = rewrite_links(text, got.url, self.base, hrefs).encode("utf-8")
            self.result.pages += 1
        self.result.files += 1
        self.result.bytes += len(body)
        if write_if_changed(self.out / got.file, body):
            self.result.written += 1
        else:
            self.result.unchanged += 1


def _parse(target: str) -> SiteUrl:
    parts = urlsplit(target)
    return SiteUrl(unquote(parts.path), normalise_query(parts.query))


def _static_check_page(text: str) -> str:
    """The check page without its form (it posts to the server), with a note saying where checks run."""
    replaced, count = POST_FORM.subn(CHECK_NOTICE, text, count=1)
    if count:
        return POST_FORM.sub("", replaced)
    main = re.search(r"<main\b[^>]*>", text)
    if main is None:
        return text
    return text[: main.end()] + CHECK_NOTICE + text[main.end() :]


def write_if_changed(path: Path, body: bytes) -> bool:
    """Write ``body`` to ``path`` atomically unless the file already holds exactly these bytes.

    Returns whether the file was written. The temporary file sits in the same folder, so the
    rename is atomic: a reader (a web server) sees the old file or the new one.
    """
    try:
        if path.stat().st_size == len(body) and path.read_bytes() == body:
            return False
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name[:80]}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
        os.chmod(name, 0o644)
        os.replace(name, path)
    finally:
        if os.path.exists(name):
            os.unlink(name)
    return True


__all__ = ["PublishResult", "publish", "write_if_changed"]
