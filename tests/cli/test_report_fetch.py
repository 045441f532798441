"""`skytally report fetch` against hand-written channel pages served from a loopback server, and the page reader.

No test touches the internet: the pages in tests/fixtures/channel/ are served on 127.0.0.1 by a
`http.server` started per module; the slow route waits on an event (at most 5 s), released at
teardown, so no thread outlives the module.
"""

from __future__ import annotations

import json
import shutil
import socket
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from tests_support import PageServer

from skytally.cli import main
from skytally.reports.channel import ChannelPageError, ChannelPost, parse_channel_page, read_post

PAGES = Path(__file__).resolve().parents[1] / "fixtures" / "channel"
ROUTES = {"/s/kpszsu": "page.html", "/newer": "page_newer.html", "/changed": "page_changed.html"}


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """The base address of a loopback server of the fixture pages."""
    pages = PageServer(lambda path: PAGES / ROUTES[path] if path in ROUTES else None)
    with pages.running() as base:
        yield base


@pytest.fixture
def db(tmp_path: Path, loaded_db: Path) -> Path:
    """A private copy of the loaded store: these tests write reports into it."""
    copy = tmp_path / "s.sqlite"
    shutil.copy(loaded_db, copy)
    return copy


def run(db: Path, *args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner(env=env).invoke(main, ["--db", str(db), *args], obj={})
    return result.exit_code, result.stdout, result.stderr


def fetch_json(db: Path, url: str, *args: str) -> dict:
    code, out, err = run(db, "report", "fetch", "--url", url, "--format", "json", *args)
    assert code == 0, err
    return json.loads(out)


def outcomes(doc: dict) -> dict[int, str]:
    return {p["post_id"]: p["outcome"] for p in doc["posts"]}


# ---------------------------------------------------------------------------------------------- the command


def test_fetch_stores_the_morning_report_and_skips_the_alert_and_the_tracking_post(db: Path, server: str) -> None:
    code, out, err = run(db, "report", "fetch", "--url", f"{server}/s/kpszsu")
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == f"Read 3 post(s) with text from {server}/s/kpszsu"
    assert (
        lines[1] == "  skipped        https://t.me/kpszsu/64396  not a report (alert, tracking post, threat or other)"
    )
    assert lines[2].startswith("  skipped        https://t.me/kpszsu/64397  not a report")
    assert lines[3] == (
        "  added          https://t.me/kpszsu/64399  report:1 national_morning_report for 2026-06-07: "
        "236 drones and 0 missiles launched"
    )
    assert lines[4] == (
        "Posts: added 1, already stored 0, replaced 0, skipped 2 (not reports), refused 0 (not stored)."
    )
    doc = json.loads(run(db, "show", "2026-06-07", "--format", "json")[1])
    assert (doc["drones"], doc["missiles"], doc["source"]) == (236, 0, "report")
    assert doc["source_urls"][0] == "https://t.me/kpszsu/64399"  # then the dataset's citation


def test_fetching_twice_adds_nothing_the_second_time(db: Path, server: str) -> None:
    first = fetch_json(db, f"{server}/s/kpszsu")
    second = fetch_json(db, f"{server}/s/kpszsu")
    assert outcomes(first) == {64396: "not_a_report", 64397: "not_a_report", 64399: "added"}
    assert outcomes(second) == {64396: "not_a_report", 64397: "not_a_report", 64399: "already_stored"}
    assert (second["summary"]["added"], second["summary"]["already_stored"]) == (0, 1)
    assert len(run(db, "report", "list", "--all")[1].splitlines()) == 1
    code, out, _ = run(db, "report", "fetch", "--url", f"{server}/s/kpszsu")
    assert code == 0
    assert "  already stored https://t.me/kpszsu/64399  report:1 national_morning_report for 2026-06-07" in out


def test_the_json_form_gives_each_post_its_address_time_and_day(db: Path, server: str) -> None:
    doc = fetch_json(db, f"{server}/s/kpszsu")
    report = next(p for p in doc["posts"] if p["post_id"] == 64399)
    assert report == {
        "post_id": 64399,
        "url": "https://t.me/kpszsu/64399",
        "posted_at": "2026-06-07T05:40:12+00:00",
        "outcome": "added",
        "kind": "national_morning_report",
        "kyiv_date": "2026-06-07",
        "report_id": 1,
        "replaces": [],
        "reason": None,
    }
    assert doc["summary"] == {
        "added": 1,
        "would_add": 0,
        "already_stored": 0,
        "replaced": 0,
        "not_a_report": 2,
        "refused": 0,
    }
    stored = run(db, "report", "list")[1]
    assert stored.startswith("report:1    2026-06-07  national_morning_report    236 drones    0 missiles")


def test_a_newer_page_replaces_the_report_and_refuses_a_half_read_one(db: Path, server: str) -> None:
    fetch_json(db, f"{server}/s/kpszsu")
    code, out, err = run(db, "report", "fetch", "--url", f"{server}/newer")
    assert code == 0, err
    assert "  already stored https://t.me/kpszsu/64399  report:1 " in out
    assert (
        "  added          https://t.me/kpszsu/64402  report:2 national_morning_report for 2026-06-07: "
        "236 drones and 0 missiles launched, replaces report:1" in out
    )
    refused = next(line for line in out.splitlines() if "64410" in line)
    assert refused.startswith(
        "  REFUSED        https://t.me/kpszsu/64410  national_morning_report for 2026-06-08, not stored"
    )
    assert "1 phrase(s) not placed: '4' at 248-249 (a count with no weapon after it)" in refused
    assert "--accept-partial" not in refused  # fetch has no such option; the summary says what to do
    assert out.splitlines()[-2:] == [
        "Posts: added 1, already stored 1, replaced 1, skipped 0 (not reports), refused 1 (not stored).",
        "A refused post is stored only by hand: check its text, then "
        "`skytally report add FILE --accept-partial --url POST-URL`.",
    ]
    # The reply's quote of 64399 is not part of 64402's text: the stored text starts with its own headline.
    doc = json.loads(run(db, "show", "2026-06-07", "--format", "json")[1])
    assert "https://t.me/kpszsu/64402" in doc["source_urls"]
    assert "https://t.me/kpszsu/64399" not in doc["source_urls"]
    assert "report:1" in run(db, "report", "list", "--all")[1].splitlines()[0]
    assert run(db, "show", "2026-06-08")[0] == 1  # the half-read night was not stored


def test_a_dry_run_says_what_would_be_stored_and_stores_nothing(db: Path, server: str) -> None:
    doc = fetch_json(db, f"{server}/s/kpszsu", "--dry-run")
    assert outcomes(doc)[64399] == "would_add"
    assert doc["dry_run"] is True
    assert run(db, "report", "list", "--all")[1] == ""
    fetch_json(db, f"{server}/s/kpszsu")
    assert outcomes(fetch_json(db, f"{server}/s/kpszsu", "--dry-run"))[64399] == "already_stored"


def test_the_address_comes_from_the_environment(db: Path, server: str) -> None:
    code, out, err = run(db, "report", "fetch", env={"SKYTALLY_CHANNEL_URL": f"{server}/s/kpszsu"})
    assert code == 0, err
    assert out.startswith(f"Read 3 post(s) with text from {server}/s/kpszsu")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        pytest.param(
            "/changed",
            'Error: no posts found on the page (no element with data-post="channel/NNN"): it is not a Telegram '
            "channel preview, or its structure changed; open the address in a browser",
            id="structure-changed",
        ),
        pytest.param("/error", "Error: HTTP 500 from {server}/error; nothing was stored", id="http-500"),
        pytest.param("/missing", "Error: HTTP 404 from {server}/missing; nothing was stored", id="http-404"),
    ],
)
def test_a_page_that_cannot_be_read_stores_nothing(db: Path, server: str, path: str, message: str) -> None:
    code, out, err = run(db, "report", "fetch", "--url", f"{server}{path}")
    assert code == 1
    assert out == ""
    assert len(err.splitlines()) == 1
    assert err.startswith(message.format(server=server))
    assert run(db, "report", "list", "--all")[1] == ""


