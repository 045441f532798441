"""The HTML pages over the shared dataset: valid HTML, the ledger's figures, the bulletin, the check page.

Every page must parse as HTML5 without a single parse error (html5lib strict), show the figures
the CLI gives for the reference night (21 Aug 2025: 574 drones, 36 missiles in the dataset), and
link only to pages that exist, with root-relative links a static publisher can crawl.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit
from xml.etree import ElementTree

import html5lib
import pytest
from click.testing import CliRunner
from tests_support import shared

from skytally.claims import check_article
from skytally.cli import main
from skytally.ledger.api import Ledger
from skytally.web._pages_check import VERDICT_LABELS

NS = "{http://www.w3.org/1999/xhtml}"
PAGES = [
    "/",
    "/attacks",
    "/attacks/2025-08-21",
    "/attacks/2025-08-21?lang=uk",
    "/explore",
    "/explore?year=2025&sort=drones&class=strike_drone&page=2",
    "/explore?model=Kinzhal&source=dataset",
    "/check",
    "/data",
]


def parse(html: str) -> ElementTree.Element:
    """Parse a page strictly: any HTML5 parse error fails the test."""
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=True).parse(html)


def text_of(element: ElementTree.Element) -> str:
    """Return an element's text with whitespace collapsed."""
    return " ".join(" ".join(element.itertext()).split())


def table_rows(doc: ElementTree.Element, heading_id: str) -> list[list[str]]:
    """Return the body rows (cell texts) of the table in the section labelled by ``heading_id``."""
    section = doc.find(f".//{NS}section[@aria-labelledby='{heading_id}']")
    assert section is not None, heading_id
    body = section.find(f".//{NS}tbody")
    assert body is not None
    return [[text_of(cell) for cell in row] for row in body.findall(f"{NS}tr")]


def hrefs(doc: ElementTree.Element) -> list[str]:
    """Return every href of a page's links, stylesheets and scripts' src."""
    found = [a.get("href", "") for a in doc.iter(f"{NS}a")] + [link.get("href", "") for link in doc.iter(f"{NS}link")]
    return found + [s.get("src", "") for s in doc.iter(f"{NS}script") if s.get("src")]


@pytest.mark.parametrize("path", PAGES)
def test_pages_are_valid_html(client: Any, path: str) -> None:
    """Each page answers 200 with HTML that html5lib parses with no error, in English, with a skip link."""
    response = client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    doc = parse(response.text)
    assert doc.get("lang") == "en"
    skip = doc.find(f".//{NS}a[@class='skip-link']")
    assert skip is not None
    assert skip.get("href") == "#main"
    assert doc.find(f".//{NS}main[@id='main']") is not None
    assert "Source: Ukrainian Air Force via the" in text_of(doc.find(f".//{NS}footer"))


def test_attack_page_figures_match_the_cli(client: Any, loaded_db: Path) -> None:
    """The reference night: totals, per class and per model, as `skytally show 2025-08-21 --format json`."""
    doc = parse(client.get("/attacks/2025-08-21").text)
    shown = json.loads(
        CliRunner().invoke(main, ["--db", str(loaded_db), "show", "2025-08-21", "--format", "json"]).output
    )
    stats = text_of(doc.find(f".//{NS}dl[@class='stats stats-wide']"))
    assert shown["drones"] == 574
    assert f"Drones launched {shown['drones']}" in stats
    assert f"Missiles launched {shown['missiles']}" in stats
    assert f"Total {shown['drones'] + shown['missiles']}" in stats
    classes = {row[0]: row[1:] for row in table_rows(doc, "classes-title")}
    assert classes["Strike drones"] == ["574", "546", "—"]
    assert classes["Cruise missiles"] == ["33", "30", "—"]
    assert {k: int(v[0]) for k, v in classes.items()} == {
        label: shown["launched_by_class"][cls]
        for cls, label in [
            ("strike_drone", "Strike drones"),
            ("cruise_missile", "Cruise missiles"),
            ("ballistic_missile", "Ballistic missiles"),
            ("unknown_missile", "Missiles of unknown type"),
        ]
    }
    models = {row[0].split(" ")[0]: row[1:4] for row in table_rows(doc, "models-title")}
    assert models == {
        f["model"].split(" ")[0]: [str(f["launched"]), str(f["destroyed"]), "not given"] for f in shown["figures"]
    }
    assert models["Kh-101/Kh-555"] == ["19", "18", "not given"]
    rows = table_rows(doc, "sources-title")
    assert sorted(r[0] for r in rows) == sorted(r["ref"] for r in shown["rows"])


