"""`skytally check ARTICLE|URL|-`: the claims of an article about an attack, each with a verdict."""

from __future__ import annotations

import sys
from datetime import date

import click

from skytally.cli._common import db_option, echo_json, handle_errors, ledger_events, open_cli_ledger, parse_day

# Read at most this many bytes: past the limit the input is refused, never read whole (a 50 MB
# file is not an article).
MAX_BYTES = 1_000_000


@click.command()
@click.argument("article")
@click.option(
    "--lang",
    type=click.Choice(["fr", "en", "uk"]),
    default=None,
    help="The article's language (detected when omitted).",
)
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (else the page's metadata).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html"]), default="text", show_default=True)
@db_option
@handle_errors
def check(article: str, lang: str | None, published: str | None, fmt: str, db: str | None) -> None:
    """Check the numbers and comparisons of an ARTICLE (a file, a URL, or - for stdin)."""
    from skytally.claims import check_article
    from skytally.claims.html import extract_html, looks_like_html
    from skytally.errors import DataError

    raw = _read(article)
    if b"\x00" in raw[:8192]:
        raise DataError(f"{article}: binary data, not an article (give a text or HTML file)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(f"{article}: not UTF-8 text (byte {exc.start}); save the article as UTF-8") from None
    day: date | None = parse_day(published) if published else None
    if looks_like_html(text):
        text, page_day = extract_html(text)
        day = day or page_day
    ledger = open_cli_ledger(db)
    result = check_article(
        text,
        attacks=ledger.attacks(),
        dataset_attacks=ledger.dataset_attacks(),
        lang=lang,
        published=day,
        events=ledger_events(ledger),
    )
    if fmt == "json":
        echo_json(result.to_dict())
    elif fmt == "html":
        from skytally.claims.report import format_html

        click.echo(format_html(text, result))
    else:
        from skytally.claims.report import format_text

        click.echo(format_text(result))


def _read(article: str) -> bytes:
    from skytally.errors import DataError

    if article == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
    elif article.startswith(("http://", "https://")):
        import httpx

        with httpx.Client(follow_redirects=True, timeout=20.0) as client, client.stream("GET", article) as response:
            response.raise_for_status()
            data = b""
            for chunk in response.iter_bytes():
                data += chunk
                if len(data) > MAX_BYTES:
                    break
    else:
        try:
            with open(article, "rb") as handle:
                data = handle.read(MAX_BYTES + 1)
        except OSError as exc:
            raise DataError(f"{article}: cannot read: {exc.strerror}") from None
    if len(data) > MAX_BYTES:
        raise DataError(f"{article}: over {MAX_BYTES:,} bytes, too long for an article; give the article alone")
    return data