def test_a_server_that_does_not_answer_times_out(db: Path, server: str) -> None:
    start = time.monotonic()
    code, _, err = run(db, "report", "fetch", "--url", f"{server}/slow", "--timeout", "1")
    assert time.monotonic() - start < 4.5
    assert code == 1
    assert err.startswith(f"Error: timed out after 1 s fetching {server}/slow; nothing was stored")
    assert run(db, "report", "list", "--all")[1] == ""


def test_an_unreachable_address_is_one_line(db: Path) -> None:
    with socket.socket() as sock:  # a loopback port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    code, out, err = run(db, "report", "fetch", "--url", f"http://127.0.0.1:{port}/s/kpszsu", "--timeout", "2")
    assert (code, out) == (1, "")
    assert err.startswith(f"Error: cannot fetch http://127.0.0.1:{port}/s/kpszsu (offline?): ")
    assert len(err.splitlines()) == 1


def test_the_address_must_be_http(db: Path) -> None:
    code, _, err = run(db, "report", "fetch", "--url", "ftp://example.org/s/kpszsu")
    assert code == 2
    assert "expected an http(s) address, got 'ftp://example.org/s/kpszsu'" in err


# ---------------------------------------------------------------------------------------------- the page reader


def test_the_page_gives_each_post_with_text_and_its_time() -> None:
    posts = parse_channel_page((PAGES / "page.html").read_text(encoding="utf-8"))
    assert [(p.post_id, p.url, p.posted_at) for p in posts] == [
        (64396, "https://t.me/kpszsu/64396", datetime(2026, 6, 6, 21, 14, 5, tzinfo=UTC)),
        (64397, "https://t.me/kpszsu/64397", datetime(2026, 6, 7, 1, 2, 40, tzinfo=UTC)),
        (64399, "https://t.me/kpszsu/64399", datetime(2026, 6, 7, 5, 40, 12, tzinfo=UTC)),
    ]  # 64398 is a video with no text
    assert posts[0].text == "🛵 Ударні БпЛА на півночі Чернігівщини, курсом на Козелець."
    assert posts[0].kyiv_date == date(2026, 6, 7)  # 21:14 UTC is 00:14 in Kyiv (UTC+3 in summer)
    report = posts[2].text.splitlines()
    assert report[:2] == ["⚡️ ЗБИТО/ПОДАВЛЕНО 215 ВОРОЖИХ БПЛА", "➖" * 10]
    assert 'дронами-імітаторами типу "Пародія" із напрямків' in report[2]
    assert report[3] == ""  # <br/><br/> is an empty line
    assert report[-1] == "🇺🇦 Разом – до перемоги!"
    assert "🙏" not in posts[2].text  # reactions are not the post's words


