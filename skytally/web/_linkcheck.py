"""Links of a published page: find them, map them to files, rewrite them, and check a whole folder.

The static publisher (web/publish.py) keeps every internal link of the app's pages pointing at a
file it wrote: a page ``/attacks/2025-08-21`` becomes ``attacks/2025-08-21/index.html`` (linked
as ``/attacks/2025-08-21/``), a JSON endpoint ``/api/attacks/2025-08-21`` becomes
``api/attacks/2025-08-21.json``, and a query string, which a static host ignores, becomes a path
segment (``/explore?page=2`` -> ``explore/page=2/index.html``).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode, urljoin, urlsplit

# href/src/action and data-* attributes written with double quotes (Jinja autoescape writes them so).
LINK_ATTRIBUTE = re.compile(r"""(\s(href|src|action|data-[\w-]+)=")([^"]*)(")""")
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
# Characters a path segment may hold unescaped (RFC 3986 pchar) besides letters and digits.
SAFE_PATH = "/-._~!$&'()*+,;=:@"
EXTENSIONS = {
    "application/json": ".json",
    "text/csv": ".csv",
    "text/plain": ".txt",
    "text/markdown": ".md",
    "text/html": ".html",
    "application/atom+xml": ".xml",
    "application/xml": ".xml",
    "text/css": ".css",
    "text/javascript": ".js",
    "application/javascript": ".js",
    "image/svg+xml": ".svg",
    "image/png": ".png",
}


@dataclass(frozen=True, slots=True, order=True)
class SiteUrl:
    """An app URL: its decoded path and its normalised query string (``""`` when none)."""

    path: str
    query: str = ""

    @property
    def request_target(self) -> str:
        """The path and query to request from the app (path percent-encoded again)."""
        target = quote(self.path, safe=SAFE_PATH)
        return f"{target}?{self.query}" if self.query else target


def has_extension(path: str) -> bool:
    """Whether the last segment of a path names a file (``/feed.fr.xml``), not a page.

    >>> has_extension("/feed.fr.xml"), has_extension("/attacks/2025-08-21"), has_extension("/")
    (True, False, False)
    """
    last = path.rsplit("/", 1)[-1]
    return "." in last.strip(".")


def internal_url(value: str, page: SiteUrl, base: str) -> SiteUrl | None:
    """Return the app URL an attribute value points to, or None for an external or in-page link.

    ``value`` is the attribute as written in the HTML (entities not yet decoded); ``base`` is the
    site's base URL (``https://example.org/skytally``, ``/skytally`` or ``""``).

    >>> internal_url("/attacks/2025-08-21%232", SiteUrl("/"), "")
    SiteUrl(path='/attacks/2025-08-21#2', query='')
    >>> internal_url("https://example.org/sky/explore?page=2&amp;sort=total", SiteUrl("/"), "https://example.org/sky")
    SiteUrl(path='/explore', query='page=2&sort=total')
    >>> internal_url("https://kaggle.com/x", SiteUrl("/"), ""), internal_url("#main", SiteUrl("/"), "")
    (None, None)
    """
    value = html.unescape(value).strip()
    if not value or value.startswith(("#", "mailto:", "javascript:", "data:", "tel:")):
        return None
    if base and (value == base or value.startswith(base + "/")):
        value = value[len(base) :] or "/"
    else:
        parts = urlsplit(value)
        if parts.scheme or value.startswith("//"):
            return None
        if not value.startswith("/"):
            value = urljoin(page.request_target, value)
    parts = urlsplit(value)
    return SiteUrl(unquote(parts.path) or "/", normalise_query(parts.query))


def normalise_query(query: str) -> str:
    """Return a query string with its parameters in their order and one percent-encoding.

    >>> normalise_query("model=Shahed-136/131&page=2")
    'model=Shahed-136%2F131&page=2'
    """
    return urlencode(parse_qsl(query, keep_blank_values=True)) if query else ""


