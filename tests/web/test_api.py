"""The JSON API over the shared dataset: figures, filters, the seed night's report, auth, errors, limits, cache."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from tests_support import shared

from skytally.cli import main
from skytally.errors import DataError
from skytally.ledger.api import open_ledger
from skytally.web import _api_fetch
from skytally.web._errors import ApiError
from skytally.web.app import create_app

from .conftest import AUTH, TOKEN

NIGHT = "2025-08-21"


def cli_json(db: Path, *args: str) -> object:
    result = CliRunner().invoke(main, ["--db", str(db), *args], obj={})
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def assert_error(response: httpx.Response, status: int, *words: str) -> dict[str, object]:
    """The response is the JSON error shape with this status, and its message names ``words``."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["status"] == status
    for word in words:
        assert word in error["message"], error
    return error


# ---------------------------------------------------------------------------------------------- figures
def test_the_seed_night_from_the_dataset(client: TestClient) -> None:
    doc = client.get(f"/api/attacks/{NIGHT}").json()
    assert (doc["drones"], doc["missiles"], doc["total"], doc["source"]) == (574, 36, 610, "dataset")
    assert (doc["drones_destroyed"], doc["missiles_destroyed"]) == (546, 30)
    assert (doc["start"], doc["end"]) == ("2025-08-20T18:40:00+03:00", "2025-08-21T09:00:00+03:00")
    assert sum(r["launched"] for r in doc["rows"] if r["category"] == "missile") == 36


def test_the_seed_nights_report_gives_40_missiles(write_client: TestClient) -> None:
    before = write_client.get(f"/api/attacks/{NIGHT}")
    assert before.json()["missiles"] == 36
    text = shared("acceptance", "report-2025-08-21-uk.txt").read_text(encoding="utf-8")
    stored = write_client.post("/api/reports", json={"text": text, "posted": NIGHT}, headers=AUTH)
    assert stored.status_code == 201, stored.text
    assert (stored.json()["report_id"], stored.json()["already_stored"]) == (1, False)
    after = write_client.get(f"/api/attacks/{NIGHT}")
    assert after.headers.get("x-skytally-cache") is None  # the write emptied the cache
    doc = after.json()
    assert (doc["drones"], doc["missiles"], doc["total"], doc["source"]) == (574, 40, 614, "report")
    kinzhal = next(f for f in doc["figures"] if f["model"] == "Kh-47M2 Kinzhal")
    assert (kinzhal["launched"], kinzhal["source"]) == (4, "report")
    assert write_client.get(f"/api/attacks/{NIGHT}?source=dataset").json()["missiles"] == 36
    missiles = next(d for d in write_client.get(f"/api/diff?date={NIGHT}").json() if d["figure"] == "missiles")
    assert (missiles["dataset"], missiles["report"], missiles["used"]) == (36, 40, "report")
    # 7th of 2025 by missiles with the report's 40 (8th with the dataset's 36).
    ranks = write_client.get(f"/api/attacks/{NIGHT}/context").json()["ranks"]
    assert [r["rank"] for r in ranks if (r["measure"], r["scope"]) == ("missiles", "year")] == [7]
    again = write_client.post("/api/reports", json={"text": text, "posted": NIGHT}, headers=AUTH)
    assert (again.status_code, again.json()["already_stored"]) == (200, True)


