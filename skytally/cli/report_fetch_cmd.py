"""`skytally report fetch`: read the newest posts of the Air Force's channel page and store the new reports.

The one place skytally reads the channel over HTTP (httpx, with a timeout and a size cap). The
page is downloaded and read in full before the store is opened, so a page that cannot be fetched
or read stores nothing.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import click

from skytally.cli._common import db_option, echo_json, handle_errors, open_cli_ledger

# The channel page is ~20 posts, some 100 KB; anything far larger is not that page.
MAX_PAGE_BYTES = 5 * 1024 * 1024


@dataclass
class _Line:
    """What happened to one post."""

    post: Any  # ChannelPost
    outcome: str  # added, would_add, already_stored, not_a_report, refused
    kind: str
    kyiv_date: str | None
    report_id: int | None = None
    replaces: list[int] = field(default_factory=list)
    reason: str | None = None
    launched: tuple[int, int] | None = None  # drones, missiles of a report to store (text output only)

    def to_dict(self) -> dict[str, Any]:
        return {
            "post_id": self.post.post_id,
            "url": self.post.url,
            "posted_at": self.post.posted_at.isoformat(),
            "outcome": self.outcome,
            "kind": self.kind,
            "kyiv_date": self.kyiv_date,
            "report_id": self.report_id,
            "replaces": self.replaces,
            "reason": self.reason,
        }


@click.command("fetch")
@click.option(
    "--url",
    metavar="URL",
    default=None,
    help="The channel page to read. [default: $SKYTALLY_CHANNEL_URL, else https://t.me/s/kpszsu]",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=20.0,
    show_default=True,
    help="Seconds to wait for the page (connect and each read).",
)
@click.option("--dry-run", is_flag=True, help="Show what each post is and what would be stored; store nothing.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@db_option
@handle_errors
def fetch(url: str | None, timeout: float, dry_run: bool, fmt: str, db: str | None) -> None:
    """Read the newest posts of the Air Force's public channel page and store the reports not yet stored.

    Each post is read against the day it was published (Kyiv time). Alerts, tracking posts and
    other posts that are not reports are skipped; a report only half read is refused and listed
    with the phrases it could not place; the others are stored with the post's address and time.
    A later report of the same day replaces the earlier one, as with `report add`.
    """
    from skytally.config import channel_url
    from skytally.reports.channel import parse_channel_page, read_post

    page_url = url or channel_url()
    if not page_url.startswith(("http://", "https://")):
        raise click.BadParameter(f"expected an http(s) address, got {page_url!r}", param_hint="--url")
    posts = parse_channel_page(_download(page_url, timeout))
    # Oldest first, so a later post of the same day replaces an earlier one.
    readings = [read_post(p) for p in sorted(posts, key=lambda p: p.post_id)]
    ledger = open_cli_ledger(db, load_if_empty=not dry_run)
    known = {s.text_sha256 for s in ledger.reports(active_only=False)} if dry_run else set()
    lines = []
    for r in readings:
        day = None if r.parsed is None else r.parsed.kyiv_date
        kind = "unread" if r.parsed is None else r.parsed.kind
        line = _Line(r.post, "not_a_report", kind, None if day is None else day.isoformat())
        if r.record is not None:
            counted = [f for f in r.record.figures if not f.counted_elsewhere]
            line.launched = tuple(
                sum(f.launched or 0 for f in counted if f.category == c) for c in ("drone", "missile")
            )
        if r.outcome == "refused":
            line.outcome, line.reason = "refused", r.refusal
        elif r.record is not None and dry_run:
            sha = hashlib.sha256(r.record.text.encode("utf-8")).hexdigest()
            line.outcome = "already_stored" if sha in known else "would_add"
        elif r.record is not None:
            stored, replaced, already = ledger.add_report(r.record)
            line.outcome = "already_stored" if already else "added"
            line.report_id, line.replaces = stored.id, list(replaced)
        lines.append(line)
    summary = _summary(lines)
    if fmt == "json":
        echo_json({"url": page_url, "dry_run": dry_run, "posts": [x.to_dict() for x in lines], "summary": summary})
        return
    click.echo(_format(page_url, lines, summary, dry_run))


def _download(url: str, timeout: float) -> str:
    """Return the page's text; any failure is one FetchError line (the CLI exits 1)."""
    import httpx  # imported here: only this command and `update` from a URL need it

    from skytally.errors import FetchError

    hint = "nothing was stored; check the connection and the address (--url or $SKYTALLY_CHANNEL_URL)"
    try:
        with httpx.stream("GET", url, timeout=timeout, follow_redirects=True) as response:
            if response.status_code >= 400:
                raise FetchError(f"HTTP {response.status_code} from {url}", hint=hint)
            chunks, size = [], 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > MAX_PAGE_BYTES:
                    raise FetchError(
                        f"the page at {url} is larger than {MAX_PAGE_BYTES // 1024 // 1024} MB: not a channel preview",
                        hint=hint,
                    )
                chunks.append(chunk)
            encoding = response.charset_encoding or "utf-8"
    except httpx.TimeoutException:
        raise FetchError(f"timed out after {timeout:g} s fetching {url}", hint=hint) from None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {url} (offline?): {exc}", hint=hint) from None
    try:
        return b"".join(chunks).decode(encoding, errors="replace")
    except LookupError:  # an unknown charset in the Content-Type header
        return b"".join(chunks).decode("utf-8", errors="replace")


def _summary(lines: Sequence[_Line]) -> dict[str, int]:
    count = {o: sum(1 for x in lines if x.outcome == o) for o in ("added", "would_add", "already_stored")}
    return {
        **count,
        "replaced": sum(len(x.replaces) for x in lines),
        "not_a_report": sum(1 for x in lines if x.outcome == "not_a_report"),
        "refused": sum(1 for x in lines if x.outcome == "refused"),
    }


_LABELS = {
    "added": "added",
    "would_add": "would add",
    "already_stored": "already stored",
    "not_a_report": "skipped",
    "refused": "REFUSED",
}


def _format(page_url: str, lines: Sequence[_Line], summary: dict[str, int], dry_run: bool) -> str:
    out = [f"Read {len(lines)} post(s) with text from {page_url}" + (" (dry run: nothing stored)" if dry_run else "")]
    for x in lines:
        head = f"  {_LABELS[x.outcome]:<14} {x.post.url}  "
        if x.outcome == "not_a_report":
            out.append(head + "not a report (alert, tracking post, threat or other)")
        elif x.outcome == "refused":
            out.append(head + f"{x.kind} for {x.kyiv_date}, not stored: {x.reason}")
        else:
            ref = "" if x.report_id is None else f"report:{x.report_id} "
            replaces = f", replaces {', '.join(f'report:{i}' for i in x.replaces)}" if x.replaces else ""
            launched = f": {x.launched[0]} drones and {x.launched[1]} missiles launched" if x.launched else ""
            out.append(head + f"{ref}{x.kind} for {x.kyiv_date}{launched}{replaces}")
    added = f"would add {summary['would_add']}" if dry_run else f"added {summary['added']}"
    out.append(
        f"Posts: {added}, already stored {summary['already_stored']}, replaced {summary['replaced']}, "
        f"skipped {summary['not_a_report']} (not reports), refused {summary['refused']} (not stored)."
    )
    if summary["refused"]:
        out.append(
            "A refused post is stored only by hand: check its text, then "
            "`skytally report add FILE --accept-partial --url POST-URL`."
        )
    return "\n".join(out)