def file_of(url: SiteUrl, content_type: str, *, api_prefix: str = "/api/") -> str:
    """Return the file (relative to the site folder) that holds an app URL's response.

    >>> file_of(SiteUrl("/attacks/2025-08-21#2"), "text/html; charset=utf-8")
    'attacks/2025-08-21#2/index.html'
    >>> file_of(SiteUrl("/api/attacks/2025-08-21"), "application/json")
    'api/attacks/2025-08-21.json'
    >>> file_of(SiteUrl("/api/attacks", "limit=50&format=csv"), "text/csv; charset=utf-8")
    'api/attacks/limit=50&format=csv.csv'
    >>> file_of(SiteUrl("/static/skytally.css", "v=2"), "text/css")
    'static/skytally.css'
    """
    path = url.path.lstrip("/")
    if has_extension(url.path):
        return path
    kind = content_type.split(";", 1)[0].strip().lower()
    if kind == "text/html" and not url.path.startswith(api_prefix):
        folder = "/".join(p for p in (path.rstrip("/"), url.query) if p)
        return f"{folder}/index.html" if folder else "index.html"
    extension = EXTENSIONS.get(kind, ".bin")
    if url.query:
        return f"{path.rstrip('/')}/{url.query}{extension}"
    return f"{path.rstrip('/') or 'index'}{extension}"


def href_of(file: str, url: SiteUrl) -> str:
    """Return the root-relative link to a published file: a page's folder, or the file itself.

    A file whose path already names it keeps its query string (``style.css?v=2``): a static host
    ignores it, and it still busts a browser's cache.

    >>> href_of("attacks/2025-08-21#2/index.html", SiteUrl("/attacks/2025-08-21#2"))
    '/attacks/2025-08-21%232/'
    >>> href_of("api/attacks/limit=50&format=csv.csv", SiteUrl("/api/attacks", "limit=50&format=csv"))
    '/api/attacks/limit=50&format=csv.csv'
    """
    link = "/" + (file[: -len("index.html")] if file.endswith("index.html") else file)
    link = quote(link, safe=SAFE_PATH)
    if url.query and has_extension(url.path):
        link += "?" + url.query
    return link


def link_values(text: str, base: str) -> list[str]:
    """Return the values of an HTML page's link attributes, as written.

    A ``data-*`` attribute counts only when it holds a root-relative or base URL: most hold
    words (``data-lang="fr"``) a browser never follows.
    """
    return [m.group(3) for m in LINK_ATTRIBUTE.finditer(text) if _is_link(m.group(2), m.group(3), base)]


def _is_link(attribute: str, value: str, base: str) -> bool:
    if not attribute.startswith("data-"):
        return True
    return (value.startswith("/") and not value.startswith("//")) or bool(base and value.startswith(base))


def find_links(text: str, page: SiteUrl, base: str, *, css: bool = False) -> list[SiteUrl]:
    """Return the internal URLs an HTML page (or a stylesheet, ``css=True``) links to, in order."""
    values = [m.group(2) for m in CSS_URL.finditer(text)] if css else link_values(text, base)
    found = (internal_url(v, page, base) for v in values)
    return [u for u in found if u is not None]


def rewrite_links(text: str, page: SiteUrl, base: str, hrefs: dict[SiteUrl, str]) -> str:
    """Return an HTML page with every internal link pointing at its published file.

    ``hrefs`` maps app URLs to root-relative links (``href_of``); a query variant not in it links
    to its page with the query string kept; any other link not in it is left as it was. The
    fragment (``#figures``) of a link is kept.
    """

    def replace(match: re.Match[str]) -> str:
        value = match.group(3)
        if not _is_link(match.group(2), value, base):
            return match.group(0)
        url = internal_url(value, page, base)
        if url is None:
            return match.group(0)
        if url in hrefs:
            href = hrefs[url]
        elif url.query and SiteUrl(url.path) in hrefs:
            # A query variant not published: its page, with the query kept for the page's script.
            href = f"{hrefs[SiteUrl(url.path)]}?{url.query}"
        else:
            return match.group(0)
        fragment = html.unescape(value).partition("#")[2]
        link = base + href + (f"#{fragment}" if fragment else "")
        return match.group(1) + html.escape(link, quote=True) + match.group(4)

    return LINK_ATTRIBUTE.sub(replace, text)


def check_links(folder: str | Path, base: str = "") -> list[tuple[str, str]]:
    """Return the broken internal links of a published folder: (page file, link) pairs.

    Every href/src/action/data-* of every ``*.html`` file that points inside the site must name a
    file that exists (a folder link must hold ``index.html``).
    """
    root = Path(folder)
    broken = []
    for page in sorted(root.rglob("*.html")):
        text = page.read_text("utf-8")
        for written in link_values(text, base):
            value = html.unescape(written)
            url = internal_url(written, SiteUrl("/" + page.relative_to(root).as_posix()), base)
            if url is None:
                continue
            target = root / url.path.lstrip("/")
            if url.path.endswith("/") or target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((page.relative_to(root).as_posix(), value))
    return broken