def test_a_correction_changes_the_figures_and_keeps_the_dataset(write_client: TestClient) -> None:
    body = {
        "attack_id": NIGHT,
        "model": "Kinzhal",
        "field": "launched",
        "value": 4,
        "source_url": "https://t.me/kpszsu/40390",
        "note": "The morning report names 4 Kh-47M2 Kinzhal the dataset lacks.",
    }
    response = write_client.post("/api/corrections", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    doc = response.json()
    assert (doc["correction"]["model"], doc["correction"]["ref"]) == ("Kh-47M2 Kinzhal", "correction:1")
    assert (doc["attack"]["missiles"], doc["attack"]["total"]) == (40, 614)
    assert write_client.get(f"/api/attacks/{NIGHT}").json()["missiles"] == 40
    assert write_client.get(f"/api/attacks/{NIGHT}?source=dataset").json()["missiles"] == 36
    missing = write_client.post("/api/corrections", json={**body, "attack_id": "2021-01-01"}, headers=AUTH)
    assert_error(missing, 404, "no national attack ended on 2021-01-01")


def test_the_list_is_the_clis(client: TestClient, loaded_db: Path) -> None:
    doc = client.get("/api/attacks?year=2025&sort=drones&limit=3").json()
    expected = cli_json(loaded_db, "attacks", "--year", "2025", "--sort", "drones", "--limit", "3", "--format", "json")
    assert doc["items"] == expected
    assert [(a["id"], a["drones"]) for a in doc["items"]][:2] == [("2025-09-07", 810), ("2025-12-06", 790)]
    assert doc["total"] == len(cli_json(loaded_db, "attacks", "--year", "2025", "--format", "json"))  # type: ignore[arg-type]
    assert doc["query"] == {
        "year": 2025,
        "sort": "drones",
        "order": "desc",
        "limit": 3,
        "offset": 0,
        "source": "default",
    }
    csv = client.get("/api/attacks?year=2025&sort=drones&limit=3&format=csv")
    cli_csv = CliRunner().invoke(
        main,
        ["--db", str(loaded_db), "attacks", "--year", "2025", "--sort", "drones", "--limit", "3", "--format", "csv"],
    )
    assert (csv.headers["content-type"], csv.text) == ("text/csv; charset=utf-8", cli_csv.stdout)


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("since=2025-08-18&until=2025-08-21", lambda a: "2025-08-18" <= a["date"] <= "2025-08-21"),
        ("min_drones=500", lambda a: a["drones"] >= 500),
        ("min_missiles=40&year=2024", lambda a: a["missiles"] >= 40 and a["date"].startswith("2024")),
        ("min_total=700", lambda a: a["total"] >= 700),
        ("class=aeroballistic_missile", lambda a: a.get("aeroballistic_missile", 0) > 0),
    ],
    ids=["date-range", "min-drones", "min-missiles-year", "min-total", "class"],
)
def test_each_filter_keeps_exactly_the_matching_attacks(client: TestClient, ledger: object, query: str, check) -> None:  # type: ignore[no-untyped-def]
    everything = client.get("/api/attacks?limit=5000").json()["items"]
    doc = client.get(f"/api/attacks?limit=5000&{query}").json()
    expected = [a for a in everything if check(a)]
    assert doc["items"] == expected
    assert doc["total"] == len(expected) > 0


def test_model_filter_reads_the_taxonomy_names(client: TestClient) -> None:
    by_alias = client.get("/api/attacks?model=kinzhal&limit=5000").json()
    by_id = client.get("/api/attacks?model=Kh-47M2%20Kinzhal&limit=5000").json()
    assert by_alias["items"] == by_id["items"]
    assert by_alias["query"]["model"] == "Kh-47M2 Kinzhal"
    assert by_alias["total"] > 10
    for item in by_alias["items"][:5]:
        figures = client.get(f"/api/attacks/{item['id'].replace('#', '%23')}").json()["figures"]
        assert any(f["model"] == "Kh-47M2 Kinzhal" and f["launched"] for f in figures)


def test_pages_cover_the_list_once_and_orders_reverse(client: TestClient) -> None:
    first = client.get("/api/attacks?year=2024&limit=100").json()
    second = client.get("/api/attacks?year=2024&limit=100&offset=100").json()
    whole = client.get("/api/attacks?year=2024&limit=5000").json()
    assert first["items"] + second["items"] == whole["items"][:200]
    newest = client.get("/api/attacks?year=2024&limit=5000&order=desc").json()["items"]
    assert [a["id"] for a in newest] == [a["id"] for a in reversed(whole["items"])]
    smallest = client.get("/api/attacks?year=2024&sort=total&order=asc&limit=1").json()["items"][0]
    assert smallest["total"] == min(a["total"] for a in whole["items"])


