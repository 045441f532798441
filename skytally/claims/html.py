"""HTML pages: their main text and publication date, with trafilatura (imported when needed)."""

from __future__ import annotations

import re
from datetime import date

from skytally.errors import DataError


def looks_like_html(text: str) -> bool:
    """Whether a text is an HTML page rather than plain text.

    >>> looks_like_html("<!doctype html><html><body>x</body></html>"), looks_like_html("614 drones")
    (True, False)
    """
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(body|article|p|div)[\s>]", head))


def extract_html(page: str) -> tuple[str, date | None]:
    """Return the main text of an HTML page (scripts and navigation dropped) and its publication date.

    Raises:
        DataError: no main text could be found in the page.
    """
    import trafilatura

    text = trafilatura.extract(page, include_comments=False, include_tables=False, favor_precision=True)
    if not text:
        raise DataError("no article text found in the HTML page (only scripts, navigation or nothing)")
    published = None
    meta = trafilatura.extract_metadata(page)
    if meta is not None and meta.date:
        try:
            published = date.fromisoformat(meta.date[:10])
        except ValueError:
            published = None
    return text, published
