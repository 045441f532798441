"""The Air Force's public channel page (``t.me/s/kpszsu``) -> its posts, and each post -> what to store.

Telegram's public preview of a channel is an HTML page of the newest ~20 posts, oldest first.
Each post is a ``div`` carrying ``data-post="kpszsu/67095"``; inside it, the post's own text is
the ``div`` of class ``tgme_widget_message_text js-message_text`` (line breaks as ``<br/>``, emoji
as ``<i class="emoji"><b>⚡️</b></i>``), and its time is the ``<time datetime="…">`` of the
``tgme_widget_message_date`` link. A reply's quote of an earlier post uses the same look but the
class ``js-message_reply_text``: it is never taken as the post's words.

Pure: the CLI downloads the page and decides what to store; this module only reads text.

    >>> page = '''<div class="tgme_widget_message js-widget_message" data-post="kpszsu/7">
    ... <div class="tgme_widget_message_text js-message_text">Рядок 1<br/>«Шахед» &amp; Ко</div>
    ... <a class="tgme_widget_message_date"><time datetime="2026-06-07T05:40:00+00:00">08:40</time></a>
    ... </div>'''
    >>> [post] = parse_channel_page(page)
    >>> post.url, post.text, post.kyiv_date.isoformat()
    ('https://t.me/kpszsu/7', 'Рядок 1\\n«Шахед» & Ко', '2026-06-07')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from typing import Literal
from zoneinfo import ZoneInfo

from skytally.errors import DataError
from skytally.ledger.sources import ReportRecord
from skytally.reports.ingest import ReportRefusedError, check_text, to_record
from skytally.reports.model import ParsedReport
from skytally.reports.parse import parse_report

KYIV = ZoneInfo("Europe/Kyiv")
_DATA_POST = re.compile(r"^([A-Za-z0-9_]{1,64})/(\d{1,12})$")
# Elements HTML never closes: they are not pushed on the open-element stack.
_VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
)
_HINT = "open the address in a browser; if Telegram changed its page, skytally's channel reader needs an update"

Outcome = Literal["report", "not_a_report", "refused"]


class ChannelPageError(DataError):
    """The channel page does not have the structure of Telegram's public preview (no posts found)."""


@dataclass(frozen=True, slots=True)
class ChannelPost:
    """One post of the channel page: its number, address, publication time (aware, UTC) and text."""

    post_id: int
    url: str
    posted_at: datetime
    text: str

    @property
    def kyiv_date(self) -> date:
        """The Kyiv calendar date the post was published on: the year a report without one belongs to."""
        return self.posted_at.astimezone(KYIV).date()


@dataclass(frozen=True, slots=True)
class PostReading:
    """What one post is: a report ready to store (``record``), not a report, or a refused one (``refusal``).

    ``parsed`` is None only for a text refused before reading (longer than any report post).
    """

    post: ChannelPost
    parsed: ParsedReport | None
    record: ReportRecord | None
    refusal: str | None

    @property
    def outcome(self) -> Outcome:
        """``report`` (store ``record``), ``not_a_report`` (skip) or ``refused`` (half read or oversized)."""
        if self.record is not None:
            return "report"
        return "refused" if self.refusal is not None else "not_a_report"


def parse_channel_page(html: str) -> list[ChannelPost]:
    """Return the posts of a channel page that carry text, in page order (oldest first).

    Posts with no text (a photo or video alone, a service message) are left out. Line breaks are
    restored from ``<br>``, HTML entities decoded, emoji taken from their ``<b>``.

    Raises:
        ChannelPageError: no post was found, no post has a text, or a post with text has no time:
            the page is not Telegram's channel preview, or its structure changed.
    """
    reader = _PageReader()
    reader.feed(html)
    reader.close()
    if not reader.found:
        raise ChannelPageError(
            'no posts found on the page (no element with data-post="channel/NNN"): '
            "it is not a Telegram channel preview, or its structure changed",
            hint=_HINT,
        )
    posts = []
    for raw in reader.found:
        text = "".join(raw.parts).strip()
        if not raw.had_text or not text:
            continue
        if raw.time is None:
            raise ChannelPageError(
                f"post {raw.channel}/{raw.post_id} has no publication time (<time datetime=…>): "
                "the page's structure changed",
                hint=_HINT,
            )
        posts.append(
            ChannelPost(raw.post_id, f"https://t.me/{raw.channel}/{raw.post_id}", _moment(raw.time, raw), text)
        )
    if not posts:
        raise ChannelPageError(
            f"{len(reader.found)} post(s) found but none has a text (div of class js-message_text): "
            "the page's structure changed",
            hint=_HINT,
        )
    return posts


