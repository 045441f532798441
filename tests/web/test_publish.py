"""The static site: every internal link resolves to a written file, every page is valid HTML, figures hold.

A full publish of the shared dataset takes minutes (bench/publish_bench.py measures it), so the
site here is the dataset's rows from 10 Aug to 5 Sep 2025 (28 attacks, among them the reference
night and a second wave of the same day, 2025-09-02#2), built at run time and published whole.
The link check walks the pages with html5lib, independently of the publisher's own link code.
"""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import html5lib
import pytest
from click.testing import CliRunner

from skytally.cli import main
from skytally.ledger.api import open_ledger
from skytally.web.publish import PublishResult, publish

FIRST, LAST = "2025-08-10", "2025-09-05"


@pytest.fixture(scope="module")
def small_db(tmp_path_factory: pytest.TempPathFactory, dataset_csv: Path) -> Path:
    """A store of the shared dataset's rows that ended between FIRST and LAST."""
    folder = tmp_path_factory.mktemp("publish-store")
    with dataset_csv.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        kept = [row for row in reader if FIRST <= row["time_end"][:10] <= LAST]
        header = reader.fieldnames
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(kept)
    (folder / "missile_attacks_daily.csv").write_text(buffer.getvalue(), encoding="utf-8")
    path = folder / "store.sqlite"
    open_ledger(path).update(str(folder / "missile_attacks_daily.csv"))
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, small_db: Path) -> tuple[Path, PublishResult]:
    """The small store published once: the folder and what publish returned."""
    out = tmp_path_factory.mktemp("site")
    return out, publish(small_db, out)


def _pages(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.html") if not p.relative_to(root).as_posix().startswith("api/"))


def _internal_links(document, base: str) -> list[str]:
    """The href/src/action values of a parsed page that point inside the site (root-relative or base)."""
    found = []
    for element in document.iter():
        for name in ("href", "src", "action"):
            value = element.get(name)
            if value is None or value.startswith("#"):
                continue
            if base and value.startswith(base):
                found.append(value[len(base) :] or "/")
            elif value.startswith("/") and not value.startswith("//"):
                found.append(value)
    return found


def _broken_links(root: Path, base: str = "") -> list[tuple[str, str]]:
    broken = []
    for page in _pages(root):
        document = html5lib.parse(page.read_bytes(), treebuilder="etree", namespaceHTMLElements=False)
        for link in _internal_links(document, base):
            target = root / unquote(urlsplit(link).path).lstrip("/")
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((page.relative_to(root).as_posix(), link))
    return broken


def test_publish_writes_every_attack_and_fails_nothing(site, small_db: Path) -> None:
    out, result = site
    assert result.failed == []
    ids = [a.id for a in open_ledger(small_db).attacks()]
    assert len(ids) == 28
    assert "2025-09-02#2" in ids
    for attack_id in ids:
        assert (out / "attacks" / attack_id / "index.html").is_file(), attack_id
        assert (out / "api" / "attacks" / f"{attack_id}.json").is_file(), attack_id
    assert result.pages == len(_pages(out))
    assert result.files == sum(1 for p in out.rglob("*") if p.is_file())
    assert result.bytes == sum(p.stat().st_size for p in out.rglob("*") if p.is_file())


def test_no_broken_internal_link(site) -> None:
    out, _ = site
    assert _broken_links(out) == []


def test_every_page_is_valid_html(site) -> None:
    out, _ = site
    parser = html5lib.HTMLParser(strict=True)
    invalid = []
    for page in _pages(out):
        try:
            parser.parse(page.read_bytes())
        except html5lib.html5parser.ParseError as exc:
            invalid.append(f"{page.relative_to(out)}: {exc}")
    assert invalid == []


def test_feeds_parse_and_name_the_latest_attack(site) -> None:
    out, _ = site
    for lang in ("fr", "en", "uk"):
        feed = ET.parse(out / f"feed.{lang}.xml").getroot()
        assert feed.tag == "{http://www.w3.org/2005/Atom}feed"
        first = feed.find("{http://www.w3.org/2005/Atom}entry/{http://www.w3.org/2005/Atom}id").text
        assert first == f"tag:skytally,2025:attack/2025-09-05/{lang}"


def test_reference_night_page_and_json(site) -> None:
    out, _ = site
    doc = json.loads((out / "api" / "attacks" / "2025-08-21.json").read_text("utf-8"))
    assert (doc["drones"], doc["missiles"], doc["total"]) == (574, 36, 610)
    page = (out / "attacks" / "2025-08-21" / "index.html").read_text("utf-8")
    assert "574" in page
    assert "610" in page
    # Links to a second wave keep its '#' escaped, and the file is named with the '#' itself.
    archive = (out / "attacks" / "index.html").read_text("utf-8")
    assert 'href="/attacks/2025-09-02%232/"' in archive
    assert "2025-09-02#2" in (out / "api" / "attacks" / "2025-09-02#2.json").read_text("utf-8")


def test_check_page_says_it_needs_the_server(site) -> None:
    out, _ = site
    page = (out / "check" / "index.html").read_text("utf-8")
    assert "needs the live server" in page
    assert 'method="post"' not in page.lower()


def test_publish_again_rewrites_nothing_and_only_updates_listings(site, small_db: Path) -> None:
    out, first = site
    stamps = {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()}
    again = publish(small_db, out)
    assert (again.written, again.unchanged, again.files) == (0, first.files, first.files)
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file()} == stamps
    partial = publish(small_db, out, only=["2025-08-21"])
    assert partial.failed == []
    assert partial.written == 0
    assert partial.files < first.files / 2
    assert not [p for p in out.rglob(".*.tmp")]


def test_cli_publish_with_a_base_url(small_db: Path, tmp_path: Path) -> None:
    base = "https://example.org/skytally"
    result = CliRunner().invoke(main, ["publish", str(tmp_path), "--base-url", base, "--db", str(small_db)])
    assert result.exit_code == 0, result.output
    assert " pages, " in result.output
    page = (tmp_path / "attacks" / "2025-08-21" / "index.html").read_text("utf-8")
    assert f'href="{base}/attacks/2025-08-20/"' in page
    assert _broken_links(tmp_path, base) == []
    feed = ET.parse(tmp_path / "feed.en.xml").getroot()
    assert feed.find("{http://www.w3.org/2005/Atom}link[@rel='self']").get("href") == f"{base}/feed.en.xml"


def test_publish_from_a_site_reuses_it(site, small_db: Path) -> None:
    """The morning watch passes its Site: the same files come out; another base URL is refused."""
    from skytally.errors import DataError
    from skytally.web.site import Site

    out, _ = site
    live = Site(small_db)
    result = publish(live, out, only=["2025-09-05"])
    assert (result.failed, result.written) == ([], 0)
    with pytest.raises(DataError, match="differs from the site's"):
        publish(live, out, base_url="https://example.org/other")
