"""Atom feeds: valid XML and Atom, one entry per attack with the same bulletin as the CLI, newest first.

The reference night must be in the feed, so the store is the shared dataset cut at 21 Aug 2025
(an attack's bulletin only compares it with earlier attacks, so its text is unchanged by the cut).
"""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from skytally.bulletin import render_bulletin
from skytally.context import build_context
from skytally.errors import DataError
from skytally.ledger.api import open_ledger
from skytally.web.feeds import atom_feed
from skytally.web.site import Site

A = "{http://www.w3.org/2005/Atom}"
SOURCE_POST = (
    "https://www.facebook.com/kpszsu/posts/pfbid0dDBX9A3Lw9VZXyCfgbpAqg2XKoFiHKcekgKXFCVUvAg336dPN2ihKE32b1rJ2SjEl"
)


@pytest.fixture(scope="module")
def night_db(tmp_path_factory: pytest.TempPathFactory, dataset_csv: Path) -> Path:
    """A store of the shared dataset's rows that ended by 21 Aug 2025 (built at run time, never saved)."""
    folder = tmp_path_factory.mktemp("feeds")
    with dataset_csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        kept = [row for row in reader if row["time_end"][:10] <= "2025-08-21"]
        header = reader.fieldnames
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    cut = folder / "missile_attacks_daily.csv"
    cut.write_text(buffer.getvalue(), encoding="utf-8")
    path = folder / "store.sqlite"
    open_ledger(path).update(str(cut))
    return path


@pytest.fixture(scope="module")
def site(night_db: Path) -> Site:
    return Site(night_db, base_url="https://example.org/skytally/")


def _parse(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    return ET.fromstring(text.encode("utf-8"))


@pytest.mark.parametrize(
    ("lang", "title_words"),
    [("fr", "610 drones et missiles"), ("en", "610 drones and missiles"), ("uk", "610 дронів і ракет")],
)
def test_feed_entry_of_the_reference_night(site: Site, lang: str, title_words: str) -> None:
    feed = _parse(atom_feed(site, lang, limit=5))
    assert feed.tag == f"{A}feed"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == lang
    # RFC 4287 4.1.1: a feed has exactly one id, title and updated, and (here) an author for its entries.
    for tag in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{A}{tag}")) == 1, tag
    assert feed.findtext(f"{A}id") == f"tag:skytally,2025:feed/{lang}"
    self_link = feed.find(f"{A}link[@rel='self']")
    assert self_link.get("href") == f"https://example.org/skytally/feed.{lang}.xml"

    entries = feed.findall(f"{A}entry")
    assert len(entries) == 5
    night = entries[0]
    assert night.findtext(f"{A}id") == f"tag:skytally,2025:attack/2025-08-21/{lang}"
    assert title_words in night.findtext(f"{A}title")
    assert night.findtext(f"{A}updated") == "2025-08-21T09:00:00+03:00"
    assert feed.findtext(f"{A}updated") == "2025-08-21T09:00:00+03:00"
    assert night.find(f"{A}link[@rel='alternate']").get("href") == "https://example.org/skytally/attacks/2025-08-21"
    assert [link.get("href") for link in night.findall(f"{A}link[@rel='via']")] == [SOURCE_POST]
    content = night.find(f"{A}content")
    assert content.get("type") == "html"
    # The escaped HTML reads back to exactly the bulletin the CLI renders.
    ledger = open_ledger(site.db_path)
    attack = ledger.attack("2025-08-21")
    expected = render_bulletin(attack, build_context(ledger.attacks(), attack), lang=lang, fmt="html").text
    assert content.text == expected
    assert "574" in content.text


def test_feed_is_newest_first_with_unique_ids_and_limit(site: Site) -> None:
    entries = _parse(atom_feed(site, "en", limit=8)).findall(f"{A}entry")
    assert len(entries) == 8
    updated = [e.findtext(f"{A}updated") for e in entries]
    assert updated == sorted(updated, reverse=True)
    ids = [e.findtext(f"{A}id") for e in entries]
    assert len(set(ids)) == 8
    expected = [a.id for a in sorted(site.attacks(), key=lambda a: (a.end, a.id), reverse=True)[:8]]
    assert [i.split("/")[1] for i in ids] == expected


def test_feed_without_base_url_links_from_the_root(night_db: Path) -> None:
    feed = _parse(atom_feed(Site(night_db), "uk", limit=1))
    assert feed.find(f"{A}link[@rel='self']").get("href") == "/feed.uk.xml"
    assert feed.find(f"{A}entry/{A}link[@rel='alternate']").get("href") == "/attacks/2025-08-21"
    assert feed.find(f"{A}author/{A}uri") is None


def test_feed_in_an_unknown_language_is_refused(site: Site) -> None:
    with pytest.raises(DataError, match="no feed in language 'de'"):
        atom_feed(site, "de")