def test_events_list_the_shipped_ones_and_accept_a_new_one(write_client: TestClient) -> None:
    shipped = {e["id"]: e for e in write_client.get("/api/events").json()}
    assert shipped["white-house-meeting"]["date"] == "2025-08-18"
    assert {e["origin"] for e in shipped.values()} == {"shipped"}
    event = {
        "id": "test-summit",
        "date": "2025-08-19",
        "name_en": "A test summit",
        "name_fr": "Un sommet de test",
        "name_uk": "Тестовий саміт",
        "kind": "diplomacy",
        "source_url": "https://example.org/summit",
    }
    response = write_client.post("/api/events", json=event, headers=AUTH)
    assert response.status_code == 201, response.text
    listed = {e["id"]: e for e in write_client.get("/api/events").json()}
    assert listed["test-summit"]["origin"] == "store"
    context = write_client.get(f"/api/attacks/{NIGHT}/context?since_event=test-summit").json()
    window = next(w for w in context["windows"] if (w.get("event") or {}).get("id") == "test-summit")
    assert (window["first"], window["total"]) == ("2025-08-20", 95 + 610)
    assert_error(write_client.post("/api/events", json=event, headers=AUTH), 409, "test-summit")
    bad = write_client.post("/api/events", json={**event, "id": "Not A Slug"}, headers=AUTH)
    assert assert_error(bad, 422, "field 'id'", "lower-case slug")


# ---------------------------------------------------------------------------------------------- auth
WRITES = [
    ("/api/reports", {"text": "x"}),
    ("/api/corrections", {"attack_id": NIGHT}),
    ("/api/events", {"id": "x"}),
]


@pytest.mark.parametrize(("path", "body"), WRITES, ids=["reports", "corrections", "events"])
@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer wrong"}, {"Authorization": f"Basic {TOKEN}"}, {"Authorization": TOKEN}],
    ids=["none", "wrong", "basic", "bare"],
)
def test_writes_need_the_token(client: TestClient, path: str, body: dict[str, object], headers: dict[str, str]) -> None:
    """401 before the body is even read: a bad body without a token is still a 401."""
    response = client.post(path, json=body, headers=headers)
    assert_error(response, 401, "token")
    assert response.headers["www-authenticate"] == "Bearer"


def test_a_server_without_token_accepts_no_write(loaded_db: Path) -> None:
    with TestClient(create_app(loaded_db)) as no_token:
        error = assert_error(no_token.post("/api/events", json={}, headers=AUTH), 401, "started without a token")
    assert "SKYTALLY_TOKEN" in str(error["hint"])


# ---------------------------------------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("method", "url", "status", "words"),
    [
        ("GET", "/api/attacks/2022-01-01", 404, ["no national attack ended on 2022-01-01", "nearest: 2022-09-28"]),
        ("GET", "/api/attacks/2022-06-01/context", 404, ["no national attack ended on 2022-06-01", "2022-09-28"]),
        ("GET", "/api/attacks/2021-12-31/bulletin", 404, ["no national attack"]),
        ("GET", "/api/nothing-here", 404, ["Not Found"]),
        ("DELETE", f"/api/attacks/{NIGHT}", 405, ["Method Not Allowed"]),
        ("GET", "/api/attacks/2025-02-30", 422, ["not a date: '2025-02-30'"]),
        ("GET", "/api/attacks/yesterday", 422, ["path parameter 'attack_id'"]),
        ("GET", "/api/attacks?class=hypersonic_unicorn", 422, ["no weapon class 'hypersonic_unicorn'"]),
        ("GET", "/api/attacks?model=Zircon-9000", 422, ["no weapon model 'Zircon-9000'"]),
        ("GET", "/api/attacks?sort=colour", 422, ["cannot sort by 'colour'"]),
        ("GET", "/api/attacks?since=2025-09-01&until=2025-08-01", 422, ["since (2025-09-01) is after until"]),
        ("GET", "/api/attacks?limit=0", 422, ["query parameter 'limit'"]),
        ("GET", "/api/attacks?year=abc", 422, ["query parameter 'year'"]),
        ("GET", f"/api/attacks/{NIGHT}/bulletin?lang=de", 422, ["query parameter 'lang'"]),
        ("GET", f"/api/attacks/{NIGHT}/context?since_event=no-such-event", 422, ["no event matches 'no-such-event'"]),
        ("GET", f"/api/attacks/{NIGHT}/context?window_days=0", 422, ["query parameter 'window_days'"]),
        ("GET", "/feed.de.xml", 404, ["no feed in language 'de'"]),
        ("GET", "/data/skytally.xlsx", 404, ["no download 'skytally.xlsx'"]),
    ],
)
def test_bad_requests_get_a_json_error(
    client: TestClient, method: str, url: str, status: int, words: list[str]
) -> None:
    assert_error(client.request(method, url), status, *words)