def test_a_reply_quote_is_not_part_of_the_post() -> None:
    posts = {p.post_id: p for p in parse_channel_page((PAGES / "page_newer.html").read_text(encoding="utf-8"))}
    assert posts[64402].text.startswith("⚡️ ЗБИТО/ПОДАВЛЕНО 217 ВОРОЖИХ БПЛА\n")
    assert "215" not in posts[64402].text


def test_reading_a_post_uses_the_day_it_was_published() -> None:
    text = "У ніч на 7 червня (з 18:00 6 червня) противник атакував 236 ударними БпЛА типу Shahed.\n\n"
    text += "Станом на 08:30 збито/подавлено 215 ворожих БпЛА."
    post = ChannelPost(64399, "https://t.me/kpszsu/64399", datetime(2026, 6, 7, 5, 40, tzinfo=UTC), text)
    reading = read_post(post)
    assert reading.outcome == "report"
    assert reading.record is not None
    assert (reading.record.kyiv_date, reading.record.source_url) == (date(2026, 6, 7), "https://t.me/kpszsu/64399")
    assert reading.record.posted_at == post.posted_at
    a_year_later = ChannelPost(1, "u", datetime(2027, 6, 7, 5, 40, tzinfo=UTC), text)
    assert read_post(a_year_later).parsed.kyiv_date == date(2027, 6, 7)