def read_post(post: ChannelPost) -> PostReading:
    """Return what a post is, parsed against the day it was published (Kyiv time).

    A report whose every phrase was placed comes with the record to store (its ``source_url`` and
    ``posted_at`` are the post's); a half-read one comes with the refusal, listing the phrases. A
    text longer than any report post is refused unread, as `report add` refuses it.
    """
    try:
        check_text(post.text)
    except ReportRefusedError as exc:
        return PostReading(post, None, None, exc.message)
    parsed = parse_report(post.text, reference_date=post.kyiv_date)
    if parsed.kind == "not_a_report" or parsed.kyiv_date is None:
        return PostReading(post, parsed, None, None)
    try:
        record = to_record(parsed, post.text, source_url=post.url, posted_at=post.posted_at)
    except ReportRefusedError as exc:
        return PostReading(post, parsed, None, exc.message)
    return PostReading(post, parsed, record, None)


def _moment(value: str, raw: _RawPost) -> datetime:
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ChannelPageError(
            f"post {raw.channel}/{raw.post_id}: expected an ISO time in <time datetime>, got {value!r}",
            hint=_HINT,
        ) from None
    # Telegram writes UTC with its offset ("+00:00"); a time without one is read as UTC too.
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@dataclass
class _RawPost:
    channel: str
    post_id: int
    parts: list[str]
    had_text: bool = False
    text_done: bool = False
    time: str | None = None
    date_link_time: bool = False


@dataclass
class _Open:
    tag: str
    role: str  # "", "post", "text", "reply" or "date"


class _PageReader(HTMLParser):
    """Walks the page once, keeping the stack of open elements to know what each piece of text is in."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[_RawPost] = []
        self._stack: list[_Open] = []
        self._post: _RawPost | None = None

    def _roles(self) -> set[str]:
        return {o.role for o in self._stack}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = set((values.get("class") or "").split())
        roles = self._roles()
        if tag == "br":
            if "text" in roles and "reply" not in roles and self._post is not None:
                self._post.parts.append("\n")
            return
        if tag == "time" and self._post is not None and "reply" not in roles and values.get("datetime"):
            # The post's own time sits in its date link; any other <time> with a datetime is a fallback.
            in_date_link = "date" in roles
            if self._post.time is None or (in_date_link and not self._post.date_link_time):
                self._post.time = values["datetime"]
                self._post.date_link_time = in_date_link
        if tag in _VOID:
            return
        role = ""
        match = _DATA_POST.match(values.get("data-post") or "")
        if match and self._post is None:
            self._post = _RawPost(match.group(1), int(match.group(2)), [])
            role = "post"
        elif self._post is not None:
            if "tgme_widget_message_reply" in classes or "js-message_reply_text" in classes:
                role = "reply"
            elif "tgme_widget_message_date" in classes:
                role = "date"
            elif (
                "js-message_text" in classes
                and "text" not in roles
                and "reply" not in roles
                and not self._post.text_done
            ):
                # Only the first text of a post; one nested in it (albums) is part of it anyway.
                role = "text"
                self._post.had_text = True
        self._stack.append(_Open(tag, role))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        # Close up to the matching open element; a stray end tag with no opener is ignored.
        for i in range(len(self._stack) - 1, -1, -1):
            if self._stack[i].tag == tag:
                for closed in reversed(self._stack[i:]):
                    self._close(closed)
                del self._stack[i:]
                return

    def _close(self, closed: _Open) -> None:
        if self._post is None:
            return
        if closed.role == "text":
            self._post.text_done = True
        elif closed.role == "post":
            self.found.append(self._post)
            self._post = None

    def handle_data(self, data: str) -> None:
        roles = self._roles()
        if self._post is not None and "text" in roles and "reply" not in roles:
            self._post.parts.append(data)

    def close(self) -> None:
        super().close()
        # A post left open by a truncated page still counts.
        if self._post is not None:
            self.found.append(self._post)
            self._post = None