@pytest.mark.parametrize(
    ("body", "words"),
    [
        ({}, ["give exactly one of text and url"]),
        ({"text": "a", "url": "https://example.org/a"}, ["give exactly one of text and url"]),
        ({"text": "   "}, ["the article is empty"]),
        ({"url": "ftp://example.org/a"}, ["body field 'url'"]),
        ({"text": "a", "lang": "de"}, ["body field 'lang'"]),
        ({"text": "a", "colour": "red"}, ["body field 'colour'"]),
        ([1, 2], ["body"]),
    ],
    ids=["nothing", "both", "blank", "ftp", "lang", "unknown-field", "not-an-object"],
)
def test_check_refuses_a_bad_body(client: TestClient, body: object, words: list[str]) -> None:
    assert_error(client.post("/api/check", json=body), 422, *words)


def test_check_refuses_json_that_does_not_parse(client: TestClient) -> None:
    response = client.post("/api/check", content=b'{"text": ', headers={"content-type": "application/json"})
    assert_error(response, 422, "JSON decode error")


def test_size_limits_answer_413(client: TestClient) -> None:
    assert_error(client.post("/api/check", json={"text": "x" * 200_001}), 413, "200,001 characters", "200,000")
    huge = b'{"text": "' + b"x" * 1_100_000 + b'"}'
    response = client.post("/api/check", content=huge, headers={"content-type": "application/json"})
    assert_error(response, 413, "over 1,000,000 bytes")

    def chunks():  # type: ignore[no-untyped-def]
        # No Content-Length: the limit counts what arrives.
        yield b'{"text": "'
        for _ in range(12):
            yield b"x" * 100_000
        yield b'"}'

    streamed = client.post("/api/check", content=chunks(), headers={"content-type": "application/json"})
    assert_error(streamed, 413, "over 1,000,000 bytes")


# ---------------------------------------------------------------------------------------------- check
def test_check_of_the_seed_article(client: TestClient, loaded_db: Path) -> None:
    article = shared("reference", "seed-article-fr.txt")
    body = {"text": article.read_text(encoding="utf-8"), "published": NIGHT}
    doc = client.post("/api/check", json=body).json()
    assert doc == cli_json(loaded_db, "check", str(article), "--published", NIGHT, "--format", "json")
    assert doc["article"] == {"lang": "fr", "published": NIGHT, "attack_date": NIGHT}
    drones = [c for c in doc["claims"] if c["kind"] == "count" and c["claimed"].get("measure") == "drones"]
    assert [(c["claimed"]["value"], c["verdict"]) for c in drones] == [(574, "supported")]
    rank = next(c for c in doc["claims"] if c["kind"] == "rank" and c["claimed"]["measure"] == "drones")
    assert (rank["claimed"]["rank"], rank["verdict"]) == (3, "supported")
    # Asked again: the same document (from the bounded check cache).
    assert client.post("/api/check", json=body).json() == doc


def test_check_of_a_url_reads_the_page_through_the_fetcher(loaded_db: Path) -> None:
    article = shared("reference", "seed-article-fr.txt").read_text(encoding="utf-8")
    page = f"<html><head><title>t</title></head><body><article><p>{article}</p></article></body></html>"
    asked: list[str] = []
    with TestClient(create_app(loaded_db)) as fetching:

        def fake_fetch(url: str) -> bytes:
            asked.append(url)
            return page.encode()

        fetching.app.state.fetch_article = fake_fetch  # type: ignore[attr-defined]
        doc = fetching.post("/api/check", json={"url": "https://news.example/a", "published": NIGHT}).json()
        direct = fetching.post("/api/check", json={"text": article, "published": NIGHT}).json()
    assert asked == ["https://news.example/a"]
    assert [(c["claimed"], c["verdict"]) for c in doc["claims"]] == [
        (c["claimed"], c["verdict"]) for c in direct["claims"]
    ]