def test_attack_page_bulletins_are_the_cli_text(client: Any, loaded_db: Path) -> None:
    """The three bulletins are `skytally bulletin 2025-08-21 --lang fr|en|uk` to the character; tabs link ?lang=."""
    doc = parse(client.get("/attacks/2025-08-21?lang=fr").text)
    for lang in ("en", "fr", "uk"):
        cli = CliRunner().invoke(main, ["--db", str(loaded_db), "bulletin", "2025-08-21", "--lang", lang]).output
        panel = doc.find(f".//{NS}div[@id='bulletin-{lang}']")
        source = panel.find(f".//{NS}pre[@class='bulletin-source']")
        assert "".join(source.itertext()) == cli.rstrip("\n")
        tab = doc.find(f".//{NS}a[@id='tab-{lang}']")
        assert tab.get("href") == f"/attacks/2025-08-21?lang={lang}#bulletin"
        assert tab.get("aria-selected") == ("true" if lang == "fr" else "false")
        assert ("data-inactive" in panel.attrib) == (lang != "fr")
    french = text_of(doc.find(f".//{NS}div[@id='bulletin-fr']"))
    assert "574 drones d'attaque" in french
    assert "574 ударні дрони" in text_of(doc.find(f".//{NS}div[@id='bulletin-uk']"))


def test_attack_page_ranks_open_on_their_evidence(client: Any) -> None:
    """3rd of 2025 by drones, and the attacks above it (9 and 12 July) inside its <details>."""
    doc = parse(client.get("/attacks/2025-08-21").text)
    drones_row = next(
        r for r in doc.find(f".//{NS}table[@class='data ranks']").iter(f"{NS}tr") if r[0].text == "Drones"
    )
    year_cell = drones_row[1]
    summary = text_of(year_cell.find(f".//{NS}summary"))
    assert summary.startswith("3rd of 226")
    evidence = [(a.get("href"), text_of(li)) for li in year_cell.iter(f"{NS}li") for a in li.iter(f"{NS}a")]
    assert evidence[:2] == [
        ("/attacks/2025-07-09", "2025-07-09 728"),
        ("/attacks/2025-07-12", "2025-07-12 597"),
    ]
    explore = [a.get("href") for a in year_cell.iter(f"{NS}a") if a.get("href", "").startswith("/explore")]
    assert explore == ["/explore?sort=drones&order=desc&until=2025-08-21&year=2025"]


def test_unknown_attack_is_a_404_page(client: Any) -> None:
    """A date with no attack, or no date at all, is an HTML 404 naming the nearest attacks, not a 500."""
    response = client.get("/attacks/2022-01-01")
    assert response.status_code == 404
    assert "no national attack ended on 2022-01-01" in response.text
    parse(response.text)
    assert client.get("/attacks/not-a-date").status_code == 404


def test_home_shows_latest_attack_records_and_chart(client: Any, ledger: Ledger) -> None:
    """The latest attack's card, the records (all time and per year) and the chart with its source line."""
    attacks = ledger.attacks()
    doc = parse(client.get("/").text)
    latest = attacks[-1]
    title = doc.find(f".//{NS}h2[@id='latest-title']/{NS}a")
    assert title.get("href") == f"/attacks/{latest.id}"
    records = table_rows(doc, "records-title")
    assert records[0][0] == "All time"
    top = max(attacks, key=lambda a: (a.drones, -a.date.toordinal()))
    assert records[0][1].startswith(f"{top.drones:,}")
    for row in records[1:]:
        year = [a for a in attacks if a.date.year == int(row[0])]
        assert row[3].startswith(f"{max(a.total for a in year):,}")
    figure = doc.find(f".//{NS}figure[@class='chart']")
    assert figure.find(".//{http://www.w3.org/2000/svg}svg") is not None
    assert "Source: Ukrainian Air Force via the Massive Missile Attacks on Ukraine dataset" in text_of(figure)


