"""The check page's work: read the form, fetch an article's URL safely, check it, keep the result.

Permalinks: a result is kept in memory, keyed by the SHA-256 of its inputs (text, URL, date,
language), in a bounded LRU (``CheckStore``); the form's POST redirects to ``/check/{key}``.
Inputs are not put in the URL, which an article's text would overflow; the price is that a
permalink lives as long as the server process and the last ``CheckStore.size`` checks.

A URL is fetched by the app's own fetcher (web/_api_fetch.py: public addresses only, bounded in
time and size), the one the JSON API's check uses.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from skytally.claims import CheckResult
from skytally.errors import DataError

LANG_CHOICES = ("fr", "en", "uk")
VERDICT_LABELS = {
    "supported": "Supported",
    "contradicted": "Contradicted",
    "depends_on_source": "Depends on the source",
    "not_checkable": "Not checkable",
}
VERDICT_SIGNS = {"supported": "✓", "contradicted": "✗", "depends_on_source": "≠", "not_checkable": "?"}
# A sentence holding claims with several verdicts is marked with the most serious one.
SEVERITY = {"contradicted": 3, "depends_on_source": 2, "supported": 1, "not_checkable": 0}
_ATTACK_ID = re.compile(r"^(\d{4}-\d{2}-\d{2}(?:#\d+)?)(?::\s*(.*))?$")


@dataclass(frozen=True, slots=True)
class CheckInput:
    """What the form sent: the article's text or URL, its publication date and language."""

    text: str = ""
    url: str = ""
    published: date | None = None
    lang: str | None = None

    @property
    def key(self) -> str:
        """Return the permalink key: the first 16 hex digits of the inputs' SHA-256."""
        doc = json.dumps([self.text, self.url, self.published and self.published.isoformat(), self.lang])
        return hashlib.sha256(doc.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class CheckOutcome:
    """A finished check: its inputs, the article's text as checked, and the result."""

    inputs: CheckInput
    text: str
    result: CheckResult


@dataclass
class CheckStore:
    """The last ``size`` checks by key, least recently used dropped first; thread-safe."""

    size: int = 256
    _items: OrderedDict[str, CheckOutcome] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def put(self, outcome: CheckOutcome) -> str:
        """Keep an outcome; return its key."""
        key = outcome.inputs.key
        with self._lock:
            self._items[key] = outcome
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return key

    def get(self, key: str) -> CheckOutcome | None:
        """Return the outcome of a key, or None when it was never made or has been dropped."""
        with self._lock:
            outcome = self._items.get(key)
            if outcome is not None:
                self._items.move_to_end(key)
            return outcome


def parse_form(form: dict[str, str]) -> CheckInput:
    """Return the inputs of the form; raises DataError naming the field that is wrong."""
    text = form.get("text", "").replace("\r\n", "\n").strip()
    url = form.get("url", "").strip()
    if not text and not url:
        raise DataError("paste the article's text or give its URL")
    if url and not url.startswith(("http://", "https://")):
        raise DataError(f"URL: expected an address starting with http:// or https://, got {url[:80]!r}")
    published = None
    if form.get("published"):
        try:
            published = date.fromisoformat(form["published"])
        except ValueError:
            raise DataError(f"published: expected a date YYYY-MM-DD, got {form['published'][:20]!r}") from None
    lang = form.get("lang") or None
    if lang is not None and lang not in LANG_CHOICES:
        raise DataError(f"language: expected one of {', '.join(LANG_CHOICES)}, got {lang[:10]!r}")
    return CheckInput(text=text, url="" if text else url, published=published, lang=lang)


def run_check(inputs: CheckInput, site: Any, fetch: Callable[[str], bytes]) -> CheckOutcome:
    """Check an article (fetched with ``fetch`` when only a URL was given) against the site's ledger.

    ``fetch`` is the app's article fetcher (``app.state.fetch_article``, web/_api_fetch.py): the
    page and ``POST /api/check`` refuse the same addresses and sizes.

    Raises:
        DataError: the URL is refused or cannot be fetched, the page is not UTF-8 text or has no
            main text, or the text is too long (the claim checker's own refusals).
    """
    from skytally.claims import check_article
    from skytally.claims.html import extract_html, looks_like_html

    text = inputs.text or _decode(fetch(inputs.url), inputs.url)
    day = inputs.published
    if looks_like_html(text):
        text, page_day = extract_html(text)
        day = day or page_day
    attacks = site.attacks()
    dataset_attacks = site.cached("dataset-attacks", lambda: site.read(lambda ledger: ledger.dataset_attacks()))
    result = check_article(
        text, attacks=attacks, dataset_attacks=dataset_attacks, lang=inputs.lang, published=day, events=site.events
    )
    return CheckOutcome(inputs, text, result)


def _decode(raw: bytes, url: str) -> str:
    if b"\x00" in raw[:8192]:
        raise DataError(f"{url[:120]}: binary data, not an article; paste the article's text instead")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(f"{url[:120]}: not UTF-8 text; paste the article's text instead") from None


def highlight(text: str, result: CheckResult) -> list[dict[str, Any]]:
    """Return the article as parts: plain text, and claim spans with their claims' numbers and verdict.

    Claims sharing a span are marked together (with the most serious verdict); a span that
    overlaps an earlier one is left unmarked, its claim still listed beside the text.
    """
    spans: dict[tuple[int, int], list[int]] = {}
    for number, checked in enumerate(result.claims, start=1):
        spans.setdefault((checked.claim.start, checked.claim.end), []).append(number)
    parts: list[dict[str, Any]] = []
    pos = 0
    for (start, end), numbers in sorted(spans.items()):
        if start < pos:
            continue
        verdicts = [result.claims[n - 1].verdict.verdict for n in numbers]
        worst = max(verdicts, key=SEVERITY.__getitem__)
        parts.append({"text": text[pos:start], "verdict": None})
        parts.append({"text": text[start:end], "verdict": worst, "claims": list(zip(numbers, verdicts, strict=True))})
        pos = end
    parts.append({"text": text[pos:], "verdict": None})
    return parts


def evidence_items(evidence: dict[str, Any]) -> list[dict[str, Any]]:
    """Return a verdict's evidence as labelled lists of items, attack ids turned into page links.

    The evidence dict's shape differs by claim kind (attacks, rows, attacks above, sources...);
    the page shows each key as a line, so nothing the checker gives is hidden.
    """
    items = []
    for name, value in evidence.items():
        if name == "query":
            continue
        if isinstance(value, dict):
            values = [f"{k}: {v}" for k, v in value.items()]
        else:
            values = value if isinstance(value, list) else [value]
        shown = []
        for item in values:
            match = _ATTACK_ID.match(str(item))
            shown.append({"text": str(item), "attack": match.group(1) if match else None})
        items.append({"label": name.replace("_", " ").capitalize(), "values": shown})
    return items