def public(host: str, port: int) -> list[str]:
    return {"news.example": ["93.184.215.14"], "inside.example": ["10.0.0.7"]}[host]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://127.0.0.1:8000/api/about", "non-public address (127.0.0.1)"),
        ("http://[::1]/", "non-public address (::1)"),
        ("http://169.254.169.254/latest/meta-data", "non-public address (169.254.169.254)"),
        ("file:///etc/passwd", "not an http(s) address"),
    ],
)
def test_the_fetcher_refuses_private_addresses(url: str, words: str) -> None:
    with pytest.raises(DataError, match=words.replace("(", r"\(").replace(")", r"\)")):
        _api_fetch.fetch_article(url)


def test_the_fetcher_checks_every_redirect_and_bounds_the_size() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/moved":
            return httpx.Response(302, headers={"location": "http://inside.example/admin"})
        if request.url.path == "/big":
            return httpx.Response(200, content=b"x" * (_api_fetch.MAX_FETCH_BYTES + 1))
        return httpx.Response(200, content=b"une page")

    transport = httpx.MockTransport(handler)
    fetch = _api_fetch.fetch_article
    assert fetch("https://news.example/a", transport=transport, resolve=public) == b"une page"
    with pytest.raises(DataError, match=r"'inside\.example': it resolves to a non-public address"):
        fetch("https://news.example/moved", transport=transport, resolve=public)
    with pytest.raises(ApiError, match="over 2,000,000 bytes") as raised:
        fetch("https://news.example/big", transport=transport, resolve=public)
    assert raised.value.status == 413


# ---------------------------------------------------------------------------------------------- cache
def test_repeated_reads_come_from_the_cache_and_match(client: TestClient) -> None:
    url = f"/api/attacks/{NIGHT}/context?window_days=14"
    first = client.get(url)
    second = client.get(url)
    assert (first.headers.get("x-skytally-cache"), second.headers.get("x-skytally-cache")) == (None, "hit")
    assert first.content == second.content
    assert second.json()["window_days"] == 14


def test_a_write_by_another_process_is_seen(write_client: TestClient, writable_db: Path) -> None:
    site = write_client.app.state.site  # type: ignore[attr-defined]
    assert write_client.get(f"/api/attacks/{NIGHT}").json()["missiles"] == 36
    ledger = open_ledger(writable_db)
    ledger.add_correction(
        attack_id=NIGHT, model="Kh-47M2 Kinzhal", field="launched", value=4, source_url="https://t.me/x", note="test"
    )
    ledger.conn.close()
    site.change_check_seconds = 0.0
    assert write_client.get(f"/api/attacks/{NIGHT}").json()["missiles"] == 40


def test_the_data_page_downloads_are_the_whole_ledger_in_every_format(client: TestClient, tmp_path: Path) -> None:
    import csv
    import io
    import sqlite3

    attacks = list(csv.DictReader(io.StringIO(client.get("/data/skytally.csv").text)))
    night = next(a for a in attacks if a["id"] == "2025-08-21")
    assert (int(night["drones"]), int(night["missiles"])) == (574, 36)
    figures = list(csv.DictReader(io.StringIO(client.get("/data/skytally-figures.csv").text)))
    assert {f["attack_id"] for f in figures} >= {"2025-08-21"}
    rows = client.get("/data/skytally-rows.csv")
    assert rows.status_code == 200
    assert rows.text.count("\n") > 3000
    assert client.get("/data/skytally-rows.parquet").content[:4] == b"PAR1"
    database = tmp_path / "skytally.sqlite"
    database.write_bytes(client.get("/data/skytally.sqlite").content)
    with sqlite3.connect(database) as conn:
        assert conn.execute("SELECT drones FROM attacks WHERE id = '2025-08-21'").fetchone() == (574,)
    metadata = client.get("/data/skytally.metadata.json").json()
    assert "license" in json.dumps(metadata)