def test_a_post_longer_than_any_report_is_refused_unread() -> None:
    text = "У ніч на 7 червня противник атакував 236 ударними БпЛА. " * 400
    reading = read_post(ChannelPost(1, "https://t.me/kpszsu/1", datetime(2026, 6, 7, tzinfo=UTC), text))
    assert (reading.outcome, reading.parsed, reading.record) == ("refused", None, None)
    assert reading.refusal is not None
    assert reading.refusal.startswith("the text has 22,400 characters; a report post has at most 20,000")


def _post(inner: str, post: str = 'data-post="kpszsu/5"') -> str:
    return f'<div class="tgme_widget_message js-widget_message" {post}>{inner}</div>'


TIME = '<a class="tgme_widget_message_date"><time datetime="2026-06-07T05:40:12+00:00">05:40</time></a>'


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        pytest.param(
            _post(f'<div class="tgme_widget_message_text js-message_text">a &amp; b&nbsp;c &lt;b&gt;</div>{TIME}'),
            "a & b\xa0c <b>",
            id="entities-decoded-once",
        ),
        pytest.param(
            _post(f'<div class="tgme_widget_message_text js-message_text">one<br>two<br/>three</div>{TIME}'),
            "one\ntwo\nthree",
            id="br-both-forms",
        ),
        pytest.param(
            _post(
                '<div class="tgme_widget_message_text js-message_text">outer <div class="tgme_widget_message_text '
                f'js-message_text">inner</div> end</div>{TIME}'
            ),
            "outer inner end",
            id="nested-text-div-once",
        ),
        pytest.param(
            _post(
                '<time class="message_video_duration">0:41</time><div class="tgme_widget_message_text js-message_text">'
                'x</div><time datetime="2020-01-01T00:00:00+00:00"></time>' + TIME
            ),
            "x",
            id="time-of-the-date-link-wins",
        ),
        pytest.param(
            _post('<div class="js-message_text">no offset</div><time datetime="2026-06-07T05:40:12">'),
            "no offset",
            id="naive-time-is-utc",
        ),
    ],
)
def test_the_text_and_time_of_a_post(page: str, expected: str) -> None:
    [post] = parse_channel_page(page)
    assert post.text == expected
    assert post.posted_at == datetime(2026, 6, 7, 5, 40, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("page", "message"),
    [
        pytest.param("", "no posts found on the page", id="empty"),
        pytest.param(
            (PAGES / "page_changed.html").read_text(encoding="utf-8"), "no posts found on the page", id="changed"
        ),
        pytest.param(
            "<html><body><div class='tgme_page_title'>Telegram: Contact @kpszsu</div></body></html>",
            "no posts found on the page",
            id="not-a-preview",
        ),
        pytest.param(
            _post('<div class="tgme_widget_message_text js-message_text">x</div>'),
            "post kpszsu/5 has no publication time",
            id="no-time",
        ),
        pytest.param(
            _post(f'<div class="tgme_widget_message_body">x</div>{TIME}'),
            "1 post(s) found but none has a text (div of class js-message_text)",
            id="text-class-renamed",
        ),
        pytest.param(
            _post('<div class="tgme_widget_message_text js-message_text">x</div><time datetime="yesterday">'),
            "post kpszsu/5: expected an ISO time in <time datetime>, got 'yesterday'",
            id="bad-time",
        ),
    ],
)
def test_a_page_of_another_structure_is_refused_with_a_clear_message(page: str, message: str) -> None:
    with pytest.raises(ChannelPageError) as info:
        parse_channel_page(page)
    assert str(info.value).startswith(message)
    assert str(info.value).endswith("skytally's channel reader needs an update")


# Pages made of markup fragments: unclosed, stray and nested tags, comments, scripts, entities.
_FRAGMENTS = [
    *"<>/=\"' ab&;#x\n",
    *("<div ", 'data-post="k/1"', 'class="js-message_text"', "<br>", "</div>"),
    *('<time datetime="2026-06-07T05:40">', "&amp", "<!--", "<script>"),
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map("".join))
def test_any_page_gives_posts_or_a_channel_page_error(page: str) -> None:
    try:
        posts = parse_channel_page(page)
    except ChannelPageError:
        return
    assert all(p.text == p.text.strip() and p.text for p in posts)
