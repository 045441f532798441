"""The events and regions data files: shipped files valid, malformed ones refused with their location."""

from __future__ import annotations

import pytest

from skytally.context import load_events, load_region_map, parse_events, summarise_regions
from skytally.context.events import find_event
from skytally.context.regions import parse_region_map
from skytally.errors import DataError, NotFoundError
from tests.context.conftest import make_attack

HEADER = "id,date,name_en,name_fr,name_uk,kind,source_url\n"
GOOD = "x,2025-08-18,a,b,c,diplomacy,https://example.org\n"


def test_shipped_events_have_a_public_source_each() -> None:
    events = load_events()
    assert all(e.source_url.startswith("https://") for e in events)
    assert [e.date for e in events] == sorted(e.date for e in events)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id,date\n" + GOOD, "events.csv:1: missing column(s) name_en"),
        (HEADER + "x,18/08/2025,a,b,c,diplomacy,https://e.org\n", "events.csv:2: field 'date': expected a date"),
        (HEADER + "x,2025-08-18,a,,c,diplomacy,https://e.org\n", "events.csv:2: field 'name_fr': expected a name"),
        (HEADER + "x,2025-08-18,a,b,c,party,https://e.org\n", "events.csv:2: field 'kind': expected one of war"),
        (HEADER + "x,2025-08-18,a,b,c,war,ftp://e.org\n", "events.csv:2: field 'source_url': expected a public"),
        (HEADER + GOOD + GOOD, "events.csv:3: field 'id': id 'x' already used on line 2"),
        (HEADER + "Bad Id,2025-08-18,a,b,c,war,https://e.org\n", "events.csv:2: field 'id': expected a lower-case"),
    ],
    ids=["columns", "date", "name", "kind", "url", "duplicate", "id"],
)
def test_bad_events_file(text: str, message: str) -> None:
    with pytest.raises(DataError) as raised:
        parse_events(text)
    assert str(raised.value).startswith(message)


def test_find_event_ambiguous_and_unknown() -> None:
    events = load_events()
    with pytest.raises(NotFoundError, match="several events match 'meeting'"):
        find_event(events, "meeting")
    with pytest.raises(NotFoundError, match="no event matches 'moon landing'"):
        find_event(events, "moon landing")


def test_every_region_in_the_dataset_is_placed(ledger) -> None:
    """Every `affected region` name of the shared dataset maps to a macro-region, or is declared unplaced."""
    region_map = load_region_map()
    names = {name for a in ledger.attacks() for name in a.affected_regions}
    unknown = sorted(n for n in names if region_map.oblast(n) is None and n not in region_map.unplaced)
    assert unknown == []


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[macro.west]\nen='w'\n", "field 'macro.west.fr': expected a label"),
        (
            "[macro.w]\nen='w'\nfr='w'\nuk='w'\nregions_en='w'\nregions_fr='w'\nregions_uk='w'\n"
            "[oblast.X]\nmacro='nowhere'\nen='x'\nfr='x'\nuk='x'\n",
            "field 'oblast.X.macro': expected a macro-region",
        ),
        ("not toml ===", "regions.toml: not valid TOML"),
    ],
    ids=["label", "macro", "toml"],
)
def test_bad_regions_file(text: str, message: str) -> None:
    with pytest.raises(DataError, match=message):
        parse_region_map(text)


@pytest.mark.parametrize(
    ("regions", "leading", "dominance"),
    [
        (("Lviv oblast", "Volyn oblast", "Odesa oblast"), ("west",), "majority"),
        (("Lviv oblast", "Odesa oblast"), ("west", "south"), "tied"),
        (("Lutsk oblast", "Rivne oblast"), ("west",), "all"),
        ((), (), "none"),
    ],
    ids=["majority", "tied", "alias-all", "none"],
)
def test_region_dominance(regions: tuple[str, ...], leading: tuple[str, ...], dominance: str) -> None:
    summary = summarise_regions(make_attack("2025-01-01", drones=1, regions=regions))
    assert (summary.leading, summary.dominance) == (leading, dominance)


def test_directions_across_macro_regions_are_not_split() -> None:
    attack = make_attack("2025-01-01", drones=9, directions={"west": 5, "Vinnytsia oblast and Rivne oblast": 4})
    summary = summarise_regions(attack, load_region_map())
    assert summary.destroyed_by_macro == {"west": 5}
    assert any("cannot be placed in one macro-region" in c for c in summary.caveats)


def test_unknown_region_is_unplaced_not_guessed() -> None:
    summary = summarise_regions(make_attack("2025-01-01", drones=1, regions=("Atlantis oblast",)))
    assert summary.unplaced == ("Atlantis oblast",)
    assert summary.dominance == "none"