@pytest.mark.parametrize("range_id", ["90d", "1y", "all"])
def test_chart_spec_counts_are_the_ledger(client: Any, ledger: Ledger, range_id: str) -> None:
    """The chart's bars add up to the ledger's drones and missiles over the range, night by night."""
    spec = client.get(f"/charts/nights-{range_id}.json").json()
    # Altair lifts the bars' data to the top when the other layers have none (no event in range).
    bars = spec["layer"][0].get("data", spec.get("data"))["values"]
    attacks = ledger.attacks()
    first = min(b["night"] for b in bars)
    expected = sum(a.total for a in attacks if a.date.isoformat() >= first)
    assert sum(b["count"] for b in bars) == expected
    if range_id == "all":
        assert first == attacks[0].date.isoformat()


def test_vega_bundle_is_served_compressed_and_cached(client: Any) -> None:
    """/vendor/vega.js: vl-convert's bundle, gzip on request, and 304 for a known ETag."""
    response = client.get("/vendor/vega.js", headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "window.vegaEmbed=" in response.text
    raw = client.get("/vendor/vega.js", headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in raw.headers
    assert gzip.decompress(gzip.compress(raw.content)) == response.content
    again = client.get("/vendor/vega.js", headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304


def test_explore_rows_equal_the_api_download(client: Any) -> None:
    """The table's rows are the rows of its own JSON download link, which is /api/attacks with the same query."""
    doc = parse(client.get("/explore?year=2025&sort=missiles&min_total=100&page=2").text)
    shown = [
        a.get("href").rsplit("/", 1)[1] for a in doc.findall(f".//{NS}table[@class='data explore']/{NS}tbody//{NS}a")
    ]
    links = {text_of(a): a.get("href") for a in doc.iter(f"{NS}a") if a.get("href", "").startswith("/api/attacks?")}
    query = parse_qs(urlsplit(links["JSON"]).query)
    assert query == {
        "year": ["2025"],
        "sort": ["missiles"],
        "min_total": ["100"],
        "order": ["desc"],
        "limit": ["50"],
        "offset": ["50"],
        "format": ["json"],
    }
    api = client.get(links["JSON"]).json()
    assert [item["id"].replace("#", "%23") for item in api["items"]] == shown
    assert len(shown) == 50
    assert text_of(doc.find(f".//{NS}h2[@id='results-title']")).startswith(f"{api['total']} attacks")
    csv_lines = client.get(links["CSV"]).text.splitlines()
    assert [line.split(",", 1)[0] for line in csv_lines[1:]] == [i["id"] for i in api["items"]]


def test_explore_refuses_bad_filters_with_a_message(client: Any) -> None:
    """A bad filter value gives a 400 page that names it and shows every attack, never a 500."""
    for query, message in [
        ("since=21-08-2025", "expected a date YYYY-MM-DD"),
        ("class=zeppelin", "no weapon class &#39;zeppelin&#39;"),
        ("min_total=-3", "expected a whole number"),
        ("page=0", "expected a page number"),
    ]:
        response = client.get(f"/explore?{query}")
        assert response.status_code == 400, query
        assert message in response.text, query
        parse(response.text)


def _seed() -> str:
    return shared("reference", "seed-article-fr.txt").read_text("utf-8")


def test_check_page_gives_the_checker_verdicts(client: Any, ledger: Ledger) -> None:
    """The seed article with published=2025-08-21: the claim checker's verdicts, each marked in the text."""
    seed = _seed()
    response = client.post(
        "/check", data={"text": seed, "url": "", "published": "2025-08-21", "lang": ""}, follow_redirects=False
    )
    assert response.status_code == 303
    permalink = response.headers["location"]
    assert re.fullmatch(r"/check/[0-9a-f]{16}", permalink)
    doc = parse(client.get(permalink).text)
    expected = check_article(
        seed, attacks=ledger.attacks(), dataset_attacks=ledger.dataset_attacks(), published=date(2025, 8, 21)
    )
    claims = doc.findall(f".//{NS}ol[@class='claims']/{NS}li")
    verdicts = [text_of(li.find(f".//{NS}span")).split(" ", 1)[1] for li in claims]
    assert verdicts == [VERDICT_LABELS[c.verdict.verdict] for c in expected.claims]
    by_quote = [(text_of(li.find(f"{NS}blockquote")), v) for li, v in zip(claims, verdicts, strict=True)]
    # Hand-checked (../shared/reference/README.md): the record since mid-July and 3rd by drones hold;
    # 614 rests on a row the dataset lacks, so it is not "supported", and nothing is contradicted.
    assert ("La Russie vient de battre un nouveau record depuis la mi-juillet.", "Supported") in by_quote
    assert any(q.startswith("C'est la troisième") and v == "Supported" for q, v in by_quote)
    assert all(v != "Supported" for q, v in by_quote if "lancé 614 drones" in q)
    assert "Contradicted" not in verdicts
    tags = [text_of(a) for a in doc.iter(f"{NS}a") if a.get("class", "").startswith("claim-tag")]
    assert sorted(t.split(" · ")[1] for t in tags) == sorted(verdicts)
    summary = text_of(doc.find(f".//{NS}ul[@class='verdict-summary']"))
    assert f"Supported: {expected.count('supported')}" in summary
    assert f"Not checkable: {expected.count('not_checkable')}" in summary


def test_check_permalink_is_stable_and_unknown_one_is_404(client: Any) -> None:
    """The same inputs give the same permalink; a key the server does not hold is a 404 page."""
    form = {"text": _seed(), "published": "2025-08-21"}
    first = client.post("/check", data=form, follow_redirects=False).headers["location"]
    second = client.post("/check", data=form, follow_redirects=False).headers["location"]
    assert first == second
    missing = client.get("/check/0000000000000000")
    assert missing.status_code == 404
    assert "Run the check again" in missing.text


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({}, "paste the article&#39;s text or give its URL"),
        ({"text": "614 drones", "published": "21/08/2025"}, "published: expected a date YYYY-MM-DD"),
        ({"text": "614 drones", "lang": "de"}, "language: expected one of fr, en, uk"),
        ({"url": "ftp://example.org/a"}, "expected an address starting with http"),
        ({"url": "http://127.0.0.1:9/article"}, "non-public address"),
    ],
    ids=["empty", "bad-date", "bad-lang", "not-http", "loopback"],
)
def test_check_form_errors_are_400_with_the_reason(client: Any, form: dict[str, str], message: str) -> None:
    """A form the checker cannot take answers 400 with the form again and the reason, never a 500."""
    response = client.post("/check", data=form, follow_redirects=False)
    assert response.status_code == 400
    assert message in response.text
    parse(response.text)


def test_static_site_check_page_says_it_needs_the_server(client: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a static copy (site.static), the check page has no form and says it needs the live server."""
    monkeypatch.setattr(client.app.state.site, "static", True, raising=False)
    doc = parse(client.get("/check").text)
    assert "This page needs the live server." in text_of(doc.find(f".//{NS}main"))
    assert doc.find(f".//{NS}form") is None
    assert not [h for h in hrefs(parse(client.get("/").text)) if h.startswith("/api/")]


def test_internal_links_are_root_relative_and_resolve(client: Any) -> None:
    """Links of the home, an attack, explore and data pages: root-relative, and every one answers 200."""
    seen: set[str] = set()
    for page in ("/", "/attacks/2025-08-21", "/explore", "/data", "/check"):
        for href in hrefs(parse(client.get(page).text)):
            if href.startswith(("http://", "https://")) or href.startswith("#"):
                continue
            assert href.startswith("/"), (page, href)
            seen.add(href.split("#", 1)[0])
    # The downloads are the app core's (tested with the exports); the rest must answer.
    checked = sorted(h for h in seen if not h.startswith("/data/skytally."))
    assert "/attacks/2025-08-20" in checked
    assert "/attacks/2025-08-22" in checked
    for href in checked:
        assert client.get(href).status_code == 200, href


def test_archive_links_every_attack(client: Any, ledger: Ledger) -> None:
    """/attacks links every attack once: a crawl from the home page reaches each attack page."""
    doc = parse(client.get("/attacks").text)
    linked = [a.get("href") for a in doc.findall(f".//{NS}ul[@class='archive']//{NS}a")]
    assert sorted(linked) == sorted("/attacks/" + a.id.replace("#", "%23") for a in ledger.attacks())
